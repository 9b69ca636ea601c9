/**
 * Honours that expire (re-review due) and their reminders, and honours that lapsed. A reminder, and a
 * lapse notice, is written once per firm, tier and expiry date (the honour's validity window) by the job
 * 'evaluation.remind', with its change_log row and inbox notifications (per honour to the firm, one digest
 * per run to each officer), in one transaction: the unique
 * keys (enterprise_id, tier_code, valid_until) and `on conflict do nothing` keep it to one under re-runs
 * and two workers at once. The job is queued on a schedule once
 * the server listens (startHonourReminders), and by an administrator at will.
 */
import type { Db } from '../../../db/connect.js';
import { AppError } from '../../lib/errors.js';
import { Sql } from '../../lib/sql.js';
import { type AuditCtx, writeAudit } from '../../platform/audit.js';
import { throwIfCancelled } from '../../platform/jobs/index.js';
import { notifyInboxOfLapse, notifyInboxOfReReviewDue } from './honour-notices.js';
import { inCity } from './repository.js';

/** Re-review applications are due this many days before the honour expires (assumption, configurable later). */
export const REVIEW_LEAD_DAYS = 90;

/** The scheduled job reminds of honours expiring within this many days (PARKLINK_HONOUR_REMIND_DAYS). */
export const REMIND_WITHIN_DAYS = Math.min(
  730,
  Math.max(1, Number(process.env.PARKLINK_HONOUR_REMIND_DAYS ?? 180) || 180),
);
/**
 * A lapse is news for this many days at least (PARKLINK_HONOUR_LAPSE_DAYS): a run tells the lapses since the
 * previous run, or of the last 30 days when that is longer (the first run, a run after a short gap), never
 * the lapses of a year at once — older ones are listed as lapsed on the tier tab, not announced.
 */
export const LAPSE_NOTICE_DAYS = Math.min(365, Math.max(1, Number(process.env.PARKLINK_HONOUR_LAPSE_DAYS ?? 30) || 30));
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
  /** A later grant of the same honour exists (a later expiry, or a later year without one). */
  renewed: boolean;
  /** Its expiry date has passed and it was not renewed: 失效. */
  lapsed: boolean;
  /** The lapse was told (inbox) by the remind job. */
  lapseNotified: boolean;
}

/**
 * Honours of the city's own firms expiring within `withinDays` of `on` (or expired in the last year), for
 * enterprises matching `where`; each says whether it was renewed (a later grant of the same honour) and
 * whether it lapsed (expired before `on` without renewal).
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
                      and r.valid_until = (h->>'validUntil')::date) as reminded,
            exists (select 1 from jsonb_array_elements(e.honours) g
                     where g->>'tierCode' = h->>'tierCode'
                       and case when g->>'validUntil' is null then (g->>'year')::int > (h->>'year')::int
                                when g->>'validUntil' ~ '^\\d{4}-\\d{2}-\\d{2}$'
                                  then (g->>'validUntil')::date > (h->>'validUntil')::date
                                else false end) as renewed,
            exists (select 1 from honour_lapses l where l.enterprise_id = e.id and l.tier_code = h->>'tierCode'
                      and l.valid_until = (h->>'validUntil')::date) as lapse_notified
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
    renewed: r.renewed as boolean,
    lapsed: (r.days_left as number) < 0 && !(r.renewed as boolean),
    lapseNotified: r.lapse_notified as boolean,
  }));
}

/**
 * The first day of the lapses a run as of `on` tells: the day of the latest earlier run (its lapses since
 * then are new), or `on` − LAPSE_NOTICE_DAYS when that is earlier — so the first run ever, on a database
 * whose honours lapsed over years, tells only the recent ones — and never before `on` − 365 (the list's reach).
 */
export async function lapseWindowStart(db: Db, on: string): Promise<string> {
  const [r] = await db.query<{ since: string }>(
    `select greatest($1::date - 365,
              least($1::date - $2::int, coalesce((select max(on_date) from honour_remind_runs where on_date <= $1::date),
                                                 $1::date)))::text as since`,
    [on, LAPSE_NOTICE_DAYS],
  );
  return (r as { since: string }).since;
}

/**
 * The remind job's work as of `on`: a re-review reminder for each honour expiring within `withinDays` not
 * yet reminded (nor renewed), and a lapse notice for each honour that expired without a renewal since
 * `lapseWindowStart` and was not yet told — each written once (unique keys, `on conflict do nothing`) with its inbox
 * notifications and audit rows on one transaction.
 */
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
  const honours = await expiringHonours(db, { on: opts.on, withinDays: opts.withinDays });
  const lapsesSince = await lapseWindowStart(db, opts.on);
  const due = honours.filter((h) => !h.reminded && !h.renewed && h.daysLeft >= 0);
  const lapsed = honours.filter((h) => h.lapsed && !h.lapseNotified && h.validUntil >= lapsesSince);
  const total = due.length + lapsed.length;
  job?.progress({ done: 0, total, phase: 'remind' });
  if (job) throwIfCancelled(job.signal);
  const { created, lapses } = await db.tx(async (tx) => {
    const created =
      due.length === 0
        ? []
        : await tx.query<{ id: number; enterprise_id: number; tier_code: string; valid_until: string; due_on: string }>(
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
      created.map((r) => ({
        id: r.id,
        enterpriseId: r.enterprise_id,
        tierCode: r.tier_code,
        validUntil: r.valid_until,
        dueOn: r.due_on,
      })),
      opts.on,
      opts.withinDays,
    );
    const lapses =
      lapsed.length === 0
        ? []
        : await tx.query<{ id: number; enterprise_id: number; tier_code: string; valid_until: string }>(
            `insert into honour_lapses (enterprise_id, tier_code, valid_until, job_id)
             select x.enterprise_id, x.tier_code, x.valid_until, $2::uuid
               from jsonb_to_recordset($1::jsonb) as x(enterprise_id int, tier_code text, valid_until date)
             on conflict do nothing
             returning id, enterprise_id, tier_code, valid_until::text as valid_until`,
            [
              JSON.stringify(
                lapsed.map((h) => ({
                  enterprise_id: h.enterpriseId,
                  tier_code: h.tierCode,
                  valid_until: h.validUntil,
                })),
              ),
              opts.jobId ?? null,
            ],
          );
    await notifyInboxOfLapse(
      tx,
      lapses.map((r) => ({
        id: r.id,
        enterpriseId: r.enterprise_id,
        tierCode: r.tier_code,
        validUntil: r.valid_until,
      })),
      opts.on,
    );
    const [run] = await tx.query<{ id: number }>(
      `insert into honour_remind_runs (on_date, lapses_since, reminded, lapsed, job_id)
       values ($1, $2, $3, $4, $5::uuid) returning id`,
      [opts.on, lapsesSince, created.length, lapses.length, opts.jobId ?? null],
    );
    await writeAudit(tx, audit, [
      {
        entity: 'honour_remind_runs',
        entityId: (run as { id: number }).id,
        action: 'create' as const,
        new: { on: opts.on, lapsesSince, reminded: created.length, lapsed: lapses.length },
      },
      ...created.map((r) => ({
        entity: 'honour_reminders',
        entityId: r.id,
        action: 'create' as const,
        new: { enterpriseId: r.enterprise_id, tierCode: r.tier_code, validUntil: r.valid_until, dueOn: r.due_on },
      })),
      ...lapses.map((r) => ({
        entity: 'honour_lapses',
        entityId: r.id,
        action: 'create' as const,
        new: { enterpriseId: r.enterprise_id, tierCode: r.tier_code, validUntil: r.valid_until },
      })),
    ]);
    return { created, lapses };
  });
  job?.progress({ done: total, total, phase: 'done' });
  return {
    created: created.length,
    reminders: created.map((r) => ({
      id: r.id,
      enterpriseId: r.enterprise_id,
      tierCode: r.tier_code,
      validUntil: r.valid_until,
      dueOn: r.due_on,
    })),
    lapsed: lapses.length,
    lapsesSince,
    lapses: lapses.map((r) => ({
      id: r.id,
      enterpriseId: r.enterprise_id,
      tierCode: r.tier_code,
      validUntil: r.valid_until,
    })),
  };
}
