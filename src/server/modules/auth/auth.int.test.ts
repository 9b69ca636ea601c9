import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from '../../../../test/helpers/auth.js';
import { ENGINES, type TestDb } from '../../../../test/helpers/db.js';
import { CONFIDENTIAL_FIELDS, ROLES, type Role } from '../../../contracts/auth.js';
import { buildApp } from '../../app.js';
import { DEMO_PASSWORD } from './routes.js';

type Json = Record<string, unknown>;
const CONFIDENTIAL = new Set(Object.values(CONFIDENTIAL_FIELDS).flat());

/** Confidential keys holding a value anywhere in a JSON body. */
function leaks(body: unknown, path = ''): string[] {
  if (Array.isArray(body)) return body.flatMap((x, i) => leaks(x, `${path}[${i}]`));
  if (body && typeof body === 'object') {
    return Object.entries(body as Json).flatMap(([k, v]) =>
      CONFIDENTIAL.has(k) && v !== null && v !== undefined ? [`${path}.${k}`] : leaks(v, `${path}.${k}`),
    );
  }
  return [];
}

describe.each(ENGINES)('[$name] accounts, roles and scopes', (engine) => {
  let t: TestDb;
  let app: FastifyInstance;
  const ids = {} as {
    beigang: number;
    tianhui: number;
    otherPark: number;
    tianhuiBuilding: number;
    otherBuilding: number;
    tenant: number;
    outsider: number;
  };
  const users = {} as Record<Role, { headers: { authorization: string } }>;
  const as = async (role: Role | null, method: string, url: string, payload?: unknown) => {
    const r = await app.inject({
      method: method as 'GET',
      url,
      headers: role ? users[role].headers : {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    return {
      status: r.statusCode,
      body: r.body ? (r.headers['content-type']?.toString().includes('json') ? r.json() : r.body) : null,
    };
  };

  beforeAll(async () => {
    t = await engine.create();
    await t.becomeDemo();
    app = await buildApp({ db: t.db });
    const one = async (sql: string, params: unknown[] = []) =>
      ((await t.db.query<{ id: number }>(sql, params))[0] as { id: number }).id;
    ids.beigang = await one(`select id from parks where code = 'beigang-industrial-park'`);
    ids.tianhui = await one(`select id from parks where code = 'tianhui-industrial-park'`);
    ids.otherPark = await one(`select id from parks where code = 'wuhan-national-space-base'`);
    // A curated building (not the calibration's synthetic one, whose firms have no figures).
    ids.tianhuiBuilding = await one(
      `select id from buildings where park_id = $1 and code not like 'demo-cal-%' order by id limit 1`,
      [ids.tianhui],
    );
    ids.otherBuilding = await one(
      `select b.id from buildings b where b.park_id = $1 and b.code not like 'demo-cal-%' order by b.id limit 1`,
      [ids.otherPark],
    );
    ids.tenant = await one(
      `select o.enterprise_id as id from occupancies o join units u on u.id = o.unit_id join floors f on f.id = u.floor_id
        where f.building_id = $1 and exists (select 1 from enterprise_metrics m where m.enterprise_id = o.enterprise_id) limit 1`,
      [ids.tianhuiBuilding],
    );
    ids.outsider = await one(
      `select e.id from enterprises e where exists (select 1 from enterprise_metrics m where m.enterprise_id = e.id)
         and e.id not in (select o.enterprise_id from occupancies o join units u on u.id = o.unit_id join floors f on f.id = u.floor_id
                          join buildings b on b.id = f.building_id join parks p on p.id = b.park_id where p.code like 'beigang%' or p.code like 'tianhui%')
         and coalesce(e.region_code, '') <> '420112' limit 1`,
    );
    users.city_admin = await makeUser(t.db, 'city_admin');
    users.city_analyst = await makeUser(t.db, 'city_analyst');
    users.district_user = await makeUser(t.db, 'district_user', { regionCodes: ['420112'] });
    users.park_operator = await makeUser(t.db, 'park_operator', { parkIds: [ids.beigang] });
    users.investment_officer = await makeUser(t.db, 'investment_officer');
    users.enterprise_user = await makeUser(t.db, 'enterprise_user', { enterpriseId: ids.tenant });
    users.viewer = await makeUser(t.db, 'viewer');
    users.hub_operator = await makeUser(t.db, 'hub_operator');
  }, 300_000); // seeds the calibrated demo city
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('calls every API route as every role and anonymously: 401 without credentials, 403 for admin routes, and no confidential field leaks', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const sample: Record<string, string> = {
      '{id}': String(ids.tianhuiBuilding),
      '{code}': '3976',
      '{kind}': 'enterprises',
    };
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops as Record<string, { parameters?: { in: string; required?: boolean }[] }>).map(([m, op]) => ({
        method: m.toUpperCase(),
        path,
        // A route with a required query parameter, called without it, answers 422 naming it.
        needsQuery: (op.parameters ?? []).some((p) => p.in === 'query' && p.required),
      })),
    );
    expect(routes.length).toBeGreaterThan(60);
    for (const { method, path, needsQuery } of routes) {
      const url =
        path.replace(/\{[a-zA-Z]+\}/g, (m) => {
          if (m === '{code}' && path.includes('/chains/')) return 'oe';
          if (m === '{id}' && path.includes('/parks/')) return String(ids.tianhui);
          if (m === '{id}' && (path.includes('/enterprises/') || path.includes('/metrics/'))) return String(ids.tenant);
          if (m === '{id}' && path.startsWith('/api/v1/jobs/')) return '00000000-0000-4000-8000-000000000000';
          return sample[m] ?? '1';
        }) +
        (path === '/api/v1/search' ? `?q=${encodeURIComponent('江丰')}` : '') +
        // Routes with required query parameters get them, so a 422 here is a real problem.
        (/\/compare(\.xlsx)?$/.test(path) ? '?a=city&b=district:420112' : '') +
        // A departure's invoice is per shipper; the hub and the city name which (a shipper's own users may not).
        (/\/departures\/\{departureId\}\/invoice\.(pdf|xlsx)$/.test(path) ? '?shipper=1' : '');
      const open = path === '/api/v1/auth/sign-in' || path === '/api/v1/auth/demo-accounts';
      const anon = await as(null, method, url, method === 'GET' || method === 'DELETE' ? undefined : {});
      if (!open) expect(anon.status, `${method} ${path} anonymously`).toBe(401);
      if (method !== 'GET') continue;
      for (const role of ROLES) {
        const r = await as(role, method, url);
        if (path.startsWith('/api/v1/admin/')) {
          expect(r.status, `${role} ${path}`).toBe(role === 'city_admin' ? 200 : 403);
        } else {
          const compare = /\/compare(\.xlsx)?$/.test(path);
          const allowed = needsQuery && !compare ? [200, 404, 403, 422] : [200, 404, 403];
          expect(allowed, `${role} GET ${path}`).toContain(r.status);
        }
        if (role === 'viewer' || role === 'investment_officer') {
          expect(leaks(r.body), `${role} GET ${path}`).toEqual([]);
        }
      }
    }
  }, 300_000);

  it('lets only the roles that may write change the registry, and scopes their writes', async () => {
    const park = { code: 'matrix-park', name: '矩阵园区', kind: 'software_park', regionCode: '420112' };
    for (const role of ['city_analyst', 'investment_officer', 'viewer', 'enterprise_user'] as Role[]) {
      expect((await as(role, 'POST', '/api/v1/parks', park)).status, role).toBe(403);
    }
    expect((await as('park_operator', 'POST', '/api/v1/parks', park)).status).toBe(403); // not inside its parks
    // Investment officers organise events, and change nothing else in the registry.
    const event = { name: '测试对接会', kind: 'matchmaking_conference', city: '苏州' };
    expect((await as('investment_officer', 'POST', '/api/v1/events', event)).status).toBe(201);
    expect((await as('viewer', 'POST', '/api/v1/events', event)).status).toBe(403);
    const sub = await as('park_operator', 'POST', '/api/v1/parks', {
      ...park,
      code: 'op-sub',
      parentId: ids.beigang,
      regionCode: '420111',
    });
    expect(sub.status).toBe(201);
    expect((await as('district_user', 'POST', '/api/v1/parks', park)).status).toBe(201);
    expect(
      (await as('district_user', 'POST', '/api/v1/parks', { ...park, code: 'elsewhere', regionCode: '420111' })).status,
    ).toBe(403);
    // A building outside the operator's parks is invisible (404), inside it can be changed.
    const other = await as('park_operator', 'GET', `/api/v1/buildings/${ids.otherBuilding}`);
    expect(other.status).toBe(404);
    expect(
      (await as('park_operator', 'PATCH', `/api/v1/buildings/${ids.otherBuilding}`, { version: 1, name: 'x' })).status,
    ).toBe(404);
    const mine = (await as('park_operator', 'GET', `/api/v1/buildings/${ids.tianhuiBuilding}`)).body as Json;
    const changed = await as('park_operator', 'PATCH', `/api/v1/buildings/${ids.tianhuiBuilding}`, {
      version: mine.version,
      completionYear: 2023,
    });
    expect(changed.status).toBe(200);
    // Moving it out of scope is refused and nothing changes.
    const moved = await as('park_operator', 'PATCH', `/api/v1/buildings/${ids.tianhuiBuilding}`, {
      version: (changed.body as Json).version,
      parkId: ids.otherPark,
    });
    expect(moved.status).toBe(403);
    expect(((await as('city_admin', 'GET', `/api/v1/buildings/${ids.tianhuiBuilding}`)).body as Json).parkId).toBe(
      ids.tianhui,
    );
    // An enterprise user edits its own enterprise only.
    const own = (await as('enterprise_user', 'GET', `/api/v1/enterprises/${ids.tenant}`)).body as Json;
    expect(
      (
        await as('enterprise_user', 'PATCH', `/api/v1/enterprises/${ids.tenant}`, {
          version: own.version,
          products: ['医用敷料'],
        })
      ).status,
    ).toBe(200);
    const theirs = (await as('enterprise_user', 'GET', `/api/v1/enterprises/${ids.outsider}`)).body as Json;
    expect(
      (
        await as('enterprise_user', 'PATCH', `/api/v1/enterprises/${ids.outsider}`, {
          version: theirs.version,
          products: ['x'],
        })
      ).status,
    ).toBe(403);
    // Imports are for city administrators.
    expect((await as('district_user', 'GET', '/api/v1/imports/1')).status).toBe(403);
  });

  it('shows confidential figures to those with the right, and hides them in lists, exports and search', async () => {
    const m = (role: Role, id: number) => as(role, 'GET', `/api/v1/metrics?enterpriseId=${id}`);
    const filled = (r: { body: unknown }) => (r.body as { items: Json[] }).items[0]?.revenueWan;
    expect(filled(await m('city_analyst', ids.tenant))).toEqual(expect.any(Number));
    expect(filled(await m('enterprise_user', ids.tenant))).toEqual(expect.any(Number)); // its own
    expect(filled(await m('park_operator', ids.tenant))).toEqual(expect.any(Number)); // its tenant
    const officer = await m('investment_officer', ids.tenant);
    expect(filled(officer)).toBeNull();
    expect((officer.body as { items: Json[] }).items[0]?.redacted).toContain('taxWan');
    expect(filled(await m('enterprise_user', ids.outsider))).toBeNull(); // another firm
    expect((await m('park_operator', ids.outsider)).body).toMatchObject({ total: 0 }); // outside its parks: no rows at all
    const csv = await as('viewer', 'GET', '/api/v1/export/metrics?format=csv');
    const rows = String(csv.body)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    const header = rows[0]?.split(',') ?? [];
    const taxCol = header.findIndex((h) => h.startsWith('税收'));
    expect(taxCol).toBeGreaterThan(0);
    expect(rows.slice(1).every((r) => r.split(',')[taxCol] === '')).toBe(true);
    expect((await as('viewer', 'GET', '/api/v1/export/dataset')).status).toBe(403);
  });

  it('never lists rows outside a park operator’s parks (property)', async () => {
    const parkIds = (await t.db.query<{ id: number }>('select id from parks order by id')).map((p) => p.id);
    await fc.assert(
      fc.asyncProperty(fc.subarray(parkIds, { minLength: 1, maxLength: 4 }), async (chosen) => {
        const u = await makeUser(t.db, 'park_operator', { parkIds: chosen });
        const scope = new Set(
          (
            await t.db.query<{ id: number }>(
              `with recursive s as (select id from parks where id = any($1::int[]) union select p.id from parks p join s on p.parent_id = s.id) select id from s`,
              [chosen],
            )
          ).map((r) => r.id),
        );
        const get = async (url: string) =>
          (await app.inject({ method: 'GET', url, headers: u.headers })).json() as { items: Json[] };
        for (const p of (await get('/api/v1/parks?limit=500')).items) expect(scope.has(p.id as number)).toBe(true);
        for (const b of (await get('/api/v1/buildings?limit=500')).items)
          expect(scope.has(b.parkId as number)).toBe(true);
        const tenants = new Set(
          (
            await t.db.query<{ id: number }>(
              `select o.enterprise_id as id from occupancies o join units u on u.id = o.unit_id join floors f on f.id = u.floor_id
                 join buildings b on b.id = f.building_id where b.park_id = any($1::int[])`,
              [[...scope]],
            )
          ).map((r) => r.id),
        );
        for (const e of (await get('/api/v1/enterprises?limit=500')).items)
          expect(tenants.has(e.id as number)).toBe(true);
        for (const m of (await get('/api/v1/metrics?limit=500')).items)
          expect(tenants.has(m.enterpriseId as number)).toBe(true);
      }),
      { numRuns: 8 },
    );
  });

  it('searches only within the scope of a zone role', async () => {
    const [e] = await t.db.query<{ name: string }>('select name from enterprises where id = $1', [ids.outsider]);
    const q = encodeURIComponent(e!.name);
    const hits = async (role: Role) =>
      ((await as(role, 'GET', `/api/v1/search?q=${q}&types=enterprise`)).body as { items: Json[] }).items.map(
        (h) => h.id,
      );
    expect(await hits('city_analyst')).toContain(ids.outsider);
    expect(await hits('viewer')).toContain(ids.outsider);
    expect(await hits('park_operator')).not.toContain(ids.outsider);
  });

  it('signs in with a password, needs the CSRF token for changes, and never reuses a session id', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { username: 'demo-operator', password: 'wrong' },
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().code).toBe('bad_credentials');
    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { username: 'demo-operator', password: DEMO_PASSWORD },
    });
    expect(ok.statusCode).toBe(200);
    const cookie = ok.cookies.find((c) => c.name === 'parklink_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    const { csrfToken, user } = ok.json();
    expect(user).toMatchObject({ username: 'demo-operator', role: 'park_operator' });
    const headers = { cookie: `parklink_session=${cookie?.value}` };
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/session', headers })).statusCode).toBe(200);
    const b = (await app.inject({ method: 'GET', url: `/api/v1/buildings/${ids.tianhuiBuilding}`, headers })).json();
    const noCsrf = await app.inject({
      method: 'PATCH',
      url: `/api/v1/buildings/${ids.tianhuiBuilding}`,
      headers,
      payload: { version: b.version },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('csrf_failed');
    const withCsrf = await app.inject({
      method: 'PATCH',
      url: `/api/v1/buildings/${ids.tianhuiBuilding}`,
      headers: { ...headers, 'x-csrf-token': csrfToken },
      payload: { version: b.version },
    });
    expect(withCsrf.statusCode).toBe(200);
    // Signing in again while holding a session gives a new one and ends the old.
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers,
      payload: { username: 'demo-operator', password: DEMO_PASSWORD },
    });
    const fresh = again.cookies.find((c) => c.name === 'parklink_session')?.value;
    expect(fresh).not.toBe(cookie?.value);
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/session', headers })).statusCode).toBe(401);
    // Sign out everywhere ends every session.
    const h2 = { cookie: `parklink_session=${fresh}`, 'x-csrf-token': again.json().csrfToken };
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/auth/sign-out-everywhere', headers: h2 })).statusCode,
    ).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: h2 })).statusCode).toBe(401);
  });

  it('throttles repeated failures from one address and records every attempt', async () => {
    for (let i = 0; i < 5; i++) {
      await app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { username: 'demo-viewer', password: `nope-${i}` },
      });
    }
    const locked = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { username: 'demo-viewer', password: DEMO_PASSWORD },
    });
    // Throttled (429, not a 423 that would tell the name exists) even with the right password.
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    const log = (await as('city_admin', 'GET', '/api/v1/admin/audit?entity=auth&limit=500')).body as { items: Json[] };
    const events = log.items.filter((e) => e.actor === 'demo-viewer').map((e) => e.action);
    expect(events.filter((e) => e === 'sign_in_failed').length).toBeGreaterThanOrEqual(5);
    expect(events).toContain('locked');
  });

  it('writes an audit entry with actor and old and new values for every change through the API', async () => {
    const created = (
      await as('city_admin', 'POST', '/api/v1/parks', {
        code: 'audited',
        name: '审计园区',
        kind: 'software_park',
        regionCode: '420112',
      })
    ).body as Json;
    await as('city_admin', 'PATCH', `/api/v1/parks/${created.id}`, { version: 1, landMu: 42 });
    await as('city_admin', 'DELETE', `/api/v1/parks/${created.id}`);
    const log = (await as('city_admin', 'GET', `/api/v1/admin/audit?entity=parks&entityId=${created.id}`)).body as {
      items: Json[];
    };
    expect(log.items.map((e) => e.action)).toEqual(['delete', 'update', 'create']);
    expect(log.items[1]).toMatchObject({ oldValues: { landMu: null }, newValues: { landMu: 42 }, via: 'api' });
    expect(String(log.items[0]?.actor)).toMatch(/^test-city_admin/);
    await expect(t.db.query('delete from change_log')).rejects.toThrow(/append-only/);
  });

  it('audits create, update and delete on every registry resource', async () => {
    const post = async (url: string, payload: Json) => {
      const r = await as('city_admin', 'POST', url, payload);
      expect(r.status, `${url} ${JSON.stringify(r.body)}`).toBe(201);
      return r.body as Json;
    };
    const park = await post('/api/v1/parks', {
      code: 'audit-all',
      name: '全审计园区',
      kind: 'software_park',
      regionCode: '420112',
    });
    const building = await post('/api/v1/buildings', {
      parkId: park.id,
      code: 'A1',
      name: '审计楼',
      type: 'rnd',
      floorsAbove: 3,
    });
    const floor = await post('/api/v1/floors', { buildingId: building.id, floorNo: 2 });
    const unit = await post('/api/v1/units', { floorId: floor.id, code: '201' });
    const e1 = await post('/api/v1/enterprises', { name: '审计甲公司' });
    const e2 = await post('/api/v1/enterprises', { name: '审计乙公司' });
    const made: [string, Json][] = [
      ['parks', park],
      ['buildings', building],
      ['floors', floor],
      ['units', unit],
      ['enterprises', e1],
      ['metrics', await post('/api/v1/metrics', { enterpriseId: e1.id, year: 2024, taxWan: 10 })],
      ['occupancies', await post('/api/v1/occupancies', { enterpriseId: e1.id, unitId: unit.id })],
      ['institutions', await post('/api/v1/institutions', { name: '审计研究院', kind: 'research_institute' })],
      ['supply-links', await post('/api/v1/supply-links', { supplierId: e1.id, customerId: e2.id, product: '审计件' })],
      ['events', await post('/api/v1/events', { name: '审计对接会', kind: 'matchmaking_conference' })],
      [
        'key-figures',
        await post('/api/v1/key-figures', { subjectType: 'city', label: '审计指标', value: 1, unit: '个' }),
      ],
    ];
    // Delete children before parents.
    for (const [name, row] of [...made].reverse()) {
      expect(
        (await as('city_admin', 'PATCH', `/api/v1/${name}/${row.id}`, { version: row.version })).status,
        name,
      ).toBe(200);
      expect((await as('city_admin', 'DELETE', `/api/v1/${name}/${row.id}`)).status, name).toBe(204);
      const table = name === 'metrics' ? 'enterprise_metrics' : name.replace('-', '_');
      const log = await t.db.query<{ action: string; actor: string }>(
        'select action, actor from change_log where entity = $1 and entity_id = $2 order by id',
        [table, String(row.id)],
      );
      expect(
        log.map((l) => l.action),
        name,
      ).toEqual(['create', 'update', 'delete']);
      expect(
        log.every((l) => l.actor?.startsWith('test-city_admin')),
        name,
      ).toBe(true);
    }
  });

  it('keeps read-only tokens from changing anything and lets revoked tokens in no more', async () => {
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { username: 'demo-admin', password: DEMO_PASSWORD },
    });
    const cookie = `parklink_session=${signIn.cookies.find((c) => c.name === 'parklink_session')?.value}`;
    const headers = { cookie, 'x-csrf-token': signIn.json().csrfToken };
    const made = (
      await app.inject({ method: 'POST', url: '/api/v1/auth/tokens', headers, payload: { name: 'report bot' } })
    ).json();
    expect(made.token).toMatch(/^plk_/);
    const bearer = { authorization: `Bearer ${made.token}` };
    expect((await app.inject({ method: 'GET', url: '/api/v1/parks?limit=1', headers: bearer })).statusCode).toBe(200);
    const p = (await app.inject({ method: 'GET', url: `/api/v1/parks/${ids.tianhui}`, headers: bearer })).json();
    expect(
      (
        await app.inject({
          method: 'PATCH',
          url: `/api/v1/parks/${ids.tianhui}`,
          headers: bearer,
          payload: { version: p.version },
        })
      ).statusCode,
    ).toBe(403);
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/auth/tokens/${made.id}`, headers })).statusCode).toBe(
      204,
    );
    expect((await app.inject({ method: 'GET', url: '/api/v1/parks?limit=1', headers: bearer })).statusCode).toBe(401);
    const stored = await t.db.query<{ token_hash: string }>('select token_hash from api_tokens where id = $1', [
      made.id,
    ]);
    expect(stored[0]?.token_hash).not.toContain(made.token);
  });

  it('sends security headers and no stack traces', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/v1/parks/abc', headers: users.viewer.headers });
    expect(r.headers['content-security-policy']).toContain("default-src 'self'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('audits administration and answers a sign-in flood with 429 rate_limited', async () => {
    const orgs = (await as('city_admin', 'GET', '/api/v1/admin/organisations')).body as { items: Json[] };
    const made = (
      await as('city_admin', 'POST', '/api/v1/admin/users', {
        username: 'new-analyst',
        displayName: '新分析员',
        role: 'city_analyst',
        organisationId: orgs.items[0]?.id,
      })
    ).body as Json;
    expect(made.password).toEqual(expect.any(String));
    const log = (await as('city_admin', 'GET', `/api/v1/admin/audit?entity=users&entityId=${made.id}`)).body as {
      items: Json[];
    };
    expect(log.items[0]).toMatchObject({
      action: 'create',
      newValues: { username: 'new-analyst', role: 'city_analyst' },
    });
    expect(JSON.stringify(log.items)).not.toContain(String(made.password));
    let last = 0;
    for (let i = 0; i < 25 && last !== 429; i++) {
      last = (
        await app.inject({
          method: 'POST',
          url: '/api/v1/auth/sign-in',
          payload: { username: 'nobody', password: 'x' },
        })
      ).statusCode;
    }
    const flood = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { username: 'nobody', password: 'x' },
    });
    expect(flood.statusCode).toBe(429);
    expect(flood.json().code).toBe('rate_limited');
  });
});
