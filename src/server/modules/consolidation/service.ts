/**
 * Use cases of the consolidation module. Each write runs in one transaction with its change_log
 * rows (writeAudit); callers pass a Db, the caller's access and an audit context, so routes,
 * jobs, tests and the demo seeder share them.
 */
import type { TDepartureInput, THubInput, TOrder, TOrderInput } from '../../../contracts/consolidation.js';
import { type FieldProblem, fieldProblem } from '../../../contracts/errors.js';
import type { Db } from '../../../db/connect.js';
import { STANDARD_CONTAINERS } from '../../../domain/consolidation/containers.js';
import type { RouteTariff } from '../../../domain/consolidation/cost.js';
import { DEFAULT_COMPATIBILITY } from '../../../domain/consolidation/rules.js';
import type { Departure, Order, PlanInput } from '../../../domain/consolidation/types.js';
import { AppError, invalid } from '../../lib/errors.js';
import { Sql } from '../../lib/sql.js';
import { type AuditCtx, writeAudit } from '../../platform/audit.js';
import { readScope, redact } from '../../platform/policy/index.js';
import { assertOperate, type HubAccess } from './policy.js';
import * as repo from './repository.js';

export const ORDERS = 'consolidation_orders';

export function presentOrder(r: repo.OrderRow, x: HubAccess): TOrder {
  const o: TOrder & { viewerMember?: boolean } = {
    id: r.id,
    hubId: r.hub_id,
    code: r.code,
    shipperEnterpriseId: r.shipper_enterprise_id,
    shipperName: r.shipper_name,
    goods: r.goods,
    hsChapter: r.hs_chapter,
    cargoClass: r.cargo_class,
    dgClass: r.dg_class,
    pieces: r.pieces,
    volumeM3: r.volume_m3,
    weightKg: r.weight_kg,
    pieceDims:
      r.piece_l_m !== null && r.piece_w_m !== null && r.piece_h_m !== null
        ? { l: r.piece_l_m, w: r.piece_w_m, h: r.piece_h_m }
        : null,
    stackable: r.stackable,
    destination: r.destination,
    destinationCountry: r.destination_country,
    readyOn: r.ready_on,
    splittable: r.splittable,
    declaredValueFen: r.declared_value_fen,
    status: r.status,
    lock:
      r.lock_departure_id !== null && r.lock_container !== null && r.lock_type !== null
        ? { departureId: r.lock_departure_id, container: r.lock_container, type: r.lock_type }
        : null,
    synthetic: r.synthetic,
    version: r.version,
    viewerMember: x.readAll,
  };
  const out = redact(x.actor, ORDERS, o);
  delete out.viewerMember;
  return out;
}

/** Adds a hub (city administrators). */
export async function createHub(db: Db, input: THubInput, ctx: AuditCtx): Promise<number> {
  return db.tx(async (tx) => {
    const problems = [];
    if ((await tx.query('select 1 from consolidation_hubs where name = $1', [input.name])).length > 0)
      problems.push(fieldProblem(['name'], 'consolidation.code_taken'));
    if (input.parkId != null && (await tx.query('select 1 from parks where id = $1', [input.parkId])).length === 0)
      problems.push(fieldProblem(['parkId'], 'consolidation.unknown_park'));
    if (
      input.organisationId != null &&
      (await tx.query("select 1 from organisations where id = $1 and kind = 'logistics_hub'", [input.organisationId]))
        .length === 0
    )
      problems.push(fieldProblem(['organisationId'], 'consolidation.not_hub_organisation'));
    if (problems.length) throw invalid(problems);
    const [h] = await tx.query<{ id: number }>(
      `insert into consolidation_hubs (name, name_en, park_id, organisation_id, station, source, synthetic)
       values ($1, $2, $3, $4, $5, $6, $7) returning id`,
      [
        input.name,
        input.nameEn ?? null,
        input.parkId ?? null,
        input.organisationId ?? null,
        input.station,
        input.source ?? null,
        input.synthetic ?? false,
      ],
    );
    await writeAudit(tx, ctx, { entity: 'consolidation_hubs', entityId: h!.id, action: 'create', new: { ...input } });
    return h!.id;
  });
}

/**
 * Makes a user an operator of the hub (city administrators). Only a hub operator account (role
 * hub_operator, enabled) of the hub's own organisation qualifies: anyone else — an enterprise user, a
 * park operator, another hub's operator — is refused by name, so membership cannot hand a hub's
 * orders, prices and plans to an account of another kind or another organisation.
 */
export async function addMember(
  db: Db,
  hub: { id: number; organisation_id: number | null },
  userId: number,
  ctx: AuditCtx,
): Promise<void> {
  const hubId = hub.id;
  await db.tx(async (tx) => {
    const [u] = await tx.query<{ role: string; organisation_id: number; disabled: boolean }>(
      'select role, organisation_id, disabled from users where id = $1',
      [userId],
    );
    if (!u) throw invalid([fieldProblem(['userId'], 'consolidation.unknown_user')]);
    if (
      u.role !== 'hub_operator' ||
      u.disabled ||
      hub.organisation_id === null ||
      u.organisation_id !== hub.organisation_id
    )
      throw invalid([fieldProblem(['userId'], 'consolidation.not_hub_operator')]);
    const added = await tx.query(
      'insert into consolidation_hub_members (hub_id, user_id) values ($1, $2) on conflict do nothing returning hub_id',
      [hubId, userId],
    );
    if (added.length === 0) throw invalid([fieldProblem(['userId'], 'consolidation.already_member')]);
    await writeAudit(tx, ctx, {
      entity: 'consolidation_hub_members',
      entityId: `${hubId}:${userId}`,
      action: 'create',
      new: { hubId, userId },
    });
  });
}

/** The orders the caller may read at this hub. */
export async function listOrders(db: Db, x: HubAccess): Promise<repo.OrderRow[]> {
  const q = new Sql();
  const scope = x.actor ? readScope(x.actor, ORDERS, q) : null;
  return repo.orders(db, x.hub.id, q, scope);
}

/**
 * What the schema cannot check, as problems with paths from the order: a code unique at the hub, a
 * shipper that exists, a dangerous-goods class for dangerous cargo. The one set of checks for the
 * order form (create, edit) and every row of the import.
 */
export async function orderProblems(db: Db, x: HubAccess, input: TOrderInput, exceptId = -1): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  if (await repo.orderCodeTaken(db, x.hub.id, input.code, exceptId))
    problems.push(fieldProblem(['code'], 'consolidation.code_taken'));
  if (input.shipperEnterpriseId != null) {
    const e = await db.query('select 1 from enterprises where id = $1', [input.shipperEnterpriseId]);
    if (e.length === 0) problems.push(fieldProblem(['shipperEnterpriseId'], 'consolidation.unknown_shipper'));
  }
  if (input.cargoClass === 'dangerous' && !input.dgClass)
    problems.push(fieldProblem(['dgClass'], 'consolidation.dg_class_required'));
  return problems;
}

/** The form's check: 422 with every problem of `orderProblems`. */
export async function checkOrder(db: Db, x: HubAccess, input: TOrderInput, exceptId = -1): Promise<void> {
  const problems = await orderProblems(db, x, input, exceptId);
  if (problems.length > 0) throw invalid(problems);
}

/**
 * Adds an order. Hub operators add any shipper's; a shipper (enterprise user) adds its own —
 * the shipper is then always its enterprise, whatever the body says.
 */
export async function createOrder(db: Db, x: HubAccess, input: TOrderInput, ctx: AuditCtx): Promise<number> {
  const own = x.shipperEnterpriseId;
  if (!x.operate && own === null) throw new AppError(403, 'forbidden');
  const body = own !== null && !x.operate ? { ...input, shipperEnterpriseId: own } : input;
  return db.tx(async (tx) => {
    await checkOrder(tx, x, body);
    const id = await repo.insertOrder(tx, x.hub.id, body as Record<string, unknown>);
    await writeAudit(tx, ctx, { entity: ORDERS, entityId: id, action: 'create', new: { hubId: x.hub.id, ...body } });
    return id;
  });
}

export async function createDeparture(db: Db, x: HubAccess, input: TDepartureInput, ctx: AuditCtx): Promise<number> {
  assertOperate(x);
  return db.tx(async (tx) => {
    if (await repo.departureCodeTaken(tx, x.hub.id, input.code))
      throw invalid([fieldProblem(['code'], 'consolidation.code_taken')]);
    const id = await repo.insertDeparture(tx, x.hub.id, input as Record<string, unknown>);
    await writeAudit(tx, ctx, {
      entity: 'consolidation_departures',
      entityId: id,
      action: 'create',
      new: { hubId: x.hub.id, ...input },
    });
    return id;
  });
}

export async function saveTariff(
  db: Db,
  x: HubAccess,
  input: { route: string; divisorKgPerM3: number; minChargeableM3?: number; synthetic?: boolean },
  ctx: AuditCtx,
): Promise<number> {
  assertOperate(x);
  return db.tx(async (tx) => {
    const { id, old } = await repo.upsertTariff(tx, x.hub.id, input);
    await writeAudit(tx, ctx, {
      entity: 'consolidation_tariffs',
      entityId: id,
      action: old ? 'update' : 'create',
      old: old ? { ...old } : null,
      new: { hubId: x.hub.id, ...input },
    });
    return id;
  });
}

export function toDomainDeparture(d: repo.DepartureRow): Departure {
  return {
    id: String(d.id),
    route: d.route,
    destinations: d.destinations,
    date: d.depart_on,
    cutoff: d.cutoff_on,
    containers: d.containers.map((c) => ({ type: c.type, count: c.count, priceFen: c.priceFen })),
    payloadCapKg: d.payload_cap_kg ?? undefined,
    usableVolumeFactor: d.usable_volume_factor,
  };
}

export function toDomainOrder(o: repo.OrderRow | (TOrderInput & { id: number })): Order {
  if ('hub_id' in o) {
    const r = o as repo.OrderRow;
    return {
      id: String(r.id),
      shipper: r.shipper_name,
      cargoClass: r.cargo_class,
      dgClass: r.dg_class,
      pieces: r.pieces,
      volumeM3: r.volume_m3,
      weightKg: r.weight_kg,
      pieceDims:
        r.piece_l_m !== null && r.piece_w_m !== null && r.piece_h_m !== null
          ? { l: r.piece_l_m, w: r.piece_w_m, h: r.piece_h_m }
          : null,
      stackable: r.stackable,
      destination: r.destination,
      readyDate: r.ready_on,
      splittable: r.splittable,
      lock:
        r.lock_departure_id !== null && r.lock_container !== null && r.lock_type !== null
          ? { departureId: String(r.lock_departure_id), containerId: r.lock_container, type: r.lock_type }
          : null,
    };
  }
  const i = o as TOrderInput & { id: number };
  return {
    id: String(i.id),
    shipper: i.shipperName,
    cargoClass: i.cargoClass,
    dgClass: i.dgClass ?? null,
    pieces: i.pieces,
    volumeM3: i.volumeM3,
    weightKg: i.weightKg,
    pieceDims: i.pieceDims ?? null,
    stackable: i.stackable ?? true,
    destination: i.destination,
    readyDate: i.readyOn,
    splittable: i.splittable ?? false,
  };
}

/** Everything the planner needs for a hub, from the database (open and booked orders). */
export async function planInputOf(db: Db, hubId: number): Promise<{ input: PlanInput; tariffs: RouteTariff[] }> {
  const deps = (await repo.departures(db, hubId)).filter((d) => d.status !== 'cancelled');
  const q = new Sql();
  const rows = (await repo.orders(db, hubId, q, null)).filter((o) => o.status === 'open' || o.status === 'booked');
  const tariffs = (await repo.tariffs(db, hubId)).map((t) => ({
    route: t.route,
    divisorKgPerM3: t.divisor_kg_per_m3,
    minChargeableM3: t.min_chargeable_m3,
  }));
  return {
    input: {
      containerTypes: STANDARD_CONTAINERS,
      departures: deps.map(toDomainDeparture),
      orders: rows.map(toDomainOrder),
      compatibility: DEFAULT_COMPATIBILITY,
    },
    tariffs,
  };
}
