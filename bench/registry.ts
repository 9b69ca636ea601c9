/**
 * npm run bench:registry — registry scale benchmark (DESIGN.md §4: 1 M enterprises, 10 k parks,
 * 100 k buildings; search and filtered list p95 < 50 ms on PostgreSQL).
 *
 * Generates a synthetic city-and-country dataset, loads it into a fresh PostgreSQL database and into
 * a PGlite folder, and prints p50 / p95 / max for search and list queries next to a naive baseline
 * (the same queries with index scans off; search as a plain ILIKE on names). Prints figures only:
 * nothing here is a timed assertion.
 *
 *   npm run bench:registry -- --enterprises 100000 --engines postgres
 *   options: --enterprises N (1e6) --parks N (N/100) --buildings N (N/10) --institutions N (N/200)
 *            --queries N (200 per family) --baseline N (50 per family) --engines postgres,pglite
 *            --pg-url URL (postgres://postgres@127.0.0.1:5432) --seed N --json FILE
 *            --keep (leave the database for a look with EXPLAIN) --log-slower-than MS (200)
 *            --families search,list,list-q (list-q: lists with `q`; its naive column is the former ILIKE)
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import type { Db } from '../src/db/connect.js';
import { type Dataset, generateDataset, type Region } from './lib/dataset.js';
import { type BenchEngine, load, pgliteEngine, postgresEngine, TABLES } from './lib/engines.js';
import { listQueries, listSearchQueries, type Query, searchQueries } from './lib/workload.js';

const { values: args } = parseArgs({
  options: {
    enterprises: { type: 'string', default: '1000000' },
    parks: { type: 'string' },
    buildings: { type: 'string' },
    institutions: { type: 'string' },
    queries: { type: 'string', default: '200' },
    baseline: { type: 'string', default: '50' },
    engines: { type: 'string', default: 'postgres,pglite' },
    'pg-url': {
      type: 'string',
      default: process.env.PARKLINK_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
    seed: { type: 'string', default: '20251' },
    json: { type: 'string' },
    keep: { type: 'boolean', default: false },
    'log-slower-than': { type: 'string', default: '200' },
    families: { type: 'string', default: 'search,list,list-q' },
  },
});
const num = (v: string | undefined, fallback: number) => (v === undefined ? fallback : Math.round(Number(v)));
const E = num(args.enterprises, 1_000_000);
const sizes = {
  enterprises: E,
  parks: num(args.parks, Math.max(10, Math.round(E / 100))),
  buildings: num(args.buildings, Math.max(10, Math.round(E / 10))),
  institutions: num(args.institutions, Math.max(10, Math.round(E / 200))),
};
const Q = num(args.queries, 200);
const B = num(args.baseline, 50);
const seed = num(args.seed, 20251);
/** Queries slower than this are logged with their text (stderr). */
const slowMs = num(args['log-slower-than'], 200);
const started = Date.now();
const log = (s: string) => console.error(`[${((Date.now() - started) / 1000).toFixed(0).padStart(5)} s] ${s}`);

interface Stat {
  n: number;
  p50: number;
  p95: number;
  max: number;
}
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? 0;
};
const stat = (xs: number[]): Stat => ({ n: xs.length, p50: pct(xs, 50), p95: pct(xs, 95), max: pct(xs, 100) });

interface Row {
  engine: string;
  family: string;
  kind: string;
  indexed: Stat;
  naive: Stat | null;
  found?: string;
}

async function measure(db: Db, qs: Query[], naiveCount: number) {
  const times = new Map<string, number[]>();
  const naive = new Map<string, number[]>();
  const found = new Map<string, [number, number]>();
  for (const q of qs.slice(0, 20)) await q.run(db); // warm-up
  for (const q of qs) {
    const t0 = performance.now();
    const hit = await q.run(db);
    const ms = performance.now() - t0;
    if (ms > slowMs) log(`  slow: ${q.kind} ${q.label} ${ms.toFixed(0)} ms`);
    for (const k of [q.kind, 'all']) {
      times.set(k, [...(times.get(k) ?? []), ms]);
      if (q.target !== undefined) {
        const f = found.get(k) ?? [0, 0];
        found.set(k, [f[0] + hit, f[1] + 1]);
      }
    }
  }
  // Naive baseline: the first naiveCount queries (kinds interleave, so every kind is covered).
  for (const q of qs.slice(0, naiveCount)) {
    const t0 = performance.now();
    await q.naive(db);
    const ms = performance.now() - t0;
    for (const k of [q.kind, 'all']) naive.set(k, [...(naive.get(k) ?? []), ms]);
  }
  return { times, naive, found };
}

async function sizesOf(db: Db) {
  return db.query<{ table: string; rows: number; table_mb: number; indexes_mb: number }>(
    `select c.relname as table, c.reltuples::bigint as rows,
            round(pg_table_size(c.oid) / 1048576.0) as table_mb, round(pg_indexes_size(c.oid) / 1048576.0) as indexes_mb
       from pg_class c where c.relname = any($1::text[]) order by c.relname`,
    [TABLES],
  );
}

async function runEngine(engine: BenchEngine, dataset: (db: Db) => Promise<Dataset>, out: Row[], notes: string[]) {
  log(`${engine.name}: creating database`);
  const setup = await engine.open();
  const ds = await dataset(setup); // generated once, from the first engine's reference data
  await setup.close();
  try {
    log(`${engine.name}: loading`);
    const t = await load(engine, ds.tables, log);
    const db = await engine.open();
    try {
      const sz = await sizesOf(db);
      notes.push(
        `${engine.name}: COPY ${(t.copyMs / 1000).toFixed(0)} s, index build ${(t.indexMs / 1000).toFixed(0)} s, analyze ${(t.analyzeMs / 1000).toFixed(0)} s; ` +
          sz.map((s) => `${s.table} ${s.rows} rows ${s.table_mb} MB + indexes ${s.indexes_mb} MB`).join('; '),
      );
      const families = new Set((args.families ?? '').split(','));
      for (const [family, make] of [
        ['search', () => searchQueries(ds, Q, seed + 1)],
        ['list', () => listQueries(ds, Q, seed + 2)],
        ['list-q', () => listSearchQueries(ds, Q, seed + 3)],
      ] as const) {
        if (!families.has(family)) continue;
        const qs = make();
        log(`${engine.name}: ${family}: ${qs.length} queries, ${Math.min(B, qs.length)} naive`);
        const m = await measure(db, qs, B);
        for (const [kind, xs] of m.times) {
          const f = m.found.get(kind);
          out.push({
            engine: engine.name,
            family,
            kind,
            indexed: stat(xs),
            naive: m.naive.has(kind) ? stat(m.naive.get(kind) ?? []) : null,
            ...(f ? { found: `${Math.round((100 * f[0]) / f[1])} %` } : {}),
          });
        }
      }
    } finally {
      await db.close();
    }
  } finally {
    if (args.keep) log(`${engine.name}: kept ${engine.where}`);
    else {
      log(`${engine.name}: dropping`);
      await engine.drop();
    }
  }
}

const f1 = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));
function table(rows: Row[]): string {
  const head =
    '| engine | family | query kind | n | p50 ms | p95 ms | max ms | naive n | naive p50 | naive p95 | naive max | intended hit in top 20 |';
  const lines = [head, head.replace(/[^|]+/g, ' --- ')];
  for (const r of rows) {
    const nv = r.naive ? [r.naive.n, f1(r.naive.p50), f1(r.naive.p95), f1(r.naive.max)] : ['', '', '', ''];
    lines.push(
      `| ${r.engine} | ${r.family} | ${r.kind} | ${r.indexed.n} | ${f1(r.indexed.p50)} | ${f1(r.indexed.p95)} | ${f1(r.indexed.max)} | ${nv.join(' | ')} | ${r.found ?? ''} |`,
    );
  }
  return lines.join('\n');
}

async function main() {
  log(
    `sizes ${JSON.stringify(sizes)}, ${Q} queries per family, ${B} naive; ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
  );
  let cached: Dataset | null = null;
  const engines = (args.engines ?? '').split(',').filter(Boolean);
  const dataset = async (d: Db) => {
    if (cached) return cached;
    const regions = (
      await d.query<Region>(
        `select d.code, d.name, coalesce(c.name, p.name, d.name) as city from regions d
           left join regions c on c.code = d.parent_code and c.level = 'city'
           left join regions p on p.code = d.parent_code and p.level = 'province'
          where d.level = 'district' order by d.code`,
      )
    ).map((r) => ({ ...r, city: r.city.replace(/(市|地区|自治州|盟|省|自治区|特别行政区)$/, '') }));
    const classes = (await d.query<{ code: string }>(`select code from industry_classes where level = 'class'`)).map(
      (c) => c.code,
    );
    log(`generating ${sizes.enterprises} enterprises, ${sizes.parks} parks, ${sizes.buildings} buildings`);
    cached = generateDataset({ ...sizes, seed, regions, classes }, (t, n) => {
      if (n % 200_000 === 0) log(`  generated ${t}: ${n}`);
    });
    log('generated');
    return cached;
  };
  const rows: Row[] = [];
  const notes: string[] = [];
  for (const name of engines) {
    const engine = name === 'postgres' ? postgresEngine(args['pg-url'] as string) : pgliteEngine();
    await runEngine(engine, dataset, rows, notes);
  }
  const text = `${table(rows)}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n`;
  console.log(text);
  if (args.json)
    writeFileSync(args.json, JSON.stringify({ sizes, queries: Q, baseline: B, seed, rows, notes }, null, 2));
  log('done');
}

await main();
