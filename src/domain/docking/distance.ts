/**
 * Distance tiers between two firms, nearest first: the same building (楼上楼下), the same park (a park
 * and its sub-parks count as one), the same district, the city, outside. A firm may hold several
 * units; the nearest pair of places counts, and in one building the floors are reported.
 */
import type { TDistanceTier } from '../../contracts/docking.js';

export interface Location {
  buildingId: number;
  floorNo: number;
  /** The unit's park and its ancestors (a sub-park belongs to its parent park too). */
  parkIds: readonly number[];
  /** District (GB/T 2260) of the park. */
  district: string | null;
}

export interface Place {
  locations: readonly Location[];
  /** The firm's registered district. */
  district: string | null;
  /** Registered in the city or holding a unit in it. */
  inCity: boolean;
}

export const TIER_RANK: Record<TDistanceTier, number> = { building: 0, park: 1, district: 2, city: 3, outside: 4 };

export interface Distance {
  tier: TDistanceTier;
  floors: { a: number; b: number } | null;
}

const districtsOf = (p: Place) => {
  const s = new Set<string>();
  if (p.district) s.add(p.district);
  for (const l of p.locations) if (l.district) s.add(l.district);
  return s;
};

export function distanceTier(a: Place, b: Place): Distance {
  let bestFloors: { a: number; b: number } | null = null;
  let gap = Number.POSITIVE_INFINITY;
  let samePark = false;
  for (const x of a.locations) {
    for (const y of b.locations) {
      if (x.buildingId === y.buildingId) {
        const g = Math.abs(x.floorNo - y.floorNo);
        if (g < gap) {
          gap = g;
          bestFloors = { a: x.floorNo, b: y.floorNo };
        }
      } else if (!samePark && x.parkIds.some((p) => y.parkIds.includes(p))) samePark = true;
    }
  }
  if (bestFloors) return { tier: 'building', floors: bestFloors };
  if (samePark) return { tier: 'park', floors: null };
  if (!a.inCity || !b.inCity) return { tier: 'outside', floors: null };
  const da = districtsOf(a);
  for (const d of districtsOf(b)) if (da.has(d)) return { tier: 'district', floors: null };
  return { tier: 'city', floors: null };
}
