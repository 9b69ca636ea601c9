/**
 * Greedy baseline: meetings in priority order (ties: fewest common slots first, then input
 * order), each in its published slot when it still fits, else in the earliest slot that fits.
 * Deterministic, O(meetings × slots); the yardstick the other methods must beat.
 */
import { type Model, State } from './model.js';

/** Priority order used by the greedy baseline: weight desc, fewest candidates, input order. */
export function greedyOrder(md: Model): number[] {
  const order: number[] = [];
  for (let m = 0; m < md.M; m++) if (md.locked[m]! < 0) order.push(m);
  return order.sort((x, y) => md.w[y]! - md.w[x]! || md.cand[x]!.length - md.cand[y]!.length || x - y);
}

/** Runs the greedy baseline on a fresh state (locked meetings already placed). */
export function greedySchedule(md: Model): State {
  const st = new State(md);
  for (const m of greedyOrder(md)) {
    const p = md.pub[m]!;
    if (p >= 0 && st.canPlace(m, p)) {
      st.place(m, p);
      continue;
    }
    for (const s of md.cand[m]!)
      if (st.canPlace(m, s)) {
        st.place(m, s);
        break;
      }
  }
  return st;
}
