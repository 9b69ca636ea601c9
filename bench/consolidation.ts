/**
 * npm run bench:consolidation — the consolidation planner's packing core and planner (issue 16
 * item 6). Prints figures only; nothing here is a timed assertion.
 *
 *  1. The 20 Falkenauer u120 instances (capacity 150, proven optima from BPPLIB, file
 *     data/consolidation/bpp-u120.json): bins found vs optimum, time, checker verdict, next to
 *     first-fit decreasing in the same run.
 *  2. Other families, to show the core is not tuned to those 20: generated uniform instances
 *     (n = 250, 500, 1 000, sizes 20–100, capacity 150; optimum unknown → gap to the bound) and
 *     generated Falkenauer-style triplets (n = 60, 120, 249, 501; optimum n/3 by construction).
 *  3. Generated hub instances (500 orders, 10 departures, 3 container types, volume and weight
 *     both binding, cargo classes incl. food / chemical / two dangerous-goods classes): the
 *     planner's containers vs its lower bound (gap), cost, waiting days, checker verdict, next to
 *     a greedy baseline (largest first into the earliest departure, one pass, no search).
 *
 *   npx tsx bench/consolidation.ts [--limit 900] [--hubs 3] [--sections 1,2,3]
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { solveBinPacking } from '../src/domain/consolidation/binpacking.js';
import { checkBinPacking } from '../src/domain/consolidation/check-bins.js';
import { checkPlan } from '../src/domain/consolidation/check-plan.js';
import { generateHub } from '../src/domain/consolidation/generate.js';
import { firstFitDecreasing } from '../src/domain/consolidation/heuristics.js';
import { planConsolidation } from '../src/domain/consolidation/planner.js';
import { tripletInstance, uniformInstance } from '../src/domain/consolidation/test-instances.js';

const { values: args } = parseArgs({
  options: {
    limit: { type: 'string', default: '900' },
    hubs: { type: 'string', default: '3' },
    sections: { type: 'string', default: '1,2,3' },
  },
});
const limit = Number(args.limit);
const sections = new Set(args.sections.split(',').map((x) => x.trim()));

interface Instance {
  name: string;
  capacity: number;
  items: number[];
  optimum: number;
}

async function main(): Promise<void> {
  console.log(
    `consolidation benchmark — ${new Date().toISOString()}, ${cpus().length} cores, load ${loadavg()[0]!.toFixed(1)}`,
  );
  const u120: Instance[] = JSON.parse(
    readFileSync(new URL('../data/consolidation/bpp-u120.json', import.meta.url), 'utf8'),
  );

  if (sections.has('1')) {
    console.log(`\n1. Falkenauer u120 (time limit ${limit} ms each)`);
    console.log('| instance | optimum | FFD | found | bound | method | ms | checker |');
    console.log('|---|---|---|---|---|---|---|---|');
    let hit = 0;
    let ffdHit = 0;
    let maxMs = 0;
    let valid = 0;
    for (const inst of u120) {
      const ffd = firstFitDecreasing(inst.items, inst.capacity).length;
      const t0 = performance.now();
      const r = await solveBinPacking(inst.items, inst.capacity, { timeLimitMs: limit });
      const ms = performance.now() - t0;
      const problems = checkBinPacking(inst.items, inst.capacity, r.bins);
      if (r.bins.length === inst.optimum) hit++;
      if (ffd === inst.optimum) ffdHit++;
      if (problems.length === 0) valid++;
      maxMs = Math.max(maxMs, ms);
      console.log(
        `| ${inst.name} | ${inst.optimum} | ${ffd} | ${r.bins.length} | ${r.lowerBound} | ${r.method} | ${ms.toFixed(0)} | ${problems.length === 0 ? 'valid' : problems[0]} |`,
      );
    }
    console.log(`optimum on ${hit}/20 (FFD ${ffdHit}/20); slowest ${maxMs.toFixed(0)} ms; checker: ${valid}/20 valid`);
  }
  if (sections.has('2')) {
    console.log('\n2. Other families (generated, seeded)');
    console.log('| family | n | optimum | FFD | found | bound | method | ms | checker |');
    console.log('|---|---|---|---|---|---|---|---|---|');
    for (const n of [250, 500, 1000]) {
      for (const seed of [1, 2]) {
        const u = uniformInstance(n, 20, 100, 150, seed);
        const ffd = firstFitDecreasing(u.sizes, u.capacity).length;
        const t0 = performance.now();
        const r = await solveBinPacking(u.sizes, u.capacity, { timeLimitMs: limit });
        const ms = performance.now() - t0;
        const ok = checkBinPacking(u.sizes, u.capacity, r.bins).length === 0;
        console.log(
          `| uniform 20–100/150 seed ${seed} | ${n} | ${r.optimal ? r.bins.length : '?'} | ${ffd} | ${r.bins.length} | ${r.lowerBound} | ${r.method} | ${ms.toFixed(0)} | ${ok ? 'valid' : 'INVALID'} |`,
        );
      }
    }
    for (const bins of [20, 40, 83, 167]) {
      for (const seed of [1, 2]) {
        const t = tripletInstance(bins, seed);
        const ffd = firstFitDecreasing(t.sizes, t.capacity).length;
        const t0 = performance.now();
        const r = await solveBinPacking(t.sizes, t.capacity, { timeLimitMs: limit });
        const ms = performance.now() - t0;
        const ok = checkBinPacking(t.sizes, t.capacity, r.bins).length === 0;
        console.log(
          `| triplets /1000 seed ${seed} | ${bins * 3} | ${t.optimum} | ${ffd} | ${r.bins.length} | ${r.lowerBound} | ${r.method} | ${ms.toFixed(0)} | ${ok ? 'valid' : 'INVALID'} |`,
        );
      }
    }
  }
  if (sections.has('3')) {
    console.log('\n3. Generated hubs: 500 orders, 10 departures, 20GP/40GP/40HQ');
    console.log('| seed | method | containers | bound | gap | cost ¥ | waiting days | unplaced | ms | checker |');
    console.log('|---|---|---|---|---|---|---|---|---|---|');
    for (let seed = 1; seed <= Number(args.hubs); seed++) {
      const inp = generateHub({ orders: 500, departures: 10, seed });
      for (const [label, opts] of [
        ['greedy (one pass)', { variants: 1, improveRounds: 0 }],
        ['planner', {}],
      ] as const) {
        const t0 = performance.now();
        const p = planConsolidation(inp, opts);
        const ms = performance.now() - t0;
        const problems = checkPlan(inp, p);
        console.log(
          `| ${seed} | ${label} | ${p.containers.length} | ${p.lowerBound} | ${(p.gap * 100).toFixed(1)} % | ${(p.costFen / 100).toLocaleString('en')} | ${p.waitingDays} | ${p.unplaced.length} | ${ms.toFixed(0)} | ${problems.length === 0 ? 'valid' : problems[0]} |`,
        );
      }
    }
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
