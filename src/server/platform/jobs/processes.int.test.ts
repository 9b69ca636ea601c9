/**
 * Several processes on one PostgreSQL share the queue: an app that does not work jobs queues them, a
 * `parklink worker` process runs them, and when that worker is killed (-9) mid-job, another worker
 * takes the job over once the dead one's lease runs out. PostgreSQL only: PGlite is one process.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, type TestUser } from '../../../../test/helpers/auth.js';
import { ENGINES, type TestDb } from '../../../../test/helpers/db.js';
import { makeCreditCode } from '../../../../test/helpers/factories.js';
import { multipart } from '../../../../test/helpers/multipart.js';
import type { TJob } from '../../../contracts/jobs.js';
import { buildApp } from '../../app.js';

const BIN = fileURLToPath(new URL('../../../../bin/parklink.mjs', import.meta.url));
const postgres = ENGINES.find((e) => e.name === 'postgres');

function enterprisesCsv(n: number, tag: string) {
  const lines = ['统一社会信用代码,企业名称,行业代码,企业规模'];
  for (let i = 0; i < n; i++) lines.push(`${makeCreditCode('420115')},${tag}企业${i}有限公司,3976,小型`);
  return new TextEncoder().encode(lines.join('\n'));
}

/** Starts `parklink worker` and resolves once it is taking jobs. */
function startWorker(url: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [BIN, 'worker', '--database-url', url, '--concurrency', '1'], {
    env: { ...process.env, PARKLINK_JOB_LEASE_SECONDS: '30', PARKLINK_JOB_SUPERVISE_SECONDS: '2' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (b: Buffer) => {
      out += b.toString();
      if (out.includes('is running jobs')) resolve(child);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (b: Buffer) => {
      out += b.toString();
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}): ${out}`)));
  });
}

describe.skipIf(!postgres)('[postgres] jobs across processes', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let admin: TestUser;
  let url: string;
  const workers: ChildProcess[] = [];
  beforeAll(async () => {
    t = await (postgres as NonNullable<typeof postgres>).create();
    url = (t.db.native as { url: string }).url;
    // This process queues jobs but never runs one: whatever runs them is another process.
    app = await buildApp({ db: t.db, worker: false });
    admin = await makeUser(t.db, 'city_admin');
  });
  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
    await app?.close();
    await t?.drop();
  });

  const upload = async (name: string, bytes: Uint8Array) => {
    const m = multipart({ name, bytes }, { kind: 'enterprises' });
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      payload: m.payload,
      headers: { ...m.headers, ...admin.headers, prefer: 'respond-async' },
    });
    expect(res.statusCode).toBe(202);
    return (res.json() as { job: TJob }).job.id;
  };
  async function until(id: string, ok: (j: TJob) => boolean, ms: number): Promise<TJob> {
    const end = Date.now() + ms;
    for (;;) {
      const j = (await app.inject({ method: 'GET', url: `/api/v1/jobs/${id}`, headers: admin.headers })).json() as TJob;
      if (ok(j)) return j;
      if (Date.now() > end) throw new Error(`job ${id} stuck: ${JSON.stringify(j)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('runs a job queued through the app in a worker process', async () => {
    workers.push(await startWorker(url));
    const id = await upload('small.csv', enterprisesCsv(50, '跨进程'));
    const done = await until(id, (j) => j.state === 'completed', 60_000);
    expect(done).toMatchObject({ attempts: 1, result: { status: 'validated', report: { totals: { rows: 50 } } } });
  }, 90_000);

  it('hands the job of a killed worker to another worker', async () => {
    const id = await upload('big.csv', enterprisesCsv(40_000, '接管'));
    await until(id, (j) => j.state === 'running', 60_000);
    const first = workers[0] as ChildProcess;
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    workers.push(await startWorker(url));
    const done = await until(id, (j) => j.state === 'completed', 240_000);
    expect(done.attempts).toBe(2);
    expect(done.result).toMatchObject({ status: 'validated', report: { totals: { rows: 40_000 } } });
  }, 300_000);
});
