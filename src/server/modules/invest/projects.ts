/** Use cases of projects: create, change fields (versioned), move stage, lead from a chain candidate. */
import type { z } from 'zod';
import { type FieldProblem, fieldProblem } from '../../../contracts/errors.js';
import {
  PROJECT_FIELDS,
  type ProjectStage,
  type TProject,
  type ZFromCandidate,
  type ZProjectInput,
  type ZProjectPatch,
  type ZStageMove,
} from '../../../contracts/invest.js';
import type { Db } from '../../../db/connect.js';
import { nodeIndex } from '../../../domain/chains/templates.js';
import {
  checkMove,
  MILESTONE_MESSAGES,
  MOVE_MESSAGES,
  milestoneProblems,
  SIGNED_OR_LATER,
} from '../../../domain/invest/stages.js';
import { AppError, forbidden, invalid } from '../../lib/errors.js';
import type { Ctx } from '../../lib/resource.js';
import { Sql, snake } from '../../lib/sql.js';
import { parkScope } from '../../platform/policy/index.js';
import { parseScope } from '../chains/analysis.js';
import { currentTemplates } from '../chains/templates-store.js';
import { scopeInfo } from '../chains/views.js';
import { appendTimeline, loadProject, loadWritable, mayCreateProjects, todayIso } from './repository.js';

type Input = z.output<typeof ZProjectInput>;
type Patch = z.output<typeof ZProjectPatch>;

/** Columns a create or patch may set directly (teamIds has its own table). */
const COLUMNS = PROJECT_FIELDS.filter((f) => f !== 'teamIds');

async function exists(db: Db, table: string, id: number | null | undefined): Promise<boolean> {
  if (id == null) return true;
  const rows = await db.query(`select 1 from ${table} where id = $1`, [id]);
  return rows.length > 0;
}

/** Every reference and domain problem of a (merged) project, at once. */
async function checkProject(db: Db, v: Partial<Input>, ctx: Ctx | undefined): Promise<FieldProblem[]> {
  const out: FieldProblem[] = [];
  const refs: [keyof Input, string][] = [
    ['investorEnterpriseId', 'enterprises'],
    ['referrerEnterpriseId', 'enterprises'],
    ['parkId', 'parks'],
    ['sourceEventId', 'events'],
    ['ownerId', 'users'],
  ];
  for (const [field, table] of refs) {
    if (!(await exists(db, table, v[field] as number | null | undefined))) {
      out.push(fieldProblem([field], 'reference_not_found'));
    }
  }
  for (const [i, uid] of (v.teamIds ?? []).entries()) {
    if (!(await exists(db, 'users', uid))) out.push(fieldProblem(['teamIds', i], 'reference_not_found'));
  }
  if (v.nodeId) {
    const node = nodeIndex(await currentTemplates(db)).get(v.nodeId);
    if (!node) out.push(fieldProblem(['nodeId'], 'reference_not_found'));
    else if (v.chainCode && !v.nodeId.startsWith(`${v.chainCode}.`)) {
      out.push(
        fieldProblem(['nodeId'], 'invalid_value', {
          zh: `节点不属于产业链 ${v.chainCode}`,
          en: `the node is not in chain ${v.chainCode}`,
        }),
      );
    }
  }
  if (v.sourceKind === 'referral' && !v.referrerEnterpriseId) {
    out.push(
      fieldProblem(['referrerEnterpriseId'], 'required', {
        zh: '以商招商须填推荐企业',
        en: 'a referral names the referring firm',
      }),
    );
  }
  if (v.sourceKind === 'event' && !v.sourceEventId) {
    out.push(
      fieldProblem(['sourceEventId'], 'required', {
        zh: '来源为活动时须选择活动',
        en: 'an event source names the event',
      }),
    );
  }
  if (!v.investorEnterpriseId && !v.investorName?.trim()) {
    out.push(
      fieldProblem(['investorName'], 'required', {
        zh: '填写投资方或选择企业',
        en: 'name the investor or pick an enterprise',
      }),
    );
  }
  const a = ctx?.actor;
  if (a?.role === 'district_user' && v.parkId) {
    // The district's zone as the policy registry reads it (its parks with their sub-parks).
    const q = new Sql();
    const rows = await db.query(`select 1 where ${q.p(v.parkId)}::int in ${parkScope(a, q)}`, q.params);
    if (rows.length === 0) out.push(fieldProblem(['parkId'], 'forbidden'));
  } else if (a?.role === 'district_user' && !v.parkId) {
    out.push(fieldProblem(['parkId'], 'required'));
  }
  const dup = await db.query<{ id: number }>('select id from projects where code_name = $1', [v.codeName]);
  if (dup.length > 0 && v.codeName && !('__self' in v && dup[0]?.id === (v as { __self?: number }).__self)) {
    out.push(fieldProblem(['codeName'], 'duplicate'));
  }
  return out;
}

async function setTeam(db: Db, projectId: number, teamIds: number[]) {
  await db.query('delete from project_team where project_id = $1', [projectId]);
  await db.query(
    'insert into project_team (project_id, user_id) select $1, u from unnest($2::int[]) u on conflict do nothing',
    [projectId, [...new Set(teamIds)]],
  );
}

export async function createProject(
  db: Db,
  { input, shortlistId }: { input: Input; shortlistId?: number | null },
  ctx: Ctx | undefined,
): Promise<TProject> {
  if (!mayCreateProjects(ctx?.actor)) throw forbidden();
  return db.tx(async (t) => {
    const v: Input = { ...input, ownerId: input.ownerId ?? ctx?.actor?.userId ?? null };
    const problems = await checkProject(t, v, ctx);
    if (SIGNED_OR_LATER.includes(v.stage)) {
      // A project recorded as signed (or later) carries its signing like a stage move does.
      if (!v.agreementKind)
        problems.push(fieldProblem(['agreementKind'], 'required', MILESTONE_MESSAGES.required.agreementKind));
      if (v.contractedInvestmentWan == null)
        problems.push(
          fieldProblem(['contractedInvestmentWan'], 'required', MILESTONE_MESSAGES.required.contractedInvestmentWan),
        );
    }
    if (problems.length) throw invalid(problems);
    const cols = [...COLUMNS, 'stage', 'signedOn', 'synthetic', 'sourceId', 'asOf'] as const;
    const values = cols.map((c) => (v as Record<string, unknown>)[c] ?? null);
    const signedOn = v.stage === 'signed' ? (v.signedOn ?? todayIso()) : (v.signedOn ?? null);
    values[cols.indexOf('signedOn')] = signedOn;
    values[cols.indexOf('shared')] = v.shared ?? false;
    values[cols.indexOf('synthetic')] = v.synthetic ?? false;
    values[cols.indexOf('sourceId')] = v.sourceId ?? 'user';
    values[cols.indexOf('sourceKind')] = v.sourceKind ?? 'inbound';
    const [row] = await t.query<{ id: number }>(
      `insert into projects (${cols.map(snake).join(', ')}, shortlist_id)
       values (${cols.map((_, i) => `$${i + 1}`).join(', ')}, $${cols.length + 1}) returning id`,
      [...values, shortlistId ?? null],
    );
    const id = row!.id;
    await setTeam(t, id, v.teamIds ?? []);
    await appendTimeline(
      t,
      id,
      ctx,
      { kind: 'created', toStage: v.stage, note: v.codeName },
      {
        entity: 'projects',
        entityId: id,
        action: 'create',
        new: { ...Object.fromEntries(cols.map((c, i) => [c, values[i]])), teamIds: v.teamIds ?? [] },
      },
    );
    return loadProject(t, id, ctx);
  });
}

export async function updateProject(
  db: Db,
  { id, patch }: { id: number; patch: Patch },
  ctx: Ctx | undefined,
): Promise<TProject> {
  return db.tx(async (t) => {
    const current = await loadWritable(t, id, ctx);
    if (current.version !== patch.version) throw new AppError(409, 'stale_version', [], { current });
    // A redacted field the actor cannot see must not be overwritten with the null it was shown.
    const hidden = new Set(current.redacted ?? []);
    const [raw] = await t.query<Record<string, unknown>>('select * from projects where id = $1', [id]);
    const before: Record<string, unknown> = {};
    for (const c of COLUMNS) before[c] = raw?.[snake(c)] ?? null;
    const merged: Record<string, unknown> = { ...before, teamIds: current.teamIds, __self: id };
    const changes: Record<string, [unknown, unknown]> = {};
    for (const c of [...COLUMNS, 'teamIds'] as const) {
      if (!(c in patch) || hidden.has(c)) continue;
      const next = (patch as Record<string, unknown>)[c] ?? null;
      const prev = merged[c] ?? null;
      if (JSON.stringify(prev) !== JSON.stringify(next)) changes[c] = [prev, next];
      merged[c] = next;
    }
    const problems = await checkProject(t, merged as Partial<Input>, ctx);
    if (problems.length) throw invalid(problems);
    const cols = Object.keys(changes).filter((c) => c !== 'teamIds');
    const done = await t.query(
      `update projects set ${[...cols.map((c, i) => `${snake(c)} = $${i + 3}`), 'version = version + 1', 'updated_at = now()'].join(', ')}
        where id = $1 and version = $2 returning id`,
      [id, patch.version, ...cols.map((c) => merged[c])],
    );
    if (done.length === 0) throw new AppError(409, 'stale_version', [], { current: await loadProject(t, id, ctx) });
    if ('teamIds' in changes) await setTeam(t, id, (merged.teamIds as number[]) ?? []);
    if (Object.keys(changes).length) {
      // The timeline keeps the real values: those who may not see the investor get them withheld on the
      // way out (detail.ts, redactTimelineEntry), those who may read the change as it was.
      await appendTimeline(
        t,
        id,
        ctx,
        { kind: 'fields', changes },
        {
          entity: 'projects',
          entityId: id,
          action: 'update',
          old: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v[0]])),
          new: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v[1]])),
        },
      );
    }
    const after = await loadProject(t, id, ctx);
    if (!after.canEdit) throw forbidden(); // a change must not move the project out of the actor's reach
    return after;
  });
}

const DATE_OF: Partial<Record<ProjectStage, string>> = {
  signed: 'signed_on',
  started: 'started_on',
  in_production: 'produced_on',
};

export async function moveStage(
  db: Db,
  { id, move }: { id: number; move: z.output<typeof ZStageMove> },
  ctx: Ctx | undefined,
): Promise<TProject> {
  return db.tx(async (t) => {
    const current = await loadWritable(t, id, ctx);
    if (current.version !== move.version) throw new AppError(409, 'stale_version', [], { current });
    const check = checkMove(current.stage, move.stage, move.reason);
    if (!check.ok && check.problem) {
      const path = check.problem === 'reason_required' ? ['reason'] : ['stage'];
      throw invalid([
        fieldProblem(
          path,
          check.problem === 'reason_required' ? 'required' : 'invalid_value',
          MOVE_MESSAGES[check.problem],
        ),
      ]);
    }
    const missing = milestoneProblems(current.stage, move.stage, move, current, todayIso());
    if (missing.length > 0) {
      throw invalid(
        missing.map((m) =>
          m.problem === 'required'
            ? fieldProblem([m.field], 'required', MILESTONE_MESSAGES.required[m.field])
            : fieldProblem([m.field], 'invalid_value', MILESTONE_MESSAGES[m.problem]),
        ),
      );
    }
    const sets = ['stage = $3', 'stage_changed_at = now()', 'version = version + 1', 'updated_at = now()'];
    const params: unknown[] = [id, move.version, move.stage];
    if (move.stage === 'signed' && move.agreementKind) {
      params.push(move.agreementKind, move.contractedInvestmentWan ?? null);
      sets.push(`agreement_kind = $${params.length - 1}`, `contracted_investment_wan = $${params.length}`);
    }
    if (move.stage === 'lost') {
      params.push(move.reason, current.stage);
      sets.push(`lost_reason = $${params.length - 1}`, `lost_from_stage = $${params.length}`);
    } else {
      sets.push('lost_reason = null');
      if (current.stage === 'lost') sets.push('lost_from_stage = null');
    }
    const dateCol = DATE_OF[move.stage];
    if (dateCol) {
      // An explicit date wins; otherwise a date recorded earlier (a re-signing after a correction) stays.
      params.push(move.onDate ?? todayIso());
      sets.push(
        move.onDate
          ? `${dateCol} = $${params.length}::date`
          : `${dateCol} = coalesce(${dateCol}, $${params.length}::date)`,
      );
    }
    const done = await t.query(
      `update projects set ${sets.join(', ')} where id = $1 and version = $2 returning id`,
      params,
    );
    if (done.length === 0) throw new AppError(409, 'stale_version', [], { current: await loadProject(t, id, ctx) });
    await appendTimeline(t, id, ctx, {
      kind: 'stage',
      fromStage: current.stage,
      toStage: move.stage,
      note: move.reason ?? null,
    });
    return loadProject(t, id, ctx);
  });
}

/** A lead from a chain gap-filling candidate; 409 with the open project when one exists for the firm and node. */
export async function projectFromCandidate(
  db: Db,
  { candidate, shortlistId }: { candidate: z.output<typeof ZFromCandidate>; shortlistId?: number | null },
  ctx: Ctx | undefined,
): Promise<TProject> {
  const c = candidate;
  const [open] = await db.query<{ id: number }>(
    `select id from projects where investor_enterprise_id = $1 and node_id = $2 and stage <> 'lost' order by id limit 1`,
    [c.enterpriseId, c.nodeId],
  );
  if (open) {
    if (shortlistId)
      await db.query('update projects set shortlist_id = coalesce(shortlist_id, $2) where id = $1', [
        open.id,
        shortlistId,
      ]);
    throw new AppError(409, 'duplicate', [fieldProblem(['enterpriseId'], 'duplicate')], { projectId: open.id });
  }
  const [firm] = await db.query<{ name: string; region_code: string | null }>(
    'select name, region_code from enterprises where id = $1',
    [c.enterpriseId],
  );
  if (!firm) throw invalid([fieldProblem(['enterpriseId'], 'reference_not_found')]);
  const [seq] = await db.query<{ n: number }>('select coalesce(max(id), 0)::int + 1 as n from projects');
  const reasons = (c.reasons ?? [])
    .map((r) => {
      if (typeof r === 'string') return r;
      // Chain views send explained reasons as {code, zh, en}.
      const o = r as { zh?: unknown; code?: unknown } | null;
      return typeof o?.zh === 'string' ? o.zh : typeof o?.code === 'string' ? o.code : JSON.stringify(r);
    })
    .join('; ')
    .slice(0, 480);
  // The note reads as a person would write it (the scope by its name, not "district:420112 · score 53.9").
  let scopeName = c.scope;
  try {
    scopeName = (await scopeInfo(db, parseScope(c.scope))).nameZh;
  } catch {
    // A scope that no longer resolves keeps its key.
  }
  return createProject(
    db,
    {
      shortlistId,
      input: {
        codeName: `${c.chainCode.toUpperCase()}-${c.nodeId.split('.').pop()?.replaceAll('_', '').toUpperCase() || 'X'}-${String(seq?.n ?? 1).padStart(3, '0')}`,
        investorEnterpriseId: c.enterpriseId,
        chainCode: c.chainCode,
        nodeId: c.nodeId,
        sourceKind: 'chain_gap',
        sourceNote:
          `补链招商：${scopeName}${c.score != null ? ` · 匹配分 ${c.score}` : ''}${reasons ? ` · ${reasons}` : ''}`.slice(
            0,
            500,
          ),
        stage: 'lead',
        shared: false,
        synthetic: false,
        sourceId: 'user',
      },
    },
    ctx,
  );
}
