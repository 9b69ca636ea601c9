/**
 * Honours that expire (re-review due) and their reminders. A reminder is written once per firm, tier
 * and expiry date (the honour's validity window) by the job 'evaluation.remind', with its change_log
 * row, in one transaction: the unique key (enterprise_id, tier_code, valid_until) and `on conflict do
 * nothing` keep it to one under re-runs and two workers at once. The job is queued on a schedule once
 * the server listens (startHonourReminders), and by an administrator at will.
 */
import type { Db } from '../../../db/connect.js';
import { AppError } from '../../lib/errors.js';
import { Sql } from '../../lib/sql.js';
import { type AuditCtx, writeAudit } from '../../platform/audit.js';
import { notify } from '../../platform/inbox/index.js';
import { throwIfCancelled } from '../../platform/jobs/index.js';
import { inCity } from './repository.js';

/** Re-review applications are due this many days before the honour expires (assumption, configurable later). */
export const REVIEW_LEAD_DAYS = 90;

/** The scheduled job reminds of honours expiring within this many days (PARKLINK_HONOUR_REMIND_DAYS). */
export const REMIND_WITHIN_DAYS = Math.min(
  730,
  Math.max(1, Number(process.env.PARKLINK_HONOUR_REMIND_DAYS ?? 180) || 180),
);
/** How often the scheduled job is queued (PARKLINK_HONOUR_REMIND_SECONDS; 0 = never). */
const REMIND_EVERY_MS = Number(process.env.PARKLINK_HONOUR_REMIND_SECONDS ?? 6 * 3600) * 1000;
const TIMERS = new WeakMap<Db, NodeJS.Timeout>();

/**
 * Queues 'evaluation.remind' now and every few hours with the configured window as of today. Each run
 * writes only the reminders not yet written, so the schedule (and any number of workers) is harmless.
 */
export function startHonourReminders(
  db: Db,
  send: (data: { withinDays: number; on: string }) => Promise<unknown>,
): void {
  if (TIMERS.has(db) || !(REMIND_EVERY_MS > 0)) return;
  const tick = () => send({ withinDays: REMIND_WITHIN_DAYS, on: new Date().toISOString().slice(0, 10) });
  const t = setInterval(() => void tick().catch(() => undefined), REMIND_EVERY_MS);
  t.unref();
  TIMERS.set(db, t);
  void tick().catch(() => undefined);
}

export interface DueReminder {
  id: number;
  enterpriseId: number;
  tierCode: string;
  validUntil: string;
  dueOn: string;
}

/**
 * Tells each new re-review reminder through the platform inbox, on the transaction that records it: the
 * firm's own users (their honour is due for 复核) and the officers responsible for cultivating it — the
 * city bureau's staff (city admin and analyst) and the district users whose zone holds the firm. The
 * reminder row's once-only key (firm, tier, window) keeps it to one notification per honour and window.
 */
export async function notifyInboxOfReReviewDue(tx: Db, reminders: DueReminder[]): Promise<void> {
  if (reminders.length === 0) return;
  const firms = await tx.query<{ id: number; name: string; region_code: string | null }>(
    'select id, name, region_code from enterprises where id = any($1::int[])',
    [[...new Set(reminders.map((r) => r.enterpriseId))]],
  );
  const firmOf = new Map(firms.map((f) => [f.id, f]));
  const tiers = new Map(
    (
      await tx.query<{ code: string; name_zh: string; name_en: string }>('select code, name_zh, name_en from tiers')
    ).map((t) => [t.code, t]),
  );
  const officers = await tx.query<{ id: number; role: string; region_codes: string[] }>(
    `select u.id, u.role, o.region_codes from users u join organisations o on o.id = u.organisation_id
      where not u.disabled and u.role in ('city_admin', 'city_analyst', 'district_user')`,
  );
  for (const r of reminders) {
    const firm = firmOf.get(r.enterpriseId);
    if (!firm) continue;
    const tier = tiers.get(r.tierCode);
    const responsible = officers
      .filter(
        (u) => u.role !== 'district_user' || (firm.region_code !== null && u.region_codes.includes(firm.region_code)),
      )
      .map((u) => u.id);
    const params = {
      enterpriseId: firm.id,
      enterpriseName: firm.name,
      tierName: tier?.name_zh ?? r.tierCode,
      tierNameEn: tier?.name_en ?? r.tierCode,
      validUntil: r.validUntil,
      dueOn: r.dueOn,
    };
    // The firm reads its own tier page; the officers the tier tab's list of expiring honours.
    await notify(tx, { enterpriseId: firm.id, kind: 'evaluation.review_due', params, link: '/evaluation?tab=tiers' });
    await notify(tx, {
      userIds: responsible,
      kind: 'evaluation.review_due',
      params,
      link: '/evaluation?tab=tiers',
    });
  }
}

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
    await notifyInboxOfReReviewDue(
      tx,
      rows.map((r) => ({
        id: r.id,
        enterpriseId: r.enterprise_id,
        tierCode: r.tier_code,
        validUntil: r.valid_until,
        dueOn: r.due_on,
      })),
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
