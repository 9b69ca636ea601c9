/**
 * Independent checker of a floor plan. It shares no code with plan.ts on purpose: it reads the
 * plan as plain data, re-derives every hard limit from the floors, the building, the rules and the
 * tenants, and recomputes the objective. Tests run every solver output through it; the API runs
 * every plan (and every hand move) through it before saving.
 */
import type { TUpstairsRule } from '../../contracts/space.js';

export interface CheckFloor {
  floorNo: number;
  areaM2: number;
  floorLoadKnM2: number;
  clearHeightM: number;
  powerKva: number | null;
  truckAccess: boolean;
  vibrationUmS: number | null;
}

export interface CheckTenant {
  key: string;
  areaM2: number;
  floorLoadKnM2: number;
  clearHeightM: number;
  powerKva: number;
  elevatorT: number;
  industry: string;
  chainRank: number;
  process?: string | undefined;
}

export interface CheckInput {
  floors: CheckFloor[];
  elevatorT: number | null;
  leadingIndustry: string | null;
  maxOtherShare: number;
  upstreamOnTop: boolean;
  rules: readonly TUpstairsRule[];
  tenants: CheckTenant[];
  links: { from: string; to: string; weight: number }[];
  /** [tenant key, floor number or null] */
  placements: [string, number | null][];
}

export interface Violation {
  rule: string;
  key: string | null;
  zh: string;
  en: string;
}

const EPS = 1e-6;

export function checkPlan(input: CheckInput): Violation[] {
  const v: Violation[] = [];
  const add = (rule: string, key: string | null, zh: string, en: string) => v.push({ rule, key, zh, en });
  const tenants = new Map<string, CheckTenant>();
  for (const t of input.tenants) tenants.set(t.key, t);
  const floors = new Map<number, CheckFloor>();
  for (const f of input.floors) floors.set(f.floorNo, f);
  const at = new Map<string, number>();
  const seen = new Set<string>();
  for (const [key, floorNo] of input.placements) {
    if (!tenants.has(key)) {
      add('unknownTenant', key, `方案中的租户 ${key} 不存在`, `Tenant ${key} is not in the plan`);
      continue;
    }
    if (seen.has(key)) add('duplicate', key, `租户 ${key} 出现多次`, `Tenant ${key} appears more than once`);
    seen.add(key);
    if (floorNo === null) continue;
    if (!floors.has(floorNo)) {
      add('noSuchFloor', key, `楼宇没有 ${floorNo} 层`, `The building has no floor ${floorNo}`);
      continue;
    }
    at.set(key, floorNo);
  }
  // Per tenant limits.
  for (const [key, floorNo] of at) {
    const t = tenants.get(key)!;
    const f = floors.get(floorNo)!;
    const name = `${key} @ F${floorNo}`;
    if (f.floorLoadKnM2 + EPS < t.floorLoadKnM2)
      add(
        'floorLoad',
        key,
        `${name}：楼板荷载 ${f.floorLoadKnM2} kN/m² < 需要 ${t.floorLoadKnM2}`,
        `${name}: floor load ${f.floorLoadKnM2} kN/m² < ${t.floorLoadKnM2} needed`,
      );
    if (f.clearHeightM + EPS < t.clearHeightM)
      add(
        'clearHeight',
        key,
        `${name}：净高 ${f.clearHeightM} m < 需要 ${t.clearHeightM}`,
        `${name}: clear height ${f.clearHeightM} m < ${t.clearHeightM} needed`,
      );
    if (!f.truckAccess && t.elevatorT > (input.elevatorT ?? 0) + EPS)
      add(
        'elevator',
        key,
        `${name}：货梯 ${input.elevatorT ?? 0} t 不足 ${t.elevatorT} t`,
        `${name}: freight elevator ${input.elevatorT ?? 0} t < ${t.elevatorT} t`,
      );
    if (t.process !== undefined) {
      const rule = input.rules.find((r) => r.process === t.process);
      if (rule) {
        if (rule.maxFloor !== null && floorNo > rule.maxFloor)
          add(
            'upstairs.maxFloor',
            key,
            `${name}：工艺 ${rule.nameZh} 不得高于 ${rule.maxFloor} 层`,
            `${name}: ${rule.nameEn} must stay at or below floor ${rule.maxFloor}`,
          );
        if (f.floorLoadKnM2 + EPS < rule.minFloorLoadKnM2)
          add(
            'upstairs.floorLoad',
            key,
            `${name}：工艺要求荷载 ${rule.minFloorLoadKnM2} kN/m²`,
            `${name}: the process needs ${rule.minFloorLoadKnM2} kN/m²`,
          );
        if (rule.maxVibrationUmS !== null && f.vibrationUmS !== null && f.vibrationUmS > rule.maxVibrationUmS + EPS)
          add('upstairs.vibration', key, `${name}：振动超限`, `${name}: too much vibration`);
        if (!f.truckAccess && (input.elevatorT ?? 0) + EPS < rule.minElevatorT)
          add(
            'upstairs.elevator',
            key,
            `${name}：工艺要求货梯 ${rule.minElevatorT} t`,
            `${name}: the process needs a ${rule.minElevatorT} t elevator`,
          );
      }
    }
  }
  // Per floor capacity.
  const used = new Map<number, { area: number; power: number }>();
  for (const [key, floorNo] of at) {
    const t = tenants.get(key)!;
    const u = used.get(floorNo) ?? { area: 0, power: 0 };
    u.area += t.areaM2;
    u.power += t.powerKva;
    used.set(floorNo, u);
  }
  for (const [floorNo, u] of used) {
    const f = floors.get(floorNo)!;
    if (u.area > f.areaM2 + EPS)
      add(
        'floorArea',
        null,
        `F${floorNo}：安置面积 ${u.area} m² 超过本层 ${f.areaM2}`,
        `F${floorNo}: ${u.area} m² placed on a ${f.areaM2} m² floor`,
      );
    if (f.powerKva !== null && u.power > f.powerKva + EPS)
      add(
        'floorPower',
        null,
        `F${floorNo}：用电 ${u.power} kVA 超过 ${f.powerKva}`,
        `F${floorNo}: ${u.power} kVA on a ${f.powerKva} kVA floor`,
      );
  }
  // One leading industry.
  if (input.leadingIndustry !== null) {
    let all = 0;
    let other = 0;
    for (const [key] of at) {
      const t = tenants.get(key)!;
      all += t.areaM2;
      if (t.industry !== input.leadingIndustry) other += t.areaM2;
    }
    if (all > 0 && other > input.maxOtherShare * all + EPS)
      add(
        'leadShare',
        null,
        `非主导产业面积占 ${Math.round((other / all) * 100)}%，超过 ${Math.round(input.maxOtherShare * 100)}%`,
        `Other industries take ${Math.round((other / all) * 100)} % of the area, above ${Math.round(input.maxOtherShare * 100)} %`,
      );
  }
  // Chain order among the lead chain, pair by pair.
  const lead = [...at.keys()].filter(
    (k) => input.leadingIndustry === null || tenants.get(k)!.industry === input.leadingIndustry,
  );
  for (const a of lead)
    for (const b of lead) {
      const ta = tenants.get(a)!;
      const tb = tenants.get(b)!;
      if (ta.chainRank >= tb.chainRank) continue; // a is upstream of b
      const fa = at.get(a)!;
      const fb = at.get(b)!;
      const broken = input.upstreamOnTop ? fa < fb : fa > fb;
      if (broken)
        add(
          'chainOrder',
          a,
          `链序颠倒：上游 ${a}（F${fa}）${input.upstreamOnTop ? '低于' : '高于'}下游 ${b}（F${fb}）`,
          `Chain order broken: upstream ${a} (F${fa}) is ${input.upstreamOnTop ? 'below' : 'above'} downstream ${b} (F${fb})`,
        );
    }
  return v;
}

/** Objective recomputed: unplaced tenants (count) and Σ weight × floors apart over placed pairs. */
export function scorePlan(input: CheckInput): { unplaced: number; distance: number } {
  const at = new Map<string, number | null>(input.placements);
  let unplaced = 0;
  for (const t of input.tenants) if ((at.get(t.key) ?? null) === null) unplaced++;
  let distance = 0;
  for (const l of input.links) {
    const a = at.get(l.from) ?? null;
    const b = at.get(l.to) ?? null;
    if (a !== null && b !== null && l.from !== l.to) distance += l.weight * Math.abs(a - b);
  }
  return { unplaced, distance };
}
