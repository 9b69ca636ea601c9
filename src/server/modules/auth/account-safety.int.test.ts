import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, type TestDb } from '../../../../test/helpers/db.js';
import { buildApp } from '../../app.js';
import { hashPassword } from './passwords.js';
import { createApiToken } from './sessions.js';
import { FIRST_DELAY_S, FREE_FAILURES, MAX_DELAY_S, throttleDelay } from './throttle.js';

type Json = Record<string, unknown>;
const PASSWORD = 'owner-password-1';

describe('throttleDelay', () => {
  it('lets the first failures through, then doubles the wait up to its cap', () => {
    for (let n = 0; n < FREE_FAILURES; n++) expect(throttleDelay(n)).toBe(0);
    expect(throttleDelay(FREE_FAILURES)).toBe(FIRST_DELAY_S);
    for (let n = FREE_FAILURES + 1; n < FREE_FAILURES + 20; n++) {
      expect(throttleDelay(n)).toBeGreaterThanOrEqual(throttleDelay(n - 1));
      expect(throttleDelay(n)).toBeLessThanOrEqual(MAX_DELAY_S);
    }
    expect(throttleDelay(FREE_FAILURES + 1)).toBe(2 * FIRST_DELAY_S);
    expect(throttleDelay(FREE_FAILURES + 50)).toBe(MAX_DELAY_S);
  });
});

describe.each(ENGINES)('[$name] account safety', (engine) => {
  let t: TestDb;
  let app: FastifyInstance;
  let orgId: number;
  let adminHeaders: { authorization: string };

  /** A user with a real password, and a read-only and a read-write token. */
  async function makeAccount(username: string, role = 'viewer') {
    const [u] = await t.db.query<{ id: number }>(
      `insert into users (organisation_id, username, display_name, role, password_hash) values ($1, $2, $2, $3, $4) returning id`,
      [orgId, username, role, await hashPassword(PASSWORD)],
    );
    const ro = await createApiToken(t.db, u!.id, 'read-only', true);
    const rw = await createApiToken(t.db, u!.id, 'read-write', false);
    return {
      id: u!.id,
      ro: { authorization: `Bearer ${ro.token}` },
      rw: { authorization: `Bearer ${rw.token}` },
      rwId: rw.id,
    };
  }

  const signIn = (username: string, password: string, from: string) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username, password }, remoteAddress: from });

  beforeAll(async () => {
    t = await engine.create();
    app = await buildApp({ db: t.db });
    const [o] = await t.db.query<{ id: number }>(
      `insert into organisations (name, kind) values ('安全测试机构', 'city_bureau') returning id`,
    );
    orgId = o!.id;
    adminHeaders = (await makeAccount('safety-admin', 'city_admin')).rw;
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('refuses a read-only token a password change, token management and signing out everywhere', async () => {
    const acc = await makeAccount('ro-owner');
    const session = await signIn('ro-owner', PASSWORD, '192.0.2.10');
    expect(session.statusCode).toBe(200);
    const cookie = { cookie: `parklink_session=${session.cookies.find((c) => c.name === 'parklink_session')?.value}` };
    const tries = [
      { method: 'POST', url: '/api/v1/auth/password', payload: { current: PASSWORD, next: 'stolen-password-1' } },
      { method: 'POST', url: '/api/v1/auth/tokens', payload: { name: 'more', readOnly: false } },
      { method: 'DELETE', url: `/api/v1/auth/tokens/${acc.rwId}` },
      { method: 'POST', url: '/api/v1/auth/sign-out-everywhere' },
    ] as const;
    for (const x of tries) {
      const r = await app.inject({ ...x, headers: acc.ro });
      expect(r.statusCode, `${x.method} ${x.url}`).toBe(403);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json()).toMatchObject({ code: 'forbidden', detail: expect.stringMatching(/无权.* \/ You may not/) });
    }
    // Nothing changed: the password, the other token and the browser session all still work.
    expect((await signIn('ro-owner', PASSWORD, '192.0.2.10')).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/tokens', headers: acc.rw })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: cookie })).statusCode).toBe(200);
    // The same calls with a read-write token are allowed.
    const other = await createApiToken(t.db, acc.id, 'spare', true);
    const revoke = await app.inject({ method: 'DELETE', url: `/api/v1/auth/tokens/${other.id}`, headers: acc.rw });
    expect(revoke.statusCode).toBe(204);
    const out = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-out-everywhere', headers: acc.rw });
    expect(out.statusCode).toBe(204);
  });

  it("does not let a stranger's failures from one address stop the owner signing in from another", async () => {
    await makeAccount('owner');
    const stranger = '203.0.113.7';
    const statuses: number[] = [];
    for (let i = 0; i < FREE_FAILURES + 3; i++)
      statuses.push((await signIn('owner', `guess-${i}`, stranger)).statusCode);
    expect(statuses.slice(0, FREE_FAILURES)).toEqual(Array(FREE_FAILURES).fill(401));
    expect(statuses.slice(FREE_FAILURES)).toEqual([429, 429, 429]);
    // Even the right password is not heard from the stranger's address while it waits…
    const throttled = await signIn('owner', PASSWORD, stranger);
    expect(throttled.statusCode).toBe(429);
    const wait = Number(throttled.headers['retry-after']);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(FIRST_DELAY_S);
    expect(throttled.json()).toMatchObject({ code: 'rate_limited', retryAfter: wait });
    // …but the owner, elsewhere, signs in at once.
    expect((await signIn('owner', PASSWORD, '198.51.100.20')).statusCode).toBe(200);
    // The attempts are in the audit log with their address.
    const events = await t.db.query<{ event: string; ip: string }>(
      `select event, ip from auth_events where username = 'owner' order by id`,
    );
    expect(events.filter((e) => e.event === 'sign_in_failed' && e.ip === stranger)).toHaveLength(FREE_FAILURES);
    expect(events.some((e) => e.event === 'locked' && e.ip === stranger)).toBe(true);
  });

  it('answers unknown and known names alike: same status and body, refused or throttled, in about the same time', async () => {
    await makeAccount('known');
    const answers = async (username: string, from: string) => {
      const out: { status: number; body: Json; ms: number }[] = [];
      for (let i = 0; i < FREE_FAILURES + 1; i++) {
        const t0 = performance.now();
        const r = await signIn(username, `wrong-${i}`, from);
        out.push({ status: r.statusCode, body: r.json(), ms: performance.now() - t0 });
      }
      return out;
    };
    const known = await answers('known', '192.0.2.31');
    const unknown = await answers('no-such-user', '192.0.2.32');
    const strip = (xs: typeof known) => xs.map(({ status, body }) => ({ status, body }));
    expect(strip(unknown)).toEqual(strip(known));
    expect(known.at(-1)?.status).toBe(429);
    expect(known[0]?.status).toBe(401);
    // Both verify a password (a dummy hash for unknown names), so neither answers in a blink while
    // the other takes a hash's time; the bounds are wide on purpose (a shared, busy machine).
    const median = (xs: typeof known) => [...xs.slice(0, FREE_FAILURES).map((x) => x.ms)].sort((a, b) => a - b)[2] ?? 0;
    expect(median(unknown) / median(known)).toBeGreaterThan(0.3);
    expect(median(unknown) / median(known)).toBeLessThan(3);
  });

  it('makes the wait grow with every further failure from the same address', async () => {
    await makeAccount('grows');
    // Failures recorded a second ago, as if made by hand; one address per count.
    const waits: number[] = [];
    for (let n = FREE_FAILURES; n < FREE_FAILURES + 5; n++) {
      const from = `192.0.2.${100 + n}`;
      await t.db.query(
        `insert into auth_events (username, event, ip, at) select 'grows', 'sign_in_failed', $1, now() - interval '1 second' from generate_series(1, $2)`,
        [from, n],
      );
      const r = await signIn('grows', PASSWORD, from);
      expect(r.statusCode, `${n} failures`).toBe(429);
      waits.push(Number(r.headers['retry-after']));
    }
    for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThan(waits[i - 1] ?? 0);
    expect(waits[0]).toBeLessThanOrEqual(FIRST_DELAY_S);
    // Through the API too: the first delay starts after the free failures.
    const from = '192.0.2.200';
    for (let i = 0; i < FREE_FAILURES; i++) expect((await signIn('grows', `x-${i}`, from)).statusCode).toBe(401);
    expect((await signIn('grows', PASSWORD, from)).statusCode).toBe(429);
    // A password reset by an administrator clears the wait everywhere.
    const [u] = await t.db.query<{ id: number }>(`select id from users where username = 'grows'`);
    const reset = await app.inject({
      method: 'POST',
      url: `/api/v1/admin/users/${u!.id}/reset-password`,
      headers: adminHeaders,
    });
    expect(reset.statusCode).toBe(200);
    expect((await signIn('grows', reset.json().password, from)).statusCode).toBe(200);
  });

  it('refuses lone surrogates and NUL bytes in administration fields with 422 naming the field, writing nothing', async () => {
    const count = async () =>
      (
        await t.db.query<{ users: number; orgs: number; log: number }>(
          `select (select count(*)::int from users) as users, (select count(*)::int from organisations) as orgs,
                  (select count(*)::int from change_log) as log`,
        )
      )[0];
    const before = await count();
    const bad = [
      {
        url: '/api/v1/admin/users',
        field: 'displayName',
        payload: { username: 'surrogate', displayName: '\ud800', role: 'viewer', organisationId: orgId },
      },
      {
        url: '/api/v1/admin/users',
        field: 'displayName',
        payload: { username: 'nul-byte', displayName: 'a\u0000b', role: 'viewer', organisationId: orgId },
      },
      { url: '/api/v1/admin/organisations', field: 'name', payload: { name: '机构\udc00', kind: 'district' } },
      { url: '/api/v1/admin/organisations', field: 'name', payload: { name: '机构\u0000', kind: 'district' } },
    ];
    for (const b of bad) {
      const r = await app.inject({ method: 'POST', url: b.url, headers: adminHeaders, payload: b.payload });
      expect(r.statusCode, JSON.stringify(b.payload)).toBe(422);
      expect(r.json().errors).toEqual([expect.objectContaining({ path: [b.field], code: 'unsafe_characters' })]);
    }
    const [u] = await t.db.query<{ id: number; version: number }>(
      `select id, version from users where username = 'owner'`,
    );
    const patch = await app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/users/${u!.id}`,
      headers: adminHeaders,
      payload: { version: u!.version, displayName: '\ud83d' },
    });
    expect(patch.statusCode).toBe(422);
    expect(patch.json().errors[0].path).toEqual(['displayName']);
    // A stale version and an unknown organisation fail whole, too.
    const stale = await app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/users/${u!.id}`,
      headers: adminHeaders,
      payload: { version: u!.version + 7, displayName: '不应写入' },
    });
    expect(stale.statusCode).toBe(409);
    const noOrg = await app.inject({
      method: 'POST',
      url: '/api/v1/admin/users',
      headers: adminHeaders,
      payload: { username: 'orphan', displayName: '无机构', role: 'viewer', organisationId: 999999 },
    });
    expect(noOrg.statusCode).toBe(422);
    expect(noOrg.json().errors[0].path).toEqual(['organisationId']);
    expect(await count()).toEqual(before);
  });

  it('writes each administration change and its change_log row (actor, address) together', async () => {
    const from = '192.0.2.77';
    const post = (url: string, payload: Json) =>
      app.inject({ method: 'POST', url, headers: adminHeaders, payload, remoteAddress: from });
    const org = await post('/api/v1/admin/organisations', {
      name: '审计机构 😀',
      kind: 'district',
      regionCodes: ['420112'],
    });
    expect(org.statusCode).toBe(201);
    const user = await post('/api/v1/admin/users', {
      username: 'audited-user',
      displayName: '审计用户 😀',
      role: 'district_user',
      organisationId: org.json().id,
      password: 'given-password-1',
    });
    expect(user.statusCode).toBe(201);
    const patch = await app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/users/${user.json().id}`,
      headers: adminHeaders,
      remoteAddress: from,
      payload: { version: 1, displayName: '改名用户', role: 'district_user' },
    });
    expect(patch.statusCode).toBe(200);
    const scope = await app.inject({
      method: 'PUT',
      url: `/api/v1/admin/organisations/${org.json().id}/scope`,
      headers: adminHeaders,
      remoteAddress: from,
      payload: { regionCodes: ['420115'], parkIds: [] },
    });
    expect(scope.statusCode).toBe(200);
    const log = await t.db.query<Json>(
      `select entity, entity_id, action, old_values, new_values, actor, ip, via from change_log
        where (entity = 'users' and entity_id = $1) or (entity = 'organisations' and entity_id = $2) order by id`,
      [String(user.json().id), String(org.json().id)],
    );
    expect(log.map((l) => `${l.entity} ${l.action}`)).toEqual([
      'organisations create',
      'users create',
      'users update',
      'organisations update',
    ]);
    for (const l of log) expect(l).toMatchObject({ actor: 'safety-admin', ip: from, via: 'admin' });
    expect(log[1]?.new_values).toMatchObject({ username: 'audited-user', displayName: '审计用户 😀' });
    expect(JSON.stringify(log)).not.toContain('given-password-1');
    // Only what changed: the role was sent unchanged.
    expect(log[2]).toMatchObject({
      old_values: { displayName: '审计用户 😀' },
      new_values: { displayName: '改名用户' },
    });
    expect(log[3]).toMatchObject({ old_values: { regionCodes: ['420112'] }, new_values: { regionCodes: ['420115'] } });
  });
});
