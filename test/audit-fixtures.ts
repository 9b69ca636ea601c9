/**
 * One valid and one failing request per mutating operation, for test/audit.int.test.ts. `ok` may
 * create what the request needs first (through the API); the failing variant is refused by a domain
 * check, a version check or a missing record — after validation, so the all-or-nothing path is tried.
 */
import type { Db } from '../src/db/connect.js';
import type { makeBuilding, makeCreditCode, makeEnterprise, makePark } from './helpers/factories.js';
import { multipart } from './helpers/multipart.js';

export interface Req {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  payload?: unknown;
  multipart?: ReturnType<typeof multipart>;
}

export interface State {
  db: Db;
  call: (r: Req) => Promise<{ status: number; body: string; json: () => Record<string, unknown> }>;
  userId: number;
  makePark: typeof makePark;
  makeBuilding: typeof makeBuilding;
  makeEnterprise: typeof makeEnterprise;
  makeCreditCode: typeof makeCreditCode;
}

export interface Fixture {
  ok: (s: State) => Promise<Req>;
  fail: (s: State) => Promise<Req>;
}

const NONE = 2_000_000_000; // an id no test creates

/** Creates through the API and returns the new id (fails loudly when the setup itself is refused). */
async function made(s: State, url: string, payload: unknown): Promise<number> {
  const res = await s.call({ method: 'POST', url, payload });
  if (res.status >= 300) throw new Error(`setup ${url}: ${res.status} ${res.body}`);
  return res.json().id as number;
}

// ── the registry: one spec per kind, the same three operations each ──
type Body = (s: State) => Promise<Record<string, unknown>>;
const park = (s: State) => made(s, '/api/v1/parks', s.makePark());
const building = async (s: State) => made(s, '/api/v1/buildings', s.makeBuilding(await park(s)));
const floor = async (s: State) => made(s, '/api/v1/floors', { buildingId: await building(s), floorNo: 1 });
const unit = async (s: State) => made(s, '/api/v1/units', { floorId: await floor(s), code: 'U1' });
const enterprise = (s: State) => made(s, '/api/v1/enterprises', s.makeEnterprise());

const REGISTRY: Record<string, { body: Body; bad: Body }> = {
  parks: { body: async (s) => s.makePark(), bad: async (s) => s.makePark({ regionCode: '999999' }) },
  buildings: {
    body: async (s) => s.makeBuilding(await park(s)),
    bad: async (s) => s.makeBuilding(NONE),
  },
  floors: {
    body: async (s) => ({ buildingId: await building(s), floorNo: 2 }),
    bad: async () => ({ buildingId: NONE, floorNo: 2 }),
  },
  units: {
    body: async (s) => ({ floorId: await floor(s), code: 'A-1' }),
    bad: async () => ({ floorId: NONE, code: 'A-1' }),
  },
  enterprises: {
    body: async (s) => s.makeEnterprise(),
    bad: async (s) => s.makeEnterprise({ industryClassCode: '0000' }),
  },
  metrics: {
    body: async (s) => ({ enterpriseId: await enterprise(s), year: 2023 }),
    bad: async () => ({ enterpriseId: NONE, year: 2023 }),
  },
  occupancies: {
    body: async (s) => ({ enterpriseId: await enterprise(s), unitId: await unit(s) }),
    bad: async (s) => ({ enterpriseId: await enterprise(s), unitId: NONE }),
  },
  institutions: {
    body: async () => ({ name: '审计测试研究院', kind: 'research_institute' }),
    bad: async () => ({ name: '审计测试研究院', kind: 'research_institute', parkId: NONE }),
  },
  'supply-links': {
    body: async (s) => ({ supplierId: await enterprise(s), customerId: await enterprise(s), product: '光模块' }),
    bad: async (s) => ({ supplierId: await enterprise(s), customerId: NONE, product: '光模块' }),
  },
  events: {
    body: async () => ({ name: '审计测试活动', kind: 'matchmaking_conference', city: '武汉' }),
    bad: async () => ({ name: '审计测试活动', kind: 'matchmaking_conference', sourceId: 'no-such-source' }),
  },
  'key-figures': {
    body: async () => ({ subjectType: 'city', label: '审计测试指标', value: 1, unit: '个' }),
    bad: async () => ({ subjectType: 'city', label: '审计测试指标', value: 1, unit: '个', sourceId: 'no-such-source' }),
  },
};

export const FIXTURES: Record<string, Fixture> = {};
for (const [kind, { body, bad }] of Object.entries(REGISTRY)) {
  const base = `/api/v1/${kind}`;
  FIXTURES[`POST ${base}`] = {
    ok: async (s) => ({ method: 'POST', url: base, payload: await body(s) }),
    fail: async (s) => ({ method: 'POST', url: base, payload: await bad(s) }),
  };
  FIXTURES[`PATCH ${base}/{id}`] = {
    ok: async (s) => ({
      method: 'PATCH',
      url: `${base}/${await made(s, base, await body(s))}`,
      payload: { version: 1, synthetic: true },
    }),
    fail: async (s) => ({
      method: 'PATCH',
      url: `${base}/${await made(s, base, await body(s))}`,
      payload: { version: 99, synthetic: true },
    }),
  };
  FIXTURES[`DELETE ${base}/{id}`] = {
    ok: async (s) => ({ method: 'DELETE', url: `${base}/${await made(s, base, await body(s))}` }),
    fail: async () => ({ method: 'DELETE', url: `${base}/${NONE}` }),
  };
}

// ── investment projects ──
let projectSeq = 0;
const project = async (s: State) =>
  made(s, '/api/v1/projects', {
    codeName: `AUD-P${++projectSeq}`,
    investorName: '审计投资方',
    shared: true,
    parkId: await park(s),
  });
const P = '/api/v1/projects';
const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

Object.assign(FIXTURES, {
  [`POST ${P}`]: {
    ok: async () => ({ method: 'POST', url: P, payload: { codeName: 'AUD-1', investorName: '甲', shared: true } }),
    fail: async () => ({ method: 'POST', url: P, payload: { codeName: 'AUD-X', investorName: '甲', parkId: NONE } }),
  },
  [`PATCH ${P}/{id}`]: {
    ok: async (s) => ({ method: 'PATCH', url: `${P}/${await project(s)}`, payload: { version: 1, codeName: 'AUD-2' } }),
    fail: async (s) => ({ method: 'PATCH', url: `${P}/${await project(s)}`, payload: { version: 9, codeName: 'X' } }),
  },
  [`POST ${P}/{id}/stage`]: {
    ok: async (s) => ({
      method: 'POST',
      url: `${P}/${await project(s)}/stage`,
      payload: { version: 1, stage: 'contact' },
    }),
    fail: async (s) => ({
      method: 'POST',
      url: `${P}/${await project(s)}/stage`,
      payload: { version: 1, stage: 'started' }, // no start without a signing
    }),
  },
  [`POST ${P}/{id}/follow-ups`]: {
    ok: async (s) => ({
      method: 'POST',
      url: `${P}/${await project(s)}/follow-ups`,
      payload: { onDate: '2024-05-01', kind: 'call', note: '电话沟通' },
    }),
    fail: async (s) => ({
      method: 'POST',
      url: `${P}/${await project(s)}/follow-ups`,
      payload: { onDate: '2024-05-01', kind: 'call', note: '电话沟通', nextOn: '2024-04-01' },
    }),
  },
  [`POST ${P}/{id}/contacts`]: {
    ok: async (s) => ({ method: 'POST', url: `${P}/${await project(s)}/contacts`, payload: { name: '张三' } }),
    fail: async () => ({ method: 'POST', url: `${P}/${NONE}/contacts`, payload: { name: '张三' } }),
  },
  [`POST ${P}/{id}/documents`]: {
    ok: async (s) => ({ method: 'POST', url: `${P}/${await project(s)}/documents`, payload: { name: '备忘录' } }),
    fail: async () => ({ method: 'POST', url: `${P}/${NONE}/documents`, payload: { name: '备忘录' } }),
  },
  [`DELETE ${P}/{id}/contacts/{childId}`]: {
    ok: async (s) => {
      const id = await project(s);
      return { method: 'DELETE', url: `${P}/${id}/contacts/${await made(s, `${P}/${id}/contacts`, { name: '李四' })}` };
    },
    fail: async (s) => ({ method: 'DELETE', url: `${P}/${await project(s)}/contacts/${NONE}` }),
  },
  [`DELETE ${P}/{id}/documents/{childId}`]: {
    ok: async (s) => {
      const id = await project(s);
      return {
        method: 'DELETE',
        url: `${P}/${id}/documents/${await made(s, `${P}/${id}/documents`, { name: '纪要' })}`,
      };
    },
    fail: async (s) => ({ method: 'DELETE', url: `${P}/${await project(s)}/documents/${NONE}` }),
  },
  [`POST ${P}/{id}/documents/upload`]: {
    ok: async (s) => ({
      method: 'POST',
      url: `${P}/${await project(s)}/documents/upload`,
      multipart: multipart({ name: '协议.pdf', bytes: new Uint8Array([1, 2, 3]), type: 'application/pdf' }),
    }),
    fail: async () => ({
      method: 'POST',
      url: `${P}/${NONE}/documents/upload`,
      multipart: multipart({ name: '协议.pdf', bytes: new Uint8Array([1, 2, 3]), type: 'application/pdf' }),
    }),
  },
  [`POST ${P}/{id}/orders`]: {
    ok: async (s) => ({
      method: 'POST',
      url: `${P}/${await project(s)}/orders`,
      payload: { instruction: '本周内回复', dueOn: tomorrow() },
    }),
    fail: async (s) => ({
      method: 'POST',
      url: `${P}/${await project(s)}/orders`,
      payload: { instruction: '本周内回复', dueOn: '2000-01-01' },
    }),
  },
  'POST /api/v1/invest/orders/{id}/respond': {
    ok: async (s) => ({
      method: 'POST',
      url: `/api/v1/invest/orders/${await order(s)}/respond`,
      payload: { response: '已办', version: 1 },
    }),
    fail: async (s) => ({
      method: 'POST',
      url: `/api/v1/invest/orders/${await order(s)}/respond`,
      payload: { response: '已办', version: 7 },
    }),
  },
  'POST /api/v1/invest/orders/{id}/close': {
    ok: async (s) => {
      const id = await order(s);
      await s.call({
        method: 'POST',
        url: `/api/v1/invest/orders/${id}/respond`,
        payload: { response: '已办', version: 1 },
      });
      return { method: 'POST', url: `/api/v1/invest/orders/${id}/close`, payload: { version: 2 } };
    },
    // an order not yet answered cannot be closed
    fail: async (s) => ({
      method: 'POST',
      url: `/api/v1/invest/orders/${await order(s)}/close`,
      payload: { version: 1 },
    }),
  },
  'PUT /api/v1/invest/events/{id}/details': {
    ok: async (s) => ({ method: 'PUT', url: `/api/v1/invest/events/${await event(s)}/details`, payload: details([]) }),
    fail: async (s) => ({
      method: 'PUT',
      url: `/api/v1/invest/events/${await event(s)}/details`,
      payload: details([{ kind: 'visit', place: '某园区', parkId: NONE }]),
    }),
  },
  'POST /api/v1/invest/events/{id}/outcomes': {
    ok: async (s) => ({
      method: 'POST',
      url: `/api/v1/invest/events/${await event(s)}/outcomes`,
      payload: { projectId: await project(s), kind: 'intention' },
    }),
    fail: async (s) => {
      const ev = await event(s);
      const projectId = await project(s);
      await made(s, `/api/v1/invest/events/${ev}/outcomes`, { projectId, kind: 'intention' });
      return { method: 'POST', url: `/api/v1/invest/events/${ev}/outcomes`, payload: { projectId, kind: 'intention' } };
    },
  },
  'DELETE /api/v1/invest/events/{id}/outcomes/{outcomeId}': {
    ok: async (s) => {
      const ev = await event(s);
      await s.call({
        method: 'POST',
        url: `/api/v1/invest/events/${ev}/outcomes`,
        payload: { projectId: await project(s), kind: 'signing' },
      });
      const [o] = await s.db.query<{ id: number }>('select id from event_outcomes where event_id = $1', [ev]);
      return { method: 'DELETE', url: `/api/v1/invest/events/${ev}/outcomes/${o?.id}` };
    },
    fail: async (s) => ({ method: 'DELETE', url: `/api/v1/invest/events/${await event(s)}/outcomes/${NONE}` }),
  },
} satisfies Record<string, Fixture>);

async function order(s: State) {
  return made(s, `${P}/${await project(s)}/orders`, { instruction: '督办事项', dueOn: tomorrow() });
}
const event = (s: State) =>
  made(s, '/api/v1/events', { name: '审计测试活动', kind: 'matchmaking_conference', city: '武汉' });
const details = (itinerary: unknown[]) => ({
  version: 1,
  organisers: [{ name: '市投促局' }],
  participantOrgs: [],
  people: [],
  itinerary,
});

// ── conference matchmaking ──
const SETTINGS = {
  sessions: [{ key: 'am', name: '上午场', date: '2024-06-06', start: '09:00', end: '10:40', breaks: [] }],
  slotMinutes: 20,
  tableMode: 'pooled',
  tableCount: 4,
  tableCapacity: 1,
  requestExpiryHours: 72,
  organiserUserIds: [],
};
const C = (ev: number) => `/api/v1/events/${ev}/conference`;
async function conference(s: State) {
  const ev = await event(s);
  await s.call({ method: 'PUT', url: C(ev), payload: SETTINGS });
  return ev;
}
const participant = (s: State, ev: number, i: number) =>
  made(s, `${C(ev)}/participants`, { organisation: `参会单位${i}`, person: `代表${i}`, role: 'seller' });
async function request(s: State) {
  const ev = await conference(s);
  const fromId = await participant(s, ev, 1);
  const toId = await participant(s, ev, 2);
  return { ev, id: await made(s, `${C(ev)}/requests`, { fromId, toId }) };
}

Object.assign(FIXTURES, {
  'PUT /api/v1/events/{id}/conference': {
    ok: async (s) => ({ method: 'PUT', url: C(await event(s)), payload: SETTINGS }),
    fail: async (s) => ({ method: 'PUT', url: C(await event(s)), payload: { ...SETTINGS, organiserUserIds: [NONE] } }),
  },
  'POST /api/v1/events/{id}/conference/participants': {
    ok: async (s) => ({
      method: 'POST',
      url: `${C(await conference(s))}/participants`,
      payload: { organisation: '某园区', person: '张三', role: 'park' },
    }),
    fail: async (s) => ({
      method: 'POST',
      url: `${C(await conference(s))}/participants`,
      payload: {
        organisation: '某园区',
        person: '张三',
        role: 'park',
        availability: [{ session: 'eve', start: '09:00', end: '10:00' }],
      },
    }),
  },
  'PATCH /api/v1/events/{id}/conference/participants/{participantId}': {
    ok: async (s) => {
      const ev = await conference(s);
      return {
        method: 'PATCH',
        url: `${C(ev)}/participants/${await participant(s, ev, 1)}`,
        payload: { version: 1, person: '王五' },
      };
    },
    fail: async (s) => {
      const ev = await conference(s);
      return {
        method: 'PATCH',
        url: `${C(ev)}/participants/${await participant(s, ev, 1)}`,
        payload: { version: 8, person: '王五' },
      };
    },
  },
  'DELETE /api/v1/events/{id}/conference/participants/{participantId}': {
    ok: async (s) => {
      const ev = await conference(s);
      return { method: 'DELETE', url: `${C(ev)}/participants/${await participant(s, ev, 1)}` };
    },
    fail: async (s) => ({ method: 'DELETE', url: `${C(await conference(s))}/participants/${NONE}` }),
  },
  'POST /api/v1/events/{id}/conference/requests': {
    ok: async (s) => {
      const ev = await conference(s);
      const fromId = await participant(s, ev, 1);
      return { method: 'POST', url: `${C(ev)}/requests`, payload: { fromId, toId: await participant(s, ev, 2) } };
    },
    fail: async (s) => {
      const ev = await conference(s);
      const fromId = await participant(s, ev, 1);
      return { method: 'POST', url: `${C(ev)}/requests`, payload: { fromId, toId: fromId } };
    },
  },
  'POST /api/v1/events/{id}/conference/requests/{requestId}/answer': {
    ok: async (s) => {
      const { ev, id } = await request(s);
      return { method: 'POST', url: `${C(ev)}/requests/${id}/answer`, payload: { action: 'accept' } };
    },
    fail: async (s) => {
      const { ev, id } = await request(s);
      await s.call({ method: 'POST', url: `${C(ev)}/requests/${id}/answer`, payload: { action: 'decline' } });
      return { method: 'POST', url: `${C(ev)}/requests/${id}/answer`, payload: { action: 'accept' } };
    },
  },
  'POST /api/v1/events/{id}/conference/check-in': {
    ok: async (s) => {
      const ev = await conference(s);
      const id = await participant(s, ev, 1);
      const [p] = await s.db.query<{ checkin_code: string }>(
        'select checkin_code from conference_participants where id = $1',
        [id],
      );
      return { method: 'POST', url: `${C(ev)}/check-in`, payload: { code: p?.checkin_code } };
    },
    fail: async (s) => ({ method: 'POST', url: `${C(await conference(s))}/check-in`, payload: { code: 'NOSUCHCODE' } }),
  },
  'POST /api/v1/imports': {
    ok: async () => ({
      method: 'POST',
      url: '/api/v1/imports',
      multipart: multipart({ name: 'parks.csv', bytes: parksCsv(), type: 'text/csv' }, { kind: 'parks' }),
    }),
    fail: async () => ({
      method: 'POST',
      url: '/api/v1/imports',
      multipart: multipart({ name: 'parks.xlsx', bytes: new Uint8Array([1, 2, 3, 4]) }, { kind: 'parks' }),
    }),
  },
  'POST /api/v1/imports/{id}/commit': {
    ok: async (s) => ({ method: 'POST', url: `/api/v1/imports/${await upload(s)}/commit`, payload: {} }),
    fail: async (s) => {
      const id = await upload(s);
      await s.call({ method: 'POST', url: `/api/v1/imports/${id}/commit`, payload: {} });
      return { method: 'POST', url: `/api/v1/imports/${id}/commit`, payload: {} }; // already committed
    },
  },
} satisfies Record<string, Fixture>);

let csvSeq = 0;
function parksCsv() {
  const n = ++csvSeq;
  return new TextEncoder().encode(`园区编码,园区名称,园区类型,行政区划\naudit-park-${n},审计园区${n},软件园,420112\n`);
}
async function upload(s: State) {
  const res = await s.call({
    method: 'POST',
    url: '/api/v1/imports',
    multipart: multipart({ name: 'parks.csv', bytes: parksCsv(), type: 'text/csv' }, { kind: 'parks' }),
  });
  if (res.status !== 201) throw new Error(`setup upload: ${res.status} ${res.body}`);
  return res.json().id as number;
}

// ── chain leads turned into projects ──
const CHAIN = 'oe';
async function leadPayload(s: State) {
  const [t] = await s.db.query<{ node: string }>(
    `select template->'nodes'->-1->>'id' as node from chain_templates where code = $1 order by version desc limit 1`,
    [CHAIN],
  );
  return { chainCode: CHAIN, nodeId: t!.node, enterpriseId: await enterprise(s) };
}

// ── conference schedule, meetings and imports ──
/** GET through the same caller (the fixtures' requests are writes; reading the schedule is set-up). */
const read = async (s: State, url: string) => {
  const res = await s.call({ method: 'GET' as Req['method'], url });
  if (res.status >= 300) throw new Error(`setup GET ${url}: ${res.status} ${res.body}`);
  return res.json();
};
/** An accepted request of a conference, and a free slot and table to place it at. */
async function acceptedMeeting(s: State) {
  const { ev, id } = await request(s);
  const answered = await s.call({
    method: 'POST',
    url: `${C(ev)}/requests/${id}/answer`,
    payload: { action: 'accept' },
  });
  if (answered.status >= 300) throw new Error(`setup accept: ${answered.status} ${answered.body}`);
  const sched = (await read(s, `${C(ev)}/schedule`)) as { slots: { id: string }[]; tables: { id: string }[] };
  return { ev, id, place: { slotId: sched.slots[0]!.id, tableId: sched.tables[0]!.id } };
}
async function placedMeeting(s: State) {
  const m = await acceptedMeeting(s);
  const res = await s.call({ method: 'PUT', url: `${C(m.ev)}/meetings/${m.id}/place`, payload: m.place });
  if (res.status >= 300) throw new Error(`setup place: ${res.status} ${res.body}`);
  return m;
}
const csv = (text: string) => new TextEncoder().encode(text);

Object.assign(FIXTURES, {
  'POST /api/v1/projects/from-candidate': {
    ok: async (s) => ({ method: 'POST', url: `${P}/from-candidate`, payload: await leadPayload(s) }),
    // the candidate is already an open lead: 409 with its projectId
    fail: async (s) => {
      const payload = await leadPayload(s);
      await made(s, `${P}/from-candidate`, payload);
      return { method: 'POST', url: `${P}/from-candidate`, payload };
    },
  },
  'POST /api/v1/invest/shortlist/{id}/convert': {
    ok: async (s) => ({
      method: 'POST',
      url: `/api/v1/invest/shortlist/${await made(s, '/api/v1/chain-shortlist', await leadPayload(s))}/convert`,
    }),
    fail: async (s) => {
      const id = await made(s, '/api/v1/chain-shortlist', await leadPayload(s));
      await made(s, `/api/v1/invest/shortlist/${id}/convert`, undefined);
      return { method: 'POST', url: `/api/v1/invest/shortlist/${id}/convert` }; // converted already
    },
  },
  'POST /api/v1/events/{id}/conference/schedule/run': {
    ok: async (s) => ({
      method: 'POST',
      url: `${C((await acceptedMeeting(s)).ev)}/schedule/run`,
      payload: { method: 'auto', timeLimitSeconds: 5 },
    }),
    // an event that does not exist (an event without settings answers with the default conference)
    fail: async () => ({
      method: 'POST',
      url: `${C(NONE)}/schedule/run`,
      payload: { method: 'auto', timeLimitSeconds: 5 },
    }),
  },
  'POST /api/v1/events/{id}/conference/schedule/publish': {
    ok: async (s) => ({ method: 'POST', url: `${C((await placedMeeting(s)).ev)}/schedule/publish` }),
    fail: async () => ({ method: 'POST', url: `${C(NONE)}/schedule/publish` }),
  },
  'POST /api/v1/events/{id}/conference/schedule/unpublish': {
    ok: async (s) => {
      const { ev } = await placedMeeting(s);
      await s.call({ method: 'POST', url: `${C(ev)}/schedule/publish` });
      return { method: 'POST', url: `${C(ev)}/schedule/unpublish` };
    },
    fail: async () => ({ method: 'POST', url: `${C(NONE)}/schedule/unpublish` }),
  },
  'POST /api/v1/events/{id}/conference/schedule/clear': {
    ok: async (s) => ({ method: 'POST', url: `${C((await placedMeeting(s)).ev)}/schedule/clear` }),
    fail: async () => ({ method: 'POST', url: `${C(NONE)}/schedule/clear` }),
  },
  'PUT /api/v1/events/{id}/conference/meetings/{requestId}/place': {
    ok: async (s) => {
      const m = await acceptedMeeting(s);
      return { method: 'PUT', url: `${C(m.ev)}/meetings/${m.id}/place`, payload: m.place };
    },
    fail: async (s) => {
      const m = await acceptedMeeting(s);
      return { method: 'PUT', url: `${C(m.ev)}/meetings/${m.id}/place`, payload: { ...m.place, slotId: 'no-slot' } };
    },
  },
  'DELETE /api/v1/events/{id}/conference/meetings/{requestId}/place': {
    ok: async (s) => {
      const m = await placedMeeting(s);
      return { method: 'DELETE', url: `${C(m.ev)}/meetings/${m.id}/place` };
    },
    fail: async (s) => ({ method: 'DELETE', url: `${C(await conference(s))}/meetings/${NONE}/place` }),
  },
  'PUT /api/v1/events/{id}/conference/meetings/{requestId}/lock': {
    ok: async (s) => {
      const m = await placedMeeting(s);
      return { method: 'PUT', url: `${C(m.ev)}/meetings/${m.id}/lock`, payload: { locked: true } };
    },
    fail: async (s) => ({
      method: 'PUT',
      url: `${C(await conference(s))}/meetings/${NONE}/lock`,
      payload: { locked: true },
    }),
  },
  'POST /api/v1/events/{id}/conference/participants/import': {
    ok: async (s) => ({
      method: 'POST',
      url: `${C(await conference(s))}/participants/import`,
      multipart: multipart({ name: 'p.csv', bytes: csv('单位,代表,角色\n导入园区,赵一,园区\n'), type: 'text/csv' }),
    }),
    // one bad row refuses the whole file
    fail: async (s) => ({
      method: 'POST',
      url: `${C(await conference(s))}/participants/import`,
      multipart: multipart({
        name: 'p.csv',
        bytes: csv('单位,代表,角色\n导入园区,赵一,园区\n导入企业,钱二,guest\n'),
        type: 'text/csv',
      }),
    }),
  },
  'POST /api/v1/events/{id}/conference/requests/import': {
    ok: async (s) => {
      const ev = await conference(s);
      await participant(s, ev, 1);
      await participant(s, ev, 2);
      return {
        method: 'POST',
        url: `${C(ev)}/requests/import`,
        multipart: multipart({
          name: 'r.csv',
          bytes: csv('发起单位,发起人,对方单位,对方代表\n参会单位1,代表1,参会单位2,代表2\n'),
          type: 'text/csv',
        }),
      };
    },
    fail: async (s) => {
      const ev = await conference(s);
      await participant(s, ev, 1);
      await participant(s, ev, 2);
      return {
        method: 'POST',
        url: `${C(ev)}/requests/import`,
        multipart: multipart({
          name: 'r.csv',
          bytes: csv(
            '发起单位,发起人,对方单位,对方代表\n参会单位1,代表1,参会单位2,代表2\n参会单位1,代表1,无此单位,某人\n',
          ),
          type: 'text/csv',
        }),
      };
    },
  },
} satisfies Record<string, Fixture>);

/**
 * Operations without a fixture yet, each with its reason. Shrink this list; never grow it for a new
 * route (a new route brings its fixture).
 */
export const PENDING: Record<string, string> = {
  'POST /api/v1/jobs/{id}/cancel':
    'job control: the job keeps its own record (state, who asked, when); the work it stops writes nothing',
  'POST /api/v1/jobs/{id}/retry':
    'job control: a retried job audits the changes its work makes, as the first run would',
  'POST /api/v1/auth/sign-in': 'recorded in auth_events, not change_log (auth module)',
  'POST /api/v1/auth/sign-out': 'recorded in auth_events (auth module)',
  'POST /api/v1/auth/sign-out-everywhere': 'recorded in auth_events (auth module)',
  'POST /api/v1/auth/password': 'recorded in auth_events (auth module)',
  'POST /api/v1/auth/tokens': 'recorded in auth_events (auth module)',
  'DELETE /api/v1/auth/tokens/{id}': 'recorded in auth_events (auth module)',
};
