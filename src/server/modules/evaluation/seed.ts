/**
 * Evaluation's reference data (the shipped rule sets, stored once as published version 1 of each code)
 * and its demo: Dongxihu's renewal programme and projects, Wuhan's little-giant counts, the incubation
 * pipeline of the institutions the articles name, synthetic tier facts for the synthetic firms, and one
 * evaluation run under the Wuhan default — all through this module's use cases.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../../db/connect.js';
import { loadAllPublished } from '../../../domain/evaluation/published.js';
import { rng } from '../../../domain/random.js';
import { writeAudit } from '../../platform/audit.js';
import type { DemoSeedContext } from '../../platform/module.js';
import { recordTransition } from './pipeline.js';
import { createPlot } from './plots.js';
import { createRenewalProject } from './renewal.js';
import { inCity, insertRuleSet } from './repository.js';
import { runEvaluation } from './run.js';

const DEMO = { via: 'demo' } as const;

export async function seedEvaluationReference(tx: Db): Promise<void> {
  const have = new Set(
    (await tx.query<{ code: string }>('select distinct code from evaluation_rule_sets')).map((r) => r.code),
  );
  for (const rs of loadAllPublished()) {
    if (have.has(rs.code)) continue;
    await insertRuleSet(tx, rs, { status: 'published', createdBy: null });
  }
}

interface DemoFile {
  renewalTargets: {
    regionCode: string;
    since: string;
    projects: number;
    investmentWan: number;
    sourceId: string;
    synthetic: boolean;
  }[];
  renewalProjects: {
    parkCode: string;
    name: string;
    mode: 'replace_park' | 'replace_firms' | 'retain';
    investmentWan: number;
    status: 'planned' | 'under_way' | 'completed';
    startedOn: string;
    sourceId: string;
    synthetic: boolean;
  }[];
  tierTargets: {
    tierCode: string;
    regionCode: string;
    year: number;
    reportedTotal: number;
    reportedNew: number;
    sourceId: string;
    synthetic: boolean;
  }[];
  transitions: {
    enterpriseKey: string;
    stage: 'lab' | 'incubator' | 'accelerator' | 'park';
    occurredOn: string;
    institutionName?: string;
    parkCode?: string;
    note?: string;
    sourceId: string;
    synthetic: boolean;
  }[];
}

const DEMO_FILE = new URL('../../../../data/evaluation/demo.json', import.meta.url);

export async function seedEvaluationDemo(tx: Db, ctx: DemoSeedContext): Promise<void> {
  const demo = JSON.parse(readFileSync(fileURLToPath(DEMO_FILE), 'utf8')) as DemoFile;
  for (const t of demo.renewalTargets) {
    const [r] = await tx.query<{ id: number }>(
      `insert into renewal_targets (region_code, since, projects, investment_wan, source_id, synthetic)
       values ($1, $2, $3, $4, $5, $6) returning id`,
      [t.regionCode, t.since, t.projects, t.investmentWan, t.sourceId, t.synthetic],
    );
    await writeAudit(tx, DEMO, {
      entity: 'renewal_targets',
      entityId: (r as { id: number }).id,
      action: 'create',
      new: { ...t },
    });
  }
  for (const t of demo.tierTargets) {
    const [r] = await tx.query<{ id: number }>(
      `insert into tier_targets (tier_code, region_code, year, reported_total, reported_new, source_id, synthetic)
       values ($1, $2, $3, $4, $5, $6, $7) returning id`,
      [t.tierCode, t.regionCode, t.year, t.reportedTotal, t.reportedNew, t.sourceId, t.synthetic],
    );
    await writeAudit(tx, DEMO, {
      entity: 'tier_targets',
      entityId: (r as { id: number }).id,
      action: 'create',
      new: { ...t },
    });
  }
  let projects = 0;
  for (const p of demo.renewalProjects) {
    const parkId = ctx.parkIds.get(p.parkCode);
    if (!parkId) continue;
    const { parkCode: _c, ...rest } = p;
    await createRenewalProject(tx, { ...rest, parkId }, undefined, DEMO);
    projects++;
  }
  const institutions = new Map(
    (await tx.query<{ id: number; name: string }>('select id, name from institutions')).map((r) => [r.name, r.id]),
  );
  let transitions = 0;
  for (const t of demo.transitions) {
    const enterpriseId = ctx.enterpriseIds.get(t.enterpriseKey);
    if (!enterpriseId) continue;
    await recordTransition(
      tx,
      {
        enterpriseId,
        stage: t.stage,
        occurredOn: t.occurredOn,
        institutionId: t.institutionName ? (institutions.get(t.institutionName) ?? null) : null,
        parkId: t.parkCode ? (ctx.parkIds.get(t.parkCode) ?? null) : null,
        note: t.note ?? null,
        sourceId: t.sourceId,
        synthetic: t.synthetic,
      },
      undefined,
      DEMO,
    );
    transitions++;
  }
  ctx.counts.renewalProjects = projects;
  ctx.counts.landPlots = await seedDemoPlots(tx);
  ctx.counts.pipelineTransitions = transitions;
  ctx.counts.evaluationFacts = await seedSyntheticFacts(tx);
  // One run under the Wuhan default for the latest year of metrics, so the pages have results.
  const [rs] = await tx.query<{ id: number }>(
    "select id from evaluation_rule_sets where code = 'wuhan-default' and status = 'published' order by version desc limit 1",
  );
  const [y] = await tx.query<{ year: number | null }>('select max(year) as year from enterprise_metrics');
  if (rs && y?.year) {
    const run = await runEvaluation(
      tx,
      { ruleSetId: rs.id, year: y.year, regionCode: null },
      { audit: DEMO, userId: null, inline: true },
    );
    ctx.counts.evaluationResults = run.assessed + run.notAssessed;
  }
}

/**
 * Tier facts (debt ratio, main-business share, niche years …) for the city's synthetic firms (not the
 * outside-city target pool): invented, flagged synthetic.
 */
async function seedSyntheticFacts(tx: Db): Promise<number> {
  const firms = await tx.query<{ enterprise_id: number; year: number }>(
    `select m.enterprise_id, m.year from enterprise_metrics m join enterprises e on e.id = m.enterprise_id
      where e.synthetic and ${inCity()} and m.year >= (select max(year) - 1 from enterprise_metrics) order by 1, 2`,
  );
  const next = rng(20_251_206);
  const rows = firms.map((f) => {
    const r = () => next();
    return {
      enterprise_id: f.enterprise_id,
      year: f.year,
      facts: {
        debtRatioPct: Math.round((30 + r() * 55) * 10) / 10,
        mainBusinessSharePct: Math.round((55 + r() * 44) * 10) / 10,
        nicheYears: Math.floor(1 + r() * 12),
        strategicEmerging: r() < 0.6,
        digitalLevel: Math.floor(1 + r() * 4),
        qualityItems: Math.floor(r() * 3),
        productFieldPoints: r() < 0.3 ? 5 : r() < 0.5 ? 3 : 0,
        netMarginPct: Math.round((-2 + r() * 16) * 10) / 10,
        rndInstitutionLevel: Math.floor(r() * 4),
        marketSharePct: Math.round(r() * 15 * 10) / 10,
        keyChainLink: r() < 0.4,
        ownBrand: r() < 0.7,
        devScore: Math.round(35 + r() * 50),
        equityFinancing2yWan: r() < 0.2 ? Math.round(r() * 5000) : 0,
      },
    };
  });
  if (rows.length === 0) return 0;
  await tx.query(
    `insert into evaluation_facts (enterprise_id, year, facts, source_id, synthetic)
     select x.enterprise_id, x.year, x.facts, 'synthetic', true
       from jsonb_to_recordset($1::jsonb) as x(enterprise_id int, year int, facts jsonb)
     on conflict (enterprise_id, year) do nothing`,
    [JSON.stringify(rows)],
  );
  await writeAudit(tx, DEMO, {
    entity: 'evaluation_facts',
    entityId: 'demo',
    action: 'create',
    new: { rows: rows.length },
  });
  return rows.length;
}

/** Metres per degree of latitude (and of longitude at the equator). */
const M_PER_DEG = 111_320;
const M2_PER_MU = 10_000 / 15;

/**
 * Demo plots (地块) for the demo's synthetic parks that have a place and a land area: three plots per park,
 * its area shared 50 / 30 / 20 %, drawn as rectangles side by side east of the park's point (the third only
 * as a point), the park's buildings on the first, each held by one of the park's tenants in turn (or by the
 * park's platform company when it has none). Invented, flagged 示例 / synthetic.
 */
async function seedDemoPlots(tx: Db): Promise<number> {
  const parks = await tx.query<{ id: number; code: string; land_mu: number; lat: number; lng: number }>(
    `select id, code, land_mu::float8 as land_mu, lat, lng from parks
      where synthetic and land_mu > 0 and lat is not null and lng is not null order by id`,
  );
  if (parks.length === 0) return 0;
  const ids = parks.map((p) => p.id);
  const buildings = await tx.query<{ id: number; park_id: number }>(
    'select id, park_id from buildings where park_id = any($1::int[]) order by id',
    [ids],
  );
  const tenants = await tx.query<{ park_id: number; enterprise_id: number }>(
    `select distinct b.park_id, o.enterprise_id from occupancies o join units u on u.id = o.unit_id
       join floors f on f.id = u.floor_id join buildings b on b.id = f.building_id
      where b.park_id = any($1::int[]) and (o.ended_on is null or o.ended_on >= current_date) order by 1, 2`,
    [ids],
  );
  const SHARES = [0.5, 0.3, 0.2];
  const USES = ['industrial', 'industrial', 'rd'] as const;
  const ZH = ['一', '二', '三'];
  let n = 0;
  for (const p of parks) {
    const firms = tenants.filter((t) => t.park_id === p.id).map((t) => t.enterprise_id);
    const own = buildings.filter((b) => b.park_id === p.id).map((b) => b.id);
    const kLng = M_PER_DEG * Math.cos((p.lat * Math.PI) / 180);
    let west = p.lng;
    for (let i = 0; i < 3; i++) {
      const area = Math.round(p.land_mu * (SHARES[i] as number) * 10) / 10;
      // A rectangle twice as deep (north–south) as wide, of the plot's area.
      const wM = Math.sqrt((area * M2_PER_MU) / 2);
      const w = wM / kLng;
      const h = (2 * wM) / M_PER_DEG;
      const r = (x: number) => Math.round(x * 1e6) / 1e6;
      const ring: [number, number][] = [
        [r(west), r(p.lat)],
        [r(west + w), r(p.lat)],
        [r(west + w), r(p.lat + h)],
        [r(west), r(p.lat + h)],
        [r(west), r(p.lat)],
      ];
      const owner = firms.length > 0 ? (firms[i % firms.length] as number) : null;
      await createPlot(
        tx,
        {
          parkId: p.id,
          code: `${p.code}-P0${i + 1}`,
          name: `${ZH[i]}号地块（示例）`,
          nameEn: `Plot ${i + 1} (synthetic)`,
          areaMu: area,
          landUse: USES[i] as (typeof USES)[number],
          ownerEnterpriseId: owner,
          ownerName: owner === null ? '园区平台公司（示例）' : null,
          outline: i < 2 ? ring : null,
          lat: i < 2 ? null : r(p.lat + h / 2),
          lng: i < 2 ? null : r(west + w / 2),
          locationApproximate: true,
          buildingIds: i === 0 ? own : [],
          sourceId: 'synthetic',
          synthetic: true,
        },
        undefined,
        DEMO,
      );
      west += w * 1.05;
      n++;
    }
  }
  return n;
}

export async function clearEvaluationDemo(tx: Db): Promise<void> {
  for (const t of [
    'land_plots',
    'honour_remind_runs',
    'honour_reminders',
    'honour_lapses',
    'evaluation_runs',
    'evaluation_facts',
    'lifecycle_transitions',
    'renewal_projects',
    'renewal_targets',
    'tier_targets',
  ])
    await tx.query(`delete from ${t}`);
}
