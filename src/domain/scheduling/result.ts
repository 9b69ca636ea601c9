/**
 * From a slot assignment to a SchedResult: tables are given per slot (locked meetings first at
 * their table, then published meetings at their old table when it is free and allowed, then the
 * rest: a participant's own fixed table, else any pooled table with a free seat), then the
 * unscheduled meetings get a reason, and the figures are counted.
 */
import type { Model, State } from './model.js';
import type { SchedAssignment, SchedMethod, SchedResult, UnscheduledReason } from './types.js';

interface TableInfo {
  id: string;
  cap: number;
  fixedFor: number;
}

/** Assigns tables to every placed meeting; a meeting that finds no table is taken out of the state. */
export function assignTables(md: Model, st: State): SchedAssignment[] {
  const tables: TableInfo[] = md.problem.tables.map((t) => ({
    id: t.id,
    cap: Math.max(0, Math.floor(t.capacity ?? 1)),
    fixedFor: t.fixedFor === undefined ? -1 : (md.pIndex.get(t.fixedFor) ?? -2),
  }));
  const byId = new Map(tables.map((t, i) => [t.id, i]));
  const fixedOf: number[][] = Array.from({ length: md.P }, () => []);
  const pooled: number[] = [];
  tables.forEach((t, i) => {
    if (t.fixedFor >= 0) fixedOf[t.fixedFor]!.push(i);
    else if (t.fixedFor === -1) pooled.push(i);
  });
  const bySlot: number[][] = Array.from({ length: md.S }, () => []);
  for (let m = 0; m < md.M; m++) if (st.slotOf[m]! >= 0) bySlot[st.slotOf[m]!]!.push(m);
  const tableOf = new Array<string | undefined>(md.M);
  const allowed = (m: number, ti: number): boolean => {
    const t = tables[ti]!;
    if (t.fixedFor >= 0) return t.fixedFor === md.mA[m] || t.fixedFor === md.mB[m];
    return t.fixedFor === -1 && md.needsPool[m] === 1;
  };
  for (let s = 0; s < md.S; s++) {
    const used = new Int32Array(tables.length);
    const list = bySlot[s]!;
    for (const m of list) {
      if (md.locked[m] === s) {
        const lt = md.problem.meetings[m]!.locked!.table;
        tableOf[m] = lt;
        const ti = byId.get(lt);
        if (ti !== undefined) used[ti]!++;
      }
    }
    for (const m of list) {
      const pubT = md.problem.meetings[m]!.published;
      if (tableOf[m] !== undefined || !pubT || md.pub[m] !== s) continue;
      const ti = byId.get(pubT.table);
      if (ti !== undefined && allowed(m, ti) && used[ti]! < tables[ti]!.cap) {
        used[ti]!++;
        tableOf[m] = pubT.table;
      }
    }
    for (const m of list) {
      if (tableOf[m] !== undefined) continue;
      const options = md.needsPool[m] ? pooled : [...fixedOf[md.mA[m]!]!, ...fixedOf[md.mB[m]!]!];
      const ti = options.find((i) => used[i]! < tables[i]!.cap);
      if (ti === undefined) st.remove(m);
      else {
        used[ti]!++;
        tableOf[m] = tables[ti]!.id;
      }
    }
  }
  const out: SchedAssignment[] = [];
  for (let m = 0; m < md.M; m++) {
    const s = st.slotOf[m]!;
    if (s >= 0) out.push({ meetingId: md.problem.meetings[m]!.id, slot: md.slotIds[s]!, table: tableOf[m]! });
  }
  return out;
}

/** Why meeting m is not in the schedule, judged against the final state. */
export function reasonOf(md: Model, st: State, m: number): UnscheduledReason {
  const cand = md.cand[m]!;
  const a = md.mA[m]!;
  const b = md.mB[m]!;
  if (cand.length === 0) {
    // Both there at some slot, yet no candidate: no table can take them (e.g. an empty booth).
    let common = false;
    for (let s = 0; s < md.S && a >= 0 && b >= 0 && a !== b; s++)
      if (md.avail[a * md.S + s] && md.avail[b * md.S + s]) common = true;
    return common ? 'no_room' : 'no_common_slot';
  }
  if (st.cnt[a]! >= md.capAll[a]! || st.cnt[b]! >= md.capAll[b]!) return 'cap_reached';
  const sessionFull = (s: number): boolean => {
    const k = md.sessionOf[s]!;
    return st.cntS[a * md.K + k]! >= md.capSess[a]! || st.cntS[b * md.K + k]! >= md.capSess[b]!;
  };
  if (cand.every(sessionFull)) return 'cap_reached';
  return 'no_room';
}

export interface Outcome {
  method: SchedMethod;
  upperBound: number;
  optimal: boolean;
  startedAt: number;
  boundSource: 'milp' | 'lp' | 'combinatorial';
}

/** Builds the public result: tables, reasons, value, idle gaps, moves, bound and gap. */
export function buildResult(md: Model, st: State, o: Outcome): SchedResult {
  const assignments = assignTables(md, st);
  const unscheduled: SchedResult['unscheduled'] = [];
  for (let m = 0; m < md.M; m++)
    if (st.slotOf[m]! < 0) unscheduled.push({ meetingId: md.problem.meetings[m]!.id, reason: reasonOf(md, st, m) });
  const at = new Map(assignments.map((x) => [x.meetingId, x]));
  let moved = 0;
  for (const m of md.problem.meetings) {
    if (!m.published) continue;
    const x = at.get(m.id);
    if (!x || x.slot !== m.published.slot || x.table !== m.published.table) moved++;
  }
  const value = roundW(st.value);
  const ub = Math.max(value, o.upperBound);
  const optimal = o.optimal && ub - value < 1e-6;
  return {
    assignments,
    unscheduled,
    weightedScheduled: value,
    scheduledCount: st.count,
    idleGaps: st.totalIdle(),
    moved,
    upperBound: ub,
    gap: optimal || ub <= 0 ? 0 : (ub - value) / ub,
    optimal,
    method: o.method,
    timeMs: Math.round(performance.now() - o.startedAt),
    boundSource: o.boundSource,
  };
}

/** Rounds away float noise from sums of weights. */
export function roundW(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
