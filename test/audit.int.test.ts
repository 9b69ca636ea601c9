/**
 * Every mutating operation of the API is audited and all-or-nothing: walking the OpenAPI document,
 * each POST / PUT / PATCH / DELETE has a fixture with a valid request, which must succeed and append
 * change_log rows carrying the actor and the address, and a failing request (a domain-invalid body,
 * a stale version, a missing record), which must leave every table exactly as it was. An operation
 * without a fixture fails the first test, so a new route comes with its fixture.
 */
import { readdirSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FIXTURES as CORE_FIXTURES,
  PENDING as CORE_PENDING,
  type Fixture,
  type Req,
  type State,
} from './audit-fixtures.js';
import { makeUser } from './helpers/auth.js';
import { ENGINES, type TestDb } from './helpers/db.js';
import { makeBuilding, makeCreditCode, makeEnterprise, makePark } from './helpers/factories.js';

// The platform's fixtures, and each module's own in test/audit-fixtures/<module>.ts (FIXTURES, PENDING).
const FIXTURES: Record<string, Fixture> = { ...CORE_FIXTURES };
const PENDING: Record<string, string> = { ...CORE_PENDING };
const MODULE_DIR = new URL('./audit-fixtures/', import.meta.url);
for (const file of readdirSync(MODULE_DIR).filter((f) => f.endsWith('.ts'))) {
  const m = (await import(new URL(file, MODULE_DIR).href)) as {
    FIXTURES?: Record<string, Fixture>;
    PENDING?: Record<string, string>;
  };
  for (const [op, f] of Object.entries(m.FIXTURES ?? {})) {
    if (FIXTURES[op]) throw new Error(`${file}: a fixture for ${op} exists already`);
    FIXTURES[op] = f;
  }
  for (const [op, why] of Object.entries(m.PENDING ?? {})) PENDING[op] = why;
}

const MUTATING = ['post', 'put', 'patch', 'delete'];
/** Tables a request touches whatever it does (token use, sign-in records): not part of the change. */
// Sign-in bookkeeping changes on every request, and a refused job keeps its record (state and problem)
// for whoever polls it: neither is a change of the data the operation was about.
const VOLATILE = new Set(['sessions', 'api_tokens', 'auth_events', 'jobs']);

/** Row count and an order-independent hash of every row, per table. */
async function snapshot(db: TestDb['db']): Promise<Record<string, string>> {
  const tables = await db.query<{ name: string }>(
    `select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`,
  );
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    if (VOLATILE.has(name)) continue;
    const [r] = await db.query<{ n: number; h: string }>(
      `select count(*)::int as n, coalesce(sum(hashtext(t::text)::bigint), 0)::text as h from "${name}" t`,
    );
    out[name] = `${r?.n}:${r?.h}`;
  }
  return out;
}

describe.each(ENGINES)('[$name] every mutating route', (engine) => {
  let t: TestDb;
  let app: FastifyInstance;
  let s: State;
  let username: string;
  let ops: string[];

  beforeAll(async () => {
    t = await engine.create();
    const { buildApp } = await import('../src/server/app.js');
    app = await buildApp({ db: t.db });
    await app.ready();
    const user = await makeUser(t.db, 'city_admin');
    username = (await t.db.query<{ username: string }>('select username from users where id = $1', [user.userId]))[0]!
      .username;
    const call = async (r: Req) => {
      const res = await app.inject({
        method: r.method,
        url: r.url,
        ...(r.multipart ?? { payload: r.payload as never }),
        headers: { ...user.headers, ...(r.multipart?.headers ?? {}) },
      });
      return { status: res.statusCode, body: res.body, json: () => res.json() };
    };
    s = { db: t.db, call, userId: user.userId, makePark, makeBuilding, makeEnterprise, makeCreditCode };
    const doc = app.swagger() as { paths: Record<string, Record<string, unknown>> };
    ops = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((m) => MUTATING.includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('has a fixture (or a stated reason to wait for one) for every mutating operation', () => {
    const missing = ops.filter((op) => !FIXTURES[op] && !PENDING[op]);
    expect(
      missing,
      'add a fixture (test/audit-fixtures.ts, or test/audit-fixtures/<module>.ts) for each new mutating route',
    ).toEqual([]);
    const stale = [...Object.keys(FIXTURES), ...Object.keys(PENDING)].filter((op) => !ops.includes(op));
    expect(stale, 'fixtures of operations that no longer exist').toEqual([]);
    expect(Object.keys(FIXTURES).filter((op) => PENDING[op])).toEqual([]);
  });

  it.each(Object.keys(FIXTURES))('%s: audited on success, no change on failure', async (op) => {
    const f = FIXTURES[op]!;
    const ok = await f.ok(s);
    const [{ last }] = (await t.db.query<{ last: number }>(
      'select coalesce(max(id), 0)::int as last from change_log',
    )) as [{ last: number }];
    const res = await s.call(ok);
    expect(res.status, `${op}: ${res.body}`).toBeLessThan(300);
    const rows = await t.db.query<{ actor: string | null; ip: string | null; actor_user_id: number | null }>(
      'select actor, ip, actor_user_id from change_log where id > $1',
      [last],
    );
    expect(rows.length, `${op} left no change_log row`).toBeGreaterThan(0);
    for (const r of rows) expect(r).toMatchObject({ actor: username, actor_user_id: s.userId, ip: expect.any(String) });

    const bad = await f.fail(s);
    // A success may queue background work (e.g. services re-computes open tickets' due times after a change of
    // hours); on PostgreSQL a worker runs it while this test goes on. Wait until every job has its result.
    const unfinishedJobs = async () =>
      (
        await t.db.query<{ n: number }>('select count(*)::int as n from jobs where result is null and error is null')
      )[0]!.n;
    for (let i = 0; i < 50 && (await unfinishedJobs()) > 0; i++) await new Promise((r) => setTimeout(r, 200));
    const before = await snapshot(t.db);
    const refused = await s.call(bad);
    expect(refused.status, `${op} (failing variant): ${refused.body}`).toBeGreaterThanOrEqual(400);
    expect(refused.status, `${op} (failing variant): ${refused.body}`).toBeLessThan(500);
    expect(await snapshot(t.db), `${op} changed data while failing`).toEqual(before);
  });
});
