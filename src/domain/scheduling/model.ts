/**
 * Solver-side view of a scheduling problem: dense indexes, candidate slots per meeting and the
 * mutable slot-assignment state shared by the greedy, heuristic and MILP solvers. Tables are
 * decided afterwards (tables.ts): a participant with fixed tables is in at most one meeting per
 * slot, so its meetings always fit at its own table, and meetings between two pooled
 * participants only need a count of pooled seats per slot. The checker (checker.ts) does not use
 * this file.
 */
import type { SchedProblem } from './types.js';

export interface Model {
  problem: SchedProblem;
  /** Slots, sessions, participants, meetings. */
  S: number;
  K: number;
  P: number;
  M: number;
  slotIds: string[];
  slotIndex: Map<string, number>;
  sessionOf: Int32Array;
  /** Slot indices of each session, in time order. */
  sessionSlots: number[][];
  pIndex: Map<string, number>;
  capAll: Float64Array;
  capSess: Float64Array;
  /** avail[p * S + s] = 1 when participant p is available in slot s. */
  avail: Uint8Array;
  /** Participants with at least one fixed table of positive capacity. */
  hasFixed: Uint8Array;
  /** Participants with a fixed table of zero total capacity: their meetings need the other side's table. */
  fixedNoRoom: Uint8Array;
  /** Pooled seats per slot left after locked meetings at pooled tables. */
  poolCap: Int32Array;
  mA: Int32Array;
  mB: Int32Array;
  w: Float64Array;
  /** 1 when the meeting needs a pooled seat (neither side has a usable fixed table). */
  needsPool: Uint8Array;
  /** Slots where both sides are available (and a table kind exists), in time order. */
  cand: number[][];
  /** Locked slot index, -1 when not locked. */
  locked: Int32Array;
  /** Published slot index, -1 when not published. */
  pub: Int32Array;
}

/** Builds the dense model; unknown participants or slots make a meeting unplaceable (no candidates). */
export function buildModel(problem: SchedProblem): Model {
  const slotIds = problem.slots.map((s) => s.id);
  const slotIndex = new Map(slotIds.map((id, i) => [id, i]));
  const S = slotIds.length;
  const sessionKeys = new Map<string, number>();
  const sessionOf = new Int32Array(S);
  const sessionSlots: number[][] = [];
  problem.slots.forEach((slot, i) => {
    let k = sessionKeys.get(slot.session);
    if (k === undefined) {
      k = sessionKeys.size;
      sessionKeys.set(slot.session, k);
      sessionSlots.push([]);
    }
    sessionOf[i] = k;
    sessionSlots[k]!.push(i);
  });
  const K = sessionSlots.length;
  const P = problem.participants.length;
  const pIndex = new Map(problem.participants.map((p, i) => [p.id, i]));
  const capAll = new Float64Array(P);
  const capSess = new Float64Array(P);
  const avail = new Uint8Array(P * S);
  problem.participants.forEach((p, i) => {
    capAll[i] = p.maxMeetings ?? problem.maxMeetingsPerParticipant ?? Number.POSITIVE_INFINITY;
    capSess[i] = p.maxPerSession ?? problem.maxMeetingsPerSession ?? Number.POSITIVE_INFINITY;
    if (p.available === undefined) avail.fill(1, i * S, (i + 1) * S);
    else
      for (const sid of p.available) {
        const s = slotIndex.get(sid);
        if (s !== undefined) avail[i * S + s] = 1;
      }
  });
  const fixedSeats = new Float64Array(P);
  const fixedAny = new Uint8Array(P);
  const tableById = new Map(problem.tables.map((t) => [t.id, t]));
  let pooled = 0;
  for (const t of problem.tables) {
    const cap = Math.max(0, Math.floor(t.capacity ?? 1));
    if (t.fixedFor === undefined) pooled += cap;
    else {
      const p = pIndex.get(t.fixedFor);
      if (p !== undefined) {
        fixedAny[p] = 1;
        fixedSeats[p]! += cap;
      }
    }
  }
  const hasFixed = new Uint8Array(P);
  const fixedNoRoom = new Uint8Array(P);
  for (let p = 0; p < P; p++) {
    if (fixedAny[p]) {
      if (fixedSeats[p]! > 0) hasFixed[p] = 1;
      else fixedNoRoom[p] = 1;
    }
  }
  const poolCap = new Int32Array(S).fill(pooled);
  const M = problem.meetings.length;
  const mA = new Int32Array(M);
  const mB = new Int32Array(M);
  const w = new Float64Array(M);
  const needsPool = new Uint8Array(M);
  const locked = new Int32Array(M).fill(-1);
  const pub = new Int32Array(M).fill(-1);
  const cand: number[][] = [];
  problem.meetings.forEach((m, i) => {
    const a = pIndex.get(m.a);
    const b = pIndex.get(m.b);
    w[i] = m.priority ?? 1;
    mA[i] = a ?? -1;
    mB[i] = b ?? -1;
    if (m.locked) {
      const s = slotIndex.get(m.locked.slot);
      if (s !== undefined) {
        locked[i] = s;
        // A locked meeting at a pooled table takes one of that slot's pooled seats for good.
        const t = tableById.get(m.locked.table);
        if (t && t.fixedFor === undefined) poolCap[s]!--;
      }
    }
    if (m.published) pub[i] = slotIndex.get(m.published.slot) ?? -1;
    const list: number[] = [];
    if (a !== undefined && b !== undefined && a !== b) {
      const fixedSide = hasFixed[a] || hasFixed[b];
      // A participant whose fixed tables hold no seat can only meet at the other side's fixed table.
      const blocked = (fixedNoRoom[a] || fixedNoRoom[b]) && !fixedSide;
      needsPool[i] = fixedSide ? 0 : 1;
      if (!blocked) for (let s = 0; s < S; s++) if (avail[a * S + s] && avail[b * S + s]) list.push(s);
    }
    cand.push(list);
  });
  for (let s = 0; s < S; s++) if (poolCap[s]! < 0) poolCap[s] = 0;
  return {
    problem,
    S,
    K,
    P,
    M,
    slotIds,
    slotIndex,
    sessionOf,
    sessionSlots,
    pIndex,
    capAll,
    capSess,
    avail,
    hasFixed,
    fixedNoRoom,
    poolCap,
    mA,
    mB,
    w,
    needsPool,
    cand,
    locked,
    pub,
  };
}

/** Mutable slot assignment with the counters every move needs; tables are not decided here. */
export class State {
  readonly slotOf: Int32Array;
  /** busy[p * S + s] = meeting index or -1. */
  readonly busy: Int32Array;
  readonly cnt: Int32Array;
  readonly cntS: Int32Array;
  readonly pool: Int32Array;
  value = 0;
  count = 0;

  constructor(
    readonly md: Model,
    withLocked = true,
  ) {
    this.slotOf = new Int32Array(md.M).fill(-1);
    this.busy = new Int32Array(md.P * md.S).fill(-1);
    this.cnt = new Int32Array(md.P);
    this.cntS = new Int32Array(md.P * md.K);
    this.pool = new Int32Array(md.S);
    if (withLocked)
      for (let m = 0; m < md.M; m++) {
        const s = md.locked[m]!;
        if (s >= 0) this.place(m, s);
      }
  }

  clone(): State {
    const c = new State(this.md, false);
    c.slotOf.set(this.slotOf);
    c.busy.set(this.busy);
    c.cnt.set(this.cnt);
    c.cntS.set(this.cntS);
    c.pool.set(this.pool);
    c.value = this.value;
    c.count = this.count;
    return c;
  }

  copyFrom(o: State): void {
    this.slotOf.set(o.slotOf);
    this.busy.set(o.busy);
    this.cnt.set(o.cnt);
    this.cntS.set(o.cntS);
    this.pool.set(o.pool);
    this.value = o.value;
    this.count = o.count;
  }

  /** Whether meeting m fits in slot s now (availability, both sides free, caps, pooled seats). */
  canPlace(m: number, s: number): boolean {
    const md = this.md;
    const a = md.mA[m]!;
    const b = md.mB[m]!;
    if (a < 0 || b < 0 || !md.avail[a * md.S + s] || !md.avail[b * md.S + s]) return false;
    if (this.busy[a * md.S + s] !== -1 || this.busy[b * md.S + s] !== -1) return false;
    if (md.needsPool[m] && this.pool[s]! >= md.poolCap[s]!) return false;
    const k = md.sessionOf[s]!;
    if (this.cnt[a]! >= md.capAll[a]! || this.cnt[b]! >= md.capAll[b]!) return false;
    if (this.cntS[a * md.K + k]! >= md.capSess[a]! || this.cntS[b * md.K + k]! >= md.capSess[b]!) return false;
    return true;
  }

  place(m: number, s: number): void {
    const md = this.md;
    const a = md.mA[m]!;
    const b = md.mB[m]!;
    this.slotOf[m] = s;
    const k = md.sessionOf[s]!;
    if (a >= 0) {
      if (this.busy[a * md.S + s] === -1) this.busy[a * md.S + s] = m;
      this.cnt[a]!++;
      this.cntS[a * md.K + k]!++;
    }
    if (b >= 0) {
      if (this.busy[b * md.S + s] === -1) this.busy[b * md.S + s] = m;
      this.cnt[b]!++;
      this.cntS[b * md.K + k]!++;
    }
    // Locked meetings already took their seat out of poolCap.
    if (md.needsPool[m] && md.locked[m] !== s) this.pool[s]!++;
    this.value += md.w[m]!;
    this.count++;
  }

  remove(m: number): void {
    const md = this.md;
    const s = this.slotOf[m]!;
    if (s < 0) return;
    const a = md.mA[m]!;
    const b = md.mB[m]!;
    const k = md.sessionOf[s]!;
    this.slotOf[m] = -1;
    if (this.busy[a * md.S + s] === m) this.busy[a * md.S + s] = -1;
    if (this.busy[b * md.S + s] === m) this.busy[b * md.S + s] = -1;
    this.cnt[a]!--;
    this.cnt[b]!--;
    this.cntS[a * md.K + k]!--;
    this.cntS[b * md.K + k]!--;
    if (md.needsPool[m] && md.locked[m] !== s) this.pool[s]!--;
    this.value -= md.w[m]!;
    this.count--;
  }

  /** Idle slots of participant p in session k: empty slots between its first and last meeting. */
  idleOf(p: number, k: number): number {
    const md = this.md;
    let first = -1;
    let last = -1;
    let busy = 0;
    const slots = md.sessionSlots[k]!;
    for (let i = 0; i < slots.length; i++) {
      if (this.busy[p * md.S + slots[i]!] !== -1) {
        if (first < 0) first = i;
        last = i;
        busy++;
      }
    }
    return first < 0 ? 0 : last - first + 1 - busy;
  }

  totalIdle(): number {
    let t = 0;
    for (let p = 0; p < this.md.P; p++) for (let k = 0; k < this.md.K; k++) t += this.idleOf(p, k);
    return t;
  }
}
