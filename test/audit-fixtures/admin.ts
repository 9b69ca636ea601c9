/** Audit fixtures of the administration (users and organisations): one valid and one refused request each. */
import type { Fixture, State } from '../audit-fixtures.js';

const NONE = 2_000_000_000;

async function made(s: State, url: string, payload: unknown): Promise<number> {
  const res = await s.call({ method: 'POST', url, payload });
  if (res.status >= 300) throw new Error(`setup ${url}: ${res.status} ${res.body}`);
  return res.json().id as number;
}

let seq = 0;
const A = '/api/v1/admin';
const organisation = (s: State) =>
  made(s, `${A}/organisations`, { name: `审计测试单位${++seq}`, kind: 'district', regionCodes: ['420112'] });
async function user(s: State): Promise<{ id: number; version: number }> {
  const id = await made(s, `${A}/users`, {
    username: `audit-user-${++seq}`,
    displayName: '审计测试用户',
    role: 'viewer',
    organisationId: await organisation(s),
  });
  const [u] = await s.db.query<{ version: number }>('select version from users where id = $1', [id]);
  return { id, version: u!.version };
}

export const FIXTURES: Record<string, Fixture> = {
  [`POST ${A}/users`]: {
    ok: async (s) => ({
      method: 'POST',
      url: `${A}/users`,
      payload: {
        username: `audit-new-${++seq}`,
        displayName: '新用户',
        role: 'viewer',
        organisationId: await organisation(s),
      },
    }),
    // the organisation does not exist: refused inside the transaction, before any row
    fail: async () => ({
      method: 'POST',
      url: `${A}/users`,
      payload: { username: `audit-bad-${++seq}`, displayName: '新用户', role: 'viewer', organisationId: NONE },
    }),
  },
  [`PATCH ${A}/users/{id}`]: {
    ok: async (s) => {
      const u = await user(s);
      return { method: 'PATCH', url: `${A}/users/${u.id}`, payload: { version: u.version, displayName: '改名' } };
    },
    fail: async (s) => {
      const u = await user(s);
      return {
        method: 'PATCH',
        url: `${A}/users/${u.id}`,
        payload: { version: u.version + 5, displayName: '改名' },
      };
    },
  },
  [`POST ${A}/organisations`]: {
    ok: async () => ({
      method: 'POST',
      url: `${A}/organisations`,
      payload: { name: `审计新单位${++seq}`, kind: 'park_operator', parkIds: [] },
    }),
    // a park that does not exist: the scope insert fails and takes the organisation with it
    fail: async () => ({
      method: 'POST',
      url: `${A}/organisations`,
      payload: { name: `审计坏单位${++seq}`, kind: 'park_operator', parkIds: [NONE] },
    }),
  },
  [`PUT ${A}/organisations/{id}/scope`]: {
    ok: async (s) => ({
      method: 'PUT',
      url: `${A}/organisations/${await organisation(s)}/scope`,
      payload: { regionCodes: ['420106'], parkIds: [] },
    }),
    fail: async (s) => ({
      method: 'PUT',
      url: `${A}/organisations/${await organisation(s)}/scope`,
      payload: { regionCodes: ['420106'], parkIds: [NONE] },
    }),
  },
};

export const PENDING: Record<string, string> = {
  [`POST ${A}/users/{id}/reset-password`]:
    'by design: a password reset is an authentication event, recorded in auth_events (never its secret in change_log)',
};
