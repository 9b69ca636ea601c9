/**
 * Rights before input, over the whole OpenAPI document: a read-only viewer who sends a malformed body to
 * any state-changing operation is answered 401 / 403 / 404 (or 405), never 400 / 422. A caller without
 * the right learns nothing of whether its input would pass, and no route validates for strangers first.
 * Operations a viewer may use (its own session, password, inbox) are listed with why.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.js';
import { type Operation, operations } from './fuzz/openapi.js';
import { makeUser } from './helpers/auth.js';
import { ENGINES, type TestDb } from './helpers/db.js';

/** Operations a public viewer is allowed to call, so validation comes first for it too. */
const VIEWER_MAY: Record<string, string> = {
  'POST /api/v1/auth/sign-in': 'anyone signs in',
  'POST /api/v1/auth/sign-out': 'one’s own session',
  'POST /api/v1/auth/sign-out-everywhere': 'one’s own sessions',
  'POST /api/v1/auth/password': 'one’s own password',
  'POST /api/v1/auth/tokens': 'one’s own API tokens',
  'DELETE /api/v1/auth/tokens/{id}': 'one’s own API tokens',
  'POST /api/v1/inbox/{id}/read': 'one’s own notifications',
  'POST /api/v1/inbox/read-all': 'one’s own notifications',
  'POST /api/v1/cockpit/reports': 'every role makes reports of what it may see',
  'POST /api/v1/space/search': 'site search (智慧选址) is open to every signed-in reader',
};

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function url(op: Operation): string {
  return op.path.replace(/\{[^}]+\}/g, '1');
}

describe.each(ENGINES.slice(0, 1))('[$name] rights are checked before input', (engine) => {
  let t: TestDb;
  let app: FastifyInstance;
  let ops: Operation[];
  let headers: Record<string, string>;

  beforeAll(async () => {
    t = await engine.create();
    app = await buildApp({ db: t.db });
    ({ headers } = await makeUser(t.db, 'viewer'));
    ops = (await operations(app)).filter((o) => WRITES.has(o.method));
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('answers a viewer’s malformed write with 401/403/404/405 on every operation it may not use', async () => {
    expect(ops.length).toBeGreaterThan(60);
    const found: string[] = [];
    for (const op of ops) {
      const key = `${op.method} ${op.path}`;
      if (key in VIEWER_MAY) continue;
      const res = await app.inject({
        method: op.method as 'POST',
        url: url(op),
        headers: { ...headers, 'content-type': 'application/json' },
        payload: '{"__malformed": [1, {"x": null}]}',
      });
      if (![401, 403, 404, 405].includes(res.statusCode))
        found.push(`${key} → ${res.statusCode} ${res.body.slice(0, 120)}`);
    }
    expect(found, `${found.length} operations validated a stranger’s input first:\n${found.join('\n')}`).toEqual([]);
  });

  it('lists only operations that exist', () => {
    const keys = new Set(ops.map((o) => `${o.method} ${o.path}`));
    for (const k of Object.keys(VIEWER_MAY)) expect(keys.has(k), k).toBe(true);
  });
});
