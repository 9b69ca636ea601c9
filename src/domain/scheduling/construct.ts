/** Constructive pass of the heuristic (see heuristic.ts). */
import { idleDeltaPlace } from './gaps.js';
import { type Model, State } from './model.js';

/**
 * Constructive pass. With a selection, its meetings go first (fewest slots left first), each in
 * its chosen session; then the rest by weight. Slots are chosen to keep both agendas compact.
 */
export function construct(md: Model, rand: () => number, prefer: Int32Array | undefined, timeUp: () => boolean): State {
  const st = new State(md);
  const degree = new Int32Array(md.P);
  for (let m = 0; m < md.M; m++) {
    if (md.mA[m]! >= 0) degree[md.mA[m]!]!++;
    if (md.mB[m]! >= 0) degree[md.mB[m]!]!++;
  }
  const tie = Array.from({ length: md.M }, () => rand());
  const order = (m: number) => md.cand[m]!.length - (0.5 * (degree[md.mA[m]!]! + degree[md.mB[m]!]!)) / md.S;
  const placeBest = (m: number, only: number) => {
    let best = -1;
    let bestScore = Number.POSITIVE_INFINITY;
    for (const s of md.cand[m]!) {
      if ((only >= 0 && md.sessionOf[s] !== only) || !st.canPlace(m, s)) continue;
      const score = (md.pub[m] === s ? -1000 : 0) + 10 * idleDeltaPlace(st, m, s) + s / md.S;
      if (score < bestScore) {
        bestScore = score;
        best = s;
      }
    }
    if (best >= 0) st.place(m, best);
  };
  const free: number[] = [];
  for (let m = 0; m < md.M; m++) if (md.locked[m]! < 0 && md.cand[m]!.length > 0) free.push(m);
  // Published meetings first, where they are (heaviest first), so a change does not cascade.
  const published = free.filter((m) => md.pub[m]! >= 0 && (!prefer || prefer[m]! >= 0));
  published.sort((x, y) => md.w[y]! - md.w[x]! || x - y);
  for (const m of published) if (st.canPlace(m, md.pub[m]!)) st.place(m, md.pub[m]!);
  if (prefer) {
    // Colour the selected meetings: the one with the fewest fitting slots next (DSatur-like).
    // Colour the selected meetings, the one with the fewest fitting slots next (DSatur-like,
    // with a lazy heap: a key only drops when a meeting of the same person is placed).
    const fits = (m: number) => {
      let c = 0;
      for (const s of md.cand[m]!) if (md.sessionOf[s] === prefer[m] && st.canPlace(m, s)) c++;
      return c * 4 - md.w[m]! + tie[m]!;
    };
    const byPerson: number[][] = Array.from({ length: md.P }, () => []);
    const heap = new MinHeap();
    for (const m of free)
      if (prefer[m]! >= 0) {
        byPerson[md.mA[m]!]!.push(m);
        byPerson[md.mB[m]!]!.push(m);
        heap.push(fits(m), m);
      }
    const key = new Float64Array(md.M).fill(Number.NaN);
    for (const m of free) if (prefer[m]! >= 0) key[m] = fits(m);
    let n = 0;
    while (heap.size > 0) {
      if ((++n & 255) === 0 && timeUp()) break;
      const [k, m] = heap.pop();
      if (st.slotOf[m]! >= 0 || k !== key[m]) continue;
      key[m] = Number.NaN;
      placeBest(m, prefer[m]!);
      if (st.slotOf[m]! < 0) continue;
      for (const p of [md.mA[m]!, md.mB[m]!])
        for (const x of byPerson[p]!)
          if (st.slotOf[x]! < 0 && !Number.isNaN(key[x]!)) {
            key[x] = fits(x);
            heap.push(key[x]!, x);
          }
    }
  }
  free.sort((x, y) => md.w[y]! - md.w[x]! || order(x) - order(y) || tie[x]! - tie[y]!);
  for (let i = 0; i < free.length; i++) {
    if ((i & 255) === 255 && timeUp()) break;
    if (st.slotOf[free[i]!]! < 0) placeBest(free[i]!, -1);
  }
  return st;
}

/** Binary min-heap of (key, value) pairs. */
class MinHeap {
  private keys: number[] = [];
  private vals: number[] = [];
  get size(): number {
    return this.keys.length;
  }
  push(k: number, v: number): void {
    const ks = this.keys;
    const vs = this.vals;
    let i = ks.length;
    ks.push(k);
    vs.push(v);
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (ks[up]! <= k) break;
      ks[i] = ks[up]!;
      vs[i] = vs[up]!;
      i = up;
    }
    ks[i] = k;
    vs[i] = v;
  }
  pop(): [number, number] {
    const ks = this.keys;
    const vs = this.vals;
    const top: [number, number] = [ks[0]!, vs[0]!];
    const k = ks.pop()!;
    const v = vs.pop()!;
    const n = ks.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && ks[c + 1]! < ks[c]!) c++;
        if (ks[c]! >= k) break;
        ks[i] = ks[c]!;
        vs[i] = vs[c]!;
        i = c;
      }
      ks[i] = k;
      vs[i] = v;
    }
    return top;
  }
}
