/** Audit fixtures of the docking module (issue 12): every mutating route, one success and one refusal. */
import ExcelJS from 'exceljs';
import type { Fixture, Req, State } from '../audit-fixtures.js';
import { multipart } from '../helpers/multipart.js';

const NONE = 2_000_000_000;
const D = '/api/v1/docking';
const FUTURE = '2099-12-31';

async function made(s: State, url: string, payload: unknown): Promise<Record<string, unknown>> {
  const res = await s.call({ method: 'POST', url, payload });
  if (res.status >= 300) throw new Error(`setup ${url}: ${res.status} ${res.body}`);
  return res.json();
}
const enterprise = async (s: State, more: Record<string, unknown> = {}) =>
  (await made(s, '/api/v1/enterprises', s.makeEnterprise(more as never))).id as number;

const posting = (enterpriseId: number, kind: 'supply' | 'demand', more: Record<string, unknown> = {}) => ({
  kind,
  category: 'product',
  enterpriseId,
  title: '审计测试DFB激光器芯片',
  nodeId: kind === 'supply' ? 'oe.ld_chip' : 'oe.module',
  validUntil: FUTURE,
  visibility: 'public',
  ...more,
});

/** A demand and a supply the administrator posted for two new firms, and their match. */
async function match(s: State): Promise<number> {
  const a = await enterprise(s);
  const b = await enterprise(s);
  await made(s, `${D}/postings`, posting(b, 'supply'));
  const demand = (await made(s, `${D}/postings`, posting(a, 'demand'))).posting as { id: number };
  const [m] = await s.db.query<{ id: number }>(
    'select id from docking_matches where demand_id = $1 order by score desc limit 1',
    [demand.id],
  );
  if (!m) throw new Error('setup: no match');
  return m.id;
}

async function openContact(s: State, id: number): Promise<void> {
  for (const side of ['demand', 'supply'])
    await made(s, `${D}/matches/${id}/decision`, { decision: 'interested', side });
}

/** A postings sheet as the import reads it (Chinese headers). */
async function sheet(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('供需信息');
  ws.addRow(['供需类型', '类别', '企业', '产品或服务', '产业链节点', '数量', '单位', '有效期至', '可见范围']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const firmName = async (s: State, id: number) =>
  (await s.db.query<{ name: string }>('select name from enterprises where id = $1', [id]))[0]!.name;

const deal = { product: '审计测试DFB激光器芯片', amountWan: 12.5, signedOn: '2026-01-15', termMonths: 12 };

export const FIXTURES: Record<string, Fixture> = {
  'POST /api/v1/docking/postings': {
    ok: async (s) => ({ method: 'POST', url: `${D}/postings`, payload: posting(await enterprise(s), 'supply') }),
    fail: async (s): Promise<Req> => ({
      method: 'POST',
      url: `${D}/postings`,
      payload: posting(await enterprise(s), 'supply', { validUntil: '2020-01-01' }),
    }),
  },
  'POST /api/v1/docking/postings/import': {
    ok: async (s) => {
      const name = await firmName(s, await enterprise(s));
      return {
        method: 'POST',
        url: `${D}/postings/import`,
        multipart: multipart({
          name: 'postings.xlsx',
          bytes: await sheet([['供应', '产品', name, '审计测试光纤预制棒', 'oe.ld_chip', 100, '件', FUTURE, '全市']]),
        }),
      };
    },
    // one good row and one with an expired validity: nothing is written
    fail: async (s) => {
      const name = await firmName(s, await enterprise(s));
      return {
        method: 'POST',
        url: `${D}/postings/import`,
        multipart: multipart({
          name: 'postings.xlsx',
          bytes: await sheet([
            ['供应', '产品', name, '审计测试光纤预制棒', 'oe.ld_chip', 100, '件', FUTURE, '全市'],
            ['需求', '产品', name, '审计测试光模块', 'oe.module', 100, '件', '2020-01-01', '全市'],
          ]),
        }),
      };
    },
  },
  'POST /api/v1/docking/rematch': {
    // a pair whose match row is gone: the re-match stores it again (audited as the caller's)
    ok: async (s) => {
      const id = await match(s);
      await s.db.query('delete from docking_matches where id = $1', [id]);
      return { method: 'POST', url: `${D}/rematch`, payload: {} };
    },
    fail: async () => ({ method: 'POST', url: `${D}/rematch`, payload: { day: '2020-01-01' } }),
  },
  'POST /api/v1/docking/postings/{id}/close': {
    ok: async (s) => {
      const p = (await made(s, `${D}/postings`, posting(await enterprise(s), 'supply'))).posting as { id: number };
      return { method: 'POST', url: `${D}/postings/${p.id}/close` };
    },
    fail: async () => ({ method: 'POST', url: `${D}/postings/${NONE}/close` }),
  },
  'POST /api/v1/docking/matches/{id}/decision': {
    ok: async (s) => ({
      method: 'POST',
      url: `${D}/matches/${await match(s)}/decision`,
      payload: { decision: 'interested', side: 'demand' },
    }),
    fail: async () => ({ method: 'POST', url: `${D}/matches/${NONE}/decision`, payload: { decision: 'interested' } }),
  },
  'POST /api/v1/docking/matches/{id}/deals': {
    ok: async (s) => {
      const id = await match(s);
      await openContact(s, id);
      return { method: 'POST', url: `${D}/matches/${id}/deals`, payload: deal };
    },
    // No contact yet: refused, nothing written (no deal, no supplier link).
    fail: async (s) => ({ method: 'POST', url: `${D}/matches/${await match(s)}/deals`, payload: deal }),
  },
  'POST /api/v1/docking/suggested-demand/{id}/confirm': {
    ok: async (s) => {
      const leader = await enterprise(s, { isChainLeader: true, chainCode: 'oe', regionCode: '420112' });
      const outside = await enterprise(s, { regionCode: '440300', creditCode: s.makeCreditCode('440300') });
      const link = await made(s, '/api/v1/supply-links', {
        supplierId: outside,
        customerId: leader,
        product: '审计测试光芯片',
      });
      return {
        method: 'POST',
        url: `${D}/suggested-demand/${link.id as number}/confirm`,
        payload: { validUntil: FUTURE, visibility: 'city' },
      };
    },
    fail: async () => ({
      method: 'POST',
      url: `${D}/suggested-demand/${NONE}/confirm`,
      payload: { validUntil: FUTURE, visibility: 'city' },
    }),
  },
};

// ── docking events and chain-aware conferences (issue 12 item 5) ──
const E = (ev: number) => `/api/v1/events/${ev}/conference`;
const event = async (s: State) =>
  (await made(s, '/api/v1/events', { name: '审计测试产业链对接会', kind: 'matchmaking_conference', city: '武汉' }))
    .id as number;

/** A conference whose two participants are the sides of a docking match; returns the event and the match. */
async function dockingEvent(s: State): Promise<{ ev: number; matchId: number }> {
  const matchId = await match(s);
  const [m] = await s.db.query<{ customer_id: number; supplier_id: number }>(
    'select customer_id, supplier_id from docking_matches where id = $1',
    [matchId],
  );
  const ev = await event(s);
  for (const [i, enterpriseId] of [m?.customer_id, m?.supplier_id].entries())
    await made(s, `${E(ev)}/participants`, {
      organisation: `审计参会${i}`,
      person: '代表',
      role: 'seller',
      enterpriseId,
    });
  return { ev, matchId };
}

Object.assign(FIXTURES, {
  'PUT /api/v1/events/{id}/conference/chain': {
    ok: async (s) => ({ method: 'PUT', url: `${E(await event(s))}/chain`, payload: { chainCode: 'oe' } }),
    fail: async (s) => ({ method: 'PUT', url: `${E(await event(s))}/chain`, payload: { chainCode: 'nope' } }),
  },
  'POST /api/v1/events/{id}/conference/suggestions/accept': {
    ok: async (s) => {
      const { ev, matchId } = await dockingEvent(s);
      return { method: 'POST', url: `${E(ev)}/suggestions/accept`, payload: { keys: [`match:${matchId}`] } };
    },
    fail: async (s) => {
      const { ev } = await dockingEvent(s);
      return { method: 'POST', url: `${E(ev)}/suggestions/accept`, payload: { keys: [`match:${NONE}`] } };
    },
  },
} satisfies Record<string, Fixture>);
