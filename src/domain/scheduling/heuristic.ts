/**
 * Heuristic for large events. A constructive pass (construct.ts) seats published meetings where
 * they are, then colours the meetings chosen by the selection LP (select.ts) into slots of their
 * session, fewest fitting slots first, then the rest by weight. Local search within the time
 * budget then inserts unscheduled meetings — directly, by shifting a blocking meeting to another
 * slot, by a Kempe-chain swap of two slots along an alternating path, or by displacing lighter
 * meetings when that gains weight — and finally closes idle slots (gaps.ts). Deterministic for a
 * seed.
 */
import { construct } from './construct.js';
import { improveGaps } from './gaps.js';
import { rng } from './generate.js';
import type { Model, State } from './model.js';

export { improveGaps } from './gaps.js';

/** A journal of moves so that a failed chain can be undone exactly. */
class Journal {
  readonly log: { m: number; from: number }[] = [];
  constructor(readonly st: State) {}
  move(m: number, to: number): void {
    this.log.push({ m, from: this.st.slotOf[m]! });
    if (this.st.slotOf[m]! >= 0) this.st.remove(m);
    if (to >= 0) this.st.place(m, to);
  }
  undo(mark: number): void {
    while (this.log.length > mark) {
      const { m, from } = this.log.pop()!;
      if (this.st.slotOf[m]! >= 0) this.st.remove(m);
      if (from >= 0) this.st.place(m, from);
    }
  }
}

export interface HeuristicOptions {
  deadline: number;
  seed: number;
  /** Start from this state instead of building one. */
  start?: State;
  /** Session chosen per meeting by the selection model (select.ts); -1 = not selected. */
  prefer?: Int32Array;
  /** A proven upper bound: once reached, only idle slots are worked on. */
  target?: number;
}

/** Runs the heuristic until no move helps or the deadline (performance.now() ms) passes. */
export function heuristicSchedule(md: Model, o: HeuristicOptions): State {
  const rand = rng(o.seed);
  const st = o.start ? o.start.clone() : construct(md, rand, o.prefer, () => performance.now() > o.deadline);
  const j = new Journal(st);
  // Own copy of the candidate lists: they get shuffled between rounds.
  const cand = md.cand.map((c) => [...c]);
  const timeUp = () => performance.now() > o.deadline;
  const isFree = (m: number) => md.locked[m]! < 0;

  /** Moves x to another slot where it fits as is (not `avoid`); false when none. */
  const shift = (x: number, avoid: number): boolean => {
    for (const t of cand[x]!) {
      if (t === avoid) continue;
      if (st.canPlace(x, t)) {
        j.move(x, t);
        return true;
      }
    }
    return false;
  };

  /**
   * Kempe chain: swaps slots s and t along the path of meetings that starts with p's meeting in
   * slot s, so that p becomes free in s. Every moved meeting must fit in its new slot.
   */
  const kempe = (p: number, s: number, t: number): boolean => {
    const path: { x: number; to: number }[] = [];
    const seen = new Set<number>();
    let cur = p;
    let at = s;
    while (path.length < 40) {
      const x = st.busy[cur * md.S + at]!;
      if (x < 0 || seen.has(x)) break;
      const to = at === s ? t : s;
      if (!isFree(x) || !md.avail[md.mA[x]! * md.S + to] || !md.avail[md.mB[x]! * md.S + to]) return false;
      seen.add(x);
      path.push({ x, to });
      cur = md.mA[x] === cur ? md.mB[x]! : md.mA[x]!;
      at = to;
    }
    if (path.length >= 40) return false;
    const mark = j.log.length;
    for (const e of path) j.move(e.x, -1);
    for (const e of path) {
      if (!st.canPlace(e.x, e.to)) {
        j.undo(mark);
        return false;
      }
      j.move(e.x, e.to);
    }
    return true;
  };

  /** Puts unscheduled m in: directly, by shifting a blocker, or by a Kempe chain; never loses weight. */
  const tryInsert = (m: number): boolean => {
    const a = md.mA[m]!;
    const b = md.mB[m]!;
    // Only a swap can help a participant at its overall cap.
    if (st.cnt[a]! >= md.capAll[a]! || st.cnt[b]! >= md.capAll[b]!) return false;
    for (const s of cand[m]!)
      if (st.canPlace(m, s)) {
        j.move(m, s);
        return true;
      }
    for (const s of cand[m]!) {
      const mark = j.log.length;
      let ok = true;
      for (const p of [a, b]) {
        const x = st.busy[p * md.S + s]!;
        if (x >= 0 && !(isFree(x) && shift(x, s))) ok = false;
        if (!ok) break;
      }
      if (ok && md.needsPool[m] && st.pool[s]! >= md.poolCap[s]!) ok = freeSeat(s);
      if (ok && st.canPlace(m, s)) {
        j.move(m, s);
        return true;
      }
      j.undo(mark);
    }
    if (timeUp()) return false;
    for (const s of cand[m]!) {
      for (const t of cand[m]!) {
        if (s === t) continue;
        for (const [p, q] of [
          [a, b],
          [b, a],
        ] as const) {
          // q is free in s already; chain p's meeting in s over to t.
          if (st.busy[q * md.S + s] !== -1 || st.busy[p * md.S + s] === -1 || st.busy[p * md.S + t] !== -1) continue;
          const mark = j.log.length;
          if (kempe(p, s, t) && st.canPlace(m, s)) {
            j.move(m, s);
            return true;
          }
          j.undo(mark);
        }
      }
    }
    return false;
  };

  /** Frees one pooled seat in slot s by shifting a pooled meeting of s elsewhere. */
  const freeSeat = (s: number): boolean => {
    for (let p = 0; p < md.P; p++) {
      const x = st.busy[p * md.S + s]!;
      if (x < 0 || md.mA[x] !== p || !md.needsPool[x] || !isFree(x)) continue;
      if (shift(x, s)) return true;
    }
    return false;
  };

  /** Displaces lighter meetings (blockers or a capped participant's lightest) when m is heavier. */
  const trySwap = (m: number): boolean => {
    const w0 = st.value;
    const a = md.mA[m]!;
    const b = md.mB[m]!;
    for (const s of cand[m]!) {
      const mark = j.log.length;
      const k = md.sessionOf[s]!;
      for (const p of [a, b]) {
        const x = st.busy[p * md.S + s]!;
        if (x >= 0 && isFree(x) && !shift(x, s)) j.move(x, -1);
        const capped = st.cnt[p]! >= md.capAll[p]! || st.cntS[p * md.K + k]! >= md.capSess[p]!;
        if (capped) {
          let lightest = -1;
          const slots = st.cnt[p]! >= md.capAll[p]! ? allSlots : md.sessionSlots[k]!;
          for (const u of slots) {
            const y = st.busy[p * md.S + u]!;
            if (y >= 0 && isFree(y) && (lightest < 0 || md.w[y]! < md.w[lightest]!)) lightest = y;
          }
          if (lightest >= 0) j.move(lightest, -1);
        }
      }
      if (md.needsPool[m] && st.pool[s]! >= md.poolCap[s]!) freeSeat(s);
      if (st.canPlace(m, s)) {
        j.move(m, s);
        if (st.value > w0 + 1e-9) return true;
      }
      j.undo(mark);
    }
    return false;
  };
  const allSlots = Array.from({ length: md.S }, (_, i) => i);

  const unscheduled = () => {
    const list: number[] = [];
    for (let m = 0; m < md.M; m++) if (st.slotOf[m]! < 0 && md.cand[m]!.length > 0) list.push(m);
    return list.sort((x, y) => md.w[y]! - md.w[x]! || x - y);
  };

  // Insertion rounds: repeat while something got in.
  const reached = () => o.target !== undefined && st.value >= o.target - 1e-9;
  for (let round = 0; round < 6 && !timeUp() && !reached(); round++) {
    let gained = false;
    for (const m of unscheduled()) {
      if (timeUp()) break;
      if (st.slotOf[m]! >= 0) continue;
      const mark = j.log.length;
      if (tryInsert(m) || trySwap(m)) gained = true;
      else j.undo(mark);
      j.log.length = 0;
    }
    if (!gained) break;
    shuffleInPlace(cand, rand);
  }
  improveGaps(st, timeUp);
  return st;
}

function shuffleInPlace(lists: number[][], rand: () => number): void {
  for (const l of lists)
    for (let i = l.length - 1; i > 0; i--) {
      const k = Math.floor(rand() * (i + 1));
      [l[i], l[k]] = [l[k]!, l[i]!];
    }
}
