/** Audit fixtures of the space module (issue 13): one valid and one refused request per mutating route. */
import { DEFAULT_RULES } from '../../src/domain/space/rules.js';
import type { Fixture, Req, State } from '../audit-fixtures.js';

const NONE = 2_000_000_000;

async function made(s: State, url: string, payload: unknown): Promise<number> {
  const res = await s.call({ method: 'POST', url, payload });
  if (res.status >= 300) throw new Error(`setup ${url}: ${res.status} ${res.body}`);
  return res.json().id as number;
}

let seq = 0;
const park = (s: State) => made(s, '/api/v1/parks', s.makePark());
/** A three-floor building: F1 heavy and truck-served, F2–F3 light. */
async function building(s: State): Promise<{ id: number; floors: number[] }> {
  const id = await made(s, '/api/v1/buildings', s.makeBuilding(await park(s), { floorsAbove: 3 }));
  const floors: number[] = [];
  for (const n of [1, 2, 3])
    floors.push(
      await made(s, '/api/v1/floors', {
        buildingId: id,
        floorNo: n,
        areaM2: 1000,
        floorLoadKnM2: n === 1 ? 20 : 5,
        clearHeightM: n === 1 ? 8 : 4.5,
      }),
    );
  return { id, floors };
}
const unit = async (s: State) =>
  made(s, '/api/v1/units', { floorId: (await building(s)).floors[0], code: `S${++seq}`, areaM2: 500 });
const occupancy = async (s: State) =>
  made(s, '/api/v1/occupancies', {
    enterpriseId: await made(s, '/api/v1/enterprises', s.makeEnterprise()),
    unitId: await unit(s),
  });
const project = async (s: State) =>
  made(s, '/api/v1/projects', { codeName: `AUD-S${++seq}`, investorName: '审计投资方', shared: true, areaM2: 400 });

const tenant = (over: Record<string, unknown> = {}) => ({
  key: 'a',
  name: '审计租户',
  areaM2: 300,
  floorLoadKnM2: 4,
  clearHeightM: 3,
  industry: 'lh',
  chainRank: 0,
  ...over,
});
async function plan(s: State, enterpriseId?: number): Promise<number> {
  const b = await building(s);
  const res = await s.call({
    method: 'POST',
    url: `/api/v1/space/buildings/${b.id}/plans`,
    payload: { tenants: [tenant(enterpriseId ? { enterpriseId } : {})], method: 'greedy' },
  });
  if (res.status >= 300) throw new Error(`setup plan: ${res.status} ${res.body}`);
  return res.json().id as number;
}

const rules = async (_s: State): Promise<unknown[]> => DEFAULT_RULES;

const target = (over: Record<string, unknown> = {}) => ({
  code: `aud-${++seq}`,
  metric: 'upstairs_area_m2',
  scopeKind: 'city',
  scopeCode: null,
  periodStart: '2024-01-01',
  periodEnd: '2025-12-31',
  value: 1000,
  label: '审计目标',
  labelEn: null,
  sourceId: 'user',
  sourceNote: null,
  ...over,
});

const put = (url: string, payload: unknown): Req => ({ method: 'PUT', url, payload });
const post = (url: string, payload?: unknown): Req => ({ method: 'POST', url, payload });

export const FIXTURES: Record<string, Fixture> = {
  'PUT /api/v1/space/units/{id}/listing': {
    ok: async (s) =>
      put(`/api/v1/space/units/${await unit(s)}/listing`, { askingRentYuanM2Month: 30, spec: { exhaust: true } }),
    fail: async (s) =>
      put(`/api/v1/space/units/${await unit(s)}/listing`, {
        availableFrom: '2026-05-01',
        availableUntil: '2026-01-01',
      }),
  },
  'PUT /api/v1/space/leases/{id}': {
    ok: async (s) =>
      put(`/api/v1/space/leases/${await occupancy(s)}`, { leaseEndsOn: '2027-06-30', rentYuanM2Month: 35 }),
    fail: async () => put(`/api/v1/space/leases/${NONE}`, { leaseEndsOn: '2027-06-30' }),
  },
  'POST /api/v1/space/projects/{id}/shortlist': {
    ok: async (s) => post(`/api/v1/space/projects/${await project(s)}/shortlist`, { unitIds: [await unit(s)] }),
    fail: async (s) => post(`/api/v1/space/projects/${await project(s)}/shortlist`, { unitIds: [NONE] }),
  },
  'DELETE /api/v1/space/projects/{id}/shortlist/{unitId}': {
    ok: async (s) => {
      const p = await project(s);
      const u = await unit(s);
      await s.call(post(`/api/v1/space/projects/${p}/shortlist`, { unitIds: [u] }));
      return { method: 'DELETE', url: `/api/v1/space/projects/${p}/shortlist/${u}` };
    },
    fail: async (s) => ({ method: 'DELETE', url: `/api/v1/space/projects/${await project(s)}/shortlist/${NONE}` }),
  },
  'PUT /api/v1/space/rules/draft': {
    ok: async (s) => put('/api/v1/space/rules/draft', { rules: await rules(s), note: '审计' }),
    fail: async (s) => {
      const r = await rules(s);
      return put('/api/v1/space/rules/draft', { rules: [r[0], r[0]], note: '重复工艺' });
    },
  },
  'DELETE /api/v1/space/rules/draft': {
    ok: async (s) => {
      await s.call(put('/api/v1/space/rules/draft', { rules: await rules(s), note: '审计' }));
      return { method: 'DELETE', url: '/api/v1/space/rules/draft' };
    },
    fail: async (s) => {
      await s.call({ method: 'DELETE', url: '/api/v1/space/rules/draft' });
      return { method: 'DELETE', url: '/api/v1/space/rules/draft' };
    },
  },
  'POST /api/v1/space/rules/draft/publish': {
    ok: async (s) => {
      await s.call(put('/api/v1/space/rules/draft', { rules: await rules(s), note: '审计' }));
      return { method: 'POST', url: '/api/v1/space/rules/draft/publish' };
    },
    fail: async (s) => {
      await s.call({ method: 'DELETE', url: '/api/v1/space/rules/draft' });
      return { method: 'POST', url: '/api/v1/space/rules/draft/publish' };
    },
  },
  'POST /api/v1/space/buildings/{id}/plans': {
    ok: async (s) =>
      post(`/api/v1/space/buildings/${(await building(s)).id}/plans`, { tenants: [tenant()], method: 'greedy' }),
    fail: async (s) =>
      post(`/api/v1/space/buildings/${(await building(s)).id}/plans`, {
        tenants: [tenant()],
        links: [{ from: 'a', to: 'ghost', weight: 1 }],
      }),
  },
  'PATCH /api/v1/space/plans/{id}': {
    ok: async (s) => ({
      method: 'PATCH',
      url: `/api/v1/space/plans/${await plan(s)}`,
      payload: { moves: [{ key: 'a', floorNo: 2 }] },
    }),
    fail: async (s) => ({
      method: 'PATCH',
      url: `/api/v1/space/plans/${await plan(s)}`,
      payload: { moves: [{ key: 'a', floorNo: 9 }] },
    }),
  },
  'POST /api/v1/space/plans/{id}/accept': {
    ok: async (s) =>
      post(`/api/v1/space/plans/${await plan(s, await made(s, '/api/v1/enterprises', s.makeEnterprise()))}/accept`),
    fail: async () => post(`/api/v1/space/plans/${NONE}/accept`),
  },
  'PUT /api/v1/space/targets/draft': {
    ok: async () => put('/api/v1/space/targets/draft', { targets: [target()], note: '审计' }),
    fail: async () =>
      put('/api/v1/space/targets/draft', {
        targets: [target({ scopeKind: 'district', scopeCode: null })],
        note: '审计',
      }),
  },
  'DELETE /api/v1/space/targets/draft': {
    ok: async (s) => {
      await s.call(put('/api/v1/space/targets/draft', { targets: [target()], note: '审计' }));
      return { method: 'DELETE', url: '/api/v1/space/targets/draft' };
    },
    fail: async (s) => {
      await s.call({ method: 'DELETE', url: '/api/v1/space/targets/draft' });
      return { method: 'DELETE', url: '/api/v1/space/targets/draft' };
    },
  },
  'POST /api/v1/space/targets/draft/publish': {
    ok: async (s) => {
      await s.call(put('/api/v1/space/targets/draft', { targets: [target()], note: '审计' }));
      return { method: 'POST', url: '/api/v1/space/targets/draft/publish' };
    },
    fail: async (s) => {
      await s.call({ method: 'DELETE', url: '/api/v1/space/targets/draft' });
      return { method: 'POST', url: '/api/v1/space/targets/draft/publish' };
    },
  },
};

export const PENDING: Record<string, string> = {
  'POST /api/v1/space/search': 'a read: the site search stores nothing (POST only for its structured need)',
  'POST /api/v1/space/projects/{id}/search': "a read: the search from a project's need stores nothing",
};
