/**
 * Keeping vacancy current: a unit's listing (availability, asking rent, subsidy), its specs and its
 * status; a lease's end and rent. Each change is one transaction with its audit rows, allowed only
 * on units in the caller's write scope (park operators: their parks).
 */

import { fieldProblem } from '../../../contracts/errors.js';
import type { TListingInput } from '../../../contracts/space.js';
import type { Db } from '../../../db/connect.js';
import { AppError, forbidden, notFound } from '../../lib/errors.js';
import type { Ctx } from '../../lib/resource.js';
import { Sql } from '../../lib/sql.js';
import { writeAudit } from '../../platform/audit.js';
import { readScope, writeScope } from '../../platform/policy/index.js';
import { UNIT_SELECT } from './repository.js';

/** 404 when the caller cannot read the unit, 403 when it reads but may not change it. */
async function assertWritable(tx: Db, resource: 'space-listings' | 'space-leases', unitId: number, ctx: Ctx) {
  const a = ctx.actor;
  if (!a) return;
  const q = new Sql();
  const read = readScope(a, resource, q);
  const write = writeScope(a, resource, q);
  const [row] = await tx.query<{ can: boolean }>(
    `select (${write === false ? 'false' : (write ?? 'true')}) as can from (${UNIT_SELECT}) t
      where t.unit_id = ${q.p(unitId)}${read ? ` and ${read}` : ''}`,
    q.params,
  );
  if (!row) throw notFound();
  if (!row.can) throw forbidden();
}

const snakeSpec: Record<string, string> = {
  seq: 'seq',
  floorLoadKnM2: 'floor_load_kn_m2',
  clearHeightM: 'clear_height_m',
  powerKva: 'power_kva',
  exhaust: 'exhaust',
  waterDrainage: 'water_drainage',
  cleanRoomIso: 'clean_room_iso',
  vibrationUmS: 'vibration_um_s',
  hazardousAllowed: 'hazardous_allowed',
};

export async function saveListing(db: Db, unitId: number, input: TListingInput, ctx: Ctx): Promise<void> {
  if (input.availableFrom && input.availableUntil && input.availableUntil < input.availableFrom)
    throw new AppError(422, 'validation_failed', [fieldProblem(['availableUntil'], 'date_order')]);
  await db.tx(async (tx) => {
    await assertWritable(tx, 'space-listings', unitId, ctx);
    const [before] = await tx.query<Record<string, unknown>>(
      `select u.status, l.available_from::text, l.available_until::text, l.asking_rent_yuan_m2_month::float8,
              l.subsidy_pct::float8, l.subsidy_note, to_jsonb(s) - 'updated_at' as spec
         from units u left join space_listings l on l.unit_id = u.id left join space_unit_specs s on s.unit_id = u.id
        where u.id = $1`,
      [unitId],
    );
    const listed =
      input.availableFrom !== undefined ||
      input.availableUntil !== undefined ||
      input.askingRentYuanM2Month !== undefined ||
      input.subsidyPct !== undefined ||
      input.subsidyNote !== undefined;
    if (listed)
      await tx.query(
        `insert into space_listings (unit_id, available_from, available_until, asking_rent_yuan_m2_month, subsidy_pct, subsidy_note)
         values ($1, $2, $3, $4, $5, $6)
         on conflict (unit_id) do update set
           available_from = case when $7 then excluded.available_from else space_listings.available_from end,
           available_until = case when $8 then excluded.available_until else space_listings.available_until end,
           asking_rent_yuan_m2_month = case when $9 then excluded.asking_rent_yuan_m2_month else space_listings.asking_rent_yuan_m2_month end,
           subsidy_pct = case when $10 then excluded.subsidy_pct else space_listings.subsidy_pct end,
           subsidy_note = case when $11 then excluded.subsidy_note else space_listings.subsidy_note end,
           version = space_listings.version + 1, updated_at = now()`,
        [
          unitId,
          input.availableFrom ?? null,
          input.availableUntil ?? null,
          input.askingRentYuanM2Month ?? null,
          input.subsidyPct ?? null,
          input.subsidyNote ?? null,
          input.availableFrom !== undefined,
          input.availableUntil !== undefined,
          input.askingRentYuanM2Month !== undefined,
          input.subsidyPct !== undefined,
          input.subsidyNote !== undefined,
        ],
      );
    if (input.spec && Object.keys(input.spec).length > 0) {
      const entries = Object.entries(input.spec).filter(([, v]) => v !== undefined);
      const cols = entries.map(([k]) => snakeSpec[k]!);
      const vals = entries.map(([, v]) => v);
      await tx.query(
        `insert into space_unit_specs (unit_id, seq${cols.map((c) => `, ${c}`).join('')})
         values ($1, coalesce($2::int, $1)${cols.map((_, i) => `, $${i + 3}`).join('')})
         on conflict (unit_id) do update set ${[...cols.map((c) => `${c} = excluded.${c}`), 'updated_at = now()'].join(', ')}`,
        [unitId, input.spec.seq ?? null, ...vals],
      );
    }
    if (input.status)
      await tx.query('update units set status = $2, version = version + 1, updated_at = now() where id = $1', [
        unitId,
        input.status,
      ]);
    await writeAudit(tx, ctx, {
      entity: 'space_listings',
      entityId: unitId,
      action: before?.available_from === undefined && !before?.spec ? 'create' : 'update',
      old: before ?? null,
      new: { ...input },
    });
  });
}

export async function saveLease(
  db: Db,
  occupancyId: number,
  input: { leaseEndsOn: string | null; rentYuanM2Month?: number | null | undefined },
  ctx: Ctx,
): Promise<void> {
  await db.tx(async (tx) => {
    const [occ] = await tx.query<{ unit_id: number; started_on: string | null }>(
      'select unit_id, started_on::text from occupancies where id = $1',
      [occupancyId],
    );
    if (!occ) throw notFound();
    await assertWritable(tx, 'space-leases', occ.unit_id, ctx);
    if (input.leaseEndsOn && occ.started_on && input.leaseEndsOn < occ.started_on)
      throw new AppError(422, 'validation_failed', [fieldProblem(['leaseEndsOn'], 'date_order')]);
    const [before] = await tx.query<Record<string, unknown>>(
      'select lease_ends_on::text, rent_yuan_m2_month::float8 from space_leases where occupancy_id = $1',
      [occupancyId],
    );
    await tx.query(
      `insert into space_leases (occupancy_id, lease_ends_on, rent_yuan_m2_month) values ($1, $2, $3)
       on conflict (occupancy_id) do update set lease_ends_on = excluded.lease_ends_on,
         rent_yuan_m2_month = case when $4 then excluded.rent_yuan_m2_month else space_leases.rent_yuan_m2_month end,
         updated_at = now()`,
      [occupancyId, input.leaseEndsOn, input.rentYuanM2Month ?? null, input.rentYuanM2Month !== undefined],
    );
    await writeAudit(tx, ctx, {
      entity: 'space_leases',
      entityId: occupancyId,
      action: before ? 'update' : 'create',
      old: before ?? null,
      new: { ...input },
    });
  });
}
