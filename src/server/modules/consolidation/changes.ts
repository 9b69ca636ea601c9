/**
 * Changing and cancelling orders and departures, with the rules that keep booked orders honest:
 *   - a booked order (locked in its container) keeps what placed it there: goods and papers may change,
 *     its size, weight, class, destination, ready date or shipper may not (cancel the booking first);
 *   - cancelling a booked order gives up its place, so it needs `confirmBooked`: never silently;
 *   - a departure with booked orders locked on it keeps the dates, destinations, limits and container
 *     slots they were placed under; cancelling it needs `releaseBooked`, and those orders go back to
 *     open, to be planned again by the next run.
 * Each change runs in one transaction with its change_log rows; a stale version is refused (409).
 */
import type { TDepartureUpdate, TOrderInput, TOrderUpdate } from '../../../contracts/consolidation.js';
import { type FieldProblem, fieldProblem } from '../../../contracts/errors.js';
import type { Db } from '../../../db/connect.js';
import { AppError, invalid, notFound } from '../../lib/errors.js';
import { type AuditCtx, writeAudit } from '../../platform/audit.js';
import { assertOperate, type HubAccess } from './policy.js';
import * as repo from './repository.js';
import { checkOrder, ORDERS } from './service.js';

const DEPARTURES = 'consolidation_departures';
const stale = () => new AppError(409, 'stale_version');
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** Loads an order of this hub the caller may change: its operators, or the shipper for its own. */
async function changeableOrder(tx: Db, x: HubAccess, orderId: number): Promise<repo.OrderRow> {
  const o = await repo.order(tx, orderId);
  if (!o || o.hub_id !== x.hub.id) throw notFound();
  const own = x.shipperEnterpriseId !== null && o.shipper_enterprise_id === x.shipperEnterpriseId;
  if (!x.operate && !own) throw new AppError(403, 'forbidden');
  return o;
}

/** The fields of a booked order that placed it in its container, and whether the input changes each. */
function placementChanges(o: repo.OrderRow, v: TOrderInput): string[] {
  const dims = v.pieceDims ?? null;
  const changed: [string, boolean][] = [
    ['shipperEnterpriseId', (v.shipperEnterpriseId ?? null) !== o.shipper_enterprise_id],
    ['cargoClass', v.cargoClass !== o.cargo_class],
    ['dgClass', (v.dgClass ?? null) !== o.dg_class],
    ['pieces', v.pieces !== o.pieces],
    ['volumeM3', v.volumeM3 !== Number(o.volume_m3)],
    ['weightKg', v.weightKg !== Number(o.weight_kg)],
    [
      'pieceDims',
      (dims?.l ?? null) !== num(o.piece_l_m) ||
        (dims?.w ?? null) !== num(o.piece_w_m) ||
        (dims?.h ?? null) !== num(o.piece_h_m),
    ],
    ['stackable', (v.stackable ?? true) !== o.stackable],
    ['destination', v.destination !== o.destination],
    ['readyOn', v.readyOn !== o.ready_on],
    ['splittable', (v.splittable ?? false) !== o.splittable],
  ];
  return changed.filter(([, c]) => c).map(([k]) => k);
}

export async function updateOrder(db: Db, x: HubAccess, orderId: number, input: TOrderUpdate, ctx: AuditCtx) {
  return db.tx(async (tx) => {
    const o = await changeableOrder(tx, x, orderId);
    if (o.version !== input.version) throw stale();
    if (o.status !== 'open' && o.status !== 'booked')
      throw invalid([fieldProblem(['orderId'], 'consolidation.not_open')]);
    const { version: _v, ...fields } = input;
    // a shipper stays the shipper of its own orders
    const body: TOrderInput = x.operate ? fields : { ...fields, shipperEnterpriseId: x.shipperEnterpriseId };
    await checkOrder(tx, x, body, o.id);
    if (o.status === 'booked') {
      const moved = placementChanges(o, body);
      if (moved.length) throw invalid(moved.map((k) => fieldProblem([k], 'consolidation.booked_order_field')));
    }
    await repo.updateOrder(tx, o.id, body as Record<string, unknown>);
    await writeAudit(tx, ctx, { entity: ORDERS, entityId: o.id, action: 'update', old: { ...o }, new: { ...body } });
  });
}

export async function cancelOrder(
  db: Db,
  x: HubAccess,
  orderId: number,
  input: { version: number; confirmBooked?: boolean },
  ctx: AuditCtx,
) {
  return db.tx(async (tx) => {
    const o = await changeableOrder(tx, x, orderId);
    if (o.version !== input.version) throw stale();
    if (o.status !== 'open' && o.status !== 'booked')
      throw invalid([fieldProblem(['orderId'], 'consolidation.not_open')]);
    if (o.status === 'booked' && input.confirmBooked !== true)
      throw invalid([fieldProblem(['confirmBooked'], 'consolidation.cancel_booked_confirm')]);
    await repo.cancelOrder(tx, o.id);
    await writeAudit(tx, ctx, {
      entity: ORDERS,
      entityId: o.id,
      action: 'update',
      old: {
        status: o.status,
        lock: o.lock_departure_id === null ? null : { departureId: o.lock_departure_id, container: o.lock_container },
      },
      new: { status: 'cancelled', lock: null },
    });
  });
}

/** Loads a departure of this hub for a change (operators only); refuses a stale version or a cancelled one. */
async function changeableDeparture(tx: Db, x: HubAccess, id: number, version: number): Promise<repo.DepartureRow> {
  assertOperate(x);
  const d = await repo.departure(tx, id);
  if (!d || d.hub_id !== x.hub.id) throw notFound();
  if (d.version !== version) throw stale();
  if (d.status === 'cancelled') throw invalid([fieldProblem(['departureId'], 'consolidation.departure_cancelled')]);
  return d;
}

/** What booked orders locked on the departure rely on, and the fields of the input that take it away. */
function bookedConflicts(d: repo.DepartureRow, v: TDepartureUpdate, locked: repo.OrderRow[]): FieldProblem[] {
  const p = (k: string) => fieldProblem([k], 'consolidation.departure_field_booked');
  const out: FieldProblem[] = [];
  if (v.route !== d.route) out.push(p('route'));
  if (v.departOn !== d.depart_on) out.push(p('departOn'));
  if (v.cutoffOn !== d.cutoff_on) out.push(p('cutoffOn'));
  if (locked.some((o) => !v.destinations.includes(o.destination))) out.push(p('destinations'));
  if ((v.payloadCapKg ?? null) !== num(d.payload_cap_kg)) out.push(p('payloadCapKg'));
  if ((v.usableVolumeFactor ?? 0.88) !== Number(d.usable_volume_factor)) out.push(p('usableVolumeFactor'));
  // every locked container keeps a slot of its type
  const slots = new Map<string, Set<string>>();
  for (const o of locked) {
    if (o.lock_type && o.lock_container)
      slots.set(o.lock_type, (slots.get(o.lock_type) ?? new Set()).add(o.lock_container));
  }
  for (const [type, used] of slots) {
    const c = v.containers.find((k) => k.type === type);
    if (!c || c.count < used.size) {
      out.push(p('containers'));
      break;
    }
  }
  return out;
}

export async function updateDeparture(db: Db, x: HubAccess, id: number, input: TDepartureUpdate, ctx: AuditCtx) {
  return db.tx(async (tx) => {
    const d = await changeableDeparture(tx, x, id, input.version);
    const { version: _v, ...fields } = input;
    if (await repo.departureCodeTaken(tx, x.hub.id, fields.code, d.id))
      throw invalid([fieldProblem(['code'], 'consolidation.code_taken')]);
    const locked = await repo.lockedOn(tx, d.id);
    const conflicts = locked.length ? bookedConflicts(d, input, locked) : [];
    if (conflicts.length) throw invalid(conflicts);
    await repo.updateDeparture(tx, d.id, fields as Record<string, unknown>);
    await writeAudit(tx, ctx, {
      entity: DEPARTURES,
      entityId: d.id,
      action: 'update',
      old: { ...d },
      new: { ...fields },
    });
  });
}

export async function cancelDeparture(
  db: Db,
  x: HubAccess,
  id: number,
  input: { version: number; releaseBooked?: boolean },
  ctx: AuditCtx,
): Promise<{ id: number; code: string }[]> {
  return db.tx(async (tx) => {
    const d = await changeableDeparture(tx, x, id, input.version);
    const locked = await repo.lockedOn(tx, d.id);
    if (locked.length && input.releaseBooked !== true)
      throw invalid([fieldProblem(['releaseBooked'], 'consolidation.departure_has_booked')]);
    await repo.cancelDeparture(tx, d.id);
    for (const o of locked) await repo.releaseOrder(tx, o.id);
    await writeAudit(tx, ctx, [
      { entity: DEPARTURES, entityId: d.id, action: 'update', old: { status: d.status }, new: { status: 'cancelled' } },
      ...locked.map((o) => ({
        entity: ORDERS,
        entityId: o.id,
        action: 'update' as const,
        old: { status: o.status, lock: { departureId: d.id, container: o.lock_container } },
        new: { status: 'open', lock: null, releasedBy: `departure ${d.code} cancelled` },
      })),
    ]);
    return locked.map((o) => ({ id: o.id, code: o.code }));
  });
}
