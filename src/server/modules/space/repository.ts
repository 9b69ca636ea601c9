/** All SQL of the space module: units with their effective specs, vacancy, leases, search, plans. */
import type { TSiteNeed, TUpstairsRule } from '../../../contracts/space.js';
import type { Db } from '../../../db/connect.js';
import type { SiteUnit } from '../../../domain/space/select.js';
import type { Sql } from '../../lib/sql.js';
import { devzoneParks, devzones } from '../../platform/policy/devzones.js';

/**
 * A unit with what it offers: its own spec where set, else its floor's (load, clear height, power,
 * exhaust, water from the floor's features; a floor marked clean_room without a class counts as
 * ISO 8, an assumption), its building's freight elevator, and whether trucks reach its floor
 * (the building's truck-access floors, default F1, or the floor's truck_access feature). Adjacency
 * (`seq`) defaults to the unit's creation order on its floor. Aliased so policies see `t.park_id`.
 */
/** The effective specs of a unit (`u`, its floor `f`, building `b`, specs `s` and `bs`); migration 0031 (space_unit_search_refresh) computes the same values for the site search: keep them in step. */
const EFFECTIVE = `
    coalesce(s.floor_load_kn_m2, f.floor_load_kn_m2) as floor_load_kn_m2,
    coalesce(s.clear_height_m, f.clear_height_m) as clear_height_m,
    coalesce(s.power_kva, f.power_kva) as power_kva,
    coalesce(s.exhaust, 'exhaust' = any(f.features)) as exhaust,
    coalesce(s.water_drainage, 'water_drainage' = any(f.features)) as water_drainage,
    coalesce(s.clean_room_iso, case when 'clean_room' = any(f.features) then 8 end) as clean_room_iso,
    s.vibration_um_s, coalesce(s.hazardous_allowed, false) as hazardous_allowed,
    coalesce(bs.freight_elevator_t, b.freight_elevator_capacity_t) as elevator_t, bs.elevator_car_width_m, bs.elevator_car_depth_m,
    (f.floor_no = any(coalesce(bs.truck_access_floors, '{1}')) or 'truck_access' = any(f.features)) as truck_access,
    l.available_from::text, l.available_until::text, l.asking_rent_yuan_m2_month::float8`;

const UNIT_JOINS = `
  from units u
  join floors f on f.id = u.floor_id
  join buildings b on b.id = f.building_id
  join parks p on p.id = b.park_id
  left join space_unit_specs s on s.unit_id = u.id
  left join space_building_specs bs on bs.building_id = b.id
  left join space_listings l on l.unit_id = u.id`;

export const UNIT_SELECT = `
  select u.id as unit_id, u.code as unit_code, u.floor_id, f.floor_no, b.id as building_id, b.name as building_name,
    p.id as park_id, p.name as park_name, pp.name as zone_name, p.region_code, u.status, u.area_m2,
    coalesce(s.seq, u.id) as seq, ${EFFECTIVE},
    l.subsidy_pct::float8, l.subsidy_note,
    coalesce(b.lat, p.lat) as lat, coalesce(b.lng, p.lng) as lng, (u.synthetic or coalesce(l.synthetic, false)) as synthetic
  ${UNIT_JOINS}
  left join parks pp on pp.id = p.parent_id`;

export type UnitRow = {
  unit_id: number;
  unit_code: string;
  floor_id: number;
  floor_no: number;
  building_id: number;
  building_name: string;
  park_id: number;
  park_name: string;
  zone_name: string | null;
  region_code: string;
  status: string;
  area_m2: number | null;
  seq: number;
  floor_load_kn_m2: number | null;
  clear_height_m: number | null;
  power_kva: number | null;
  exhaust: boolean;
  water_drainage: boolean;
  clean_room_iso: number | null;
  vibration_um_s: number | null;
  hazardous_allowed: boolean;
  elevator_t: number | null;
  elevator_car_width_m: number | null;
  elevator_car_depth_m: number | null;
  truck_access: boolean;
  available_from: string | null;
  available_until: string | null;
  asking_rent_yuan_m2_month: number | null;
  subsidy_pct: number | null;
  subsidy_note: string | null;
  lat: number | null;
  lng: number | null;
  synthetic: boolean;
};

export function siteUnitOf(r: UnitRow): SiteUnit {
  return {
    unitId: r.unit_id,
    unitCode: r.unit_code,
    floorId: r.floor_id,
    floorNo: r.floor_no,
    buildingId: r.building_id,
    buildingName: r.building_name,
    parkId: r.park_id,
    parkName: r.park_name,
    status: r.status,
    areaM2: r.area_m2,
    seq: r.seq,
    floorLoadKnM2: r.floor_load_kn_m2,
    clearHeightM: r.clear_height_m,
    powerKva: r.power_kva,
    exhaust: r.exhaust,
    waterDrainage: r.water_drainage,
    cleanRoomIso: r.clean_room_iso,
    vibrationUmS: r.vibration_um_s,
    hazardousAllowed: r.hazardous_allowed,
    elevatorT: r.elevator_t,
    elevatorCarWidthM: r.elevator_car_width_m,
    elevatorCarDepthM: r.elevator_car_depth_m,
    truckAccess: r.truck_access,
    availableFrom: r.available_from,
    availableUntil: r.available_until,
    askingRentYuanM2Month: r.asking_rent_yuan_m2_month,
    lat: r.lat,
    lng: r.lng,
    synthetic: r.synthetic,
  };
}

/** The current lease of each unit: its occupancy that has not ended, with the lease's end. */
const CURRENT_LEASE = `
  left join lateral (
    select o.id as occupancy_id, e.name as tenant_name, sl.lease_ends_on::text as lease_ends_on
      from occupancies o join enterprises e on e.id = o.enterprise_id
      left join space_leases sl on sl.occupancy_id = o.id
     where o.unit_id = t.unit_id and (o.ended_on is null or o.ended_on >= current_date)
     order by o.started_on desc nulls last, o.id desc limit 1) cur on true`;

export async function listUnits(
  db: Db,
  q: Sql,
  scope: string | null,
  f: {
    status?: string | undefined;
    parkId?: number | undefined;
    buildingId?: number | undefined;
    limit: number;
    offset: number;
  },
) {
  const where: string[] = [];
  if (scope) where.push(scope);
  if (f.status) where.push(`t.status = ${q.p(f.status)}`);
  if (f.parkId)
    where.push(
      `(t.park_id = ${q.p(f.parkId)} or t.park_id in (select id from parks where parent_id = ${q.p(f.parkId)}))`,
    );
  if (f.buildingId) where.push(`t.building_id = ${q.p(f.buildingId)}`);
  const cond = where.length > 0 ? `where ${where.join(' and ')}` : '';
  const rows = await db.query<UnitRow & { lease_ends_on: string | null; tenant_name: string | null; total: number }>(
    `select t.*, cur.lease_ends_on, cur.tenant_name, count(*) over ()::int as total
       from (${UNIT_SELECT}) t ${CURRENT_LEASE} ${cond}
      order by t.park_name, t.building_name, t.floor_no, t.seq limit ${q.p(f.limit)} offset ${q.p(f.offset)}`,
    q.params,
  );
  return rows;
}

export async function loadUnit(db: Db, q: Sql, id: number, scope: string | null) {
  const [row] = await db.query<UnitRow & { lease_ends_on: string | null; tenant_name: string | null }>(
    `select t.*, cur.lease_ends_on, cur.tenant_name from (${UNIT_SELECT}) t ${CURRENT_LEASE}
      where t.unit_id = ${q.p(id)}${scope ? ` and ${scope}` : ''}`,
    q.params,
  );
  return row;
}

const GROUPS = {
  building: { key: 't.building_id::text', name: 't.building_name' },
  park: { key: 't.park_id::text', name: 't.park_name' },
  zone: { key: 'coalesce(t.zone_name, t.park_name)', name: 'coalesce(t.zone_name, t.park_name)' },
  district: { key: 't.region_code', name: 'coalesce(r.name, t.region_code)' },
} as const;

type VacancyRow = {
  key: string;
  name: string;
  name_en?: string | null;
  units: number;
  vacant_units: number;
  area_m2: number;
  vacant_area_m2: number;
  lat: number | null;
  lng: number | null;
};

const VACANCY_COLS = `count(*)::int as units,
            count(*) filter (where t.status = 'vacant')::int as vacant_units,
            coalesce(sum(t.area_m2), 0)::float8 as area_m2,
            coalesce(sum(t.area_m2) filter (where t.status = 'vacant'), 0)::float8 as vacant_area_m2,
            avg(t.lat)::float8 as lat, avg(t.lng)::float8 as lng`;

/**
 * Vacancy by building, park, zone (top park), district or development zone: units and area, vacant
 * units and area. A development zone spans its parks (platform/policy/devzones.ts), which may lie in
 * several districts, and zones may overlap, so its rows are one aggregate per zone, not a grouping.
 */
export async function vacancy(
  db: Db,
  q: Sql,
  scope: string | null,
  groupBy: keyof typeof GROUPS | 'devzone',
  f: { parkId?: number | undefined; regionCode?: string | undefined },
) {
  const where: string[] = [];
  if (scope) where.push(scope);
  if (f.parkId)
    where.push(
      `(t.park_id = ${q.p(f.parkId)} or t.park_id in (select id from parks where parent_id = ${q.p(f.parkId)}))`,
    );
  if (f.regionCode) where.push(`t.region_code = ${q.p(f.regionCode)}`);
  if (groupBy === 'devzone') {
    const parts = devzones().map(
      (z) =>
        `select ${q.p(z.code)}::text as key, ${q.p(z.nameZh)}::text as name, ${q.p(z.nameEn)}::text as name_en, ${VACANCY_COLS}
           from (${UNIT_SELECT}) t where ${[...where, `t.park_id in ${devzoneParks(z, q)}`].join(' and ')}`,
    );
    const rows = await db.query<VacancyRow>(parts.join(' union all '), q.params);
    return rows.filter((r) => r.units > 0);
  }
  const g = GROUPS[groupBy];
  return db.query<VacancyRow>(
    `select ${g.key} as key, ${g.name} as name, ${VACANCY_COLS}
       from (${UNIT_SELECT}) t left join regions r on r.code = t.region_code
      ${where.length > 0 ? `where ${where.join(' and ')}` : ''}
      group by 1, 2 order by 2`,
    q.params,
  );
}

/** Leases ending from today to N months ahead, soonest first. */
export async function expiringLeases(db: Db, q: Sql, scope: string | null, months: number, parkId?: number) {
  const where = [
    `sl.lease_ends_on between current_date and (current_date + make_interval(months => ${q.p(months)}))::date`,
    '(o.ended_on is null or o.ended_on >= current_date)',
  ];
  if (scope) where.push(scope);
  if (parkId) where.push(`t.park_id = ${q.p(parkId)}`);
  return db.query<{
    occupancy_id: number;
    unit_id: number;
    unit_code: string;
    floor_no: number;
    building_name: string;
    park_name: string;
    enterprise_id: number;
    enterprise_name: string;
    area_m2: number | null;
    lease_ends_on: string;
    rent_yuan_m2_month: number | null;
  }>(
    `select o.id as occupancy_id, t.unit_id, t.unit_code, t.floor_no, t.building_name, t.park_name,
            e.id as enterprise_id, e.name as enterprise_name, coalesce(o.area_m2, t.area_m2) as area_m2,
            sl.lease_ends_on::text, sl.rent_yuan_m2_month::float8
       from space_leases sl join occupancies o on o.id = sl.occupancy_id
       join enterprises e on e.id = o.enterprise_id
       join (${UNIT_SELECT}) t on t.unit_id = o.unit_id
      where ${where.join(' and ')} order by sl.lease_ends_on, o.id limit 500`,
    q.params,
  );
}

/** A unit's occupancies, newest first (history of the unit). */
export async function unitHistory(db: Db, unitId: number) {
  return db.query<{
    occupancy_id: number;
    enterprise_id: number;
    enterprise_name: string;
    started_on: string | null;
    ended_on: string | null;
    lease_ends_on: string | null;
    area_m2: number | null;
  }>(
    `select o.id as occupancy_id, e.id as enterprise_id, e.name as enterprise_name, o.started_on::text, o.ended_on::text,
            sl.lease_ends_on::text, o.area_m2
       from occupancies o join enterprises e on e.id = o.enterprise_id left join space_leases sl on sl.occupancy_id = o.id
      where o.unit_id = $1 order by o.started_on desc nulls last, o.id desc`,
    [unitId],
  );
}

/** Most units passing the hard rules that ranking considers (the cheapest first). */
export const PASSING_MAX = 1000;

/**
 * Site search in SQL: vacant units in the need's area (districts, parks and their sub-parks) and
 * the caller's scope, each with a flag per hard rule — the same rules as domain/space/select.ts.
 * Returns the units that pass (the PASSING_MAX cheapest), the 50 nearest misses and the count per rule.
 */
export async function searchUnits(
  db: Db,
  q: Sql,
  scope: string | null,
  need: TSiteNeed,
  rule: TUpstairsRule | null,
  today: string,
): Promise<{ passing: UnitRow[]; misses: UnitRow[]; counts: Record<string, number>; considered: number }> {
  const where = [`t.status = 'vacant'`];
  if (scope) where.push(scope);
  if (need.regionCodes?.length) where.push(`t.region_code = any(${q.p(need.regionCodes)}::text[])`);
  if (need.parkIds?.length) {
    const ids = q.p(need.parkIds);
    where.push(
      `(t.park_id = any(${ids}::int[]) or t.park_id in (select id from parks where parent_id = any(${ids}::int[])))`,
    );
  }
  const by = q.p(need.availableBy ?? today);
  const flags: [string, string][] = [
    [
      'availableBy',
      `(coalesce(t.available_from, '0000-01-01') > ${by}::text or coalesce(t.available_until, '9999-12-31') < ${by}::text)`,
    ],
  ];
  const num = (v: number) => `${q.p(v)}::float8`;
  if (need.floorLoadKnM2 !== undefined)
    flags.push(['floorLoadKnM2', `coalesce(t.floor_load_kn_m2, 0) < ${num(need.floorLoadKnM2)}`]);
  if (need.clearHeightM !== undefined)
    flags.push(['clearHeightM', `coalesce(t.clear_height_m, 0) < ${num(need.clearHeightM)}`]);
  if (need.maxFloor !== undefined) flags.push(['maxFloor', `t.floor_no > ${num(need.maxFloor)}`]);
  if (need.elevatorT !== undefined)
    flags.push(['elevatorT', `(not t.truck_access and coalesce(t.elevator_t, 0) < ${num(need.elevatorT)})`]);
  if (need.elevatorCarWidthM !== undefined)
    flags.push([
      'elevatorCarWidthM',
      `(not t.truck_access and coalesce(t.elevator_car_width_m, 0) < ${num(need.elevatorCarWidthM)})`,
    ]);
  if (need.elevatorCarDepthM !== undefined)
    flags.push([
      'elevatorCarDepthM',
      `(not t.truck_access and coalesce(t.elevator_car_depth_m, 0) < ${num(need.elevatorCarDepthM)})`,
    ]);
  if (need.exhaust) flags.push(['exhaust', 'not t.exhaust']);
  if (need.waterDrainage) flags.push(['waterDrainage', 'not t.water_drainage']);
  if (need.cleanRoomIso !== undefined)
    flags.push(['cleanRoomIso', `(t.clean_room_iso is null or t.clean_room_iso > ${num(need.cleanRoomIso)})`]);
  if (need.hazardous) flags.push(['hazardous', 'not t.hazardous_allowed']);
  if (need.budgetYuanM2Month !== undefined)
    flags.push(['budgetYuanM2Month', `coalesce(t.asking_rent_yuan_m2_month, 0) > ${num(need.budgetYuanM2Month)}`]);
  if (need.areaMaxM2 !== undefined) flags.push(['areaMaxM2', `coalesce(t.area_m2, 0) > ${num(need.areaMaxM2)}`]);
  if (rule) {
    if (rule.maxFloor !== null) flags.push(['upstairs.maxFloor', `t.floor_no > ${num(rule.maxFloor)}`]);
    flags.push(['upstairs.floorLoad', `coalesce(t.floor_load_kn_m2, 0) < ${num(rule.minFloorLoadKnM2)}`]);
    if (rule.maxVibrationUmS !== null)
      flags.push(['upstairs.vibration', `coalesce(t.vibration_um_s, 0) > ${num(rule.maxVibrationUmS)}`]);
    if (rule.minElevatorT > 0)
      flags.push([
        'upstairs.elevator',
        `(not t.truck_access and coalesce(t.elevator_t, 0) < ${num(rule.minElevatorT)})`,
      ]);
  }
  const fails = flags.map(([, c]) => `(${c})::int`).join(' + ');
  const flagCols = flags.map(([, c], i) => `(${c})::int as f${i}`).join(', ');
  const counts = flags.map(([k], i) => `'${k}', sum(f${i})`).join(', ');
  // One pass over the vacant units of space_unit_search (0031: the effective values of UNIT_SELECT
  // in one narrow table, kept current by triggers), then the full rows of the chosen
  // ≤ PASSING_MAX + 50 by primary key. Plain rows, not JSON: the counts ride on every row (a left
  // join keeps them when no unit is left).
  const rows = await db.query<UnitRow & { fails: number | null; counts: Record<string, number>; considered: number }>(
    `with c as materialized (
       select t.unit_id, t.asking_rent_yuan_m2_month as rent, (${fails}) as fails, ${flagCols}
         from space_unit_search t where ${where.join(' and ')}
     ), agg as (
       select jsonb_build_object(${counts}) as counts, count(*)::int as considered from c
     ), pick as materialized (
       (select unit_id, fails from c where fails = 0 order by rent nulls last, unit_id limit ${PASSING_MAX})
       union all
       (select unit_id, fails from c where fails > 0 order by fails, unit_id limit 50)
     )
     select x.*, agg.counts, agg.considered from agg left join lateral (
       select t.*, pk.fails from (${UNIT_SELECT} where u.id = any(array(select unit_id from pick))) t
         join pick pk on pk.unit_id = t.unit_id
        order by pk.fails, t.asking_rent_yuan_m2_month nulls last, t.unit_id) x on true`,
    q.params,
  );
  const first = rows[0];
  const units = rows.filter((r) => r.fails !== null);
  return {
    passing: units.filter((r) => r.fails === 0),
    misses: units.filter((r) => (r.fails ?? 0) > 0),
    counts: first?.counts ?? {},
    considered: first?.considered ?? 0,
  };
}

/**
 * Chain tenants and named neighbours around the candidate buildings, by building and by park (only
 * the chain's firms and the named neighbours are joined; a building or park without any is absent: 0).
 */
export async function chainContext(
  db: Db,
  buildingIds: number[],
  parkIds: number[],
  chainCode: string | null,
  neighbours: number[],
) {
  const rows = await db.query<{ level: string; id: number; chain: number; neighbours: number }>(
    `with cur as (
       select o.enterprise_id, b.id as building_id, b.park_id, e.chain_code
         from occupancies o join units u on u.id = o.unit_id join floors f on f.id = u.floor_id
         join buildings b on b.id = f.building_id join enterprises e on e.id = o.enterprise_id
        where (o.ended_on is null or o.ended_on >= current_date)
          and (e.chain_code = $3 or e.id = any($4::int[]))
          and (b.id = any($1::int[]) or b.park_id = any($2::int[])))
     select 'building' as level, building_id as id,
            count(distinct enterprise_id) filter (where chain_code = $3)::int as chain,
            count(distinct enterprise_id) filter (where enterprise_id = any($4::int[]))::int as neighbours
       from cur where building_id = any($1::int[]) group by building_id
     union all
     select 'park', park_id, count(distinct enterprise_id) filter (where chain_code = $3)::int,
            count(distinct enterprise_id) filter (where enterprise_id = any($4::int[]))::int
       from cur where park_id = any($2::int[]) group by park_id`,
    [buildingIds, parkIds, chainCode, neighbours],
  );
  return rows;
}

/**
 * Every building's and park's count of the chain's current tenants (distinct firms), for the whole
 * city: what chainContext gives for the chain, before narrowing to the candidates (cached by
 * chain-presence.ts, keyed on the tables' change counters).
 */
export async function chainPresence(db: Db, chainCode: string) {
  return db.query<{ level: 'building' | 'park'; id: number; n: number }>(
    `with cur as (
       select distinct o.enterprise_id, f.building_id
         from enterprises e join occupancies o on o.enterprise_id = e.id
         join units u on u.id = o.unit_id join floors f on f.id = u.floor_id
        where e.chain_code = $1 and (o.ended_on is null or o.ended_on >= current_date))
     select 'building' as level, building_id as id, count(*)::int as n from cur group by building_id
     union all
     select 'park', b.park_id, count(distinct cur.enterprise_id)::int from cur join buildings b on b.id = cur.building_id
      group by b.park_id`,
    [chainCode],
  );
}

/** Where an enterprise sits: its current building's (or park's) coordinates. */
export async function enterpriseLocation(db: Db, enterpriseId: number) {
  const [row] = await db.query<{ name: string; lat: number | null; lng: number | null }>(
    `select e.name, coalesce(b.lat, p.lat) as lat, coalesce(b.lng, p.lng) as lng
       from enterprises e
       left join occupancies o on o.enterprise_id = e.id and (o.ended_on is null or o.ended_on >= current_date)
       left join units u on u.id = o.unit_id left join floors f on f.id = u.floor_id
       left join buildings b on b.id = f.building_id left join parks p on p.id = b.park_id
      where e.id = $1 order by o.started_on desc nulls last limit 1`,
    [enterpriseId],
  );
  return row;
}
