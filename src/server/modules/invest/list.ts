/** Project lists: filters (the same for the board, the list, the export and the dashboard). */
import { z } from 'zod';
import { PROJECT_STAGES, SOURCE_KINDS, type TProject } from '../../../contracts/invest.js';
import { idParam } from '../../../contracts/limits.js';
import type { Db } from '../../../db/connect.js';
import type { Ctx } from '../../lib/resource.js';
import { likeEscape, Sql } from '../../lib/sql.js';
import { may } from '../../platform/policy/index.js';
import { PROJECT_SELECT, presentProject, projectReadScope, projectWriteScope, todayIso } from './repository.js';

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
export const ZProjectQuery = z.object({
  q: z.string().max(100).optional().describe('Code name, project or investor name'),
  stage: z.enum(PROJECT_STAGES).optional(),
  open: bool.optional().describe('Only projects not lost and not yet producing'),
  ownerId: idParam().optional(),
  mine: bool.optional().describe('Projects the actor owns or is on the team of'),
  parkId: idParam().optional(),
  chainCode: z.string().max(16).optional(),
  sourceKind: z.enum(SOURCE_KINDS).optional(),
  eventId: idParam().optional().describe('Source event or an outcome at this event'),
  overdue: bool.optional().describe('Only projects whose next follow-up date has passed'),
  sort: z
    .enum([
      'codeName',
      '-codeName',
      'nextFollowUpOn',
      '-nextFollowUpOn',
      'investmentWan',
      '-investmentWan',
      'updatedAt',
      '-updatedAt',
    ])
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ProjectQuery = z.infer<typeof ZProjectQuery>;

const SORTS: Record<string, string> = {
  codeName: 't.code_name',
  nextFollowUpOn: 't.next_follow_up_on',
  investmentWan: 't.investment_wan',
  updatedAt: 't.updated_at',
};

export async function listProjects(
  db: Db,
  query: Partial<ProjectQuery>,
  ctx: Ctx | undefined,
): Promise<{ items: TProject[]; total: number }> {
  const q = new Sql();
  const where: string[] = [];
  const read = projectReadScope(ctx?.actor, q);
  if (read) where.push(read);
  if (query.q) {
    const like = q.p(`%${likeEscape(query.q)}%`);
    // Free text matches the investor only for those who may see it.
    const investor = `(t.name ilike ${like} or t.investor_name ilike ${like} or t.investor_enterprise_name ilike ${like})`;
    const sees =
      !ctx?.actor || may(ctx.actor, 'seeFigures')
        ? investor
        : `(${investor} and (t.owner_id = ${q.p(ctx.actor.userId)} or ${q.p(ctx.actor.userId)} = any(t.team_ids)))`;
    where.push(`(t.code_name ilike ${like} or ${sees})`);
  }
  if (query.stage) where.push(`t.stage = ${q.p(query.stage)}`);
  if (query.open) where.push(`t.stage not in ('lost', 'in_production')`);
  if (query.ownerId) where.push(`t.owner_id = ${q.p(query.ownerId)}`);
  if (query.mine && ctx?.actor) {
    const me = q.p(ctx.actor.userId);
    where.push(`(t.owner_id = ${me} or ${me} = any(t.team_ids))`);
  }
  if (query.parkId) where.push(`t.park_id = ${q.p(query.parkId)}`);
  if (query.chainCode) where.push(`t.chain_code = ${q.p(query.chainCode)}`);
  if (query.sourceKind) where.push(`t.source_kind = ${q.p(query.sourceKind)}`);
  if (query.eventId) {
    const ev = q.p(query.eventId);
    where.push(
      `(t.source_event_id = ${ev} or exists (select 1 from event_outcomes o where o.project_id = t.id and o.event_id = ${ev}))`,
    );
  }
  if (query.overdue) {
    where.push(`(t.next_follow_up_on < ${q.p(todayIso())}::date and t.stage not in ('lost', 'in_production'))`);
  }
  const w = where.length ? `where ${where.join(' and ')}` : '';
  const sort = query.sort ?? '-updatedAt';
  const desc = sort.startsWith('-');
  const order = `order by ${SORTS[sort.replace('-', '')]} ${desc ? 'desc' : 'asc'} nulls last, t.id`;
  const write = projectWriteScope(ctx?.actor, q);
  const writeExpr = write === false ? 'false' : (write ?? 'true');
  const rows = await db.query(
    `select t.*, (${writeExpr}) as can_edit, count(*) over ()::int as total_count from (${PROJECT_SELECT}) t ${w}
      ${order} limit ${q.p(query.limit ?? 50)} offset ${q.p(query.offset ?? 0)}`,
    q.params,
  );
  const today = todayIso();
  return {
    total: (rows[0]?.total_count as number | undefined) ?? 0,
    items: rows.map(({ can_edit, total_count: _, ...r }) => presentProject(r, ctx?.actor, can_edit === true, today)),
  };
}
