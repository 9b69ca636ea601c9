import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, type TestDb } from '../../../../test/helpers/db.js';
import { type DemoApp, demoApp } from '../../../../test/helpers/demo.js';
import type { TPolicy, TTicket, TVisit } from '../../../contracts/services.js';

describe.each(ENGINES)('[$name] services demo', (engine) => {
  let t: TestDb;
  let demo: DemoApp;
  beforeAll(async () => {
    t = await engine.create();
    demo = await demoApp(t);
  }, 300_000);
  afterAll(async () => {
    await demo?.app.close();
    await t?.drop();
  });

  it('gives the demo firm its own requests, visits and policies, all invented ones flagged synthetic', async () => {
    const tickets = (await demo.as('demo-enterprise', 'GET', '/api/v1/services/tickets')).body as { items: TTicket[] };
    expect(tickets.items.length).toBe(3);
    expect(tickets.items.every((x) => x.synthetic)).toBe(true);
    expect(tickets.items.find((x) => x.satisfaction === 5)?.status).toBe('closed');
    const visits = (await demo.as('demo-enterprise', 'GET', '/api/v1/services/visits')).body as { items: TVisit[] };
    expect(visits.items).toHaveLength(1);
    expect(visits.items[0]?.notes).toBeNull();
    const policies = (await demo.as('demo-viewer', 'GET', '/api/v1/services/policies')).body as { items: TPolicy[] };
    const real = policies.items.filter((p) => !p.synthetic);
    expect(real.map((p) => p.documentNo)).toEqual(['工信部企业〔2026〕2号']);
    expect(real[0]?.conditions.every((c) => c.citation.length > 0)).toBe(true);
  });

  it('lets the investment agency see the district’s visit to a Dongxihu firm and join it', async () => {
    const all = (await demo.as('demo-officer', 'GET', '/api/v1/services/visits')).body as { items: TVisit[] };
    const held = all.items.find((v) => v.status === 'held' && v.flags.includes('hiring'));
    expect(held?.ticketIds).toHaveLength(2);
  });
});
