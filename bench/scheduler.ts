/**
 * npm run bench:scheduler — one-to-one meeting scheduler (issue 6 item 7: generated events with
 * 50, 500 and 2 000 participants, up to 15 000 accepted requests, 16 slots in 2 sessions; bar:
 * ≥ 99 % of the optimum (or of the bound) at 500 participants in < 5 s, and a valid schedule at
 * 2 000 participants in < 30 s).
 *
 * Events come from src/domain/scheduling/generate.ts (buyers / sellers / investors / parks,
 * skewed popularity, a quarter of people with availability holes, ~5 % of exhibitors with a
 * booth, priorities 1–3, 7 meetings per session at most, buyers capped at 12). Each event is
 * scheduled by the greedy baseline, the heuristic and — where it can run — the MILP; every
 * schedule is verified by checkSchedule. Prints figures only: nothing here is a timed assertion.
 *
 * The row "exact" is the bare MILP (x[m, s] for every candidate slot, weighted meetings and kept
 * published meetings in the objective) given to HiGHS from the greedy start, with --exact-limit ms:
 * what the exact model does on its own, without the selection LP that the other methods use.
 *
 *   npx tsx bench/scheduler.ts [--seed 7] [--only 500] [--milp-limit 60000] [--exact-limit 60000]
 */
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { greedySchedule } from '../src/domain/scheduling/greedy.js';
import {
  checkSchedule,
  generateEvent,
  rng,
  type SchedMethod,
  type SchedResult,
  scheduleMeetings,
} from '../src/domain/scheduling/index.js';
import { loadHighs, solveMilp } from '../src/domain/scheduling/milp.js';
import { buildModel } from '../src/domain/scheduling/model.js';

const { values: args } = parseArgs({
  options: {
    seed: { type: 'string', default: '7' },
    only: { type: 'string' },
    'milp-limit': { type: 'string', default: '60000' },
    'exact-limit': { type: 'string', default: '60000' },
  },
});
const seed = Number(args.seed);
const milpLimit = Number(args['milp-limit']);
const exactLimit = Number(args['exact-limit']);

interface Case {
  participants: number;
  meetings: number;
  /** Run the MILP method on this size (its x[m, s] model grows with requests × slots). */
  milp: boolean;
  bar?: 'quality' | 'valid';
}
const ALL: Case[] = [
  { participants: 50, meetings: 300, milp: true },
  { participants: 500, meetings: 3000, milp: true, bar: 'quality' },
  { participants: 500, meetings: 5000, milp: true, bar: 'quality' },
  { participants: 2000, meetings: 8000, milp: false, bar: 'valid' },
  { participants: 2000, meetings: 15000, milp: false, bar: 'valid' },
];
const CASES = ALL.filter((c) => !args.only || String(c.participants) === args.only);

const pad = (s: string | number, n: number) => String(s).padStart(n);
/** One line of the results table, in the header's column widths. */
const resultRow = (participants: number, meetings: number, label: string, r: SchedResult, valid: boolean) =>
  [
    pad(participants, 6),
    pad(meetings, 8),
    pad(label, 9),
    pad(r.scheduledCount, 9),
    pad(r.weightedScheduled, 8),
    pad(r.upperBound, 8),
    pad(r.boundSource ?? '', 13),
    pad((r.gap * 100).toFixed(2), 7),
    pad(r.idleGaps, 6),
    pad(r.moved, 5),
    pad(r.timeMs, 8),
    pad(r.optimal ? 'yes' : 'no', 7),
    pad(valid ? 'yes' : 'NO', 5),
  ].join(' ');
const header = [
  pad('people', 6),
  pad('requests', 8),
  pad('method', 9),
  pad('scheduled', 9),
  pad('weighted', 8),
  pad('bound', 8),
  pad('from', 13),
  pad('gap %', 7),
  pad('idle', 6),
  pad('moved', 5),
  pad('time ms', 8),
  pad('optimal', 7),
  pad('valid', 5),
].join(' ');

console.log(
  `Meeting scheduler benchmark — seed ${seed}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
);
{
  // The first HiGHS call in a process loads and compiles the WebAssembly module; a server pays it
  // once. Timed here on its own so the rows below show steady-state times.
  const t = performance.now();
  await scheduleMeetings(generateEvent({ participants: 50, meetings: 300, seed: seed + 100 }), { method: 'heuristic' });
  console.log(`cold start (load HiGHS, warm-up, first 50-person schedule): ${Math.round(performance.now() - t)} ms`);
}
console.log(header);
const verdicts: string[] = [];
for (const c of CASES) {
  const problem = generateEvent({ participants: c.participants, meetings: c.meetings, seed });
  const runs: Partial<Record<SchedMethod, SchedResult>> = {};
  const methods: SchedMethod[] = c.milp ? ['greedy', 'heuristic', 'milp'] : ['greedy', 'heuristic'];
  for (const method of methods) {
    const r = await scheduleMeetings(problem, { method, seed, timeLimitMs: method === 'milp' ? milpLimit : 30_000 });
    const valid = checkSchedule(problem, r.assignments).length === 0;
    runs[method] = r;
    console.log(resultRow(c.participants, problem.meetings.length, method, r, valid));
    if (!valid) verdicts.push(`INVALID schedule: ${method} at ${c.participants} participants`);
  }
  if (c.milp && c.meetings <= 3000) {
    // The bare exact model from the greedy start (HiGHS already loaded and warm).
    await loadHighs();
    const t = performance.now();
    const md = buildModel(problem);
    const g0 = greedySchedule(md);
    const r = await solveMilp(md, g0, exactLimit, 'primary');
    const ms = Math.round(performance.now() - t);
    console.log(
      [
        pad(c.participants, 6),
        pad(problem.meetings.length, 8),
        pad('exact', 9),
        pad(r ? r.state.count : '-', 9),
        pad(r ? Math.round(r.state.value) : 'failed', 8),
        pad(r && Number.isFinite(r.upperBound) ? r.upperBound : '-', 8),
        pad('milp', 13),
        pad(
          r && Number.isFinite(r.upperBound) ? (((r.upperBound - r.state.value) / r.upperBound) * 100).toFixed(2) : '-',
          7,
        ),
        pad(r ? r.state.totalIdle() : '-', 6),
        pad('', 5),
        pad(ms, 8),
        pad(r?.optimal ? 'yes' : 'no', 7),
        pad('', 5),
      ].join(' '),
    );
  }
  if (c.bar) {
    // Re-run after changes: publish the heuristic's schedule, then 2 % of meetings are cancelled,
    // 2 % new ones accepted and 1 % of people lose one slot of availability.
    const rnd = rng(seed + 1);
    const placed = new Map(runs.heuristic!.assignments.map((x) => [x.meetingId, x]));
    const meetings = problem.meetings
      .filter(() => rnd() >= 0.02)
      .map((m) => {
        const x = placed.get(m.id);
        return x ? { ...m, published: { slot: x.slot, table: x.table } } : m;
      });
    const ids = problem.participants.map((p) => p.id);
    const added = Math.round(problem.meetings.length * 0.02);
    for (let i = 0; i < added; i++) {
      const a = ids[Math.floor(rnd() * ids.length)]!;
      const b = ids[Math.floor(rnd() * ids.length)]!;
      if (a !== b) meetings.push({ id: `new${i}`, a, b, priority: 1 + Math.floor(rnd() * 3) });
    }
    const participants = problem.participants.map((p) => {
      if (rnd() >= 0.01) return p;
      const lost = problem.slots[Math.floor(rnd() * problem.slots.length)]!.id;
      return { ...p, available: (p.available ?? problem.slots.map((s) => s.id)).filter((s) => s !== lost) };
    });
    const changed = { ...problem, meetings, participants };
    const published = meetings.filter((m) => m.published).length;
    const r = await scheduleMeetings(changed, { method: 'heuristic', seed, timeLimitMs: 30_000 });
    const valid = checkSchedule(changed, r.assignments).length === 0;
    console.log(resultRow(c.participants, changed.meetings.length, 're-run', r, valid));
    verdicts.push(
      `${c.participants}/${problem.meetings.length} re-run after changes: ${r.moved} of ${published} published meetings moved or dropped (${((r.moved / Math.max(1, published)) * 100).toFixed(1)} %)`,
    );
  }
  const h = runs.heuristic!;
  const g = runs.greedy!;
  const reference = runs.milp?.optimal
    ? runs.milp.weightedScheduled
    : Math.min(...Object.values(runs).map((r) => r.upperBound));
  const share = h.weightedScheduled / reference;
  const what = runs.milp?.optimal ? 'the proven optimum' : 'the best upper bound';
  if (c.bar === 'quality')
    verdicts.push(
      `${c.participants}/${problem.meetings.length}: heuristic ${(share * 100).toFixed(2)} % of ${what} in ${h.timeMs} ms — bar (≥ 99 % in < 5 s) ${share >= 0.99 && h.timeMs < 5000 ? 'MET' : 'NOT MET'}; greedy ${((g.weightedScheduled / reference) * 100).toFixed(2)} %`,
    );
  if (c.bar === 'valid') {
    const ok = checkSchedule(problem, h.assignments).length === 0 && h.timeMs < 30_000;
    verdicts.push(
      `${c.participants}/${problem.meetings.length}: heuristic valid in ${h.timeMs} ms, ${(share * 100).toFixed(2)} % of ${what} — bar (valid in < 30 s) ${ok ? 'MET' : 'NOT MET'}; greedy ${((g.weightedScheduled / reference) * 100).toFixed(2)} %`,
    );
  }
}
console.log('');
for (const v of verdicts) console.log(v);
