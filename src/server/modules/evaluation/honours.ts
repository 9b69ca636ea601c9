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

export interface DueReminder {
  id: number;
  enterpriseId: number;
  tierCode: string;
  validUntil: string;
  dueOn: string;
}

/**
 * The users responsible for each firm's honours, besides the firm's own users: the city bureau's staff
 * (city admin and analyst), the district users whose zone holds the firm (its registered district), and the
 * park operators of the parks the firm occupies on `on` (an operator's parks with their sub-parks, as in
 * platform/policy/zones.ts). Disabled users are left out.
 */
export async function officersOf(tx: Db, firmIds: readonly number[], on: string): Promise<Map<number, number[]>> {
  const rows = await tx.query<{ enterprise_id: number; user_id: number }>(
    `with recursive op as (
       select op.organisation_id, op.park_id from organisation_parks op
       union select op.organisation_id, p.id from parks p join op on p.parent_id = op.park_id)
     select e.id as enterprise_id, u.id as user_id
       from enterprises e cross join users u join organisations o on o.id = u.organisation_id
      where e.id = any($1::int[]) and not u.disabled
        and (u.role in ('city_admin', 'city_analyst')
             or (u.role = 'district_user' and e.region_code is not null and e.region_code = any(o.region_codes)))
     union
     select oc.enterprise_id, u.id
       from occupancies oc join units un on un.id = oc.unit_id join floors f on f.id = un.floor_id
       join buildings b on b.id = f.building_id join op on op.park_id = b.park_id
       join users u on u.organisation_id = op.organisation_id
      where oc.enterprise_id = any($1::int[]) and u.role = 'park_operator' and not u.disabled
        and (oc.started_on is null or oc.started_on <= $2::date) and (oc.ended_on is null or oc.ended_on >= $2::date)
     order by 1, 2`,
    [[...new Set(firmIds)], on],
  );
  const out = new Map<number, number[]>();
  for (const r of rows) out.set(r.enterprise_id, [...(out.get(r.enterprise_id) ?? []), r.user_id]);
  return out;
}

type TierNames = Map<string, { name_zh: string; name_en: string }>;
async function tierNames(tx: Db): Promise<TierNames> {
  const rows = await tx.query<{ code: string; name_zh: string; name_en: string }>(
    'select code, name_zh, name_en from tiers',
  );
  return new Map(rows.map((t) => [t.code, t]));
}
async function firmNames(tx: Db, ids: readonly number[]) {
  const rows = await tx.query<{ id: number; name: string }>(
    'select id, name from enterprises where id = any($1::int[])',
    [[...new Set(ids)]],
  );
  return new Map(rows.map((f) => [f.id, f.name]));
}

/**
 * What a notice about an honour names (the firm, the honour in zh and en, its expiry: nothing confidential)
 * and the officers of `officersOf` to tell, for each row whose firm still exists.
 */
async function honourNotices<R extends { enterpriseId: number; tierCode: string; validUntil: string }>(
  tx: Db,
  rows: R[],
  on: string,
) {
  const ids = rows.map((r) => r.enterpriseId);
  const [names, tiers, officers] = [await firmNames(tx, ids), await tierNames(tx), await officersOf(tx, ids, on)];
  return rows.flatMap((r) => {
    const name = names.get(r.enterpriseId);
    if (name === undefined) return [];
    const tier = tiers.get(r.tierCode);
    const params = {
      enterpriseId: r.enterpriseId,
      enterpriseName: name,
      tierName: tier?.name_zh ?? r.tierCode,
      tierNameEn: tier?.name_en ?? r.tierCode,
      validUntil: r.validUntil,
    };
    return [{ row: r, params, officers: officers.get(r.enterpriseId) ?? [] }];
  });
}

/** The tier tab's list of honours, as a link: `due` (re-reviews due within `withinDays`) or `lapsed` ones. */
export const honoursLink = (show: 'due' | 'lapsed', withinDays?: number) =>
  `/evaluation?tab=tiers&honours=${show}${withinDays ? `&within=${withinDays}` : ''}`;

/**
 * One digest per officer of the firms' notices: each officer of `officersOf` is told how many firms (and
 * honours) of their scope the run added, and the latest expiry among them — not one message per honour
 * (a batch of honours ending on one day would otherwise fill an officer's bell with dozens).
 */
async function notifyOfficersDigest(
  tx: Db,
  kind: 'evaluation.review_due_digest' | 'evaluation.lapsed_digest',
  notices: { row: { enterpriseId: number; validUntil: string }; officers: number[] }[],
  link: string,
): Promise<void> {
  const per = new Map<number, { firms: Set<number>; honours: number; validUntil: string }>();
  for (const { row, officers } of notices)
    for (const u of officers) {
      const d = per.get(u) ?? { firms: new Set<number>(), honours: 0, validUntil: row.validUntil };
      d.firms.add(row.enterpriseId);
      d.honours += 1;
      if (row.validUntil > d.validUntil) d.validUntil = row.validUntil;
      per.set(u, d);
    }
  // Officers with the same digest share one insert.
  const groups = new Map<
    string,
    { userIds: number[]; params: { count: number; honours: number; validUntil: string } }
  >();
  for (const [u, d] of per) {
    const params = { count: d.firms.size, honours: d.honours, validUntil: d.validUntil };
    const key = `${params.count}:${params.honours}:${params.validUntil}`;
    const g = groups.get(key) ?? { userIds: [], params };
    g.userIds.push(u);
    groups.set(key, g);
  }
  for (const { userIds, params } of groups.values()) await notify(tx, { userIds, kind, params, link });
}

/**
 * Tells each new re-review reminder through the platform inbox, on the transaction that records it: the
 * firm's own users, one notice per honour (their honour is due for 复核), and the officers responsible for
 * cultivating it (`officersOf`: city bureau, the firm's district, the operators of its parks) one digest per
 * run, linking to the tier tab's list of re-reviews due. The reminder row's once-only key (firm, tier, window)
 * keeps each honour to one run, so a rerun that adds no reminder tells nobody.
 */
export async function notifyInboxOfReReviewDue(
  tx: Db,
  reminders: DueReminder[],
  on: string,
  withinDays?: number,
): Promise<void> {
  if (reminders.length === 0) return;
  const notices = await honourNotices(tx, reminders, on);
  for (const { row: r, params: p } of notices) {
    const params = { ...p, dueOn: r.dueOn };
    await notify(tx, {
      enterpriseId: r.enterpriseId,
      kind: 'evaluation.review_due',
      params,
      link: '/evaluation?tab=tiers',
    });
  }
  await notifyOfficersDigest(tx, 'evaluation.review_due_digest', notices, honoursLink('due', withinDays));
}

export interface LapsedHonour {
  id: number;
  enterpriseId: number;
  tierCode: string;
  validUntil: string;
}

/**
 * Tells each newly recorded lapse (an honour whose validity ended without a renewal) through the inbox, on
 * the transaction that records it: to the firm's users one notice per honour, to the officers of `officersOf`
 * one digest per run (linking to the tier tab's lapsed honours). The messages name the firm, the honour and
 * the date, or count firms — nothing confidential. The lapse row's key (firm, tier, expiry) keeps it to one
 * per honour and expiry; the dedupe key holds each firm user to one even if a row were re-made.
 */
export async function notifyInboxOfLapse(tx: Db, lapses: LapsedHonour[], on: string): Promise<void> {
  if (lapses.length === 0) return;
  const notices = await honourNotices(tx, lapses, on);
  for (const { row: r, params } of notices) {
    await notify(tx, {
      enterpriseId: r.enterpriseId,
      kind: 'evaluation.lapsed',
      params,
      link: '/evaluation?tab=tiers',
      dedupe: `evaluation.lapsed:${r.enterpriseId}:${r.tierCode}:${r.validUntil}`,
    });
  }
  await notifyOfficersDigest(tx, 'evaluation.lapsed_digest', notices, honoursLink('lapsed'));
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
