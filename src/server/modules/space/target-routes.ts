/**
 * The programme targets (item 5), kept as the 工业上楼 rules are: the version in force with its
 * history, any past version, and the draft that editing makes (save, discard, publish). Only the city
 * administrator edits (space.editRules); those who see the programme read the targets.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../../contracts/limits.js';
import { ZTargetDraft, ZTargetSet, ZTargetSetInput, ZTargetSetView } from '../../../contracts/space.js';
import type { Db } from '../../../db/connect.js';
import { ZProblem } from '../../lib/resource-routes.js';
import { assertMay, may } from '../../platform/policy/index.js';
import { ctxOf } from '../auth/plugin.js';
import {
  currentTargetSet,
  discardTargetDraft,
  publishTargetDraft,
  saveTargetDraft,
  targetDraft,
  targetScopes,
  targetSetVersion,
  targetVersions,
} from './targets.js';
import { tags } from './vacancy-routes.js';

export function registerTargetRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/space/targets',
    {
      schema: {
        tags,
        summary: 'The programme targets in force (metric, scope, period, value, source), their versions and the draft',
        response: { 200: ZTargetSetView, 403: ZProblem },
      },
    },
    async (req) => {
      assertMay(req, 'space.programme');
      const editor = req.system || (req.actor && may(req.actor, 'space.editRules'));
      return {
        ...(await currentTargetSet(db)),
        versions: await targetVersions(db),
        draft: editor ? await targetDraft(db) : null,
        ...(editor ? await targetScopes(db) : { scopes: [], sources: [] }),
      };
    },
  );

  r.get(
    '/api/v1/space/targets/versions/:version',
    {
      schema: {
        tags,
        summary: 'A published version of the programme targets (never changes once published)',
        params: z.object({ version: idParam() }),
        response: { 200: ZTargetSet, 403: ZProblem, 404: ZProblem },
      },
    },
    async (req) => {
      assertMay(req, 'space.programme');
      return targetSetVersion(db, req.params.version);
    },
  );

  r.put(
    '/api/v1/space/targets/draft',
    {
      config: { right: 'space.editRules' },
      schema: {
        tags,
        summary: 'Save edits of the programme targets as the draft (city administrators); refusals name the field',
        body: ZTargetSetInput,
        response: { 200: ZTargetDraft, 403: ZProblem, 422: ZProblem },
      },
    },
    async (req) => saveTargetDraft(db, req.body, ctxOf(req)),
  );

  r.delete(
    '/api/v1/space/targets/draft',
    {
      config: { right: 'space.editRules' },
      schema: {
        tags,
        summary: 'Discard the draft of the programme targets (city administrators)',
        response: { 204: z.null().describe('Discarded'), 403: ZProblem, 404: ZProblem },
      },
    },
    async (req, reply) => {
      await discardTargetDraft(db, ctxOf(req));
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/v1/space/targets/draft/publish',
    {
      config: { right: 'space.editRules' },
      schema: {
        tags,
        summary: 'Publish the draft as the next version of the programme targets, the one progress reads',
        response: { 200: ZTargetSet, 403: ZProblem, 409: ZProblem, 422: ZProblem },
      },
    },
    async (req) => publishTargetDraft(db, ctxOf(req)),
  );
}
