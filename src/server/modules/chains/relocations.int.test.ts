/**
 * Issue 11 item 4, on both databases with the demo: gap-filling candidates for 东西湖区 · 光电子信息
 * come from outside Wuhan by default (the demo's synthetic target pool, flagged（示例）); the city's own
 * firms in other districts appear only with relocations=true, in their own list, flagged; the pool
 * is not counted as the city's on the home page; and a role that may not see figures gets the
 * relocations with figures withheld like any candidate.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, type TestDb } from '../../../../test/helpers/db.js';
import { type DemoApp, demoApp } from '../../../../test/helpers/demo.js';
import type { GapTarget } from '../../../domain/chains/types.js';
import { createApiToken } from '../auth/sessions.js';
import { readTargetPool } from './seed-target-pool.js';

const DONGXIHU = 'district:420112';

describe.each(ENGINES)('[$name] gap targets from outside the city; relocations apart', (engine) => {
  let t: TestDb;
  let demo: DemoApp;
  /** Region code of every firm, by id. */
  let regionOf: Map<number, string | null>;
  let syntheticOf: Map<number, boolean>;

  beforeAll(async () => {
    t = await engine.create();
    demo = await demoApp(t);
    const rows = await t.db.query<{ id: number; region_code: string | null; synthetic: boolean }>(
      'select id, region_code, synthetic from enterprises',
    );
    regionOf = new Map(rows.map((r) => [r.id, r.region_code?.trim() ?? null]));
    syntheticOf = new Map(rows.map((r) => [r.id, r.synthetic]));
  }, 420_000);
  afterAll(async () => {
    await demo?.app.close();
    await t?.drop();
  });

  const targets = async (query: string, user = demo.users.city_admin) => {
    const res = await demo.as(user, 'GET', `/api/v1/chains/oe/targets?scope=${DONGXIHU}${query}`);
    expect(res.status).toBe(200);
    return res.body as GapTarget[];
  };

  it('by default every candidate is registered outside Wuhan, none is a relocation, and the list is empty of them', async () => {
    const gaps = await targets('');
    const all = gaps.flatMap((g) => g.candidates);
    expect(gaps.length).toBeGreaterThan(0);
    expect(all.length).toBeGreaterThanOrEqual(gaps.length);
    for (const c of all) {
      const region = regionOf.get(c.enterpriseId);
      expect(region, c.name).toBeTruthy();
      expect(region!.startsWith('4201'), `${c.name} ${region}`).toBe(false);
      expect(c.relocation).toBe(false);
      expect(c.regionCode).toBe(region);
      // a province's city, or a municipality directly under the central government
      expect(c.regionName, c.name).toMatch(/省.+市|^(北京|上海|天津|重庆)市/);
      // no reference names a real outside firm: the pool is synthetic and says so
      expect(syntheticOf.get(c.enterpriseId)).toBe(true);
      expect(c.name.endsWith('（示例）')).toBe(true);
    }
    expect(gaps.every((g) => g.relocations.length === 0)).toBe(true);
    expect(all.some((c) => c.name === '光迅科技')).toBe(false);
    // every gap of the chain has an outside candidate in the demo
    expect(gaps.every((g) => g.candidates.length > 0)).toBe(true);
  });

  it('with relocations=true the city firms of other districts come apart, flagged; the outside list is unchanged', async () => {
    const plain = await targets('');
    const gaps = await targets('&relocations=true');
    expect(gaps.map((g) => g.candidates)).toEqual(plain.map((g) => g.candidates));
    const moves = gaps.flatMap((g) => g.relocations);
    expect(moves.length).toBeGreaterThan(0);
    for (const c of moves) {
      expect(c.relocation).toBe(true);
      const region = regionOf.get(c.enterpriseId) ?? null;
      // in the city's registry: a Wuhan district, or a region not recorded
      expect(region === null || region.startsWith('4201'), `${c.name} ${region}`).toBe(true);
      expect(region).not.toBe('420112');
    }
    expect(moves.some((c) => c.name === '光迅科技')).toBe(true);
    // the explicit false is the default
    expect(await targets('&relocations=false')).toEqual(plain);
  });

  it('refuses a bad flag with a 4xx naming the field', async () => {
    const res = await demo.as(demo.users.city_admin, 'GET', `/api/v1/chains/oe/targets?relocations=maybe`);
    expect(res.status).toBe(422);
    expect(res.text).toContain('relocations');
  });

  it('redacts figures in relocations as in candidates for a role that may not see them', async () => {
    const gaps = await targets('&relocations=true', demo.users.district_user);
    const moves = gaps.flatMap((g) => g.relocations);
    expect(moves.length).toBeGreaterThan(0);
    const outputs = [...gaps.flatMap((g) => g.candidates), ...moves]
      .flatMap((c) => c.reasons)
      .filter((r) => r.code === 'output');
    expect(outputs.length).toBeGreaterThan(0);
    for (const r of outputs) expect((r as { redacted?: boolean }).redacted).toBe(true);
  });

  it('the pool is not the city: the home page counts only the city firms; the pool names its segment', async () => {
    const pool = readTargetPool();
    expect(pool.length).toBeGreaterThan(0);
    const housed = new Set(
      (
        await t.db.query<{ id: number }>(
          'select distinct enterprise_id as id from occupancies where ended_on is null or ended_on >= current_date',
        )
      ).map((r) => r.id),
    );
    const elsewhere = [...regionOf].filter(([id, r]) => r !== null && !r.startsWith('4201') && !housed.has(id));
    expect(elsewhere.length).toBeGreaterThanOrEqual(pool.length);
    // The city's firms: registered in Wuhan, or housed in one of its parks (a firm of unknown district is neither).
    const city = [...regionOf].filter(([id, r]) => r?.startsWith('4201') || housed.has(id));
    const res = await demo.as(demo.users.city_admin, 'GET', '/api/v1/stats/overview');
    expect(res.status).toBe(200);
    expect((res.body as { enterprises: number }).enterprises).toBe(city.length);
    // … the same number as the city cockpit's
    const cockpit = await demo.as(demo.users.city_admin, 'GET', '/api/v1/cockpit');
    const firms = (cockpit.body as { figures: { key: string; value: number | null }[] }).figures.find(
      (f) => f.key === 'cockpit.enterprises',
    );
    expect(firms?.value).toBe(city.length);
    for (const f of pool) {
      expect(f.nodeId).toMatch(/^[a-z]+\./);
      expect(String(f.regionCode).startsWith('4201')).toBe(false);
    }
  });

  it('the chain Excel export lists the flag and the location', async () => {
    const [u] = await t.db.query<{ id: number }>(`select id from users where username = $1`, [demo.users.city_admin]);
    const { token } = await createApiToken(t.db, u!.id, 'test', false);
    const res = await demo.app.inject({
      method: 'GET',
      url: `/api/v1/chains/oe/health.xlsx?scope=${DONGXIHU}&relocations=true&lang=en`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Gap targets')!;
    const header = (sheet.getRow(2).values as unknown[]).map(String);
    const flag = header.indexOf('Relocation within the city');
    const place = header.indexOf('Location');
    expect(flag).toBeGreaterThan(0);
    const flags = new Set<string>();
    sheet.eachRow((r, i) => {
      if (i > 2) flags.add(String(r.getCell(flag).value));
    });
    expect([...flags].sort()).toEqual(['No', 'Yes']);
    expect(String(sheet.getRow(3).getCell(place).value)).toMatch(/省.+市/);
  });
});
