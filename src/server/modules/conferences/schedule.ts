/**
 * Use cases: the schedule. The organiser runs the engine (src/domain/scheduling) on every accepted
 * request, moves or removes one meeting by hand (checked with the independent checker, so a hand move
 * can never double-book anyone), locks meetings, and publishes the schedule. Locked meetings are
 * passed to the engine as fixed; published places are passed as `published`, so a re-run after
 * changes keeps them where possible.
 */
import type { z } from 'zod';
import type { TRequest, TRun, ZRunOptions } from '../../../contracts/conferences.js';
import { type FieldProblem, fieldProblem } from '../../../contracts/errors.js';
import type { Db } from '../../../db/connect.js';
import {
  checkSchedule,
  type SchedAssignment,
  type SchedProblem,
  type SchedResult,
  type SchedViolation,
} from '../../../domain/scheduling/index.js';
import { AppError, invalid, notFound } from '../../lib/errors.js';
import { type AuditCtx, writeAudit } from '../../platform/audit.js';
import { runInThread } from '../../platform/jobs/threads.js';
import type { Loaded } from './conference.js';
import { availableSlots, slotText } from './grid.js';
import { assertManage } from './policy.js';
import * as repo from './repository.js';

/** The engine's problem for this conference and these accepted requests. */
export function problemOf(c: Loaded, meetings: readonly TRequest[], keepPublished: boolean): SchedProblem {
  const s = c.settings;
  return {
    slots: c.slots.map((x) => ({ id: x.id, session: x.session })),
    tables: c.tables.map((t) => ({
      id: t.id,
      capacity: t.capacity,
      ...(t.fixedFor !== null ? { fixedFor: String(t.fixedFor) } : {}),
    })),
    participants: c.participants.map((p) => ({
      id: String(p.id),
      ...(p.availability !== null ? { available: availableSlots(c.slots, p.availability) } : {}),
      ...(p.maxMeetings !== null ? { maxMeetings: p.maxMeetings } : {}),
      ...(p.maxPerSession !== null ? { maxPerSession: p.maxPerSession } : {}),
    })),
    meetings: meetings.map((m) => ({
      id: String(m.id),
      a: String(m.fromId),
      b: String(m.toId),
      priority: m.priority,
      ...(m.locked && m.slotId && m.tableId ? { locked: { slot: m.slotId, table: m.tableId } } : {}),
      ...(keepPublished && m.publishedSlotId && m.publishedTableId
        ? { published: { slot: m.publishedSlotId, table: m.publishedTableId } }
        : {}),
    })),
    ...(s.maxMeetingsPerParticipant !== null ? { maxMeetingsPerParticipant: s.maxMeetingsPerParticipant } : {}),
    ...(s.maxMeetingsPerSession !== null ? { maxMeetingsPerSession: s.maxMeetingsPerSession } : {}),
  };
}

const assignmentsOf = (meetings: readonly TRequest[]): SchedAssignment[] =>
  meetings.flatMap((m) =>
    m.slotId && m.tableId ? [{ meetingId: String(m.id), slot: m.slotId, table: m.tableId }] : [],
  );

const SCHEDULING = new URL('../../../domain/scheduling/index.ts', import.meta.url);
const METHOD = { auto: 'auto', exact: 'milp', heuristic: 'heuristic' } as const;

/** Runs the engine on every accepted request and stores the placements and the run's summary. */
export async function runScheduler(
  db: Db,
  c: Loaded,
  options: z.output<typeof ZRunOptions>,
  by: string | null,
  job?: { signal: AbortSignal; progress(p: { done: number; total: number; phase: string }): void },
  audit?: AuditCtx,
): Promise<TRun> {
  assertManage(c.access);
  const meetings = await repo.listRequests(db, c.event.id, { status: 'accepted' });
  const problem = problemOf(c, meetings, options.keepPublished);
  // Locked meetings stay put, so ones that no longer fit (a participant's availability or caps
  // changed since) are the organiser's to resolve: name them instead of failing the run.
  const locked = problem.meetings.flatMap((m) =>
    m.locked ? [{ meetingId: m.id, slot: m.locked.slot, table: m.locked.table }] : [],
  );
  const lockedConflicts = checkSchedule(problem, locked);
  if (lockedConflicts.length > 0) throw invalid(lockedConflicts.map((v) => lockedConflict(c, v)));
  job?.progress({ done: 0, total: meetings.length, phase: 'solve' });
  // The solvers are pure and CPU-bound (HiGHS in WebAssembly): a worker thread runs them, so the
  // process stays responsive for as long as the time limit allows them to search.
  const result = await runInThread<SchedResult>(
    SCHEDULING,
    'scheduleMeetings',
    [problem, { method: METHOD[options.method], timeLimitMs: Math.round(options.timeLimitSeconds * 1000) }],
    job?.signal,
  );
  job?.progress({ done: result.scheduledCount, total: meetings.length, phase: 'save' });
  // Never store a schedule the independent checker refuses.
  const violations = checkSchedule(problem, result.assignments);
  if (violations.length > 0) throw new AppError(500, 'internal', [], { violations });
  const placed = new Map(result.assignments.map((a) => [a.meetingId, a]));
  const reasons = new Map(result.unscheduled.map((u) => [u.meetingId, u.reason]));
  const run = {
    method: result.method,
    scheduled: result.scheduledCount,
    requested: meetings.length,
    weighted: result.weightedScheduled,
    upperBound: result.upperBound,
    gap: result.gap,
    optimal: result.optimal,
    idleGaps: result.idleGaps,
    moved: result.moved,
    timeMs: Math.round(result.timeMs),
    unscheduled: result.unscheduled.map((u) => ({ requestId: Number(u.meetingId), reason: u.reason })),
    options: { ...options },
    runBy: by,
  };
  // The placements, the run and its audit row commit together (the solve itself ran outside).
  const id = await db.tx(async (t) => {
    await repo.savePlacements(
      t,
      c.event.id,
      meetings.map((m) => {
        const a = placed.get(String(m.id));
        return {
          id: m.id,
          slotId: a?.slot ?? null,
          tableId: a?.table ?? null,
          reason: a ? null : (reasons.get(String(m.id)) ?? 'no_room'),
        };
      }),
    );
    const id = await repo.insertRun(t, c.event.id, run);
    await writeAudit(t, audit, {
      entity: 'conference_runs',
      entityId: id,
      action: 'create',
      new: { eventId: c.event.id, method: run.method, scheduled: run.scheduled, requested: run.requested, options },
    });
    return id;
  });
  return { ...run, id, createdAt: new Date().toISOString() };
}

/** Violations in both languages, naming the people, the time and the table. */
function describe(c: Loaded, v: SchedViolation) {
  const p = c.participants.find((x) => String(x.id) === v.participantId);
  const who = p ? `${p.organisation}（${p.person}）` : (v.participantId ?? '');
  const whoEn = p ? `${p.organisation} (${p.person})` : (v.participantId ?? '');
  const slot = c.slots.find((s) => s.id === v.slot);
  // the session's name and time (上午场 09:00), not the slot's id
  const when = slot ? slotText(slot, c.settings.sessions, 'zh') : (v.slot ?? '');
  const whenEn = slot ? slotText(slot, c.settings.sessions, 'en') : (v.slot ?? '');
  const table = c.tables.find((t) => t.id === v.table);
  const owner = c.participants.find((x) => x.id === table?.fixedFor);
  const tz = table ? `${table.no} 号桌` : (v.table ?? '');
  const te = table ? `table ${table.no}` : (v.table ?? '');
  const m: Record<string, [string[], string, string]> = {
    double_booked: [['slotId'], `${who} 在 ${when} 已有会谈`, `${whoEn} already has a meeting at ${whenEn}`],
    unavailable: [['slotId'], `${who} 在 ${when} 不在场`, `${whoEn} is not available at ${whenEn}`],
    table_over_capacity: [['tableId'], `${tz} 在 ${when} 已满`, `${te} is full at ${whenEn}`],
    fixed_table_foreign: [
      ['tableId'],
      `${tz} 是 ${owner?.organisation ?? ''} 的专属桌`,
      `${te} is the booth of ${owner?.organisation ?? ''}`,
    ],
    fixed_table_missed: [['tableId'], `${who} 须在其专属桌会谈`, `${whoEn} meets at its own booth`],
    cap_exceeded: [['slotId'], `${who} 已达会谈总数上限`, `${whoEn} has reached its meeting cap`],
    session_cap_exceeded: [['slotId'], `${who} 已达本场会谈上限`, `${whoEn} has reached its cap for this session`],
    unknown_slot: [['slotId'], '会议没有这个时段', 'the conference has no such slot'],
    unknown_table: [['tableId'], `没有桌位 ${v.table ?? ''}`, `no table ${v.table ?? ''}`],
  };
  const [path, zh, en] = m[v.kind] ?? [['slotId'], v.message, v.message];
  // The conflict itself is the message: "X already has a meeting at …", not a generic prefix.
  const problem: FieldProblem = { path, code: 'invalid_value', message: { zh, en } };
  return problem;
}

/** A conflict among locked meetings, in both languages, telling the organiser to unlock. */
function lockedConflict(c: Loaded, v: SchedViolation): FieldProblem {
  const p = describe(c, v);
  return {
    path: ['locked'],
    code: 'invalid_value',
    message: {
      zh: `锁定的会谈无法保留：${p.message.zh}。请解锁或调整后重排。`,
      en: `A locked meeting cannot stay: ${p.message.en}. Unlock or adjust it, then run again.`,
    },
  };
}

async function acceptedMeeting(db: Db, c: Loaded, id: number) {
  const meetings = await repo.listRequests(db, c.event.id, { status: 'accepted' });
  const m = meetings.find((x) => x.id === id);
  if (!m) {
    if (await repo.findRequest(db, c.event.id, id))
      throw invalid([
        fieldProblem(['id'], 'invalid_value', {
          zh: '只能安排已接受的请求',
          en: 'only accepted requests are scheduled',
        }),
      ]);
    throw notFound();
  }
  return { m, meetings };
}

/** Puts one meeting in a slot and table by hand; refused with every new conflict named. */
export async function placeMeeting(db: Db, c: Loaded, id: number, slotId: string, tableId: string): Promise<void> {
  assertManage(c.access);
  const { m, meetings } = await acceptedMeeting(db, c, id);
  if (m.locked)
    throw invalid([
      fieldProblem(['id'], 'invalid_value', {
        zh: '会谈已锁定，请先解锁',
        en: 'the meeting is locked: unlock it first',
      }),
    ]);
  const problem = problemOf(c, meetings, false);
  const before = assignmentsOf(meetings);
  const after = [
    ...before.filter((a) => a.meetingId !== String(id)),
    { meetingId: String(id), slot: slotId, table: tableId },
  ];
  const key = (v: SchedViolation) => `${v.kind}|${v.participantId ?? ''}|${v.slot ?? ''}|${v.table ?? ''}`;
  const known = new Set(checkSchedule(problem, before).map(key));
  const fresh = checkSchedule(problem, after).filter((v) => !known.has(key(v)));
  if (fresh.length > 0) throw invalid(fresh.map((v) => describe(c, v)));
  await repo.savePlacements(db, c.event.id, [{ id, slotId, tableId, reason: null }]);
}

export async function unplaceMeeting(db: Db, c: Loaded, id: number): Promise<void> {
  assertManage(c.access);
  const { m } = await acceptedMeeting(db, c, id);
  if (m.locked)
    throw invalid([
      fieldProblem(['id'], 'invalid_value', {
        zh: '会谈已锁定，请先解锁',
        en: 'the meeting is locked: unlock it first',
      }),
    ]);
  await repo.savePlacements(db, c.event.id, [{ id, slotId: null, tableId: null, reason: 'manual' }]);
}

export async function lockMeeting(db: Db, c: Loaded, id: number, locked: boolean): Promise<void> {
  assertManage(c.access);
  const { m } = await acceptedMeeting(db, c, id);
  if (locked && !m.slotId)
    throw invalid([
      fieldProblem(['locked'], 'invalid_value', {
        zh: '未排入日程的会谈不能锁定',
        en: 'only a scheduled meeting can be locked',
      }),
    ]);
  await repo.setLocked(db, c.event.id, id, locked);
}
