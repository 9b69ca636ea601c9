/**
 * One-dimensional bin packing: bounds first, heuristics next, HiGHS last. The answer always
 * carries the best lower bound found, so its gap is known even when it is not proven optimal.
 *   1. L2 (Martello–Toth) lower bound.
 *   2. FFD, BFD and minimum bin slack; stop if one meets the bound. With every size above C/4
 *      (at most three items per bin: triplets) an exact-fill search with restarts when the sizes
 *      add up to bound × C, and an exact-cover search too.
 *   3. A large-neighbourhood search with bin completion, and the swap search, towards the bound.
 *   4. Arc-flow LP bound (may raise the bound above L2 — u250_13-type instances), then the
 *      arc-flow integer model with the time left.
 */
import { solveArcFlow } from './arcflow.js';
import { boundL2 } from './bounds.js';
import {
  bestFitDecreasing,
  firstFitDecreasing,
  lnsReduce,
  minimumBinSlack,
  type Packing,
  reduceBins,
  tripleCover,
} from './heuristics.js';
import { tripletLns } from './triplets.js';

export interface BinPackingResult {
  bins: Packing;
  lowerBound: number;
  /** bins.length === lowerBound, or HiGHS proved the packing optimal */
  optimal: boolean;
  /** which step produced the packing */
  method: 'ffd' | 'bfd' | 'mbs' | 'cover' | 'lns' | 'swap' | 'arcflow';
  /** which bound: 'L2', 'arcflow-lp' or 'arcflow-mip' */
  boundSource: 'L2' | 'arcflow-lp' | 'arcflow-mip';
  ms: number;
}

export class BinPackingInputError extends Error {}

/** Checks the input: positive integer capacity, integer sizes in 1..capacity. */
function validate(sizes: readonly number[], capacity: number): void {
  if (!Number.isInteger(capacity) || capacity <= 0)
    throw new BinPackingInputError('capacity must be a positive integer');
  sizes.forEach((s, i) => {
    if (!Number.isInteger(s) || s <= 0 || s > capacity)
      throw new BinPackingInputError(`item ${i} has size ${s}, not an integer in 1..${capacity}`);
  });
}

/**
 * The heuristic part alone (synchronous, no HiGHS): best packing found within `budgetMs` and
 * the L2 bound.
 */
export function packHeuristic(
  sizes: readonly number[],
  capacity: number,
  opts: { budgetMs?: number; seed?: number; target?: number } = {},
): { bins: Packing; lowerBound: number; method: BinPackingResult['method'] } {
  validate(sizes, capacity);
  const t0 = Date.now();
  const lb = boundL2(sizes, capacity);
  const target = Math.max(lb, opts.target ?? lb);
  const candidates: [BinPackingResult['method'], Packing][] = [
    ['ffd', firstFitDecreasing(sizes, capacity)],
    ['bfd', bestFitDecreasing(sizes, capacity)],
  ];
  let [method, best] = candidates[0]!;
  for (const [m, p] of candidates) if (p.length < best.length) [method, best] = [m, p];
  if (best.length > target) {
    // triplets filling every bin exactly (Σ sizes = target·C, every size above C/4): a large-
    // neighbourhood search over exact triples (triplets.ts) closes them in milliseconds where a
    // general search runs out of nodes (t249, t501); it runs before MBS, whose subset search takes
    // seconds on 500 items of this kind
    const exact = tripletLns(sizes, capacity, target, {
      deadline: t0 + (opts.budgetMs ?? 400) * 0.6,
      seed: opts.seed,
    });
    if (exact) [method, best] = ['cover', exact];
  }
  if (best.length > target) {
    const mbs = minimumBinSlack(sizes, capacity);
    if (mbs.length < best.length) [method, best] = ['mbs', mbs];
  }
  if (best.length > target) {
    // at most three items per bin (every size above C/4): an exact-cover search often closes it
    const cover = tripleCover(sizes, capacity, target, {
      nodeLimit: 6 * sizes.length,
      deadline: t0 + (opts.budgetMs ?? 400) / 2,
    });
    if (cover) [method, best] = ['cover', cover];
  }
  const deadline = t0 + (opts.budgetMs ?? 400);
  let seed = opts.seed ?? 1;
  // alternate the two searches with fresh seeds until the bound is met or time is up
  while (best.length > target && Date.now() < deadline) {
    // iteration-bounded rounds (repeatable on a busy machine); the deadline only caps the total
    const lns = lnsReduce(sizes, capacity, best, best.length - 1, { seed, deadline, maxIterations: 400 });
    if (lns) {
      best = lns;
      method = 'lns';
      continue;
    }
    const sw = reduceBins(sizes, capacity, best, best.length - 1, { seed, deadline, maxRounds: 40 });
    if (sw) {
      best = sw;
      method = 'swap';
    }
    seed++;
  }
  return { bins: best, lowerBound: lb, method };
}

/**
 * Packs integer `sizes` into bins of integer `capacity` with as few bins as it can prove or find
 * within `timeLimitMs` (heuristics get about 40 % of it and HiGHS the rest when the arc-flow model is
 * small — capacity × distinct sizes ≤ 40 000 — otherwise the heuristics get it all).
 */
export async function solveBinPacking(
  sizes: readonly number[],
  capacity: number,
  /** exact: false never calls HiGHS; true calls it whatever the size; unset: when the model is small */
  opts: { timeLimitMs?: number; seed?: number; exact?: boolean } = {},
): Promise<BinPackingResult> {
  const t0 = Date.now();
  const limit = opts.timeLimitMs ?? 900;
  // heuristics get up to 40 % of the time; they usually stop far earlier, at the bound
  // The arc-flow model pays off on small capacities (few nodes); on large ones (triplets, C = 1000)
  // building and solving it costs more than the whole budget, so the heuristics get the time.
  const distinct = new Set(sizes).size;
  const arcFlowFits = capacity * distinct <= 40_000;
  const h = packHeuristic(sizes, capacity, { budgetMs: limit * (arcFlowFits ? 0.4 : 0.95), seed: opts.seed });
  let bins = h.bins;
  let lb = h.lowerBound;
  let boundSource: BinPackingResult['boundSource'] = 'L2';
  let method = h.method;
  const done = (optimal: boolean): BinPackingResult => ({
    bins,
    lowerBound: lb,
    optimal,
    method,
    boundSource,
    ms: Date.now() - t0,
  });
  if (bins.length === lb || sizes.length === 0) return done(true);
  const left = limit - (Date.now() - t0);
  if (opts.exact === false || (!arcFlowFits && opts.exact !== true) || left < 50) return done(false);
  const af = await solveArcFlow(sizes, capacity, {
    integer: true,
    timeLimitMs: Math.max(50, left),
    upperBound: bins.length,
    lowerBound: lb,
  });
  if (af.lpBound !== undefined && af.lpBound > lb) {
    lb = af.lpBound;
    boundSource = 'arcflow-lp';
  }
  if (af.mipBound !== undefined && af.mipBound > lb) {
    lb = af.mipBound;
    boundSource = 'arcflow-mip';
  }
  if (af.packing && af.packing.length < bins.length) {
    bins = af.packing;
    method = 'arcflow';
  }
  if (af.optimal && af.packing && af.packing.length <= bins.length) lb = Math.max(lb, bins.length);
  return done(bins.length <= lb);
}
