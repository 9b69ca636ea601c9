/** Audit fixtures of the services module (issue 15): one valid and one refused request per mutating route. */
import type { Fixture, State } from '../audit-fixtures.js';
import { multipart } from '../helpers/multipart.js';

const NONE = 2_000_000_000;

async function made(s: State, url: string, payload: unknown): Promise<Record<string, unknown>> {
  const res = await s.call({ method: 'POST', url, payload });
  if (res.status >= 300) throw new Error(`setup ${url}: ${res.status} ${res.body}`);
  return res.json();
}
const firm = async (s: State) => (await made(s, '/api/v1/enterprises', s.makeEnterprise())).id as number;
const ticket = async (s: State) =>
  (
    await made(s, '/api/v1/services/tickets', {
      enterpriseId: await firm(s),
      categoryCode: 'finance.financing',
      title: '审计测试',
    })
  ).id as number;
const visit = async (s: State) =>
  (
    (
      await made(s, '/api/v1/services/visits', {
        enterpriseId: await firm(s),
        plannedOn: '2026-12-01',
        confirmDespiteRecent: true,
      })
    ).visit as { id: number }
  ).id;
/** A visit planned by another organisation, for the fixture's user to join. */
async function othersVisit(s: State): Promise<number> {
  const e = await firm(s);
  const [o] = await s.db.query<{ id: number }>(
    `insert into organisations (name, kind) values ('审计测试走访机构' || floor(random() * 1e9)::text, 'investment_agency') returning id`,
  );
  const [v] = await s.db.query<{ id: number }>(
    `insert into service_visits (enterprise_id, organisation_id, planned_on) values ($1, $2, '2026-12-03') returning id`,
    [e, o?.id],
  );
  return v?.id as number;
}
const conditions = [{ id: 'a1', field: 'region_code', op: 'in', value: ['420112'], citation: '审计测试第一条' }];
let seq = 0;
const policyBody = (over: Record<string, unknown> = {}) => ({
  code: `audit-policy-${++seq}-${Date.now()}`,
  title: '审计测试政策',
  issuer: '测试',
  autoGrant: true,
  conditions,
  ...over,
});
const policy = async (s: State) => (await made(s, '/api/v1/services/policies', policyBody())).id as number;

export const FIXTURES: Record<string, Fixture> = {
  'POST /api/v1/services/tickets': {
    ok: async (s) => ({
      method: 'POST',
      url: '/api/v1/services/tickets',
      payload: { enterpriseId: await firm(s), categoryCode: 'talent.recruitment', title: '招聘' },
    }),
    fail: async () => ({
      method: 'POST',
      url: '/api/v1/services/tickets',
      payload: { enterpriseId: NONE, categoryCode: 'talent.recruitment', title: '招聘' },
    }),
  },
  'POST /api/v1/services/tickets/{id}/messages': {
    ok: async (s) => ({
      method: 'POST',
      url: `/api/v1/services/tickets/${await ticket(s)}/messages`,
      payload: { kind: 'reply', body: '已受理' },
    }),
    fail: async () => ({
      method: 'POST',
      url: `/api/v1/services/tickets/${NONE}/messages`,
      payload: { kind: 'reply', body: '已受理' },
    }),
  },
  'POST /api/v1/services/tickets/{id}/files': {
    ok: async (s) => ({
      method: 'POST',
      url: `/api/v1/services/tickets/${await ticket(s)}/files`,
      multipart: multipart({ name: '材料.pdf', bytes: new Uint8Array([37, 80, 68, 70]) }, { body: '附件' }),
    }),
    // a closed ticket takes no more files
    fail: async (s) => {
      const id = await ticket(s);
      await s.call({ method: 'POST', url: `/api/v1/services/tickets/${id}/actions`, payload: { action: 'close' } });
      return {
        method: 'POST',
        url: `/api/v1/services/tickets/${id}/files`,
        multipart: multipart({ name: '材料.pdf', bytes: new Uint8Array([37, 80, 68, 70]) }),
      };
    },
  },
  'POST /api/v1/services/tickets/{id}/actions': {
    ok: async (s) => ({
      method: 'POST',
      url: `/api/v1/services/tickets/${await ticket(s)}/actions`,
      payload: { action: 'resolve' },
    }),
    fail: async (s) => {
      const id = await ticket(s);
      return {
        method: 'POST',
        url: `/api/v1/services/tickets/${id}/actions`,
        payload: { action: 'merge', intoTicketId: id },
      };
    },
  },
  'POST /api/v1/services/sla-policies': {
    ok: async () => ({
      method: 'POST',
      url: '/api/v1/services/sla-policies',
      payload: {
        categoryCode: 'market.expo',
        organisationId: null,
        firstResponseMinutes: 120,
        resolutionMinutes: 1200,
      },
    }),
    fail: async () => ({
      method: 'POST',
      url: '/api/v1/services/sla-policies',
      payload: { categoryCode: 'no.such', organisationId: null, firstResponseMinutes: 120, resolutionMinutes: 1200 },
    }),
  },
  'PUT /api/v1/services/hours/{organisationId}': {
    ok: async (s) => {
      const [o] = await s.db.query<{ id: number }>('select organisation_id as id from users where id = $1', [s.userId]);
      return {
        method: 'PUT',
        url: `/api/v1/services/hours/${o?.id}`,
        payload: { windows: [{ start: '08:30', end: '17:00' }] },
      };
    },
    fail: async () => ({
      method: 'PUT',
      url: `/api/v1/services/hours/${NONE}`,
      payload: { windows: [{ start: '08:30', end: '17:00' }] },
    }),
  },
  'PUT /api/v1/services/calendar/{day}': {
    ok: async () => ({
      method: 'PUT',
      url: '/api/v1/services/calendar/2027-02-08',
      payload: { working: false, note: '春节（待官方公布）' },
    }),
    fail: async () => ({ method: 'PUT', url: '/api/v1/services/calendar/2099-01-01', payload: { working: false } }),
  },
  'PUT /api/v1/services/settings': {
    ok: async () => ({ method: 'PUT', url: '/api/v1/services/settings', payload: { quietPeriodDays: 21 } }),
    fail: async () => ({ method: 'PUT', url: '/api/v1/services/settings', payload: { quietPeriodDays: 400 } }),
  },
  'POST /api/v1/services/visits': {
    ok: async (s) => ({
      method: 'POST',
      url: '/api/v1/services/visits',
      payload: { enterpriseId: await firm(s), plannedOn: '2026-12-01' },
    }),
    fail: async () => ({
      method: 'POST',
      url: '/api/v1/services/visits',
      payload: { enterpriseId: NONE, plannedOn: '2026-12-01' },
    }),
  },
  'POST /api/v1/services/visits/{id}/join': {
    ok: async (s) => ({ method: 'POST', url: `/api/v1/services/visits/${await othersVisit(s)}/join` }),
    fail: async (s) => ({ method: 'POST', url: `/api/v1/services/visits/${await visit(s)}/join` }),
  },
  'POST /api/v1/services/visits/{id}/record': {
    ok: async (s) => ({
      method: 'POST',
      url: `/api/v1/services/visits/${await visit(s)}/record`,
      payload: { heldOn: '2026-12-01', notes: '扩产', flags: ['space_need'] },
    }),
    fail: async () => ({
      method: 'POST',
      url: `/api/v1/services/visits/${NONE}/record`,
      payload: { heldOn: '2026-12-01' },
    }),
  },
  'POST /api/v1/services/visits/{id}/cancel': {
    ok: async (s) => ({ method: 'POST', url: `/api/v1/services/visits/${await visit(s)}/cancel` }),
    fail: async () => ({ method: 'POST', url: `/api/v1/services/visits/${NONE}/cancel` }),
  },
  'POST /api/v1/services/policies': {
    ok: async () => ({ method: 'POST', url: '/api/v1/services/policies', payload: policyBody() }),
    fail: async () => ({
      method: 'POST',
      url: '/api/v1/services/policies',
      payload: policyBody({ conditions: [{ id: 'x', field: 'shoe_size', op: '>=', value: 1, citation: 'c' }] }),
    }),
  },
  'PUT /api/v1/services/policies/{id}': {
    ok: async (s) => ({
      method: 'PUT',
      url: `/api/v1/services/policies/${await policy(s)}`,
      payload: policyBody({ note: 'v2' }),
    }),
    fail: async () => ({ method: 'PUT', url: `/api/v1/services/policies/${NONE}`, payload: policyBody() }),
  },
  'POST /api/v1/services/policies/{id}/push': {
    ok: async (s) => ({ method: 'POST', url: `/api/v1/services/policies/${await policy(s)}/push` }),
    fail: async (s) => {
      const id = (await made(s, '/api/v1/services/policies', policyBody({ autoGrant: false }))).id as number;
      return { method: 'POST', url: `/api/v1/services/policies/${id}/push` };
    },
  },
};

export const PENDING: Record<string, string> = {
  'POST /api/v1/services/sla/sweep':
    'queues a job; the sweep writes change_log rows only for the tickets it escalates (covered by services.int.test.ts)',
  'POST /api/v1/services/policies/test-run': 'computes eligibility of draft conditions; stores nothing',
  'POST /api/v1/services/eligibility/{enterpriseId}/what-if': 'computes a what-if; stores nothing',
};
