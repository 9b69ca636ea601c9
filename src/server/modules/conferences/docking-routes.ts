/** Docking events and chain-aware conferences (issue 12 item 5): the conference's chain, suggestions, results. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZAcceptedSuggestions,
  ZAcceptSuggestions,
  ZConferenceChain,
  ZConferenceChainInput,
  ZConferenceResults,
  ZMeetingSuggestions,
} from '../../../contracts/conference-docking.js';
import { idParam } from '../../../contracts/limits.js';
import type { Db } from '../../../db/connect.js';
import { forbidden } from '../../lib/errors.js';
import { ZProblem } from '../../lib/resource-routes.js';
import { auditedChange } from './audited.js';
import { loadConference } from './conference.js';
import { acceptSuggestions, chainSetting, results, setChain, suggestions } from './docking.js';
import { assertManage } from './policy.js';

const tags = ['Conferences 对接会'];
const ZEventParams = z.object({ id: idParam() });
const BASE = '/api/v1/events/:id/conference';

export function registerConferenceDockingRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    `${BASE}/chain`,
    {
      schema: {
        tags,
        summary: 'The chain the conference is held for (产业链对接会), and the chains it may be held for',
        params: ZEventParams,
        response: { 200: ZConferenceChain, 404: ZProblem },
      },
    },
    async (req) => chainSetting(db, (await loadConference(db, req.params.id, req)).event.id),
  );

  r.put(
    `${BASE}/chain`,
    {
      config: { right: 'writer' },
      schema: {
        tags,
        summary: 'Hold the conference for a chain, or for none (organisers)',
        params: ZEventParams,
        body: ZConferenceChainInput,
        response: { 200: ZConferenceChain, 403: ZProblem, 404: ZProblem, 422: ZProblem },
      },
    },
    async (req) => {
      await auditedChange(db, req, req.params.id, async (t, c) => {
        assertManage(c.access);
        const before = await setChain(t, c, req.body.chainCode, req.actor?.userId ?? null);
        return {
          result: undefined,
          audit: {
            entity: 'conference_chains',
            entityId: c.event.id,
            action: before === null ? 'create' : req.body.chainCode === null ? 'delete' : 'update',
            old: before === null ? null : { chainCode: before },
            new: req.body.chainCode === null ? null : { chainCode: req.body.chainCode },
          },
        };
      });
      return chainSetting(db, req.params.id);
    },
  );

  r.get(
    `${BASE}/suggestions`,
    {
      schema: {
        tags,
        summary:
          'Suggested meeting requests (organisers): docking matches among the participants, and pairs that would fill the chain’s gaps',
        description:
          'Participants linked to a registry enterprise only. Docking matches neither side declined; for a conference held for a chain, gap candidates among the participants with its local leaders and firms, prioritised by the gap (key link, missing, weak). No quantity, price or contact is shown.',
        params: ZEventParams,
        response: { 200: ZMeetingSuggestions, 403: ZProblem, 404: ZProblem },
      },
    },
    async (req) => {
      const c = await loadConference(db, req.params.id, req);
      assertManage(c.access);
      return suggestions(db, c);
    },
  );

  r.post(
    `${BASE}/suggestions/accept`,
    {
      config: { right: 'writer' },
      schema: {
        tags,
        summary: 'Send chosen suggestions as meeting requests with their priority (organisers)',
        description: 'All or none: an unknown key, or a pair with an open request, is a 422 naming keys.<i>.',
        params: ZEventParams,
        body: ZAcceptSuggestions,
        response: { 201: ZAcceptedSuggestions, 403: ZProblem, 404: ZProblem, 422: ZProblem },
      },
    },
    async (req, reply) => {
      const created = await auditedChange(db, req, req.params.id, async (t, c) => {
        assertManage(c.access);
        const made = await acceptSuggestions(t, c, req.body.keys, req.body.status, req.actor?.username ?? null);
        return {
          result: made.map(({ key, requestId }) => ({ key, requestId })),
          audit: made.map((m) => ({
            entity: 'conference_requests',
            entityId: m.requestId,
            action: 'create' as const,
            new: {
              fromId: m.suggestion.fromId,
              toId: m.suggestion.toId,
              priority: m.suggestion.priority,
              status: req.body.status,
              dockingMatchId: m.suggestion.matchId,
              gapNodeId: m.suggestion.gap?.nodeId ?? null,
              suggestion: m.key,
            },
          })),
        };
      });
      return reply.status(201).send({ created });
    },
  );

  r.get(
    `${BASE}/results`,
    {
      schema: {
        tags,
        summary: 'What the event addressed: by chain gap, its requests, meetings, signings and docking deals',
        params: ZEventParams,
        response: { 200: ZConferenceResults, 403: ZProblem, 404: ZProblem },
      },
    },
    async (req) => {
      const c = await loadConference(db, req.params.id, req);
      if (!c.access.readAll) throw forbidden();
      return results(db, c);
    },
  );
}
