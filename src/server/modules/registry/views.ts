/** Composite registry views: a building's floor directory and an enterprise's locations. */
import type { TBuildingDirectory } from '../../../contracts/registry.js';
import type { Db } from '../../../db/connect.js';
import { type Ctx, getResource } from '../../lib/resource.js';
import { present } from '../../lib/sql.js';
import { buildings, enterprises } from './specs.js';

/** Floors top to bottom, each with its units and their current tenants (楼层索引). */
export async function buildingDirectory(db: Db, buildingId: number, ctx?: Ctx): Promise<TBuildingDirectory> {
  const building = (await getResource(db, buildings, buildingId, ctx)) as TBuildingDirectory['building'];
  const floorRows = await db.query('select * from floors where building_id = $1 order by floor_no desc', [buildingId]);
  const unitRows = await db.query(
    `select u.* from units u join floors f on f.id = u.floor_id where f.building_id = $1 order by u.code`,
    [buildingId],
  );
  const tenantRows = await db.query<{ unit_id: number } & Record<string, unknown>>(
    `select o.unit_id, e.id as enterprise_id, e.name, e.chain_code, e.chain_stage, e.industry_class_code,
            ic.name as industry_class_name, o.area_m2, e.synthetic
       from occupancies o join units u on u.id = o.unit_id join floors f on f.id = u.floor_id
       join enterprises e on e.id = o.enterprise_id left join industry_classes ic on ic.code = e.industry_class_code
      where f.building_id = $1 and (o.ended_on is null or o.ended_on >= current_date)
      order by e.name`,
    [buildingId],
  );
  const tenantsByUnit = new Map<number, Record<string, unknown>[]>();
  for (const { unit_id, ...t } of tenantRows) {
    const list = tenantsByUnit.get(unit_id) ?? [];
    list.push(present(t));
    tenantsByUnit.set(unit_id, list);
  }
  const unitsByFloor = new Map<number, Record<string, unknown>[]>();
  for (const u of unitRows) {
    const list = unitsByFloor.get(u.floor_id as number) ?? [];
    list.push({ ...present<Record<string, unknown>>(u), tenants: tenantsByUnit.get(u.id as number) ?? [] });
    unitsByFloor.set(u.floor_id as number, list);
  }
  const floors = floorRows.map((f) => ({
    ...present<Record<string, unknown>>(f),
    units: unitsByFloor.get(f.id as number) ?? [],
  }));
  return { building, floors } as TBuildingDirectory;
}

export async function enterpriseLocations(db: Db, enterpriseId: number, ctx?: Ctx) {
  await getResource(db, enterprises, enterpriseId, ctx);
  const rows = await db.query(
    `select o.id as occupancy_id, p.id as park_id, p.name as park_name, b.id as building_id, b.name as building_name,
            f.floor_no, u.id as unit_id, u.code as unit_code, o.area_m2, o.started_on, o.ended_on,
            o.source_id, o.as_of, o.synthetic
       from occupancies o join units u on u.id = o.unit_id join floors f on f.id = u.floor_id
       join buildings b on b.id = f.building_id join parks p on p.id = b.park_id
      where o.enterprise_id = $1 order by o.ended_on nulls first, o.started_on desc`,
    [enterpriseId],
  );
  return rows.map((r) => present(r));
}
