/** Site selection (item 2), from a need or from an investment project, its shortlist, and the 工业上楼 rules (item 3). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../../contracts/limits.js';
import {
  ZProjectSearchInput,
  ZReason,
  ZShortlistInput,
  ZShortlistItem,
  ZSiteNeed,
  ZSiteSearch,
} from '../../../contracts/space.js';
import type { Db } from '../../../db/connect.js';
import { highestFloorFor, ruleReasons } from '../../../domain/space/rules.js';
import { ZProblem } from '../../lib/resource-routes.js';
import { assertMay, readsProjects, rightWhen } from '../../platform/policy/index.js';
import { ctxOf } from '../auth/plugin.js';
import { loadPlanBuilding } from './plans.js';
import { currentRuleSet } from './rules.js';
import { searchSites } from './search-sites.js';
import { addToShortlist, needOfProject, removeFromShortlist, shortlistOf } from './shortlist.js';
import { tags } from './vacancy-routes.js';

const ZIdParams = z.object({ id: idParam() });

export function registerSearchRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/space/search',
    {
      config: { right: 'signedIn' },
      schema: {
        tags,
        summary: '智慧选址: hard rules first (each unit ruled out says why), adjacent units combined, ranked by fit',
        description:
          'A read: nothing is stored. Rents in results and reasons are withheld from roles that may not see asking rents.',
        body: ZSiteNeed,
        response: { 200: ZSiteSearch, 422: ZProblem },
      },
    },
    async (req) => searchSites(db, req.actor, req.body),
  );

  r.post(
    '/api/v1/space/projects/:id/search',
    {
      config: { right: rightWhen(readsProjects) },
      schema: {
        tags,
        summary:
          "Site search from an investment project's space need (its area, floor load and chain); the body overrides",
        params: ZIdParams,
        body: ZProjectSearchInput,
        response: { 200: ZSiteSearch.extend({ need: ZSiteNeed }), 404: ZProblem, 422: ZProblem },
      },
    },
    async (req) => {
      const need = ZSiteNeed.parse(await needOfProject(db, req.params.id, req.body, ctxOf(req)));
      return { ...(await searchSites(db, req.actor, need)), need };
    },
  );

  r.get(
    '/api/v1/space/projects/:id/shortlist',
    {
      schema: {
        tags,
        summary: "Units shortlisted for a project's space need",
        params: ZIdParams,
        response: { 200: z.object({ items: z.array(ZShortlistItem) }), 404: ZProblem },
      },
    },
    async (req) => ({ items: await shortlistOf(db, req.params.id, ctxOf(req)) }),
  );

  r.post(
    '/api/v1/space/projects/:id/shortlist',
    {
      config: { right: 'space.shortlist' },
      schema: {
        tags,
        summary: "Put units on a project's shortlist (those who change the project)",
        params: ZIdParams,
        body: ZShortlistInput,
        response: { 200: z.object({ items: z.array(ZShortlistItem) }), 403: ZProblem, 404: ZProblem, 422: ZProblem },
      },
    },
    async (req) => {
      assertMay(req, 'space.shortlist');
      await addToShortlist(db, req.params.id, req.body.unitIds, req.body.note, ctxOf(req));
      return { items: await shortlistOf(db, req.params.id, ctxOf(req)) };
    },
  );

  r.delete(
    '/api/v1/space/projects/:id/shortlist/:unitId',
    {
      config: { right: 'space.shortlist' },
      schema: {
        tags,
        summary: "Take a unit off a project's shortlist",
        params: ZIdParams.extend({ unitId: idParam() }),
        response: { 204: z.null().describe('Removed'), 403: ZProblem, 404: ZProblem },
      },
    },
    async (req, reply) => {
      assertMay(req, 'space.shortlist');
      await removeFromShortlist(db, req.params.id, req.params.unitId, ctxOf(req));
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/v1/space/buildings/:id/fitness',
    {
      schema: {
        tags,
        summary:
          "A building's fitness for each process under the current rules: the highest floor it may use, and why not higher",
        params: ZIdParams,
        response: {
          200: z.object({
            buildingId: z.number().int(),
            buildingName: z.string(),
            rulesVersion: z.number().int(),
            items: z.array(
              z.object({
                process: z.string(),
                nameZh: z.string(),
                nameEn: z.string(),
                highestFloor: z.number().int().nullable(),
                floorsFit: z.number().int(),
                blocking: z
                  .array(ZReason)
                  .describe('Why the floor above the highest one (or the ground floor) does not fit'),
              }),
            ),
          }),
          404: ZProblem,
        },
      },
    },
    async (req) => {
      const building = await loadPlanBuilding(db, req.params.id, ctxOf(req), false);
      const set = await currentRuleSet(db);
      const floors = building.building.floors.map((f) => ({
        floorNo: f.floorNo,
        floorLoadKnM2: f.floorLoadKnM2,
        vibrationUmS: f.vibrationUmS,
        truckAccess: f.truckAccess,
      }));
      return {
        buildingId: building.id,
        buildingName: building.name,
        rulesVersion: set.version,
        items: set.rules.map((rule) => {
          const top = highestFloorFor(rule, floors, building.building.elevatorT);
          const next = floors.find((f) => f.floorNo === (top ?? 0) + 1) ?? floors[0];
          return {
            process: rule.process,
            nameZh: rule.nameZh,
            nameEn: rule.nameEn,
            highestFloor: top,
            floorsFit: floors.filter((f) => ruleReasons(rule, f, building.building.elevatorT).length === 0).length,
            blocking: next ? ruleReasons(rule, next, building.building.elevatorT) : [],
          };
        }),
      };
    },
  );
}
