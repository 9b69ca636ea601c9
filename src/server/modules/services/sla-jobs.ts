/**
 * SLA timers as jobs ('services.sla-sweep'): every open ticket carries next_check_at (its warning
 * point, held to the receiving team's service hours); the sweep takes those that are due, escalates
 * what decideEscalation says to (park butlers → the agency that owns the category → the city), and
 * stores the next check. 'services.sla-recompute' recomputes every open ticket's due times after a
 * change of calendar, service hours or targets. The app queues a sweep every few minutes (manifest
 * onListen); an administrator may queue one at once (POST /api/v1/services/sla/sweep).
 */
import type { Db } from '../../../db/connect.js';
import { decideEscalation, type SlaTarget } from '../../../domain/services/sla.js';
import { type AuditCtx, writeAudit } from '../../platform/audit.js';
import { notify } from '../../platform/inbox/index.js';
import { defineJob, jobsOf, throwIfCancelled } from '../../platform/jobs/index.js';
import * as store from './ticket-store.js';
import { loadSla, refreshTicket, type SlaContext } from './tickets.js';

export interface SweepResult {
  checked: number;
  escalated: number;
  deferred: number;
}

const NEXT_LEVEL = { park: null, district: 'city', city: null } as const;

/** Where an escalation goes from a ticket's level: the category's owner above the park, then the city. */
async function escalationTarget(
  tx: Db,
  r: store.TicketRow,
): Promise<{ level: 'district' | 'city'; team: number | null }> {
  if (r.level === 'park') {
    const [c] = await tx.query<{ owner_level: 'district' | 'city' }>(
      'select owner_level from service_categories where code = $1',
      [r.category_code],
    );
    if (c?.owner_level === 'district') {
      const [e] = await tx.query<{ region_code: string | null }>('select region_code from enterprises where id = $1', [
        r.enterprise_id,
      ]);
      const d = await store.districtAgency(tx, e?.region_code ?? null, r.park_id);
      if (d) return { level: 'district', team: d };
    }
    return { level: 'city', team: await store.cityAgency(tx) };
  }
  const next = NEXT_LEVEL[r.level as keyof typeof NEXT_LEVEL];
  return { level: next ?? 'city', team: next ? await store.cityAgency(tx) : r.team_organisation_id };
}

/** Checks the tickets whose next check is due at `now`; each in its own transaction. */
export async function sweep(db: Db, now: number, audit?: AuditCtx, signal?: AbortSignal): Promise<SweepResult> {
  const due = await db.query<{ id: number }>(
    `select id from service_tickets where status in ('open', 'waiting_enterprise') and next_check_at <= $1
      order by next_check_at limit 5000`,
    [new Date(now)],
  );
  const out: SweepResult = { checked: 0, escalated: 0, deferred: 0 };
  const sla = await loadSla(db);
  for (const { id } of due) {
    if (signal) throwIfCancelled(signal);
    out.checked++;
    await db.tx(async (tx) => {
      // Lock the ticket so two sweeps (two processes) cannot escalate it twice.
      await tx.query('select id from service_tickets where id = $1 for update', [id]);
      const [r] = await tx.query<store.TicketRow>(`select * from ${store.TICKETS} t where t.id = $1`, [id]);
      if (!r) return;
      const pauses = (await store.pausesOf(tx, [id])).get(id) ?? [];
      const done = await store.escalatedTargets(tx, id, r.reopened_at);
      const target = await escalationTarget(tx, r);
      const clock = sla.clocks.of(r.team_organisation_id);
      const d = decideEscalation(
        clock,
        sla.clocks.of(target.team),
        {
          createdAt: r.created_at.getTime(),
          resolutionFrom: r.reopened_at?.getTime() ?? null,
          firstResponseAt: r.first_response_at?.getTime() ?? null,
          resolvedAt: r.resolved_at?.getTime() ?? null,
          pauses,
        },
        sla.table.of(r.category_code, r.team_organisation_id),
        done,
        now,
      );
      if (d.escalate.length === 0) {
        if (d.nextCheckAt !== null && d.nextCheckAt > now) out.deferred++;
        await tx.query('update service_tickets set next_check_at = $2 where id = $1', [
          id,
          d.nextCheckAt === null ? null : new Date(d.nextCheckAt),
        ]);
        return;
      }
      await escalate(tx, r, d.escalate, target, now, audit, sla);
      out.escalated++;
    });
  }
  return out;
}

async function escalate(
  tx: Db,
  r: store.TicketRow,
  targets: { target: SlaTarget; reason: string; dueAt: number | null }[],
  to: { level: 'district' | 'city'; team: number | null },
  now: number,
  audit: AuditCtx | undefined,
  sla: SlaContext,
): Promise<void> {
  const at = new Date(now);
  for (const t of targets)
    await tx.query(
      `insert into service_escalations (ticket_id, target, from_level, to_level, to_organisation_id, due_at, escalated_at)
       values ($1, $2, $3, $4, $5, $6, $7) on conflict (ticket_id, target) do update set from_level = excluded.from_level, to_level = excluded.to_level,
         to_organisation_id = excluded.to_organisation_id, due_at = excluded.due_at, escalated_at = excluded.escalated_at`,
      [r.id, t.target, r.level, to.level, to.team, t.dueAt === null ? null : new Date(t.dueAt), at],
    );
  const moves = to.team !== r.team_organisation_id || to.level !== r.level;
  await tx.query(
    `update service_tickets set level = $2, team_organisation_id = $3, assignee_user_id = case when $4 then null else assignee_user_id end,
       escalations = escalations + $5, version = version + 1, updated_at = $6 where id = $1`,
    [r.id, to.level, to.team, moves, targets.length, at],
  );
  await store.addMessage(tx, {
    ticketId: r.id,
    kind: 'event',
    authorUserId: null,
    authorName: 'system',
    fromEnterprise: false,
    body: `escalated:${targets.map((t) => `${t.target}/${t.reason}`).join(',')}→${to.level}`,
    at,
  });
  await writeAudit(
    tx,
    { ...audit, via: audit?.via ?? 'job:services.sla-sweep' },
    {
      entity: 'service_tickets',
      entityId: r.id,
      action: 'update',
      old: { level: r.level, teamOrganisationId: r.team_organisation_id, escalations: r.escalations },
      new: {
        level: to.level,
        teamOrganisationId: to.team,
        escalations: r.escalations + targets.length,
        escalated: targets.map((t) => t.target),
      },
    },
  );
  if (to.team !== null && to.team !== r.team_organisation_id)
    await notify(tx, {
      organisationId: to.team,
      kind: 'services.escalated',
      params: { ticketId: r.id, ticketTitle: r.title, level: to.level },
      link: '/services/queue',
    });
  await refreshTicket(tx, r.id, now, sla);
}

/** Recomputes every open ticket's due times and next check (after a calendar or target change). */
export async function recomputeAll(
  db: Db,
  now: number,
  progress?: (done: number, total: number) => void,
): Promise<number> {
  const ids = await db.query<{ id: number }>(
    `select id from service_tickets where status in ('open', 'waiting_enterprise') order by id`,
  );
  const sla = await loadSla(db);
  let n = 0;
  for (const { id } of ids) {
    await refreshTicket(db, id, now, sla);
    if (++n % 200 === 0) progress?.(n, ids.length);
  }
  return n;
}

export const sweepJob = defineJob<{ at?: string; audit?: AuditCtx }, SweepResult>({
  name: 'services.sla-sweep',
  expireInSeconds: 10 * 60,
  retryLimit: 1,
  async run(data, job) {
    return sweep(job.db, data.at ? Date.parse(data.at) : Date.now(), data.audit, job.signal);
  },
});

export const recomputeJob = defineJob<{ at?: string }, { tickets: number }>({
  name: 'services.sla-recompute',
  expireInSeconds: 30 * 60,
  retryLimit: 1,
  async run(data, job) {
    const tickets = await recomputeAll(job.db, data.at ? Date.parse(data.at) : Date.now(), (done, total) =>
      job.progress({ done, total, phase: 'recompute' }),
    );
    return { tickets };
  },
});

const SWEEP_EVERY_MS = Number(process.env.PARKLINK_SLA_SWEEP_SECONDS ?? 300) * 1000;
const TIMERS = new WeakMap<Db, NodeJS.Timeout>();

/** Queues a sweep every few minutes while tickets are due for a check (none: no job row is made). */
export function startSweeps(db: Db): void {
  if (TIMERS.has(db) || SWEEP_EVERY_MS <= 0) return;
  const tick = async () => {
    const [due] = await db.query(
      `select 1 from service_tickets where status in ('open', 'waiting_enterprise') and next_check_at <= now() limit 1`,
    );
    if (due) await jobsOf(db).send(sweepJob, {}, { ownerUserId: null, label: 'SLA' });
  };
  const t = setInterval(() => void tick().catch(() => {}), SWEEP_EVERY_MS);
  t.unref();
  TIMERS.set(db, t);
}
