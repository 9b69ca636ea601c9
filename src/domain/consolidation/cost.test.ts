import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPlan } from './check-plan.js';
import { STANDARD_CONTAINERS } from './containers.js';
import { chargeableKg, splitCosts, splitProportional, totalsByOrder } from './cost.js';
import { generateHub } from './generate.js';
import { planConsolidation } from './planner.js';
import { quoteOrder } from './quote.js';
import { DEFAULT_COMPATIBILITY } from './rules.js';
import type { Departure, Order, PlanInput } from './types.js';

const rail = { route: 'R', divisorKgPerM3: 333, minChargeableM3: 1 };

describe('chargeable weight and cost split', () => {
  it('charges the larger of gross weight and volume × divisor, at least the minimum', () => {
    expect(chargeableKg(2, 300, rail)).toBe(666); // light: volume decides
    expect(chargeableKg(2, 900, rail)).toBe(900); // dense: weight decides
    expect(chargeableKg(0.1, 10, rail)).toBe(333); // minimum 1 m³
  });

  it('splits exactly, in proportion, whatever the weights', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(fc.double({ min: 0.01, max: 1e5, noNaN: true }), { minLength: 1, maxLength: 30 }),
        (total, ws) => {
          const s = splitProportional(total, ws);
          expect(s.reduce((a, b) => a + b, 0)).toBe(total);
          const sum = ws.reduce((a, b) => a + b, 0);
          for (const [i, x] of s.entries()) expect(Math.abs(x - (total * ws[i]!) / sum)).toBeLessThan(1 + 1e-9);
        },
      ),
    );
  });

  it('each container of a generated plan is billed exactly its price, shared by chargeable weight', () => {
    const inp = generateHub({ orders: 60, departures: 3, seed: 7 });
    const p = planConsolidation(inp, { variants: 2 });
    const tariffs = [{ route: 'WUJIASHAN-DUISBURG', divisorKgPerM3: 500, minChargeableM3: 1 }];
    const lines = splitCosts(p, inp.departures, tariffs);
    const total = lines.reduce((t, l) => t + l.amountFen, 0);
    expect(total).toBe(p.costFen);
    // a heavier chargeable share never pays less within a container
    for (const c of p.containers) {
      const mine = lines.filter((l) => l.containerId === c.id).sort((a, b) => a.chargeableKg - b.chargeableKg);
      for (let i = 1; i < mine.length; i++)
        expect(mine[i]!.amountFen).toBeGreaterThanOrEqual(mine[i - 1]!.amountFen - 1);
    }
    expect([...totalsByOrder(lines).keys()].length).toBe(inp.orders.length - p.unplaced.length);
  });
});

describe('quotes', () => {
  const dep: Departure = {
    id: 'D1',
    route: 'R',
    destinations: ['DUISBURG'],
    date: '2026-03-10',
    cutoff: '2026-03-08',
    containers: [{ type: '40HQ', count: 3, priceFen: 7_000_000 }],
    usableVolumeFactor: 0.9,
  };
  const o = (id: string, v: number, kg: number): Order => ({
    id,
    shipper: 'S',
    cargoClass: 'general',
    pieces: 4,
    volumeM3: v,
    weightKg: kg,
    destination: 'DUISBURG',
    readyDate: '2026-03-01',
    splittable: false,
  });
  it('quotes a new order its share of the container it joins, without moving booked orders', () => {
    const inp: PlanInput = {
      containerTypes: STANDARD_CONTAINERS,
      departures: [dep],
      orders: [o('A', 30, 3000)],
      compatibility: DEFAULT_COMPATIBILITY,
    };
    const current = planConsolidation(inp);
    const q = quoteOrder(inp, current, o('B', 10, 1000), [rail]);
    // A: max(3000, 30×333 = 9990); B: max(1000, 3330) → B pays 3330 / 13320 of the container
    expect(q.amountFen).toBe(Math.round((7_000_000 * 3330) / 13_320));
    expect(q.containers).toEqual([current.containers[0]!.id]);
    const full = quoteOrder(inp, current, { ...o('C', 1, 30_000) }, [rail]);
    expect(full.unplaced?.reason).toBe('too_heavy');
  });

  it('a locked plan plus the new order still passes the checker', () => {
    const inp = generateHub({ orders: 40, departures: 2, seed: 3 });
    const p = planConsolidation(inp, { variants: 2 });
    expect(checkPlan(inp, p)).toEqual([]);
    const extra = { ...inp.orders[5]!, id: 'NEW' };
    const q = quoteOrder(inp, p, extra, []);
    expect(q.unplaced === undefined ? q.amountFen > 0 : q.unplaced.reason === 'no_capacity').toBe(true);
  });
});
