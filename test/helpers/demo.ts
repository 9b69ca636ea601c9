/** The demo dataset and its demo accounts (demo-admin … demo-viewer), each with an API token. */
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../src/contracts/auth.js';
import { buildApp } from '../../src/server/app.js';
import { createApiToken } from '../../src/server/modules/auth/sessions.js';
import type { TestDb } from './db.js';

export interface DemoResponse {
  status: number;
  body: unknown;
  text: string;
}

export interface DemoApp {
  app: FastifyInstance;
  /** Demo user names by role. */
  users: Record<Role, string>;
  as(username: string, method: string, url: string, payload?: unknown): Promise<DemoResponse>;
}

/** The demo city (a copy of the seeded template: `t.db` is replaced) served by the app, as each role. */
export async function demoApp(t: TestDb): Promise<DemoApp> {
  await t.becomeDemo();
  const app = await buildApp({ db: t.db, logger: process.env.DEMO_LOG === '1' });
  const rows = await t.db.query<{ id: number; username: string; role: Role }>(
    `select id, username, role from users where username like 'demo-%' order by id`,
  );
  const tokens = new Map<string, string>();
  const users = {} as Record<Role, string>;
  for (const u of rows) {
    tokens.set(u.username, (await createApiToken(t.db, u.id, 'test', false)).token);
    users[u.role] ??= u.username;
  }
  return {
    app,
    users,
    async as(username, method, url, payload) {
      const r = await app.inject({
        method: method as 'GET',
        url,
        headers: { authorization: `Bearer ${tokens.get(username)}` },
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
      const json = r.headers['content-type']?.toString().includes('json');
      return { status: r.statusCode, text: r.body, body: json && r.body ? r.json() : r.body };
    },
  };
}
