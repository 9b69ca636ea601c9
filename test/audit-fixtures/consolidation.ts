/** Audit fixtures of the consolidation module (hubs are created directly: no route creates one yet). */
import ExcelJS from 'exceljs';
import type { Fixture, State } from '../audit-fixtures.js';
import { makeUser } from '../helpers/auth.js';
import { multipart } from '../helpers/multipart.js';

const NONE = 2_000_000_000;
let seq = 0;

async function hub(s: State): Promise<number> {
  const [h] = await s.db.query<{ id: number }>(
    "insert into consolidation_hubs (name, station) values ($1, '吴家山站') returning id",
    [`审计集拼中心${++seq}-${Date.now()}`],
  );
  return h!.id;
}

const departure = (code: string) => ({
  code,
  route: 'WJS-DUI',
  destinations: ['DUISBURG'],
  departOn: '2026-12-10',
  cutoffOn: '2026-12-08',
  containers: [{ type: '40HQ', count: 2, priceFen: 5_500_000 }],
});
const order = (code: string) => ({
  code,
  shipperName: '审计发货人',
  goods: '节日装饰彩球',
  cargoClass: 'general',
  pieces: 10,
  volumeM3: 5,
  weightKg: 500,
  destination: 'DUISBURG',
  destinationCountry: '德国',
  readyOn: '2026-12-05',
});

async function made(s: State, url: string, payload: unknown): Promise<number> {
  const res = await s.call({ method: 'POST', url, payload });
  if (res.status >= 300) throw new Error(`setup ${url}: ${res.status} ${res.body}`);
  return res.json().id as number;
}

/** A hub with a departure, one order and a plan holding it. */
async function planned(s: State): Promise<{ hubId: number; orderId: number }> {
  const hubId = await hub(s);
  await made(s, `/api/v1/consolidation/hubs/${hubId}/departures`, departure('D1'));
  const orderId = await made(s, `/api/v1/consolidation/hubs/${hubId}/orders`, order('O1'));
  const res = await s.call({ method: 'POST', url: `/api/v1/consolidation/hubs/${hubId}/plan` });
  if (res.status >= 300) throw new Error(`setup plan: ${res.status} ${res.body}`);
  return { hubId, orderId };
}

async function workbook(rows: unknown[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('订单');
  ws.addRow(['编号', '发货人', '货物', '货类', '件数', '体积m3', '毛重kg', '目的站', '目的国', '备货日']);
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A planned hub whose order is booked: locked on its departure. */
async function booked(s: State): Promise<{ hubId: number; orderId: number; departureId: number }> {
  const { hubId, orderId } = await planned(s);
  const res = await s.call({ method: 'POST', url: `/api/v1/consolidation/hubs/${hubId}/orders/${orderId}/book` });
  if (res.status >= 300) throw new Error(`setup book: ${res.status} ${res.body}`);
  return {
    hubId,
    orderId,
    departureId: res.json().lock ? (res.json().lock as { departureId: number }).departureId : 0,
  };
}

export const FIXTURES: Record<string, Fixture> = {
  'PUT /api/v1/consolidation/hubs/{id}/orders/{orderId}': {
    ok: async (s) => {
      const hubId = await hub(s);
      const id = await made(s, `/api/v1/consolidation/hubs/${hubId}/orders`, order('E1'));
      return {
        method: 'PUT',
        url: `/api/v1/consolidation/hubs/${hubId}/orders/${id}`,
        payload: { ...order('E1'), volumeM3: 7, version: 1 },
      };
    },
    // a booked order cannot grow out of its locked container
    fail: async (s) => {
      const { hubId, orderId } = await booked(s);
      return {
        method: 'PUT',
        url: `/api/v1/consolidation/hubs/${hubId}/orders/${orderId}`,
        payload: { ...order('O1'), volumeM3: 9, version: 2 },
      };
    },
  },
  'POST /api/v1/consolidation/hubs/{id}/orders/{orderId}/cancel': {
    ok: async (s) => {
      const { hubId, orderId } = await booked(s);
      return {
        method: 'POST',
        url: `/api/v1/consolidation/hubs/${hubId}/orders/${orderId}/cancel`,
        payload: { version: 2, confirmBooked: true },
      };
    },
    // a booked order is not cancelled without the confirmation
    fail: async (s) => {
      const { hubId, orderId } = await booked(s);
      return {
        method: 'POST',
        url: `/api/v1/consolidation/hubs/${hubId}/orders/${orderId}/cancel`,
        payload: { version: 2 },
      };
    },
  },
  'PUT /api/v1/consolidation/hubs/{id}/departures/{departureId}': {
    ok: async (s) => {
      const hubId = await hub(s);
      const id = await made(s, `/api/v1/consolidation/hubs/${hubId}/departures`, departure('D2'));
      return {
        method: 'PUT',
        url: `/api/v1/consolidation/hubs/${hubId}/departures/${id}`,
        payload: { ...departure('D2'), cutoffOn: '2026-12-07', version: 1 },
      };
    },
    // booked orders rely on its date
    fail: async (s) => {
      const { hubId, departureId } = await booked(s);
      return {
        method: 'PUT',
        url: `/api/v1/consolidation/hubs/${hubId}/departures/${departureId}`,
        payload: { ...departure('D1'), departOn: '2026-12-11', version: 1 },
      };
    },
  },
  'POST /api/v1/consolidation/hubs/{id}/departures/{departureId}/cancel': {
    ok: async (s) => {
      const { hubId, departureId } = await booked(s);
      return {
        method: 'POST',
        url: `/api/v1/consolidation/hubs/${hubId}/departures/${departureId}/cancel`,
        payload: { version: 1, releaseBooked: true },
      };
    },
    fail: async (s) => {
      const { hubId, departureId } = await booked(s);
      return {
        method: 'POST',
        url: `/api/v1/consolidation/hubs/${hubId}/departures/${departureId}/cancel`,
        payload: { version: 1 },
      };
    },
  },
  'POST /api/v1/consolidation/hubs': {
    ok: async () => ({
      method: 'POST',
      url: '/api/v1/consolidation/hubs',
      payload: { name: `审计新集拼中心${++seq}-${Date.now()}`, station: '吴家山站' },
    }),
    fail: async () => ({
      method: 'POST',
      url: '/api/v1/consolidation/hubs',
      payload: { name: `审计新集拼中心${++seq}`, station: '吴家山站', parkId: NONE },
    }),
  },
  'POST /api/v1/consolidation/hubs/{id}/members': {
    // Members are hub operator accounts of the hub's own organisation.
    ok: async (s) => {
      const { userId, organisationId } = await makeUser(s.db, 'hub_operator');
      const id = await hub(s);
      await s.db.query('update consolidation_hubs set organisation_id = $1 where id = $2', [organisationId, id]);
      return { method: 'POST', url: `/api/v1/consolidation/hubs/${id}/members`, payload: { userId } };
    },
    fail: async (s) => ({
      method: 'POST',
      url: `/api/v1/consolidation/hubs/${await hub(s)}/members`,
      payload: { userId: NONE },
    }),
  },
  'POST /api/v1/consolidation/hubs/{id}/orders/import': {
    ok: async (s) => ({
      method: 'POST',
      url: `/api/v1/consolidation/hubs/${await hub(s)}/orders/import`,
      multipart: multipart({
        name: 'orders.xlsx',
        bytes: await workbook([['I1', '甲', '彩球', '普货', 10, 2, 200, 'DUISBURG', '德国', '2026-12-05']]),
      }),
    }),
    // one good row and one with an unknown cargo class: nothing is written
    fail: async (s) => ({
      method: 'POST',
      url: `/api/v1/consolidation/hubs/${await hub(s)}/orders/import`,
      multipart: multipart({
        name: 'orders.xlsx',
        bytes: await workbook([
          ['I1', '甲', '彩球', '普货', 10, 2, 200, 'DUISBURG', '德国', '2026-12-05'],
          ['I2', '乙', '矿石', '放射品', 1, 2, 200, 'DUISBURG', '德国', '2026-12-05'],
        ]),
      }),
    }),
  },
  'POST /api/v1/consolidation/hubs/{id}/orders': {
    ok: async (s) => ({
      method: 'POST',
      url: `/api/v1/consolidation/hubs/${await hub(s)}/orders`,
      payload: order('A1'),
    }),
    // a dangerous-goods order without its class is refused after validation
    fail: async (s) => ({
      method: 'POST',
      url: `/api/v1/consolidation/hubs/${await hub(s)}/orders`,
      payload: { ...order('A2'), cargoClass: 'dangerous' },
    }),
  },
  'POST /api/v1/consolidation/hubs/{id}/departures': {
    ok: async (s) => ({
      method: 'POST',
      url: `/api/v1/consolidation/hubs/${await hub(s)}/departures`,
      payload: departure('D9'),
    }),
    fail: async () => ({
      method: 'POST',
      url: `/api/v1/consolidation/hubs/${NONE}/departures`,
      payload: departure('D9'),
    }),
  },
  'PUT /api/v1/consolidation/hubs/{id}/tariffs': {
    ok: async (s) => ({
      method: 'PUT',
      url: `/api/v1/consolidation/hubs/${await hub(s)}/tariffs`,
      payload: { route: 'WJS-DUI', divisorKgPerM3: 500, minChargeableM3: 1 },
    }),
    fail: async () => ({
      method: 'PUT',
      url: `/api/v1/consolidation/hubs/${NONE}/tariffs`,
      payload: { route: 'WJS-DUI', divisorKgPerM3: 500, minChargeableM3: 1 },
    }),
  },
  'POST /api/v1/consolidation/hubs/{id}/plan': {
    ok: async (s) => {
      const hubId = await hub(s);
      await made(s, `/api/v1/consolidation/hubs/${hubId}/departures`, departure('D1'));
      await made(s, `/api/v1/consolidation/hubs/${hubId}/orders`, order('O1'));
      return { method: 'POST', url: `/api/v1/consolidation/hubs/${hubId}/plan` };
    },
    fail: async () => ({ method: 'POST', url: `/api/v1/consolidation/hubs/${NONE}/plan` }),
  },
  'POST /api/v1/consolidation/hubs/{id}/orders/{orderId}/book': {
    ok: async (s) => {
      const { hubId, orderId } = await planned(s);
      return { method: 'POST', url: `/api/v1/consolidation/hubs/${hubId}/orders/${orderId}/book` };
    },
    // an order added after the plan is not in it yet: 422
    fail: async (s) => {
      const { hubId } = await planned(s);
      const late = await made(s, `/api/v1/consolidation/hubs/${hubId}/orders`, order('O2'));
      return { method: 'POST', url: `/api/v1/consolidation/hubs/${hubId}/orders/${late}/book` };
    },
  },
};

export const PENDING: Record<string, string> = {
  'POST /api/v1/consolidation/hubs/{id}/quote':
    'A quote computes a price for an order that is not booked and writes nothing: no change to audit.',
};
