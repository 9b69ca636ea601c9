/** Idle-slot accounting and the gap-closing local search shared by the heuristic and the MILP path. */
import type { State } from './model.js';

/** Idle slots of the given participants over every session: the quantity a gap move changes. */
export function localIdle(st: State, ps: number[]): number {
  let t = 0;
  for (const p of new Set(ps)) for (let k = 0; k < st.md.K; k++) t += st.idleOf(p, k);
  return t;
}

/** Change in idle slots if meeting m (placed or not) sat in slot s instead; m must fit there. */
export function idleDeltaPlace(st: State, m: number, s: number): number {
  const md = st.md;
  const ps = [md.mA[m]!, md.mB[m]!];
  const before = localIdle(st, ps);
  const from = st.slotOf[m]!;
  if (from >= 0) st.remove(m);
  st.place(m, s);
  const after = localIdle(st, ps);
  st.remove(m);
  if (from >= 0) st.place(m, from);
  return after - before;
}

/**
 * Closes idle slots without losing meetings: moves one meeting to another free slot, or swaps
 * the slots of two meetings of one participant, whenever idle slots drop (published meetings
 * move only for that; a move back to the published slot that costs no idle slot is taken).
 */
export function improveGaps(st: State, timeUp: () => boolean): void {
  const md = st.md;
  for (let pass = 0; pass < 8 && !timeUp(); pass++) {
    let improved = false;
    for (let m = 0; m < md.M; m++) {
      if (timeUp()) return;
      const from = st.slotOf[m]!;
      if (from < 0 || md.locked[m]! >= 0) continue;
      const a = md.mA[m]!;
      const b = md.mB[m]!;
      for (const s of md.cand[m]!) {
        if (s === from) continue;
        st.remove(m);
        const fits = st.canPlace(m, s);
        st.place(m, from);
        if (!fits) continue;
        const d = idleDeltaPlace(st, m, s);
        if (d < 0 || (d === 0 && md.pub[m] === s)) {
          st.remove(m);
          st.place(m, s);
          improved = true;
          break;
        }
      }
      if (st.slotOf[m] !== from) continue;
      // Swap with another meeting of a or b in the same session.
      for (const p of [a, b]) {
        const k = md.sessionOf[from]!;
        for (const s of md.sessionSlots[k]!) {
          const x = st.busy[p * md.S + s]!;
          if (x < 0 || x === m || md.locked[x]! >= 0) continue;
          if (md.pub[m] === from || md.pub[x] === s) continue;
          const ps = [a, b, md.mA[x]!, md.mB[x]!];
          const before = localIdle(st, ps);
          st.remove(m);
          st.remove(x);
          const ok1 = st.canPlace(m, s);
          if (ok1) st.place(m, s);
          const ok2 = ok1 && st.canPlace(x, from);
          if (ok2) st.place(x, from);
          if (ok2 && localIdle(st, ps) < before) {
            improved = true;
            break;
          }
          if (ok2) st.remove(x);
          if (ok1) st.remove(m);
          st.place(m, from);
          st.place(x, s);
        }
        if (st.slotOf[m] !== from) break;
      }
    }
    if (!improved) return;
  }
}
