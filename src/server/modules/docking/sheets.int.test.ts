/**
 * Postings as spreadsheets on the demo city: the template (drop-downs on a hidden `_lists` sheet), the
 * import (every bad row named by sheet, row, column, value and reason in zh and en; all rows or none)
 * and the export (the list's filters; quantities, prices and contacts only to owners and accepted
 * counterparts).
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, type TestDb } from '../../../../test/helpers/db.js';
import { type DemoApp, demoApp } from '../../../../test/helpers/demo.js';
import { multipart } from '../../../../test/helpers/multipart.js';
import type { RowProblem } from '../../../contracts/imports.js';
import { createApiToken } from '../auth/sessions.js';

const FUTURE = '2099-12-31';
const ZH = ['供需类型', '类别', '企业', '产品或服务', '产业链节点', '数量', '单位', '有效期至', '可见范围'];
const EN = [
  'Kind',
  'Category',
  'Enterprise',
  'Product or service',
  'Chain node',
  'Quantity',
  'Unit',
  'Valid until',
  'Visibility',
];

async function xlsx(header: string[], rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('供需');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function cells(bytes: Buffer): Promise<{ sheets: string[]; hidden: string[]; rows: unknown[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as never);
  const rows: unknown[][] = [];
  wb.worksheets[0]!.eachRow((r) => {
    rows.push((r.values as unknown[]).slice(1));
  });
  return {
    sheets: wb.worksheets.map((w) => w.name),
    hidden: wb.worksheets.filter((w) => w.state === 'hidden').map((w) => w.name),
    rows,
  };
}

describe.each(ENGINES)('[$name] docking postings import and export', (engine) => {
  let t: TestDb;
  let d: DemoApp;
  const tokens = new Map<string, string>();
  let own = { id: 0, name: '' };
  let other = { id: 0, name: '' };

  const req = (user: string, method: 'GET' | 'POST', url: string, body?: ReturnType<typeof multipart>) =>
    d.app.inject({
      method,
      url: `/api/v1/docking${url}`,
      headers: { authorization: `Bearer ${tokens.get(user)}`, ...(body?.headers ?? {}) },
      ...(body ? { payload: body.payload } : {}),
    });
  const upload = async (user: string, bytes: Buffer, name = 'postings.xlsx') =>
    req(user, 'POST', '/postings/import', multipart({ name, bytes }));
  const count = async () =>
    Number((await t.db.query<{ n: number }>('select count(*)::int as n from docking_postings'))[0]!.n);

  beforeAll(async () => {
    t = await engine.create();
    d = await demoApp(t);
    for (const u of await t.db.query<{ id: number; username: string }>(
      `select id, username from users where username like 'demo-%'`,
    ))
      tokens.set(u.username, (await createApiToken(t.db, u.id, 'test', false)).token);
    const [me] = await t.db.query<{ id: number; name: string }>(
      `select e.id, e.name from users u join organisations o on o.id = u.organisation_id
        join enterprises e on e.id = o.enterprise_id where u.username = 'demo-enterprise'`,
    );
    own = me!;
    const [x] = await t.db.query<{ id: number; name: string }>(
      `select id, name from enterprises where id <> $1 and credit_code is not null
        and name not in (select name from enterprises group by name having count(*) > 1) order by id limit 1`,
      [own.id],
    );
    other = x!;
  }, 900_000);
  afterAll(async () => {
    await d?.app.close();
    await t?.drop();
  });

  it('gives a template with drop-downs from a hidden _lists sheet, in zh and en; not to the public viewer', async () => {
    const zh = await req('demo-enterprise', 'GET', '/postings/template.xlsx?lang=zh');
    expect(zh.statusCode).toBe(200);
    const z = await cells(zh.rawPayload);
    expect(z.hidden).toEqual(['_lists']);
    expect(z.rows[0]).toEqual(expect.arrayContaining(ZH));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(zh.rawPayload as never);
    const dv = wb.worksheets[0]!.getCell('A2').dataValidation;
    expect(dv?.type).toBe('list');
    expect(String(dv?.formulae?.[0])).toMatch(/^_lists!/);
    const lists = wb.getWorksheet('_lists')!;
    expect(lists.getColumn(1).values).toEqual(expect.arrayContaining(['供应', '需求']));
    const en = await cells((await req('demo-enterprise', 'GET', '/postings/template.xlsx?lang=en')).rawPayload);
    expect(en.rows[0]).toEqual(expect.arrayContaining(EN));
    expect((await req('demo-viewer', 'GET', '/postings/template.xlsx')).statusCode).toBe(403);
  });

  it('refuses a file with bad rows as a whole, naming sheet, row, column, value and reason (zh + en)', async () => {
    const before = await count();
    const good = ['供应', '产品', own.name, '导入测试光纤预制棒', '', 2000, '千克', FUTURE, '全市'];
    const file = await xlsx(
      ['供需类型', '类别', '企业', '产品或服务', '产业链节点', '数量', '单位', '有效期至', '可见范围'],
      [
        good,
        ['供应', '产品', own.name, '导入测试甲', 'oe.no_such_node', 10, '件', FUTURE, '全市'], // row 3
        ['需求', '产品', own.name, '导入测试乙', '', -5, '件', FUTURE, '全市'], // row 4
        ['需求', '产品', own.name, '导入测试丙', '', 5, '件', '2020-01-01', '全市'], // row 5
        ['供应', '服务', own.name, '导入测试丁', '', 5, '吨', FUTURE, '全市'], // row 6
        ['供应', '产品', '没有这家企业有限公司', '导入测试戊', '', 5, '件', FUTURE, '全市'], // row 7
        ['供应', '产品', other.name, '导入测试己', '', 5, '件', FUTURE, '全市'], // row 8
        ['需求', '产品', own.name, '导入测试庚', '', 5e12, '件', FUTURE, '全市'], // row 9
        ['供求', '产品', own.name, '导入测试辛', '', 5, '件', FUTURE, '全市'], // row 10
      ],
    );
    const r = await upload('demo-enterprise', file);
    expect(r.statusCode).toBe(422);
    const report = (r.json() as { report: RowProblem[] }).report;
    const at = (row: number) => report.filter((p) => p.row === row).map((p) => `${p.column}:${p.field}:${p.code}`);
    expect(at(2)).toEqual([]);
    expect(at(3)).toEqual(['E:node:docking.unknown_node']);
    expect(at(4)).toEqual(['F:quantity:too_small']);
    expect(at(5)).toEqual(['H:validUntil:docking.expired']);
    expect(at(6)).toEqual(['G:unit:docking.unit_mismatch']);
    expect(at(7)).toEqual(['C:enterprise:docking.unknown_enterprise']);
    expect(at(8)).toEqual(['C:enterprise:docking.not_yours']);
    expect(at(9)).toEqual(['F:quantity:too_big']);
    expect(at(10)).toEqual(['A:kind:invalid_value']);
    const node = report.find((p) => p.row === 3)!;
    expect(node).toMatchObject({ sheet: '供需', header: '产业链节点', value: 'oe.no_such_node' });
    expect(node.message.zh).toContain('节点');
    expect(node.message.en).toContain('node');
    expect(report.find((p) => p.row === 5)!.value).toBe('2020-01-01');
    // all or none: the good row was not written either
    expect(await count()).toBe(before);
  });

  it('writes every row of a good file (English headers, CSV too), each matched and audited', async () => {
    const before = await count();
    const file = await xlsx(EN, [
      ['supply', 'product', own.name, '导入测试DFB激光器芯片', 'oe.ld_chip', 12345.5, 'pcs', FUTURE, 'city'],
      ['demand', 'processing', own.name, '导入测试外协镀膜', '', 300, 'hours', FUTURE, 'public'],
    ]);
    const r = await upload('demo-enterprise', file);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ imported: 2 });
    expect(await count()).toBe(before + 2);
    const [p] = await t.db.query<{ id: number; quantity: number; node_id: string }>(
      `select id, quantity, node_id from docking_postings where title = '导入测试DFB激光器芯片'`,
    );
    expect(p).toMatchObject({ quantity: 12345.5, node_id: 'oe.ld_chip' });
    const audit = await t.db.query(`select 1 from change_log where entity = 'docking_postings' and entity_id = $1`, [
      String(p!.id),
    ]);
    expect(audit.length).toBe(1);
    const csv = Buffer.from(
      `\uFEFF${ZH.join(',')}\n需求,产品,${own.name},导入测试CSV行,,5,件,${FUTURE},公开\n`,
      'utf8',
    );
    const c = await upload('demo-enterprise', csv, 'postings.csv');
    expect(c.statusCode, c.body).toBe(201);
    expect(await count()).toBe(before + 3);
    // the public viewer may not import
    expect((await upload('demo-viewer', file)).statusCode).toBe(403);
  });

  it('exports the list with its filters and the viewer’s redaction', async () => {
    const mine = await cells(
      (await req('demo-enterprise', 'GET', '/postings/export.xlsx?mine=true&lang=zh')).rawPayload,
    );
    const header = mine.rows[0] as string[];
    const col = (name: string) => header.indexOf(name);
    const chip = mine.rows.find((r) => r[col('产品或服务')] === '导入测试DFB激光器芯片')!;
    expect(chip[col('数量')]).toBe(12345.5);
    expect(chip[col('单位')]).toBe('件');
    expect(mine.rows.slice(1).every((r) => r[col('企业')] === own.name)).toBe(true);
    // another firm's user sees the posting (city visibility) without its figures
    const [otherUser] = await t.db.query<{ username: string }>(
      `select u.username from users u join organisations o on o.id = u.organisation_id
        where u.role = 'enterprise_user' and o.enterprise_id <> $1 and u.username like 'demo-%' limit 1`,
      [own.id],
    );
    const asOfficer = await cells(
      (await req('demo-officer', 'GET', '/postings/export.xlsx?q=导入测试DFB&lang=en')).rawPayload,
    );
    const h2 = asOfficer.rows[0] as string[];
    const row = asOfficer.rows.find((r) => r[h2.indexOf('Product or service')] === '导入测试DFB激光器芯片')!;
    expect(row).toBeDefined();
    expect(row[h2.indexOf('Quantity')] ?? null).toBeNull();
    expect(row[h2.indexOf('Unit')] ?? null).toBeNull();
    expect(asOfficer.rows.length).toBe(2); // the filter q held: one posting
    if (otherUser) {
      const x = await cells((await req(otherUser.username, 'GET', '/postings/export.xlsx?q=导入测试DFB')).rawPayload);
      expect(x.rows[1]?.[col('数量')] ?? null).toBeNull();
    }
    // kind filter
    const demands = await cells((await req('demo-admin', 'GET', '/postings/export.xlsx?kind=demand')).rawPayload);
    expect(demands.rows.slice(1).every((r) => r[0] === '需求')).toBe(true);
    expect(demands.rows.length).toBeGreaterThan(1);
  });

  it('shows an accepted counterpart the figures of the other side, in the export as in the list', async () => {
    // the demo's 江丰 → 京东方 match has an open contact and a deal
    const [m] = await t.db.query<{ demand_id: number; supplier_id: number; customer_id: number }>(
      `select m.demand_id, m.supplier_id, m.customer_id from docking_matches m join docking_contacts c on c.match_id = m.id
        join docking_postings d on d.id = m.demand_id where d.quantity is not null limit 1`,
    );
    expect(m).toBeDefined();
    const [org] = await t.db.query<{ id: number }>(
      `insert into organisations (name, kind, enterprise_id) values ('对接测试供方', 'enterprise', $1) returning id`,
      [m!.supplier_id],
    );
    const [u] = await t.db.query<{ id: number }>(
      `insert into users (organisation_id, username, display_name, role, password_hash)
       select $1, 'dk-supplier', '对接供方', 'enterprise_user', password_hash from users
        where username = 'demo-enterprise'
       returning id`,
      [org!.id],
    );
    tokens.set('dk-supplier', (await createApiToken(t.db, u!.id, 'test', false)).token);
    const [title] = await t.db.query<{ title: string; quantity: number }>(
      'select title, quantity from docking_postings where id = $1',
      [m!.demand_id],
    );
    const x = await cells(
      (await req('dk-supplier', 'GET', `/postings/export.xlsx?q=${encodeURIComponent(title!.title)}`)).rawPayload,
    );
    const h = x.rows[0] as string[];
    const row = x.rows.find((r) => r[h.indexOf('产品或服务')] === title!.title)!;
    expect(row[h.indexOf('数量')]).toBe(title!.quantity);
    // a firm with no open contact on it does not
    if (own.id === m!.supplier_id || own.id === m!.customer_id) return;
    const y = await cells(
      (await req('demo-enterprise', 'GET', `/postings/export.xlsx?q=${encodeURIComponent(title!.title)}`)).rawPayload,
    );
    const row2 = y.rows.find((r) => r[h.indexOf('产品或服务')] === title!.title);
    if (row2) expect(row2[h.indexOf('数量')] ?? null).toBeNull();
  });
});
