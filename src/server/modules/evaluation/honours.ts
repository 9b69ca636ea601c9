/**
 * Honours that expire (re-review due) and their reminders. A reminder is written once per firm, tier
 * and expiry date by the job 'evaluation.remind', with its change_log row, in one transaction.
 */
import type { Db } from '../../../db/connect.js';
import { AppError } from '../../lib/errors.js';
import { Sql } from '../../lib/sql.js';
import { type AuditCtx, writeAudit } from '../../platform/audit.js';
import { throwIfCancelled } from '../../platform/jobs/index.js';
import { inCity } from './repository.js';

/** Re-review applications are due this many days before the honour expires (assumption, configurable later). */
export const REVIEW_LEAD_DAYS = 90;

export interface ExpiringHonour {
  enterpriseId: number;
  name: string;
  synthetic: boolean;
  regionCode: string | null;
  tierCode: string;
  year: number;
  validUntil: string;
  daysLeft: number;
  dueOn: string;
  reminded: boolean;
}

/**
 * Honours of the city's own firms expiring within `withinDays` of `on` (or lapsed in the last year), for
 * enterprises matching `where`.
 */
export async function expiringHonours(
  db: Db,
  opts: { on: string; withinDays: number; where?: string; q?: Sql },
): Promise<ExpiringHonour[]> {
  const q = opts.q ?? new Sql();
  const on = q.p(opts.on);
  const days = q.p(opts.withinDays);
  const lead = q.p(REVIEW_LEAD_DAYS);
  const rows = await db.query<Record<string, unknown>>(
    `select e.id as enterprise_id, e.name, e.synthetic, e.region_code, h->>'tierCode' as tier_code, (h->>'year')::int as year,
            (h->>'validUntil') as valid_until, ((h->>'validUntil')::date - ${on}::date) as days_left,
            ((h->>'validUntil')::date - ${lead}::int)::text as due_on,
            exists (select 1 from honour_reminders r where r.enterprise_id = e.id and r.tier_code = h->>'tierCode'
                      and r.valid_until = (h->>'validUntil')::date) as reminded
       from enterprises e cross join lateral jsonb_array_elements(e.honours) h
      where h ? 'validUntil' and h->>'validUntil' ~ '^\\d{4}-\\d{2}-\\d{2}$'
        and (h->>'validUntil')::date between ${on}::date - 365 and ${on}::date + ${days}::int
        and ${inCity()} and ${opts.where ?? 'true'}
      order by (h->>'validUntil')::date, e.name`,
    q.params,
  );
  return rows.map((r) => ({
    enterpriseId: r.enterprise_id as number,
    name: r.name as string,
    synthetic: r.synthetic as boolean,
    regionCode: (r.region_code as string | null) ?? null,
    tierCode: r.tier_code as string,
    year: r.year as number,
    validUntil: r.valid_until as string,
    daysLeft: r.days_left as number,
    dueOn: r.due_on as string,
    reminded: r.reminded as boolean,
  }));
}

export async function remindExpiring(
  db: Db,
  opts: { withinDays: number; on: string; jobId?: string },
  audit: AuditCtx,
  job?: { signal: AbortSignal; progress(p: { done: number; total: number; phase: string }): void },
) {
  if (opts.on > new Date().toISOString().slice(0, 10))
    throw new AppError(422, 'validation_failed', [
      {
        path: ['on'],
        code: 'evaluation.future_date',
        message: { zh: '提醒不能按未来的日期发送', en: 'Reminders cannot be sent as of a future date' },
      },
    ]);
  const due = (await expiringHonours(db, { on: opts.on, withinDays: opts.withinDays })).filter(
    (h) => !h.reminded && h.daysLeft >= 0,
  );
  job?.progress({ done: 0, total: due.length, phase: 'remind' });
  if (job) throwIfCancelled(job.signal);
  const created = await db.tx(async (tx) => {
    if (due.length === 0) return [];
    const rows = await tx.query<{
      id: number;
      enterprise_id: number;
      tier_code: string;
      valid_until: string;
      due_on: string;
    }>(
      `insert into honour_reminders (enterprise_id, tier_code, valid_until, due_on, job_id)
       select x.enterprise_id, x.tier_code, x.valid_until, x.due_on, $2::uuid
         from jsonb_to_recordset($1::jsonb) as x(enterprise_id int, tier_code text, valid_until date, due_on date)
       on conflict do nothing
       returning id, enterprise_id, tier_code, valid_until::text as valid_until, due_on::text as due_on`,
      [
        JSON.stringify(
          due.map((h) => ({
            enterprise_id: h.enterpriseId,
            tier_code: h.tierCode,
            valid_until: h.validUntil,
            due_on: h.dueOn,
          })),
        ),
        opts.jobId ?? null,
      ],
    );
    await writeAudit(
      tx,
      audit,
      rows.map((r) => ({
        entity: 'honour_reminders',
        entityId: r.id,
        action: 'create' as const,
        new: { enterpriseId: r.enterprise_id, tierCode: r.tier_code, validUntil: r.valid_until, dueOn: r.due_on },
      })),
    );
    return rows;
  });
  job?.progress({ done: due.length, total: due.length, phase: 'done' });
  return {
    created: created.length,
    reminders: created.map((r) => ({
      id: r.id,
      enterpriseId: r.enterprise_id,
      tierCode: r.tier_code,
      validUntil: r.valid_until,
      dueOn: r.due_on,
    })),
  };
}
