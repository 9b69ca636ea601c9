/** All SQL of the consolidation module. */
import type { Db } from '../../../db/connect.js';
import type { Sql } from '../../lib/sql.js';

export interface HubRow {
  id: number;
  name: string;
  name_en: string | null;
  station: string;
  source: string | null;
  synthetic: boolean;
  organisation_id: number | null;
  member: boolean;
}

/**
 * Whether user $n operates hub h: a hub_operator of the hub's organisation, or a user the city made
 * an operator of it (consolidation_hub_members).
 */
const operates = (
  n: number,
) => `(exists (select 1 from consolidation_hub_members m where m.hub_id = h.id and m.user_id = $${n})
  or exists (select 1 from users u where u.id = $${n} and u.role = 'hub_operator' and u.organisation_id = h.organisation_id))`;

export async function hubs(db: Db, userId: number): Promise<HubRow[]> {
  return db.query<HubRow & Record<string, unknown>>(
    `select h.id, h.name, h.name_en, h.station, h.source, h.synthetic, h.organisation_id, ${operates(1)} as member
       from consolidation_hubs h order by h.id`,
    [userId],
  );
}

export async function hub(db: Db, id: number, userId: number): Promise<HubRow | undefined> {
  const rows = await db.query<HubRow & Record<string, unknown>>(
    `select h.id, h.name, h.name_en, h.station, h.source, h.synthetic, h.organisation_id, ${operates(2)} as member
       from consolidation_hubs h where h.id = $1`,
    [id, userId],
  );
  return rows[0];
}

export const ORDER_COLUMNS = `t.id, t.hub_id, t.code, t.shipper_enterprise_id, t.shipper_name, t.goods, t.hs_chapter,
  t.cargo_class, t.dg_class, t.pieces, t.volume_m3, t.weight_kg, t.piece_l_m, t.piece_w_m, t.piece_h_m, t.stackable,
  t.destination, t.destination_country, t.ready_on::text as ready_on, t.splittable, t.declared_value_fen, t.status,
  t.lock_departure_id, t.lock_container, t.lock_type, t.synthetic, t.version`;

export interface OrderRow extends Record<string, unknown> {
  id: number;
  hub_id: number;
  code: string;
  shipper_enterprise_id: number | null;
  shipper_name: string;
  goods: string;
  hs_chapter: string | null;
  cargo_class: string;
  dg_class: string | null;
  pieces: number;
  volume_m3: number;
  weight_kg: number;
  piece_l_m: number | null;
  piece_w_m: number | null;
  piece_h_m: number | null;
  stackable: boolean;
  destination: string;
  destination_country: string;
  ready_on: string;
  splittable: boolean;
  declared_value_fen: number | null;
  status: 'open' | 'booked' | 'shipped' | 'cancelled';
  lock_departure_id: number | null;
  lock_container: string | null;
  lock_type: string | null;
  synthetic: boolean;
  version: number;
}

/** Orders of a hub within a read scope (SQL on t, from the policy), oldest first. */
export async function orders(db: Db, hubId: number, q: Sql, scope: string | null): Promise<OrderRow[]> {
  const hubP = q.p(hubId);
  return db.query<OrderRow>(
    `select ${ORDER_COLUMNS} from consolidation_orders t
      where t.hub_id = ${hubP} and (${scope ?? 'true'}) order by t.ready_on, t.id`,
    q.params,
  );
}

export async function order(db: Db, id: number): Promise<OrderRow | undefined> {
  return (await db.query<OrderRow>(`select ${ORDER_COLUMNS} from consolidation_orders t where t.id = $1`, [id]))[0];
}

/**
 * An order's twenty columns from code to synthetic, in the order insertOrder and updateOrder list
 * them (one mapping for both: a field added to one cannot be forgotten in the other).
 */
function orderValues(v: Record<string, unknown>): unknown[] {
  const dims = v.pieceDims as { l: number; w: number; h: number } | null | undefined;
  return [
    v.code,
    v.shipperEnterpriseId ?? null,
    v.shipperName,
    v.goods,
    v.hsChapter ?? null,
    v.cargoClass,
    v.dgClass ?? null,
    v.pieces,
    v.volumeM3,
    v.weightKg,
    dims?.l ?? null,
    dims?.w ?? null,
    dims?.h ?? null,
    v.stackable ?? true,
    v.destination,
    v.destinationCountry,
    v.readyOn,
    v.splittable ?? false,
    v.declaredValueFen ?? null,
    v.synthetic ?? false,
  ];
}

export async function insertOrder(db: Db, hubId: number, v: Record<string, unknown>): Promise<number> {
  const rows = await db.query<{ id: number }>(
    `insert into consolidation_orders (hub_id, code, shipper_enterprise_id, shipper_name, goods, hs_chapter, cargo_class,
       dg_class, pieces, volume_m3, weight_kg, piece_l_m, piece_w_m, piece_h_m, stackable, destination,
       destination_country, ready_on, splittable, declared_value_fen, synthetic)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21) returning id`,
    [hubId, ...orderValues(v)],
  );
  return rows[0]!.id;
}

export async function orderCodeTaken(db: Db, hubId: number, code: string, exceptId = -1): Promise<boolean> {
  return (
    (
      await db.query('select 1 from consolidation_orders where hub_id = $1 and code = $2 and id <> $3', [
        hubId,
        code,
        exceptId,
      ])
    ).length > 0
  );
}

export async function setOrderBooked(
  db: Db,
  id: number,
  lock: { departureId: number; container: string; type: string },
): Promise<void> {
  await db.query(
    `update consolidation_orders set status = 'booked', lock_departure_id = $2, lock_container = $3, lock_type = $4,
       version = version + 1 where id = $1`,
    [id, lock.departureId, lock.container, lock.type],
  );
}

export interface DepartureRow extends Record<string, unknown> {
  id: number;
  hub_id: number;
  code: string;
  route: string;
  destinations: string[];
  depart_on: string;
  cutoff_on: string;
  containers: { type: string; count: number; priceFen: number }[];
  payload_cap_kg: number | null;
  usable_volume_factor: number;
  synthetic: boolean;
  status: 'scheduled' | 'cancelled';
  version: number;
}

const DEPARTURE_COLUMNS = `id, hub_id, code, route, destinations, depart_on::text as depart_on, cutoff_on::text as cutoff_on,
  containers, payload_cap_kg, usable_volume_factor, synthetic, status, version`;

/** A hub's departures, cancelled ones included (planning skips them). */
export async function departures(db: Db, hubId: number): Promise<DepartureRow[]> {
  return db.query<DepartureRow>(
    `select ${DEPARTURE_COLUMNS} from consolidation_departures where hub_id = $1 order by depart_on, id`,
    [hubId],
  );
}

export async function departure(db: Db, id: number): Promise<DepartureRow | undefined> {
  return (
    await db.query<DepartureRow>(`select ${DEPARTURE_COLUMNS} from consolidation_departures where id = $1 for update`, [
      id,
    ])
  )[0];
}

export async function updateDeparture(db: Db, id: number, v: Record<string, unknown>): Promise<void> {
  await db.query(
    `update consolidation_departures set code = $2, route = $3, destinations = $4, depart_on = $5, cutoff_on = $6,
       containers = $7::jsonb, payload_cap_kg = $8, usable_volume_factor = $9, synthetic = $10, version = version + 1
     where id = $1`,
    [
      id,
      v.code,
      v.route,
      v.destinations,
      v.departOn,
      v.cutoffOn,
      JSON.stringify(v.containers),
      v.payloadCapKg ?? null,
      v.usableVolumeFactor ?? 0.88,
      v.synthetic ?? false,
    ],
  );
}

export async function cancelDeparture(db: Db, id: number): Promise<void> {
  await db.query("update consolidation_departures set status = 'cancelled', version = version + 1 where id = $1", [id]);
}

/** Booked orders locked on a departure. */
export async function lockedOn(db: Db, departureId: number): Promise<OrderRow[]> {
  return db.query<OrderRow>(
    `select ${ORDER_COLUMNS} from consolidation_orders t where t.lock_departure_id = $1 and t.status = 'booked' order by t.id`,
    [departureId],
  );
}

/** Back to open: no lock, planned again by the next run. */
export async function releaseOrder(db: Db, id: number): Promise<void> {
  await db.query(
    `update consolidation_orders set status = 'open', lock_departure_id = null, lock_container = null, lock_type = null,
       version = version + 1 where id = $1`,
    [id],
  );
}

export async function cancelOrder(db: Db, id: number): Promise<void> {
  await db.query(
    `update consolidation_orders set status = 'cancelled', lock_departure_id = null, lock_container = null,
       lock_type = null, version = version + 1 where id = $1`,
    [id],
  );
}

export async function updateOrder(db: Db, id: number, v: Record<string, unknown>): Promise<void> {
  await db.query(
    `update consolidation_orders set code = $2, shipper_enterprise_id = $3, shipper_name = $4, goods = $5, hs_chapter = $6,
       cargo_class = $7, dg_class = $8, pieces = $9, volume_m3 = $10, weight_kg = $11, piece_l_m = $12, piece_w_m = $13,
       piece_h_m = $14, stackable = $15, destination = $16, destination_country = $17, ready_on = $18, splittable = $19,
       declared_value_fen = $20, synthetic = $21, version = version + 1
     where id = $1`,
    [id, ...orderValues(v)],
  );
}

export async function insertDeparture(db: Db, hubId: number, v: Record<string, unknown>): Promise<number> {
  const rows = await db.query<{ id: number }>(
    `insert into consolidation_departures (hub_id, code, route, destinations, depart_on, cutoff_on, containers,
       payload_cap_kg, usable_volume_factor, synthetic)
     values ($1,$2,$3,$4,$5,$6,$7::jsonb,$8,$9,$10) returning id`,
    [
      hubId,
      v.code,
      v.route,
      v.destinations,
      v.departOn,
      v.cutoffOn,
      JSON.stringify(v.containers),
      v.payloadCapKg ?? null,
      v.usableVolumeFactor ?? 0.88,
      v.synthetic ?? false,
    ],
  );
  return rows[0]!.id;
}

export async function departureCodeTaken(db: Db, hubId: number, code: string, exceptId = -1): Promise<boolean> {
  return (
    (
      await db.query('select 1 from consolidation_departures where hub_id = $1 and code = $2 and id <> $3', [
        hubId,
        code,
        exceptId,
      ])
    ).length > 0
  );
}

export interface TariffRow extends Record<string, unknown> {
  id: number;
  route: string;
  divisor_kg_per_m3: number;
  min_chargeable_m3: number;
  synthetic: boolean;
}

export async function tariffs(db: Db, hubId: number): Promise<TariffRow[]> {
  return db.query<TariffRow>(
    'select id, route, divisor_kg_per_m3, min_chargeable_m3, synthetic from consolidation_tariffs where hub_id = $1 order by route',
    [hubId],
  );
}

export async function upsertTariff(
  db: Db,
  hubId: number,
  v: Record<string, unknown>,
): Promise<{ id: number; old: TariffRow | undefined }> {
  const old = (
    await db.query<TariffRow>(
      'select id, route, divisor_kg_per_m3, min_chargeable_m3, synthetic from consolidation_tariffs where hub_id = $1 and route = $2',
      [hubId, v.route],
    )
  )[0];
  const rows = await db.query<{ id: number }>(
    `insert into consolidation_tariffs (hub_id, route, divisor_kg_per_m3, min_chargeable_m3, synthetic)
     values ($1,$2,$3,$4,$5)
     on conflict (hub_id, route) do update set divisor_kg_per_m3 = excluded.divisor_kg_per_m3,
       min_chargeable_m3 = excluded.min_chargeable_m3, synthetic = excluded.synthetic,
       version = consolidation_tariffs.version + 1
     returning id`,
    [hubId, v.route, v.divisorKgPerM3, v.minChargeableM3 ?? 1, v.synthetic ?? false],
  );
  return { id: rows[0]!.id, old };
}

export interface PlanRow extends Record<string, unknown> {
  id: number;
  hub_id: number;
  plan: unknown;
  containers: number;
  lower_bound: number;
  gap: number;
  cost_fen: number;
  waiting_days: number;
  unplaced: number;
  checker_problems: number;
  created_at: Date;
}

export async function latestPlan(db: Db, hubId: number): Promise<PlanRow | undefined> {
  return (
    await db.query<PlanRow>(
      `select id, hub_id, plan, containers, lower_bound, gap, cost_fen, waiting_days, unplaced, checker_problems, created_at
         from consolidation_plans where hub_id = $1 order by id desc limit 1`,
      [hubId],
    )
  )[0];
}

export async function insertPlan(
  db: Db,
  hubId: number,
  v: Omit<PlanRow, 'id' | 'hub_id' | 'created_at'>,
  by: number | null,
): Promise<number> {
  const rows = await db.query<{ id: number }>(
    `insert into consolidation_plans (hub_id, plan, containers, lower_bound, gap, cost_fen, waiting_days, unplaced,
       checker_problems, created_by)
     values ($1,$2::jsonb,$3,$4,$5,$6,$7,$8,$9,$10) returning id`,
    [
      hubId,
      JSON.stringify(v.plan),
      v.containers,
      v.lower_bound,
      v.gap,
      v.cost_fen,
      v.waiting_days,
      v.unplaced,
      v.checker_problems,
      by,
    ],
  );
  return rows[0]!.id;
}
