/**
 * The platform inbox on the demo city: a user sees and marks only their own notifications, pages and
 * filters them, a read-only token reads but does not mark, a producer's failed transaction leaves no
 * notification, and the producers (docking matches and contacts, the butler's reply, the 免申即享 push)
 * notify the right users — the push exactly once per firm and policy version — with ids and names only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, type TestUser } from '../../../../test/helpers/auth.js';
import { ENGINES, type TestDb } from '../../../../test/helpers/db.js';
import { type DemoApp, demoApp } from '../../../../test/helpers/demo.js';
import { makeEnterprise } from '../../../../test/helpers/factories.js';
import type { TInboxItem, TInboxPage } from '../../../contracts/inbox.js';
import { createApiToken } from '../../modules/auth/sessions.js';
import { notify } from './index.js';

describe.each(ENGINES)('[$name] inbox', (engine) => {
  let t: TestDb;
  let d: DemoApp;
  let firmUserId = 0;
  let viewerId = 0;

  const as = (who: TestUser, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    d.app.inject({
      method,
      url,
      headers: who.headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const inbox = async (username: string, qs = '') =>
    (await d.as(username, 'GET', `/api/v1/inbox${qs}`)).body as TInboxPage;
  const count = async (where = 'true', params: unknown[] = []) =>
    (await t.db.query<{ n: number }>(`select count(*)::int as n from inbox_notifications where ${where}`, params))[0]!
      .n;

  beforeAll(async () => {
    t = await engine.create();
    d = await demoApp(t);
    const ids = await t.db.query<{ id: number; username: string }>(
      `select id, username from users where username in ('demo-enterprise', 'demo-viewer')`,
    );
    firmUserId = ids.find((u) => u.username === 'demo-enterprise')!.id;
    viewerId = ids.find((u) => u.username === 'demo-viewer')!.id;
  }, 600_000); // the demo seed (or its template copy) on a busy machine
  afterAll(async () => {
    await d?.app.close();
    await t?.drop();
  });

  it("tells the demo firm's user of the butler's reply (its own replies tell nobody)", async () => {
    const r = await d.as('demo-enterprise', 'GET', '/api/v1/inbox');
    expect(r.status, r.text).toBe(200);
    const page = r.body as TInboxPage;
    const replies = page.items.filter((i) => i.kind === 'services.reply');
    expect(replies).toHaveLength(1);
    expect(replies[0]!.params).toMatchObject({ ticketTitle: '招聘 5 名生物材料研发人员（示例）' });
    expect(replies[0]!.link).toBe('/services/mine');
    expect(replies[0]!.createdAt.slice(0, 10)).toBe('2026-11-20');
    expect(page.unread).toBeGreaterThanOrEqual(1);
    // The firm's own reply on the same ticket notified no one (the staff are told by their queue).
    expect(await count(`kind = 'services.reply' and user_id <> $1`, [firmUserId])).toBe(0);
  });

  it("shows a user only their own notifications; another user's id is 404 to read and to mark", async () => {
    const [mine] = (await inbox('demo-enterprise')).items;
    expect(mine).toBeDefined();
    expect((await inbox('demo-viewer')).items.map((i) => i.id)).not.toContain(mine!.id);
    const other = await d.as('demo-viewer', 'POST', `/api/v1/inbox/${mine!.id}/read`);
    expect(other.status).toBe(404);
    expect(await count('id = $1 and read_at is null', [mine!.id])).toBe(1);
    expect((await d.as('demo-viewer', 'POST', '/api/v1/inbox/2000000000/read')).status).toBe(404);
    expect((await d.as('demo-viewer', 'POST', '/api/v1/inbox/abc/read')).status).toBe(422);

    const own = await d.as('demo-enterprise', 'POST', `/api/v1/inbox/${mine!.id}/read`);
    expect(own.status, own.text).toBe(200);
    const readAt = (own.body as TInboxItem).readAt;
    expect(readAt).not.toBeNull();
    // Marking again keeps the first reading.
    const again = (await d.as('demo-enterprise', 'POST', `/api/v1/inbox/${mine!.id}/read`)).body as TInboxItem;
    expect(again.readAt).toBe(readAt);
  });

  it('pages newest first, filters unread, counts unread whatever the filter, and marks all read', async () => {
    for (let i = 1; i <= 25; i++)
      await notify(t.db, {
        userIds: [viewerId],
        kind: 'services.reply',
        params: { ticketId: i, ticketTitle: `第 ${i} 条` },
        link: '/services/mine',
      });
    const first = await inbox('demo-viewer', '?limit=10');
    expect(first).toMatchObject({ total: 25, unread: 25, limit: 10, offset: 0 });
    expect(first.items.map((i) => i.params.ticketId)).toEqual([25, 24, 23, 22, 21, 20, 19, 18, 17, 16]);
    const last = await inbox('demo-viewer', '?limit=10&offset=20');
    expect(last.items.map((i) => i.params.ticketId)).toEqual([5, 4, 3, 2, 1]);
    for (const i of first.items.slice(0, 3))
      expect((await d.as('demo-viewer', 'POST', `/api/v1/inbox/${i.id}/read`)).status).toBe(200);
    const unread = await inbox('demo-viewer', '?unread=true&limit=100');
    expect(unread).toMatchObject({ total: 22, unread: 22 });
    expect(unread.items.every((i) => i.readAt === null)).toBe(true);
    expect((await inbox('demo-viewer')).total).toBe(25);
    expect((await d.as('demo-viewer', 'GET', '/api/v1/inbox?limit=0')).status).toBe(422);
    expect((await d.as('demo-viewer', 'GET', '/api/v1/inbox?unread=maybe')).status).toBe(422);
    const unknown = await d.as('demo-viewer', 'GET', '/api/v1/inbox?module=nobody');
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ errors: [{ path: ['querystring', 'module'], code: 'invalid_value' }] });
    expect((await d.as('demo-viewer', 'GET', '/api/v1/inbox?module=docking')).status).toBe(200);

    await notify(t.db, {
      userIds: [firmUserId],
      kind: 'services.reply',
      params: { ticketId: 1, ticketTitle: '别人的' },
    });
    const all = await d.as('demo-viewer', 'POST', '/api/v1/inbox/read-all');
    expect(all.status, all.text).toBe(200);
    expect(all.body).toEqual({ marked: 22 });
    expect(await inbox('demo-viewer')).toMatchObject({ total: 25, unread: 0 });
    // Nobody else's were marked.
    expect(await count('user_id <> $1 and read_at is null', [viewerId])).toBeGreaterThan(0);
  });

  it('lets a read-only API token read the inbox but not mark it', async () => {
    await notify(t.db, { userIds: [viewerId], kind: 'services.reply', params: { ticketId: 99, ticketTitle: 'RO' } });
    const { token } = await createApiToken(t.db, viewerId, 'ro', true);
    const ro = { userId: viewerId, organisationId: 0, headers: { authorization: `Bearer ${token}` } };
    const page = (await as(ro, 'GET', '/api/v1/inbox?unread=true')).json() as TInboxPage;
    expect(page.unread).toBe(1);
    const id = page.items[0]!.id;
    expect((await as(ro, 'POST', `/api/v1/inbox/${id}/read`)).statusCode).toBe(403);
    expect((await as(ro, 'POST', '/api/v1/inbox/read-all')).statusCode).toBe(403);
    expect(await count('user_id = $1 and read_at is null', [viewerId])).toBe(1);
  });

  it("leaves no notification when the producer's transaction fails", async () => {
    const before = await count();
    await expect(
      t.db.tx(async (tx) => {
        await notify(tx, { userIds: [viewerId], kind: 'services.reply', params: { ticketId: 1, ticketTitle: 'x' } });
        throw new Error('the change is refused after notifying');
      }),
    ).rejects.toThrow(/refused/);
    expect(await count()).toBe(before);
    // A real producer (a docking posting that matches) joined to a transaction that then fails.
    const { createPosting } = await import('../../modules/docking/postings.js');
    const { SYSTEM } = await import('../../modules/docking/access.js');
    const [boe] = await t.db.query<{ id: number }>(
      `select enterprise_id as id from docking_postings where title like 'TFT-LCD产线用%' limit 1`,
    );
    await makeUser(t.db, 'enterprise_user', { enterpriseId: boe!.id });
    const firm = await newTargetMaker();
    await expect(
      t.db.tx(async (tx) => {
        const r = await createPosting(tx, SYSTEM, target(firm!.id), { via: 'test' });
        expect(r.newMatches).toBeGreaterThan(0);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow(/rolled back/);
    expect(await count()).toBe(before);
  });

  /**
   * A new local firm that makes sputtering targets. 江丰, the demo's own target maker, already has an open contact
   * with 京东方, and a confirmed pair is never stored as a new match.
   */
  let makers = 0;
  const newTargetMaker = async () => {
    const name = `武汉溅射靶材测试${++makers}号有限公司`;
    const r = await d.as(
      d.users.city_admin,
      'POST',
      '/api/v1/enterprises',
      makeEnterprise({ name, regionCode: '420112', industryClassCode: '3985' }),
    );
    expect(r.status, r.text).toBe(201);
    return { id: (r.body as { id: number }).id, name };
  };

  /** A supply posting that matches 京东方's demo demand for sputtering targets, with figures and contacts. */
  const target = (enterpriseId: number) => ({
    kind: 'supply' as const,
    category: 'product' as const,
    enterpriseId,
    title: '钼靶、铜靶溅射靶材（G6产线）',
    nodeId: 'oe.target',
    quantity: 4321,
    unit: 'pcs' as const,
    priceWan: 8765.43,
    validUntil: '2099-12-31',
    visibility: 'public' as const,
    contactName: '靶材销售赵经理',
    contactPhone: '13912345678',
  });

  it('tells both postings’ firms of a new match, then the first side of an opened contact — no figures', async () => {
    const [boe] = await t.db.query<{ id: number; name: string }>(
      `select e.id, e.name from docking_postings p join enterprises e on e.id = p.enterprise_id
        where p.title like 'TFT-LCD产线用%' limit 1`,
    );
    const customer = await makeUser(t.db, 'enterprise_user', { enterpriseId: boe!.id });
    const firm = await newTargetMaker();
    const supplier = await makeUser(t.db, 'enterprise_user', { enterpriseId: firm!.id });
    const colleague = await makeUser(t.db, 'enterprise_user', { enterpriseId: firm!.id });
    // The supplier's user posts: its colleague hears of the matches, the buyer of the one with it.
    const p = await as(supplier, 'POST', '/api/v1/docking/postings', target(firm!.id));
    expect(p.statusCode, p.body).toBe(201);
    const postingId = p.json().posting.id as number;
    expect(p.json().newMatches).toBeGreaterThan(0);
    const items = async (u: TestUser) => ((await as(u, 'GET', '/api/v1/inbox')).json() as TInboxPage).items;
    expect(await items(supplier)).toEqual([]);
    const summary = (await items(colleague)).find((i) => i.kind === 'docking.new_matches');
    expect(summary).toMatchObject({
      params: { postingId, postingTitle: target(0).title, count: p.json().newMatches },
      link: '/docking',
    });
    const matched = (await items(customer)).find((i) => i.kind === 'docking.matched');
    expect(matched).toMatchObject({ params: { postingTitle: target(0).title, otherName: firm!.name } });
    const matchId = matched!.params.matchId as number;
    expect(matched!.link).toBe(`/docking/matches/${matchId}`);

    // Both interested: the buyer (who answered first) is told the contact is open; the supplier is not.
    expect(
      (await as(customer, 'POST', `/api/v1/docking/matches/${matchId}/decision`, { decision: 'interested' }))
        .statusCode,
    ).toBe(200);
    const opened = await as(supplier, 'POST', `/api/v1/docking/matches/${matchId}/decision`, {
      decision: 'interested',
    });
    expect(opened.json().contactOpened).toBe(true);
    expect((await items(customer)).find((i) => i.kind === 'docking.contact_opened')).toMatchObject({
      params: { matchId, otherName: firm!.name },
      link: `/docking/matches/${matchId}`,
    });
    expect((await items(supplier)).some((i) => i.kind === 'docking.contact_opened')).toBe(false);

    // No figure or contact of the postings in any notification.
    const all = JSON.stringify(await t.db.query('select params from inbox_notifications'));
    for (const secret of ['4321', '8765', '13912345678', '赵经理', '777.77']) expect(all).not.toContain(secret);
  });

  it('pushes a 免申即享 policy to each qualifying firm’s users exactly once per version', async () => {
    const [policy] = await t.db.query<{ id: number }>(`select id from service_policies where auto_grant limit 1`);
    expect(policy).toBeDefined();
    const list = await d.as('demo-admin', 'GET', `/api/v1/services/policies/${policy!.id}/beneficiaries`);
    const firms = (list.body as { items: { enterpriseId: number }[] }).items.map((i) => i.enterpriseId);
    expect(firms.length).toBeGreaterThan(0);
    // Two users of one qualifying firm, one of a firm that does not qualify.
    const u1 = await makeUser(t.db, 'enterprise_user', { enterpriseId: firms[0]! });
    const u2 = await makeUser(t.db, 'enterprise_user', { enterpriseId: firms[0]! });
    const [outsider] = await t.db.query<{ id: number }>('select id from enterprises where id <> all($1) limit 1', [
      firms,
    ]);
    const u3 = await makeUser(t.db, 'enterprise_user', { enterpriseId: outsider!.id });
    const expected = await t.db.query<{ id: number }>(
      `select u.id from users u join organisations o on o.id = u.organisation_id
        where u.role = 'enterprise_user' and not u.disabled and o.enterprise_id = any($1) order by u.id`,
      [firms],
    );
    for (let i = 0; i < 2; i++) {
      const r = await d.as('demo-admin', 'POST', `/api/v1/services/policies/${policy!.id}/push`);
      expect(r.status, r.text).toBe(200);
    }
    const got = await t.db.query<{ user_id: number; n: number }>(
      `select user_id, count(*)::int as n from inbox_notifications
        where kind = 'services.policy' and (params->>'policyId')::int = $1 group by user_id order by user_id`,
      [policy!.id],
    );
    expect(got.map((g) => g.user_id)).toEqual(expected.map((e) => e.id));
    expect(got.every((g) => g.n === 1)).toBe(true);
    for (const u of [u1, u2]) expect(got.map((g) => g.user_id)).toContain(u.userId);
    expect(got.map((g) => g.user_id)).not.toContain(u3.userId);
    // The push is the administrator's: a read-only token may not.
    const [admin] = await t.db.query<{ id: number }>(`select id from users where username = 'demo-admin'`);
    const { token } = await createApiToken(t.db, admin!.id, 'ro', true);
    const ro = { userId: admin!.id, organisationId: 0, headers: { authorization: `Bearer ${token}` } };
    expect((await as(ro, 'POST', `/api/v1/services/policies/${policy!.id}/push`)).statusCode).toBe(403);
  });
});
