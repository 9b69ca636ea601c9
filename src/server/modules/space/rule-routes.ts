/**
 * The 工业上楼 rules (item 3): the version in force with its history, any past version, and the draft
 * that editing makes (save, discard, publish). Only the city administrator edits (space.editRules);
 * the draft is shown to those who may edit it.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../../contracts/limits.js';
import { ZRuleDraft, ZRuleSet, ZRuleSetInput } from '../../../contracts/space.js';
import type { Db } from '../../../db/connect.js';
import { ZProblem } from '../../lib/resource-routes.js';
import { may } from '../../platform/policy/index.js';
import { ctxOf } from '../auth/plugin.js';
import * as repo from './repository.js';
import {
  currentRuleSet,
  discardRuleDraft,
  publishRuleDraft,
  ruleDraft,
  ruleSetVersion,
  saveRuleDraft,
} from './rules.js';
import { tags } from './vacancy-routes.js';

export function registerRuleRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/space/rules',
    {
      schema: {
        tags,
        summary:
          'The 工业上楼 rules in force (process → floors by load, vibration, equipment, elevator), their versions and the draft',
        response: {
          200: ZRuleSet.extend({
            versions: z.array(
              z.object({
                version: z.number().int(),
                note: z.string().nullable(),
                createdBy: z.string().nullable(),
                createdAt: z.string(),
                count: z.number().int(),
              }),
            ),
            draft: ZRuleDraft.nullable().describe('Unpublished edits (shown to those who may edit the rules)'),
          }),
        },
      },
    },
    async (req) => ({
      ...(await currentRuleSet(db)),
      versions: (await repo.ruleVersions(db)).map((v) => ({
        version: v.version,
        note: v.note,
        createdBy: v.created_by,
        createdAt: v.created_at instanceof Date ? v.created_at.toISOString() : String(v.created_at),
        count: v.count,
      })),
      draft: req.system || (req.actor && may(req.actor, 'space.editRules')) ? await ruleDraft(db) : null,
    }),
  );

  r.get(
    '/api/v1/space/rules/versions/:version',
    {
      schema: {
        tags,
        summary: 'A published version of the 工业上楼 rules (never changes once published)',
        params: z.object({ version: idParam() }),
        response: { 200: ZRuleSet, 404: ZProblem },
      },
    },
    async (req) => ruleSetVersion(db, req.params.version),
  );

  r.put(
    '/api/v1/space/rules/draft',
    {
      config: { right: 'space.editRules' },
      schema: {
        tags,
        summary:
          'Save edits of the 工业上楼 rules as the draft (city administrators); refusals name the rule and field',
        body: ZRuleSetInput,
        response: { 200: ZRuleDraft, 403: ZProblem, 422: ZProblem },
      },
    },
    async (req) => {
      return saveRuleDraft(db, req.body, ctxOf(req));
    },
  );

  r.delete(
    '/api/v1/space/rules/draft',
    {
      config: { right: 'space.editRules' },
      schema: {
        tags,
        summary: 'Discard the draft of the 工业上楼 rules (city administrators)',
        response: { 204: z.null().describe('Discarded'), 403: ZProblem, 404: ZProblem },
      },
    },
    async (req, reply) => {
      await discardRuleDraft(db, ctxOf(req));
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/v1/space/rules/draft/publish',
    {
      config: { right: 'space.editRules' },
      schema: {
        tags,
        summary: 'Publish the draft as the next version of the 工业上楼 rules, the one in force (city administrators)',
        response: { 200: ZRuleSet, 403: ZProblem, 409: ZProblem, 422: ZProblem },
      },
    },
    async (req) => {
      return publishRuleDraft(db, ctxOf(req));
    },
  );
}
