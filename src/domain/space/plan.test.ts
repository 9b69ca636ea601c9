import { describe, expect, it } from 'vitest';
import { checkPlan, scorePlan } from './check-plan.js';
import { checkInputOf, generatePlanProblem } from './generate.js';
import { explainPlan, greedyPlan, type PlanProblem, planObjective, solvePlan } from './plan.js';
import { improvePlan } from './plan-local.js';
import { DEFAULT_RULES } from './rules.js';

const small = (): PlanProblem => ({
  building: {
    elevatorT: 2,
    leadingIndustry: 'bd',
    floors: [1, 2, 3, 4].map((n) => ({
      floorNo: n,
      areaM2: 1000,
      floorLoadKnM2: n === 1 ? 20 : n === 2 ? 10 : 5,
      clearHeightM: n === 1 ? 8 : 4.5,
      powerKva: 500,
      truckAccess: n === 1,
      vibrationUmS: null,
    })),
  },
  tenants: [
    {
      key: 'chip',
      name: 'Chip design',
      areaM2: 800,
      floorLoadKnM2: 3,
      clearHeightM: 3,
      powerKva: 50,
      elevatorT: 0,
      industry: 'bd',
      chainRank: 0,
    },
    {
      key: 'board',
      name: 'Boards',
      areaM2: 600,
      floorLoadKnM2: 4,
      clearHeightM: 3,
      powerKva: 50,
      elevatorT: 1,
      industry: 'bd',
      chainRank: 1,
    },
    {
      key: 'gnss',
      name: 'Ground augmentation',
      areaM2: 400,
      floorLoadKnM2: 4,
      clearHeightM: 3,
      powerKva: 50,
      elevatorT: 0,
      industry: 'bd',
      chainRank: 1,
    },
    {
      key: 'heavy',
      name: 'Heavy assembly',
      areaM2: 900,
      floorLoadKnM2: 15,
      clearHeightM: 6,
      powerKva: 300,
      elevatorT: 5,
      industry: 'bd',
      chainRank: 2,
      process: 'nev_parts',
    },
    {
      key: 'cafe',
      name: 'Other',
      areaM2: 300,
      floorLoadKnM2: 2,
      clearHeightM: 3,
      powerKva: 10,
      elevatorT: 0,
      industry: 'food',
      chainRank: 0,
    },
  ],
  links: [
    { from: 'chip', to: 'board', weight: 3 },
    { from: 'board', to: 'heavy', weight: 2 },
    { from: 'gnss', to: 'chip', weight: 1 },
  ],
  rules: DEFAULT_RULES,
  maxOtherShare: 0.2,
  upstreamOnTop: true,
});

describe('floor planning', () => {
  it('places the upstream chain above the downstream one and heavy work on the truck floor', async () => {
    const p = small();
    const r = await solvePlan(p, { timeLimitS: 5, method: 'mip' });
    expect(r.method).toBe('mip');
    expect(r.optimal).toBe(true);
    expect(checkPlan(checkInputOf(p, r.floorOf))).toEqual([]);
    expect(r.floorOf.get('heavy')).toBe(1);
    expect(r.floorOf.get('chip')!).toBeGreaterThanOrEqual(r.floorOf.get('board')!);
    expect(r.objective).toBe(planObjective(p, r.floorOf));
    expect(scorePlan(checkInputOf(p, r.floorOf)).unplaced).toBe(0);
  });

  it('is never worse than greedy and both pass the independent checker on 24 floors × 60 tenants', {
    timeout: 30_000,
  }, async () => {
    const p = generatePlanProblem({ floors: 24, tenants: 60, seed: 7 });
    const g = greedyPlan(p);
    expect(checkPlan(checkInputOf(p, g))).toEqual([]);
    const r = await solvePlan(p, { timeLimitS: 3, method: 'mip' });
    expect(checkPlan(checkInputOf(p, r.floorOf))).toEqual([]);
    expect(r.objective).toBeLessThanOrEqual(planObjective(p, g) + 1e-9);
    expect(r.bound).not.toBeNull();
    expect(r.bound!).toBeLessThanOrEqual(r.objective + 1e-6);
    const s = scorePlan(checkInputOf(p, r.floorOf));
    expect(s.unplaced * (p.links.reduce((t, l) => t + l.weight, 0) * 23 + 1) + s.distance).toBeCloseTo(r.objective, 6);
  });

  it('stacks the ranks from the ground up as well, and keeps whichever plan is better', () => {
    let shorter = 0;
    for (const seed of [1, 2, 3]) {
      const p = generatePlanProblem({ floors: 24, tenants: 60, seed });
      const top = improvePlan(p, greedyPlan(p, 'top'));
      const bottom = improvePlan(p, greedyPlan(p, 'bottom'));
      expect(checkPlan(checkInputOf(p, greedyPlan(p, 'bottom')))).toEqual([]);
      expect(checkPlan(checkInputOf(p, bottom))).toEqual([]);
      const [a, b] = [scorePlan(checkInputOf(p, top)), scorePlan(checkInputOf(p, bottom))];
      if (a.unplaced === b.unplaced && b.distance < a.distance) shorter++;
    }
    // The spare floors go on top instead of inside the band held to the low floors.
    expect(shorter).toBeGreaterThanOrEqual(2);
  });

  it('stacks the set of the best count from the ground up with tight tenants first: as many placed, far shorter', () => {
    // Instance 2: bottom-up alone gives the truck floor to tenants that fit others too and leaves out two of
    // the five that fit it only; with the top-down plan's set and the tightest first, all of them go in.
    const p = generatePlanProblem({ floors: 24, tenants: 60, seed: 2 });
    const score = (m: Map<string, number | null>) => scorePlan(checkInputOf(p, m));
    const top = improvePlan(p, greedyPlan(p, 'top'));
    const set = new Set([...top].filter(([, f]) => f !== null).map(([k]) => k));
    const loose = greedyPlan(p, 'bottom', set, 0.4);
    expect(score(loose).unplaced).toBeGreaterThan(score(top).unplaced);
    const tight = improvePlan(p, greedyPlan(p, 'bottom', set, 0.4, true));
    expect(checkPlan(checkInputOf(p, tight))).toEqual([]);
    expect(score(tight).unplaced).toBe(score(top).unplaced);
    expect(score(tight).distance).toBeLessThan(score(top).distance);
  });

  it('orders a rank by pull as well as area, which shortens the distance at the same count', () => {
    const p = generatePlanProblem({ floors: 24, tenants: 60, seed: 1 });
    const score = (m: Map<string, number | null>) => scorePlan(checkInputOf(p, m));
    const byArea = score(improvePlan(p, greedyPlan(p, 'bottom', undefined, 0)));
    const blends = [0.2, 0.4, 0.6, 0.8, 1].map((alpha) => improvePlan(p, greedyPlan(p, 'bottom', undefined, alpha)));
    for (const m of blends) expect(checkPlan(checkInputOf(p, m))).toEqual([]);
    const best = Math.min(
      ...blends
        .map(score)
        .filter((s) => s.unplaced === byArea.unplaced)
        .map((s) => s.distance),
    );
    expect(best).toBeLessThan(byArea.distance);
  });

  it('explains every placement and every tenant left out', async () => {
    const p = small();
    p.tenants.push({
      key: 'huge',
      name: 'Too big',
      areaM2: 5000,
      floorLoadKnM2: 3,
      clearHeightM: 3,
      powerKva: 0,
      elevatorT: 0,
      industry: 'bd',
      chainRank: 3,
    });
    const r = await solvePlan(p, { timeLimitS: 5, method: 'auto' });
    expect(r.floorOf.get('huge')).toBeNull();
    const why = explainPlan(p, r.floorOf);
    for (const t of p.tenants) expect(why.get(t.key)!.length).toBeGreaterThan(0);
    expect(why.get('huge')!.map((x) => x.rule)).toContain('area');
    expect(why.get('heavy')!.map((x) => x.rule)).toContain('limits');
  });

  it('keeps other industries within the lead-industry share', async () => {
    const p = small();
    p.maxOtherShare = 0;
    const r = await solvePlan(p, { timeLimitS: 5, method: 'mip' });
    expect(r.floorOf.get('cafe')).toBeNull();
    expect(checkPlan(checkInputOf(p, r.floorOf))).toEqual([]);
  });
});

describe('the independent checker', () => {
  it('finds a hand move that breaks a floor load and the chain order', () => {
    const p = small();
    const plan = new Map<string, number | null>([
      ['chip', 2],
      ['board', 3],
      ['gnss', 3],
      ['heavy', 4],
      ['cafe', null],
    ]);
    const rules = checkPlan(checkInputOf(p, plan)).map((v) => v.rule);
    expect(rules).toContain('floorLoad');
    expect(rules).toContain('chainOrder');
    expect(rules).toContain('upstairs.maxFloor');
    expect(rules).toContain('elevator');
  });

  it('finds an overfull floor, an unknown tenant and a missing floor', () => {
    const p = small();
    const rules = checkPlan({
      ...checkInputOf(p, new Map()),
      placements: [
        ['chip', 3],
        ['board', 3],
        ['ghost', 2],
        ['gnss', 9],
      ],
    }).map((v) => v.rule);
    expect(rules).toEqual(expect.arrayContaining(['floorArea', 'unknownTenant', 'noSuchFloor']));
  });
});
