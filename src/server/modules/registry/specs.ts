/** The registry's resources (DESIGN.md M1): one spec each, served by the generic resource routes. */
import { z } from 'zod';
import { type FieldProblem, fieldProblem } from '../../../contracts/errors.js';
import { INT32_MAX, INT32_MIN, idParam } from '../../../contracts/limits.js';
import {
  ZBuilding,
  ZBuildingInput,
  ZEnterprise,
  ZEnterpriseInput,
  ZEvent,
  ZEventInput,
  ZFloor,
  ZFloorInput,
  ZInstitution,
  ZInstitutionInput,
  ZKeyFigure,
  ZKeyFigureInput,
  ZMetric,
  ZMetricInput,
  ZOccupancy,
  ZOccupancyInput,
  ZPark,
  ZParkInput,
  ZSupplyLink,
  ZSupplyLinkInput,
  ZUnit,
  ZUnitInput,
} from '../../../contracts/registry.js';
import { checkUscc } from '../../../domain/uscc.js';
import { boolParam, defineResource, type Filter, type ResourceSpec } from '../../lib/resource.js';
import type { Sql } from '../../lib/sql.js';
import { inCity } from '../../platform/policy/city.js';
import { devzoneEnterprises, devzoneOf, devzoneParks, devzones, parseDevzone } from '../../platform/policy/devzones.js';
import { keysOf } from '../search/sources.js';

const id = idParam();
const eq = (col: string, schema: z.ZodType = z.string().max(64)): Filter =>
  ({ schema, where: (q: Sql, v: unknown) => `t.${col} = ${q.p(v)}` }) as Filter;
const filter = (schema: z.ZodType, where: (q: Sql, v: never) => string): Filter => ({ schema, where });

/** Parks inside a park, itself included, to any depth. */
const subtree = (q: Sql, parkId: unknown) =>
  `(with recursive sub as (select id from parks where id = ${q.p(parkId)}
     union all select p.id from parks p join sub on p.parent_id = sub.id) select id from sub)`;
/** `?devzone=`: a zone code from data/reference/devzones.json (unknown codes are a 422 naming the field). */
const ZDevzoneCode = z
  .string()
  .max(32)
  .refine((v) => devzoneOf(v) !== undefined, {
    message: `a development zone code: ${devzones()
      .map((d) => d.code)
      .join(', ')}`,
  })
  .describe('Development zone code (GET /api/v1/devzones)');
const provenanceFilters = { synthetic: eq('synthetic', boolParam), sourceId: eq('source_id') };
const current = `(o.ended_on is null or o.ended_on >= current_date)`;

export const parks = defineResource({
  name: 'parks',
  table: 'parks',
  tag: 'Parks 园区',
  input: ZParkInput,
  output: ZPark,
  select: `select p.*, pp.name as parent_name, r.name as region_name,
      (select count(*)::int from buildings b where b.park_id in (with recursive sub as (select p.id as id
           union all select c.id from parks c join sub on c.parent_id = sub.id) select id from sub)) as building_count,
      (select count(distinct o.enterprise_id)::int from occupancies o
         join units u on u.id = o.unit_id join floors f on f.id = u.floor_id join buildings b on b.id = f.building_id
        where ${current} and b.park_id in (with recursive sub as (select p.id as id
           union all select c.id from parks c join sub on c.parent_id = sub.id) select id from sub)) as enterprise_count
    from parks p left join parks pp on pp.id = p.parent_id left join regions r on r.code = p.region_code`,
  filters: {
    regionCode: eq('region_code', z.string().regex(/^\d{6}$/)),
    kind: eq('kind'),
    level: eq('level'),
    status: eq('status'),
    industry: filter(z.string().max(32), (q, v) => `${q.p(v)} = any(t.leading_industries)`),
    tag: filter(z.string().max(32), (q, v) => `${q.p(v)} = any(t.tags)`),
    devzone: filter(ZDevzoneCode, (q, v: string) => `t.id in ${devzoneParks(parseDevzone(v), q)}`),
    parentId: filter(z.union([id, z.literal('root')]), (q, v: number | 'root') =>
      v === 'root' ? 't.parent_id is null' : `t.parent_id = ${q.p(v)}`,
    ),
    ...provenanceFilters,
  },
  sort: {
    name: 't.name',
    code: 't.code',
    regionCode: 't.region_code',
    buildingCount: 't.building_count',
    enterpriseCount: 't.enterprise_count',
    updatedAt: 't.updated_at',
  },
  defaultSort: 'code',
  searchKeys: 't.search_keys',
  refs: { parentId: ['parks', 'id'], regionCode: ['regions', 'code'], sourceId: ['sources', 'id'] },
  async check(input, db, existingId) {
    if (existingId === undefined || !input.parentId) return [];
    const [row] = await db.query<{ bad: boolean }>(
      `with recursive sub as (select id from parks where id = $1 union all select p.id from parks p join sub on p.parent_id = sub.id)
       select exists (select 1 from sub where id = $2) as bad`,
      [existingId, input.parentId],
    );
    return row?.bad ? [fieldProblem(['parentId'], 'cycle')] : [];
  },
  toColumns: (input) => ({ ...input, searchKeys: keysOf('park', { ...input, name: input.name ?? '' }) }),
});

export const buildings = defineResource({
  name: 'buildings',
  table: 'buildings',
  tag: 'Buildings 楼宇',
  input: ZBuildingInput,
  output: ZBuilding,
  select: `select b.*, p.name as park_name,
      (select count(distinct o.enterprise_id)::int from occupancies o join units u on u.id = o.unit_id
         join floors f on f.id = u.floor_id where f.building_id = b.id and ${current}) as tenant_count
    from buildings b join parks p on p.id = b.park_id`,
  filters: {
    parkId: filter(id, (q, v) => `t.park_id in ${subtree(q, v)}`),
    type: eq('type'),
    industry: eq('leading_industry'),
    ...provenanceFilters,
  },
  sort: {
    name: 't.name',
    code: 't.code',
    floorsAbove: 't.floors_above',
    grossFloorAreaM2: 't.gross_floor_area_m2',
    tenantCount: 't.tenant_count',
  },
  defaultSort: 'code',
  searchKeys: 't.search_keys',
  refs: { parkId: ['parks', 'id'], sourceId: ['sources', 'id'] },
  async check(input, db, existingId) {
    if (existingId === undefined) return [];
    const [row] = await db.query<{ hi: number | null; lo: number | null }>(
      'select max(floor_no) as hi, min(floor_no) as lo from floors where building_id = $1',
      [existingId],
    );
    const problems = [];
    if (row?.hi != null && row.hi > input.floorsAbove)
      problems.push(fieldProblem(['floorsAbove'], 'floor_out_of_range'));
    if (row?.lo != null && -row.lo > (input.floorsBelow ?? 0))
      problems.push(fieldProblem(['floorsBelow'], 'floor_out_of_range'));
    return problems;
  },
  toColumns: (input) => ({ ...input, searchKeys: keysOf('building', { ...input, name: input.name ?? '' }) }),
});

export const floors = defineResource({
  name: 'floors',
  table: 'floors',
  tag: 'Buildings 楼宇',
  input: ZFloorInput,
  output: ZFloor,
  select: 'select f.* from floors f',
  filters: { buildingId: eq('building_id', id), ...provenanceFilters },
  sort: { floorNo: 't.floor_no' },
  defaultSort: '-floorNo',
  refs: { buildingId: ['buildings', 'id'], sourceId: ['sources', 'id'] },
  async check(input, db) {
    const [b] = await db.query<{ floors_above: number; floors_below: number }>(
      'select floors_above, floors_below from buildings where id = $1',
      [input.buildingId],
    );
    if (!b) return [];
    const ok = input.floorNo > 0 ? input.floorNo <= b.floors_above : -input.floorNo <= b.floors_below;
    return ok
      ? []
      : [
          fieldProblem(['floorNo'], 'floor_out_of_range', {
            zh: `楼宇共 ${b.floors_above} 层（地下 ${b.floors_below} 层）`,
            en: `the building has ${b.floors_above} floors above and ${b.floors_below} below ground`,
          }),
        ];
  },
});

export const units = defineResource({
  name: 'units',
  table: 'units',
  tag: 'Buildings 楼宇',
  input: ZUnitInput,
  output: ZUnit,
  select: 'select u.* from units u',
  filters: { floorId: eq('floor_id', id), status: eq('status'), ...provenanceFilters },
  sort: { code: 't.code', areaM2: 't.area_m2' },
  defaultSort: 'code',
  refs: { floorId: ['floors', 'id'], sourceId: ['sources', 'id'] },
});

/**
 * Checks of an enterprise beyond its schema, without I/O: the credit code (malformed is an error, a
 * failing check character needs a person's confirmation), the GB/T 4754 class and the honour tiers.
 * Shared by the API and the importer, which loads the code sets once per file.
 */
export function enterpriseProblems(
  input: Pick<
    z.output<typeof ZEnterpriseInput>,
    'creditCode' | 'creditCodeConfirmed' | 'industryClassCode' | 'honours'
  >,
  known: { classCodes: Set<string>; tierCodes: Set<string> },
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.creditCode) {
    const r = checkUscc(input.creditCode);
    if (r.problems.includes('length') || r.problems.includes('illegal_character')) {
      problems.push(fieldProblem(['creditCode'], 'credit_code_malformed'));
    } else if (!r.valid && !input.creditCodeConfirmed) {
      problems.push(
        fieldProblem(['creditCode'], 'credit_code_check_failed', {
          zh: `按前17位计算，校验位应为 ${r.expectedCheck ?? '?'}`,
          en: `the first 17 characters call for check character ${r.expectedCheck ?? '?'}`,
        }),
      );
    }
  }
  if (input.industryClassCode && !known.classCodes.has(input.industryClassCode)) {
    problems.push(
      fieldProblem(['industryClassCode'], 'reference_not_found', {
        zh: `GB/T 4754-2017 无小类 ${input.industryClassCode}`,
        en: `GB/T 4754-2017 has no class ${input.industryClassCode}`,
      }),
    );
  }
  input.honours?.forEach((h, i) => {
    if (!known.tierCodes.has(h.tierCode))
      problems.push(fieldProblem(['honours', i, 'tierCode'], 'reference_not_found'));
  });
  return problems;
}

export const enterprises = defineResource({
  name: 'enterprises',
  table: 'enterprises',
  tag: 'Enterprises 企业',
  input: ZEnterpriseInput,
  output: ZEnterprise,
  jsonColumns: ['honours'],
  select: `select e.*, ic.name as industry_class_name,
      coalesce((select array_agg(distinct pk.name) from occupancies o join units u on u.id = o.unit_id
         join floors f on f.id = u.floor_id join buildings b on b.id = f.building_id join parks pk on pk.id = b.park_id
        where o.enterprise_id = e.id and ${current}), '{}') as park_names
    from enterprises e left join industry_classes ic on ic.code = e.industry_class_code`,
  filters: {
    parkId: filter(
      id,
      (q, v) => `exists (select 1 from occupancies o join units u on u.id = o.unit_id join floors f on f.id = u.floor_id
        join buildings b on b.id = f.building_id where o.enterprise_id = t.id and ${current} and b.park_id in ${subtree(q, v)})`,
    ),
    buildingId: filter(
      id,
      (q, v) => `exists (select 1 from occupancies o join units u on u.id = o.unit_id join floors f on f.id = u.floor_id
        where o.enterprise_id = t.id and ${current} and f.building_id = ${q.p(v)})`,
    ),
    regionCode: eq('region_code', z.string().regex(/^\d{6}$/)),
    devzone: filter(ZDevzoneCode, (q, v: string) => `t.id in ${devzoneEnterprises(parseDevzone(v), q)}`),
    industryClassCode: filter(z.string().regex(/^[A-Z]$|^\d{2,4}$/), (q, v: string) =>
      /^[A-Z]$/.test(v)
        ? `t.industry_class_code in (select c.code from industry_classes c join industry_classes g on g.code = c.parent_code
             join industry_classes d on d.code = g.parent_code where d.parent_code = ${q.p(v)})`
        : `t.industry_class_code like ${q.p(`${v}%`)}`,
    ),
    scale: eq('scale'),
    lifecycleStage: eq('lifecycle_stage'),
    chainCode: eq('chain_code'),
    chainStage: eq('chain_stage'),
    isChainLeader: eq('is_chain_leader', boolParam),
    tier: filter(
      z.string().max(64),
      (q, v) => `t.honours @> jsonb_build_array(jsonb_build_object('tierCode', ${q.p(v)}::text))`,
    ),
    creditCode: eq('credit_code', z.string().trim().toUpperCase().max(18)),
    // The city's own firms (registered in Wuhan, holding a unit there, or with no region recorded) by
    // default; false: the others, the chains' outside-city target pool; all: both (issue 11: the list and
    // its exports show the city's firms unless the outside-city pool is asked for).
    inCity: filter(
      z
        .enum(['true', 'false', 'all'])
        .default('true')
        .describe("true (default): the city's own firms; false: the outside-city target pool; all: both"),
      (_q, v: 'true' | 'false' | 'all') => {
        const city = inCity('t');
        return v === 'all' ? 'true' : v === 'true' ? city : `not ${city}`;
      },
    ),
    ...provenanceFilters,
  },
  sort: {
    name: 't.name',
    foundedOn: 't.founded_on',
    updatedAt: 't.updated_at',
    industryClassCode: 't.industry_class_code',
  },
  defaultSort: 'name',
  searchKeys: 't.search_keys',
  refs: { regionCode: ['regions', 'code'], sourceId: ['sources', 'id'] },
  async check(input, db) {
    const classCodes = new Set(
      (
        await db.query<{ code: string }>('select code from industry_classes where code = $1 and level = $2', [
          input.industryClassCode ?? '',
          'class',
        ])
      ).map((c) => c.code),
    );
    const tierCodes = new Set((await db.query<{ code: string }>('select code from tiers')).map((t) => t.code));
    return enterpriseProblems(input, { classCodes, tierCodes });
  },
  toColumns(input) {
    const code = input.creditCode ? checkUscc(input.creditCode) : null;
    const creditCode = code ? code.normalized : input.creditCode;
    return {
      ...input,
      creditCode,
      creditCodeValid: code ? code.valid : null,
      searchKeys: keysOf('enterprise', { ...input, name: input.name ?? '', creditCode }),
    };
  },
});

export const metrics = defineResource({
  name: 'metrics',
  table: 'enterprise_metrics',
  tag: 'Enterprises 企业',
  input: ZMetricInput,
  output: ZMetric,
  select: 'select m.* from enterprise_metrics m',
  filters: {
    enterpriseId: eq('enterprise_id', id),
    year: eq('year', z.coerce.number().int().min(INT32_MIN).max(INT32_MAX)),
    ...provenanceFilters,
  },
  sort: { year: 't.year' },
  defaultSort: 'year',
  refs: { enterpriseId: ['enterprises', 'id'], sourceId: ['sources', 'id'] },
});

export const occupancies = defineResource({
  name: 'occupancies',
  table: 'occupancies',
  tag: 'Enterprises 企业',
  input: ZOccupancyInput,
  output: ZOccupancy,
  select: 'select o.* from occupancies o',
  filters: { enterpriseId: eq('enterprise_id', id), unitId: eq('unit_id', id), ...provenanceFilters },
  sort: { startedOn: 't.started_on' },
  defaultSort: 'startedOn',
  refs: { enterpriseId: ['enterprises', 'id'], unitId: ['units', 'id'], sourceId: ['sources', 'id'] },
  async check(input) {
    return input.startedOn && input.endedOn && input.endedOn < input.startedOn
      ? [fieldProblem(['endedOn'], 'date_order')]
      : [];
  },
});

export const institutions = defineResource({
  name: 'institutions',
  table: 'institutions',
  tag: 'Institutions 机构',
  input: ZInstitutionInput,
  output: ZInstitution,
  select: 'select i.*, p.name as park_name from institutions i left join parks p on p.id = i.park_id',
  filters: {
    parkId: filter(id, (q, v) => `t.park_id in ${subtree(q, v)}`),
    kind: eq('kind'),
    ...provenanceFilters,
  },
  sort: { name: 't.name', kind: 't.kind' },
  defaultSort: 'name',
  searchKeys: 't.search_keys',
  refs: {
    parkId: ['parks', 'id'],
    buildingId: ['buildings', 'id'],
    regionCode: ['regions', 'code'],
    sourceId: ['sources', 'id'],
  },
  toColumns: (input) => ({ ...input, searchKeys: keysOf('institution', { ...input, name: input.name ?? '' }) }),
});

export const supplyLinks = defineResource({
  name: 'supply-links',
  table: 'supply_links',
  tag: 'Enterprises 企业',
  input: ZSupplyLinkInput,
  output: ZSupplyLink,
  select: `select l.*, s.name as supplier_name, c.name as customer_name from supply_links l
    join enterprises s on s.id = l.supplier_id join enterprises c on c.id = l.customer_id`,
  filters: {
    supplierId: eq('supplier_id', id),
    customerId: eq('customer_id', id),
    enterpriseId: filter(id, (q, v) => {
      const p = q.p(v);
      return `(t.supplier_id = ${p} or t.customer_id = ${p})`;
    }),
    ...provenanceFilters,
  },
  sort: { annualAmountWan: 't.annual_amount_wan', product: 't.product' },
  defaultSort: '-annualAmountWan',
  search: ['t.product', 't.supplier_name', 't.customer_name'],
  refs: { supplierId: ['enterprises', 'id'], customerId: ['enterprises', 'id'], sourceId: ['sources', 'id'] },
  async check(input) {
    return input.supplierId === input.customerId ? [fieldProblem(['customerId'], 'self_link')] : [];
  },
});

export const events = defineResource({
  name: 'events',
  table: 'events',
  tag: 'Events 活动',
  input: ZEventInput,
  output: ZEvent,
  select: 'select e.* from events e',
  filters: { kind: eq('kind'), city: eq('city'), ...provenanceFilters },
  sort: { startedOn: 't.started_on', name: 't.name' },
  defaultSort: '-startedOn',
  search: ['t.name', 't.city', 't.description'],
  refs: { sourceId: ['sources', 'id'] },
  async check(input) {
    return input.startedOn && input.endedOn && input.endedOn < input.startedOn
      ? [fieldProblem(['endedOn'], 'date_order')]
      : [];
  },
});

export const keyFigures = defineResource({
  name: 'key-figures',
  table: 'key_figures',
  tag: 'Key figures 指标',
  input: ZKeyFigureInput,
  output: ZKeyFigure,
  select: 'select k.* from key_figures k',
  filters: { subjectType: eq('subject_type'), subjectId: eq('subject_id', id), ...provenanceFilters },
  sort: { label: 't.label', value: 't.value' },
  defaultSort: 'label',
  search: ['t.label', 't.label_en'],
  refs: { sourceId: ['sources', 'id'] },
});

export type Spec = ResourceSpec;

export const REGISTRY_RESOURCES = [
  parks,
  buildings,
  floors,
  units,
  enterprises,
  metrics,
  occupancies,
  institutions,
  supplyLinks,
  events,
  keyFigures,
];
