/**
 * The server under test for `npm run bench:load`, run in its own process (forked by bench/load.ts) so
 * the load generator does not share its event loop: this checkout's `buildApp` with the demo data, on
 * a PGlite folder in a temp directory or on a fresh PostgreSQL database (created and dropped here).
 *
 * It answers the parent over IPC: `ready` with the port once listening; on `stats` it sends what it
 * saw since the last `stats` (event-loop delay, CPU time, and — with PARKLINK_BENCH_QUERY_STATS=1 —
 * time per SQL statement as the application sees it, pool wait included), so the parent can tell
 * a CPU-bound server from one waiting on its database.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pg from 'pg';
import { connect, type Db, type Row } from '../../src/db/connect.js';
import { migrate } from '../../src/db/migrate.js';
import { buildApp } from '../../src/server/app.js';
import { seedDemo, seedReference } from '../../src/server/platform/seed.js';

export type ServerMessage =
  | { type: 'ready'; port: number; setupMs: number }
  | { type: 'stats'; stats: ServerStats }
  | { type: 'failed'; error: string };
export type ParentMessage = { type: 'stats' } | { type: 'stop' };

export interface QueryStat {
  sql: string;
  count: number;
  totalMs: number;
  maxMs: number;
}
export interface ServerStats {
  wallMs: number;
  /** User + system CPU of the server process over wallMs. */
  cpuMs: number;
  loopDelayP50Ms: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  /** PostgreSQL only: `select 1` on a connection of its own, outside the pool, every 100 ms. */
  directSelect1?: { n: number; p50Ms: number; p99Ms: number; maxMs: number };
  queries: QueryStat[];
}

/** Times every statement by its text (whitespace folded, first 120 characters). */
function timed(db: Db, stats: Map<string, QueryStat>): Db {
  const wrap = (inner: Db): Db => ({
    kind: inner.kind,
    async query<T extends Row>(sql: string, params?: unknown[]) {
      const t0 = performance.now();
      try {
        return await inner.query<T>(sql, params);
      } finally {
        const ms = performance.now() - t0;
        const key = sql.replace(/\s+/g, ' ').trim().slice(0, 120);
        const s = stats.get(key) ?? { sql: key, count: 0, totalMs: 0, maxMs: 0 };
        s.count += 1;
        s.totalMs += ms;
        s.maxMs = Math.max(s.maxMs, ms);
        stats.set(key, s);
      }
    },
    exec: (sql) => inner.exec(sql),
    tx: (fn) => inner.tx((t) => fn(wrap(t))),
    close: () => inner.close(),
  });
  return wrap(db);
}

async function admin(serverUrl: string, sql: string) {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function main() {
  const t0 = performance.now();
  const engine = process.env.PARKLINK_BENCH_ENGINE ?? 'pglite';
  const serverUrl = process.env.PARKLINK_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  let cleanup = async () => {};
  let raw: Db;
  let direct: pg.Client | null = null;
  if (engine === 'postgres') {
    const name = `parklink_load_${randomBytes(4).toString('hex')}`;
    await admin(serverUrl, `create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    raw = await connect({ databaseUrl: url.toString() });
    direct = new pg.Client({ connectionString: url.toString() });
    await direct.connect();
    const c = direct;
    cleanup = async () => {
      await c.end();
      await admin(serverUrl, `drop database if exists ${name} with (force)`);
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'parklink-load-'));
    raw = await connect({ dataDir: dir });
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  await migrate(raw);
  await seedReference(raw);
  await seedDemo(raw);
  const queryStats = new Map<string, QueryStat>();
  const db = process.env.PARKLINK_BENCH_QUERY_STATS === '1' ? timed(raw, queryStats) : raw;
  const app = await buildApp({ db });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  let since = { at: performance.now(), cpu: process.cpuUsage() };
  const send = (m: ServerMessage) => process.send?.(m);
  // How fast PostgreSQL answers when nothing queues in front: tells pool wait from database time.
  let directTimes: number[] = [];
  const probe = direct;
  if (probe) {
    const tick = async () => {
      const t = performance.now();
      await probe.query('select 1');
      directTimes.push(performance.now() - t);
    };
    setInterval(() => void tick().catch(() => {}), 100).unref();
  }
  process.on('message', async (m: ParentMessage) => {
    if (m.type === 'stats') {
      const cpu = process.cpuUsage(since.cpu);
      const stats: ServerStats = {
        wallMs: performance.now() - since.at,
        cpuMs: (cpu.user + cpu.system) / 1000,
        loopDelayP50Ms: loop.percentile(50) / 1e6,
        loopDelayP99Ms: loop.percentile(99) / 1e6,
        loopDelayMaxMs: loop.max / 1e6,
        queries: [...queryStats.values()].sort((a, b) => b.totalMs - a.totalMs),
      };
      if (probe) {
        const t = directTimes.sort((a, b) => a - b);
        const at = (p: number) => t[Math.min(t.length - 1, Math.floor(p * t.length))] ?? 0;
        stats.directSelect1 = { n: t.length, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: t.at(-1) ?? 0 };
        directTimes = [];
      }
      loop.reset();
      queryStats.clear();
      since = { at: performance.now(), cpu: process.cpuUsage() };
      send({ type: 'stats', stats });
    } else if (m.type === 'stop') {
      await app.close();
      await raw.close();
      await cleanup();
      // --cpu-prof writes its profile on a normal exit
      process.exit(0);
    }
  });
  send({ type: 'ready', port, setupMs: performance.now() - t0 });
}

main().catch((err: unknown) => {
  process.send?.({ type: 'failed', error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  process.exit(1);
});
