import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, type TestDb } from '../../../../test/helpers/db.js';
import { type DemoApp, demoApp } from '../../../../test/helpers/demo.js';
import type { Role } from '../../../contracts/auth.js';
import { type TSiteNeedInput, ZSiteNeed } from '../../../contracts/space.js';
import { type Actor, loadActor } from '../auth/actor.js';
import { searchIndexStats } from './search-index.js';
import { searchSites } from './search-sites.js';

describe.each(ENGINES)('[$name] site search from the in-memory index', (engine) => {
  let t: TestDb;
  let d: DemoApp;
  const actors = new Map<Role, Actor>();
  beforeAll(async () => {
    t = await engine.create();
    d = await demoApp(t);
    for (const [role, username] of Object.entries(d.users)) {
      const [u] = await t.db.query<{ id: number }>('select id from users where username = $1', [username]);
      actors.set(role as Role, (await loadActor(t.db, u!.id))!);
    }
  }, 900_000);
  afterAll(async () => {
    await d?.app.close();
    await t?.drop();
  });

  const needs = async (): Promise<TSiteNeedInput[]> => {
    const [park] = await t.db.query<{ id: number; parent_id: number | null; region_code: string }>(
      `select p.id, p.parent_id, p.region_code from space_unit_search s join parks p on p.id = s.park_id
        where s.status = 'vacant' group by p.id order by count(*) desc, p.id limit 1`,
    );
    const [chain] = await t.db.query<{ c: string }>(
      'select chain_code as c from enterprises where chain_code is not null group by 1 order by count(*) desc limit 1',
    );
    return [
      { areaMinM2: 1 },
      { areaMinM2: 300, floorLoadKnM2: 8 },
      { areaMinM2: 800, areaMaxM2: 1500, clearHeightM: 4.5, exhaust: true },
      { areaMinM2: 500, process: 'medical_devices', budgetYuanM2Month: 40 },
      { areaMinM2: 1200, floorLoadKnM2: 5, maxFloor: 10, chainCode: chain!.c as TSiteNeedInput['chainCode'] },
      { areaMinM2: 200, cleanRoomIso: 7, waterDrainage: true, hazardous: true },
      { areaMinM2: 400, elevatorT: 3, elevatorCarWidthM: 2, elevatorCarDepthM: 3, powerKva: 200 },
      { areaMinM2: 100, budgetYuanM2Month: 25, availableBy: '2027-06-30' },
      { areaMinM2: 50, regionCodes: [park!.region_code] },
      { areaMinM2: 50, parkIds: [park!.parent_id ?? park!.id] },
      { areaMinM2: 50, parkIds: [park!.id], floorLoadKnM2: 30 },
      { areaMinM2: 50, regionCodes: ['999999'] }, // no unit considered
    ];
  };

  /** Every need as every role: the index path answers exactly what the SQL reference does. */
  async function compare(): Promise<number> {
    let shown = 0;
    for (const input of await needs()) {
      const need = ZSiteNeed.parse(input);
      for (const actor of [undefined, ...actors.values()]) {
        const ref = await searchSites(t.db, actor, need, 'sql');
        const now = await searchSites(t.db, actor, need, 'index');
        expect(now, `${actor?.role ?? 'system'} ${JSON.stringify(input)}`).toEqual(ref);
        expect(Object.keys(now.ruledOutCounts)).toEqual(Object.keys(ref.ruledOutCounts));
        shown += now.results.length + now.ruledOut.length;
      }
    }
    return shown;
  }

  it('gives the same results, misses and counts as the SQL for every need and role, and after edits', async () => {
    expect(await compare()).toBeGreaterThan(100);
    expect(await compare()).toBeGreaterThan(100); // from the index built by the first round
    // From here on the index is patched with the changed units (migration 0049), never read in full.
    const builds = searchIndexStats.builds;
    const patches = searchIndexStats.patches;
    // Edits that reach the search table through its triggers (listing, unit spec, unit, floor, building):
    // the index must be patched, not answer from before.
    const [u] = await t.db.query<{ unit_id: number; floor_id: number }>(
      `select s.unit_id, u.floor_id from space_unit_search s join units u on u.id = s.unit_id
        where s.status = 'vacant' order by s.asking_rent_yuan_m2_month nulls last, s.unit_id limit 1`,
    );
    const before = await searchSites(t.db, undefined, ZSiteNeed.parse({ areaMinM2: 1 }), 'index');
    expect(before.results.some((r) => r.unitIds.includes(u!.unit_id))).toBe(true);
    await t.db.query('update space_listings set asking_rent_yuan_m2_month = 9999 where unit_id = $1', [u!.unit_id]);
    const after = await searchSites(t.db, undefined, ZSiteNeed.parse({ areaMinM2: 1 }), 'index');
    expect(after.results.find((r) => r.unitIds.includes(u!.unit_id))?.rentYuanM2Month ?? 9999).toBe(9999);
    await t.db.query(
      `insert into space_unit_specs (unit_id, seq, floor_load_kn_m2) values ($1, $1, 1)
         on conflict (unit_id) do update set floor_load_kn_m2 = 1`,
      [u!.unit_id],
    );
    await t.db.query(
      `update units set status = 'vacant' where id = (select id from units where status = 'occupied' order by id limit 1)`,
    );
    await t.db.query('update floors set clear_height_m = 3 where id = $1', [u!.floor_id]);
    await t.db.query(
      `update buildings set name = name || ' 改' where id = (select building_id from floors where id = $1)`,
      [u!.floor_id],
    );
    expect(await compare()).toBeGreaterThan(100);
    // A new vacant unit with a listing, searched, then deleted; a park moved under another park; a park renamed.
    const [nu] = await t.db.query<{ id: number }>(
      `insert into units (floor_id, code, area_m2, status, source_id) values ($1, 'idx-new', 640, 'vacant', 'user')
       returning id`,
      [u!.floor_id],
    );
    await t.db.query('insert into space_listings (unit_id, asking_rent_yuan_m2_month) values ($1, 1)', [nu!.id]);
    const added = await searchSites(t.db, undefined, ZSiteNeed.parse({ areaMinM2: 600 }), 'index');
    expect(added.results.some((r) => r.unitIds.includes(nu!.id))).toBe(true);
    expect(await compare()).toBeGreaterThan(100);
    await t.db.query('delete from space_listings where unit_id = $1', [nu!.id]);
    await t.db.query('delete from units where id = $1', [nu!.id]);
    const [sub] = await t.db.query<{ id: number; parent_id: number | null }>(
      `select p.id, p.parent_id from parks p join space_unit_search s on s.park_id = p.id
        where s.status = 'vacant' and p.parent_id is not null group by p.id order by p.id limit 1`,
    );
    const [other] = await t.db.query<{ id: number }>(
      'select id from parks where id <> $1 and id <> $2 and parent_id is null order by id limit 1',
      [sub!.id, sub!.parent_id],
    );
    await t.db.query('update parks set parent_id = $2 where id = $1', [sub!.id, other!.id]);
    await t.db.query(`update parks set name = name || ' 改' where id = $1`, [other!.id]);
    expect(await compare()).toBeGreaterThan(100);
    // The edits did not read the whole index again: each search after them patched it.
    expect(searchIndexStats.builds).toBe(builds);
    expect(searchIndexStats.patches).toBeGreaterThan(patches + 3);
    // A truncate of the search table is an unknown change: the index is read in full (once).
    await t.db.query('truncate space_unit_search');
    await t.db.query('select space_unit_search_refresh(array(select id from units))');
    expect(await compare()).toBeGreaterThan(100);
    expect(searchIndexStats.builds).toBe(builds + 1);
    // Unknown truck access (SQL's null logic): a building whose truck-access floors hold a null.
    await t.db.query(
      `insert into space_building_specs (building_id, truck_access_floors)
         select building_id, '{null}'::int[] from floors where id = $1
         on conflict (building_id) do update set truck_access_floors = '{null}'::int[]`,
      [u!.floor_id],
    );
    const [nulls] = await t.db.query<{ n: number }>(
      `select count(*)::int as n from space_unit_search where status = 'vacant' and truck_access is null`,
    );
    expect(nulls!.n).toBeGreaterThan(0);
    expect(await compare()).toBeGreaterThan(100);
  }, 600_000);
});
