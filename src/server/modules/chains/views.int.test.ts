/**
 * Chain view endpoints on both databases: scope names, the chains × parks matrix (a park counts
 * its sub-parks), the comparison, a leader's suppliers with places and rates, outside suppliers,
 * every Excel export, zone roles (no money figures, no parks outside their zone), bad scopes, and
 * that the cached inputs follow a new mapping at once.
 */
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authedApp, makeUser } from '../../../../test/helpers/auth.js';
import { ENGINES, type TestDb } from '../../../../test/helpers/db.js';
import { makeBuilding, makeEnterprise, makePark } from '../../../../test/helpers/factories.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe.each(ENGINES)('[$name] chain views', (engine) => {
  let t: TestDb;
  let app: FastifyInstance;
  const ids = { park: 0, sub: 0, other: 0, building: 0, local: 0, leader: 0, outside: 0, far: 0 };

  const post = async (url: string, payload: object) => {
    const res = await app.inject({ method: 'POST', url, payload });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(201);
    return res.json() as { id: number };
  };
  const get = async (url: string, headers?: Record<string, string>) => {
    const res = await app.inject({ method: 'GET', url, headers });
    return { status: res.statusCode, body: res.json() as Record<string, unknown> & { items?: unknown[] } };
  };
  const confirm = (enterpriseId: number, nodeId: string) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/chain-mappings',
      payload: { enterpriseId, nodeId, status: 'confirmed' },
    });

  beforeAll(async () => {
    t = await engine.create();
    app = await authedApp(t.db);
    // 东西湖: a park with a sub-park holding the target maker; the panel leader registered in the district
    ids.park = (await post('/api/v1/parks', makePark({ name: '测试临空港', lat: 30.7, lng: 114.1 }))).id;
    ids.sub = (
      await post('/api/v1/parks', makePark({ name: '测试靶材园', parentId: ids.park, lat: 30.72, lng: 114.11 }))
    ).id;
    ids.other = (await post('/api/v1/parks', makePark({ name: '测试江岸园', regionCode: '420102' }))).id;
    ids.building = (await post('/api/v1/buildings', makeBuilding(ids.sub, { name: '靶材厂房' }))).id;
    ids.local = (await post('/api/v1/enterprises', makeEnterprise({ name: '测试靶材公司', regionCode: '420112' }))).id;
    ids.leader = (
      await post(
        '/api/v1/enterprises',
        makeEnterprise({ name: '测试面板公司', regionCode: '420112', isChainLeader: true }),
      )
    ).id;
    ids.outside = (
      await post('/api/v1/enterprises', makeEnterprise({ name: '测试江岸玻璃', regionCode: '420102' }))
    ).id;
    ids.far = (await post('/api/v1/enterprises', makeEnterprise({ name: '测试外省偏光片', regionCode: '110105' }))).id;
    const [src] = await t.db.query<{ source_id: string }>('select source_id from parks where id = $1', [ids.sub]);
    const [floor] = await t.db.query<{ id: number }>(
      'insert into floors (building_id, floor_no, source_id) values ($1, 1, $2) returning id',
      [ids.building, src?.source_id],
    );
    const [unit] = await t.db.query<{ id: number }>(
      `insert into units (floor_id, code, source_id) values ($1, '101', $2) returning id`,
      [floor?.id, src?.source_id],
    );
    await t.db.query('insert into occupancies (enterprise_id, unit_id, source_id) values ($1, $2, $3)', [
      ids.local,
      unit?.id,
      src?.source_id,
    ]);
    await post('/api/v1/supply-links', {
      supplierId: ids.local,
      customerId: ids.leader,
      product: '靶材',
      annualAmountWan: 100,
    });
    await post('/api/v1/supply-links', {
      supplierId: ids.outside,
      customerId: ids.leader,
      product: '玻璃基板',
      annualAmountWan: 300,
    });
    await post('/api/v1/supply-links', {
      supplierId: ids.far,
      customerId: ids.leader,
      product: '偏光片',
      annualAmountWan: null,
    });
    for (const [id, node] of [
      [ids.local, 'oe.target'],
      [ids.leader, 'oe.panel_lcd'],
      [ids.outside, 'oe.glass'],
      [ids.far, 'oe.film_chem'],
    ] as const)
      expect((await confirm(id, node)).statusCode).toBe(200);
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('names a scope and refuses a malformed or unknown one', async () => {
    expect((await get(`/api/v1/chain-scope?scope=park:${ids.sub}`)).body).toMatchObject({
      kind: 'park',
      nameZh: '测试靶材园',
      regionCode: '420112',
    });
    expect((await get('/api/v1/chain-scope?scope=district:420112')).body.nameZh).toBe('东西湖区');
    expect((await get(`/api/v1/chain-scope?scope=building:${ids.building}`)).body.nameZh).toBe('测试靶材园 · 靶材厂房');
    const bad = await get('/api/v1/chain-scope?scope=park:abc');
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toContain('"scope"');
    expect((await get('/api/v1/chain-scope?scope=park:999999')).status).toBe(404);
  });

  it('builds the chains × parks matrix, a park counting its sub-parks, and the districts matrix', async () => {
    const m = (await get('/api/v1/chain-matrix?by=park')).body as unknown as {
      chains: { code: string }[];
      rows: {
        scope: string;
        enterprises: number;
        cells: { chainCode: string; covered: number; localFirms: number }[];
      }[];
    };
    expect(m.chains.map((c) => c.code)).toContain('oe');
    const row = (id: number) => m.rows.find((r) => r.scope === `park:${id}`);
    const oe = (id: number) => row(id)?.cells.find((c) => c.chainCode === 'oe');
    expect(oe(ids.sub)).toMatchObject({ covered: 1, localFirms: 1 });
    expect(oe(ids.park)).toMatchObject({ covered: 1, localFirms: 1 }); // through its sub-park
    expect(oe(ids.other)).toMatchObject({ covered: 0, localFirms: 0 });
    expect(row(ids.park)?.cells).toHaveLength(m.chains.length);

    const d = (await get('/api/v1/chain-matrix?by=district')).body as unknown as typeof m;
    const dxh = d.rows.find((r) => r.scope === 'district:420112')?.cells.find((c) => c.chainCode === 'oe');
    // the target maker (located) and the panel leader (registered) are local to the district
    expect(dxh).toMatchObject({ covered: 2, localFirms: 2 });
    const only = (await get('/api/v1/chain-matrix?by=park&district=420102')).body as unknown as typeof m;
    expect(only.rows.map((r) => r.scope)).toEqual([`park:${ids.other}`]);
  });

  it('compares two scopes with the same thresholds', async () => {
    const c = (await get(`/api/v1/chains/oe/compare?a=park:${ids.sub}&b=city`)).body as unknown as {
      a: { scope: { nameZh: string }; health: { summary: { covered: number } } };
      b: { scope: { nameZh: string }; health: { summary: { covered: number } } };
    };
    expect(c.a.scope.nameZh).toBe('测试靶材园');
    expect(c.b.scope.nameZh).toBe('武汉市');
    expect(c.a.health.summary.covered).toBe(1);
    expect(c.b.health.summary.covered).toBe(3); // target, panel and glass makers are in Wuhan
    expect((await get('/api/v1/chains/oe/compare?a=city')).status).toBe(422);
  });

  it("lists a leader's suppliers, local or not, with places and both rates", async () => {
    const s = (await get(`/api/v1/enterprises/${ids.leader}/chain-suppliers?scope=district:420112&chain=oe`))
      .body as unknown as {
      suppliers: {
        name: string;
        local: boolean;
        inCity: boolean;
        place: { at: string; lat: number } | null;
        nodeIds: string[];
      }[];
      rate: { byAmount: number; byCount: number; unknownAmountLinks: number; purchaseWan: number };
    };
    const by = (n: string) => s.suppliers.find((x) => x.name === n);
    expect(by('测试靶材公司')).toMatchObject({ local: true, inCity: true, nodeIds: ['oe.target'] });
    expect(by('测试靶材公司')?.place).toMatchObject({ at: 'park', lat: 30.72 });
    expect(by('测试江岸玻璃')).toMatchObject({ local: false, inCity: true, place: null });
    expect(by('测试外省偏光片')).toMatchObject({ local: false, inCity: false });
    // 100 local of 400 known; one link of unknown amount; 1 of 3 suppliers local
    expect(s.rate).toMatchObject({ purchaseWan: 400, byAmount: 0.25, unknownAmountLinks: 1 });
    expect(s.rate.byCount).toBeCloseTo(1 / 3, 12);
  });

  it('lists outside suppliers of the local chain firms, leaders first', async () => {
    const o = (await get('/api/v1/chains/oe/outside-suppliers?scope=district:420112')).body.items as {
      name: string;
      nodeIds: string[];
      customers: { name: string; leader: boolean }[];
      amountWan: number | null;
      products: string[];
    }[];
    expect(o.map((x) => x.name).sort()).toEqual(['测试外省偏光片', '测试江岸玻璃']);
    expect(o.find((x) => x.name === '测试江岸玻璃')?.products).toEqual(['玻璃基板']);
    const glass = o.find((x) => x.name === '测试江岸玻璃');
    expect(glass?.nodeIds).toContain('oe.glass');
    expect(glass?.amountWan).toBe(300);
    expect(glass?.customers).toEqual([expect.objectContaining({ name: '测试面板公司', leader: true })]);
  });

  it('exports every view as an xlsx with Chinese or English headers', async () => {
    const urls = [
      '/api/v1/chain-health.xlsx?scope=district:420112',
      '/api/v1/chains/oe/health.xlsx?scope=district:420112',
      '/api/v1/chain-matrix.xlsx?by=park',
      `/api/v1/chains/oe/compare.xlsx?a=park:${ids.sub}&b=city`,
      `/api/v1/enterprises/${ids.leader}/chain-suppliers.xlsx?scope=district:420112&chain=oe`,
    ];
    for (const url of urls) {
      for (const lang of ['zh', 'en'] as const) {
        const res = await app.inject({ method: 'GET', url: `${url}&lang=${lang}` });
        expect(res.statusCode, url).toBe(200);
        expect(res.headers['content-type']).toBe(XLSX);
        expect(String(res.headers['content-disposition'])).toMatch(/attachment; filename\*=UTF-8''parklink-.*\.xlsx/);
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
        const header = ((wb.worksheets[0]?.getRow(2).values ?? []) as unknown[]).filter(Boolean).map(String);
        expect(header.length, url).toBeGreaterThan(2);
        // the first column's header (later ones may carry a scope's Chinese name)
        expect(/[\u4e00-\u9fff]/.test(header[0] ?? ''), `${url} ${lang}`).toBe(lang === 'zh');
      }
    }
    const chain = new ExcelJS.Workbook();
    await chain.xlsx.load(
      (await app.inject({ method: 'GET', url: '/api/v1/chains/oe/health.xlsx?scope=district:420112' }))
        .rawPayload as unknown as ArrayBuffer,
    );
    expect(chain.worksheets.map((w) => w.name)).toEqual(['环节', '本地企业', '链主', '得分构成', '补链目标']);
    const firms: string[] = [];
    chain.getWorksheet('本地企业')?.eachRow((r) => firms.push(String(r.getCell(2).value)));
    expect(firms).toEqual(expect.arrayContaining(['测试靶材公司', '测试面板公司']));
  });

  it('withholds money figures from zone roles and hides parks outside their zone', async () => {
    const district = await makeUser(t.db, 'district_user', { regionCodes: ['420112'] });
    const s = await get(
      `/api/v1/enterprises/${ids.leader}/chain-suppliers?scope=district:420112&chain=oe`,
      district.headers,
    );
    expect(s.status).toBe(200);
    expect(JSON.stringify(s.body)).not.toMatch(/"amountWan":\d|"purchaseWan":\d/);
    expect((s.body as { rate: { byAmount: number } }).rate.byAmount).toBe(0.25);
    const operator = await makeUser(t.db, 'park_operator', { parkIds: [ids.other] });
    expect((await get(`/api/v1/chain-scope?scope=park:${ids.sub}`, operator.headers)).status).toBe(404);
    const m = (await get('/api/v1/chain-matrix?by=park', operator.headers)).body as { rows: { scope: string }[] };
    expect(m.rows.map((r) => r.scope)).toEqual([`park:${ids.other}`]);
  });

  it('follows a new mapping at once (the cached inputs are keyed by the data)', async () => {
    const before = (await get('/api/v1/chains/oe/health?scope=city')).body as { summary: { covered: number } };
    const e = (await post('/api/v1/enterprises', makeEnterprise({ name: '测试驱动芯片', regionCode: '420111' }))).id;
    expect((await confirm(e, 'oe.ddic')).statusCode).toBe(200);
    const after = (await get('/api/v1/chains/oe/health?scope=city')).body as { summary: { covered: number } };
    expect(after.summary.covered).toBe(before.summary.covered + 1);
  });

  it('follows a new tenant of a park at once (local firms are cached under the change counters)', async () => {
    type Health = { summary: { covered: number } };
    const scope = `park:${ids.sub}`;
    const before = (await get(`/api/v1/chains/oe/health?scope=${scope}`)).body as Health;
    const e = (await post('/api/v1/enterprises', makeEnterprise({ name: '测试光模块新租户', regionCode: '110105' })))
      .id;
    expect((await confirm(e, 'oe.module')).statusCode).toBe(200);
    // mapped but registered elsewhere and without a unit in the park: not local yet
    expect(((await get(`/api/v1/chains/oe/health?scope=${scope}`)).body as Health).summary.covered).toBe(
      before.summary.covered,
    );
    const [floor] = await t.db.query<{ id: number; source_id: string }>(
      'select id, source_id from floors where building_id = $1',
      [ids.building],
    );
    const [unit] = await t.db.query<{ id: number }>(
      `insert into units (floor_id, code, source_id) values ($1, '102', $2) returning id`,
      [floor?.id, floor?.source_id],
    );
    await t.db.query('insert into occupancies (enterprise_id, unit_id, source_id) values ($1, $2, $3)', [
      e,
      unit?.id,
      floor?.source_id,
    ]);
    const after = (await get(`/api/v1/chains/oe/health?scope=${scope}`)).body as Health;
    expect(after.summary.covered).toBe(before.summary.covered + 1);
  });
});
