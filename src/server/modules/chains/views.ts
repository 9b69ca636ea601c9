/**
 * Use cases of the chain views (issue 5 item 5): the name of a scope and the chains × scopes matrix
 * (suppliers are in suppliers.ts).
 * Health itself comes from the engine (src/domain/chains) through analysis.ts.
 */
import type { TChainTemplate } from '../../../contracts/chains.js';
import type { Db } from '../../../db/connect.js';
import { maskFromIds } from '../../../domain/chains/data-index.js';
import { healthReport } from '../../../domain/chains/health.js';
import { resolveThresholds, type ThresholdsInput } from '../../../domain/chains/thresholds.js';
import type { ChainHealth } from '../../../domain/chains/types.js';
import { getOrSet } from '../../../domain/chains/util.js';
import { notFound } from '../../lib/errors.js';
import { Sql } from '../../lib/sql.js';
import { type Devzone, devzoneEnterprises, devzoneOf, devzoneParks, devzones } from '../../platform/policy/devzones.js';
import { type Scope, scoped } from './analysis.js';

export const scopeKey = (s: Scope): string =>
  s.kind === 'city'
    ? 'city'
    : s.kind === 'district' || s.kind === 'devzone'
      ? `${s.kind}:${s.code}`
      : `${s.kind}:${s.id}`;

/** A zone's name as a row or scope title: 武汉东湖新技术开发区（光谷）. */
const zoneInfo = (z: Devzone) => ({
  scope: `devzone:${z.code}`,
  kind: 'devzone' as const,
  nameZh: `${z.nameZh}（${z.shortZh}）`,
  nameEn: `${z.nameEn} (${z.shortEn})`,
  regionCode: null,
  parkId: null,
});

export interface ScopeInfo {
  scope: string;
  kind: Scope['kind'];
  nameZh: string;
  /** English name when the registry has one (districts: the client spells them). */
  nameEn: string | null;
  regionCode: string | null;
  parkId: number | null;
}

/** The scope's name and district; 404 when the district, park or building does not exist. */
export async function scopeInfo(db: Db, scope: Scope): Promise<ScopeInfo> {
  const base = { scope: scopeKey(scope), kind: scope.kind };
  if (scope.kind === 'city') return { ...base, nameZh: '武汉市', nameEn: 'Wuhan', regionCode: '420100', parkId: null };
  if (scope.kind === 'district') {
    const [r] = await db.query<{ name: string }>(`select name from regions where code = $1 and level = 'district'`, [
      scope.code,
    ]);
    if (!r) throw notFound();
    return { ...base, nameZh: r.name, nameEn: null, regionCode: scope.code, parkId: null };
  }
  if (scope.kind === 'devzone') {
    const z = devzoneOf(scope.code);
    if (!z) throw notFound();
    return zoneInfo(z);
  }
  if (scope.kind === 'park') {
    const [p] = await db.query<{ name: string; name_en: string | null; region_code: string }>(
      'select name, name_en, region_code from parks where id = $1',
      [scope.id],
    );
    if (!p) throw notFound();
    return { ...base, nameZh: p.name, nameEn: p.name_en, regionCode: p.region_code.trim(), parkId: scope.id };
  }
  const [b] = await db.query<{
    name: string;
    name_en: string | null;
    park_id: number;
    park_name: string;
    park_name_en: string | null;
    region_code: string;
  }>(
    `select b.name, b.name_en, p.id as park_id, p.name as park_name, p.name_en as park_name_en, p.region_code
       from buildings b join parks p on p.id = b.park_id where b.id = $1`,
    [scope.id],
  );
  if (!b) throw notFound();
  return {
    ...base,
    nameZh: `${b.park_name} · ${b.name}`,
    nameEn: b.name_en || b.park_name_en ? `${b.park_name_en ?? b.park_name} · ${b.name_en ?? b.name}` : null,
    regionCode: b.region_code.trim(),
    parkId: b.park_id,
  };
}

// ───────────────────────── matrix ─────────────────────────

export interface MatrixCell {
  chainCode: string;
  score: number;
  segments: number;
  covered: number;
  missing: number;
  weak: number;
  strong: number;
  localFirms: number;
  /** Null for those who may not see firms' figures (one firm's output when it is the only one). */
  localOutputWan: number | null;
}

export interface MatrixRow extends ScopeInfo {
  parentId: number | null;
  /** Enterprises local to the scope (any chain or none). */
  enterprises: number;
  cells: MatrixCell[];
}

export const CURRENT = `from occupancies o join units u on u.id = o.unit_id join floors f on f.id = u.floor_id
  join buildings b on b.id = f.building_id join parks p on p.id = b.park_id
  where (o.ended_on is null or o.ended_on >= current_date)`;

function cellsOf(health: readonly ChainHealth[]): MatrixCell[] {
  return health.map((h) => ({ chainCode: h.chainCode, score: h.score.value, ...h.summary }));
}

/**
 * Health of every chain for every district of Wuhan or every park (a park with its sub-parks, as
 * the health endpoint counts it): one index for the whole city, one scope mask per row. `rows`
 * limits the rows to the scopes a caller may see (null: all).
 */
export async function chainMatrix(
  db: Db,
  templates: readonly TChainTemplate[],
  opts: {
    by: 'district' | 'park' | 'devzone';
    district?: string;
    /** Only the parks of this zone (by = park). */
    devzone?: Devzone;
    parkIds: ReadonlySet<number> | null;
    thresholds: ThresholdsInput;
  },
): Promise<{ by: 'district' | 'park' | 'devzone'; rows: MatrixRow[] }> {
  const th = resolveThresholds(opts.thresholds);
  const { base: inputs } = await scoped(db, { kind: 'city' });
  const { index } = inputs;
  const rowOf = (info: Omit<MatrixRow, 'cells' | 'enterprises'>, ids: ReadonlySet<number>): MatrixRow => ({
    ...info,
    enterprises: ids.size,
    cells: cellsOf(healthReport(templates, { index, scope: maskFromIds(index, ids) }, th)),
  });

  if (opts.by === 'devzone') {
    const rows: MatrixRow[] = [];
    for (const z of devzones()) {
      const q = new Sql();
      const parkIds = await db.query<{ id: number }>(`select id from ${devzoneParks(z, q)} p`, q.params);
      // A zone role sees the zones that hold one of its parks, as it sees the districts of its parks.
      if (opts.parkIds && !parkIds.some((p) => opts.parkIds?.has(p.id))) continue;
      const e = new Sql();
      const ids = await db.query<{ id: number }>(
        `select enterprise_id as id from ${devzoneEnterprises(z, e)} z`,
        e.params,
      );
      rows.push(rowOf({ ...zoneInfo(z), parentId: null }, new Set(ids.map((r) => r.id))));
    }
    return { by: 'devzone', rows };
  }
  if (opts.by === 'district') {
    const members = new Map<string, Set<number>>();
    const rows = await db.query<{ id: number; code: string }>(
      `select o.enterprise_id as id, p.region_code as code ${CURRENT}
       union select id, region_code as code from enterprises where region_code like '4201%'`,
    );
    for (const r of rows) getOrSet(members, r.code.trim(), () => new Set<number>()).add(r.id);
    const districts = await db.query<{ code: string; name: string }>(
      `select code, name from regions where parent_code = '420100' and level = 'district' order by code`,
    );
    const visibleDistricts = opts.parkIds
      ? new Set(
          (
            await db.query<{ code: string }>(
              'select distinct region_code as code from parks where id = any($1::int[])',
              [[...opts.parkIds]],
            )
          ).map((r) => r.code.trim()),
        )
      : null;
    return {
      by: 'district',
      rows: districts
        .map((d) => ({ ...d, code: d.code.trim() }))
        .filter((d) => !visibleDistricts || visibleDistricts.has(d.code))
        .map((d) =>
          rowOf(
            {
              scope: `district:${d.code}`,
              kind: 'district',
              nameZh: d.name,
              nameEn: null,
              regionCode: d.code,
              parkId: null,
              parentId: null,
            },
            members.get(d.code) ?? new Set(),
          ),
        ),
    };
  }

  const parks = await db.query<{
    id: number;
    name: string;
    name_en: string | null;
    parent_id: number | null;
    region_code: string;
  }>('select id, name, name_en, parent_id, region_code from parks order by region_code, parent_id nulls first, name');
  const direct = new Map<number, Set<number>>();
  for (const r of await db.query<{ id: number; park_id: number }>(
    `select distinct o.enterprise_id as id, p.id as park_id ${CURRENT}`,
  )) {
    getOrSet(direct, r.park_id, () => new Set<number>()).add(r.id);
  }
  const children = new Map<number, number[]>();
  for (const p of parks) if (p.parent_id !== null) getOrSet(children, p.parent_id, () => [] as number[]).push(p.id);
  const all = new Map<number, Set<number>>();
  const collect = (id: number, seen: Set<number>): Set<number> => {
    const hit = all.get(id);
    if (hit) return hit;
    const out = new Set(direct.get(id) ?? []);
    seen.add(id);
    for (const c of children.get(id) ?? []) if (!seen.has(c)) for (const e of collect(c, seen)) out.add(e);
    all.set(id, out);
    return out;
  };
  let inZone: Set<number> | null = null;
  if (opts.devzone) {
    const q = new Sql();
    inZone = new Set(
      (await db.query<{ id: number }>(`select id from ${devzoneParks(opts.devzone, q)} p`, q.params)).map((r) => r.id),
    );
  }
  return {
    by: 'park',
    rows: parks
      .filter(
        (p) =>
          (!opts.district || p.region_code.trim() === opts.district) &&
          (!inZone || inZone.has(p.id)) &&
          (!opts.parkIds || opts.parkIds.has(p.id)),
      )
      .map((p) =>
        rowOf(
          {
            scope: `park:${p.id}`,
            kind: 'park',
            nameZh: p.name,
            nameEn: p.name_en,
            regionCode: p.region_code.trim(),
            parkId: p.id,
            parentId: p.parent_id,
          },
          collect(p.id, new Set()),
        ),
      ),
  };
}
