/**
 * Constructive heuristics and a local search for one-dimensional bin packing. A packing is an
 * array of bins, each an array of item indices into `sizes`. All sizes are integers ≤ capacity.
 */
import { rng as mulberry32 } from '../random.js';

export type Packing = number[][];

function byDecreasing(sizes: readonly number[]): number[] {
  return sizes.map((_, i) => i).sort((a, b) => sizes[b]! - sizes[a]! || a - b);
}

/** First-fit decreasing: each item, largest first, into the first bin with room. */
export function firstFitDecreasing(sizes: readonly number[], capacity: number): Packing {
  const bins: number[][] = [];
  const load: number[] = [];
  for (const i of byDecreasing(sizes)) {
    const s = sizes[i]!;
    let b = 0;
    while (b < bins.length && load[b]! + s > capacity) b++;
    if (b === bins.length) {
      bins.push([]);
      load.push(0);
    }
    bins[b]!.push(i);
    load[b]! += s;
  }
  return bins;
}

/** Best-fit decreasing: each item, largest first, into the fullest bin it still fits. */
export function bestFitDecreasing(sizes: readonly number[], capacity: number, order?: number[]): Packing {
  const bins: number[][] = [];
  const load: number[] = [];
  for (const i of order ?? byDecreasing(sizes)) {
    const s = sizes[i]!;
    let pick = -1;
    for (let b = 0; b < bins.length; b++) {
      if (load[b]! + s <= capacity && (pick < 0 || load[b]! > load[pick]!)) pick = b;
    }
    if (pick < 0) {
      bins.push([]);
      load.push(0);
      pick = bins.length - 1;
    }
    bins[pick]!.push(i);
    load[pick]! += s;
  }
  return bins;
}

/**
 * Minimum bin slack (Gupta & Ho; Fleszar & Hindi's MBS'): open a bin with the largest item left,
 * then search the remaining items for the subset that leaves the least slack (a bounded
 * depth-first search, stopping at zero slack), fill the bin with it and repeat.
 */
export function minimumBinSlack(sizes: readonly number[], capacity: number, nodeLimit = 5000): Packing {
  let left = byDecreasing(sizes);
  const bins: Packing = [];
  while (left.length > 0) {
    const seed = left[0]!;
    const rest = left.slice(1);
    const room = capacity - sizes[seed]!;
    const chosen = bestSubset(rest, sizes, room, nodeLimit);
    const taken = new Set(chosen);
    bins.push([seed, ...chosen]);
    left = rest.filter((i) => !taken.has(i));
  }
  return bins;
}

/** The subset of `items` (sorted by decreasing size) with the largest total ≤ room. */
function bestSubset(items: readonly number[], sizes: readonly number[], room: number, nodeLimit: number): number[] {
  let best: number[] = [];
  let bestSum = 0;
  let nodes = 0;
  const cur: number[] = [];
  // suffix sums let the search stop when even all remaining items cannot beat the best.
  const suffix = new Array<number>(items.length + 1).fill(0);
  for (let k = items.length - 1; k >= 0; k--) suffix[k] = suffix[k + 1]! + sizes[items[k]!]!;
  const go = (from: number, sum: number): boolean => {
    if (sum > bestSum) {
      bestSum = sum;
      best = cur.slice();
      if (bestSum === room) return true;
    }
    if (++nodes > nodeLimit) return true;
    if (sum + suffix[from]! <= bestSum) return false;
    let last = -1;
    for (let k = from; k < items.length; k++) {
      const s = sizes[items[k]!]!;
      if (s === last || sum + s > room) continue;
      last = s;
      cur.push(items[k]!);
      const stop = go(k + 1, sum + s);
      cur.pop();
      if (stop) return true;
    }
    return false;
  };
  go(0, 0);
  return best;
}

/**
 * Tries to pack everything into `target` bins, starting from `start` (which has more). It frees
 * the items of the emptiest bins and runs the swap search of Levine & Ducatelle / Falkenauer:
 * a bin trades one or two of its items for one or two free items that fill it better, which
 * leaves smaller items free; free items that fit are put back best-fit. Succeeds when nothing
 * is left free. Deterministic for a given seed; stops after `maxRounds` or `deadline` (ms since
 * epoch, from `now()`).
 */
export function reduceBins(
  sizes: readonly number[],
  capacity: number,
  start: Packing,
  target: number,
  opts: { seed?: number; maxRounds?: number; deadline?: number; now?: () => number } = {},
): Packing | undefined {
  const rnd = mulberry32(opts.seed ?? 1);
  const now = opts.now ?? Date.now;
  const maxRounds = opts.maxRounds ?? 200;
  const load = (b: number[]): number => b.reduce((t, i) => t + sizes[i]!, 0);

  let current = start.map((b) => b.slice());
  for (let round = 0; round < maxRounds; round++) {
    if (opts.deadline !== undefined && now() > opts.deadline) return undefined;
    // keep `target` bins: drop the emptiest ones (with a random tie-break after the first round)
    const sorted = current
      .map((b) => ({ b, l: load(b) + (round > 0 ? rnd() * capacity * 0.3 : 0) }))
      .sort((x, y) => y.l - x.l)
      .map((x) => x.b);
    const bins = sorted.slice(0, target).map((b) => b.slice());
    const free = sorted.slice(target).flat();
    if (free.length === 0) return bins;
    const loads = bins.map(load);
    for (let pass = 0; pass < 60; pass++) {
      free.sort((a, b) => sizes[b]! - sizes[a]!);
      let improved = false;
      const order = bins.map((_, i) => i);
      shuffle(order, rnd);
      for (const b of order) {
        if (trySwap(bins[b]!, free, sizes, capacity, loads, b)) improved = true;
      }
      if (placeFree(bins, loads, free, sizes, capacity)) improved = true;
      if (free.length === 0) return bins;
      if (!improved) {
        // bin-to-bin trades that make one bin fuller open room elsewhere for the free items
        if (!shiftLoad(bins, loads, sizes, capacity, rnd)) break;
        placeFree(bins, loads, free, sizes, capacity);
        if (free.length === 0) return bins;
      }
    }
    // next round: perturb — reopen the packing with the free items as extra bins, shuffle a bit
    const extra = bestFitDecreasing(
      free.map((i) => sizes[i]!),
      capacity,
    ).map((bin) => bin.map((k) => free[k]!));
    current = [...bins, ...extra];
    perturb(current, sizes, capacity, rnd);
  }
  return undefined;
}

/** Best-fit the free items (largest first) into bins with room; true when any moved. */
function placeFree(
  bins: Packing,
  loads: number[],
  free: number[],
  sizes: readonly number[],
  capacity: number,
): boolean {
  free.sort((a, b) => sizes[b]! - sizes[a]!);
  let moved = false;
  for (let k = 0; k < free.length; ) {
    const i = free[k]!;
    let pick = -1;
    for (let b = 0; b < bins.length; b++)
      if (loads[b]! + sizes[i]! <= capacity && (pick < 0 || loads[b]! > loads[pick]!)) pick = b;
    if (pick < 0) k++;
    else {
      bins[pick]!.push(i);
      loads[pick]! += sizes[i]!;
      free.splice(k, 1);
      moved = true;
    }
  }
  return moved;
}

/**
 * One pass of trades between pairs of bins (1–1, 1–2, 2–1 items) that make the fuller bin
 * fuller (raising the sum of squared loads), so the other gets a larger hole. True when any.
 */
function shiftLoad(
  bins: Packing,
  loads: number[],
  sizes: readonly number[],
  capacity: number,
  rnd: () => number,
): boolean {
  let any = false;
  const n = bins.length;
  const order = bins.map((_, i) => i);
  shuffle(order, rnd);
  for (const a of order) {
    for (let b = 0; b < n; b++) {
      if (a === b || loads[a]! < loads[b]!) continue;
      const A = bins[a]!;
      const B = bins[b]!;
      let best: { fromA: number[]; fromB: number[]; d: number } | undefined;
      const room = capacity - loads[a]!;
      if (room === 0) break;
      const sumOf = (bin: number[], ix: number[]): number => ix.reduce((t, k) => t + sizes[bin[k]!]!, 0);
      const pairsA: number[][] = [];
      for (let p = 0; p < A.length; p++) {
        pairsA.push([p]);
        for (let q = p + 1; q < A.length; q++) pairsA.push([p, q]);
      }
      const pairsB: number[][] = [];
      for (let p = 0; p < B.length; p++) {
        pairsB.push([p]);
        for (let q = p + 1; q < B.length; q++) pairsB.push([p, q]);
      }
      for (const xa of pairsA) {
        const sa = sumOf(A, xa);
        for (const xb of pairsB) {
          if (xa.length === 2 && xb.length === 2) continue;
          const d = sumOf(B, xb) - sa; // load moving into a
          if (d > 0 && d <= room && (!best || d > best.d)) best = { fromA: xa, fromB: xb, d };
        }
      }
      if (best) {
        const ia = best.fromA.map((k) => A[k]!);
        const ib = best.fromB.map((k) => B[k]!);
        for (const k of [...best.fromA].sort((u, v) => v - u)) A.splice(k, 1);
        for (const k of [...best.fromB].sort((u, v) => v - u)) B.splice(k, 1);
        A.push(...ib);
        B.push(...ia);
        loads[a]! += best.d;
        loads[b]! -= best.d;
        any = true;
      }
    }
  }
  return any;
}

/**
 * Replace items of bin `b` with free items when that raises the bin's load: 2 for 2, 2 for 1,
 * 1 for 1 (the trades of Levine & Ducatelle's local search).
 */
function trySwap(
  bin: number[],
  free: number[],
  sizes: readonly number[],
  capacity: number,
  loads: number[],
  b: number,
): boolean {
  let changed = false;
  let again = true;
  while (again) {
    again = false;
    const L = loads[b]!;
    let best: { out: number[]; inn: number[]; gain: number } | undefined;
    const consider = (out: number[], inn: number[]): void => {
      let delta = 0;
      for (const i of inn) delta += sizes[free[i]!]!;
      for (const i of out) delta -= sizes[bin[i]!]!;
      if (delta > 0 && L + delta <= capacity && (!best || delta > best.gain)) best = { out, inn, gain: delta };
    };
    const n = bin.length;
    const f = free.length;
    for (let p = 0; p < n; p++) {
      for (let x = 0; x < f; x++) {
        consider([p], [x]);
        for (let y = x + 1; y < f; y++) consider([p], [x, y]);
      }
      for (let q = p + 1; q < n; q++) {
        for (let x = 0; x < f; x++) {
          consider([p, q], [x]);
          for (let y = x + 1; y < f; y++) consider([p, q], [x, y]);
        }
      }
    }
    if (best) {
      const outItems = best.out.map((i) => bin[i]!);
      const inItems = best.inn.map((i) => free[i]!);
      for (const i of [...best.out].sort((u, v) => v - u)) bin.splice(i, 1);
      for (const i of [...best.inn].sort((u, v) => v - u)) free.splice(i, 1);
      bin.push(...inItems);
      free.push(...outItems);
      loads[b]! += best.gain;
      changed = true;
      again = loads[b]! < capacity;
    }
  }
  return changed;
}

/** Moves a few random items between random bins where they fit (diversification). */
function perturb(bins: Packing, sizes: readonly number[], capacity: number, rnd: () => number): void {
  const load = bins.map((b) => b.reduce((t, i) => t + sizes[i]!, 0));
  const moves = Math.max(2, Math.floor(bins.length / 4));
  for (let m = 0; m < moves; m++) {
    const a = Math.floor(rnd() * bins.length);
    const c = Math.floor(rnd() * bins.length);
    if (a === c || bins[a]!.length === 0 || bins[c]!.length === 0) continue;
    const ia = Math.floor(rnd() * bins[a]!.length);
    const ic = Math.floor(rnd() * bins[c]!.length);
    const sa = sizes[bins[a]![ia]!]!;
    const sc = sizes[bins[c]![ic]!]!;
    if (load[a]! - sa + sc <= capacity && load[c]! - sc + sa <= capacity) {
      const t = bins[a]![ia]!;
      bins[a]![ia] = bins[c]![ic]!;
      bins[c]![ic] = t;
      load[a]! += sc - sa;
      load[c]! += sa - sc;
    }
  }
}

function shuffle<T>(a: T[], rnd: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
}

/**
 * Bin completion (after Korf 2003) for a fixed number of bins `target`: the packing may waste at
 * most target·C − Σ sizes in total, so each bin, opened with the largest item left, is completed
 * by subsets whose waste fits the remaining budget, least waste first, depth first with
 * backtracking. Strong when that budget is small (tight instances), where swap searches stall.
 * `maxBranch` caps the completions tried per bin and `nodeLimit`/`deadline` the whole search, so it
 * is a heuristic unless it finishes; undefined when it finds nothing.
 */
export function binCompletion(
  sizes: readonly number[],
  capacity: number,
  target: number,
  opts: { maxBranch?: number; nodeLimit?: number; deadline?: number; now?: () => number } = {},
): Packing | undefined {
  const now = opts.now ?? Date.now;
  const maxBranch = opts.maxBranch ?? 12;
  const nodeLimit = opts.nodeLimit ?? 200_000;
  let total = 0;
  for (const s of sizes) total += s;
  const budget0 = target * capacity - total;
  if (budget0 < 0) return undefined;
  const order = byDecreasing(sizes);
  const used = new Uint8Array(sizes.length);
  const bins: Packing = [];
  let nodes = 0;
  let aborted = false;

  const completions = (first: number, budget: number): number[][] => {
    const room = capacity - sizes[first]!;
    const minSum = room - budget;
    const found: { items: number[]; sum: number }[] = [];
    const cand = order.filter((i) => !used[i] && i !== first && sizes[i]! <= room);
    const suffix = new Array<number>(cand.length + 1).fill(0);
    for (let k = cand.length - 1; k >= 0; k--) suffix[k] = suffix[k + 1]! + sizes[cand[k]!]!;
    const cur: number[] = [];
    let steps = 0;
    const go = (from: number, sum: number): void => {
      if (++steps > 20_000) return;
      if (sum >= minSum) found.push({ items: cur.slice(), sum });
      if (sum + suffix[from]! < minSum) return;
      let last = -1;
      for (let k = from; k < cand.length; k++) {
        const s = sizes[cand[k]!]!;
        if (s === last || sum + s > room) continue;
        last = s;
        cur.push(cand[k]!);
        go(k + 1, sum + s);
        cur.pop();
      }
    };
    go(0, 0);
    // subsets of the same sizes are interchangeable: keep the first of each size multiset
    const seen = new Set<string>();
    const uniq = found.filter((f) => {
      const key = f.items.map((i) => sizes[i]).join(',');
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    uniq.sort((a, b) => b.sum - a.sum || b.items.length - a.items.length);
    return uniq.slice(0, maxBranch).map((f) => f.items);
  };

  const go = (budget: number): boolean => {
    if (aborted) return false;
    if (++nodes > nodeLimit || (opts.deadline !== undefined && (nodes & 63) === 0 && now() > opts.deadline)) {
      aborted = true;
      return false;
    }
    let first = -1;
    for (const i of order)
      if (!used[i]) {
        first = i;
        break;
      }
    if (first < 0) return true;
    if (bins.length >= target) return false;
    used[first] = 1;
    for (const comp of completions(first, budget)) {
      const waste = capacity - sizes[first]! - comp.reduce((t, i) => t + sizes[i]!, 0);
      for (const i of comp) used[i] = 1;
      bins.push([first, ...comp]);
      if (go(budget - waste)) return true;
      bins.pop();
      for (const i of comp) used[i] = 0;
      if (aborted) break;
    }
    used[first] = 0;
    return false;
  };
  return go(budget0) ? bins.map((b) => b.slice()) : undefined;
}

/**
 * Large-neighbourhood search towards `target` bins: repeatedly take the emptiest bin and a few
 * others (random, favouring slack), and repack their items into one bin fewer with bin completion
 * (small enough to search through); when that fails, repack them into as many bins in another
 * arrangement, which moves the search. Undefined when the deadline passes first.
 */
export function lnsReduce(
  sizes: readonly number[],
  capacity: number,
  start: Packing,
  target: number,
  opts: { seed?: number; deadline?: number; now?: () => number; maxIterations?: number } = {},
): Packing | undefined {
  const rnd = mulberry32(opts.seed ?? 7);
  const now = opts.now ?? Date.now;
  const maxIt = opts.maxIterations ?? 1_000_000;
  let cur = start.map((b) => b.slice());
  const load = (b: number[]): number => b.reduce((t, i) => t + sizes[i]!, 0);
  for (let it = 0; it < maxIt && cur.length > target; it++) {
    if (opts.deadline !== undefined && now() > opts.deadline) return undefined;
    const loads = cur.map(load);
    let emptiest = 0;
    for (let b = 1; b < cur.length; b++) if (loads[b]! < loads[emptiest]!) emptiest = b;
    // the chosen bins must hold a bin's worth of waste between them: draw the others by their
    // waste, with a few full bins now and then so their items can move too
    const m = Math.min(cur.length, 4 + Math.floor(rnd() * 10));
    const pick = new Set<number>([emptiest]);
    const totalWaste = loads.reduce((t, l) => t + (capacity - l), 0);
    let guard = 0;
    let pickedWaste = capacity - loads[emptiest]!;
    // without a bin's worth of waste among them the chosen bins cannot lose one: keep drawing
    while ((pick.size < m || pickedWaste < capacity) && pick.size < 40 && guard++ < 4000) {
      if (rnd() < 0.2) {
        const f = Math.floor(rnd() * cur.length);
        if (!pick.has(f)) pickedWaste += capacity - loads[f]!;
        pick.add(f);
        continue;
      }
      let r = rnd() * totalWaste;
      let b = 0;
      for (; b < cur.length - 1; b++) {
        r -= capacity - loads[b]!;
        if (r <= 0) break;
      }
      if (!pick.has(b)) pickedWaste += capacity - loads[b]!;
      pick.add(b);
    }
    const chosen = [...pick];
    const items = chosen.flatMap((b) => cur[b]!);
    const sub = items.map((i) => sizes[i]!);
    const fewer =
      pickedWaste >= capacity
        ? (tripleCover(sub, capacity, chosen.length - 1, { nodeLimit: 4 * sub.length, seed: it }) ??
          binCompletion(sub, capacity, chosen.length - 1, { maxBranch: 50, nodeLimit: 3000 }))
        : undefined;
    const rest = cur.filter((_, b) => !pick.has(b));
    if (fewer) {
      cur = [...rest, ...fewer.map((bin) => bin.map((k) => items[k]!))];
      continue;
    }
    // shake: a different arrangement of the same items in the same number of bins
    const shuffled = sub.map((_, k) => k);
    for (let k = shuffled.length - 1; k > 0; k--) {
      const j = Math.floor(rnd() * (k + 1));
      [shuffled[k], shuffled[j]] = [shuffled[j]!, shuffled[k]!];
    }
    const same = bestFitDecreasing(sub, capacity, rnd() < 0.5 ? undefined : shuffled);
    if (same.length <= chosen.length) cur = [...rest, ...same.map((bin) => bin.map((k) => items[k]!))];
  }
  return cur.length <= target ? cur : undefined;
}

/**
 * Exact-cover style search for instances where no bin holds more than three items (every size
 * above a quarter of the capacity — the triplet families): bins are built one at a time for the
 * size with the fewest ways left to complete a bin (most constrained first, as in constraint
 * programming), trying its completions least waste first and, among equal waste, the one that
 * uses the most plentiful sizes; a size with no completion left fails the branch at once. Total
 * waste may not exceed target·C − Σ sizes. Depth first with a node limit; undefined when it
 * finds nothing (or the instance has a size ≤ C/4).
 */
export function tripleCover(
  sizes: readonly number[],
  capacity: number,
  target: number,
  opts: { nodeLimit?: number; deadline?: number; now?: () => number; seed?: number } = {},
): Packing | undefined {
  const C = capacity;
  if (sizes.some((s) => s * 4 <= C)) return undefined;
  let total = 0;
  for (const s of sizes) total += s;
  const budget0 = target * C - total;
  if (budget0 < 0) return undefined;
  const now = opts.now ?? Date.now;
  const rnd = mulberry32(opts.seed ?? 3);
  const nodeLimit = opts.nodeLimit ?? 200_000;
  const distinct = [...new Set(sizes)].sort((a, b) => a - b);
  const count = new Map<number, number>();
  for (const s of sizes) count.set(s, (count.get(s) ?? 0) + 1);
  const jitter = new Map(distinct.map((s) => [s, rnd()]));

  /** Completions of a bin opened with size a: [] (alone), [b], [b, c] with b ≤ c, sizes available. */
  const options = (a: number, budget: number, limit = Number.POSITIVE_INFINITY): number[][] => {
    const out: number[][] = [];
    const have = (s: number, need: number) => (count.get(s) ?? 0) >= need;
    const room = C - a;
    if (room <= budget) out.push([]);
    for (const b of distinct) {
      if (b > room) break;
      if (!have(b, b === a ? 2 : 1)) continue;
      const rest = room - b;
      if (rest <= budget) out.push([b]);
      // c in [max(b, rest − budget), rest]
      for (let k = distinct.length - 1; k >= 0; k--) {
        const c = distinct[k]!;
        if (c > rest) continue;
        if (c < b || c < rest - budget) break;
        const need = 1 + (c === a ? 1 : 0) + (c === b ? 1 : 0);
        if (have(c, need)) out.push([b, c]);
        if (out.length >= limit) return out;
      }
      if (out.length >= limit) return out;
    }
    return out;
  };

  const bins: Packing = [];
  let nodes = 0;
  let aborted = false;
  const go = (budget: number, left: number): boolean => {
    if (left === 0) return true;
    if (bins.length >= target) return false;
    if (++nodes > nodeLimit || (opts.deadline !== undefined && (nodes & 255) === 0 && now() > opts.deadline)) {
      aborted = true;
      return false;
    }
    // most constrained size first (ties: the larger)
    let pick = -1;
    let pickOpts: number[][] = [];
    for (let k = distinct.length - 1; k >= 0; k--) {
      const a = distinct[k]!;
      if (!count.get(a)) continue;
      const o = options(a, budget, pick < 0 ? Number.POSITIVE_INFINITY : pickOpts.length);
      if (pick < 0 || o.length < pickOpts.length) {
        pick = a;
        pickOpts = o;
        if (o.length === 0) return false;
      }
    }
    const a = pick;
    const waste = (o: number[]) => C - a - o.reduce((t, s) => t + s, 0);
    const plenty = (o: number[]) => o.reduce((t, s) => t + (count.get(s) ?? 0) + jitter.get(s)!, 0);
    pickOpts.sort((x, y) => waste(x) - waste(y) || plenty(y) - plenty(x));
    for (const o of pickOpts) {
      const used = [a, ...o];
      for (const s of used) count.set(s, count.get(s)! - 1);
      bins.push(used);
      if (go(budget - waste(o), left - used.length)) return true;
      bins.pop();
      for (const s of used) count.set(s, count.get(s)! + 1);
      if (aborted) return false;
    }
    return false;
  };
  if (!go(budget0, sizes.length)) return undefined;
  // sizes → item indices
  const pool = new Map<number, number[]>();
  sizes.forEach((s, i) => {
    const l = pool.get(s) ?? [];
    l.push(i);
    pool.set(s, l);
  });
  return bins.map((b) => b.map((s) => pool.get(s)!.pop()!));
}
