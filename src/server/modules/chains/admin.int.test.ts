import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authedApp, makeUser } from '../../../../test/helpers/auth.js';
import { ENGINES, type TestDb } from '../../../../test/helpers/db.js';
import { makeEnterprise } from '../../../../test/helpers/factories.js';
import { multipart } from '../../../../test/helpers/multipart.js';
import type { TChainTemplate } from '../../../contracts/chains.js';

describe.each(ENGINES)('[$name] chain maintenance', (engine) => {
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

  const get = async <T>(url: string, headers?: Record<string, string>) =>
    (await app.inject({ method: 'GET', url, ...(headers ? { headers } : {}) })).json() as T;
  const auditOf = (entity: string, id: string) =>
    t.db.query<{ action: string; actor: string; new_values: Record<string, unknown> | null }>(
      'select action, actor, new_values from change_log where entity = $1 and entity_id = $2 order by id',
      [entity, id],
    );

  it('lists the eleven templates with their basis and publisher', async () => {
    const { items } = await get<{ items: { code: string; basis: string; publishedBy: string; versions: number }[] }>(
      '/api/v1/chain-templates',
    );
    expect(items).toHaveLength(11);
    expect(items.every((x) => x.basis.length > 0 && x.publishedBy === 'system' && x.versions === 1)).toBe(true);
  });

  it('round-trips a template through Excel over HTTP and publishes an edited workbook as a new version', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/chains/he/export.xlsx' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const he = await get<TChainTemplate>('/api/v1/chains/he');
    const preview = await app.inject({
      method: 'POST',
      url: '/api/v1/chains/he/import',
      ...multipart({ name: 'he.xlsx', bytes: res.rawPayload }),
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ format: 'xlsx', problems: [], published: null });
    expect(preview.json().template).toEqual(he);
    expect(preview.json().diff).toMatchObject({ nodesAdded: [], nodesRemoved: [], nodesChanged: [] });

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const seg = he.nodes.find((n) => !n.group)!;
    const row = wb
      .getWorksheet('节点')!
      .getRows(2, he.nodes.length)!
      .find((r) => r.getCell(1).value === seg.id)!;
    row.getCell(9).value = [...seg.keywords, '测试关键词'].join('、');
    const edited = new Uint8Array(await wb.xlsx.writeBuffer());
    const published = await app.inject({
      method: 'POST',
      url: '/api/v1/chains/he/import',
      ...multipart({ name: 'he.xlsx', bytes: edited }, { publish: 'true', baseVersion: '1', note: 'keyword' }),
    });
    expect(published.statusCode).toBe(201);
    expect(published.json().published).toBe(2);
    const now = await get<TChainTemplate>('/api/v1/chains/he');
    expect(now.nodes.find((n) => n.id === seg.id)!.keywords).toContain('测试关键词');
    const history = await get<{ items: { version: number; diff: { nodesChanged: unknown[] } | null }[] }>(
      '/api/v1/chains/he/history',
    );
    expect(history.items.map((v) => v.version)).toEqual([2, 1]);
    expect(history.items[0]!.diff!.nodesChanged).toEqual([{ id: seg.id, fields: ['keywords'] }]);
    expect(history.items[1]!.diff).toBeNull();
    // the same file on the old base is stale now
    const stale = await app.inject({
      method: 'POST',
      url: '/api/v1/chains/he/import',
      ...multipart({ name: 'he.xlsx', bytes: edited }, { publish: 'true', baseVersion: '1' }),
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'stale_version', current: { version: 2 } });
  });

  it('lists every problem of a bad workbook with row and column and writes nothing', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/chains/nm/export.xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const nodes = wb.getWorksheet('节点')!;
    nodes.getRow(3).getCell(10).value = '9999';
    nodes.getRow(4).getCell(5).value = 'nm.nowhere';
    const bad = new Uint8Array(await wb.xlsx.writeBuffer());
    const out = await app.inject({
      method: 'POST',
      url: '/api/v1/chains/nm/import',
      ...multipart({ name: 'nm.xlsx', bytes: bad }, { publish: 'true', baseVersion: '1' }),
    });
    expect(out.statusCode).toBe(422);
    const problems = out.json().problems as { sheet: string; row: number; column: string; code: string }[];
    expect(problems.map((p) => [p.sheet, p.row, p.column, p.code])).toEqual([
      ['节点', 3, 'J', 'unknown_class'],
      ['节点', 4, 'E', 'unknown_parent'],
    ]);
    expect((await get<{ items: unknown[] }>('/api/v1/chains/nm/versions')).items).toHaveLength(1);
    const wrongChain = await app.inject({
      method: 'POST',
      url: '/api/v1/chains/bd/import',
      ...multipart({ name: 'nm.xlsx', bytes: res.rawPayload }),
    });
    expect(wrongChain.json().problems.map((p: { field: string }) => p.field)).toEqual(['code']);
    const txt = await app.inject({
      method: 'POST',
      url: '/api/v1/chains/nm/import',
      ...multipart({ name: 'nm.txt', bytes: new Uint8Array([1]) }),
    });
    expect(txt.statusCode).toBe(422);
  });

  it('publishes an edited template with a version check, and puts structural problems under their fields', async () => {
    const sp = await get<TChainTemplate>('/api/v1/chains/sp');
    const edit = { ...sp, nameEn: `${sp.nameEn} (edited)` };
    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/chains/sp/versions',
      payload: { baseVersion: 1, note: 'rename', template: edit },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().version).toBe(2);
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/chains/sp/versions',
      payload: { baseVersion: 1, template: edit },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'stale_version', current: { version: 2 } });
    const i = sp.nodes.findIndex((n) => !n.group);
    const broken = {
      ...sp,
      nodes: sp.nodes.map((n, k) => (k === i ? { ...n, classes: [{ code: '0000', approximate: false }] } : n)),
    };
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/chains/sp/versions',
      payload: { baseVersion: 2, template: broken },
    });
    expect(bad.statusCode).toBe(422);
    const err = bad.json().errors[0];
    expect(err.path).toEqual(['template', 'nodes', i, 'classes']);
    expect(err.message.zh).toContain('GB/T 4754');
    expect(err.message.en).toContain('GB/T 4754');
    const analyst = await makeUser(t.db, 'city_analyst');
    const denied = await app.inject({
      method: 'POST',
      url: '/api/v1/chains/sp/versions',
      headers: analyst.headers,
      payload: { baseVersion: 2, template: edit },
    });
    expect(denied.statusCode).toBe(403);
  });

  it('decides many suggestions in one audited transaction and never suggests them again; zone users stay in scope', async () => {
    const mk = async (name: string, regionCode: string) =>
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/enterprises',
          payload: makeEnterprise({ name, regionCode, industryClassCode: '3985', products: ['ITO靶材', '钼靶'] }),
        })
      ).json() as { id: number };
    const a = await mk('审核甲靶材公司', '420112');
    const b = await mk('审核乙靶材公司', '420112');
    const c = await mk('审核丙靶材公司', '420106');
    type Review = {
      items: { enterpriseId: number; nodeId: string; confidence: number; terms: string[]; evidence: unknown[] }[];
      counts: { pending: number; confirmed: number; rejected: number };
    };
    const before = await get<Review>('/api/v1/chain-mapping-review?chainCode=oe&q=审核');
    const pairs = before.items.filter((x) => x.nodeId === 'oe.target');
    expect(pairs.map((x) => x.enterpriseId).sort()).toEqual([a.id, b.id, c.id].sort());
    expect(pairs[0]!.terms).toEqual(expect.arrayContaining(['ITO靶材', '钼靶']));
    expect(before.counts).toMatchObject({ confirmed: 0, rejected: 0 });

    const decisions = [
      { enterpriseId: a.id, nodeId: 'oe.target', status: 'confirmed' },
      { enterpriseId: b.id, nodeId: 'oe.target', status: 'rejected' },
    ];
    // one bad decision: nothing is written
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/chain-mappings/bulk',
      payload: { decisions: [...decisions, { enterpriseId: c.id, nodeId: 'oe.no_such', status: 'confirmed' }] },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { path: unknown[] }) => e.path)).toEqual([['decisions', 2, 'nodeId']]);
    expect(
      await t.db.query('select 1 from chain_mappings where enterprise_id = any($1::int[])', [[a.id, b.id]]),
    ).toEqual([]);

    const ok = await app.inject({ method: 'POST', url: '/api/v1/chain-mappings/bulk', payload: { decisions } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ confirmed: 1, rejected: 1 });
    const after = await get<Review>('/api/v1/chain-mapping-review?chainCode=oe&q=审核');
    expect(after.items.filter((x) => x.nodeId === 'oe.target').map((x) => x.enterpriseId)).toEqual([c.id]);
    expect(after.counts).toMatchObject({ confirmed: 1, rejected: 1, pending: before.counts.pending - 2 });
    const confirmed = await get<Review>('/api/v1/chain-mapping-review?chainCode=oe&q=审核&status=confirmed');
    expect(confirmed.items.map((x) => [x.enterpriseId, x.nodeId])).toEqual([[a.id, 'oe.target']]);
    expect(await auditOf('chain_mappings', `${a.id}:oe.target`)).toEqual([
      expect.objectContaining({ action: 'create', new_values: expect.objectContaining({ status: 'confirmed' }) }),
    ]);
    // the per-enterprise suggestions skip decided pairs too
    const single = await get<{ items: { nodeId: string }[] }>(`/api/v1/enterprises/${b.id}/chain-suggestions`);
    expect(single.items.map((s) => s.nodeId)).not.toContain('oe.target');

    // a district user sees and decides only its own district's firms
    const district = await makeUser(t.db, 'district_user', { regionCodes: ['420106'] });
    const seen = await get<Review>('/api/v1/chain-mapping-review?chainCode=oe&q=审核', district.headers);
    expect([...new Set(seen.items.map((x) => x.enterpriseId))]).toEqual([c.id]);
    const outside = await app.inject({
      method: 'POST',
      url: '/api/v1/chain-mappings/bulk',
      headers: district.headers,
      payload: {
        decisions: [
          { enterpriseId: c.id, nodeId: 'oe.target', status: 'confirmed' },
          { enterpriseId: a.id, nodeId: 'oe.target', status: 'rejected' },
        ],
      },
    });
    expect(outside.statusCode).toBe(403);
    expect((await t.db.query('select 1 from chain_mappings where enterprise_id = $1', [c.id])).length).toBe(0);
    const inside = await app.inject({
      method: 'POST',
      url: '/api/v1/chain-mappings/bulk',
      headers: district.headers,
      payload: { decisions: [{ enterpriseId: c.id, nodeId: 'oe.target', status: 'confirmed' }] },
    });
    expect(inside.statusCode).toBe(200);
    const viewer = await makeUser(t.db, 'viewer');
    const denied = await app.inject({
      method: 'POST',
      url: '/api/v1/chain-mappings/bulk',
      headers: viewer.headers,
      payload: { decisions: [{ enterpriseId: c.id, nodeId: 'oe.target', status: 'rejected' }] },
    });
    expect(denied.statusCode).toBe(403);
  });

  it('confirms and rejects chain leaders with an audit trail, and the health analysis follows the decision', async () => {
    const mk = async (name: string, extra: Record<string, unknown> = {}) =>
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/enterprises',
          payload: makeEnterprise({
            name,
            regionCode: '420112',
            industryClassCode: '3985',
            products: ['ITO靶材'],
            ...extra,
          }),
        })
      ).json() as { id: number };
    const big = await mk('链主候选甲', { scale: 'large' });
    const small = await mk('链主候选乙', { scale: 'small' });
    await app.inject({
      method: 'POST',
      url: '/api/v1/chain-mappings/bulk',
      payload: {
        decisions: [
          { enterpriseId: big.id, nodeId: 'oe.target', status: 'confirmed' },
          { enterpriseId: small.id, nodeId: 'oe.target', status: 'confirmed' },
        ],
      },
    });
    const leadersOf = async () =>
      (await get<{ leaders: { enterpriseId: number; confirmed?: boolean }[] }>('/api/v1/chains/oe/health')).leaders.map(
        (l) => l.enterpriseId,
      );
    expect(await leadersOf()).not.toContain(small.id);
    const decide = (enterpriseId: number, status: string, headers?: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/chain-leaders',
        payload: { enterpriseId, chainCode: 'oe', status },
        ...(headers ? { headers } : {}),
      });
    expect((await decide(small.id, 'confirmed')).statusCode).toBe(200);
    expect(await leadersOf()).toContain(small.id);
    const listed = await get<{
      items: { enterpriseId: number; status: string | null; detectedBy: { code: string }[] }[];
    }>('/api/v1/chain-leaders?chainCode=oe');
    expect(listed.items.find((x) => x.enterpriseId === small.id)).toMatchObject({ status: 'confirmed' });
    expect((await decide(small.id, 'rejected')).statusCode).toBe(200);
    expect(await leadersOf()).not.toContain(small.id);
    expect((await decide(small.id, 'undecided')).statusCode).toBe(200);
    expect(
      (await auditOf('chain_leaders', `${small.id}:oe`)).map((x) => [x.action, x.new_values?.status ?? null]),
    ).toEqual([
      ['create', 'confirmed'],
      ['update', 'rejected'],
      ['delete', null],
    ]);
    expect((await decide(small.id, 'confirmed', (await makeUser(t.db, 'viewer')).headers)).statusCode).toBe(403);
    const other = await makeUser(t.db, 'district_user', { regionCodes: ['420106'] });
    expect((await decide(small.id, 'confirmed', other.headers)).statusCode).toBe(404);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/chain-leaders',
          payload: { enterpriseId: small.id, chainCode: 'zz', status: 'confirmed' },
        })
      ).statusCode,
    ).toBe(422);
  });
});
