/** Public entry of the meeting scheduler; see types.ts for the problem. */
import { countingBound, integralBound } from './bound.js';
import { greedySchedule } from './greedy.js';
import { heuristicSchedule, improveGaps } from './heuristic.js';
import { solveMilp } from './milp.js';
import { buildModel, type Model, type State } from './model.js';
import { buildResult } from './result.js';
import { selectMeetings } from './select.js';
import type { SchedMethod, SchedOptions, SchedProblem, SchedResult } from './types.js';

export { checkSchedule, countIdleSlots } from './checker.js';
export { type GenerateOptions, generateEvent, rng } from './generate.js';
export * from './types.js';

/** 'auto' runs the MILP when the model has at most this many x[m, s] columns (see docs/benchmarks.md). */
export const AUTO_MILP_MAX_COLUMNS = 12_000;
/** The full model with idle-slot columns is only tried up to this many x[m, s] columns. */
const GAP_MILP_MAX_COLUMNS = 1_500;

/**
 * Schedules the accepted meetings of a conference into slots and tables. Maximises the
 * priority-weighted number of meetings, then minimises idle slots, then moves of published
 * meetings; never moves or drops a locked meeting. 'greedy' is the baseline; 'heuristic' solves
 * the slot-free selection LP with HiGHS (which also gives the upper bound), colours the chosen
 * meetings into slots and improves by local search; 'milp' runs the heuristic, then the exact
 * model warm-started from it (small ones also with idle slots in the model); 'auto' (default)
 * picks 'milp' up to AUTO_MILP_MAX_COLUMNS candidate (meeting, slot) pairs, else 'heuristic'.
 * Every method answers within about `timeLimitMs` (default 20 s) with a schedule that
 * checkSchedule accepts (given consistent locked meetings), at least as good as the greedy one,
 * and with an upper bound; `optimal` is set only when the weighted value is proven best.
 * HiGHS failures fall back to the heuristic without HiGHS, never to a wrong answer.
 */
export async function scheduleMeetings(problem: SchedProblem, options: SchedOptions = {}): Promise<SchedResult> {
  const startedAt = performance.now();
  const limit = Math.max(50, options.timeLimitMs ?? 20_000);
  const seed = options.seed ?? 1;
  const md = buildModel(problem);
  const greedy = greedySchedule(md);
  let ub = integralBound(md, countingBound(md));
  let boundSource: 'milp' | 'lp' | 'combinatorial' = 'combinatorial';
  const done = (st: State, method: SchedMethod, optimal = false) =>
    buildResult(md, st, {
      method,
      upperBound: ub,
      optimal: optimal || st.value >= ub - 1e-9,
      startedAt,
      boundSource,
    });
  const requested = options.method ?? 'auto';
  if (requested === 'greedy') return done(greedy, 'greedy');
  let columns = 0;
  for (let m = 0; m < md.M; m++) if (md.locked[m]! < 0) columns += md.cand[m]!.length;
  const method: SchedMethod =
    requested === 'auto' ? (columns <= AUTO_MILP_MAX_COLUMNS ? 'milp' : 'heuristic') : requested;
  const until = (share: number) => startedAt + limit * share;
  const left = (share: number) => Math.max(0, until(share) - performance.now());

  const sel = await selectMeetings(md, left(0.3), false).catch(() => undefined);
  if (sel && integralBound(md, sel.upperBound) < ub) {
    ub = integralBound(md, sel.upperBound);
    boundSource = 'lp';
  }
  let best = pickBetter(
    md,
    greedy,
    heuristicSchedule(md, {
      deadline: until(method === 'milp' ? 0.45 : 0.9),
      seed,
      prefer: sel?.session,
      target: ub,
    }),
  );
  if (method === 'heuristic' || columns === 0) return done(best, method);

  let proven = best.value >= ub - 1e-9;
  if (!proven) {
    const r = await solveMilp(md, best, left(0.8), 'primary').catch(() => undefined);
    if (r) {
      if (r.upperBound < ub) {
        ub = integralBound(md, r.upperBound);
        boundSource = 'milp';
      }
      improveGaps(r.state, () => performance.now() > until(0.85));
      best = pickBetter(md, best, r.state);
      proven = r.optimal || best.value >= ub - 1e-9;
    }
  }
  if (proven && columns <= GAP_MILP_MAX_COLUMNS && left(0.9) > 100) {
    const r = await solveMilp(md, best, left(0.9), 'full').catch(() => undefined);
    if (r) best = pickBetter(md, best, r.state);
  }
  return done(best, 'milp', proven);
}

/** The lexicographically better state: more weight, then fewer idle slots, then fewer moves. */
function pickBetter(md: Model, x: State, y: State): State {
  if (Math.abs(x.value - y.value) > 1e-9) return x.value > y.value ? x : y;
  const ix = x.totalIdle();
  const iy = y.totalIdle();
  if (ix !== iy) return ix < iy ? x : y;
  const moves = (s: State) => md.pub.reduce((t, p, m) => t + (p >= 0 && s.slotOf[m] !== p ? 1 : 0), 0);
  return moves(y) < moves(x) ? y : x;
}
