/**
 * Calibrated demo populations (issue 11, "a demo that answers the articles' own numbers"): synthetic firms,
 * flagged synthetic and named （示例）, that top up the curated records so that the demo's counts match the
 * articles (data/demo/calibration.json; checked by test/demo-facts.int.test.ts). Deterministic: the same file
 * gives the same rows. Written with a few bulk statements so the demo seed stays fast; search keys are filled
 * by the search backfill like any row written by plain SQL.
 */
import { join } from 'node:path';
import type { Db } from '../../../db/connect.js';
import { readJson } from '../../../db/reference.js';
import { Sql } from '../../lib/sql.js';
import { DEMO_DIR, SeedError } from '../../platform/module.js';
import { devzoneEnterprises, devzoneOf } from '../../platform/policy/devzones.js';

interface ParkTarget {
  parkCode: string;
  stem: string;
  total: number;
  tiers: Record<string, number>;
  leadersOver100Yi?: number;
}
interface Calibration {
  parks: ParkTarget[];
  littleGiants: {
    total: number;
    newInYear: number;
    year: number;
    stem: string;
    regionCodes: string[];
    /** So many of the city's little giants are in this development zone: the missing ones are housed in its park. */
    inDevzone: { devzone: string; parkCode: string; total: number };
  };
  /** A-level logistics firms of a district, by grade (tier codes logistics_5a … logistics_1a). */
  logistics: { regionCode: string; stem: string; total: number; grades: Record<string, number> };
}

const AS_OF = '2026-01-01';
const UNITS_PER_FLOOR = 20;
const SCALES = ['small', 'micro', 'small', 'medium'] as const;
/** Who grants each honour (专精特新中小企业 by the province, 科技小巨人 by the city, 规上 is a statistical status). */
const LEVEL: Record<string, string> = {
  specialized_sme: 'provincial',
  tech_little_giant: 'municipal',
  above_scale: 'other',
};
const no = (i: number) => String(i + 1).padStart(3, '0');

interface NewFirm {
  name: string;
  regionCode: string;
  scale: string;
  honours: { tierCode: string; year: number; level: string }[];
}

async function insertFirms(t: Db, firms: NewFirm[]): Promise<number[]> {
  if (firms.length === 0) return [];
  const rows = await t.query<{ id: number }>(
    // No description, class or products: the chain engine must not read these firms into a chain node.
    `insert into enterprises (name, region_code, scale, lifecycle_stage, honours, source_id, as_of, synthetic)
     select n, r, s, 'park', h::jsonb, 'synthetic', $5, true
       from unnest($1::text[], $2::text[], $3::text[], $4::text[]) with ordinality as x(n, r, s, h, k) order by k
     returning id`,
    [
      firms.map((f) => f.name),
      firms.map((f) => f.regionCode),
      firms.map((f) => f.scale),
      firms.map((f) => JSON.stringify(f.honours)),
      AS_OF,
    ],
  );
  return rows.map((r) => r.id);
}

/** One synthetic building in the park with a unit per firm, and the firms' occupancies. */
async function housePark(t: Db, parkId: number, parkCode: string, stem: string, firmIds: number[]): Promise<void> {
  const floors = Math.ceil(firmIds.length / UNITS_PER_FLOOR);
  const [b] = await t.query<{ id: number }>(
    `insert into buildings (park_id, code, name, type, floors_above, source_id, as_of, synthetic, description)
     values ($1, $2, $3, 'office', $4, 'synthetic', $5, true, $6) returning id`,
    [
      parkId,
      `demo-cal-${parkCode}`,
      `${stem}企业集聚楼（示例）`,
      floors,
      AS_OF,
      '演示用合成楼宇（示例）：容纳按报道企业数补足的合成企业，楼宇名称、层数与单元均为虚构。',
    ],
  );
  const floorRows = await t.query<{ id: number; floor_no: number }>(
    `insert into floors (building_id, floor_no, source_id, as_of, synthetic)
     select $1, g, 'synthetic', $2, true from generate_series(1, $3::int) g returning id, floor_no`,
    [b!.id, AS_OF, floors],
  );
  const floorId = new Map(floorRows.map((f) => [f.floor_no, f.id]));
  const units = await t.query<{ id: number }>(
    `insert into units (floor_id, code, status, source_id, as_of, synthetic)
     select f, c, 'occupied', 'synthetic', $3, true
       from unnest($1::int[], $2::text[]) with ordinality as x(f, c, k) order by k returning id`,
    [
      firmIds.map((_, i) => floorId.get(Math.floor(i / UNITS_PER_FLOOR) + 1)),
      firmIds.map(
        (_, i) => `${Math.floor(i / UNITS_PER_FLOOR) + 1}${String((i % UNITS_PER_FLOOR) + 1).padStart(2, '0')}`,
      ),
      AS_OF,
    ],
  );
  await t.query(
    `insert into occupancies (enterprise_id, unit_id, started_on, source_id, as_of, synthetic)
     select e, u, $3, 'synthetic', $3, true from unnest($1::int[], $2::int[]) as x(e, u)`,
    [firmIds, units.map((u) => u.id), AS_OF],
  );
}

/** Tops up each park and the city's little giants to the article's counts; returns how many firms it added. */
export async function seedCalibratedPopulations(t: Db, parkIds: Map<string, number>): Promise<number> {
  const cal = readJson<Calibration>(join(DEMO_DIR, 'calibration.json'));
  let added = 0;
  for (const p of cal.parks) {
    const parkId = parkIds.get(p.parkCode);
    if (parkId === undefined) throw new SeedError(`calibration.json: unknown parkCode ${p.parkCode}`);
    // What the curated records already hold in the park (its sub-parks included), per honour.
    const [have] = await t.query<{ total: number; tiers: Record<string, number> | null; region: string }>(
      `with recursive sub as (select id from parks where id = $1 union all select c.id from parks c join sub on c.parent_id = sub.id),
         firms as (select distinct e.id, e.honours from enterprises e join occupancies o on o.enterprise_id = e.id
           join units u on u.id = o.unit_id join floors f on f.id = u.floor_id join buildings b on b.id = f.building_id
          where b.park_id in (select id from sub) and (o.ended_on is null or o.ended_on >= current_date))
       select (select count(*)::int from firms) as total,
              (select jsonb_object_agg(code, n) from (select h->>'tierCode' as code, count(distinct id)::int as n
                 from firms, jsonb_array_elements(honours) h group by 1) x) as tiers,
              (select region_code from parks where id = $1) as region`,
      [parkId],
    );
    const need = Object.fromEntries(
      Object.entries(p.tiers).map(([k, v]) => [k, Math.max(0, v - (have!.tiers?.[k] ?? 0))]),
    );
    const count = Math.max(p.total - have!.total, ...Object.values(need), 0);
    const firms: NewFirm[] = Array.from({ length: count }, (_, i) => ({
      name: `${p.stem}${i < (p.leadersOver100Yi ?? 0) ? '龙头' : ''}企业${no(i)}（示例）`,
      regionCode: have!.region,
      scale: i < (p.leadersOver100Yi ?? 0) ? 'large' : SCALES[i % SCALES.length]!,
      honours: Object.entries(need)
        .filter(([, n]) => i < n)
        .map(([tierCode]) => ({ tierCode, year: 2019 + (i % 6), level: LEVEL[tierCode] ?? 'national' })),
    }));
    const ids = await insertFirms(t, firms);
    if (ids.length) await housePark(t, parkId, p.parkCode, p.stem, ids);
    const leaders = ids.slice(0, p.leadersOver100Yi ?? 0);
    if (leaders.length) {
      // 产值规模百亿元龙头企业: output of ¥10–14 bn (1,000,000 万元 and up) in 2023, invented.
      await t.query(
        `insert into enterprise_metrics (enterprise_id, year, output_wan, revenue_wan, source_id, as_of, synthetic)
         select e, 2023, 1000000 + 200000 * (k - 1), 1050000 + 200000 * (k - 1), 'synthetic', $2, true
           from unnest($1::int[]) with ordinality as x(e, k)`,
        [leaders, AS_OF],
      );
    }
    added += ids.length;
  }

  // National 专精特新 "little giants" city-wide, with the year's new ones; they need no location.
  const lg = cal.littleGiants;
  const [hasLg] = await t.query<{ total: number; inYear: number }>(
    `select count(*)::int as total,
            count(*) filter (where exists (select 1 from jsonb_array_elements(honours) h
              where h->>'tierCode' = 'little_giant' and (h->>'year')::int = $1))::int as "inYear"
       from enterprises where honours @> '[{"tierCode":"little_giant"}]'`,
    [lg.year],
  );
  const newInYear = Math.max(0, lg.newInYear - hasLg!.inYear);
  const lgCount = Math.max(0, lg.total - hasLg!.total);
  // The zone's count (东湖高新区's 173) counts tenants of its parks: the first of the new firms are housed there.
  const zone = devzoneOf(lg.inDevzone.devzone);
  const zoneParkId = parkIds.get(lg.inDevzone.parkCode);
  if (!zone || zoneParkId === undefined)
    throw new SeedError(`calibration.json: unknown devzone or parkCode ${JSON.stringify(lg.inDevzone)}`);
  const q = new Sql();
  const inZoneSql = `select count(*)::int as n from enterprises
      where honours @> '[{"tierCode":"little_giant"}]' and id in ${devzoneEnterprises(zone, q)}`;
  const [inZone] = await t.query<{ n: number }>(inZoneSql, q.params);
  const housed = lg.inDevzone.total - inZone!.n;
  if (housed < 0 || housed > lgCount)
    throw new SeedError(
      `calibration.json: ${inZone!.n} curated little giants in ${zone.code}, ${lgCount} to add; cannot reach ${lg.inDevzone.total}`,
    );
  const [zonePark] = await t.query<{ region_code: string }>('select region_code from parks where id = $1', [
    zoneParkId,
  ]);
  const firms: NewFirm[] = Array.from({ length: lgCount }, (_, i) => ({
    name: `${lg.stem}小巨人企业${no(i)}（示例）`,
    regionCode: i < housed ? zonePark!.region_code : lg.regionCodes[i % lg.regionCodes.length]!,
    scale: i % 3 === 0 ? 'medium' : 'small',
    honours: [
      { tierCode: 'little_giant', year: i < newInYear ? lg.year : 2019 + (i % 5), level: 'national' },
      { tierCode: 'specialized_sme', year: 2018 + (i % 5), level: 'provincial' },
    ],
  }));
  const lgIds = await insertFirms(t, firms);
  if (housed > 0) await housePark(t, zoneParkId, lg.inDevzone.parkCode, lg.stem, lgIds.slice(0, housed));
  added += lgIds.length;

  // A-level logistics firms (A级以上物流企业) of a district: no names are public, so all are synthetic, one
  // grade each; no class or products (the chain engine reads none of them).
  const lo = cal.logistics;
  const grades = Object.entries(lo.grades).flatMap(([code, n]) => Array.from({ length: n }, () => code));
  if (grades.length !== lo.total) throw new SeedError(`calibration.json: logistics grades sum to ${grades.length}`);
  const [hasLo] = await t.query<{ n: number }>(
    `select count(*)::int as n from enterprises where region_code = $1
        and exists (select 1 from jsonb_array_elements(honours) h where h->>'tierCode' = any($2::text[]))`,
    [lo.regionCode, Object.keys(lo.grades)],
  );
  if (hasLo!.n > 0) throw new SeedError(`calibration.json: ${hasLo!.n} curated A-level logistics firms; count them in`);
  added += (
    await insertFirms(
      t,
      grades.map((tierCode, i) => ({
        name: `${lo.stem}企业${no(i)}（示例）`,
        regionCode: lo.regionCode,
        scale: SCALES[i % SCALES.length]!,
        honours: [{ tierCode, year: 2018 + (i % 7), level: 'other' }],
      })),
    )
  ).length;
  return added;
}
