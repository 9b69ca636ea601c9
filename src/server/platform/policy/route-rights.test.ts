import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { installRouteRights } from './route-rights.js';

describe('route rights', () => {
  it('refuses to start a write route that declares no right, naming it', async () => {
    const app = Fastify();
    installRouteRights(app);
    expect(() => app.post('/api/v1/things', async () => ({}))).toThrow(/POST \/api\/v1\/things .*config\.right/);
    expect(() => app.put('/api/v1/things', { config: { right: 'services.nosuch' } }, async () => ({}))).toThrow(
      /unknown right "services.nosuch"/,
    );
    app.get('/api/v1/things', async () => ({})); // reads need no declaration
    app.post('/api/v1/sign-in', { config: { right: 'public' } }, async () => ({ ok: true }));
    await app.ready();
    expect((await app.inject({ method: 'POST', url: '/api/v1/sign-in' })).statusCode).toBe(200);
    await app.close();
  });

  it('answers 401 before the body is read when the right needs a caller', async () => {
    const app = Fastify();
    installRouteRights(app);
    let ran = false;
    app.post(
      '/api/v1/mine',
      {
        config: { right: 'self' },
        preValidation: async () => {
          ran = true;
        },
      },
      async () => ({}),
    );
    await app.ready();
    const res = await app.inject({ method: 'POST', url: '/api/v1/mine', payload: { bad: true } });
    expect(res.statusCode).toBe(401);
    expect(ran).toBe(false);
    await app.close();
  });
});
