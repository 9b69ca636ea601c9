import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authedApp, makeUser } from '../../../../test/helpers/auth.js';
import { ENGINES, type TestDb } from '../../../../test/helpers/db.js';
import { makeEnterprise } from '../../../../test/helpers/factories.js';
import type { TChainTemplate } from '../../../contracts/chains.js';

describe.each(ENGINES)('[$name] chain templates and mappings', (engine) => {
  let t: TestDb;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = await engine.create();
    app = await authedApp(t.db);
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('ships the eleven templates as version 1', async () => {
    const list = (await app.inject({ method: 'GET', url: '/api/v1/chains' })).json().items as {
      code: string;
      version: number;
      nodes: number;
    }[];
    expect(list.map((c) => c.code).sort()).toEqual([
      'ai',
      'bd',
      'ei',
      'he',
      'lh',
      'nev',
      'nm',
      'oe',
      'sec',
      'sp',
      'st',
    ]);
    expect(list.every((c) => c.version === 1 && c.nodes >= 15 && c.nodes <= 60)).toBe(true);
    const oe = (await app.inject({ method: 'GET', url: '/api/v1/chains/oe' })).json() as TChainTemplate;
    expect(oe.nameZh).toBe('光电子信息');
  });

  it('publishes an edited template as a new version and refuses a broken one with every problem', async () => {
    const bd = (await app.inject({ method: 'GET', url: '/api/v1/chains/bd' })).json() as TChainTemplate;
    const edited = { ...bd, description: `${bd.description}（编辑）`, note: 'test edit' };
    const ok = await app.inject({ method: 'PUT', url: '/api/v1/chains/bd', payload: edited });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().version).toBe(2);
    expect((await app.inject({ method: 'GET', url: '/api/v1/chains/bd?version=1' })).json().description).toBe(
      bd.description,
    );
    // An edit of version 1 after version 2 was published is stale.
    const stale = await app.inject({ method: 'PUT', url: '/api/v1/chains/bd', payload: edited });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('stale_version');
    const first = bd.nodes.find((n) => !n.group);
    const broken = {
      ...bd,
      version: 2,
      nodes: bd.nodes.map((n) => (n.id === first?.id ? { ...n, classes: [{ code: '9999', approximate: false }] } : n)),
      edges: [...bd.edges, { from: 'bd.nowhere', to: 'bd.elsewhere', kind: 'supplies' }],
    };
    const bad = await app.inject({ method: 'PUT', url: '/api/v1/chains/bd', payload: broken });
    expect(bad.statusCode).toBe(422);
    const codes = (bad.json().problems as { code: string }[]).map((p) => p.code);
    expect(codes).toEqual(expect.arrayContaining(['unknown_class', 'unknown_edge_source']));
    expect((await app.inject({ method: 'GET', url: '/api/v1/chains/bd/versions' })).json().items).toHaveLength(2);
    const viewer = await makeUser(t.db, 'viewer');
    expect(
      (await app.inject({ method: 'PUT', url: '/api/v1/chains/bd', headers: viewer.headers, payload: edited }))
        .statusCode,
    ).toBe(403);
  });

  it('records a confirmed or rejected mapping once, and only by someone who may change the enterprise', async () => {
    const e = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/enterprises',
        payload: makeEnterprise({ name: '靶材测试公司', industryClassCode: '3985' }),
      })
    ).json();
    const oe = (await app.inject({ method: 'GET', url: '/api/v1/chains/oe' })).json() as TChainTemplate;
    const node = oe.nodes.find((n) => !n.group)?.id as string;
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/chain-mappings',
          payload: { enterpriseId: e.id, nodeId: node, status: 'confirmed' },
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/chain-mappings',
          payload: { enterpriseId: e.id, nodeId: node, status: 'rejected' },
        })
      ).statusCode,
    ).toBe(200);
    const rows = (await app.inject({ method: 'GET', url: `/api/v1/chain-mappings?enterpriseId=${e.id}` })).json().items;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ nodeId: node, status: 'rejected', enterpriseName: '靶材测试公司' });
    // both decisions are in the change log, the second with the first as its old value
    const log = await t.db.query<{
      action: string;
      old_values: { status: string } | null;
      new_values: { status: string };
    }>(
      `select action, old_values, new_values from change_log where entity = 'chain_mappings' and entity_id = $1 order by id`,
      [`${e.id}:${node}`],
    );
    expect(log.map((l) => [l.action, l.old_values?.status ?? null, l.new_values.status])).toEqual([
      ['create', null, 'confirmed'],
      ['update', 'confirmed', 'rejected'],
    ]);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/chain-mappings',
          payload: { enterpriseId: e.id, nodeId: 'oe.no_such_node', status: 'confirmed' },
        })
      ).statusCode,
    ).toBe(422);
    const viewer = await makeUser(t.db, 'viewer');
    const denied = await app.inject({
      method: 'POST',
      url: '/api/v1/chain-mappings',
      headers: viewer.headers,
      payload: { enterpriseId: e.id, nodeId: node, status: 'confirmed' },
    });
    expect(denied.statusCode).toBe(403);
  });
});

describe('chain health from the demo data', () => {
  it('shows 江丰电子 on the target-material node of 光电子信息 in 东西湖 and the panel leader with its supporting rate', async () => {
    const t = await ENGINES[0]!.create();
    try {
      await t.becomeDemo();
      const app = await authedApp(t.db);
      const h = (await app.inject({ method: 'GET', url: '/api/v1/chains/oe/health?scope=district:420112' })).json();
      const target = h.nodes.find((n: { nodeId: string }) => n.nodeId === 'oe.target');
      expect(target.firms.map((f: { name: string }) => f.name)).toContain('武汉江丰电子材料有限公司');
      expect(target.status).not.toBe('missing');
      const leader = h.leaders.find((l: { name: string }) => l.name === '京东方');
      expect(leader).toBeDefined();
      expect(leader.supporting).toMatchObject({
        localLinks: expect.any(Number),
        unknownAmountLinks: expect.any(Number),
      });
      expect(h.score.parts.map((p: { code: string }) => p.code)).toContain('coverage');
      const targets = (
        await app.inject({ method: 'GET', url: '/api/v1/chains/oe/targets?scope=district:420112' })
      ).json();
      expect(targets.length).toBeGreaterThan(0);
      expect(
        targets.every((g: { candidates: { reasons: unknown[] }[] }) => g.candidates.every((c) => c.reasons.length > 0)),
      ).toBe(true);
      // tiers are named, not given by code, in both languages
      type R = { code: string; zh: string; en: string; refs?: string[] };
      const groups: { candidates: { reasons: R[] }[] }[] = [];
      for (const code of ['oe', 'ev', 'bd', 'ic']) {
        const res = await app.inject({ method: 'GET', url: `/api/v1/chains/${code}/targets?scope=district:420112` });
        if (res.statusCode === 200) groups.push(...res.json());
      }
      const tierReasons = [...targets, ...groups]
        .flatMap((g: { candidates: { reasons: R[] }[] }) => g.candidates)
        .flatMap((c) => c.reasons.filter((r) => r.code === 'tier'));
      expect(tierReasons.length).toBeGreaterThan(0);
      for (const r of tierReasons) {
        for (const code of r.refs ?? []) {
          expect(r.zh).not.toContain(code);
          expect(r.en).not.toContain(code);
        }
      }
      const viewer = await makeUser(t.db, 'viewer');
      const hidden = (
        await app.inject({
          method: 'GET',
          url: '/api/v1/chains/oe/health?scope=district:420112',
          headers: viewer.headers,
        })
      ).json();
      expect(JSON.stringify(hidden)).not.toMatch(/"outputWan":\d/);
      await app.close();
    } finally {
      await t.drop();
    }
    // it seeds the calibrated demo itself (issue 11), with the outside-city target pool and the chain demo;
    // a shared machine under load needs the room
  }, 600_000);
});
