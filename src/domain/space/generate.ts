/**
 * A synthetic high-rise factory and tenant set for tests, the benchmark and the demo planner: floor
 * bands as in the research notes §3.4 (illustrative: F1 heavy and truck-served, F2–F5 8–12 kN/m²,
 * F6+ 5–8 kN/m²), tenants of one lead chain in a few chain ranks plus some of other industries,
 * supply links mostly between neighbouring ranks. Seeded, so every run is the same.
 */
import { rng } from '../random.js';
import type { PlanLink, PlanProblem, PlanTenant } from './plan.js';
import { DEFAULT_RULES } from './rules.js';

export function generatePlanProblem(opts: {
  floors: number;
  tenants: number;
  seed: number;
  lead?: string;
  fill?: number;
}): PlanProblem {
  const rand = rng(opts.seed);
  const lead = opts.lead ?? 'bd';
  const floorArea = 2500;
  const floors = Array.from({ length: opts.floors }, (_, i) => {
    const n = i + 1;
    const band = n === 1 ? 0 : n <= 5 ? 1 : 2;
    return {
      floorNo: n,
      areaM2: floorArea,
      floorLoadKnM2: band === 0 ? 20 : band === 1 ? 8 + Math.round(rand() * 4) : 5 + Math.round(rand() * 3),
      clearHeightM: band === 0 ? 8 : band === 1 ? 5 + Math.round(rand() * 10) / 10 : 4.2 + Math.round(rand() * 3) / 10,
      powerKva: band === 0 ? 2000 : 800,
      truckAccess: n === 1,
      vibrationUmS: null,
    };
  });
  // Total tenant area ≈ fill × building area.
  const fill = opts.fill ?? 0.8;
  const mean = (floorArea * opts.floors * fill) / opts.tenants;
  const ranks = 4;
  // Chain ranks run from light upstream work (chip design, R&D: top floors) to heavier downstream
  // assembly and services near the ground, as in a directory like 北斗大厦's.
  const tenants: PlanTenant[] = Array.from({ length: opts.tenants }, (_, i) => {
    const other = rand() < 0.12;
    const rank = Math.min(ranks - 1, Math.floor((i / opts.tenants) * ranks + rand() * 0.6));
    const heavy = rank === ranks - 1 && rand() < 0.25;
    const area = Math.max(200, Math.min(2400, Math.round((mean * (0.4 + rand() * 1.2)) / 10) * 10));
    const load = heavy ? 12 : [3.5, 4, 5, 8][rank]! + (rand() < 0.3 ? 1 : 0);
    return {
      key: `t${i + 1}`,
      name: `Tenant ${i + 1}`,
      areaM2: area,
      floorLoadKnM2: other ? 3 : load,
      clearHeightM: heavy ? 6 : rank === ranks - 1 ? 4.5 : 3.5,
      powerKva: Math.round(area * 0.08),
      elevatorT: heavy ? 5 : rank >= 2 ? 2 : 0,
      industry: other ? 'other' : lead,
      chainRank: rank,
      process: heavy ? 'nev_parts' : undefined,
    };
  });
  const links: PlanLink[] = [];
  for (let i = 0; i < opts.tenants; i++) {
    const t = tenants[i]!;
    for (let j = i + 1; j < opts.tenants; j++) {
      const u = tenants[j]!;
      if (Math.abs(t.chainRank - u.chainRank) === 1 && rand() < 0.08)
        links.push({ from: t.key, to: u.key, weight: 1 + Math.floor(rand() * 5) });
    }
  }
  return {
    building: { elevatorT: 3, leadingIndustry: lead, floors },
    tenants,
    links,
    rules: DEFAULT_RULES,
    maxOtherShare: 0.3,
    upstreamOnTop: true,
  };
}

/** The checker's view of a problem and a plan. */
export function checkInputOf(p: PlanProblem, floorOf: Map<string, number | null>) {
  return {
    floors: p.building.floors,
    elevatorT: p.building.elevatorT,
    leadingIndustry: p.building.leadingIndustry,
    maxOtherShare: p.maxOtherShare,
    upstreamOnTop: p.upstreamOnTop,
    rules: p.rules,
    tenants: p.tenants,
    links: p.links,
    placements: [...floorOf.entries()],
  };
}
