/**
 * npm run bench:fuzz — the hostile-input run at scale: every operation of the OpenAPI document,
 * as an administrator (session cookie + CSRF) and anonymously, with hostile path params, query
 * strings, JSON bodies and multipart bodies without a boundary (generators in test/fuzz/). Prints
 * the count of answers by status for each operation, the totals, and every 5xx with its request.
 * Goal (issue 10): 0 × 5xx in ≥ 10,000 requests. Exit code 1 when any 5xx was seen.
 *
 *   npm run bench:fuzz -- --runs 60 --engines pglite,postgres --seed 20261206
 *   options: --runs N requests per operation (60: 189 operations → 11,340) --engines LIST
 *            --pg-url URL (postgres://postgres@127.0.0.1:5432/test) --seed N
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '60' },
    engines: { type: 'string', default: 'pglite,postgres' },
    'pg-url': {
      type: 'string',
      default: process.env.PARKLINK_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    },
    seed: { type: 'string', default: '20261206' },
  },
});
// The test helpers read the PostgreSQL address when imported.
process.env.PARKLINK_TEST_PG_URL = args['pg-url'];
const { ENGINES } = await import('../test/helpers/db.js');
const { makeUser } = await import('../test/helpers/auth.js');
const { buildApp } = await import('../src/server/app.js');
const fuzz = await import('../test/fuzz/openapi.js');
const { seedForFuzz } = await import('../test/fuzz/seed.js');

const runs = Number(args.runs);
const seed = Number(args.seed);
let failed = false;
console.log(
  `bench:fuzz ${new Date().toISOString()} · ${cpus().length} cores · load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} · ${runs} requests per operation · seed ${seed}`,
);
for (const name of args.engines.split(',')) {
  const engine = ENGINES.find((e) => e.name === name);
  if (!engine) throw new Error(`unknown engine ${name}`);
  const t = await engine.create();
  const app = await buildApp({ db: t.db });
  fuzz.captureErrors(app);
  await seedForFuzz(app, (await makeUser(t.db, 'city_admin')).headers);
  const ops = await fuzz.operations(app);
  const admin = new fuzz.AdminSession(t.db);
  const totals = new Map<number, number>();
  const fives: string[] = [];
  const started = performance.now();
  console.log(`\n[${name}] ${ops.length} operations; excluded: ${Object.keys(fuzz.EXCLUDED).length || 'none'}`);
  for (const op of ops) {
    const counts = new Map<number, number>();
    for (const o of await fuzz.fuzzOperation(app, op, runs, seed, admin)) {
      counts.set(o.status, (counts.get(o.status) ?? 0) + 1);
      totals.set(o.status, (totals.get(o.status) ?? 0) + 1);
      if (o.status >= 500) fives.push(fuzz.describeOutcome(o));
    }
    const line = [...counts].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
    console.log(`  ${fuzz.opKey(op).padEnd(72)} ${line.join(' ')}`);
  }
  const seconds = (performance.now() - started) / 1000;
  const sent = [...totals.values()].reduce((a, b) => a + b, 0);
  const five = [...totals].filter(([s]) => s >= 500).reduce((a, [, n]) => a + n, 0);
  const summary = [...totals]
    .sort(([a], [b]) => a - b)
    .map(([s, n]) => `${s}×${n}`)
    .join(' ');
  console.log(`[${name}] ${sent} requests in ${seconds.toFixed(0)} s (${(sent / seconds).toFixed(0)}/s): ${summary}`);
  console.log(`[${name}] 5xx: ${five}`);
  for (const f of fives) console.log(`  ${f}`);
  if (five > 0) failed = true;
  await app.close();
  await t.drop();
}
process.exit(failed ? 1 : 0);
