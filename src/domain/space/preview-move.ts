/**
 * What a hand move in the floor planner would do, before it is made: the hard limits it would
 * break (those not already broken before the move, from the independent checker) and the change
 * of the objective (tenants left out, Σ weight × floors apart). The web planner shows this while a
 * tenant is dragged over a floor and refuses a drop that breaks a limit; the server checks again.
 */
import { type CheckInput, checkPlan, scorePlan, type Violation } from './check-plan.js';

export interface MovePreview {
  key: string;
  floorNo: number | null;
  /** Limits the move would break (not broken before it). */
  breaks: Violation[];
  unplacedDelta: number;
  distanceDelta: number;
  /** The objective after the move. */
  after: { unplaced: number; distance: number };
}

const sig = (v: Violation) => `${v.rule}|${v.key ?? ''}|${v.en}`;

/** `input.placements` is the plan as it stands (pending moves included); one tenant is moved. */
export function previewMove(input: CheckInput, key: string, floorNo: number | null): MovePreview {
  const moved: CheckInput = {
    ...input,
    placements: input.placements.map(([k, f]) => [k, k === key ? floorNo : f] as [string, number | null]),
  };
  const before = new Set(checkPlan(input).map(sig));
  const breaks = checkPlan(moved).filter((v) => !before.has(sig(v)));
  const s0 = scorePlan(input);
  const s1 = scorePlan(moved);
  return {
    key,
    floorNo,
    breaks,
    unplacedDelta: s1.unplaced - s0.unplaced,
    distanceDelta: s1.distance - s0.distance,
    after: s1,
  };
}
