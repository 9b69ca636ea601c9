/**
 * Exact model solved by HiGHS (WebAssembly, single-threaded). Binary x[m, s] for every meeting
 * and candidate slot; tables are given afterwards (result.ts), which is always possible: a
 * participant with fixed tables meets at most once per slot, so its own table is free, and the
 * other meetings only need a pooled seat, counted per slot. Idle slots are linear: for each
 * participant and session, f[i] ("has met at or before i") and g[i] ("meets at or after i") are
 * monotone and at least busy[i]; idle[i] >= f[i] + g[i] - 1 - busy[i]. At the optimum these are
 * exact, so they stay continuous. One weighted objective keeps the lexicographic order:
 * A·(weighted meetings) − B·(idle slots) + (published meetings kept), with B > #published and
 * A > B·(#idle columns) + #published, weights scaled to integers.
 */
import highsLoader, { type Highs, type ModelData } from 'highs';
import { type Model, State } from './model.js';

let loading: Promise<Highs> | undefined;

/**
 * Loads HiGHS once per process and reuses it; a failed load is retried on the next call. A small
 * warm-up solve lets V8 compile the hot WebAssembly functions with its optimising tier, which
 * makes the first real solve several times faster.
 */
export function loadHighs(): Promise<Highs> {
  if (!loading)
    loading = highsLoader().then(
      (highs) => {
        warmUp(highs);
        return highs;
      },
      (e: unknown) => {
        loading = undefined;
        throw e;
      },
    );
  return loading;
}

/** Solves a throw-away assignment LP (a 40 × 40 grid with row and column limits). */
function warmUp(highs: Highs): void {
  const n = 40;
  const starts = [0];
  const idx: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) idx.push(i * n + j);
    starts.push(idx.length);
  }
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) idx.push(i * n + j);
    starts.push(idx.length);
  }
  try {
    highs.withModel(
      {
        numCols: n * n,
        numRows: 2 * n,
        colCost: Array.from({ length: n * n }, (_, k) => 1 + ((k * 7919) % 13)),
        colLower: new Array<number>(n * n).fill(0),
        colUpper: new Array<number>(n * n).fill(1),
        rowLower: new Array<number>(2 * n).fill(Number.NEGATIVE_INFINITY),
        rowUpper: new Array<number>(2 * n).fill(3),
        matrix: {
          format: 'csr',
          numRows: 2 * n,
          numCols: n * n,
          starts,
          indices: idx,
          values: new Array<number>(idx.length).fill(1),
        },
        sense: highs.constants.objectiveSense.maximize,
      },
      (model) => {
        model.options.set({ output_flag: false, time_limit: 2 });
        model.run();
      },
    );
  } catch {
    // Only a speed-up: a failure here shows again, and is handled, in the real solve.
  }
}

export interface MilpBuild {
  data: ModelData;
  /** Column → meeting and slot, for the x columns (the first nX columns). */
  colM: Int32Array;
  colS: Int32Array;
  nX: number;
  /** Multiplier of the weighted-meetings term and weight scale (1 when weights are integers). */
  A: number;
  scale: number;
  /** Gap columns per (participant, session): first column of f, g, idle, and the slot range. */
  gapBlocks: { p: number; k: number; lo: number; hi: number; col: number }[];
}

interface Rows {
  starts: number[];
  idx: number[];
  val: number[];
  lo: number[];
  up: number[];
}

function addRow(r: Rows, idx: number[], val: number[], lo: number, up: number): void {
  for (let i = 0; i < idx.length; i++) {
    r.idx.push(idx[i]!);
    r.val.push(val[i]!);
  }
  r.starts.push(r.idx.length);
  r.lo.push(lo);
  r.up.push(up);
}

/**
 * Builds the model. 'lp': every column continuous, weighted meetings only (its optimum is the
 * LP-relaxation bound); 'primary': binary, weighted meetings then published meetings kept;
 * 'full': also the idle-slot columns.
 */
export function buildMilp(md: Model, mode: 'lp' | 'primary' | 'full'): MilpBuild {
  const relax = mode === 'lp';
  const base = new State(md); // locked meetings only
  const { S, K } = md;
  const INF = Number.POSITIVE_INFINITY;
  const integerW = md.w.every((x) => Number.isInteger(x));
  const scale = integerW ? 1 : 1000;
  const colM: number[] = [];
  const colS: number[] = [];
  const byPS = new Map<number, number[]>(); // p * S + s -> x columns
  const byM: number[][] = Array.from({ length: md.M }, () => []);
  const push = (key: number, c: number) => {
    const l = byPS.get(key);
    if (l) l.push(c);
    else byPS.set(key, [c]);
  };
  for (let m = 0; m < md.M; m++) {
    if (md.locked[m]! >= 0) continue;
    const a = md.mA[m]!;
    const b = md.mB[m]!;
    for (const s of md.cand[m]!) {
      if (base.busy[a * S + s] !== -1 || base.busy[b * S + s] !== -1) continue;
      if (md.needsPool[m] && md.poolCap[s]! <= 0) continue;
      const c = colM.length;
      colM.push(m);
      colS.push(s);
      byM[m]!.push(c);
      push(a * S + s, c);
      push(b * S + s, c);
    }
  }
  const nX = colM.length;
  const r: Rows = { starts: [0], idx: [], val: [], lo: [], up: [] };
  const ones = (n: number) => new Array<number>(n).fill(1);
  for (const cols of byM) if (cols.length > 1) addRow(r, cols, ones(cols.length), -INF, 1);
  for (const cols of byPS.values()) if (cols.length > 1) addRow(r, cols, ones(cols.length), -INF, 1);
  const poolCols: number[][] = Array.from({ length: S }, () => []);
  for (let c = 0; c < nX; c++) if (md.needsPool[colM[c]!]) poolCols[colS[c]!]!.push(c);
  for (let s = 0; s < S; s++) {
    const cols = poolCols[s]!;
    if (cols.length > md.poolCap[s]!) addRow(r, cols, ones(cols.length), -INF, md.poolCap[s]!);
  }
  const ofP: number[][] = Array.from({ length: md.P }, () => []);
  for (let c = 0; c < nX; c++) {
    ofP[md.mA[colM[c]!]!]!.push(c);
    ofP[md.mB[colM[c]!]!]!.push(c);
  }
  for (let p = 0; p < md.P; p++) {
    const cols = ofP[p]!;
    const rest = md.capAll[p]! - base.cnt[p]!;
    const distinct = new Set(cols.map((c) => colM[c]!)).size;
    if (distinct > rest) addRow(r, cols, ones(cols.length), -INF, Math.max(0, rest));
    for (let k = 0; k < K; k++) {
      const restK = md.capSess[p]! - base.cntS[p * K + k]!;
      const inK = cols.filter((c) => md.sessionOf[colS[c]!] === k);
      if (new Set(inK.map((c) => colM[c]!)).size > restK) addRow(r, inK, ones(inK.length), -INF, Math.max(0, restK));
    }
  }
  const cost: number[] = [];
  for (let c = 0; c < nX; c++) cost.push(Math.round(md.w[colM[c]!]! * scale));
  const upper = ones(nX);
  const gapBlocks: MilpBuild['gapBlocks'] = [];
  let nCols = nX;
  let A = 1;
  if (!relax) {
    for (let p = 0; p < md.P && mode === 'full'; p++)
      for (let k = 0; k < K; k++) {
        const slots = md.sessionSlots[k]!;
        const possible = (i: number) =>
          base.busy[p * S + slots[i]!] !== -1 || (byPS.get(p * S + slots[i]!)?.length ?? 0) > 0;
        let lo = -1;
        let hi = -1;
        let n = 0;
        for (let i = 0; i < slots.length; i++)
          if (possible(i)) {
            if (lo < 0) lo = i;
            hi = i;
            n++;
          }
        // Idle slots need two possible meeting slots with room between them.
        if (n < 2 || hi - lo < 2) continue;
        gapBlocks.push({ p, k, lo, hi, col: nCols });
        nCols += 3 * (hi - lo + 1);
      }
    const idleCols = gapBlocks.reduce((t, g) => t + (g.hi - g.lo - 1), 0);
    const nPub = md.pub.reduce((t, s, m) => t + (s >= 0 && md.locked[m]! < 0 ? 1 : 0), 0);
    const B = nPub + 1;
    A = B * (idleCols + 1);
    for (let c = 0; c < nX; c++) cost[c] = cost[c]! * A + (md.pub[colM[c]!] === colS[c] ? 1 : 0);
    for (const g of gapBlocks) {
      const L = g.hi - g.lo + 1;
      const f = (i: number) => g.col + (i - g.lo);
      const gg = (i: number) => g.col + L + (i - g.lo);
      const idle = (i: number) => g.col + 2 * L + (i - g.lo);
      for (let i = g.lo; i <= g.hi; i++) {
        cost.push(0);
        upper.push(1);
      }
      for (let i = g.lo; i <= g.hi; i++) {
        cost.push(0);
        upper.push(1);
      }
      for (let i = g.lo; i <= g.hi; i++) {
        cost.push(i === g.lo || i === g.hi ? 0 : -B);
        upper.push(1);
      }
      const slots = md.sessionSlots[g.k]!;
      for (let i = g.lo; i <= g.hi; i++) {
        const s = slots[i]!;
        const xs = byPS.get(g.p * S + s) ?? [];
        const lockedBusy = base.busy[g.p * S + s] !== -1 ? 1 : 0;
        const neg = xs.map(() => -1);
        addRow(r, [f(i), ...xs], [1, ...neg], lockedBusy, INF);
        addRow(r, [gg(i), ...xs], [1, ...neg], lockedBusy, INF);
        if (i > g.lo) addRow(r, [f(i), f(i - 1)], [1, -1], 0, INF);
        if (i < g.hi) addRow(r, [gg(i), gg(i + 1)], [1, -1], 0, INF);
        if (i > g.lo && i < g.hi)
          addRow(r, [idle(i), f(i), gg(i), ...xs], [1, -1, -1, ...ones(xs.length)], -1 - lockedBusy, INF);
      }
    }
  }
  const integrality = new Int32Array(nCols);
  if (!relax) integrality.fill(1, 0, nX);
  const data: ModelData = {
    numCols: nCols,
    numRows: r.lo.length,
    colCost: cost,
    colLower: new Array<number>(nCols).fill(0),
    colUpper: upper,
    rowLower: r.lo,
    rowUpper: r.up,
    matrix: {
      format: 'csr',
      numRows: r.lo.length,
      numCols: nCols,
      starts: r.starts,
      indices: r.idx,
      values: r.val,
    },
    ...(relax ? {} : { integrality }),
  };
  return { data, colM: Int32Array.from(colM), colS: Int32Array.from(colS), nX, A, scale, gapBlocks };
}

/** Column values of a state in a built model (x, then f, g, idle), for a warm start. */
export function startVector(md: Model, b: MilpBuild, st: State): Float64Array {
  const v = new Float64Array(b.data.numCols);
  for (let c = 0; c < b.nX; c++) if (st.slotOf[b.colM[c]!] === b.colS[c]) v[c] = 1;
  for (const g of b.gapBlocks) {
    const L = g.hi - g.lo + 1;
    const slots = md.sessionSlots[g.k]!;
    const busy = (i: number) => (st.busy[g.p * md.S + slots[i]!] !== -1 ? 1 : 0);
    let seen = 0;
    for (let i = g.lo; i <= g.hi; i++) {
      seen = Math.max(seen, busy(i));
      v[g.col + (i - g.lo)] = seen;
    }
    seen = 0;
    for (let i = g.hi; i >= g.lo; i--) {
      seen = Math.max(seen, busy(i));
      v[g.col + L + (i - g.lo)] = seen;
    }
    for (let i = g.lo + 1; i < g.hi; i++)
      v[g.col + 2 * L + (i - g.lo)] = Math.max(0, v[g.col + (i - g.lo)]! + v[g.col + L + (i - g.lo)]! - 1 - busy(i));
  }
  return v;
}

export interface MilpOutcome {
  state: State;
  /** Upper bound on the weighted meetings from HiGHS' dual bound (or the LP optimum). */
  upperBound: number;
  /** HiGHS proved the primary objective optimal. */
  optimal: boolean;
}

/**
 * Solves the exact model with HiGHS within `timeLimitMs`, warm-started from `start`. Returns
 * undefined when HiGHS fails or finds nothing; a solution that does not fit the state exactly
 * (numerical trouble) is dropped meeting by meeting rather than trusted.
 */
export async function solveMilp(
  md: Model,
  start: State,
  timeLimitMs: number,
  mode: 'primary' | 'full' = 'primary',
): Promise<MilpOutcome | undefined> {
  const highs = await loadHighs();
  const b = buildMilp(md, mode);
  if (b.nX === 0) return { state: start.clone(), upperBound: start.value, optimal: true };
  const model = highs.createModel({ ...b.data, sense: highs.constants.objectiveSense.maximize });
  try {
    model.options.set({
      output_flag: false,
      time_limit: Math.max(0.05, timeLimitMs / 1000),
      mip_rel_gap: 0,
      mip_abs_gap: 0.99,
    });
    model.setSolution({ colValue: startVector(md, b, start) });
    model.run();
    const status = model.getModelStatus();
    const ms = highs.constants.modelStatus;
    if (status !== ms.optimal && status !== ms.timeLimit && status !== ms.iterationLimit) return undefined;
    const x = model.getSolution().colValue;
    const st = new State(md);
    let clean = true;
    for (let c = 0; c < b.nX; c++) {
      if (!(x[c]! > 0.5)) continue;
      if (st.canPlace(b.colM[c]!, b.colS[c]!)) st.place(b.colM[c]!, b.colS[c]!);
      else clean = false;
    }
    const dual = Number(model.info.get('mip_dual_bound'));
    const idleCols = b.gapBlocks.reduce((t, g) => t + (g.hi - g.lo - 1), 0);
    const B = b.A / (idleCols + 1);
    // x columns exclude locked meetings: the bound covers the free part, locked ones are added.
    const wsUb = Number.isFinite(dual) ? Math.floor((dual + B * idleCols) / b.A + 1e-9) : Number.POSITIVE_INFINITY;
    let ub = new State(md).value + (b.scale === 1 ? wsUb : (wsUb + 0.5 * md.M) / b.scale);
    if (status === ms.optimal && clean) ub = Math.min(ub, st.value);
    return { state: st, upperBound: ub, optimal: status === ms.optimal && clean && b.scale === 1 };
  } catch {
    return undefined;
  } finally {
    model.dispose();
  }
}

/** LP-relaxation bound on the weighted meetings (undefined when HiGHS cannot solve it in time). */
export async function lpBound(md: Model, timeLimitMs: number): Promise<number | undefined> {
  const highs = await loadHighs();
  const b = buildMilp(md, 'lp');
  const locked = new State(md).value;
  if (b.nX === 0) return locked;
  const model = highs.createModel({ ...b.data, sense: highs.constants.objectiveSense.maximize });
  try {
    model.options.set({ output_flag: false, time_limit: Math.max(0.05, timeLimitMs / 1000) });
    model.run();
    if (model.getModelStatus() !== highs.constants.modelStatus.optimal) return undefined;
    const v = model.getObjectiveValue();
    return locked + (b.scale === 1 ? v : (v + 0.5 * md.M) / b.scale);
  } catch {
    return undefined;
  } finally {
    model.dispose();
  }
}
