/**
 * The heavy jobs `npm run bench:load` runs while it times `/api/health`: an exact schedule run of a
 * matchmaking conference (participants and accepted requests imported from CSV, as an organiser
 * does; the same generator as bench/conference.ts) and a 100 k-row enterprise import (upload and
 * validation, then commit) — all through the HTTP API as demo-admin.
 */
import { rng } from '../../src/domain/random.js';
import { makeCreditCode } from '../../test/helpers/factories.js';
import { multipart, type Req, type Session, send } from './load-client.js';

async function call<T>(base: string, s: Session, method: Req['method'], path: string, body: unknown): Promise<T> {
  const res = await send(base, { method, path: `/api/v1${path}`, body, session: s }, 0);
  if (res.status < 200 || res.status > 299)
    throw new Error(`${method} ${path} → ${res.status} ${res.body.slice(0, 400)}`);
  return JSON.parse(res.body) as T;
}

async function upload<T>(
  base: string,
  s: Session,
  path: string,
  name: string,
  csv: string,
  fields: Record<string, string> = {},
): Promise<T> {
  const raw = multipart(fields, name, csv);
  const res = await send(base, { method: 'POST', path: `/api/v1${path}`, raw, session: s }, 0);
  if (res.status < 200 || res.status > 299) throw new Error(`upload ${path} → ${res.status} ${res.body.slice(0, 400)}`);
  return JSON.parse(res.body) as T;
}

/** Creates a conference with `n` participants and `requests` accepted requests; returns its path. */
export async function setUpConference(base: string, admin: Session, n: number, requests: number, seed = 3) {
  const { id } = await call<{ id: number }>(base, admin, 'POST', '/events', {
    name: `负载基准对接会 ${n} 人`,
    kind: 'matchmaking_conference',
    city: '武汉',
  });
  const conf = `/events/${id}/conference`;
  await call(base, admin, 'PUT', conf, {
    sessions: [
      { key: 'am', name: '上午场', date: '2026-12-01', start: '09:00', end: '12:00', breaks: [] },
      { key: 'pm', name: '下午场', date: '2026-12-01', start: '14:00', end: '17:00', breaks: [] },
    ],
    slotMinutes: 20,
    tableMode: 'pooled',
    tableCount: Math.ceil(n / 2),
    tableCapacity: 1,
    maxMeetingsPerParticipant: 12,
    maxMeetingsPerSession: 8,
    requestExpiryHours: 72,
    organiserUserIds: [],
  });
  const rand = rng(seed);
  const roles = ['采购方', '供应方', '投资方', '园区'];
  const people = Array.from({ length: n }, (_, i) => `负载单位${i + 1}`);
  const csv = [
    '单位,代表,职务,联系方式,角色',
    ...people.map((org, i) => `${org},代表${i + 1},经理,,${roles[Math.floor(rand() * roles.length)]}`),
  ].join('\n');
  await upload(base, admin, `${conf}/participants/import`, 'participants.csv', csv);
  // popular participants are asked more often, as in bench/conference.ts
  const weight = people.map(() => Math.min(4, 1 / (0.25 + rand())));
  const total = weight.reduce((a, b) => a + b, 0);
  const draw = () => {
    let x = rand() * total;
    for (let i = 0; i < weight.length; i++) {
      x -= weight[i] ?? 0;
      if (x <= 0) return i;
    }
    return weight.length - 1;
  };
  const pairs = new Set<string>();
  const rows: string[] = [];
  while (rows.length < requests && pairs.size < (n * (n - 1)) / 2) {
    const a = draw();
    const b = Math.floor(rand() * n);
    const key = a < b ? `${a}|${b}` : `${b}|${a}`;
    if (a === b || pairs.has(key)) continue;
    pairs.add(key);
    rows.push(`${people[b]},${people[a]},${1 + Math.floor(rand() * 3)},已接受`);
  }
  await upload(
    base,
    admin,
    `${conf}/requests/import`,
    'requests.csv',
    ['发起单位,对方单位,优先级,状态', ...rows].join('\n'),
  );
  return conf;
}

export interface RunResult {
  scheduled: number;
  requested: number;
  gap: number;
  method: string;
  timeMs: number;
}

export const runSchedule = (base: string, admin: Session, conf: string, seconds: number) =>
  call<RunResult>(base, admin, 'POST', `${conf}/schedule/run`, { method: 'exact', timeLimitSeconds: seconds });

/** A CSV of `n` new enterprises with valid, distinct credit codes (as in the import tests). */
export function importCsv(n: number): string {
  const lines = ['统一社会信用代码,企业名称,行业代码,企业规模,主要产品'];
  for (let i = 0; i < n; i++)
    lines.push(`${makeCreditCode('420115')},负载导入企业${i}有限公司,3976,小型,光模块、光器件`);
  return lines.join('\n');
}

export const uploadImport = (base: string, admin: Session, csv: string) =>
  upload<{ id: number; status: string }>(base, admin, '/imports', 'load.csv', csv, { kind: 'enterprises' });

export const commitImport = (base: string, admin: Session, id: number) =>
  call<{ status: string }>(base, admin, 'POST', `/imports/${id}/commit`, {});
