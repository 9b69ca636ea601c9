/** Chain maintenance routes (issue 5): template import/export as Excel/JSON, bulk mapping review, leader confirmation. */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../db/connect.js';
import { registerLeaderRoutes } from './leaders.js';
import { registerMappingReviewRoutes } from './mapping-review.js';
import { registerTemplateAdminRoutes } from './template-routes.js';

export function registerChainAdminRoutes(app: FastifyInstance, db: Db): void {
  registerTemplateAdminRoutes(app, db);
  registerMappingReviewRoutes(app, db);
  registerLeaderRoutes(app, db);
}
