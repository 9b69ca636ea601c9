import { describe, expect, it } from 'vitest';
import type { CheckInput } from './check-plan.js';
import { previewMove } from './preview-move.js';

const floor = (n: number, load: number) => ({
  floorNo: n,
  areaM2: 1000,
  floorLoadKnM2: load,
  clearHeightM: 4.5,
  powerKva: null,
  truckAccess: n === 1,
  vibrationUmS: null,
});
const tenant = (key: string, rank: number, load = 3) => ({
  key,
  areaM2: 400,
  floorLoadKnM2: load,
  clearHeightM: 3,
  powerKva: 0,
  elevatorT: 0,
  industry: 'bd',
  chainRank: rank,
});
const base = (): CheckInput => ({
  floors: [floor(1, 20), floor(2, 8), floor(3, 5)],
  elevatorT: 2,
  leadingIndustry: 'bd',
  maxOtherShare: 0.3,
  upstreamOnTop: true,
  rules: [],
  tenants: [tenant('chip', 0), tenant('board', 1, 6), tenant('app', 2)],
  links: [
    { from: 'chip', to: 'board', weight: 2 },
    { from: 'board', to: 'app', weight: 1 },
  ],
  placements: [
    ['chip', 3],
    ['board', 2],
    ['app', 1],
  ],
});

describe('previewMove', () => {
  it('names the rule a move would break and the objective change', () => {
    const p = previewMove(base(), 'chip', 1);
    expect(p.breaks.map((v) => v.rule)).toContain('chainOrder');
    expect(p.distanceDelta).toBe(0); // |1-2|*2 + |2-1| = 3, was |3-2|*2 + 1 = 3
    const load = previewMove(base(), 'board', 3);
    expect(load.breaks.map((v) => v.rule)).toContain('floorLoad');
    expect(load.breaks[0]!.zh).toContain('楼板荷载 5');
  });

  it('a harmless move breaks nothing; leaving a tenant out counts one more unplaced', () => {
    const ok = previewMove(base(), 'app', 2);
    expect(ok.breaks).toEqual([]);
    expect(ok.distanceDelta).toBe(-1);
    const out = previewMove(base(), 'app', null);
    expect(out.breaks).toEqual([]);
    expect(out.unplacedDelta).toBe(1);
    expect(out.after).toEqual({ unplaced: 1, distance: 2 });
  });

  it('limits broken before the move are not blamed on it', () => {
    const input = base();
    input.placements = [
      ['chip', 1],
      ['board', 2],
      ['app', 1],
    ]; // chip below board already breaks the chain order
    expect(previewMove(input, 'app', null).breaks).toEqual([]);
    // …while a move that breaks the order afresh is.
    expect(previewMove(input, 'app', 2).breaks.map((v) => v.rule)).toEqual(['chainOrder']);
  });
});
