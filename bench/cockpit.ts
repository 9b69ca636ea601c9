/**
 * npm run bench:cockpit — the cockpit API and a district PDF report on PostgreSQL, on the synthetic
 * chain city of bench/chains-db.ts (same generator: --enterprises firms, 60 % in Wuhan districts,
 * --parks parks with buildings, units and tenants, --links supplier links, the 11 shipped chains + a
 * synthetic 12th). Times the first (cold) city cockpit after the load, the firm figures before and after
 * migration 0042 (firms' honours as rows; a scope's firms counted per part), then, warm (after one untimed
 * call), the cockpit of the city, a district and a
 * park for a city administrator and for a viewer (what GET /api/v1/cockpit computes), the freshness
 * view (before and after its list was worded page by page, same run), and the monthly district report (figures, tables, a chart → PDF bytes). The baseline in the
 * same run is the chain-health report alone (GET /api/v1/chain-health, warm), which the cockpit's
 * chain figures are computed from. Prints figures only: nothing is asserted.
 *
 *   npx tsx bench/cockpit.ts [--enterprises 100000] [--links 1000000] [--parks 50] [--runs 15]
 *                            [--pg-url postgres://postgres@127.0.0.1:5432/postgres]
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { TChainTemplate } from '../src/contracts/chains.js';
import type { Db } from '../src/db/connect.js';
import { loadTemplates } from '../src/domain/chains/templates.js';
import type { Actor } from '../src/server/modules/auth/actor.js';
import { analyse } from '../src/server/modules/chains/analysis.js';
import { currentTemplates } from '../src/server/modules/chains/templates-store.js';
import { cockpit } from '../src/server/modules/cockpit/cockpit.js';
import { freshnessView, parkScores } from '../src/server/modules/cockpit/freshness.js';
import { buildReport } from '../src/server/modules/cockpit/reports.js';
import { seedTargets } from '../src/server/modules/cockpit/seed.js';
import { listTargets, targetProgress } from '../src/server/modules/cockpit/targets.js';
import '../src/server/modules/index.js';
import { computeFigure, type FigureScope, figureDefs } from '../src/server/platform/figures.js';
import { renderPdf } from '../src/server/platform/pdf/index.js';
import { FIRM_FIGURES_BEFORE } from '../test/helpers/firm-figures-before.js';
import { freshnessViewBefore } from '../test/helpers/freshness-before.js';
import { generateCity, syntheticTemplate } from './lib/chain-city.js';
import { postgresEngine } from './lib/engines.js';

const { values: args } = parseArgs({
  options: {
    enterprises: { type: 'string', default: '100000' },
    links: { type: 'string', default: '1000000' },
    parks: { type: 'string', default: '50' },
    runs: { type: 'string', default: '15' },
    seed: { type: 'string', default: '5' },
    /** Use (or create and load) this database instead of a fresh one; kept at the end. */
    db: { type: 'string' },
    /** Stop after loading (with --db: build the database once, measure later). */
    'load-only': { type: 'boolean', default: false },
    /** Sections to run, comma-separated: cold, firms, cockpit, parts, freshness, freshness-before, pdf (default: all). */
    only: { type: 'string' },
    'pg-url': {
      type: 'string',
      default: process.env.PARKLINK_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
  },
});
const E = Number(args.enterprises);
const SECTIONS = new Set((args.only ?? 'cold,firms,cockpit,parts,freshness,freshness-before,pdf').split(','));
const run = (section: string) => SECTIONS.has(section);
const RUNS = Number(args.runs);
const started = performance.now();
const log = (s: string) => console.error(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${s}`);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? 0;
};
const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(0)} ms` : `> ${BEFORE_CAP} (stopped)`);

async function timed(runs: number, f: () => Promise<unknown>): Promise<number[]> {
  await f(); // warm
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    out.push(performance.now() - t0);
  }
  return out;
}

/** Stops a "before" query that takes longer than this (at 1 M firms the old tier queries ran for minutes). */
const BEFORE_CAP = '60s';
const REFILL_HONOURS = `insert into enterprise_honours (enterprise_id, tier_code, valid_until)
  select e.id, h->>'tierCode', h->>'validUntil' from enterprises e cross join lateral jsonb_array_elements(e.honours) h
   where e.honours <> '[]'::jsonb and jsonb_typeof(e.honours) = 'array' and h->>'tierCode' is not null`;

/** As `timed`, each call in a transaction stopped after BEFORE_CAP: a stopped call counts as Infinity. */
async function timedCapped(db: Db, runs: number, f: (db: Db) => Promise<unknown>): Promise<number[]> {
  const one = async () => {
    const t0 = performance.now();
    try {
      await db.tx(async (tx) => {
        await tx.query(`set local statement_timeout = '${BEFORE_CAP}'`);
        await f(tx);
      });
      return performance.now() - t0;
    } catch (e) {
      if (!/statement timeout/.test(String(e))) throw e;
      return Number.POSITIVE_INFINITY;
    }
  };
  if ((await one()) === Number.POSITIVE_INFINITY) return [Number.POSITIVE_INFINITY]; // warm-up stopped: once is enough
  const out: number[] = [];
  for (let i = 0; i < runs; i++) out.push(await one());
  return out;
}

const actor = (role: Actor['role']): Actor => ({
  userId: 0,
  username: `bench-${role}`,
  role,
  organisationId: 0,
  regionCodes: [],
  enterpriseId: null,
  readOnly: false,
});

async function main() {
  const templates = [...loadTemplates(), syntheticTemplate()];
  const engine = postgresEngine(args['pg-url'] ?? '', { name: args.db });
  const reused = await engine.reused();
  log(`${reused ? 'reusing' : 'creating'} ${engine.where}; ${cpus().length} cores, load ${loadavg()[0]?.toFixed(1)}`);
  const db = await engine.open();
  try {
    if (!reused) await load(db, engine, templates);
    if (args['load-only']) return;
    await measure(db);
  } finally {
    await db.close();
    if (args.db) log(`kept ${engine.where}`);
    else await engine.drop();
  }
}

/** Generates the synthetic city and loads it with COPY, then the synthetic chain and the articles' targets. */
async function load(db: Db, engine: ReturnType<typeof postgresEngine>, templates: TChainTemplate[]) {
  {
    const districts = await db.query<{ code: string }>(
      `select code from regions where level = 'district' order by code`,
    );
    const wuhan = districts.filter((d) => d.code.startsWith('4201')).map((d) => d.code);
    const elsewhere = districts.filter((d) => !d.code.startsWith('4201')).map((d) => d.code);
    const city = generateCity(templates, {
      enterprises: E,
      links: Number(args.links),
      parks: Number(args.parks),
      local: 0.6,
      mapped: 0.4,
      seed: Number(args.seed),
      wuhan,
      elsewhere,
    });
    const l = await engine.loader();
    try {
      await l.exec(`insert into sources (id, title, note) values ('bench', 'Synthetic benchmark data', 'bench/cockpit.ts'),
        ('seed-000', '武汉加快建设特色产业园区有力支撑武汉之“重”', 'seed article') on conflict (id) do nothing`);
      await l.exec('set session_replication_role = replica');
      for (const t of city.tables) await l.copy(t, () => {});
      await l.exec('set session_replication_role = origin');
      // The load skipped triggers: the firms' honours as rows (migration 0042), as its own back-fill.
      await l.exec(REFILL_HONOURS);
      await l.exec(`vacuum analyze ${[...city.tables.map((t) => t.table), 'enterprise_honours'].join(', ')}`);
    } finally {
      await l.close();
    }
    log(`loaded ${city.tables.map((t) => `${t.table} ${t.rows}`).join(', ')}`);
    city.tables.length = 0;
    const im = templates.at(-1) as TChainTemplate;
    await db.query(
      `insert into chain_templates (code, version, template, note, created_by) values ($1, 1, $2::jsonb, 'synthetic benchmark chain', 'bench')`,
      [im.code, JSON.stringify(im)],
    );
    await db.tx((tx) => seedTargets(tx));
  }
}

async function measure(db: Db) {
  {
    const [d] = await db.query<{ code: string }>(
      `select region_code as code from parks group by region_code order by count(*) desc limit 1`,
    );
    const [p] = await db.query<{ id: number }>(
      `select b.park_id as id from buildings b join floors f on f.building_id = b.id join units u on u.floor_id = f.id
        group by b.park_id order by count(*) desc limit 1`,
    );
    const district: FigureScope = { kind: 'district', code: d!.code };
    const park: FigureScope = { kind: 'park', id: p!.id };
    const admin = actor('city_admin');
    const viewer = actor('viewer');

    const rows: [string, number[]][] = [];
    const parts: [string, number[]][] = [];
    if (run('cold')) {
      const t0 = performance.now();
      await analyse(db, await currentTemplates(db), { kind: 'city' }, {});
      log(`chain cache cold fill ${ms(performance.now() - t0)}`);
      // The first city cockpit after the load: every figure computed (the chain cache filled just above).
      const t1 = performance.now();
      await cockpit(db, { kind: 'city' }, admin);
      const cold = performance.now() - t1;
      log(`city cockpit, cold ${ms(cold)}`);
      rows.push(['GET /cockpit city, city_admin, cold (first call after the load)', [cold]]);
    }
    if (run('firms'))
      // The firm figures before migration 0042 (JSON unnested, `or … in (tenants)`: test/helpers/firm-figures-
      // before.ts) and after, uncached, same run; a "before" query is stopped after BEFORE_CAP.
      for (const [name, scope] of [
        ['city', { kind: 'city' } as FigureScope],
        [`district ${d!.code}`, district],
      ] as const)
        for (const [key, before] of Object.entries(FIRM_FIGURES_BEFORE)) {
          const def = figureDefs().find((f) => f.key === key)!;
          rows.push([`${key} ${name}, before`, await timedCapped(db, 3, (tx) => before(tx, scope))]);
          rows.push([`${key} ${name}, after`, await timed(3, () => def.compute(db, scope, admin))]);
        }
    if (run('cockpit')) {
      rows.push([
        'baseline: chain-health report, city (GET /chain-health)',
        await timed(RUNS, async () => analyse(db, await currentTemplates(db), { kind: 'city' }, {})),
      ]);
      for (const [name, scope] of [
        ['city', { kind: 'city' } as FigureScope],
        [`district ${d!.code}`, district],
        [`park ${p!.id}`, park],
      ] as const) {
        rows.push([`GET /cockpit ${name}, city_admin`, await timed(RUNS, () => cockpit(db, scope, admin))]);
        rows.push([`GET /cockpit ${name}, viewer`, await timed(RUNS, () => cockpit(db, scope, viewer))]);
      }
    }
    if (run('parts')) {
      // Where the city cockpit's time goes: each figure alone (warm, 3 runs), the parks' freshness and the targets.
      for (const def of figureDefs().filter((f) => f.scopes.includes('city')))
        parts.push([def.key, await timed(3, () => computeFigure(db, def, { kind: 'city' }, admin))]);
      parts.push(['parks’ freshness scores', await timed(3, () => parkScores(db, { kind: 'city' }))]);
      parts.push([
        'targets with progress',
        await timed(3, async () => {
          for (const t of await listTargets(db, { scope: 'city' })) await targetProgress(db, t, admin, '2026-12-01');
        }),
      ]);
    }
    // The freshness list view, before (each fact's label and owner looked up row by row, then sorted and
    // cut: test/helpers/freshness-before.ts) and after (keys sorted and cut, only the page worded), same run.
    const zoneUser: Actor = { ...actor('district_user'), regionCodes: [d!.code] };
    for (const [name, f] of [
      ['district', { scope: district }],
      ['city', { scope: { kind: 'city' } as FigureScope }],
      ['district, district_user', { scope: district, actor: zoneUser }],
    ] as const) {
      if (run('freshness-before'))
        rows.push([
          `GET /cockpit/freshness ${name}, before`,
          await timedCapped(db, RUNS, (tx) => freshnessViewBefore(tx, f)),
        ]);
      if (run('freshness'))
        rows.push([`GET /cockpit/freshness ${name}, after`, await timed(RUNS, () => freshnessView(db, f))]);
    }
    if (run('freshness'))
      rows.push([
        'GET /cockpit/freshness city, after, page 2 (offset 500)',
        await timed(RUNS, () => freshnessView(db, { scope: { kind: 'city' } }, 500)),
      ]);
    const pdfRuns = Math.max(3, Math.floor(RUNS / 3));
    let bytes = 0;
    if (run('pdf')) {
      // Where the report's time goes: collecting its figures and tables (queries) and rendering the PDF.
      const collect = () =>
        buildReport(db, { kind: 'district_monthly', scope: `district:${d!.code}`, lang: 'zh' }, admin, {
          name: 'bench',
          at: '2026-01-01T00:00:00Z',
        });
      const collected: number[] = [];
      const rendered: number[] = [];
      rows.push([
        `district monthly report → PDF (collect + render)`,
        await timed(pdfRuns, async () => {
          const t0 = performance.now();
          const r = await collect();
          const t1 = performance.now();
          bytes = (await renderPdf(r.doc)).length;
          collected.push(t1 - t0);
          rendered.push(performance.now() - t1);
        }),
      ]);
      rows.push(['  of which collect (queries)', collected.slice(1)]);
      rows.push(['  of which render (PDF)', rendered.slice(1)]);
    }
    console.log(
      `\ncockpit on PostgreSQL: ${E} enterprises, ${args.links} links, ${args.parks} parks; warm, ${RUNS} runs (PDF ${pdfRuns})`,
    );
    console.log('| call | p50 | p95 | max |');
    console.log('|---|---|---|---|');
    for (const [name, xs] of rows)
      console.log(`| ${name} | ${ms(pct(xs, 50))} | ${ms(pct(xs, 95))} | ${ms(Math.max(...xs))} |`);
    console.log('\ncity cockpit, city_admin, each part alone (warm, 3 runs): slowest first');
    console.log('| part | p50 | max |');
    console.log('|---|---|---|');
    for (const [name, xs] of parts.sort((a, b) => pct(b[1], 50) - pct(a[1], 50)))
      console.log(`| ${name} | ${ms(pct(xs, 50))} | ${ms(Math.max(...xs))} |`);
    console.log(
      `district PDF: ${(bytes / 1024).toFixed(0)} KB; load ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' / ')}`,
    );
  }
}

await main();
