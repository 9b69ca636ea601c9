/**
 * 智慧选址: a space need checked against units, hard rules first (each unit ruled out says why, in
 * zh and en), then adjacent units on one floor combined to reach the area, then the candidates
 * ranked by fit: chain neighbours in the building and the park, rent against the budget, and
 * distance to the chain leader the firm would supply.
 */
import type { TReason, TSiteNeed, TUpstairsRule } from '../../contracts/space.js';
import { fmt, ruleReasons } from './rules.js';

export interface SiteUnit {
  unitId: number;
  unitCode: string;
  floorId: number;
  floorNo: number;
  buildingId: number;
  buildingName: string;
  parkId: number;
  parkName: string;
  status: string;
  areaM2: number | null;
  seq: number;
  floorLoadKnM2: number | null;
  clearHeightM: number | null;
  powerKva: number | null;
  exhaust: boolean;
  waterDrainage: boolean;
  cleanRoomIso: number | null;
  vibrationUmS: number | null;
  hazardousAllowed: boolean;
  elevatorT: number | null;
  elevatorCarWidthM: number | null;
  elevatorCarDepthM: number | null;
  truckAccess: boolean;
  availableFrom: string | null;
  availableUntil: string | null;
  askingRentYuanM2Month: number | null;
  lat: number | null;
  lng: number | null;
  synthetic: boolean;
}

/** What ranking knows of a unit's surroundings. */
export interface SiteContext {
  /** Tenants of the need's chain (or its named neighbours) by building and by park. */
  chainTenantsByBuilding: Map<number, number>;
  chainTenantsByPark: Map<number, number>;
  neighboursByBuilding: Map<number, number>;
  neighboursByPark: Map<number, number>;
  leader: { lat: number; lng: number; name: string } | null;
  /** Today, for availability when the need names no date. */
  today: string;
}

export interface Candidate {
  units: SiteUnit[];
  areaM2: number;
  rent: number | null;
  score: number;
  fits: TReason[];
}

export interface RuledOut {
  unit: SiteUnit;
  reasons: TReason[];
}

export interface Selection {
  results: Candidate[];
  ruledOut: RuledOut[];
  counts: Record<string, number>;
}

const r = (rule: string, zh: string, en: string): TReason => ({ rule, zh, en });

/**
 * Why a unit cannot take the need, apart from its area (which adjacent units may make up).
 * Empty: it passes every hard rule.
 */
export function unitReasons(u: SiteUnit, need: TSiteNeed, rule: TUpstairsRule | null, today: string): TReason[] {
  const out: TReason[] = [];
  if (u.status !== 'vacant')
    out.push(r('status', `单元状态为“${statusZh(u.status)}”，非空置`, `The unit is ${u.status}`));
  const by = need.availableBy ?? today;
  if (u.availableFrom && u.availableFrom > by)
    out.push(
      r('availableBy', `${u.availableFrom} 起可租，晚于 ${by}`, `Available from ${u.availableFrom}, after ${by}`),
    );
  if (u.availableUntil && u.availableUntil < by)
    out.push(
      r('availableBy', `可租至 ${u.availableUntil}，早于 ${by}`, `Available until ${u.availableUntil}, before ${by}`),
    );
  if (need.floorLoadKnM2 !== undefined && (u.floorLoadKnM2 ?? 0) < need.floorLoadKnM2)
    out.push(
      r(
        'floorLoadKnM2',
        `楼板荷载 ${fmt(u.floorLoadKnM2)} kN/m² < ${need.floorLoadKnM2}`,
        `Floor load ${fmt(u.floorLoadKnM2)} kN/m² < ${need.floorLoadKnM2}`,
      ),
    );
  if (need.clearHeightM !== undefined && (u.clearHeightM ?? 0) < need.clearHeightM)
    out.push(
      r(
        'clearHeightM',
        `净高 ${fmt(u.clearHeightM)} m < ${need.clearHeightM}`,
        `Clear height ${fmt(u.clearHeightM)} m < ${need.clearHeightM}`,
      ),
    );
  if (need.maxFloor !== undefined && u.floorNo > need.maxFloor)
    out.push(
      r(
        'maxFloor',
        `位于 ${u.floorNo} 层，高于可接受的 ${need.maxFloor} 层`,
        `Floor ${u.floorNo} is above ${need.maxFloor}`,
      ),
    );
  const lifted = !u.truckAccess;
  if (lifted && need.elevatorT !== undefined && (u.elevatorT ?? 0) < need.elevatorT)
    out.push(
      r(
        'elevatorT',
        `货梯载重 ${fmt(u.elevatorT)} t < ${need.elevatorT} t（该层无货车直达）`,
        `Freight elevator ${fmt(u.elevatorT)} t < ${need.elevatorT} t (no truck access to this floor)`,
      ),
    );
  if (lifted && need.elevatorCarWidthM !== undefined && (u.elevatorCarWidthM ?? 0) < need.elevatorCarWidthM)
    out.push(
      r(
        'elevatorCarWidthM',
        `货梯轿厢宽 ${fmt(u.elevatorCarWidthM)} m < ${need.elevatorCarWidthM}`,
        `Elevator car width ${fmt(u.elevatorCarWidthM)} m < ${need.elevatorCarWidthM}`,
      ),
    );
  if (lifted && need.elevatorCarDepthM !== undefined && (u.elevatorCarDepthM ?? 0) < need.elevatorCarDepthM)
    out.push(
      r(
        'elevatorCarDepthM',
        `货梯轿厢深 ${fmt(u.elevatorCarDepthM)} m < ${need.elevatorCarDepthM}`,
        `Elevator car depth ${fmt(u.elevatorCarDepthM)} m < ${need.elevatorCarDepthM}`,
      ),
    );
  if (need.exhaust && !u.exhaust) out.push(r('exhaust', '无排风条件', 'No exhaust'));
  if (need.waterDrainage && !u.waterDrainage)
    out.push(r('waterDrainage', '无给排水条件', 'No water supply and drainage'));
  if (need.cleanRoomIso !== undefined && (u.cleanRoomIso === null || u.cleanRoomIso > need.cleanRoomIso))
    out.push(
      r(
        'cleanRoomIso',
        u.cleanRoomIso === null
          ? `无洁净室（需 ISO ${need.cleanRoomIso} 级）`
          : `洁净等级 ISO ${u.cleanRoomIso} 低于所需 ISO ${need.cleanRoomIso}`,
        u.cleanRoomIso === null
          ? `No clean room (ISO ${need.cleanRoomIso} needed)`
          : `Clean room ISO ${u.cleanRoomIso} is below the ISO ${need.cleanRoomIso} needed`,
      ),
    );
  if (need.hazardous && !u.hazardousAllowed)
    out.push(r('hazardous', '该单元不允许危险工艺', 'Hazardous processes are not allowed here'));
  if (
    need.budgetYuanM2Month !== undefined &&
    u.askingRentYuanM2Month !== null &&
    u.askingRentYuanM2Month > need.budgetYuanM2Month
  )
    out.push(
      r(
        'budgetYuanM2Month',
        `租金 ${fmt(u.askingRentYuanM2Month)} 元/m²/月 > 预算 ${need.budgetYuanM2Month}`,
        `Rent ${fmt(u.askingRentYuanM2Month)} yuan/m²/month > budget ${need.budgetYuanM2Month}`,
      ),
    );
  if (need.areaMaxM2 !== undefined && (u.areaM2 ?? 0) > need.areaMaxM2)
    out.push(
      r(
        'areaMaxM2',
        `面积 ${fmt(u.areaM2)} m² > 上限 ${need.areaMaxM2}`,
        `Area ${fmt(u.areaM2)} m² > ${need.areaMaxM2}`,
      ),
    );
  if (rule)
    out.push(
      ...ruleReasons(
        rule,
        {
          floorNo: u.floorNo,
          floorLoadKnM2: u.floorLoadKnM2,
          vibrationUmS: u.vibrationUmS,
          truckAccess: u.truckAccess,
        },
        u.elevatorT,
      ),
    );
  return out;
}

function statusZh(s: string): string {
  return s === 'occupied' ? '已入驻' : s === 'reserved' ? '已预留' : s;
}

/**
 * Units that pass the hard rules grouped by floor, then every shortest run of adjacent units (by
 * seq) whose area reaches the need, within its maximum. A unit that passes but cannot reach the
 * area alone or with its neighbours is ruled out for its area.
 */
export function combine(passing: readonly SiteUnit[], need: TSiteNeed): { groups: SiteUnit[][]; tooSmall: RuledOut[] } {
  const byFloor = new Map<number, SiteUnit[]>();
  for (const u of passing) {
    const list = byFloor.get(u.floorId) ?? [];
    list.push(u);
    byFloor.set(u.floorId, list);
  }
  const groups: SiteUnit[][] = [];
  const used = new Set<number>();
  const short: { u: SiteUnit; total: number | null }[] = [];
  const max = need.areaMaxM2 ?? Number.POSITIVE_INFINITY;
  for (const list of byFloor.values()) {
    list.sort((a, b) => a.seq - b.seq || a.unitId - b.unitId);
    // Runs of consecutive seq numbers.
    let run: SiteUnit[] = [];
    const runs: SiteUnit[][] = [];
    for (const u of list) {
      if (run.length > 0 && u.seq !== run[run.length - 1]!.seq + 1) {
        runs.push(run);
        run = [];
      }
      run.push(u);
    }
    if (run.length > 0) runs.push(run);
    for (const rn of runs) {
      for (let i = 0; i < rn.length; i++) {
        let sum = 0;
        for (let j = i; j < rn.length; j++) {
          sum += rn[j]!.areaM2 ?? 0;
          if (sum > max) break;
          if (sum >= need.areaMinM2) {
            groups.push(rn.slice(i, j + 1));
            for (let k = i; k <= j; k++) used.add(rn[k]!.unitId);
            break;
          }
        }
      }
      const total = rn.reduce((t, u) => t + (u.areaM2 ?? 0), 0);
      for (const u of rn) if (!used.has(u.unitId)) short.push({ u, total: rn.length > 1 ? total : null });
    }
  }
  const tooSmall: RuledOut[] = short.map(({ u, total }) => ({
    unit: u,
    reasons: [
      total === null
        ? r(
            'areaMinM2',
            `面积 ${fmt(u.areaM2)} m² < ${need.areaMinM2}，且无相邻空置单元`,
            `Area ${fmt(u.areaM2)} m² < ${need.areaMinM2} and no adjacent vacant unit`,
          )
        : r(
            'areaMinM2',
            `面积 ${fmt(u.areaM2)} m² < ${need.areaMinM2}，与相邻空置单元合计 ${fmt(total)} m² 仍不满足（或超过上限）`,
            `Area ${fmt(u.areaM2)} m² < ${need.areaMinM2}; with adjacent vacant units ${fmt(total)} m², still short (or over the maximum)`,
          ),
    ],
  }));
  return { groups, tooSmall };
}

/** Great-circle distance in km. */
export function haversineKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const R = 6371;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}

/**
 * Scores a group in [0, 1]: chain neighbours 40 % (building counts twice a park), rent 30 %
 * (against the budget, or the cheapest candidate), distance to the leader 30 % (0 km → 1, 30 km
 * or more → 0). Terms the need does not ask for are left out and the rest re-weighted.
 */
export function rank(groups: SiteUnit[][], need: TSiteNeed, ctx: SiteContext): Candidate[] {
  const rents = groups.map(groupRent).filter((x): x is number => x !== null);
  const cheapest = rents.length > 0 ? Math.min(...rents) : null;
  const priciest = rents.length > 0 ? Math.max(...rents) : null;
  const out: Candidate[] = groups.map((g) => {
    const u0 = g[0]!;
    const area = g.reduce((t, u) => t + (u.areaM2 ?? 0), 0);
    const rent = groupRent(g);
    const fits: TReason[] = hardFits(g, need, area);
    const terms: { w: number; v: number }[] = [];
    const wantsChain = need.chainCode !== undefined || (need.neighbourEnterpriseIds?.length ?? 0) > 0;
    if (wantsChain) {
      const inB =
        (ctx.chainTenantsByBuilding.get(u0.buildingId) ?? 0) + (ctx.neighboursByBuilding.get(u0.buildingId) ?? 0);
      const inP = (ctx.chainTenantsByPark.get(u0.parkId) ?? 0) + (ctx.neighboursByPark.get(u0.parkId) ?? 0);
      const v = Math.min(1, (2 * inB + inP) / 10);
      terms.push({ w: 0.4, v });
      fits.push(
        r(
          'chain',
          `同链/指定邻居企业：本楼 ${inB} 家，本园 ${inP} 家`,
          `Chain or named neighbours: ${inB} in the building, ${inP} in the park`,
        ),
      );
    }
    if (rent !== null) {
      const ref = need.budgetYuanM2Month ?? priciest ?? rent;
      const lo = cheapest ?? rent;
      const v = ref > lo ? Math.max(0, Math.min(1, (ref - rent) / (ref - lo))) : 1;
      terms.push({ w: 0.3, v });
      fits.push(r('rent', `租金 ${fmt(rent)} 元/m²/月`, `Rent ${fmt(rent)} yuan/m²/month`));
    }
    if (ctx.leader && u0.lat !== null && u0.lng !== null) {
      const km = haversineKm(ctx.leader, { lat: u0.lat, lng: u0.lng });
      terms.push({ w: 0.3, v: Math.max(0, 1 - km / 30) });
      fits.push(
        r('leader', `距链主 ${ctx.leader.name} 约 ${fmt(km)} km`, `About ${fmt(km)} km from leader ${ctx.leader.name}`),
      );
    }
    const wsum = terms.reduce((t, x) => t + x.w, 0);
    const score = wsum > 0 ? terms.reduce((t, x) => t + x.w * x.v, 0) / wsum : 0;
    // Fewer units (no combining) first among equal scores.
    return { units: g, areaM2: area, rent, score: Math.round(score * 1000) / 1000, fits };
  });
  out.sort((a, b) => b.score - a.score || a.units.length - b.units.length || a.units[0]!.unitId - b.units[0]!.unitId);
  return out;
}

function groupRent(g: readonly SiteUnit[]): number | null {
  let area = 0;
  let sum = 0;
  for (const u of g) {
    if (u.askingRentYuanM2Month === null) return null;
    area += u.areaM2 ?? 0;
    sum += (u.areaM2 ?? 0) * u.askingRentYuanM2Month;
  }
  return area > 0 ? Math.round((sum / area) * 100) / 100 : null;
}

function hardFits(g: readonly SiteUnit[], need: TSiteNeed, area: number): TReason[] {
  const out: TReason[] = [];
  const minOf = (f: (u: SiteUnit) => number | null) => Math.min(...g.map((u) => f(u) ?? 0));
  out.push(
    g.length > 1
      ? r(
          'areaMinM2',
          `${g.length} 个相邻单元合计 ${fmt(area)} m² ≥ ${need.areaMinM2}`,
          `${g.length} adjacent units, ${fmt(area)} m² together ≥ ${need.areaMinM2}`,
        )
      : r('areaMinM2', `面积 ${fmt(area)} m² ≥ ${need.areaMinM2}`, `Area ${fmt(area)} m² ≥ ${need.areaMinM2}`),
  );
  if (need.floorLoadKnM2 !== undefined) {
    const v = minOf((u) => u.floorLoadKnM2);
    out.push(
      r(
        'floorLoadKnM2',
        `楼板荷载 ${fmt(v)} kN/m² ≥ ${need.floorLoadKnM2}`,
        `Floor load ${fmt(v)} kN/m² ≥ ${need.floorLoadKnM2}`,
      ),
    );
  }
  if (need.clearHeightM !== undefined) {
    const v = minOf((u) => u.clearHeightM);
    out.push(
      r('clearHeightM', `净高 ${fmt(v)} m ≥ ${need.clearHeightM}`, `Clear height ${fmt(v)} m ≥ ${need.clearHeightM}`),
    );
  }
  if (need.powerKva !== undefined) {
    const v = g.reduce((t, u) => t + (u.powerKva ?? 0), 0);
    out.push(r('powerKva', `供电 ${fmt(v)} kVA ≥ ${need.powerKva}`, `Power ${fmt(v)} kVA ≥ ${need.powerKva}`));
  }
  if (need.elevatorT !== undefined) {
    const u = g[0]!;
    out.push(
      u.truckAccess
        ? r('elevatorT', '货车直达层，无需货梯', 'Trucks reach this floor; no freight elevator needed')
        : r(
            'elevatorT',
            `货梯 ${fmt(u.elevatorT)} t ≥ ${need.elevatorT}`,
            `Freight elevator ${fmt(u.elevatorT)} t ≥ ${need.elevatorT}`,
          ),
    );
  }
  if (need.cleanRoomIso !== undefined)
    out.push(r('cleanRoomIso', `洁净等级满足 ISO ${need.cleanRoomIso}`, `Clean room meets ISO ${need.cleanRoomIso}`));
  return out;
}

/**
 * The whole selection: hard rules per unit, area by combining adjacent passing units, power
 * summed over a group, then ranking. `limit` results; ruled-out units nearest misses first.
 */
export function selectSites(
  units: readonly SiteUnit[],
  need: TSiteNeed,
  rule: TUpstairsRule | null,
  ctx: SiteContext,
): Selection {
  const passing: SiteUnit[] = [];
  const ruledOut: RuledOut[] = [];
  for (const u of units) {
    const reasons = unitReasons(u, need, rule, ctx.today);
    if (reasons.length === 0) passing.push(u);
    else ruledOut.push({ unit: u, reasons });
  }
  const { groups, tooSmall } = combine(passing, need);
  ruledOut.push(...tooSmall);
  const powered = groups.filter((g) => {
    if (need.powerKva === undefined) return true;
    const p = g.reduce((t, u) => t + (u.powerKva ?? 0), 0);
    return p >= need.powerKva;
  });
  for (const g of groups)
    if (!powered.includes(g) && g.length === 1)
      ruledOut.push({
        unit: g[0]!,
        reasons: [
          r(
            'powerKva',
            `供电 ${fmt(g[0]!.powerKva)} kVA < ${need.powerKva}`,
            `Power ${fmt(g[0]!.powerKva)} kVA < ${need.powerKva}`,
          ),
        ],
      });
  const counts: Record<string, number> = {};
  for (const o of ruledOut)
    for (const rule of new Set(o.reasons.map((x) => x.rule))) counts[rule] = (counts[rule] ?? 0) + 1;
  ruledOut.sort((a, b) => a.reasons.length - b.reasons.length || a.unit.unitId - b.unit.unitId);
  return { results: rank(powered, need, ctx).slice(0, need.limit), ruledOut, counts };
}
