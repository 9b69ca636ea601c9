/** Supply–demand docking routes (issue 12): thin handlers — validate, authorise, use case, present. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  POSTING_KINDS,
  QUANTITY_MAX,
  UNIT_CODES,
  VISIBILITIES,
  ZBuildingView,
  ZDashboard,
  ZDealInput,
  ZDecisionInput,
  ZMatch,
  ZNodeSuggestion,
  ZPosting,
  ZPostingInput,
  ZSuggestedDemand,
} from '../../../contracts/docking.js';
import { idParam } from '../../../contracts/limits.js';
import type { Db } from '../../../db/connect.js';
import { suggestNodes } from '../../../domain/docking/engine.js';
import { forbidden, notFound } from '../../lib/errors.js';
import { ZProblem } from '../../lib/resource-routes.js';
import { assertMay } from '../../platform/policy/index.js';
import { ctxOf } from '../auth/plugin.js';
import { mayDashboard, who } from './access.js';
import { chainGraph, today } from './book.js';
import { buildingView } from './building.js';
import { dashboard } from './dashboard.js';
import { confirmSuggestedDemand, suggestedDemand } from './leaders.js';
import { decide, recordDeal } from './matches.js';
import { closePosting, createPosting } from './postings.js';
import { findMatch, findPosting, listMatches, listPostings } from './repository.js';

const tags = ['Docking 供需对接'];
const BASE = '/api/v1/docking';
const ZId = z.object({ id: idParam() });
const bool = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();
const paging = {
  page: z.coerce.number().int().min(1).max(100_000).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).optional(),
};
const pageOf = (q: { page?: number | undefined; pageSize?: number | undefined }) => {
  const size = q.pageSize ?? 50;
  return { limit: size, offset: ((q.page ?? 1) - 1) * size };
};
const errors = { 403: ZProblem, 404: ZProblem, 422: ZProblem };

async function nodeNames(db: Db) {
  const graph = await chainGraph(db);
  return (id: string) => graph.nodes.get(id)?.nameZh ?? null;
}

export function registerDockingRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    `${BASE}/node-suggestions`,
    {
      schema: {
        tags,
        summary: 'Chain nodes suggested for a product or service text (the poster confirms one)',
        querystring: z.object({ text: z.string().trim().min(1).max(500) }),
        response: { 200: z.object({ items: z.array(ZNodeSuggestion) }), 422: ZProblem },
      },
    },
    async (req) => ({ items: suggestNodes(await chainGraph(db), req.query.text, 8) }),
  );

  r.get(
    `${BASE}/postings`,
    {
      schema: {
        tags,
        summary:
          'Postings the caller may read (own, and others by visibility); quantities, prices and contacts only to owners',
        querystring: z.object({
          id: idParam().optional().describe('One posting'),
          kind: z.enum(POSTING_KINDS).optional(),
          mine: bool.describe('Only postings the caller acts for'),
          enterpriseId: idParam().optional(),
          q: z.string().trim().max(100).optional(),
          includeExpired: bool,
          ...paging,
        }),
        response: { 200: z.object({ items: z.array(ZPosting), total: z.number().int() }), 422: ZProblem },
      },
    },
    async (req) => {
      const a = who(req);
      const day = today();
      const names = await nodeNames(db);
      if (req.query.id) {
        const p = await findPosting(db, a, req.query.id, names, day);
        if (!p) return { items: [], total: 0 };
        const { mine: _, ...posting } = p;
        return { items: [posting], total: 1 };
      }
      return listPostings(db, a, { ...req.query, ...pageOf(req.query) }, names, day);
    },
  );

  r.post(
    `${BASE}/postings`,
    {
      schema: {
        tags,
        summary: 'Post a supply or a demand; it is matched at once (the new matches are returned as a count)',
        description: `Refused with 422 naming the field (zh + en): an unknown chain node, a quantity ≤ 0 or above ${QUANTITY_MAX}, a validity before today, a unit that does not fit the category (units: ${UNIT_CODES.join(', ')}; visibility: ${VISIBILITIES.join(', ')}).`,
        body: ZPostingInput,
        response: { 201: z.object({ posting: ZPosting, newMatches: z.number().int() }), ...errors },
      },
    },
    async (req, reply) => {
      assertMay(req, 'docking.post');
      const a = who(req);
      const { id, newMatches } = await createPosting(db, a, req.body, ctxOf(req));
      const p = await findPosting(db, a, id, await nodeNames(db), today());
      if (!p) throw notFound();
      const { mine: _, ...posting } = p;
      return reply.status(201).send({ posting, newMatches });
    },
  );

  r.post(
    `${BASE}/postings/:id/close`,
    {
      schema: {
        tags,
        summary: 'Close a posting (its owner): it drops out of matching; its matches and deals stay',
        params: ZId,
        response: { 200: ZPosting, ...errors },
      },
    },
    async (req) => {
      const a = who(req);
      const names = await nodeNames(db);
      if (!(await findPosting(db, a, req.params.id, names, today()))) throw notFound();
      await closePosting(db, a, req.params.id, ctxOf(req));
      const { mine: _, ...posting } = (await findPosting(db, a, req.params.id, names, today()))!;
      return posting;
    },
  );

  r.get(
    `${BASE}/matches`,
    {
      schema: {
        tags,
        summary: 'Matches with their evidence: those of a posting, the caller’s own, or one by id',
        querystring: z.object({
          id: idParam().optional().describe('One match'),
          postingId: idParam().optional(),
          mine: bool,
          ...paging,
        }),
        response: { 200: z.object({ items: z.array(ZMatch), total: z.number().int() }), 403: ZProblem, 422: ZProblem },
      },
    },
    async (req) => {
      const a = who(req);
      if (a.role === 'viewer') throw forbidden();
      if (req.query.id) {
        const m = await findMatch(db, a, req.query.id);
        return m ? { items: [m], total: 1 } : { items: [], total: 0 };
      }
      return listMatches(db, a, { ...req.query, ...pageOf(req.query) });
    },
  );

  r.post(
    `${BASE}/matches/:id/decision`,
    {
      schema: {
        tags,
        summary: 'Decide on a match for the side the caller acts for: interested or not relevant (asked once)',
        description:
          'When both sides are interested the contact opens: each sees the other’s contact, quantity and price.',
        params: ZId,
        body: ZDecisionInput.extend({
          side: z.enum(['demand', 'supply']).optional().describe('Only when the caller acts for both sides'),
        }).strict(),
        response: { 200: z.object({ match: ZMatch, contactOpened: z.boolean() }), ...errors },
      },
    },
    async (req) => {
      const a = who(req);
      const opts = req.body.side ? { side: req.body.side } : {};
      const { contactOpened } = await decide(db, a, req.params.id, req.body.decision, ctxOf(req), opts);
      return { match: (await findMatch(db, a, req.params.id))!, contactOpened };
    },
  );

  r.post(
    `${BASE}/matches/:id/deals`,
    {
      schema: {
        tags,
        summary: 'Record a deal on a match whose contact is open; creates or updates the supplier link',
        description:
          'A match the caller cannot see is a 404. The supplier link moves the chain’s local supporting rate.',
        params: ZId,
        body: ZDealInput,
        response: {
          201: z.object({ match: ZMatch, supplyLinkId: z.number().int(), linkCreated: z.boolean() }),
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const a = who(req);
      const d = await recordDeal(db, a, req.params.id, req.body, ctxOf(req));
      return reply.status(201).send({
        match: (await findMatch(db, a, req.params.id))!,
        supplyLinkId: d.supplyLinkId,
        linkCreated: d.linkCreated,
      });
    },
  );

  r.get(
    `${BASE}/suggested-demand`,
    {
      schema: {
        tags,
        summary:
          '替代外地供应: chain leaders’ purchases from outside the city, with local firms that could supply them',
        response: { 200: z.object({ items: z.array(ZSuggestedDemand) }), 403: ZProblem },
      },
    },
    async (req) => {
      assertMay(req, 'docking.suggested');
      return { items: await suggestedDemand(db, who(req)) };
    },
  );

  r.post(
    `${BASE}/suggested-demand/:id/confirm`,
    {
      schema: {
        tags,
        summary: 'Confirm a suggested demand (the leader or whoever acts for it): it is posted and matched',
        params: ZId.describe('The supplier link the demand comes from'),
        body: ZPostingInput.pick({
          title: true,
          nodeId: true,
          quantity: true,
          unit: true,
          validUntil: true,
          visibility: true,
          contactName: true,
          contactPhone: true,
        })
          .partial({ title: true })
          .strict(),
        response: { 201: z.object({ posting: ZPosting, newMatches: z.number().int() }), ...errors },
      },
    },
    async (req, reply) => {
      assertMay(req, 'docking.post');
      const a = who(req);
      const { id, newMatches } = await confirmSuggestedDemand(db, a, req.params.id, req.body, ctxOf(req));
      const { mine: _, ...posting } = (await findPosting(db, a, id, await nodeNames(db), today()))!;
      return reply.status(201).send({ posting, newMatches });
    },
  );

  r.get(
    `${BASE}/buildings/:id`,
    {
      schema: {
        tags,
        summary: '楼上楼下: a building’s tenants floor by floor, and which could supply which along the chains',
        params: ZId,
        response: { 200: ZBuildingView, 404: ZProblem },
      },
    },
    async (req) => {
      who(req);
      return buildingView(db, req.params.id);
    },
  );

  r.get(
    `${BASE}/dashboard`,
    {
      schema: {
        tags,
        summary:
          'Docking figures in the caller’s scope: postings, matches, contacts, deals, new local supply, 本地配套率 by chain',
        response: { 200: ZDashboard, 403: ZProblem },
      },
    },
    async (req) => {
      const a = who(req);
      if (!mayDashboard(a) && !req.system) throw forbidden();
      return dashboard(db, a);
    },
  );
}
