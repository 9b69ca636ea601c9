/**
 * A project's space need: the search launched from an investment project (its area, floor load,
 * chain and landing park), and the shortlist of units kept on the project.
 */

import { fieldProblem } from '../../../contracts/errors.js';
import type { TSiteNeed } from '../../../contracts/space.js';
import type { Db } from '../../../db/connect.js';
import { AppError } from '../../lib/errors.js';
import type { Ctx } from '../../lib/resource.js';
import { writeAudit } from '../../platform/audit.js';
import { loadProject, loadWritable } from '../invest/repository.js';

/** The project's need: area from its area (up to 1.5 ×), its floor load and chain; overrides win. */
export async function needOfProject(
  db: Db,
  projectId: number,
  overrides: Partial<TSiteNeed>,
  ctx: Ctx,
): Promise<TSiteNeed> {
  const p = await loadProject(db, projectId, ctx);
  const area = overrides.areaMinM2 ?? p.areaM2;
  if (area === null || area === undefined || area <= 0)
    throw new AppError(422, 'validation_failed', [fieldProblem(['areaM2'], 'space.project_no_area')]);
  const need: TSiteNeed = {
    areaMinM2: area,
    areaMaxM2: overrides.areaMaxM2 ?? Math.round(area * 1.5),
    limit: overrides.limit ?? 20,
    ...(p.floorLoadKnM2 !== null && p.floorLoadKnM2 > 0 ? { floorLoadKnM2: Math.min(100, p.floorLoadKnM2) } : {}),
    ...(p.chainCode ? { chainCode: p.chainCode as TSiteNeed['chainCode'] } : {}),
    ...overrides,
  } as TSiteNeed;
  return need;
}

export async function addToShortlist(db: Db, projectId: number, unitIds: number[], note: string | undefined, ctx: Ctx) {
  await db.tx(async (tx) => {
    await loadWritable(tx, projectId, ctx);
    const known = await tx.query<{ id: number }>('select id from units where id = any($1::int[])', [unitIds]);
    const missing = unitIds.flatMap((id, i) =>
      known.some((k) => k.id === id) ? [] : [fieldProblem(['unitIds', i], 'reference_not_found')],
    );
    if (missing.length > 0) throw new AppError(422, 'validation_failed', missing);
    const added = await tx.query<{ unit_id: number }>(
      `insert into space_shortlists (project_id, unit_id, note, created_by)
       select $1, u, $3, $4 from unnest($2::int[]) as u on conflict do nothing returning unit_id`,
      [projectId, unitIds, note ?? null, ctx.actor?.username ?? 'system'],
    );
    await writeAudit(
      tx,
      ctx,
      added.map((a) => ({
        entity: 'space_shortlists',
        entityId: `${projectId}:${a.unit_id}`,
        action: 'create' as const,
        new: { projectId, unitId: a.unit_id, note },
      })),
    );
  });
}

export async function removeFromShortlist(db: Db, projectId: number, unitId: number, ctx: Ctx) {
  await db.tx(async (tx) => {
    await loadWritable(tx, projectId, ctx);
    const gone = await tx.query<{ unit_id: number }>(
      'delete from space_shortlists where project_id = $1 and unit_id = $2 returning unit_id',
      [projectId, unitId],
    );
    if (gone.length === 0) throw new AppError(404, 'not_found');
    await writeAudit(tx, ctx, {
      entity: 'space_shortlists',
      entityId: `${projectId}:${unitId}`,
      action: 'delete',
      old: { projectId, unitId },
    });
  });
}

export async function shortlistOf(db: Db, projectId: number, ctx: Ctx) {
  await loadProject(db, projectId, ctx);
  const rows = await db.query<{
    unit_id: number;
    unit_code: string;
    building_name: string;
    park_name: string;
    floor_no: number;
    area_m2: number | null;
    note: string | null;
    created_by: string | null;
    created_at: Date | string;
  }>(
    `select u.id as unit_id, u.code as unit_code, b.name as building_name, p.name as park_name, f.floor_no, u.area_m2,
            s.note, s.created_by, s.created_at
       from space_shortlists s join units u on u.id = s.unit_id join floors f on f.id = u.floor_id
       join buildings b on b.id = f.building_id join parks p on p.id = b.park_id
      where s.project_id = $1 order by s.created_at, u.id`,
    [projectId],
  );
  return rows.map((r) => ({
    unitId: r.unit_id,
    unitCode: r.unit_code,
    buildingName: r.building_name,
    parkName: r.park_name,
    floorNo: r.floor_no,
    areaM2: r.area_m2,
    note: r.note,
    createdBy: r.created_by,
    createdAt: r.created_at instanceof Date ? r.created_at.toISOString() : String(r.created_at),
  }));
}
