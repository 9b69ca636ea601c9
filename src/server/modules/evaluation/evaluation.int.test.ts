import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, type TestDb } from '../../../../test/helpers/db.js';
import { type DemoApp, demoApp } from '../../../../test/helpers/demo.js';
import type {
  TFirmEvaluation,
  TRenewalDocument,
  TRenewalView,
  TRuleSet,
  TTierStatus,
} from '../../../contracts/evaluation.js';
import { loadPublished } from '../../../domain/evaluation/published.js';
import { classifyPark } from '../../../domain/evaluation/renewal.js';
import { redact } from '../../platform/policy/index.js';
import { loadActor } from '../auth/actor.js';

const B = '/api/v1/evaluation';

describe.each(ENGINES)('[$name] evaluation and cultivation', (engine) => {
  let t: TestDb;
  let d: DemoApp;
  let runId: number;
  const admin = () => d.users.city_admin;

  beforeAll(async () => {
    t = await engine.create();
    d = await demoApp(t);
    const runs = await d.as(admin(), 'GET', `${B}/runs`);
    runId = ((runs.body as { items: { id: number }[] }).items[0] as { id: number }).id;
  }, 300_000);
  afterAll(async () => {
    await d?.app.close();
    await t?.drop();
  });

  it('leaves the outside-city target pool out of runs, tier lists and counts, and expiring honours', async () => {
    const count = async (inCity: boolean, extra = '') => {
      const r = await d.as(admin(), 'GET', `/api/v1/enterprises?inCity=${inCity}&limit=1${extra}`);
      expect(r.status, r.text).toBe(200);
      return (r.body as { total: number }).total;
    };
    const city = await count(true);
    expect(await count(false)).toBeGreaterThanOrEqual(300);
    const pool = new Set<number>();
    for (let offset = 0; ; offset += 500) {
      const page = (await d.as(admin(), 'GET', `/api/v1/enterprises?inCity=false&limit=500&offset=${offset}`)).body as {
        items: { id: number }[];
      };
      for (const e of page.items) pool.add(e.id);
      if (page.items.length < 500) break;
    }
    // The demo run: every city firm once, no pool firm.
    const run = (await d.as(admin(), 'GET', `${B}/runs/${runId}`)).body as { assessed: number; notAssessed: number };
    expect(run.assessed + run.notAssessed).toBe(city);
    const results = await d.as(admin(), 'GET', `${B}/runs/${runId}/results?limit=1`);
    expect((results.body as { total: number }).total).toBe(city);
    // Tier lists: the city's firms only.
    const tiers = await d.as(admin(), 'GET', `${B}/tiers?year=2025&on=2026-06-01&limit=500`);
    expect(tiers.status, tiers.text).toBe(200);
    const tierPage = tiers.body as { total: number; items: TTierStatus[] };
    expect(tierPage.total).toBe(city);
    const lg = await d.as(admin(), 'GET', `${B}/tiers?tier=little_giant&year=2025&on=2026-06-01&limit=500`);
    expect((lg.body as { items: TTierStatus[] }).items.some((s) => pool.has(s.enterpriseId))).toBe(false);
    // Counts against the city's targets: holders among the city's firms only.
    const counts = (await d.as(admin(), 'GET', `${B}/tiers/counts?on=2026-06-01`)).body as {
      registry: { tierCode: string; holders: number }[];
    };
    const holders = counts.registry.find((r) => r.tierCode === 'little_giant')?.holders ?? -1;
    expect(holders).toBeLessThanOrEqual(await count(true, '&tier=little_giant'));
    // Expiring honours: the pool's high-tech certificates (valid to 2026-12-31) are not the bureau's to remind.
    const expiring = (await d.as(admin(), 'GET', `${B}/honours/expiring?withinDays=365&on=2026-06-01`)).body as {
      items: { enterpriseId: number }[];
    };
    expect(expiring.items.length).toBeGreaterThan(0);
    expect(expiring.items.filter((h) => pool.has(h.enterpriseId))).toEqual([]);
  });

  it('ships the published rule sets with their sources, the Wuhan default marked as an assumption', async () => {
    const r = await d.as(d.users.viewer, 'GET', `${B}/rule-sets`);
    expect(r.status).toBe(200);
    const items = (r.body as { items: TRuleSet[] }).items;
    expect(items.map((x) => x.code).sort()).toEqual(
      ['huaian-2024', 'huangyan-2023', 'miit-2022', 'miit-2026', 'renewal-default', 'wuhan-default'].sort(),
    );
    expect(items.every((x) => x.status === 'published')).toBe(true);
    expect(items.find((x) => x.code === 'wuhan-default')?.assumption).toBe(true);
    expect(r.text).not.toMatch(/\[S\]|\[GK\]/);
  });

  it('refuses a rule set whose weights, bands, fields or units are wrong, naming rule and field in zh and en', async () => {
    const rs = structuredClone(loadPublished('huangyan-2023'));
    if (rs.document.kind !== 'per_mu') throw new Error('kind');
    const inds = rs.document.buckets[0]?.indicators ?? [];
    if (inds[0]) inds[0].weight = 25;
    if (inds[1]) inds[1].unit = '元/亩';
    if (inds[2]) inds[2].numerator = 'valueAdded';
    rs.document.bands.bands = [
      { class: 'A', from: 120, to: null },
      { class: 'B', from: 95, to: 120 },
      { class: 'C', from: 60, to: 90 },
      { class: 'D', from: 0, to: 60 },
    ];
    const r = await d.as(admin(), 'POST', `${B}/rule-sets`, rs);
    expect(r.status).toBe(422);
    const errors = (r.body as { errors: { code: string; path: unknown[]; message: { zh: string; en: string } }[] })
      .errors;
    expect(errors.map((e) => e.code).sort()).toEqual(
      ['evaluation.band_gap', 'evaluation.unit_mismatch', 'evaluation.unknown_field', 'evaluation.weights_sum'].sort(),
    );
    const unit = errors.find((e) => e.code === 'evaluation.unit_mismatch');
    expect(unit?.message.zh).toContain('亩均增加值');
    expect(unit?.message.en).toContain('the rule says 元/亩');
    expect(unit?.path).toEqual(['document', 'buckets', 0, 'indicators', 1, 'unit']);
    expect((await d.as(d.users.city_analyst, 'POST', `${B}/rule-sets`, loadPublished('huangyan-2023'))).status).toBe(
      403,
    );
  });

  it('never edits a published rule set in place: a change is a new version', async () => {
    const list = (await d.as(admin(), 'GET', `${B}/rule-sets?kind=per_mu`)).body as { items: TRuleSet[] };
    const huaian = list.items.find((x) => x.code === 'huaian-2024') as TRuleSet;
    const input = loadPublished('huaian-2024');
    const put = await d.as(admin(), 'PUT', `${B}/rule-sets/${huaian.id}`, input);
    expect(put.status).toBe(409);
    expect((put.body as { code: string }).code).toBe('evaluation.published_immutable');
    const v2 = await d.as(admin(), 'POST', `${B}/rule-sets`, { ...input, name: `${input.name}（修订）` });
    expect(v2.status).toBe(201);
    expect((v2.body as TRuleSet).version).toBe(2);
    expect((v2.body as TRuleSet).status).toBe('draft');
    const pub = await d.as(admin(), 'POST', `${B}/rule-sets/${(v2.body as TRuleSet).id}/publish`);
    expect(pub.status).toBe(200);
    expect((await d.as(admin(), 'GET', `${B}/rule-sets/${huaian.id}`)).body).toMatchObject({
      version: 1,
      name: huaian.name,
    });
  });

  it('runs an evaluation as a job and reports the class distribution', async () => {
    const rs = ((await d.as(admin(), 'GET', `${B}/rule-sets?kind=per_mu`)).body as { items: TRuleSet[] }).items.find(
      (x) => x.code === 'huangyan-2023',
    ) as TRuleSet;
    const r = await d.as(admin(), 'POST', `${B}/runs`, { ruleSetId: rs.id, year: 2025, regionCode: '420112' });
    expect(r.status, r.text).toBe(200);
    const run = r.body as { assessed: number; distribution: Record<string, number> };
    expect(run.assessed).toBeGreaterThan(10);
    const total = Object.values(run.distribution).reduce((s, n) => s + n, 0);
    expect(total).toBeGreaterThan(run.assessed - 1);
  });

  it('explains each class: indicator values, benchmarks and contributions that add up to the score', async () => {
    const r = await d.as(admin(), 'GET', `${B}/runs/${runId}/results?sort=score&limit=20`);
    expect(r.status).toBe(200);
    const items = (r.body as { items: TFirmEvaluation[] }).items;
    const top = items[0] as TFirmEvaluation;
    expect(top.class).toMatch(/[ABCD]/);
    const sum =
      (top.indicators ?? []).reduce((s, i) => s + (i.contribution ?? 0), 0) +
      (top.adjustments ?? []).reduce((s, a) => s + a.points, 0);
    expect(sum).toBeCloseTo(top.score ?? -1, 6);
    const letter = await d.as(admin(), 'GET', `${B}/runs/${runId}/firms/${top.enterpriseId}`);
    expect(letter.status).toBe(200);
    expect((letter.body as { policies: unknown[] }).policies?.length).toBeGreaterThan(0);
    const tax = top.indicators?.find((i) => i.code === 'tax_per_mu');
    const wi = await d.as(admin(), 'GET', `${B}/runs/${runId}/firms/${top.enterpriseId}/what-if?taxWan=0`);
    expect(wi.status).toBe(200);
    expect((wi.body as TFirmEvaluation).score).toBeCloseTo((top.score ?? 0) - (tax?.contribution ?? 0), 6);
  });

  it('shows no confidential figure to a role that may not see it — lists, letters, tier gaps, exports', async () => {
    const all = (await d.as(admin(), 'GET', `${B}/runs/${runId}/results?sort=score&limit=500`)).body as {
      items: TFirmEvaluation[];
    };
    const scored = all.items.filter((x) => x.score !== null);
    const secrets = scored.slice(0, 30).map((x) => String(Math.round((x.score as number) * 1e6) / 1e6).slice(0, 7));
    for (const user of [d.users.viewer, d.users.investment_officer]) {
      const list = await d.as(user, 'GET', `${B}/runs/${runId}/results?limit=500`);
      expect(list.status).toBe(200);
      const items = (list.body as { items: TFirmEvaluation[] }).items;
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((x) => x.class === null && x.score === null && x.indicators === null)).toBe(true);
      for (const s of secrets) expect(list.text).not.toContain(s);
      const firm = scored[0] as TFirmEvaluation;
      const letter = await d.as(user, 'GET', `${B}/runs/${runId}/firms/${firm.enterpriseId}`);
      expect(letter.status).toBe(200);
      expect((letter.body as { policies: unknown; result: TFirmEvaluation }).policies).toBeNull();
      expect((letter.body as { result: TFirmEvaluation }).result.indicators).toBeNull();
      expect((await d.as(user, 'GET', `${B}/runs/${runId}/firms/${firm.enterpriseId}/what-if?taxWan=1`)).status).toBe(
        403,
      );
      expect((await d.as(user, 'GET', `${B}/runs/${runId}/results?sort=score`)).status).toBe(403);
      expect((await d.as(user, 'GET', `${B}/runs/${runId}/results?class=A`)).status).toBe(403);
      expect((await d.as(user, 'GET', `${B}/runs/${runId}/areas`)).status).toBe(403);
      expect((await d.as(user, 'GET', `${B}/tiers`)).status).toBe(403);
      const tiers = await d.as(user, 'GET', `${B}/tiers/firms/${firm.enterpriseId}`);
      expect(tiers.status).toBe(200);
      const statuses = (tiers.body as { items: { items: TTierStatus[] }[] }).items.flatMap((p) => p.items);
      expect(statuses.length).toBe(2);
      expect(statuses.every((s) => s.failing === null && s.qualifies === null)).toBe(true);
      const x = await d.as(user, 'GET', `${B}/runs/${runId}/results.xlsx?lang=en`);
      expect(x.status).toBe(200);
    }
  });

  it('shows an enterprise its own evaluation and tier gaps, and no other firm’s', async () => {
    const [own] = await t.db.query<{ enterprise_id: number }>(
      `select o.enterprise_id from organisations o join users u on u.organisation_id = o.id where u.username = $1`,
      [d.users.enterprise_user],
    );
    const ownId = own?.enterprise_id as number;
    // Every page: the calibrated demo holds more firms than one page of 500.
    const list = { items: [] as TFirmEvaluation[] };
    for (let offset = 0; ; offset += 500) {
      const page = (await d.as(d.users.enterprise_user, 'GET', `${B}/runs/${runId}/results?limit=500&offset=${offset}`))
        .body as { items: TFirmEvaluation[] };
      list.items.push(...page.items);
      if (page.items.length < 500) break;
    }
    const mine = list.items.find((x) => x.enterpriseId === ownId);
    expect(mine?.class).toMatch(/[ABCDT]/);
    expect(list.items.filter((x) => x.enterpriseId !== ownId).every((x) => x.class === null)).toBe(true);
    const tiers = await d.as(d.users.enterprise_user, 'GET', `${B}/tiers/firms/${ownId}`);
    const statuses = (tiers.body as { items: { items: TTierStatus[] }[] }).items.flatMap((p) => p.items);
    expect(statuses.every((s) => Array.isArray(s.failing))).toBe(true);
    // A zone sees the firms of its zone only
    const district = await d.as(d.users.district_user, 'GET', `${B}/runs/${runId}/areas?by=district`);
    expect(district.status).toBe(200);
  });

  it('names each failing tier condition with its value and clause; candidate lists by tier', async () => {
    const r = await d.as(
      d.users.city_analyst,
      'GET',
      `${B}/tiers?tier=specialized_sme&year=2025&on=2026-06-01&limit=5`,
    );
    expect(r.status).toBe(200);
    const page = r.body as { ruleSet: { code: string }; items: TTierStatus[] };
    expect(page.ruleSet.code).toBe('miit-2026');
    const f = page.items[0]?.failing?.[0];
    expect(f?.clause).toContain('工信部企业〔2026〕2号');
    expect(f?.message.zh.length).toBeGreaterThan(5);
    const counts = await d.as(d.users.viewer, 'GET', `${B}/tiers/counts?on=2026-06-01`);
    const targets = (counts.body as { targets: { reportedTotal: number; reportedNew: number; sourceId: string }[] })
      .targets;
    expect(targets).toContainEqual(
      expect.objectContaining({ reportedTotal: 309, reportedNew: 103, sourceId: 'seed-000' }),
    );
  });

  it('classes parks for renewal with the rule beside each, counting Dongxihu’s 16 projects and ¥1.76 bn', async () => {
    const r = await d.as(d.users.district_user, 'GET', `${B}/renewal?runId=${runId}`);
    expect(r.status, r.text).toBe(200);
    const v = r.body as {
      items: { mode: string; rule: { clause: string } }[];
      targets: {
        reportedProjects: number;
        reportedInvestmentWan: number;
        recordedProjects: number;
        recordedInvestmentWan: number;
      }[];
    };
    expect(v.items.length).toBeGreaterThan(0);
    expect(v.items.every((x) => x.rule.clause.length > 0)).toBe(true);
    expect(v.targets[0]).toMatchObject({
      reportedProjects: 16,
      reportedInvestmentWan: 176000,
      recordedProjects: 16,
      recordedInvestmentWan: 176000,
    });
  });

  it('classes the demo parks’ plots (地块) by the park rules, flagged synthetic, the deciding rule beside each', async () => {
    const r = await d.as(admin(), 'GET', `${B}/renewal?runId=${runId}`);
    expect(r.status, r.text).toBe(200);
    const v = r.body as TRenewalView;
    expect(v.plots.length).toBeGreaterThan(0);
    const doc = { kind: 'renewal', rules: v.ruleSet.rules, notes: v.ruleSet.notes } as TRenewalDocument;
    const parks = new Set(v.items.map((x) => x.parkId));
    for (const p of v.plots) {
      expect(parks.has(p.parkId)).toBe(true);
      expect(p.synthetic && p.name.includes('示例') && p.nameEn?.includes('synthetic')).toBe(true);
      expect(p.lat !== null && p.lng !== null).toBe(true);
      // The same rules as the parks: the class follows from the plot's facts, the values shown are its facts.
      const facts = p.facts as NonNullable<typeof p.facts>;
      expect(p.mode).toBe(classifyPark(doc, facts).mode);
      for (const b of p.rule?.because ?? [])
        expect(b.actual).toBe((facts as unknown as Record<string, unknown>)[b.field]);
    }
    // Both kinds of place: an outline (drawn at its centroid) and a bare point.
    expect(v.plots.some((p) => p.outline !== null) && v.plots.some((p) => p.outline === null)).toBe(true);
    // Independently of the code under test: a plot's D share from the run's classes of its holder and tenants.
    const withFirms = v.plots.find(
      (p) => p.buildings > 0 && (p.facts?.assessedFirms ?? 0) > 0,
    ) as (typeof v.plots)[number];
    expect(withFirms).toBeDefined();
    const [share] = await t.db.query<{ n: number; d: number }>(
      `with f as (
         select owner_enterprise_id as id from land_plots where id = $1 and owner_enterprise_id is not null
         union select o.enterprise_id from land_plot_buildings pb join floors fl on fl.building_id = pb.building_id
           join units u on u.floor_id = fl.id join occupancies o on o.unit_id = u.id
          where pb.plot_id = $1 and (o.ended_on is null or o.ended_on >= current_date))
       select count(*)::int as n, count(*) filter (where r.class = 'D')::int as d
         from f join evaluation_results r on r.enterprise_id = f.id and r.run_id = $2 and r.class <> 'T'`,
      [withFirms.plotId, runId],
    );
    expect(withFirms.facts?.assessedFirms).toBe(share?.n);
    expect(withFirms.facts?.dSharePct).toBeCloseTo(((share?.d ?? 0) / (share?.n ?? 1)) * 100, 9);
    // A district sees the plots of its parks only.
    const mine = (await d.as(d.users.district_user, 'GET', `${B}/renewal?runId=${runId}`)).body as TRenewalView;
    const its = new Set(mine.items.map((x) => x.parkId));
    expect(mine.plots.length).toBeGreaterThan(0);
    expect(mine.plots.every((p) => its.has(p.parkId))).toBe(true);
    expect(mine.plots.length).toBeLessThan(v.plots.length);
    // The list as Excel; aggregates are not for a viewer.
    const x = await d.as(admin(), 'GET', `${B}/renewal/plots.xlsx?runId=${runId}&lang=en`);
    expect(x.status).toBe(200);
    expect((await d.as(d.users.viewer, 'GET', `${B}/renewal/plots.xlsx?runId=${runId}&lang=en`)).status).toBe(403);
  });

  it('records a plot with its buildings, audited; refuses a plot without a place or with another park’s building, in zh and en', async () => {
    const v = (await d.as(d.users.district_user, 'GET', `${B}/renewal?runId=${runId}`)).body as TRenewalView;
    const parkId = (v.plots[0] as (typeof v.plots)[number]).parkId;
    const [b] = await t.db.query<{ id: number }>('select id from buildings where park_id = $1 order by id limit 1', [
      parkId,
    ]);
    const [foreign] = await t.db.query<{ id: number }>(
      'select id from buildings where park_id <> $1 order by id limit 1',
      [parkId],
    );
    const body = { parkId, code: 'T-001', name: '测试地块', areaMu: 12.5, landUse: 'industrial', buildingIds: [b?.id] };
    const bad = await d.as(d.users.district_user, 'POST', `${B}/renewal/plots`, {
      ...body,
      buildingIds: [b?.id, foreign?.id],
      ownerEnterpriseId: 2_000_000_000,
    });
    expect(bad.status, bad.text).toBe(422);
    const errors = (bad.body as { errors: { path: string[]; code: string; message: { zh: string; en: string } }[] })
      .errors;
    expect(errors.map((e) => e.path.join('.')).sort()).toEqual(['buildingIds.1', 'outline', 'ownerEnterpriseId']);
    expect(errors.every((e) => e.message.zh.length > 0 && e.message.en.length > 0)).toBe(true);
    const badShape = await d.as(admin(), 'POST', `${B}/renewal/plots`, { ...body, areaMu: -1, landUse: 'farm' });
    expect(badShape.status).toBe(422);
    expect((await d.as(d.users.viewer, 'POST', `${B}/renewal/plots`, { ...body, lat: 30.6, lng: 114.1 })).status).toBe(
      403,
    );
    const ok = await d.as(d.users.district_user, 'POST', `${B}/renewal/plots`, {
      ...body,
      outline: [
        [114.1, 30.6],
        [114.101, 30.6],
        [114.101, 30.601],
        [114.1, 30.601],
      ],
    });
    expect(ok.status, ok.text).toBe(201);
    const plot = ok.body as { id: number; buildingIds: number[] };
    expect(plot.buildingIds).toEqual([b?.id]);
    const [audit] = await t.db.query<{ n: number }>(
      `select count(*)::int as n from change_log where entity = 'land_plots' and entity_id = $1`,
      [String(plot.id)],
    );
    expect(audit?.n).toBe(1);
    const dup = await d.as(admin(), 'POST', `${B}/renewal/plots`, { ...body, lat: 30.6, lng: 114.1 });
    expect(dup.status).toBe(422);
    expect((dup.body as { errors: { path: string[] }[] }).errors[0]?.path).toEqual(['code']);
    // The new plot is classed with its building on it, drawn at its outline's centroid.
    const after = (await d.as(admin(), 'GET', `${B}/renewal?runId=${runId}`)).body as TRenewalView;
    const mine = after.plots.find((p) => p.plotId === plot.id);
    expect(mine).toMatchObject({ buildings: 1, synthetic: false, areaMu: 12.5 });
    expect(mine?.lng).toBeCloseTo(114.1005, 9);
    expect(mine?.lat).toBeCloseTo(30.6005, 9);
    expect(mine?.mode).not.toBeNull();
  });

  it('counts on a plot only the firms whose figures the reader sees, and redacts plot figures as the metrics', async () => {
    // A plot in a district's park held by a firm of another district: the city counts it, the district not.
    const mine = (await d.as(d.users.district_user, 'GET', `${B}/renewal?runId=${runId}`)).body as TRenewalView;
    const parkId = (mine.plots[0] as (typeof mine.plots)[number]).parkId;
    const regions = [...new Set(mine.items.map((x) => x.regionCode))];
    const [outsider] = await t.db.query<{ id: number }>(
      `select r.enterprise_id as id from evaluation_results r join enterprises e on e.id = r.enterprise_id
        where r.run_id = $1 and r.class <> 'T' and e.region_code <> all($2::text[])
          and not exists (select 1 from occupancies o join units u on u.id = o.unit_id join floors f on f.id = u.floor_id
                join buildings b on b.id = f.building_id join parks p on p.id = b.park_id
               where o.enterprise_id = e.id and p.region_code = any($2::text[]))
        order by 1 limit 1`,
      [runId, regions],
    );
    expect(outsider).toBeDefined();
    const made = await d.as(admin(), 'POST', `${B}/renewal/plots`, {
      parkId,
      code: 'T-OUTSIDER',
      name: '外区权利人地块',
      areaMu: 20,
      landUse: 'industrial',
      ownerEnterpriseId: outsider?.id,
      lat: 30.6,
      lng: 114.1,
    });
    expect(made.status, made.text).toBe(201);
    const id = (made.body as { id: number }).id;
    const city = ((await d.as(admin(), 'GET', `${B}/renewal?runId=${runId}`)).body as TRenewalView).plots.find(
      (p) => p.plotId === id,
    );
    expect(city?.facts?.assessedFirms).toBe(1);
    const zone = (
      (await d.as(d.users.district_user, 'GET', `${B}/renewal?runId=${runId}`)).body as TRenewalView
    ).plots.find((p) => p.plotId === id);
    expect(zone?.facts?.assessedFirms).toBe(0);
    expect(zone?.facts?.landOutputRatio).toBe(0);
    // The plot policy: figures of a plot are for those who see its holder's metrics (here a viewer does not).
    const [viewer] = await t.db.query<{ id: number }>('select id from users where username = $1', [d.users.viewer]);
    const actor = (await loadActor(t.db, viewer?.id as number)) ?? undefined;
    const row = { ...(city as object), ownerEnterpriseId: outsider?.id } as Record<string, unknown>;
    const hidden = redact(actor, 'land-plots', row);
    expect(hidden).toMatchObject({ facts: null, mode: null, rule: null, redacted: ['facts', 'mode', 'rule'] });
    expect(hidden.areaMu).toBe(20);
  });

  it('counts the pipeline funnel by the institutions the articles name; refuses a stage dated backwards', async () => {
    const r = await d.as(d.users.viewer, 'GET', `${B}/pipeline`);
    const v = r.body as {
      byInstitution: { name: string | null; reached: Record<string, number> }[];
      transitions: { enterpriseId: number; stage: string; occurredOn: string }[];
    };
    const whu = v.byInstitution.find((x) => x.name === '武汉大学网谷产业创新研究院');
    expect(whu?.reached.lab).toBeGreaterThan(0);
    const first = v.transitions.find((x) => x.stage === 'lab') as { enterpriseId: number; occurredOn: string };
    const bad = await d.as(admin(), 'POST', `${B}/pipeline/transitions`, {
      enterpriseId: first.enterpriseId,
      stage: 'lab',
      occurredOn: '2020-01-01',
    });
    expect(bad.status).toBe(422);
    expect((bad.body as { errors: { code: string }[] }).errors[0]?.code).toBe('evaluation.transition_order');
    expect(
      (
        await d.as(d.users.viewer, 'POST', `${B}/pipeline/transitions`, {
          enterpriseId: first.enterpriseId,
          stage: 'park',
          occurredOn: '2030-01-01',
        })
      ).status,
    ).toBe(403);
  });

  it('sends re-review reminders once per expiring honour, through the job queue', async () => {
    const first = await d.as(admin(), 'POST', `${B}/honours/reminders`, { withinDays: 365, on: '2026-06-01' });
    expect(first.status, first.text).toBe(200);
    expect((first.body as { created: number }).created).toBeGreaterThan(0);
    const again = await d.as(admin(), 'POST', `${B}/honours/reminders`, { withinDays: 365, on: '2026-06-01' });
    expect((again.body as { created: number }).created).toBe(0);
    const list = await d.as(d.users.viewer, 'GET', `${B}/honours/expiring?withinDays=365&on=2026-06-01`);
    expect((list.body as { items: { reminded: boolean }[] }).items.some((x) => x.reminded)).toBe(true);
  });
});
