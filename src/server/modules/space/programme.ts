/**
 * Programme progress (工业上楼 targets): each target's metric computed from the registry for its
 * scope and period, by year, with a straight-line forecast to the period's end.
 *
 *   upstairs_area_m2       floor area of 工业上楼 buildings (type high_rise_factory, or flagged in
 *                          space_building_specs) completed in the period: gross floor area, else
 *                          the sum of their floors
 *   new_output_wan         output (万元) of those buildings' current tenants, latest year in the period
 *   new_above_scale_firms  their tenants whose revenue first reached 2000 万元 (the 规上 threshold of
 *                          industrial statistics) in the period
 *   factory_volume_m3, parks_built  not held by the registry (it records m², not m³, and no park
 *                          founding dates): shown with their source, not computed
 */

import type { TTargetInput } from '../../../contracts/space.js';
import type { Db } from '../../../db/connect.js';
import { Sql } from '../../lib/sql.js';
import { devzoneParks, devzones } from '../../platform/policy/devzones.js';

const ABOVE_SCALE_WAN = 2000;

/** A programme target as space_targets stores it (with its source's title when read for progress). */
export type TargetRow = {
  id: number;
  code: string;
  metric: TTargetInput['metric'];
  scope_kind: TTargetInput['scopeKind'];
  scope_code: string | null;
  period_start: string;
  period_end: string;
  value: number;
  label: string;
  label_en: string | null;
  source_id: string | null;
  source_note: string | null;
  synthetic: boolean;
  source_title: string | null;
};

/** Buildings of the programme in a scope, as SQL on buildings b / parks p. */
function scopeCond(t: TargetRow, q: Sql): string {
  switch (t.scope_kind) {
    case 'city':
      return 'true';
    case 'district':
      return `p.region_code = ${q.p(t.scope_code)}`;
    default:
      return `(p.code = ${q.p(t.scope_code)} or p.parent_id in (select id from parks where code = ${q.p(t.scope_code)}))`;
  }
}

const UPSTAIRS = `(b.type = 'high_rise_factory' or coalesce(bs.upstairs, false))`;
const COMPLETED = `coalesce(bs.completed_on, make_date(b.completion_year, 12, 31))`;

async function areaSeries(db: Db, t: TargetRow) {
  const q = new Sql();
  const rows = await db.query<{
    id: number;
    name: string;
    region: string;
    park_id: number;
    year: number;
    area: number;
  }>(
    `select b.id, b.name, coalesce(r.name, p.region_code) as region, p.id as park_id, extract(year from ${COMPLETED})::int as year,
            coalesce(b.gross_floor_area_m2, (select sum(f.area_m2) from floors f where f.building_id = b.id), 0)::float8 as area
       from buildings b join parks p on p.id = b.park_id left join regions r on r.code = p.region_code
       left join space_building_specs bs on bs.building_id = b.id
      where ${UPSTAIRS} and ${COMPLETED} between ${q.p(t.period_start)}::date and ${q.p(t.period_end)}::date and ${scopeCond(t, q)}`,
    q.params,
  );
  return rows;
}

async function tenantFigures(db: Db, t: TargetRow) {
  const q = new Sql();
  return db.query<{
    enterprise_id: number;
    building: string;
    building_id: number;
    park_id: number;
    region: string;
    year: number;
    output: number | null;
    revenue: number | null;
  }>(
    `select distinct on (e.id, m.year) e.id as enterprise_id, b.name as building, b.id as building_id, p.id as park_id,
            coalesce((select r.name from regions r where r.code = p.region_code), p.region_code) as region, m.year, m.output_wan::float8 as output,
            m.revenue_wan::float8 as revenue
       from buildings b join parks p on p.id = b.park_id left join space_building_specs bs on bs.building_id = b.id
       join floors f on f.building_id = b.id join units u on u.floor_id = f.id
       join occupancies o on o.unit_id = u.id and (o.ended_on is null or o.ended_on >= current_date)
       join enterprises e on e.id = o.enterprise_id join enterprise_metrics m on m.enterprise_id = e.id
      where ${UPSTAIRS} and ${COMPLETED} between ${q.p(t.period_start)}::date and ${q.p(t.period_end)}::date
        and m.year <= extract(year from ${q.p(t.period_end)}::date) and ${scopeCond(t, q)}
      order by e.id, m.year`,
    q.params,
  );
}

type ScopeValue = { key: string; name: string; nameEn?: string | null; value: number };
type Placed = { building_id: number; building: string; park_id: number; region: string };

/** The parks of each development zone (platform/policy/devzones.ts), for the breakdown by zone. */
async function devzoneParkSets(db: Db) {
  const out: { code: string; nameZh: string; nameEn: string; parks: Set<number> }[] = [];
  for (const z of devzones()) {
    const q = new Sql();
    const rows = await db.query<{ id: number }>(`select id from ${devzoneParks(z, q)} x`, q.params);
    out.push({ code: z.code, nameZh: z.nameZh, nameEn: z.nameEn, parks: new Set(rows.map((r) => r.id)) });
  }
  return out;
}

/**
 * A metric by district, development zone (every zone, 0 included; a zone may overlap districts and
 * other zones) and building.
 */
function breakdown<T extends Placed>(
  rows: T[],
  val: (r: T) => number,
  zones: Awaited<ReturnType<typeof devzoneParkSets>>,
): ScopeValue[] {
  const zoneRows: ScopeValue[] = zones.map((z) => ({
    key: `devzone:${z.code}`,
    name: z.nameZh,
    nameEn: z.nameEn,
    value: rows.filter((r) => z.parks.has(r.park_id)).reduce((s, r) => s + val(r), 0),
  }));
  const buildings = new Map<number, ScopeValue>();
  for (const r of rows) {
    const b = buildings.get(r.building_id) ?? { key: `building:${r.building_id}`, name: r.building, value: 0 };
    b.value += val(r);
    buildings.set(r.building_id, b);
  }
  return [
    ...[...sumBy(rows, (r) => r.region, val)].map(([k, v]) => ({ key: `district:${k}`, name: String(k), value: v })),
    ...zoneRows,
    ...buildings.values(),
  ];
}

function sumBy<T>(rows: T[], key: (r: T) => string | number, val: (r: T) => number) {
  const m = new Map<string | number, number>();
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + val(r));
  return m;
}

/** Forecast at the period's end: the pace so far (per elapsed year) carried to the end. */
function forecastOf(actual: number, start: string, end: string, asOf: string): number | null {
  const y = (s: string) => new Date(`${s}T00:00:00Z`).getTime() / (365.25 * 864e5);
  const elapsed = Math.min(y(asOf), y(end)) - y(start);
  if (elapsed <= 0.25) return null;
  return Math.round((actual / elapsed) * (y(end) - y(start)) * 100) / 100;
}

export async function programme(db: Db, opts: { seesOutput: boolean; asOf: string }) {
  const targets = await db.query<TargetRow>(
    `select t.id, t.code, t.metric, t.scope_kind, t.scope_code, t.period_start::text, t.period_end::text, t.value::float8,
            t.label, t.label_en, t.source_id, t.source_note, t.synthetic, s.title as source_title
       from space_targets t left join sources s on s.id = t.source_id order by t.period_end, t.id`,
  );
  let zoneSets: Awaited<ReturnType<typeof devzoneParkSets>> | undefined;
  const zones = async () => {
    zoneSets ??= await devzoneParkSets(db);
    return zoneSets;
  };
  const out = [];
  for (const t of targets) {
    let computable = true;
    let actual: number | null = null;
    let series: { year: number; value: number }[] = [];
    let byScope: ScopeValue[] = [];
    let method = { zh: '', en: '' };
    if (t.metric === 'upstairs_area_m2') {
      const rows = await areaSeries(db, t);
      actual = rows.reduce((s, r) => s + r.area, 0);
      let cum = 0;
      series = [
        ...sumBy(
          rows,
          (r) => r.year,
          (r) => r.area,
        ),
      ]
        .sort((a, b) => Number(a[0]) - Number(b[0]))
        .map(([year, v]) => {
          cum += v;
          return { year: Number(year), value: cum };
        });
      byScope = breakdown(
        rows.map((r) => ({ ...r, building_id: r.id, building: r.name })),
        (r) => r.area,
        await zones(),
      );
      method = {
        zh: '期内竣工的工业上楼楼宇（高层厂房或标记为工业上楼）的建筑面积之和（无总建筑面积时取各层面积之和）',
        en: 'Floor area of 工业上楼 buildings completed in the period (gross floor area, else the sum of their floors)',
      };
    } else if (t.metric === 'new_output_wan' || t.metric === 'new_above_scale_firms') {
      const rows = await tenantFigures(db, t);
      const startYear = Number(t.period_start.slice(0, 4));
      if (t.metric === 'new_output_wan') {
        const byYear = sumBy(
          rows.filter((r) => r.year >= startYear),
          (r) => r.year,
          (r) => r.output ?? 0,
        );
        series = [...byYear]
          .sort((a, b) => Number(a[0]) - Number(b[0]))
          .map(([year, value]) => ({ year: Number(year), value }));
        actual = series.length > 0 ? series[series.length - 1]!.value : 0;
        const last = series.length > 0 ? series[series.length - 1]!.year : null;
        byScope = breakdown(
          rows.filter((r) => r.year === last),
          (r) => r.output ?? 0,
          await zones(),
        );
        method = {
          zh: '期内竣工的工业上楼楼宇的在驻企业，期内最近一年的工业总产值之和（万元）',
          en: "Output (万元) of the current tenants of 工业上楼 buildings completed in the period, in the period's latest year",
        };
      } else {
        const first = new Map<number, (typeof rows)[number]>();
        const before = new Set<number>();
        for (const r of rows) {
          if ((r.revenue ?? 0) < ABOVE_SCALE_WAN) continue;
          if (r.year < startYear) before.add(r.enterprise_id);
          else if (!first.has(r.enterprise_id)) first.set(r.enterprise_id, r);
        }
        const fresh = [...first].filter(([id]) => !before.has(id)).map(([, v]) => v);
        actual = fresh.length;
        let cum = 0;
        series = [
          ...sumBy(
            fresh,
            (r) => r.year,
            () => 1,
          ),
        ]
          .sort((a, b) => Number(a[0]) - Number(b[0]))
          .map(([year, v]) => {
            cum += v;
            return { year: Number(year), value: cum };
          });
        byScope = breakdown(fresh, () => 1, await zones());
        method = {
          zh: `期内竣工的工业上楼楼宇的在驻企业中，期内营业收入首次达到 ${ABOVE_SCALE_WAN} 万元（规上标准）的企业数`,
          en: `Tenants of 工业上楼 buildings completed in the period whose revenue first reached ${ABOVE_SCALE_WAN} 万元 (the above-scale threshold) in the period`,
        };
      }
      if (t.metric === 'new_output_wan' && !opts.seesOutput) {
        actual = null;
        series = [];
        byScope = [];
      }
    } else {
      computable = false;
      method =
        t.metric === 'factory_volume_m3'
          ? {
              zh: '登记库记录的是建筑面积（m²），没有体积（m³），无法按原文单位计算',
              en: 'The registry holds floor area (m²), not volume (m³): not computed in the unit the source uses',
            }
          : {
              zh: '登记库没有园区建成日期，无法计算',
              en: 'The registry holds no founding dates of parks: not computed',
            };
    }
    out.push({
      id: t.id,
      code: t.code,
      metric: t.metric,
      scopeKind: t.scope_kind,
      scopeCode: t.scope_code,
      periodStart: t.period_start,
      periodEnd: t.period_end,
      value: t.value,
      label: t.label,
      labelEn: t.label_en,
      sourceId: t.source_id,
      sourceNote: t.source_note,
      synthetic: t.synthetic,
      sourceTitle: t.source_title,
      computable,
      actual,
      share: actual === null ? null : Math.round((actual / t.value) * 10000) / 10000,
      forecast: actual === null ? null : forecastOf(actual, t.period_start, t.period_end, opts.asOf),
      series,
      byScope,
      method,
    });
  }
  return { asOf: opts.asOf, targets: out };
}
