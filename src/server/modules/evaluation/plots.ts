/**
 * Plots (地块) of parks, for park renewal: a plot belongs to one park, has an outline or a point, an area
 * in mu, a land use, the holder of its land-use right and the buildings standing on it. Recorded by the
 * city or the park's district, audited through the one audit writer.
 */

import type { FieldProblem } from '../../../contracts/errors.js';
import type { TLandPlotInput } from '../../../contracts/evaluation.js';
import type { Db } from '../../../db/connect.js';
import { AppError } from '../../lib/errors.js';
import { type AuditCtx, writeAudit } from '../../platform/audit.js';
import type { Actor } from '../auth/actor.js';
import { assertParkWritable } from './renewal.js';
import * as repo from './repository.js';

type FieldError = FieldProblem;

/** Every reference and shape problem of a plot at once (a form needs all of them). */
async function checkPlot(db: Db, input: TLandPlotInput): Promise<FieldError[]> {
  const out: FieldError[] = [];
  if (!input.outline && (input.lat == null || input.lng == null))
    out.push({
      path: ['outline'],
      code: 'evaluation.plot_place',
      message: { zh: '地块须有边界或坐标点', en: 'A plot needs an outline or a point' },
    });
  if (input.ownerEnterpriseId != null) {
    const [e] = await db.query('select id from enterprises where id = $1', [input.ownerEnterpriseId]);
    if (!e)
      out.push({
        path: ['ownerEnterpriseId'],
        code: 'evaluation.unknown_reference',
        message: { zh: '权利人企业不存在', en: 'No such firm as the holder' },
      });
  }
  if (input.buildingIds.length > 0) {
    const ids = [...new Set(input.buildingIds)];
    const rows = await db.query<{ id: number }>('select id from buildings where id = any($1::int[]) and park_id = $2', [
      ids,
      input.parkId,
    ]);
    const have = new Set(rows.map((r) => r.id));
    ids.forEach((id, i) => {
      if (!have.has(id))
        out.push({
          path: ['buildingIds', String(i)],
          code: 'evaluation.unknown_reference',
          message: { zh: '楼栋不存在或不属于该园区', en: 'No such building in this park' },
        });
    });
  }
  const [dup] = await db.query('select id from land_plots where park_id = $1 and code = $2', [
    input.parkId,
    input.code,
  ]);
  if (dup)
    out.push({
      path: ['code'],
      code: 'evaluation.duplicate_code',
      message: { zh: '该园区已有此地块编号', en: 'The park already has a plot with this code' },
    });
  return out;
}

/** Records a plot and the buildings on it (a building moves from any plot it stood on before). */
export async function createPlot(db: Db, input: TLandPlotInput, actor: Actor | undefined, audit: AuditCtx) {
  await assertParkWritable(db, input.parkId, actor);
  const problems = await checkPlot(db, input);
  if (problems.length > 0) throw new AppError(422, 'validation_failed', problems);
  return db.tx(async (tx) => {
    const [r] = await tx.query<{ id: number }>(
      `insert into land_plots (park_id, code, name, name_en, area_mu, land_use, owner_enterprise_id, owner_name, outline,
         lat, lng, location_approximate, source_id, synthetic)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12, $13, $14) returning id`,
      [
        input.parkId,
        input.code,
        input.name,
        input.nameEn ?? null,
        input.areaMu,
        input.landUse,
        input.ownerEnterpriseId ?? null,
        input.ownerName ?? null,
        input.outline ? JSON.stringify(input.outline) : null,
        input.lat ?? null,
        input.lng ?? null,
        input.locationApproximate,
        input.sourceId,
        input.synthetic,
      ],
    );
    const id = (r as { id: number }).id;
    if (input.buildingIds.length > 0)
      await tx.query(
        `insert into land_plot_buildings (building_id, plot_id) select b, $2 from unnest($1::int[]) b
         on conflict (building_id) do update set plot_id = excluded.plot_id`,
        [[...new Set(input.buildingIds)], id],
      );
    await writeAudit(tx, audit, { entity: 'land_plots', entityId: id, action: 'create', new: { ...input } });
    const [row] = await tx.query<repo.PlotRow>(`${repo.PLOT_SELECT} where lp.id = $1`, [id]);
    return presentPlot(row as repo.PlotRow, [...new Set(input.buildingIds)]);
  });
}

export function presentPlot(p: repo.PlotRow, buildingIds: number[]) {
  return {
    id: p.id,
    parkId: p.park_id,
    code: p.code,
    name: p.name,
    nameEn: p.name_en,
    areaMu: Number(p.area_mu),
    landUse: p.land_use as TLandPlotInput['landUse'],
    ownerEnterpriseId: p.owner_enterprise_id,
    ownerName: p.owner_name,
    outline: p.outline,
    lat: p.lat,
    lng: p.lng,
    locationApproximate: p.location_approximate,
    synthetic: p.synthetic,
    buildingIds,
  };
}
