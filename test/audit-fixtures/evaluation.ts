/** Audit fixtures of the evaluation module: one valid and one refused request per mutating operation. */

import ExcelJS from 'exceljs';
import { loadPublished } from '../../src/domain/evaluation/published.js';
import type { Fixture, State } from '../audit-fixtures.js';
import { multipart } from '../helpers/multipart.js';

const B = '/api/v1/evaluation';
const NONE = 2_000_000_000;
let seq = 0;

async function made(s: State, url: string, payload: unknown): Promise<number> {
  const res = await s.call({ method: 'POST', url, payload });
  if (res.status >= 300) throw new Error(`setup ${url}: ${res.status} ${res.body}`);
  return res.json().id as number;
}
const ruleSetId = async (s: State, code: string) =>
  ((
    await s.db.query<{ id: number }>('select id from evaluation_rule_sets where code = $1 order by version limit 1', [
      code,
    ])
  )[0]?.id ?? NONE) as number;
const draft = (s: State) =>
  made(s, `${B}/rule-sets`, { ...loadPublished('huaian-2024'), code: `audit-${++seq}-${Date.now()}` });
const badWeights = () => {
  const rs = structuredClone(loadPublished('huaian-2024'));
  if (rs.document.kind === 'per_mu' && rs.document.buckets[0]?.indicators[0])
    rs.document.buckets[0].indicators[0].weight = 1;
  return rs;
};
const park = (s: State) => made(s, '/api/v1/parks', s.makePark());
const enterprise = (s: State) => made(s, '/api/v1/enterprises', s.makeEnterprise());
const project = async (s: State) =>
  made(s, `${B}/renewal/projects`, {
    parkId: await park(s),
    name: '审计测试更新项目',
    mode: 'retain',
    investmentWan: 100,
  });

const plot = async (s: State) => {
  const parkId = await park(s);
  const id = await made(s, `${B}/renewal/plots`, {
    parkId,
    code: `AUDIT-${++seq}`,
    name: '审计测试地块',
    areaMu: 12.5,
    landUse: 'industrial',
    lat: 30.6,
    lng: 114.1,
  });
  return { id, parkId };
};
/** A land register sheet of one park's rows (park by its code). */
async function register(parkCode: string, rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('土地台账');
  ws.addRow(['园区', '地块编号', '地块', '面积（亩）', '用途', '经度', '纬度']);
  for (const r of rows) ws.addRow([parkCode, ...r]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const parkCode = async (s: State, id: number) =>
  (await s.db.query<{ code: string }>('select code from parks where id = $1', [id]))[0]!.code;

/** A run with one assessed firm of the caller's city: a firm with two years of metrics, then a run. */
async function runWithFirm(s: State): Promise<{ runId: number; enterpriseId: number }> {
  const e = await enterprise(s);
  for (const year of [2024, 2025])
    await s.db.query(
      `insert into enterprise_metrics (enterprise_id, year, revenue_wan, output_wan, value_added_wan, tax_wan, employees,
         energy_tce, land_mu, source_id, synthetic)
       values ($1, $2, 5000, 4800, 1200, 300, 80, 200, 20, (select id from sources order by id limit 1), true)`,
      [e, year],
    );
  const run = await s.call({
    method: 'POST',
    url: `${B}/runs`,
    payload: { ruleSetId: await ruleSetId(s, 'wuhan-default'), year: 2025 },
  });
  if (run.status >= 300) throw new Error(`setup run: ${run.status} ${run.body}`);
  return { runId: run.json().id as number, enterpriseId: e };
}

export const FIXTURES: Record<string, Fixture> = {
  [`POST ${B}/runs/{id}/firms/{enterpriseId}/letter`]: {
    ok: async (s) => {
      const { runId, enterpriseId } = await runWithFirm(s);
      return { method: 'POST', url: `${B}/runs/${runId}/firms/${enterpriseId}/letter`, payload: { lang: 'zh' } };
    },
    fail: async (s) => ({
      method: 'POST',
      url: `${B}/runs/${(await runWithFirm(s)).runId}/firms/${NONE}/letter`,
      payload: { lang: 'zh' },
    }),
  },
  [`POST ${B}/rule-sets`]: {
    ok: async () => ({
      method: 'POST',
      url: `${B}/rule-sets`,
      payload: { ...loadPublished('huaian-2024'), code: `audit-${++seq}` },
    }),
    fail: async () => ({ method: 'POST', url: `${B}/rule-sets`, payload: badWeights() }),
  },
  [`PUT ${B}/rule-sets/{id}`]: {
    ok: async (s) => {
      const id = await draft(s);
      const [row] = await s.db.query<{ code: string }>('select code from evaluation_rule_sets where id = $1', [id]);
      return {
        method: 'PUT',
        url: `${B}/rule-sets/${id}`,
        payload: { ...loadPublished('huaian-2024'), code: row?.code, name: '改名' },
      };
    },
    fail: async (s) => ({
      method: 'PUT',
      url: `${B}/rule-sets/${await ruleSetId(s, 'huaian-2024')}`,
      payload: loadPublished('huaian-2024'),
    }),
  },
  [`POST ${B}/rule-sets/{id}/publish`]: {
    ok: async (s) => ({ method: 'POST', url: `${B}/rule-sets/${await draft(s)}/publish` }),
    fail: async (s) => ({ method: 'POST', url: `${B}/rule-sets/${await ruleSetId(s, 'miit-2022')}/publish` }),
  },
  [`POST ${B}/runs`]: {
    ok: async (s) => ({
      method: 'POST',
      url: `${B}/runs`,
      payload: { ruleSetId: await ruleSetId(s, 'wuhan-default'), year: 2025 },
    }),
    fail: async (s) => ({
      method: 'POST',
      url: `${B}/runs`,
      payload: { ruleSetId: await ruleSetId(s, 'miit-2022'), year: 2025 },
    }),
  },
  [`POST ${B}/honours/reminders`]: {
    ok: async (s) => {
      await made(
        s,
        '/api/v1/enterprises',
        s.makeEnterprise({
          honours: [{ tierCode: 'high_tech', year: 2024, validUntil: '2026-09-30', level: 'national' }],
        }),
      );
      return { method: 'POST', url: `${B}/honours/reminders`, payload: { withinDays: 365, on: '2026-06-01' } };
    },
    // A date of the right form that does not exist: refused by the database after validation.
    fail: async () => ({
      method: 'POST',
      url: `${B}/honours/reminders`,
      payload: { withinDays: 365, on: '2026-02-30' },
    }),
  },
  [`POST ${B}/renewal/projects`]: {
    ok: async (s) => ({
      method: 'POST',
      url: `${B}/renewal/projects`,
      payload: { parkId: await park(s), name: '审计测试更新项目', mode: 'replace_firms', investmentWan: 1200 },
    }),
    fail: async () => ({
      method: 'POST',
      url: `${B}/renewal/projects`,
      payload: { parkId: NONE, name: '审计测试', mode: 'retain' },
    }),
  },
  [`PUT ${B}/renewal/projects/{id}`]: {
    ok: async (s) => {
      const id = await project(s);
      const [row] = await s.db.query<{ park_id: number }>('select park_id from renewal_projects where id = $1', [id]);
      return {
        method: 'PUT',
        url: `${B}/renewal/projects/${id}`,
        payload: { parkId: row?.park_id, name: '审计测试更新项目', mode: 'retain', status: 'completed', version: 1 },
      };
    },
    fail: async (s) => {
      const id = await project(s);
      const [row] = await s.db.query<{ park_id: number }>('select park_id from renewal_projects where id = $1', [id]);
      return {
        method: 'PUT',
        url: `${B}/renewal/projects/${id}`,
        payload: { parkId: row?.park_id, name: '审计测试更新项目', mode: 'retain', status: 'completed', version: 99 },
      };
    },
  },
  [`POST ${B}/renewal/plots`]: {
    ok: async (s) => ({
      method: 'POST',
      url: `${B}/renewal/plots`,
      payload: {
        parkId: await park(s),
        code: `AUDIT-${++seq}`,
        name: '审计测试地块',
        areaMu: 12.5,
        landUse: 'industrial',
        lat: 30.6,
        lng: 114.1,
      },
    }),
    fail: async (s) => ({
      method: 'POST',
      url: `${B}/renewal/plots`,
      // Neither an outline nor a point: refused naming `outline`.
      payload: { parkId: await park(s), code: 'AUDIT-X', name: '审计测试地块', areaMu: 12.5, landUse: 'industrial' },
    }),
  },
  [`PATCH ${B}/renewal/plots/{id}`]: {
    ok: async (s) => {
      const { id } = await plot(s);
      return { method: 'PATCH', url: `${B}/renewal/plots/${id}`, payload: { version: 1, areaMu: 13 } };
    },
    // a stale version: 409, nothing written
    fail: async (s) => {
      const { id } = await plot(s);
      return { method: 'PATCH', url: `${B}/renewal/plots/${id}`, payload: { version: 7, areaMu: 13 } };
    },
  },
  [`DELETE ${B}/renewal/plots/{id}`]: {
    ok: async (s) => ({ method: 'DELETE', url: `${B}/renewal/plots/${(await plot(s)).id}?version=1` }),
    fail: async (s) => ({ method: 'DELETE', url: `${B}/renewal/plots/${(await plot(s)).id}?version=2` }),
  },
  [`POST ${B}/renewal/plots/import`]: {
    ok: async (s) => {
      const code = await parkCode(s, await park(s));
      return {
        method: 'POST',
        url: `${B}/renewal/plots/import`,
        multipart: multipart({
          name: 'register.xlsx',
          bytes: await register(code, [[`AUDIT-IMP-${++seq}`, '审计测试地块', 8, '工业', 114.1, 30.6]]),
        }),
      };
    },
    // one good row and one with an unknown land use: nothing is written
    fail: async (s) => {
      const code = await parkCode(s, await park(s));
      return {
        method: 'POST',
        url: `${B}/renewal/plots/import`,
        multipart: multipart({
          name: 'register.xlsx',
          bytes: await register(code, [
            [`AUDIT-IMP-${++seq}`, '审计测试地块', 8, '工业', 114.1, 30.6],
            [`AUDIT-IMP-${++seq}`, '审计测试地块', 8, '农田', 114.1, 30.6],
          ]),
        }),
      };
    },
  },
  [`POST ${B}/pipeline/transitions`]: {
    ok: async (s) => ({
      method: 'POST',
      url: `${B}/pipeline/transitions`,
      payload: { enterpriseId: await enterprise(s), stage: 'lab', occurredOn: '2024-01-01' },
    }),
    fail: async (s) => ({
      method: 'POST',
      url: `${B}/pipeline/transitions`,
      payload: { enterpriseId: await enterprise(s), stage: 'lab', occurredOn: '2024-01-01', institutionId: NONE },
    }),
  },
};
