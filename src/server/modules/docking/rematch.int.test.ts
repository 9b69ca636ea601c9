/**
 * The whole book re-matched as a job (progress; decisions kept; a confirmed pair never stored as a new
 * match; a second run finds nothing new), and 本地配套率 month by month on the dashboard (the demo's
 * 江丰 → 京东方 deal of 2026-09 moves the 'oe' series from that month on, in the city and its district).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, type TestDb } from '../../../../test/helpers/db.js';
import { type DemoApp, demoApp } from '../../../../test/helpers/demo.js';
import type { TDashboard } from '../../../contracts/docking.js';
import type { TJob } from '../../../contracts/jobs.js';
import { createApiToken } from '../auth/sessions.js';
import { amountAt, monthsBetween } from './rate-months.js';
import { rematchBook } from './rematch.js';

describe.each(ENGINES)('[$name] docking re-match job and monthly local supporting rate', (engine) => {
  let t: TestDb;
  let d: DemoApp;
  const tokens = new Map<string, string>();
  const call = (user: string, method: 'GET' | 'POST', url: string, async = false, payload: unknown = {}) =>
    d.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${tokens.get(user)}`, ...(async ? { prefer: 'respond-async' } : {}) },
      ...(method === 'POST' ? { payload: payload as never } : {}),
    });
  const matchCount = async () =>
    Number((await t.db.query<{ n: number }>('select count(*)::int as n from docking_matches'))[0]!.n);

  beforeAll(async () => {
    t = await engine.create();
    d = await demoApp(t);
    for (const u of await t.db.query<{ id: number; username: string }>(
      `select id, username from users where username like 'demo-%'`,
    ))
      tokens.set(u.username, (await createApiToken(t.db, u.id, 'test', false)).token);
  }, 900_000);
  afterAll(async () => {
    await d?.app.close();
    await t?.drop();
  });

  it('re-matches the book as a job with progress; decisions stay, confirmed pairs are not new, a rerun adds nothing', async () => {
    // a confirmed pair (the demo's contact) on a fresh demand whose match row is taken away
    const [pair] = await t.db.query<{ customer_id: number; supplier_id: number; demand_id: number }>(
      `select m.customer_id, m.supplier_id, m.demand_id from docking_matches m
         join docking_contacts c on c.match_id = m.id order by m.id limit 1`,
    );
    const [orig] = await t.db.query<Record<string, unknown>>(
      `select kind, category, title, spec, node_id, visibility from docking_postings where id = $1`,
      [pair!.demand_id],
    );
    const posted = await d.as(d.users.city_admin, 'POST', '/api/v1/docking/postings', {
      kind: 'demand',
      category: orig!.category,
      enterpriseId: pair!.customer_id,
      title: orig!.title,
      spec: orig!.spec,
      nodeId: orig!.node_id,
      validUntil: '2099-12-31',
      visibility: orig!.visibility,
    });
    expect(posted.status, posted.text).toBe(201);
    const fresh = (posted.body as { posting: { id: number } }).posting.id;
    await t.db.query('delete from docking_matches where demand_id = $1 and supplier_id = $2', [
      fresh,
      pair!.supplier_id,
    ]);
    // a decision that must survive
    const [decided] = await t.db.query<{ id: number }>(
      `update docking_matches set customer_decision = 'interested'
        where id = (select id from docking_matches where customer_decision is null and supplier_decision is null
                     order by id limit 1) returning id`,
    );
    // not for the public viewer, nor the analyst (read-only)
    expect((await call('demo-viewer', 'POST', '/api/v1/docking/rematch')).statusCode).toBe(403);
    expect((await call(d.users.city_analyst, 'POST', '/api/v1/docking/rematch')).statusCode).toBe(403);
    // the right is checked before the input: a bad body from them is still 403, from the bureau a 4xx naming it
    const bad = { rounds: 'all' };
    expect((await call('demo-viewer', 'POST', '/api/v1/docking/rematch', false, bad)).statusCode).toBe(403);
    expect((await call(d.users.city_analyst, 'POST', '/api/v1/docking/rematch', false, bad)).statusCode).toBe(403);
    const refused = await call('demo-admin', 'POST', '/api/v1/docking/rematch', false, bad);
    expect(refused.statusCode, refused.body).toBeGreaterThanOrEqual(400);
    expect(refused.statusCode).toBeLessThan(500);
    expect(refused.body).toMatch(/rounds/);

    const started = await call('demo-admin', 'POST', '/api/v1/docking/rematch', true);
    expect(started.statusCode, started.body).toBe(202);
    let job = started.json() as TJob;
    for (let i = 0; i < 600 && job.state !== 'completed' && job.state !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 200));
      job = (await call('demo-admin', 'GET', `/api/v1/jobs/${job.id}`)).json() as TJob;
    }
    expect(job.state, JSON.stringify(job.error)).toBe('completed');
    const result = job.result as { postings: number; newMatches: number; refreshed: number };
    expect(result.postings).toBeGreaterThanOrEqual(10);
    expect(job.progress).toMatchObject({ done: result.postings, total: result.postings, phase: 'match' });
    expect(result.refreshed).toBeGreaterThan(0);
    const again = await t.db.query('select 1 from docking_matches where demand_id = $1 and supplier_id = $2', [
      fresh,
      pair!.supplier_id,
    ]);
    expect(again.length, 'a confirmed pair is never stored again as a new match').toBe(0);
    const [kept] = await t.db.query<{ customer_decision: string | null }>(
      'select customer_decision from docking_matches where id = $1',
      [decided!.id],
    );
    expect(kept!.customer_decision).toBe('interested');
    // the new matches were audited as the administrator's
    const audited = await t.db.query(
      `select 1 from change_log where entity = 'docking_matches' and new_values->>'via' = 'rematch'`,
    );
    expect(audited.length).toBe(result.newMatches);
    // a rerun (waiting for the result) finds nothing new
    const before = await matchCount();
    const rerun = await call('demo-admin', 'POST', '/api/v1/docking/rematch');
    expect(rerun.statusCode, rerun.body).toBe(200);
    expect(rerun.json()).toMatchObject({ newMatches: 0 });
    expect(await matchCount()).toBe(before);
  }, 600_000);

  it('shows 本地配套率 month by month by chain and scope, moving in the deal’s month', async () => {
    const r = await d.as(d.users.city_analyst, 'GET', '/api/v1/docking/dashboard');
    expect(r.status).toBe(200);
    const dash = r.body as TDashboard;
    const oe = dash.rateByMonth.find((s) => s.chainCode === 'oe' && s.scope === 'city')!;
    expect(oe).toBeDefined();
    const at = (m: string) => oe.months.find((x) => x.month === m)!;
    expect(at('2026-09').deals).toBe(1);
    expect(at('2026-08').deals).toBe(0);
    expect(at('2026-09').rate!).toBeGreaterThan(at('2026-08').rate!);
    // the last month is the dashboard's own 'now' (by chain), the month before the deal its 'before'
    const byChain = dash.byChain.find((c) => c.chainCode === 'oe')!;
    expect(oe.months.at(-1)!.rate).toBeCloseTo(byChain.rateNow!, 4);
    expect(at('2026-08').rate).toBeCloseTo(byChain.rateBefore!, 4);
    // a district series of the leader's district moves alike
    const district = dash.rateByMonth.find((s) => s.chainCode === 'oe' && /^4201\d\d$/.test(s.scope));
    expect(district?.scopeName).toBeTruthy();
    // a district role sees its zone only
    const z = (await d.as(d.users.district_user, 'GET', '/api/v1/docking/dashboard')).body as TDashboard;
    expect(z.rateByMonth.every((s) => s.scope === 'zone')).toBe(true);
  });

  it('counts a link by its date and a deal’s link by the amount it had that month', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    const link = { amount: 300, as_of: null };
    const created = [{ link_id: 1, month: '2026-05', link_created: true, previous: null }];
    expect(amountAt(link, created, '2026-04')).toBeUndefined();
    expect(amountAt(link, created, '2026-05')).toBe(300);
    const updated = [
      { link_id: 1, month: '2026-03', link_created: false, previous: 100 },
      { link_id: 1, month: '2026-06', link_created: false, previous: 200 },
    ];
    expect(amountAt(link, updated, '2026-02')).toBe(100);
    expect(amountAt(link, updated, '2026-04')).toBe(200);
    expect(amountAt(link, updated, '2026-06')).toBe(300);
    expect(amountAt({ amount: 50, as_of: '2026-07-01' }, [], '2026-06')).toBeUndefined();
    expect(amountAt({ amount: 50, as_of: '2026-07-01' }, [], '2026-07')).toBe(50);
  });

  it.runIf(engine.name === 'postgres')(
    're-matches in worker threads as in-process (each thread its own connection), with progress',
    async () => {
      const day = '2026-12-07';
      const stored = async () =>
        (
          await t.db.query<{ k: string }>(
            // a pair met from both of its postings keeps the ranking of the thread that stored it last
            // (in-process: the later posting's), so its score may come from either side; the rows and
            // their distance tiers do not depend on it
            // their distance tiers do not depend on it. Firm profiles (no posting) are compared apart: their
            // text is segmented in each process with the words of every template version it has loaded
            `select demand_id || ':' || supplier_id || ':' || coalesce(supply_id, 0) || ':' || tier as k
               from docking_matches where supply_id is not null order by 1`,
          )
        ).map((r) => r.k);
      // the reference: every open posting ranked one by one in this process
      await rematchBook(t.db, { via: 'test' }, undefined, { day, oneByOne: true });
      const reference = await stored();
      // the matches nobody acted on are forgotten, so the threaded run stores them again
      await t.db.query(
        `delete from docking_matches m where customer_decision is null and supplier_decision is null
            and not exists (select 1 from docking_contacts c where c.match_id = m.id)
            and not exists (select 1 from docking_deals x where x.match_id = m.id)`,
      );
      const progress: number[] = [];
      const r = await rematchBook(
        t.db,
        { via: 'test' },
        { progress: (p: { done: number }) => progress.push(p.done), signal: new AbortController().signal } as never,
        { day, threads: 2 },
      );
      expect(r.postings).toBeGreaterThan(0);
      expect(r.newMatches).toBeGreaterThan(0);
      expect(await stored()).toEqual(reference);
      const [profiles] = await t.db.query<{ n: number }>(
        'select count(*)::int as n from docking_matches where supply_id is null',
      );
      expect(profiles!.n).toBeGreaterThan(0);
      expect(progress.at(-1)).toBe(r.postings);
      // a rerun in threads moves nothing
      const again = await rematchBook(t.db, { via: 'test' }, undefined, { day, threads: 2 });
      expect(again.newMatches).toBe(0);
      expect(await stored()).toEqual(reference);
    },
    600_000,
  );
});
