/**
 * A land register (土地台账) as plots, from a spreadsheet (.xlsx or CSV through the shared reader
 * lib/spreadsheet.ts; headers in Chinese or English, the same as the plots export): park by name or code
 * (one the caller may write), plot code, name, area in 亩 or in m² (converted, 1 亩 = 10 000 / 15 m²), land use
 * by its label, the holder (a registered firm by name or credit code, else the name as written), the outline as
 * WKT or GeoJSON text or a longitude / latitude point. Every row is checked before anything is written; all
 * rows or none, each problem named by sheet, row, column and value in zh and en (lib/spreadsheet.ts
 * rejectRows). A row whose park already has its plot code changes that plot (a re-imported register).
 * Small enough to answer at once, like the other table imports (docking, consolidation, conferences).
 */
import ExcelJS from 'exceljs';
import { type FieldProblem, fieldProblem } from '../../../contracts/errors.js';
import { LAND_USE_LABELS, LAND_USES, type TLandPlotInput, ZLandPlotInput } from '../../../contracts/evaluation.js';
import type { Db } from '../../../db/connect.js';
import { parsePlace, toWkt } from '../../../domain/evaluation/outline.js';
import { parseBool, parseNumber } from '../../../domain/import/coerce.js';
import { forbidden, invalid, issueToProblem } from '../../lib/errors.js';
import { readSheet, rejectRows } from '../../lib/spreadsheet.js';
import { Sql } from '../../lib/sql.js';
import { type AuditCtx, writeAudit } from '../../platform/audit.js';
import { may, writeScope } from '../../platform/policy/index.js';
import type { Actor } from '../auth/actor.js';
import { Lookups } from '../import/resolve.js';

type Lang = 'zh' | 'en';
type LandUse = (typeof LAND_USES)[number];

export const PLOT_COLUMNS = [
  { key: 'park', zh: '园区', en: 'Park' },
  { key: 'code', zh: '地块编号', en: 'Plot code' },
  { key: 'name', zh: '地块', en: 'Plot' },
  { key: 'nameEn', zh: '英文名称', en: 'English name' },
  { key: 'areaMu', zh: '面积（亩）', en: 'Area (mu)' },
  { key: 'areaM2', zh: '面积（平方米）', en: 'Area (m²)' },
  { key: 'landUse', zh: '用途', en: 'Land use' },
  { key: 'holder', zh: '权利人', en: 'Holder' },
  { key: 'outline', zh: '边界', en: 'Outline' },
  { key: 'lng', zh: '经度', en: 'Longitude' },
  { key: 'lat', zh: '纬度', en: 'Latitude' },
  { key: 'approximate', zh: '位置近似', en: 'Approximate location' },
] as const;
type Key = (typeof PLOT_COLUMNS)[number]['key'];
const REQUIRED: Key[] = ['park', 'code', 'name', 'landUse'];

/** The most rows one file may hold. */
export const PLOT_IMPORT_MAX_ROWS = 5000;
/** Square metres in one mu (亩). */
export const M2_PER_MU = 10_000 / 15;
/** How far an area in mu and one in m² given together may differ before the row is refused. */
const AREA_TOLERANCE = 0.01;

const USE_ALIASES: Record<string, LandUse> = { 研发: 'rd', 科研: 'rd', 'r&d': 'rd', rd: 'rd', 商服: 'commercial' };

/** A land-use label (zh, en, the code, "工业用地" …) → its code. */
export function landUseOf(text: string): LandUse | undefined {
  const t = text.trim().toLowerCase().replace(/用地$/, '');
  if (USE_ALIASES[t]) return USE_ALIASES[t];
  return LAND_USES.find((u) => u === t || LAND_USE_LABELS[u].zh === t || LAND_USE_LABELS[u].en.toLowerCase() === t);
}

const oneOfUses = {
  zh: `应为 ${LAND_USES.map((u) => LAND_USE_LABELS[u].zh).join('、')} 之一`,
  en: `use one of ${LAND_USES.map((u) => LAND_USE_LABELS[u].en).join(', ')}`,
};
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

type ParkRef = { id: number; code: string; name: string; name_en: string | null; writable: boolean };

/** The parks a file names (by code, name or English name), each with whether the actor may write its plots. */
async function parksNamed(db: Db, actor: Actor | undefined, texts: string[]): Promise<ParkRef[]> {
  const q = new Sql();
  const cond = actor ? writeScope(actor, 'land-plots', q) : null;
  const uniq = [...new Set(texts.filter(Boolean))];
  return db.query<ParkRef>(
    `select t.id, t.code, t.name, t.name_en, ${cond === false ? 'false' : (cond ?? 'true')} as writable
       from (select id, id as park_id, code, name, name_en from parks
              where code = any(${q.p(uniq)}::text[]) or name = any(${q.p(uniq)}::text[])
                 or lower(name_en) = any(${q.p(uniq.map((u) => u.toLowerCase()))}::text[])) t`,
    q.params,
  );
}

/**
 * Reads and checks every row, then writes all plots in one transaction (or none): new codes are recorded,
 * codes the park already has are changed. One change_log row per plot, in the same transaction.
 */
export async function importPlots(
  db: Db,
  actor: Actor | undefined,
  bytes: Uint8Array,
  fileName: string,
  audit: AuditCtx,
): Promise<{ imported: number; updated: number }> {
  if (actor && !may(actor, 'evaluation.plots')) throw forbidden();
  const sheet = await readSheet<Key>(bytes, fileName, PLOT_COLUMNS, REQUIRED);
  if (sheet.rows.length === 0)
    throw invalid([fieldProblem(['file'], 'required', { zh: '没有数据行', en: 'no data rows' })]);
  if (sheet.rows.length > PLOT_IMPORT_MAX_ROWS)
    throw invalid([
      fieldProblem(['file'], 'too_big', {
        zh: `一次最多 ${PLOT_IMPORT_MAX_ROWS} 行`,
        en: `at most ${PLOT_IMPORT_MAX_ROWS} rows per file`,
      }),
    ]);
  const parks = await parksNamed(
    db,
    actor,
    sheet.rows.map((r) => r.cell('park')),
  );
  const holders = sheet.rows.map((r) => r.cell('holder')).filter(Boolean);
  const firms = new Lookups(db);
  await firms.loadEnterprises(
    holders.map((h) => h.toUpperCase()).filter((h) => CREDIT_CODE.test(h)),
    holders,
  );
  const problems: FieldProblem[] = [];
  const inputs: TLandPlotInput[] = [];
  const seen = new Set<string>();
  for (const { row, cell } of sheet.rows) {
    const at = (k: Key) => ['rows', row, k];
    const before = problems.length;
    const bad = (k: Key, m: { zh: string; en: string }, code: Parameters<typeof fieldProblem>[1] = 'invalid_value') =>
      problems.push(fieldProblem(at(k), code, m));
    const num = (k: Key): number | null => {
      const r = parseNumber(cell(k));
      if (r.ok) return r.value as number | null;
      bad(k, { zh: r.reason.zh, en: r.reason.en }, 'invalid_type');
      return null;
    };
    // park: by code, else by its name (two namesakes: ask for the code)
    const parkText = cell('park');
    const byCode = parks.filter((p) => p.code === parkText);
    const hits = byCode.length
      ? byCode
      : parks.filter((p) => p.name === parkText || p.name_en?.toLowerCase() === parkText.toLowerCase());
    const park = hits.length === 1 ? hits[0] : undefined;
    if (hits.length === 0)
      bad(
        'park',
        { zh: '园区不存在（填写园区名称或编码）', en: 'no such park (give its name or code)' },
        'evaluation.unknown_reference',
      );
    else if (hits.length > 1)
      bad('park', { zh: '有多个同名园区，请填写园区编码', en: 'several parks bear this name: give its code' });
    else if (!park?.writable)
      bad('park', { zh: '无权维护该园区的地块', en: 'you may not change the plots of this park' }, 'forbidden');
    const landUse = landUseOf(cell('landUse'));
    if (cell('landUse') !== '' && !landUse) bad('landUse', oneOfUses);
    // area: in mu, or in m² converted; both given must agree
    const mu = num('areaMu');
    const m2 = num('areaM2');
    let areaMu: number | undefined = mu ?? (m2 === null ? undefined : Math.round((m2 / M2_PER_MU) * 1e4) / 1e4);
    if (mu === null && m2 === null && cell('areaMu') === '' && cell('areaM2') === '') {
      bad('areaMu', { zh: '请填写面积（亩或平方米）', en: 'give the area (in mu or in m²)' }, 'required');
      areaMu = undefined;
    } else if (mu !== null && m2 !== null && Math.abs(m2 / M2_PER_MU - mu) > AREA_TOLERANCE * mu)
      bad('areaM2', {
        zh: `与面积（亩）不符：${mu} 亩 = ${Math.round(mu * M2_PER_MU)} 平方米`,
        en: `does not match the area in mu: ${mu} mu = ${Math.round(mu * M2_PER_MU)} m²`,
      });
    // place: an outline (WKT / GeoJSON), or a point in the outline column or the lng / lat columns
    let outline: [number, number][] | null = null;
    let lng = num('lng');
    let lat = num('lat');
    const place = parsePlace(cell('outline'));
    if (place?.kind === 'error') bad('outline', { zh: place.zh, en: place.en });
    else if (place?.kind === 'outline') outline = place.ring;
    else if (place?.kind === 'point') {
      lng = place.lng;
      lat = place.lat;
    }
    if ((cell('lng') === '') !== (cell('lat') === '') && place === null)
      bad(
        cell('lng') === '' ? 'lng' : 'lat',
        { zh: '经度和纬度须同时填写', en: 'give both longitude and latitude' },
        'required',
      );
    else if (!place && cell('lng') === '' && cell('lat') === '')
      bad(
        'outline',
        { zh: '地块须有边界或坐标点（经度、纬度）', en: 'a plot needs an outline or a point (longitude, latitude)' },
        'evaluation.plot_place',
      );
    const approx = parseBool(cell('approximate'));
    if (!approx.ok) bad('approximate', { zh: approx.reason.zh, en: approx.reason.en });
    // holder: a registered firm by credit code or exact name; a credit code nobody has is refused
    const holder = cell('holder');
    let ownerEnterpriseId: number | null = null;
    if (holder) {
      const asCode = holder.toUpperCase();
      ownerEnterpriseId = firms.enterprise(CREDIT_CODE.test(asCode) ? asCode : '', holder) ?? null;
      if (ownerEnterpriseId === null && CREDIT_CODE.test(asCode))
        bad(
          'holder',
          { zh: '没有此统一社会信用代码的企业', en: 'no firm has this credit code' },
          'evaluation.unknown_reference',
        );
    }
    const reported = new Set(problems.slice(before).map((p) => String(p.path[2])));
    const input = {
      parkId: park?.id ?? 1,
      code: cell('code'),
      name: cell('name'),
      nameEn: cell('nameEn') || null,
      areaMu: areaMu ?? 1,
      landUse: landUse ?? 'other',
      ownerEnterpriseId,
      ownerName: ownerEnterpriseId === null ? holder || null : null,
      outline,
      lat: lat ?? null,
      lng: lng ?? null,
      locationApproximate: approx.ok && approx.value !== null ? (approx.value as boolean) : outline === null,
      buildingIds: [],
      sourceId: 'user',
      synthetic: false,
    };
    const COLUMN_OF: Record<string, Key> = {
      parkId: 'park',
      areaMu: mu === null && m2 !== null ? 'areaM2' : 'areaMu',
      ownerName: 'holder',
      ownerEnterpriseId: 'holder',
    };
    const r = ZLandPlotInput.safeParse(input);
    if (!r.success)
      for (const issue of r.error.issues) {
        const field = String(issue.path[0] ?? '');
        const col = COLUMN_OF[field] ?? (field as Key);
        if (reported.has(col)) continue;
        reported.add(col);
        problems.push(
          issueToProblem({ ...issue, path: [col] } as never, ['rows', row], {
            ...input,
            [col]: (input as Record<string, unknown>)[field],
          }),
        );
      }
    const key = `${park?.id}/${cell('code')}`;
    if (park && cell('code') && seen.has(key) && !reported.has('code'))
      bad(
        'code',
        { zh: '同一园区的地块编号在文件中重复', en: 'this plot code appears twice for the park in the file' },
        'evaluation.duplicate_code',
      );
    seen.add(key);
    if (problems.length === before && r.success) inputs.push(r.data);
  }
  if (problems.length) throw rejectRows(sheet, problems);
  return db.tx(async (tx) => {
    // three statements whatever the size: the plots the file changes as they were, one upsert, one log write
    const rows = inputs.map(({ buildingIds: _b, sourceId: _s, synthetic: _y, ...x }) => ({
      ...x,
      nameEn: x.nameEn ?? null,
      ownerEnterpriseId: x.ownerEnterpriseId ?? null,
      ownerName: x.ownerName ?? null,
      outline: x.outline ?? null,
      lat: x.lat ?? null,
      lng: x.lng ?? null,
    }));
    const recordset = `jsonb_to_recordset($1::jsonb) as x("parkId" int, code text, name text, "nameEn" text,
      "areaMu" float8, "landUse" text, "ownerEnterpriseId" int, "ownerName" text, outline jsonb, lat float8, lng float8,
      "locationApproximate" boolean)`;
    const before = await tx.query<{ id: number; park_id: number; code: string } & Record<string, unknown>>(
      `select lp.id, lp.park_id, lp.code, lp.name, lp.name_en, lp.area_mu, lp.land_use, lp.owner_enterprise_id,
              lp.owner_name, lp.outline, lp.lat, lp.lng, lp.location_approximate
         from land_plots lp join ${recordset} on lp.park_id = x."parkId" and lp.code = x.code`,
      [JSON.stringify(rows)],
    );
    const written = await tx.query<{ id: number; park_id: number; code: string }>(
      `insert into land_plots (park_id, code, name, name_en, area_mu, land_use, owner_enterprise_id, owner_name,
         outline, lat, lng, location_approximate, source_id, synthetic)
       select x."parkId", x.code, x.name, x."nameEn", x."areaMu", x."landUse", x."ownerEnterpriseId", x."ownerName",
              x.outline, x.lat, x.lng, x."locationApproximate", 'user', false from ${recordset}
       on conflict (park_id, code) do update set name = excluded.name, name_en = excluded.name_en,
         area_mu = excluded.area_mu, land_use = excluded.land_use, owner_enterprise_id = excluded.owner_enterprise_id,
         owner_name = excluded.owner_name, outline = excluded.outline, lat = excluded.lat, lng = excluded.lng,
         location_approximate = excluded.location_approximate, version = land_plots.version + 1, updated_at = now()
       returning id, park_id, code`,
      [JSON.stringify(rows)],
    );
    const key = (parkId: number, code: string) => `${parkId}/${code}`;
    const old = new Map(before.map(({ id: _i, park_id, code, ...o }) => [key(park_id, code), o]));
    const idOf = new Map(written.map((w) => [key(w.park_id, w.code), w.id]));
    await writeAudit(
      tx,
      audit,
      rows.map((x) => {
        const was = old.get(key(x.parkId, x.code));
        return {
          entity: 'land_plots',
          entityId: idOf.get(key(x.parkId, x.code)) as number,
          action: was ? ('update' as const) : ('create' as const),
          old: was ?? null,
          new: { ...x, via: fileName },
        };
      }),
    );
    return { imported: rows.length - old.size, updated: old.size };
  });
}

/** The register template: headers in the chosen language, one example row, the land uses as a drop-down. */
export async function plotTemplate(db: Db, actor: Actor | undefined, lang: Lang): Promise<Buffer> {
  const q = new Sql();
  const cond = actor ? writeScope(actor, 'land-plots', q) : null;
  const [park] = await db.query<{ name: string; name_en: string | null; lat: number | null; lng: number | null }>(
    `select t.name, t.name_en, t.lat, t.lng from (select id as park_id, name, name_en, lat, lng from parks) t
      where ${cond === false ? 'false' : (cond ?? 'true')} order by t.lat is null, t.park_id limit 1`,
    q.params,
  );
  const zh = lang === 'zh';
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ParkLink 园链通';
  const ws = wb.addWorksheet(zh ? '土地台账' : 'Land register');
  ws.addRow(PLOT_COLUMNS.map((c) => c[lang])).font = { bold: true };
  const lng0 = park?.lng ?? 114.3;
  const lat0 = park?.lat ?? 30.6;
  const d = 0.002;
  const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
  ws.addRow([
    park ? (zh ? park.name : (park.name_en ?? park.name)) : zh ? '（园区名称或编码）' : '(park name or code)',
    'EX-001',
    zh ? '示例地块（请替换）' : 'Example plot (replace me)',
    'Example plot',
    12.5,
    '',
    LAND_USE_LABELS.industrial[lang],
    '',
    toWkt([
      [r6(lng0), r6(lat0)],
      [r6(lng0 + d), r6(lat0)],
      [r6(lng0 + d), r6(lat0 + d)],
      [r6(lng0), r6(lat0 + d)],
      [r6(lng0), r6(lat0)],
    ]),
    '',
    '',
    zh ? '否' : 'no',
  ]);
  ws.columns = PLOT_COLUMNS.map((c) => ({ width: c.key === 'outline' ? 60 : c.key === 'park' ? 28 : 16 }));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const useCol = PLOT_COLUMNS.findIndex((c) => c.key === 'landUse') + 1;
  for (let row = 2; row <= 2001; row++)
    ws.getCell(row, useCol).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`"${LAND_USES.map((u) => LAND_USE_LABELS[u][lang]).join(',')}"`],
      showErrorMessage: true,
      errorTitle: zh ? '取值无效' : 'Invalid value',
      error: zh ? '请从下拉列表中选择' : 'Pick a value from the list',
    };
  // the notes on a sheet of their own: the first sheet is the one read back
  const notes = wb.addWorksheet(zh ? '说明' : 'Notes');
  notes.getColumn(1).width = 110;
  for (const line of zh
    ? [
        '必填：园区（名称或编码）、地块编号、地块、用途，以及面积和位置。',
        `面积：填"面积（亩）"，或填"面积（平方米）"自动换算（1 亩 = ${Math.round(M2_PER_MU * 100) / 100} 平方米）；两者都填时须一致（相差不超过 1%）。`,
        `用途：${LAND_USES.map((u) => LAND_USE_LABELS[u].zh).join('、')}。`,
        '边界：WKT，如 POLYGON((114.10 30.60, 114.11 30.60, 114.11 30.61, 114.10 30.61))；或 GeoJSON 文本；或只填经度、纬度（WGS-84，先经度后纬度）。',
        '权利人：已登记企业填企业名称或统一社会信用代码；其他权利人照写名称。',
        '同一园区已有的地块编号会按本表更新；全部行无误才会导入，有错时逐行列出。',
        '第二行为示例，导入前请替换或删除。',
      ]
    : [
        'Required: park (name or code), plot code, plot name, land use, and an area and a place.',
        `Area: "Area (mu)", or "Area (m²)" converted (1 mu = ${Math.round(M2_PER_MU * 100) / 100} m²); both given must agree within 1 %.`,
        `Land use: ${LAND_USES.map((u) => LAND_USE_LABELS[u].en).join(', ')}.`,
        'Outline: WKT such as POLYGON((114.10 30.60, 114.11 30.60, 114.11 30.61, 114.10 30.61)), GeoJSON text, or only longitude and latitude (WGS-84, longitude first).',
        'Holder: a registered firm by name or credit code; any other holder by its name.',
        'A plot code the park already has is updated from the sheet; nothing is imported unless every row is right, and each problem is listed by row.',
        'Row 2 is an example: replace or delete it before importing.',
      ])
    notes.addRow([line]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
