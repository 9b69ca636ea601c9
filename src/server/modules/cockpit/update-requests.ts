/**
 * Update requests: a bureau or operator asks the organisation that owns stale facts to confirm or
 * update them. The owner sees a task with just those facts, pre-filled with their current values;
 * confirming a value unchanged moves its as-of date to today without changing it; every answer is
 * audited with the record it moved. Reminders and escalation run as a job (jobs.ts).
 */
import type { z } from 'zod';
import type {
  FactKind,
  TUpdateRequest,
  ZUpdateAnswer,
  ZUpdateClose,
  ZUpdateRequestInput,
} from '../../../contracts/cockpit.js';
import { fieldProblem } from '../../../contracts/errors.js';
import type { Db } from '../../../db/connect.js';
import { addDays } from '../../../domain/cockpit/staleness.js';
import { AppError, forbidden, invalid, notFound } from '../../lib/errors.js';
import { Sql } from '../../lib/sql.js';
import { type AuditCtx, writeAudit } from '../../platform/audit.js';
import { assertFigureScope } from '../../platform/figures.js';
import type { Actor } from '../auth/actor.js';
import { ownedFacts, staleFacts, today } from './freshness.js';
import { day, parseCockpitScope, scopeKey } from './scope.js';

const cityWide = (a: Actor) => a.role === 'city_admin' || a.role === 'city_analyst';

/** The read scope of update requests as SQL on t: city-wide roles all, others their organisation's (sent or received). */
export function requestReadScope(a: Actor, q: Sql): string | null {
  if (cityWide(a)) return null;
  const me = q.p(a.organisationId);
  return `(t.from_org_id = ${me} or t.to_org_id = ${me})`;
}

const MAX_ITEMS = 2000;

export async function createUpdateRequest(
  db: Db,
  input: z.output<typeof ZUpdateRequestInput>,
  actor: Actor,
  ctx: AuditCtx,
): Promise<TUpdateRequest> {
  const scope = parseCockpitScope(input.scope);
  await assertFigureScope(db, scope, actor);
  const [org] = await db.query<{ id: number; kind: string }>('select id, kind from organisations where id = $1', [
    input.toOrganisationId,
  ]);
  if (!org) throw invalid([fieldProblem(['toOrganisationId'], 'reference_not_found')]);
  // What the sender can see of the scope, owned by the organisation asked.
  const filter = { scope, ownerOrgId: org.id, actor: cityWide(actor) ? undefined : actor };
  if ((await ownedFacts(db, filter)) === 0) throw invalid([fieldProblem(['toOrganisationId'], 'cockpit.owns_nothing')]);
  const facts = await staleFacts(db, filter, MAX_ITEMS);
  if (facts.length === 0) throw invalid([fieldProblem(['toOrganisationId'], 'cockpit.nothing_stale')]);
  const on = today();
  if (input.dueOn && input.dueOn < on) throw invalid([fieldProblem(['dueOn'], 'cockpit.due_in_past')]);
  const dueOn = input.dueOn ?? addDays(on, 14);
  const id = await db.tx(async (tx) => {
    const [r] = await tx.query<{ id: number }>(
      `insert into cockpit_update_requests (from_org_id, from_user_id, to_org_id, scope, message, due_on)
       values ($1, $2, $3, $4, $5, $6) returning id`,
      [actor.organisationId, actor.userId, org.id, scopeKey(scope), input.message ?? null, dueOn],
    );
    const rid = r!.id;
    await tx.query(
      `insert into cockpit_update_request_items (request_id, kind, record_table, record_id, label, as_of_before, due_year)
       select $1, x.kind, x.record_table, x.record_id, x.label, x.as_of::date, x.due_year
         from jsonb_to_recordset($2::jsonb) as x(kind text, record_table text, record_id int, label text, as_of text, due_year int)`,
      [
        rid,
        JSON.stringify(
          facts.map((f) => ({
            kind: f.kind,
            record_table: f.recordTable,
            record_id: f.recordId,
            label: f.label,
            as_of: f.asOf,
            due_year: f.dueYear,
          })),
        ),
      ],
    );
    await writeAudit(tx, ctx, {
      entity: 'cockpit_update_requests',
      entityId: rid,
      action: 'create',
      new: { toOrgId: org.id, scope: scopeKey(scope), dueOn, items: facts.length },
    });
    return rid;
  });
  return getUpdateRequest(db, id, actor);
}

type ReqRow = {
  id: number;
  from_org_id: number;
  from_org_name: string;
  to_org_id: number;
  to_org_name: string;
  scope: string;
  message: string | null;
  status: TUpdateRequest['status'];
  due_on: unknown;
  reminders: number;
  escalated: boolean;
  created_at: Date;
  answered_at: Date | null;
  open: number;
};

const REQ_SELECT = `select t.*, fo.name as from_org_name, tor.name as to_org_name,
    (select count(*)::int from cockpit_update_request_items i where i.request_id = t.id and i.answer is null) as open
  from cockpit_update_requests t join organisations fo on fo.id = t.from_org_id join organisations tor on tor.id = t.to_org_id`;

const toRequest = (r: ReqRow, items: TUpdateRequest['items']): TUpdateRequest => ({
  id: r.id,
  fromOrgId: r.from_org_id,
  fromOrgName: r.from_org_name,
  toOrgId: r.to_org_id,
  toOrgName: r.to_org_name,
  scope: r.scope,
  message: r.message,
  status: r.status,
  dueOn: day(r.due_on) ?? '',
  reminders: r.reminders,
  escalated: r.escalated,
  createdAt: new Date(r.created_at).toISOString(),
  answeredAt: r.answered_at ? new Date(r.answered_at).toISOString() : null,
  items,
  open: r.open,
});

export async function listUpdateRequests(
  db: Db,
  actor: Actor,
  f: { box?: 'inbox' | 'outbox' | undefined; status?: TUpdateRequest['status'] | undefined },
): Promise<TUpdateRequest[]> {
  const q = new Sql();
  const where: string[] = [];
  const read = requestReadScope(actor, q);
  if (read) where.push(read);
  if (f.box === 'inbox') where.push(`t.to_org_id = ${q.p(actor.organisationId)}`);
  if (f.box === 'outbox') where.push(`t.from_org_id = ${q.p(actor.organisationId)}`);
  if (f.status) where.push(`t.status = ${q.p(f.status)}`);
  const rows = await db.query<ReqRow>(
    `${REQ_SELECT}${where.length ? ` where ${where.join(' and ')}` : ''} order by t.created_at desc, t.id desc limit 200`,
    q.params,
  );
  return rows.map((r) => toRequest(r, []));
}

/** The current values of the items' records, pre-filled for the owner. */
async function currentValues(db: Db, items: { record_table: string; record_id: number; kind: FactKind }[]) {
  const ids = (t: string) => items.filter((i) => i.record_table === t).map((i) => i.record_id);
  const out = new Map<string, Record<string, unknown>>();
  const units = await db.query<{ id: number; status: string; area_m2: number | null; as_of: unknown }>(
    'select id, status, area_m2, as_of from units where id = any($1::int[])',
    [ids('units')],
  );
  for (const u of units) out.set(`units:${u.id}`, { status: u.status, areaM2: u.area_m2, asOf: day(u.as_of) });
  const occ = await db.query<{
    id: number;
    started_on: unknown;
    ended_on: unknown;
    area_m2: number | null;
    as_of: unknown;
  }>('select id, started_on, ended_on, area_m2, as_of from occupancies where id = any($1::int[])', [
    ids('occupancies'),
  ]);
  for (const o of occ)
    out.set(`occupancies:${o.id}`, {
      startedOn: day(o.started_on),
      endedOn: day(o.ended_on),
      areaM2: o.area_m2,
      asOf: day(o.as_of),
    });
  const ent = await db.query<{
    id: number;
    name: string;
    credit_code: string | null;
    as_of: unknown;
    year: number | null;
  }>(
    `select e.id, e.name, e.credit_code, e.as_of, (select max(year) from enterprise_metrics m where m.enterprise_id = e.id) as year
       from enterprises e where e.id = any($1::int[])`,
    [ids('enterprises')],
  );
  for (const e of ent)
    out.set(`enterprises:${e.id}`, {
      name: e.name,
      creditCode: e.credit_code,
      asOf: day(e.as_of),
      latestMetricsYear: e.year,
    });
  return out;
}

export async function getUpdateRequest(db: Db, id: number, actor: Actor): Promise<TUpdateRequest> {
  const q = new Sql();
  const read = requestReadScope(actor, q);
  const [r] = await db.query<ReqRow>(`${REQ_SELECT} where t.id = ${q.p(id)}${read ? ` and ${read}` : ''}`, q.params);
  if (!r) throw notFound();
  const items = await db.query<{
    id: number;
    kind: FactKind;
    record_table: string;
    record_id: number;
    label: string;
    as_of_before: unknown;
    due_year: number | null;
    answer: 'unchanged' | 'updated' | null;
    as_of_after: unknown;
    answered_at: Date | null;
  }>('select * from cockpit_update_request_items where request_id = $1 order by kind, label, id', [id]);
  const values = await currentValues(db, items);
  return toRequest(
    r,
    items.map((i) => ({
      id: i.id,
      kind: i.kind,
      recordTable: i.record_table,
      recordId: i.record_id,
      label: i.label,
      asOfBefore: day(i.as_of_before),
      dueYear: i.due_year,
      answer: i.answer,
      asOfAfter: day(i.as_of_after),
      answeredAt: i.answered_at ? new Date(i.answered_at).toISOString() : null,
      current: values.get(`${i.record_table}:${i.record_id}`) ?? {},
    })),
  );
}

/**
 * The owner's answer: each item unchanged (its record's as-of date moves to today, values untouched)
 * or updated (checked: the record was edited since the request, or for a yearly report the due year
 * is now filed). All answers and the moves in one transaction, each audited. The answer that leaves
 * no fact open closes the request (its reminders stop).
 */
export async function answerUpdateRequest(
  db: Db,
  id: number,
  body: z.output<typeof ZUpdateAnswer>,
  actor: Actor,
  ctx: AuditCtx,
): Promise<TUpdateRequest> {
  const req = await getUpdateRequest(db, id, actor);
  if (req.toOrgId !== actor.organisationId || actor.readOnly) throw forbidden();
  if (req.status === 'closed' || req.status === 'withdrawn') throw new AppError(409, 'cockpit.request_closed');
  const byId = new Map(req.items.map((i) => [i.id, i]));
  const problems = body.items.flatMap((a, n) => {
    const item = byId.get(a.itemId);
    if (!item) return [fieldProblem(['items', n, 'itemId'], 'reference_not_found')];
    if (item.kind === 'metrics' && a.answer === 'unchanged')
      return [fieldProblem(['items', n, 'answer'], 'cockpit.metrics_need_values')];
    return [];
  });
  if (problems.length) throw invalid(problems);
  const on = today();
  await db.tx(async (tx) => {
    const later: ReturnType<typeof fieldProblem>[] = [];
    for (const [n, a] of body.items.entries()) {
      const item = byId.get(a.itemId)!;
      let asOfAfter: string | null = null;
      if (a.answer === 'unchanged') {
        const [r] = await tx.query<{ as_of: unknown }>(
          `select as_of from ${item.recordTable} where id = $1 for update`,
          [item.recordId],
        );
        if (!r) {
          later.push(fieldProblem(['items', n, 'itemId'], 'reference_not_found'));
          continue;
        }
        await tx.query(
          `update ${item.recordTable} set as_of = $2, version = version + 1, updated_at = now() where id = $1`,
          [item.recordId, on],
        );
        await writeAudit(tx, ctx, {
          entity: item.recordTable,
          entityId: item.recordId,
          action: 'update',
          old: { asOf: day(r.as_of) },
          new: { asOf: on },
        });
        asOfAfter = on;
      } else if (item.kind === 'metrics') {
        const [m] = await tx.query<{ as_of: unknown }>(
          'select as_of from enterprise_metrics where enterprise_id = $1 and year >= $2 order by year desc limit 1',
          [item.recordId, item.dueYear ?? 0],
        );
        if (!m) later.push(fieldProblem(['items', n, 'answer'], 'cockpit.not_updated'));
        asOfAfter = day(m?.as_of) ?? on;
      } else {
        const [r] = await tx.query<{ as_of: unknown; fresh: boolean }>(
          `select as_of, updated_at > $2::timestamptz as fresh from ${item.recordTable} where id = $1`,
          [item.recordId, req.createdAt],
        );
        if (!r?.fresh) later.push(fieldProblem(['items', n, 'answer'], 'cockpit.not_updated'));
        asOfAfter = day(r?.as_of);
      }
      await tx.query(
        `update cockpit_update_request_items set answer = $2, as_of_after = $3, answered_at = now(), answered_by = $4 where id = $1`,
        [item.id, a.answer, asOfAfter, actor.userId],
      );
    }
    // Refused answers roll the whole answer back: nothing half-answered, no audit row.
    if (later.length) throw invalid(later);
    const [left] = await tx.query<{ n: number }>(
      'select count(*)::int as n from cockpit_update_request_items where request_id = $1 and answer is null',
      [id],
    );
    const status = left?.n === 0 ? 'answered' : req.status;
    await tx.query(
      `update cockpit_update_requests set status = $2, answered_at = case when $2 = 'answered' then now() else answered_at end,
         version = version + 1, updated_at = now() where id = $1`,
      [id, status],
    );
    await writeAudit(tx, ctx, {
      entity: 'cockpit_update_requests',
      entityId: id,
      action: 'update',
      old: { status: req.status, open: req.open },
      new: {
        status,
        open: left?.n ?? 0,
        answers: body.items.map((a) => ({ itemId: a.itemId, answer: a.answer })),
      },
    });
  });
  return getUpdateRequest(db, id, actor);
}

/**
 * The sender closes its request (it got what it needed: `closed`) or cancels it (`withdrawn`), answered
 * or not: its reminders stop, the owner may no longer answer, and the audit row says who and how.
 */
export async function closeUpdateRequest(
  db: Db,
  id: number,
  body: z.output<typeof ZUpdateClose>,
  actor: Actor,
  ctx: AuditCtx,
): Promise<TUpdateRequest> {
  const req = await getUpdateRequest(db, id, actor);
  if (req.fromOrgId !== actor.organisationId || actor.readOnly) throw forbidden();
  await db.tx(async (tx) => {
    const status = body.as === 'cancelled' ? 'withdrawn' : 'closed';
    const [r] = await tx.query<{ status: string }>(
      `update cockpit_update_requests set status = $2, version = version + 1, updated_at = now()
        where id = $1 and status not in ('closed', 'withdrawn') returning status`,
      [id, status],
    );
    if (!r) throw new AppError(409, 'cockpit.request_closed');
    await writeAudit(tx, ctx, {
      entity: 'cockpit_update_requests',
      entityId: id,
      action: 'update',
      old: { status: req.status, open: req.open },
      new: { status, closedAs: body.as, ...(body.note ? { note: body.note } : {}) },
    });
  });
  return getUpdateRequest(db, id, actor);
}

/**
 * Reminders and escalation (run by the `cockpit.remind` job): an open request past its due date is
 * reminded at most once a day; after two reminders it is escalated to the sender's attention.
 */
export async function remindOverdue(
  db: Db,
  on: string,
  ctx: AuditCtx,
  requestId?: number,
): Promise<{ reminded: number; escalated: number }> {
  return db.tx(async (tx) => {
    const rows = await tx.query<{ id: number; reminders: number; escalated: boolean }>(
      `update cockpit_update_requests set reminders = reminders + 1, last_reminded_at = now(),
         escalated = escalated or reminders + 1 >= 2, version = version + 1, updated_at = now()
       where status = 'open' and due_on < $1::date
         and (last_reminded_at is null or last_reminded_at < now() - interval '20 hours')
         and ($2::int is null or id = $2::int)
       returning id, reminders, escalated`,
      [on, requestId ?? null],
    );
    await writeAudit(
      tx,
      ctx,
      rows.map((r) => ({
        entity: 'cockpit_update_requests',
        entityId: r.id,
        action: 'update' as const,
        new: { reminders: r.reminders, escalated: r.escalated },
      })),
    );
    return { reminded: rows.length, escalated: rows.filter((r) => r.escalated).length };
  });
}
