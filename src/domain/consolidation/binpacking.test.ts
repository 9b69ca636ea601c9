import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solveBinPacking } from './binpacking.js';
import { boundL1, boundL2 } from './bounds.js';
import { checkBinPacking } from './check-bins.js';
import { firstFitDecreasing, minimumBinSlack } from './heuristics.js';
import { tripletInstance, uniformInstance } from './test-instances.js';
import { tripletLns } from './triplets.js';

interface Instance {
  name: string;
  capacity: number;
  items: number[];
  optimum: number;
}
const U120: Instance[] = JSON.parse(
  readFileSync(new URL('../../../data/consolidation/bpp-u120.json', import.meta.url), 'utf8'),
);

/** Exact optimum by dynamic programming over subsets (tiny instances only): an oracle independent of the solver. */
function bruteForceOptimum(sizes: number[], capacity: number): number {
  const n = sizes.length;
  const full = (1 << n) - 1;
  const sum = new Array<number>(1 << n).fill(0);
  for (let m = 1; m <= full; m++) {
    const low = m & -m;
    sum[m] = sum[m ^ low]! + sizes[31 - Math.clz32(low)]!;
  }
  const best = new Array<number>(1 << n).fill(Number.POSITIVE_INFINITY);
  best[0] = 0;
  for (let m = 1; m <= full; m++) {
    // the bin holding m's lowest item: enumerate the subsets of m containing it
    const low = m & -m;
    const rest = m ^ low;
    for (let s = rest; ; s = (s - 1) & rest) {
      const bin = s | low;
      if (sum[bin]! <= capacity && best[m ^ bin]! + 1 < best[m]!) best[m] = best[m ^ bin]! + 1;
      if (s === 0) break;
    }
  }
  return best[full]!;
}

describe('bin-packing bounds', () => {
  it('L1 is the rounded-up volume and L2 counts items too big to pair', () => {
    expect(boundL1([60, 60, 60], 100)).toBe(2);
    expect(boundL2([60, 60, 60], 100)).toBe(3);
    expect(boundL2([51, 51, 49, 49], 100)).toBe(2);
  });

  it('L1 ≤ L2 ≤ optimum on random small instances', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 60 }),
        fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 11 }),
        (c, raw) => {
          const sizes = raw.map((s) => Math.min(s, c));
          const opt = bruteForceOptimum(sizes, c);
          expect(boundL1(sizes, c)).toBeLessThanOrEqual(boundL2(sizes, c));
          expect(boundL2(sizes, c)).toBeLessThanOrEqual(opt);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('bin-packing solver', () => {
  it('reaches the proven optimum on all 20 Falkenauer u120 instances, each packing checked', async () => {
    expect(U120).toHaveLength(20);
    for (const inst of U120) {
      // generous limit: the search is iteration-bounded; the benchmark reports the times
      const r = await solveBinPacking(inst.items, inst.capacity, { timeLimitMs: 10_000 });
      expect(checkBinPacking(inst.items, inst.capacity, r.bins), inst.name).toEqual([]);
      expect(r.bins.length, inst.name).toBe(inst.optimum);
      expect(r.optimal, inst.name).toBe(true);
    }
  });

  it('first-fit decreasing alone misses several u120 optima (the search is doing the work)', () => {
    const misses = U120.filter((i) => firstFitDecreasing(i.items, i.capacity).length > i.optimum).length;
    expect(misses).toBeGreaterThan(5);
  });

  it('matches the brute-force optimum on random small instances, and the checker accepts every packing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 10, max: 100 }),
        fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 12 }),
        async (c, raw) => {
          const sizes = raw.map((s) => 1 + (s % c));
          const r = await solveBinPacking(sizes, c, { timeLimitMs: 2000 });
          expect(checkBinPacking(sizes, c, r.bins)).toEqual([]);
          const opt = bruteForceOptimum(sizes, c);
          expect(r.lowerBound).toBeLessThanOrEqual(opt);
          expect(r.bins.length).toBe(opt);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reaches the optimum (n/3 bins) on generated triplet instances of 60 and 120 items', async () => {
    for (const bins of [20, 40])
      for (const seed of [1, 2, 3]) {
        const t = tripletInstance(bins, seed);
        expect(Math.min(...t.sizes) * 4).toBeGreaterThan(t.capacity); // true triplets: > C/4 each
        const r = await solveBinPacking(t.sizes, t.capacity, { timeLimitMs: 20_000 });
        expect(checkBinPacking(t.sizes, t.capacity, r.bins)).toEqual([]);
        expect(r.lowerBound).toBe(t.optimum);
        expect(r.bins.length, `t${bins * 3} seed ${seed}`).toBe(t.optimum);
      }
  });

  it('on larger triplets the bound is exact (n/3) and the planner reaches it, the packing valid', async () => {
    const t = tripletInstance(83, 5);
    const r = await solveBinPacking(t.sizes, t.capacity, { timeLimitMs: 1000, exact: false });
    expect(checkBinPacking(t.sizes, t.capacity, r.bins)).toEqual([]);
    expect(r.lowerBound).toBe(83);
    expect(r.bins.length).toBe(83);
    expect(r.optimal).toBe(true);
  });

  it('the triplet search packs Falkenauer-like t249, t501 and t999 triplets into n/3 bins (round-limited, checked)', () => {
    for (const bins of [83, 167])
      for (const seed of [1, 2, 3, 4, 5]) {
        const t = tripletInstance(bins, seed);
        const p = tripletLns(t.sizes, t.capacity, t.optimum, { maxRounds: 200_000 });
        expect(p, `t${bins * 3} seed ${seed}`).toBeDefined();
        // the independent checker: every item once, no bin over capacity
        expect(checkBinPacking(t.sizes, t.capacity, p!)).toEqual([]);
        expect(p!.length).toBe(t.optimum);
      }
    const big = tripletInstance(333, 1);
    const p = tripletLns(big.sizes, big.capacity, big.optimum, { maxRounds: 200_000 });
    expect(p && checkBinPacking(big.sizes, big.capacity, p)).toEqual([]);
    expect(p?.length).toBe(333);
  }, 120_000); // round-limited, not timed: the bound keeps it repeatable on a busy machine

  it('the triplet search declines what is not an exact triplet fill', () => {
    const t = tripletInstance(20, 1);
    expect(tripletLns(t.sizes, t.capacity, t.optimum + 1)).toBeUndefined(); // Σ ≠ target·C
    expect(tripletLns([...t.sizes, 250], t.capacity, t.optimum + 1)).toBeUndefined(); // a size ≤ C/4
    // no exact fill exists: three 400s cannot fill bins of 1000 exactly
    expect(tripletLns([400, 400, 400, 400, 400], 1000, 2, { maxRounds: 10_000 })).toBeUndefined();
  });

  it('uniform instances of other sizes: valid packings no worse than MBS and within 2 % of the bound', async () => {
    for (const [n, seed] of [
      [250, 1],
      [500, 2],
      [80, 3],
    ] as const) {
      const u = uniformInstance(n, 20, 100, 150, seed);
      const r = await solveBinPacking(u.sizes, u.capacity, { timeLimitMs: 900, exact: false });
      expect(checkBinPacking(u.sizes, u.capacity, r.bins)).toEqual([]);
      expect(r.bins.length).toBeLessThanOrEqual(minimumBinSlack(u.sizes, u.capacity).length);
      expect(r.bins.length).toBeLessThanOrEqual(Math.ceil(r.lowerBound * 1.02));
    }
  });

  it('rejects sizes that are not integers in 1..capacity', async () => {
    await expect(solveBinPacking([10, 200], 150)).rejects.toThrow(/item 1/);
    await expect(solveBinPacking([1.5], 150)).rejects.toThrow(/item 0/);
  });
});

describe('independent checker', () => {
  it('finds over-full bins, missing and duplicated items', () => {
    expect(checkBinPacking([5, 6], 10, [[0, 1]])).toEqual(['bin 0 holds 11 > capacity 10']);
    expect(checkBinPacking([5, 6], 10, [[0]])).toEqual(['item 1 is not packed']);
    expect(checkBinPacking([5, 6], 10, [[0], [0], [1]])).toEqual(['item 0 is packed 2 times']);
  });
});
