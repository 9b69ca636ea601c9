/**
 * npm run bench:load — the server under load on loopback (issue 10, item 9), on PGlite and PostgreSQL:
 *
 * 1. the server (this checkout's buildApp with the demo data) starts in its own process
 *    (bench/lib/load-server.ts) on a PGlite folder or a fresh PostgreSQL database;
 * 2. every demo account signs in once (each sign-in timed, and /api/health timed meanwhile);
 *    the clients reuse those sessions;
 * 3. `--clients` closed-loop clients for `--duration` seconds send the mix of bench/lib/load-mix.ts
 *    (lists, records, search, chain health, writes); throughput, p50 / p99 by kind and by route,
 *    and errors are printed, with what the server process saw (CPU, event-loop delay, SQL time);
 * 4. /api/health is timed, one call at a time, while an exact schedule run of a 500-participant
 *    conference runs, and while a 100 k-row enterprise import is validated and committed.
 *
 *   npm run bench:load -- [--engines pglite,postgres] [--clients 200] [--duration 60]
 *     [--heavy schedule,import|none] [--schedule-seconds 120] [--import-rows 100000]
 *     [--query-stats] [--profile DIR (V8 CPU profiles of the server, DIR/ENGINE/*.cpuprofile)] [--pool N] [--pg-url postgres://postgres@127.0.0.1:5432/test]
 *
 * Load average is printed beside every figure: the machine is shared, so compare figures of one run.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { probeHealth, Recorder, runClients, type Session, signIn } from './lib/load-client.js';
import { commitImport, importCsv, runSchedule, setUpConference, uploadImport } from './lib/load-heavy.js';
import { buildMix, parseWeights, WEIGHTS } from './lib/load-mix.js';
import type { ParentMessage, ServerMessage, ServerStats } from './lib/load-server.js';

const { values: args } = parseArgs({
  options: {
    engines: { type: 'string', default: 'pglite,postgres' },
    clients: { type: 'string', default: '200' },
    duration: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '5' },
    mix: { type: 'string' },
    heavy: { type: 'string', default: 'schedule,import' },
    'schedule-seconds': { type: 'string', default: '120' },
    participants: { type: 'string', default: '500' },
    requests: { type: 'string', default: '3000' },
    'import-rows': { type: 'string', default: '100000' },
    'query-stats': { type: 'boolean', default: false },
    pool: { type: 'string' },
    profile: { type: 'string' },
    'pg-url': {
      type: 'string',
      default: process.env.PARKLINK_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    },
  },
});
const CLIENTS = Number(args.clients);
const DURATION_S = Number(args.duration);
const weights = args.mix ? parseWeights(args.mix) : WEIGHTS;
const heavy = new Set(args.heavy === 'none' ? [] : args.heavy.split(','));
const started = performance.now();
const log = (s: string) => console.error(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${s}`);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${Math.round(x)} ms`);
const out: string[] = [];
const print = (s = '') => {
  out.push(s);
  console.log(s);
};

class Server {
  private constructor(
    private readonly child: ChildProcess,
    readonly base: string,
  ) {}
  static async start(engine: string): Promise<Server> {
    const execArgv = ['--import', 'tsx'];
    // one profile per thread (tsx's loader runs in a thread of its own): the main thread's is the largest
    if (args.profile) execArgv.push('--cpu-prof', `--cpu-prof-dir=${args.profile}/${engine}`);
    const child = fork(new URL('./lib/load-server.ts', import.meta.url).pathname, [], {
      execArgv,
      env: {
        ...process.env,
        PARKLINK_BENCH_ENGINE: engine,
        PARKLINK_BENCH_PG_URL: args['pg-url'],
        PARKLINK_BENCH_QUERY_STATS: args['query-stats'] ? '1' : '0',
        ...(args.pool ? { PARKLINK_PG_POOL_MAX: args.pool } : {}),
      },
    });
    const m = await new Promise<ServerMessage>((resolve, reject) => {
      child.once('message', (x: ServerMessage) => resolve(x));
      child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    if (m.type !== 'ready') throw new Error(`server failed: ${m.type === 'failed' ? m.error : m.type}`);
    log(`${engine}: server ready on port ${m.port} (migrate + demo data ${ms(m.setupMs)})`);
    return new Server(child, `http://127.0.0.1:${m.port}`);
  }
  stats(): Promise<ServerStats> {
    return new Promise((resolve) => {
      const on = (x: ServerMessage) => {
        if (x.type !== 'stats') return;
        this.child.off('message', on);
        resolve(x.stats);
      };
      this.child.on('message', on);
      this.child.send({ type: 'stats' } satisfies ParentMessage);
    });
  }
  async stop() {
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.send({ type: 'stop' } satisfies ParentMessage);
    await exited;
  }
}

function printServer(s: ServerStats) {
  print(
    `server process: CPU ${((100 * s.cpuMs) / s.wallMs).toFixed(0)} % of one core; event-loop delay p50 ${ms(s.loopDelayP50Ms)}, p99 ${ms(s.loopDelayP99Ms)}, max ${ms(s.loopDelayMaxMs)}`,
  );
  if (s.directSelect1)
    print(
      `PostgreSQL \`select 1\` on its own connection (no pool) meanwhile: p50 ${ms(s.directSelect1.p50Ms)}, p99 ${ms(s.directSelect1.p99Ms)}, max ${ms(s.directSelect1.maxMs)} (${s.directSelect1.n} calls)`,
    );
  if (!s.queries.length) return;
  const total = s.queries.reduce((a, q) => a + q.totalMs, 0);
  print(
    `SQL as the application sees it (pool wait included): ${s.queries.reduce((a, q) => a + q.count, 0)} statements, ${ms(total)} in all; top 12 by total time:`,
  );
  print('');
  print('| statement | calls | mean | max | share |');
  print('|---|---:|---:|---:|---:|');
  for (const q of s.queries.slice(0, 12))
    print(
      `| \`${q.sql.replace(/\|/g, '\\|')}\` | ${q.count} | ${ms(q.totalMs / q.count)} | ${ms(q.maxMs)} | ${((100 * q.totalMs) / total).toFixed(0)} % |`,
    );
  print('');
}

async function signIns(base: string): Promise<Session[]> {
  const res = await fetch(`${base}/api/v1/auth/demo-accounts`);
  const demo = (await res.json()) as { items: { username: string }[]; password: string };
  const sessions: Session[] = [];
  const times: number[] = [];
  const all = (async () => {
    for (const a of demo.items) {
      const s = await signIn(base, a.username, demo.password);
      sessions.push(s);
      times.push(s.ms);
    }
  })();
  const health = await probeHealth(base, all, 5);
  times.sort((a, b) => a - b);
  print(
    `sign-in of ${times.length} demo accounts one after another: median ${ms(times[Math.floor(times.length / 2)] ?? 0)}, max ${ms(times.at(-1) ?? 0)}; /api/health meanwhile p50 ${ms(health.p50)}, p99 ${ms(health.p99)}, max ${ms(health.max)} (${health.n} calls) — load ${load()}`,
  );
  return sessions;
}

async function loadRun(server: Server, sessions: Session[]) {
  const mix = await buildMix(server.base, sessions, weights);
  if (mix.dropped.length) log(`reads refused by policy, left out of that role's mix: ${mix.dropped.join('; ')}`);
  const onResponse = (c: number, r: { kind: string; method: string }, res: { status: number; body: string }) => {
    if (r.kind === 'write' && r.method === 'PATCH' && res.status === 200) mix.written(c, res.body);
    if (res.status === 0 || res.status >= 500) log(`error ${res.status}: ${res.body.slice(0, 200)}`);
  };
  const warm = Number(args.warmup);
  if (warm > 0) {
    log(`warm-up: ${Math.min(20, CLIENTS)} clients for ${warm} s`);
    await runClients(server.base, Math.min(20, CLIENTS), warm * 1000, (c) => mix.next(c), new Recorder(), onResponse);
  }
  await server.stats(); // reset the server's counters
  const before = load();
  log(`${CLIENTS} clients for ${DURATION_S} s (load ${before})`);
  const rec = new Recorder();
  const { requests, wallMs } = await runClients(
    server.base,
    CLIENTS,
    DURATION_S * 1000,
    (c) => mix.next(c),
    rec,
    onResponse,
  );
  const stats = await server.stats();
  const all = rec.summary('all');
  print(
    `${CLIENTS} clients, ${DURATION_S} s: **${(requests / (wallMs / 1000)).toFixed(0)} req/s**, ${requests} requests, ${all.errors} errors${all.errorStatuses ? ` (${all.errorStatuses})` : ''}; p50 ${ms(all.p50)}, p99 ${ms(all.p99)} — load before ${before}, after ${load()}`,
  );
  print('');
  print('| kind | share | requests | p50 | p99 | max | errors |');
  print('|---|---:|---:|---:|---:|---:|---:|');
  for (const [k, w] of Object.entries(weights)) {
    if (!w) continue;
    const s = rec.summary(`kind:${k}`);
    print(`| ${k} | ${w} % | ${s.n} | ${ms(s.p50)} | ${ms(s.p99)} | ${ms(s.max)} | ${s.errors} |`);
  }
  const light = new Recorder();
  for (const k of ['list', 'detail', 'search'])
    for (const t of rec.times.get(`kind:${k}`) ?? []) light.add('x', t, 200);
  const l = light.summary('x');
  print(`| **light reads** (list + detail + search) | | ${l.n} | ${ms(l.p50)} | **${ms(l.p99)}** | ${ms(l.max)} | |`);
  print('');
  print('| route | requests | p50 | p99 | errors |');
  print('|---|---:|---:|---:|---:|');
  for (const name of [...rec.times.keys()].filter((n) => n.startsWith('route:')).sort()) {
    const s = rec.summary(name);
    print(
      `| \`${name.slice(6)}\` | ${s.n} | ${ms(s.p50)} | ${ms(s.p99)} | ${s.errors}${s.errorStatuses ? ` (${s.errorStatuses})` : ''} |`,
    );
  }
  print('');
  print(
    `server CPU per request: ${(stats.cpuMs / requests).toFixed(1)} ms${stats.queries.length ? `, SQL statements per request: ${(stats.queries.reduce((a, q) => a + q.count, 0) / requests).toFixed(1)}` : ''} (less sensitive to a loaded machine than latencies)`,
  );
  printServer(stats);
}

async function heavyRuns(server: Server, sessions: Session[]) {
  const admin = sessions.find((s) => s.role === 'city_admin') as Session;
  const base = server.base;
  const line = (what: string, h: Awaited<ReturnType<typeof probeHealth>>, jobMs: number, note: string) =>
    print(
      `| ${what} | ${ms(jobMs)} | ${h.n} | ${ms(h.p50)} | **${ms(h.p99)}** | ${ms(h.max)} | ${h.errors} | ${note} | ${load()} |`,
    );
  print('| while | job took | health calls | p50 | p99 | max | errors | job | load |');
  print('|---|---:|---:|---:|---:|---:|---:|---|---|');
  const idle = await probeHealth(base, new Promise((r) => setTimeout(r, 3000)));
  line('nothing (idle, 3 s)', idle, 3000, '');
  const attempt = async (what: string, f: () => Promise<void>) => {
    try {
      await f();
    } catch (err) {
      print(`| ${what} | failed: ${String(err).slice(0, 300).replace(/\|/g, '/')} | | | | | | | ${load()} |`);
    }
  };
  if (heavy.has('schedule'))
    await attempt('exact schedule run', async () => {
      log(`setting up a conference: ${args.participants} participants, ${args.requests} accepted requests`);
      const conf = await setUpConference(base, admin, Number(args.participants), Number(args.requests));
      await server.stats();
      log(`exact schedule run, time limit ${args['schedule-seconds']} s`);
      const t0 = performance.now();
      const job = runSchedule(base, admin, conf, Number(args['schedule-seconds']));
      const h = await probeHealth(base, job);
      const r = await job;
      line(
        `exact schedule run (${args.participants} participants, ${args.requests} requests, limit ${args['schedule-seconds']} s)`,
        h,
        performance.now() - t0,
        `${r.scheduled}/${r.requested} scheduled, ${r.method}, solver ${ms(r.timeMs)}`,
      );
    });
  if (heavy.has('import'))
    await attempt('import', async () => {
      const rows = Number(args['import-rows']);
      const csv = importCsv(rows);
      log(`import of ${rows} enterprises: upload and validate (${(csv.length / 1e6).toFixed(1)} MB)`);
      let t0 = performance.now();
      const up = uploadImport(base, admin, csv);
      const h1 = await probeHealth(base, up);
      const { id, status } = await up;
      line(`import upload + validation, ${rows} rows`, h1, performance.now() - t0, status);
      log('import commit');
      t0 = performance.now();
      const commit = commitImport(base, admin, id);
      const h2 = await probeHealth(base, commit);
      line(`import commit, ${rows} rows`, h2, performance.now() - t0, (await commit).status);
    });
  print('');
  printServer(await server.stats());
}

async function main() {
  print(`# bench:load — ${new Date().toISOString()}`);
  print(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}; load average at start ${load()}; ${CLIENTS} clients, ${DURATION_S} s, mix ${Object.entries(
      weights,
    )
      .map(([k, w]) => `${k} ${w} %`)
      .join(', ')}; PostgreSQL pool ${args.pool ?? process.env.PARKLINK_PG_POOL_MAX ?? '10 (default)'}`,
  );
  for (const engine of args.engines.split(',')) {
    print('');
    print(`## ${engine}`);
    print('');
    const server = await Server.start(engine);
    try {
      const sessions = await signIns(server.base);
      print('');
      await loadRun(server, sessions);
      if (heavy.size) await heavyRuns(server, sessions);
    } finally {
      await server.stop();
    }
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
