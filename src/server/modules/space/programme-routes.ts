/** Programme progress (item 5): targets as data, progress computed from the registry. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../../contracts/limits.js';
import { ZProgramme, ZTargetInput } from '../../../contracts/space.js';
import type { Db } from '../../../db/connect.js';
import { ZProblem } from '../../lib/resource-routes.js';
import { assertMay, seesFigures } from '../../platform/policy/index.js';
import { ctxOf } from '../auth/plugin.js';
import { createTarget, deleteTarget, programme } from './programme.js';
import { todayIso } from './search-sites.js';
import { tags } from './vacancy-routes.js';

export function registerProgrammeRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/space/programme',
    {
      schema: {
        tags,
        summary: '工业上楼 programme: each target with its progress from the registry, by year, and a forecast',
        description: 'Output (万元) figures are withheld from roles that do not see firms’ figures.',
        response: { 200: ZProgramme, 403: ZProblem },
      },
    },
    async (req) => {
      assertMay(req, 'space.programme');
      return programme(db, { seesOutput: seesFigures(req), asOf: todayIso() });
    },
  );

  r.post(
    '/api/v1/space/targets',
    {
      schema: {
        tags,
        summary: 'Add a programme target with its source document (city administrators)',
        body: ZTargetInput,
        response: { 200: z.object({ id: z.number().int() }), 403: ZProblem, 409: ZProblem, 422: ZProblem },
      },
    },
    async (req) => {
      assertMay(req, 'space.editRules');
      return { id: await createTarget(db, req.body, ctxOf(req)) };
    },
  );

  r.delete(
    '/api/v1/space/targets/:id',
    {
      schema: {
        tags,
        summary: 'Remove a programme target (city administrators)',
        params: z.object({ id: idParam() }),
        response: { 204: z.null().describe('Removed'), 403: ZProblem, 404: ZProblem },
      },
    },
    async (req, reply) => {
      assertMay(req, 'space.editRules');
      await deleteTarget(db, req.params.id, ctxOf(req));
      return reply.code(204).send(null);
    },
  );
}
