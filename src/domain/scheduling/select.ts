/**
 * Slot-free relaxation: which meetings to hold in which session, ignoring the order of slots.
 * Binary z[m, k] with: each meeting at most once; per participant its overall cap; per
 * participant and session min(session cap, free available slots); per session the pooled seats
 * of its slots. Every schedule gives a feasible z, so its LP optimum (or the MILP's dual bound)
 * is a valid upper bound, and its solution is a good set of meetings to colour into slots: on a
 * skewed event most lost meetings are lost to caps, and this is a weighted b-matching that
 * greedy orders get wrong.
 */
import type { ModelData } from 'highs';
import { loadHighs } from './milp.js';
import { type Model, State } from './model.js';

export interface Selection {
  /** Session chosen for each meeting, -1 when not selected (locked meetings: their session). */
  session: Int32Array;
  /** Upper bound on the weighted meetings of any schedule. */
  upperBound: number;
  /** Weighted value of the selection (an upper bound only when proven optimal). */
  value: number;
  optimal: boolean;
}

/** Solves the selection model with HiGHS; undefined when HiGHS fails or time runs out first. */
export async function selectMeetings(md: Model, timeLimitMs: number, integer: boolean): Promise<Selection | undefined> {
  const base = new State(md);
  const { S, K } = md;
  const INF = Number.POSITIVE_INFINITY;
  const colM: number[] = [];
  const colK: number[] = [];
  const byM: number[][] = Array.from({ length: md.M }, () => []);
  const byPK = new Map<number, number[]>();
  const byP: number[][] = Array.from({ length: md.P }, () => []);
  const poolK: number[][] = Array.from({ length: K }, () => []);
  for (let m = 0; m < md.M; m++) {
    if (md.locked[m]! >= 0) continue;
    const a = md.mA[m]!;
    const b = md.mB[m]!;
    const ks = new Set<number>();
    for (const s of md.cand[m]!)
      if (base.busy[a * S + s] === -1 && base.busy[b * S + s] === -1) ks.add(md.sessionOf[s]!);
    for (const k of ks) {
      const c = colM.length;
      colM.push(m);
      colK.push(k);
      byM[m]!.push(c);
      for (const p of [a, b]) {
        byP[p]!.push(c);
        const key = p * K + k;
        const l = byPK.get(key);
        if (l) l.push(c);
        else byPK.set(key, [c]);
      }
      if (md.needsPool[m]) poolK[k]!.push(c);
    }
  }
  const n = colM.length;
  const lockedValue = base.value;
  if (n === 0) return { session: lockedSessions(md), upperBound: lockedValue, value: lockedValue, optimal: true };
  const starts = [0];
  const idx: number[] = [];
  const lo: number[] = [];
  const up: number[] = [];
  const row = (cols: number[], rhs: number) => {
    idx.push(...cols);
    starts.push(idx.length);
    lo.push(-INF);
    up.push(Math.max(0, rhs));
  };
  for (const cols of byM) if (cols.length > 1) row(cols, 1);
  for (let p = 0; p < md.P; p++) {
    const rest = md.capAll[p]! - base.cnt[p]!;
    if (byP[p]!.length / 1 > rest) row(byP[p]!, rest);
    for (let k = 0; k < K; k++) {
      const cols = byPK.get(p * K + k);
      if (!cols) continue;
      let free = 0;
      for (const s of md.sessionSlots[k]!) if (md.avail[p * S + s] && base.busy[p * S + s] === -1) free++;
      const cap = Math.min(free, md.capSess[p]! - base.cntS[p * K + k]!);
      if (cols.length > cap) row(cols, cap);
    }
  }
  for (let k = 0; k < K; k++) {
    let seats = 0;
    for (const s of md.sessionSlots[k]!) seats += md.poolCap[s]!;
    if (poolK[k]!.length > seats) row(poolK[k]!, seats);
  }
  const highs = await loadHighs();
  // Keeping a published meeting in its session is worth less than any weight: weights are scaled
  // by B = published + 1 and each kept one adds 1, so the weighted value still comes first.
  const B = md.pub.reduce((t, s) => t + (s >= 0 ? 1 : 0), 0) + 1;
  const keeps = (c: number) => (md.pub[colM[c]!]! >= 0 && md.sessionOf[md.pub[colM[c]!]!] === colK[c] ? 1 : 0);
  const data: ModelData = {
    numCols: n,
    numRows: lo.length,
    colCost: colM.map((m, c) => md.w[m]! * B + keeps(c)),
    colLower: new Array<number>(n).fill(0),
    colUpper: new Array<number>(n).fill(1),
    rowLower: lo,
    rowUpper: up,
    matrix: {
      format: 'csr',
      numRows: lo.length,
      numCols: n,
      starts,
      indices: idx,
      values: new Array<number>(idx.length).fill(1),
    },
    ...(integer ? { integrality: new Int32Array(n).fill(1) } : {}),
  };
  const model = highs.createModel({ ...data, sense: highs.constants.objectiveSense.maximize });
  try {
    model.options.set({ output_flag: false, time_limit: Math.max(0.05, timeLimitMs / 1000), mip_rel_gap: 1e-6 });
    model.run();
    const status = model.getModelStatus();
    const ms = highs.constants.modelStatus;
    if (status !== ms.optimal && status !== ms.timeLimit) return undefined;
    const x = model.getSolution().colValue;
    const session = lockedSessions(md);
    let value = lockedValue;
    for (let c = 0; c < n; c++)
      if (x[c]! > 0.5 && session[colM[c]!] === -1) {
        session[colM[c]!] = colK[c]!;
        value += md.w[colM[c]!]!;
      }
    // The kept-published bonus is non-negative, so objective / B bounds the weighted value.
    const bound = (integer ? Number(model.info.get('mip_dual_bound')) : model.getObjectiveValue()) / B;
    if (!Number.isFinite(bound) || (!integer && status !== ms.optimal)) return undefined;
    return { session, upperBound: lockedValue + bound, value, optimal: status === ms.optimal };
  } catch {
    return undefined;
  } finally {
    model.dispose();
  }
}

function lockedSessions(md: Model): Int32Array {
  const out = new Int32Array(md.M).fill(-1);
  for (let m = 0; m < md.M; m++) if (md.locked[m]! >= 0) out[m] = md.sessionOf[md.locked[m]!]!;
  return out;
}
