import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPlan } from './check-plan.js';
import { STANDARD_CONTAINERS } from './containers.js';
import { generateHub } from './generate.js';
import { planConsolidation } from './planner.js';
import { DEFAULT_COMPATIBILITY } from './rules.js';
import type { Departure, Order, PlanInput } from './types.js';

const dep = (over: Partial<Departure> = {}): Departure => ({
  id: 'D1',
  route: 'WUJIASHAN-DUISBURG',
  destinations: ['DUISBURG'],
  date: '2026-03-10',
  cutoff: '2026-03-08',
  containers: [
    { type: '20GP', count: 5, priceFen: 4_000_000 },
    { type: '40HQ', count: 5, priceFen: 7_000_000 },
  ],
  usableVolumeFactor: 0.9,
  ...over,
});
let seq = 0;
const order = (over: Partial<Order> = {}): Order => ({
  id: `O${++seq}`,
  shipper: 'S1',
  cargoClass: 'general',
  dgClass: null,
  pieces: 10,
  volumeM3: 5,
  weightKg: 1000,
  destination: 'DUISBURG',
  readyDate: '2026-03-05',
  splittable: false,
  ...over,
});
const input = (orders: Order[], departures: Departure[] = [dep()]): PlanInput => ({
  containerTypes: STANDARD_CONTAINERS,
  departures,
  orders,
  compatibility: DEFAULT_COMPATIBILITY,
});
const plan = (inp: PlanInput) => {
  const p = planConsolidation(inp);
  expect(checkPlan(inp, p)).toEqual([]);
  return p;
};

describe('consolidation planner', () => {
  it('puts small compatible orders in one container of the cheapest type that holds them', () => {
    const p = plan(input([order(), order(), order()]));
    expect(p.containers).toHaveLength(1);
    expect(p.containers[0]!.type).toBe('20GP');
    expect(p.lowerBound).toBe(1);
    expect(p.gap).toBe(0);
    expect(p.costFen).toBe(4_000_000);
  });

  it('never lets food share with chemicals, or two dangerous-goods classes share', () => {
    const p = plan(
      input([
        order({ cargoClass: 'food' }),
        order({ cargoClass: 'chemical' }),
        order({ cargoClass: 'dangerous', dgClass: '3' }),
        order({ cargoClass: 'general', dgClass: '8' }),
      ]),
    );
    expect(p.containers.length).toBeGreaterThanOrEqual(3);
    expect(p.lowerBound).toBeGreaterThanOrEqual(2);
  });

  it('lists bad orders as unplaceable with a reason in zh and en, and plans the rest', () => {
    const heavy = order({ weightKg: 40_000 });
    const long = order({ pieceDims: { l: 13, w: 1, h: 1 }, pieces: 1 });
    const late = order({ readyDate: '2026-03-09' });
    const odd = order({ cargoClass: 'plutonium' });
    const nowhere = order({ destination: 'PARIS' });
    const fine = order();
    const p = plan(input([heavy, long, late, odd, nowhere, fine]));
    const reasons = Object.fromEntries(p.unplaced.map((u) => [u.orderId, u.reason]));
    expect(reasons).toEqual({
      [heavy.id]: 'too_heavy',
      [long.id]: 'dimension',
      [late.id]: 'ready_after_cutoff',
      [odd.id]: 'unknown_class',
      [nowhere.id]: 'no_destination',
    });
    for (const u of p.unplaced) {
      expect(u.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(u.en.length).toBeGreaterThan(5);
    }
    expect(p.containers.flatMap((c) => c.parts.map((x) => x.orderId))).toEqual([fine.id]);
  });

  it('keeps an unsplittable order whole and splits a splittable one larger than a container', () => {
    const whole = order({ volumeM3: 50, weightKg: 5000, pieces: 50 });
    const big = order({ volumeM3: 120, weightKg: 12_000, pieces: 120, splittable: true });
    const p = plan(input([whole, big]));
    expect(p.containers.filter((c) => c.parts.some((x) => x.orderId === whole.id))).toHaveLength(1);
    expect(p.containers.filter((c) => c.parts.some((x) => x.orderId === big.id)).length).toBeGreaterThan(1);
  });

  it('respects the route payload cap: dense cargo needs more containers under a 17 t road cap', () => {
    const dense = Array.from({ length: 4 }, () => order({ volumeM3: 4, weightKg: 9000 }));
    const open = plan(input(dense));
    const capped = plan(input(dense, [dep({ payloadCapKg: 17_000 })]));
    expect(open.containers).toHaveLength(2);
    expect(capped.containers).toHaveLength(4);
  });

  it('keeps locked assignments and re-plans a new order around them', () => {
    const a = order({ lock: { departureId: 'D1', containerId: 'FIXED-1', type: '40HQ' } });
    const b = order();
    const p = plan(input([a, b]));
    const fixed = p.containers.find((c) => c.id === 'FIXED-1');
    expect(fixed?.parts.map((x) => x.orderId)).toContain(a.id);
    expect(fixed?.type).toBe('40HQ');
    // a new order joins without moving the locked one
    const c = order({ volumeM3: 60, weightKg: 2000 });
    const p2 = plan(input([a, b, c]));
    expect(p2.containers.find((x) => x.id === 'FIXED-1')?.parts.map((x) => x.orderId)).toContain(a.id);
  });

  it('ships on the earliest departure unless a later one saves a container', () => {
    const d1 = dep();
    const d2 = dep({ id: 'D2', date: '2026-03-14', cutoff: '2026-03-12' });
    const early = order({ volumeM3: 20 });
    const p = plan(input([early], [d1, d2]));
    expect(p.containers[0]!.departureId).toBe('D1');
    expect(p.waitingDays).toBe(5);
    // one order can only make D2; the flexible one joins it rather than open a second container
    const lateOnly = order({ volumeM3: 5, readyDate: '2026-03-11' });
    const p2 = plan(input([early, lateOnly], [d1, d2]));
    expect(p2.containers).toHaveLength(1);
    expect(p2.containers[0]!.departureId).toBe('D2');
  });

  it('bounds by departure groups: orders no departure shares need their own containers', () => {
    const west = dep({ id: 'W', destinations: ['DUISBURG'] });
    const east = dep({ id: 'E', destinations: ['LODZ'] });
    const p = plan(input([order({ volumeM3: 10 }), order({ volumeM3: 10, destination: 'LODZ' })], [west, east]));
    expect(p.containers).toHaveLength(2);
    expect(p.lowerBound).toBe(2); // the global volume bound alone says 1
    expect(p.gap).toBe(0);
  });

  it('runs out of containers gracefully: the order that finds none is listed, not the whole plan failed', () => {
    const d = dep({ containers: [{ type: '40HQ', count: 1, priceFen: 7_000_000 }] });
    const p = plan(input([order({ volumeM3: 60 }), order({ volumeM3: 60 })], [d]));
    expect(p.containers).toHaveLength(1);
    expect(p.unplaced.map((u) => u.reason)).toEqual(['no_capacity']);
  });

  it('generated hubs: every plan passes the independent checker and never beats its bound', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 10, max: 80 }),
        fc.integer({ min: 1, max: 4 }),
        (seed, n, d) => {
          const inp = generateHub({ orders: n, departures: d, seed });
          // sprinkle locks, bad rows and oversize orders into the generated data
          inp.orders[0] = { ...inp.orders[0]!, weightKg: 99_000, splittable: false };
          if (inp.orders.length > 3) inp.orders[3] = { ...inp.orders[3]!, cargoClass: 'unknown' };
          const p = planConsolidation(inp, { variants: 2 });
          expect(checkPlan(inp, p)).toEqual([]);
          expect(p.lowerBound).toBeLessThanOrEqual(p.containers.length);
          expect(p.unplaced.map((u) => u.orderId)).toContain(inp.orders[0]!.id);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('independent plan checker', () => {
  it('catches an over-full container, a forbidden pair, a split of an unsplittable order and a lost order', () => {
    const a = order({ cargoClass: 'food', volumeM3: 20 });
    const b = order({ cargoClass: 'chemical', volumeM3: 20 });
    const c = order({ volumeM3: 10 });
    const inp = input([a, b, c]);
    const bad = {
      containers: [
        {
          id: 'X',
          departureId: 'D1',
          type: '20GP',
          parts: [
            { orderId: a.id, pieces: 10, volumeM3: 20, weightKg: 1000 },
            { orderId: b.id, pieces: 10, volumeM3: 20, weightKg: 1000 },
            { orderId: c.id, pieces: 5, volumeM3: 5, weightKg: 500 },
          ],
        },
        { id: 'Y', departureId: 'D1', type: '20GP', parts: [{ orderId: c.id, pieces: 4, volumeM3: 4, weightKg: 400 }] },
      ],
      unplaced: [],
      lowerBound: 5,
      gap: 0,
      costFen: 0,
      waitingDays: 0,
    };
    const v = checkPlan(inp, bad).join('\n');
    expect(v).toMatch(/m³ > usable/);
    expect(v).toMatch(/may not share/);
    expect(v).toMatch(/may not be split/);
    expect(v).toMatch(/9 of 10 pieces/);
    expect(v).toMatch(/bound 5 exceeds/);
  });
});
