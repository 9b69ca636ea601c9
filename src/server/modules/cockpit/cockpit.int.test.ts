import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, type TestDb } from '../../../../test/helpers/db.js';
import { type DemoApp, demoApp } from '../../../../test/helpers/demo.js';
import { FIRM_FIGURES_BEFORE } from '../../../../test/helpers/firm-figures-before.js';
import { freshnessViewBefore, staleFactsBefore } from '../../../../test/helpers/freshness-before.js';
import type { Role } from '../../../contracts/auth.js';
import type { TCockpit, TFreshness, TReport, TTargetProgress, TUpdateRequest } from '../../../contracts/cockpit.js';
import type { TConferenceResults } from '../../../contracts/conference-docking.js';
import { Sql } from '../../lib/sql.js';
import { type FigureScope, figureDefs } from '../../platform/figures.js';
import { devzoneEnterprises, devzoneOf, devzoneParks } from '../../platform/policy/devzones.js';
import { loadActor } from '../auth/actor.js';
import { SUZHOU_CONFERENCE } from '../conferences/seed-demo.js';
import { type FactFilter, freshnessView, LIST_CAP, staleFacts } from './freshness.js';
import { buildReport } from './reports.js';

const ROLES: Role[] = [
  'city_admin',
  'city_analyst',
  'district_user',
  'park_operator',
  'investment_officer',
  'enterprise_user',
  'viewer',
];
// Written out here, not asked from the policy: who sees firms' money figures and who reads projects.
const SEES_MONEY: Role[] = ['city_admin', 'city_analyst'];
const READS_PROJECTS: Role[] = ['city_admin', 'city_analyst', 'district_user', 'park_operator', 'investment_officer'];
const MONEY = ['cockpit.chain_output', 'cockpit.upstairs_output'];
const PROJECTS = ['cockpit.invest_funnel', 'cockpit.invest_signings', 'cockpit.invest_amount'];
// The other modules' figures: aggregates for the city and the zones (evaluation, services, docking
// dashboards); consolidation for every signed-in role but the public viewer.
const CITY_AND_ZONES: Role[] = ['city_admin', 'city_analyst', 'district_user', 'park_operator'];
const MODULE_FIGURES: Record<string, Role[]> = {
  'evaluation.classes': CITY_AND_ZONES,
  'services.sla': CITY_AND_ZONES,
  'docking.deals': CITY_AND_ZONES,
  'docking.local_rate': CITY_AND_ZONES,
  'consolidation.volume': ROLES.filter((r) => r !== 'viewer'),
};
const mayNotSee = (role: Role, key: string) =>
  (MONEY.includes(key) && !SEES_MONEY.includes(role)) ||
  (PROJECTS.includes(key) && !READS_PROJECTS.includes(role)) ||
  (key in MODULE_FIGURES && !MODULE_FIGURES[key]!.includes(role));

describe.each(ENGINES)('[$name] cockpit', (engine) => {
  let t: TestDb;
  let d: DemoApp;
  let parkId: number;
  let userIds: Record<string, number>;

  beforeAll(async () => {
    t = await engine.create();
    d = await demoApp(t);
    const [p] = await t.db.query<{ id: number }>(`select id from parks where code = 'beigang-industrial-park'`);
    parkId = p!.id;
    const us = await t.db.query<{ id: number; role: string }>(
      `select id, role from users where username like 'demo-%'`,
    );
    userIds = Object.fromEntries(us.map((u) => [u.role, u.id]));
  }, 600_000);
  afterAll(async () => {
    await d?.app.close();
    await t?.drop();
  });

  it('shows every figure of a scope with its as-of date and list link', async () => {
    const r = await d.as(d.users.city_admin, 'GET', '/api/v1/cockpit?scope=city');
    expect(r.status).toBe(200);
    const c = r.body as TCockpit;
    const keys = c.figures.map((f) => f.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        'cockpit.parks',
        'cockpit.enterprises',
        'cockpit.chain_local_rate',
        'cockpit.invest_funnel',
        'cockpit.freshness',
      ]),
    );
    const parks = c.figures.find((f) => f.key === 'cockpit.parks')!;
    const [n] = await t.db.query<{ n: number }>('select count(*)::int as n from parks');
    expect(parks.value).toBe(n!.n);
    expect(parks.link).toBe('/parks');
    expect(parks.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(c.targets.length).toBeGreaterThanOrEqual(4);
    expect(c.parks.length).toBeGreaterThan(0);
    const district = await d.as(d.users.city_admin, 'GET', '/api/v1/cockpit?scope=district:420112');
    expect((district.body as TCockpit).figures.find((f) => f.key === 'cockpit.enterprises')!.link).toBe(
      '/enterprises?regionCode=420112',
    );
  });

  it('keeps cached figures only while their tables stand still: a new firm and a new honour count at once', async () => {
    const figure = async (key: string) =>
      ((await d.as(d.users.city_admin, 'GET', '/api/v1/cockpit?scope=district:420112')).body as TCockpit).figures.find(
        (f) => f.key === key,
      )!.value as number;
    const firms = await figure('cockpit.enterprises');
    const giants = await figure('cockpit.little_giants');
    expect(await figure('cockpit.enterprises')).toBe(firms);
    const made = await d.as(d.users.city_admin, 'POST', '/api/v1/enterprises', {
      name: '缓存测试企业（示例）有限公司',
      creditCode: '91420112MA4KCACHEB',
      industryClassCode: '3976',
      regionCode: '420112',
    });
    expect(made.status, made.text).toBe(201);
    expect(await figure('cockpit.enterprises')).toBe(firms + 1);
    await t.db.query(
      `update enterprises set honours = honours || '[{"tierCode": "little_giant", "year": 2025}]'::jsonb where id = $1`,
      [(made.body as { id: number }).id],
    );
    expect(await figure('cockpit.little_giants')).toBe(giants + 1);
  });

  it("shows the other modules' figures — classes, tiers, service levels, docking, consolidation — as the data holds them", async () => {
    const c = (await d.as(d.users.city_admin, 'GET', '/api/v1/cockpit?scope=city')).body as TCockpit;
    const fig = (key: string) => {
      const f = c.figures.find((x) => x.key === key);
      expect(f, key).toBeDefined();
      expect(f!.redacted, key).toBe(false);
      expect(f!.asOf, key).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(f!.link, key).toMatch(/^\//);
      return f!;
    };
    const [run] = await t.db.query<{ id: number }>(
      `select id from evaluation_runs where status = 'completed' and region_code is null order by year desc, created_at desc, id desc limit 1`,
    );
    const classes = await t.db.query<{ class: string; n: number }>(
      `select r.class, count(*)::int as n from evaluation_results r join enterprises e on e.id = r.enterprise_id
        where r.run_id = $1 and (e.region_code like '4201%' or e.id in (select o.enterprise_id from occupancies o
          where o.ended_on is null or o.ended_on >= current_date)) group by r.class`,
      [run!.id],
    );
    const ev = fig('evaluation.classes');
    expect(ev.value).toBeGreaterThan(0);
    for (const p of ev.parts!) expect(p.value, p.key).toBe(classes.find((x) => x.class === p.key)?.n ?? 0);
    expect(ev.value).toBe(classes.filter((x) => x.class !== 'T').reduce((a, x) => a + x.n, 0));
    const tiers = fig('evaluation.tiers');
    expect(tiers.parts!.map((p) => p.key)).toEqual(['innovative_sme', 'specialized_sme', 'little_giant']);
    expect(tiers.parts!.find((p) => p.key === 'little_giant')!.value).toBeGreaterThan(0);
    const sla = fig('services.sla');
    const [tk] = await t.db.query<{ met: number; missed: number }>(
      `select count(*) filter (where first_response_at is not null and (first_response_due is null or first_response_at <= first_response_due))::int as met,
              count(*) filter (where first_response_due is not null and coalesce(first_response_at, now()) > first_response_due)::int as missed
         from service_tickets where status <> 'merged' and created_at >= current_date - 365`,
    );
    expect(tk!.met + tk!.missed).toBeGreaterThan(0);
    expect(sla.value).toBeCloseTo((tk!.met / (tk!.met + tk!.missed)) * 100, 1);
    const [deals] = await t.db.query<{ n: number }>('select count(*)::int as n from docking_deals');
    expect(deals!.n).toBeGreaterThan(0);
    expect(fig('docking.deals').value).toBe(deals!.n);
    const rate = fig('docking.local_rate');
    expect(rate.value).toBeGreaterThan(0);
    expect(rate.value).toBeLessThanOrEqual(100);
    const [vol] = await t.db.query<{ m3: number }>(
      `select coalesce(sum(volume_m3), 0)::float as m3 from consolidation_orders where status in ('booked', 'shipped')`,
    );
    expect(vol!.m3).toBeGreaterThan(0);
    expect(fig('consolidation.volume').value).toBeCloseTo(vol!.m3, 1);
    // A district's figures are within the district: never more than the city's.
    const dist = (await d.as(d.users.city_admin, 'GET', '/api/v1/cockpit?scope=district:420112')).body as TCockpit;
    for (const key of ['evaluation.classes', 'evaluation.tiers', 'docking.deals'])
      expect(dist.figures.find((f) => f.key === key)!.value!, key).toBeLessThanOrEqual(fig(key).value!);
  });

  it('puts sub-parks (分园) on the map with their park, each after its park, at city and park scope', async () => {
    const subs = await t.db.query<{ id: number; parent_id: number }>(
      'select id, parent_id from parks where parent_id is not null order by id',
    );
    // The demo nests them two deep (北港工业园 under 洪山经济开发区, 天辉产业园 under 北港工业园).
    expect(subs.some((s) => subs.some((x) => x.id === s.parent_id))).toBe(true);
    const parent = subs[0]!.parent_id;
    for (const scope of ['city', `park:${parent}`]) {
      const c = (await d.as(d.users.city_admin, 'GET', `/api/v1/cockpit?scope=${scope}`)).body as TCockpit;
      const at = new Map(c.parks.map((p, i) => [p.id, i]));
      for (const s of subs.filter((x) => scope === 'city' || x.parent_id === parent)) {
        expect(c.parks[at.get(s.id)!], `${scope} ${s.id}`).toMatchObject({ id: s.id, parentId: s.parent_id });
        expect(at.get(s.id)!).toBeGreaterThan(at.get(s.parent_id)!);
      }
    }
  });

  it('takes a development zone as a scope: its parks and firms as devzones.json defines them; an unknown zone is a 422', async () => {
    const r = await d.as(d.users.city_admin, 'GET', '/api/v1/cockpit?scope=devzone:donghu');
    expect(r.status, r.text).toBe(200);
    const c = r.body as TCockpit;
    expect(c.scope).toBe('devzone:donghu');
    expect(c.scopeName.zh).toBe('武汉东湖新技术开发区');
    const zone = devzoneOf('donghu')!;
    const q = new Sql();
    const [parks] = await t.db.query<{ n: number }>(
      `select count(*)::int as n from parks where id in ${devzoneParks(zone, q)}`,
      q.params,
    );
    const q2 = new Sql();
    const [firms] = await t.db.query<{ n: number }>(
      `select count(*)::int as n from enterprises where id in ${devzoneEnterprises(zone, q2)}`,
      q2.params,
    );
    expect(parks!.n).toBeGreaterThan(0);
    expect(c.figures.find((f) => f.key === 'cockpit.parks')!.value).toBe(parks!.n);
    const ent = c.figures.find((f) => f.key === 'cockpit.enterprises')!;
    expect(ent.value).toBe(firms!.n);
    expect(ent.link).toBe('/enterprises?devzone=donghu');
    expect(c.parks.length).toBeGreaterThan(0);
    const bad = await d.as(d.users.city_admin, 'GET', '/api/v1/cockpit?scope=devzone:nowhere');
    expect(bad.status).toBe(422);
    const err = (bad.body as { errors: { path: string[]; message: { zh: string; en: string } }[] }).errors[0]!;
    expect(err.path).toEqual(['scope']);
    expect(err.message.zh).toMatch(/开发区/);
    expect(err.message.en).toMatch(/development zone/);
  });

  it('never gives a role a figure it may not see — cockpit, figure parts and targets, every role and scope', async () => {
    const scopes = ['city', 'district:420112', 'devzone:donghu', `park:${parkId}`];
    const admin = (await d.as(d.users.city_admin, 'GET', '/api/v1/cockpit?scope=city')).body as TCockpit;
    // The confidential figures hold something in the demo, so withholding them is a real test.
    expect(admin.figures.find((f) => f.key === 'cockpit.invest_funnel')!.value).toBeGreaterThan(0);
    expect(admin.figures.find((f) => f.key === 'cockpit.upstairs_output')!.value).toBeGreaterThan(0);
    for (const key of Object.keys(MODULE_FIGURES))
      expect(admin.figures.find((f) => f.key === key)!.value, key).toBeGreaterThan(0);
    for (const role of ROLES) {
      for (const scope of scopes) {
        const r = await d.as(d.users[role], 'GET', `/api/v1/cockpit?scope=${scope}`);
        if (r.status === 404) {
          // A park outside the role's zone is hidden, as everywhere.
          expect(['district_user', 'enterprise_user'].includes(role) || scope.startsWith('park')).toBe(true);
          continue;
        }
        expect(r.status, `${role} ${scope}`).toBe(200);
        const c = r.body as TCockpit;
        for (const f of c.figures) {
          if (mayNotSee(role, f.key)) {
            expect(f, `${role} ${scope} ${f.key}`).toMatchObject({ value: null, redacted: true, link: null });
            expect(f.parts).toBeUndefined();
          } else expect(f.redacted, `${role} ${f.key}`).toBe(false);
        }
        for (const tp of c.targets) {
          if (mayNotSee(role, tp.metric))
            expect(tp).toMatchObject({ current: null, forecast: null, trend: [], redacted: true });
        }
      }
      const targets = (await d.as(d.users[role], 'GET', '/api/v1/cockpit/targets')).body as TTargetProgress[];
      const output = targets.find((x) => x.metric === 'cockpit.upstairs_output')!;
      expect(output.redacted).toBe(mayNotSee(role, 'cockpit.upstairs_output'));
    }
  }, 300_000);

  it('prints in a report only what the role may see', async () => {
    const adminActor = await loadActor(t.db, userIds.city_admin!);
    const full = await buildReport(
      t.db,
      { kind: 'district_monthly', scope: 'city', lang: 'zh' },
      adminActor ?? undefined,
      {
        name: 'a',
        at: '2025-01-01T00:00:00Z',
      },
    );
    const figuresOf = (doc: typeof full.doc) =>
      doc.blocks.flatMap((b) => (b.kind === 'figures' ? b.items : [])) as { label: string; value: unknown }[];
    const money = figuresOf(full.doc).find((i) => i.label === '高层厂房在驻企业产值')!;
    expect(typeof money.value).toBe('number');
    for (const role of ROLES) {
      const actor = (await loadActor(t.db, userIds[role]!)) ?? undefined;
      for (const kind of ['district_monthly', 'chain_report'] as const) {
        const b = await buildReport(t.db, { kind, scope: 'city', lang: 'zh' }, actor, {
          name: role,
          at: '2025-01-01T00:00:00Z',
        });
        const item =
          figuresOf(b.doc).find((i) => i.label === '高层厂房在驻企业产值') ??
          figuresOf(b.doc).find((i) => i.label === '产业链本地产值')!;
        if (SEES_MONEY.includes(role)) expect(typeof item.value).toBe('number');
        else {
          expect(item.value, `${role} ${kind}`).toBe('无权查看');
          // Nor in the chain table's output column.
          const table = b.doc.blocks.find(
            (x) => x.kind === 'table' && x.columns.some((c) => c.title.includes('本地产值')),
          );
          if (table?.kind === 'table') for (const row of table.rows) expect(row[4]).toBe('无权查看');
        }
        const funnel = b.doc.blocks.some((x) => x.kind === 'chart');
        if (kind === 'district_monthly') expect(funnel).toBe(READS_PROJECTS.includes(role));
      }
    }
  });

  it("prints an enterprise profile with the firm's yearly figures only for the roles that see them; outside a role's scope, 404", async () => {
    const [firm] = await t.db.query<{ id: number; output: number }>(
      `select m.enterprise_id as id, m.output_wan::float as output from enterprise_metrics m join enterprises e on e.id = m.enterprise_id
        where e.region_code like '4201%' and m.output_wan > 0
          and not exists (select 1 from organisations o where o.enterprise_id = e.id)
        order by m.output_wan desc, m.enterprise_id limit 1`,
    );
    const out = String(firm!.output);
    for (const role of ROLES) {
      const actor = (await loadActor(t.db, userIds[role]!)) ?? undefined;
      const built = await buildReport(t.db, { kind: 'enterprise_profile', enterpriseId: firm!.id, lang: 'zh' }, actor, {
        name: role,
        at: '2025-01-01T00:00:00Z',
      }).catch((e: { status?: number }) => ({ status: e.status }));
      if (!('doc' in built)) {
        // Hidden like every record outside the role's read scope.
        expect(built.status, role).toBe(404);
        expect(['district_user', 'park_operator', 'enterprise_user', 'investment_officer']).toContain(role);
        continue;
      }
      const table = built.doc.blocks.find(
        (x) => x.kind === 'table' && x.columns.some((c) => c.title.includes('工业总产值')),
      );
      expect(table?.kind, role).toBe('table');
      const rows = table?.kind === 'table' ? table.rows : [];
      expect(rows.length, role).toBeGreaterThan(0);
      if (SEES_MONEY.includes(role))
        expect(
          rows.some((r) => r[2] === firm!.output),
          role,
        ).toBe(true);
      else {
        for (const r of rows) expect(r[2], role).toBe('无权查看');
        expect(JSON.stringify(built.doc.blocks), role).not.toContain(out);
      }
      expect(built.doc.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(built.doc.watermark.name).toBe(role);
    }
    // Through the route: no enterprise, a 422 naming it; a job's PDF otherwise.
    const none = await d.as(d.users.city_admin, 'POST', '/api/v1/cockpit/reports', { kind: 'enterprise_profile' });
    expect(none.status).toBe(422);
    expect((none.body as { errors: { path: string[] }[] }).errors[0]!.path).toEqual(['enterpriseId']);
    const ok = await d.as(d.users.city_admin, 'POST', '/api/v1/cockpit/reports', {
      kind: 'enterprise_profile',
      enterpriseId: firm!.id,
    });
    expect(ok.status, ok.text).toBe(200);
    expect((ok.body as TReport).scope).toBe(`enterprise:${firm!.id}`);
    expect((await d.as(d.users.city_admin, 'GET', (ok.body as TReport).url)).text.slice(0, 5)).toBe('%PDF-');
  }, 300_000);

  it("prints an event's results as its conference results tab shows them, and none of them to a role that may not read it", async () => {
    const [ev] = await t.db.query<{ id: number }>('select id from events where name = $1', [SUZHOU_CONFERENCE]);
    const tabOf = (role: Role) => d.as(d.users[role], 'GET', `/api/v1/events/${ev!.id}/conference/results`);
    const admin = (await tabOf('city_admin')).body as TConferenceResults;
    expect(admin.totals.requests).toBeGreaterThan(0);
    const names = admin.gaps.flatMap((g) => g.pairs.flatMap((p) => [p.a, p.b]));
    let readers = 0;
    let others = 0;
    for (const role of ROLES) {
      const actor = (await loadActor(t.db, userIds[role]!)) ?? undefined;
      const built = await buildReport(t.db, { kind: 'event_results', eventId: ev!.id, lang: 'zh' }, actor, {
        name: role,
        at: '2025-01-01T00:00:00Z',
      });
      const figures = built.doc.blocks.find((b) => b.kind === 'figures');
      const values = figures?.kind === 'figures' ? figures.items.map((i) => i.value) : [];
      const tables = built.doc.blocks.flatMap((b) => (b.kind === 'table' ? [b] : []));
      expect(built.scope).toBe(`event:${ev!.id}`);
      expect(built.doc.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(built.doc.watermark.name).toBe(role);
      const tab = await tabOf(role);
      if (tab.status === 200) {
        readers++;
        const r = tab.body as TConferenceResults;
        expect(values.slice(0, 6), role).toEqual([
          r.totals.requests,
          r.totals.meetings,
          r.totals.fromDocking,
          r.totals.fromGaps,
          r.totals.signings,
          r.totals.deals,
        ]);
        expect(values[6], role).toBe(`${r.totals.gapsAddressed} / ${r.totals.gaps}`);
        expect(tables[0]!.rows.length, role).toBe(r.gaps.length);
        expect(tables[1]!.rows.length, role).toBe(r.gaps.reduce((n, g) => n + g.pairs.length, 0));
      } else {
        others++;
        expect(tab.status, role).toBe(403);
        expect(values.length, role).toBe(7);
        for (const v of values) expect(v, role).toBe('无权查看');
        for (const tb of tables) expect(tb.rows, role).toEqual([]);
        const text = JSON.stringify(built.doc.blocks);
        for (const n of names) expect(text, role).not.toContain(n);
      }
      if (role === 'viewer' || role === 'enterprise_user') expect(tab.status, role).toBe(403);
      if (role === 'city_admin' || role === 'city_analyst') expect(tab.status, role).toBe(200);
    }
    expect(readers).toBeGreaterThan(0);
    expect(others).toBeGreaterThan(0);
    const en = await buildReport(t.db, { kind: 'event_results', eventId: ev!.id, lang: 'en' }, undefined, {
      name: 'system',
      at: '2025-01-01T00:00:00Z',
    });
    expect(en.doc.title).toMatch(/^Event results: /);
    // Through the route: no event, a 422 naming it; an unknown one, 404; else a job's PDF, for any role.
    const none = await d.as(d.users.city_admin, 'POST', '/api/v1/cockpit/reports', { kind: 'event_results' });
    expect(none.status).toBe(422);
    expect((none.body as { errors: { path: string[] }[] }).errors[0]!.path).toEqual(['eventId']);
    const unknown = await d.as(d.users.city_admin, 'POST', '/api/v1/cockpit/reports', {
      kind: 'event_results',
      eventId: 999999,
    });
    expect(unknown.status).toBe(404);
    const ok = await d.as(d.users.viewer, 'POST', '/api/v1/cockpit/reports', {
      kind: 'event_results',
      eventId: ev!.id,
    });
    expect(ok.status, ok.text).toBe(200);
    expect((ok.body as TReport).scope).toBe(`event:${ev!.id}`);
    expect((await d.as(d.users.viewer, 'GET', (ok.body as TReport).url)).text.slice(0, 5)).toBe('%PDF-');
  }, 300_000);

  it('dates the demo conference as its source allows: an estimated day, shown as approximate in the figure and the report, its sessions on that day', async () => {
    const [ev] = await t.db.query<{ id: number; on: string; until: string; approx: boolean; synthetic: boolean }>(
      `select id, to_char(started_on, 'YYYY-MM-DD') as on, to_char(ended_on, 'YYYY-MM-DD') as until,
          date_estimated as approx, synthetic from events where name = $1`,
      [SUZHOU_CONFERENCE],
    );
    expect(ev).toMatchObject({ on: '2024-06-18', until: '2024-06-18', approx: true, synthetic: false });
    // The event pages read the mark from the events' list and detail (shown as 约 …（推算）/ c. … (estimated)).
    const list = await d.as(
      d.users.city_admin,
      'GET',
      `/api/v1/invest/events?q=${encodeURIComponent(SUZHOU_CONFERENCE)}`,
    );
    expect(list.status, list.text).toBe(200);
    expect((list.body as { items: { id: number; dateEstimated: boolean }[] }).items).toEqual([
      expect.objectContaining({ id: ev!.id, dateEstimated: true }),
    ]);
    const one = await d.as(d.users.city_admin, 'GET', `/api/v1/invest/events/${ev!.id}`);
    expect((one.body as { event: { dateEstimated: boolean } }).event.dateEstimated).toBe(true);
    const [stated] = await t.db.query<{ id: number }>('select id from events where not date_estimated limit 1');
    const other = await d.as(d.users.city_admin, 'GET', `/api/v1/invest/events/${stated!.id}`);
    expect((other.body as { event: { dateEstimated: boolean } }).event.dateEstimated).toBe(false);
    const c = (await d.as(d.users.city_admin, 'GET', '/api/v1/cockpit?scope=city')).body as TCockpit;
    const part = c.figures
      .find((f) => f.key === 'cockpit.event_signings')!
      .parts?.find((p) => p.key === String(ev!.id));
    expect(part?.label).toEqual({
      zh: `${SUZHOU_CONFERENCE}（约 2024-06-18）`,
      en: `${SUZHOU_CONFERENCE} (c. 2024-06-18)`,
    });
    for (const [lang, text] of [
      ['zh', '日期: 约 2024-06-18（推算）'],
      ['en', 'Date: c. 2024-06-18 (estimated)'],
    ] as const) {
      const built = await buildReport(t.db, { kind: 'event_results', eventId: ev!.id, lang }, undefined, {
        name: 'system',
        at: '2025-01-01T00:00:00Z',
      });
      expect(JSON.stringify(built.doc.blocks)).toContain(text);
    }
    const [set] = await t.db.query<{ sessions: { date: string }[] }>(
      'select sessions from conference_settings where event_id = $1',
      [ev!.id],
    );
    expect(set!.sessions.map((x) => x.date)).toEqual(['2024-06-18', '2024-06-18']);
  });

  it('generates a report as a job and lets only its owner download it', async () => {
    const r = await d.as(d.users.district_user, 'POST', '/api/v1/cockpit/reports', {
      kind: 'park_profile',
      scope: `park:${(await t.db.query<{ id: number }>(`select id from parks where code = 'lingkonggang-edz'`))[0]!.id}`,
    });
    expect(r.status, r.text).toBe(200);
    const rep = r.body as TReport;
    expect(rep.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const file = await d.app.inject({ method: 'GET', url: rep.url, headers: {} });
    expect(file.statusCode).toBe(401);
    const own = await d.as(d.users.district_user, 'GET', rep.url);
    expect(own.status).toBe(200);
    expect(own.text.slice(0, 5)).toBe('%PDF-');
    expect((await d.as(d.users.city_analyst, 'GET', rep.url)).status).toBe(404);
    const [log] = await t.db.query<{ n: number }>(
      `select count(*)::int as n from change_log where entity = 'cockpit_reports' and entity_id = $1`,
      [String(rep.id)],
    );
    expect(log!.n).toBe(1);
    // A park the viewer's zone does not hold: 404 before any job.
    const other = await d.as(d.users.park_operator, 'POST', '/api/v1/cockpit/reports', {
      kind: 'park_profile',
      scope: 'park:999999',
    });
    expect(other.status).toBe(404);
  });

  it('refuses a target on an unknown metric or a period ending before it starts, naming the field in zh and en', async () => {
    const base = {
      metric: 'cockpit.upstairs_area',
      scope: 'city',
      label: '测试目标',
      periodStart: '2025-01-01',
      periodEnd: '2026-12-31',
      value: 10,
      unit: '万m²',
      sourceId: 'seed-000',
    };
    const unknown = await d.as(d.users.city_admin, 'POST', '/api/v1/cockpit/targets', {
      ...base,
      metric: 'nope.metric',
    });
    expect(unknown.status).toBe(422);
    const e1 = (unknown.body as { errors: { path: string[]; code: string; message: { zh: string; en: string } }[] })
      .errors;
    expect(e1[0]).toMatchObject({ path: ['metric'], code: 'cockpit.unknown_metric' });
    expect(e1[0]!.message.zh).toMatch(/未知指标/);
    expect(e1[0]!.message.en).toMatch(/Unknown metric/);
    const order = await d.as(d.users.city_admin, 'POST', '/api/v1/cockpit/targets', {
      ...base,
      periodEnd: '2024-12-31',
    });
    expect(order.status).toBe(422);
    expect((order.body as { errors: { path: string[]; code: string }[] }).errors[0]).toMatchObject({
      path: ['periodEnd'],
      code: 'cockpit.period_order',
    });
    expect((await d.as(d.users.viewer, 'POST', '/api/v1/cockpit/targets', base)).status).toBe(403);
    const ok = await d.as(d.users.city_admin, 'POST', '/api/v1/cockpit/targets', base);
    expect(ok.status).toBe(201);
    const tp = (await d.as(d.users.city_admin, 'GET', `/api/v1/cockpit/targets/${(ok.body as { id: number }).id}`))
      .body as TTargetProgress;
    const [area] = await t.db.query<{ a: number }>(
      `select coalesce(sum(gross_floor_area_m2), 0) as a from buildings where type = 'high_rise_factory'`,
    );
    expect(tp.current).toBeCloseTo(Number(area!.a) / 10_000, 2);
  });

  it('answers the freshness view as the row-by-row view did — counts, owners and the stale list, every filter — and pages the list', async () => {
    const scopes: FigureScope[] = [
      { kind: 'city' },
      { kind: 'district', code: '420111' },
      { kind: 'park', id: parkId },
      { kind: 'devzone', code: 'donghu' },
    ];
    const orgs = await t.db.query<{ id: number }>(
      `select id from organisations where kind = 'park_operator' or enterprise_id is not null order by id limit 3`,
    );
    const [ent] = await t.db.query<{ id: number }>(
      `select o.enterprise_id as id from occupancies o where o.ended_on is null order by o.id limit 1`,
    );
    const actors = await Promise.all(
      (['district_user', 'park_operator', 'enterprise_user'] as const).map(async (r) => loadActor(t.db, userIds[r]!)),
    );
    const filters: FactFilter[] = [];
    for (const scope of scopes) {
      filters.push({ scope });
      for (const a of actors) filters.push({ scope, actor: a ?? undefined });
    }
    for (const o of orgs) filters.push({ scope: { kind: 'city' }, ownerOrgId: o.id });
    filters.push({ scope: { kind: 'city' }, enterpriseId: ent!.id });
    let seen = 0;
    for (const f of filters) {
      const before = await freshnessViewBefore(t.db, f);
      const after = await freshnessView(t.db, f);
      if (f.ownerOrgId === undefined) expect({ ...after, offset: 0 }, JSON.stringify(f)).toEqual(before);
      else {
        // One owner's view: the row-by-row view counted no fact per park (its counts left owners out, so
        // the owner filter matched nothing); the list and the owners were right, and the counts now match them.
        const { parks: _bp, totals: _bt, ...was } = before;
        const { parks: _ap, totals: _at, ...now } = after;
        expect({ ...now, offset: 0 }, JSON.stringify(f)).toEqual(was);
        expect(after.totals.stale).toBe(before.owners.find((o) => o.organisationId === f.ownerOrgId)?.stale ?? 0);
        if (!before.truncated) expect(after.totals.stale).toBe(before.stale.length);
      }
      expect(await staleFacts(t.db, f, 50), JSON.stringify(f)).toEqual(await staleFactsBefore(t.db, f, 50));
      seen += before.stale.length;
    }
    expect(seen).toBeGreaterThan(0);
    // Pages follow each other: the second page starts where the first ended.
    const city = await freshnessView(t.db, { scope: { kind: 'city' } });
    const all = await staleFacts(t.db, { scope: { kind: 'city' } }, 1000);
    expect(city.stale).toEqual(all.slice(0, LIST_CAP));
    const next = (await d.as(d.users.city_admin, 'GET', '/api/v1/cockpit/freshness?scope=city&offset=3'))
      .body as TFreshness;
    expect(next.offset).toBe(3);
    expect(next.stale.slice(0, 5)).toEqual(all.slice(3, 8));
    expect((await d.as(d.users.city_admin, 'GET', '/api/v1/cockpit/freshness?offset=-1')).status).toBe(422);
  });

  it("cuts the city's stale list as the full sort did when undated facts fill the page: contacts, then units, then reports", async () => {
    // The city's page walks each kind oldest first and reads the yearly reports only as far as the page can
    // reach them: none when the cut ends among undated contacts, only the undated ones when it ends among
    // undated units. Undated facts are made here to reach each case, and the dates put back at the end.
    const city: FigureScope = { kind: 'city' };
    const compare = async (what: string) => {
      for (const n of [5, 40, 120]) {
        expect(await staleFacts(t.db, { scope: city }, n), `${what}, ${n}`).toEqual(
          await staleFactsBefore(t.db, { scope: city }, n),
        );
      }
      const v = await freshnessView(t.db, { scope: city });
      const { offset: _, ...was } = await freshnessViewBefore(t.db, { scope: city });
      expect({ ...v, offset: 0 }, what).toEqual({ ...was, offset: 0 });
    };
    const tenants = `(select o.enterprise_id from occupancies o where o.ended_on is null or o.ended_on >= current_date)`;
    const saved = {
      units: await t.db.query<{ id: number; as_of: string | null }>('select id, as_of::text from units'),
      firms: await t.db.query<{ id: number; as_of: string | null }>(
        `select id, as_of::text from enterprises where id in ${tenants}`,
      ),
      metrics: await t.db.query<{ id: number; as_of: string | null }>('select id, as_of::text from enterprise_metrics'),
    };
    try {
      // Undated contacts (every tenant) and some undated units and yearly reports: the cut ends among contacts.
      await t.db.query(`update enterprises set as_of = null where id in ${tenants}`);
      await t.db.query('update units set as_of = null where id % 3 = 0');
      await t.db.query('update enterprise_metrics set as_of = null where id % 4 = 0');
      await compare('undated contacts');
      // Contacts dated long ago, units undated: the cut ends among undated units, after the undated reports.
      await t.db.query(`update enterprises set as_of = '2001-01-01' where id in ${tenants}`);
      await t.db.query('update units set as_of = null');
      await compare('undated units');
      // Everything dated: reports all read.
      await t.db.query(`update units set as_of = '2002-01-01'`);
      await t.db.query(`update enterprise_metrics set as_of = '2000-06-01' where as_of is null`);
      await compare('all dated');
    } finally {
      for (const [table, rows] of [
        ['units', saved.units],
        ['enterprises', saved.firms],
        ['enterprise_metrics', saved.metrics],
      ] as const)
        await t.db.query(
          `update ${table} t set as_of = v.as_of::date from unnest($1::int[], $2::text[]) v(id, as_of) where t.id = v.id`,
          [rows.map((r) => r.id), rows.map((r) => r.as_of)],
        );
    }
  });

  it('asks the owner for just its stale facts; confirming unchanged moves the as-of date, audited; reminders as a job', async () => {
    const orgs = await t.db.query<{ id: number; name: string }>('select id, name from organisations');
    const operatorOrg = orgs.find((o) => o.name.startsWith('北港工业园运营公司'))!;
    const nobody = orgs.find((o) => o.name.startsWith('武汉市投资促进中心'))!;
    const none = await d.as(d.users.city_admin, 'POST', '/api/v1/cockpit/update-requests', {
      toOrganisationId: nobody.id,
      scope: 'city',
    });
    expect(none.status).toBe(422);
    expect((none.body as { errors: { path: string[]; code: string }[] }).errors[0]).toMatchObject({
      path: ['toOrganisationId'],
      code: 'cockpit.owns_nothing',
    });
    const fresh = (await d.as(d.users.city_admin, 'GET', `/api/v1/cockpit/freshness?scope=park:${parkId}`))
      .body as TFreshness;
    expect(fresh.totals.stale).toBeGreaterThan(0);
    expect(fresh.parks.length).toBeGreaterThan(0);
    expect(fresh.parks[0]!.score).toBeTypeOf('number');
    const sent = await d.as(d.users.city_admin, 'POST', '/api/v1/cockpit/update-requests', {
      toOrganisationId: operatorOrg.id,
      scope: `park:${parkId}`,
      message: '请确认',
    });
    expect(sent.status, sent.text).toBe(201);
    const req = sent.body as TUpdateRequest;
    expect(req.items.length).toBeGreaterThan(0);
    // Only the operator's kinds of facts: vacancy and occupancy.
    expect(new Set(req.items.map((i) => i.kind))).toEqual(
      new Set(['vacancy', 'occupancy'].filter((k) => req.items.some((i) => i.kind === k))),
    );
    expect(req.items.every((i) => i.kind === 'vacancy' || i.kind === 'occupancy')).toBe(true);
    const inbox = (await d.as(d.users.park_operator, 'GET', '/api/v1/cockpit/update-requests?box=inbox'))
      .body as TUpdateRequest[];
    expect(inbox.map((x) => x.id)).toContain(req.id);
    expect((await d.as(d.users.viewer, 'GET', `/api/v1/cockpit/update-requests/${req.id}`)).status).toBe(404);
    const item = req.items.find((i) => i.kind === 'vacancy') ?? req.items[0]!;
    const table = item.recordTable;
    const [before] = await t.db.query<Record<string, unknown>>(`select * from ${table} where id = $1`, [item.recordId]);
    // Not the owner: refused.
    expect(
      (
        await d.as(d.users.city_admin, 'POST', `/api/v1/cockpit/update-requests/${req.id}/answer`, {
          items: [{ itemId: item.id, answer: 'unchanged' }],
        })
      ).status,
    ).toBe(403);
    const ans = await d.as(d.users.park_operator, 'POST', `/api/v1/cockpit/update-requests/${req.id}/answer`, {
      items: [{ itemId: item.id, answer: 'unchanged' }],
    });
    expect(ans.status, ans.text).toBe(200);
    const [after] = await t.db.query<Record<string, unknown>>(`select * from ${table} where id = $1`, [item.recordId]);
    const today = new Date().toISOString().slice(0, 10);
    expect(String(after!.as_of).slice(0, 10)).toBe(today);
    for (const k of Object.keys(before!)) {
      if (!['as_of', 'version', 'updated_at'].includes(k)) expect(after![k], k).toEqual(before![k]);
    }
    const logs = await t.db.query<{ entity: string; actor: string }>(
      `select entity, actor from change_log where (entity = $1 and entity_id = $2) or (entity = 'cockpit_update_requests' and entity_id = $3) order by id`,
      [table, String(item.recordId), String(req.id)],
    );
    expect(logs.map((l) => l.entity)).toEqual(expect.arrayContaining([table, 'cockpit_update_requests']));
    // An updated answer for a fact nobody updated is refused, with nothing written.
    const other = req.items.find((i) => i.id !== item.id);
    if (other) {
      const bad = await d.as(d.users.park_operator, 'POST', `/api/v1/cockpit/update-requests/${req.id}/answer`, {
        items: [{ itemId: other.id, answer: 'updated' }],
      });
      expect(bad.status).toBe(422);
    }
    // Reminders: an overdue request is reminded once, through the job queue.
    await t.db.query(`update cockpit_update_requests set due_on = current_date - 1 where id = $1`, [req.id]);
    const rem = await d.as(d.users.city_admin, 'POST', '/api/v1/cockpit/update-requests/remind', {});
    expect(rem.status, rem.text).toBe(200);
    expect((rem.body as { reminded: number }).reminded).toBe(other ? 1 : 0);
  });
  it("sums the chains' local output from each firm's latest known output; a chain whose firms' output is unknown is unknown, not 0", async () => {
    const chainOutput = async () =>
      ((await d.as(d.users.city_admin, 'GET', '/api/v1/cockpit?scope=city')).body as TCockpit).figures.find(
        (f) => f.key === 'cockpit.chain_output',
      )!;
    // A city firm of the electronic-information chain with no figures at all: its chain's output was 0.
    const [firm] = await t.db.query<{ id: number }>(
      `select m.enterprise_id as id from chain_mappings m join enterprises e on e.id = m.enterprise_id
        where m.status = 'confirmed' and m.node_id like 'ei.%' and e.region_code like '4201%'
          and not exists (select 1 from enterprise_metrics x where x.enterprise_id = e.id) order by 1 limit 1`,
    );
    expect(firm).toBeDefined();
    const before = await chainOutput();
    const known = await t.db.query<{ n: number }>(
      `select count(*)::int as n from chain_mappings m join enterprise_metrics x on x.enterprise_id = m.enterprise_id
        where m.node_id like 'ei.%' and x.output_wan is not null`,
    );
    if (known[0]!.n === 0) expect(before.parts!.find((p) => p.key === 'ei')!.value).toBeNull();
    // Its latest year gives only revenue; the year before, an output of 5,000 万元 (0.5 亿元).
    await t.db.query(
      `insert into enterprise_metrics (enterprise_id, year, output_wan, revenue_wan, source_id, as_of, synthetic)
       values ($1, 2024, 5000, 5200, 'synthetic', '2025-03-31', true), ($1, 2025, null, 6000, 'synthetic', '2026-03-31', true)`,
      [firm!.id],
    );
    const after = await chainOutput();
    const ei = (f: typeof after) => f.parts!.find((p) => p.key === 'ei')!.value ?? 0;
    expect(ei(after)).toBeCloseTo(ei(before) + 0.5, 2);
    expect(after.value!).toBeGreaterThan(0);
    expect(after.value!).toBeCloseTo((before.value ?? 0) + 0.5, 2);
  });
  it('closes a request: the sender closes or withdraws it, the answer to its last fact answers it; states listed and filtered; audited; no reminders after', async () => {
    const [org] = await t.db.query<{ id: number }>(
      `select id from organisations where name like '北港工业园运营公司%' limit 1`,
    );
    const send = async () => {
      const r = await d.as(d.users.city_admin, 'POST', '/api/v1/cockpit/update-requests', {
        toOrganisationId: org!.id,
        scope: `park:${parkId}`,
      });
      expect(r.status, r.text).toBe(201);
      return r.body as TUpdateRequest;
    };
    const remind = async (id: number) => {
      await t.db.query(`update cockpit_update_requests set due_on = current_date - 1 where id = $1`, [id]);
      const r = await d.as(d.users.city_admin, 'POST', '/api/v1/cockpit/update-requests/remind', { requestId: id });
      expect(r.status, r.text).toBe(200);
      return (r.body as { reminded: number }).reminded;
    };
    // The sender withdraws it; the owner may not close what it was asked.
    const a = await send();
    const url = `/api/v1/cockpit/update-requests/${a.id}/close`;
    expect((await d.as(d.users.park_operator, 'POST', url, { as: 'closed' })).status).toBe(403);
    // A viewer can close no request at all: the route's right refuses it before its input, for any id.
    expect((await d.as(d.users.viewer, 'POST', url, {})).status).toBe(403);
    const bad = await d.as(d.users.city_admin, 'POST', url, { as: 'maybe' });
    expect(bad.status).toBe(422);
    expect((bad.body as { errors: { path: string[] }[] }).errors[0]!.path).toEqual(['as']);
    const closed = await d.as(d.users.city_admin, 'POST', url, { as: 'cancelled', note: '已线下核实' });
    expect(closed.status, closed.text).toBe(200);
    expect((closed.body as TUpdateRequest).status).toBe('withdrawn');
    const [log] = await t.db.query<{ new_values: { closedAs: string; status: string } }>(
      `select new_values from change_log where entity = 'cockpit_update_requests' and entity_id = $1 order by id desc limit 1`,
      [String(a.id)],
    );
    expect(log!.new_values).toMatchObject({ status: 'withdrawn', closedAs: 'cancelled' });
    expect((await d.as(d.users.city_admin, 'POST', url, {})).status).toBe(409);
    expect(await remind(a.id)).toBe(0);
    const item = a.items[0]!;
    const late = await d.as(d.users.park_operator, 'POST', `/api/v1/cockpit/update-requests/${a.id}/answer`, {
      items: [{ itemId: item.id, answer: 'unchanged' }],
    });
    expect(late.status).toBe(409);
    // The owner confirms every fact: the request is answered and reminded no more; the sender closes it.
    const b = await send();
    const c = await send();
    const ans = await d.as(d.users.park_operator, 'POST', `/api/v1/cockpit/update-requests/${b.id}/answer`, {
      items: b.items.map((i) => ({ itemId: i.id, answer: 'unchanged' })),
    });
    expect(ans.status, ans.text).toBe(200);
    expect((ans.body as TUpdateRequest).status).toBe('answered');
    expect((ans.body as TUpdateRequest).open).toBe(0);
    expect(await remind(b.id)).toBe(0);
    // An open one is still reminded (the check above can fail).
    expect(await remind(c.id)).toBe(1);
    // Both lists show each request's state and filter by it, for the sender and for the owner.
    const list = async (user: string, box: string, status?: string) =>
      (
        (await d.as(user, 'GET', `/api/v1/cockpit/update-requests?box=${box}${status ? `&status=${status}` : ''}`))
          .body as TUpdateRequest[]
      )
        .filter((x) => [a.id, b.id, c.id].includes(x.id))
        .map((x) => [x.id, x.status]);
    const want = [
      [c.id, 'open'],
      [b.id, 'answered'],
      [a.id, 'withdrawn'],
    ];
    expect(await list(d.users.city_admin, 'outbox')).toEqual(want);
    expect(await list(d.users.park_operator, 'inbox')).toEqual(want);
    for (const [id, st] of want) {
      expect(await list(d.users.city_admin, 'outbox', st as string)).toEqual([[id, st]]);
      expect(await list(d.users.park_operator, 'inbox', st as string)).toEqual([[id, st]]);
    }
    const closeB = await d.as(d.users.city_admin, 'POST', `/api/v1/cockpit/update-requests/${b.id}/close`, {});
    expect((closeB.body as TUpdateRequest).status).toBe('closed');
    expect(await list(d.users.park_operator, 'inbox', 'closed')).toEqual([[b.id, 'closed']]);
    const badState = await d.as(d.users.city_admin, 'GET', '/api/v1/cockpit/update-requests?status=gone');
    expect(badState.status).toBe(422);
  }, 300_000);

  // Last in this file: the firms below carry honours the API would refuse (an unknown tier, no tierCode).
  it("keeps each firm's honours as rows (enterprise_honours) on every write of its honours: API, SQL, deletion", async () => {
    // The rows the table must hold: one per grant naming a tier, as the JSON says.
    const mismatches = async () =>
      (
        await t.db.query<{ n: number }>(
          `select count(*)::int as n from (
             (select e.id, h->>'tierCode' as code, h->>'validUntil' as vu
                from enterprises e cross join lateral jsonb_array_elements(e.honours) h where h->>'tierCode' is not null
              except all select enterprise_id, tier_code, valid_until from enterprise_honours)
             union all
             (select enterprise_id, tier_code, valid_until from enterprise_honours
              except all select e.id, h->>'tierCode', h->>'validUntil'
                from enterprises e cross join lateral jsonb_array_elements(e.honours) h where h->>'tierCode' is not null)) x`,
        )
      )[0]!.n;
    const rows = async (id: number) =>
      t.db.query<{ tier_code: string; valid_until: string | null }>(
        'select tier_code, valid_until from enterprise_honours where enterprise_id = $1 order by tier_code, valid_until',
        [id],
      );
    const [seeded] = await t.db.query<{ n: number }>('select count(*)::int as n from enterprise_honours');
    expect(seeded!.n).toBeGreaterThan(0); // the demo's firms, written after the migration
    expect(await mismatches()).toBe(0);
    const made = await d.as(d.users.city_admin, 'POST', '/api/v1/enterprises', {
      name: '荣誉同步测试企业（示例）有限公司',
      creditCode: '91420112MA4KHNRTG2',
      industryClassCode: '3976',
      regionCode: '420112',
      honours: [
        { tierCode: 'little_giant', year: 2025, validUntil: '2028-12-31' },
        { tierCode: 'innovative_sme', year: 2023 },
      ],
    });
    expect(made.status, made.text).toBe(201);
    const id = (made.body as { id: number }).id;
    expect(await rows(id)).toEqual([
      { tier_code: 'innovative_sme', valid_until: null },
      { tier_code: 'little_giant', valid_until: '2028-12-31' },
    ]);
    const patched = await d.as(d.users.city_admin, 'PATCH', `/api/v1/enterprises/${id}`, {
      version: (made.body as { version: number }).version,
      honours: [{ tierCode: 'specialized_sme', year: 2024, validUntil: '2020-01-01' }],
    });
    expect(patched.status, patched.text).toBe(200);
    expect(await rows(id)).toEqual([{ tier_code: 'specialized_sme', valid_until: '2020-01-01' }]);
    // A write of other columns leaves them; a write in SQL keeps them too, as does emptying the list.
    await t.db.query(`update enterprises set description = 'x' where id = $1`, [id]);
    expect(await rows(id)).toEqual([{ tier_code: 'specialized_sme', valid_until: '2020-01-01' }]);
    await t.db.query(
      `update enterprises set honours = honours || '[{"tierCode": "little_giant", "year": 2026}, {"year": 2026}]'::jsonb where id = $1`,
      [id],
    );
    expect(await rows(id)).toEqual([
      { tier_code: 'little_giant', valid_until: null },
      { tier_code: 'specialized_sme', valid_until: '2020-01-01' },
    ]);
    await t.db.query(`update enterprises set honours = '[]' where id = $1`, [id]);
    expect(await rows(id)).toEqual([]);
    await t.db.query(`update enterprises set honours = '[{"tierCode": "gazelle", "year": 2025}]' where id = $1`, [id]);
    expect(await mismatches()).toBe(0);
    await t.db.query('delete from enterprises where id = $1', [id]);
    expect(await rows(id)).toEqual([]);
    expect(await mismatches()).toBe(0);
  });

  it('counts the firms, tier holders and little giants of every scope as the JSON-unnesting queries did', async () => {
    // Firms the scopes tell apart: registered in a district, registered elsewhere and housed in a park
    // (now or no longer), with no region; grants valid, lapsed, open-ended, repeated, of a tier the
    // figures do not count, and of no tier.
    const [away] = await t.db.query<{ code: string }>(
      `select code from regions where level = 'district' and code not like '4201%' order by code limit 1`,
    );
    const [unit] = await t.db.query<{ id: number; park_id: number }>(
      `select u.id, b.park_id from units u join floors f on f.id = u.floor_id join buildings b on b.id = f.building_id
        order by u.id limit 1`,
    );
    const firm = async (region: string | null, honours: unknown[], asOf: string, housed?: 'now' | 'ended') => {
      const [e] = await t.db.query<{ id: number }>(
        `insert into enterprises (name, region_code, honours, source_id, as_of, synthetic)
         values ($1, $2, $3::jsonb, 'seed-000', $4, true) returning id`,
        [`层级比对企业${Math.random().toString(36).slice(2, 8)}（示例）`, region, JSON.stringify(honours), asOf],
      );
      if (housed)
        await t.db.query(
          `insert into occupancies (enterprise_id, unit_id, started_on, ended_on, source_id, as_of, synthetic)
           values ($1, $2, '2020-01-01', $3, 'seed-000', $4, true)`,
          [e!.id, unit!.id, housed === 'ended' ? '2021-01-01' : null, asOf],
        );
    };
    const lg = (y: number, validUntil?: string | null) => ({ tierCode: 'little_giant', year: y, validUntil });
    await firm(
      '420112',
      [lg(2021, '2024-01-01'), lg(2024, '2099-12-31'), { tierCode: 'innovative_sme', year: 2023 }],
      '2099-01-02',
    );
    await firm(
      away!.code,
      [
        { tierCode: 'specialized_sme', year: 2024, validUntil: '2099-01-01' },
        { tierCode: 'high_tech', year: 2024 },
        { tierCode: 'no_such_tier', year: 2024 },
      ],
      '2099-01-03',
      'now',
    );
    await firm(away!.code, [lg(2024)], '2099-01-04', 'ended');
    await firm(null, [lg(2022, '2020-01-01'), { year: 2024 }], '2099-01-05', 'now');
    await firm('420112', [lg(2023), lg(2023)], '2098-06-01');
    const scopes: FigureScope[] = [
      { kind: 'city' },
      { kind: 'district', code: '420112' },
      { kind: 'district', code: '420111' },
      { kind: 'district', code: away!.code },
      { kind: 'devzone', code: 'donghu' },
      { kind: 'park', id: parkId },
      { kind: 'park', id: unit!.park_id },
    ];
    let compared = 0;
    for (const s of scopes)
      for (const [key, before] of Object.entries(FIRM_FIGURES_BEFORE)) {
        const def = figureDefs().find((f) => f.key === key)!;
        const { link: _, ...now } = await def.compute(t.db, s, undefined);
        // Tiers of the same rank came in no set order before: parts are compared by key.
        const byKey = (v: { parts?: { key: string }[] }) => ({
          ...v,
          parts: v.parts && [...v.parts].sort((a, b) => a.key.localeCompare(b.key)),
        });
        expect(byKey(now), `${key} ${JSON.stringify(s)}`).toEqual(byKey((await before(t.db, s)) as typeof now));
        compared++;
      }
    expect(compared).toBe(21);
    // The new firms are counted: the city's little giants include the lapsed-then-renewed and the housed ones.
    const city = await figureDefs()
      .find((f) => f.key === 'cockpit.little_giants')!
      .compute(t.db, { kind: 'city' }, undefined);
    expect(city.asOf).toBe('2099-01-05');
  });
});
