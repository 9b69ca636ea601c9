/**
 * 智慧选址 as a use case: the need's hard rules over the vacant units held in memory (search-index.ts;
 * repository.searchUnits in SQL is the reference), then the domain's reasons, combining and ranking
 * (domain/space/select.ts) on what passed and on the nearest misses; rents withheld from those who may
 * not see them.
 */
import { CHAIN_CODES } from '../../../contracts/enums.js';
import { fieldProblem } from '../../../contracts/errors.js';
import type { TSiteNeed, TSiteSearch } from '../../../contracts/space.js';
import type { Db } from '../../../db/connect.js';
import { type SiteContext, selectSites } from '../../../domain/space/select.js';
import { type DataVersions, dataVersions } from '../../lib/data-changes.js';
import { AppError } from '../../lib/errors.js';
import { Sql } from '../../lib/sql.js';
import { readScope } from '../../platform/policy/index.js';
import { policyOf } from '../../platform/policy/registry.js';
import type { Actor } from '../auth/actor.js';
import { fillChainContext } from './chain-presence.js';
import * as repo from './repository.js';
import { currentRuleSet } from './rules.js';
import { type FoundUnits, findUnits } from './search-index.js';

/** The current rule for the need's process (422 naming `process` when the rules have none). */
async function ruleOf(db: Db, need: TSiteNeed) {
  const rules = await currentRuleSet(db);
  const rule = need.process ? (rules.rules.find((r) => r.process === need.process) ?? null) : null;
  if (need.process && !rule)
    throw new AppError(422, 'validation_failed', [fieldProblem(['process'], 'space.unknown_process')]);
  return rule;
}

export const todayIso = () => new Date().toISOString().slice(0, 10);

/** 422 naming the field when a need cannot be met by any unit (before any query). */
export function assertPossible(need: TSiteNeed): void {
  const errors = [];
  if (need.areaMaxM2 !== undefined && need.areaMaxM2 < need.areaMinM2)
    errors.push(fieldProblem(['areaMaxM2'], 'space.area_range'));
  if (errors.length > 0) throw new AppError(422, 'validation_failed', errors);
}

/** How a search finds its units: the in-memory index (search-index.ts) or the reference SQL. */
export type SiteFinder = 'index' | 'sql';

/**
 * The search. `finder: 'sql'` is the reference path (repository.searchUnits: hard rules in SQL, then the
 * chosen rows by key), kept for the int test that compares the two; the index answers the same.
 */
export async function searchSites(
  db: Db,
  actor: Actor | undefined,
  need: TSiteNeed,
  finder: SiteFinder = 'index',
): Promise<TSiteSearch> {
  assertPossible(need);
  const rule = need.process || finder === 'sql' ? await ruleOf(db, need) : null;
  const q = new Sql();
  const scope = actor ? readScope(actor, 'space-listings', q) : null;
  const today = todayIso();
  const chain = need.chainCode && (CHAIN_CODES as readonly string[]).includes(need.chainCode) ? need.chainCode : null;
  let found: FoundUnits;
  // One read of the counters keys both caches (the index and the chain's presence).
  let versions: DataVersions | undefined;
  if (finder === 'sql') {
    const rows = await repo.searchUnits(db, q, scope, need, rule, today);
    found = { ...rows, passing: rows.passing.map(repo.siteUnitOf), misses: rows.misses.map(repo.siteUnitOf) };
  } else {
    versions = await dataVersions(db);
    found = await findUnits(db, q, scope, need, rule, today, versions);
  }
  const units = [...found.passing, ...found.misses];
  const buildingIds = [...new Set(found.passing.map((u) => u.buildingId))];
  const parkIds = [...new Set(found.passing.map((u) => u.parkId))];
  const ctx: SiteContext = {
    chainTenantsByBuilding: new Map(),
    chainTenantsByPark: new Map(),
    neighboursByBuilding: new Map(),
    neighboursByPark: new Map(),
    leader: null,
    today,
  };
  await fillChainContext(db, ctx, buildingIds, parkIds, chain, need.neighbourEnterpriseIds ?? [], versions);
  if (need.leaderEnterpriseId) {
    const l = await repo.enterpriseLocation(db, need.leaderEnterpriseId);
    if (!l) throw new AppError(422, 'validation_failed', [fieldProblem(['leaderEnterpriseId'], 'reference_not_found')]);
    if (l.lat !== null && l.lng !== null) ctx.leader = { lat: l.lat, lng: l.lng, name: l.name };
  }
  const sel = selectSites(units, need, rule, ctx);
  const seesRent = actor ? policyOf('space-listings').seesConfidential(actor, {}) : true;
  const counts: Record<string, number | null> = { ...found.counts };
  for (const o of sel.ruledOut)
    for (const r of new Set(o.reasons.map((x) => x.rule)))
      if (r === 'areaMinM2' || r === 'powerKva') counts[r] = (counts[r] ?? 0) + 1;
  // A rule no unit was checked against (none considered) counts null in SQL: left out, like a 0.
  for (const k of Object.keys(counts)) if (!counts[k]) delete counts[k];
  return {
    results: sel.results.map((c) => ({
      unitIds: c.units.map((u) => u.unitId),
      unitCodes: c.units.map((u) => u.unitCode),
      buildingId: c.units[0]!.buildingId,
      buildingName: c.units[0]!.buildingName,
      parkName: c.units[0]!.parkName,
      floorNo: c.units[0]!.floorNo,
      areaM2: c.areaM2,
      rentYuanM2Month: seesRent ? c.rent : null,
      score: c.score,
      fits: seesRent ? c.fits : c.fits.filter((f) => f.rule !== 'rent'),
      lat: c.units[0]!.lat,
      lng: c.units[0]!.lng,
      synthetic: c.units.some((u) => u.synthetic),
    })),
    ruledOut: sel.ruledOut.slice(0, 50).map((o) => ({
      unitId: o.unit.unitId,
      unitCode: o.unit.unitCode,
      buildingName: o.unit.buildingName,
      floorNo: o.unit.floorNo,
      // A budget reason quotes the rent: withheld with it.
      reasons: seesRent
        ? o.reasons
        : o.reasons.map((r) =>
            r.rule === 'budgetYuanM2Month' ? { rule: r.rule, zh: '租金超出预算', en: 'Rent above the budget' } : r,
          ),
    })),
    ruledOutCounts: counts as Record<string, number>,
    considered: found.considered,
    maxFloorByRule: rule?.maxFloor ?? null,
  };
}
