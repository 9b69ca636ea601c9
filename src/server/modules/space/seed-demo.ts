/**
 * Space demo (data/space/demo.json): the 工业上楼 programme targets with their documents (Wuhan's
 * 2 million m², ¥20 bn and 200 firms by 2025; Dongxihu's 百园 and 2 million m³ as the article
 * writes it), the 天辉 and 北斗大厦 building specs, and listings and lease ends for the demo units —
 * rents and lease ends are synthetic and flagged so. Written through the module's use cases.
 */
import { join } from 'node:path';
import { ZPlanInput, ZTargetInput } from '../../../contracts/space.js';
import type { Db } from '../../../db/connect.js';
import { DATA_DIR, readJson } from '../../../db/reference.js';
import { rng } from '../../../domain/random.js';
import type { Ctx } from '../../lib/resource.js';
import { writeAudit } from '../../platform/audit.js';
import { saveLease, saveListing } from './listings.js';
import { createPlan, currentTenants } from './plans.js';
import { seedTargets } from './targets.js';

const FILE = join(DATA_DIR, 'space', 'demo.json');

interface Demo {
  targets: unknown[];
  buildings: {
    code: string;
    upstairs: boolean;
    completedOn: string | null;
    freightElevatorT: number | null;
    elevatorCarWidthM: number | null;
    elevatorCarDepthM: number | null;
    elevatorDoorHeightM: number | null;
    truckAccessFloors: number[];
    sourceId: string;
    synthetic: boolean;
  }[];
  listings: {
    sourceId: string;
    askingRentYuanM2MonthRange: [number, number];
    subsidyNote: string;
    leaseMonthsRange: [number, number];
  };
}

const addMonths = (iso: string, m: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + m);
  return d.toISOString().slice(0, 10);
};

export async function seedSpace(tx: Db): Promise<Record<string, number>> {
  const demo = readJson<Demo>(FILE);
  const ctx: Ctx = { via: 'demo' };
  await seedTargets(
    tx,
    demo.targets.map((t) => ZTargetInput.parse(t)),
    ctx,
  );
  for (const b of demo.buildings) {
    const [row] = await tx.query<{ id: number }>(
      `insert into space_building_specs (building_id, upstairs, completed_on, freight_elevator_t, elevator_car_width_m,
                                         elevator_car_depth_m, elevator_door_height_m, truck_access_floors, source_id, synthetic)
       select id, $2, $3, $4, $5, $6, $7, $8, $9, $10 from buildings where code = $1
       on conflict (building_id) do nothing returning building_id as id`,
      [
        b.code,
        b.upstairs,
        b.completedOn,
        b.freightElevatorT,
        b.elevatorCarWidthM,
        b.elevatorCarDepthM,
        b.elevatorDoorHeightM,
        b.truckAccessFloors,
        b.sourceId,
        b.synthetic,
      ],
    );
    if (row)
      await writeAudit(tx, ctx, { entity: 'space_building_specs', entityId: row.id, action: 'create', new: { ...b } });
  }
  // Adjacency: units in code order along their floor.
  await tx.query(
    `insert into space_unit_specs (unit_id, seq, synthetic)
     select u.id, row_number() over (partition by u.floor_id order by u.code)::int, true from units u
     on conflict (unit_id) do nothing`,
  );
  const rand = rng(13);
  const today = new Date().toISOString().slice(0, 10);
  const [lo, hi] = demo.listings.askingRentYuanM2MonthRange;
  const vacant = await tx.query<{ id: number }>(`select id from units where status = 'vacant' order by id`);
  for (const u of vacant)
    await saveListing(
      tx,
      u.id,
      {
        availableFrom: rand() < 0.8 ? today : addMonths(today, 1 + Math.floor(rand() * 4)),
        askingRentYuanM2Month: Math.round(lo + rand() * (hi - lo)),
        subsidyNote: demo.listings.subsidyNote,
      },
      ctx,
    );
  await tx.query(`update space_listings set synthetic = true, source_id = $1`, [demo.listings.sourceId]);
  const [mlo, mhi] = demo.listings.leaseMonthsRange;
  const occ = await tx.query<{ id: number }>(
    `select id from occupancies where ended_on is null or ended_on >= current_date order by id`,
  );
  for (const o of occ)
    await saveLease(
      tx,
      o.id,
      {
        leaseEndsOn: addMonths(today, mlo + Math.floor(rand() * (mhi - mlo))),
        rentYuanM2Month: Math.round(lo + rand() * (hi - lo)),
      },
      ctx,
    );
  await tx.query(`update space_leases set synthetic = true, source_id = 'synthetic'`);
  // A draft floor plan of 天辉's 24 storeys with its current tenants (greedy, so the demo loads fast).
  let plans = 0;
  const [tianhui] = await tx.query<{ id: number }>(`select id from buildings where code = 'tianhui-phase2'`);
  if (tianhui) {
    const { tenants, links } = await currentTenants(tx, tianhui.id);
    if (tenants.length > 0) {
      await createPlan(tx, tianhui.id, ZPlanInput.parse({ tenants, links, method: 'greedy' }), ctx);
      plans++;
    }
  }
  return {
    spaceTargets: demo.targets.length,
    spaceListings: vacant.length,
    spaceLeases: occ.length,
    spacePlans: plans,
  };
}

export async function clearSpace(tx: Db): Promise<void> {
  await tx.exec(
    'delete from space_shortlists; delete from space_floor_plans; delete from space_targets; delete from space_leases; delete from space_listings; delete from space_unit_specs; delete from space_building_specs',
  );
}
