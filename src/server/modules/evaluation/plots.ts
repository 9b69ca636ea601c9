/**
 * Plots (地块) of parks, for park renewal: a plot belongs to one park, has an outline or a point, an area
 * in mu, a land use, the holder of its land-use right and the buildings standing on it. Recorded, changed
 * (at the version read) and removed by those the 'land-plots' policy lets write its park (the city, the
 * park's district, the park's operator), each change audited through the one audit writer in its transaction.
 */

import type { FieldProblem } from '../../../contracts/errors.js';
import type { TLandPlotInput, TLandPlotPatch } from '../../../contracts/evaluation.js';
import type { Db } from '../../../db/connect.js';
import { AppError, forbidden, notFound } from '../../lib/errors.js';
import { Sql } from '../../lib/sql.js';
import { type AuditCtx, writeAudit } from '../../platform/audit.js';
import { readScope, writeScope } from '../../platform/policy/index.js';
import type { Actor } from '../auth/actor.js';
import * as repo from './repository.js';

type FieldError = FieldProblem;

/** Every reference and shape problem of a plot at once (a form needs all of them). */
export async function checkPlot(db: Db, input: TLandPlotInput, selfId?: number): Promise<FieldError[]> {
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
  const [dup] = await db.query('select id from land_plots where park_id = $1 and code = $2 and id <> $3', [
    input.parkId,
    input.code,
    selfId ?? -1,
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
  await assertPlotParkWritable(db, input.parkId, actor);
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
    await setBuildings(tx, id, input.buildingIds);
    await writeAudit(tx, audit, { entity: 'land_plots', entityId: id, action: 'create', new: { ...input } });
    return (await plotById(tx, id)) as ReturnType<typeof presentPlot>;
  });
}

/**
 * Whether the actor may write plots of this park (the 'land-plots' write scope): an unknown park is a 422
 * naming `parkId`, a park outside the scope 403. No actor: the system (demo loader, CLI).
 */
export async function parkWritable(
  db: Db,
  parkId: number,
  actor: Actor | undefined,
): Promise<'ok' | 'forbidden' | 'missing'> {
  const [exists] = await db.query('select id from parks where id = $1', [parkId]);
  if (!exists) return 'missing';
  if (!actor) return 'ok';
  const q = new Sql();
  const cond = writeScope(actor, 'land-plots', q);
  if (cond === false) return 'forbidden';
  const [ok] = await db.query(
    `select t.park_id from (select id as park_id from parks where id = ${q.p(parkId)}) t where ${cond ?? 'true'}`,
    q.params,
  );
  return ok ? 'ok' : 'forbidden';
}

async function assertPlotParkWritable(db: Db, parkId: number, actor: Actor | undefined) {
  const w = await parkWritable(db, parkId, actor);
  if (w === 'missing')
    throw new AppError(422, 'validation_failed', [
      { path: ['parkId'], code: 'evaluation.unknown_reference', message: { zh: '园区不存在', en: 'No such park' } },
    ]);
  if (w === 'forbidden') throw forbidden();
}

/** A plot with its buildings as the API answers it; undefined when there is none. */
export async function plotById(db: Db, id: number) {
  const [row] = await db.query<repo.PlotRow>(`${repo.PLOT_SELECT} where lp.id = $1`, [id]);
  if (!row) return undefined;
  const b = await db.query<{ building_id: number }>(
    'select building_id from land_plot_buildings where plot_id = $1 order by building_id',
    [id],
  );
  return presentPlot(
    row,
    b.map((x) => x.building_id),
  );
}

/** The plot if the actor may read it (its park in the read scope), else 404: its existence is not told. */
async function readablePlot(db: Db, id: number, actor: Actor | undefined) {
  const q = new Sql();
  const scope = actor ? readScope(actor, 'land-plots', q) : null;
  const [seen] = await db.query(
    `select t.id from (select id, park_id from land_plots where id = ${q.p(id)}) t where ${scope ?? 'true'}`,
    q.params,
  );
  const plot = seen ? await plotById(db, id) : undefined;
  if (!plot) throw notFound();
  return plot;
}

/** A point is a pair (checkPlot names a plot with neither outline nor point). */
const pairProblems = (v: { lat?: number | null; lng?: number | null }): FieldError[] =>
  (v.lat == null) !== (v.lng == null)
    ? [
        {
          path: [v.lat == null ? 'lat' : 'lng'],
          code: 'evaluation.coordinate_pair',
          message: { zh: '经度和纬度须同时填写', en: 'Give both longitude and latitude' },
        },
      ]
    : [];

/** A plot's fields as the change log keeps them. */
type AuditedFields = Omit<TLandPlotInput, 'sourceId'>;

/** The input a plot was recorded with (what a change is merged onto). */
const inputOf = (p: NonNullable<Awaited<ReturnType<typeof plotById>>>): TLandPlotInput => ({
  parkId: p.parkId,
  code: p.code,
  name: p.name,
  nameEn: p.nameEn,
  areaMu: p.areaMu,
  landUse: p.landUse,
  ownerEnterpriseId: p.ownerEnterpriseId,
  ownerName: p.ownerEnterpriseId === null ? p.ownerName : null,
  outline: p.outline,
  lat: p.lat,
  lng: p.lng,
  locationApproximate: p.locationApproximate,
  buildingIds: p.buildingIds,
  sourceId: 'user',
  synthetic: p.synthetic,
});

/**
 * Changes a plot at the version read: the fields sent are merged onto the plot and checked as a new plot
 * is (all problems at once); a stale version is 409 with the plot as it is now. Buildings sent replace the
 * plot's (a building moves from any plot it stood on). Audited with the fields before and after.
 */
export async function updatePlot(db: Db, id: number, patch: TLandPlotPatch, actor: Actor | undefined, audit: AuditCtx) {
  const before = await readablePlot(db, id, actor);
  await assertPlotParkWritable(db, before.parkId, actor);
  if (before.version !== patch.version) throw new AppError(409, 'stale_version', [], { current: before });
  const { version, ...changes } = patch;
  const merged: TLandPlotInput = { ...inputOf(before), ...changes } as TLandPlotInput;
  // A holder named in place of a firm (or a firm in place of a name) replaces the other.
  if (changes.ownerEnterpriseId != null && changes.ownerName === undefined) merged.ownerName = null;
  if (changes.ownerName != null && changes.ownerEnterpriseId === undefined) merged.ownerEnterpriseId = null;
  const problems = [...pairProblems(merged), ...(await checkPlot(db, merged, id))];
  if (problems.length > 0) throw new AppError(422, 'validation_failed', problems);
  return db.tx(async (tx) => {
    const [r] = await tx.query<{ id: number }>(
      `update land_plots set code = $2, name = $3, name_en = $4, area_mu = $5, land_use = $6, owner_enterprise_id = $7,
         owner_name = $8, outline = $9::jsonb, lat = $10, lng = $11, location_approximate = $12,
         version = version + 1, updated_at = now()
       where id = $1 and version = $13 returning id`,
      [
        id,
        merged.code,
        merged.name,
        merged.nameEn ?? null,
        merged.areaMu,
        merged.landUse,
        merged.ownerEnterpriseId ?? null,
        merged.ownerName ?? null,
        merged.outline ? JSON.stringify(merged.outline) : null,
        merged.lat ?? null,
        merged.lng ?? null,
        merged.locationApproximate,
        version,
      ],
    );
    if (!r) throw new AppError(409, 'stale_version', [], { current: await plotById(tx, id) });
    if (changes.buildingIds !== undefined) await setBuildings(tx, id, changes.buildingIds);
    const after = (await plotById(tx, id)) as NonNullable<Awaited<ReturnType<typeof plotById>>>;
    // the fields the change touched, as they were and as they are (a plot's recorded fields, typed for the log)
    const was = inputOf(before);
    const now = inputOf(after);
    const changed = (Object.keys(changes) as (keyof AuditedFields)[]).filter(
      (k) => JSON.stringify(was[k]) !== JSON.stringify(now[k]),
    );
    const pick = (v: AuditedFields): Partial<AuditedFields> =>
      Object.fromEntries(changed.map((k) => [k, v[k]])) as Partial<AuditedFields>;
    await writeAudit(tx, audit, {
      entity: 'land_plots',
      entityId: id,
      action: 'update',
      old: pick(was),
      new: pick(now),
    });
    return after;
  });
}

/** The buildings standing on a plot, replaced (each moves from any plot it stood on before). */
export async function setBuildings(tx: Db, plotId: number, buildingIds: readonly number[]) {
  const ids = [...new Set(buildingIds)];
  await tx.query('delete from land_plot_buildings where plot_id = $1 and not (building_id = any($2::int[]))', [
    plotId,
    ids,
  ]);
  if (ids.length > 0)
    await tx.query(
      `insert into land_plot_buildings (building_id, plot_id) select b, $2 from unnest($1::int[]) b
       on conflict (building_id) do update set plot_id = excluded.plot_id`,
      [ids, plotId],
    );
}

/**
 * Removes a plot from the register (a parcel merged into another, or recorded by mistake): its buildings
 * no longer stand on a plot; the change log keeps the plot as it was. A version sent must be the current.
 */
export async function deletePlot(
  db: Db,
  id: number,
  version: number | undefined,
  actor: Actor | undefined,
  audit: AuditCtx,
) {
  const before = await readablePlot(db, id, actor);
  await assertPlotParkWritable(db, before.parkId, actor);
  if (version !== undefined && before.version !== version)
    throw new AppError(409, 'stale_version', [], { current: before });
  await db.tx(async (tx) => {
    const [r] = await tx.query('delete from land_plots where id = $1 and version = $2 returning id', [
      id,
      before.version,
    ]);
    if (!r) throw new AppError(409, 'stale_version', [], { current: await plotById(tx, id) });
    const { sourceId: _s, ...old }: TLandPlotInput = inputOf(before);
    await writeAudit(tx, audit, { entity: 'land_plots', entityId: id, action: 'delete', old });
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
    version: p.version,
  };
}
