/**
 * Input hygiene at the edge: the hostile inputs an outside test found answering 500 now get a 4xx
 * problem+json naming the field (in zh and en), and database refusals never leak SQL.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INT32_MAX } from '../src/contracts/limits.js';
import { buildApp } from '../src/server/app.js';
import { makeUser } from './helpers/auth.js';
import { ENGINES, type TestDb } from './helpers/db.js';
import { makeEnterprise, makePark } from './helpers/factories.js';

interface Problem {
  status: number;
  code: string;
  detail?: string;
  errors?: { path: (string | number)[]; code: string; message: { zh: string; en: string } }[];
}

describe.each(ENGINES)('[$name] input hygiene', (engine) => {
  let t: TestDb;
  let app: FastifyInstance;
  let headers: Record<string, string>;
  const send = async (method: string, url: string, payload?: unknown, extra: Record<string, string> = {}) => {
    const res = await app.inject({
      method: method as 'GET',
      url,
      headers: { ...headers, ...extra },
      ...(payload === undefined ? {} : { payload: payload as string }),
    });
    return { status: res.statusCode, type: res.headers['content-type'], body: res.json() as Problem };
  };
  const paths = (p: Problem) => (p.errors ?? []).map((e) => e.path.join('.'));

  beforeAll(async () => {
    t = await engine.create();
    app = await buildApp({ db: t.db });
    // Real database errors on each engine, to check their mapping (a test-only route).
    app.get<{ Params: { kind: string } }>('/api/test/db-error/:kind', async (req) => {
      const sql: Record<string, string> = {
        range: `select ${INT32_MAX + 1}::int`,
        text: `select 'abc'::int`,
        money: `select 1e308::numeric(18, 2)`,
        date: `select '2026-02-30'::date`,
        long: `do $$ declare v varchar(2); begin v := 'abcd'; end $$`,
        fk: `insert into buildings (park_id, code, name, type, floors_above, source_id) values (${INT32_MAX}, 'x', 'x', 'office', 1, (select id from sources limit 1))`,
      };
      await t.db.query(sql[req.params.kind] ?? 'select 1');
      return {};
    });
    headers = (await makeUser(t.db, 'city_admin')).headers;
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('refuses an id beyond an int column (2147483648) in a path, a filter and a body with 422', async () => {
    const one = await send('GET', '/api/v1/parks/2147483648');
    expect(one.status).toBe(422);
    expect(paths(one.body)).toContain('params.id');
    expect((await send('GET', `/api/v1/parks/${INT32_MAX}`)).status).toBe(404);
    const filter = await send('GET', '/api/v1/buildings?parkId=2147483648');
    expect(filter.status).toBe(422);
    const body = await send('POST', '/api/v1/buildings', {
      parkId: 2147483648,
      code: 'b',
      name: 'b',
      type: 'office',
      floorsAbove: 1,
    });
    expect(body.status).toBe(422);
    expect(paths(body.body)).toContain('parkId');
  });

  it('refuses an amount beyond numeric(18, 2) (outputWan 1e308) naming the field', async () => {
    const e = (await send('POST', '/api/v1/enterprises', makeEnterprise())).body as unknown as { id: number };
    const res = await send('POST', '/api/v1/metrics', { enterpriseId: e.id, year: 2024, outputWan: 1e308 });
    expect(res.status).toBe(422);
    expect(paths(res.body)).toEqual(['outputWan']);
  });

  it('refuses NUL and lone surrogates anywhere in the request, naming each field', async () => {
    const q = await send('GET', '/api/v1/parks?q=a%00b');
    expect(q.status).toBe(422);
    expect(q.body.errors?.[0]).toMatchObject({ path: ['query', 'q'], code: 'unsafe_characters' });
    expect(q.body.errors?.[0]?.message.zh).toMatch(/空字符/);
    const park = await send(
      'POST',
      '/api/v1/parks',
      JSON.stringify({ ...makePark(), name: '\ud800', tags: ['ok', 'x\u0000'] }),
      {
        'content-type': 'application/json',
      },
    );
    expect(park.status).toBe(422);
    expect(paths(park.body).sort()).toEqual(['name', 'tags.1']);
    const user = await send('POST', '/api/v1/admin/users', {
      username: 'surrogate',
      displayName: '\udc00名',
      role: 'city_analyst',
      organisationId: 1,
    });
    expect(user.status).toBe(422);
    expect(paths(user.body)).toEqual(['displayName']);
    const users = await t.db.query(`select 1 from users where username = 'surrogate'`);
    expect(users).toHaveLength(0);
    const key = await send('POST', '/api/v1/parks', JSON.stringify({ ...makePark(), 'x\u0000': 1 }), {
      'content-type': 'application/json',
    });
    expect(key.status).toBe(422);
    // A well-formed pair (an emoji) is text like any other.
    expect((await send('POST', '/api/v1/parks', makePark({ name: '园区😀' }))).status).toBe(201);
  });

  it('accepts only own sort keys (__proto__, constructor, -toString are 422)', async () => {
    for (const sort of ['__proto__', 'constructor', '-toString', 'hasOwnProperty']) {
      const res = await send('GET', `/api/v1/parks?sort=${sort}`);
      expect(res.status, sort).toBe(422);
      expect(paths(res.body)).toEqual(['query.sort']);
    }
    expect((await send('GET', '/api/v1/parks?sort=-name')).status).toBe(200);
    expect((await send('GET', '/api/v1/export/parks?sort=constructor')).status).toBe(422);
  });

  it('answers 415 to multipart without a boundary on all five upload routes', async () => {
    const park = (await send('POST', '/api/v1/parks', makePark())).body as unknown as { id: number };
    const ev = (await send('POST', '/api/v1/events', { name: '洽谈会', kind: 'matchmaking_conference' }))
      .body as unknown as {
      id: number;
    };
    const project = (await send('POST', '/api/v1/projects', { codeName: 'P', investorName: '投资方', parkId: park.id }))
      .body as unknown as {
      id: number;
    };
    for (const url of [
      '/api/v1/imports',
      '/api/v1/chains/nev/import',
      `/api/v1/projects/${project.id}/documents/upload`,
      `/api/v1/events/${ev.id}/conference/participants/import`,
      `/api/v1/events/${ev.id}/conference/requests/import`,
    ]) {
      const res = await send('POST', url, 'file=abc', { 'content-type': 'multipart/form-data' });
      expect(res.status, url).toBe(415);
      expect(res.body.code, url).toBe('not_multipart');
    }
  });

  it.each([
    ['range', 422, 'out_of_range'],
    ['text', 422, 'invalid_text'],
    ['money', 422, 'out_of_range'],
    ['date', 422, 'invalid_text'],
    ['long', 422, 'text_too_long'],
    ['fk', 422, 'validation_failed'],
  ])('maps the database error %s to %i %s without SQL', async (kind, status, code) => {
    const res = await send('GET', `/api/test/db-error/${kind}`);
    expect(res.status).toBe(status);
    expect(res.type).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe(code);
    expect(res.body.detail).toMatch(/ \/ /); // zh / en
    expect(JSON.stringify(res.body)).not.toMatch(/select|insert|numeric|varchar|::/i);
    // The field is the camel-cased column of the missing reference.
    if (kind === 'fk')
      expect(res.body.errors?.[0]).toMatchObject({
        path: ['parkId'],
        code: 'reference_not_found',
      });
  });
});
