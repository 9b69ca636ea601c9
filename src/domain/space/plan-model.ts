/** The floor-planning problem: floors, tenants, links, rules, and what a floor rules out. See plan.ts. */
import type { TReason, TUpstairsRule } from '../../contracts/space.js';

export interface PlanFloor {
  floorNo: number;
  areaM2: number;
  floorLoadKnM2: number;
  clearHeightM: number;
  powerKva: number | null;
  truckAccess: boolean;
  vibrationUmS: number | null;
}

export interface PlanBuilding {
  elevatorT: number | null;
  leadingIndustry: string | null;
  floors: PlanFloor[];
}

export interface PlanTenant {
  key: string;
  name: string;
  areaM2: number;
  floorLoadKnM2: number;
  clearHeightM: number;
  powerKva: number;
  elevatorT: number;
  industry: string;
  chainRank: number;
  process?: string | undefined;
}

export interface PlanLink {
  from: string;
  to: string;
  weight: number;
}

export interface PlanProblem {
  building: PlanBuilding;
  tenants: PlanTenant[];
  links: PlanLink[];
  rules: readonly TUpstairsRule[];
  maxOtherShare: number;
  upstreamOnTop: boolean;
}

export interface PlanResult {
  method: 'mip' | 'greedy';
  /** tenant key → floor number (null: not placed). */
  floorOf: Map<string, number | null>;
  objective: number;
  bound: number | null;
  gap: number | null;
  optimal: boolean;
  seconds: number;
}

/** Above this many feasible tenant×floor pairs the MIP is not attempted. */
export const MIP_MAX_PAIRS = 6000;

/** Why a floor cannot take a tenant on its own (capacity aside); empty when it can. */
export function floorReasons(p: PlanProblem, t: PlanTenant, f: PlanFloor): TReason[] {
  const out: TReason[] = [];
  const push = (rule: string, zh: string, en: string) => out.push({ rule, zh, en });
  if (t.areaM2 > f.areaM2)
    push('area', `面积 ${t.areaM2} m² > 本层 ${f.areaM2}`, `Area ${t.areaM2} m² > floor ${f.areaM2}`);
  if (t.floorLoadKnM2 > f.floorLoadKnM2)
    push(
      'floorLoad',
      `楼板荷载 ${f.floorLoadKnM2} kN/m² < ${t.floorLoadKnM2}`,
      `Floor load ${f.floorLoadKnM2} kN/m² < ${t.floorLoadKnM2}`,
    );
  if (t.clearHeightM > f.clearHeightM)
    push(
      'clearHeight',
      `净高 ${f.clearHeightM} m < ${t.clearHeightM}`,
      `Clear height ${f.clearHeightM} m < ${t.clearHeightM}`,
    );
  if (f.powerKva !== null && t.powerKva > f.powerKva)
    push('power', `本层供电 ${f.powerKva} kVA < ${t.powerKva}`, `Floor power ${f.powerKva} kVA < ${t.powerKva}`);
  if (!f.truckAccess && t.elevatorT > (p.building.elevatorT ?? 0))
    push(
      'elevator',
      `货梯 ${p.building.elevatorT ?? 0} t < ${t.elevatorT} t（非货车直达层）`,
      `Freight elevator ${p.building.elevatorT ?? 0} t < ${t.elevatorT} t (no truck access)`,
    );
  const rule = t.process ? p.rules.find((x) => x.process === t.process) : undefined;
  if (rule) {
    if (rule.maxFloor !== null && f.floorNo > rule.maxFloor)
      push(
        'upstairs.maxFloor',
        `工艺“${rule.nameZh}”最高 ${rule.maxFloor} 层`,
        `${rule.nameEn} may go up to floor ${rule.maxFloor}`,
      );
    if (f.floorLoadKnM2 < rule.minFloorLoadKnM2)
      push(
        'upstairs.floorLoad',
        `工艺要求楼板荷载 ≥ ${rule.minFloorLoadKnM2} kN/m²`,
        `The process needs ≥ ${rule.minFloorLoadKnM2} kN/m²`,
      );
    if (rule.maxVibrationUmS !== null && f.vibrationUmS !== null && f.vibrationUmS > rule.maxVibrationUmS)
      push(
        'upstairs.vibration',
        `振动 ${f.vibrationUmS} µm/s > ${rule.maxVibrationUmS}`,
        `Vibration ${f.vibrationUmS} µm/s > ${rule.maxVibrationUmS}`,
      );
    if (!f.truckAccess && (p.building.elevatorT ?? 0) < rule.minElevatorT)
      push(
        'upstairs.elevator',
        `工艺要求货梯 ≥ ${rule.minElevatorT} t`,
        `The process needs a ${rule.minElevatorT} t elevator`,
      );
  }
  return out;
}

export const isLead = (p: PlanProblem, t: PlanTenant) =>
  p.building.leadingIndustry === null || t.industry === p.building.leadingIndustry;

/** The order key of a chain rank: higher keys go on higher floors. */
export const heightKey = (p: PlanProblem, t: PlanTenant) => (p.upstreamOnTop ? -t.chainRank : t.chainRank);

/** Objective of a plan: M per tenant not placed plus Σ weight × floors apart over placed pairs. */
export function planObjective(p: PlanProblem, floorOf: Map<string, number | null>): number {
  const M = bigM(p);
  let v = 0;
  for (const t of p.tenants) if ((floorOf.get(t.key) ?? null) === null) v += M;
  for (const l of p.links) {
    const a = floorOf.get(l.from) ?? null;
    const b = floorOf.get(l.to) ?? null;
    if (a !== null && b !== null) v += l.weight * Math.abs(a - b);
  }
  return v;
}

export function bigM(p: PlanProblem): number {
  const top = Math.max(1, ...p.building.floors.map((f) => f.floorNo));
  const bottom = Math.min(...p.building.floors.map((f) => f.floorNo));
  return p.links.reduce((t, l) => t + l.weight, 0) * (top - bottom) + 1;
}

/** (objective − bound) / objective, 0 for a zero objective; null without a bound. */
export const relGap = (obj: number, bound: number | null) =>
  bound === null ? null : obj <= 1e-9 ? 0 : Math.max(0, (obj - bound) / Math.abs(obj));
