import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authedApp } from '../../../../test/helpers/auth.js';
import { ENGINES, type TestDb } from '../../../../test/helpers/db.js';
import { makeCreditCode } from '../../../../test/helpers/factories.js';
import { multipart } from '../../../../test/helpers/multipart.js';
import type { Db } from '../../../db/connect.js';
import { IMPORT_KINDS } from '../../../domain/import/kinds.js';
import { readTable } from '../../lib/spreadsheet.js';
import { exportRows } from './export.js';
import { runImport } from './run.js';
import { dataXlsx, type TierName } from './workbook.js';

const csv = (text: string) => new TextEncoder().encode(text);
const tiersOf = (db: Db) =>
  db.query<TierName & Record<string, unknown>>('select code, name_zh as "nameZh", name_en as "nameEn" from tiers');

async function datasetXlsx(db: Db) {
  const sheets = [];
  for (const kind of IMPORT_KINDS) sheets.push({ kind, rows: await exportRows(db, kind) });
  return dataXlsx(sheets, 'zh', await tiersOf(db));
}

/** Exported rows without ids and timestamps, in a canonical order, to compare two databases. */
async function snapshot(db: Db) {
  const out: Record<string, string[]> = {};
  for (const kind of IMPORT_KINDS) {
    out[kind] = (await exportRows(db, kind)).map((r) => {
      const {
        id,
        createdAt,
        updatedAt,
        version,
        parkId,
        parentId,
        buildingId,
        floorId,
        unitId,
        enterpriseId,
        supplierId,
        customerId,
        searchKeys,
        ...rest
      } = r;
      return JSON.stringify(rest);
    });
    out[kind]?.sort();
  }
  return out;
}

describe.each(ENGINES)('[$name] import and export', (engine) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await engine.create();
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('reports every problem of a file with row, column, value and a zh/en reason, and writes nothing', async () => {
    const code = makeCreditCode();
    const file = [
      '统一社会信用代码,企业名称,行业代码,企业规模,成立日期,链主企业,注册地区划,荣誉资质,备注栏',
      `${code},甲公司,3976,小型,2019-06-28,否,东西湖区,高新技术企业:2023,x`,
      '91350100M000100Y44,乙公司,3976,,,,,,', // check character fails
      '12345,丙公司,9999,巨型,2019-02-30,也许,火星区,小巨人:二三年,', // many problems in one row
      `${code},甲公司重复,,,,,,,`, // same credit code twice in the file
    ].join('\n');
    const { report, rejected } = await runImport(t.db, csv(file), { fileName: 'e.csv', kind: 'enterprises' });
    expect(report.committed).toBe(false);
    const got = report.problems.map((p) => `${p.row}${p.column}:${p.code}`).sort();
    expect(got).toEqual(
      [
        '1:unknown_column',
        '3A:credit_code_check_failed',
        '4A:credit_code_malformed',
        '4C:reference_not_found',
        '4D:unknown_value',
        '4E:not_a_date',
        '4F:not_a_boolean',
        '4G:reference_not_found',
        '4H:bad_honour',
        '5A:duplicate_in_file',
      ].sort(),
    );
    const p = report.problems.find((x) => x.code === 'not_a_date');
    expect(p).toMatchObject({ header: '成立日期', value: '2019-02-30', severity: 'error' });
    expect(p?.message.zh).toMatch(/日期/);
    expect(p?.message.en).toMatch(/date/);
    expect(report.totals).toMatchObject({ rows: 4, rejected: 3, errors: 9, warnings: 1 });
    expect(rejected[0]?.rows.map((r) => r.row)).toEqual([3, 4, 5]);
    const [{ n }] = (await t.db.query<{ n: number }>(
      `select count(*)::int as n from enterprises where name like '甲公司%'`,
    )) as [{ n: number }];
    expect(n).toBe(0);
  });

  it('checks references, numbers, units and required columns of parks, buildings and floors', async () => {
    const parks =
      '园区编码,园区名称,园区类型,行政区划,用地面积(亩),上级园区编码\nzone-a,甲开发区,国家级开发区,420112,-5,\nsub-a,甲园,特色产业园区,420112,1200亩,nowhere\n';
    const r1 = await runImport(t.db, csv(parks), { fileName: 'p.csv', kind: 'parks' });
    expect(r1.report.problems.map((p) => `${p.row}${p.column}:${p.code}`).sort()).toEqual([
      '2E:too_small',
      '3E:unit_in_cell',
      '3F:reference_not_found',
    ]);
    const noName = await runImport(t.db, csv('园区编码,园区类型\nx1,软件园\n'), { fileName: 'p.csv', kind: 'parks' });
    expect(noName.report.problems.map((p) => `${p.row}:${p.code}:${p.header}`).sort()).toEqual([
      '2:required:园区名称',
      '2:required:行政区划',
    ]);
    const noKey = await runImport(t.db, csv('园区名称,园区类型\n某园,软件园\n'), { fileName: 'p.csv', kind: 'parks' });
    expect(noKey.report.problems.map((p) => `${p.code}:${p.header}`)).toEqual(['missing_column:园区编码']);
    const buildings = '园区编码,楼宇编码,楼宇名称,楼宇类型,地上层数\nno-such-park,B1,一号楼,研发楼,5\n';
    const r2 = await runImport(t.db, csv(buildings), { fileName: 'b.csv', kind: 'buildings' });
    expect(r2.report.problems.map((p) => `${p.row}${p.column}:${p.code}`)).toEqual(['2A:reference_not_found']);
  });

  it('converts money written in 元 or 亿元 to 万元 and says so', async () => {
    const code = makeCreditCode();
    await runImport(t.db, csv(`统一社会信用代码,企业名称\n${code},货币换算公司\n`), {
      fileName: 'e.csv',
      kind: 'enterprises',
    });
    const file = `统一社会信用代码,年度,营业收入(万元),税收(万元),研发费用(万元)\n${code},2024,1.2亿元,"3,000,000元",800\n`;
    const { report } = await runImport(t.db, csv(file), { fileName: 'm.csv', kind: 'metrics' });
    expect(report.committed).toBe(true);
    expect(report.problems.map((p) => `${p.column}:${p.code}`).sort()).toEqual([
      'C:unit_converted',
      'D:unit_converted',
    ]);
    const [m] = await t.db.query(
      'select revenue_wan, tax_wan, rnd_wan from enterprise_metrics m join enterprises e on e.id = m.enterprise_id where e.credit_code = $1',
      [code],
    );
    expect(m).toEqual({ revenue_wan: 12000, tax_wan: 300, rnd_wan: 800 });
  });

  it('flags a new enterprise whose name nearly equals an existing one with another code', async () => {
    await runImport(t.db, csv(`统一社会信用代码,企业名称\n${makeCreditCode()},武汉江丰电子材料有限公司\n`), {
      fileName: 'e.csv',
      kind: 'enterprises',
    });
    const { report } = await runImport(
      t.db,
      csv(`统一社会信用代码,企业名称\n${makeCreditCode()},武汉江丰电子材料 有限责任公司\n`),
      {
        fileName: 'e.csv',
        kind: 'enterprises',
      },
    );
    expect(report.problems.map((p) => p.code)).toEqual(['possible_duplicate']);
    expect(report.problems[0]?.message.zh).toContain('武汉江丰电子材料有限公司');
  });

  it('reads GB18030 CSV as written by Chinese Excel', async () => {
    const text = '园区编码,园区名称,园区类型,行政区划\r\ngb-park,国标编码园区,软件园,东西湖区\r\n';
    const bytes = new Uint8Array(iconv.encode(text, 'gb18030'));
    expect(bytes.length).toBeLessThan(Buffer.byteLength(text, 'utf8')); // two bytes a character, not three
    const { report } = await runImport(t.db, bytes, { fileName: 'gb.csv', kind: 'parks' });
    expect(report.encoding).toBe('gb18030');
    expect(report.committed).toBe(true);
    const [p] = await t.db.query(`select name, region_code from parks where code = 'gb-park'`);
    expect(p).toEqual({ name: '国标编码园区', region_code: '420112' });
  });

  it('imports only the valid rows when asked, and hands back the rejected ones', async () => {
    const file = '园区编码,园区名称,园区类型,行政区划\nvalid-1,有效园区,软件园,420112\nbad-1,,软件园,420112\n';
    const { report, rejected } = await runImport(t.db, csv(file), { fileName: 'p.csv', kind: 'parks', mode: 'valid' });
    expect(report).toMatchObject({ committed: true, totals: { created: 1, rejected: 1 } });
    expect(rejected[0]?.rows[0]).toMatchObject({ row: 3 });
    expect(rejected[0]?.rows[0]?.reasons).toContain('园区名称');
    expect(await t.db.query(`select code from parks where code in ('valid-1', 'bad-1')`)).toEqual([
      { code: 'valid-1' },
    ]);
  });

  it('exports the demo dataset and imports it back: unchanged on re-import, identical in a fresh database', async () => {
    const src = await engine.create();
    const dst = await engine.create();
    try {
      await src.becomeDemo();
      // The demo itself records updates (its projects move through their stages): count only the re-import's.
      const updates = async () =>
        (await src.db.query<{ n: number }>(`select count(*)::int as n from change_log where action = 'update'`))[0]
          ?.n ?? 0;
      const before = await updates();
      const xlsx = await datasetXlsx(src.db);
      const again = await runImport(src.db, new Uint8Array(xlsx), { fileName: 'dataset.xlsx' });
      expect(again.report.problems).toEqual([]);
      expect(again.report.totals).toMatchObject({ created: 0, updated: 0, rejected: 0 });
      expect(await updates()).toBe(before);

      const fresh = await runImport(dst.db, new Uint8Array(xlsx), { fileName: 'dataset.xlsx' });
      expect(fresh.report.problems).toEqual([]);
      expect(fresh.report.committed).toBe(true);
      expect(await snapshot(dst.db)).toEqual(await snapshot(src.db));
      // The directory of a building reads the same on both sides.
      const [b] = await src.db.query<{ id: number }>(`select id from buildings where name like '%天辉%' limit 1`);
      const [b2] = await dst.db.query<{ id: number }>(`select id from buildings where name like '%天辉%' limit 1`);
      const tenants = (db: Db, id: number) =>
        db.query(
          `select f.floor_no, u.code, e.name from occupancies o join units u on u.id = o.unit_id join floors f on f.id = u.floor_id
            join enterprises e on e.id = o.enterprise_id where f.building_id = $1 order by 1, 2, 3`,
          [id],
        );
      expect(await tenants(dst.db, b2!.id)).toEqual(await tenants(src.db, b!.id));
    } finally {
      await src.drop();
      await dst.drop();
    }
  }, 300_000); // the calibrated demo city: ~2,000 firms out and back in

  it('records old and new values when an import changes a row', async () => {
    await runImport(
      t.db,
      csv('园区编码,园区名称,园区类型,行政区划,用地面积(亩)\nhist-park,历史园区,软件园,420112,100\n'),
      { fileName: 'p.csv', kind: 'parks' },
    );
    const r = await runImport(t.db, csv('园区编码,用地面积(亩)\nhist-park,160\n'), {
      fileName: 'p.csv',
      kind: 'parks',
      via: 'test',
    });
    expect(r.report.totals).toMatchObject({ updated: 1 });
    const [p] = await t.db.query<{ id: number; name: string; land_mu: number; version: number }>(
      `select id, name, land_mu, version from parks where code = 'hist-park'`,
    );
    expect(p).toMatchObject({ name: '历史园区', land_mu: 160, version: 2 }); // columns the file lacks are kept
    const [h] = await t.db.query(
      `select old_values, new_values, via from change_log where entity = 'parks' and entity_id = $1 and action = 'update'`,
      [String(p!.id)],
    );
    expect(h).toEqual({ old_values: { landMu: 100 }, new_values: { landMu: 160 }, via: 'test' });
  });

  it('imports 100 000 enterprise rows in one transaction', async () => {
    const lines = ['统一社会信用代码,企业名称,行业代码,企业规模,主要产品'];
    for (let i = 0; i < 100_000; i++)
      lines.push(`${makeCreditCode('420115')},批量测试企业${i}有限公司,3976,小型,光模块、光器件`);
    const progress: number[] = [];
    const { report } = await runImport(t.db, csv(lines.join('\n')), {
      fileName: 'big.csv',
      kind: 'enterprises',
      onProgress: (p) => progress.push(p.done),
    });
    expect(report.problems).toEqual([]);
    expect(report.totals).toMatchObject({ rows: 100_000, created: 100_000 });
    expect(progress.length).toBeGreaterThan(10);
    const [{ n }] = (await t.db.query<{ n: number }>(
      `select count(*)::int as n from enterprises where name like '批量测试企业%'`,
    )) as [{ n: number }];
    expect(n).toBe(100_000);
  }, 300_000);
});

describe('import and export over HTTP', () => {
  let t: TestDb;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = await ENGINES[0]!.create();
    app = await authedApp(t.db);
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('uploads a file, reports without writing, then commits it', async () => {
    const file = '园区编码,园区名称,园区类型,行政区划\nhttp-park,接口园区,软件园,420112\n';
    const up = await app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      ...multipart({ name: 'p.csv', bytes: csv(file) }, { kind: 'parks' }),
    });
    expect(up.statusCode).toBe(201);
    const body = up.json();
    expect(body).toMatchObject({
      status: 'validated',
      report: { dryRun: true, committed: false, totals: { created: 1 } },
    });
    expect((await app.inject({ method: 'GET', url: '/api/v1/parks?q=http-park' })).json().total).toBe(0);
    const done = await app.inject({ method: 'POST', url: `/api/v1/imports/${body.id}/commit`, payload: {} });
    expect(done.json()).toMatchObject({ status: 'committed', report: { committed: true } });
    expect((await app.inject({ method: 'GET', url: '/api/v1/parks?q=http-park' })).json().total).toBe(1);
    expect(
      (await app.inject({ method: 'POST', url: `/api/v1/imports/${body.id}/commit`, payload: {} })).statusCode,
    ).toBe(409);
  });

  it('refuses unreadable files and unknown kinds with a clear error', async () => {
    const xls = await app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      ...multipart({ name: 'old.xls', bytes: csv('x') }),
    });
    expect(xls.statusCode).toBe(422);
    expect(xls.json().errors[0]).toMatchObject({ path: ['file'], message: { zh: expect.stringContaining('xlsx') } });
    const kind = await app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      ...multipart({ name: 'a.csv', bytes: csv('a') }, { kind: 'rockets' }),
    });
    expect(kind.json().errors.map((e: { path: string[] }) => e.path.join('.'))).toEqual(['kind']);
  });

  it('hands back rejected rows as a workbook with a reason column', async () => {
    const file = '园区编码,园区名称,园区类型,行政区划\nok-park,好园区,软件园,420112\nbad park,,软件园,420112\n';
    const up = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/imports',
        ...multipart({ name: 'p.csv', bytes: csv(file) }, { kind: 'parks', mode: 'valid' }),
      })
    ).json();
    const res = await app.inject({ method: 'GET', url: `/api/v1/imports/${up.id}/rejected.xlsx` });
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const { sheets } = await readTable(new Uint8Array(res.rawPayload), 'r.xlsx');
    expect(sheets[0]?.rows[0]).toEqual(['行号 Row', '园区编码', '园区名称', '园区类型', '行政区划', '错误原因 Reason']);
    expect(sheets[0]?.rows).toHaveLength(2);
    expect(String(sheets[0]?.rows[1]?.[5])).toMatch(/园区编码.*园区名称/s);
  });

  it('serves templates with Chinese headers, a notes row and drop-down lists', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/import/templates/enterprises' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      res.rawPayload.buffer.slice(
        res.rawPayload.byteOffset,
        res.rawPayload.byteOffset + res.rawPayload.byteLength,
      ) as ArrayBuffer,
    );
    const ws = wb.getWorksheet('企业');
    if (!ws) throw new Error('no 企业 sheet');
    expect(ws.getRow(1).getCell(1).value).toBe('统一社会信用代码');
    expect(String(ws.getRow(2).getCell(1).value)).toMatch(/^说明：/);
    const scaleCol = (ws.getRow(1).values as unknown[]).indexOf('企业规模');
    expect(ws.getRow(3).getCell(scaleCol).dataValidation).toMatchObject({ type: 'list' });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    // An empty template imports as nothing, without errors.
    const up = await app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      ...multipart({ name: 't.xlsx', bytes: new Uint8Array(res.rawPayload) }),
    });
    expect(up.json().report.totals).toMatchObject({ rows: 0, errors: 0 });
  });

  it('exports a filtered list view in import format, as xlsx and CSV', async () => {
    await app.inject({
      method: 'POST',
      url: '/api/v1/parks',
      payload: { code: 'exp-a', name: '导出甲', kind: 'software_park', regionCode: '420111' },
    });
    await app.inject({
      method: 'POST',
      url: '/api/v1/parks',
      payload: { code: 'exp-b', name: '导出乙', kind: 'software_park', regionCode: '420112' },
    });
    const x = await app.inject({ method: 'GET', url: '/api/v1/export/parks?regionCode=420111&q=%E5%AF%BC%E5%87%BA' });
    const { sheets } = await readTable(new Uint8Array(x.rawPayload), 'x.xlsx');
    expect(sheets[0]?.name).toBe('园区');
    expect(sheets[0]?.rows.slice(1).map((r) => r[1])).toEqual(['导出甲']);
    const c = await app.inject({
      method: 'GET',
      url: '/api/v1/export/parks?q=%E5%AF%BC%E5%87%BA&format=csv&lang=en&sort=-name',
    });
    expect(c.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = c.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toMatch(/^Park code,Name,/);
    const listed = (await app.inject({ method: 'GET', url: '/api/v1/parks?q=%E5%AF%BC%E5%87%BA&sort=-name' })).json();
    expect(lines.slice(1).map((l) => l.split(',')[1])).toEqual(listed.items.map((p: { name: string }) => p.name));
  });
});
