/** Programme progress (item 5): the targets in force (target-routes.ts), progress computed from the registry. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZProgramme } from '../../../contracts/space.js';
import type { Db } from '../../../db/connect.js';
import { ZProblem } from '../../lib/resource-routes.js';
import { assertMay, seesFigures } from '../../platform/policy/index.js';
import { programme } from './programme.js';
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
}
