/**
 * npm run bench:evaluation — issue 14: 100 k firms with five years of metrics. Times, in one run:
 *   1. the full per-mu evaluation (facts of this and last year for every firm, benchmarks, scores,
 *      classes) under the Wuhan default and under 淮安 2024 — the engine alone, on arrays;
 *   2. tier eligibility of every firm under the 2022 and the 2026 measures;
 *   3. the server's path: the firms loaded from the database with set-based queries (repository
 *      loadFirms: three queries) then evaluated;
 *   4. the baseline: the same firms fetched row by row (one query per firm for its metrics and one for
 *      its facts), as a naive per-firm loop would, on a sample and per firm.
 * Prints figures only; nothing is asserted. The database is PostgreSQL when --pg-url answers, else PGlite.
 *
 *   npx tsx bench/evaluation.ts [--firms 100000] [--years 5] [--baseline 5000] [--pg-url postgres://postgres@127.0.0.1:5432/postgres]
 */
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { TPerMuDocument, TTierDocument } from '../src/contracts/evaluation.js';
import { connect, type Db } from '../src/db/connect.js';
import { migrate } from '../src/db/migrate.js';
import { buildFacts, type FirmInput } from '../src/domain/evaluation/fields.js';
import { evaluatePerMu } from '../src/domain/evaluation/per-mu.js';
import { loadPublished } from '../src/domain/evaluation/published.js';
import { evaluateTiers } from '../src/domain/evaluation/tiers.js';
import { rng } from '../src/domain/random.js';
import { Sql } from '../src/server/lib/sql.js';
import { loadFirms } from '../src/server/modules/evaluation/repository.js';
import { toEvalFirms } from '../src/server/modules/evaluation/run.js';
import { seedReference } from '../src/server/platform/seed.js';

const { values: args } = parseArgs({
  options: {
    firms: { type: 'string', default: '100000' },
    years: { type: 'string', default: '5' },
    baseline: { type: 'string', default: '5000' },
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    /** Only the engine rows (no database): for profiling the engines. */
    'engine-only': { type: 'boolean', default: false },
  },
});
const N = Number(args.firms);
const YEARS = Number(args.years);
const LAST = 2025;
const FIRST = LAST - YEARS + 1;
const DISTRICTS = [
  '420102',
  '420103',
  '420104',
  '420105',
  '420106',
  '420107',
  '420111',
  '420112',
  '420113',
  '420114',
  '420115',
];

function generate(): FirmInput[] {
  const r = rng(14);
  const firms: FirmInput[] = [];
  for (let i = 1; i <= N; i++) {
    const size = 10 ** (1 + r() * 3); // 10 … 10 000 万元 revenue
    const land = r() < 0.1 ? null : Math.round((0.3 + r() * 40) * 100) / 100;
    const metrics = [];
    let rev = size;
    for (let y = FIRST; y <= LAST; y++) {
      rev *= 0.9 + r() * 0.35;
      metrics.push({
        year: y,
        revenueWan: Math.round(rev * 10) / 10,
        outputWan: Math.round(rev * (0.9 + r() * 0.2) * 10) / 10,
        valueAddedWan: Math.round(rev * (0.15 + r() * 0.25) * 10) / 10,
        taxWan: Math.round(rev * (0.01 + r() * 0.06) * 10) / 10,
        rndWan: Math.round(rev * r() * 0.09 * 10) / 10,
        rndStaff: Math.floor(r() * 40),
        employees: 5 + Math.floor(rev / 50),
        energyTce: Math.round(rev * (0.005 + r() * 0.05) * 10) / 10,
        emissionsT: r() < 0.4 ? null : Math.round(rev * r() * 0.01 * 10) / 10,
        landMu: land,
        patentsInvention: Math.floor(r() * 6),
      });
    }
    const facts: FirmInput['facts'] = {};
    for (const y of [LAST - 1, LAST])
      facts[y] = {
        debtRatioPct: Math.round(20 + r() * 70),
        mainBusinessSharePct: Math.round(50 + r() * 50),
        nicheYears: Math.floor(r() * 15),
        strategicEmerging: r() < 0.5,
        digitalLevel: Math.floor(r() * 5),
        netMarginPct: Math.round(-5 + r() * 20),
        rndInstitutionLevel: Math.floor(r() * 5),
        marketSharePct: Math.round(r() * 20),
        keyChainLink: r() < 0.3,
        devScore: Math.round(30 + r() * 60),
      };
    const honours = [];
    if (r() < 0.3) honours.push({ tierCode: 'innovative_sme', year: 2023, validUntil: '2026-12-31' });
    if (r() < 0.1) honours.push({ tierCode: 'specialized_sme', year: 2024, validUntil: '2027-12-31' });
    if (r() < 0.2) honours.push({ tierCode: 'high_tech', year: 2023, validUntil: '2026-12-31' });
    firms.push({
      id: i,
      foundedOn: `${2000 + Math.floor(r() * 25)}-01-01`,
      industryClassCode: r() < 0.02 ? '4411' : '3976',
      honours,
      metrics,
      facts,
    });
  }
  return firms;
}

const ms = (t0: number) => Math.round(performance.now() - t0);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
/** CPU time of this process (user + system) in ms: on a shared machine, wall time includes waiting for a core. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
/** Median wall time and median CPU time of `runs` runs. */
function time(runs: number, fn: () => void): [number, number] {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const c0 = cpuMs();
    fn();
    wall.push(performance.now() - t0);
    cpu.push(cpuMs() - c0);
  }
  return [Math.round(median(wall)), Math.round(median(cpu))];
}

async function openDb(): Promise<{ db: Db; engine: string; drop: () => Promise<void> }> {
  const url = args['pg-url'] as string;
  try {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const name = `parklink_bench_eval_${randomBytes(4).toString('hex')}`;
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    const db = await connect({ databaseUrl: u.toString() });
    return {
      db,
      engine: 'PostgreSQL',
      async drop() {
        await db.close();
        const a = new pg.Client({ connectionString: url });
        await a.connect();
        await a.query(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    };
  } catch {
    const db = await connect({ dataDir: 'memory://' });
    return { db, engine: 'PGlite', drop: () => db.close() };
  }
}

async function load(db: Db, firms: FirmInput[], region: (i: number) => string) {
  for (let i = 0; i < firms.length; i += 5000) {
    const batch = firms.slice(i, i + 5000);
    await db.query(
      `insert into enterprises (id, name, founded_on, industry_class_code, region_code, honours, source_id, synthetic)
       overriding system value
       select x.id, x.name, x.founded_on, x.industry_class_code, x.region_code, x.honours, 'user', true
         from jsonb_to_recordset($1::jsonb) as x(id int, name text, founded_on date, industry_class_code text, region_code text, honours jsonb)`,
      [
        JSON.stringify(
          batch.map((f) => ({
            id: f.id,
            name: `企业${f.id}`,
            founded_on: f.foundedOn,
            industry_class_code: f.industryClassCode,
            region_code: region(f.id),
            honours: f.honours,
          })),
        ),
      ],
    );
    await db.query(
      `insert into enterprise_metrics (enterprise_id, year, revenue_wan, output_wan, value_added_wan, tax_wan, rnd_wan, rnd_staff,
         employees, energy_tce, emissions_t, land_mu, patents_invention, source_id, synthetic)
       select x.enterprise_id, x.year, x.revenue_wan, x.output_wan, x.value_added_wan, x.tax_wan, x.rnd_wan, x.rnd_staff, x.employees,
              x.energy_tce, x.emissions_t, x.land_mu, x.patents_invention, 'user', true
         from jsonb_to_recordset($1::jsonb) as x(enterprise_id int, year int, revenue_wan numeric, output_wan numeric,
              value_added_wan numeric, tax_wan numeric, rnd_wan numeric, rnd_staff int, employees int, energy_tce float8,
              emissions_t float8, land_mu float8, patents_invention int)`,
      [
        JSON.stringify(
          batch.flatMap((f) =>
            f.metrics.map((m) => ({
              enterprise_id: f.id,
              year: m.year,
              revenue_wan: m.revenueWan,
              output_wan: m.outputWan,
              value_added_wan: m.valueAddedWan,
              tax_wan: m.taxWan,
              rnd_wan: m.rndWan,
              rnd_staff: m.rndStaff,
              employees: m.employees,
              energy_tce: m.energyTce,
              emissions_t: m.emissionsT,
              land_mu: m.landMu,
              patents_invention: m.patentsInvention,
            })),
          ),
        ),
      ],
    );
    await db.query(
      `insert into evaluation_facts (enterprise_id, year, facts, source_id, synthetic)
       select x.enterprise_id, x.year, x.facts, 'user', true from jsonb_to_recordset($1::jsonb) as x(enterprise_id int, year int, facts jsonb)`,
      [
        JSON.stringify(
          batch.flatMap((f) =>
            Object.entries(f.facts ?? {}).map(([y, facts]) => ({ enterprise_id: f.id, year: Number(y), facts })),
          ),
        ),
      ],
    );
  }
}

async function main() {
  console.log(
    `bench:evaluation — ${N.toLocaleString()} firms × ${YEARS} years (${FIRST}–${LAST}); ${cpus().length} cores, load ${loadavg()[0]?.toFixed(1)}`,
  );
  let t0 = performance.now();
  const firms = generate();
  console.log(`generated in ${ms(t0)} ms`);
  const region = (id: number) => DISTRICTS[id % DISTRICTS.length] as string;
  const wuhan = loadPublished('wuhan-default').document as TPerMuDocument;
  const huaian = loadPublished('huaian-2024').document as TPerMuDocument;
  const t22 = loadPublished('miit-2022').document as TTierDocument;
  const t26 = loadPublished('miit-2026').document as TTierDocument;
  const evalFirms = () =>
    firms.map((f) => ({
      id: f.id,
      group: region(f.id),
      facts: buildFacts(f, LAST, `${LAST}-12-31`),
      prevFacts: buildFacts(f, LAST - 1, `${LAST - 1}-12-31`),
    }));
  const rows: [string, number, number | null][] = [];
  let classes = '';
  rows.push([
    'per-mu, Wuhan default: facts + evaluation of every firm (engine)',
    ...time(3, () => {
      const out = evaluatePerMu(wuhan, evalFirms());
      const d: Record<string, number> = {};
      for (const r of out.results) d[r.class] = (d[r.class] ?? 0) + 1;
      classes = JSON.stringify(d);
    }),
  ]);
  rows.push(['per-mu, 淮安 2024 (engine)', ...time(3, () => evaluatePerMu(huaian, evalFirms()))]);
  let qualified = '';
  rows.push([
    'tier eligibility, 2022 and 2026 measures, every firm (engine)',
    ...time(3, () => {
      const q: Record<string, number> = {};
      for (const f of firms) {
        const facts = buildFacts(f, LAST, '2026-06-01');
        for (const [name, doc] of [
          ['2022', t22],
          ['2026', t26],
        ] as const) {
          const o = evaluateTiers(doc, facts);
          const k = `${name}:${o.qualifies ?? 'none'}`;
          q[k] = (q[k] ?? 0) + 1;
        }
      }
      qualified = JSON.stringify(q);
    }),
  ]);

  if (args['engine-only']) return report(rows, classes, qualified);
  const { db, engine, drop } = await openDb();
  try {
    t0 = performance.now();
    await migrate(db);
    await seedReference(db);
    await load(db, firms, region);
    console.log(
      `${engine}: migrated and loaded ${N.toLocaleString()} firms, ${(N * YEARS).toLocaleString()} metric rows in ${ms(t0)} ms`,
    );
    const setBased: number[] = [];
    const setCpu: number[] = [];
    for (let k = 0; k < 2; k++) {
      const t1 = performance.now();
      const c1 = cpuMs();
      const q = new Sql();
      const loaded = await loadFirms(db, q, 'true', LAST - 2, LAST);
      evaluatePerMu(wuhan, toEvalFirms(loaded, LAST));
      setBased.push(performance.now() - t1);
      setCpu.push(cpuMs() - c1);
    }
    rows.push([
      `${engine}: set-based load (3 queries) + per-mu evaluation, ${N.toLocaleString()} firms`,
      Math.round(median(setBased)),
      Math.round(median(setCpu)),
    ]);
    const S = Math.min(Number(args.baseline), N);
    const t2 = performance.now();
    const c2 = cpuMs();
    const sample: FirmInput[] = [];
    for (let id = 1; id <= S; id++) {
      const [e] = await db.query<{ founded_on: string; industry_class_code: string; honours: FirmInput['honours'] }>(
        'select founded_on::text as founded_on, industry_class_code, honours from enterprises where id = $1',
        [id],
      );
      const m = await db.query<Record<string, number>>(
        `select year, revenue_wan as "revenueWan", output_wan as "outputWan", value_added_wan as "valueAddedWan", tax_wan as "taxWan",
                rnd_wan as "rndWan", rnd_staff as "rndStaff", employees, energy_tce as "energyTce", emissions_t as "emissionsT",
                land_mu as "landMu", patents_invention as "patentsInvention"
           from enterprise_metrics where enterprise_id = $1 and year between $2 and $3`,
        [id, LAST - 2, LAST],
      );
      const f = await db.query<{ year: number; facts: Record<string, number> }>(
        'select year, facts from evaluation_facts where enterprise_id = $1',
        [id],
      );
      sample.push({
        id,
        foundedOn: e?.founded_on ?? null,
        industryClassCode: e?.industry_class_code ?? null,
        honours: e?.honours ?? [],
        metrics: m as never,
        facts: Object.fromEntries(f.map((x) => [x.year, x.facts])),
      });
    }
    evaluatePerMu(wuhan, toEvalFirms(sample as never, LAST));
    const rowByRow = performance.now() - t2;
    rows.push([
      `${engine}: row-by-row baseline (3 queries per firm) + evaluation, ${S.toLocaleString()} firms measured`,
      Math.round(rowByRow),
      Math.round(cpuMs() - c2),
    ]);
    rows.push([
      `${engine}: row-by-row baseline extrapolated to ${N.toLocaleString()} firms (× ${N / S})`,
      Math.round((rowByRow * N) / S),
      null,
    ]);
  } finally {
    await drop();
  }
  report(rows, classes, qualified);
}

function report(rows: [string, number, number | null][], classes: string, qualified: string) {
  console.log(`\nload average at the end: ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores`);
  console.log('\n| what | wall ms (median) | CPU ms of this process |\n|---|---:|---:|');
  for (const [k, v, c] of rows)
    console.log(`| ${k} | ${v.toLocaleString()} | ${c === null ? '—' : c.toLocaleString()} |`);
  console.log(`\nclasses (Wuhan default): ${classes}`);
  console.log(`tiers qualified: ${qualified}`);
}

await main();
