/** Vacancy (issue 13 item 1): units with specs and listings, vacancy rates, expiring leases, history. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../../contracts/limits.js';
import {
  type TSpaceUnit,
  ZExpiringLease,
  ZLeaseInput,
  ZLeaseQuery,
  ZListingInput,
  ZSpaceUnit,
  ZVacancy,
  ZVacancyQuery,
} from '../../../contracts/space.js';
import type { Db } from '../../../db/connect.js';
import { notFound } from '../../lib/errors.js';
import { ZProblem } from '../../lib/resource-routes.js';
import { Sql } from '../../lib/sql.js';
import { assertMay, readScope, redact } from '../../platform/policy/index.js';
import { ctxOf } from '../auth/plugin.js';
import { saveLease, saveListing } from './listings.js';
import * as repo from './repository.js';

export const tags = ['Space 空间'];
const ZIdParams = z.object({ id: idParam() });

type Row = repo.UnitRow & { lease_ends_on: string | null; tenant_name: string | null };

export function presentUnit(req: FastifyRequest, r: Row): TSpaceUnit {
  const u: TSpaceUnit = {
    unitId: r.unit_id,
    unitCode: r.unit_code,
    floorId: r.floor_id,
    floorNo: r.floor_no,
    buildingId: r.building_id,
    buildingName: r.building_name,
    parkId: r.park_id,
    parkName: r.park_name,
    zoneName: r.zone_name,
    regionCode: r.region_code,
    status: r.status,
    areaM2: r.area_m2,
    seq: r.seq,
    floorLoadKnM2: r.floor_load_kn_m2,
    clearHeightM: r.clear_height_m,
    powerKva: r.power_kva,
    exhaust: r.exhaust,
    waterDrainage: r.water_drainage,
    cleanRoomIso: r.clean_room_iso,
    vibrationUmS: r.vibration_um_s,
    hazardousAllowed: r.hazardous_allowed,
    elevatorT: r.elevator_t,
    elevatorCarWidthM: r.elevator_car_width_m,
    elevatorCarDepthM: r.elevator_car_depth_m,
    truckAccess: r.truck_access,
    availableFrom: r.available_from,
    availableUntil: r.available_until,
    askingRentYuanM2Month: r.asking_rent_yuan_m2_month,
    subsidyPct: r.subsidy_pct,
    subsidyNote: r.subsidy_note,
    leaseEndsOn: r.lease_ends_on,
    tenantName: r.tenant_name,
    lat: r.lat,
    lng: r.lng,
    synthetic: r.synthetic,
  };
  return redact(req.actor, 'space-listings', u);
}

const scopeOf = (req: FastifyRequest, resource: string, q: Sql) =>
  req.actor ? readScope(req.actor, resource, q) : null;

export function registerVacancyRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/space/units',
    {
      schema: {
        tags,
        summary: 'Units with their effective specs, availability, asking rent (confidential) and current lease',
        querystring: z.object({
          status: z.enum(['vacant', 'occupied', 'reserved']).optional(),
          parkId: idParam().optional().describe('A park or zone (its sub-parks included)'),
          buildingId: idParam().optional(),
          page: z.coerce.number().int().min(1).max(10_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(ZSpaceUnit), total: z.number().int() }) },
      },
    },
    async (req) => {
      const q = new Sql();
      const { page, pageSize, ...f } = req.query;
      const rows = await repo.listUnits(db, q, scopeOf(req, 'space-listings', q), {
        ...f,
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      return { items: rows.map((x) => presentUnit(req, x)), total: rows[0]?.total ?? 0 };
    },
  );

  r.get(
    '/api/v1/space/units/:id',
    {
      schema: {
        tags,
        summary: 'One unit with its specs, listing and occupancy history',
        params: ZIdParams,
        response: {
          200: ZSpaceUnit.extend({
            history: z.array(
              z.object({
                occupancyId: z.number().int(),
                enterpriseId: z.number().int(),
                enterpriseName: z.string(),
                startedOn: z.string().nullable(),
                endedOn: z.string().nullable(),
                leaseEndsOn: z.string().nullable(),
                areaM2: z.number().nullable(),
              }),
            ),
          }),
          404: ZProblem,
        },
      },
    },
    async (req) => {
      const q = new Sql();
      const row = await repo.loadUnit(db, q, req.params.id, scopeOf(req, 'space-listings', q));
      if (!row) throw notFound();
      const history = (await repo.unitHistory(db, req.params.id)).map((h) => ({
        occupancyId: h.occupancy_id,
        enterpriseId: h.enterprise_id,
        enterpriseName: h.enterprise_name,
        startedOn: h.started_on,
        endedOn: h.ended_on,
        leaseEndsOn: h.lease_ends_on,
        areaM2: h.area_m2,
      }));
      return { ...presentUnit(req, row), history };
    },
  );

  r.put(
    '/api/v1/space/units/:id/listing',
    {
      config: { right: 'space.keepListings' },
      schema: {
        tags,
        summary:
          "Keep a unit's availability, asking rent, subsidy, specs and status current (its park's operators, its district, the city)",
        params: ZIdParams,
        body: ZListingInput,
        response: { 200: ZSpaceUnit, 403: ZProblem, 404: ZProblem, 422: ZProblem },
      },
    },
    async (req) => {
      assertMay(req, 'space.keepListings');
      await saveListing(db, req.params.id, req.body, ctxOf(req));
      const q = new Sql();
      const row = await repo.loadUnit(db, q, req.params.id, scopeOf(req, 'space-listings', q));
      if (!row) throw notFound();
      return presentUnit(req, row);
    },
  );

  r.get(
    '/api/v1/space/vacancy',
    {
      schema: {
        tags,
        summary:
          'Vacancy rates (vacant area / area) by building, park, zone, district or development zone, with map positions',
        querystring: ZVacancyQuery,
        response: { 200: ZVacancy },
      },
    },
    async (req) => {
      const q = new Sql();
      const rows = await repo.vacancy(db, q, scopeOf(req, 'space-listings', q), req.query.groupBy, req.query);
      return {
        groupBy: req.query.groupBy,
        items: rows.map((x) => ({
          key: String(x.key),
          name: x.name,
          nameEn: x.name_en ?? null,
          units: x.units,
          vacantUnits: x.vacant_units,
          areaM2: x.area_m2,
          vacantAreaM2: x.vacant_area_m2,
          vacancyRate: x.area_m2 > 0 ? Math.round((x.vacant_area_m2 / x.area_m2) * 10000) / 10000 : 0,
          lat: x.lat,
          lng: x.lng,
        })),
      };
    },
  );

  r.get(
    '/api/v1/space/leases/expiring',
    {
      schema: {
        tags,
        summary: 'Leases ending within N months (rents confidential)',
        querystring: ZLeaseQuery,
        response: { 200: z.object({ items: z.array(ZExpiringLease) }) },
      },
    },
    async (req) => {
      const q = new Sql();
      const rows = await repo.expiringLeases(
        db,
        q,
        scopeOf(req, 'space-leases', q),
        req.query.months,
        req.query.parkId,
      );
      return {
        items: rows.map((x) =>
          redact(req.actor, 'space-leases', {
            occupancyId: x.occupancy_id,
            unitId: x.unit_id,
            unitCode: x.unit_code,
            floorNo: x.floor_no,
            buildingName: x.building_name,
            parkName: x.park_name,
            enterpriseId: x.enterprise_id,
            enterpriseName: x.enterprise_name,
            areaM2: x.area_m2,
            leaseEndsOn: x.lease_ends_on,
            rentYuanM2Month: x.rent_yuan_m2_month,
          }),
        ),
      };
    },
  );

  r.put(
    '/api/v1/space/leases/:id',
    {
      config: { right: 'space.keepListings' },
      schema: {
        tags,
        summary: "Set an occupancy's lease end and rent (the unit's park operators, its district, the city)",
        params: ZIdParams,
        body: ZLeaseInput,
        response: { 200: z.object({ occupancyId: z.number().int() }), 403: ZProblem, 404: ZProblem, 422: ZProblem },
      },
    },
    async (req) => {
      assertMay(req, 'space.keepListings');
      await saveLease(db, req.params.id, req.body, ctxOf(req));
      return { occupancyId: req.params.id };
    },
  );
}
