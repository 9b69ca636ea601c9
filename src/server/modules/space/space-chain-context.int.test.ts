import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, type TestDb } from '../../../../test/helpers/db.js';
import { type DemoApp, demoApp } from '../../../../test/helpers/demo.js';
import { type TSiteNeed, ZSiteNeed } from '../../../contracts/space.js';
import { type SiteContext, selectSites } from '../../../domain/space/select.js';
import { Sql } from '../../lib/sql.js';
import { fillChainContext } from './chain-presence.js';
import * as repo from './repository.js';

const emptyCtx = (today: string): SiteContext => ({
  chainTenantsByBuilding: new Map(),
  chainTenantsByPark: new Map(),
  neighboursByBuilding: new Map(),
  neighboursByPark: new Map(),
  leader: null,
  today,
});

describe.each(ENGINES)('[$name] site ranking with the cached chain context', (engine) => {
  let t: TestDb;
  let d: DemoApp;
  beforeAll(async () => {
    t = await engine.create();
    d = await demoApp(t);
  }, 900_000);
  afterAll(async () => {
    await d?.app.close();
    await t?.drop();
  });

  /** The ranking with the context as search-sites.ts built it before the cache (one join per search)… */
  async function before(need: TSiteNeed) {
    const today = new Date().toISOString().slice(0, 10);
    const found = await repo.searchUnits(t.db, new Sql(), null, need, null, today);
    const units = [...found.passing, ...found.misses].map(repo.siteUnitOf);
    const ctx = emptyCtx(today);
    const b = [...new Set(found.passing.map((u) => u.building_id))];
    const p = [...new Set(found.passing.map((u) => u.park_id))];
    for (const r of await repo.chainContext(t.db, b, p, need.chainCode ?? null, need.neighbourEnterpriseIds ?? [])) {
      if (r.level === 'building') {
        ctx.chainTenantsByBuilding.set(r.id, r.chain);
        ctx.neighboursByBuilding.set(r.id, r.neighbours);
      } else {
        ctx.chainTenantsByPark.set(r.id, r.chain);
        ctx.neighboursByPark.set(r.id, r.neighbours);
      }
    }
    const ctx2 = emptyCtx(today);
    await fillChainContext(t.db, ctx2, b, p, need.chainCode ?? null, need.neighbourEnterpriseIds ?? []);
    return { old: selectSites(units, need, null, ctx), now: selectSites(units, need, null, ctx2), ctx, ctx2 };
  }
  const positive = (m: Map<number, number>) => new Map([...m].filter(([, v]) => v > 0));

  it('ranks the demo exactly as before, for every chain, with neighbours, and after an occupancy ends', async () => {
    const chains = await t.db.query<{ c: string }>(
      'select distinct chain_code as c from enterprises where chain_code is not null order by 1',
    );
    expect(chains.length).toBeGreaterThan(2);
    const tenants = await t.db.query<{ id: number }>(
      'select distinct enterprise_id as id from occupancies where ended_on is null order by 1 limit 3',
    );
    const needs = chains.flatMap(({ c }) => [
      ZSiteNeed.parse({ areaMinM2: 50, chainCode: c }),
      ZSiteNeed.parse({ areaMinM2: 200, chainCode: c, neighbourEnterpriseIds: tenants.map((x) => x.id) }),
    ]);
    needs.push(ZSiteNeed.parse({ areaMinM2: 50, neighbourEnterpriseIds: tenants.map((x) => x.id) }));
    const check = async () => {
      let ranked = 0;
      for (const need of needs) {
        const r = await before(need);
        expect(r.now.results, JSON.stringify(need)).toEqual(r.old.results);
        expect(r.now.ruledOut).toEqual(r.old.ruledOut);
        for (const k of [
          'chainTenantsByBuilding',
          'chainTenantsByPark',
          'neighboursByBuilding',
          'neighboursByPark',
        ] as const)
          expect(positive(r.ctx2[k]), k).toEqual(positive(r.ctx[k]));
        ranked += r.now.results.length;
      }
      expect(ranked).toBeGreaterThan(0);
    };
    await check();
    await check(); // from the cache
    // A chain tenant leaves: the cache is rebuilt and still agrees.
    await t.db.query(
      `update occupancies set ended_on = current_date - 1
        where id = (select o.id from occupancies o join enterprises e on e.id = o.enterprise_id
                     where o.ended_on is null and e.chain_code = $1 order by o.id limit 1)`,
      [chains[0]!.c],
    );
    await check();
  });
});
