/**
 * The land register on the demo city: changing a plot at the version read (409 when stale), who may
 * change or remove which plots (the city any, a district its parks, an operator its own, a viewer none),
 * refusals naming the field in zh and en, audit rows, and the register import (all rows or none, each
 * bad cell named by sheet, row, column and value; the template read back as it is).
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, type TestDb } from '../../../../test/helpers/db.js';
import { type DemoApp, demoApp } from '../../../../test/helpers/demo.js';
import { multipart } from '../../../../test/helpers/multipart.js';
import type { TLandPlot } from '../../../contracts/evaluation.js';
import type { RowProblem } from '../../../contracts/imports.js';

const P = '/api/v1/evaluation/renewal/plots';
type Problem = { path: (string | number)[]; code: string; message: { zh: string; en: string } };
const SQUARE = (lng: number, lat: number) => [
  [lng, lat],
  [lng + 0.001, lat],
  [lng + 0.001, lat + 0.001],
  [lng, lat + 0.001],
];

async function xlsx(header: string[], rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe.each(ENGINES)('[$name] the land register: plot changes and import', (engine) => {
  let t: TestDb;
  let d: DemoApp;
  /** A park of the operator (in the district's zone), one of the district's others, one outside the district. */
  let own: { id: number; name: string; code: string };
  let districtPark: { id: number; name: string };
  let outside: { id: number; name: string };
  const plots = new Map<string, TLandPlot>();
  let opParks = new Set<number>();

  const upload = async (user: string, bytes: Buffer, name = 'register.xlsx') => {
    const body = multipart({ name, bytes });
    const r = await d.app.inject({
      method: 'POST',
      url: `${P}/import`,
      headers: { authorization: `Bearer ${await token(user)}`, ...body.headers },
      payload: body.payload,
    });
    return { status: r.statusCode, body: r.json() as Record<string, unknown>, text: r.body };
  };
  const tokens = new Map<string, string>();
  const token = async (user: string) => {
    if (!tokens.has(user)) {
      const { createApiToken } = await import('../auth/sessions.js');
      const [u] = await t.db.query<{ id: number }>('select id from users where username = $1', [user]);
      tokens.set(user, (await createApiToken(t.db, u!.id, 'test', false)).token);
    }
    return tokens.get(user)!;
  };
  const audits = async (id: number) =>
    t.db.query<{
      action: string;
      old_values: Record<string, unknown> | null;
      new_values: Record<string, unknown> | null;
      actor: string | null;
    }>(
      `select action, old_values, new_values, actor from change_log where entity = 'land_plots' and entity_id = $1 order by id`,
      [String(id)],
    );
  const countPlots = async () =>
    Number((await t.db.query<{ n: number }>('select count(*)::int as n from land_plots'))[0]!.n);

  beforeAll(async () => {
    t = await engine.create();
    d = await demoApp(t);
    const parksOf = async (user: string) =>
      t.db.query<{ id: number; name: string; code: string }>(
        `select p.id, p.name, p.code from parks p where p.id in (
           select op.park_id from organisation_parks op join users u on u.organisation_id = op.organisation_id
            where u.username = $1) order by p.id`,
        [user],
      );
    own = (await parksOf(d.users.park_operator))[0]!;
    // The district's parks: those the renewal view lists for it (its zone); one the operator does not run.
    const runs = (await d.as(d.users.city_admin, 'GET', '/api/v1/evaluation/runs')).body as { items: { id: number }[] };
    const scoped = await d.as(d.users.district_user, 'GET', `/api/v1/evaluation/renewal?runId=${runs.items[0]!.id}`);
    const districtIds = new Set((scoped.body as { items: { parkId: number }[] }).items.map((p) => p.parkId));
    const all = await t.db.query<{ id: number; name: string }>('select id, name from parks order by id');
    opParks = new Set((await parksOf(d.users.park_operator)).map((p) => p.id));
    districtPark = all.find((p) => districtIds.has(p.id) && !opParks.has(p.id))!;
    outside = all.find((p) => !districtIds.has(p.id))!;
    expect(own && districtPark && outside).toBeTruthy();
    for (const [key, parkId] of [
      ['own', own.id],
      ['district', districtPark.id],
      ['outside', outside.id],
    ] as const) {
      const r = await d.as(d.users.city_admin, 'POST', P, {
        parkId,
        code: `T-${key}`,
        name: `测试地块 ${key}`,
        areaMu: 10,
        landUse: 'industrial',
        outline: SQUARE(114.2, 30.5),
      });
      expect(r.status, r.text).toBe(201);
      plots.set(key, r.body as TLandPlot);
    }
  }, 300_000);
  afterAll(async () => {
    await d?.app.close();
    await t?.drop();
  });

  it('changes a plot at the version read, audited with the fields before and after; a stale version is 409', async () => {
    const p = plots.get('district')!;
    expect(p.version).toBe(1);
    const ok = await d.as(d.users.district_user, 'PATCH', `${P}/${p.id}`, {
      version: 1,
      name: '改名地块',
      areaMu: 11.5,
      landUse: 'rd',
    });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body).toMatchObject({ name: '改名地块', areaMu: 11.5, landUse: 'rd', version: 2, code: 'T-district' });
    const log = await audits(p.id);
    expect(log.map((l) => l.action)).toEqual(['create', 'update']);
    expect(log[1]).toMatchObject({
      actor: d.users.district_user,
      old_values: { name: '测试地块 district', areaMu: 10, landUse: 'industrial' },
      new_values: { name: '改名地块', areaMu: 11.5, landUse: 'rd' },
    });
    const stale = await d.as(d.users.city_admin, 'PATCH', `${P}/${p.id}`, { version: 1, name: '旧版本' });
    expect(stale.status, stale.text).toBe(409);
    expect(stale.body).toMatchObject({ code: 'stale_version', current: { version: 2, name: '改名地块' } });
    expect((await audits(p.id)).length).toBe(2);
    // The renewal view carries the version to send back.
    const runs = (await d.as(d.users.city_admin, 'GET', '/api/v1/evaluation/runs')).body as { items: { id: number }[] };
    const view = (await d.as(d.users.district_user, 'GET', `/api/v1/evaluation/renewal?runId=${runs.items[0]!.id}`))
      .body as { plots: { plotId: number; version: number }[] };
    expect(view.plots.find((x) => x.plotId === p.id)?.version).toBe(2);
  });

  it('refuses bad changes naming each field in zh and en, and writes nothing', async () => {
    const p = plots.get('own')!;
    const bad = await d.as(d.users.park_operator, 'PATCH', `${P}/${p.id}`, {
      version: p.version,
      areaMu: -3,
      landUse: 'farm',
      lat: 30.6,
      lng: null,
    });
    expect(bad.status, bad.text).toBe(422);
    const errs = (bad.body as { errors: Problem[] }).errors;
    expect(errs.map((e) => e.path.join('.')).sort()).toEqual(['areaMu', 'landUse', 'lng']);
    expect(errs.every((e) => e.message.zh && e.message.en && e.message.zh !== e.message.en)).toBe(true);
    // No place left: the outline named; another plot's code in the park: the code named; a foreign building.
    const [foreign] = await t.db.query<{ id: number }>('select id from buildings where park_id <> $1 limit 1', [
      own.id,
    ]);
    await d.as(d.users.city_admin, 'POST', P, {
      parkId: own.id,
      code: 'T-own-2',
      name: '第二块',
      areaMu: 3,
      landUse: 'other',
      lat: 30.5,
      lng: 114.2,
    });
    const clash = await d.as(d.users.park_operator, 'PATCH', `${P}/${p.id}`, {
      version: p.version,
      outline: null,
      code: 'T-own-2',
      buildingIds: [foreign!.id],
    });
    expect(clash.status, clash.text).toBe(422);
    expect(((clash.body as { errors: Problem[] }).errors.map((e) => e.path.join('.')) as string[]).sort()).toEqual([
      'buildingIds.0',
      'code',
      'outline',
    ]);
    const missingVersion = await d.as(d.users.park_operator, 'PATCH', `${P}/${p.id}`, { name: 'x' });
    expect(missingVersion.status).toBe(422);
    expect((missingVersion.body as { errors: Problem[] }).errors[0]?.path).toEqual(['version']);
    const now = (await d.as(d.users.park_operator, 'GET', `${P}/${p.id}`)).body as TLandPlot;
    expect(now).toMatchObject({ version: 1, areaMu: 10, code: 'T-own' });
    expect((await audits(p.id)).length).toBe(1);
  });

  it('lets each role change only the plots of its parks: operator its own, district its zone, viewer none', async () => {
    const mine = plots.get('own')!;
    const dist = plots.get('district')!;
    const out = plots.get('outside')!;
    const body = (version: number) => ({ version, nameEn: 'Renamed' });
    // the operator: its own park's plot, not the district's other parks (not even shown: 404)
    expect((await d.as(d.users.park_operator, 'PATCH', `${P}/${mine.id}`, body(1))).status).toBe(200);
    expect((await d.as(d.users.park_operator, 'PATCH', `${P}/${dist.id}`, body(2))).status).toBe(404);
    expect((await d.as(d.users.park_operator, 'DELETE', `${P}/${dist.id}`)).status).toBe(404);
    // the district: not another district's plot
    expect((await d.as(d.users.district_user, 'PATCH', `${P}/${out.id}`, body(1))).status).toBe(404);
    // viewers and analysts read, never write
    expect((await d.as(d.users.viewer, 'GET', `${P}/${out.id}`)).status).toBe(200);
    expect((await d.as(d.users.viewer, 'PATCH', `${P}/${out.id}`, body(1))).status).toBe(403);
    expect((await d.as(d.users.city_analyst, 'DELETE', `${P}/${out.id}`)).status).toBe(403);
    expect((await d.as(d.users.enterprise_user, 'PATCH', `${P}/${out.id}`, body(1))).status).toBe(403);
    // the operator creates in its park only
    const elsewhere = await d.as(d.users.park_operator, 'POST', P, {
      parkId: districtPark.id,
      code: 'T-op',
      name: '越权',
      areaMu: 1,
      landUse: 'other',
      lat: 30.5,
      lng: 114.2,
    });
    expect(elsewhere.status).toBe(403);
    // removing: audited with the plot as it was; a stale version is refused first
    expect((await d.as(d.users.park_operator, 'DELETE', `${P}/${mine.id}?version=1`)).status).toBe(409);
    const gone = await d.as(d.users.park_operator, 'DELETE', `${P}/${mine.id}?version=2`);
    expect(gone.status, gone.text).toBe(204);
    expect((await d.as(d.users.city_admin, 'GET', `${P}/${mine.id}`)).status).toBe(404);
    const log = await audits(mine.id);
    expect(log.at(-1)).toMatchObject({ action: 'delete', old_values: { code: 'T-own', nameEn: 'Renamed' } });
  });

  it('imports a register (area in mu or m², WKT, GeoJSON or a point, holder by name), then updates by code', async () => {
    const [firm] = await t.db.query<{ id: number; name: string }>(
      'select id, name from enterprises where credit_code is not null order by id limit 1',
    );
    const before = await countPlots();
    const file = await xlsx(
      ['园区', '地块编号', '地块', '面积（亩）', '面积（平方米）', '用途', '权利人', '边界', '经度', '纬度'],
      [
        [
          districtPark.name,
          'IMP-1',
          '一号',
          20,
          '',
          '工业用地',
          firm!.name,
          'POLYGON((114.2 30.5, 114.202 30.5, 114.202 30.502, 114.2 30.502))',
          '',
          '',
        ],
        [districtPark.name, 'IMP-2', '二号', '', 6667, '研发', '某平台公司', '', 114.21, 30.51],
        [
          districtPark.name,
          'IMP-3',
          '三号',
          5,
          '',
          'Warehousing',
          '',
          JSON.stringify({ type: 'Polygon', coordinates: [SQUARE(114.22, 30.52)] }),
          '',
          '',
        ],
      ],
    );
    const r = await upload(d.users.district_user, file);
    expect(r.status, r.text).toBe(201);
    expect(r.body).toEqual({ imported: 3, updated: 0 });
    expect(await countPlots()).toBe(before + 3);
    const rows = await t.db.query<{
      code: string;
      area_mu: number;
      land_use: string;
      owner_enterprise_id: number | null;
      owner_name: string | null;
      outline: unknown;
      lat: number | null;
    }>(
      `select code, area_mu::float8 as area_mu, land_use, owner_enterprise_id, owner_name, outline, lat from land_plots
        where park_id = $1 and code like 'IMP-%' order by code`,
      [districtPark.id],
    );
    expect(rows.map((x) => [x.code, x.land_use])).toEqual([
      ['IMP-1', 'industrial'],
      ['IMP-2', 'rd'],
      ['IMP-3', 'warehouse'],
    ]);
    expect(rows[0]).toMatchObject({ owner_enterprise_id: firm!.id, area_mu: 20 });
    expect((rows[0]!.outline as unknown[]).length).toBe(5); // closed ring
    expect(rows[1]).toMatchObject({ owner_enterprise_id: null, owner_name: '某平台公司', outline: null, lat: 30.51 });
    expect(rows[1]!.area_mu).toBeCloseTo(6667 / (10_000 / 15), 3);
    // once per plot in the change log, by the importer
    const [n] = await t.db.query<{ n: number }>(
      `select count(*)::int as n from change_log where entity = 'land_plots' and action = 'create' and actor = $1
          and new_values->>'via' = 'register.xlsx'`,
      [d.users.district_user],
    );
    expect(n?.n).toBe(3);
    // the same register again, one area changed: updated in place, versions bumped
    const again = await xlsx(
      ['Park', 'Plot code', 'Plot', 'Area (mu)', 'Land use', 'Longitude', 'Latitude'],
      [[districtPark.name, 'IMP-2', '二号', 12, 'R&D', 114.21, 30.51]],
    );
    const r2 = await upload(d.users.district_user, again);
    expect(r2.status, r2.text).toBe(201);
    expect(r2.body).toEqual({ imported: 0, updated: 1 });
    const [v] = await t.db.query<{ version: number; area_mu: number }>(
      `select version, area_mu::float8 as area_mu from land_plots where park_id = $1 and code = 'IMP-2'`,
      [districtPark.id],
    );
    expect(v).toEqual({ version: 2, area_mu: 12 });
  });

  it('refuses a register with bad rows as a whole, naming sheet, row, column, value and reason in zh and en', async () => {
    const before = await countPlots();
    const file = await xlsx(
      ['园区', '地块编号', '地块', '面积（亩）', '面积（平方米）', '用途', '权利人', '边界', '经度', '纬度'],
      [
        [districtPark.name, 'BAD-1', '好的一行', 3, '', '工业', '', '', 114.2, 30.5],
        [districtPark.name, 'BAD-2', '用途错', 3, '', '农田', '', '', 114.2, 30.5],
        [districtPark.name, 'BAD-3', '面积不符', 3, 5000, '工业', '', '', 114.2, 30.5],
        [outside.name, 'BAD-4', '别区园区', 3, '', '工业', '', '', 114.2, 30.5],
        [districtPark.name, 'BAD-5', '纬度在前', 3, '', '工业', '', '30.5, 114.2', '', ''],
        [districtPark.name, 'BAD-1', '编号重复', 3, '', '工业', '', '', 114.2, 30.5],
        [districtPark.name, 'BAD-7', '无位置', '', '', '工业', '91110000000000000X', '', '', ''],
      ],
    );
    const r = await upload(d.users.district_user, file);
    expect(r.status, r.text).toBe(422);
    const report = (r.body as { report: RowProblem[] }).report;
    const at = report.map((p) => `${p.sheet}!${p.column}${p.row}:${p.field}`).sort();
    expect(at).toEqual(
      [
        '台账!F3:landUse',
        '台账!E4:areaM2',
        '台账!A5:park',
        '台账!H6:outline',
        '台账!B7:code',
        '台账!D8:areaMu',
        '台账!G8:holder',
        '台账!H8:outline',
      ].sort(),
    );
    const use = report.find((p) => p.field === 'landUse')!;
    expect(use).toMatchObject({ header: '用途', value: '农田' });
    expect(use.message.zh).toContain('工业');
    expect(use.message.en).toContain('Industrial');
    expect(report.find((p) => p.field === 'outline' && p.row === 6)?.message.en).toContain('longitude first');
    expect(report.every((p) => p.message.zh && p.message.en)).toBe(true);
    expect(await countPlots()).toBe(before);
    // a viewer may not import at all; a broken file is a 422 naming the file
    expect((await upload(d.users.viewer, file)).status).toBe(403);
    const broken = await upload(d.users.district_user, Buffer.from('not a workbook'));
    expect(broken.status).toBe(422);
    expect((broken.body as { errors: Problem[] }).errors[0]?.path).toEqual(['file']);
  });

  it('gives a template in zh and en whose example reads back through the import', async () => {
    for (const lang of ['zh', 'en'] as const) {
      const r = await d.app.inject({
        method: 'GET',
        url: `${P}/template.xlsx?lang=${lang}`,
        headers: { authorization: `Bearer ${await token(d.users.park_operator)}` },
      });
      expect(r.statusCode, r.body).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(r.rawPayload as never);
      const ws = wb.worksheets[0]!;
      const header = (ws.getRow(1).values as unknown[]).slice(1);
      expect(header[0]).toBe(lang === 'zh' ? '园区' : 'Park');
      expect(header).toContain(lang === 'zh' ? '面积（亩）' : 'Area (mu)');
      // the example names the operator's own park: imported as it is, it lands there
      const code = `EX-${lang}`;
      ws.getCell('B2').value = code;
      const bytes = Buffer.from(await wb.xlsx.writeBuffer());
      const up = await upload(d.users.park_operator, bytes, `template-${lang}.xlsx`);
      expect(up.status, up.text).toBe(201);
      expect(up.body).toEqual({ imported: 1, updated: 0 });
      const [made] = await t.db.query<{ park_id: number; outline: unknown[] | null }>(
        'select park_id, outline from land_plots where code = $1',
        [code],
      );
      expect(opParks.has(made!.park_id)).toBe(true);
      expect(made?.outline?.length).toBe(5);
    }
  });
});
