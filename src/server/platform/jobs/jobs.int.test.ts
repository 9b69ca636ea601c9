import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, type TestUser } from '../../../../test/helpers/auth.js';
import { ENGINES, type TestDb } from '../../../../test/helpers/db.js';
import { makeCreditCode } from '../../../../test/helpers/factories.js';
import { multipart } from '../../../../test/helpers/multipart.js';
import type { TJob } from '../../../contracts/jobs.js';
import { outcomeOf } from '../../../web/features/jobs/outcome.js';
import { buildApp } from '../../app.js';

const csv = (text: string) => new TextEncoder().encode(text);
const ASYNC = { prefer: 'respond-async' };

function enterprisesCsv(n: number, tag: string) {
  const lines = ['统一社会信用代码,企业名称,行业代码,企业规模'];
  for (let i = 0; i < n; i++) lines.push(`${makeCreditCode('420115')},${tag}企业${i}有限公司,3976,小型`);
  return csv(lines.join('\n'));
}

function upload(name: string, bytes: Uint8Array, headers: Record<string, string>) {
  const m = multipart({ name, bytes }, { kind: 'enterprises' });
  return { payload: m.payload, headers: { ...m.headers, ...headers } };
}

describe.each(ENGINES)('[$name] background jobs over HTTP', (engine) => {
  let t: TestDb;
  let app: FastifyInstance;
  let admin: TestUser;
  let analyst: TestUser;
  beforeAll(async () => {
    t = await engine.create();
    app = await buildApp({ db: t.db });
    admin = await makeUser(t.db, 'city_admin');
    analyst = await makeUser(t.db, 'city_analyst');
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  const job = async (id: string, who: TestUser = admin) =>
    (await app.inject({ method: 'GET', url: `/api/v1/jobs/${id}`, headers: who.headers })).json() as TJob;
  async function until(id: string, ok: (j: TJob) => boolean, ms = 120_000): Promise<TJob> {
    const end = Date.now() + ms;
    for (;;) {
      const j = await job(id);
      if (ok(j)) return j;
      if (Date.now() > end) throw new Error(`job ${id} stuck in ${j.state}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const count = async (tag: string) =>
    (await t.db.query<{ n: number }>('select count(*)::int as n from enterprises where name like $1', [`${tag}%`]))[0]
      ?.n;

  it('checks an upload as a job the client polls, with progress up to the row count', async () => {
    const up = await app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      ...upload('e.csv', enterprisesCsv(2500, '进度'), { ...admin.headers, ...ASYNC }),
    });
    expect(up.statusCode).toBe(202);
    const started = up.json() as { id: number; job: TJob };
    expect(up.headers.location).toBe(`/api/v1/jobs/${started.job.id}`);
    expect(started.job).toMatchObject({ kind: 'import.check', label: 'e.csv', ownerUserId: admin.userId });
    const done = await until(started.job.id, (j) => j.state === 'completed');
    expect(done.progress).toMatchObject({ done: 2500, total: 2500 });
    expect(done.result).toMatchObject({ id: started.id, status: 'validated', report: { totals: { rows: 2500 } } });
    expect(await count('进度')).toBe(0); // a check writes nothing
    const imp = await app.inject({ method: 'GET', url: `/api/v1/imports/${started.id}`, headers: admin.headers });
    expect(imp.json()).toMatchObject({ status: 'validated', report: { totals: { created: 2500 } } });
  });

  // PostgreSQL only: PGlite has one connection, which the import's transaction holds until it ends, so
  // no request (status, cancel) gets through while a commit runs there.
  it.runIf(engine.name === 'postgres')(
    'cancels a running commit without writing a row, then retries it to the end',
    async () => {
      const up = await app.inject({
        method: 'POST',
        url: '/api/v1/imports',
        ...upload('big.csv', enterprisesCsv(30_000, '取消'), admin.headers),
      });
      expect(up.statusCode).toBe(201); // without Prefer the request waits for the check
      const importId = (up.json() as { id: number }).id;
      const commit = await app.inject({
        method: 'POST',
        url: `/api/v1/imports/${importId}/commit`,
        headers: { ...admin.headers, ...ASYNC },
        payload: {},
      });
      expect(commit.statusCode).toBe(202);
      const id = (commit.json() as { job: TJob }).job.id;
      await until(id, (j) => j.state === 'running');
      const cancelled = await app.inject({ method: 'POST', url: `/api/v1/jobs/${id}/cancel`, headers: admin.headers });
      expect(cancelled.statusCode).toBe(200);
      expect(cancelled.json()).toMatchObject({ state: 'cancelled' });
      // The worker sees the flag at its next progress step and rolls the import's transaction back.
      await new Promise((r) => setTimeout(r, 1500));
      expect(await count('取消')).toBe(0);
      const [imp] = await t.db.query<{ status: string }>('select status from imports where id = $1', [importId]);
      expect(imp?.status).toBe('validated');
      const again = await app.inject({ method: 'POST', url: `/api/v1/jobs/${id}/cancel`, headers: admin.headers });
      expect(again.statusCode).toBe(409);

      const retried = await app.inject({ method: 'POST', url: `/api/v1/jobs/${id}/retry`, headers: admin.headers });
      expect(retried.statusCode).toBe(200);
      const done = await until(id, (j) => j.state === 'completed', 240_000);
      expect(done.result).toMatchObject({ status: 'committed', report: { totals: { created: 30_000 } } });
      expect(await count('取消')).toBe(30_000);
      const finished = await app.inject({ method: 'POST', url: `/api/v1/jobs/${id}/retry`, headers: admin.headers });
      expect(finished.statusCode).toBe(409);
      expect(finished.json()).toMatchObject({ code: 'job_state' });
    },
    300_000,
  );

  it("gives the job list an outcome by kind from the real results: an import's rows, a snapshot's figures", async () => {
    const up = await app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      ...upload('o.csv', enterprisesCsv(7, '结果'), admin.headers),
    });
    expect(up.statusCode).toBe(201);
    const importId = (up.json() as { id: number }).id;
    const commit = await app.inject({
      method: 'POST',
      url: `/api/v1/imports/${importId}/commit`,
      headers: { ...admin.headers, ...ASYNC },
      payload: {},
    });
    expect(commit.statusCode).toBe(202);
    const done = await until((commit.json() as { job: TJob }).job.id, (j) => j.state === 'completed');
    expect(outcomeOf(done)).toEqual({
      key: 'importCommitted',
      values: { rows: 7, created: 7, updated: 0, errors: 0, warnings: expect.any(Number) },
    });
    const snap = await app.inject({
      method: 'POST',
      url: '/api/v1/cockpit/snapshots',
      headers: admin.headers,
      payload: {},
    });
    expect(snap.statusCode, snap.body).toBe(200);
    const list = await app.inject({ method: 'GET', url: '/api/v1/jobs?limit=5', headers: admin.headers });
    const snapJob = (list.json() as { items: TJob[] }).items.find((j) => j.kind === 'cockpit.snapshot');
    expect(snapJob && outcomeOf(snapJob)).toMatchObject({ key: 'snapshot', values: { count: expect.any(Number) } });
    // The list keeps each job to its owner: the analyst sees neither.
    const theirs = await app.inject({ method: 'GET', url: '/api/v1/jobs?limit=100', headers: analyst.headers });
    expect((theirs.json() as { items: TJob[] }).items.filter((j) => j.ownerUserId === admin.userId)).toEqual([]);
  });

  it('shows a job to its owner and to administrators only', async () => {
    const [own] = (
      (await app.inject({ method: 'GET', url: '/api/v1/jobs', headers: admin.headers })).json() as { items: TJob[] }
    ).items;
    expect(own?.ownerUserId).toBe(admin.userId);
    // the list names who started each job
    const [u] = await t.db.query<{ username: string }>('select username from users where id = $1', [admin.userId]);
    expect(own?.ownerName).toBe(u?.username);
    const other = await app.inject({ method: 'GET', url: `/api/v1/jobs/${own?.id}`, headers: analyst.headers });
    expect(other.statusCode).toBe(404);
    const cancel = await app.inject({
      method: 'POST',
      url: `/api/v1/jobs/${own?.id}/cancel`,
      headers: analyst.headers,
    });
    expect(cancel.statusCode).toBe(404);
    const list = (await app.inject({ method: 'GET', url: '/api/v1/jobs', headers: analyst.headers })).json() as {
      items: TJob[];
    };
    expect(list.items).toEqual([]);
    const bad = await app.inject({ method: 'GET', url: '/api/v1/jobs/not-a-uuid', headers: admin.headers });
    expect(bad.statusCode).toBe(422);
  });

  it('refuses the public viewer before looking at its input', async () => {
    const viewer = await makeUser(t.db, 'viewer');
    for (const [method, url] of [
      ['GET', '/api/v1/jobs'],
      ['GET', '/api/v1/jobs?limit=abc'],
      ['GET', '/api/v1/jobs/not-a-uuid'],
      ['POST', '/api/v1/jobs/not-a-uuid/cancel'],
      ['POST', '/api/v1/jobs/not-a-uuid/retry'],
    ] as const) {
      const res = await app.inject({ method, url, headers: viewer.headers });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.headers['content-type']).toContain('problem+json');
    }
  });
});
