/**
 * Projects in the database: the one select (with joined names), who may read and change which
 * project (as SQL on that select, aliased t), the code-name redaction, and the append-only timeline.
 *
 *   city_admin          reads and changes every project; issues supervision orders
 *   city_analyst        reads every project
 *   investment_officer  reads its own, its team's and shared projects; changes its own and its team's
 *   district_user       reads and changes projects landing in its zone's parks
 *   park_operator       reads projects landing in its parks
 *   others              no projects
 * The investor (name, enterprise, real project name) shows to city-wide roles, the owner and the team;
 * everyone else sees the code name only.
 */
import { PROJECT_CONFIDENTIAL_FIELDS, type TProject } from '../../../contracts/invest.js';
import type { Db } from '../../../db/connect.js';
import { isOverdue } from '../../../domain/invest/follow-up.js';
import { originRegion } from '../../../domain/invest/regions.js';
import { AppError, notFound } from '../../lib/errors.js';
import { readScope } from '../../lib/policy.js';
import type { Ctx } from '../../lib/resource.js';
import { present, Sql } from '../../lib/sql.js';
import { type AuditEntry, writeAudit } from '../../platform/audit.js';
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

/** Parks in a zone role's scope, reusing the registry policy. */
const zoneParks = (a: Actor, q: Sql) => `(select t.id from parks t where ${readScope(a, 'parks', q) ?? 'true'})`;

/** Projects the actor may read: a SQL condition on t, or null for all. */
export function projectReadScope(a: Actor | undefined, q: Sql): string | null {
  if (!a) return null;
  switch (a.role) {
    case 'city_admin':
    case 'city_analyst':
      return null;
    case 'investment_officer': {
      const me = q.p(a.userId);
      return `(t.owner_id = ${me} or t.shared or ${me} = any(t.team_ids))`;
    }
    case 'district_user':
    case 'park_operator':
      return `t.park_id in ${zoneParks(a, q)}`;
    default:
      return 'false';
  }
}

/** Projects the actor may change: a SQL condition on t, null for all, false for none. */
export function projectWriteScope(a: Actor | undefined, q: Sql): string | null | false {
  if (!a) return null;
  if (a.readOnly) return false;
  switch (a.role) {
    case 'city_admin':
      return null;
    case 'investment_officer': {
      const me = q.p(a.userId);
      return `(t.owner_id = ${me} or ${me} = any(t.team_ids))`;
    }
    case 'district_user':
      return `t.park_id in ${zoneParks(a, q)}`;
    default:
      return false;
  }
}

export const mayCreateProjects = (a: Actor | undefined) =>
  !a || (!a.readOnly && ['city_admin', 'investment_officer', 'district_user'].includes(a.role));
export const mayIssueOrders = (a: Actor | undefined) => !a || (!a.readOnly && a.role === 'city_admin');

type Row = Record<string, unknown>;

function seesInvestor(a: Actor | undefined, row: Row): boolean {
  if (!a || a.role === 'city_admin' || a.role === 'city_analyst') return true;
  return row.ownerId === a.userId || ((row.teamIds as number[]) ?? []).includes(a.userId);
}

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
  if (!seesInvestor(a, r)) {
    for (const f of PROJECT_CONFIDENTIAL_FIELDS) out[f] = null;
    out.redacted = [...PROJECT_CONFIDENTIAL_FIELDS];
  }
  return out as TProject;
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
