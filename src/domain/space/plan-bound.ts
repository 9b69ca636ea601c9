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
 * than area, power, tenants of other industries, links that are not between two ranks. Exact only
 * for the given placed set.
 *
 * Two terms tighten it (both still a relaxation). The floor two bands share holds both ranks' tenants
 * within its one area: the DP carries the share of it the upper rank takes, on a grid of SPLITS steps
 * rounded in the bound's favour (the upper rank up to k steps, the lower one up to SPLITS − k + 1).
 * And the middle term lo_u − hi_d ≥ 0 the split above drops is kept: floors left between two bands,
 * and the whole height of every rank a link passes over, cost each link passing them its weight.
 *
 * Floor limits (load, clear height, power, elevator, the process rule: floorReasons) count too, which is
 * what holds a rank whose tenants fit few floors to a tall band: a band is ruled out when one of its
 * tenants fits none of its floors, or when the tenants that fit only within some tenant's set of floors
 * need more area than that set offers in the band (Hall's condition, for each distinct set); and each
 * tenant's area is filled from the first floor it fits in the band (the lowest for those pulled down,
 * the highest for those pulled up; strongest pull per m² first, first fit — still optimal for linear
 * costs with such release floors, holes in a tenant's set being relaxed).
 */
import { floorReasons, heightKey, isLead, type PlanProblem } from './plan-model.js';

/** Steps of the shared floor's area split between the two ranks that meet on it. */
export const SPLITS = 12;

export function chainBandBound(p: PlanProblem, placed: ReadonlySet<string>): number {
  const floors = [...p.building.floors].sort((a, b) => a.floorNo - b.floorNo);
  const F = floors.length;
  const lead = p.tenants.filter((t) => placed.has(t.key) && isLead(p, t));
  const key = new Map(lead.map((t) => [t.key, heightKey(p, t)]));
  const keys = [...new Set(key.values())].sort((a, b) => b - a);
  if (keys.length < 2 || F === 0) return 0;
  const R = keys.length;
  const rankOf = new Map(keys.map((k, j) => [k, j]));
  const pullDown = new Map<string, number>();
  const pullUp = new Map<string, number>();
  // across[j]: weight of links crossing the boundary between ranks j and j + 1 (j above);
  // through[j]: weight of links passing over rank j (between a rank above it and one below it).
  const across = new Array<number>(R).fill(0);
  const through = new Array<number>(R).fill(0);
  // Links between lead tenants of two ranks, and those through a tenant of another industry (free of the
  // chain order): w₁|z_o − z_a| + w₂|z_o − z_b| ≥ min(w₁, w₂)·(z_a − z_b) for partners a above b, so its
  // partners of different ranks are paired, weight for weight, highest with lowest, as links a → b.
  const links: { from: string; to: string; weight: number }[] = [];
  const viaOther = new Map<string, { key: string; w: number }[]>();
  for (const l of p.links) {
    if (l.weight <= 0) continue;
    const a = key.get(l.from);
    const b = key.get(l.to);
    if (a !== undefined && b !== undefined) links.push(l);
    else if (a !== undefined && placed.has(l.to) && !lead.some((t) => t.key === l.to))
      (viaOther.get(l.to) ?? viaOther.set(l.to, []).get(l.to)!).push({ key: l.from, w: l.weight });
    else if (b !== undefined && placed.has(l.from) && !lead.some((t) => t.key === l.from))
      (viaOther.get(l.from) ?? viaOther.set(l.from, []).get(l.from)!).push({ key: l.to, w: l.weight });
  }
  for (const partners of viaOther.values()) {
    const xs = partners.map((x) => ({ ...x })).sort((x, y) => key.get(y.key)! - key.get(x.key)!);
    let i = 0;
    let j = xs.length - 1;
    while (i < j && key.get(xs[i]!.key)! > key.get(xs[j]!.key)!) {
      const m = Math.min(xs[i]!.w, xs[j]!.w);
      links.push({ from: xs[i]!.key, to: xs[j]!.key, weight: m });
      xs[i]!.w -= m;
      xs[j]!.w -= m;
      if (xs[i]!.w <= 1e-12) i++;
      if (xs[j]!.w <= 1e-12) j--;
    }
  }
  for (const l of links) {
    const a = key.get(l.from)!;
    const b = key.get(l.to)!;
    if (a === b || l.from === l.to) continue;
    const [up, down] = a > b ? [l.from, l.to] : [l.to, l.from];
    pullDown.set(up, (pullDown.get(up) ?? 0) + l.weight);
    pullUp.set(down, (pullUp.get(down) ?? 0) + l.weight);
    const ju = rankOf.get(key.get(up)!)!;
    const jd = rankOf.get(key.get(down)!)!;
    for (let j = ju; j < jd; j++) across[j]! += l.weight;
    for (let j = ju + 1; j < jd; j++) through[j]! += l.weight;
  }
  // Per tenant, the floors (indices) it fits: next[fi] the first at or above fi, prev[fi] the last at or below.
  const fitsOf = (t: (typeof lead)[number]) => floors.map((f) => floorReasons(p, t, f).length === 0);
  // Per rank: its area, the constant part of the cost, and those pulled down / up, strongest per m² first;
  // its tenants' first and last floors; and per distinct set of floors, the area of the tenants fitting only there.
  type Part = { a: number; s: number; next: Int32Array; prev: Int32Array };
  const ranks = keys.map((k) => {
    const ts = lead.filter((t) => key.get(t.key) === k);
    const sink: Part[] = [];
    const rise: Part[] = [];
    let up = 0;
    let down = 0;
    const sets = new Map<string, { fits: boolean[]; area: number }>();
    const all: { next: Int32Array; prev: Int32Array }[] = [];
    for (const t of ts) {
      const fits = fitsOf(t);
      const next = new Int32Array(F + 1).fill(F);
      const prev = new Int32Array(F).fill(-1);
      for (let fi = F - 1; fi >= 0; fi--) next[fi] = fits[fi] ? fi : next[fi + 1]!;
      for (let fi = 0; fi < F; fi++) prev[fi] = fits[fi] ? fi : fi > 0 ? prev[fi - 1]! : -1;
      all.push({ next, prev });
      const id = fits.map((x) => (x ? '1' : '0')).join('');
      const set = sets.get(id) ?? sets.set(id, { fits, area: 0 }).get(id)!;
      set.area += t.areaM2;
      const d = pullDown.get(t.key) ?? 0;
      const u = pullUp.get(t.key) ?? 0;
      up += u;
      down += d;
      if (d - u > 0) sink.push({ a: t.areaM2, s: d - u, next, prev });
      else if (d - u < 0) rise.push({ a: t.areaM2, s: d - u, next, prev });
    }
    const bySlope = (x: Part, y: Part) => Math.abs(y.s) / y.a - Math.abs(x.s) / x.a;
    sink.sort(bySlope);
    rise.sort(bySlope);
    // Hall: the tenants whose floors lie within set S need at most S's area (its floors' prefix sums).
    const hall = [...sets.values()].map((S) => {
      let area = 0;
      for (const o of sets.values()) if (o.fits.every((x, fi) => !x || S.fits[fi])) area += o.area;
      const pre = [0];
      for (let fi = 0; fi < F; fi++) pre.push(pre[fi]! + (S.fits[fi] ? floors[fi]!.areaM2 : 0));
      return { fits: S.fits, area, pre };
    });
    return { total: ts.reduce((t, x) => t + x.areaM2, 0), up, down, sink, rise, all, hall };
  });
  const areaPrefix = [0];
  for (const f of floors) areaPrefix.push(areaPrefix.at(-1)! + f.areaM2);
  const cap = (fi: number, k: number) => (floors[fi]!.areaM2 * Math.min(SPLITS, Math.max(0, k))) / SPLITS;

  /**
   * Least cost of rank j in floors lo..hi (indices) with `capLo` m² of floor lo and `capHi` of floor hi
   * (the floors it may share), split by area; Infinity when it cannot fit.
   */
  const band = (j: number, lo: number, hi: number, capLo: number, capHi: number): number => {
    const r = ranks[j]!;
    const room = (fi: number) =>
      lo === hi ? Math.min(capLo, capHi) : fi === lo ? capLo : fi === hi ? capHi : floors[fi]!.areaM2;
    const capacity =
      lo === hi
        ? room(lo)
        : areaPrefix[hi + 1]! - areaPrefix[lo]! - floors[lo]!.areaM2 - floors[hi]!.areaM2 + capLo + capHi;
    if (r.total > capacity + 1e-9) return Number.POSITIVE_INFINITY;
    // Every tenant fits some floor of the band (with room there), and Hall's condition per set of floors.
    for (const t of r.all) {
      const n = t.next[lo]!;
      if (n > hi || (n === lo && room(lo) <= 1e-9 && (lo === hi || t.next[lo + 1]! > hi)))
        return Number.POSITIVE_INFINITY;
    }
    for (const h of r.hall) {
      let offer = h.pre[hi + 1]! - h.pre[lo]!;
      if (h.fits[lo]) offer -= floors[lo]!.areaM2 - room(lo);
      if (hi !== lo && h.fits[hi]) offer -= floors[hi]!.areaM2 - room(hi);
      if (h.area > offer + 1e-9) return Number.POSITIVE_INFINITY;
    }
    const loNo = floors[lo]!.floorNo;
    const hiNo = floors[hi]!.floorNo;
    // cost of t at floor n: down·(n − loNo) + up·(hiNo − n) = (down − up)·n + const
    let cost = r.up * hiNo - r.down * loNo + through[j]! * (hiNo - loNo);
    // First fit from each tenant's first floor in the band, strongest pull per m² first; a tenant that
    // runs out of the band cannot be placed in it.
    const left = new Float64Array(hi - lo + 1);
    const fill = (list: Part[], up: boolean): boolean => {
      for (let fi = lo; fi <= hi; fi++) left[fi - lo] = room(fi);
      for (const x of list) {
        let need = x.a;
        let fi = up ? x.next[lo]! : x.prev[hi]!;
        while (need > 1e-9) {
          if (fi < lo || fi > hi) return false;
          const take = Math.min(need, left[fi - lo]!);
          if (take > 0) {
            cost += x.s * (take / x.a) * floors[fi]!.floorNo;
            need -= take;
            left[fi - lo]! -= take;
          }
          fi += up ? 1 : -1;
        }
      }
      return true;
    };
    if (!fill(r.sink, true) || !fill(r.rise, false)) return Number.POSITIVE_INFINITY;
    return cost;
  };

  // best[lo][k]: least cost of ranks 0..j with rank j's lowest floor at index lo, holding at most
  // cap(lo, k) m² of it (k ≥ 1: a rank's lowest floor holds some of it).
  const S = SPLITS;
  let best = Array.from({ length: F }, () => new Array<number>(S + 1).fill(Number.POSITIVE_INFINITY));
  for (let lo = 0; lo < F; lo++)
    for (let k = 1; k <= S; k++)
      for (let hi = lo; hi < F; hi++) best[lo]![k] = Math.min(best[lo]![k]!, band(0, lo, hi, cap(lo, k), cap(hi, S)));
  for (let j = 1; j < R; j++) {
    // Rank j's top below rank j−1's lowest floor: the floors between cost the links across.
    const minK = best.map((row) => Math.min(...row));
    const above = new Array<number>(F + 1).fill(Number.POSITIVE_INFINITY);
    for (let h = F - 1; h >= 0; h--) above[h] = Math.min(above[h + 1]!, minK[h]! + across[j - 1]! * floors[h]!.floorNo);
    const next = Array.from({ length: F }, () => new Array<number>(S + 1).fill(Number.POSITIVE_INFINITY));
    for (let lo = 0; lo < F; lo++)
      for (let k = 1; k <= S; k++)
        for (let hi = lo; hi < F; hi++) {
          let v = Number.POSITIVE_INFINITY;
          // A floor apart (or more): rank j has all of floor hi.
          if (hi + 1 < F)
            v = band(j, lo, hi, cap(lo, k), cap(hi, S)) + above[hi + 1]! - across[j - 1]! * floors[hi]!.floorNo;
          // Sharing floor hi with rank j−1, which holds at most k2 steps of it.
          for (let k2 = 1; k2 <= S; k2++) {
            const b = best[hi]![k2]!;
            if (!Number.isFinite(b)) continue;
            v = Math.min(v, b + band(j, lo, hi, cap(lo, k), cap(hi, S - k2 + 1)));
          }
          next[lo]![k] = Math.min(next[lo]![k]!, v);
        }
    best = next;
  }
  const b = Math.min(...best.map((row) => Math.min(...row)));
  return Number.isFinite(b) ? Math.max(0, b) : 0;
}

/**
 * An upper bound on how many tenants any plan places, from floor areas alone: a tenant whose feasible
 * floors all lie at or below floor k competes for the area of floors ≤ k (and likewise above), and
 * with area treated as fluid the most tenants under such nested limits is found exactly by keeping
 * the smallest (Moore–Hodgson: add by k, drop the largest while the area is exceeded). HiGHS' own
 * bound on the count often stays at "all" within the time limit, which made the reported gap 100 %.
 */
export function placedUpperBound(
  p: PlanProblem,
  feasibleFloors: (t: PlanProblem['tenants'][number]) => number[],
): number {
  const floors = [...p.building.floors].sort((a, b) => a.floorNo - b.floorNo);
  const ts = p.tenants.map((t) => ({ a: t.areaM2, fs: feasibleFloors(t) })).filter((x) => x.fs.length > 0);
  const most = (limitOf: (fs: number[]) => number, areaUpTo: (k: number) => number): number => {
    const byLimit = ts.map((x) => ({ a: x.a, k: limitOf(x.fs) })).sort((x, y) => x.k - y.k);
    const kept: number[] = [];
    let area = 0;
    for (const x of byLimit) {
      kept.push(x.a);
      area += x.a;
      const cap = areaUpTo(x.k);
      while (area > cap + 1e-9) {
        let at = 0;
        for (let i = 1; i < kept.length; i++) if (kept[i]! > kept[at]!) at = i;
        area -= kept[at]!;
        kept.splice(at, 1);
      }
    }
    return kept.length;
  };
  const below = (k: number) => floors.filter((f) => f.floorNo <= k).reduce((s, f) => s + f.areaM2, 0);
  const above = (k: number) => floors.filter((f) => f.floorNo >= -k).reduce((s, f) => s + f.areaM2, 0);
  return Math.min(
    most((fs) => Math.max(...fs), below),
    most((fs) => -Math.min(...fs), above),
  );
}
