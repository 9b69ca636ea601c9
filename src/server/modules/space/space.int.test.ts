import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, type TestDb } from '../../../../test/helpers/db.js';
import { type DemoApp, demoApp } from '../../../../test/helpers/demo.js';
import type { TFloorPlan, TSiteSearch, TSpaceUnit } from '../../../contracts/space.js';
import { checkPlan } from '../../../domain/space/check-plan.js';
import { Sql } from '../../lib/sql.js';
import { devzoneParks, devzones } from '../../platform/policy/devzones.js';
import { UNIT_SELECT } from './repository.js';

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
  }, 900_000);
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

  it('edits the 工业上楼 rules as a draft that publishing makes the version in force; versions never change', async () => {
    type Rules = { version: number; rules: { process: string; minFloorLoadKnM2: number }[]; draft: unknown };
    const cur = (await d.as(d.users.viewer, 'GET', '/api/v1/space/rules')).body as Rules;
    expect(cur.version).toBe(1);
    expect(cur.draft).toBeNull();
    const edited = cur.rules.map((r) => (r.process === 'nev_parts' ? { ...r, minFloorLoadKnM2: 3 } : r));
    const save = await d.as(d.users.city_admin, 'PUT', '/api/v1/space/rules/draft', { rules: edited, note: '测试' });
    expect(save.status, save.text).toBe(200);
    expect((save.body as { baseVersion: number }).baseVersion).toBe(1);
    // A draft is not in force: the rules, their version and the search still read version 1.
    const during = (await d.as(d.users.city_admin, 'GET', '/api/v1/space/rules')).body as Rules;
    expect(during.version).toBe(1);
    expect(during.rules.find((r) => r.process === 'nev_parts')!.minFloorLoadKnM2).not.toBe(3);
    expect(
      (during.draft as { rules: Rules['rules'] }).rules.find((r) => r.process === 'nev_parts')!.minFloorLoadKnM2,
    ).toBe(3);
    // Others see no draft, and may not edit or publish.
    expect(((await d.as(d.users.viewer, 'GET', '/api/v1/space/rules')).body as Rules).draft).toBeNull();
    expect(
      (await d.as(d.users.park_operator, 'PUT', '/api/v1/space/rules/draft', { rules: edited, note: 'x' })).status,
    ).toBe(403);
    expect((await d.as(d.users.park_operator, 'POST', '/api/v1/space/rules/draft/publish')).status).toBe(403);
    // The right comes before the input: a viewer's malformed draft is 403, not a 422 that judges it.
    expect((await d.as(d.users.viewer, 'PUT', '/api/v1/space/rules/draft', { rules: 'x', note: 7 })).status).toBe(403);
    // Refusals name the rule and the field, in zh and en; the draft stays as it was.
    const dup = await d.as(d.users.city_admin, 'PUT', '/api/v1/space/rules/draft', {
      rules: [cur.rules[0], cur.rules[0]],
      note: 'dup',
    });
    expect(dup.status).toBe(422);
    const e0 = (dup.body as Problem).errors![0]!;
    expect(e0.path).toEqual(['rules', 1, 'process']);
    expect(e0.message.zh).toContain('金工车间（一类）');
    expect(e0.message.en).toContain('Metalworking, class 1');
    const unsourced = await d.as(d.users.city_admin, 'PUT', '/api/v1/space/rules/draft', {
      rules: [{ ...cur.rules[0], illustrative: false, source: '  ' }],
      note: 'no source',
    });
    expect(unsourced.status).toBe(422);
    expect((unsourced.body as Problem).errors![0]!.path).toEqual(['rules', 0, 'source']);
    expect((unsourced.body as Problem).errors![0]!.message.en).toContain('must cite its source');
    expect((unsourced.body as Problem).errors![0]!.message.zh).toContain('须注明数值来源');
    const kept = (await d.as(d.users.city_admin, 'GET', '/api/v1/space/rules')).body as { draft: { note: string } };
    expect(kept.draft.note).toBe('测试');
    // Publish: version 2 is in force, the draft is gone, version 1 is still readable unchanged.
    const pub = await d.as(d.users.city_admin, 'POST', '/api/v1/space/rules/draft/publish');
    expect(pub.status, pub.text).toBe(200);
    expect((pub.body as Rules).version).toBe(2);
    expect((pub.body as Rules).rules.find((r) => r.process === 'nev_parts')!.minFloorLoadKnM2).toBe(3);
    const after = (await d.as(d.users.city_admin, 'GET', '/api/v1/space/rules')).body as Rules;
    expect(after.version).toBe(2);
    expect(after.draft).toBeNull();
    const v1 = (await d.as(d.users.viewer, 'GET', '/api/v1/space/rules/versions/1')).body as Rules;
    expect(v1.rules).toEqual(cur.rules);
    expect((await d.as(d.users.city_admin, 'POST', '/api/v1/space/rules/draft/publish')).status).toBe(409);
    const [audit] = await t.db.query<{ n: number }>(
      `select count(*)::int as n from change_log where entity = 'space_rule_sets' and entity_id = '2'`,
    );
    expect(audit!.n).toBe(1);
    // The database itself refuses to change a published version.
    await expect(t.db.query(`update space_rule_sets set note = 'x' where version = 1`)).rejects.toThrow(
      /never changes/,
    );
    await expect(t.db.query('delete from space_rule_sets where version = 1')).rejects.toThrow(/never changes/);
    // A draft started from version 2 cannot publish over a version 3 published meanwhile.
    await d.as(d.users.city_admin, 'PUT', '/api/v1/space/rules/draft', { rules: cur.rules, note: 'a' });
    await t.db.query(`update space_drafts set base_version = 1 where kind = 'rules'`);
    const stale = await d.as(d.users.city_admin, 'POST', '/api/v1/space/rules/draft/publish');
    expect(stale.status).toBe(409);
    expect((stale.body as Problem).code).toBe('space.draft_stale');
    expect((await d.as(d.users.city_admin, 'DELETE', '/api/v1/space/rules/draft')).status).toBe(204);
    expect((await d.as(d.users.city_admin, 'DELETE', '/api/v1/space/rules/draft')).status).toBe(404);
    // Back to the original values as version 3, for the tests below.
    await d.as(d.users.city_admin, 'PUT', '/api/v1/space/rules/draft', { rules: cur.rules, note: 'restore' });
    expect((await d.as(d.users.city_admin, 'POST', '/api/v1/space/rules/draft/publish')).status).toBe(200);
    const fit = await d.as(d.users.city_admin, 'GET', `/api/v1/space/buildings/${tianhui}/fitness`);
    expect(fit.status, fit.text).toBe(200);
    const nev = (fit.body as { items: { process: string; highestFloor: number | null }[] }).items.find(
      (i) => i.process === 'nev_parts',
    )!;
    expect(nev.highestFloor).toBe(1);
  });

  it('gives vacancy and programme progress by development zone, a zone counting all its parks', async () => {
    const r = await d.as(d.users.city_analyst, 'GET', '/api/v1/space/vacancy?groupBy=devzone');
    expect(r.status, r.text).toBe(200);
    const items = (r.body as { items: { key: string; name: string; nameEn: string | null; units: number }[] }).items;
    expect(items.length).toBeGreaterThan(0);
    for (const i of items) {
      const z = devzones().find((x) => x.code === i.key)!;
      expect(z, i.key).toBeDefined();
      expect(i.name).toBe(z.nameZh);
      expect(i.nameEn).toBe(z.nameEn);
      const q = new Sql();
      const [n] = await t.db.query<{ n: number }>(
        `select count(*)::int as n from units u join floors f on f.id = u.floor_id join buildings b on b.id = f.building_id
          where b.park_id in ${devzoneParks(z, q)}`,
        q.params,
      );
      expect(i.units, i.key).toBe(n!.n);
    }
    expect((await d.as(d.users.city_analyst, 'GET', '/api/v1/space/vacancy?groupBy=galaxy')).status).toBe(422);
    const p = await d.as(d.users.city_analyst, 'GET', '/api/v1/space/programme');
    const area = (
      p.body as { targets: { code: string; actual: number; byScope: { key: string; value: number }[] }[] }
    ).targets.find((x) => x.code === 'wuhan-upstairs-area-2025')!;
    const zones = area.byScope.filter((s) => s.key.startsWith('devzone:'));
    expect(zones.map((z) => z.key).sort()).toEqual(
      devzones()
        .map((z) => `devzone:${z.code}`)
        .sort(),
    );
    for (const z of zones) expect(z.value).toBeLessThanOrEqual(area.actual + 1e-6);
    const districts = area.byScope.filter((s) => s.key.startsWith('district:'));
    expect(districts.reduce((s, x) => s + x.value, 0)).toBeCloseTo(area.actual, 3);
  });

  it("keeps the site search's unit table equal to the units' effective values after edits", async () => {
    const cols =
      'unit_id, status, area_m2, floor_no, park_id, region_code, floor_load_kn_m2, clear_height_m, power_kva, exhaust, water_drainage, clean_room_iso, vibration_um_s, hazardous_allowed, elevator_t, elevator_car_width_m, elevator_car_depth_m, truck_access, available_from, available_until, asking_rent_yuan_m2_month';
    const diff = async () =>
      t.db.query<{ n: number }>(
        `select count(*)::int as n from ((select ${cols} from (${UNIT_SELECT}) t except select ${cols} from space_unit_search)
           union all (select ${cols} from space_unit_search except select ${cols} from (${UNIT_SELECT}) t)) x`,
      );
    expect((await diff())[0]!.n).toBe(0);
    const [u] = await t.db.query<{ id: number; floor_id: number; building_id: number }>(
      `select u.id, u.floor_id, f.building_id from units u join floors f on f.id = u.floor_id
        where u.status = 'vacant' order by u.id limit 1`,
    );
    await t.db.query('update floors set floor_load_kn_m2 = 3.5 where id = $1', [u!.floor_id]);
    await t.db.query('delete from space_unit_specs where unit_id = $1', [u!.id]);
    await t.db.query(
      `insert into space_building_specs (building_id, freight_elevator_t) values ($1, 7)
       on conflict (building_id) do update set freight_elevator_t = 7`,
      [u!.building_id],
    );
    await t.db.query('update space_listings set asking_rent_yuan_m2_month = 1 where unit_id = $1', [u!.id]);
    expect((await diff())[0]!.n).toBe(0);
    // The edited unit is ruled out for its floor load, with the new value in the reason.
    const s = await d.as(d.users.city_admin, 'POST', '/api/v1/space/search', { areaMinM2: 1, floorLoadKnM2: 8 });
    const out = (s.body as TSiteSearch).ruledOut;
    expect(out.length).toBeGreaterThan(0);
    expect(out.length).toBeLessThanOrEqual(50);
    expect((s.body as TSiteSearch).ruledOutCounts.floorLoadKnM2).toBeGreaterThan(0);
    for (const o of out)
      for (const r of o.reasons.filter((x) => x.rule === 'floorLoadKnM2'))
        expect(r.zh).toMatch(/^楼板荷载 [\d.]+ kN\/m² < 8/);
    await t.db.query('delete from units where id = $1', [u!.id]);
    expect((await diff())[0]!.n).toBe(0);
  });

  it('returns each plan with the settings it was made with', async () => {
    const input = (await d.as(d.users.park_operator, 'GET', `/api/v1/space/buildings/${tianhui}/plan-input`)).body as {
      tenants: unknown[];
      links: unknown[];
    };
    const r = await d.as(d.users.park_operator, 'POST', `/api/v1/space/buildings/${tianhui}/plans`, {
      tenants: input.tenants,
      links: input.links,
      maxOtherShare: 0.5,
      upstreamOnTop: false,
      method: 'greedy',
    });
    expect(r.status, r.text).toBe(200);
    const plan = r.body as TFloorPlan;
    expect(plan.settings.maxOtherShare).toBe(0.5);
    expect(plan.settings.upstreamOnTop).toBe(false);
    expect(plan.settings.links).toHaveLength(input.links.length);
    const list = (await d.as(d.users.park_operator, 'GET', `/api/v1/space/buildings/${tianhui}/plans`)).body as {
      items: TFloorPlan[];
    };
    expect(list.items.find((x) => x.id === plan.id)!.settings.upstreamOnTop).toBe(false);
  });
});
