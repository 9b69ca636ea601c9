import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { argon2Verify } from 'hash-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, type TestDb } from '../../../../test/helpers/db.js';
import { buildApp } from '../../app.js';
import { hashPassword, verifyPassword } from './passwords.js';

const PASSWORD = 'loop-password-1';
const SIGN_INS = 10;

describe('passwords', () => {
  it('hashes with argon2id and verifies only the right password', async () => {
    const hash = await hashPassword(PASSWORD);
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(PASSWORD, hash)).toBe(true);
    expect(await verifyPassword('another-one', hash)).toBe(false);
    expect(await verifyPassword(PASSWORD, 'not a hash')).toBe(false);
    expect(await hashPassword(PASSWORD)).not.toBe(hash);
  });

  it('checks ten passwords at once while the event loop stays idle', async () => {
    const hash = await hashPassword(PASSWORD);
    // What one check costs on this thread (as every sign-in did before the worker pool).
    const t0 = performance.now();
    expect(await argon2Verify({ password: PASSWORD, hash })).toBe(true);
    const onThisThreadMs = performance.now() - t0;
    // Event loop utilisation counts the time this thread is busy, not the time it waits, so a slow or
    // busy machine stretches both sides alike: on this thread ten checks keep it busy (utilisation ≈ 1).
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const before = performance.eventLoopUtilization();
    const results = await Promise.all(Array.from({ length: SIGN_INS }, () => verifyPassword(PASSWORD, hash)));
    const busy = performance.eventLoopUtilization(before);
    clearInterval(timer);
    expect(results).toEqual(Array(SIGN_INS).fill(true));
    expect(busy.utilization).toBeLessThan(0.25);
    expect(busy.active).toBeLessThan(onThisThreadMs * 2);
    expect(ticks).toBeGreaterThan(SIGN_INS);
  });
});

describe.each(ENGINES)('[$name] sign-ins and the event loop', (engine) => {
  let t: TestDb;
  let app: FastifyInstance;

  beforeAll(async () => {
    t = await engine.create();
    app = await buildApp({ db: t.db });
    const [o] = await t.db.query<{ id: number }>(
      `insert into organisations (name, kind) values ('事件循环测试', 'city_bureau') returning id`,
    );
    const hash = await hashPassword(PASSWORD);
    for (let i = 0; i < SIGN_INS; i++) {
      await t.db.query(
        `insert into users (organisation_id, username, display_name, role, password_hash) values ($1, $2, $2, 'viewer', $3)`,
        [o!.id, `loop-${i}`, hash],
      );
    }
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('answers /api/health all along while ten sign-ins hash', async () => {
    let running = true;
    const health: number[] = [];
    const probe = (async () => {
      while (running) {
        health.push((await app.inject({ method: 'GET', url: '/api/health' })).statusCode);
        await new Promise((ok) => setTimeout(ok, 100));
      }
    })();
    const answers = await Promise.all(
      Array.from({ length: SIGN_INS }, (_, i) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/auth/sign-in',
          payload: { username: `loop-${i}`, password: PASSWORD },
          remoteAddress: `192.0.2.${i + 1}`,
        }),
      ),
    );
    running = false;
    await probe;
    expect(answers.map((a) => a.statusCode)).toEqual(Array(SIGN_INS).fill(200));
    expect(health.length).toBeGreaterThan(2);
    expect(health.every((s) => s === 200)).toBe(true);
  });
});
