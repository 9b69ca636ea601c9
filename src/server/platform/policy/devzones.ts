/**
 * Development zones (东湖高新区, 武汉经开区, 临空港经开区, 长江新区) as a statistical dimension beside
 * districts (issue 11). A zone spans or overlaps districts, so its parks are derived from the data,
 * not from `region_code` alone: its anchor parks with all their sub-parks (whatever their district),
 * and every park registered in a district the zone administers as a whole. Its enterprises are the
 * current tenants of those parks and the firms registered in those whole districts. The zones
 * themselves are reference data (data/reference/devzones.json, with their sources).
 */
import { join } from 'node:path';
import { fieldProblem } from '../../../contracts/errors.js';
import { DATA_DIR, readJson } from '../../../db/reference.js';
import { invalid } from '../../lib/errors.js';
import type { Sql } from '../../lib/sql.js';

export interface DevzoneCitation {
  publisher: string;
  title: string | null;
  date: string | null;
  url: string | null;
}

export interface Devzone {
  code: string;
  nameZh: string;
  nameEn: string;
  shortZh: string;
  shortEn: string;
  level: 'national' | 'municipal';
  /** Codes of the parks that stand for the zone; their sub-parks belong to it too. */
  anchorParks: string[];
  /** Districts the zone covers: whole (every park and firm registered there) or in part. */
  districts: { code: string; whole: boolean }[];
  streets: string[];
  membership: { status: 'verified' | 'unverified'; noteZh: string; noteEn: string };
  source: DevzoneCitation | null;
}

let cache: Devzone[] | undefined;

/** The zones, in the order of the reference file. */
export function devzones(): Devzone[] {
  cache ??= readJson<{ items: Devzone[] }>(join(DATA_DIR, 'reference', 'devzones.json')).items;
  return cache;
}

export const devzoneOf = (code: string): Devzone | undefined => devzones().find((z) => z.code === code);

/** The zone of a code, or a 422 naming `field` in zh and en. */
export function parseDevzone(code: string | undefined, field: (string | number)[] = ['devzone']): Devzone {
  const zone = code === undefined ? undefined : devzoneOf(code);
  if (zone) return zone;
  const codes = devzones()
    .map((z) => z.code)
    .join(', ');
  throw invalid([
    fieldProblem(field, 'invalid_value', {
      zh: `开发区代码应为 ${codes} 之一`,
      en: `a development zone code is one of ${codes}`,
    }),
  ]);
}

const wholeDistricts = (z: Devzone) => z.districts.filter((d) => d.whole).map((d) => d.code);

/** Ids of the zone's parks (anchors with their sub-parks, and parks of its whole districts), as a SQL subquery. */
export function devzoneParks(z: Devzone, q: Sql): string {
  return `(with recursive dz as (select id from parks where code = any(${q.p(z.anchorParks)}::text[])
      or region_code = any(${q.p(wholeDistricts(z))}::text[])
    union select c.id from parks c join dz on c.parent_id = dz.id) select id from dz)`;
}

/** Ids of the current tenants of the zone's parks, as a SQL subquery. */
export function devzoneTenants(z: Devzone, q: Sql): string {
  return `(select o.enterprise_id from occupancies o join units u on u.id = o.unit_id join floors f on f.id = u.floor_id
    join buildings b on b.id = f.building_id where (o.ended_on is null or o.ended_on >= current_date)
    and b.park_id in ${devzoneParks(z, q)})`;
}

/** Ids of the zone's enterprises: tenants of its parks and firms registered in its whole districts. */
export function devzoneEnterprises(z: Devzone, q: Sql): string {
  return `(${devzoneTenants(z, q).slice(1, -1)} union select id from enterprises where region_code = any(${q.p(wholeDistricts(z))}::text[]))`;
}
