/**
 * Lower bounds for one-dimensional bin packing (integer sizes, integer capacity).
 * L1 is the volume bound; L2 is Martello & Toth's (1990): for a threshold K, items bigger than
 * C − K each need their own bin, items in (C/2, C − K] each need a bin too, and the items in
 * [K, C/2] must fit in the room those bins leave or open new ones.
 */

/** ⌈Σ sizes / C⌉. */
export function boundL1(sizes: readonly number[], capacity: number): number {
  let sum = 0;
  for (const s of sizes) sum += s;
  return Math.ceil(sum / capacity - 1e-9);
}

/** Martello–Toth L2 (always ≥ L1). Sizes must not exceed the capacity. */
export function boundL2(sizes: readonly number[], capacity: number): number {
  const C = capacity;
  let best = boundL1(sizes, C);
  const ks = new Set<number>([0]);
  for (const s of sizes) if (s <= C / 2) ks.add(s);
  for (const K of ks) {
    let n1 = 0;
    let n2 = 0;
    let sum2 = 0;
    let sum3 = 0;
    for (const s of sizes) {
      if (s > C - K) n1++;
      else if (s > C / 2) {
        n2++;
        sum2 += s;
      } else if (s >= K) sum3 += s;
    }
    const room = n2 * C - sum2;
    const extra = Math.max(0, Math.ceil((sum3 - room) / C - 1e-9));
    best = Math.max(best, n1 + n2 + extra);
  }
  return best;
}
