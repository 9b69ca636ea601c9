/**
 * The exact floor plan with HiGHS, in two phases that keep the objective's order (tenants placed
 * first, then vertical distance):
 *   1. the most tenants placed: binary x[t,f] on feasible pairs, floor area and power, the lead
 *      chain's order with big-M for tenants left out, the lead-industry share;
 *   2. with that set placed, the least Σ weight × floors apart, written with cumulative sums
 *      Y[t,k] = Σ_{floors ≥ k} x[t,f] so that |z_s − z_t| = Σ_k Δk·|Y[s,k] − Y[t,k]| — much
 *      tighter than one big-M absolute value per link.
 * Each phase is warm-started (greedy, then phase 1's plan); the reported bound combines both, the
 * distance part being the larger of HiGHS' dual bound and the chain-band bound (plan-bound.ts), both
 * for the placed set phase 2 fixed (another set of as many tenants is not covered by it).
 */
import highsLoader, { type Highs } from 'highs';
import { chainBandBound, placedUpperBound } from './plan-bound.js';
import {
  bigM,
  floorReasons,
  heightKey,
  isLead,
  type PlanProblem,
  type PlanResult,
  planObjective,
  relGap,
} from './plan-model.js';

let loading: Promise<Highs> | undefined;
function loadHighs(): Promise<Highs> {
  if (!loading)
    loading = highsLoader().catch((e: unknown) => {
      loading = undefined;
      throw e;
    });
  return loading;
}

interface Lp {
  cost: number[];
  lower: number[];
  upper: number[];
  integer: boolean[];
  rows: { idx: number[]; val: number[]; lo: number; up: number }[];
}

const INF = Number.POSITIVE_INFINITY;

function newLp(): Lp & { col(c: number, lo: number, up: number, int: boolean): number } {
  const lp: Lp = { cost: [], lower: [], upper: [], integer: [], rows: [] };
  return Object.assign(lp, {
    col(c: number, lo: number, up: number, int: boolean) {
      lp.cost.push(c);
      lp.lower.push(lo);
      lp.upper.push(up);
      lp.integer.push(int);
      return lp.cost.length - 1;
    },
  });
}

async function run(
  lp: Lp,
  start: number[],
  timeLimitS: number,
  maximize: boolean,
): Promise<{ x: number[]; obj: number; bound: number | null; optimal: boolean } | null> {
  const highs = await loadHighs();
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const r of lp.rows) {
    for (let i = 0; i < r.idx.length; i++) {
      indices.push(r.idx[i]!);
      values.push(r.val[i]!);
    }
    starts.push(indices.length);
  }
  const n = lp.cost.length;
  const model = highs.createModel({
    numCols: n,
    numRows: lp.rows.length,
    colCost: lp.cost,
    colLower: lp.lower,
    colUpper: lp.upper,
    rowLower: lp.rows.map((r) => r.lo),
    rowUpper: lp.rows.map((r) => r.up),
    matrix: { format: 'csr', numRows: lp.rows.length, numCols: n, starts, indices, values },
    integrality: lp.integer.map((x) => (x ? 1 : 0)),
    sense: maximize ? highs.constants.objectiveSense.maximize : highs.constants.objectiveSense.minimize,
  });
  try {
    model.options.set({
      output_flag: false,
      time_limit: Math.max(0.1, timeLimitS),
      mip_rel_gap: 1e-4,
      mip_detect_symmetry: false,
    });
    model.setSolution({ colValue: start });
    model.run();
    const status = model.getModelStatus();
    const ms = highs.constants.modelStatus;
    if (status !== ms.optimal && status !== ms.timeLimit && status !== ms.iterationLimit) return null;
    const x = [...model.getSolution().colValue];
    const dual = Number(model.info.get('mip_dual_bound'));
    return {
      x,
      obj: model.getObjectiveValue(),
      bound: Number.isFinite(dual) ? dual : null,
      optimal: status === ms.optimal,
    };
  } catch {
    return null;
  } finally {
    model.dispose();
  }
}

interface XCol {
  t: number;
  f: number;
  col: number;
}

/** x columns on feasible pairs for the tenants in `which`. */
function xColumns(p: PlanProblem, lp: ReturnType<typeof newLp>, which: (ti: number) => boolean, cost: number): XCol[] {
  const out: XCol[] = [];
  p.tenants.forEach((t, ti) => {
    if (!which(ti)) return;
    p.building.floors.forEach((f, fi) => {
      if (floorReasons(p, t, f).length === 0) out.push({ t: ti, f: fi, col: lp.col(cost, 0, 1, true) });
    });
  });
  return out;
}

function capacityRows(p: PlanProblem, lp: Lp, xs: XCol[]): void {
  p.building.floors.forEach((f, fi) => {
    const on = xs.filter((x) => x.f === fi);
    if (on.length === 0) return;
    lp.rows.push({ idx: on.map((x) => x.col), val: on.map((x) => p.tenants[x.t]!.areaM2), lo: -INF, up: f.areaM2 });
    if (f.powerKva !== null)
      lp.rows.push({
        idx: on.map((x) => x.col),
        val: on.map((x) => p.tenants[x.t]!.powerKva),
        lo: -INF,
        up: f.powerKva,
      });
  });
}

function byTenant(p: PlanProblem, xs: XCol[]): XCol[][] {
  const out: XCol[][] = p.tenants.map(() => []);
  for (const x of xs) out[x.t]!.push(x);
  return out;
}

/**
 * Chain-order rows. `optional`: tenants may be left out (z = 0), so the lower bound is relaxed
 * by F when a tenant is not placed. Returns the lo/hi columns by order key, highest key first.
 */
function chainRows(
  p: PlanProblem,
  lp: ReturnType<typeof newLp>,
  per: XCol[][],
  inSet: (ti: number) => boolean,
  optional: boolean,
) {
  const floors = p.building.floors;
  const F = Math.max(...floors.map((f) => f.floorNo));
  const lead = p.tenants.map((t, i) => ({ t, i })).filter((x) => isLead(p, x.t) && inSet(x.i));
  const keys = [...new Set(lead.map((x) => heightKey(p, x.t)))].sort((a, b) => b - a);
  const cols: { lo: number; hi: number }[] = [];
  if (keys.length < 2) return { keys, cols };
  for (const _ of keys) {
    const c = { lo: lp.col(0, 0, F, false), hi: lp.col(0, 0, F, false) };
    cols.push(c);
    lp.rows.push({ idx: [c.lo, c.hi], val: [1, -1], lo: -INF, up: 0 });
  }
  for (const { t, i } of lead) {
    const c = cols[keys.indexOf(heightKey(p, t))]!;
    const list = per[i]!;
    if (list.length === 0) continue;
    lp.rows.push({
      idx: [...list.map((x) => x.col), c.hi],
      val: [...list.map((x) => floors[x.f]!.floorNo), -1],
      lo: -INF,
      up: 0,
    });
    lp.rows.push(
      optional
        ? {
            idx: [...list.map((x) => x.col), c.lo],
            val: [...list.map((x) => floors[x.f]!.floorNo - F), -1],
            lo: -F,
            up: INF,
          }
        : {
            idx: [...list.map((x) => x.col), c.lo],
            val: [...list.map((x) => floors[x.f]!.floorNo), -1],
            lo: 0,
            up: INF,
          },
    );
  }
  for (let j = 0; j + 1 < keys.length; j++)
    lp.rows.push({ idx: [cols[j]!.lo, cols[j + 1]!.hi], val: [1, -1], lo: 0, up: INF });
  return { keys, cols };
}

/** Rank bounds consistent with a plan (empty ranks squeezed onto the rank below them). */
function rankStart(
  p: PlanProblem,
  floorOf: Map<string, number | null>,
  keys: number[],
  v: number[],
  cols: { lo: number; hi: number }[],
) {
  let below = 0;
  for (let j = keys.length - 1; j >= 0; j--) {
    const fl = p.tenants
      .filter((t) => isLead(p, t) && heightKey(p, t) === keys[j])
      .map((t) => floorOf.get(t.key) ?? null)
      .filter((x): x is number => x !== null);
    if (fl.length > 0) {
      v[cols[j]!.lo] = Math.min(...fl);
      v[cols[j]!.hi] = Math.max(...fl);
      below = Math.max(...fl);
    } else {
      v[cols[j]!.lo] = below;
      v[cols[j]!.hi] = below;
    }
  }
}

function xStart(p: PlanProblem, xs: XCol[], floorOf: Map<string, number | null>, v: number[]): void {
  for (const x of xs) if ((floorOf.get(p.tenants[x.t]!.key) ?? null) === p.building.floors[x.f]!.floorNo) v[x.col] = 1;
}

function readPlan(p: PlanProblem, xs: XCol[], x: number[]): Map<string, number | null> {
  const floorOf = new Map<string, number | null>(p.tenants.map((t) => [t.key, null]));
  for (const c of xs) if (x[c.col]! > 0.5) floorOf.set(p.tenants[c.t]!.key, p.building.floors[c.f]!.floorNo);
  return floorOf;
}

/** Phase 1: the most tenants placed. */
async function phaseCount(p: PlanProblem, start: Map<string, number | null>, timeLimitS: number) {
  const lp = newLp();
  const xs = xColumns(p, lp, () => true, 1);
  const per = byTenant(p, xs);
  for (const list of per)
    if (list.length > 1) lp.rows.push({ idx: list.map((x) => x.col), val: list.map(() => 1), lo: 0, up: 1 });
  capacityRows(p, lp, xs);
  const { keys, cols } = chainRows(p, lp, per, () => true, true);
  if (p.building.leadingIndustry !== null && p.tenants.some((t) => !isLead(p, t))) {
    lp.rows.push({
      idx: xs.map((x) => x.col),
      val: xs.map((x) => {
        const t = p.tenants[x.t]!;
        return (isLead(p, t) ? 0 : t.areaM2) - p.maxOtherShare * t.areaM2;
      }),
      lo: -INF,
      up: 0,
    });
  }
  const v = new Array<number>(lp.cost.length).fill(0);
  xStart(p, xs, start, v);
  if (keys.length > 1) rankStart(p, start, keys, v, cols);
  const r = await run(lp, v, timeLimitS, true);
  if (!r) return null;
  const feasible = per.filter((l) => l.length > 0).length;
  // Without a dual bound (HiGHS stopped before one), the count found proves nothing: only "every tenant
  // with a feasible floor" bounds it then (this used to take the count found as proven).
  const upper = r.optimal ? r.obj : (r.bound ?? feasible);
  return { floorOf: readPlan(p, xs, r.x), upper: Math.min(feasible, upper), optimal: r.optimal };
}

/** Phase 2: the placed set fixed, the least weighted vertical distance. */
async function phaseDistance(p: PlanProblem, start: Map<string, number | null>, timeLimitS: number) {
  const placed = new Set(p.tenants.map((t, i) => ((start.get(t.key) ?? null) !== null ? i : -1)).filter((i) => i >= 0));
  const lp = newLp();
  const xs = xColumns(p, lp, (ti) => placed.has(ti), 0);
  const per = byTenant(p, xs);
  for (const ti of placed) lp.rows.push({ idx: per[ti]!.map((x) => x.col), val: per[ti]!.map(() => 1), lo: 1, up: 1 });
  capacityRows(p, lp, xs);
  const { keys, cols } = chainRows(p, lp, per, (ti) => placed.has(ti), false);
  // Floors in order; boundary k lies between sorted floors k−1 and k.
  const order = p.building.floors.map((f, fi) => ({ no: f.floorNo, fi })).sort((a, b) => a.no - b.no);
  const rankOf = new Map(order.map((o, k) => [o.fi, k]));
  const index = new Map(p.tenants.map((t, i) => [t.key, i]));
  const eCols: { s: number; t: number; k: number; col: number }[] = [];
  for (const l of p.links) {
    const s = index.get(l.from);
    const t = index.get(l.to);
    if (s === undefined || t === undefined || s === t || l.weight <= 0 || !placed.has(s) || !placed.has(t)) continue;
    const ts = p.tenants[s]!;
    const tt = p.tenants[t]!;
    if (keys.length > 1 && isLead(p, ts) && isLead(p, tt) && heightKey(p, ts) !== heightKey(p, tt)) {
      // The chain order fixes the sign: the higher key is never below, so |z_s − z_t| is linear.
      const [up, down] = heightKey(p, ts) > heightKey(p, tt) ? [s, t] : [t, s];
      for (const x of per[up]!) lp.cost[x.col]! += l.weight * p.building.floors[x.f]!.floorNo;
      for (const x of per[down]!) lp.cost[x.col]! -= l.weight * p.building.floors[x.f]!.floorNo;
      continue;
    }
    for (let k = 1; k < order.length; k++) {
      const step = order[k]!.no - order[k - 1]!.no;
      const e = lp.col(l.weight * step, 0, 1, false);
      eCols.push({ s, t, k, col: e });
      for (const sign of [1, -1]) {
        const idx = [e];
        const val = [1];
        for (const x of per[s]!)
          if (rankOf.get(x.f)! >= k) {
            idx.push(x.col);
            val.push(-sign);
          }
        for (const x of per[t]!)
          if (rankOf.get(x.f)! >= k) {
            idx.push(x.col);
            val.push(sign);
          }
        lp.rows.push({ idx, val, lo: 0, up: INF });
      }
    }
  }
  const v = new Array<number>(lp.cost.length).fill(0);
  xStart(p, xs, start, v);
  if (keys.length > 1) rankStart(p, start, keys, v, cols);
  const noOf = (ti: number) => start.get(p.tenants[ti]!.key) ?? 0;
  for (const e of eCols) {
    const b = order[e.k]!.no;
    v[e.col] = (noOf(e.s) ?? 0) >= b !== (noOf(e.t) ?? 0) >= b ? 1 : 0;
  }
  const r = await run(lp, v, timeLimitS, false);
  if (!r) return null;
  return { floorOf: readPlan(p, xs, r.x), bound: r.bound, optimal: r.optimal };
}

/** Both phases within `timeLimitS` (about 35 % for the first); null when HiGHS fails. */
export async function solveMip(
  p: PlanProblem,
  start: Map<string, number | null>,
  timeLimitS: number,
): Promise<Omit<PlanResult, 'method' | 'seconds'> | null> {
  const t0 = performance.now();
  const n = p.tenants.length;
  const M = bigM(p);
  const one = await phaseCount(p, start, timeLimitS * 0.35);
  if (!one) return null;
  // Keep the greedy set if phase 1 found no more (its distance is often better to start from).
  const placedOf = (m: Map<string, number | null>) => [...m.values()].filter((x) => x !== null).length;
  const base = placedOf(one.floorOf) > placedOf(start) ? one.floorOf : start;
  // The chain-band bound for that set, before phase 2, so that its time comes out of phase 2's.
  const set = new Set([...base].filter(([, f]) => f !== null).map(([k]) => k));
  const bandBound = chainBandBound(p, set);
  const left = timeLimitS - (performance.now() - t0) / 1000;
  const two = await phaseDistance(p, base, Math.max(0.2, left));
  const plan = two && planObjective(p, two.floorOf) <= planObjective(p, base) ? two.floorOf : base;
  const objective = planObjective(p, plan);
  const fits = (t: PlanProblem['tenants'][number]) =>
    p.building.floors.filter((f) => floorReasons(p, t, f).length === 0).map((f) => f.floorNo);
  const maxPlaced = Math.min(Math.floor(one.upper + 1e-6), placedUpperBound(p, fits));
  const unplacedLow = n - maxPlaced;
  let bound: number;
  // HiGHS' own bound on the distance is usually 0 within the limit (its relaxation splits tenants
  // over floors); the chain-band bound (plan-bound.ts) holds for the same placed set.
  const distanceBound = Math.max(0, two?.bound ?? 0, bandBound);
  if (placedOf(plan) === maxPlaced) bound = unplacedLow * M + distanceBound;
  else bound = unplacedLow * M;
  bound = Math.min(bound, objective);
  const optimal = Boolean(two?.optimal && placedOf(plan) === maxPlaced && plan === two.floorOf);
  // With the count proven, the gap is the distance's own (M × unplaced would dilute it).
  const countProven = placedOf(plan) === maxPlaced;
  const fixed = unplacedLow * M;
  const gap = optimal ? 0 : countProven ? relGap(objective - fixed, bound - fixed) : relGap(objective, bound);
  return { floorOf: plan, objective, bound: optimal ? objective : bound, gap, optimal };
}
