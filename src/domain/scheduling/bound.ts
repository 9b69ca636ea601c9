/**
 * Cheap upper bounds on the weighted number of meetings, valid for every schedule.
 */
import type { Model } from './model.js';

/**
 * Counting bound, the least of: (1) every meeting that has a common slot (or is locked);
 * (2) half the sum over participants of their k best meetings, k = min(overall cap, sum over
 * sessions of min(session cap, available slots)) — each meeting is counted at both ends;
 * (3) meetings that need no pooled seat plus the best pooled ones that fit in the pooled seats.
 */
export function countingBound(md: Model): number {
  const feasible = (m: number) => md.cand[m]!.length > 0 || md.locked[m]! >= 0;
  const per: number[][] = Array.from({ length: md.P }, () => []);
  let all = 0;
  let nonPool = 0;
  const pooled: number[] = [];
  let lockedPooled = 0;
  for (let m = 0; m < md.M; m++) {
    if (!feasible(m)) continue;
    const w = md.w[m]!;
    all += w;
    if (md.mA[m]! >= 0) per[md.mA[m]!]!.push(w);
    if (md.mB[m]! >= 0) per[md.mB[m]!]!.push(w);
    if (md.needsPool[m]) {
      pooled.push(w);
      if (md.locked[m]! >= 0) lockedPooled++;
    } else nonPool += w;
  }
  let twice = 0;
  for (let p = 0; p < md.P; p++) {
    let k = 0;
    for (const slots of md.sessionSlots) {
      let avail = 0;
      for (const s of slots) avail += md.avail[p * md.S + s]!;
      k += Math.min(avail, md.capSess[p]!);
    }
    k = Math.min(k, md.capAll[p]!);
    twice += topSum(per[p]!, k);
  }
  let seats = lockedPooled;
  for (let s = 0; s < md.S; s++) seats += md.poolCap[s]!;
  return Math.min(all, twice / 2, nonPool + topSum(pooled, seats));
}

function topSum(ws: number[], k: number): number {
  if (ws.length <= k) return ws.reduce((a, b) => a + b, 0);
  const sorted = [...ws].sort((a, b) => b - a);
  let t = 0;
  for (let i = 0; i < k; i++) t += sorted[i]!;
  return t;
}

/** Tightens a bound when every weight is an integer (the value then is one too). */
export function integralBound(md: Model, ub: number): number {
  for (let m = 0; m < md.M; m++) if (!Number.isInteger(md.w[m]!)) return ub;
  return Math.floor(ub + 1e-6);
}
