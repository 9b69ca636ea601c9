/**
 * Floor planning of a high-rise factory: tenants onto floors under hard limits per floor (area,
 * load, clear height, power, freight elevator, the 工业上楼 rule of the tenant's process), one
 * leading industry per building (other industries take at most a share of the placed area), and
 * the chain order of the building's directory (the lead chain's upstream tenants above its
 * downstream ones, as in 北斗大厦: chip design on top, application services below). Among the
 * plans that place the most tenants, the least vertical distance weighted by supply links wins.
 *
 * Exact: a MIP solved by HiGHS within a time limit, warm-started from the greedy plan; its gap to
 * HiGHS' dual bound is reported. Beyond `MIP_MAX_PAIRS` tenant×floor pairs the greedy plan alone
 * is returned. Checking is left to check-plan.ts, which shares no code with this file.
 */
import type { TReason } from '../../contracts/space.js';
import { improvePlan } from './plan-local.js';
import { solveMip } from './plan-mip.js';
import {
  floorReasons,
  heightKey,
  isLead,
  MIP_MAX_PAIRS,
  type PlanProblem,
  type PlanResult,
  type PlanTenant,
  planObjective,
  relGap,
} from './plan-model.js';

export * from './plan-model.js';

/**
 * Greedy: lead-chain tenants by chain order from the top floor down (each rank below every floor
 * the ranks above it used), larger tenants first; each to the feasible floor with room that is
 * closest to its placed partners, the highest on ties. Other industries follow, within the share.
 * `from: 'bottom'` stacks the ranks from the ground up instead (each rank above every floor the ranks
 * below it used, the lowest floor on ties): the bands then lie packed one on another with the spare
 * floors on top, where top-down leaves them inside the band of the rank whose floors are limited
 * (heavy downstream work held to the low floors) — far fewer floors between partners.
 */
export function greedyPlan(
  p: PlanProblem,
  from: 'top' | 'bottom' = 'top',
  /** Only these tenants are placed (the others are left out), when given. */
  only?: ReadonlySet<string>,
  /** The weight of the pull against the area in a rank's order (0: larger tenants first; 1: pull alone). */
  alpha = 0,
  /** Within a rank, the tenants that fit fewest floors first (before the blend of pull and area). */
  tightFirst = false,
): Map<string, number | null> {
  const down = from === 'top';
  const floors = [...p.building.floors].sort((a, b) => (down ? b.floorNo - a.floorNo : a.floorNo - b.floorNo));
  const free = new Map(
    floors.map((f) => [f.floorNo, { area: f.areaM2, power: f.powerKva ?? Number.POSITIVE_INFINITY }]),
  );
  const floorOf = new Map<string, number | null>(p.tenants.map((t) => [t.key, null]));
  const partners = new Map<string, { key: string; w: number }[]>();
  for (const l of p.links) {
    (partners.get(l.from) ?? partners.set(l.from, []).get(l.from)!).push({ key: l.to, w: l.weight });
    (partners.get(l.to) ?? partners.set(l.to, []).get(l.to)!).push({ key: l.from, w: l.weight });
  }
  // Within a rank, those drawn most towards the ranks placed already go first (they take the floors
  // nearest those ranks), blended with area (larger first packs more) by `alpha`.
  const pull = new Map<string, number>();
  if (alpha > 0) {
    const byKey = new Map(p.tenants.map((t) => [t.key, t]));
    // Bottom-up the ranks placed first lie below, so a pull down counts for; top-down, a pull up.
    const sign = down ? -1 : 1;
    for (const l of p.links) {
      const x = byKey.get(l.from);
      const y = byKey.get(l.to);
      if (!x || !y || !isLead(p, x) || !isLead(p, y) || heightKey(p, x) === heightKey(p, y)) continue;
      const [hi, lo] = heightKey(p, x) > heightKey(p, y) ? [x, y] : [y, x];
      pull.set(hi.key, (pull.get(hi.key) ?? 0) + sign * l.weight);
      pull.set(lo.key, (pull.get(lo.key) ?? 0) - sign * l.weight);
    }
  }
  const maxPull = Math.max(1e-9, ...[...pull.values()].map(Math.abs));
  const maxArea = Math.max(1e-9, ...p.tenants.map((t) => t.areaM2));
  const orderKey = (t: PlanTenant) => (alpha * (pull.get(t.key) ?? 0)) / maxPull + ((1 - alpha) * t.areaM2) / maxArea;
  const fitCount = new Map<string, number>();
  if (tightFirst)
    for (const t of p.tenants) fitCount.set(t.key, floors.filter((f) => floorReasons(p, t, f).length === 0).length);
  const lead = p.tenants
    .filter((t) => isLead(p, t) && (!only || only.has(t.key)))
    .sort(
      (a, b) =>
        (down ? heightKey(p, b) - heightKey(p, a) : heightKey(p, a) - heightKey(p, b)) ||
        (fitCount.get(a.key) ?? 0) - (fitCount.get(b.key) ?? 0) ||
        orderKey(b) - orderKey(a) ||
        b.areaM2 - a.areaM2,
    );
  const other = p.tenants
    .filter((t) => !isLead(p, t) && (!only || only.has(t.key)))
    .sort((a, b) => b.areaM2 - a.areaM2);
  const place = (t: PlanTenant, ceiling: number, floorMin: number): number | null => {
    let best: { f: number; cost: number } | null = null;
    for (const f of floors) {
      if (f.floorNo > ceiling || f.floorNo < floorMin) continue;
      const room = free.get(f.floorNo)!;
      if (room.area < t.areaM2 || room.power < t.powerKva) continue;
      if (floorReasons(p, t, f).length > 0) continue;
      let cost = 0;
      for (const q of partners.get(t.key) ?? []) {
        const g = floorOf.get(q.key) ?? null;
        if (g !== null) cost += q.w * Math.abs(g - f.floorNo);
      }
      if (!best || cost < best.cost) best = { f: f.floorNo, cost };
    }
    if (best) {
      const room = free.get(best.f)!;
      room.area -= t.areaM2;
      room.power -= t.powerKva;
      floorOf.set(t.key, best.f);
      return best.f;
    }
    return null;
  };
  // Lead chain: a rank goes no higher than the lowest floor of the ranks above it (top-down), or no
  // lower than the highest floor of the ranks below it (bottom-up).
  let edge = down ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  let i = 0;
  while (i < lead.length) {
    const h = heightKey(p, lead[i]!);
    let j = i;
    let next = edge;
    while (j < lead.length && heightKey(p, lead[j]!) === h) {
      const f = down
        ? place(lead[j]!, edge, Number.NEGATIVE_INFINITY)
        : place(lead[j]!, Number.POSITIVE_INFINITY, edge);
      if (f !== null) next = down ? Math.min(next, f) : Math.max(next, f);
      j++;
    }
    edge = next;
    i = j;
  }
  let leadArea = 0;
  for (const t of lead) if (floorOf.get(t.key) !== null) leadArea += t.areaM2;
  let otherArea = 0;
  for (const t of other) {
    // other ≤ share × (lead + other)  ⟺  other × (1 − share) ≤ share × lead
    if ((otherArea + t.areaM2) * (1 - p.maxOtherShare) > p.maxOtherShare * leadArea + 1e-9) continue;
    if (place(t, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY) !== null) otherArea += t.areaM2;
  }
  return floorOf;
}

/** Blends of pull and area tried in a rank's order (0, 1/n, …, 1). */
const PULL_STEPS = 5;

/** Solves the plan: the MIP when small enough, else greedy. */
export async function solvePlan(
  p: PlanProblem,
  opts: { timeLimitS: number; method: 'auto' | 'mip' | 'greedy' },
): Promise<PlanResult> {
  const started = performance.now();
  // Stackings from the top and from the bottom, each rank in orders blending pull and area (pull
  // shortens the distance, area packs more tenants), each improved by local search; the best.
  const plans: Map<string, number | null>[] = [];
  for (const from of ['top', 'bottom'] as const)
    for (let i = 0; i <= PULL_STEPS; i++) plans.push(improvePlan(p, greedyPlan(p, from, undefined, i / PULL_STEPS)));
  // The set the best of them places (count first), stacked again each way with the tenants that fit fewest
  // floors first in each rank: a stacking that places fewer tenants on its own (the bottom-up one giving
  // the truck floor to tenants that fit others too) may lay out that set with far fewer floors between partners.
  const first = plans[plans.map((m) => planObjective(p, m)).reduce((b, o, i, a) => (o < a[b]! ? i : b), 0)]!;
  const set = new Set([...first].filter(([, f]) => f !== null).map(([k]) => k));
  for (const from of ['top', 'bottom'] as const)
    for (let i = 0; i <= PULL_STEPS; i++) plans.push(improvePlan(p, greedyPlan(p, from, set, i / PULL_STEPS, true)));
  const objs = plans.map((m) => planObjective(p, m));
  const greedyObj = Math.min(...objs);
  const greedy = plans[objs.indexOf(greedyObj)]!;
  const pairs = countPairs(p);
  if (opts.method === 'greedy' || (opts.method === 'auto' && pairs > MIP_MAX_PAIRS))
    return {
      method: 'greedy',
      floorOf: greedy,
      objective: greedyObj,
      bound: null,
      gap: null,
      optimal: false,
      seconds: (performance.now() - started) / 1000,
    };
  // The limit covers the whole solve: the heuristics' time comes out of the MIP's.
  const mip = await solveMip(p, greedy, Math.max(0.5, opts.timeLimitS - (performance.now() - started) / 1000));
  const seconds = (performance.now() - started) / 1000;
  if (!mip || mip.objective > greedyObj + 1e-6)
    return {
      method: 'greedy',
      floorOf: greedy,
      objective: greedyObj,
      bound: mip?.bound ?? null,
      gap: mip ? relGap(greedyObj, mip.bound) : null,
      optimal: false,
      seconds,
    };
  return { ...mip, method: 'mip', seconds };
}

function countPairs(p: PlanProblem): number {
  let n = 0;
  for (const t of p.tenants) for (const f of p.building.floors) if (floorReasons(p, t, f).length === 0) n++;
  return n;
}

/**
 * Reasons for each placement: the limits its floor meets, its chain rank's floors, its nearest
 * partners; for a tenant not placed, the floors ruled out by each limit.
 */
export function explainPlan(p: PlanProblem, floorOf: Map<string, number | null>): Map<string, TReason[]> {
  const out = new Map<string, TReason[]>();
  const byNo = new Map(p.building.floors.map((f) => [f.floorNo, f]));
  for (const t of p.tenants) {
    const fl = floorOf.get(t.key) ?? null;
    const reasons: TReason[] = [];
    if (fl === null) {
      const counts = new Map<string, TReason & { n: number }>();
      for (const f of p.building.floors)
        for (const r of floorReasons(p, t, f)) {
          const c = counts.get(r.rule);
          if (c) c.n++;
          else counts.set(r.rule, { ...r, n: 1 });
        }
      reasons.push({ rule: 'unplaced', zh: '未安置', en: 'Not placed' });
      for (const c of counts.values())
        reasons.push({ rule: c.rule, zh: `${c.n} 层不满足：${c.zh}（例）`, en: `${c.n} floors fail: ${c.en} (e.g.)` });
      if (counts.size === 0)
        reasons.push({
          rule: 'capacity',
          zh: '可用楼层面积、供电或链序/主导产业占比已满',
          en: 'Suitable floors are full (area, power) or the chain order or lead-industry share leaves no room',
        });
      out.set(t.key, reasons);
      continue;
    }
    const f = byNo.get(fl)!;
    reasons.push({
      rule: 'limits',
      zh: `荷载 ${f.floorLoadKnM2} ≥ ${t.floorLoadKnM2} kN/m²，净高 ${f.clearHeightM} ≥ ${t.clearHeightM} m，面积 ${t.areaM2} ≤ ${f.areaM2} m²`,
      en: `Load ${f.floorLoadKnM2} ≥ ${t.floorLoadKnM2} kN/m², clear height ${f.clearHeightM} ≥ ${t.clearHeightM} m, area ${t.areaM2} ≤ ${f.areaM2} m²`,
    });
    if (t.elevatorT > 0)
      reasons.push(
        f.truckAccess
          ? { rule: 'elevator', zh: '货车直达层', en: 'Trucks reach this floor' }
          : {
              rule: 'elevator',
              zh: `货梯 ${p.building.elevatorT ?? 0} t ≥ ${t.elevatorT} t`,
              en: `Freight elevator ${p.building.elevatorT ?? 0} t ≥ ${t.elevatorT} t`,
            },
      );
    if (isLead(p, t)) {
      const same = p.tenants
        .filter((x) => isLead(p, x) && x.chainRank === t.chainRank)
        .map((x) => floorOf.get(x.key) ?? null);
      const fls = same.filter((x): x is number => x !== null);
      reasons.push({
        rule: 'chainOrder',
        zh: `主导产业链位 ${t.chainRank}（${p.upstreamOnTop ? '上游在上' : '上游在下'}），该链位占 ${Math.min(...fls)}–${Math.max(...fls)} 层`,
        en: `Lead chain rank ${t.chainRank} (${p.upstreamOnTop ? 'upstream on top' : 'upstream below'}); this rank holds floors ${Math.min(...fls)}–${Math.max(...fls)}`,
      });
    } else
      reasons.push({
        rule: 'leadShare',
        zh: `非主导产业（${t.industry}），计入 ${Math.round(p.maxOtherShare * 100)}% 面积上限`,
        en: `Not the leading industry (${t.industry}); counts towards the ${Math.round(p.maxOtherShare * 100)} % area cap`,
      });
    for (const l of p.links) {
      const other = l.from === t.key ? l.to : l.to === t.key ? l.from : null;
      if (other === null) continue;
      const g = floorOf.get(other) ?? null;
      const name = p.tenants.find((x) => x.key === other)?.name ?? other;
      if (g !== null)
        reasons.push({
          rule: 'link',
          zh: `与供应链伙伴 ${name} 相距 ${Math.abs(g - fl)} 层（权重 ${l.weight}）`,
          en: `${Math.abs(g - fl)} floors from supply partner ${name} (weight ${l.weight})`,
        });
    }
    out.set(t.key, reasons);
  }
  return out;
}
