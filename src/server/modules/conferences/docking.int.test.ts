/**
 * Docking events and chain-aware conferences (issue 12 item 5) on each engine: docking matches among
 * participants become suggested requests with their priority; a conference held for a chain suggests
 * pairs that fill its gaps, prioritised by the gap; the organiser accepts suggestions into requests
 * (all or none, named keys); the results say which gaps the meetings and deals addressed. Only
 * organisers see suggestions; no quantity, price or contact appears in them.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, type TestUser } from '../../../../test/helpers/auth.js';
import { ENGINES, type TestDb } from '../../../../test/helpers/db.js';
import type { TConferenceResults, TMeetingSuggestions } from '../../../contracts/conference-docking.js';
import type { TRequest } from '../../../contracts/conferences.js';

const FUTURE = '2099-12-31';

describe.each(ENGINES)('[$name] docking events and chain-aware conferences', (engine) => {
  let t: TestDb;
  let app: FastifyInstance;
  const ids = { leader: 0, s1: 0, s2: 0, s3: 0, event: 0 };
  const pid = { leader: 0, s1: 0, s2: 0, s3: 0 };
  const u = {} as Record<'admin' | 'analyst' | 'leader', TestUser>;
  let base = '';
  let matchId = 0;

  const call = (who: TestUser, method: string, url: string, payload?: unknown) =>
    app.inject({ method: method as 'GET', url, payload: payload as never, headers: who.headers });
  const one = async (sql: string, params: unknown[] = []) => {
    const [r] = await t.db.query<{ id: number }>(sql, params);
    return r!.id;
  };
  const suggestions = async () => {
    const res = await call(u.admin, 'GET', `${base}/suggestions`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as TMeetingSuggestions;
  };
  const pair = (s: TMeetingSuggestions, a: number, b: number) =>
    s.items.find((x) => (x.fromId === a && x.toId === b) || (x.fromId === b && x.toId === a));

  beforeAll(async () => {
    t = await engine.create();
    const { buildApp } = await import('../../../server/app.js');
    app = await buildApp({ db: t.db, logger: false });
    const src = 'parklink-docking';
    const firm = (name: string, region: string, leader = false) =>
      one(
        `insert into enterprises (name, region_code, is_chain_leader, chain_code, source_id) values ($1, $2, $3, $4, $5) returning id`,
        [name, region, leader, leader ? 'oe' : null, src],
      );
    ids.leader = await firm('会议链主光模块有限公司', '420112', true);
    ids.s1 = await firm('会议本地激光芯片有限公司', '420112');
    ids.s2 = await firm('会议外地激光芯片有限公司', '440300');
    ids.s3 = await firm('会议外地衬底外延有限公司', '310115');
    for (const [e, n] of [
      [ids.leader, 'oe.module'],
      [ids.s1, 'oe.ld_chip'],
      [ids.s2, 'oe.ld_chip'],
      [ids.s3, 'oe.sub'],
    ] as const)
      await t.db.query(`insert into chain_mappings (enterprise_id, node_id, status) values ($1, $2, 'confirmed')`, [
        e,
        n,
      ]);
    u.admin = await makeUser(t.db, 'city_admin');
    u.analyst = await makeUser(t.db, 'city_analyst');
    u.leader = await makeUser(t.db, 'enterprise_user', { enterpriseId: ids.leader });

    // the leader's demand meets s1's supply (a docking match)
    const post = async (body: Record<string, unknown>) => {
      const res = await call(u.admin, 'POST', '/api/v1/docking/postings', {
        category: 'product',
        validUntil: FUTURE,
        visibility: 'public',
        ...body,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().posting.id as number;
    };
    await post({ kind: 'supply', enterpriseId: ids.s1, title: 'DFB激光器芯片（25G）', nodeId: 'oe.ld_chip' });
    const demand = await post({
      kind: 'demand',
      enterpriseId: ids.leader,
      title: '采购光模块用DFB激光芯片',
      nodeId: 'oe.module',
      quantity: 20,
      unit: 'kpcs',
      priceWan: 777.77,
      contactName: '王经理',
      contactPhone: '13900000001',
    });
    matchId = await one(
      'select id from docking_matches where demand_id = $1 and supplier_id = $2 and supply_id is not null',
      [demand, ids.s1],
    );

    const ev = await call(u.admin, 'POST', '/api/v1/events', {
      name: '光电子信息产业链对接会（测试）',
      kind: 'matchmaking_conference',
      city: '武汉',
      startedOn: '2026-01-10',
    });
    expect(ev.statusCode, ev.body).toBe(201);
    ids.event = ev.json().id;
    base = `/api/v1/events/${ids.event}/conference`;
    for (const k of ['leader', 's1', 's2', 's3'] as const) {
      const res = await call(u.admin, 'POST', `${base}/participants`, {
        organisation: `参会${k}`,
        enterpriseId: ids[k],
        person: '张三',
        role: k === 'leader' ? 'buyer' : 'seller',
      });
      expect(res.statusCode, res.body).toBe(201);
      pid[k] = res.json().id;
    }
    await call(u.admin, 'POST', `${base}/participants`, {
      organisation: '未登记单位',
      person: '李四',
      role: 'investor',
    });
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('suggests the docking matches among participants, with their priority, to organisers only', async () => {
    const s = await suggestions();
    expect(s.chain).toBeNull();
    expect(s.unlinked).toBe(1);
    expect(s.items.every((x) => x.source === 'docking_match')).toBe(true);
    const m = pair(s, pid.leader, pid.s1)!;
    expect(m).toMatchObject({ key: `match:${matchId}`, fromId: pid.leader, toId: pid.s1, matchId, gap: null });
    expect(m.priority).toBe(m.score! >= 0.6 ? 3 : m.score! >= 0.4 ? 2 : 1);
    expect(m.reasons[0]!.zh).toContain('供需匹配');
    expect(m.reasons[0]!.en).toContain('Docking match');
    // nothing confidential of the postings
    expect(JSON.stringify(s)).not.toMatch(/777|1390000|王经理/);
    expect((await call(u.analyst, 'GET', `${base}/suggestions`)).statusCode).toBe(403);
    expect((await call(u.leader, 'GET', `${base}/suggestions`)).statusCode).toBe(403);
  });

  it('holds the conference for a chain: a 422 names an unknown chain; only organisers set it', async () => {
    const bad = await call(u.admin, 'PUT', `${base}/chain`, { chainCode: 'nope' });
    expect(bad.statusCode).toBe(422);
    const e = bad.json().errors[0];
    expect(e.path).toEqual(['chainCode']);
    expect(e.message.zh).toContain('nope');
    expect(e.message.en).toContain('no chain');
    expect((await call(u.leader, 'PUT', `${base}/chain`, { chainCode: 'oe' })).statusCode).toBe(403);
    const ok = await call(u.admin, 'PUT', `${base}/chain`, { chainCode: 'oe' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().chain.code).toBe('oe');
    expect((await call(u.leader, 'GET', `${base}/chain`)).json().chain.code).toBe('oe');
    const log = await t.db.query(`select action from change_log where entity = 'conference_chains'`);
    expect(log).toHaveLength(1);
  });

  it('suggests pairs that fill the chain gaps, prioritised by the gap and its key-link flag', async () => {
    const s = await suggestions();
    expect(s.chain?.code).toBe('oe');
    const sub = s.gaps.find((g) => g.nodeId === 'oe.sub')!;
    expect(sub).toMatchObject({ status: 'missing', keyLink: true });
    // the substrate maker (a gap candidate from outside the city) meets the chain leader: must meet
    const lead = pair(s, pid.leader, pid.s3)!;
    expect(lead).toMatchObject({ source: 'chain_gap', fromId: pid.leader, toId: pid.s3, priority: 3 });
    expect(lead.gap?.nodeId).toBe('oe.sub');
    expect(lead.reasons.map((r) => r.en).join(' ')).toContain('leads the chain');
    // and the local laser-chip maker, whose node the substrate feeds
    const feeds = pair(s, pid.s1, pid.s3)!;
    expect(feeds.gap?.nodeId).toBe('oe.sub');
    expect(feeds.reasons.map((r) => r.zh).join(' ')).toContain('采购');
    // key-link gaps come first
    const firstNonKey = s.items.findIndex((x) => x.priority < 3);
    const lastKey = s.items.map((x) => x.priority).lastIndexOf(3);
    if (firstNonKey >= 0) expect(lastKey).toBeLessThan(firstNonKey);
  });

  it('accepts suggestions into requests, all or none, and never twice', async () => {
    const s = await suggestions();
    const lead = pair(s, pid.leader, pid.s3)!;
    const bad = await call(u.admin, 'POST', `${base}/suggestions/accept`, { keys: [lead.key, 'gap:oe.nope:1:2'] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toEqual(['keys', 1]);
    expect(await t.db.query('select 1 from conference_requests')).toHaveLength(0);
    expect(
      (await call(u.leader, 'POST', `${base}/suggestions/accept`, { keys: [`match:${matchId}`] })).statusCode,
    ).toBe(403);

    const ok = await call(u.admin, 'POST', `${base}/suggestions/accept`, {
      keys: [`match:${matchId}`, lead.key],
      status: 'accepted',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const created = ok.json().created as { key: string; requestId: number }[];
    expect(created).toHaveLength(2);
    const reqs = (await call(u.admin, 'GET', `${base}/requests`)).json().items as TRequest[];
    const fromMatch = reqs.find((r) => r.id === created[0]!.requestId)!;
    expect(fromMatch).toMatchObject({ dockingMatchId: matchId, fromId: pid.leader, toId: pid.s1, status: 'accepted' });
    // the match is on the weak laser-chip segment (one local supplier): the request names that gap too
    expect(fromMatch.gapNodeId).toBe(pair(s, pid.leader, pid.s1)!.gap?.nodeId ?? null);
    expect(fromMatch.gapNodeId).toBe('oe.ld_chip');
    const fromGap = reqs.find((r) => r.id === created[1]!.requestId)!;
    expect(fromGap).toMatchObject({ gapNodeId: 'oe.sub', priority: 3, dockingMatchId: null });

    const again = await suggestions();
    expect(pair(again, pid.leader, pid.s3)!.existingRequestId).toBe(fromGap.id);
    const twice = await call(u.admin, 'POST', `${base}/suggestions/accept`, { keys: [lead.key] });
    expect(twice.statusCode).toBe(422);
    expect(twice.json().errors[0].code).toBe('duplicate');
    const audit = await t.db.query(
      `select 1 from change_log where entity = 'conference_requests' and new_values ->> 'suggestion' is not null`,
    );
    expect(audit).toHaveLength(2);
  });

  it('drops a docking match either side declined', async () => {
    const s1 = await makeUser(t.db, 'enterprise_user', { enterpriseId: ids.s2 });
    const [m] = await t.db.query<{ id: number }>('select id from docking_matches where supplier_id = $1', [ids.s2]);
    if (!m) return; // no match with s2's firm (it posted nothing): nothing to decline
    await call(s1, 'POST', `/api/v1/docking/matches/${m.id}/decision`, { decision: 'not_relevant' });
    expect((await suggestions()).items.some((x) => x.matchId === m.id)).toBe(false);
  });

  it('shows which gaps the meetings and deals addressed', async () => {
    for (const side of ['demand', 'supply'])
      expect(
        (
          await call(u.admin, 'POST', `/api/v1/docking/matches/${matchId}/decision`, {
            decision: 'interested',
            side,
          })
        ).statusCode,
      ).toBe(200);
    const deal = await call(u.admin, 'POST', `/api/v1/docking/matches/${matchId}/deals`, {
      product: 'DFB激光器芯片',
      amountWan: 120,
      signedOn: '2026-02-01',
      termMonths: 12,
    });
    expect(deal.statusCode, deal.body).toBe(201);
    const res = await call(u.analyst, 'GET', `${base}/results`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as TConferenceResults;
    expect(r.totals).toMatchObject({ requests: 2, meetings: 2, fromDocking: 1, fromGaps: 2, deals: 1 });
    const sub = r.gaps.find((g) => g.nodeId === 'oe.sub')!;
    expect(sub).toMatchObject({ requests: 1, meetings: 1, keyLink: true });
    expect(sub.pairs[0]).toMatchObject({ a: '参会leader', b: '参会s3' });
    const chip = r.gaps.find((g) => g.nodeId === 'oe.ld_chip');
    expect(chip?.deals).toBe(1);
    expect(r.totals.gapsAddressed).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(r)).not.toMatch(/120|777/);
    expect((await call(u.leader, 'GET', `${base}/results`)).statusCode).toBe(403);
  });
});
