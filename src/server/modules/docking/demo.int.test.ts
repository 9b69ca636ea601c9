/**
 * The docking demo (seed-demo.ts) on the demo dataset: the articles' cases are there, synthetic, and
 * the demo accounts see them as their roles allow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, type TestDb } from '../../../../test/helpers/db.js';
import { type DemoApp, demoApp } from '../../../../test/helpers/demo.js';
import type { TMatch, TPosting } from '../../../contracts/docking.js';

describe.each(ENGINES.slice(0, 1))('[$name] docking demo', (engine) => {
  let t: TestDb;
  let d: DemoApp;
  beforeAll(async () => {
    t = await engine.create();
    d = await demoApp(t);
  }, 180_000);
  afterAll(async () => {
    await d?.app.close();
    await t?.drop();
  });

  it('posts the articles’ cases, all flagged synthetic, with 江丰 → 京东方 matched, contacted and dealt', async () => {
    const r = await d.as(d.users.city_admin, 'GET', '/api/v1/docking/postings?pageSize=200');
    expect(r.status).toBe(200);
    const items = (r.body as { items: TPosting[] }).items;
    expect(items.length).toBeGreaterThanOrEqual(10);
    expect(items.every((p) => p.synthetic)).toBe(true);
    const boe = items.find((p) => p.enterpriseName === '京东方' && p.kind === 'demand')!;
    const ms = (await d.as(d.users.city_admin, 'GET', `/api/v1/docking/matches?postingId=${boe.id}`)).body as {
      items: TMatch[];
    };
    const jf = ms.items.find((m) => m.supply.enterpriseName === '武汉江丰电子材料有限公司')!;
    expect(jf.status).toBe('deal');
    expect(jf.evidence.edge).toMatchObject({ from: 'oe.target', to: 'oe.panel_lcd' });
    expect(jf.evidence.terms).toContain('靶材');
    const dash = (await d.as(d.users.city_analyst, 'GET', '/api/v1/docking/dashboard')).body as {
      totals: { deals: number; newLocalSupplyWan: number };
      byChain: { chainCode: string; rateBefore: number | null; rateNow: number | null }[];
    };
    expect(dash.totals.deals).toBe(1);
    expect(dash.totals.newLocalSupplyWan).toBe(1800);
    const oe = dash.byChain.find((c) => c.chainCode === 'oe')!;
    expect(oe.rateNow).toBeGreaterThan(oe.rateBefore ?? 0);
  });

  it('shows 北斗大厦 楼上楼下 pairs and 京东方’s outside purchase as suggested demand with 江丰 as a candidate', async () => {
    const [b] = await t.db.query<{ id: number }>(`select id from buildings where code = 'beidou-tower'`);
    const v = (await d.as(d.users.viewer, 'GET', `/api/v1/docking/buildings/${b!.id}`)).body as {
      floors: unknown[];
      pairs: { supplierFloor: number; customerFloor: number }[];
    };
    expect(v.floors.length).toBeGreaterThan(10);
    expect(v.pairs.length).toBeGreaterThan(0);
    const s = (await d.as(d.users.city_admin, 'GET', '/api/v1/docking/suggested-demand')).body as {
      items: { customerName: string; candidates: { name: string }[] }[];
    };
    const boe = s.items.find((x) => x.customerName === '京东方')!;
    expect(boe.candidates.map((c) => c.name)).toContain('武汉江丰电子材料有限公司');
  });
});
