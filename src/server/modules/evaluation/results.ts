/**
 * Reading evaluation results: a run's firms (filtered, sorted, paged, in the reader's scope and with
 * confidential parts blanked for those who may not see that firm's figures), one firm's letter with
 * its history and its class's policies, what-if, and park / district distributions with land output.
 */
import type { EvalClass, TFirmEvaluation, TPerMuDocument } from '../../../contracts/evaluation.js';
import type { Db } from '../../../db/connect.js';
import { buildFacts, type Facts } from '../../../domain/evaluation/fields.js';
import { type EvalContext, type FirmResult, whatIf } from '../../../domain/evaluation/per-mu.js';
import { forbidden, notFound } from '../../lib/errors.js';
import { Sql } from '../../lib/sql.js';
import { may, parkScope, readScope, redact } from '../../platform/policy/index.js';
import type { Actor } from '../auth/actor.js';
import * as repo from './repository.js';

export interface ResultQuery {
  regionCode?: string | undefined;
  parkId?: number | undefined;
  class?: EvalClass | undefined;
  bucket?: string | undefined;
  q?: string | undefined;
  sort: 'score' | 'name' | 'rank';
  limit: number;
  offset: number;
}

type Row = Record<string, unknown> & {
  detail: { indicators: unknown; adjustments: unknown; notAssessedReason: unknown };
};

export function presentResult(r: Row): TFirmEvaluation {
  return {
    enterpriseId: r.enterprise_id as number,
    name: r.name as string,
    synthetic: r.synthetic as boolean,
    regionCode: (r.region_code as string | null) ?? null,
    bucket: r.bucket as string,
    class: r.class as EvalClass,
    score: (r.score as number | null) ?? null,
    rank: (r.rank as number | null) ?? null,
    groupSize: (r.group_size as number | null) ?? null,
    landMu: (r.land_mu as number | null) ?? null,
    indicators: r.detail.indicators as TFirmEvaluation['indicators'],
    adjustments: r.detail.adjustments as TFirmEvaluation['adjustments'],
    notAssessedReason: (r.detail.notAssessedReason as TFirmEvaluation['notAssessedReason']) ?? null,
  };
}

/** Filters and sorts on confidential parts (class, score) are for those who see every row's figures. */
function assertMaySortOnSecrets(a: Actor | undefined, query: Pick<ResultQuery, 'class' | 'sort'>) {
  if (!a) return;
  if ((query.class || query.sort !== 'name') && !may(a, 'evaluation.aggregates')) throw forbidden();
}

export async function listResults(db: Db, runId: number, query: ResultQuery, actor: Actor | undefined) {
  if (!(await repo.getRun(db, runId))) throw notFound();
  assertMaySortOnSecrets(actor, query);
  const q = new Sql();
  const where = [`t.run_id = ${q.p(runId)}`];
  if (actor) {
    const scope = readScope(actor, 'evaluation-results', q);
    if (scope) where.push(`(${scope})`);
  }
  if (query.regionCode) where.push(repo.areaCond(q, query.regionCode, 't.region_code'));
  if (query.parkId) where.push(repo.TENANT_OF_PARK(q, query.parkId));
  if (query.class) where.push(`t.class = ${q.p(query.class)}`);
  if (query.bucket) where.push(`t.bucket = ${q.p(query.bucket)}`);
  if (query.q) where.push(`t.name ilike ${q.p(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
  const order =
    query.sort === 'name'
      ? 't.name, t.enterprise_id'
      : query.sort === 'rank'
        ? 't.region_code, t.bucket, t.rank nulls last, t.enterprise_id'
        : 't.score desc nulls last, t.enterprise_id';
  const base = `from (${repo.RESULT_SELECT}) t where ${where.join(' and ')}`;
  const [count] = await db.query<{ n: number }>(`select count(*)::int as n ${base}`, q.params);
  const rows = await db.query<Row>(
    `select t.* ${base} order by ${order} limit ${q.p(query.limit)} offset ${q.p(query.offset)}`,
    q.params,
  );
  return {
    total: count?.n ?? 0,
    items: rows.map((r) => redactResult(actor, presentResult(r))),
  };
}

export function redactResult(actor: Actor | undefined, r: TFirmEvaluation): TFirmEvaluation {
  return redact(actor, 'evaluation-results', r as unknown as Record<string, unknown>) as unknown as TFirmEvaluation;
}

/** One firm's result in a run, or 404 when it is not in the run or not in the reader's scope. */
export async function firmResult(db: Db, runId: number, enterpriseId: number, actor: Actor | undefined) {
  const q = new Sql();
  const where = [`t.run_id = ${q.p(runId)}`, `t.enterprise_id = ${q.p(enterpriseId)}`];
  if (actor) {
    const scope = readScope(actor, 'evaluation-results', q);
    if (scope) where.push(`(${scope})`);
  }
  const [row] = await db.query<Row>(`select t.* from (${repo.RESULT_SELECT}) t where ${where.join(' and ')}`, q.params);
  if (!row) throw notFound();
  return presentResult(row);
}

/** The evaluation letter: the result, the rule set and its source, the class's policies, the firm's history. */
export async function letter(db: Db, runId: number, enterpriseId: number, actor: Actor | undefined) {
  const run = await repo.getRun(db, runId);
  if (!run) throw notFound();
  const raw = await firmResult(db, runId, enterpriseId, actor);
  const result = redactResult(actor, raw);
  const visible = !result.redacted;
  const rs = await repo.getRuleSet(db, run.ruleSetId);
  if (!rs) throw notFound();
  const doc = rs.document as TPerMuDocument;
  const history = await db.query<Row & { year: number; run_id: number; rule_set_version: number }>(
    `select t.*, r.year, s.version as rule_set_version from (${repo.RESULT_SELECT}) t
       join evaluation_runs r on r.id = t.run_id join evaluation_rule_sets s on s.id = r.rule_set_id
      where t.enterprise_id = $1 and s.code = $2 order by r.year, r.id`,
    [enterpriseId, rs.code],
  );
  return {
    run,
    ruleSet: {
      id: rs.id,
      code: rs.code,
      version: rs.version,
      name: rs.name,
      nameEn: rs.nameEn ?? null,
      assumption: rs.assumption,
      verified: rs.verified,
      source: rs.source,
      notes: doc.notes,
      bands: doc.bands,
    },
    result,
    policies: visible && result.class && result.class !== 'T' ? (doc.policies[result.class] ?? []) : null,
    history: history.map((h) => {
      const r = redactResult(actor, presentResult(h));
      return { runId: h.run_id, year: h.year, ruleSetVersion: h.rule_set_version, class: r.class, score: r.score };
    }),
  };
}

/** What-if: the firm scored again with some figures changed, against the run's benchmarks and ranking. */
export async function whatIfFirm(
  db: Db,
  runId: number,
  enterpriseId: number,
  changes: Facts,
  actor: Actor | undefined,
): Promise<TFirmEvaluation> {
  const ctxRow = await repo.runContext(db, runId);
  if (!ctxRow) throw notFound();
  const before = await firmResult(db, runId, enterpriseId, actor);
  if (redactResult(actor, before).redacted) throw forbidden();
  const rs = await repo.getRuleSet(db, ctxRow.rule_set_id);
  if (!rs) throw notFound();
  const q = new Sql();
  const [firm] = await repo.loadFirms(db, q, `e.id = ${q.p(enterpriseId)}`, ctxRow.year - 2, ctxRow.year);
  if (!firm) throw notFound();
  const r: FirmResult = whatIf(
    rs.document as TPerMuDocument,
    {
      id: firm.id,
      group: firm.regionCode ?? '',
      facts: buildFacts(firm, ctxRow.year, `${ctxRow.year}-12-31`),
    },
    changes,
    ctxRow.context as EvalContext,
    { score: before.score, bucket: before.bucket },
  );
  return {
    enterpriseId: firm.id,
    name: firm.name,
    synthetic: firm.synthetic,
    regionCode: firm.regionCode,
    bucket: r.bucket,
    class: r.class,
    score: r.score,
    rank: r.rank,
    groupSize: r.groupSize,
    landMu: r.landMu,
    indicators: r.indicators,
    adjustments: r.adjustments,
    notAssessedReason: r.notAssessedReason,
  };
}

export interface AreaRow {
  key: string;
  name: string;
  regionCode: string | null;
  synthetic: boolean;
  firms: number;
  distribution: Record<EvalClass, number>;
  landMu: number;
  outputPerMu: number | null;
  taxPerMu: number | null;
  rank: number | null;
}

/**
 * Distribution of classes, land output (output and tax per mu over the assessed firms' land) and the
 * ranking by tax per mu, by park or by district — over the firms whose figures the reader sees.
 */
export async function areaSummary(db: Db, runId: number, by: 'park' | 'district', actor: Actor | undefined) {
  const run = await repo.getRun(db, runId);
  if (!run) throw notFound();
  if (actor && !may(actor, 'evaluation.aggregates')) throw forbidden();
  const q = new Sql();
  const where = [`t.run_id = ${q.p(runId)}`];
  if (actor) {
    const scope = readScope(actor, 'evaluation-results', q);
    if (scope) where.push(`(${scope})`);
  }
  const results = await db.query<{ enterprise_id: number; class: EvalClass; region_code: string | null }>(
    `select t.enterprise_id, t.class, t.region_code from (${repo.RESULT_SELECT}) t where ${where.join(' and ')}`,
    q.params,
  );
  const metrics = new Map((await repo.metricsOfYear(db, run.year)).map((m) => [m.enterprise_id, m]));
  const groups = new Map<string, { name: string; regionCode: string | null; synthetic: boolean; ids: number[] }>();
  if (by === 'district') {
    const names = new Map(
      (
        await db.query<{ code: string; name: string }>('select code, name from regions where level = $1', ['district'])
      ).map((r) => [r.code, r.name]),
    );
    for (const r of results) {
      const k = r.region_code ?? '';
      const g = groups.get(k) ?? { name: names.get(k) ?? k, regionCode: r.region_code, synthetic: false, ids: [] };
      g.ids.push(r.enterprise_id);
      groups.set(k, g);
    }
  } else {
    const pq = new Sql();
    const parkWhere =
      actor && (actor.role === 'district_user' || actor.role === 'park_operator')
        ? `p.id in ${parkScope(actor, pq)}`
        : 'true';
    const { parks, tenants } = await repo.parksWithTenants(db, pq, parkWhere);
    const inRun = new Set(results.map((r) => r.enterprise_id));
    const parkById = new Map(parks.map((p) => [p.id, p]));
    for (const t of tenants) {
      const p = parkById.get(t.park_id);
      if (!p || !inRun.has(t.enterprise_id)) continue;
      const g = groups.get(String(p.id)) ?? {
        name: p.name,
        regionCode: p.region_code,
        synthetic: p.synthetic,
        ids: [],
      };
      g.ids.push(t.enterprise_id);
      groups.set(String(p.id), g);
    }
  }
  const classOf = new Map(results.map((r) => [r.enterprise_id, r.class]));
  const rows: AreaRow[] = [...groups].map(([key, g]) => {
    const distribution: Record<EvalClass, number> = { A: 0, B: 0, C: 0, D: 0, T: 0 };
    let land = 0;
    let output = 0;
    let tax = 0;
    for (const id of g.ids) {
      const c = classOf.get(id) ?? 'T';
      distribution[c]++;
      const m = metrics.get(id);
      if (c !== 'T' && m?.land_mu && m.land_mu > 0) {
        land += m.land_mu;
        output += Number(m.output_wan ?? 0);
        tax += Number(m.tax_wan ?? 0);
      }
    }
    return {
      key,
      name: g.name,
      regionCode: g.regionCode,
      synthetic: g.synthetic,
      firms: g.ids.length,
      distribution,
      landMu: round(land),
      outputPerMu: land > 0 ? round(output / land) : null,
      taxPerMu: land > 0 ? round(tax / land) : null,
      rank: null,
    };
  });
  const ranked = rows.filter((r) => r.taxPerMu !== null).sort((a, b) => (b.taxPerMu ?? 0) - (a.taxPerMu ?? 0));
  ranked.forEach((r, i) => {
    r.rank = i + 1;
  });
  rows.sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.name.localeCompare(b.name));
  return { run, by, items: rows };
}

const round = (x: number) => Math.round(x * 100) / 100;
