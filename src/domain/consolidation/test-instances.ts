/** Generators of classic bin-packing families for tests and the benchmark (seeded, repeatable). */
import { rng } from '../random.js';

/** Falkenauer-style uniform instance: n sizes uniform in [lo, hi], capacity c. */
export function uniformInstance(
  n: number,
  lo: number,
  hi: number,
  capacity: number,
  seed: number,
): { sizes: number[]; capacity: number } {
  const r = rng(seed);
  return { sizes: Array.from({ length: n }, () => lo + Math.floor(r() * (hi - lo + 1))), capacity };
}

/**
 * Falkenauer-style triplet instance: `bins` triplets each filling a bin of capacity 1000
 * exactly (first item 380–490, then two items above C/4 that complete the bin), shuffled, so the
 * optimum is exactly `bins` (= n / 3) bins.
 */
export function tripletInstance(
  bins: number,
  seed: number,
  capacity = 1000,
): { sizes: number[]; capacity: number; optimum: number } {
  const r = rng(seed);
  const sizes: number[] = [];
  for (let b = 0; b < bins; b++) {
    const a = Math.floor(capacity * 0.38) + Math.floor(r() * (capacity * 0.11 + 1));
    const rest = capacity - a;
    const lo = Math.floor(capacity / 4) + 1; // every item above C/4: at most three per bin
    const hi = rest - lo; // the second item leaves the third above C/4 too
    const second = lo + Math.floor(r() * (hi - lo + 1));
    sizes.push(a, second, rest - second);
  }
  for (let i = sizes.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [sizes[i], sizes[j]] = [sizes[j]!, sizes[i]!];
  }
  return { sizes, capacity, optimum: bins };
}
