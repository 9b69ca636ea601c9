/**
 * Docking end to end on each engine: bad input named field by field (zh + en), the match engine's
 * evidence through the API (same building first, floors, the chain edge), confidentiality role by
 * role, double opt-in, a deal on a hidden match (404), the deal's supplier link moving the chain
 * atlas's local supporting rate, remembered decisions, 替代外地供应 and 楼上楼下.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, type TestUser } from '../../../../test/helpers/auth.js';
import { ENGINES, type TestDb } from '../../../../test/helpers/db.js';
import type { TMatch, TPosting } from '../../../contracts/docking.js';

const FUTURE = '2099-12-31';

describe.each(ENGINES)('[$name] supply–demand docking', (engine) => {
  let t: TestDb;
  let app: FastifyInstance;
  const ids = { park1: 0, park2: 0, b1: 0, b2: 0, leader: 0, s1: 0, s2: 0, x: 0 };
  const u = {} as Record<
    'leader' | 's1' | 'x' | 'operator' | 'operator2' | 'analyst' | 'viewer' | 'officer' | 'admin',
    TestUser
  >;
  let demandId = 0;
  let supplyId = 0;
  let s2SupplyId = 0;

  const call = (who: TestUser, method: string, url: string, payload?: unknown) =>
    app.inject({
      method: method as 'GET',
      url: `/api/v1/docking${url}`,
      payload: payload as never,
      headers: who.headers,
    });
  const matchesOf = async (who: TestUser, postingId: number) =>
    (await call(who, 'GET', `/matches?postingId=${postingId}`)).json().items as TMatch[];
  const matchWith = async (who: TestUser, postingId: number, supplierId: number) =>
    (await matchesOf(who, postingId)).find((m) => m.supply.enterpriseId === supplierId)!;

  async function one(sql: string, params: unknown[] = []): Promise<number> {
    const [r] = await t.db.query<{ id: number }>(sql, params);
    return r!.id;
  }

  beforeAll(async () => {
    t = await engine.create();
    const { buildApp } = await import('../../../server/app.js');
    app = await buildApp({ db: t.db, logger: process.env.DK_LOG === '1' });
    const src = 'parklink-docking';
    ids.park1 = await one(
      `insert into parks (code, name, kind, level, region_code, source_id) values ('dk-p1', '对接测试园', 'characteristic_park', 'district', '420112', $1) returning id`,
      [src],
    );
    ids.park2 = await one(
      `insert into parks (code, name, kind, level, region_code, source_id) values ('dk-p2', '对接测试园二', 'characteristic_park', 'district', '420111', $1) returning id`,
      [src],
    );
    const building = async (park: number, code: string, floors: number[]) => {
      const b = await one(
        `insert into buildings (park_id, code, name, type, floors_above, source_id) values ($1, $2, $3, 'high_rise_factory', 20, $4) returning id`,
        [park, code, `${code}楼`, src],
      );
      const units = new Map<number, number>();
      for (const f of floors) {
        const fl = await one('insert into floors (building_id, floor_no, source_id) values ($1, $2, $3) returning id', [
          b,
          f,
          src,
        ]);
        units.set(
          f,
          await one(`insert into units (floor_id, code, source_id) values ($1, 'U', $2) returning id`, [fl, src]),
        );
      }
      return { b, units };
    };
    const B1 = await building(ids.park1, 'DK1', [3, 9]);
    const B2 = await building(ids.park2, 'DK2', [1]);
    ids.b1 = B1.b;
    ids.b2 = B2.b;
    const firm = async (name: string, region: string, leader = false, products: string[] = []) =>
      one(
        `insert into enterprises (name, region_code, is_chain_leader, chain_code, products, source_id) values ($1, $2, $3, $4, $5, $6) returning id`,
        [name, region, leader, leader ? 'oe' : null, products, src],
      );
    ids.leader = await firm('链主光模块有限公司', '420112', true, ['光模块']);
    ids.s1 = await firm('楼上激光芯片有限公司', '420112', false, ['激光器芯片']);
    ids.s2 = await firm('深圳外地芯片有限公司', '440300', false, ['激光器芯片']);
    ids.x = await firm('无关企业有限公司', '420111');
    const occupy = (e: number, unit: number) =>
      t.db.query('insert into occupancies (enterprise_id, unit_id, source_id) values ($1, $2, $3)', [e, unit, src]);
    await occupy(ids.leader, B1.units.get(3)!);
    await occupy(ids.s1, B1.units.get(9)!);
    await occupy(ids.x, B2.units.get(1)!);
    for (const [e, n] of [
      [ids.leader, 'oe.module'],
      [ids.s1, 'oe.ld_chip'],
      [ids.s2, 'oe.ld_chip'],
    ] as const) {
      await t.db.query(`insert into chain_mappings (enterprise_id, node_id, status) values ($1, $2, 'confirmed')`, [
        e,
        n,
      ]);
    }
    // The leader buys its laser chips outside the city today: 1 000 万元 a year.
    await t.db.query(
      `insert into supply_links (supplier_id, customer_id, product, annual_amount_wan, year, source_id) values ($1, $2, 'DFB激光器芯片', 1000, 2025, $3)`,
      [ids.s2, ids.leader, src],
    );
    u.leader = await makeUser(t.db, 'enterprise_user', { enterpriseId: ids.leader });
    u.s1 = await makeUser(t.db, 'enterprise_user', { enterpriseId: ids.s1 });
    u.x = await makeUser(t.db, 'enterprise_user', { enterpriseId: ids.x });
    u.operator = await makeUser(t.db, 'park_operator', { parkIds: [ids.park1] });
    u.operator2 = await makeUser(t.db, 'park_operator', { parkIds: [ids.park2] });
    u.analyst = await makeUser(t.db, 'city_analyst');
    u.viewer = await makeUser(t.db, 'viewer');
    u.officer = await makeUser(t.db, 'investment_officer');
    u.admin = await makeUser(t.db, 'city_admin');
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  const demand = () => ({
    kind: 'demand',
    category: 'product',
    enterpriseId: ids.leader,
    title: '采购100G光收发模块用DFB激光芯片',
    nodeId: 'oe.module',
    quantity: 20,
    unit: 'kpcs',
    priceWan: 777.77,
    validUntil: FUTURE,
    visibility: 'city',
    contactName: '链主采购王经理',
    contactPhone: '13900000001',
  });

  it('refuses bad postings with a 422 naming each field in zh and en', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ nodeId: 'oe.nope' }, 'nodeId', 'docking.unknown_node'],
      [{ quantity: -5 }, 'quantity', 'too_small'],
      [{ quantity: 1e12 }, 'quantity', 'too_big'],
      [{ validUntil: '2020-01-01' }, 'validUntil', 'docking.expired'],
      [{ category: 'service', unit: 't', quantity: 3 }, 'unit', 'docking.unit_mismatch'],
      [{ enterpriseId: ids.s1 }, 'enterpriseId', 'docking.not_yours'],
    ];
    for (const [patch, field, code] of cases) {
      const res = await call(u.leader, 'POST', '/postings', { ...demand(), ...patch });
      expect(res.statusCode, `${field}: ${res.body}`).toBe(422);
      const e = (res.json().errors as { path: string[]; code: string; message: { zh: string; en: string } }[]).find(
        (x) => x.path.join('.') === field,
      );
      expect(e, res.body).toBeDefined();
      expect(e!.code).toBe(code);
      expect(e!.message.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(e!.message.en).toMatch(/[a-z]/);
    }
    expect(await t.db.query('select 1 from docking_postings')).toHaveLength(0);
  });

  it('matches a new posting at once: the same building first, with floors, edge, terms and capacity', async () => {
    const s1 = await call(u.s1, 'POST', '/postings', {
      kind: 'supply',
      category: 'product',
      enterpriseId: ids.s1,
      title: 'DFB激光器芯片（25G）',
      nodeId: 'oe.ld_chip',
      quantity: 50000,
      unit: 'pcs',
      priceWan: 333.33,
      validUntil: FUTURE,
      visibility: 'public',
      contactName: '楼上销售李经理',
      contactPhone: '13900000002',
    });
    expect(s1.statusCode, s1.body).toBe(201);
    supplyId = s1.json().posting.id;
    const s2 = await call(u.admin, 'POST', '/postings', {
      kind: 'supply',
      category: 'product',
      enterpriseId: ids.s2,
      title: 'DFB激光器芯片',
      nodeId: 'oe.ld_chip',
      validUntil: FUTURE,
      visibility: 'public',
    });
    expect(s2.statusCode, s2.body).toBe(201);
    s2SupplyId = s2.json().posting.id;
    const d = await call(u.leader, 'POST', '/postings', demand());
    expect(d.statusCode, d.body).toBe(201);
    demandId = d.json().posting.id;
    expect(d.json().newMatches).toBeGreaterThanOrEqual(2);
    const ms = await matchesOf(u.leader, demandId);
    const top = ms[0]!;
    expect(top.supply.enterpriseId).toBe(ids.s1);
    expect(top.tier).toBe('building');
    expect(top.evidence.floors).toEqual({ demand: 3, supply: 9 });
    expect(top.evidence.edge).toMatchObject({ from: 'oe.ld_chip', to: 'oe.module' });
    expect(top.evidence.terms).toContain('激光器芯片');
    expect(top.evidence.capacity.fit).toBe('covers');
    const far = ms.find((m) => m.supply.postingId === s2SupplyId)!;
    expect(far.tier).toBe('outside');
    expect(far.score).toBeLessThan(top.score);
  });

  it('shows quantities, prices and contacts only to owners and, after both accept, the counterpart', async () => {
    // The owner sees its own demand's figures, not yet the supplier's.
    const mine = (await call(u.leader, 'GET', `/postings?id=${demandId}`)).json().items[0] as TPosting;
    expect(mine.quantity).toBe(20);
    expect(mine.priceWan).toBe(777.77);
    let m = await matchWith(u.leader, demandId, ids.s1);
    expect(m.demand.quantity).toBe(20);
    expect(m.supply.quantity).toBeNull();
    expect(m.supply.contactPhone).toBeNull();
    expect(m.evidence.capacity.ratio).toBeNull();
    expect(m.mySide).toBe('demand');

    // A firm that is no side: sees the public posting without figures, and no match.
    const other = (await call(u.x, 'GET', `/postings?id=${supplyId}`)).json().items[0] as TPosting;
    expect(other.title).toContain('DFB');
    expect(other.quantity).toBeNull();
    expect(other.priceWan).toBeNull();
    expect(other.contactName).toBeNull();
    expect(other.redacted).toEqual(expect.arrayContaining(['quantity', 'priceWan', 'contactName', 'contactPhone']));
    expect((await call(u.x, 'GET', `/matches?id=${m.id}`)).json().items).toEqual([]);
    expect((await call(u.x, 'GET', `/matches?postingId=${demandId}`)).json().items).toEqual([]);

    // The park's operator acts for both firms: it sees both sides' figures.
    const op = (await call(u.operator, 'GET', `/matches?id=${m.id}`)).json().items[0] as TMatch;
    expect(op.demand.quantity).toBe(20);
    expect(op.supply.quantity).toBe(50000);
    // Another park's operator sees neither the match nor the figures.
    expect((await call(u.operator2, 'GET', `/matches?id=${m.id}`)).json().items).toEqual([]);
    const op2 = (await call(u.operator2, 'GET', `/postings?id=${demandId}`)).json().items[0] as TPosting;
    expect(op2.quantity).toBeNull();

    // The bureau's analyst reads matches and aggregates, never a firm's figures or contacts.
    const an = (await call(u.analyst, 'GET', `/matches?id=${m.id}`)).json().items[0] as TMatch;
    expect(an.demand.quantity).toBeNull();
    expect(an.supply.priceWan).toBeNull();
    expect(an.demand.contactPhone).toBeNull();
    const anBody = (await call(u.analyst, 'GET', `/postings?kind=demand`)).body;
    expect(anBody).not.toContain('777.77');
    expect(anBody).not.toContain('13900000001');

    // Officers and viewers: postings without figures; viewers see public ones only and no matches.
    const of = (await call(u.officer, 'GET', `/postings?id=${demandId}`)).json().items[0] as TPosting;
    expect(of.quantity).toBeNull();
    expect((await call(u.viewer, 'GET', `/postings?id=${demandId}`)).json().items).toEqual([]);
    expect((await call(u.viewer, 'GET', '/matches')).statusCode).toBe(403);
    expect((await call(u.viewer, 'GET', `/postings?id=${supplyId}`)).json().items[0].quantity).toBeNull();

    // Double opt-in: one side's interest opens nothing; a second decision is refused.
    let r = await call(u.leader, 'POST', `/matches/${m.id}/decision`, { decision: 'interested' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().contactOpened).toBe(false);
    expect(r.json().match.supply.contactPhone).toBeNull();
    r = await call(u.leader, 'POST', `/matches/${m.id}/decision`, { decision: 'not_relevant' });
    expect(r.statusCode).toBe(422);
    expect(r.json().errors[0].code).toBe('docking.already_decided');
    r = await call(u.x, 'POST', `/matches/${m.id}/decision`, { decision: 'interested' });
    expect(r.statusCode).toBe(404);
    r = await call(u.s1, 'POST', `/matches/${m.id}/decision`, { decision: 'interested' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().contactOpened).toBe(true);
    m = await matchWith(u.leader, demandId, ids.s1);
    expect(m.status).toBe('contact');
    expect(m.supply.contactPhone).toBe('13900000002');
    expect(m.supply.quantity).toBe(50000);
    expect(m.evidence.capacity.ratio).toBe(2.5);
    const s1view = (await call(u.s1, 'GET', `/matches?id=${m.id}`)).json().items[0] as TMatch;
    expect(s1view.demand.contactName).toBe('链主采购王经理');
    // The analyst still sees no contact after the opt-in.
    expect(
      ((await call(u.analyst, 'GET', `/matches?id=${m.id}`)).json().items[0] as TMatch).supply.contactPhone,
    ).toBeNull();
  });

  it('refuses a deal before the contact is open, and answers 404 on a match the caller cannot see', async () => {
    const far = await matchWith(u.leader, demandId, ids.s2);
    let r = await call(u.leader, 'POST', `/matches/${far.id}/deals`, {
      product: 'DFB激光器芯片',
      amountWan: 100,
      signedOn: '2026-03-01',
      termMonths: 12,
    });
    expect(r.statusCode).toBe(422);
    expect(r.json().errors[0].code).toBe('docking.contact_first');
    const near = await matchWith(u.leader, demandId, ids.s1);
    r = await call(u.x, 'POST', `/matches/${near.id}/deals`, {
      product: 'DFB激光器芯片',
      amountWan: 100,
      signedOn: '2026-03-01',
      termMonths: 12,
    });
    expect(r.statusCode).toBe(404);
    r = await call(u.operator2, 'POST', `/matches/${near.id}/deals`, {
      product: 'DFB激光器芯片',
      amountWan: 100,
      signedOn: '2026-03-01',
      termMonths: 12,
    });
    expect(r.statusCode).toBe(404);
  });

  it('records a deal as a supplier link, and the local supporting rate of the leader and its node moves', async () => {
    const health = async () =>
      (
        await app.inject({ method: 'GET', url: '/api/v1/chains/oe/health?scope=city', headers: u.admin.headers })
      ).json() as {
        leaders: { enterpriseId: number; supporting: { rate: number | null; localWan: number } }[];
        nodes: { nodeId: string; supporting: { rate: number | null } }[];
      };
    const before = await health();
    const leaderBefore = before.leaders.find((l) => l.enterpriseId === ids.leader);
    expect(leaderBefore?.supporting.rate).toBe(0);
    const nodeBefore = before.nodes.find((n) => n.nodeId === 'oe.module')!.supporting.rate;
    const near = await matchWith(u.leader, demandId, ids.s1);
    const r = await call(u.leader, 'POST', `/matches/${near.id}/deals`, {
      product: 'DFB激光器芯片',
      amountWan: 500,
      signedOn: '2026-03-01',
      termMonths: 24,
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().linkCreated).toBe(true);
    expect(r.json().match.status).toBe('deal');
    const [link] = await t.db.query<{ annual_amount_wan: number; source_id: string }>(
      'select annual_amount_wan, source_id from supply_links where id = $1',
      [r.json().supplyLinkId],
    );
    expect(link).toEqual({ annual_amount_wan: 500, source_id: 'parklink-docking' });
    const after = await health();
    expect(after.leaders.find((l) => l.enterpriseId === ids.leader)?.supporting.rate).toBeCloseTo(500 / 1500, 4);
    expect(after.nodes.find((n) => n.nodeId === 'oe.module')!.supporting.rate).not.toBe(nodeBefore);
    // The dashboard states the change for the chain, the deal and its amount.
    const dash = (await call(u.analyst, 'GET', '/dashboard')).json();
    expect(dash.totals.deals).toBe(1);
    expect(dash.totals.contacts).toBe(1);
    expect(dash.totals.newLocalSupplyWan).toBe(500);
    const oe = dash.byChain.find((c: { chainCode: string }) => c.chainCode === 'oe');
    expect(oe).toMatchObject({ deals: 1, amountWan: 500, rateBefore: 0 });
    expect(oe.rateNow).toBeCloseTo(500 / 1500, 4);
    expect((await call(u.leader, 'GET', '/dashboard')).statusCode).toBe(403);
    // The deal's amount is the link's: the sides see it, the other park's operator cannot even see the match.
    expect((await matchWith(u.leader, demandId, ids.s1)).deals[0]!.amountWan).toBe(500);
    const audit = await t.db.query<{ entity: string }>(
      `select distinct entity from change_log where entity like 'docking%' or entity = 'supply_links' order by 1`,
    );
    expect(audit.map((a) => a.entity)).toEqual([
      'docking_contacts',
      'docking_deals',
      'docking_matches',
      'docking_postings',
      'supply_links',
    ]);
  });

  it('never suggests a confirmed pair as new again, and remembers a "not relevant"', async () => {
    const far = await matchWith(u.leader, demandId, ids.s2);
    const r = await call(u.leader, 'POST', `/matches/${far.id}/decision`, { decision: 'not_relevant' });
    expect(r.statusCode).toBe(200);
    const again = await call(u.leader, 'POST', '/postings', { ...demand(), title: '再采购DFB激光器芯片' });
    expect(again.statusCode, again.body).toBe(201);
    const ms = await matchesOf(u.leader, again.json().posting.id);
    // The confirmed pair (leader and s1 have a contact and a deal) is not stored as a match of the new posting.
    expect(ms.find((m) => m.supply.enterpriseId === ids.s1)).toBeUndefined();
    expect(ms.find((m) => m.supply.enterpriseId === ids.s2)).toBeUndefined();
    expect(again.json().newMatches).toBe(ms.length);
  });

  it('turns a leader’s purchase from outside the city into a suggested demand, posted only when confirmed', async () => {
    const list = (await call(u.leader, 'GET', '/suggested-demand')).json().items as {
      linkId: number;
      product: string;
      amountWan: number | null;
      postingId: number | null;
      candidates: { enterpriseId: number; tier: string }[];
    }[];
    const s = list.find((x) => x.product === 'DFB激光器芯片')!;
    expect(s.amountWan).toBe(1000);
    expect(s.postingId).toBeNull();
    expect(s.candidates[0]?.enterpriseId).toBe(ids.s1);
    expect(s.candidates.every((c) => c.tier !== 'outside')).toBe(true);
    // Another firm neither sees the suggestion nor can confirm it.
    expect(
      ((await call(u.x, 'GET', '/suggested-demand')).json().items as { linkId: number }[]).some(
        (x) => x.linkId === s.linkId,
      ),
    ).toBe(false);
    expect(
      (await call(u.x, 'POST', `/suggested-demand/${s.linkId}/confirm`, { validUntil: FUTURE, visibility: 'city' }))
        .statusCode,
    ).toBe(404);
    const ok = await call(u.leader, 'POST', `/suggested-demand/${s.linkId}/confirm`, {
      validUntil: FUTURE,
      visibility: 'city',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().posting).toMatchObject({ origin: 'leader_link', nodeId: expect.stringMatching(/^oe\./) });
    const after = (await call(u.leader, 'GET', '/suggested-demand')).json().items as {
      linkId: number;
      postingId: number | null;
    }[];
    expect(after.find((x) => x.linkId === s.linkId)?.postingId).toBe(ok.json().posting.id);
  });

  it('shows 楼上楼下: who in a building could supply whom, floor by floor', async () => {
    const r = await call(u.viewer, 'GET', `/buildings/${ids.b1}`);
    expect(r.statusCode, r.body).toBe(200);
    const v = r.json();
    expect(v.floors.map((f: { floorNo: number }) => f.floorNo)).toEqual([9, 3]);
    expect(v.pairs).toContainEqual(
      expect.objectContaining({
        supplierId: ids.s1,
        supplierFloor: 9,
        customerId: ids.leader,
        customerFloor: 3,
        linked: true,
      }),
    );
    expect((await call(u.viewer, 'GET', '/buildings/999999')).statusCode).toBe(404);
  });

  it('suggests chain nodes for a text and lets only owners close a posting', async () => {
    const s = (await call(u.x, 'GET', `/node-suggestions?text=${encodeURIComponent('溅射靶材')}`)).json().items;
    expect(s.map((x: { nodeId: string }) => x.nodeId)).toContain('oe.target');
    const no = await call(u.x, 'POST', `/postings/${supplyId}/close`);
    expect(no.statusCode, no.body).toBe(403);
    expect((await call(u.x, 'POST', `/postings/${demandId}/close`)).statusCode).toBe(403);
    const ok = await call(u.s1, 'POST', `/postings/${supplyId}/close`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().status).toBe('closed');
  });
});
