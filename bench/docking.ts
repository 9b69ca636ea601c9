/**
 * npm run bench:docking — the docking engine on PostgreSQL, through the server's own path
 * (`rankPosting` in src/server/modules/docking/book.ts: candidates read through the terms GIN index and
 * the chain nodes, places of the firms, the domain engine's BM25 + chain edge + capacity + distance).
 *
 * Fills a fresh PostgreSQL database (created, migrated, dropped at the end) with a synthetic book:
 * parks, buildings, floors and units; firms (85 % registered in Wuhan districts, half of those holding
 * a unit); open postings written from the shipped chain templates' node keywords; and planted pairs —
 * a demand and the supply meant for it, written with different wording (synonyms from the engine's
 * table or the supplying node's keywords in other words) and different units (kpcs vs pcs, t vs kg),
 * the supply placed in an intended distance tier (same building / park / district / city, in turn),
 * plus a distractor: the same supply text at the same node one tier or more farther away.
 *
 * Measures, in the same run, against a plain ILIKE baseline (the demand's product phrase as typed,
 * `title ilike '%…%'`, newest first): recall@20 of the planted supply, the share of top-1 matches in
 * the intended tier, and the latency of a top 20 (planted demands, and random book postings of both
 * kinds). The "whole book re-matched" figure is an extrapolation from a sample, labelled as such.
 * Prints figures only; nothing is asserted.
 *
 *   npx tsx bench/docking.ts [--postings 100000] [--firms 200000] [--pairs 200] [--parks 50] [--sample 200]
 *                           [--pg-url postgres://postgres@127.0.0.1:5432/postgres] [--keep]
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { TDistanceTier, TUnit } from '../src/contracts/docking.js';
import { distanceTier } from '../src/domain/docking/distance.js';
import { graphOf } from '../src/domain/docking/engine.js';
import { rankStats } from '../src/domain/docking/rank.js';
import { SYNONYMS, termSet } from '../src/domain/docking/text.js';
import { rng } from '../src/domain/random.js';
import { currentTemplates } from '../src/server/modules/chains/templates-store.js';
import { loadPosting, placesOf, rankPosting, storeMatches } from '../src/server/modules/docking/book.js';
import { openBook, openBookStats } from '../src/server/modules/docking/open-book.js';
import { REMATCH_THREADS, rematchBook, rematchIds } from '../src/server/modules/docking/rematch.js';
import { postgresEngine } from './lib/engines.js';

const { values: args } = parseArgs({
  options: {
    postings: { type: 'string', default: '100000' },
    firms: { type: 'string', default: '200000' },
    pairs: { type: 'string', default: '200' },
    parks: { type: 'string', default: '50' },
    sample: { type: 'string', default: '200' },
    seed: { type: 'string', default: '12' },
    'pg-url': {
      type: 'string',
      default: process.env.PARKLINK_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
    keep: { type: 'boolean', default: false },
    'no-rematch': { type: 'boolean', default: false },
    /** Stop after loading the book (the COPY figures only). */
    'load-only': { type: 'boolean', default: false },
    /** The threaded re-match is stopped after this many seconds and extrapolated (labelled) when not done. */
    'rematch-seconds': { type: 'string', default: '600' },
    threads: { type: 'string', default: String(REMATCH_THREADS) },
  },
});
const N_POSTINGS = Number(args.postings);
const N_FIRMS = Number(args.firms);
const PAIRS = Number(args.pairs);
const PARKS = Number(args.parks);
const SAMPLE = Number(args.sample);
const BUILDINGS_PER_PARK = 10;
const FLOORS = 20;
const SRC = 'parklink-docking';
const VALID = '2099-12-31';

const started = performance.now();
const log = (s: string) => console.error(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${s}`);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? 0;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;
const share = (a: number, b: number) => (b === 0 ? '–' : `${((100 * a) / b).toFixed(1)} %`);
const esc = (v: unknown): string => {
  if (v === null || v === undefined) return '\\N';
  if (Array.isArray(v))
    return `{${v.map((x) => `"${String(x).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`.replace(
      /\\/g,
      '\\\\',
    );
  return String(v).replace(/\\/g, '\\\\').replace(/\t/g, ' ').replace(/\n/g, ' ');
};
const tsv = (rows: unknown[][]) => rows.map((r) => r.map(esc).join('\t')).join('\n') + (rows.length ? '\n' : '');

const loadMs = { rowTrigger: 0, statementTrigger: 0, none: 0 };

interface Unit {
  unit: number;
  building: number;
  park: number;
  district: string;
}

async function main() {
  const random = rng(Number(args.seed));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const engine = postgresEngine(args['pg-url'] ?? '');
  log(
    `creating ${engine.where}; ${cpus().length} cores, load ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' / ')}`,
  );
  const db = await engine.open();
  try {
    const districts = (
      await db.query<{ code: string }>(`select code from regions where level = 'district' order by code`)
    ).map((r) => r.code.trim());
    const wuhan = districts.filter((d) => d.startsWith('4201'));
    const elsewhere = districts.filter((d) => !d.startsWith('4201'));
    const graph = graphOf(await currentTemplates(db));
    const nodes = [...graph.nodes.values()].filter((n) => !n.group && n.keywords.length > 0);
    const edges: { from: string; to: string }[] = [];
    for (const n of nodes)
      for (const [s] of graph.feeders(n.id))
        if (graph.nodes.get(s)?.keywords.length && !graph.nodes.get(s)?.group) edges.push({ from: s, to: n.id });

    // ── places: parks → buildings → floors → one unit each (ids follow COPY order in a fresh database) ──
    const loader = await engine.loader();
    const copy = async (table: string, columns: string[], rows: unknown[][]) => {
      const chunks: string[] = [];
      for (let i = 0; i < rows.length; i += 20000) chunks.push(tsv(rows.slice(i, i + 20000)));
      await loader.copy({ table, columns, rows: rows.length, chunks }, () => {});
    };
    const parkDistrict: string[] = [];
    for (let p = 0; p < PARKS; p++) parkDistrict.push(wuhan[p % wuhan.length]!);
    await copy(
      'parks',
      ['code', 'name', 'kind', 'level', 'region_code', 'source_id'],
      parkDistrict.map((d, p) => [`bench-${p}`, `基准园区${p}`, 'characteristic_park', 'district', d, SRC]),
    );
    const parkIds = (
      await db.query<{ id: number }>('select id from parks where code like $1 order by id', ['bench-%'])
    ).map((r) => r.id);
    const bRows: unknown[][] = [];
    for (let p = 0; p < PARKS; p++)
      for (let b = 0; b < BUILDINGS_PER_PARK; b++)
        bRows.push([parkIds[p], `B${b}`, `${p}-${b}号楼`, 'high_rise_factory', FLOORS, SRC]);
    await copy('buildings', ['park_id', 'code', 'name', 'type', 'floors_above', 'source_id'], bRows);
    const buildings = await db.query<{ id: number; park_id: number }>('select id, park_id from buildings order by id');
    const fRows: unknown[][] = [];
    for (const b of buildings) for (let f = 1; f <= FLOORS; f++) fRows.push([b.id, f, SRC]);
    await copy('floors', ['building_id', 'floor_no', 'source_id'], fRows);
    await loader.exec(`insert into units (floor_id, code, source_id) select id, 'U', '${SRC}' from floors order by id`);
    const units = await db.query<{ unit: number; building: number; park: number; floor_no: number; district: string }>(
      `select u.id as unit, b.id as building, p.id as park, f.floor_no, p.region_code as district
         from units u join floors f on f.id = u.floor_id join buildings b on b.id = f.building_id join parks p on p.id = b.park_id order by u.id`,
    );
    const byBuilding = new Map<number, typeof units>();
    const byPark = new Map<number, number[]>();
    const byDistrict = new Map<string, number[]>();
    for (const u of units) {
      u.district = u.district.trim();
      byBuilding.set(u.building, [...(byBuilding.get(u.building) ?? []), u]);
      if (!byPark.get(u.park)?.includes(u.building)) byPark.set(u.park, [...(byPark.get(u.park) ?? []), u.building]);
      if (!byDistrict.get(u.district)?.includes(u.park))
        byDistrict.set(u.district, [...(byDistrict.get(u.district) ?? []), u.park]);
    }
    const unitIn = (building: number, notFloor?: number) =>
      pick(byBuilding.get(building)!.filter((u) => u.floor_no !== notFloor)) as Unit & { floor_no: number };

    // ── firms: planted pairs first (demand, supply, distractor), then the background ──
    type Firm = { region: string; unit: (Unit & { floor_no: number }) | null };
    const firms: Firm[] = [];
    const TIERS: TDistanceTier[] = ['building', 'park', 'district', 'city'];
    const planted: { demand: number; supply: number; distractor: number; tier: TDistanceTier; phrase: string }[] = [];
    const postings: unknown[][] = [];
    const post = (kind: string, firm: number, title: string, node: string, quantity: number, unit: TUnit) =>
      postings.push([kind, 'product', firm + 1, title, node, quantity, unit, VALID, 'public', termSet(title), true]);
    const synGroups = SYNONYMS.map((g) => g.filter((w) => /[\u4e00-\u9fff]/.test(w))).filter((g) => g.length >= 2);
    const PRE = ['采购', '长期需要', '寻找', '求购', '需要配套'];
    const SUF = ['（可定制）', '，批量供货', '，产能充足', '（现货）', '，支持小批量'];
    for (let k = 0; k < PAIRS; k++) {
      const tier = TIERS[k % TIERS.length]!;
      const d = unitIn(pick(buildings).id);
      const dFirm = firms.push({ region: d.district, unit: d }) - 1;
      let s: Firm;
      let x: Firm;
      if (tier === 'building') {
        s = { region: d.district, unit: unitIn(d.building, d.floor_no) };
        x = { region: wuhan.find((w) => w !== d.district)!, unit: null };
      } else if (tier === 'park') {
        const other = pick(byPark.get(d.park)!.filter((b) => b !== d.building));
        s = { region: d.district, unit: unitIn(other) };
        x = { region: wuhan.find((w) => w !== d.district)!, unit: null };
      } else if (tier === 'district') {
        const parks = byDistrict.get(d.district)!.filter((p) => p !== d.park);
        s = parks.length
          ? { region: d.district, unit: unitIn(pick(byPark.get(pick(parks))!)) }
          : { region: d.district, unit: null };
        x = { region: pick(elsewhere), unit: null };
      } else {
        s = { region: wuhan.find((w) => w !== d.district)!, unit: null };
        x = { region: pick(elsewhere), unit: null };
      }
      const sFirm = firms.push(s) - 1;
      const xFirm = firms.push(x) - 1;
      const e = pick(edges);
      let dText: string;
      let sText: string;
      let phrase: string;
      if (k % 2 === 0) {
        const g = pick(synGroups);
        const a = Math.floor(random() * g.length);
        const b = (a + 1 + Math.floor(random() * (g.length - 1))) % g.length;
        phrase = g[a]!;
        dText = `${pick(PRE)}${g[a]}，用于${graph.nodes.get(e.to)!.nameZh}`;
        sText = `${g[b]}${pick(SUF)}`;
      } else {
        const kws = graph.nodes.get(e.from)!.keywords;
        phrase = pick(kws);
        dText = `${pick(PRE)}${phrase}配套`;
        sText = `${kws
          .filter((w) => w !== phrase)
          .slice(0, 1)
          .join('')}、${phrase}${pick(SUF)}`;
      }
      post('demand', dFirm, dText, e.to, 10 + Math.floor(random() * 90), 'kpcs');
      const demandIndex = postings.length;
      post('supply', sFirm, sText, e.from, 200000, 'pcs');
      const supplyIndex = postings.length;
      post('supply', xFirm, sText, e.from, 200000, 'pcs');
      planted.push({ demand: demandIndex, supply: supplyIndex, distractor: supplyIndex + 1, tier, phrase });
    }
    while (firms.length < N_FIRMS) {
      if (random() < 0.85) {
        const district = pick(wuhan);
        firms.push({ region: district, unit: random() < 0.5 ? (pick(units) as Unit & { floor_no: number }) : null });
      } else firms.push({ region: pick(elsewhere), unit: null });
    }
    const ADJ = ['高端', '精密', '定制', '工业级', '车规级', '国产化', '高可靠'];
    while (postings.length < N_POSTINGS) {
      const n = pick(nodes);
      const words = [pick(n.keywords), ...(random() < 0.5 ? [pick(n.keywords)] : [])];
      const title = `${pick(ADJ)}${[...new Set(words)].join('、')}${pick(SUF)}`;
      post(
        random() < 0.5 ? 'supply' : 'demand',
        Math.floor(random() * N_FIRMS),
        title,
        n.id,
        1 + Math.floor(random() * 10000),
        'pcs',
      );
    }
    log(`generated ${firms.length} firms, ${postings.length} postings (${PAIRS} planted pairs + distractors); loading`);
    await copy(
      'enterprises',
      ['name', 'region_code', 'source_id', 'synthetic'],
      firms.map((f, i) => [`基准企业${i + 1}`, f.region, SRC, true]),
    );
    const [{ min }] = (await db.query<{ min: number }>(
      'select min(id)::int as min from enterprises where source_id = $1',
      [SRC],
    )) as [{ min: number }];
    if (min !== 1) throw new Error(`enterprise ids start at ${min}, expected 1`);
    await copy(
      'occupancies',
      ['enterprise_id', 'unit_id', 'source_id'],
      firms.flatMap((f, i) => (f.unit ? [[i + 1, f.unit.unit, SRC]] : [])),
    );
    const postingColumns = [
      'kind',
      'category',
      'enterprise_id',
      'title',
      'node_id',
      'quantity',
      'unit',
      'valid_until',
      'visibility',
      'terms',
      'synthetic',
    ];
    // before (migration 0040): the same COPY into the same table with 0040's row trigger in place of 0048's
    // statement triggers; then emptied (identity restarted) and loaded again with 0048's (after)
    await loader.exec(`alter table docking_postings disable trigger docking_postings_inserted;
      create trigger bench_row_0040 after insert on docking_postings for each row execute function note_docking_posting_change();`);
    const tRow = performance.now();
    await copy('docking_postings', postingColumns, postings);
    loadMs.rowTrigger = performance.now() - tRow;
    // the floor: no change trigger at all (what noting the changes costs, either way)
    await loader.exec(`drop trigger bench_row_0040 on docking_postings;
      truncate docking_postings restart identity cascade; delete from docking_posting_changes;`);
    const tNone = performance.now();
    await copy('docking_postings', postingColumns, postings);
    loadMs.none = performance.now() - tNone;
    await loader.exec(`alter table docking_postings enable trigger docking_postings_inserted;
      truncate docking_postings restart identity cascade; delete from docking_posting_changes;`);
    const tStmt = performance.now();
    await copy(
      'docking_postings',
      [
        'kind',
        'category',
        'enterprise_id',
        'title',
        'node_id',
        'quantity',
        'unit',
        'valid_until',
        'visibility',
        'terms',
        'synthetic',
      ],
      postings,
    );
    loadMs.statementTrigger = performance.now() - tStmt;
    log(
      `postings COPY: ${(loadMs.statementTrigger / 1000).toFixed(1)} s (0048 statement trigger) vs ${(loadMs.rowTrigger / 1000).toFixed(1)} s (0040 row trigger, same rows) vs ${(loadMs.none / 1000).toFixed(1)} s (no change trigger)`,
    );
    await loader.exec('analyze');
    await loader.close();
    const [{ first }] = (await db.query<{ first: number }>('select min(id)::int as first from docking_postings')) as [
      { first: number },
    ];
    const postingId = (index: number) => first + index - 1; // postings[] index (1-based push count) → id
    log('loaded; measuring');
    if (args['load-only']) return;

    // ── the open book in memory: built once (then rebuilt when docking_postings' counter moves) ──
    const tb = performance.now();
    const book = (await openBook(db))!.book;
    const buildMs = performance.now() - tb;
    const tb2 = performance.now();
    await openBook(db);
    const checkMs = performance.now() - tb2;

    // ── quality and latency: planted demands, engine (SQL candidates = before, open book = after) vs ILIKE ──
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    let differ = 0;
    const eng = { hit: 0, top1Tier: 0, top1Planted: 0, ms: [] as number[] };
    const sqlMs: number[] = [];
    const refMs: number[] = [];
    const base = { hit: 0, top1Tier: 0, top1Planted: 0, ms: [] as number[] };
    for (const p of planted) {
      const row = (await loadPosting(db, postingId(p.demand)))!;
      const supplyId = postingId(p.supply);
      const t00 = performance.now();
      const before = await rankPosting(db, row, { limit: 20, source: 'sql' });
      sqlMs.push(performance.now() - t00);
      const t01 = performance.now();
      const ref = await rankPosting(db, row, { limit: 20, reference: true });
      refMs.push(performance.now() - t01);
      const t0 = performance.now();
      const top = await rankPosting(db, row, { limit: 20 });
      eng.ms.push(performance.now() - t0);
      if (!same(before, top) || !same(ref, top)) differ++;
      if (top.some((s) => s.offer.postingId === supplyId)) eng.hit++;
      if (top[0]?.tier === p.tier) eng.top1Tier++;
      if (top[0]?.offer.postingId === supplyId) eng.top1Planted++;
      const t1 = performance.now();
      const rows = await db.query<{ id: number; enterprise_id: number }>(
        `select id, enterprise_id from docking_postings where kind = 'supply' and status = 'open' and valid_until >= current_date
            and title ilike $1 order by id desc limit 20`,
        [`%${p.phrase}%`],
      );
      base.ms.push(performance.now() - t1);
      if (rows.some((r) => r.id === supplyId)) base.hit++;
      if (rows[0]?.id === supplyId) base.top1Planted++;
      if (rows[0]) {
        const places = await placesOf(db, [row.enterprise_id, rows[0].enterprise_id]);
        const none = { locations: [], district: null, inCity: false };
        if (
          distanceTier(places.get(row.enterprise_id) ?? none, places.get(rows[0].enterprise_id) ?? none).tier === p.tier
        )
          base.top1Tier++;
      }
    }

    // ── latency of random book postings (both kinds): what a new posting costs, before and after ──
    const sample = await db.query<{ id: number }>(
      `select id from docking_postings where synthetic order by md5(id::text) limit ${SAMPLE}`,
    );
    const rand = { ms: [] as number[], found: [] as number[] };
    const randSql = { ms: [] as number[] };
    const randRef = { ms: [] as number[] };
    const stats0 = { ...rankStats };
    for (const s of sample) {
      const row = (await loadPosting(db, s.id))!;
      const t00 = performance.now();
      const before = await rankPosting(db, row, { limit: 20, source: 'sql' });
      randSql.ms.push(performance.now() - t00);
      const t01 = performance.now();
      const ref = await rankPosting(db, row, { limit: 20, reference: true });
      randRef.ms.push(performance.now() - t01);
      const t0 = performance.now();
      const top = await rankPosting(db, row, { limit: 20 });
      rand.ms.push(performance.now() - t0);
      rand.found.push(top.length);
      if (!same(before, top) || !same(ref, top)) differ++;
    }

    const prefilter = {
      rankings: rankStats.rankings - stats0.rankings,
      candidates: rankStats.candidates - stats0.candidates,
      evaluated: rankStats.evaluated - stats0.evaluated,
    };

    // ── the open book after one posting changes: patched (after) against read in full (before) ──
    const refreshMs: number[] = [];
    const builds0 = openBookStats.builds;
    const probe = (await loadPosting(db, sample[0]!.id))!;
    for (let k = 0; k < 10; k++) {
      await db.query(`update docking_postings set title = title || $2, updated_at = now() where id = $1`, [
        probe.id,
        k % 2 ? '' : ' ',
      ]);
      const t = performance.now();
      await rankPosting(db, probe, { limit: 20 });
      refreshMs.push(performance.now() - t);
    }
    const patchedBuilds = openBookStats.builds - builds0;
    const { forgetOpenBook } = await import('../src/server/modules/docking/open-book.js');
    forgetOpenBook(db);
    const tFull = performance.now();
    await openBook(db);
    const fullMs = performance.now() - tFull;

    // ── the whole book re-matched: before (one by one through SQL, a sample, extrapolated) and after (run) ──
    const oldSample = sample.slice(0, Math.min(100, sample.length));
    const t3 = performance.now();
    await db.tx(async (tx) => {
      for (const s of oldSample) {
        const row = (await loadPosting(tx, s.id))!;
        await storeMatches(
          tx,
          row,
          (await rankPosting(tx, row, { source: 'sql' })).filter((x) => !x.known),
        );
      }
    });
    const oldPerPosting = (performance.now() - t3) / Math.max(1, oldSample.length);
    const byTier = TIERS.map((tier) => {
      const ps = planted.filter((p) => p.tier === tier).length;
      return `${tier} ${ps}`;
    }).join(', ');
    console.log(`
## docking (bench/docking.ts) — PostgreSQL, ${postings.length.toLocaleString('en')} open postings, ${firms.length.toLocaleString('en')} firms, ${PARKS} parks × ${BUILDINGS_PER_PARK} buildings × ${FLOORS} floors
planted pairs: ${PAIRS} (intended tier: ${byTier}; half synonym wording, half the supplying node's keywords reworded; units kpcs vs pcs)

loading the ${postings.length.toLocaleString('en')} postings by COPY: ${(loadMs.statementTrigger / 1000).toFixed(1)} s with migration 0048's statement trigger (after); ${(loadMs.rowTrigger / 1000).toFixed(1)} s with 0040's row trigger (before, same run, same rows, same table); ${(loadMs.none / 1000).toFixed(1)} s with no change trigger

open book in memory: ${book.size.toLocaleString('en')} open postings built in ${ms(buildMs)} (a request whose counter is unchanged: ${ms(checkMs)}); results differing between the SQL read and the open book: ${differ} of ${planted.length + sample.length}

| measure (planted demands, top 20)         | engine, open book     | ILIKE baseline |
|-------------------------------------------|----------------------|----------------|
| recall@20 of the planted supply           | ${share(eng.hit, PAIRS).padEnd(20)} | ${share(base.hit, PAIRS).padEnd(14)} |
| top-1 is the planted supply               | ${share(eng.top1Planted, PAIRS).padEnd(20)} | ${share(base.top1Planted, PAIRS).padEnd(14)} |
| top-1 in the intended distance tier       | ${share(eng.top1Tier, PAIRS).padEnd(20)} | ${share(base.top1Tier, PAIRS).padEnd(14)} |
| latency p50 / p95, open book (after)      | ${`${ms(pct(eng.ms, 50))} / ${ms(pct(eng.ms, 95))}`.padEnd(20)} | ${`${ms(pct(base.ms, 50))} / ${ms(pct(base.ms, 95))}`.padEnd(14)} |
| latency p50 / p95, SQL candidates (before)| ${`${ms(pct(sqlMs, 50))} / ${ms(pct(sqlMs, 95))}`.padEnd(20)} |                |
| latency p50 / p95, open book + reference engine (before) | ${`${ms(pct(refMs, 50))} / ${ms(pct(refMs, 95))}`.padEnd(20)} |                |

random book postings (${sample.length}, both kinds), top 20 through rankPosting:
  open book (after):      p50 ${ms(pct(rand.ms, 50))}, p95 ${ms(pct(rand.ms, 95))}, max ${ms(Math.max(...rand.ms))}; median matches returned ${pct(rand.found, 50)}
  SQL candidates (before): p50 ${ms(pct(randSql.ms, 50))}, p95 ${ms(pct(randSql.ms, 95))}, max ${ms(Math.max(...randSql.ms))}
  open book + reference engine, MatchIndex.match (before): p50 ${ms(pct(randRef.ms, 50))}, p95 ${ms(pct(randRef.ms, 95))}, max ${ms(Math.max(...randRef.ms))}
  prefilter (after): ${prefilter.evaluated.toLocaleString('en')} of ${prefilter.candidates.toLocaleString('en')} candidates scored in full over ${prefilter.rankings} rankings (${share(prefilter.evaluated, prefilter.candidates)})
open book after one posting changed (10 edits, each then a ranking): patched, ranking included p50 ${ms(pct(refreshMs, 50))}, max ${ms(Math.max(...refreshMs))}, full reads ${patchedBuilds}; read in full (before) ${ms(fullMs)}
whole book re-matched:
  before, one posting after another through SQL (EXTRAPOLATED from ${oldSample.length} postings ranked and stored): ≈ ${((oldPerPosting * postings.length) / 1000).toFixed(0)} s
load average at the end: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' / ')}
`);
    const rematch: string[] = [];
    if (!args['no-rematch']) {
      // before: in this process, on its event loop, one thread (the path of main before this change, with
      // the faster engine): a sample of the book, extrapolated
      const all = (
        await db.query<{ id: number }>(`select id from docking_postings where status = 'open' order by id`)
      ).map((r) => r.id);
      const part = all.filter((_, i) => i % 50 === 0).slice(0, 1000);
      const t5 = performance.now();
      const r0 = await rematchIds(
        db,
        { via: 'bench' },
        part,
        new Date().toISOString().slice(0, 10),
        { oneByOne: false },
        () => {},
      );
      const s0 = (performance.now() - t5) / 1000;
      rematch.push(
        `  before, in-process on the event loop, one thread (EXTRAPOLATED from ${part.length} postings, ranker setup included): ${s0.toFixed(1)} s → ≈ ${((s0 * all.length) / part.length).toFixed(0)} s for ${all.length.toLocaleString('en')} postings (${r0.newMatches} new matches); load ${loadavg()[0]!.toFixed(1)}`,
      );
      log(rematch.at(-1)!);
      const threads = Number(args.threads);
      for (const label of ['first run (matches stored)', 'second run (matches refreshed)']) {
        log(`re-matching the whole book in ${threads} worker threads: ${label}`);
        const t4 = performance.now();
        let lastLog = 0;
        let done = 0;
        let firstChunk = 0;
        const ctrl = new AbortController();
        const stop = setTimeout(() => ctrl.abort(), Number(args['rematch-seconds']) * 1000);
        try {
          const r = await rematchBook(
            db,
            { via: 'bench' },
            {
              signal: ctrl.signal,
              progress: (p: { done: number; total: number }) => {
                if (p.done > 0 && firstChunk === 0) {
                  firstChunk = performance.now() - t4;
                  log(
                    `  first chunk stored after ${(firstChunk / 1000).toFixed(1)} s (the ranker's data read and handed over)`,
                  );
                }
                done = p.done;
                if (p.done - lastLog >= p.total / 10 || p.done === p.total) {
                  lastLog = p.done;
                  log(`  ${p.done} / ${p.total} postings, ${((performance.now() - t4) / 1000).toFixed(1)} s`);
                }
              },
            } as never,
            { threads },
          );
          const sec = (performance.now() - t4) / 1000;
          rematch.push(
            `  after, rematchBook in ${threads} worker threads, ${label}: ${sec.toFixed(1)} s for ${r.postings.toLocaleString('en')} postings (${r.newMatches.toLocaleString('en')} new matches, ${r.refreshed.toLocaleString('en')} unchanged or refreshed); load ${loadavg()
              .map((x) => x.toFixed(1))
              .join(' / ')}`,
          );
        } catch (e) {
          const sec = (performance.now() - t4) / 1000;
          rematch.push(
            `  after, rematchBook in ${threads} worker threads, ${label}: STOPPED after ${sec.toFixed(0)} s at ${done.toLocaleString('en')} of ${all.length.toLocaleString('en')} postings (first chunk stored after ${(firstChunk / 1000).toFixed(0)} s) (${(e as Error).message.slice(0, 120)}) → ≈ ${done ? ((sec * all.length) / done).toFixed(0) : '–'} s for the book (EXTRAPOLATED); load ${loadavg()
              .map((x) => x.toFixed(1))
              .join(' / ')}`,
          );
          log(rematch.at(-1)!);
          break;
        } finally {
          clearTimeout(stop);
        }
        log(rematch.at(-1)!);
      }
    }
    console.log(rematch.join('\n'));
  } finally {
    if (args.keep) log(`kept ${engine.where}`);
    else await engine.drop();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
