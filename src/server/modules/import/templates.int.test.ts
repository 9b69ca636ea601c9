/**
 * Every template the product hands out must import back cleanly once a user types one valid row into it:
 * one kind at a time (the 数据类型 picker) and all kinds at once (the workbook of every sheet).
 */
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authedApp } from '../../../../test/helpers/auth.js';
import { ENGINES, type TestDb } from '../../../../test/helpers/db.js';
import { makeCreditCode, makeEnterprise } from '../../../../test/helpers/factories.js';
import { multipart } from '../../../../test/helpers/multipart.js';
import { ENUM_LABELS, type EnumGroup } from '../../../contracts/labels.js';
import { IMPORT_KINDS, type ImportKind, KINDS, kindBySheet } from '../../../domain/import/kinds.js';
import { cellValue, type Lang } from './workbook.js';

type Row = Record<string, unknown>;

/** One valid row of every kind, each referring to the rows before it; `tag` keeps keys unique per run. */
function validRows(tag: string, customerCode: string): Record<ImportKind, Row> {
  const firstCode = (group: EnumGroup) => Object.keys(ENUM_LABELS[group])[0];
  const enterpriseCode = makeCreditCode();
  const unit = { parkCode: `tpl-${tag}`, buildingCode: 'B1', floorNo: 1 };
  return {
    sources: { id: `src-${tag}`, title: `模板来源 ${tag}`, publisher: '长江日报', publishedOn: '2024-05-01' },
    parks: {
      code: `tpl-${tag}`,
      name: `模板园区${tag}`,
      kind: firstCode('parkKind'),
      regionCode: '420112',
      landMu: 120,
      sourceId: `src-${tag}`,
    },
    buildings: {
      parkCode: `tpl-${tag}`,
      code: 'B1',
      name: '一号楼',
      type: firstCode('buildingType'),
      floorsAbove: 3,
    },
    floors: { ...unit, areaM2: 1200 },
    units: { ...unit, code: '101', areaM2: 300 },
    enterprises: { creditCode: enterpriseCode, name: `模板企业${tag}有限公司`, regionCode: '420112' },
    occupancies: { creditCode: enterpriseCode, ...unit, unitCode: '101', startedOn: '2024-01-01' },
    metrics: { creditCode: enterpriseCode, year: 2024, revenueWan: 1500, employees: 40 },
    'supply-links': {
      supplierCreditCode: enterpriseCode,
      customerCreditCode: customerCode,
      product: '光模块',
      year: 2024,
    },
  };
}

/** Types one row into each data sheet of a template, below its header and notes rows, as a user would. */
async function fill(template: Uint8Array, rows: Partial<Record<ImportKind, Row>>, lang: Lang): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(
    template.buffer.slice(template.byteOffset, template.byteOffset + template.byteLength) as ArrayBuffer,
  );
  wb.eachSheet((ws) => {
    const def = kindBySheet(ws.name);
    const row = def && rows[def.kind];
    if (!def || !row) return;
    const headers = ws.getRow(1).values as unknown[];
    for (const col of def.columns) {
      const at = headers.indexOf(col[lang]);
      if (at < 1) throw new Error(`template ${ws.name} lacks ${col[lang]}`);
      const v = cellValue(col, row[col.field], lang, []);
      if (v !== null) ws.getRow(3).getCell(at).value = v;
    }
  });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe.each(ENGINES)('[$name] import templates', (engine) => {
  let t: TestDb;
  let app: FastifyInstance;
  let customerCode: string;
  beforeAll(async () => {
    t = await engine.create();
    app = await authedApp(t.db);
    customerCode = makeCreditCode();
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/enterprises',
      payload: makeEnterprise({ creditCode: customerCode, name: '模板客户有限公司' }),
    });
    expect(res.statusCode).toBe(201);
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  const template = async (kind: ImportKind | 'all', lang: Lang) => {
    const res = await app.inject({ method: 'GET', url: `/api/v1/import/templates/${kind}?lang=${lang}` });
    expect(res.statusCode).toBe(200);
    return new Uint8Array(res.rawPayload);
  };
  const upload = async (bytes: Uint8Array, fields: Record<string, string>) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      ...multipart({ name: 'template.xlsx', bytes }, { mode: 'all', ...fields }),
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    const done = await app.inject({ method: 'POST', url: `/api/v1/imports/${body.id}/commit`, payload: {} });
    return { preview: body.report, committed: done.json().report };
  };

  for (const lang of ['zh', 'en'] as const) {
    it(`imports each kind's own ${lang} template with one valid row through the 数据类型 picker`, async () => {
      const rows = validRows(`one-${lang}`, customerCode);
      for (const kind of IMPORT_KINDS) {
        const file = await fill(await template(kind, lang), { [kind]: rows[kind] }, lang);
        const { preview, committed } = await upload(file, { kind });
        expect({ kind, problems: preview.problems }).toEqual({ kind, problems: [] });
        expect(preview.sheets.map((s: { kind: string }) => s.kind)).toEqual([kind]);
        expect(preview.totals).toMatchObject({ rows: 1, errors: 0 });
        expect(committed).toMatchObject({ committed: true, totals: { errors: 0, rejected: 0 } });
      }
      const [occ] = await t.db.query<{ n: number }>(
        `select count(*)::int as n from occupancies o join enterprises e on e.id = o.enterprise_id where e.name = $1`,
        [`模板企业one-${lang}有限公司`],
      );
      expect(occ?.n).toBe(1);
    });

    it(`imports the ${lang} template of every kind, each sheet with one valid row, in one go`, async () => {
      const rows = validRows(`all-${lang}`, customerCode);
      const file = await fill(await template('all', lang), rows, lang);
      const { preview, committed } = await upload(file, {});
      expect(preview.problems).toEqual([]);
      expect(preview.sheets.map((s: { kind: string; rows: number }) => `${s.kind}:${s.rows}`)).toEqual(
        IMPORT_KINDS.map((k) => `${k}:1`),
      );
      expect(committed).toMatchObject({ committed: true, totals: { rows: IMPORT_KINDS.length, errors: 0 } });
      const [link] = await t.db.query<{ product: string }>(
        `select l.product from supply_links l join enterprises c on c.id = l.customer_id
          join enterprises s on s.id = l.supplier_id where c.credit_code = $1 and s.name = $2`,
        [customerCode, `模板企业all-${lang}有限公司`],
      );
      expect(link?.product).toBe('光模块');
    });
  }

  it('never reads the hidden drop-down list sheet as data, whatever kind is picked', async () => {
    const file = await fill(await template('enterprises', 'zh'), {}, 'zh');
    const { preview } = await upload(file, { kind: 'enterprises' });
    expect(preview.sheets.map((s: { sheet: string }) => s.sheet)).toEqual([KINDS.enterprises.sheet.zh]);
    expect(preview.problems).toEqual([]);
  });
});
