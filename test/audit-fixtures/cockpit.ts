/** Audit fixtures of the cockpit's mutating routes (test/audit.int.test.ts collects this file). */
import type { Fixture, State } from '../audit-fixtures.js';

const NONE = 2_000_000_000;

async function made(s: State, url: string, payload: unknown): Promise<number> {
  const res = await s.call({ method: 'POST', url, payload });
  if (res.status >= 300) throw new Error(`setup ${url}: ${res.status} ${res.body}`);
  return res.json().id as number;
}

async function sourceId(s: State): Promise<string> {
  const [r] = await s.db.query<{ id: string }>('select id from sources order by id limit 1');
  if (!r) throw new Error('no source to cite');
  return r.id;
}

const target = async (s: State) => ({
  metric: 'cockpit.parks',
  scope: 'city',
  label: '审计测试目标',
  periodStart: '2025-01-01',
  periodEnd: '2027-12-31',
  value: 100,
  unit: '个',
  sourceId: await sourceId(s),
});

/**
 * A park with a tenant whose facts are stale (no as-of date), owned by the caller's own organisation
 * (the enterprise's organisation owns its contacts), and an update request for them to that organisation.
 */
async function staleRequest(s: State): Promise<{ id: number; items: { id: number; kind: string }[] }> {
  const park = await made(s, '/api/v1/parks', s.makePark());
  const building = await made(s, '/api/v1/buildings', s.makeBuilding(park));
  const floor = await made(s, '/api/v1/floors', { buildingId: building, floorNo: 1 });
  const unit = await made(s, '/api/v1/units', { floorId: floor, code: 'C-1' });
  const enterprise = await made(s, '/api/v1/enterprises', s.makeEnterprise());
  await made(s, '/api/v1/occupancies', { enterpriseId: enterprise, unitId: unit });
  await s.db.query('update enterprises set as_of = null where id = $1', [enterprise]);
  const [o] = await s.db.query<{ id: number }>('select organisation_id as id from users where id = $1', [s.userId]);
  await s.db.query('update organisations set enterprise_id = $2 where id = $1', [o!.id, enterprise]);
  const res = await s.call({
    method: 'POST',
    url: '/api/v1/cockpit/update-requests',
    payload: { toOrganisationId: o!.id, scope: `park:${park}` },
  });
  if (res.status >= 300) throw new Error(`setup update request: ${res.status} ${res.body}`);
  return res.json() as unknown as { id: number; items: { id: number; kind: string }[] };
}

export const FIXTURES: Record<string, Fixture> = {
  'POST /api/v1/cockpit/targets': {
    ok: async (s) => ({ method: 'POST', url: '/api/v1/cockpit/targets', payload: await target(s) }),
    fail: async (s) => ({
      method: 'POST',
      url: '/api/v1/cockpit/targets',
      payload: { ...(await target(s)), periodEnd: '2024-12-31' },
    }),
  },
  'PATCH /api/v1/cockpit/targets/{id}': {
    ok: async (s) => ({
      method: 'PATCH',
      url: `/api/v1/cockpit/targets/${await made(s, '/api/v1/cockpit/targets', await target(s))}`,
      payload: { value: 120, version: 1 },
    }),
    fail: async (s) => ({
      method: 'PATCH',
      url: `/api/v1/cockpit/targets/${await made(s, '/api/v1/cockpit/targets', await target(s))}`,
      payload: { value: 120, version: 99 },
    }),
  },
  'DELETE /api/v1/cockpit/targets/{id}': {
    ok: async (s) => ({
      method: 'DELETE',
      url: `/api/v1/cockpit/targets/${await made(s, '/api/v1/cockpit/targets', await target(s))}`,
    }),
    fail: async () => ({ method: 'DELETE', url: `/api/v1/cockpit/targets/${NONE}` }),
  },
  'POST /api/v1/cockpit/snapshots': {
    ok: async (s) => {
      await made(s, '/api/v1/cockpit/targets', await target(s));
      return { method: 'POST', url: '/api/v1/cockpit/snapshots', payload: { metric: 'cockpit.parks' } };
    },
    fail: async () => ({ method: 'POST', url: '/api/v1/cockpit/snapshots', payload: { metric: 'nope.nothing' } }),
  },
  'POST /api/v1/cockpit/update-requests': {
    ok: async (s) => {
      const r = await staleRequest(s);
      // A second request for the same facts is a new request (the first stays as it was).
      const [x] = await s.db.query<{ to_org_id: number; scope: string }>(
        'select to_org_id, scope from cockpit_update_requests where id = $1',
        [r.id],
      );
      return {
        method: 'POST',
        url: '/api/v1/cockpit/update-requests',
        payload: { toOrganisationId: x!.to_org_id, scope: x!.scope },
      };
    },
    fail: async (s) => {
      // An organisation that owns nothing anywhere.
      const [o] = await s.db.query<{ id: number }>(
        `insert into organisations (name, kind) values ('审计测试空机构' || (random() * 1e9)::int, 'investment_agency') returning id`,
      );
      return { method: 'POST', url: '/api/v1/cockpit/update-requests', payload: { toOrganisationId: o!.id } };
    },
  },
  'POST /api/v1/cockpit/update-requests/{id}/answer': {
    ok: async (s) => {
      const r = await staleRequest(s);
      const item = r.items.find((i) => i.kind === 'contacts')!;
      return {
        method: 'POST',
        url: `/api/v1/cockpit/update-requests/${r.id}/answer`,
        payload: { items: [{ itemId: item.id, answer: 'unchanged' }] },
      };
    },
    fail: async (s) => {
      const r = await staleRequest(s);
      return {
        method: 'POST',
        url: `/api/v1/cockpit/update-requests/${r.id}/answer`,
        payload: { items: [{ itemId: NONE, answer: 'unchanged' }] },
      };
    },
  },
  'POST /api/v1/cockpit/update-requests/{id}/close': {
    ok: async (s) => ({
      method: 'POST',
      url: `/api/v1/cockpit/update-requests/${(await staleRequest(s)).id}/close`,
      payload: { as: 'cancelled' },
    }),
    fail: async (s) => ({
      method: 'POST',
      url: `/api/v1/cockpit/update-requests/${(await staleRequest(s)).id}/close`,
      payload: { as: 'maybe' },
    }),
  },
  'POST /api/v1/cockpit/update-requests/remind': {
    ok: async (s) => {
      const r = await staleRequest(s);
      await s.db.query('update cockpit_update_requests set due_on = current_date - 1 where id = $1', [r.id]);
      return { method: 'POST', url: '/api/v1/cockpit/update-requests/remind', payload: { requestId: r.id } };
    },
    fail: async () => ({ method: 'POST', url: '/api/v1/cockpit/update-requests/remind', payload: { requestId: NONE } }),
  },
  'POST /api/v1/cockpit/reports': {
    ok: async () => ({
      method: 'POST',
      url: '/api/v1/cockpit/reports',
      payload: { kind: 'chain_report', scope: 'city' },
    }),
    fail: async () => ({
      method: 'POST',
      url: '/api/v1/cockpit/reports',
      payload: { kind: 'park_profile', scope: `park:${NONE}` },
    }),
  },
};
