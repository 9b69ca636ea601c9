/** All SQL of the conference module. Rows come back presented (camelCase, ISO timestamps). */
import { randomBytes } from 'node:crypto';
import type { TParticipant, TRequest, TRun } from '../../../contracts/conferences.js';
import type { Db } from '../../../db/connect.js';
import { likeEscape, present, Sql } from '../../lib/sql.js';

export interface EventRow {
  id: number;
  name: string;
  kind: string;
  city: string | null;
  startedOn: string | null;
}

export interface SettingsRow {
  sessions: {
    key: string;
    name?: string | null;
    date: string;
    start: string;
    end: string;
    breaks: { start: string; end: string }[];
  }[];
  venue: string | null;
  tableAreas: { from: number; to: number; location: string }[];
  slotMinutes: number;
  tableMode: 'pooled' | 'fixed';
  tableCount: number;
  tableCapacity: number;
  maxMeetingsPerParticipant: number | null;
  maxMeetingsPerSession: number | null;
  requestExpiryHours: number;
  organiserUserIds: number[];
  publishedAt: string | null;
  synthetic: boolean;
  version: number;
}

export async function findEvent(db: Db, id: number): Promise<EventRow | undefined> {
  const [r] = await db.query('select id, name, kind, city, started_on from events where id = $1', [id]);
  return r ? present<EventRow>(r) : undefined;
}

export async function findSettings(db: Db, eventId: number): Promise<SettingsRow | undefined> {
  const [r] = await db.query('select * from conference_settings where event_id = $1', [eventId]);
  return r ? present<SettingsRow>(r) : undefined;
}

export async function saveSettings(
  db: Db,
  eventId: number,
  s: Omit<SettingsRow, 'publishedAt' | 'version'>,
  version: number | undefined,
): Promise<number> {
  const args = [
    eventId,
    JSON.stringify(s.sessions),
    s.slotMinutes,
    s.tableMode,
    s.tableCount,
    s.tableCapacity,
    s.maxMeetingsPerParticipant,
    s.maxMeetingsPerSession,
    s.requestExpiryHours,
    s.organiserUserIds,
    s.synthetic,
    s.venue,
    JSON.stringify(s.tableAreas),
  ];
  if (version === undefined) {
    const rows = await db.query<{ version: number }>(
      `insert into conference_settings (event_id, sessions, slot_minutes, table_mode, table_count, table_capacity,
         max_meetings_per_participant, max_meetings_per_session, request_expiry_hours, organiser_user_ids, synthetic,
         venue, table_areas)
       values ($1, $2::jsonb, $3, $4, $5, $6, $7, $8, $9, $10::int[], $11, $12, $13::jsonb)
       on conflict (event_id) do nothing returning version`,
      args,
    );
    return rows[0]?.version ?? -1;
  }
  const rows = await db.query<{ version: number }>(
    `update conference_settings set sessions = $2::jsonb, slot_minutes = $3, table_mode = $4, table_count = $5,
       table_capacity = $6, max_meetings_per_participant = $7, max_meetings_per_session = $8,
       request_expiry_hours = $9, organiser_user_ids = $10::int[], synthetic = $11, venue = $12,
       table_areas = $13::jsonb, version = version + 1, updated_at = now()
     where event_id = $1 and version = $14 returning version`,
    [...args, version],
  );
  return rows[0]?.version ?? -1;
}

export async function setPublished(db: Db, eventId: number, published: boolean): Promise<void> {
  await db.tx(async (t) => {
    await t.query(
      `update conference_settings set published_at = ${published ? 'now()' : 'null'}, version = version + 1,
         updated_at = now() where event_id = $1`,
      [eventId],
    );
    await t.query(
      published
        ? `update conference_requests set published_slot_id = slot_id, published_table_id = table_id, updated_at = now()
             where event_id = $1 and status = 'accepted'`
        : `update conference_requests set published_slot_id = null, published_table_id = null, updated_at = now()
             where event_id = $1`,
      [eventId],
    );
  });
}

// ─── participants ───

/**
 * Participants with their scheduled meetings counted in one pass over the event's meetings (a
 * count per participant over every request made listing 500 participants of a 3 000-request event
 * cost ~0.2 s, and every request of the conference API lists them).
 */
const participantSelect = (event: string) => `select p.id, p.event_id, p.organisation, p.enterprise_id,
    e.name as enterprise_name, p.person, p.title, p.contact, p.role, p.availability, p.table_no, p.max_meetings,
    p.max_per_session, p.checked_in_at, p.synthetic, p.version, p.checkin_code, coalesce(m.n, 0) as meetings
  from conference_participants p left join enterprises e on e.id = p.enterprise_id
  left join (
    select x.pid, count(*)::int as n
      from (select from_id as pid from conference_requests
             where event_id = ${event} and status = 'accepted' and slot_id is not null
            union all
            select to_id from conference_requests
             where event_id = ${event} and status = 'accepted' and slot_id is not null) x
     group by x.pid
  ) m on m.pid = p.id`;

export type ParticipantRow = TParticipant & { checkinCode: string };

export async function listParticipants(
  db: Db,
  eventId: number,
  f: { q?: string | undefined; role?: string | undefined; ids?: number[] | undefined } = {},
): Promise<ParticipantRow[]> {
  const q = new Sql();
  const event = q.p(eventId);
  const where = [`p.event_id = ${event}`];
  if (f.q) {
    const like = q.p(`%${likeEscape(f.q)}%`);
    where.push(`(p.organisation ilike ${like} or p.person ilike ${like} or coalesce(p.title, '') ilike ${like})`);
  }
  if (f.role) where.push(`p.role = ${q.p(f.role)}`);
  if (f.ids) where.push(`p.id = any(${q.p(f.ids)}::int[])`);
  const rows = await db.query(
    `${participantSelect(event)} where ${where.join(' and ')} order by p.organisation, p.id`,
    q.params,
  );
  return rows.map((r) => present<ParticipantRow>(r));
}

export async function findParticipant(db: Db, eventId: number, id: number): Promise<ParticipantRow | undefined> {
  return (await listParticipants(db, eventId, { ids: [id] }))[0];
}

export async function findParticipantByCode(db: Db, eventId: number, code: string) {
  const [r] = await db.query<{ id: number }>(
    'select id from conference_participants where event_id = $1 and checkin_code = $2',
    [eventId, code],
  );
  return r?.id;
}

export const newCheckinCode = () => randomBytes(6).toString('hex').toUpperCase();

export interface ParticipantValues {
  organisation: string;
  enterpriseId: number | null;
  person: string;
  title: string | null;
  contact: string | null;
  role: string;
  availability: unknown[] | null;
  tableNo: number | null;
  maxMeetings: number | null;
  maxPerSession: number | null;
  synthetic: boolean;
}

const participantArgs = (v: ParticipantValues) => [
  v.organisation,
  v.enterpriseId,
  v.person,
  v.title,
  v.contact,
  v.role,
  v.availability === null ? null : JSON.stringify(v.availability),
  v.tableNo,
  v.maxMeetings,
  v.maxPerSession,
  v.synthetic,
];

export async function insertParticipant(db: Db, eventId: number, v: ParticipantValues): Promise<number> {
  const [r] = await db.query<{ id: number }>(
    `insert into conference_participants (organisation, enterprise_id, person, title, contact, role, availability,
       table_no, max_meetings, max_per_session, synthetic, event_id, checkin_code)
     values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11, $12, $13) returning id`,
    [...participantArgs(v), eventId, newCheckinCode()],
  );
  return r?.id as number;
}

export async function updateParticipant(db: Db, id: number, v: ParticipantValues, version: number): Promise<boolean> {
  const rows = await db.query(
    `update conference_participants set organisation = $1, enterprise_id = $2, person = $3, title = $4, contact = $5,
       role = $6, availability = $7::jsonb, table_no = $8, max_meetings = $9, max_per_session = $10, synthetic = $11,
       version = version + 1, updated_at = now()
     where id = $12 and version = $13 returning id`,
    [...participantArgs(v), id, version],
  );
  return rows.length > 0;
}

export async function deleteParticipant(db: Db, eventId: number, id: number): Promise<boolean> {
  return (
    (await db.query('delete from conference_participants where event_id = $1 and id = $2 returning id', [eventId, id]))
      .length > 0
  );
}

export async function checkIn(db: Db, id: number): Promise<string> {
  const [r] = await db.query<{ checked_in_at: Date }>(
    `update conference_participants set checked_in_at = coalesce(checked_in_at, now()) where id = $1 returning checked_in_at`,
    [id],
  );
  return r ? new Date(r.checked_in_at).toISOString() : new Date().toISOString();
}

// ─── requests and meetings ───

/** Pending requests past their expiry become expired, so they never hold a slot or a pair. */
export async function expirePending(db: Db, eventId: number): Promise<number> {
  const rows = await db.query(
    `update conference_requests set status = 'expired', updated_at = now(), version = version + 1
      where event_id = $1 and status = 'pending' and expires_at is not null and expires_at <= now() returning id`,
    [eventId],
  );
  return rows.length;
}

const REQUEST_SELECT = `select r.*, f.person as from_name, f.organisation as from_organisation,
    t.person as to_name, t.organisation as to_organisation
  from conference_requests r join conference_participants f on f.id = r.from_id
  join conference_participants t on t.id = r.to_id`;

export async function listRequests(
  db: Db,
  eventId: number,
  f: { status?: string | undefined; participantIds?: number[] | undefined; ids?: number[] } = {},
): Promise<TRequest[]> {
  const q = new Sql();
  const where = [`r.event_id = ${q.p(eventId)}`];
  if (f.status) where.push(`r.status = ${q.p(f.status)}`);
  if (f.participantIds) {
    const ids = q.p(f.participantIds);
    where.push(`(r.from_id = any(${ids}::int[]) or r.to_id = any(${ids}::int[]))`);
  }
  if (f.ids) where.push(`r.id = any(${q.p(f.ids)}::int[])`);
  const rows = await db.query(
    `${REQUEST_SELECT} where ${where.join(' and ')} order by r.created_at desc, r.id desc`,
    q.params,
  );
  return rows.map((r) => present<TRequest>(r));
}

export async function findRequest(db: Db, eventId: number, id: number): Promise<TRequest | undefined> {
  return (await listRequests(db, eventId, { ids: [id] }))[0];
}

export async function insertRequest(
  db: Db,
  eventId: number,
  v: {
    fromId: number;
    toId: number;
    message: string | null;
    priority: number;
    status: 'pending' | 'accepted';
    expiryHours: number;
    synthetic: boolean;
    createdBy: string | null;
  },
): Promise<number> {
  const [r] = await db.query<{ id: number }>(
    `insert into conference_requests (event_id, from_id, to_id, message, priority, status, expires_at, responded_at,
       synthetic, created_by)
     values ($1, $2, $3, $4, $5, $6, case when $6 = 'pending' then now() + make_interval(hours => $7::int) end,
       case when $6 = 'accepted' then now() end, $8, $9)
     returning id`,
    [eventId, v.fromId, v.toId, v.message, v.priority, v.status, v.expiryHours, v.synthetic, v.createdBy],
  );
  return r?.id as number;
}

/** Moves a request to a new status; leaving 'accepted' also takes it off the schedule. */
export async function setRequestStatus(db: Db, id: number, status: string, from: string[]): Promise<boolean> {
  const rows = await db.query(
    `update conference_requests set status = $2, responded_at = now(), updated_at = now(), version = version + 1,
       slot_id = case when $2 = 'accepted' then slot_id end, table_id = case when $2 = 'accepted' then table_id end,
       locked = case when $2 = 'accepted' then locked else false end
     where id = $1 and status = any($3::text[]) returning id`,
    [id, status, from],
  );
  return rows.length > 0;
}

export interface Placement {
  id: number;
  slotId: string | null;
  tableId: string | null;
  reason: string | null;
}

/** Writes many placements in one statement (a run touches every accepted request). */
export async function savePlacements(db: Db, eventId: number, placements: Placement[]): Promise<void> {
  if (placements.length === 0) return;
  await db.query(
    `update conference_requests r set slot_id = x.slot_id, table_id = x.table_id, unscheduled_reason = x.reason,
        locked = r.locked and x.slot_id is not null, updated_at = now()
       from jsonb_to_recordset($2::jsonb) as x(id int, slot_id text, table_id text, reason text)
      where r.id = x.id and r.event_id = $1`,
    [
      eventId,
      JSON.stringify(placements.map((p) => ({ id: p.id, slot_id: p.slotId, table_id: p.tableId, reason: p.reason }))),
    ],
  );
}

export async function setLocked(db: Db, eventId: number, id: number, locked: boolean): Promise<void> {
  await db.query('update conference_requests set locked = $3, updated_at = now() where event_id = $1 and id = $2', [
    eventId,
    id,
    locked,
  ]);
}

/** Takes every meeting off the schedule (locks and published places go too). */
export async function clearSchedule(db: Db, eventId: number): Promise<void> {
  await db.tx(async (t) => {
    await t.query(
      `update conference_requests set slot_id = null, table_id = null, locked = false, published_slot_id = null,
         published_table_id = null, unscheduled_reason = null, updated_at = now() where event_id = $1`,
      [eventId],
    );
    await t.query('update conference_settings set published_at = null where event_id = $1', [eventId]);
  });
}

export async function countScheduled(db: Db, eventId: number): Promise<number> {
  const [r] = await db.query<{ n: number }>(
    `select count(*)::int as n from conference_requests where event_id = $1 and status = 'accepted' and slot_id is not null`,
    [eventId],
  );
  return r?.n ?? 0;
}

export async function counts(db: Db, eventId: number) {
  const [r] = await db.query<{
    participants: number;
    pending: number;
    accepted: number;
    scheduled: number;
    checked_in: number;
  }>(
    `select (select count(*)::int from conference_participants where event_id = $1) as participants,
            (select count(*)::int from conference_participants where event_id = $1 and checked_in_at is not null) as checked_in,
            count(*) filter (where status = 'pending')::int as pending,
            count(*) filter (where status = 'accepted')::int as accepted,
            count(*) filter (where status = 'accepted' and slot_id is not null)::int as scheduled
       from conference_requests where event_id = $1`,
    [eventId],
  );
  return {
    participants: r?.participants ?? 0,
    pending: r?.pending ?? 0,
    accepted: r?.accepted ?? 0,
    scheduled: r?.scheduled ?? 0,
    checkedIn: r?.checked_in ?? 0,
  };
}

// ─── runs ───

export async function insertRun(db: Db, eventId: number, run: Omit<TRun, 'id' | 'createdAt'>): Promise<number> {
  const [r] = await db.query<{ id: number }>(
    `insert into conference_runs (event_id, options, method, scheduled, requested, weighted, upper_bound, gap, optimal,
       idle_gaps, moved, time_ms, unscheduled, run_by)
     values ($1, $2::jsonb, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14) returning id`,
    [
      eventId,
      JSON.stringify(run.options),
      run.method,
      run.scheduled,
      run.requested,
      run.weighted,
      run.upperBound,
      run.gap,
      run.optimal,
      run.idleGaps,
      run.moved,
      run.timeMs,
      JSON.stringify(run.unscheduled),
      run.runBy,
    ],
  );
  return r?.id as number;
}

export async function listRuns(db: Db, eventId: number, limit = 20): Promise<TRun[]> {
  const rows = await db.query('select * from conference_runs where event_id = $1 order by id desc limit $2', [
    eventId,
    limit,
  ]);
  return rows.map((r) => {
    const { eventId: _, ...run } = present<TRun & { eventId: number }>(r);
    return run;
  });
}
