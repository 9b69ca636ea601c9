/** Use cases: a conference's settings (read with defaults, save with checks) and its overview. */
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { TConference, ZConferenceSettingsInput } from '../../../contracts/conferences.js';
import { fieldProblem } from '../../../contracts/errors.js';
import type { Db } from '../../../db/connect.js';
import { AppError, invalid, notFound } from '../../lib/errors.js';
import {
  availableMinutes,
  cutSlots,
  type Slot,
  settingsProblems,
  type Table,
  tableAreaProblems,
  tablesOf,
} from './grid.js';
import { type Access, accessOf, assertManage } from './policy.js';
import * as repo from './repository.js';

export interface Loaded {
  event: repo.EventRow;
  settings: repo.SettingsRow;
  configured: boolean;
  slots: Slot[];
  tables: Table[];
  participants: repo.ParticipantRow[];
  access: Access;
}

/** Settings of an event without saved ones: two sessions on its first day, 20-minute slots, ten tables. */
export function defaultSettings(event: repo.EventRow): repo.SettingsRow {
  const date = event.startedOn ?? new Date().toISOString().slice(0, 10);
  return {
    sessions: [
      { key: 'am', name: '上午场', date, start: '09:00', end: '12:00', breaks: [{ start: '10:20', end: '10:40' }] },
      { key: 'pm', name: '下午场', date, start: '14:00', end: '17:00', breaks: [] },
    ],
    venue: null,
    tableAreas: [],
    slotMinutes: 20,
    tableMode: 'pooled',
    tableCount: 10,
    tableCapacity: 1,
    maxMeetingsPerParticipant: null,
    maxMeetingsPerSession: null,
    requestExpiryHours: 72,
    organiserUserIds: [],
    publishedAt: null,
    synthetic: false,
    version: 0,
  };
}

/** Loads an event's conference: 404 when the event does not exist; pending requests past expiry expire first. */
export async function loadConference(db: Db, eventId: number, req: FastifyRequest | null): Promise<Loaded> {
  const event = await repo.findEvent(db, eventId);
  if (!event) throw notFound();
  await repo.expirePending(db, eventId);
  const saved = await repo.findSettings(db, eventId);
  const settings = saved ?? defaultSettings(event);
  const participants = await repo.listParticipants(db, eventId);
  const slots = cutSlots(settings.sessions, settings.slotMinutes);
  const tables = tablesOf(
    settings.tableCount,
    settings.tableCapacity,
    settings.tableMode,
    participants,
    settings.tableAreas ?? [],
  );
  const access = req
    ? accessOf(req, settings, participants)
    : { manage: true, readAll: true, own: [], readOnly: false };
  return { event, settings, configured: Boolean(saved), slots, tables, participants, access };
}

export async function overview(db: Db, c: Loaded, warnings: TConference['warnings'] = []): Promise<TConference> {
  const runs = c.access.readAll ? await repo.listRuns(db, c.event.id, 1) : [];
  const { publishedAt, ...s } = c.settings;
  return {
    eventId: c.event.id,
    eventName: c.event.name,
    eventKind: c.event.kind,
    city: c.event.city,
    configured: c.configured,
    ...s,
    venue: s.venue ?? null,
    tableAreas: s.tableAreas ?? [],
    sessions: s.sessions.map((x) => ({ ...x, breaks: x.breaks ?? [] })),
    publishedAt,
    slots: c.slots,
    tables: c.tables,
    counts: await repo.counts(db, c.event.id),
    lastRun: runs[0] ?? null,
    mayManage: c.access.manage,
    mayReadAll: c.access.readAll,
    ownParticipantIds: c.access.own,
    warnings,
  };
}

/**
 * Saves settings. Every problem is reported at once. The slot grid (sessions, slot length) cannot
 * change while meetings are on the schedule — their slots would vanish under them — so the organiser
 * clears the schedule first; availability is kept as time windows and re-cut, and participants who
 * lose available time to the new grid are named in `warnings`.
 */
export async function saveConferenceSettings(
  db: Db,
  c: Loaded,
  input: z.output<typeof ZConferenceSettingsInput>,
): Promise<TConference['warnings']> {
  assertManage(c.access);
  const problems = [...settingsProblems(input), ...tableAreaProblems(input.tableAreas, input.tableCount)];
  const gridChanged =
    c.configured &&
    (input.slotMinutes !== c.settings.slotMinutes ||
      JSON.stringify(cutSlots(input.sessions, input.slotMinutes)) !== JSON.stringify(c.slots));
  if (gridChanged && (await repo.countScheduled(db, c.event.id)) > 0) {
    const msg = {
      zh: '已有会谈排入日程，须先清空日程再改场次或时段长度',
      en: 'meetings are on the schedule: clear it before changing sessions or slot length',
    };
    problems.push(
      fieldProblem([input.slotMinutes !== c.settings.slotMinutes ? 'slotMinutes' : 'sessions'], 'invalid_value', msg),
    );
  }
  const overCount = c.participants.filter((p) => p.tableNo !== null && p.tableNo > input.tableCount);
  if (input.tableMode === 'fixed' && overCount.length > 0) {
    problems.push(
      fieldProblem(['tableCount'], 'too_small', {
        zh: `${overCount[0]?.organisation ?? ''} 等 ${overCount.length} 位参会者的桌号超出桌数`,
        en: `${overCount.length} participant(s), e.g. ${overCount[0]?.organisation ?? ''}, hold a table number above the count`,
      }),
    );
  }
  // Named organisers must be active users of a role that may organise (see ORGANISER_ROLES).
  if (input.organiserUserIds.length > 0) {
    const ok = new Set((await organiserCandidates(db)).map((u) => u.id));
    input.organiserUserIds.forEach((id, i) => {
      if (!ok.has(id) && !c.settings.organiserUserIds.includes(id))
        problems.push(fieldProblem(['organiserUserIds', i], 'reference_not_found', { zh: String(id), en: String(id) }));
    });
  }
  if (problems.length > 0) throw invalid(problems);
  const version = c.configured ? (input.version ?? -1) : undefined;
  if (c.configured && input.version === undefined) throw new AppError(428, 'version_required');
  const saved = await repo.saveSettings(
    db,
    c.event.id,
    {
      sessions: input.sessions.map((s) => ({ ...s, name: s.name ?? null })),
      venue: input.venue ? input.venue : null,
      tableAreas: input.tableAreas,
      slotMinutes: input.slotMinutes,
      tableMode: input.tableMode,
      tableCount: input.tableCount,
      tableCapacity: input.tableCapacity,
      maxMeetingsPerParticipant: input.maxMeetingsPerParticipant ?? null,
      maxMeetingsPerSession: input.maxMeetingsPerSession ?? null,
      requestExpiryHours: input.requestExpiryHours,
      organiserUserIds: input.organiserUserIds,
      synthetic: c.settings.synthetic,
    },
    version,
  );
  if (saved < 0) throw new AppError(409, 'stale_version');
  if (!gridChanged) return [];
  const next = cutSlots(input.sessions, input.slotMinutes);
  return c.participants
    .filter(
      (p) =>
        p.availability !== null && availableMinutes(next, p.availability) < availableMinutes(c.slots, p.availability),
    )
    .map((p) => ({
      zh: `${p.organisation}（${p.person}）的可用时间因新时段划分而减少，请核对`,
      en: `${p.organisation} (${p.person}) has less available time on the new slot grid: please check`,
    }));
}

/**
 * Roles that may be named organisers of a conference: district and park staff co-host them.
 * City administrators and investment officers organise every conference anyway; analysts only read;
 * enterprise users take part.
 */
export const ORGANISER_ROLES = ['district_user', 'park_operator'] as const;

/** Active users who may be named organisers, with their organisation, for the settings picker. */
export async function organiserCandidates(db: Db) {
  return db.query<{ id: number; display_name: string; username: string; role: string; organisation: string | null }>(
    `select u.id, u.display_name, u.username, u.role, o.name as organisation
       from users u left join organisations o on o.id = u.organisation_id
      where not u.disabled and u.role = any($1::text[]) order by u.role, u.display_name`,
    [[...ORGANISER_ROLES]],
  );
}
