/**
 * Hostile input at the edge: every operation of the OpenAPI document, as an administrator
 * (session cookie + CSRF) and anonymously, with hostile path params, query strings, JSON bodies
 * and multipart bodies without a boundary. Bad input is a 4xx; any 5xx fails, naming the request.
 * PARKLINK_FUZZ_RUNS raises the requests per operation (default 16); the seed is fixed.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.js';
import {
  AdminSession,
  captureErrors,
  describeOutcome,
  EXCLUDED,
  fuzzOperation,
  type Operation,
  operations,
} from './fuzz/openapi.js';
import { seedForFuzz } from './fuzz/seed.js';
import { makeUser } from './helpers/auth.js';
import { ENGINES, type TestDb } from './helpers/db.js';

const RUNS = Number(process.env.PARKLINK_FUZZ_RUNS) || 16;
const SEED = Number(process.env.PARKLINK_FUZZ_SEED) || 20261206;

describe.each(ENGINES)('[$name] hostile input over the OpenAPI document', (engine) => {
  let t: TestDb;
  let app: FastifyInstance;
  let ops: Operation[];

  beforeAll(async () => {
    t = await engine.create();
    app = await buildApp({ db: t.db });
    captureErrors(app);
    const { headers } = await makeUser(t.db, 'city_admin');
    await seedForFuzz(app, headers);
    ops = await operations(app);
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('covers every operation (exclusions named with why)', () => {
    expect(ops.length).toBeGreaterThan(150);
    for (const [k, why] of Object.entries(EXCLUDED)) expect(why, k).not.toBe('');
  });

  it('answers every hostile request with a status below 500', { timeout: 600_000 }, async () => {
    const admin = new AdminSession(t.db);
    const failures: string[] = [];
    let sent = 0;
    for (const op of ops) {
      for (const o of await fuzzOperation(app, op, RUNS, SEED, admin)) {
        sent++;
        if (o.status >= 500) failures.push(describeOutcome(o));
      }
    }
    expect(sent).toBeGreaterThanOrEqual(ops.length * RUNS);
    expect(failures, `${failures.length} of ${sent} requests answered 5xx:\n${failures.join('\n')}`).toEqual([]);
  });
});
