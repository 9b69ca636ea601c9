/**
 * Development zones as a dimension beside districts (issue 11), on both databases: a zone's parks
 * are its anchor park with sub-parks in any district plus the parks of a district it administers
 * as a whole; its counts equal the sum of its parks; lists filter by zone; chain health, the
 * scope name and the matrix take a zone; unknown codes are a 422 naming the field.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authedApp } from '../../../../test/helpers/auth.js';
import { ENGINES, type TestDb } from '../../../../test/helpers/db.js';
import { makeBuilding, makeEnterprise, makePark } from '../../../../test/helpers/factories.js';

interface Zone {
  code: string;
  parks: number;
  enterprises: number;
  tenants: number;
  districts: { code: string; name: string | null; whole: boolean }[];
  membership: { status: string };
  source: { publisher: string } | null;
}

describe.each(ENGINES)('[$name] development zones', (engine) => {
  let t: TestDb;
  let app: FastifyInstance;
  const ids = { anchor: 0, sub: 0, outside: 0, dxh: 0, e1: 0, e2: 0, e3: 0, e4: 0, e5: 0 };

  const post = async (url: string, payload: object) => {
    const res = await app.inject({ method: 'POST', url, payload });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(201);
    return (res.json() as { id: number }).id;
  };
  const get = async (url: string) => {
    const res = await app.inject({ method: 'GET', url });
    return { status: res.statusCode, body: res.json() as Record<string, unknown> };
  };
  /** Puts an enterprise in a new unit of a new building of the park. */
  const tenant = async (parkId: number, enterpriseId: number) => {
    const building = await post('/api/v1/buildings', makeBuilding(parkId));
    const [src] = await t.db.query<{ source_id: string }>('select source_id from parks where id = $1', [parkId]);
    const [floor] = await t.db.query<{ id: number }>(
      'insert into floors (building_id, floor_no, source_id) values ($1, 1, $2) returning id',
      [building, src?.source_id],
    );
    const [unit] = await t.db.query<{ id: number }>(
      `insert into units (floor_id, code, source_id) values ($1, '101', $2) returning id`,
      [floor?.id, src?.source_id],
    );
    await t.db.query('insert into occupancies (enterprise_id, unit_id, source_id) values ($1, $2, $3)', [
      enterpriseId,
      unit?.id,
      src?.source_id,
    ]);
  };

  beforeAll(async () => {
    t = await engine.create();
    app = await authedApp(t.db);
    // 东湖高新: the anchor park in 洪山 and its sub-park in 江夏; a 洪山 park outside the zone.
    ids.anchor = await post(
      '/api/v1/parks',
      makePark({ code: 'donghu-hitech', name: '测试光谷', regionCode: '420111' }),
    );
    ids.sub = await post(
      '/api/v1/parks',
      makePark({ name: '测试光谷江夏园', parentId: ids.anchor, regionCode: '420115' }),
    );
    ids.outside = await post('/api/v1/parks', makePark({ name: '测试洪山园', regionCode: '420111' }));
    // 临空港: every park of 东西湖 counts, with no anchor park at all.
    ids.dxh = await post('/api/v1/parks', makePark({ name: '测试东西湖园', regionCode: '420112' }));
    ids.e1 = await post('/api/v1/enterprises', makeEnterprise({ name: '测试光谷甲', regionCode: '420111' }));
    ids.e2 = await post('/api/v1/enterprises', makeEnterprise({ name: '测试光谷乙', regionCode: '420115' }));
    ids.e3 = await post('/api/v1/enterprises', makeEnterprise({ name: '测试洪山丙', regionCode: '420111' }));
    ids.e4 = await post('/api/v1/enterprises', makeEnterprise({ name: '测试东西湖注册', regionCode: '420112' }));
    ids.e5 = await post('/api/v1/enterprises', makeEnterprise({ name: '测试东西湖入驻', regionCode: '420102' }));
    await tenant(ids.anchor, ids.e1);
    await tenant(ids.sub, ids.e2);
    await tenant(ids.outside, ids.e3);
    await tenant(ids.dxh, ids.e5);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/chain-mappings',
          payload: { enterpriseId: ids.e2, nodeId: 'oe.target', status: 'confirmed' },
        })
      ).statusCode,
    ).toBe(200);
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('lists the zones with counts that equal the sum of their parks', async () => {
    const res = await get('/api/v1/devzones');
    expect(res.status).toBe(200);
    const zones = res.body.items as Zone[];
    expect(zones.map((z) => z.code)).toEqual(['donghu', 'wedz', 'lingkonggang', 'changjiang']);
    const by = new Map(zones.map((z) => [z.code, z]));
    expect(by.get('donghu')).toMatchObject({ parks: 2, tenants: 2, enterprises: 2 });
    // Registered in 东西湖 without a unit (e4) counts in the zone, not among its parks' tenants.
    expect(by.get('lingkonggang')).toMatchObject({ parks: 1, tenants: 1, enterprises: 2 });
    expect(by.get('changjiang')).toMatchObject({ parks: 0, enterprises: 0, source: null });
    expect(by.get('changjiang')?.membership.status).toBe('unverified');
    expect(by.get('lingkonggang')?.districts).toEqual([{ code: '420112', name: '东西湖区', whole: true }]);
    // The sum over the zone's top parks (each counts its sub-parks) equals the zone's tenants.
    for (const z of zones) {
      const parks = (await get(`/api/v1/parks?devzone=${z.code}&pageSize=100`)).body.items as {
        id: number;
        parentId: number | null;
        enterpriseCount: number;
      }[];
      expect(parks).toHaveLength(z.parks);
      const inZone = new Set(parks.map((p) => p.id));
      const top = parks.filter((p) => p.parentId === null || !inZone.has(p.parentId));
      expect(
        top.reduce((s, p) => s + p.enterpriseCount, 0),
        z.code,
      ).toBe(z.tenants);
    }
  });

  it('filters parks and enterprises by zone, whatever their district', async () => {
    const parks = (await get('/api/v1/parks?devzone=donghu')).body.items as { id: number }[];
    expect(parks.map((p) => p.id).sort()).toEqual([ids.anchor, ids.sub].sort());
    const firms = (await get('/api/v1/enterprises?devzone=donghu')).body.items as { id: number }[];
    expect(firms.map((e) => e.id).sort()).toEqual([ids.e1, ids.e2].sort());
    const dxh = (await get('/api/v1/enterprises?devzone=lingkonggang')).body.items as { id: number }[];
    expect(dxh.map((e) => e.id).sort()).toEqual([ids.e4, ids.e5].sort());
  });

  it('analyses a chain for a zone scope', async () => {
    const info = await get('/api/v1/chain-scope?scope=devzone:donghu');
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({
      scope: 'devzone:donghu',
      kind: 'devzone',
      nameZh: '武汉东湖新技术开发区（光谷）',
    });
    type Health = { scope: unknown; summary: { localFirms: number } };
    const zone = (await get('/api/v1/chains/oe/health?scope=devzone:donghu')) as { status: number; body: Health };
    expect(zone.status).toBe(200);
    expect(zone.body.summary.localFirms).toBe(1);
    const other = (await get('/api/v1/chains/oe/health?scope=devzone:lingkonggang')).body as Health;
    expect(other.summary.localFirms).toBe(0);
    const matrix = await get('/api/v1/chain-matrix?by=devzone');
    expect(matrix.status).toBe(200);
    const rows = matrix.body.rows as {
      scope: string;
      enterprises: number;
      cells: { chainCode: string; localFirms: number }[];
    }[];
    expect(rows.map((r) => r.scope)).toEqual([
      'devzone:donghu',
      'devzone:wedz',
      'devzone:lingkonggang',
      'devzone:changjiang',
    ]);
    expect(rows[0]?.enterprises).toBe(2);
    expect(rows[0]?.cells.find((c) => c.chainCode === 'oe')?.localFirms).toBe(1);
    const onlyZone = (await get('/api/v1/chain-matrix?by=park&devzone=donghu')).body.rows as { parkId: number }[];
    expect(onlyZone.map((r) => r.parkId).sort()).toEqual([ids.anchor, ids.sub].sort());
    const xlsx = await app.inject({ method: 'GET', url: '/api/v1/chain-matrix.xlsx?by=devzone' });
    expect(xlsx.statusCode).toBe(200);
  });

  it('answers 422 naming the field for an unknown zone code', async () => {
    for (const [url, field] of [
      ['/api/v1/parks?devzone=nowhere', 'devzone'],
      ['/api/v1/enterprises?devzone=nowhere', 'devzone'],
      ['/api/v1/chains/oe/health?scope=devzone:nowhere', 'scope'],
      ['/api/v1/chain-scope?scope=devzone:', 'scope'],
      ['/api/v1/chain-matrix?by=park&devzone=nowhere', 'devzone'],
      ['/api/v1/chains/oe/compare?a=city&b=devzone:nowhere', 'b'],
    ] as const) {
      const res = await get(url);
      expect(res.status, url).toBe(422);
      expect(JSON.stringify(res.body), url).toContain(`"${field}"`);
    }
  });
});
