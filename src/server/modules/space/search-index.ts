/**
 * The site search's hard rules in memory: every vacant unit's search facts (the values of
 * space_unit_search, 0031) with the row the domain ranks (UNIT_SELECT), held per database and brought up
 * to date when units, floors, buildings, parks or space_unit_search change (their data_changes counters,
 * 0008 and 0041): the units whose search rows changed since the index was read (the change log by
 * transaction id, 0049, as docking's open book) are read again and merged in; the whole index is read
 * again only after a truncate, a batch of thousands or an hour. A search is then one counter read, a pass
 * over the vacant units in memory and the domain's combining and ranking of the ≤ PASSING_MAX + 50
 * chosen — no scan and no row fetch per search.
 *
 * It answers exactly what repository.searchUnits answers (that query stays as the reference the int test
 * compares with): the same flags per rule with SQL's null logic, the same PASSING_MAX cheapest passing
 * units, the same 50 nearest misses, the same counts per rule.
 */
import type { TSiteNeed, TUpstairsRule } from '../../../contracts/space.js';
import type { Db } from '../../../db/connect.js';
import type { SiteUnit } from '../../../domain/space/select.js';
import { changesSince, type LogMark, logMark, pruneChangeLog } from '../../lib/change-log.js';
import { changeKey, type DataVersions, dataVersions } from '../../lib/data-changes.js';
import type { Sql } from '../../lib/sql.js';
import { PASSING_MAX, siteUnitOf, UNIT_SELECT, type UnitRow } from './repository.js';

/** The tables the index is built from (space_unit_search stands for specs, listings and building specs). */
export const SEARCH_INDEX_TABLES = ['units', 'floors', 'buildings', 'parks', 'space_unit_search'] as const;

/** What the hard rules read of a vacant unit: space_unit_search's row, as the SQL sees it. */
interface Facts {
  unitId: number;
  parkId: number;
  regionCode: string | null;
  areaM2: number | null;
  floorNo: number;
  floorLoadKnM2: number | null;
  clearHeightM: number | null;
  exhaust: boolean | null;
  waterDrainage: boolean | null;
  cleanRoomIso: number | null;
  vibrationUmS: number | null;
  hazardousAllowed: boolean | null;
  elevatorT: number | null;
  elevatorCarWidthM: number | null;
  elevatorCarDepthM: number | null;
  truckAccess: boolean | null;
  availableFrom: string | null;
  availableUntil: string | null;
  rent: number | null;
  /** The row the domain gets (UNIT_SELECT), as the reference fetches it by key. */
  unit: SiteUnit;
}

interface SearchIndex {
  key: string;
  /** Vacant units, cheapest first (rent nulls last, then id): the order the reference picks passing units in. */
  vacant: Facts[];
  /** Each park's parent, for a need naming parks (their direct sub-parks count). */
  parentOf: Map<number, number | null>;
  /** Where the rows stand in the change log (migration 0049): the snapshot they are at least as new as. */
  mark: LogMark;
  /** One string per building and park name, shared by the units (kept across patches). */
  names: Map<string, string>;
}

/** How often the index was read in full and how often patched (the int test counts them; the bench prints them). */
export const searchIndexStats = { builds: 0, patches: 0 };

/** More changed units than this since the index was read: read it in full again (as cheap by then). */
const PATCH_MAX = 5000;
/**
 * Change rows are kept a day, then pruned; an index whose snapshot is older than an hour is read in full,
 * never patched, so it cannot miss a pruned row.
 */
const KEEP_CHANGES = '24 hours';
const MARK_MAX_AGE_MS = 60 * 60 * 1000;
const CHANGES = 'space_unit_search_changes';

interface Slot {
  index: SearchIndex | null;
  /** The read or patch under way, shared by the searches that wait for the same key. */
  pending: { key: string; promise: Promise<SearchIndex> } | null;
}
const slots = new WeakMap<Db, Slot>();

/**
 * The index for the counters read: the held one when its tables did not move; else the held one patched with
 * the units changed since it was read (the change log, migration 0049), or read in full when there is none,
 * when the log says "unknown" (a truncate, a large batch) or when too much changed. Concurrent searches share
 * one read or patch.
 */
export async function searchIndexOf(db: Db, versions?: DataVersions): Promise<SearchIndex> {
  // Counters first: the data read after them is at least as new as the key (lib/data-changes.ts).
  const key = changeKey(versions ?? (await dataVersions(db)), SEARCH_INDEX_TABLES);
  const slot = slots.get(db) ?? slots.set(db, { index: null, pending: null }).get(db)!;
  if (slot.index?.key === key) return slot.index;
  if (slot.pending?.key !== key) {
    const from = slot.index;
    const promise = from ? patchIndex(db, from, key).then((ix) => ix ?? buildIndex(db, key)) : buildIndex(db, key);
    const pending = { key, promise };
    slot.pending = pending;
    promise.then(
      (ix) => {
        if (slot.pending === pending) slot.pending = null;
        // A newer index may have landed meanwhile (searches see counters in commit order, not call order).
        if (!slot.index || slot.index.mark.at <= ix.mark.at) slot.index = ix;
      },
      () => {
        if (slot.pending === pending) slot.pending = null;
      },
    );
  }
  return slot.pending!.promise;
}

/** Forgets the index of a database: the next search reads it in full (the bench's "before", a full read per write). */
export function forgetSearchIndex(db: Db): void {
  slots.delete(db);
}

/** Prunes the change log's old rows; the count deleted. */
export async function pruneSearchChanges(db: Db): Promise<number> {
  return pruneChangeLog(db, CHANGES, KEEP_CHANGES);
}

const PRUNE_EVERY_MS = 10 * 60 * 1000;
const pruning = new WeakMap<Db, NodeJS.Timeout>();

/** Prunes the change log every ten minutes while the server listens (the space manifest's onListen). */
export function startPruningSearchChanges(db: Db): void {
  if (pruning.has(db)) return;
  const t = setInterval(() => void pruneSearchChanges(db).catch(() => {}), PRUNE_EVERY_MS);
  t.unref();
  pruning.set(db, t);
}

type FactRow = UnitRow & {
  k_park_id: number;
  k_region_code: string | null;
  k_area_m2: number | null;
  k_floor_no: number;
  k_floor_load_kn_m2: number | null;
  k_clear_height_m: number | null;
  k_exhaust: boolean | null;
  k_water_drainage: boolean | null;
  k_clean_room_iso: number | null;
  k_vibration_um_s: number | null;
  k_hazardous_allowed: boolean | null;
  k_elevator_t: number | null;
  k_elevator_car_width_m: number | null;
  k_elevator_car_depth_m: number | null;
  k_truck_access: boolean | null;
  k_available_from: string | null;
  k_available_until: string | null;
  k_rent: number | null;
};

/** The vacant units' facts and rows (all, or those of `ids`), cheapest first. */
async function readFacts(db: Db, names: Map<string, string>, ids?: number[]): Promise<Facts[]> {
  const rows = await db.query<FactRow>(
    `select t.*, k.park_id as k_park_id, k.region_code as k_region_code, k.area_m2 as k_area_m2,
            k.floor_no as k_floor_no, k.floor_load_kn_m2 as k_floor_load_kn_m2, k.clear_height_m as k_clear_height_m,
            k.exhaust as k_exhaust, k.water_drainage as k_water_drainage, k.clean_room_iso as k_clean_room_iso,
            k.vibration_um_s as k_vibration_um_s, k.hazardous_allowed as k_hazardous_allowed,
            k.elevator_t as k_elevator_t, k.elevator_car_width_m as k_elevator_car_width_m,
            k.elevator_car_depth_m as k_elevator_car_depth_m, k.truck_access as k_truck_access,
            k.available_from as k_available_from, k.available_until as k_available_until,
            k.asking_rent_yuan_m2_month as k_rent
       from space_unit_search k join (${UNIT_SELECT}${ids ? ' where u.id = any($1::int[])' : ''}) t on t.unit_id = k.unit_id
      where k.status = 'vacant'${ids ? ' and k.unit_id = any($1::int[])' : ''}
      order by k.asking_rent_yuan_m2_month nulls last, k.unit_id`,
    ids ? [ids] : [],
  );
  // One string per building and park name, not one per unit.
  const intern = (s: string) => names.get(s) ?? names.set(s, s).get(s)!;
  return rows.map((r): Facts => {
    const unit = siteUnitOf(r);
    unit.buildingName = intern(unit.buildingName);
    unit.parkName = intern(unit.parkName);
    return {
      unitId: r.unit_id,
      parkId: r.k_park_id,
      regionCode: r.k_region_code,
      areaM2: r.k_area_m2,
      floorNo: r.k_floor_no,
      floorLoadKnM2: r.k_floor_load_kn_m2,
      clearHeightM: r.k_clear_height_m,
      exhaust: r.k_exhaust,
      waterDrainage: r.k_water_drainage,
      cleanRoomIso: r.k_clean_room_iso,
      vibrationUmS: r.k_vibration_um_s,
      hazardousAllowed: r.k_hazardous_allowed,
      elevatorT: r.k_elevator_t,
      elevatorCarWidthM: r.k_elevator_car_width_m,
      elevatorCarDepthM: r.k_elevator_car_depth_m,
      truckAccess: r.k_truck_access,
      availableFrom: r.k_available_from,
      availableUntil: r.k_available_until,
      rent: r.k_rent,
      unit,
    };
  });
}

async function parentsOf(db: Db) {
  const parks = await db.query<{ id: number; parent_id: number | null }>('select id, parent_id from parks');
  return new Map(parks.map((p) => [p.id, p.parent_id]));
}

async function buildIndex(db: Db, key: string): Promise<SearchIndex> {
  searchIndexStats.builds++;
  // The mark first: the rows below are read under later snapshots, so the index is at least this new.
  const mark = await logMark(db);
  const names = new Map<string, string>();
  const vacant = await readFacts(db, names);
  return { key, vacant, parentOf: await parentsOf(db), mark, names };
}

/** The reference's order of vacant units: rent (nulls last), then id — as `order by … nulls last, unit_id`. */
const cheaper = (a: Facts, b: Facts) =>
  a.rent === b.rent ? a.unitId - b.unitId : a.rent === null ? 1 : b.rent === null ? -1 : a.rent - b.rent;

/**
 * The index brought up to date from `old` by the units changed since its mark (their rows read again, merged
 * into the order), or null when it must be read in full: a mark older than an hour, an unknown change in the
 * log (a truncate, a batch of thousands) or more than PATCH_MAX units changed.
 */
async function patchIndex(db: Db, old: SearchIndex, key: string): Promise<SearchIndex | null> {
  if (Date.now() - old.mark.at > MARK_MAX_AGE_MS) return null;
  const ch = await changesSince(db, CHANGES, 'unit_id', old.mark);
  if (ch.unknown || ch.ids.length > PATCH_MAX) return null;
  searchIndexStats.patches++;
  // Read after the new mark: at least as new as it.
  const fresh = ch.ids.length > 0 ? await readFacts(db, old.names, ch.ids) : [];
  const changed = new Set(ch.ids);
  const kept = changed.size > 0 ? old.vacant.filter((f) => !changed.has(f.unitId)) : old.vacant;
  // Both in order: merge.
  const vacant: Facts[] = new Array(kept.length + fresh.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < kept.length && j < fresh.length)
    vacant[k++] = cheaper(kept[i]!, fresh[j]!) <= 0 ? kept[i++]! : fresh[j++]!;
  while (i < kept.length) vacant[k++] = kept[i++]!;
  while (j < fresh.length) vacant[k++] = fresh[j++]!;
  // Parks are few: their parents are read again (a sub-park moved under another park changes no unit's row).
  return { key, vacant, parentOf: await parentsOf(db), mark: ch.mark, names: old.names };
}

/** A rule's flag as SQL computes it: true (broken), false, or null (unknown, as SQL's null logic gives). */
type Flag = (f: Facts) => boolean | null;

const not = (b: boolean | null) => (b === null ? null : !b);
/** SQL `(not truck_access and cond)`: false when cond is false, else not truck_access (null stays null). */
const lifted = (f: Facts, cond: boolean) => (cond ? not(f.truckAccess) : false);
const z = (v: number | null) => v ?? 0;

/** The flags of repository.searchUnits, in its order and under its names. */
function flagsOf(need: TSiteNeed, rule: TUpstairsRule | null, today: string): [string, Flag][] {
  const by = need.availableBy ?? today;
  const flags: [string, Flag][] = [
    ['availableBy', (f) => (f.availableFrom ?? '0000-01-01') > by || (f.availableUntil ?? '9999-12-31') < by],
  ];
  const { floorLoadKnM2, clearHeightM, maxFloor, elevatorT, elevatorCarWidthM, elevatorCarDepthM } = need;
  if (floorLoadKnM2 !== undefined) flags.push(['floorLoadKnM2', (f) => z(f.floorLoadKnM2) < floorLoadKnM2]);
  if (clearHeightM !== undefined) flags.push(['clearHeightM', (f) => z(f.clearHeightM) < clearHeightM]);
  if (maxFloor !== undefined) flags.push(['maxFloor', (f) => f.floorNo > maxFloor]);
  if (elevatorT !== undefined) flags.push(['elevatorT', (f) => lifted(f, z(f.elevatorT) < elevatorT)]);
  if (elevatorCarWidthM !== undefined)
    flags.push(['elevatorCarWidthM', (f) => lifted(f, z(f.elevatorCarWidthM) < elevatorCarWidthM)]);
  if (elevatorCarDepthM !== undefined)
    flags.push(['elevatorCarDepthM', (f) => lifted(f, z(f.elevatorCarDepthM) < elevatorCarDepthM)]);
  if (need.exhaust) flags.push(['exhaust', (f) => not(f.exhaust)]);
  if (need.waterDrainage) flags.push(['waterDrainage', (f) => not(f.waterDrainage)]);
  const { cleanRoomIso, budgetYuanM2Month, areaMaxM2 } = need;
  if (cleanRoomIso !== undefined)
    flags.push(['cleanRoomIso', (f) => f.cleanRoomIso === null || f.cleanRoomIso > cleanRoomIso]);
  if (need.hazardous) flags.push(['hazardous', (f) => not(f.hazardousAllowed)]);
  if (budgetYuanM2Month !== undefined) flags.push(['budgetYuanM2Month', (f) => z(f.rent) > budgetYuanM2Month]);
  if (areaMaxM2 !== undefined) flags.push(['areaMaxM2', (f) => z(f.areaM2) > areaMaxM2]);
  if (rule) {
    const { maxFloor: top, minFloorLoadKnM2, maxVibrationUmS, minElevatorT } = rule;
    if (top !== null) flags.push(['upstairs.maxFloor', (f) => f.floorNo > top]);
    flags.push(['upstairs.floorLoad', (f) => z(f.floorLoadKnM2) < minFloorLoadKnM2]);
    if (maxVibrationUmS !== null) flags.push(['upstairs.vibration', (f) => z(f.vibrationUmS) > maxVibrationUmS]);
    if (minElevatorT > 0) flags.push(['upstairs.elevator', (f) => lifted(f, z(f.elevatorT) < minElevatorT)]);
  }
  return flags;
}

/** jsonb's key order (shorter keys first, then bytewise), so the counts read as the reference's. */
const jsonbOrder = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

/**
 * The parks the caller's read scope admits (the policy's SQL over `t.park_id`, run on the parks table
 * alone), or null when the scope is the whole city.
 */
async function scopedParks(db: Db, scope: string | null, q: Sql): Promise<Set<number> | null> {
  if (scope === null) return null;
  const rows = await db.query<{ park_id: number }>(
    `select t.park_id from (select id as park_id from parks) t where ${scope}`,
    q.params,
  );
  return new Set(rows.map((r) => r.park_id));
}

export interface FoundUnits {
  passing: SiteUnit[];
  misses: SiteUnit[];
  counts: Record<string, number | null>;
  considered: number;
}

/**
 * What repository.searchUnits returns (as SiteUnits), from the index: vacant units in the need's
 * districts and parks (and their direct sub-parks) and the caller's scope (`scope` built with `q`, as
 * for the reference), the PASSING_MAX cheapest passing, the 50 nearest misses and the count per rule.
 */
export async function findUnits(
  db: Db,
  q: Sql,
  scope: string | null,
  need: TSiteNeed,
  rule: TUpstairsRule | null,
  today: string,
  versions?: DataVersions,
): Promise<FoundUnits> {
  const ix = await searchIndexOf(db, versions);
  const inScope = await scopedParks(db, scope, q);
  const regions = need.regionCodes?.length ? new Set(need.regionCodes) : null;
  const parkIds = need.parkIds?.length ? new Set(need.parkIds) : null;
  const flags = flagsOf(need, rule, today);
  const n = flags.length;
  const sums = new Array<number>(n).fill(0);
  const known = new Array<boolean>(n).fill(false);
  let considered = 0;
  const passing: Facts[] = [];
  // The 50 nearest misses by (fails, unit id), kept sorted.
  const misses: { fails: number; f: Facts }[] = [];
  const MISSES = 50;
  for (const f of ix.vacant) {
    if (inScope && !inScope.has(f.parkId)) continue;
    if (regions && (f.regionCode === null || !regions.has(f.regionCode))) continue;
    if (parkIds && !parkIds.has(f.parkId)) {
      const parent = ix.parentOf.get(f.parkId);
      if (parent === undefined || parent === null || !parkIds.has(parent)) continue;
    }
    considered++;
    let fails: number | null = 0;
    for (let i = 0; i < n; i++) {
      const v = flags[i]![1](f);
      if (v === null) fails = null;
      else {
        known[i] = true;
        if (v) {
          sums[i]!++;
          if (fails !== null) fails++;
        }
      }
    }
    // SQL: a null flag makes the unit's sum null, neither passing nor a miss.
    if (fails === null) continue;
    if (fails === 0) {
      if (passing.length < PASSING_MAX) passing.push(f);
      continue;
    }
    if (misses.length === MISSES) {
      const last = misses[MISSES - 1]!;
      if (fails > last.fails || (fails === last.fails && f.unitId > last.f.unitId)) continue;
      misses.pop();
    }
    let at = misses.length;
    while (
      at > 0 &&
      (misses[at - 1]!.fails > fails || (misses[at - 1]!.fails === fails && misses[at - 1]!.f.unitId > f.unitId))
    )
      at--;
    misses.splice(at, 0, { fails, f });
  }
  // The reference's final order: fails, then the row's rent (nulls last), then id.
  const byRent = (a: SiteUnit, b: SiteUnit) =>
    a.askingRentYuanM2Month === b.askingRentYuanM2Month
      ? a.unitId - b.unitId
      : a.askingRentYuanM2Month === null
        ? 1
        : b.askingRentYuanM2Month === null
          ? -1
          : a.askingRentYuanM2Month - b.askingRentYuanM2Month;
  const missUnits = misses
    .sort((a, b) => a.fails - b.fails || byRent(a.f.unit, b.f.unit))
    .map((m) => ({ ...m.f.unit }));
  const counts: Record<string, number | null> = {};
  const order = flags.map(([k], i) => [k, i] as const).sort((a, b) => jsonbOrder(a[0], b[0]));
  for (const [k, i] of order) counts[k] = considered > 0 && known[i] ? sums[i]! : null;
  return {
    // Copies: the domain may not change what the index holds.
    passing: passing.map((f) => ({ ...f.unit })).sort(byRent),
    misses: missUnits,
    counts,
    considered,
  };
}
