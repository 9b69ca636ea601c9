import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, type TestDb } from '../../../../test/helpers/db.js';
import { type DemoApp, demoApp } from '../../../../test/helpers/demo.js';
import { ROLES } from '../../../contracts/auth.js';
import type { TFirmEvaluation, TLetterPdf } from '../../../contracts/evaluation.js';
import { renderPdf } from '../../platform/pdf/index.js';
import { loadActor } from '../auth/actor.js';
import { remindExpiring } from './honours.js';
import { buildLetterPdf } from './letter-pdf.js';

const B = '/api/v1/evaluation';

describe.each(ENGINES)('[$name] evaluation letters as PDF and scheduled reminders', (engine) => {
  let t: TestDb;
  let d: DemoApp;
  let runId: number;
  let own: number; // the demo enterprise user's firm
  let other: number; // a firm of another district
  const admin = () => d.users.city_admin;

  beforeAll(async () => {
    t = await engine.create();
    d = await demoApp(t);
    const runs = await d.as(admin(), 'GET', `${B}/runs`);
    runId = ((runs.body as { items: { id: number }[] }).items[0] as { id: number }).id;
    const [e] = await t.db.query<{ id: number }>(
      `select o.enterprise_id as id from users u join organisations o on o.id = u.organisation_id
        where u.username = $1`,
      [d.users.enterprise_user],
    );
    own = e!.id;
    const [x] = await t.db.query<{ id: number }>(
      `select enterprise_id as id from evaluation_results where run_id = $1 and enterprise_id <> $2 and class <> 'T'
        order by enterprise_id limit 1`,
      [runId, own],
    );
    other = x!.id;
  }, 900_000);
  afterAll(async () => {
    await d?.app.close();
    await t?.drop();
  });

  it('gives the letter PDF only to roles that see the firm’s figures: 404 outside the scope, 403 inside without them', {
    timeout: 900_000,
  }, async () => {
    const seen: Record<string, number[]> = {};
    for (const role of ROLES) {
      for (const firm of [own, other]) {
        const json = await d.as(d.users[role], 'GET', `${B}/runs/${runId}/firms/${firm}`);
        const pdf = await letterOf(d.users[role], firm);
        seen[role] = [...(seen[role] ?? []), pdf.status];
        if (json.status === 404) expect(pdf.status, `${role} firm ${firm}`).toBe(404);
        else {
          expect(json.status).toBe(200);
          const r = (json.body as { result: TFirmEvaluation }).result;
          if ((r.redacted?.length ?? 0) > 0) {
            expect(pdf.status, `${role} firm ${firm}: ${pdf.text}`).toBe(403);
            expect(pdf.text).not.toMatch(/%PDF/);
          } else {
            expect(pdf.status, `${role} firm ${firm}: ${pdf.text}`).toBe(200);
            const rep = pdf.body as TLetterPdf;
            const file = await d.as(d.users[role], 'GET', rep.url);
            expect(file.status).toBe(200);
            expect(file.text.slice(0, 5)).toBe('%PDF-');
            // Only its owner downloads it.
            const thief = role === 'city_admin' ? d.users.city_analyst : admin();
            expect((await d.as(thief, 'GET', rep.url)).status).toBe(404);
          }
        }
      }
    }
    // The city sees both; the firm itself its own letter only; public-field roles neither.
    expect(seen.city_admin).toEqual([200, 200]);
    expect(seen.city_analyst).toEqual([200, 200]);
    expect(seen.enterprise_user?.[0]).toBe(200);
    expect(seen.enterprise_user?.[1]).not.toBe(200);
    for (const role of ['viewer', 'investment_officer', 'hub_operator'] as const)
      for (const s of seen[role] ?? []) expect([403, 404], role).toContain(s);
    // A made-up firm or run: 404; a letter is audited.
    expect((await d.as(admin(), 'POST', `${B}/runs/${runId}/firms/999999999/letter`, {})).status).toBe(404);
    expect((await d.as(admin(), 'POST', `${B}/runs/999999999/firms/${own}/letter`, {})).status).toBe(404);
    const bad = await d.as(admin(), 'POST', `${B}/runs/${runId}/firms/${own}/letter`, { lang: 'fr' });
    expect(bad.status).toBe(422);
    const [log] = await t.db.query<{ n: number }>(
      `select count(*)::int as n from change_log where entity = 'evaluation_letters'`,
    );
    expect(log!.n).toBeGreaterThan(0);
  });

  it('prints the firm, rule set with citation, score, class, indicators, policies and years; same data, same bytes', {
    timeout: 180_000,
  }, async () => {
    const actor = (await loadActor(t.db, (await userId(d.users.city_admin))!)) ?? undefined;
    const wm = { name: '测试 (demo-admin)', at: '2026-12-07T03:00:00.000Z' };
    const a = await buildLetterPdf(t.db, runId, other, actor, 'zh', wm);
    const json = (await d.as(admin(), 'GET', `${B}/runs/${runId}/firms/${other}`)).body as {
      result: TFirmEvaluation;
      ruleSet: { name: string; version: number; source: { title: string } };
      policies: { zh: string }[] | null;
      history: { year: number }[];
    };
    const text = JSON.stringify(a.doc);
    expect(a.doc.title).toContain(json.result.name);
    expect(text).toContain(`${json.ruleSet.name} v${json.ruleSet.version}`);
    expect(text).toContain(json.ruleSet.source.title);
    expect(text).toContain(`${json.result.class} 类`);
    for (const ind of json.result.indicators ?? []) expect(text).toContain(ind.label.zh);
    for (const p of json.policies ?? []) expect(text).toContain(p.zh);
    for (const h of json.history) expect(text).toContain(String(h.year));
    expect(a.doc.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(a.doc.watermark).toEqual(wm);
    const table = a.doc.blocks.find((b) => b.kind === 'table');
    expect(table?.kind === 'table' && table.rows.length).toBe(json.result.indicators?.length ?? 0);
    // Reproducible: the same data gives the same document and the same bytes.
    const b = await buildLetterPdf(t.db, runId, other, actor, 'zh', wm);
    expect(b.doc).toEqual(a.doc);
    expect((await renderPdf(a.doc)).equals(await renderPdf(b.doc))).toBe(true);
    const en = await buildLetterPdf(t.db, runId, other, actor, 'en', wm);
    expect(JSON.stringify(en.doc)).toContain(`Class ${json.result.class}`);
    // Its own words in English (names and the rule set's citation stay as the sources write them).
    const enText = JSON.stringify(en.doc.blocks.filter((b) => b.kind === 'heading' || b.kind === 'table'));
    for (const zh of ['指标', '基准值', '历年评价', '差别化政策', `${json.result.class} 类`])
      expect(enText).not.toContain(zh);
    expect(enText).toContain('Benchmark');
  });

  it('records each due re-review reminder once per honour and window, under re-runs and two workers at once', {
    timeout: 120_000,
  }, async () => {
    const on = new Date().toISOString().slice(0, 10);
    const soon = new Date(Date.now() + 40 * 86400_000).toISOString().slice(0, 10);
    const [firm] = await t.db.query<{ id: number }>(
      `select id from enterprises where region_code like '4201%' order by id limit 1`,
    );
    await t.db.query(
      `update enterprises set honours = honours || jsonb_build_array(jsonb_build_object(
         'tierCode', 'specialized_sme', 'year', 2023, 'validUntil', $2::text, 'level', 'provincial')) where id = $1`,
      [firm!.id, soon],
    );
    const audit = { via: 'test' };
    const count = async () =>
      (
        await t.db.query<{ n: number; a: number }>(
          `select (select count(*)::int from honour_reminders) as n,
                  (select count(*)::int from change_log where entity = 'honour_reminders') as a`,
        )
      )[0]!;
    const before = await count();
    // Two workers at once, then a re-run: one reminder per honour and window, one audit row each.
    const [x, y] = await Promise.all([
      remindExpiring(t.db, { withinDays: 180, on }, audit),
      remindExpiring(t.db, { withinDays: 180, on }, audit),
    ]);
    const after = await count();
    expect(x.created + y.created).toBe(after.n - before.n);
    expect(after.a - before.a).toBe(after.n - before.n);
    expect(after.n - before.n).toBeGreaterThan(0);
    const again = await remindExpiring(t.db, { withinDays: 180, on }, audit);
    expect(again.created).toBe(0);
    expect((await count()).n).toBe(after.n);
    const mine = [...x.reminders, ...y.reminders].filter((r) => r.enterpriseId === firm!.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ tierCode: 'specialized_sme', validUntil: soon });
    // Due 90 days before the honour expires.
    expect(mine[0]!.dueOn).toBe(new Date(Date.parse(soon) - 90 * 86400_000).toISOString().slice(0, 10));
    // The tier page's list: the honour, its due date, reminded.
    const list = await d.as(admin(), 'GET', `${B}/honours/expiring?withinDays=180`);
    const item = (
      list.body as { items: { enterpriseId: number; tierCode: string; dueOn: string; reminded: boolean }[] }
    ).items.find((h) => h.enterpriseId === firm!.id && h.tierCode === 'specialized_sme');
    expect(item).toMatchObject({ dueOn: mine[0]!.dueOn, reminded: true });
    // A new window (the honour renewed to a later date) is reminded again, once.
    const later = new Date(Date.now() + 100 * 86400_000).toISOString().slice(0, 10);
    await t.db.query(
      `update enterprises set honours = (select jsonb_agg(case when h->>'validUntil' = $2 then jsonb_set(h, '{validUntil}', to_jsonb($3::text)) else h end)
         from jsonb_array_elements(honours) h) where id = $1`,
      [firm!.id, soon, later],
    );
    const next = await remindExpiring(t.db, { withinDays: 180, on }, audit);
    expect(next.reminders.filter((r) => r.enterpriseId === firm!.id)).toHaveLength(1);
    expect((await remindExpiring(t.db, { withinDays: 180, on }, audit)).created).toBe(0);
  });

  it('tells the firm’s users per honour, and each officer responsible (city, district, its park’s operators) one digest per run, when re-reviews fall due, through the job queue', {
    timeout: 300_000,
  }, async () => {
    const soon = new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10);
    await t.db.query(
      `update enterprises set honours = honours || jsonb_build_array(jsonb_build_object(
         'tierCode', 'innovative_sme', 'year', 2024, 'validUntil', $2::text, 'level', 'provincial')) where id = $1`,
      [own, soon],
    );
    const inPark = await operatorFirms();
    const tenant = inPark.find((x) => x !== own)!;
    const [out] = await t.db.query<{ id: number }>(
      `select id from enterprises e where id <> all($1::int[]) and id <> $2 and region_code like '4201%' order by id limit 1`,
      [inPark, own],
    );
    const outside = out!.id;
    expect(tenant).toBeDefined();
    await t.db.query(
      `update enterprises set honours = honours || jsonb_build_array(jsonb_build_object(
         'tierCode', 'innovative_sme', 'year', 2024, 'validUntil', $2::text, 'level', 'provincial')) where id = any($1::int[])`,
      [[tenant, outside], soon],
    );
    const [firm] = await t.db.query<{ name: string; region_code: string }>(
      'select name, region_code from enterprises where id = $1',
      [own],
    );
    const [tier] = await t.db.query<{ name_zh: string; name_en: string }>(
      "select name_zh, name_en from tiers where code = 'innovative_sme'",
    );
    const dueOn = new Date(Date.parse(soon) - 90 * 86400_000).toISOString().slice(0, 10);
    // The scheduled job's way: the remind job through the queue (an administrator's request answers with it).
    const marks = await idMarks();
    const sent = await d.as(admin(), 'POST', `${B}/honours/reminders`, { withinDays: 60 });
    expect([200, 202]).toContain(sent.status);
    const received = async (username: string) => {
      const page = await d.as(username, 'GET', '/api/v1/inbox?module=evaluation&limit=100');
      expect(page.status).toBe(200);
      return (page.body as { items: { kind: string; params: Record<string, unknown>; link: string }[] }).items.filter(
        (n) => n.kind === 'evaluation.review_due' && n.params.enterpriseId === own && n.params.validUntil === soon,
      );
    };
    let mine: Awaited<ReturnType<typeof received>> = [];
    for (let i = 0; i < 120 && mine.length === 0; i++) {
      mine = await received(d.users.enterprise_user);
      if (mine.length === 0) await new Promise((ok) => setTimeout(ok, 1000));
    }
    expect(mine).toEqual([
      {
        ...mine[0],
        link: '/evaluation?tab=tiers',
        params: {
          enterpriseId: own,
          enterpriseName: firm!.name,
          tierName: tier!.name_zh,
          tierNameEn: tier!.name_en,
          validUntil: soon,
          dueOn,
        },
      },
    ]);
    // The firm's own users get a notice per honour; its officers (the city bureau, its district, the operators
    // of its parks) none per honour, but one digest of the run each.
    const got = async (firm: number, validUntil: string) =>
      (
        await t.db.query<{ username: string }>(
          `select u.username from inbox_notifications n join users u on u.id = n.user_id
            where n.kind = 'evaluation.review_due' and (n.params->>'enterpriseId')::int = $1 and n.params->>'validUntil' = $2
            order by u.username`,
          [firm, validUntil],
        )
      ).map((u) => u.username);
    for (const firm of [own, tenant, outside])
      expect(await got(firm, soon)).toEqual(await expectedRecipients(firm, 'firm'));
    expect(await got(own, soon)).toEqual([d.users.enterprise_user]);
    expect(await received(d.users.park_operator)).toEqual([]);
    expect(await received(d.users.city_admin)).toEqual([]);
    const run = await digestsSince(marks, 'evaluation.review_due_digest', 'honour_reminders');
    // The run's three new reminders (own, the tenant, the firm outside the park): the bureau counts the three,
    // the operator its tenant (and own if in its park); the viewer hears nothing.
    expect(run.expected.get(d.users.city_admin)).toMatchObject({ count: 3, honours: 3, validUntil: soon });
    expect(run.expected.get(d.users.park_operator)?.count).toBe(inPark.includes(own) ? 2 : 1);
    expect(run.expected.has(d.users.viewer)).toBe(false);
    expect(run.got).toEqual(run.want('/evaluation?tab=tiers&honours=due&within=60'));
    // The schedule runs again: nobody is told twice, and a run that adds nothing sends no digest.
    const marks2 = await idMarks();
    const again = await remindExpiring(
      t.db,
      { withinDays: 60, on: new Date().toISOString().slice(0, 10) },
      {
        via: 'test',
      },
    );
    expect(again.created).toBe(0);
    expect(await received(d.users.enterprise_user)).toHaveLength(1);
    expect((await digestsSince(marks2, 'evaluation.review_due_digest', 'honour_reminders')).got).toEqual([]);
    // Three more honours due: each firm hears of its own, each officer gets one digest counting its share.
    const later = new Date(Date.now() + 45 * 86400_000).toISOString().slice(0, 10);
    const three = (
      await t.db.query<{ id: number }>(
        `select id from enterprises where region_code like '4201%' and id <> all($1::int[]) order by id limit 3 offset 40`,
        [[own, tenant, outside]],
      )
    ).map((f) => f.id);
    expect(three).toHaveLength(3);
    await t.db.query(
      `update enterprises set honours = honours || jsonb_build_array(jsonb_build_object(
         'tierCode', 'specialized_sme', 'year', 2024, 'validUntil', $2::text, 'level', 'provincial')) where id = any($1::int[])`,
      [three, later],
    );
    const marks3 = await idMarks();
    const more = await remindExpiring(
      t.db,
      { withinDays: 60, on: new Date().toISOString().slice(0, 10) },
      { via: 'test' },
    );
    expect(more.created).toBe(3);
    for (const firm of three) expect(await got(firm, later)).toEqual(await expectedRecipients(firm, 'firm'));
    const run3 = await digestsSince(marks3, 'evaluation.review_due_digest', 'honour_reminders');
    expect(run3.expected.get(d.users.city_admin)).toEqual({ count: 3, honours: 3, validUntil: later });
    expect(run3.got).toEqual(run3.want('/evaluation?tab=tiers&honours=due&within=60'));
    expect(run3.got.filter((g) => g.username === d.users.city_admin)).toHaveLength(1);
  });

  it('tells the firm once per lapsed honour and each officer one digest per run, through the job queue, and lists it as lapsed', {
    timeout: 300_000,
  }, async () => {
    const day = (n: number) => new Date(Date.now() + n * 86400_000).toISOString().slice(0, 10);
    const past = day(-10);
    const inPark = await operatorFirms();
    const tenant = inPark.find((x) => x !== own)!;
    const [r] = await t.db.query<{ id: number }>(
      `select id from enterprises where id <> all($1::int[]) and id <> $2 and region_code like '4201%' order by id desc limit 1`,
      [inPark, own],
    );
    const renewed = r!.id;
    const grant = (firm: number, tier: string, year: number, validUntil: string) =>
      t.db.query(
        `update enterprises set honours = honours || jsonb_build_array(jsonb_build_object(
           'tierCode', $2::text, 'year', $3::int, 'validUntil', $4::text, 'level', 'provincial')) where id = $1`,
        [firm, tier, year, validUntil],
      );
    await grant(own, 'specialized_sme', 2023, past);
    await grant(tenant, 'specialized_sme', 2023, past);
    // Renewed: the 2023 grant expired, the 2026 one runs to 2029 — nothing lapsed.
    await grant(renewed, 'innovative_sme', 2023, past);
    await grant(renewed, 'innovative_sme', 2026, day(3 * 365));
    const lapsedNotes = async (username: string, firm: number) => {
      const page = await d.as(username, 'GET', '/api/v1/inbox?module=evaluation&limit=100');
      expect(page.status).toBe(200);
      return (page.body as { items: { kind: string; params: Record<string, unknown>; link: string }[] }).items.filter(
        (n) => n.kind === 'evaluation.lapsed' && n.params.enterpriseId === firm && n.params.validUntil === past,
      );
    };
    const marks = await idMarks();
    const sent = await d.as(admin(), 'POST', `${B}/honours/reminders`, { withinDays: 60 });
    expect([200, 202]).toContain(sent.status);
    let mine: Awaited<ReturnType<typeof lapsedNotes>> = [];
    for (let i = 0; i < 120 && mine.length === 0; i++) {
      mine = await lapsedNotes(d.users.enterprise_user, own);
      if (mine.length === 0) await new Promise((ok) => setTimeout(ok, 1000));
    }
    const [firm] = await t.db.query<{ name: string }>('select name from enterprises where id = $1', [own]);
    const [tier] = await t.db.query<{ name_zh: string; name_en: string }>(
      "select name_zh, name_en from tiers where code = 'specialized_sme'",
    );
    // Names and the date only: no figure of the firm goes into the inbox.
    expect(mine).toEqual([
      {
        ...mine[0],
        link: '/evaluation?tab=tiers',
        params: {
          enterpriseId: own,
          enterpriseName: firm!.name,
          tierName: tier!.name_zh,
          tierNameEn: tier!.name_en,
          validUntil: past,
        },
      },
    ]);
    const got = async (f: number) =>
      (
        await t.db.query<{ username: string }>(
          `select u.username from inbox_notifications n join users u on u.id = n.user_id
            where n.kind = 'evaluation.lapsed' and (n.params->>'enterpriseId')::int = $1 and n.params->>'validUntil' = $2
            order by u.username`,
          [f, past],
        )
      ).map((u) => u.username);
    // The firm's users hear of their own lapse; the city's staff, its district's users and its park's operators
    // get one digest of the run each, counting the firms of their scope; nobody else.
    expect(await got(own)).toEqual(await expectedRecipients(own, 'firm'));
    expect(await got(tenant)).toEqual(await expectedRecipients(tenant, 'firm'));
    expect(await got(tenant)).not.toContain(d.users.park_operator);
    expect(await lapsedNotes(d.users.viewer, tenant)).toEqual([]);
    const run = await digestsSince(marks, 'evaluation.lapsed_digest', 'honour_lapses');
    expect(run.expected.get(d.users.park_operator)?.count).toBeGreaterThanOrEqual(1);
    expect(run.expected.get(d.users.city_analyst)?.count).toBeGreaterThanOrEqual(2);
    expect(run.expected.has(d.users.viewer)).toBe(false);
    expect(run.got).toEqual(run.want('/evaluation?tab=tiers&honours=lapsed'));
    // A renewed honour does not lapse.
    expect(await got(renewed)).toEqual([]);
    // The tier tab's list shows the lapse (and that it was told); the renewed one as renewed.
    const list = (await d.as(admin(), 'GET', `${B}/honours/expiring?withinDays=60`)).body as {
      items: {
        enterpriseId: number;
        tierCode: string;
        validUntil: string;
        lapsed: boolean;
        renewed: boolean;
        lapseNotified: boolean;
      }[];
    };
    const row = (f: number, code: string) =>
      list.items.find((h) => h.enterpriseId === f && h.tierCode === code && h.validUntil === past);
    expect(row(tenant, 'specialized_sme')).toMatchObject({ lapsed: true, renewed: false, lapseNotified: true });
    expect(row(renewed, 'innovative_sme')).toMatchObject({ lapsed: false, renewed: true, lapseNotified: false });
    const [audit] = await t.db.query<{ n: number }>(
      `select count(*)::int as n from change_log where entity = 'honour_lapses'`,
    );
    expect(audit!.n).toBeGreaterThanOrEqual(2);
    // Re-runs (the queue route again, two workers at once) send nothing twice.
    const count = async () =>
      (
        await t.db.query<{ n: number }>(
          `select count(*)::int as n from inbox_notifications where kind = 'evaluation.lapsed'`,
        )
      )[0]!.n;
    const before = await count();
    const marks2 = await idMarks();
    const again = await d.as(admin(), 'POST', `${B}/honours/reminders`, { withinDays: 60 });
    expect([200, 202]).toContain(again.status);
    const on = new Date().toISOString().slice(0, 10);
    const [x, y] = await Promise.all([
      remindExpiring(t.db, { withinDays: 60, on }, { via: 'test' }),
      remindExpiring(t.db, { withinDays: 60, on }, { via: 'test' }),
    ]);
    expect(x.lapsed + y.lapsed).toBe(0);
    if (again.status === 202) await jobDone(admin(), (again.body as { id: string }).id);
    expect(await count()).toBe(before);
    expect(await lapsedNotes(d.users.enterprise_user, own)).toHaveLength(1);
    expect((await digestsSince(marks2, 'evaluation.lapsed_digest', 'honour_lapses')).got).toEqual([]);
  });

  it('tells on a first run only the lapses of the last 30 days, not a year of old ones; later, the lapses since the previous run', {
    timeout: 300_000,
  }, async () => {
    const day = (n: number) => new Date(Date.now() + n * 86400_000).toISOString().slice(0, 10);
    const on = day(0);
    const firms = await t.db.query<{ id: number }>(
      `select id from enterprises where region_code like '4201%' and id <> $1
          and not honours @> '[{"tierCode": "innovative_sme"}]'::jsonb order by id limit 3 offset 20`,
      [own],
    );
    // Firms without the honour, so no other grant of it counts as a renewal.
    const [oldOne, recent, between] = firms.map((f) => f.id) as [number, number, number];
    expect(between).toBeDefined();
    const grant = (firm: number, validUntil: string) =>
      t.db.query(
        `update enterprises set honours = honours || jsonb_build_array(jsonb_build_object(
           'tierCode', 'innovative_sme', 'year', 2019, 'validUntil', $2::text, 'level', 'provincial')) where id = $1`,
        [firm, validUntil],
      );
    await grant(oldOne, day(-200));
    await grant(recent, day(-5));
    await grant(between, day(-60));
    // As on a database where the job never ran: the demo's honours lapsed over the past year are listed as
    // lapsed, but only those of the last 30 days are announced.
    await t.db.query('delete from honour_remind_runs');
    const listed = (await d.as(admin(), 'GET', `${B}/honours/expiring?withinDays=30&on=${on}`)).body as {
      items: { enterpriseId: number; lapsed: boolean; lapseNotified: boolean; validUntil: string }[];
    };
    const oldUntold = listed.items.filter((h) => h.lapsed && !h.lapseNotified && h.validUntil < day(-30));
    expect(oldUntold.length).toBeGreaterThanOrEqual(2);
    const first = await remindExpiring(t.db, { withinDays: 30, on }, { via: 'test' });
    expect(first.lapsesSince).toBe(day(-30));
    const told = new Set(first.lapses.map((l) => l.enterpriseId));
    expect(told.has(recent)).toBe(true);
    expect(told.has(oldOne) || told.has(between)).toBe(false);
    expect(first.lapses.every((l) => l.validUntil >= day(-30) && l.validUntil < on)).toBe(true);
    // The run is recorded (and audited); a run after a gap of 100 days tells the lapses since then.
    const [runs] = await t.db.query<{ n: number; a: number }>(
      `select (select count(*)::int from honour_remind_runs) as n,
              (select count(*)::int from change_log where entity = 'honour_remind_runs') as a`,
    );
    expect(runs?.n).toBe(1);
    expect(runs?.a).toBeGreaterThanOrEqual(1);
    await t.db.query('delete from honour_remind_runs');
    await t.db.query('insert into honour_remind_runs (on_date, lapses_since) values ($1, $1)', [day(-100)]);
    const later = await remindExpiring(t.db, { withinDays: 30, on }, { via: 'test' });
    expect(later.lapsesSince).toBe(day(-100));
    const told2 = new Set(later.lapses.map((l) => l.enterpriseId));
    expect(told2.has(between)).toBe(true);
    expect(told2.has(oldOne) || told2.has(recent)).toBe(false);
  });

  /** Asks for the letter; a job still running after the route's wait (a loaded machine) is followed to its end. */
  async function letterOf(user: string, firm: number) {
    const r = await d.as(user, 'POST', `${B}/runs/${runId}/firms/${firm}/letter`, { lang: 'zh' });
    if (r.status !== 202) return r;
    const job = r.body as { id: string };
    for (;;) {
      await new Promise((ok) => setTimeout(ok, 1000));
      const j = (await d.as(user, 'GET', `/api/v1/jobs/${job.id}`)).body as { state: string; result: unknown };
      if (j.state === 'completed') return { status: 200, body: j.result, text: JSON.stringify(j.result) };
      if (j.state === 'failed' || j.state === 'cancelled') return { status: 500, body: j, text: JSON.stringify(j) };
    }
  }

  async function jobDone(user: string, id: string) {
    for (let i = 0; i < 300; i++) {
      const j = (await d.as(user, 'GET', `/api/v1/jobs/${id}`)).body as { state: string };
      if (['completed', 'failed', 'cancelled'].includes(j.state)) return j.state;
      await new Promise((ok) => setTimeout(ok, 1000));
    }
    return 'timeout';
  }

  /** Firms occupying a unit today in the demo park operator's parks (sub-parks included). */
  async function operatorFirms(): Promise<number[]> {
    const rows = await t.db.query<{ id: number }>(
      `with recursive op as (
         select x.park_id from organisation_parks x join users u on u.organisation_id = x.organisation_id
          where u.username = $1
         union select p.id from parks p join op on p.parent_id = op.park_id)
       select distinct oc.enterprise_id as id from occupancies oc join units un on un.id = oc.unit_id
         join floors f on f.id = un.floor_id join buildings b on b.id = f.building_id
        where b.park_id in (select park_id from op)
          and (oc.started_on is null or oc.started_on <= current_date) and (oc.ended_on is null or oc.ended_on >= current_date)
        order by 1`,
      [d.users.park_operator],
    );
    return rows.map((r) => r.id);
  }

  /** The last ids of the reminders, lapses and notifications so far (what a run adds comes after). */
  async function idMarks() {
    const [m] = await t.db.query<{ honour_reminders: number; honour_lapses: number; inbox: number }>(
      `select (select coalesce(max(id), 0)::int from honour_reminders) as honour_reminders,
              (select coalesce(max(id), 0)::int from honour_lapses) as honour_lapses,
              (select coalesce(max(id), 0)::int from inbox_notifications) as inbox`,
    );
    return m!;
  }

  /**
   * The officers' digests of `kind` sent since `marks` (got), and what each officer should have been sent
   * (expected: the firms of the reminders or lapses recorded since, whose officers by expectedRecipients
   * include them — the count of firms, of honours, and the latest expiry); `want(link)` as got's shape.
   */
  async function digestsSince(
    marks: Awaited<ReturnType<typeof idMarks>>,
    kind: string,
    table: 'honour_reminders' | 'honour_lapses',
  ) {
    const rows = await t.db.query<{ enterprise_id: number; valid_until: string }>(
      `select enterprise_id, valid_until::text as valid_until from ${table} where id > $1 order by id`,
      [marks[table]],
    );
    const per = new Map<string, { firms: Set<number>; honours: number; validUntil: string }>();
    for (const r of rows)
      for (const u of await expectedRecipients(r.enterprise_id, 'officers')) {
        const x = per.get(u) ?? { firms: new Set<number>(), honours: 0, validUntil: r.valid_until };
        x.firms.add(r.enterprise_id);
        x.honours += 1;
        if (r.valid_until > x.validUntil) x.validUntil = r.valid_until;
        per.set(u, x);
      }
    const expected = new Map(
      [...per].map(([u, x]) => [u, { count: x.firms.size, honours: x.honours, validUntil: x.validUntil }]),
    );
    const got = await t.db.query<{ username: string; params: Record<string, unknown>; link: string }>(
      `select u.username, n.params, n.link from inbox_notifications n join users u on u.id = n.user_id
        where n.kind = $1 and n.id > $2 order by u.username, n.id`,
      [kind, marks.inbox],
    );
    const want = (link: string) =>
      [...expected]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([username, params]) => ({ username, params, link }));
    return { got, expected, want };
  }

  /**
   * Who should hear of a firm's honour: its users ('firm'), and its officers ('officers': the city's staff, its
   * district's users, its park's operators), or both.
   */
  async function expectedRecipients(firm: number, who: 'all' | 'firm' | 'officers' = 'all'): Promise<string[]> {
    const [e] = await t.db.query<{ region_code: string | null }>('select region_code from enterprises where id = $1', [
      firm,
    ]);
    const rows = await t.db.query<{ username: string; role: string }>(
      `select u.username, u.role from users u join organisations o on o.id = u.organisation_id
        where not u.disabled and ((u.role = 'enterprise_user' and o.enterprise_id = $1)
           or u.role in ('city_admin', 'city_analyst')
           or (u.role = 'district_user' and $2 = any(o.region_codes))
           or (u.role = 'park_operator' and u.username = $3 and $4))
        order by u.username`,
      [firm, e!.region_code, d.users.park_operator, (await operatorFirms()).includes(firm)],
    );
    return rows
      .filter((r) => who === 'all' || (who === 'firm') === (r.role === 'enterprise_user'))
      .map((r) => r.username);
  }

  async function userId(username: string) {
    const [u] = await t.db.query<{ id: number }>('select id from users where username = $1', [username]);
    return u?.id;
  }
});
