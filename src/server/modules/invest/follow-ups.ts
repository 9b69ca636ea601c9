/** Follow-up discipline: follow-ups, contacts and documents of a project, supervision orders (督办), reminders. */
import type { z } from 'zod';
import { fieldProblem } from '../../../contracts/errors.js';
import type {
  ProjectStage,
  ZContactInput,
  ZDocumentInput,
  ZFollowUpInput,
  ZOrderInput,
} from '../../../contracts/invest.js';
import type { Db } from '../../../db/connect.js';
import { reminderBucket } from '../../../domain/invest/follow-up.js';
import { AppError, forbidden, invalid, notFound } from '../../lib/errors.js';
import type { Ctx } from '../../lib/resource.js';
import { present, Sql } from '../../lib/sql.js';
import {
  appendTimeline,
  loadProject,
  loadWritable,
  mayIssueOrders,
  PROJECT_SELECT,
  projectReadScope,
  todayIso,
} from './repository.js';
import type { ContactRow, DocumentRow, FollowUpRow, OrderRow } from './types.js';

export async function addFollowUp(
  db: Db,
  { projectId, input }: { projectId: number; input: z.output<typeof ZFollowUpInput> },
  ctx: Ctx | undefined,
) {
  return db.tx(async (t) => {
    const p = await loadWritable(t, projectId, ctx);
    if (input.nextOn && input.nextOn < input.onDate) throw invalid([fieldProblem(['nextOn'], 'date_order')]);
    const [row] = await t.query(
      `insert into project_follow_ups (project_id, on_date, kind, note, next_on, by_user_id)
       values ($1, $2, $3, $4, $5, $6) returning *`,
      [projectId, input.onDate, input.kind, input.note, input.nextOn ?? null, ctx?.actor?.userId ?? null],
    );
    if (input.nextOn !== undefined) {
      await t.query(
        'update projects set next_follow_up_on = $2, version = version + 1, updated_at = now() where id = $1',
        [projectId, input.nextOn ?? null],
      );
    }
    await appendTimeline(
      t,
      projectId,
      ctx,
      {
        kind: 'follow_up',
        changes: { onDate: input.onDate, kind: input.kind, nextOn: input.nextOn ?? null },
        note: p.redacted ? null : input.note,
      },
      { entity: 'project_follow_ups', entityId: row!.id as number, action: 'create', new: { ...input, projectId } },
    );
    return present<FollowUpRow>(row!);
  });
}

export async function addContact(
  db: Db,
  { projectId, input }: { projectId: number; input: z.output<typeof ZContactInput> },
  ctx: Ctx | undefined,
) {
  return db.tx(async (t) => {
    await loadWritable(t, projectId, ctx);
    const [row] = await t.query(
      'insert into project_contacts (project_id, name, title, phone, email, note) values ($1, $2, $3, $4, $5, $6) returning *',
      [projectId, input.name, input.title ?? null, input.phone ?? null, input.email ?? null, input.note ?? null],
    );
    await appendTimeline(
      t,
      projectId,
      ctx,
      { kind: 'contact', changes: { added: true } },
      { entity: 'project_contacts', entityId: row!.id as number, action: 'create', new: { ...input, projectId } },
    );
    return present<ContactRow>(row!);
  });
}

export async function addDocument(
  db: Db,
  { projectId, input }: { projectId: number; input: z.output<typeof ZDocumentInput> },
  ctx: Ctx | undefined,
) {
  return db.tx(async (t) => {
    await loadWritable(t, projectId, ctx);
    const [row] = await t.query(
      'insert into project_documents (project_id, name, url, note, added_by) values ($1, $2, $3, $4, $5) returning *',
      [projectId, input.name, input.url ?? null, input.note ?? null, ctx?.actor?.username ?? 'system'],
    );
    await appendTimeline(
      t,
      projectId,
      ctx,
      { kind: 'document', changes: { name: input.name } },
      { entity: 'project_documents', entityId: row!.id as number, action: 'create', new: { ...input, projectId } },
    );
    return present<DocumentRow>(row!);
  });
}

export async function removeChild(
  db: Db,
  { projectId, table, id }: { projectId: number; table: 'project_contacts' | 'project_documents'; id: number },
  ctx: Ctx | undefined,
) {
  await db.tx(async (t) => {
    await loadWritable(t, projectId, ctx);
    const rows = await t.query<Record<string, unknown>>(
      `delete from ${table} where id = $1 and project_id = $2 returning *`,
      [id, projectId],
    );
    if (rows.length === 0) throw notFound();
    await appendTimeline(
      t,
      projectId,
      ctx,
      { kind: table === 'project_contacts' ? 'contact' : 'document', changes: { removed: id } },
      { entity: table, entityId: id, action: 'delete', old: rows[0] },
    );
  });
}

const ORDER_SELECT = `select o.*, p.code_name, ib.display_name as issued_by_name, asg.display_name as assignee_name,
    (o.status = 'open' and o.due_on < $1::date) as overdue
  from supervision_orders o join projects p on p.id = o.project_id
  left join users ib on ib.id = o.issued_by left join users asg on asg.id = o.assignee_id`;

export async function issueOrder(
  db: Db,
  { projectId, input }: { projectId: number; input: z.output<typeof ZOrderInput> },
  ctx: Ctx | undefined,
) {
  if (!mayIssueOrders(ctx?.actor)) throw forbidden();
  return db.tx(async (t) => {
    const p = await loadProject(t, projectId, ctx);
    const assignee = input.assigneeId ?? p.ownerId;
    const problems = [];
    if (!assignee) problems.push(fieldProblem(['assigneeId'], 'required'));
    else if ((await t.query('select 1 from users where id = $1', [assignee])).length === 0) {
      problems.push(fieldProblem(['assigneeId'], 'reference_not_found'));
    }
    if (input.dueOn < todayIso()) {
      problems.push(
        fieldProblem(['dueOn'], 'invalid_value', { zh: '期限不能早于今天', en: 'the due date is in the past' }),
      );
    }
    if (problems.length) throw invalid(problems);
    const [row] = await t.query<{ id: number }>(
      `insert into supervision_orders (project_id, issued_by, assignee_id, instruction, due_on)
       values ($1, $2, $3, $4, $5) returning id`,
      [projectId, ctx?.actor?.userId ?? null, assignee, input.instruction, input.dueOn],
    );
    await appendTimeline(
      t,
      projectId,
      ctx,
      { kind: 'order', changes: { order: row!.id, action: 'issued', dueOn: input.dueOn }, note: input.instruction },
      {
        entity: 'supervision_orders',
        entityId: row!.id,
        action: 'create',
        new: { projectId, assigneeId: assignee, instruction: input.instruction, dueOn: input.dueOn },
      },
    );
    return getOrder(t, row!.id);
  });
}

export async function getOrder(db: Db, id: number): Promise<OrderRow> {
  const [row] = await db.query(`${ORDER_SELECT} where o.id = $2`, [todayIso(), id]);
  if (!row) throw notFound();
  return present<OrderRow>(row);
}

/** The assignee answers an order (required text); the issuer (a leader) then closes it. */
export async function respondOrder(
  db: Db,
  { id, response, version }: { id: number; response: string; version: number },
  ctx: Ctx | undefined,
) {
  return db.tx(async (t) => {
    const o = await getOrder(t, id);
    await loadProject(t, o.projectId as number, ctx); // 404 outside the read scope
    const a = ctx?.actor;
    if (a && (a.readOnly || (a.userId !== o.assigneeId && a.role !== 'city_admin'))) throw forbidden();
    if (o.status !== 'open') {
      throw invalid([
        fieldProblem(['status'], 'invalid_value', { zh: '督办已答复或已办结', en: 'the order is no longer open' }),
      ]);
    }
    const done = await t.query(
      `update supervision_orders set status = 'responded', response = $3, responded_at = now(), version = version + 1
        where id = $1 and version = $2 returning id`,
      [id, version, response],
    );
    if (done.length === 0) throw new AppError(409, 'stale_version', [], { current: o });
    await appendTimeline(
      t,
      o.projectId as number,
      ctx,
      { kind: 'order', changes: { order: id, action: 'responded' }, note: response },
      {
        entity: 'supervision_orders',
        entityId: id,
        action: 'update',
        old: { status: o.status, response: o.response ?? null },
        new: { status: 'responded', response },
      },
    );
    return getOrder(t, id);
  });
}

export async function closeOrder(db: Db, { id, version }: { id: number; version: number }, ctx: Ctx | undefined) {
  if (!mayIssueOrders(ctx?.actor)) throw forbidden();
  return db.tx(async (t) => {
    const o = await getOrder(t, id);
    if (o.status !== 'responded') {
      throw invalid([
        fieldProblem(['status'], 'invalid_value', { zh: '须先由承办人答复', en: 'the assignee must respond first' }),
      ]);
    }
    const done = await t.query(
      `update supervision_orders set status = 'closed', closed_at = now(), version = version + 1
        where id = $1 and version = $2 returning id`,
      [id, version],
    );
    if (done.length === 0) throw new AppError(409, 'stale_version', [], { current: o });
    await appendTimeline(
      t,
      o.projectId as number,
      ctx,
      { kind: 'order', changes: { order: id, action: 'closed' } },
      {
        entity: 'supervision_orders',
        entityId: id,
        action: 'update',
        old: { status: o.status },
        new: { status: 'closed' },
      },
    );
    return getOrder(t, id);
  });
}

/** Orders the actor can see: its own (assigned or issued), all for city-wide roles; optionally of one project. */
export async function listOrders(
  db: Db,
  f: { projectId?: number; status?: string; mine?: boolean },
  ctx: Ctx | undefined,
) {
  const q = new Sql();
  q.p(todayIso());
  const where: string[] = [];
  const read = projectReadScope(ctx?.actor, q);
  if (read) where.push(`o.project_id in (select t.id from (${PROJECT_SELECT}) t where ${read})`);
  if (f.projectId) where.push(`o.project_id = ${q.p(f.projectId)}`);
  if (f.status) where.push(`o.status = ${q.p(f.status)}`);
  if (f.mine && ctx?.actor) {
    const me = q.p(ctx.actor.userId);
    where.push(`(o.assignee_id = ${me} or o.issued_by = ${me})`);
  }
  const rows = await db.query(
    `${ORDER_SELECT} ${where.length ? `where ${where.join(' and ')}` : ''} order by o.status = 'closed', o.due_on, o.id limit 500`,
    q.params,
  );
  return rows.map((r) => present<OrderRow>(r));
}

/** "My reminders": follow-ups due (overdue, today, this week) of the actor's projects, and its open orders. */
export async function reminders(db: Db, ctx: Ctx | undefined) {
  const me = ctx?.actor?.userId ?? -1;
  const today = todayIso();
  const rows = await db.query<{ id: number; code_name: string; stage: ProjectStage; next_follow_up_on: string }>(
    `select p.id, p.code_name, p.stage, p.next_follow_up_on from projects p
      where (p.owner_id = $1 or exists (select 1 from project_team m where m.project_id = p.id and m.user_id = $1))
        and p.stage not in ('lost', 'in_production') and p.next_follow_up_on is not null
        and p.next_follow_up_on <= ($2::date + 7)
      order by p.next_follow_up_on, p.id`,
    [me, today],
  );
  const followUps = rows.map((r) => ({
    projectId: r.id,
    codeName: r.code_name,
    stage: r.stage,
    nextFollowUpOn: r.next_follow_up_on,
    bucket: reminderBucket(r.next_follow_up_on, today),
  }));
  const orders = (await listOrders(db, { status: 'open' }, ctx)).filter((o) => o.assigneeId === me);
  return { today, followUps, orders };
}
