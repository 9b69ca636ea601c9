/**
 * Regression tests for two leaks of confidential values nested in explanations and timelines
 * (issue 10): gap-filling reasons stated a firm's output and growth, and a project's timeline
 * showed the investor behind its code name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, type TestDb } from '../../../../test/helpers/db.js';
import { type DemoApp, demoApp } from '../../../../test/helpers/demo.js';
import { fmt } from '../../../domain/chains/reasons.js';

type Json = Record<string, unknown>;
interface Reason {
  code: string;
  zh: string;
  en: string;
  value?: number;
}
interface Group {
  candidates: { enterpriseId: number; reasons: Reason[] }[];
}

describe.each(ENGINES)('[$name] redaction of values nested in reasons and timelines', (engine) => {
  let t: TestDb;
  let d: DemoApp;
  beforeAll(async () => {
    t = await engine.create();
    d = await demoApp(t);
  }, 600_000); // the whole demo dataset: slow on a loaded machine

  afterAll(async () => {
    await d?.app.close();
    await t?.drop();
  });

  const url = '/api/v1/chains/nev/targets?scope=district:420112';
  const reasonsOf = (body: unknown) => (body as Group[]).flatMap((g) => g.candidates.flatMap((c) => c.reasons));

  it('gives gap-filling reasons without firms’ output and growth to those who may not see figures', async () => {
    const admin = await d.as(d.users.city_admin, 'GET', url);
    expect(admin.status).toBe(200);
    const full = reasonsOf(admin.body).filter((r) => r.code === 'output' || r.code === 'growth');
    // the analysis does explain candidates by output and growth: otherwise this test proves nothing
    expect(full.filter((r) => r.code === 'output').length).toBeGreaterThan(10);
    const outputs = full.filter((r) => r.code === 'output').map((r) => fmt(r.value as number));
    for (const role of ['viewer', 'investment_officer', 'enterprise_user', 'park_operator', 'district_user'] as const) {
      const res = await d.as(d.users[role], 'GET', url);
      expect(res.status, role).toBe(200);
      const hidden = reasonsOf(res.body).filter((r) => r.code === 'output' || r.code === 'growth');
      expect(hidden.length, role).toBe(full.length);
      for (const r of hidden) {
        expect(r.value, role).toBeUndefined();
        expect(r.zh, role).not.toMatch(/\d/);
        expect(r.en, role).not.toMatch(/\d/);
      }
      const leaked = outputs.filter((o) => o.includes('.') && res.text.includes(o));
      expect(leaked, role).toEqual([]);
    }
    // those who see figures keep them
    const analyst = reasonsOf((await d.as(d.users.city_analyst, 'GET', url)).body);
    expect(analyst.filter((r) => r.code === 'output' && typeof r.value === 'number').length).toBe(outputs.length);
  });

  it('keeps a project’s investor out of its timeline behind the code name', async () => {
    const [p] = await t.db.query<{ id: number; version: number; investor: number }>(
      `select p.id, p.version, (select id from enterprises order by id desc limit 1) as investor from projects p
        join organisation_parks op on op.park_id = p.park_id join users u on u.organisation_id = op.organisation_id
       where u.username = $1 and p.investor_enterprise_id is null order by p.id limit 1`,
      [d.users.park_operator],
    );
    expect(p).toBeDefined();
    const patched = await d.as(d.users.city_admin, 'PATCH', `/api/v1/projects/${p!.id}`, {
      version: p!.version,
      investorEnterpriseId: p!.investor,
    });
    expect(patched.status).toBe(200);
    const admin = (await d.as(d.users.city_admin, 'GET', `/api/v1/projects/${p!.id}`)).body as {
      timeline: { changes: Json | null }[];
    };
    expect(admin.timeline[0]?.changes?.investorEnterpriseId).toEqual([null, p!.investor]);

    const op = await d.as(d.users.park_operator, 'GET', `/api/v1/projects/${p!.id}`);
    expect(op.status, op.text).toBe(200);
    const body = op.body as { project: Json; timeline: { changes: Json | null }[] };
    expect(body.project.investorEnterpriseId).toBeNull();
    expect(body.timeline[0]?.changes?.investorEnterpriseId).toEqual(['…', '…']);
    expect(op.text).not.toMatch(new RegExp(`\\[null,${p!.investor}\\]`));
  });
});
