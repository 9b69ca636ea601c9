import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authedApp } from '../../../../test/helpers/auth.js';
import { ENGINES, type TestDb } from '../../../../test/helpers/db.js';
import { makeBuilding, makeCreditCode, makeEnterprise, makePark } from '../../../../test/helpers/factories.js';
import { backfillSearchKeys } from './backfill.js';
import type { TSearchHit } from './schemas.js';

describe.each(ENGINES)('[$name] search API', (engine) => {
  let t: TestDb;
  let app: FastifyInstance;
  const ids: Record<string, number> = {};
  const jfCode = makeCreditCode('330200');

  const post = async (url: string, payload: object) => {
    const r = await app.inject({ method: 'POST', url, payload });
    expect(r.statusCode, r.body).toBe(201);
    return JSON.parse(r.body) as { id: number; version: number };
  };
  const search = async (q: string, extra = '') => {
    const r = await app.inject({ method: 'GET', url: `/api/v1/search?q=${encodeURIComponent(q)}${extra}` });
    expect(r.statusCode, r.body).toBe(200);
    return (JSON.parse(r.body) as { items: TSearchHit[] }).items;
  };
  const titles = (hits: TSearchHit[]) => hits.map((h) => h.title);

  beforeAll(async () => {
    t = await engine.create();
    app = await authedApp(t.db);
    const park = await post('/api/v1/parks', makePark({ name: '光谷生物城', tags: ['光谷'], regionCode: '420111' }));
    ids.park = park.id;
    ids.building = (await post('/api/v1/buildings', makeBuilding(park.id, { name: '江丰大厦' }))).id;
    ids.jiangfeng = (
      await post(
        '/api/v1/enterprises',
        makeEnterprise({
          name: '宁波江丰电子材料股份有限公司',
          aliases: ['江丰电子'],
          creditCode: jfCode,
          products: ['溅射靶材'],
          regionCode: '420111',
        }),
      )
    ).id;
    ids.exact = (await post('/api/v1/enterprises', makeEnterprise({ name: '江丰' }))).id;
    ids.other = (await post('/api/v1/enterprises', makeEnterprise({ name: '武汉长江通信产业集团股份有限公司' }))).id;
    ids.target = (await post('/api/v1/enterprises', makeEnterprise({ name: '华引芯科技', products: ['靶材'] }))).id;
    ids.institution = (await post('/api/v1/institutions', { name: '湖北江城实验室', kind: 'research_institute' })).id;
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('finds 江丰电子 by its pinyin initials', async () => {
    const hits = await search('jfdz');
    expect(hits[0]).toMatchObject({
      type: 'enterprise',
      id: ids.jiangfeng,
      matchedField: 'aliasInitials',
      match: 'exact',
      highlight: { text: '江丰电子', ranges: [{ start: 0, end: 4 }] },
    });
  });

  it('finds a Chinese substring across kinds, exact before prefix before substring', async () => {
    const hits = await search('江丰');
    expect(hits.map((h) => `${h.type}:${h.title}`)).toEqual([
      'enterprise:江丰',
      'building:江丰大厦',
      'enterprise:宁波江丰电子材料股份有限公司',
    ]);
    expect(hits[0]).toMatchObject({ match: 'exact', matchedField: 'name' });
    expect(hits[1]).toMatchObject({ match: 'prefix', subtitle: '光谷生物城 · 洪山区' });
    expect(hits[2]!.highlight).toEqual({ text: '江丰电子', ranges: [{ start: 0, end: 2 }] });
  });

  it('finds full pinyin and highlights the characters in the title', async () => {
    const hits = await search('jiangfeng', '&types=enterprise');
    expect(titles(hits).slice(0, 2)).toEqual(['江丰', '宁波江丰电子材料股份有限公司']);
    expect(hits.slice(2).every((h) => h.match === 'fuzzy')).toBe(true);
    expect(hits[0]).toMatchObject({ match: 'exact', matchedField: 'namePinyin' });
    expect(hits.every((h) => h.type === 'enterprise')).toBe(true);
  });

  it('tolerates a typo in pinyin and ranks exact matches before fuzzy ones', async () => {
    const typo = await search('jiangfengdainzi');
    expect(typo[0]).toMatchObject({ id: ids.jiangfeng, match: 'fuzzy' });
    const both = await search('changjaing');
    expect(both[0]).toMatchObject({ id: ids.other, match: 'fuzzy', highlight: { ranges: [{ start: 2, end: 4 }] } });
    const ranked = await search('江城');
    expect(ranked[0]).toMatchObject({ type: 'institution', match: 'substring' });
  });

  it('finds a credit code, whole or by its prefix', async () => {
    const whole = await search(jfCode.toLowerCase());
    expect(whole[0]).toMatchObject({ id: ids.jiangfeng, match: 'exact', matchedField: 'code' });
    const prefix = await search(jfCode.slice(0, 10), '&types=enterprise');
    expect(prefix.map((h) => h.id)).toContain(ids.jiangfeng);
    expect(prefix.find((h) => h.id === ids.jiangfeng)).toMatchObject({ match: 'prefix', matchedField: 'code' });
  });

  it('finds an alias and a tag, and ranks a name before a product', async () => {
    expect((await search('江丰电子'))[0]).toMatchObject({ id: ids.jiangfeng, matchedField: 'alias', match: 'exact' });
    expect((await search('光谷'))[0]).toMatchObject({
      type: 'park',
      id: ids.park,
      matchedField: 'tag',
      match: 'exact',
    });
    const target = await post('/api/v1/enterprises', makeEnterprise({ name: '靶材之家' }));
    const hits = await search('靶材');
    expect(hits[0]).toMatchObject({ id: target.id, matchedField: 'name' });
    expect(hits.slice(1).map((h) => h.matchedField)).toEqual(['product', 'product']);
  });

  it('keys updates, and rows written without keys once backfilled', async () => {
    const p = await post('/api/v1/parks', makePark({ name: '临空港经开区' }));
    const r = await app.inject({
      method: 'PATCH',
      url: `/api/v1/parks/${p.id}`,
      payload: { version: 1, name: '车谷产业园' },
    });
    expect(r.statusCode).toBe(200);
    expect((await search('cgcyy'))[0]).toMatchObject({ id: p.id, matchedField: 'nameInitials' });
    expect(await search('lkgjkq')).toEqual([]);

    await t.db.query(`update enterprises set name = '星谷智造' where id = $1`, [ids.target]);
    await t.db.query(`insert into enterprises (name, source_id) values ('网谷信创', 'user'), ('北斗导航', 'user')`);
    const [pending] = await t.db.query<{ n: number }>(
      'select count(*)::int as n from enterprises where search_keys is null',
    );
    expect(pending!.n).toBe(3);
    expect(await backfillSearchKeys(t.db)).toBe(3);
    expect(await backfillSearchKeys(t.db)).toBe(0);
    expect((await search('xgzz'))[0]).toMatchObject({ id: ids.target, title: '星谷智造' });
    await t.db.query(`insert into enterprises (name, source_id) values ('光谷量子', 'user')`);
    expect((await search('ggl'))[0]).toMatchObject({ title: '光谷量子' }); // keyed on the way in
  });

  it('validates the query and documents the route', async () => {
    const bad = await app.inject({ method: 'GET', url: '/api/v1/search?q=x&types=mall&limit=0' });
    expect(bad.statusCode).toBe(422);
    expect((await app.inject({ method: 'GET', url: '/api/v1/search' })).statusCode).toBe(422);
    const doc = JSON.parse((await app.inject({ method: 'GET', url: '/api/openapi.json' })).body) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths)).toContain('/api/v1/search');
  });
});
