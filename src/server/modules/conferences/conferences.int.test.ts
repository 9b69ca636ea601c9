import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authedApp, makeUser } from '../../../../test/helpers/auth.js';
import { ENGINES, type TestDb } from '../../../../test/helpers/db.js';
import { makeEnterprise } from '../../../../test/helpers/factories.js';
import { multipart } from '../../../../test/helpers/multipart.js';
import type { TAgenda, TConference, TParticipant, TRequest, TSchedule } from '../../../contracts/conferences.js';
import type { RowProblem } from '../../../contracts/imports.js';
import { checkSchedule } from '../../../domain/scheduling/index.js';
import { loadConference } from './conference.js';
import { problemOf } from './schedule.js';

const SETTINGS = {
  sessions: [
    {
      key: 'am',
      name: '上午场',
      date: '2024-06-06',
      start: '09:00',
      end: '10:40',
      breaks: [{ start: '09:40', end: '10:00' }],
    },
    { key: 'pm', name: '下午场', date: '2024-06-06', start: '14:00', end: '15:20', breaks: [] },
  ],
  venue: '3F 多功能厅',
  tableAreas: [
    { from: 1, to: 2, location: 'A 区' },
    { from: 3, to: 3, location: 'B 区' },
  ],
  slotMinutes: 20,
  tableMode: 'pooled',
  tableCount: 3,
  tableCapacity: 1,
  maxMeetingsPerParticipant: null,
  maxMeetingsPerSession: null,
  requestExpiryHours: 48,
};

describe.each(ENGINES)('[$name] matchmaking conferences', (engine) => {
  let t: TestDb;
  let app: FastifyInstance;
  let eventId: number;
  let base: string;
  const people: TParticipant[] = [];
  const call = async (method: string, url: string, payload?: unknown, headers?: Record<string, string>) =>
    app.inject({ method, url: `${base}${url}`, payload: payload as never, headers });
  const accepted = async (a: number, b: number, priority = 2) => {
    const res = await call('POST', '/requests', {
      fromId: people[a]?.id,
      toId: people[b]?.id,
      priority,
      status: 'accepted',
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as TRequest;
  };
  const schedule = async () => (await call('GET', '/schedule')).json() as TSchedule;

  beforeAll(async () => {
    t = await engine.create();
    app = await authedApp(t.db);
    const ev = await app.inject({
      method: 'POST',
      url: '/api/v1/events',
      payload: { name: '测试对接会', kind: 'matchmaking_conference', city: '苏州' },
    });
    expect(ev.statusCode, ev.body).toBe(201);
    eventId = ev.json().id;
    base = `/api/v1/events/${eventId}/conference`;
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('shows defaults before saving, and reports every invalid settings field at once', async () => {
    const fresh = (await call('GET', '')).json() as TConference;
    expect(fresh.configured).toBe(false);
    expect(fresh.slots.length).toBeGreaterThan(0);

    const bad = await call('PUT', '', { ...SETTINGS, slotMinutes: 10, tableCount: 0 });
    expect(bad.statusCode).toBe(422);
    const paths = (bad.json().errors as { path: string[] }[]).map((e) => e.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['slotMinutes', 'tableCount']));

    const crossed = await call('PUT', '', {
      ...SETTINGS,
      sessions: [
        { key: 'am', date: '2024-06-06', start: '11:00', end: '10:00', breaks: [] },
        { key: 'pm', date: '2024-06-06', start: '14:00', end: '15:00', breaks: [{ start: '13:00', end: '14:30' }] },
        { key: 'pm', date: '2024-06-07', start: '14:00', end: '15:00', breaks: [] },
      ],
    });
    expect(crossed.statusCode).toBe(422);
    const problems = crossed.json().errors as { path: (string | number)[]; message: { zh: string; en: string } }[];
    expect(problems.map((e) => e.path.join('.'))).toEqual(
      expect.arrayContaining(['sessions.0.end', 'sessions.1.breaks.0.start', 'sessions.2.key']),
    );
    expect(problems.find((p) => p.path.join('.') === 'sessions.0.end')?.message.zh).toContain('结束时间须晚于开始时间');

    // table areas: inside the table count, from ≤ to, no overlap; each named by its field
    const areas = await call('PUT', '', {
      ...SETTINGS,
      venue: 'x'.repeat(201),
      tableAreas: [
        { from: 1, to: 2, location: 'A' },
        { from: 2, to: 3, location: 'B' },
        { from: 3, to: 9, location: 'C' },
        { from: 3, to: 2, location: 'D' },
        { from: 1, to: 1, location: '' },
      ],
    });
    expect(areas.statusCode).toBe(422);
    const areaPaths = (areas.json().errors as { path: (string | number)[] }[]).map((e) => e.path.join('.'));
    expect(areaPaths).toEqual(expect.arrayContaining(['venue', 'tableAreas.4.location']));
    const areas2 = await call('PUT', '', {
      ...SETTINGS,
      tableAreas: [
        { from: 1, to: 2, location: 'A' },
        { from: 2, to: 3, location: 'B' },
        { from: 3, to: 9, location: 'C' },
        { from: 3, to: 2, location: 'D' },
      ],
    });
    expect(areas2.statusCode).toBe(422);
    const areaProblems = areas2.json().errors as { path: (string | number)[]; message: { zh: string; en: string } }[];
    expect(areaProblems.map((e) => e.path.join('.'))).toEqual(
      expect.arrayContaining(['tableAreas.1.from', 'tableAreas.2.to', 'tableAreas.3.to']),
    );
    expect(areaProblems.find((p) => p.path.join('.') === 'tableAreas.1.from')?.message.zh).toContain('重叠');

    const ok = await call('PUT', '', SETTINGS);
    expect(ok.statusCode, ok.body).toBe(200);
    const saved = ok.json() as TConference;
    expect(saved.venue).toBe('3F 多功能厅');
    expect(saved.tables.map((x) => x.location)).toEqual(['A 区', 'A 区', 'B 区']);
    // 09:00, 09:20, (break) 10:00, 10:20; 14:00, 14:20, 14:40, 15:00
    expect(saved.slots.map((s) => s.id)).toEqual([
      'am-09:00',
      'am-09:20',
      'am-10:00',
      'am-10:20',
      'pm-14:00',
      'pm-14:20',
      'pm-14:40',
      'pm-15:00',
    ]);
    expect((await call('PUT', '', SETTINGS)).statusCode).toBe(428);
    expect((await call('PUT', '', { ...SETTINGS, version: saved.version + 5 })).statusCode).toBe(409);
  });

  it('adds participants and rejects bad ones with their fields', async () => {
    const bad = await call('POST', '/participants', {
      organisation: '',
      person: '张三',
      role: 'guest',
      availability: [{ session: 'eve', start: '09:00', end: '10:00' }],
    });
    expect(bad.statusCode).toBe(422);
    expect((bad.json().errors as { path: string[] }[]).map((e) => e.path.join('.'))).toEqual(
      expect.arrayContaining(['organisation', 'role']),
    );
    const unknownSession = await call('POST', '/participants', {
      organisation: '某园区',
      person: '张三',
      role: 'park',
      availability: [{ session: 'eve', start: '09:00', end: '10:00' }],
    });
    expect(unknownSession.statusCode).toBe(422);
    expect(unknownSession.json().errors[0].path).toEqual(['availability', 0, 'session']);

    const roles = ['park', 'seller', 'buyer', 'investor', 'seller', 'buyer'] as const;
    for (const [i, role] of roles.entries()) {
      const res = await call('POST', '/participants', {
        organisation: `参会单位${i}`,
        person: `代表${i}`,
        role,
        // Participant 5 only attends the morning.
        availability: i === 5 ? [{ session: 'am', start: '09:00', end: '10:40' }] : null,
      });
      expect(res.statusCode, res.body).toBe(201);
      people.push(res.json());
    }
    const found = (await call('GET', '/participants?q=%E5%8D%95%E4%BD%8D3')).json().items as TParticipant[];
    expect(found.map((p) => p.organisation)).toEqual(['参会单位3']);
  });

  it('runs a request through pending, accepted, declined and expired; an expired request cannot be accepted', async () => {
    const ask = await call('POST', '/requests', {
      fromId: people[0]?.id,
      toId: people[1]?.id,
      priority: 3,
      message: '想了解落地政策',
    });
    expect(ask.statusCode, ask.body).toBe(201);
    const r = ask.json() as TRequest;
    expect(r.status).toBe('pending');
    expect(Date.parse(r.expiresAt as string) - Date.now()).toBeGreaterThan(47 * 3600_000);
    const dup = await call('POST', '/requests', { fromId: people[1]?.id, toId: people[0]?.id });
    expect(dup.statusCode).toBe(422);
    expect(dup.json().errors[0].path).toEqual(['toId']);
    expect((await call('POST', `/requests/${r.id}/answer`, { action: 'accept' })).json().status).toBe('accepted');

    const d = (await call('POST', '/requests', { fromId: people[0]?.id, toId: people[2]?.id })).json() as TRequest;
    expect((await call('POST', `/requests/${d.id}/answer`, { action: 'decline' })).json().status).toBe('declined');

    const e = (await call('POST', '/requests', { fromId: people[3]?.id, toId: people[4]?.id })).json() as TRequest;
    await t.db.query(`update conference_requests set expires_at = now() - interval '1 minute' where id = $1`, [e.id]);
    const expired = (await call('GET', '/requests?status=expired')).json().items as TRequest[];
    expect(expired.map((x) => x.id)).toEqual([e.id]);
    const late = await call('POST', `/requests/${e.id}/answer`, { action: 'accept' });
    expect(late.statusCode).toBe(422);
    expect(late.json().errors[0].message.en).toContain('expired');
    // The pair is free again once the request expired.
    expect((await call('POST', '/requests', { fromId: people[4]?.id, toId: people[3]?.id })).statusCode).toBe(201);
  });

  it('schedules every accepted request validly, keeps locked meetings and published places on re-runs', async () => {
    await accepted(0, 2, 3);
    await accepted(0, 3);
    await accepted(1, 2);
    await accepted(1, 5, 3);
    await accepted(2, 5);
    await accepted(3, 5, 1);
    const run = await call('POST', '/schedule/run', { method: 'auto', timeLimitSeconds: 5 });
    expect(run.statusCode, run.body).toBe(200);
    const summary = run.json();
    expect(summary.requested).toBe(7);
    expect(summary.scheduled).toBe(7);
    expect(summary.upperBound).toBeGreaterThanOrEqual(summary.weighted);

    const s = await schedule();
    const c = await loadConference(t.db, eventId, null);
    const assignments = s.meetings.flatMap((m) =>
      m.slotId && m.tableId ? [{ meetingId: String(m.id), slot: m.slotId, table: m.tableId }] : [],
    );
    expect(assignments).toHaveLength(7);
    expect(checkSchedule(problemOf(c, s.meetings, false), assignments)).toEqual([]);
    // Participant 5 is only there in the morning.
    for (const m of s.meetings.filter((x) => x.fromId === people[5]?.id || x.toId === people[5]?.id))
      expect(m.slotId?.startsWith('am-')).toBe(true);

    // Lock one meeting, re-run: it stays exactly where it was.
    const target = s.meetings[0] as TRequest;
    expect((await call('PUT', `/meetings/${target.id}/lock`, { locked: true })).json().locked).toBe(true);
    await call('POST', '/schedule/run', { keepPublished: false, method: 'heuristic', timeLimitSeconds: 2 });
    const again = (await schedule()).meetings.find((m) => m.id === target.id) as TRequest;
    expect([again.slotId, again.tableId, again.locked]).toEqual([target.slotId, target.tableId, true]);

    // Publish, add a request, re-run: published meetings keep their places.
    expect((await call('POST', '/schedule/publish')).statusCode).toBe(200);
    const before = new Map((await schedule()).meetings.map((m) => [m.id, `${m.slotId}/${m.tableId}`]));
    // Two late arrivals meet each other: nobody else's day changes, so nothing needs to move.
    for (const i of [6, 7]) {
      const res = await call('POST', '/participants', {
        organisation: `参会单位${i}`,
        person: `代表${i}`,
        role: 'buyer',
      });
      people.push(res.json());
    }
    await accepted(6, 7);
    const rerun = (await call('POST', '/schedule/run', { keepPublished: true, timeLimitSeconds: 5 })).json();
    expect(rerun.moved).toBe(0);
    const after = await schedule();
    for (const m of after.meetings) if (before.has(m.id)) expect(`${m.slotId}/${m.tableId}`).toBe(before.get(m.id));
    expect(after.meetings.every((m) => m.slotId !== null)).toBe(true);
    expect(after.publishedAt).not.toBeNull();
  });

  it('names a locked meeting that no longer fits instead of failing the run', async () => {
    const s = await schedule();
    const lockedOne = s.meetings.find((m) => m.locked) as TRequest;
    const participant = async (id: number) =>
      ((await call('GET', '/participants')).json().items as TParticipant[]).find((x) => x.id === id) as TParticipant;
    const p = await participant(lockedOne.fromId);
    const otherSession = lockedOne.slotId?.startsWith('am-') ? 'pm' : 'am';
    const window = otherSession === 'am' ? { start: '09:00', end: '10:40' } : { start: '14:00', end: '15:20' };
    const moved = await call('PATCH', `/participants/${p.id}`, {
      version: p.version,
      availability: [{ session: otherSession, ...window }],
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const run = await call('POST', '/schedule/run', { method: 'heuristic', timeLimitSeconds: 2 });
    expect(run.statusCode, run.body).toBe(422);
    const errors = run.json().errors as { path: string[]; message: { zh: string; en: string } }[];
    expect(errors[0]?.path).toEqual(['locked']);
    expect(errors[0]?.message.zh).toContain('锁定的会谈无法保留');
    expect(errors[0]?.message.en).toContain('not available');
    // Unlocking lets the run go ahead.
    expect((await call('PUT', `/meetings/${lockedOne.id}/lock`, { locked: false })).statusCode).toBe(200);
    expect((await call('POST', '/schedule/run', { method: 'heuristic', timeLimitSeconds: 2 })).statusCode).toBe(200);
    const again = await participant(p.id);
    await call('PATCH', `/participants/${p.id}`, { version: again.version, availability: null });
  });

  it('refuses a hand move that double-books a participant, naming the conflict, and allows a valid one', async () => {
    const s = await schedule();
    const mine = s.meetings.filter((m) => (m.fromId === people[0]?.id || m.toId === people[0]?.id) && !m.locked);
    const [m1, m2] = mine;
    expect(m1 && m2).toBeTruthy();
    const clash = await call('PUT', `/meetings/${m1?.id}/place`, { slotId: m2?.slotId, tableId: 'T3' });
    expect(clash.statusCode).toBe(422);
    const errs = clash.json().errors as { path: string[]; message: { zh: string; en: string } }[];
    expect(
      errs.some(
        (e) => e.path[0] === 'slotId' && e.message.zh.includes('参会单位0') && e.message.zh.includes('已有会谈'),
      ),
    ).toBe(true);
    expect(errs.some((e) => e.message.en.includes('already has a meeting'))).toBe(true);
    // the time reads as the session's name and start, never as the slot's id (am-09:00)
    const slot = s.slots.find((x) => x.id === m2?.slotId);
    const [zhName, enName] = slot?.session === 'pm' ? ['下午场', 'afternoon session'] : ['上午场', 'morning session'];
    const clashZh = errs.find((e) => e.message.zh.includes('已有会谈'))?.message.zh ?? '';
    expect(clashZh).toContain(`${zhName} ${slot?.start}`);
    expect(clashZh).not.toContain(String(m2?.slotId));
    expect(errs.find((e) => e.message.en.includes('already has a meeting'))?.message.en).toContain(
      `${enName} ${slot?.start}`,
    );
    const unchanged = (await schedule()).meetings.find((m) => m.id === m1?.id);
    expect(unchanged?.slotId).toBe(m1?.slotId);

    // A free slot for both sides and a free table is accepted.
    const busy = new Set(
      s.meetings
        .filter((m) => [m1?.fromId, m1?.toId].some((p) => p === m.fromId || p === m.toId) && m.id !== m1?.id)
        .map((m) => m.slotId),
    );
    const avail5 = m1?.fromId === people[5]?.id || m1?.toId === people[5]?.id;
    const free = s.slots.find(
      (x) =>
        !busy.has(x.id) &&
        (!avail5 || x.session === 'am') &&
        s.meetings.filter((m) => m.slotId === x.id).length < s.tables.length,
    );
    const usedTables = new Set(s.meetings.filter((m) => m.slotId === free?.id).map((m) => m.tableId));
    const table = s.tables.find((x) => !usedTables.has(x.id));
    const ok = await call('PUT', `/meetings/${m1?.id}/place`, { slotId: free?.id, tableId: table?.id });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().slotId).toBe(free?.id);

    // The slot grid cannot change under a schedule.
    const conf = (await call('GET', '')).json() as TConference;
    const grid = await call('PUT', '', { ...SETTINGS, slotMinutes: 30, version: conf.version });
    expect(grid.statusCode).toBe(422);
    expect(grid.json().errors[0].path).toEqual(['slotMinutes']);
  });

  it('exports agendas and the table plan as Excel with Chinese or English headers', async () => {
    const res = await call('GET', `/agendas.xlsx?participantId=${people[0]?.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws?.getRow(1).getCell(1).value).toContain('会场：3F 多功能厅');
    expect(ws?.getRow(3).getCell(1).value).toBe('时间');
    expect(ws?.getRow(3).getCell(3).value).toBe('桌位区域');
    expect(['A 区', 'B 区']).toContain(ws?.getRow(4).getCell(3).value);
    expect(ws?.rowCount).toBeGreaterThan(3);
    const plan = await call('GET', '/tables.xlsx?lang=en');
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(plan.rawPayload as unknown as ArrayBuffer);
    expect(wb2.worksheets[0]?.getRow(1).getCell(2).value).toBe('Table 1\nA 区');
    const json = (await call('GET', `/agendas?participantId=${people[0]?.id}`)).json().items as TAgenda[];
    expect(json[0]?.items.length).toBeGreaterThan(0);
    expect(json[0]?.qr.startsWith('data:image/svg+xml;base64,')).toBe(true);
    expect(json[0]?.venue).toBe('3F 多功能厅');
    for (const it of json[0]?.items ?? []) expect(it.tableLocation).toBe(it.tableNo <= 2 ? 'A 区' : 'B 区');
    // A demo counterpart keeps its mark on the agenda and in the Excel copy.
    const first = json[0]?.items[0];
    expect(first?.counterpartSynthetic).toBe(false);
    await t.db.query('update conference_participants set synthetic = true where id = $1', [first?.counterpartId]);
    const again = (await call('GET', `/agendas?participantId=${people[0]?.id}`)).json().items as TAgenda[];
    expect(again[0]?.items[0]).toMatchObject({ counterpartId: first?.counterpartId, counterpartSynthetic: true });
    const marked = new ExcelJS.Workbook();
    await marked.xlsx.load(
      (await call('GET', `/agendas.xlsx?participantId=${people[0]?.id}`)).rawPayload as unknown as ArrayBuffer,
    );
    expect(marked.worksheets[0]?.getRow(4).getCell(4).value).toBe(`${first?.counterpartOrganisation}（示例）`);
    await t.db.query('update conference_participants set synthetic = false where id = $1', [first?.counterpartId]);
  });

  it('checks participants in by the code on their badge', async () => {
    const list = (await call('GET', '/check-in')).json().items as { participantId: number; code: string; qr: string }[];
    expect(list).toHaveLength(people.length);
    const first = list[0] as { participantId: number; code: string };
    const res = await call('POST', '/check-in', { code: first.code.toLowerCase() });
    expect(res.statusCode).toBe(200);
    expect(res.json().participantId).toBe(first.participantId);
    expect((await call('POST', '/check-in', { code: 'NOPE-NOPE' })).statusCode).toBe(422);
    expect(((await call('GET', '')).json() as TConference).counts.checkedIn).toBe(1);
  });

  it('lets an enterprise user see only its own agenda and requests; viewers read no schedule', async () => {
    const firm = (await app.inject({ method: 'POST', url: '/api/v1/enterprises', payload: makeEnterprise() })).json();
    const p0 = people[0] as TParticipant;
    const linked = await call('PATCH', `/participants/${p0.id}`, { enterpriseId: firm.id, version: p0.version });
    expect(linked.statusCode, linked.body).toBe(200);
    const ent = await makeUser(t.db, 'enterprise_user', { enterpriseId: firm.id });
    const h = ent.headers;

    const own = await call('GET', '/agendas', undefined, h);
    expect(own.statusCode).toBe(200);
    const items = own.json().items as TAgenda[];
    expect(items.map((a) => a.participant.id)).toEqual([p0.id]);
    expect(items[0]?.items.length).toBeGreaterThan(0);
    expect((await call('GET', `/agendas?participantId=${people[1]?.id}`, undefined, h)).statusCode).toBe(403);
    const reqs = (await call('GET', '/requests', undefined, h)).json().items as TRequest[];
    expect(reqs.length).toBeGreaterThan(0);
    expect(reqs.every((r) => r.fromId === p0.id || r.toId === p0.id)).toBe(true);
    expect((await call('GET', '/schedule', undefined, h)).statusCode).toBe(403);
    expect((await call('POST', '/schedule/run', {}, h)).statusCode).toBe(403);
    // It may ask for a meeting for itself, not for others.
    expect((await call('POST', '/requests', { fromId: p0.id, toId: people[4]?.id }, h)).statusCode).toBe(201);
    expect((await call('POST', '/requests', { fromId: people[1]?.id, toId: people[4]?.id }, h)).statusCode).toBe(403);

    const viewer = await makeUser(t.db, 'viewer');
    expect((await call('GET', '/requests', undefined, viewer.headers)).statusCode).toBe(403);
    expect((await call('GET', '/agendas', undefined, viewer.headers)).statusCode).toBe(403);
    expect((await call('PUT', '', SETTINGS, viewer.headers)).statusCode).toBe(403);
    const dir = (await call('GET', '/participants', undefined, viewer.headers)).json().items as TParticipant[];
    expect(dir.every((p) => p.contact === null && p.availability === null)).toBe(true);

    const officer = await makeUser(t.db, 'investment_officer');
    expect(((await call('GET', '', undefined, officer.headers)).json() as TConference).mayManage).toBe(true);
    expect((await call('GET', '/schedule', undefined, officer.headers)).statusCode).toBe(200);
  });
  it('lets a named district or park co-organiser manage the conference, and refuses anyone else as organiser', async () => {
    const park = await makeUser(t.db, 'park_operator', { parkIds: [] });
    const ent = await makeUser(t.db, 'enterprise_user');
    expect((await call('GET', '/organiser-candidates', undefined, park.headers)).statusCode).toBe(403);
    const candidates = (await call('GET', '/organiser-candidates')).json().items as { id: number; role: string }[];
    expect(candidates.map((c) => c.id)).toContain(park.userId);
    expect(candidates.every((c) => c.role === 'district_user' || c.role === 'park_operator')).toBe(true);

    const conf = (await call('GET', '')).json() as TConference;
    const bad = await call('PUT', '', {
      ...SETTINGS,
      organiserUserIds: [park.userId, ent.userId, 999999],
      version: conf.version,
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { path: unknown[] }) => e.path)).toEqual([
      ['organiserUserIds', 1],
      ['organiserUserIds', 2],
    ]);
    expect(((await call('GET', '', undefined, park.headers)).json() as TConference).mayManage).toBe(false);
    const ok = await call('PUT', '', { ...SETTINGS, organiserUserIds: [park.userId], version: conf.version });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(((await call('GET', '', undefined, park.headers)).json() as TConference).mayManage).toBe(true);
    expect((await call('GET', '/schedule', undefined, park.headers)).statusCode).toBe(200);
    // and back, so the tests after this one see the conference as before
    const again = (await call('GET', '')).json() as TConference;
    expect((await call('PUT', '', { ...SETTINGS, organiserUserIds: [], version: again.version })).statusCode).toBe(200);
  });
  it('re-cuts availability when the slot length changes on a cleared schedule, warning who loses time', async () => {
    expect((await call('POST', '/schedule/clear')).statusCode).toBe(200);
    const conf = (await call('GET', '')).json() as TConference;
    const res = await call('PUT', '', { ...SETTINGS, slotMinutes: 30, version: conf.version });
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json() as TConference;
    expect(out.slots.map((s) => s.start)).toEqual(['09:00', '10:00', '14:00', '14:30']);
    // Participant 5 had 80 minutes in the morning; 30-minute slots around the break leave 60.
    expect(out.warnings.map((w) => w.zh).join()).toContain('参会单位5');
    expect(out.warnings).toHaveLength(1);
  });
  it('imports participants from a spreadsheet, all rows or none, naming each bad row', async () => {
    const upload = (csv: string) => {
      const boundary = '----conference-test';
      const payload = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.csv"\r\nContent-Type: text/csv\r\n\r\n`,
        ),
        Buffer.from(csv),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return app.inject({
        method: 'POST',
        url: `${base}/participants/import`,
        payload,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
    };
    const before = ((await call('GET', '/participants')).json().items as TParticipant[]).length;
    const bad = await upload('单位,代表,角色,会谈上限\n导入园区,赵一,园区,5\n导入企业,,guest,0\n');
    expect(bad.statusCode).toBe(422);
    expect((bad.json().errors as { path: (string | number)[] }[]).map((e) => e.path.join('.'))).toEqual(
      expect.arrayContaining(['rows.3.person', 'rows.3.role', 'rows.3.maxMeetings']),
    );
    // The same report rows as the main import: sheet, row, column letter, header, value, reason in zh and en.
    const report = bad.json().report as RowProblem[];
    expect(report.find((p) => p.field === 'role')).toMatchObject({
      sheet: 'p',
      row: 3,
      column: 'C',
      header: '角色',
      value: 'guest',
      severity: 'error',
      message: { zh: '不是允许的取值：应为 采购方、供应方、投资方、园区 之一' },
    });
    expect(report.find((p) => p.field === 'maxMeetings')).toMatchObject({ row: 3, column: 'D', value: '0' });
    expect(report.map((p) => p.message.zh).join(' ')).not.toMatch(/buyer|seller|investor/);
    expect(((await call('GET', '/participants')).json().items as TParticipant[]).length).toBe(before);
    const ok = await upload('Organisation,Person,Role\n导入园区,赵一,park\n导入企业,钱二,供应方\n');
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().imported).toBe(2);
    const found = (await call('GET', '/participants?q=%E5%AF%BC%E5%85%A5')).json().items as TParticipant[];
    expect(found.map((p) => p.role).sort()).toEqual(['park', 'seller']);
    const template = await call('GET', '/participants/template.xlsx?lang=en');
    expect(template.headers['content-type']).toContain('spreadsheetml');
  });

  it('imports meeting requests by organisation and person, all rows or none, naming each bad row', async () => {
    const upload = (csv: string) =>
      app.inject({
        method: 'POST',
        url: `${base}/requests/import`,
        ...multipart({ name: 'r.csv', bytes: Buffer.from(csv), type: 'text/csv' }),
      });
    // two representatives of one organisation, and two other organisations
    for (const [organisation, person, role] of [
      ['约见集团', '甲', 'buyer'],
      ['约见集团', '乙', 'buyer'],
      ['约见供应商', '丙', 'seller'],
      ['约见园区', '丁', 'park'],
    ] as const)
      expect((await call('POST', '/participants', { organisation, person, role })).statusCode).toBe(201);
    const before = ((await call('GET', '/requests')).json().items as TRequest[]).length;
    const bad = await upload(
      [
        '发起单位,发起人,对方单位,对方代表,优先级,状态',
        '约见集团,,约见供应商,,必须见,已接受', // row 2: ambiguous sender
        '约见集团,甲,不存在的单位,,2,', // row 3: unknown receiver
        '约见供应商,,约见供应商,,,', // row 4: itself
        '约见园区,,约见供应商,,5,later', // row 5: bad priority and status
        '约见集团,甲,约见供应商,,3,已接受', // row 6: fine
        '约见供应商,,约见集团,甲,1,待回复', // row 7: the same pair again
      ].join('\n'),
    );
    expect(bad.statusCode).toBe(422);
    expect((bad.json().errors as { path: (string | number)[] }[]).map((e) => e.path.join('.'))).toEqual([
      'rows.2.fromOrganisation',
      'rows.3.toOrganisation',
      'rows.4.toOrganisation',
      'rows.5.priority',
      'rows.5.status',
      'rows.7.toOrganisation',
    ]);
    expect((bad.json().report as RowProblem[]).map((p) => `${p.row}${p.column}:${p.header}=${p.value}`)).toEqual([
      '2A:发起单位=约见集团',
      '3C:对方单位=不存在的单位',
      '4C:对方单位=约见供应商',
      '5E:优先级=5',
      '5F:状态=later',
      '7C:对方单位=约见集团',
    ]);
    expect(((await call('GET', '/requests')).json().items as TRequest[]).length).toBe(before);

    const ok = await upload(
      [
        'From organisation,From person,To organisation,To person,Priority,Status,Message',
        '约见集团,甲,约见供应商,,must meet,accepted,谈传感器',
        '约见集团,乙,约见园区,,,pending,',
      ].join('\n'),
    );
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().imported).toBe(2);
    const all = (await call('GET', '/requests')).json().items as TRequest[];
    expect(all.length).toBe(before + 2);
    const mine = all.filter((r) => r.fromOrganisation === '约见集团');
    expect(mine.map((r) => [r.fromName, r.toOrganisation, r.priority, r.status]).sort()).toEqual([
      ['乙', '约见园区', 2, 'pending'],
      ['甲', '约见供应商', 3, 'accepted'],
    ]);
    const template = await call('GET', '/requests/template.xlsx?lang=zh');
    expect(template.headers['content-type']).toContain('spreadsheetml');
  });
});
