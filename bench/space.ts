/**
 * npm run bench:space — the space module's two heavy paths (issue 13 item 7).
 *
 * 1. Site search on PostgreSQL: a fresh database (created, migrated, dropped) filled in SQL with
 *    `--parks` parks × 20 high-rise buildings × 20 floors × `--units-per-floor` units (100 k units by
 *    default), a quarter vacant with listings and specs, the rest occupied by synthetic firms. Each
 *    run times `searchSites` — the use case behind POST /api/v1/space/search: hard rules (in memory, or in SQL), then
 *    the domain's reasons, combining and ranking — for a set of needs, as a city-wide caller, and
 *    prints p50 / p95 / max, for the in-memory index (now) and the SQL reference (before), interleaved. Next to it, in the same run, the baseline the SQL prefilter replaces:
 *    every vacant unit loaded and checked in the domain alone.
 * 2. Floor planning of `--floors` floors × `--tenants` tenants (seeded instances): greedy + local
 *    search, then the two-phase HiGHS MIP within `--time-limit` seconds; time, tenants placed,
 *    weighted floors apart and the reported gap, per instance.
 * Prints figures only; nothing is asserted.
 *
 *   npx tsx bench/space.ts [--parks 25] [--units-per-floor 10] [--runs 40] [--instances 3]
 *                          [--floors 24] [--tenants 60] [--time-limit 5] [--pg-url postgres://…] [--skip-db] [--skip-plan] [--keep-db]
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { type TSiteNeed, type TSiteNeedInput, ZSiteNeed } from '../src/contracts/space.js';
import { checkPlan, scorePlan } from '../src/domain/space/check-plan.js';
import { checkInputOf, generatePlanProblem } from '../src/domain/space/generate.js';
import { greedyPlan, solvePlan } from '../src/domain/space/plan.js';
import { improvePlan } from '../src/domain/space/plan-local.js';
import { type SiteContext, selectSites } from '../src/domain/space/select.js';
import { dataVersions } from '../src/server/lib/data-changes.js';
import { Sql } from '../src/server/lib/sql.js';
import { fillChainContext } from '../src/server/modules/space/chain-presence.js';
import {
  chainContext,
  searchUnits,
  siteUnitOf,
  UNIT_SELECT,
  type UnitRow,
} from '../src/server/modules/space/repository.js';
import { currentRuleSet } from '../src/server/modules/space/rules.js';
import {
  findUnits,
  forgetSearchIndex,
  searchIndexOf,
  searchIndexStats,
} from '../src/server/modules/space/search-index.js';
import { searchSites } from '../src/server/modules/space/search-sites.js';
import '../src/server/modules/index.js'; // registers the module's policies and error codes
import { postgresEngine } from './lib/engines.js';

const { values: args } = parseArgs({
  options: {
    parks: { type: 'string', default: '25' },
    'units-per-floor': { type: 'string', default: '10' },
    runs: { type: 'string', default: '40' },
    instances: { type: 'string', default: '3' },
    floors: { type: 'string', default: '24' },
    tenants: { type: 'string', default: '60' },
    'time-limit': { type: 'string', default: '5' },
    'skip-db': { type: 'boolean', default: false },
    'skip-plan': { type: 'boolean', default: false },
    'keep-db': { type: 'boolean', default: false },
    'pg-url': {
      type: 'string',
      default: process.env.PARKLINK_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
  },
});
const log = (s: string) => console.log(`[space] ${s}`);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

const NEEDS: TSiteNeedInput[] = [
  { areaMinM2: 300, floorLoadKnM2: 8 },
  { areaMinM2: 800, areaMaxM2: 1500, clearHeightM: 4.5, exhaust: true },
  { areaMinM2: 500, process: 'medical_devices', budgetYuanM2Month: 40 },
  { areaMinM2: 1200, floorLoadKnM2: 5, maxFloor: 10, chainCode: 'oe' },
  { areaMinM2: 200, cleanRoomIso: 7, waterDrainage: true },
  { areaMinM2: 400, elevatorT: 3, elevatorCarWidthM: 2 },
];

async function fill(
  db: Awaited<ReturnType<ReturnType<typeof postgresEngine>['open']>>,
  parks: number,
  perFloor: number,
) {
  await db.exec(`
    insert into parks (code, name, kind, level, region_code, lat, lng, source_id)
      select 'bench-p' || g, '基准园区' || g, 'characteristic', 'municipal',
             (array['420102','420103','420104','420105','420106','420107','420111','420112','420113','420114','420115','420116','420117'])[1 + g % 13],
             30.4 + (g % 10) * 0.03, 114.1 + (g / 10) * 0.05, 'user'
        from generate_series(1, ${parks}) g;
    insert into buildings (park_id, code, name, type, floors_above, freight_elevator_capacity_t, lat, lng, source_id)
      select p.id, 'b' || g, p.name || '-' || g || '号楼', 'high_rise_factory', 20, 2 + g % 4,
             p.lat + g * 0.001, p.lng + g * 0.001, 'user'
        from parks p, generate_series(1, 20) g where p.code like 'bench-p%';
    insert into floors (building_id, floor_no, area_m2, floor_load_kn_m2, clear_height_m, power_kva, features, source_id)
      select b.id, f, 2500, case when f = 1 then 20 when f <= 5 then 8 + f % 4 else 5 + f % 3 end,
             case when f = 1 then 8 when f <= 5 then 5.4 else 4.2 + (f % 3) * 0.1 end, 800,
             case when f % 3 = 0 then '{exhaust,water_drainage,clean_room}'::text[] else '{exhaust}'::text[] end, 'user'
        from buildings b, generate_series(1, 20) f where b.code like 'b%' and b.park_id in (select id from parks where code like 'bench-p%');
    insert into units (floor_id, code, area_m2, status, source_id)
      select fl.id, fl.floor_no * 100 + u, 150 + ((fl.id * 7 + u * 13) % 10) * 60,
             case when (fl.id + u) % 4 = 0 then 'vacant' else 'occupied' end, 'user'
        from floors fl, generate_series(1, ${perFloor}) u
       where fl.building_id in (select b.id from buildings b join parks p on p.id = b.park_id where p.code like 'bench-p%');
    insert into space_unit_specs (unit_id, seq) select id, row_number() over (partition by floor_id order by code)::int from units;
    insert into space_listings (unit_id, asking_rent_yuan_m2_month, available_from)
      select id, 20 + id % 30, case when id % 5 = 0 then current_date + 60 else null end from units where status = 'vacant';
    insert into enterprises (name, chain_code, source_id)
      select '基准企业' || g, (array['oe','lh','nev','bd','he'])[1 + g % 5], 'user' from generate_series(1, 5000) g;
    insert into occupancies (enterprise_id, unit_id, started_on, source_id)
      select e.id, u.id, current_date - 100, 'user'
        from (select id, row_number() over (order by id) as n from units where status = 'occupied') u
        join (select id, row_number() over (order by id) as n from enterprises where name like '基准企业%') e on e.n = 1 + u.n % 5000;
    analyze;
  `);
}

async function siteBench() {
  const engine = postgresEngine(args['pg-url'] ?? '');
  log(`creating ${engine.where}; ${cpus().length} cores, load ${load()}`);
  const db = await engine.open();
  try {
    const t0 = performance.now();
    await fill(db, Number(args.parks), Number(args['units-per-floor']));
    // The fill rewrote each search row three times (unit, spec, listing): the steady state autovacuum keeps.
    await db.exec('vacuum analyze space_unit_search');
    const [{ n }] = (await db.query<{ n: number }>('select count(*)::int as n from units')) as [{ n: number }];
    const [{ v }] = (await db.query<{ v: number }>(`select count(*)::int as v from units where status = 'vacant'`)) as [
      { v: number },
    ];
    log(`filled ${n} units (${v} vacant) in ${ms(performance.now() - t0)}; load ${load()}`);
    const needs: TSiteNeed[] = NEEDS.map((x) => ZSiteNeed.parse(x));
    // The index's cold build (once per change of its tables), then a warm-up of both paths.
    let s0 = performance.now();
    await searchIndexOf(db);
    log(`cold build of the in-memory search index: ${ms(performance.now() - s0)}; load ${load()}`);
    let same = 0;
    for (const need of needs) {
      const [a, b] = [await searchSites(db, undefined, need, 'sql'), await searchSites(db, undefined, need, 'index')];
      if (JSON.stringify(a) === JSON.stringify(b)) same++;
    }
    log(`index answers identical to the SQL reference for ${same}/${needs.length} needs`);
    const runs = Number(args.runs);
    // Before (SQL hard rules + rows by key, the reference) and now (the index), interleaved so both see the same load.
    const paths = ['sql', 'index'] as const;
    const times = { sql: [] as number[], index: [] as number[] };
    const perNeed = { sql: new Map<number, number[]>(), index: new Map<number, number[]>() };
    let results = 0;
    for (let r = 0; r < runs; r++)
      for (const [i, need] of needs.entries())
        for (const path of paths) {
          s0 = performance.now();
          const out = await searchSites(db, undefined, need, path);
          const d = performance.now() - s0;
          times[path].push(d);
          (perNeed[path].get(i) ?? perNeed[path].set(i, []).get(i)!).push(d);
          if (path === 'index') results += out.results.length;
        }
    for (const path of paths) {
      const xs = times[path];
      log(
        `site search ${path === 'sql' ? 'before: SQL hard rules + rows by key (reference)' : 'now: in-memory index'}, ${xs.length} queries over ${needs.length} needs: p50 ${ms(pct(xs, 50))}  p95 ${ms(pct(xs, 95))}  max ${ms(Math.max(...xs))}; load ${load()}`,
      );
      for (const [i, ts] of perNeed[path]) log(`  need ${i + 1} ${JSON.stringify(NEEDS[i])}: p95 ${ms(pct(ts, 95))}`);
    }
    log(`(${(results / times.index.length).toFixed(1)} results each)`);
    // The next search after one unit's edit (a listing's rent, an area, a unit let or vacated), interleaved:
    // before, the whole index read again (what any write caused); now, the index patched with the changed unit.
    const edits = await db.query<{ id: number }>(
      `select unit_id as id from space_unit_search where status = 'vacant' order by unit_id limit ${Math.max(6, runs)}`,
    );
    const edit = { write: [] as number[], before: [] as number[], now: [] as number[] };
    const stats0 = { ...searchIndexStats };
    let editsSame = 0;
    for (const [r, { id }] of edits.entries()) {
      const need = needs[r % needs.length]!;
      for (const path of ['before', 'now'] as const) {
        s0 = performance.now();
        if (r % 3 === 0)
          await db.query(
            'update space_listings set asking_rent_yuan_m2_month = asking_rent_yuan_m2_month + 1 where unit_id = $1',
            [id],
          );
        else if (r % 3 === 1) await db.query('update units set area_m2 = area_m2 + 10 where id = $1', [id]);
        else
          await db.query(
            `update units set status = case when status = 'vacant' then 'occupied' else 'vacant' end where id = $1`,
            [id],
          );
        edit.write.push(performance.now() - s0);
        if (path === 'before') forgetSearchIndex(db);
        s0 = performance.now();
        const out = await searchSites(db, undefined, need, 'index');
        edit[path].push(performance.now() - s0);
        if (path === 'now' && JSON.stringify(out) === JSON.stringify(await searchSites(db, undefined, need, 'sql')))
          editsSame++;
      }
    }
    log(
      `next search after one unit's edit, ${edits.length} edits each: before (index read in full) p50 ${ms(pct(edit.before, 50))} p95 ${ms(pct(edit.before, 95))} | now (index patched) p50 ${ms(pct(edit.now, 50))} p95 ${ms(pct(edit.now, 95))} max ${ms(Math.max(...edit.now))} | the edit itself (triggers + change log) p50 ${ms(pct(edit.write, 50))} p95 ${ms(pct(edit.write, 95))}; ${searchIndexStats.builds - stats0.builds} full reads, ${searchIndexStats.patches - stats0.patches} patches; identical to SQL after ${editsSame}/${edits.length} edits; load ${load()}`,
    );
    // Where the index path's time goes: the counter read, the pass over the vacant units, the domain.
    const part = { counters: [] as number[], pass: [] as number[], domain: [] as number[] };
    const today0 = new Date().toISOString().slice(0, 10);
    const rules0 = (await currentRuleSet(db)).rules;
    for (let r = 0; r < Math.min(10, runs); r++)
      for (const need of needs) {
        s0 = performance.now();
        const v = await dataVersions(db);
        part.counters.push(performance.now() - s0);
        s0 = performance.now();
        const rule = need.process ? (rules0.find((x) => x.process === need.process) ?? null) : null;
        const f = await findUnits(db, new Sql(), null, need, rule, today0, v);
        part.pass.push(performance.now() - s0);
        s0 = performance.now();
        selectSites([...f.passing, ...f.misses], need, rule, {
          chainTenantsByBuilding: new Map(),
          chainTenantsByPark: new Map(),
          neighboursByBuilding: new Map(),
          neighboursByPark: new Map(),
          leader: null,
          today: today0,
        });
        part.domain.push(performance.now() - s0);
      }
    log(
      `  now by part: counter read p50 ${ms(pct(part.counters, 50))} p95 ${ms(pct(part.counters, 95))} | pass over the vacant units p50 ${ms(pct(part.pass, 50))} p95 ${ms(pct(part.pass, 95))} | domain (reasons, combining, ranking) p50 ${ms(pct(part.domain, 50))} p95 ${ms(pct(part.domain, 95))}`,
    );
    // The ranking's chain context of the chain need (need 4): the join per search it was (before)
    // next to the counts cached per chain (chain-presence.ts, now) — the same counts.
    const chainNeed = needs.find((x) => x.chainCode)!;
    const today = new Date().toISOString().slice(0, 10);
    const found = await searchUnits(db, new Sql(), null, chainNeed, null, today);
    const bIds = [...new Set(found.passing.map((u) => u.building_id))];
    const pIds = [...new Set(found.passing.map((u) => u.park_id))];
    const joinT: number[] = [];
    const cacheT: number[] = [];
    for (let r = 0; r < Math.min(10, runs); r++) {
      let s = performance.now();
      await chainContext(db, bIds, pIds, chainNeed.chainCode!, []);
      joinT.push(performance.now() - s);
      s = performance.now();
      const c: SiteContext = {
        chainTenantsByBuilding: new Map(),
        chainTenantsByPark: new Map(),
        neighboursByBuilding: new Map(),
        neighboursByPark: new Map(),
        leader: null,
        today,
      };
      await fillChainContext(db, c, bIds, pIds, chainNeed.chainCode!, []);
      cacheT.push(performance.now() - s);
    }
    log(
      `chain context of need 4 (${bIds.length} buildings, ${pIds.length} parks): join per search p50 ${ms(pct(joinT, 50))} p95 ${ms(pct(joinT, 95))} | cached counts p50 ${ms(pct(cacheT, 50))} p95 ${ms(pct(cacheT, 95))}; load ${load()}`,
    );
    // Baseline: every vacant unit loaded and checked in the domain alone.
    const rules = (await currentRuleSet(db)).rules;
    const base: number[] = [];
    const ctx: SiteContext = {
      chainTenantsByBuilding: new Map(),
      chainTenantsByPark: new Map(),
      neighboursByBuilding: new Map(),
      neighboursByPark: new Map(),
      leader: null,
      today: new Date().toISOString().slice(0, 10),
    };
    for (let r = 0; r < Math.min(5, runs); r++)
      for (const need of needs) {
        const s = performance.now();
        const q = new Sql();
        const rows = await db.query<UnitRow>(`select t.* from (${UNIT_SELECT}) t where t.status = 'vacant'`, q.params);
        const rule = need.process ? (rules.find((x) => x.process === need.process) ?? null) : null;
        selectSites(rows.map(siteUnitOf), need, rule, ctx);
        base.push(performance.now() - s);
      }
    log(
      `baseline (load every vacant unit, domain only), ${base.length} queries: p50 ${ms(pct(base, 50))}  p95 ${ms(pct(base, 95))}`,
    );
  } finally {
    await db.close();
    if (args['keep-db']) log(`kept ${engine.where} (for EXPLAIN ANALYZE; drop it by hand)`);
    else await engine.drop();
  }
}

async function planBench() {
  const F = Number(args.floors);
  const T = Number(args.tenants);
  const limit = Number(args['time-limit']);
  log(`floor planning ${F} floors × ${T} tenants, MIP time limit ${limit} s; load ${load()}`);
  for (let seed = 1; seed <= Number(args.instances); seed++) {
    const p = generatePlanProblem({ floors: F, tenants: T, seed });
    let s = performance.now();
    const g = greedyPlan(p);
    const gMs = performance.now() - s;
    s = performance.now();
    const l = improvePlan(p, g);
    const lMs = performance.now() - s;
    const r = await solvePlan(p, { timeLimitS: limit, method: 'mip' });
    const score = (m: Map<string, number | null>) => scorePlan(checkInputOf(p, m));
    const bad = [g, l, r.floorOf].map((m) => checkPlan(checkInputOf(p, m)).length);
    const fmt = (m: Map<string, number | null>) => {
      const x = score(m);
      return `placed ${T - x.unplaced}/${T}, floors apart ${x.distance}`;
    };
    log(
      `  instance ${seed} (${p.links.length} links): greedy ${ms(gMs)} ${fmt(g)} | greedy+local ${ms(lMs)} ${fmt(l)} | ` +
        `${r.method} ${(r.seconds * 1000).toFixed(0)} ms ${fmt(r.floorOf)}, gap ${r.gap === null ? '—' : `${(r.gap * 100).toFixed(2)} %`}${r.optimal ? ' (optimal)' : ''} | checker violations ${bad.join('/')}`,
    );
  }
}

async function main() {
  if (!args['skip-db']) await siteBench();
  if (!args['skip-plan']) await planBench();
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
