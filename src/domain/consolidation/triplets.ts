/**
 * Exact fill of triplet families by large-neighbourhood search: every size above C/4 and
 * Σ sizes = target·C, so an optimal packing fills each of `target` bins exactly with three items.
 *
 * A greedy start fills bins exactly (the largest item left with a pair completing it) and leaves
 * the items it cannot complete aside. Then, round after round: take a left-over item r, a bin
 * holding some x and another bin (or the left-overs) holding y = C − r − x, plus one random bin;
 * free those bins and solve the small problem (left-overs + freed items) exactly — the most exact
 * bins, a random one among the best — and keep the result when it leaves no more items aside than
 * before (equal moves walk the plateau). Each small problem has some twenty items, so a round
 * costs microseconds where a depth-first search over all 500 items stalls deep in its tree.
 */
import { rng } from '../random.js';
import type { Packing } from './heuristics.js';

export interface TripletOptions {
  /** Epoch ms after which the search gives up. */
  deadline?: number;
  now?: () => number;
  seed?: number;
  /** Rounds at most (repeatable on a busy machine); the deadline only caps the total. */
  maxRounds?: number;
}

/** A packing of `target` exactly filled bins (item indices), or undefined if none was found in time. */
export function tripletLns(
  sizes: readonly number[],
  C: number,
  target: number,
  opts: TripletOptions = {},
): Packing | undefined {
  if (sizes.length === 0 || sizes.some((s) => s * 4 <= C || s > C)) return undefined;
  let total = 0;
  for (const s of sizes) total += s;
  if (total !== target * C) return undefined;
  const now = opts.now ?? Date.now;
  const rnd = rng(opts.seed ?? 5);
  const maxRounds = opts.maxRounds ?? 2_000_000;

  // ---- greedy start on a multiset of sizes
  const cnt = new Int32Array(C + 1);
  for (const s of sizes) cnt[s]!++;
  const desc = [...sizes].sort((a, b) => b - a);
  const bins = new Map<number, number[]>();
  let nextId = 0;
  const left: number[] = [];
  for (const a of desc) {
    if (cnt[a]! === 0) continue;
    cnt[a]!--;
    const pair = completing(cnt, C - a, a);
    if (pair) {
      cnt[pair[0]]!--;
      cnt[pair[1]]!--;
      bins.set(nextId++, [a, pair[0], pair[1]]);
    } else left.push(a);
  }

  // ---- where each size sits: size → ids of bins holding it
  const where = new Map<number, Set<number>>();
  const index = (id: number, b: readonly number[], add: boolean) => {
    for (const s of b) {
      let set = where.get(s);
      if (!set) {
        set = new Set();
        where.set(s, set);
      }
      if (add) set.add(id);
      else set.delete(id);
    }
  };
  for (const [id, b] of bins) index(id, b, true);
  const ids = () => [...bins.keys()];

  let idList = ids();
  for (let round = 0; left.length > 0 && round < maxRounds; round++) {
    if ((round & 255) === 0 && opts.deadline !== undefined && now() > opts.deadline) return undefined;
    if (idList.length !== bins.size) idList = ids();
    const chosen = new Set<number>();
    const r = left[Math.floor(rnd() * left.length)]!;
    // a bin with some x for which y = C − r − x sits in another bin
    for (let tries = 0; tries < 8 && chosen.size === 0; tries++) {
      const id = idList[Math.floor(rnd() * idList.length)]!;
      const b = bins.get(id);
      if (!b) continue;
      const x = b[Math.floor(rnd() * 3)]!;
      const y = C - r - x;
      if (y <= 0 || y > C) continue;
      const holders = where.get(y);
      if (!holders || holders.size === 0) continue;
      const others = [...holders].filter((h) => h !== id);
      if (others.length === 0) continue;
      chosen.add(id);
      chosen.add(others[Math.floor(rnd() * others.length)]!);
    }
    const extra = 1 + Math.floor(rnd() * 2);
    for (let k = 0; k < extra + (chosen.size === 0 ? 2 : 0) && chosen.size < idList.length; k++) {
      chosen.add(idList[Math.floor(rnd() * idList.length)]!);
    }
    const sub = [...left];
    for (const id of chosen) sub.push(...bins.get(id)!);
    const solved = solveSmall(sub, C, rnd);
    if (solved.left.length > left.length) continue;
    for (const id of chosen) {
      index(id, bins.get(id)!, false);
      bins.delete(id);
    }
    for (const b of solved.bins) {
      const id = nextId++;
      bins.set(id, b);
      index(id, b, true);
    }
    left.length = 0;
    left.push(...solved.left);
    idList = ids();
  }
  if (left.length > 0) return undefined;

  // sizes → item indices
  const pool = new Map<number, number[]>();
  sizes.forEach((s, i) => {
    const l = pool.get(s) ?? [];
    l.push(i);
    pool.set(s, l);
  });
  return [...bins.values()].map((b) => b.map((s) => pool.get(s)!.pop()!));
}

/** Two sizes b ≥ c, both ≤ `cap`, with b + c = room and both available in `cnt` (the most unequal pair first). */
function completing(cnt: Int32Array, room: number, cap: number): [number, number] | undefined {
  const hiStart = Math.min(cap, room - 1);
  for (let b = hiStart; b * 2 >= room; b--) {
    const c = room - b;
    if (c <= 0 || cnt[b]! === 0) continue;
    if (c === b ? cnt[b]! >= 2 : cnt[c]! > 0) return [b, c];
  }
  return undefined;
}

/**
 * The most exact triples among a few sizes (a depth-first search on the largest size: in a triple
 * with two smaller ones, or set aside), ties broken at random. Sizes are values, not indices.
 */
function solveSmall(sub: readonly number[], C: number, rnd: () => number): { bins: number[][]; left: number[] } {
  const s = [...sub].sort((a, b) => b - a);
  const n = s.length;
  const used = new Uint8Array(n);
  const cur: number[][] = [];
  const aside: number[] = [];
  let best: { bins: number[][]; left: number[] } = { bins: [], left: s };
  let ties = 0;
  let nodes = 0;
  const go = (from: number) => {
    if (++nodes > 20_000) return;
    let i = from;
    while (i < n && used[i]) i++;
    if (i === n) {
      if (aside.length < best.left.length) {
        best = { bins: cur.map((b) => [...b]), left: [...aside] };
        ties = 1;
      } else if (aside.length === best.left.length && rnd() * ++ties < 1) {
        best = { bins: cur.map((b) => [...b]), left: [...aside] };
      }
      return;
    }
    const a = s[i]!;
    used[i] = 1;
    // pairs j < k after i completing a (each size value tried once per position)
    const pairs: [number, number][] = [];
    for (let j = i + 1; j < n; j++) {
      if (used[j] || (j > i + 1 && s[j] === s[j - 1] && !used[j - 1])) continue;
      const need = C - a - s[j]!;
      if (need > s[j]!) break;
      for (let k = j + 1; k < n; k++) {
        if (used[k] || s[k]! > need) continue;
        if (s[k]! < need) break;
        pairs.push([j, k]);
        break;
      }
    }
    for (let p = pairs.length - 1; p > 0; p--) {
      const q = Math.floor(rnd() * (p + 1));
      [pairs[p], pairs[q]] = [pairs[q]!, pairs[p]!];
    }
    for (const [j, k] of pairs) {
      used[j] = 1;
      used[k] = 1;
      cur.push([a, s[j]!, s[k]!]);
      go(i + 1);
      cur.pop();
      used[j] = 0;
      used[k] = 0;
    }
    // set aside, if that can still beat (or tie) the best
    if (aside.length + 1 <= best.left.length) {
      aside.push(a);
      go(i + 1);
      aside.pop();
    }
    used[i] = 0;
  };
  go(0);
  return best;
}
