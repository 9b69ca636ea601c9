import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, type TestUser } from '../../../../test/helpers/auth.js';
import { ENGINES, type TestDb } from '../../../../test/helpers/db.js';
import { type DemoApp, demoApp } from '../../../../test/helpers/demo.js';
import { makeEnterprise } from '../../../../test/helpers/factories.js';
import { multipart } from '../../../../test/helpers/multipart.js';
import type { TOrder, TOrderInput, TPlanView, TQuote } from '../../../contracts/consolidation.js';
import { checkPlan } from '../../../domain/consolidation/check-plan.js';
import { planInputOf } from './service.js';

const DEP = {
  code: 'DF-01',
  route: 'WJS-DUI',
  destinations: ['DUISBURG', 'HAMBURG'],
  departOn: '2026-12-10',
  cutoffOn: '2026-12-08',
  containers: [
    { type: '20GP', count: 4, priceFen: 3_100_000 },
    { type: '40HQ', count: 4, priceFen: 5_500_000 },
  ],
  usableVolumeFactor: 0.88,
};
const ORDER = (code: string, over: Partial<TOrderInput> = {}): TOrderInput => ({
  code,
  shipperName: '测试发货人',
  goods: '节日装饰彩球',
  cargoClass: 'general',
  pieces: 20,
  volumeM3: 6,
  weightKg: 800,
  destination: 'DUISBURG',
  destinationCountry: '德国',
  readyOn: '2026-12-05',
  declaredValueFen: 1_000_000,
  ...over,
});

describe.each(ENGINES)('[$name] consolidation at a hub', (engine) => {
  let t: TestDb;
  let app: FastifyInstance;
  let hubId: number;
  let admin: TestUser;
  let operator: TestUser;
  let outsider: TestUser;
  let otherHubOperator: TestUser;
  let shipper: TestUser;
  let otherShipper: TestUser;
  let analyst: TestUser;
  let viewer: TestUser;
  let shipperEnterprise: number;
  const as = (u: TestUser, method: string, url: string, payload?: unknown) =>
    app.inject({
      method: method as 'GET',
      url: `/api/v1/consolidation/hubs${url}`,
      payload: payload as never,
      headers: u.headers,
    });

  beforeAll(async () => {
    t = await engine.create();
    const { buildApp } = await import('../../app.js');
    app = await buildApp({ db: t.db });
    admin = await makeUser(t.db, 'city_admin');
    const ents: { id: number }[] = [];
    for (const name of ['发货企业甲有限公司', '发货企业乙有限公司']) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/v1/enterprises',
        payload: makeEnterprise({ name }),
        headers: admin.headers,
      });
      expect(r.statusCode, r.body).toBe(201);
      ents.push(r.json() as { id: number });
    }
    shipperEnterprise = ents[0]!.id;
    operator = await makeUser(t.db, 'hub_operator');
    otherHubOperator = await makeUser(t.db, 'hub_operator');
    outsider = await makeUser(t.db, 'park_operator');
    shipper = await makeUser(t.db, 'enterprise_user', { enterpriseId: shipperEnterprise });
    otherShipper = await makeUser(t.db, 'enterprise_user', { enterpriseId: ents[1]!.id });
    analyst = await makeUser(t.db, 'city_analyst');
    viewer = await makeUser(t.db, 'viewer');
    // the hub belongs to the operator's organisation (kind logistics_hub): no membership row needed
    const [h] = await t.db.query<{ id: number }>(
      "insert into consolidation_hubs (name, station, organisation_id) values ('测试集拼中心', '吴家山站', $1) returning id",
      [operator.organisationId],
    );
    hubId = h!.id;
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('lets the hub operator set tariffs and departures, refusing bad fields by name in zh and en', async () => {
    const tariff = await as(operator, 'PUT', `/${hubId}/tariffs`, {
      route: 'WJS-DUI',
      divisorKgPerM3: 500,
      minChargeableM3: 1,
    });
    expect(tariff.statusCode, tariff.body).toBe(200);
    const dep = await as(operator, 'POST', `/${hubId}/departures`, DEP);
    expect(dep.statusCode, dep.body).toBe(201);
    const bad = await as(operator, 'POST', `/${hubId}/departures`, { ...DEP, code: 'DF-02', cutoffOn: '2026-12-11' });
    expect(bad.statusCode).toBe(422);
    const err = (bad.json().errors as { path: string[]; message: { zh: string; en: string } }[])[0]!;
    expect(err.path).toEqual(['cutoffOn']);
    expect(err.message.zh).toMatch(/截单/);
    const dup = await as(operator, 'POST', `/${hubId}/departures`, DEP);
    expect(dup.statusCode).toBe(422);
    expect(dup.json().errors[0].path).toEqual(['code']);
    // not the outsider's hub, and not the shipper's to change
    expect((await as(outsider, 'POST', `/${hubId}/departures`, { ...DEP, code: 'X' })).statusCode).toBe(403);
    expect((await as(shipper, 'PUT', `/${hubId}/tariffs`, { route: 'R', divisorKgPerM3: 500 })).statusCode).toBe(403);
  });

  it('takes orders from the operator and from a shipper (always as itself), and names bad fields', async () => {
    for (const [i, extra] of [
      [1, {}],
      [2, { cargoClass: 'food' as const, goods: '休闲食品' }],
      [3, { cargoClass: 'chemical' as const, goods: '水性涂料' }],
      [4, { weightKg: 32_000, goods: '变压器', pieces: 1 }],
      [5, { shipperEnterpriseId: shipperEnterprise, goods: '健身护具', volumeM3: 4 }],
    ] as const) {
      const res = await as(operator, 'POST', `/${hubId}/orders`, ORDER(`OP-${i}`, extra));
      expect(res.statusCode, res.body).toBe(201);
    }
    const mine = await as(
      shipper,
      'POST',
      `/${hubId}/orders`,
      ORDER('SH-1', { shipperEnterpriseId: null, volumeM3: 3 }),
    );
    expect(mine.statusCode, mine.body).toBe(201);
    expect((mine.json() as TOrder).shipperEnterpriseId).toBe(shipperEnterprise);
    const dg = await as(operator, 'POST', `/${hubId}/orders`, ORDER('OP-9', { cargoClass: 'dangerous' }));
    expect(dg.statusCode).toBe(422);
    expect(dg.json().errors[0].path).toEqual(['dgClass']);
    const ghost = await as(
      operator,
      'POST',
      `/${hubId}/orders`,
      ORDER('OP-10', { shipperEnterpriseId: 2_000_000_000 }),
    );
    expect(ghost.statusCode).toBe(422);
    expect(ghost.json().errors[0].path).toEqual(['shipperEnterpriseId']);
    expect((await as(viewer, 'POST', `/${hubId}/orders`, ORDER('V-1'))).statusCode).toBe(403);
  });

  it('plans as a job: the stored plan passes the independent checker, with its bound, gap and unplaceable order', async () => {
    expect((await as(shipper, 'POST', `/${hubId}/plan`)).statusCode).toBe(403);
    const res = await as(operator, 'POST', `/${hubId}/plan`);
    expect(res.statusCode, res.body).toBe(200);
    const plan = res.json() as TPlanView;
    expect(plan.checkerProblems).toBe(0);
    expect(plan.lowerBound).toBeLessThanOrEqual(plan.containers);
    for (const c of plan.departures.flatMap((d) => d.containers)) {
      const classes = new Set(c.parts.map((p) => p.cargoClass));
      expect(classes.has('food') && classes.has('chemical')).toBe(false);
    }
    expect(plan.unplaced.map((u) => [u.orderCode, u.reason])).toEqual([['OP-4', 'too_heavy']]);
    expect(plan.unplaced[0]!.zh).toMatch(/重量/);
    // re-check the stored plan independently against what is in the database
    const { input } = await planInputOf(t.db, hubId);
    const stored = (
      await t.db.query<{ plan: { plan: never } }>('select plan from consolidation_plans where hub_id = $1', [hubId])
    )[0]!;
    expect(checkPlan(input, stored.plan.plan)).toEqual([]);
    // every container's charges add up to its price
    for (const d of plan.departures)
      for (const c of d.containers) expect(c.parts.reduce((s, p) => s + p.amountFen, 0)).toBe(c.priceFen);
    const log = await t.db.query("select 1 from change_log where entity = 'consolidation_plans'");
    expect(log.length).toBe(1);
    // the job's result: what the job list shows (containers, orders placed and not, bound, gap) and the hub
    const jobs = await app.inject({ method: 'GET', url: '/api/v1/jobs?mine=true', headers: operator.headers });
    expect(jobs.statusCode, jobs.body).toBe(200);
    const run = (jobs.json().items as { kind: string; result: unknown }[]).find((j) => j.kind === 'consolidation.plan');
    const placed = new Set(plan.departures.flatMap((d) => d.containers.flatMap((c) => c.parts.map((p) => p.orderId))));
    expect(placed.size).toBeGreaterThan(0);
    expect(run?.result).toEqual({
      planId: plan.id,
      hubId,
      containers: plan.containers,
      ordersPlaced: placed.size,
      unplaced: 1,
      lowerBound: plan.lowerBound,
      gap: plan.gap,
    });
  });

  it('shows each role only what it may see: shippers their own orders and charges, values hidden from others', async () => {
    const list = async (u: TestUser) => {
      const r = await as(u, 'GET', `/${hubId}/orders`);
      return { status: r.statusCode, items: r.statusCode === 200 ? (r.json().items as TOrder[]) : [] };
    };
    const op = await list(operator);
    expect(op.items).toHaveLength(6);
    expect(op.items.every((o) => o.declaredValueFen !== null)).toBe(true);
    const an = await list(analyst);
    expect(an.items).toHaveLength(6);
    const sh = await list(shipper);
    expect(sh.items.map((o) => o.code).sort()).toEqual(['OP-5', 'SH-1']);
    expect(sh.items.every((o) => o.declaredValueFen === 1_000_000)).toBe(true);
    expect((await list(otherShipper)).items).toHaveLength(0);
    expect((await list(outsider)).status).toBe(403);
    // a hub operator of another organisation: not its hub, not its data
    expect((await list(otherHubOperator)).status).toBe(403);
    expect((await as(otherHubOperator, 'GET', `/${hubId}/plan`)).statusCode).toBe(403);
    expect((await as(otherHubOperator, 'GET', `/${hubId}/departures`)).statusCode).toBe(403);
    expect((await as(viewer, 'GET', '')).statusCode).toBe(403);
    expect((await as(viewer, 'GET', `/${hubId}/orders`)).statusCode).toBe(403);
    // the plan: a shipper sees its parts only, no container prices or plan cost
    const p = (await as(shipper, 'GET', `/${hubId}/plan`)).json() as TPlanView;
    expect(p.costFen).toBeNull();
    const parts = p.departures.flatMap((d) => d.containers.flatMap((c) => c.parts));
    expect(parts.map((x) => x.orderCode).sort()).toEqual(['OP-5', 'SH-1']);
    expect(p.departures.flatMap((d) => d.containers).every((c) => c.priceFen === null)).toBe(true);
    expect(JSON.stringify(p)).not.toMatch(/休闲食品|水性涂料/);
    const deps = (await as(shipper, 'GET', `/${hubId}/departures`)).json().items as {
      containers: { priceFen: number | null }[];
    }[];
    expect(deps[0]!.containers.every((c) => c.priceFen === null)).toBe(true);
    const dash = (await as(operator, 'GET', `/${hubId}/dashboard?month=2026-12`)).json();
    expect(dash.containers).toBe(p.containers);
    expect(dash.goodsValueFen).toBe(5_000_000);
    expect((await as(shipper, 'GET', `/${hubId}/dashboard?month=2026-12`)).statusCode).toBe(403);
    expect((await as(analyst, 'GET', `/${hubId}/dashboard?month=2026-12`)).json().goodsValueFen).toBe(5_000_000);
  });

  it('quotes a shipper before booking, and booking locks the order in its container through re-planning', async () => {
    const q = await as(shipper, 'POST', `/${hubId}/quote`, ORDER('Q-1', { volumeM3: 2, weightKg: 300 }));
    expect(q.statusCode, q.body).toBe(200);
    const quote = q.json() as TQuote;
    expect(quote.amountFen).toBeGreaterThan(0);
    expect(quote.chargeableKg).toBe(1000); // 2 m³ × 500 kg/m³
    expect(quote.departureCode).toBe('DF-01');
    const none = (
      await as(shipper, 'POST', `/${hubId}/quote`, ORDER('Q-2', { readyOn: '2026-12-09' }))
    ).json() as TQuote;
    expect(none.unplaced?.reason).toBe('ready_after_cutoff');
    expect(none.amountFen).toBeNull();

    const orders = (await as(shipper, 'GET', `/${hubId}/orders`)).json().items as TOrder[];
    const sh1 = orders.find((o) => o.code === 'SH-1')!;
    expect((await as(otherShipper, 'POST', `/${hubId}/orders/${sh1.id}/book`)).statusCode).toBe(403);
    const booked = await as(shipper, 'POST', `/${hubId}/orders/${sh1.id}/book`);
    expect(booked.statusCode, booked.body).toBe(200);
    const lock = (booked.json() as TOrder).lock!;
    expect(lock.container).toBeTruthy();
    expect((await as(shipper, 'POST', `/${hubId}/orders/${sh1.id}/book`)).statusCode).toBe(422);
    // a new order and a re-plan: the booked order stays in its container
    expect(
      (await as(operator, 'POST', `/${hubId}/orders`, ORDER('OP-11', { volumeM3: 40, weightKg: 3000 }))).statusCode,
    ).toBe(201);
    const again = (await as(operator, 'POST', `/${hubId}/plan`)).json() as TPlanView;
    expect(again.checkerProblems).toBe(0);
    const holder = again.departures
      .flatMap((d) => d.containers)
      .find((c) => c.parts.some((p) => p.orderCode === 'SH-1'));
    expect(holder?.id).toBe(lock.container);
  });

  it('imports orders from a workbook, or names every bad row and column (zh and en) and writes nothing', async () => {
    const book = async (rows: unknown[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('订单');
      ws.addRow([
        '编号',
        '发货人',
        '货物',
        '货类',
        '件数',
        '体积m3',
        '毛重kg',
        '目的站',
        '目的国',
        '备货日',
        '可拆分',
        '申报货值元',
      ]);
      for (const r of rows) ws.addRow(r);
      return new Uint8Array(await wb.xlsx.writeBuffer());
    };
    const upload = async (u: TestUser, bytes: Uint8Array) => {
      const m = multipart({ name: 'orders.xlsx', bytes });
      return app.inject({
        method: 'POST',
        url: `/api/v1/consolidation/hubs/${hubId}/orders/import`,
        payload: m.payload,
        headers: { ...u.headers, ...m.headers },
      });
    };
    const before = (await t.db.query('select count(*)::int as n from consolidation_orders'))[0]!.n as number;
    const bad = await upload(
      operator,
      await book([
        ['IM-1', '甲', '彩球', '普货', 10, 2, 200, 'DUISBURG', '德国', '2026-12-05', '否', 1000],
        ['IM-2', '乙', '变压器', '普货', 1, 20, 35_000, 'DUISBURG', '德国', '2026-12-05', '否', 1000],
        ['IM-3', '丙', '矿石', '放射品', 1, 2, 200, 'DUISBURG', '德国', '2026-12-05', '否', 1000],
        ['IM-4', '丁', '护具', '普货', 5, 1, 100, 'DUISBURG', '德国', '2026-12-20', '否', 1000],
        // fine by the schema, refused by the order form's own checks: a code the hub has, a code twice in the file
        ['SH-1', '戊', '彩球', '普货', 10, 2, 200, 'DUISBURG', '德国', '2026-12-05', '否', 1000],
        ['IM-1', '己', '彩球', '普货', 10, 2, 200, 'DUISBURG', '德国', '2026-12-05', '否', 1000],
      ]),
    );
    expect(bad.statusCode, bad.body).toBe(422);
    const report = bad.json().report as {
      row: number;
      column: string;
      header: string;
      message: { zh: string; en: string };
    }[];
    expect(report.map((r) => [r.row, r.header])).toEqual([
      [3, '毛重kg'],
      [4, '货类'],
      [5, '备货日'],
      [6, '编号'],
      [7, '编号'],
    ]);
    // the same words as the order form gives for a taken code
    const form = await as(operator, 'POST', `/${hubId}/orders`, ORDER('SH-1'));
    expect(form.statusCode).toBe(422);
    expect(report[3]!.message).toEqual(form.json().errors[0].message);
    expect(report[4]!.message).toEqual(form.json().errors[0].message);
    expect(report[0]!.message.zh).toMatch(/重量/);
    expect(report[2]!.message.en).toMatch(/cut-off/);
    expect((await t.db.query('select count(*)::int as n from consolidation_orders'))[0]!.n).toBe(before);
    expect((await upload(shipper, await book([]))).statusCode).toBe(403);
    const ok = await upload(
      operator,
      await book([['IM-5', '甲', '彩球', '普货', 10, 2, 200, 'HAMBURG', '德国', '2026-12-05', '是', 1000]]),
    );
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().imported).toBe(1);
  });

  it('gives a shipper its invoice as a workbook; whoever may not read the order gets 404, as for no order', async () => {
    const orders = (await as(shipper, 'GET', `/${hubId}/orders`)).json().items as TOrder[];
    const sh1 = orders.find((o) => o.code === 'SH-1')!;
    const res = await as(shipper, 'GET', `/${hubId}/orders/${sh1.id}/invoice.xlsx?lang=en`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const cells = wb.worksheets[0]!.getSheetValues().flat().map(String).join(' ');
    expect(cells).toMatch(/SH-1/);
    expect(cells).toMatch(/Total/);
    // the hub and the city read the order, so its invoice too
    for (const u of [operator, admin, analyst])
      expect((await as(u, 'GET', `/${hubId}/orders/${sh1.id}/invoice.xlsx`)).statusCode, `user ${u.userId}`).toBe(200);
    // another shipper, another hub's operator, a park operator, a viewer: the same answer as for an unknown order
    const unknown = await as(shipper, 'GET', `/${hubId}/orders/2000000000/invoice.xlsx`);
    expect(unknown.statusCode).toBe(404);
    for (const u of [otherShipper, otherHubOperator, outsider, viewer]) {
      const res = await as(u, 'GET', `/${hubId}/orders/${sh1.id}/invoice.xlsx`);
      expect(res.statusCode, `user ${u.userId}`).toBe(404);
      expect(res.json().type).toBe(unknown.json().type);
    }
  });

  it("gives a shipper's booked orders on a departure as PDF and workbook invoices to the shipper, the hub and the city only", async () => {
    const deps = (await as(operator, 'GET', `/${hubId}/departures`)).json().items as { id: number; code: string }[];
    const dep = deps.find((d) => d.code === 'DF-01')!;
    const url = (f: string, q = '') => `/${hubId}/departures/${dep.id}/invoice.${f}${q}`;
    const cells = async (body: Buffer) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(body as unknown as ArrayBuffer);
      return wb.worksheets[0]!.getSheetValues().flat().map(String);
    };
    // the shipper: its own enterprise by default; amounts, no container price or share
    const pdf = await as(shipper, 'GET', url('pdf'));
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const mine = await cells((await as(shipper, 'GET', url('xlsx', '?lang=en'))).rawPayload);
    expect(mine).toContain('SH-1');
    expect(mine).toContain('DF-01');
    expect(mine).not.toContain('OP-1'); // the operator's order for no enterprise
    expect(mine).not.toContain('Container CNY');
    // the total is the shipper's share of the plan's containers, as the plan view states it
    const plan = (await as(shipper, 'GET', `/${hubId}/plan`)).json() as TPlanView;
    const sh1 = plan.departures
      .flatMap((d) => d.containers.flatMap((c) => c.parts))
      .filter((x) => x.orderCode === 'SH-1')
      .reduce((sum, x) => sum + x.amountFen, 0);
    expect(sh1).toBeGreaterThan(0);
    const total = mine[mine.lastIndexOf('Total') + 8]; // Total, 3 blanks, pieces, 2 blanks, chargeable, amount
    expect(Number(total)).toBe(sh1 / 100);
    // the hub names the shipper and sees prices and shares; the city's administrator too
    const hub = await cells(
      (await as(operator, 'GET', url('xlsx', `?shipper=${shipperEnterprise}&lang=en`))).rawPayload,
    );
    expect(hub).toContain('Container CNY');
    expect(hub).toContain('Share');
    expect((await as(admin, 'GET', url('xlsx', `?shipper=${shipperEnterprise}`))).statusCode).toBe(200);
    const unnamed = await as(operator, 'GET', url('pdf'));
    expect(unnamed.statusCode).toBe(422);
    expect(unnamed.json().errors[0].path).toEqual(['shipper']);
    expect(unnamed.json().errors[0].message.zh).toBeTruthy();
    // everyone else: as if there were no such invoice
    for (const u of [otherShipper, analyst, otherHubOperator, outsider, viewer])
      for (const f of ['pdf', 'xlsx'])
        expect((await as(u, 'GET', url(f, `?shipper=${shipperEnterprise}`))).statusCode, `user ${u.userId} ${f}`).toBe(
          404,
        );
    // another shipper's own invoice: nothing booked → 404; an unknown departure → 404
    expect((await as(otherShipper, 'GET', url('pdf'))).statusCode).toBe(404);
    expect((await as(shipper, 'GET', `/${hubId}/departures/2000000000/invoice.pdf`)).statusCode).toBe(404);
  }, 180_000); // one PDF rendered in a worker thread (fonts, layout): seconds on a busy machine

  it('gives a hub to its operating organisation: its hub operators run it, with no other right', async () => {
    const bad = await as(admin, 'POST', '', {
      name: '机构不符的集拼中心',
      station: '吴家山站',
      organisationId: outsider.organisationId,
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toEqual(['organisationId']);
    expect(bad.json().errors[0].message.zh).toMatch(/物流枢纽/);
    const made = await as(admin, 'POST', '', {
      name: '第二集拼中心',
      station: '吴家山站',
      organisationId: otherHubOperator.organisationId,
    });
    expect(made.statusCode, made.body).toBe(201);
    const second = made.json() as { id: number; organisationId: number };
    expect(second.organisationId).toBe(otherHubOperator.organisationId);
    const hubs = (await as(otherHubOperator, 'GET', '')).json().items as { id: number; member: boolean }[];
    expect(hubs.find((h) => h.id === second.id)?.member).toBe(true);
    expect(hubs.find((h) => h.id === hubId)?.member).toBe(false);
    const dep = await as(otherHubOperator, 'POST', `/${second.id}/departures`, DEP);
    expect(dep.statusCode, dep.body).toBe(201);
    const audit = await t.db.query<{ actor_user_id: number }>(
      "select actor_user_id from change_log where entity = 'consolidation_departures' and entity_id = $1",
      [String(dep.json().id)],
    );
    expect(audit.map((r) => r.actor_user_id)).toEqual([otherHubOperator.userId]);
    // the first hub's operator cannot touch the second hub
    expect((await as(operator, 'POST', `/${second.id}/departures`, { ...DEP, code: 'DF-X' })).statusCode).toBe(403);
    // a hub operator has no right beyond its hub: no imports, administration, registry changes or figures
    const perms = (
      await app.inject({ method: 'GET', url: '/api/v1/permissions', headers: operator.headers })
    ).json() as { features: Record<string, boolean>; resources: Record<string, { create: boolean; write: string }> };
    expect(perms.features['consolidation.view']).toBe(true);
    expect(perms.features.administer).toBe(false);
    expect(perms.features.import).toBe(false);
    expect(perms.features.exportDataset).toBe(false);
    expect(perms.features.chainShortlist).toBe(false);
    expect(perms.resources.enterprises).toMatchObject({ create: false, write: 'none' });
    expect(perms.resources.metrics).toMatchObject({ create: false, write: 'none' });
    const firm = await app.inject({
      method: 'PATCH',
      url: `/api/v1/enterprises/${shipperEnterprise}`,
      payload: { version: 1, name: '改名' },
      headers: operator.headers,
    });
    expect(firm.statusCode).toBe(403);
  });

  it('edits and cancels orders and departures by the rules: booked orders stay put unless released, all audited', async () => {
    const [h] = await t.db.query<{ id: number }>(
      "insert into consolidation_hubs (name, station, organisation_id) values ('变更测试集拼中心', '吴家山站', $1) returning id",
      [operator.organisationId],
    );
    const hid = h!.id;
    const dep = (await as(operator, 'POST', `/${hid}/departures`, DEP)).json() as { id: number; version: number };
    const a = (await as(operator, 'POST', `/${hid}/orders`, ORDER('CH-1'))).json() as TOrder;
    const b = (await as(operator, 'POST', `/${hid}/orders`, ORDER('CH-2'))).json() as TOrder;
    expect((await as(operator, 'POST', `/${hid}/plan`)).statusCode).toBe(200);
    const booked = (await as(operator, 'POST', `/${hid}/orders/${a.id}/book`)).json() as TOrder;
    expect(booked.status).toBe('booked');
    // an open order changes freely; a stale version is refused
    const edited = await as(operator, 'PUT', `/${hid}/orders/${b.id}`, { ...ORDER('CH-2'), volumeM3: 7, version: 1 });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((edited.json() as TOrder).volumeM3).toBe(7);
    expect((await as(operator, 'PUT', `/${hid}/orders/${b.id}`, { ...ORDER('CH-2'), version: 1 })).statusCode).toBe(
      409,
    );
    // a booked order keeps what placed it: each moved field is named, in zh and en
    const moved = await as(operator, 'PUT', `/${hid}/orders/${a.id}`, {
      ...ORDER('CH-1'),
      volumeM3: 9,
      destination: 'HAMBURG',
      version: booked.version,
    });
    expect(moved.statusCode).toBe(422);
    const errs = moved.json().errors as { path: string[]; message: { zh: string; en: string } }[];
    expect(errs.map((e) => e.path[0]).sort()).toEqual(['destination', 'volumeM3']);
    expect(errs[0]!.message.zh).toMatch(/已订舱/);
    expect(errs[0]!.message.en).toMatch(/booked/);
    const papers = await as(operator, 'PUT', `/${hid}/orders/${a.id}`, {
      ...ORDER('CH-1'),
      goods: '节日装饰彩球（红色）',
      version: booked.version,
    });
    expect(papers.statusCode, papers.body).toBe(200);
    // a booked order is never cancelled silently
    const silent = await as(operator, 'POST', `/${hid}/orders/${a.id}/cancel`, { version: booked.version + 1 });
    expect(silent.statusCode).toBe(422);
    expect(silent.json().errors[0].path).toEqual(['confirmBooked']);
    // the departure: booked orders rely on its date; cancelling needs the release, which reopens them
    const late = await as(operator, 'PUT', `/${hid}/departures/${dep.id}`, {
      ...DEP,
      departOn: '2026-12-12',
      version: 1,
    });
    expect(late.statusCode).toBe(422);
    expect(late.json().errors[0].path).toEqual(['departOn']);
    const prices = await as(operator, 'PUT', `/${hid}/departures/${dep.id}`, {
      ...DEP,
      containers: DEP.containers.map((c) => ({ ...c, count: c.count + 1 })),
      version: 1,
    });
    expect(prices.statusCode, prices.body).toBe(200);
    expect(prices.json().version).toBe(2);
    const refused = await as(operator, 'POST', `/${hid}/departures/${dep.id}/cancel`, { version: 2 });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0].path).toEqual(['releaseBooked']);
    expect(refused.json().errors[0].message.zh).toMatch(/重新排箱/);
    expect((await as(shipper, 'POST', `/${hid}/departures/${dep.id}/cancel`, { version: 2 })).statusCode).toBe(403);
    const cancelled = await as(operator, 'POST', `/${hid}/departures/${dep.id}/cancel`, {
      version: 2,
      releaseBooked: true,
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json().departure.status).toBe('cancelled');
    expect(cancelled.json().released).toEqual([{ id: a.id, code: 'CH-1' }]);
    const reopened = (await as(operator, 'GET', `/${hid}/orders`)).json().items as TOrder[];
    expect(reopened.find((o) => o.id === a.id)).toMatchObject({ status: 'open', lock: null });
    // the next plan has no departure left: both orders are unplaceable, none lost
    const plan = (await as(operator, 'POST', `/${hid}/plan`)).json() as TPlanView;
    expect(plan.containers).toBe(0);
    expect(plan.unplaced.map((u) => u.orderCode).sort()).toEqual(['CH-1', 'CH-2']);
    // an open order cancels without more ado; a cancelled one cannot change again
    const v = reopened.find((o) => o.id === b.id)!.version;
    expect((await as(operator, 'POST', `/${hid}/orders/${b.id}/cancel`, { version: v })).json().status).toBe(
      'cancelled',
    );
    const again = await as(operator, 'PUT', `/${hid}/orders/${b.id}`, { ...ORDER('CH-2'), version: v + 1 });
    expect(again.json().errors[0].path).toEqual(['orderId']);
    const log = await t.db.query<{ entity: string; actor_user_id: number }>(
      `select entity, actor_user_id from change_log where (entity = 'consolidation_departures' and entity_id = $1)
        or (entity = 'consolidation_orders' and entity_id in ($2, $3)) order by id`,
      [String(dep.id), String(a.id), String(b.id)],
    );
    expect(log.length).toBeGreaterThanOrEqual(9);
    expect(log.every((r) => r.actor_user_id === operator.userId)).toBe(true);
  });

  it('lets the city set up a hub and its operators, and no one else', async () => {
    // a second hub run by the other hub operator's organisation (kind logistics_hub)
    const hubBody = { name: '新集拼中心', station: '吴家山站', organisationId: otherHubOperator.organisationId };
    expect((await as(operator, 'POST', '', hubBody)).statusCode).toBe(403);
    const made = await as(admin, 'POST', '', hubBody);
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id as number;
    expect((await as(admin, 'POST', '', hubBody)).json().errors[0].path).toEqual(['name']);
    expect((await as(outsider, 'GET', `/${id}/orders`)).statusCode).toBe(403);
    expect((await as(operator, 'POST', `/${id}/members`, { userId: outsider.userId })).statusCode).toBe(403);
    // not a hub operator of this hub's organisation: a park operator, a shipper, an analyst, another hub's operator
    const colleague = await makeUser(t.db, 'hub_operator');
    await t.db.query('update users set organisation_id = $2 where id = $1', [
      colleague.userId,
      otherHubOperator.organisationId,
    ]);
    const before = (await t.db.query('select count(*)::int as n from consolidation_hub_members'))[0]!.n;
    for (const u of [outsider, shipper, analyst, admin, operator]) {
      const res = await as(admin, 'POST', `/${id}/members`, { userId: u.userId });
      expect(res.statusCode, res.body).toBe(422);
      const e = res.json().errors[0];
      expect(e.path).toEqual(['userId']);
      expect(e.message.zh).toMatch(/物流枢纽运营方/);
      expect(e.message.en).toMatch(/hub operator/);
    }
    expect((await t.db.query('select count(*)::int as n from consolidation_hub_members'))[0]!.n).toBe(before);
    expect((await as(outsider, 'GET', `/${id}/orders`)).statusCode).toBe(403);
    // a hub without an operating organisation takes no member at all
    const bare = (await as(admin, 'POST', '', { name: '无运营机构的集拼中心', station: '吴家山站' })).json()
      .id as number;
    expect((await as(admin, 'POST', `/${bare}/members`, { userId: colleague.userId })).statusCode).toBe(422);
    // the organisation's own hub operator account is taken, once
    expect((await as(admin, 'POST', `/${id}/members`, { userId: colleague.userId })).statusCode).toBe(201);
    const again = await as(admin, 'POST', `/${id}/members`, { userId: colleague.userId });
    expect(again.statusCode).toBe(422);
    expect(again.json().errors[0].code).toBe('consolidation.already_member');
    expect((await as(colleague, 'GET', `/${id}/orders`)).statusCode).toBe(200);
    const hubs = (await as(colleague, 'GET', '')).json().items as { id: number; member: boolean }[];
    expect(hubs.find((h) => h.id === id)?.member).toBe(true);
    expect(hubs.find((h) => h.id === hubId)?.member).toBe(false);
  });
});

describe('consolidation demo', () => {
  let t: TestDb;
  let demo: DemoApp;
  beforeAll(async () => {
    t = await ENGINES[0]!.create();
    demo = await demoApp(t);
  }, 300_000);
  afterAll(async () => {
    await demo?.app.close();
    await t?.drop();
  });

  it('seeds 汉欧国际物流园 集拼中心 with the seed article as its source, a checked plan and synthetic orders', async () => {
    expect(demo.users.hub_operator).toBe('demo-hub');
    const hubs = await demo.as(demo.users.hub_operator, 'GET', '/api/v1/consolidation/hubs');
    const hub = (hubs.body as { items: { id: number; name: string; source: string; member: boolean }[] }).items[0]!;
    expect(hub.name).toBe('汉欧国际物流园 集拼中心');
    expect(hub.source).toMatch(/40国121城/);
    expect(hub.source).toMatch(/176亿元/);
    expect(hub.member).toBe(true);
    // the district no longer stands in for the hub company
    const district = (await demo.as(demo.users.district_user, 'GET', '/api/v1/consolidation/hubs')).body as {
      items: { member: boolean }[];
    };
    expect(district.items[0]!.member).toBe(false);
    const accounts = (await demo.as(demo.users.viewer, 'GET', '/api/v1/auth/demo-accounts')).body as {
      items: { username: string; role: string; organisationName: string }[];
    };
    expect(accounts.items.find((x) => x.username === 'demo-hub')).toMatchObject({
      role: 'hub_operator',
      organisationName: '汉欧国际物流园 集拼中心（演示）',
    });
    const plan = (await demo.as(demo.users.hub_operator, 'GET', `/api/v1/consolidation/hubs/${hub.id}/plan`))
      .body as TPlanView;
    expect(plan.checkerProblems).toBe(0);
    expect(plan.unplaced.map((u) => u.reason)).toEqual(['too_heavy']);
    const goods = plan.departures.flatMap((d) => d.containers.flatMap((c) => c.parts.map((p) => p.goods)));
    expect(goods).toEqual(expect.arrayContaining(['节日装饰彩球', '健身护具']));
    const orders = (await demo.as(demo.users.hub_operator, 'GET', `/api/v1/consolidation/hubs/${hub.id}/orders`))
      .body as {
      items: TOrder[];
    };
    expect(orders.items.every((o) => o.synthetic)).toBe(true);
    expect(orders.items.filter((o) => o.status === 'booked')).toHaveLength(2);
    // the demo tenant sees its own orders only
    const own = (await demo.as(demo.users.enterprise_user, 'GET', `/api/v1/consolidation/hubs/${hub.id}/orders`))
      .body as {
      items: TOrder[];
    };
    expect(own.items.length).toBeGreaterThan(0);
    expect(own.items.length).toBeLessThan(orders.items.length);
  });
});
