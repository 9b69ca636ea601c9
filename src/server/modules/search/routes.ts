/** GET /api/v1/search: one box across parks, buildings, enterprises and institutions. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../../db/connect.js';
import { ZProblem } from '../../lib/resource-routes.js';
import { ZSearchQuery, ZSearchResult } from './schemas.js';
import { search } from './search.js';
import type { SearchType } from './sources.js';

export function registerSearchRoutes(app: FastifyInstance, db: Db): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/search',
    {
      schema: {
        tags: ['Search 搜索'],
        summary: 'Search parks, buildings, enterprises and institutions',
        description:
          'Matches Chinese substrings, full pinyin, pinyin initials, aliases, English names, credit codes and products; ranked exact > prefix > substring > fuzzy (pinyin typos), names before aliases before products.',
        querystring: ZSearchQuery,
        response: { 200: ZSearchResult, 422: ZProblem },
      },
    },
    async (req) => {
      const { q, types, limit } = req.query;
      const list = types ? ([...new Set(types.split(','))] as SearchType[]) : undefined;
      return search({ q, types: list, limit }, { db, actor: req.actor });
    },
  );
}
