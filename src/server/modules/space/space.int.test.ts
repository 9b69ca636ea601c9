import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, type TestDb } from '../../../../test/helpers/db.js';
import { type DemoApp, demoApp } from '../../../../test/helpers/demo.js';
import type { TFloorPlan, TSiteSearch, TSpaceUnit } from '../../../contracts/space.js';
import { checkPlan } from '../../../domain/space/check-plan.js';

type Problem = {
  code: string;
  errors?: { path: (string | number)[]; code: string; message: { zh: string; en: string } }[];
};

describe.each(ENGINES)('[$name] space for 工业上楼', (engine) => {
  let t: TestDb;
  let d: DemoApp;
  let tianhui: number;
  beforeAll(async () => {
    t = await engine.create();
    d = await demoApp(t);
    const [b] = await t.db.query<{ id: number }>(`select id from buildings where code = 'tianhui-phase2'`);
    tianhui = b!.id;
  }, 120_000);
  afterAll(async () => {
    await d?.app.close();
    await t?.drop();
  });

  it('lists vacancy by park with rates, and park operators only their parks', async () => {
    const all = await d.as(d.users.city_admin, 'GET', '/api/v1/space/vacancy?groupBy=park');
    expect(all.status, all.text).toBe(200);
    const items = (all.body as { items: { name: string; vacancyRate: number; units: number }[] }).items;
    expect(items.length).toBeGreaterThan(5);
    for (const i of items) expect(i.vacancyRate).toBeGreaterThanOrEqual(0);
    const op = await d.as(d.users.park_operator, 'GET', '/api/v1/space/vacancy?groupBy=park');
    const opItems = (op.body as { items: unknown[] }).items;
    expect(opItems.length).toBeGreaterThan(0);
    expect(opItems.length).toBeLessThan(items.length);
  });

  it('shows asking rents to the city, zones and investment officers, never to enterprises or viewers', async () => {
    const url = '/api/v1/space/units?status=vacant&pageSize=200';
    for (const role of ['city_admin', 'city_analyst', 'investment_officer', 'park_operator'] as const) {
      const r = await d.as(d.users[role], 'GET', url);
      expect(r.status, r.text).toBe(200);
      const units = (r.body as { items: TSpaceUnit[] }).items;
      expect(
        units.some((u) => u.askingRentYuanM2Month !== null),
        role,
      ).toBe(true);
    }
    for (const role of ['enterprise_user', 'viewer'] as const) {
      const r = await d.as(d.users[role], 'GET', url);
      const units = (r.body as { items: TSpaceUnit[] }).items;
      expect(units.length).toBeGreaterThan(0);
      for (const u of units) {
        expect(u.askingRentYuanM2Month, role).toBeNull();
        expect(u.subsidyPct).toBeNull();
        expect(u.redacted).toContain('askingRentYuanM2Month');
      }
      const s = await d.as(d.users[role], 'POST', '/api/v1/space/search', { areaMinM2: 300, budgetYuanM2Month: 30 });
      expect(s.status, s.text).toBe(200);
      const body = s.body as TSiteSearch;
      for (const x of body.results) {
        expect(x.rentYuanM2Month).toBeNull();
        expect(x.fits.map((f) => f.rule)).not.toContain('rent');
      }
      for (const o of body.ruledOut) for (const reason of o.reasons) expect(reason.zh).not.toMatch(/元\/m²/);
    }
    const leases = await d.as(d.users.viewer, 'GET', '/api/v1/space/leases/expiring?months=36');
    for (const l of (leases.body as { items: { rentYuanM2Month: number | null }[] }).items)
      expect(l.rentYuanM2Month).toBeNull();
  });

  it('searches with hard rules first, saying why each unit is ruled out, in zh and en', async () => {
    const r = await d.as(d.users.investment_officer, 'POST', '/api/v1/space/search', {
      areaMinM2: 500,
      floorLoadKnM2: 8,
      chainCode: 'lh',
    });
    expect(r.status, r.text).toBe(200);
    const s = r.body as TSiteSearch;
    expect(s.considered).toBeGreaterThan(0);
    for (const x of s.results) {
      expect(x.areaM2).toBeGreaterThanOrEqual(500);
      expect(x.fits.find((f) => f.rule === 'floorLoadKnM2')).toBeDefined();
    }
    const load = s.ruledOut.find((o) => o.reasons.some((x) => x.rule === 'floorLoadKnM2'));
    expect(load?.reasons.find((x) => x.rule === 'floorLoadKnM2')?.zh).toMatch(/^楼板荷载 [\d.]+ kN\/m² < 8$/);
    expect(s.ruledOutCounts.floorLoadKnM2).toBeGreaterThan(0);
  });

  it('refuses impossible needs naming the field, in zh and en', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ areaMinM2: -5 }, 'areaMinM2', 'too_small'],
      [{ areaMinM2: 100, clearHeightM: 300 }, 'clearHeightM', 'space.clear_height'],
      [{ areaMinM2: 100, floorLoadKnM2: 800 }, 'floorLoadKnM2', 'space.load_unit'],
      [{ areaMinM2: 1000, areaMaxM2: 500 }, 'areaMaxM2', 'space.area_range'],
      [{ areaMinM2: 100, process: 'smelting' }, 'process', 'space.unknown_process'],
    ];
    for (const [need, field, code] of cases) {
      const r = await d.as(d.users.investment_officer, 'POST', '/api/v1/space/search', need);
      expect(r.status, r.text).toBe(422);
      const e = (r.body as Problem).errors![0]!;
      expect(e.path).toEqual([field]);
      expect(e.code).toBe(code);
      expect(e.message.zh.length).toBeGreaterThan(0);
      expect(e.message.en.length).toBeGreaterThan(0);
    }
  });

  it("runs the search from an investment project's space need", async () => {
    const [p] = await t.db.query<{ id: number; area_m2: number }>(
      'select id, area_m2::float8 from projects where area_m2 > 0 order by id limit 1',
    );
    const r = await d.as(d.users.city_admin, 'POST', `/api/v1/space/projects/${p!.id}/search`, {});
    expect(r.status, r.text).toBe(200);
    expect((r.body as { need: { areaMinM2: number } }).need.areaMinM2).toBe(p!.area_m2);
    const unit = (r.body as TSiteSearch).results[0]?.unitIds[0] ?? (r.body as TSiteSearch).ruledOut[0]!.unitId;
    const add = await d.as(d.users.city_admin, 'POST', `/api/v1/space/projects/${p!.id}/shortlist`, {
      unitIds: [unit],
    });
    expect(add.status, add.text).toBe(200);
    expect((add.body as { items: { unitId: number }[] }).items.map((i) => i.unitId)).toContain(unit);
    const viewer = await d.as(d.users.viewer, 'POST', `/api/v1/space/projects/${p!.id}/shortlist`, { unitIds: [unit] });
    expect(viewer.status).toBe(403);
  });

  it('plans 天辉 floors, checks every plan independently, refuses a breaking move and accepts into occupancies', async () => {
    const input = await d.as(d.users.park_operator, 'GET', `/api/v1/space/buildings/${tianhui}/plan-input`);
    expect(input.status, input.text).toBe(200);
    const pi = input.body as {
      floors: {
        floorNo: number;
        areaM2: number;
        floorLoadKnM2: number;
        clearHeightM: number;
        powerKva: number | null;
        truckAccess: boolean;
      }[];
      tenants: { key: string; floorLoadKnM2: number }[];
      links: { from: string; to: string; weight: number }[];
      elevatorT: number | null;
      leadingIndustry: string | null;
    };
    expect(pi.floors).toHaveLength(24);
    expect(pi.tenants.length).toBeGreaterThan(5);
    const heavy = {
      key: 'heavy',
      name: '重载装配（示例）',
      areaM2: 800,
      floorLoadKnM2: 15,
      clearHeightM: 6,
      powerKva: 100,
      elevatorT: 5,
      industry: 'lh',
      chainRank: 2,
    };
    const body = { tenants: [...pi.tenants, heavy], links: pi.links, timeLimitS: 2 };
    const viewer = await d.as(d.users.viewer, 'POST', `/api/v1/space/buildings/${tianhui}/plans`, body);
    expect(viewer.status).toBe(403);
    const r = await d.as(d.users.park_operator, 'POST', `/api/v1/space/buildings/${tianhui}/plans`, body);
    expect(r.status, r.text).toBe(200);
    const plan = r.body as TFloorPlan;
    expect(plan.violations).toEqual([]);
    const independent = checkPlan({
      floors: pi.floors.map((f) => ({ ...f, vibrationUmS: null })),
      elevatorT: pi.elevatorT,
      leadingIndustry: pi.leadingIndustry,
      maxOtherShare: 0.3,
      upstreamOnTop: true,
      rules: [],
      tenants: plan.tenants.map((x) => ({ ...x, powerKva: x.powerKva ?? 0, elevatorT: x.elevatorT ?? 0 })),
      links: pi.links,
      placements: plan.placements.map((p) => [p.key, p.floorNo]),
    });
    expect(independent).toEqual([]);
    for (const p of plan.placements) expect(p.reasons.length).toBeGreaterThan(0);
    expect(plan.placements.find((p) => p.key === 'heavy')!.floorNo).toBe(1);

    // A hand move of the heavy tenant to the top floor breaks the floor load: 422 naming the rule.
    const bad = await d.as(d.users.park_operator, 'PATCH', `/api/v1/space/plans/${plan.id}`, {
      moves: [{ key: 'heavy', floorNo: 24 }],
    });
    expect(bad.status, bad.text).toBe(422);
    const errs = (bad.body as Problem).errors!;
    expect(errs[0]!.path).toEqual(['moves', 0, 'floorNo']);
    expect(errs.map((e) => e.message.en).join(' ')).toMatch(/floor load/);
    const list = (await d.as(d.users.park_operator, 'GET', `/api/v1/space/buildings/${tianhui}/plans`)).body as {
      items: TFloorPlan[];
    };
    const again = list.items.find((x) => x.id === plan.id)!;
    expect(again.placements.find((p) => p.key === 'heavy')!.floorNo).toBe(1);

    const [{ n: before }] = (await t.db.query<{ n: number }>('select count(*)::int as n from occupancies')) as [
      { n: number },
    ];
    const acc = await d.as(d.users.park_operator, 'POST', `/api/v1/space/plans/${plan.id}/accept`);
    expect(acc.status, acc.text).toBe(200);
    const made = (acc.body as { occupancies: number; skipped: string[] }).occupancies;
    expect(made).toBeGreaterThan(0);
    expect((acc.body as { skipped: string[] }).skipped).toEqual(['heavy']);
    const [{ n: after }] = (await t.db.query<{ n: number }>('select count(*)::int as n from occupancies')) as [
      { n: number },
    ];
    expect(after - before).toBe(made);
    const twice = await d.as(d.users.park_operator, 'POST', `/api/v1/space/plans/${plan.id}/accept`);
    expect(twice.status).toBe(409);
  }, 60_000);

  it('reports programme progress from the registry, output withheld from those who do not see figures', async () => {
    const r = await d.as(d.users.city_analyst, 'GET', '/api/v1/space/programme');
    expect(r.status, r.text).toBe(200);
    const targets = (
      r.body as { targets: { code: string; computable: boolean; actual: number | null; sourceTitle: string | null }[] }
    ).targets;
    const area = targets.find((x) => x.code === 'wuhan-upstairs-area-2025')!;
    expect(area.computable).toBe(true);
    expect(area.actual).toBeGreaterThan(0);
    expect(area.sourceTitle).toContain('武汉');
    expect(targets.find((x) => x.code === 'dongxihu-factory-volume-15fyp')!.computable).toBe(false);
    const officer = await d.as(d.users.investment_officer, 'GET', '/api/v1/space/programme');
    const out = (officer.body as { targets: { code: string; actual: number | null }[] }).targets.find(
      (x) => x.code === 'wuhan-upstairs-output-2025',
    )!;
    expect(out.actual).toBeNull();
    expect((await d.as(d.users.enterprise_user, 'GET', '/api/v1/space/programme')).status).toBe(403);
  });

  it('versions the 工业上楼 rules; only the city administrator edits them', async () => {
    const cur = (await d.as(d.users.viewer, 'GET', '/api/v1/space/rules')).body as {
      version: number;
      rules: unknown[];
    };
    expect(cur.version).toBe(1);
    const put = await d.as(d.users.city_admin, 'PUT', '/api/v1/space/rules', { rules: cur.rules, note: '测试' });
    expect(put.status, put.text).toBe(200);
    expect((put.body as { version: number }).version).toBe(2);
    expect(
      (await d.as(d.users.park_operator, 'PUT', '/api/v1/space/rules', { rules: cur.rules, note: 'x' })).status,
    ).toBe(403);
    const dup = await d.as(d.users.city_admin, 'PUT', '/api/v1/space/rules', {
      rules: [cur.rules[0], cur.rules[0]],
      note: 'dup',
    });
    expect(dup.status).toBe(422);
    expect((dup.body as Problem).errors![0]!.path).toEqual(['rules', 1, 'process']);
    const fit = await d.as(d.users.city_admin, 'GET', `/api/v1/space/buildings/${tianhui}/fitness`);
    expect(fit.status, fit.text).toBe(200);
    const nev = (fit.body as { items: { process: string; highestFloor: number | null }[] }).items.find(
      (i) => i.process === 'nev_parts',
    )!;
    expect(nev.highestFloor).toBe(1);
  });
});
