/**
 * A quote before booking: the current plan's containers are locked, the new order is planned
 * around them, and its share of the cost of the container(s) it lands in is the price quoted —
 * the same split the invoice will use once the departure closes ("可预期的成本").
 */
import { type RouteTariff, splitCosts, totalsByOrder } from './cost.js';
import { planConsolidation } from './planner.js';
import type { Order, Plan, PlanInput, Unplaced } from './types.js';

export interface Quote {
  orderId: string;
  amountFen: number;
  departureId: string | null;
  containers: string[];
  unplaced?: Unplaced;
}

export function quoteOrder(input: PlanInput, current: Plan, newOrder: Order, tariffs: RouteTariff[]): Quote {
  // every part of the current plan stays where it is: each becomes a locked pseudo-order
  const byId = new Map(input.orders.map((o) => [o.id, o]));
  const orders: Order[] = [];
  for (const c of current.containers)
    c.parts.forEach((p, k) => {
      const o = byId.get(p.orderId);
      if (!o) return;
      orders.push({
        ...o,
        id: `${o.id}#${c.id}#${k}`,
        pieces: p.pieces,
        volumeM3: p.volumeM3,
        weightKg: p.weightKg,
        stackable: true, // the part's volume already counts the floor it takes
        splittable: false,
        lock: { departureId: c.departureId, containerId: c.id, type: c.type },
      });
    });
  const inp: PlanInput = { ...input, orders: [...orders, newOrder] };
  const plan = planConsolidation(inp, { variants: 2 });
  const un = plan.unplaced.find((u) => u.orderId === newOrder.id);
  if (un) return { orderId: newOrder.id, amountFen: 0, departureId: null, containers: [], unplaced: un };
  const lines = splitCosts(plan, input.departures, tariffs);
  const mine = plan.containers.filter((c) => c.parts.some((p) => p.orderId === newOrder.id));
  return {
    orderId: newOrder.id,
    amountFen: totalsByOrder(lines).get(newOrder.id) ?? 0,
    departureId: mine[0]?.departureId ?? null,
    containers: mine.map((c) => c.id),
  };
}
