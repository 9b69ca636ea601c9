/**
 * Projects in the database: the one select (with joined names) that the policy registry's project
 * scopes (platform/policy/projects.ts) are conditions on, aliased t; the code-name presenter; the
 * append-only timeline.
 */
import type { TProject } from '../../../contracts/invest.js';
import type { Db } from '../../../db/connect.js';
import { isOverdue } from '../../../domain/invest/follow-up.js';
import { originRegion } from '../../../domain/invest/regions.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { Ctx } from '../../lib/resource.js';
import { present, Sql } from '../../lib/sql.js';
import { type AuditEntry, writeAudit } from '../../platform/audit.js';
import { may, POLICIES, redact } from '../../platform/policy/index.js';
import type { Actor } from '../auth/actor.js';

export const PROJECT_SELECT = `select p.*, ie.name as investor_enterprise_name, ie.region_code as investor_enterprise_region,
    ev.name as source_event_name, re.name as referrer_enterprise_name, u.display_name as owner_name, pk.name as park_name,
    coalesce((select array_agg(m.user_id order by m.user_id) from project_team m where m.project_id = p.id), '{}'::int[]) as team_ids,
    (select count(*)::int from supervision_orders o where o.project_id = p.id and o.status <> 'closed') as open_orders
  from projects p
  left join enterprises ie on ie.id = p.investor_enterprise_id
  left join events ev on ev.id = p.source_event_id
  left join enterprises re on re.id = p.referrer_enterprise_id
  left join users u on u.id = p.owner_id
  left join parks pk on pk.id = p.park_id`;

/** Projects the actor may read: a SQL condition on t, or null for all (the policy registry's). */
export function projectReadScope(a: Actor | undefined, q: Sql): string | null {
  return a ? POLICIES.projects.read(a, q) : null;
}

/** Projects the actor may change: a SQL condition on t, null for all, false for none. */
export function projectWriteScope(a: Actor | undefined, q: Sql): string | null | false {
  return a ? POLICIES.projects.write(a, q) : null;
}

export const mayCreateProjects = (a: Actor | undefined) => !a || POLICIES.projects.create(a) !== false;
export const mayIssueOrders = (a: Actor | undefined) => !a || may(a, 'issueOrders');

type Row = Record<string, unknown>;

/** A project row for the wire: names, origin region, overdue flag, edit right and the code-name redaction. */
export function presentProject(raw: Row, a: Actor | undefined, canEdit: boolean, today: string): TProject {
  const r = present<Row>(raw);
  const region = originRegion(
    (r.investorRegionCode as string | null) ?? (r.investorEnterpriseRegion as string | null),
    r.investorCountry as string | null,
  );
  const { investorEnterpriseRegion: _, ...rest } = r;
  const out: Row = {
    ...rest,
    originRegion: region,
    overdue: isOverdue(r.nextFollowUpOn as string | null, r.stage as never, today),
    canEdit,
  };
  return redact(a, 'projects', out) as TProject;
}

export const todayIso = () => new Date().toISOString().slice(0, 10);

/** One project as the actor sees it; 404 when missing or outside its read scope. */
export async function loadProject(db: Db, id: number, ctx: Ctx | undefined): Promise<TProject> {
  const q = new Sql();
  const read = projectReadScope(ctx?.actor, q);
  const write = projectWriteScope(ctx?.actor, q);
  const writeExpr = write === false ? 'false' : (write ?? 'true');
  const rows = await db.query(
    `select t.*, (${writeExpr}) as can_edit from (${PROJECT_SELECT}) t where t.id = ${q.p(id)}${read ? ` and ${read}` : ''}`,
    q.params,
  );
  const row = rows[0];
  if (!row) throw notFound();
  const { can_edit, ...rest } = row;
  return presentProject(rest, ctx?.actor, can_edit === true, todayIso());
}

/** Loads a project the actor may change, else 404 (cannot read) or 403 (can read, cannot change). */
export async function loadWritable(db: Db, id: number, ctx: Ctx | undefined): Promise<TProject> {
  const p = await loadProject(db, id, ctx);
  if (!p.canEdit) throw new AppError(403, 'forbidden');
  return p;
}

export interface TimelineEntry {
  kind: 'created' | 'stage' | 'fields' | 'follow_up' | 'order' | 'contact' | 'document' | 'outcome';
  fromStage?: string | null;
  toStage?: string | null;
  changes?: unknown;
  note?: string | null;
}

/**
 * Appends a project's timeline entry and its change_log row, in the caller's transaction: the rule is
 * that every mutation leaves a change_log row, and in the investment module also a timeline entry (the
 * story of the project shown on its page). `audit` names the record actually changed (a follow-up, a
 * contact, an order …) with its real values; without it the row records the project and the entry.
 */
export async function appendTimeline(
  db: Db,
  projectId: number,
  ctx: Ctx | undefined,
  e: TimelineEntry,
  audit?: AuditEntry,
) {
  await writeAudit(
    db,
    ctx,
    audit ?? {
      entity: 'projects',
      entityId: projectId,
      action: e.kind === 'created' ? 'create' : 'update',
      old: e.fromStage ? { stage: e.fromStage } : null,
      new: {
        timeline: e.kind,
        stage: e.toStage ?? undefined,
        changes: e.changes ?? undefined,
        note: e.note ?? undefined,
      },
    },
  );
  await db.query(
    `insert into project_timeline (project_id, actor, kind, from_stage, to_stage, changes, note, at)
     values ($1, $2, $3, $4, $5, $6::jsonb, $7, coalesce($8::timestamptz, now()))`,
    [
      projectId,
      ctx?.actor?.username ?? 'system',
      e.kind,
      e.fromStage ?? null,
      e.toStage ?? null,
      e.changes === undefined ? null : JSON.stringify(e.changes),
      e.note ?? null,
      ctx?.at ?? null,
    ],
  );
}
