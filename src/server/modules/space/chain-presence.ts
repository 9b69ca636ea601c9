/**
 * The ranking's chain context (chain tenants around each candidate building and park) from an
 * in-memory count per chain for the whole city, rebuilt only when occupancies, units, floors,
 * buildings or enterprises change (their data_changes counters, migration 0008) or the date moves
 * (a lease that ends today stops counting tomorrow). A search then reads a few counter rows instead of
 * joining every current occupancy with its unit, floor, building and firm. Named neighbours are few:
 * they are still counted per search (repository.chainContext, by index on the firms' ids).
 */
import type { Db } from '../../../db/connect.js';
import type { SiteContext } from '../../../domain/space/select.js';
import { changeKey, type DataVersions, dataVersions } from '../../lib/data-changes.js';
import * as repo from './repository.js';

/** The tables a chain's presence is computed from. */
export const CHAIN_PRESENCE_TABLES = ['enterprises', 'occupancies', 'units', 'floors', 'buildings'] as const;

interface Presence {
  key: string;
  byBuilding: Map<number, number>;
  byPark: Map<number, number>;
}

const caches = new WeakMap<Db, Map<string, Presence>>();

/** The chain's tenants per building and per park, for the whole city (cached while the tables stand). */
export async function chainPresenceOf(db: Db, chainCode: string, versions?: DataVersions): Promise<Presence> {
  // Counters first: the data read after them is at least as new as the key (lib/data-changes.ts).
  const key = changeKey(versions ?? (await dataVersions(db)), CHAIN_PRESENCE_TABLES, true);
  const forDb = caches.get(db) ?? caches.set(db, new Map()).get(db)!;
  const hit = forDb.get(chainCode);
  if (hit && hit.key === key) return hit;
  const p: Presence = { key, byBuilding: new Map(), byPark: new Map() };
  for (const r of await repo.chainPresence(db, chainCode))
    (r.level === 'building' ? p.byBuilding : p.byPark).set(r.id, r.n);
  forDb.set(chainCode, p);
  return p;
}

/**
 * Fills the context's chain and neighbour counts for the candidate buildings and parks — the same
 * counts repository.chainContext gives (that query stays as the reference the int test compares with).
 */
export async function fillChainContext(
  db: Db,
  ctx: SiteContext,
  buildingIds: readonly number[],
  parkIds: readonly number[],
  chain: string | null,
  neighbours: readonly number[],
  /** Counters the caller read already (before any data), to spare a second read. */
  versions?: DataVersions,
): Promise<void> {
  if (chain) {
    const p = await chainPresenceOf(db, chain, versions);
    for (const id of buildingIds) {
      const n = p.byBuilding.get(id);
      if (n !== undefined) ctx.chainTenantsByBuilding.set(id, n);
    }
    for (const id of parkIds) {
      const n = p.byPark.get(id);
      if (n !== undefined) ctx.chainTenantsByPark.set(id, n);
    }
  }
  if (neighbours.length > 0)
    for (const r of await repo.chainContext(db, [...buildingIds], [...parkIds], null, [...neighbours])) {
      (r.level === 'building' ? ctx.neighboursByBuilding : ctx.neighboursByPark).set(r.id, r.neighbours);
    }
}
