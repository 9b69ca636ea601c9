/**
 * npm run bench:sign-in — does password hashing freeze the server?
 *
 * Starts the app on loopback over a fresh database, fires N concurrent sign-ins (each its own user,
 * so no throttle serialises them) and, while they hash, asks `/api/health` every 10 ms and samples the
 * event loop delay. Prints the sign-in wall time and p50 / p99 / max of both. Figures only: nothing here
 * is a timed assertion.
 *
 *   npm run bench:sign-in -- --sign-ins 10 --rounds 3 --engine pglite|postgres --pg-url URL
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Db } from '../src/db/connect.js';
import { buildApp } from '../src/server/app.js';
import { closePasswordWorkers, hashPassword } from '../src/server/modules/auth/passwords.js';
import { pgliteEngine, postgresEngine } from './lib/engines.js';

const { values: args } = parseArgs({
  options: {
    'sign-ins': { type: 'string', default: '10' },
    rounds: { type: 'string', default: '2' },
    engine: { type: 'string', default: 'pglite' },
    'pg-url': {
      type: 'string',
      default: process.env.PARKLINK_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
  },
});
const N = Number(args['sign-ins']);
const ROUNDS = Number(args.rounds);
const PASSWORD = 'bench-password-1';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};
const fmt = (xs: number[]) =>
  `p50 ${pct(xs, 50).toFixed(1)} ms · p99 ${pct(xs, 99).toFixed(1)} ms · max ${Math.max(...xs).toFixed(1)} ms (n=${xs.length})`;

async function seedUsers(db: Db): Promise<string[]> {
  const [o] = await db.query<{ id: number }>(
    `insert into organisations (name, kind) values ('测速机构', 'city_bureau') returning id`,
  );
  const hash = await hashPassword(PASSWORD);
  const names = Array.from({ length: N }, (_, i) => `bench-${i}`);
  for (const name of names) {
    await db.query(
      `insert into users (organisation_id, username, display_name, role, password_hash) values ($1, $2, $2, 'viewer', $3)`,
      [o!.id, name, hash],
    );
  }
  return names;
}

async function main() {
  const engine = args.engine === 'postgres' ? postgresEngine(args['pg-url'] as string) : pgliteEngine();
  const db = await engine.open();
  const names = await seedUsers(db);
  const app = await buildApp({ db });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  console.log(`sign-in bench · ${engine.name} · ${N} concurrent sign-ins × ${ROUNDS} rounds`);
  const health: number[] = [];
  const walls: number[] = [];
  /** Time the event loop was busy (ms) and its share of the wall time, per round. */
  const busy: number[] = [];
  const util: number[] = [];
  const loop = monitorEventLoopDelay({ resolution: 5 });
  for (let round = 0; round < ROUNDS; round++) {
    let running = true;
    const probe = (async () => {
      while (running) {
        const t0 = performance.now();
        const r = await fetch(`${base}/api/health`);
        await r.arrayBuffer();
        health.push(performance.now() - t0);
        await new Promise((ok) => setTimeout(ok, 10));
      }
    })();
    loop.enable();
    const elu0 = performance.eventLoopUtilization();
    const t0 = performance.now();
    const answers = await Promise.all(
      names.map((username) =>
        fetch(`${base}/api/v1/auth/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password: PASSWORD }),
        }).then((r) => r.status),
      ),
    );
    walls.push(performance.now() - t0);
    const elu = performance.eventLoopUtilization(elu0);
    busy.push(elu.active);
    util.push(elu.utilization);
    loop.disable();
    running = false;
    await probe;
    const bad = answers.filter((s) => s !== 200).length;
    if (bad) console.log(`  round ${round + 1}: ${bad} sign-ins did not answer 200 (${answers.join(',')})`);
  }
  console.log(`  ${N} sign-ins, wall time: ${fmt(walls)}`);
  console.log(`  /api/health while hashing: ${fmt(health)}`);
  console.log(
    `  event loop busy: ${busy.map((b) => `${b.toFixed(0)} ms`).join(', ')} (utilisation ${util.map((u) => u.toFixed(2)).join(', ')})`,
  );
  console.log(
    `  event loop delay: p50 ${(loop.percentile(50) / 1e6).toFixed(1)} ms · p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms · max ${(loop.max / 1e6).toFixed(1)} ms`,
  );
  await app.close();
  await closePasswordWorkers();
  await db.close();
  await engine.drop();
}

await main();
