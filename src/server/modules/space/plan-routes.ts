/** Floor planning (item 4): the building's current tenants as input, plans, hand moves, acceptance. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../../contracts/limits.js';
import { ZFloorPlan, ZPlanInput, ZPlanMoves, ZPlanTenant } from '../../../contracts/space.js';
import type { Db } from '../../../db/connect.js';
import { ZProblem } from '../../lib/resource-routes.js';
import { assertMay } from '../../platform/policy/index.js';
import { ctxOf } from '../auth/plugin.js';
import { acceptPlan, createPlan, currentTenants, loadPlanBuilding, movePlan, plansOf } from './plans.js';
import { tags } from './vacancy-routes.js';

const ZIdParams = z.object({ id: idParam() });

export function registerPlanRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/space/buildings/:id/plan-input',
    {
      schema: {
        tags,
        summary: "A building's floors and its current tenants as a floor-planning problem (to edit before planning)",
        params: ZIdParams,
        response: {
          200: z.object({
            buildingId: z.number().int(),
            buildingName: z.string(),
            leadingIndustry: z.string().nullable(),
            elevatorT: z.number().nullable(),
            floors: z.array(
              z.object({
                floorNo: z.number().int(),
                areaM2: z.number(),
                floorLoadKnM2: z.number(),
                clearHeightM: z.number(),
                powerKva: z.number().nullable(),
                truckAccess: z.boolean(),
                vibrationUmS: z.number().nullable().describe('Floor vibration, µm/s (the process rules read it)'),
              }),
            ),
            tenants: z.array(ZPlanTenant),
            links: z.array(z.object({ from: z.string(), to: z.string(), weight: z.number() })),
          }),
          404: ZProblem,
        },
      },
    },
    async (req) => {
      const b = await loadPlanBuilding(db, req.params.id, ctxOf(req), false);
      const { tenants, links } = await currentTenants(db, req.params.id);
      return {
        buildingId: b.id,
        buildingName: b.name,
        leadingIndustry: b.building.leadingIndustry,
        elevatorT: b.building.elevatorT,
        floors: b.building.floors,
        tenants,
        links,
      };
    },
  );

  r.post(
    '/api/v1/space/buildings/:id/plans',
    {
      config: { right: 'space.plan' },
      schema: {
        tags,
        summary:
          'Plan tenants onto floors: exact (HiGHS, gap reported at the time limit) or greedy; every placement explained',
        params: ZIdParams,
        body: ZPlanInput,
        response: { 200: ZFloorPlan, 403: ZProblem, 404: ZProblem, 422: ZProblem },
      },
    },
    async (req) => {
      assertMay(req, 'space.plan');
      return createPlan(db, req.params.id, req.body, ctxOf(req));
    },
  );

  r.get(
    '/api/v1/space/buildings/:id/plans',
    {
      schema: {
        tags,
        summary: "A building's floor plans, newest first, each with the independent checker's findings",
        params: ZIdParams,
        response: { 200: z.object({ items: z.array(ZFloorPlan) }), 404: ZProblem },
      },
    },
    async (req) => ({ items: await plansOf(db, req.params.id, ctxOf(req)) }),
  );

  r.patch(
    '/api/v1/space/plans/:id',
    {
      config: { right: 'space.plan' },
      schema: {
        tags,
        summary: 'Move tenants by hand; refused (422, the broken rule named) when a hard limit breaks, nothing saved',
        params: ZIdParams,
        body: ZPlanMoves,
        response: { 200: ZFloorPlan, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem },
      },
    },
    async (req) => {
      assertMay(req, 'space.plan');
      return movePlan(db, req.params.id, req.body.moves, ctxOf(req));
    },
  );

  r.post(
    '/api/v1/space/plans/:id/accept',
    {
      config: { right: 'space.plan' },
      schema: {
        tags,
        summary: "Accept a plan: its registered tenants' occupancies become the floor directory",
        params: ZIdParams,
        response: {
          200: z.object({ plan: ZFloorPlan, occupancies: z.number().int(), skipped: z.array(z.string()) }),
          403: ZProblem,
          404: ZProblem,
          409: ZProblem,
          422: ZProblem,
        },
      },
    },
    async (req) => {
      assertMay(req, 'space.plan');
      return acceptPlan(db, req.params.id, ctxOf(req));
    },
  );
}
