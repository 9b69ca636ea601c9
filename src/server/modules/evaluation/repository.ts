/** All SQL of evaluation: rule sets, firms' inputs, runs and results, renewal, pipeline, honours. */
import type { TRuleSet, TRuleSetInput } from '../../../contracts/evaluation.js';
import type { Db } from '../../../db/connect.js';
import type { Facts, FirmInput, Honour, MetricYear } from '../../../domain/evaluation/fields.js';
import type { FirmResult } from '../../../domain/evaluation/per-mu.js';
import { present, type Sql } from '../../lib/sql.js';

// ---------- rule sets ----------
const RULE_SET_COLS = `id, code, version, kind, name, name_en, region_code, effective_from::text as effective_from, status,
  verified, assumption, source_title, source_publisher, source_url, source_clause, document, synthetic, created_at, published_at`;

type RuleSetRow = Record<string, unknown> & { document: TRuleSetInput['document']; source_title: string };

export function presentRuleSet(r: RuleSetRow): TRuleSet & { kind: 'per_mu' | 'tier' | 'renewal' } {
  const p = present<Record<string, unknown>>(r);
  return {
    id: p.id as number,
    code: p.code as string,
    version: p.version as number,
    kind: p.kind as 'per_mu',
    name: p.name as string,
    nameEn: (p.nameEn as string | null) ?? null,
    regionCode: (p.regionCode as string | null) ?? null,
    effectiveFrom: p.effectiveFrom as string,
    status: p.status as 'draft',
    verified: p.verified as boolean,
    assumption: p.assumption as boolean,
    synthetic: p.synthetic as boolean,
    source: {
      title: r.source_title,
      publisher: (p.sourcePublisher as string | null) ?? null,
      url: (p.sourceUrl as string | null) ?? null,
      clause: (p.sourceClause as string | null) ?? null,
    },
    document: r.document,
    createdAt: p.createdAt as string,
    publishedAt: (p.publishedAt as string | null) ?? null,
  };
}

export async function listRuleSets(db: Db, kind?: string) {
  const rows = await db.query<RuleSetRow>(
    `select ${RULE_SET_COLS} from evaluation_rule_sets ${kind ? 'where kind = $1' : ''} order by kind, code, version desc`,
    kind ? [kind] : [],
  );
  return rows.map(presentRuleSet);
}

export async function getRuleSet(db: Db, id: number) {
  const [r] = await db.query<RuleSetRow>(`select ${RULE_SET_COLS} from evaluation_rule_sets where id = $1`, [id]);
  return r ? presentRuleSet(r) : null;
}

/** The newest published rule set of a kind effective on a date (and for a region, or for anywhere). */
export async function currentRuleSet(db: Db, kind: string, on: string) {
  const [r] = await db.query<RuleSetRow>(
    `select ${RULE_SET_COLS} from evaluation_rule_sets where kind = $1 and status = 'published' and effective_from <= $2
      order by effective_from desc, version desc limit 1`,
    [kind, on],
  );
  return r ? presentRuleSet(r) : null;
}

export async function insertRuleSet(
  db: Db,
  input: TRuleSetInput,
  opts: { status: 'draft' | 'published'; createdBy: number | null },
) {
  const [r] = await db.query<RuleSetRow>(
    `insert into evaluation_rule_sets (code, version, kind, name, name_en, region_code, effective_from, status, verified,
       assumption, source_title, source_publisher, source_url, source_clause, document, created_by, published_at)
     values ($1, coalesce((select max(version) from evaluation_rule_sets where code = $1), 0) + 1, $2, $3, $4, $5, $6, $7,
       $8, $9, $10, $11, $12, $13, $14, $15, case when $7 = 'published' then now() end)
     returning ${RULE_SET_COLS}`,
    [
      input.code,
      input.document.kind,
      input.name,
      input.nameEn ?? null,
      input.regionCode ?? null,
      input.effectiveFrom,
      opts.status,
      input.verified,
      input.assumption,
      input.source.title,
      input.source.publisher ?? null,
      input.source.url ?? null,
      input.source.clause ?? null,
      JSON.stringify(input.document),
      opts.createdBy,
    ],
  );
  return presentRuleSet(r as RuleSetRow);
}

export async function publishRuleSet(db: Db, id: number) {
  const [r] = await db.query<RuleSetRow>(
    `update evaluation_rule_sets set status = 'published', published_at = now() where id = $1 and status = 'draft'
     returning ${RULE_SET_COLS}`,
    [id],
  );
  return r ? presentRuleSet(r) : null;
}

// ---------- firms' inputs ----------
export interface FirmRow extends FirmInput {
  name: string;
  synthetic: boolean;
  regionCode: string | null;
  chainCode: string | null;
}

/** SQL condition on enterprise e for an area code: a district, a city (4-digit prefix) or a province. */
export function areaCond(q: Sql, code: string | null | undefined, col = 'e.region_code'): string {
  if (!code) return 'true';
  if (code.endsWith('0000')) return `${col} like ${q.p(`${code.slice(0, 2)}%`)}`;
  if (code.endsWith('00')) return `${col} like ${q.p(`${code.slice(0, 4)}%`)}`;
  return `${col} = ${q.p(code)}`;
}

/** SQL condition: enterprise `e` is one of the city's own firms (the platform's shared helper). */
export { inCity } from '../../platform/policy/city.js';

const METRIC_COLS = `enterprise_id, year, revenue_wan, output_wan, value_added_wan, tax_wan, rnd_wan, rnd_staff, employees,
  energy_tce, emissions_t, land_mu, patents_invention`;

/**
 * Firms with their metrics for years [from, to], their evaluation facts and honours. `where` filters
 * enterprises e (parameterised through q), e.g. an area and a read scope.
 */
export async function loadFirms(db: Db, q: Sql, where: string, from: number, to: number): Promise<FirmRow[]> {
  const firms = await db.query<{
    id: number;
    name: string;
    synthetic: boolean;
    region_code: string | null;
    chain_code: string | null;
    founded_on: string | null;
    industry_class_code: string | null;
    honours: Honour[];
  }>(
    `select e.id, e.name, e.synthetic, e.region_code, e.chain_code, e.founded_on::text as founded_on, e.industry_class_code,
            e.honours from enterprises e where ${where} order by e.id`,
    q.params,
  );
  const byId = new Map<number, FirmRow>();
  for (const f of firms)
    byId.set(f.id, {
      id: f.id,
      name: f.name,
      synthetic: f.synthetic,
      regionCode: f.region_code,
      chainCode: f.chain_code,
      foundedOn: f.founded_on,
      industryClassCode: f.industry_class_code,
      honours: Array.isArray(f.honours) ? f.honours : [],
      metrics: [],
      facts: {},
    });
  if (byId.size === 0) return [];
  const ids = [...byId.keys()];
  const metrics = await db.query<Record<string, number | null> & { enterprise_id: number; year: number }>(
    `select ${METRIC_COLS} from enterprise_metrics where year between $1 and $2 and enterprise_id = any($3::int[])`,
    [from, to, ids],
  );
  for (const m of metrics) {
    const p = present<MetricYear & { enterpriseId: number }>(m);
    const { enterpriseId, ...rest } = p;
    byId.get(enterpriseId)?.metrics.push(rest);
  }
  const facts = await db.query<{ enterprise_id: number; year: number; facts: Facts }>(
    `select enterprise_id, year, facts from evaluation_facts where year between $1 and $2 and enterprise_id = any($3::int[])`,
    [from, to, ids],
  );
  for (const f of facts) {
    const firm = byId.get(f.enterprise_id);
    if (firm?.facts) firm.facts[f.year] = f.facts;
  }
  return [...byId.values()];
}

// ---------- runs and results ----------
export const RUN_SELECT = `select r.id, r.rule_set_id, s.code as rule_set_code, s.version as rule_set_version, s.name as rule_set_name,
  r.year, r.region_code, r.status, r.assessed, r.not_assessed, r.distribution, r.created_at, r.finished_at
  from evaluation_runs r join evaluation_rule_sets s on s.id = r.rule_set_id`;

export async function listRuns(db: Db, limit = 50) {
  return (await db.query(`${RUN_SELECT} order by r.id desc limit $1`, [limit])).map((r) => presentRun(r));
}

export async function getRun(db: Db, id: number) {
  const [r] = await db.query(`${RUN_SELECT} where r.id = $1`, [id]);
  return r ? presentRun(r) : null;
}

export const presentRun = (r: Record<string, unknown>) => {
  const p = present<Record<string, unknown>>(r);
  return {
    id: p.id as number,
    ruleSetId: p.ruleSetId as number,
    ruleSetCode: p.ruleSetCode as string,
    ruleSetVersion: p.ruleSetVersion as number,
    ruleSetName: p.ruleSetName as string,
    year: p.year as number,
    regionCode: (p.regionCode as string | null) ?? null,
    status: p.status as 'completed',
    assessed: p.assessed as number,
    notAssessed: p.notAssessed as number,
    distribution: (p.distribution as Record<string, number>) ?? {},
    createdAt: p.createdAt as string,
    finishedAt: (p.finishedAt as string | null) ?? null,
  };
};

export async function runContext(db: Db, id: number) {
  const [r] = await db.query<{ context: unknown; rule_set_id: number; year: number }>(
    'select context, rule_set_id, year from evaluation_runs where id = $1',
    [id],
  );
  return r ?? null;
}

export async function insertRun(
  tx: Db,
  run: {
    ruleSetId: number;
    year: number;
    regionCode: string | null;
    jobId: string | null;
    createdBy: number | null;
    assessed: number;
    notAssessed: number;
    distribution: Record<string, number>;
    context: unknown;
  },
): Promise<number> {
  const [r] = await tx.query<{ id: number }>(
    `insert into evaluation_runs (rule_set_id, year, region_code, status, job_id, assessed, not_assessed, distribution, context,
       created_by, finished_at)
     values ($1, $2, $3, 'completed', $4, $5, $6, $7, $8, $9, now()) returning id`,
    [
      run.ruleSetId,
      run.year,
      run.regionCode,
      run.jobId,
      run.assessed,
      run.notAssessed,
      JSON.stringify(run.distribution),
      JSON.stringify(run.context),
      run.createdBy,
    ],
  );
  return (r as { id: number }).id;
}

/** Writes results in batches of 5 000 rows (one jsonb parameter each). */
export async function insertResults(tx: Db, runId: number, results: readonly FirmResult[]): Promise<void> {
  for (let i = 0; i < results.length; i += 5000) {
    const rows = results.slice(i, i + 5000).map((r) => ({
      enterprise_id: r.id,
      bucket: r.bucket,
      class: r.class,
      score: r.score,
      rank: r.rank,
      group_size: r.groupSize,
      land_mu: r.landMu,
      detail: { indicators: r.indicators, adjustments: r.adjustments, notAssessedReason: r.notAssessedReason },
    }));
    await tx.query(
      `insert into evaluation_results (run_id, enterprise_id, bucket, class, score, rank, group_size, land_mu, detail)
       select $1, x.enterprise_id, x.bucket, x.class, x.score, x.rank, x.group_size, x.land_mu, x.detail
         from jsonb_to_recordset($2::jsonb) as x(enterprise_id int, bucket text, class text, score double precision,
              rank int, group_size int, land_mu double precision, detail jsonb)`,
      [runId, JSON.stringify(rows)],
    );
  }
}

/** The select evaluation results are read through (wrapped as t for scopes and filters). */
export const RESULT_SELECT = `select r.run_id, r.enterprise_id, e.name, e.synthetic, e.region_code, r.bucket, r.class, r.score,
  r.rank, r.group_size, r.land_mu, r.detail
  from evaluation_results r join enterprises e on e.id = r.enterprise_id`;

/** Parks an enterprise occupies now (a unit without an end date), as a subquery on t.enterprise_id. */
export const TENANT_OF_PARK = (q: Sql, parkId: number) =>
  `t.enterprise_id in (select o.enterprise_id from occupancies o join units u on u.id = o.unit_id
     join floors f on f.id = u.floor_id join buildings b on b.id = f.building_id
    where (o.ended_on is null or o.ended_on >= current_date) and b.park_id in
      (with recursive s as (select ${q.p(parkId)}::int as id union select p.id from parks p join s on p.parent_id = s.id)
       select id from s))`;

// ---------- parks (renewal, distributions) ----------
export type ParkRow = {
  id: number;
  code: string;
  name: string;
  region_code: string;
  land_mu: number | null;
  synthetic: boolean;
  name_en: string | null;
  lat: number | null;
  lng: number | null;
  location_approximate: boolean;
};

/** Parks (top level and sub-parks) with their tenant firms now. */
export async function parksWithTenants(db: Db, q: Sql, where: string) {
  const parks = await db.query<ParkRow>(
    `select p.id, p.code, p.name, p.region_code, p.land_mu, p.synthetic, p.name_en, p.lat, p.lng, p.location_approximate
       from parks p where ${where} order by p.id`,
    q.params,
  );
  const tenants = await db.query<{ park_id: number; enterprise_id: number }>(
    `select distinct b.park_id, o.enterprise_id from occupancies o join units u on u.id = o.unit_id
       join floors f on f.id = u.floor_id join buildings b on b.id = f.building_id
      where o.ended_on is null or o.ended_on >= current_date`,
  );
  const units = await db.query<{ park_id: number; vacant_m2: number; unit_m2: number }>(
    `select b.park_id, coalesce(sum(u.area_m2) filter (where u.status = 'vacant'), 0)::float8 as vacant_m2,
            coalesce(sum(u.area_m2), 0)::float8 as unit_m2
       from units u join floors f on f.id = u.floor_id join buildings b on b.id = f.building_id group by b.park_id`,
  );
  const buildings = await db.query<{ park_id: number; years: number[] }>(
    `select park_id, array_agg(completion_year) as years from buildings where completion_year is not null group by park_id`,
  );
  return { parks, tenants, units, buildings };
}

export async function metricsOfYear(db: Db, year: number) {
  return db.query<{ enterprise_id: number; output_wan: number | null; land_mu: number | null; tax_wan: number | null }>(
    'select enterprise_id, output_wan, land_mu, tax_wan from enterprise_metrics where year = $1',
    [year],
  );
}

// ---------- renewal projects ----------
export const RENEWAL_SELECT = `select rp.id, rp.park_id, p.name as park_name, p.region_code, rp.name, rp.mode, rp.investment_wan,
  rp.status, rp.started_on::text as started_on, rp.source_id, rp.synthetic, rp.version
  from renewal_projects rp join parks p on p.id = rp.park_id`;

export const presentRenewal = (r: Record<string, unknown>) => {
  const p = present<Record<string, unknown>>(r);
  return {
    id: p.id as number,
    parkId: p.parkId as number,
    parkName: p.parkName as string,
    regionCode: p.regionCode as string,
    name: p.name as string,
    mode: p.mode as 'retain',
    investmentWan: p.investmentWan === null ? null : Number(p.investmentWan),
    status: p.status as 'planned',
    startedOn: (p.startedOn as string | null) ?? null,
    sourceId: p.sourceId as string,
    synthetic: p.synthetic as boolean,
    version: p.version as number,
  };
};

// ---------- plots (地块) ----------
export type PlotRow = {
  id: number;
  park_id: number;
  code: string;
  name: string;
  name_en: string | null;
  area_mu: number;
  land_use: string;
  owner_enterprise_id: number | null;
  owner_name: string | null;
  outline: [number, number][] | null;
  lat: number | null;
  lng: number | null;
  location_approximate: boolean;
  synthetic: boolean;
  version: number;
};

export const PLOT_SELECT = `select lp.id, lp.park_id, lp.code, lp.name, lp.name_en, lp.area_mu, lp.land_use,
  lp.owner_enterprise_id, coalesce(e.name, lp.owner_name) as owner_name, lp.outline, lp.lat, lp.lng,
  lp.location_approximate, lp.synthetic, lp.version
  from land_plots lp left join enterprises e on e.id = lp.owner_enterprise_id`;

/**
 * The plots of the given parks with what renewal reads of each: the current tenants of its buildings,
 * its units' vacant and total area, and its buildings' completion years.
 */
export async function plotsOfParks(db: Db, parkIds: readonly number[]) {
  const ids = [...parkIds];
  const plots = await db.query<PlotRow>(
    `${PLOT_SELECT} where lp.park_id = any($1::int[]) order by lp.park_id, lp.code`,
    [ids],
  );
  const plotIds = plots.map((p) => p.id);
  const tenants = await db.query<{ plot_id: number; enterprise_id: number }>(
    `select distinct pb.plot_id, o.enterprise_id from land_plot_buildings pb
       join floors f on f.building_id = pb.building_id join units u on u.floor_id = f.id
       join occupancies o on o.unit_id = u.id
      where pb.plot_id = any($1::int[]) and (o.ended_on is null or o.ended_on >= current_date)`,
    [plotIds],
  );
  const units = await db.query<{ plot_id: number; vacant_m2: number; unit_m2: number }>(
    `select pb.plot_id, coalesce(sum(u.area_m2) filter (where u.status = 'vacant'), 0)::float8 as vacant_m2,
            coalesce(sum(u.area_m2), 0)::float8 as unit_m2
       from land_plot_buildings pb join floors f on f.building_id = pb.building_id join units u on u.floor_id = f.id
      where pb.plot_id = any($1::int[]) group by pb.plot_id`,
    [plotIds],
  );
  const buildings = await db.query<{ plot_id: number; n: number; years: (number | null)[] }>(
    `select pb.plot_id, count(*)::int as n, array_agg(b.completion_year) as years
       from land_plot_buildings pb join buildings b on b.id = pb.building_id
      where pb.plot_id = any($1::int[]) group by pb.plot_id`,
    [plotIds],
  );
  return { plots, tenants, units, buildings };
}
