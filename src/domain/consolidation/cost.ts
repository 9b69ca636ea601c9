/**
 * Cost split, as consolidators bill: each container's price is shared among the orders in it in
 * proportion to their chargeable weight, max(gross kg, m³ × divisor), at least the minimum
 * (minimum m³ × divisor) — the divisor (kg per m³) and minimum are per-route tariff settings.
 * Amounts are in fen and add up exactly to the container price (largest remainder).
 */
import type { Departure, Plan } from './types.js';

export interface RouteTariff {
  route: string;
  /** kg per m³: 1 000 (sea LCL), 750, 500 or 363 on China–Europe rail lines */
  divisorKgPerM3: number;
  /** minimum chargeable volume, m³ (commonly 1) */
  minChargeableM3: number;
}

/** Chargeable weight in kg of a shipment of `volumeM3` and `weightKg` under a tariff. */
export function chargeableKg(volumeM3: number, weightKg: number, t: RouteTariff): number {
  return Math.max(weightKg, volumeM3 * t.divisorKgPerM3, t.minChargeableM3 * t.divisorKgPerM3);
}

export interface ChargeLine {
  containerId: string;
  departureId: string;
  orderId: string;
  chargeableKg: number;
  amountFen: number;
}

/** Splits integer `total` in proportion to `weights` (largest remainder; ties by position). */
export function splitProportional(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (weights.length === 0) return [];
  if (sum <= 0)
    return splitProportional(
      total,
      weights.map(() => 1),
    );
  const raw = weights.map((w) => (total * w) / sum);
  const base = raw.map((x) => Math.floor(x));
  let left = total - base.reduce((a, b) => a + b, 0);
  const order = raw.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) base[order[k]!.i]!++;
  return base;
}

/**
 * Charge lines for every order part in the plan. A container's price comes from its departure's
 * offer for its type; its route's tariff sets the divisor and minimum (a route without a tariff
 * uses 1 000 kg/m³ and 1 m³).
 */
export function splitCosts(plan: Plan, departures: Departure[], tariffs: RouteTariff[]): ChargeLine[] {
  const deps = new Map(departures.map((d) => [d.id, d]));
  const byRoute = new Map(tariffs.map((t) => [t.route, t]));
  const lines: ChargeLine[] = [];
  for (const c of plan.containers) {
    const d = deps.get(c.departureId);
    if (!d) continue;
    const price = d.containers.find((x) => x.type === c.type)?.priceFen ?? 0;
    const tariff = byRoute.get(d.route) ?? { route: d.route, divisorKgPerM3: 1000, minChargeableM3: 1 };
    const cw = c.parts.map((p) => chargeableKg(p.volumeM3, p.weightKg, tariff));
    const amounts = splitProportional(price, cw);
    c.parts.forEach((p, i) => {
      lines.push({
        containerId: c.id,
        departureId: d.id,
        orderId: p.orderId,
        chargeableKg: cw[i]!,
        amountFen: amounts[i]!,
      });
    });
  }
  return lines;
}

/** Total per order (an order split over containers pays each part). */
export function totalsByOrder(lines: ChargeLine[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const l of lines) m.set(l.orderId, (m.get(l.orderId) ?? 0) + l.amountFen);
  return m;
}

/** Fill of a container: shares of usable volume and payload used (0–1 each). */
export function containerFill(
  parts: { volumeM3: number; weightKg: number }[],
  dep: Departure,
  type: { volumeM3: number; payloadKg: number },
): { volume: number; weight: number } {
  const v = parts.reduce((t, p) => t + p.volumeM3, 0);
  const w = parts.reduce((t, p) => t + p.weightKg, 0);
  return {
    volume: v / (type.volumeM3 * dep.usableVolumeFactor),
    weight: w / Math.min(type.payloadKg, dep.payloadCapKg ?? Number.POSITIVE_INFINITY),
  };
}
