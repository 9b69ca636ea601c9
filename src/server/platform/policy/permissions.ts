/**
 * The permission matrix of an actor, read by the web (GET /api/v1/permissions) so menus and
 * buttons follow the server's policy instead of a copy of it.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type TPermissions, ZPermissions } from '../../../contracts/auth.js';
import { ZProblem } from '../../lib/resource-routes.js';
import { Sql } from '../../lib/sql.js';
import type { Actor } from '../../modules/auth/actor.js';
import { allFeatures } from './features.js';
import { allPolicies } from './registry.js';

const SYSTEM: Actor = {
  userId: 0,
  username: 'system',
  role: 'city_admin',
  organisationId: 0,
  regionCodes: [],
  enterpriseId: null,
  readOnly: false,
};

export function permissionsOf(a: Actor): TPermissions {
  const resources: TPermissions['resources'] = {};
  for (const [r, p] of allPolicies()) {
    const w = p.write(a, new Sql());
    resources[r] = {
      read: p.read(a, new Sql()) !== 'false',
      create: p.create(a) !== false,
      write: w === false ? 'none' : w === null ? 'all' : a.role === 'enterprise_user' ? 'own' : 'scope',
    };
  }
  const features = Object.fromEntries(
    allFeatures()
      .filter(([f]) => f !== 'seeFigures')
      .map(([f, test]) => [f, test(a)]),
  ) as TPermissions['features'];
  return { role: a.role, readOnly: a.readOnly, resources, features };
}

export function registerPermissionRoutes(app: FastifyInstance): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/permissions',
    {
      schema: {
        tags: ['Accounts 账号'],
        summary: "The caller's permission matrix: resources (read, create, which rows it changes) and features",
        response: { 200: ZPermissions, 401: ZProblem },
      },
    },
    async (req) => permissionsOf(req.actor ?? SYSTEM),
  );
}
