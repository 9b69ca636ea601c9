import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, type TestUser } from '../../../../test/helpers/auth.js';
import { ENGINES, type TestDb } from '../../../../test/helpers/db.js';
import { makeBuilding, makeEnterprise, makePark } from '../../../../test/helpers/factories.js';
import type { TTicket } from '../../../contracts/services.js';
import { sweep } from './sla-jobs.js';
import { actOnTicket, openTicket, postMessage } from './tickets.js';

/** An ISO instant from Beijing local time. */
const bj = (s: string) => new Date(Date.parse(`${s}+08:00`)).toISOString();

describe.each(ENGINES)('[$name] enterprise services', (engine) => {
  let t: TestDb;
  let app: FastifyInstance;
  let admin: TestUser;
  let operator: TestUser;
  let district: TestUser;
  let officer: TestUser;
  let firmA: TestUser;
  let firmB: TestUser;
  let viewer: TestUser;
  let analyst: TestUser;
  let parkId: number;
  let a: number; // a tenant of the park, in 420112
  let b: number; // elsewhere (420102), no park
  /**
   * A change of targets, hours or the calendar queues a recompute of open tickets' due times, run by a worker
   * at the real "now"; it must finish before a test opens tickets at its own clock, or it may move their
   * deadlines mid-test. Such a call returns once no job is left without a result.
   */
  const call = async (u: TestUser, method: string, url: string, payload?: unknown) => {
    const r = await app.inject({ method: method as 'GET', url, payload: payload as never, headers: u.headers });
    if (method !== 'GET' && /\/services\/(sla-policies|hours|calendar|settings)/.test(url)) {
      for (let i = 0; i < 100; i++) {
        const [row] = await t.db.query<{ n: number }>(
          'select count(*)::int as n from jobs where result is null and error is null',
        );
        if (!row?.n) break;
        await new Promise((done) => setTimeout(done, 100));
      }
    }
    return r;
  };

  beforeAll(async () => {
    t = await engine.create();
    const { buildApp } = await import('../../../server/app.js');
    app = await buildApp({ db: t.db });
    await app.ready();
    admin = await makeUser(t.db, 'city_admin');
    const made = async (url: string, body: unknown) => {
      const r = await call(admin, 'POST', url, body);
      expect(r.statusCode, r.body).toBe(201);
      return r.json().id as number;
    };
    parkId = await made('/api/v1/parks', makePark());
    const building = await made('/api/v1/buildings', makeBuilding(parkId));
    const floor = await made('/api/v1/floors', { buildingId: building, floorNo: 1 });
    const unit = await made('/api/v1/units', { floorId: floor, code: 'S1' });
    a = await made('/api/v1/enterprises', makeEnterprise({ regionCode: '420112', foundedOn: '2015-03-01' }));
    b = await made('/api/v1/enterprises', makeEnterprise({ regionCode: '420102', foundedOn: '2024-06-01' }));
    await made('/api/v1/occupancies', { enterpriseId: a, unitId: unit });
    operator = await makeUser(t.db, 'park_operator', { parkIds: [parkId] });
    district = await makeUser(t.db, 'district_user', { regionCodes: ['420112'] });
    officer = await makeUser(t.db, 'investment_officer');
    firmA = await makeUser(t.db, 'enterprise_user', { enterpriseId: a });
    firmB = await makeUser(t.db, 'enterprise_user', { enterpriseId: b });
    viewer = await makeUser(t.db, 'viewer');
    analyst = await makeUser(t.db, 'city_analyst');
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  describe('tickets and roles', () => {
    let ticket: TTicket;

    it('routes a firm’s request to its park’s butler team', async () => {
      const r = await call(firmA, 'POST', '/api/v1/services/tickets', {
        enterpriseId: a,
        categoryCode: 'talent.recruitment',
        title: '招聘30名装配工',
        body: '三月投产，需要招聘装配工',
      });
      expect(r.statusCode, r.body).toBe(201);
      ticket = r.json();
      expect(ticket).toMatchObject({
        level: 'park',
        teamOrganisationId: operator.organisationId,
        parkId,
        channel: 'enterprise',
      });
      expect(ticket.sla.firstResponse.status).toBe('running');
    });

    it('refuses a request for another firm, in Chinese and English', async () => {
      const r = await call(firmA, 'POST', '/api/v1/services/tickets', {
        enterpriseId: b,
        categoryCode: 'talent.recruitment',
        title: '冒名请求',
      });
      expect(r.statusCode).toBe(403);
      const p = r.json();
      expect(p.code).toBe('services.other_firm');
      expect(p.detail).toMatch(/本企业.*\/.*own firm/);
      // A park operator cannot open one for a firm outside its parks either.
      const op = await call(operator, 'POST', '/api/v1/services/tickets', {
        enterpriseId: b,
        categoryCode: 'talent.recruitment',
        title: 'x',
      });
      expect(op.statusCode).toBe(403);
    });

    it('refuses an unknown category naming the field', async () => {
      const r = await call(firmA, 'POST', '/api/v1/services/tickets', {
        enterpriseId: a,
        categoryCode: 'nope',
        title: 'x',
      });
      expect(r.statusCode).toBe(422);
      expect(r.json().errors[0]).toMatchObject({ path: ['categoryCode'], code: 'services.unknown_category' });
    });

    it('never shows a firm another firm’s tickets', async () => {
      expect((await call(firmB, 'GET', '/api/v1/services/tickets')).json().items).toEqual([]);
      expect((await call(firmB, 'GET', `/api/v1/services/tickets/${ticket.id}`)).statusCode).toBe(404);
      expect(
        (await call(firmB, 'POST', `/api/v1/services/tickets/${ticket.id}/messages`, { kind: 'reply', body: 'x' }))
          .statusCode,
      ).toBe(404);
      expect((await call(viewer, 'GET', '/api/v1/services/tickets')).json().items).toEqual([]);
      expect((await call(officer, 'GET', '/api/v1/services/tickets')).json().items).toEqual([]);
      const ids = (r: { json: () => { items: TTicket[] } }) => r.json().items.map((x) => x.id);
      expect(ids(await call(firmA, 'GET', '/api/v1/services/tickets'))).toEqual([ticket.id]);
      expect(ids(await call(operator, 'GET', '/api/v1/services/tickets'))).toContain(ticket.id);
      expect(ids(await call(district, 'GET', '/api/v1/services/tickets'))).toContain(ticket.id);
      expect(ids(await call(analyst, 'GET', '/api/v1/services/tickets'))).toContain(ticket.id);
    });

    it('keeps internal notes from the firm; the butler’s first reply meets the first-response target', async () => {
      const note = await call(operator, 'POST', `/api/v1/services/tickets/${ticket.id}/messages`, {
        kind: 'note',
        body: '内部：联系人才市场',
      });
      expect(note.statusCode, note.body).toBe(200);
      expect(note.json().firstResponseAt).toBeNull();
      const reply = await call(operator, 'POST', `/api/v1/services/tickets/${ticket.id}/messages`, {
        kind: 'reply',
        body: '已对接区人社局，请提供岗位表',
        waitOnEnterprise: true,
      });
      expect(reply.json()).toMatchObject({ status: 'waiting_enterprise' });
      expect(reply.json().sla.firstResponse.status).toBe('met');
      expect(reply.json().sla.resolution.status).toBe('paused');
      const seen = (await call(firmA, 'GET', `/api/v1/services/tickets/${ticket.id}`)).json();
      expect(seen.messages.map((m: { kind: string }) => m.kind)).not.toContain('note');
      expect(JSON.stringify(seen)).not.toContain('内部');
      // A firm cannot write notes, nor a read-only viewer anything.
      expect(
        (await call(firmA, 'POST', `/api/v1/services/tickets/${ticket.id}/messages`, { kind: 'note', body: 'x' }))
          .statusCode,
      ).toBe(403);
      const answer = await call(firmA, 'POST', `/api/v1/services/tickets/${ticket.id}/messages`, {
        kind: 'reply',
        body: '岗位表见附件',
      });
      expect(answer.json().status).toBe('open');
    });

    it('resolves, lets the firm rate and reopen, and merges duplicates of the same firm only', async () => {
      const act = (u: TestUser, id: number, body: unknown) =>
        call(u, 'POST', `/api/v1/services/tickets/${id}/actions`, body);
      expect((await act(firmA, ticket.id, { action: 'resolve' })).statusCode).toBe(403);
      expect((await act(operator, ticket.id, { action: 'resolve', body: '已推荐12人' })).json().status).toBe(
        'resolved',
      );
      expect((await act(operator, ticket.id, { action: 'rate', satisfaction: 5 })).statusCode).toBe(403);
      const rated = await act(firmA, ticket.id, { action: 'rate', satisfaction: 4, comment: '响应及时' });
      expect(rated.json()).toMatchObject({ status: 'closed', satisfaction: 4 });
      expect((await act(firmA, ticket.id, { action: 'reopen', body: '还差5人' })).json()).toMatchObject({
        status: 'open',
        reopenedCount: 1,
      });
      const dup = (
        await call(firmA, 'POST', '/api/v1/services/tickets', {
          enterpriseId: a,
          categoryCode: 'talent.recruitment',
          title: '招聘（重复）',
        })
      ).json();
      const other = (
        await call(admin, 'POST', '/api/v1/services/tickets', {
          enterpriseId: b,
          categoryCode: 'talent.recruitment',
          title: 'B 的请求',
        })
      ).json();
      const bad = await act(operator, dup.id, { action: 'merge', intoTicketId: other.id });
      expect(bad.statusCode).toBe(422);
      const merged = await act(operator, dup.id, { action: 'merge', intoTicketId: ticket.id });
      expect(merged.json()).toMatchObject({ status: 'merged', mergedIntoId: ticket.id });
    });

    it('refuses an SLA with negative or zero time, naming the field', async () => {
      const r = await call(admin, 'POST', '/api/v1/services/sla-policies', {
        categoryCode: 'finance.financing',
        organisationId: null,
        firstResponseMinutes: -5,
        resolutionMinutes: 0,
      });
      expect(r.statusCode).toBe(422);
      const paths = r.json().errors.map((e: { path: string[] }) => e.path.join('.'));
      expect(paths).toEqual(expect.arrayContaining(['firstResponseMinutes', 'resolutionMinutes']));
      expect(
        (
          await call(operator, 'POST', '/api/v1/services/sla-policies', {
            categoryCode: null,
            organisationId: null,
            firstResponseMinutes: 5,
            resolutionMinutes: 10,
          })
        ).statusCode,
      ).toBe(403);
    });
  });

  describe('service levels on China’s calendar', () => {
    it('counts the 调休 Saturday before 春节, waits out the holiday, then escalates to the district agency', async () => {
      const set = await call(admin, 'POST', '/api/v1/services/sla-policies', {
        categoryCode: 'finance.financing',
        organisationId: null,
        firstResponseMinutes: 480,
        resolutionMinutes: 1260,
        warnMinutes: 0,
      });
      expect(set.statusCode, set.body).toBe(200);
      const ctx = { at: bj('2026-02-13T16:00') };
      const id = await openTicket(
        t.db,
        { enterpriseId: a, categoryCode: 'finance.financing', title: '流动资金贷款', body: '', attachments: [] },
        ctx,
      );
      const answered = await openTicket(
        t.db,
        { enterpriseId: a, categoryCode: 'finance.financing', title: '贴息咨询', body: '', attachments: [] },
        ctx,
      );
      await postMessage(
        t.db,
        answered,
        { kind: 'reply', body: '已受理', attachments: [], waitOnEnterprise: false },
        { at: bj('2026-02-14T10:00') },
      );
      const [row] = await t.db.query<{ first_response_due: Date; resolution_due: Date }>(
        'select first_response_due, resolution_due from service_tickets where id = $1',
        [id],
      );
      expect(row?.first_response_due.toISOString()).toBe(bj('2026-02-14T17:00'));
      expect(row?.resolution_due.toISOString()).toBe(bj('2026-02-25T16:00'));

      // Overdue at 23:00 on the Saturday: nothing at night, and nothing during 春节.
      const night = await sweep(t.db, Date.parse(bj('2026-02-14T23:00')));
      expect(night.escalated).toBe(0);
      const [held] = await t.db.query<{ next_check_at: Date }>(
        'select next_check_at from service_tickets where id = $1',
        [id],
      );
      expect(held?.next_check_at.toISOString()).toBe(bj('2026-02-24T09:00'));
      expect((await sweep(t.db, Date.parse(bj('2026-02-18T10:00')))).escalated).toBe(0);

      // First working hour after the holiday: the unanswered one goes to the district; the answered one does not.
      const after = await sweep(t.db, Date.parse(bj('2026-02-24T09:00')));
      expect(after.escalated).toBe(1);
      const [esc] = await t.db.query<{ level: string; team_organisation_id: number; escalations: number }>(
        'select level, team_organisation_id, escalations from service_tickets where id = $1',
        [id],
      );
      expect(esc).toMatchObject({ level: 'district', team_organisation_id: district.organisationId, escalations: 1 });
      const [other] = await t.db.query<{ escalations: number }>(
        'select escalations from service_tickets where id = $1',
        [answered],
      );
      expect(other?.escalations).toBe(0);
      const log = await t.db.query(
        "select 1 from change_log where entity = 'service_tickets' and entity_id = $1 and via like 'job:%'",
        [String(id)],
      );
      expect(log.length).toBe(1);
      // The receiving district agency is told in its inbox, about this ticket only (the bell counts it).
      const told = (await call(district, 'GET', '/api/v1/inbox?module=services')).json();
      expect(
        told.items
          .filter(
            (n: { kind: string; params: { ticketId?: number } }) =>
              n.kind === 'services.escalated' && [id, answered].includes(n.params.ticketId ?? 0),
          )
          .map((n: { params: Record<string, unknown>; link: string }) => [n.params.ticketId, n.params.level, n.link]),
      ).toEqual([[id, 'district', '/services/queue']]);
      expect(told.unread).toBeGreaterThanOrEqual(1);
      // A second sweep does not escalate the same target again.
      expect((await sweep(t.db, Date.parse(bj('2026-02-24T10:00')))).escalated).toBe(0);
    });

    it('counts the 调休 Saturday after 国庆 as a working day', async () => {
      await call(admin, 'POST', '/api/v1/services/sla-policies', {
        categoryCode: 'market.matching',
        organisationId: null,
        firstResponseMinutes: 60,
        resolutionMinutes: 600,
      });
      const id = await openTicket(
        t.db,
        { enterpriseId: a, categoryCode: 'market.matching', title: '找配套', body: '', attachments: [] },
        { at: bj('2026-10-09T17:00') },
      );
      const [row] = await t.db.query<{ first_response_due: Date }>(
        'select first_response_due from service_tickets where id = $1',
        [id],
      );
      expect(row?.first_response_due.toISOString()).toBe(bj('2026-10-10T09:30'));
    });

    it('gives a reopened ticket a fresh resolution clock, counted across 国庆, and escalates it again', async () => {
      await call(admin, 'POST', '/api/v1/services/sla-policies', {
        categoryCode: 'technology.transfer',
        organisationId: null,
        firstResponseMinutes: 60,
        resolutionMinutes: 420,
        warnMinutes: 0,
      });
      const id = await openTicket(
        t.db,
        { enterpriseId: a, categoryCode: 'technology.transfer', title: '成果转化对接', body: '', attachments: [] },
        { at: bj('2026-09-28T09:00') },
      );
      const state = async () =>
        (
          await t.db.query<{ due: Date; escalations: number }>(
            'select resolution_due as due, escalations from service_tickets where id = $1',
            [id],
          )
        )[0];
      await postMessage(
        t.db,
        id,
        { kind: 'reply', body: '已受理', attachments: [], waitOnEnterprise: false },
        { at: bj('2026-09-28T09:30') },
      );
      expect((await state())?.due.toISOString()).toBe(bj('2026-09-28T17:30'));
      // missed: escalated once, then resolved late
      await sweep(t.db, Date.parse(bj('2026-09-29T10:00')));
      expect((await state())?.escalations).toBe(1);
      await actOnTicket(t.db, id, { action: 'resolve', body: '' }, { at: bj('2026-09-29T11:00') });
      // The firm reopens on the afternoon before 国庆: 90 working minutes that day, the other 330 after the holiday.
      await actOnTicket(t.db, id, { action: 'reopen', body: '问题未解决' }, { at: bj('2026-09-30T16:00') });
      expect((await state())?.due.toISOString()).toBe(bj('2026-10-08T16:00'));
      const seen = (await call(admin, 'GET', `/api/v1/services/tickets/${id}`)).json() as TTicket;
      expect(seen.sla.resolution.dueAt).toBe(bj('2026-10-08T16:00'));
      expect(seen.sla.firstResponse.status).toBe('met');
      // Nothing during the holiday; the fresh target escalates once it is missed, despite the old escalation.
      await sweep(t.db, Date.parse(bj('2026-10-03T10:00')));
      await sweep(t.db, Date.parse(bj('2026-10-08T15:00')));
      expect((await state())?.escalations).toBe(1);
      await sweep(t.db, Date.parse(bj('2026-10-08T16:30')));
      expect((await state())?.escalations).toBe(2);
      await sweep(t.db, Date.parse(bj('2026-10-08T17:00')));
      expect((await state())?.escalations).toBe(2);
    });

    it('recomputes open tickets in the job queue when a calendar day is overridden', async () => {
      await call(admin, 'POST', '/api/v1/services/sla-policies', {
        categoryCode: 'market.matching',
        organisationId: null,
        firstResponseMinutes: 60,
        resolutionMinutes: 600,
      });
      const id = await openTicket(
        t.db,
        { enterpriseId: a, categoryCode: 'market.matching', title: '找配套（二）', body: '', attachments: [] },
        { at: bj('2026-10-09T17:00') },
      );
      const due = async () =>
        (
          await t.db.query<{ d: Date }>('select first_response_due as d from service_tickets where id = $1', [id])
        )[0]?.d.toISOString();
      expect(await due()).toBe(bj('2026-10-10T09:30'));
      const r = await call(admin, 'PUT', '/api/v1/services/calendar/2026-10-10', {
        working: false,
        note: '测试：取消调休',
      });
      expect(r.statusCode, r.body).toBe(200);
      await expect.poll(due, { timeout: 30_000, interval: 250 }).toBe(bj('2026-10-12T09:30'));
      await call(admin, 'PUT', '/api/v1/services/calendar/2026-10-10', { working: true, note: '恢复' });
    });

    it('reports which years the calendar package covers', async () => {
      const r = (await call(viewer, 'GET', '/api/v1/services/calendar?year=2026')).json();
      expect(r.coveredYears).toContain(2026);
      expect(r.days).toContainEqual({ day: '2026-02-14', working: true, reason: 'makeup' });
      expect(r.days).toContainEqual({ day: '2026-10-10', working: true, reason: 'override' }); // overridden and restored above
      expect(r.days).toContainEqual({ day: '2026-02-17', working: false, reason: 'holiday' });
    });
  });

  describe('visits (一企一访)', () => {
    it('refuses a day that does not exist, naming the field', async () => {
      const r = await call(operator, 'POST', '/api/v1/services/visits', { enterpriseId: a, plannedOn: '2026-02-30' });
      expect(r.statusCode).toBe(422);
      expect(r.json().errors[0]).toMatchObject({ path: ['plannedOn'], code: 'invalid_format' });
    });

    it('warns of another agency’s visit within the quiet period, offers to join, routes flags as tickets', async () => {
      const plan = await call(operator, 'POST', '/api/v1/services/visits', {
        enterpriseId: a,
        plannedOn: '2026-12-10',
        purpose: '季度走访',
      });
      expect(plan.statusCode, plan.body).toBe(201);
      const visit = plan.json().visit;
      const second = await call(district, 'POST', '/api/v1/services/visits', {
        enterpriseId: a,
        plannedOn: '2026-12-15',
        purpose: '稳企走访',
      });
      expect(second.statusCode).toBe(200);
      expect(second.json().visit).toBeNull();
      expect(second.json().conflict.others.map((v: { id: number }) => v.id)).toEqual([visit.id]);
      const joined = await call(district, 'POST', `/api/v1/services/visits/${visit.id}/join`);
      expect(joined.json().joinedOrganisations.map((o: { id: number }) => o.id)).toEqual([district.organisationId]);
      const rec = await call(operator, 'POST', `/api/v1/services/visits/${visit.id}/record`, {
        heldOn: '2026-12-10',
        notes: '企业计划扩产，缺融资，有外迁考虑',
        flags: ['financing_need', 'relocation_risk'],
      });
      expect(rec.statusCode, rec.body).toBe(200);
      expect(rec.json().ticketIds).toHaveLength(2);
      const tickets = (await call(admin, 'GET', `/api/v1/services/tickets?enterpriseId=${a}`)).json()
        .items as TTicket[];
      expect(
        tickets
          .filter((x) => x.channel === 'visit')
          .map((x) => x.categoryCode)
          .sort(),
      ).toEqual(['finance.financing', 'management.retention']);
      // The firm sees the visit, not the agencies' notes or flags.
      const mine = (await call(firmA, 'GET', '/api/v1/services/visits')).json().items;
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({ notes: null, flags: [], ticketIds: [] });
      expect((await call(firmB, 'GET', '/api/v1/services/visits')).json().items).toEqual([]);
      expect(
        (await call(firmA, 'POST', '/api/v1/services/visits', { enterpriseId: a, plannedOn: '2026-12-20' })).statusCode,
      ).toBe(403);
      const risk = (await call(district, 'GET', '/api/v1/services/retention')).json().items;
      expect(risk[0]).toMatchObject({ enterpriseId: a, riskFlags: 1, openRetentionTickets: 1 });
      expect((await call(firmA, 'GET', '/api/v1/services/retention')).statusCode).toBe(403);
    });
  });

  describe('policies and eligibility', () => {
    const conditions = [
      { id: 'art2', field: 'region_code', op: 'in', value: ['420112'], citation: '示例政策第二条' },
      { id: 'art3', field: 'age_years', op: '>=', value: 3, citation: '示例政策第三条' },
    ];
    let policyId: number;

    it('refuses a condition on an unknown field or with a value of the wrong type, in zh and en', async () => {
      const r = await call(admin, 'POST', '/api/v1/services/policies', {
        code: 'bad',
        title: '坏政策',
        issuer: '测试',
        conditions: [
          { id: 'x', field: 'shoe_size', op: '>=', value: 42, citation: 'c' },
          { id: 'y', field: 'age_years', op: '>=', value: 'three', citation: 'c' },
        ],
      });
      expect(r.statusCode).toBe(422);
      const errs = r.json().errors;
      expect(errs.map((e: { path: unknown[] }) => e.path)).toEqual([
        ['conditions', 0, 'field'],
        ['conditions', 1, 'value'],
      ]);
      expect(errs[0].message.zh).toContain('未知字段');
      expect(errs[1].message.en).toContain('expected number');
    });

    it('names the failing condition and value for a firm that nearly qualifies', async () => {
      const r = await call(admin, 'POST', '/api/v1/services/policies', {
        code: 'demo-subsidy',
        title: '示例：临空港稳岗补贴',
        issuer: '示例机构',
        autoGrant: true,
        conditions,
      });
      expect(r.statusCode, r.body).toBe(201);
      policyId = r.json().id;
      const mine = (await call(firmA, 'GET', `/api/v1/services/eligibility/${a}`)).json();
      expect(mine.eligible.map((p: { policyId: number }) => p.policyId)).toEqual([policyId]);
      const near = (await call(firmB, 'GET', `/api/v1/services/eligibility/${b}`)).json();
      expect(near.near).toHaveLength(0); // two conditions fail: not near
      const whatIf = await call(firmB, 'POST', `/api/v1/services/eligibility/${b}/what-if`, {
        values: { region_code: '420112' },
      });
      expect(whatIf.json().near[0].failing).toEqual([
        expect.objectContaining({
          id: 'art3',
          field: 'age_years',
          outcome: 'fail',
          expected: 3,
          citation: '示例政策第三条',
        }),
      ]);
      expect(
        (await call(firmB, 'POST', `/api/v1/services/eligibility/${b}/what-if`, { values: { shoe: 1 } })).statusCode,
      ).toBe(422);
    });

    it('shows the value of a failing revenue condition only to those who see the firm’s figures', async () => {
      const m = await call(admin, 'POST', '/api/v1/metrics', { enterpriseId: a, year: 2025, revenueWan: 7654.32 });
      expect(m.statusCode, m.body).toBe(201);
      const p = await call(admin, 'POST', '/api/v1/services/policies', {
        code: 'demo-big-firms',
        title: '示例：大企业奖励',
        issuer: '示例机构',
        conditions: [{ id: 'rev', field: 'revenue_wan', op: '>=', value: 100000, citation: '示例第五条' }],
      });
      expect(p.statusCode, p.body).toBe(201);
      const failing = async (u: TestUser) =>
        (
          (await call(u, 'GET', `/api/v1/services/eligibility/${a}`)).json().near as {
            policyCode: string;
            failing: { actual: unknown; gap?: number }[];
          }[]
        ).find((x) => x.policyCode === 'demo-big-firms')?.failing[0];
      expect(await failing(firmA)).toMatchObject({ actual: 7654.32, gap: 92345.68 });
      expect(await failing(district)).toMatchObject({ actual: 7654.32 });
      const officerView = await failing(officer);
      expect(officerView).toMatchObject({ actual: null });
      expect(officerView?.gap).toBeUndefined();
    });

    it('never shows a firm another firm’s eligibility', async () => {
      const r = await call(firmB, 'GET', `/api/v1/services/eligibility/${a}`);
      expect(r.statusCode).toBe(403);
      expect(r.json().code).toBe('services.other_firm');
      expect((await call(operator, 'GET', `/api/v1/services/eligibility/${b}`)).statusCode).toBe(403);
    });

    it('versions clauses, lists 免申即享 firms, exports them and pushes them once per version', async () => {
      const v2 = await call(admin, 'PUT', `/api/v1/services/policies/${policyId}`, {
        code: 'demo-subsidy',
        title: '示例：临空港稳岗补贴',
        issuer: '示例机构',
        autoGrant: true,
        conditions: [
          ...conditions,
          { id: 'art4', field: 'is_chain_leader', op: '=', value: false, citation: '示例政策第四条' },
        ],
        note: '增加第四条',
      });
      expect(v2.json().currentVersion).toBe(2);
      expect(
        (await call(admin, 'GET', `/api/v1/services/policies/${policyId}/versions`))
          .json()
          .items.map((v: { version: number }) => v.version),
      ).toEqual([2, 1]);
      const list = (await call(admin, 'GET', `/api/v1/services/policies/${policyId}/beneficiaries`)).json();
      expect(list.items.map((x: { enterpriseId: number }) => x.enterpriseId)).toEqual([a]);
      const xlsx = await call(admin, 'GET', `/api/v1/services/policies/${policyId}/beneficiaries.xlsx`);
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
      expect((await call(admin, 'POST', `/api/v1/services/policies/${policyId}/push`)).json()).toEqual({
        pushed: 1,
        alreadyNotified: 0,
        withoutUsers: 0,
      });
      expect((await call(admin, 'POST', `/api/v1/services/policies/${policyId}/push`)).json()).toEqual({
        pushed: 0,
        alreadyNotified: 1,
        withoutUsers: 0,
      });
      // One inbox: the push is in the firm's platform inbox (the bell counts it), once, and nowhere else.
      const inboxA = (await call(firmA, 'GET', '/api/v1/inbox?module=services')).json();
      const pushes = inboxA.items.filter((n: { kind: string }) => n.kind === 'services.policy');
      expect(pushes).toEqual([
        expect.objectContaining({ params: expect.objectContaining({ policyId, version: 2 }), readAt: null }),
      ]);
      expect(inboxA.unread).toBeGreaterThanOrEqual(1);
      expect(
        (await call(firmB, 'GET', '/api/v1/inbox?module=services'))
          .json()
          .items.filter((n: { kind: string }) => n.kind === 'services.policy'),
      ).toEqual([]);
      expect((await call(firmA, 'GET', '/api/v1/services/notices')).statusCode).toBe(404);
      expect((await call(district, 'POST', '/api/v1/services/policies/test-run', { conditions })).json()).toMatchObject(
        { eligible: 1 },
      );
      expect((await call(operator, 'POST', '/api/v1/services/policies/test-run', { conditions })).statusCode).toBe(403);
    });
  });

  it('shows the agency dashboard to zone and city roles only', async () => {
    const d = await call(district, 'GET', '/api/v1/services/dashboard?from=2026-01-01&to=2026-12-31');
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json().total).toBeGreaterThan(0);
    expect((await call(firmA, 'GET', '/api/v1/services/dashboard')).statusCode).toBe(403);
    expect((await call(viewer, 'GET', '/api/v1/services/dashboard')).statusCode).toBe(403);
  });
});
