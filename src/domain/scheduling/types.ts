/**
 * The one-to-one meeting scheduling problem at a matchmaking conference, as pure data.
 *
 * Meetings are edges between participants; slots are colours; a slot holds at most as many
 * meetings as there are tables free in it. The solver assigns accepted meetings to (slot, table)
 * so that no one is in two places, tables are not over-filled, availability and caps hold, and
 * locked meetings stay put; it maximises priority-weighted meetings, then minimises idle gaps
 * (empty slots between two meetings of one participant within a session), then moves of
 * published meetings. See ../../../docs/ARCHITECTURE.md and the reference
 * ../shared/reference/meeting-scheduling.md.
 *
 * Identifiers are plain strings so the database layer can pass its own ids through.
 */

export interface SchedSlot {
  /** Unique id of the slot (e.g. "s1-03"). Slots are given in time order. */
  id: string;
  /** Session (meeting block) the slot belongs to; idle gaps are counted within a session only. */
  session: string;
}

export interface SchedTable {
  id: string;
  /** Meetings the table can hold at the same time (default 1). */
  capacity?: number;
  /**
   * A table fixed to a participant (a booth): only that participant's meetings may use it, and
   * that participant's meetings must use one of its fixed tables. Without it the table is pooled.
   */
  fixedFor?: string;
}

export interface SchedParticipant {
  id: string;
  /** Slot ids when the participant is available; omitted = every slot. */
  available?: string[];
  /** Cap on meetings in the whole event (overrides the event default). */
  maxMeetings?: number;
  /** Cap on meetings in any one session (overrides the event default). */
  maxPerSession?: number;
}

export interface SchedMeeting {
  id: string;
  /** The two participants (order does not matter; a !== b). */
  a: string;
  b: string;
  /** Positive weight; higher = more important (e.g. must meet 3, meet 1). Default 1. */
  priority?: number;
  /** A locked meeting must stay exactly here (the solver never moves or drops it). */
  locked?: { slot: string; table: string };
  /** Where a published meeting is now: kept there when possible, moved only if it pays. */
  published?: { slot: string; table: string };
}

export interface SchedProblem {
  slots: SchedSlot[];
  tables: SchedTable[];
  participants: SchedParticipant[];
  /** Accepted requests to place. */
  meetings: SchedMeeting[];
  /** Event-wide default caps (participant values override). Omitted = unlimited. */
  maxMeetingsPerParticipant?: number;
  maxMeetingsPerSession?: number;
}

export type SchedMethod = 'milp' | 'heuristic' | 'greedy';

export interface SchedOptions {
  /** 'auto' (default) picks the exact MILP for small/medium events and the heuristic for large ones. */
  method?: 'auto' | SchedMethod;
  /** Wall-clock budget in milliseconds (default 20 000). The answer is always valid when it returns. */
  timeLimitMs?: number;
  /** Random seed for the heuristic (default fixed, so runs are reproducible). */
  seed?: number;
}

export interface SchedAssignment {
  meetingId: string;
  slot: string;
  table: string;
}

export type UnscheduledReason =
  | 'no_common_slot' // the two participants share no available slot
  | 'cap_reached' // a participant's caps leave no room
  | 'no_room'; // a common slot exists but every candidate was taken by better meetings

export interface SchedResult {
  assignments: SchedAssignment[];
  unscheduled: { meetingId: string; reason: UnscheduledReason }[];
  /** Sum of priorities of the scheduled meetings (the primary objective). */
  weightedScheduled: number;
  scheduledCount: number;
  /**
   * Idle slots between meetings of one participant within a session (empty slots between its
   * first and last meeting of the session), summed over participants and sessions.
   */
  idleGaps: number;
  /** Published meetings that ended up in another slot or table, or were dropped. */
  moved: number;
  /** Upper bound on weightedScheduled (LP relaxation or a combinatorial bound). */
  upperBound: number;
  /** (upperBound - weightedScheduled) / upperBound, 0 when proven optimal. */
  gap: number;
  optimal: boolean;
  method: SchedMethod;
  timeMs: number;
  /** Where upperBound comes from: the MILP's dual bound, an LP relaxation, or a counting bound. */
  boundSource?: 'milp' | 'lp' | 'combinatorial';
}

export interface SchedViolation {
  /** Machine-readable kind, e.g. 'double_booked', 'table_over_capacity', 'unavailable'. */
  kind: string;
  message: string;
  meetingId?: string;
  participantId?: string;
  slot?: string;
  table?: string;
}
