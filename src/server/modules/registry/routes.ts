/** Registry routes beyond plain CRUD: reference data, directory, locations, credit-code check, overview. */

import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../../contracts/limits.js';
import { ZBuildingDirectory, ZIndustryClass, ZRegion, ZSource, ZTier } from '../../../contracts/registry.js';
import type { Db } from '../../../db/connect.js';
import { DATA_DIR, readJson } from '../../../db/reference.js';
import { checkUscc } from '../../../domain/uscc.js';
import { notFound } from '../../lib/errors.js';
import { ZProblem } from '../../lib/resource-routes.js';
import { likeEscape, present, Sql } from '../../lib/sql.js';
import { scopeEnterpriseParts } from '../../platform/figures.js';
import { seesFigures } from '../../platform/policy/index.js';
import { ctxOf } from '../auth/plugin.js';
import { registerDevzoneRoutes } from './devzones-route.js';
import { buildingDirectory, enterpriseLocations } from './views.js';

/** The outlines as stored in data/geo (the route adds each district's regionCode). */
type DistrictOutlines = z.infer<typeof ZDistrictOutlines>;
type DistrictFeature = Omit<DistrictOutlines['features'][number], 'properties'> & {
  properties: { name: string; cp: [number, number] };
};
let geoCache: (Omit<DistrictOutlines, 'features'> & { features: DistrictFeature[] }) | undefined;
function wuhanDistricts() {
  geoCache ??= readJson(join(DATA_DIR, 'geo', 'wuhan-districts.geojson'));
  return geoCache as NonNullable<typeof geoCache>;
}

/** A GeoJSON position: longitude, latitude (GCJ-02, as packaged for ECharts; see provenance). */
const ZPosition = z.array(z.number());
/** Offsets of ECharts' compressed encoding, kept as packaged; unused, the coordinates here are plain. */
const ZOffsets = z.array(z.unknown()).optional();
const ZDistrictOutlines = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: z.string().optional().describe('GB/T 2260 code as packaged with the outline'),
        properties: z.object({
          name: z.string().describe('District name in Chinese'),
          cp: z.array(z.number()).optional().describe('Label point: longitude, latitude'),
          regionCode: z.string().nullable().describe('GB/T 2260 code of the district in the registry, null if none'),
        }),
        geometry: z.discriminatedUnion('type', [
          z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(ZPosition)), encodeOffsets: ZOffsets }),
          z.object({
            type: z.literal('MultiPolygon'),
            coordinates: z.array(z.array(z.array(ZPosition))),
            encodeOffsets: ZOffsets,
          }),
        ]),
      }),
    ),
    provenance: z
      .object({
        source: z.string().describe('Where the outlines come from, as a reader cites it'),
        sourceEn: z.string().optional().describe('The same citation in English'),
        url: z.string().optional(),
        package: z.string().optional().describe('The package and version the file was taken from'),
        file: z.string().optional(),
        note: z.string().optional(),
      })
      .describe('Source and caveats of the outlines'),
  })
  .describe("GeoJSON FeatureCollection of Wuhan's districts");

const ZIdParams = z.object({ id: idParam() });
const items = <T extends z.ZodType>(t: T) => z.object({ items: z.array(t) });

export function registerRegistryViews(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ref = ['Reference 参考数据'];
  registerDevzoneRoutes(app, db);

  r.get(
    '/api/v1/regions',
    {
      schema: {
        tags: ref,
        summary: 'GB/T 2260 regions',
        querystring: z.object({
          level: z.enum(['province', 'city', 'district']).optional(),
          parentCode: z
            .string()
            .regex(/^\d{6}$/)
            .optional(),
        }),
        response: { 200: items(ZRegion) },
      },
    },
    async (req) => {
      const rows = await db.query(
        `select code, name, level, parent_code from regions
          where ($1::text is null or level = $1) and ($2::text is null or parent_code = $2) order by code`,
        [req.query.level ?? null, req.query.parentCode ?? null],
      );
      return { items: rows.map((x) => present<z.infer<typeof ZRegion>>(x)) };
    },
  );

  r.get(
    '/api/v1/industry-classes',
    {
      schema: {
        tags: ref,
        summary: 'GB/T 4754-2017 industry classes',
        querystring: z.object({
          q: z.string().trim().max(50).optional(),
          level: z.enum(['section', 'division', 'group', 'class']).optional(),
          parentCode: z.string().max(4).optional(),
          limit: z.coerce.number().int().min(1).max(2000).default(200),
        }),
        response: { 200: items(ZIndustryClass) },
      },
    },
    async (req) => {
      const { q, level, parentCode, limit } = req.query;
      const rows = await db.query(
        `select code, level, name, parent_code, note from industry_classes
          where ($1::text is null or level = $1) and ($2::text is null or parent_code = $2)
            and ($3::text is null or code like $3 || '%' or name ilike '%' || $4 || '%')
          order by code limit $5`,
        [level ?? null, parentCode ?? null, q || null, q ? likeEscape(q) : null, limit],
      );
      return { items: rows.map((x) => present<z.infer<typeof ZIndustryClass>>(x)) };
    },
  );

  r.get(
    '/api/v1/industry-classes/:code',
    {
      schema: {
        tags: ref,
        summary: 'One industry class with its ancestors',
        params: z.object({ code: z.string().max(4) }),
        response: { 200: ZIndustryClass.extend({ path: z.array(ZIndustryClass) }), 404: ZProblem },
      },
    },
    async (req) => {
      const rows = await db.query(
        `with recursive up as (select *, 0 as depth from industry_classes where code = $1
           union all select c.*, up.depth + 1 from industry_classes c join up on c.code = up.parent_code)
         select code, level, name, parent_code, note from up order by depth desc`,
        [req.params.code],
      );
      const path = rows.map((x) => present<z.infer<typeof ZIndustryClass>>(x));
      const self = path.at(-1);
      if (!self) throw notFound();
      return { ...self, path };
    },
  );

  r.get(
    '/api/v1/tiers',
    { schema: { tags: ref, summary: 'Tier and honour catalogue', response: { 200: items(ZTier) } } },
    async () => ({
      items: (await db.query('select * from tiers order by rank')).map((x) => present<z.infer<typeof ZTier>>(x)),
    }),
  );

  r.get(
    '/api/v1/sources',
    { schema: { tags: ref, summary: 'Sources of facts', response: { 200: items(ZSource) } } },
    async () => ({
      items: (await db.query('select * from sources order by id')).map((x) => present<z.infer<typeof ZSource>>(x)),
    }),
  );

  r.get(
    '/api/v1/credit-codes/:code/check',
    {
      schema: {
        tags: ref,
        summary: 'Check a unified social credit code (GB 32100-2015)',
        params: z.object({ code: z.string().max(40) }),
        response: {
          200: z.object({
            normalized: z.string(),
            valid: z.boolean(),
            problems: z.array(z.string()),
            expectedCheck: z.string().nullable(),
            parts: z
              .object({
                authority: z.string(),
                entityType: z.string(),
                areaCode: z.string(),
                orgCode: z.string(),
                check: z.string(),
              })
              .nullable(),
          }),
        },
      },
    },
    async (req) => checkUscc(req.params.code),
  );

  r.get(
    '/api/v1/buildings/:id/directory',
    {
      schema: {
        tags: ['Buildings 楼宇'],
        summary: 'Floor directory (楼层索引): floors top to bottom with units and tenants',
        params: ZIdParams,
        response: { 200: ZBuildingDirectory, 404: ZProblem },
      },
    },
    async (req) => buildingDirectory(db, req.params.id, ctxOf(req)),
  );

  r.get(
    '/api/v1/enterprises/:id/locations',
    {
      schema: {
        tags: ['Enterprises 企业'],
        summary: 'Where an enterprise sits: park › building › floor › unit',
        params: ZIdParams,
        response: {
          200: z.array(
            z.object({
              occupancyId: z.number(),
              parkId: z.number(),
              parkName: z.string(),
              buildingId: z.number(),
              buildingName: z.string(),
              floorNo: z.number(),
              unitId: z.number(),
              unitCode: z.string(),
              areaM2: z.number().nullable(),
              startedOn: z.string().nullable(),
              endedOn: z.string().nullable(),
              sourceId: z.string(),
              asOf: z.string().nullable(),
              synthetic: z.boolean(),
            }),
          ),
          404: ZProblem,
        },
      },
    },
    async (req) => enterpriseLocations(db, req.params.id, ctxOf(req)) as never,
  );

  r.get(
    '/api/v1/geo/wuhan-districts',
    {
      schema: {
        tags: ref,
        summary: "GeoJSON outlines of Wuhan's districts (with regionCode), for maps; source in its provenance field",
        response: { 200: ZDistrictOutlines },
      },
    },
    async (_req, reply) => {
      const codes = new Map(
        (
          await db.query<{ code: string; name: string }>(`select code, name from regions where parent_code = '420100'`)
        ).map((x) => [x.name, x.code.trim()]),
      );
      const geo = wuhanDistricts();
      return reply.header('cache-control', 'public, max-age=86400').send({
        ...geo,
        features: geo.features.map((f) => ({
          ...f,
          properties: { ...f.properties, regionCode: codes.get(f.properties.name) ?? null },
        })),
      });
    },
  );

  r.get(
    '/api/v1/stats/districts',
    {
      schema: {
        tags: ref,
        summary: 'Parks, enterprises and latest-year output per Wuhan district (for the choropleth)',
        response: {
          200: items(
            z.object({
              regionCode: z.string(),
              name: z.string(),
              parks: z.number(),
              enterprises: z.number(),
              outputWan: z
                .number()
                .nullable()
                .describe("Industrial output of the district's enterprises in the latest year with data, 万元"),
              syntheticShare: z.number(),
            }),
          ),
        },
      },
    },
    async (req) => {
      const rows = await db.query(
        `with y as (select max(year) as year from enterprise_metrics where output_wan is not null),
         latest as (select m.enterprise_id, m.output_wan from enterprise_metrics m, y where m.year = y.year and m.output_wan is not null)
         select r.code as region_code, r.name,
                (select count(*)::int from parks p where p.region_code = r.code) as parks,
                (select count(*)::int from enterprises e where e.region_code = r.code) as enterprises,
                coalesce((select sum(l.output_wan) from latest l join enterprises e on e.id = l.enterprise_id where e.region_code = r.code), 0)::float8 as output_wan,
                coalesce((select avg(case when e.synthetic then 1 else 0 end) from enterprises e where e.region_code = r.code), 0)::float8 as synthetic_share
           from regions r where r.parent_code = '420100' order by r.code`,
      );
      // Output is a confidential figure: only those who see figures get its district totals.
      const figures = seesFigures(req);
      return {
        items: rows.map((x) => {
          const d = present<{
            regionCode: string;
            name: string;
            parks: number;
            enterprises: number;
            outputWan: number | null;
            syntheticShare: number;
          }>(x);
          return figures ? d : { ...d, outputWan: null };
        }),
      };
    },
  );

  r.get(
    '/api/v1/stats/overview',
    {
      schema: {
        tags: ['Reference 参考数据'],
        summary: 'Counts for the home page',
        response: {
          200: z.object({
            parks: z.number(),
            buildings: z.number(),
            enterprises: z.number(),
            institutions: z.number(),
            syntheticShare: z.number().describe('Share of parks, buildings and enterprises flagged synthetic'),
          }),
        },
      },
    },
    async () => {
      // The city's firms as the cockpit counts them (platform/figures.ts): registered in the city, or housed in
      // one of its parks — not the chains' target pool registered elsewhere, nor a firm whose district is unknown.
      // Counted per disjoint part and added up, as the cockpit does (fast at 1 M firms).
      const q = new Sql();
      const firms = scopeEnterpriseParts({ kind: 'city' }, q)
        .map((part) => `select count(*) as n, count(*) filter (where synthetic) as s from enterprises e where ${part}`)
        .join(' union all ');
      const [row] = await db.query<Record<string, number>>(
        `with firms as (select coalesce(sum(n), 0) as n, coalesce(sum(s), 0) as s from (${firms}) f)
         select (select count(*) from parks)::int as parks, (select count(*) from buildings)::int as buildings,
                (select n from firms)::int as enterprises, (select count(*) from institutions)::int as institutions,
                ((select count(*) filter (where synthetic) from parks) + (select count(*) filter (where synthetic) from buildings)
                  + (select s from firms))::float8 as synthetic_n`,
        q.params,
      );
      const total = (row?.parks ?? 0) + (row?.buildings ?? 0) + (row?.enterprises ?? 0);
      return {
        parks: row?.parks ?? 0,
        buildings: row?.buildings ?? 0,
        enterprises: row?.enterprises ?? 0,
        institutions: row?.institutions ?? 0,
        syntheticShare: total ? (row?.synthetic_n ?? 0) / total : 0,
      };
    },
  );
}
