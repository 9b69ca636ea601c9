/**
 * Local search on a floor plan: single moves (including placing a tenant left out) and swaps of
 * two tenants on different floors, each kept only when it respects every hard limit and lowers the
 * objective (tenants left out first, then weighted vertical distance). Used after the greedy plan,
 * as the heuristic beyond the MIP's size and as the MIP's warm start.
 */
import { bigM, floorReasons, heightKey, isLead, type PlanFloor, type PlanProblem } from './plan-model.js';

export function improvePlan(
  p: PlanProblem,
  start: Map<string, number | null>,
  maxPasses = 20,
): Map<string, number | null> {
  const plan = new Map(start);
  const floors = new Map<number, PlanFloor>(p.building.floors.map((f) => [f.floorNo, f]));
  const M = bigM(p);
  const ok = new Map<string, Set<number>>();
  for (const t of p.tenants)
    ok.set(t.key, new Set(p.building.floors.filter((f) => floorReasons(p, t, f).length === 0).map((f) => f.floorNo)));
  const used = new Map<number, { area: number; power: number }>(
    p.building.floors.map((f) => [f.floorNo, { area: 0, power: 0 }]),
  );
  const byKey = new Map(p.tenants.map((t) => [t.key, t]));
  for (const [k, f] of plan) {
    if (f === null) continue;
    const t = byKey.get(k)!;
    used.get(f)!.area += t.areaM2;
    used.get(f)!.power += t.powerKva;
  }
  const partners = new Map<string, { key: string; w: number }[]>(p.tenants.map((t) => [t.key, []]));
  for (const l of p.links) {
    if (l.from === l.to || !byKey.has(l.from) || !byKey.has(l.to)) continue;
    partners.get(l.from)!.push({ key: l.to, w: l.weight });
    partners.get(l.to)!.push({ key: l.from, w: l.weight });
  }
  let leadArea = 0;
  let otherArea = 0;
  for (const t of p.tenants)
    if ((plan.get(t.key) ?? null) !== null) {
      if (isLead(p, t)) leadArea += t.areaM2;
      else otherArea += t.areaM2;
    }
  const cost = (key: string, f: number | null, except?: string): number => {
    if (f === null) return M;
    let c = 0;
    for (const q of partners.get(key)!) {
      if (q.key === except) continue;
      const g = plan.get(q.key) ?? null;
      if (g !== null) c += q.w * Math.abs(g - f);
    }
    return c;
  };
  const orderOk = (key: string, f: number, ignore: Set<string>): boolean => {
    const t = byKey.get(key)!;
    if (!isLead(p, t)) return true;
    const h = heightKey(p, t);
    for (const u of p.tenants) {
      if (ignore.has(u.key) || !isLead(p, u)) continue;
      const g = plan.get(u.key) ?? null;
      if (g === null) continue;
      const hu = heightKey(p, u);
      if (hu > h && g < f) return false;
      if (hu < h && g > f) return false;
    }
    return true;
  };
  const fits = (key: string, f: number, freedArea = 0, freedPower = 0): boolean => {
    const t = byKey.get(key)!;
    const fl = floors.get(f)!;
    const u = used.get(f)!;
    if (u.area - freedArea + t.areaM2 > fl.areaM2 + 1e-9) return false;
    if (fl.powerKva !== null && u.power - freedPower + t.powerKva > fl.powerKva + 1e-9) return false;
    return true;
  };
  const shareOk = (dLead: number, dOther: number) => {
    const o = otherArea + dOther;
    return o <= p.maxOtherShare * (leadArea + dLead + o) + 1e-9 || p.building.leadingIndustry === null;
  };
  const setFloor = (key: string, f: number | null) => {
    const t = byKey.get(key)!;
    const old = plan.get(key) ?? null;
    if (old !== null) {
      used.get(old)!.area -= t.areaM2;
      used.get(old)!.power -= t.powerKva;
    }
    if (f !== null) {
      used.get(f)!.area += t.areaM2;
      used.get(f)!.power += t.powerKva;
    }
    if ((old === null) !== (f === null)) {
      const d = f === null ? -t.areaM2 : t.areaM2;
      if (isLead(p, t)) leadArea += d;
      else otherArea += d;
    }
    plan.set(key, f);
  };
  for (let pass = 0; pass < maxPasses; pass++) {
    let improved = false;
    for (const t of p.tenants) {
      const cur = plan.get(t.key) ?? null;
      const before = cost(t.key, cur);
      let best: { f: number; c: number } | null = null;
      for (const f of ok.get(t.key)!) {
        if (f === cur || !fits(t.key, f) || !orderOk(t.key, f, new Set([t.key]))) continue;
        if (cur === null && !shareOk(isLead(p, t) ? t.areaM2 : 0, isLead(p, t) ? 0 : t.areaM2)) continue;
        const c = cost(t.key, f);
        if (c < before - 1e-9 && (!best || c < best.c)) best = { f, c };
      }
      if (best) {
        setFloor(t.key, best.f);
        improved = true;
      }
    }
    // Swaps of two placed tenants on different floors.
    for (let i = 0; i < p.tenants.length; i++)
      for (let j = i + 1; j < p.tenants.length; j++) {
        const a = p.tenants[i]!;
        const b = p.tenants[j]!;
        const fa = plan.get(a.key) ?? null;
        const fb = plan.get(b.key) ?? null;
        if (fa === null || fb === null || fa === fb) continue;
        if (!ok.get(a.key)!.has(fb) || !ok.get(b.key)!.has(fa)) continue;
        if (!fits(a.key, fb, b.areaM2, b.powerKva) || !fits(b.key, fa, a.areaM2, a.powerKva)) continue;
        const ignore = new Set([a.key, b.key]);
        if (!orderOk(a.key, fb, ignore) || !orderOk(b.key, fa, ignore)) continue;
        if (isLead(p, a) && isLead(p, b) && heightKey(p, a) !== heightKey(p, b)) continue;
        const before = cost(a.key, fa) + cost(b.key, fb, a.key);
        plan.set(a.key, fb);
        plan.set(b.key, fa);
        const after = cost(a.key, fb) + cost(b.key, fa, a.key);
        plan.set(a.key, fa);
        plan.set(b.key, fb);
        if (after < before - 1e-9) {
          setFloor(a.key, null);
          setFloor(b.key, fa);
          setFloor(a.key, fb);
          improved = true;
        }
      }
    if (!improved) break;
  }
  return plan;
}
