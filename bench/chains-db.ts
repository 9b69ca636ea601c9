/**
 * npm run bench:chains-db — the chain-health report through PostgreSQL (DESIGN.md §4: a city of
 * 100 k enterprises, 12 chains: full health report < 500 ms), the path a request to
 * `/api/v1/chain-health` takes: `currentTemplates` + `analyse` (src/server/modules/chains), which
 * reads the registry, the supplier links and the mappings, caches each under the change counters of
 * its tables (migration 0008), builds the index and runs the engine.
 *
 * Fills a fresh PostgreSQL database (created, migrated, dropped at the end) with the synthetic city
 * of bench/chains.ts (same generator, same random stream, seed 5): 100 k enterprises (60 % in Wuhan
 * districts), 50 parks with buildings, floors and units the park firms occupy, confirmed and
 * rejected mappings, 1 M supplier links, the 11 shipped chains + the synthetic 12th. Then times the
 * city report cold (cache empty), warm (cache hit), after each of three kinds of edit (a confirmed
 * mapping, a firm's products, a supplier link), one report per park, and the change-counter query
 * alone. Prints figures only: nothing is asserted.
 *
 *   npx tsx bench/chains-db.ts [--enterprises 100000] [--links 1000000] [--parks 50] [--runs 7]
 *                              [--changes 3] [--pg-url postgres://postgres@127.0.0.1:5432/postgres] [--keep]
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import type { TChainTemplate } from '../src/contracts/chains.js';
import type { Db } from '../src/db/connect.js';
import { indexChainData, maskFromIds } from '../src/domain/chains/data-index.js';
import { healthReport } from '../src/domain/chains/health.js';
import { suggestMappings } from '../src/domain/chains/suggest.js';
import { loadTemplates } from '../src/domain/chains/templates.js';
import { dataVersions } from '../src/server/lib/data-changes.js';
import {
  analyse,
  loadDecided,
  loadFirms,
  loadLinks,
  localIds,
  type Scope,
  scoped,
} from '../src/server/modules/chains/analysis.js';
import { currentTemplates } from '../src/server/modules/chains/templates-store.js';
import { generateCity, syntheticTemplate } from './lib/chain-city.js';
import { postgresEngine } from './lib/engines.js';

const { values: args } = parseArgs({
  options: {
    enterprises: { type: 'string', default: '100000' },
    links: { type: 'string', default: '1000000' },
    parks: { type: 'string', default: '50' },
    local: { type: 'string', default: '0.6' },
    mapped: { type: 'string', default: '0.4' },
    runs: { type: 'string', default: '7' },
    changes: { type: 'string', default: '3' },
    seed: { type: 'string', default: '5' },
    'pg-url': {
      type: 'string',
      default: process.env.PARKLINK_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
    keep: { type: 'boolean', default: false },
  },
});
const E = Number(args.enterprises);
const LINKS = Number(args.links);
const PARKS = Number(args.parks);
const RUNS = Number(args.runs);
const CHANGES = Number(args.changes);

const mb = (bytes: number) => `${Math.round(bytes / 1048576)} MB`;
const started = performance.now();
const log = (s: string) => console.error(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${s}`);

// ───────────────────────── measuring ─────────────────────────
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? 0;
};
async function time<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const out = await f();
  return [out, performance.now() - t0];
}
const ms = (x: number) => `${x.toFixed(0)} ms`;
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');

/** What `GET /api/v1/chain-health?scope=…` computes for a city-wide actor (no figures removed). */
const report = async (db: Db, scope: Scope) =>
  (await analyse(db, await currentTemplates(db), scope, { targets: false, thresholds: { includeSuggested: false } }))
    .health;

async function main() {
  const templates = [...loadTemplates(), syntheticTemplate()];
  const engine = postgresEngine(args['pg-url'] ?? '');
  log(`creating ${engine.where}; ${cpus().length} cores, load ${load()}`);
  const db = await engine.open();
  const rows: [string, string, string][] = [];
  const loads: string[] = [load()];
  try {
    const districts = await db.query<{ code: string }>(
      `select code from regions where level = 'district' order by code`,
    );
    const wuhan = districts.filter((d) => d.code.startsWith('4201')).map((d) => d.code);
    const elsewhere = districts.filter((d) => !d.code.startsWith('4201')).map((d) => d.code);
    log(`generating ${E} enterprises, ${LINKS} links, ${PARKS} parks (${wuhan.length} Wuhan districts)`);
    const [city, genMs] = await time(async () =>
      generateCity(templates, {
        enterprises: E,
        links: LINKS,
        parks: PARKS,
        local: Number(args.local),
        mapped: Number(args.mapped),
        seed: Number(args.seed),
        wuhan,
        elsewhere,
      }),
    );
    log(
      `generated in ${ms(genMs)}; ${city.tables.map((t) => `${t.table} ${t.rows}`).join(', ')}; rss ${mb(process.memoryUsage().rss)}`,
    );

    const t0 = performance.now();
    const l = await engine.loader();
    try {
      await l.exec(`insert into sources (id, title, note) values ('bench', 'Synthetic benchmark data', 'bench/chains-db.ts')
        on conflict (id) do nothing`);
      await l.exec('set session_replication_role = replica'); // the generator writes consistent ids
      for (const t of city.tables) await l.copy(t, () => {});
      await l.exec('set session_replication_role = origin');
      const copyMs = performance.now() - t0;
      await l.exec(`vacuum analyze ${city.tables.map((t) => t.table).join(', ')}`);
      rows.push(['loading: COPY of all rows', ms(copyMs), city.tables.map((t) => `${t.table} ${t.rows}`).join(', ')]);
      rows.push([
        'loading: vacuum analyze',
        ms(performance.now() - t0 - copyMs),
        'as autovacuum would in steady state',
      ]);
    } finally {
      await l.close();
    }
    city.tables.length = 0; // let the COPY text go
    const im = templates.at(-1) as TChainTemplate;
    await db.query(
      `insert into chain_templates (code, version, template, note, created_by) values ($1, 1, $2::jsonb, 'synthetic benchmark chain', 'bench')`,
      [im.code, JSON.stringify(im)],
    );
    log(`loaded; load ${load()}`);

    const fp: number[] = [];
    for (let r = 0; r < RUNS; r++) fp.push((await time(() => dataVersions(db)))[1]);

    const cityScope: Scope = { kind: 'city' };
    const [cold, coldMs] = await time(() => report(db, cityScope));
    log(`city cold ${ms(coldMs)}; rss ${mb(process.memoryUsage().rss)}`);
    const warm: number[] = [];
    for (let r = 0; r < RUNS; r++) warm.push((await time(() => report(db, cityScope)))[1]);
    log(`city warm p50 ${ms(pct(warm, 50))}`);
    loads.push(load());

    // the cold path's reads, each alone, as analysis.ts runs them
    const coldRows: [string, string, string][] = [];
    for (const [what, read] of [
      ['enterprises with latest figures (`loadFirms`)', () => loadFirms(db)],
      ['supplier links (`loadLinks`)', () => loadLinks(db)],
      ['decided mappings (`loadDecided`)', () => loadDecided(db)],
      ['local ids of the city (`localIds`)', async () => [...(await localIds(db, cityScope))]],
    ] as const) {
      const [res, t] = await time(read as () => Promise<unknown[]>);
      coldRows.push([`  cold step: ${what}`, ms(t), `${res.length} rows, read into JS`]);
    }
    const all = await currentTemplates(db);
    {
      const firms = await loadFirms(db);
      const decided = await loadDecided(db);
      const [sugg, suggMs] = await time(async () => suggestMappings(all, firms, decided));
      coldRows.push(['  cold step: `suggestMappings`, all firms', ms(suggMs), `${sugg.length} suggestions`]);
      const links = await loadLinks(db);
      const indexMs = (await time(async () => indexChainData({ enterprises: firms, links, mappings: decided })))[1];
      coldRows.push(['  cold step: `indexChainData`', ms(indexMs), 'links and decided mappings']);
    }

    // the steps of a warm request (`analyse` on a cache hit)
    const partRows: [string, string, string][] = [];
    {
      const [{ base, local }, scopedMs] = await time(() => scoped(db, cityScope));
      const [mask, maskMs] = await time(async () => maskFromIds(base.index, local));
      const engineMs = (
        await time(async () =>
          healthReport(all, { index: base.index, scope: mask, leaderDecisions: base.leaderDecisions }, {}),
        )
      )[1];
      partRows.push(
        ['  warm step: counters + cached inputs and local ids (`scoped`)', ms(scopedMs), `${local.size} local firms`],
        ['  warm step: `maskFromIds`', ms(maskMs), ''],
        ['  warm step: `healthReport`, 12 chains, cached index', ms(engineMs), ''],
      );
    }

    // someone edits something; each edit is followed by a city report
    const free = await db.query<{ id: number }>(
      `select id from enterprises e where not exists (select 1 from chain_mappings m where m.enterprise_id = e.id)
        order by id limit $1`,
      [3 * CHANGES],
    );
    /** Report times after each edit, and of them the part spent bringing the cached inputs up to date. */
    const afterEdit = async (edit: (id: number) => Promise<unknown>, ids: number[]) => {
      const out: number[] = [];
      const inputs: number[] = [];
      for (const id of ids) {
        await edit(id);
        const t0 = performance.now();
        await scoped(db, cityScope);
        inputs.push(performance.now() - t0);
        await report(db, cityScope);
        out.push(performance.now() - t0);
      }
      return Object.assign(out, { inputs });
    };
    const ids = free.map((f) => f.id);
    const node = templates[0]?.nodes.find((n) => !n.group)?.id;
    const afterMapping = await afterEdit(
      (id) =>
        db.query(
          `insert into chain_mappings (enterprise_id, node_id, status, decided_by) values ($1, $2, 'confirmed', 'bench')`,
          [id, node],
        ),
      ids.slice(0, CHANGES),
    );
    log(`after a mapping: ${afterMapping.map(ms).join(', ')}`);
    const afterFirm = await afterEdit(
      (id) =>
        db.query(
          `update enterprises set products = products || '溅射靶材'::text, version = version + 1 where id = $1`,
          [id],
        ),
      ids.slice(CHANGES, 2 * CHANGES),
    );
    log(`after a firm's products: ${afterFirm.map(ms).join(', ')}`);
    const afterLink = await afterEdit(
      (id) =>
        db.query(
          `insert into supply_links (supplier_id, customer_id, product, annual_amount_wan, source_id)
           values ($1, $2, 'bench', 10, 'bench')`,
          [id, ids[0]],
        ),
      ids.slice(2 * CHANGES + 1, 3 * CHANGES),
    );
    log(`after a supplier link: ${afterLink.map(ms).join(', ')}`);
    loads.push(load());

    const parkMs: number[] = [];
    for (let k = 1; k <= city.parks.length; k++)
      parkMs.push((await time(() => report(db, { kind: 'park', id: k })))[1]);
    const parkTotal = parkMs.reduce((a, b) => a + b, 0);
    log(`parks p50 ${ms(pct(parkMs, 50))}, all ${ms(parkTotal)}`);
    loads.push(load());

    const [json, jsonMs] = await time(async () => JSON.stringify(cold));
    const bar = (x: number) => (x < 500 ? 'met' : 'not met');
    const edited = (what: string, xs: number[] & { inputs: number[] }) =>
      [
        `city report after ${what} (${xs.length} runs)`,
        `p50 ${ms(pct(xs, 50))}`,
        `${xs.map(ms).join(', ')}; of which updating the cached inputs ${xs.inputs.map(ms).join(', ')}`,
      ] as [string, string, string];
    rows.push(
      [
        'change counters (`dataVersions`)',
        `p50 ${ms(pct(fp, 50))}`,
        `p95 ${ms(pct(fp, 95))}, ${RUNS} runs; every call`,
      ],
      [
        '**city report, cold** (first call, cache empty)',
        `**${ms(coldMs)}**`,
        'the server prepares this at start (`warmChainCache`)',
      ],
      ...coldRows,
      [
        `**city report, warm** (${RUNS} runs)`,
        `**p50 ${ms(pct(warm, 50))}**`,
        `p95 ${ms(pct(warm, 95))}, max ${ms(Math.max(...warm))}; bar < 500 ms: ${bar(pct(warm, 95))} (p95)`,
      ],
      ...partRows,
      edited('one new confirmed mapping', afterMapping),
      edited("a change of one firm's products", afterFirm),
      edited('one new supplier link', afterLink),
      [
        `park report (12 chains, warm), ${parkMs.length} parks`,
        `p50 ${ms(pct(parkMs, 50))}`,
        `p95 ${ms(pct(parkMs, 95))}, max ${ms(Math.max(...parkMs))}, all parks ${ms(parkTotal)}`,
      ],
      ['JSON of the city report (response body)', ms(jsonMs), `${(json.length / 1048576).toFixed(1)} MB`],
    );
    const sizes = city.parks.map((p) => p.length);
    console.log(
      `\nChain benchmark through PostgreSQL — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${mb(totalmem())}`,
    );
    console.log(
      `${E} enterprises (${city.counts.local} local), ${LINKS} links, ${PARKS} parks of ${Math.min(...sizes)}–${Math.max(...sizes)} firms, ` +
        `${cold.length} chains; load average (1/5/15 min) at start, after warm, after change, after parks: ${loads.join('; ')}; rss ${mb(process.memoryUsage().rss)}\n`,
    );
    console.log('| what | time | notes |\n| --- | --- | --- |');
    for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  } finally {
    await db.close();
    if (args.keep) log(`kept ${engine.where}`);
    else {
      log('dropping');
      await engine.drop();
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
