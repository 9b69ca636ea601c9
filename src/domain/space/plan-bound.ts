/**
 * A lower bound on the weighted vertical distance of a plan that places a given set of tenants,
 * from the chain order alone — the bound HiGHS' LP relaxation cannot see. In the relaxation each
 * tenant may be split over all floors, so every tenant's mean floor can be the same and the
 * distance bound stays 0 (the 100 % gap the planner showed). Here the ranks of the lead chain are
 * bands of whole floors instead, one below the other:
 *
 *   for a link between lead tenants u (higher order key, band [lo_u, hi_u]) and d (band [lo_d, hi_d]),
 *   z_u − z_d ≥ (z_u − lo_u) + (hi_d − z_d), both terms ≥ 0 since lo_u ≥ hi_d;
 *
 * so the distance separates into one cost per rank and band, each bounded by filling the band's
 * floors with the rank's tenants split by area (those pulled down from the bottom, those pulled up
 * from the top, the strongest pull per m² first — optimal for costs linear in the floor), and the
 * bands are chosen by dynamic programming over the ranks. Relaxed, hence valid: floor limits other
 * than area, power, tenants of other industries, links that are not between two ranks, and the
 * floor two bands share (counted whole in both). Exact only for the given placed set.
 */
import { heightKey, isLead, type PlanProblem } from './plan-model.js';

export function chainBandBound(p: PlanProblem, placed: ReadonlySet<string>): number {
  const floors = [...p.building.floors].sort((a, b) => a.floorNo - b.floorNo);
  const F = floors.length;
  const lead = p.tenants.filter((t) => placed.has(t.key) && isLead(p, t));
  const key = new Map(lead.map((t) => [t.key, heightKey(p, t)]));
  const keys = [...new Set(key.values())].sort((a, b) => b - a);
  if (keys.length < 2 || F === 0) return 0;
  const pullDown = new Map<string, number>();
  const pullUp = new Map<string, number>();
  for (const l of p.links) {
    const a = key.get(l.from);
    const b = key.get(l.to);
    if (a === undefined || b === undefined || a === b || l.weight <= 0) continue;
    const [up, down] = a > b ? [l.from, l.to] : [l.to, l.from];
    pullDown.set(up, (pullDown.get(up) ?? 0) + l.weight);
    pullUp.set(down, (pullUp.get(down) ?? 0) + l.weight);
  }
  const ranks = keys.map((k) =>
    lead
      .filter((t) => key.get(t.key) === k)
      .map((t) => ({ a: t.areaM2, down: pullDown.get(t.key) ?? 0, up: pullUp.get(t.key) ?? 0 })),
  );
  const areaPrefix = [0];
  for (const f of floors) areaPrefix.push(areaPrefix.at(-1)! + f.areaM2);

  /** Least cost of rank j in floors lo..hi (indices), split by area; Infinity when it cannot fit. */
  const band = (j: number, lo: number, hi: number): number => {
    const ts = ranks[j]!;
    const total = ts.reduce((s, t) => s + t.a, 0);
    if (total > areaPrefix[hi + 1]! - areaPrefix[lo]! + 1e-9) return Number.POSITIVE_INFINITY;
    const loNo = floors[lo]!.floorNo;
    const hiNo = floors[hi]!.floorNo;
    // cost of t at floor n: down·(n − loNo) + up·(hiNo − n) = (down − up)·n + const
    let cost = 0;
    const sink: { a: number; s: number }[] = [];
    const rise: { a: number; s: number }[] = [];
    for (const t of ts) {
      cost += t.up * hiNo - t.down * loNo;
      const s = t.down - t.up;
      if (s > 0) sink.push({ a: t.a, s });
      else if (s < 0) rise.push({ a: t.a, s });
    }
    const fill = (list: { a: number; s: number }[], from: number, step: 1 | -1) => {
      list.sort((x, y) => Math.abs(y.s) / y.a - Math.abs(x.s) / x.a);
      let fi = from;
      let room = floors[fi]!.areaM2;
      for (const x of list) {
        let left = x.a;
        while (left > 1e-9) {
          const take = Math.min(left, room);
          cost += x.s * (take / x.a) * floors[fi]!.floorNo;
          left -= take;
          room -= take;
          if (room <= 1e-9) {
            const next = fi + step;
            if (next < lo || next > hi) return;
            fi = next;
            room = floors[fi]!.areaM2;
          }
        }
      }
    };
    fill(sink, lo, 1);
    fill(rise, hi, -1);
    return cost;
  };

  // best[lo]: the least cost of ranks 0..j with rank j's lowest floor at index lo.
  let best = new Array<number>(F).fill(Number.POSITIVE_INFINITY);
  for (let lo = 0; lo < F; lo++) for (let hi = lo; hi < F; hi++) best[lo] = Math.min(best[lo]!, band(0, lo, hi));
  for (let j = 1; j < keys.length; j++) {
    const above = new Array<number>(F + 1).fill(Number.POSITIVE_INFINITY);
    for (let h = F - 1; h >= 0; h--) above[h] = Math.min(above[h + 1]!, best[h]!);
    const next = new Array<number>(F).fill(Number.POSITIVE_INFINITY);
    for (let lo = 0; lo < F; lo++)
      for (let hi = lo; hi < F; hi++) next[lo] = Math.min(next[lo]!, band(j, lo, hi) + above[hi]!);
    best = next;
  }
  const b = Math.min(...best);
  return Number.isFinite(b) ? Math.max(0, b) : 0;
}
