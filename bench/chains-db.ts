/**
 * npm run bench:chains-db — the chain-health report through PostgreSQL (DESIGN.md §4: a city of
 * 100 k enterprises, 12 chains: full health report < 500 ms), the path a request to
 * `/api/v1/chain-health` takes: `currentTemplates` + `analyse` (src/server/modules/chains), which
 * reads the registry, the supplier links and the mappings, caches the scope-free inputs under a data
 * fingerprint, builds the index and runs the engine.
 *
 * Fills a fresh PostgreSQL database (created, migrated, dropped at the end) with the synthetic city
 * of bench/chains.ts (same generator, same random stream, seed 5): 100 k enterprises (60 % in Wuhan
 * districts), 50 parks with buildings, floors and units the park firms occupy, confirmed and
 * rejected mappings, 1 M supplier links, the 11 shipped chains + the synthetic 12th. Then times the
 * city report cold (cache empty), warm (cache hit), after one new mapping (cache invalidated), one
 * report per park, and the fingerprint query alone. Prints figures only: nothing is asserted.
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
import { analyse, chainInputs, localIds, type Scope } from '../src/server/modules/chains/analysis.js';
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

/** The fingerprint query of analysis.ts (`dataVersion`, not exported), word for word. */
const FINGERPRINT = `select concat_ws('|',
       (select count(*) || ':' || coalesce(sum(version), 0) from enterprises),
       (select count(*) || ':' || coalesce(sum(version), 0) from enterprise_metrics),
       (select count(*) || ':' || coalesce(sum(version), 0) from supply_links),
       (select count(*) || ':' || coalesce(max(decided_at)::text, '') || ':' || coalesce(sum(length(status)), 0) from chain_mappings),
       (select count(*) || ':' || coalesce(max(decided_at)::text, '') || ':' || coalesce(sum(length(status)), 0) from chain_leaders)
     ) as v`;

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
    for (let r = 0; r < RUNS; r++) fp.push((await time(() => db.query(FINGERPRINT)))[1]);

    const cityScope: Scope = { kind: 'city' };
    const [cold, coldMs] = await time(() => report(db, cityScope));
    log(`city cold ${ms(coldMs)}; rss ${mb(process.memoryUsage().rss)}`);
    const warm: number[] = [];
    for (let r = 0; r < RUNS; r++) warm.push((await time(() => report(db, cityScope)))[1]);
    log(`city warm p50 ${ms(pct(warm, 50))}`);
    loads.push(load());

    // the parts of the cold path, each alone (the queries of loadBaseInputs and localIds)
    const parts: [string, string][] = [
      [
        'enterprises with latest figures',
        `select e.id, e.name, e.industry_class_code, e.products, e.description, e.scale, e.honours, e.is_chain_leader,
            m.output_wan, m.revenue_wan, p.revenue_wan as prev_revenue_wan
       from enterprises e
       left join lateral (select * from enterprise_metrics x where x.enterprise_id = e.id order by year desc limit 1) m on true
       left join enterprise_metrics p on p.enterprise_id = e.id and p.year = m.year - 1`,
      ],
      ['supplier links', 'select supplier_id, customer_id, annual_amount_wan from supply_links'],
      ['mappings', 'select enterprise_id, node_id, status from chain_mappings'],
      [
        'local ids of the city',
        `select o.enterprise_id as id from occupancies o join units u on u.id = o.unit_id join floors f on f.id = u.floor_id
    join buildings b on b.id = f.building_id join parks p on p.id = b.park_id where (o.ended_on is null or o.ended_on >= current_date)
    union select id from enterprises where region_code like '4201%'`,
      ],
    ];
    const partRows: [string, string, string][] = [];
    const coldRows: [string, string, string][] = [];
    {
      // the steps of `analyse` on a cache hit, one by one (same order as analysis.ts)
      const all = await currentTemplates(db);
      const [local, localMs] = await time(() => localIds(db, cityScope));
      const [inputs, inputsMs] = await time(() => chainInputs(db, all, cityScope));
      const [index, indexMs] = await time(async () => indexChainData(inputs));
      const [mask, maskMs] = await time(async () =>
        maskFromIds(
          index,
          inputs.enterprises.filter((e) => e.inScope).map((e) => e.id),
        ),
      );
      const engineMs = (
        await time(async () => healthReport(all, { index, scope: mask, leaderDecisions: inputs.leaderDecisions }, {}))
      )[1];
      partRows.push(
        ['  warm step: `localIds` (city)', ms(localMs), `${local.size} local firms`],
        [
          '  warm step: `chainInputs`, cache hit',
          ms(inputsMs),
          'fingerprint + localIds + a copy of every firm with inScope',
        ],
        ['  warm step: `indexChainData`', ms(indexMs), 'rebuilt on every call'],
        ['  warm step: `maskFromIds`', ms(maskMs), ''],
        ['  warm step: `healthReport`, 12 chains', ms(engineMs), ''],
      );
      const decided = inputs.mappings.filter((m) => m.status !== 'suggested');
      const [sugg, suggMs] = await time(async () =>
        suggestMappings(
          all,
          inputs.enterprises.map((e) => ({ ...e, inScope: false })),
          decided,
        ),
      );
      coldRows.push(['  cold step: `suggestMappings`, all firms', ms(suggMs), `${sugg.length} suggestions`]);
    }
    for (const [what, sql] of parts) {
      const [res, t] = await time(() => db.query(sql));
      coldRows.push([`  cold step: query ${what}`, ms(t), `${res.length} rows, read into JS`]);
    }
    // the same links read as three arrays (one row) instead of 1 M row objects
    const [cols, colsMs] = await time(() =>
      db.query<{ s: number[] }>(
        'select array_agg(supplier_id) as s, array_agg(customer_id) as c, array_agg(annual_amount_wan::float8) as a from supply_links',
      ),
    );
    coldRows.push([
      '  alternative: the links as three arrays',
      ms(colsMs),
      `${cols[0]?.s.length ?? 0} links, array_agg`,
    ]);

    // someone edits something: one new confirmed mapping, the fingerprint changes, inputs are reread
    const after: number[] = [];
    const free = await db.query<{ id: number }>(
      `select id from enterprises e where not exists (select 1 from chain_mappings m where m.enterprise_id = e.id) order by id limit $1`,
      [CHANGES],
    );
    for (const { id } of free) {
      await db.query(
        `insert into chain_mappings (enterprise_id, node_id, status, decided_by) values ($1, $2, 'confirmed', 'bench')`,
        [id, templates[0]?.nodes.find((n) => !n.group)?.id],
      );
      after.push((await time(() => report(db, cityScope)))[1]);
    }
    log(`after a change: ${after.map(ms).join(', ')}`);
    loads.push(load());

    const parkMs: number[] = [];
    for (let k = 1; k <= city.parks.length; k++)
      parkMs.push((await time(() => report(db, { kind: 'park', id: k })))[1]);
    const parkTotal = parkMs.reduce((a, b) => a + b, 0);
    log(`parks p50 ${ms(pct(parkMs, 50))}, all ${ms(parkTotal)}`);
    loads.push(load());

    const [json, jsonMs] = await time(async () => JSON.stringify(cold));
    const bar = (x: number) => (x < 500 ? 'met' : 'not met');
    rows.push(
      [
        'fingerprint query alone (`dataVersion`)',
        `p50 ${ms(pct(fp, 50))}`,
        `p95 ${ms(pct(fp, 95))}, ${RUNS} runs; run on every call`,
      ],
      ['**city report, cold** (first call, cache empty)', `**${ms(coldMs)}**`, `bar < 500 ms: ${bar(coldMs)}`],
      ...coldRows,
      [
        `**city report, warm** (cache hit, ${RUNS} runs)`,
        `**p50 ${ms(pct(warm, 50))}**`,
        `p95 ${ms(pct(warm, 95))}, max ${ms(Math.max(...warm))}; bar: ${bar(pct(warm, 95))} (p95)`,
      ],
      ...partRows,
      [
        `**city report after one new mapping** (cache invalidated, ${after.length} runs)`,
        `**p50 ${ms(pct(after, 50))}**`,
        `${after.map(ms).join(', ')}; bar: ${bar(pct(after, 50))} (p50)`,
      ],
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
