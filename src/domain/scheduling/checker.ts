/**
 * Independent checker of a meeting schedule. It is written from the problem statement alone and
 * shares no code with the solvers (model.ts, result.ts), so a solver bug shows up here.
 */
import type { SchedAssignment, SchedProblem, SchedViolation } from './types.js';

/**
 * Checks every constraint of a schedule and returns all violations (empty = valid): meetings
 * known and placed at most once; slots and tables known; both participants available; nobody in
 * two meetings in one slot; table capacity per slot; fixed tables (a table fixed to P only hosts
 * P's meetings, and a meeting of a participant with fixed tables sits at one of them — either
 * side's when both have some); caps per participant overall and per session (the participant's
 * own value, else the event default); locked meetings present exactly at their slot and table.
 */
export function checkSchedule(problem: SchedProblem, assignments: SchedAssignment[]): SchedViolation[] {
  const out: SchedViolation[] = [];
  const slotSession = new Map<string, string>();
  for (const s of problem.slots) slotSession.set(s.id, s.session);
  const tables = new Map(problem.tables.map((t) => [t.id, t]));
  const people = new Map(problem.participants.map((p) => [p.id, p]));
  const meetings = new Map(problem.meetings.map((m) => [m.id, m]));
  const fixedTablesOf = new Map<string, Set<string>>();
  for (const t of problem.tables) {
    if (t.fixedFor === undefined) continue;
    const set = fixedTablesOf.get(t.fixedFor) ?? new Set<string>();
    set.add(t.id);
    fixedTablesOf.set(t.fixedFor, set);
  }
  const isAvailable = (pid: string, slot: string): boolean => {
    const p = people.get(pid);
    if (!p) return false;
    return p.available === undefined || p.available.includes(slot);
  };

  const seen = new Set<string>();
  const inSlot = new Map<string, string>(); // `${participant}|${slot}` -> meeting id
  const tableLoad = new Map<string, number>(); // `${table}|${slot}` -> meetings
  const total = new Map<string, number>();
  const perSession = new Map<string, number>(); // `${participant}|${session}`
  const placed = new Map<string, SchedAssignment>();

  for (const x of assignments) {
    const m = meetings.get(x.meetingId);
    if (!m) {
      out.push({
        kind: 'unknown_meeting',
        message: `Meeting ${x.meetingId} is not a known meeting`,
        meetingId: x.meetingId,
      });
      continue;
    }
    if (seen.has(m.id)) {
      out.push({ kind: 'duplicate_meeting', message: `Meeting ${m.id} is scheduled more than once`, meetingId: m.id });
      continue;
    }
    seen.add(m.id);
    placed.set(m.id, x);
    const session = slotSession.get(x.slot);
    if (session === undefined)
      out.push({
        kind: 'unknown_slot',
        message: `Meeting ${m.id} is in unknown slot ${x.slot}`,
        meetingId: m.id,
        slot: x.slot,
      });
    const table = tables.get(x.table);
    if (!table)
      out.push({
        kind: 'unknown_table',
        message: `Meeting ${m.id} is at unknown table ${x.table}`,
        meetingId: m.id,
        table: x.table,
      });
    for (const pid of [m.a, m.b]) {
      if (!people.has(pid)) {
        out.push({
          kind: 'unknown_participant',
          message: `Meeting ${m.id} names unknown participant ${pid}`,
          meetingId: m.id,
          participantId: pid,
        });
        continue;
      }
      if (!isAvailable(pid, x.slot))
        out.push({
          kind: 'unavailable',
          message: `${pid} is not available in slot ${x.slot} (meeting ${m.id})`,
          meetingId: m.id,
          participantId: pid,
          slot: x.slot,
        });
      const key = `${pid}|${x.slot}`;
      const other = inSlot.get(key);
      if (other !== undefined)
        out.push({
          kind: 'double_booked',
          message: `${pid} has meetings ${other} and ${m.id} in slot ${x.slot}`,
          meetingId: m.id,
          participantId: pid,
          slot: x.slot,
        });
      else inSlot.set(key, m.id);
      total.set(pid, (total.get(pid) ?? 0) + 1);
      if (session !== undefined) perSession.set(`${pid}|${session}`, (perSession.get(`${pid}|${session}`) ?? 0) + 1);
    }
    if (table) {
      const key = `${table.id}|${x.slot}`;
      tableLoad.set(key, (tableLoad.get(key) ?? 0) + 1);
      if (table.fixedFor !== undefined && table.fixedFor !== m.a && table.fixedFor !== m.b)
        out.push({
          kind: 'fixed_table_foreign',
          message: `Table ${table.id} is fixed to ${table.fixedFor} but hosts meeting ${m.id}`,
          meetingId: m.id,
          table: table.id,
        });
      const own = [m.a, m.b].filter((pid) => fixedTablesOf.has(pid));
      if (own.length > 0 && !own.some((pid) => fixedTablesOf.get(pid)!.has(table.id)))
        out.push({
          kind: 'fixed_table_missed',
          message: `Meeting ${m.id} must sit at a fixed table of ${own.join(' or ')}, not ${table.id}`,
          meetingId: m.id,
          table: table.id,
        });
    }
  }

  for (const [key, load] of tableLoad) {
    const [tid, slot] = key.split('|') as [string, string];
    const cap = tables.get(tid)?.capacity ?? 1;
    if (load > cap)
      out.push({
        kind: 'table_over_capacity',
        message: `Table ${tid} holds ${load} meetings in slot ${slot} (capacity ${cap})`,
        table: tid,
        slot,
      });
  }
  for (const p of problem.participants) {
    const cap = p.maxMeetings ?? problem.maxMeetingsPerParticipant;
    const n = total.get(p.id) ?? 0;
    if (cap !== undefined && n > cap)
      out.push({ kind: 'cap_exceeded', message: `${p.id} has ${n} meetings (cap ${cap})`, participantId: p.id });
    const capS = p.maxPerSession ?? problem.maxMeetingsPerSession;
    if (capS === undefined) continue;
    for (const session of new Set(slotSession.values())) {
      const k = perSession.get(`${p.id}|${session}`) ?? 0;
      if (k > capS)
        out.push({
          kind: 'session_cap_exceeded',
          message: `${p.id} has ${k} meetings in session ${session} (cap ${capS})`,
          participantId: p.id,
        });
    }
  }
  for (const m of problem.meetings) {
    if (!m.locked) continue;
    const x = placed.get(m.id);
    if (!x || x.slot !== m.locked.slot || x.table !== m.locked.table)
      out.push({
        kind: 'locked_moved',
        message: `Locked meeting ${m.id} must be at ${m.locked.slot} / ${m.locked.table}`,
        meetingId: m.id,
      });
  }
  return out;
}

/**
 * Idle slots of a schedule counted from the assignments alone (empty slots between a
 * participant's first and last meeting within a session), for tests and reports.
 */
export function countIdleSlots(problem: SchedProblem, assignments: SchedAssignment[]): number {
  const meetings = new Map(problem.meetings.map((m) => [m.id, m]));
  const bySession = new Map<string, number[]>(); // `${participant}|${session}` -> slot positions
  const sessionOf = new Map(problem.slots.map((s) => [s.id, s.session]));
  // Position of each slot within its own session.
  const order = new Map<string, number>();
  const seenInSession = new Map<string, number>();
  for (const s of problem.slots) {
    const i = seenInSession.get(s.session) ?? 0;
    order.set(s.id, i);
    seenInSession.set(s.session, i + 1);
  }
  for (const x of assignments) {
    const m = meetings.get(x.meetingId);
    const pos = order.get(x.slot);
    if (!m || pos === undefined) continue;
    for (const pid of [m.a, m.b]) {
      const key = `${pid}|${sessionOf.get(x.slot)}`;
      const list = bySession.get(key) ?? [];
      list.push(pos);
      bySession.set(key, list);
    }
  }
  let idle = 0;
  for (const list of bySession.values()) {
    const uniq = [...new Set(list)];
    idle += Math.max(...uniq) - Math.min(...uniq) + 1 - uniq.length;
  }
  return idle;
}
