/**
 * The demo goes through the modules' own use cases: investment projects replay their stage history
 * through the stage machine with the history's dates on the timeline, orders go through issue /
 * respond / close, and `seed demo --reset` empties what the demo loaded, module by module.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, type TestDb } from '../../../test/helpers/db.js';
import { clearDemo, isSeeded, seedDemo } from './seed.js';

describe.each(ENGINES)('[$name] the demo through the modules', (engine) => {
  let t: TestDb;
  let counts: Record<string, number>;

  beforeAll(async () => {
    t = await engine.create();
    counts = await seedDemo(t.db);
  }, 240_000);
  afterAll(async () => t?.drop());

  it('loads every module’s records and reports their counts', async () => {
    expect(counts.parks).toBeGreaterThan(40);
    expect(counts.enterprises).toBeGreaterThan(200);
    expect(counts.demoAccounts).toBe(8);
    const [p] = await t.db.query<{ n: number }>('select count(*)::int as n from projects');
    expect(counts.projects).toBe(p?.n);
    expect(counts.conferenceParticipants).toBeGreaterThan(0);
  });

  it('replays a project’s history through the stage machine, with the history’s dates on its timeline', async () => {
    const [sz] = await t.db.query<{ id: number; stage: string; signed_on: string; produced_on: string }>(
      `select id, stage, signed_on, produced_on from projects where code_name = 'SZ-01'`,
    );
    expect(sz).toMatchObject({ stage: 'in_production', signed_on: '2024-05-25', produced_on: '2025-03-21' });
    const steps = await t.db.query<{ kind: string; from_stage: string | null; to_stage: string | null; at: string }>(
      `select kind, from_stage, to_stage, at::text from project_timeline where project_id = $1 and kind in ('created', 'stage')
       order by id`,
      [sz?.id],
    );
    expect(steps.map((s) => [s.kind, s.from_stage, s.to_stage])).toEqual([
      ['created', null, 'lead'],
      ['stage', 'lead', 'signed'],
      ['stage', 'signed', 'started'],
      ['stage', 'started', 'in_production'],
    ]);
    expect(steps.map((s) => s.at.slice(0, 10))).toEqual(['2024-05-25', '2024-05-25', '2024-08-23', '2025-03-21']);
    const [signing] = await t.db.query<{ at: string }>(
      `select at::text from project_timeline where project_id = $1 and kind = 'outcome'`,
      [sz?.id],
    );
    expect(signing?.at.slice(0, 10)).toBe('2024-05-25');
    // Every project's timeline begins with its creation and never runs backwards.
    const bad = await t.db.query(
      `select project_id from (select project_id, kind, at, lag(at) over (partition by project_id order by id) as prev,
         row_number() over (partition by project_id order by id) as n from project_timeline) x
       where (n = 1 and kind <> 'created') or at < prev`,
    );
    expect(bad).toEqual([]);
  });

  it('issues, answers and closes the demo’s 督办 orders through their use cases, overdue ones included', async () => {
    const orders = await t.db.query<{ status: string; overdue: boolean; issued_by: number | null }>(
      `select status, due_on < current_date as overdue, issued_by from supervision_orders order by id`,
    );
    expect(orders.length).toBeGreaterThan(0);
    expect(orders.every((o) => o.issued_by !== null)).toBe(true);
    expect(orders.some((o) => o.status === 'open' && o.overdue)).toBe(true);
    expect(orders.some((o) => o.status === 'closed')).toBe(true);
    const [kinds] = await t.db.query<{ n: number }>(
      `select count(*)::int as n from project_timeline where kind = 'order'`,
    );
    expect(kinds?.n).toBeGreaterThanOrEqual(orders.length);
  });

  it('empties what the demo loaded on reset, keeping reference data', async () => {
    await clearDemo(t.db);
    expect(await isSeeded(t.db)).toBe(false);
    const [left] = await t.db.query<{ projects: number; demo_users: number; regions: number }>(
      `select (select count(*)::int from projects) as projects, (select count(*)::int from users where is_demo) as demo_users,
         (select count(*)::int from regions) as regions`,
    );
    expect(left).toMatchObject({ projects: 0, demo_users: 0 });
    expect(left?.regions).toBeGreaterThan(3000);
  });
});
