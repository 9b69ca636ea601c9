/** Investment routes beside the project itself: orders, reminders, digest, dashboard, events, the chain shortlist. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EVENT_KINDS } from '../../../contracts/enums.js';
import { fieldProblem } from '../../../contracts/errors.js';
import {
  ORDER_STATUSES,
  ZDigestAnswer,
  ZEventDetail,
  ZEventDetails,
  ZEventList,
  ZOrder,
  ZOrderResponse,
  ZOutcomeInput,
  ZPerson,
  ZReminders,
  ZResults,
  ZShortlistLead,
} from '../../../contracts/invest.js';
import { idParam } from '../../../contracts/limits.js';
import type { Db } from '../../../db/connect.js';
import { digestMarkdown } from '../../../domain/invest/follow-up.js';
import { forbidden, invalid, notFound } from '../../lib/errors.js';
import { ZProblem } from '../../lib/resource-routes.js';
import { present } from '../../lib/sql.js';
import { fileResponse } from '../../platform/openapi.js';
import { changes, may, redactFigures, rightWhen } from '../../platform/policy/index.js';
import { ctxOf } from '../auth/plugin.js';
import { dashboard } from './dashboard.js';
import { buildDigest } from './digest.js';
import { registerDocumentFileRoutes } from './documents.js';
import { addOutcome, eventDetail, listEvents, mayEditEvents, removeOutcome, updateEventDetails } from './events.js';
import { closeOrder, listOrders, reminders, respondOrder } from './follow-ups.js';
import { projectFromCandidate } from './projects.js';
import { mayCreateProjects } from './repository.js';
import type { PersonRow, ShortlistLeadRow } from './types.js';

const tags = ['Investment 招商'];
const ZId = z.object({ id: idParam() });
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

export function registerInvestExtraRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  registerDocumentFileRoutes(app, db);

  r.get(
    '/api/v1/invest/orders',
    {
      schema: {
        tags,
        summary: 'Supervision orders (督办) the actor can see; mine=true: assigned to or issued by the actor',
        querystring: z.object({
          status: z.enum(ORDER_STATUSES).optional(),
          mine: bool.optional(),
          projectId: idParam().optional(),
        }),
        response: { 200: z.object({ items: z.array(ZOrder) }), 422: ZProblem },
      },
    },
    async (req) => ({ items: await listOrders(db, req.query, ctxOf(req)) }),
  );
  r.post(
    '/api/v1/invest/orders/:id/respond',
    {
      config: { right: 'writer' },
      schema: {
        tags,
        summary: 'The assignee answers a supervision order',
        params: ZId,
        body: ZOrderResponse,
        response: { 200: ZOrder, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem },
      },
    },
    async (req) => respondOrder(db, { id: req.params.id, ...req.body }, ctxOf(req)),
  );
  r.post(
    '/api/v1/invest/orders/:id/close',
    {
      config: { right: 'issueOrders' },
      schema: {
        tags,
        summary: 'The leader closes an answered supervision order',
        params: ZId,
        body: z.object({ version: z.number().int().positive() }),
        response: { 200: ZOrder, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem },
      },
    },
    async (req) => closeOrder(db, { id: req.params.id, version: req.body.version }, ctxOf(req)),
  );

  r.get(
    '/api/v1/invest/reminders',
    {
      schema: {
        tags,
        summary: 'My reminders: follow-ups overdue, due today or this week; my open orders',
        response: { 200: ZReminders },
      },
    },
    async (req) => reminders(db, ctxOf(req)),
  );

  r.get(
    '/api/v1/invest/digest',
    {
      schema: {
        tags,
        summary:
          'Weekly digest of an officer (default: the actor): stage moves, follow-ups, overdue follow-ups, open orders',
        description: 'format=md returns the Markdown body of an e-mail (text/markdown).',
        querystring: z.object({
          week: z.string().max(10).optional().describe('ISO week, e.g. 2026-W47 (default: this week)'),
          userId: idParam().optional().describe('Another officer (city-wide roles only)'),
          format: z.enum(['json', 'md']).default('json'),
          lang: z.enum(['zh', 'en']).default('zh'),
        }),
        response: {
          200: {
            description: 'The digest (JSON), or with format=md the Markdown body of an e-mail',
            content: {
              'application/json': { schema: ZDigestAnswer },
              'text/markdown': fileResponse('', 'text/markdown').content['text/markdown']!,
            },
          },
          403: ZProblem,
          404: ZProblem,
          422: ZProblem,
        },
      },
    },
    async (req, reply) => {
      const a = req.actor;
      const userId = req.query.userId ?? a?.userId;
      if (!userId) throw invalid([fieldProblem(['querystring', 'userId'], 'required')]);
      if (a && userId !== a.userId && !may(a, 'seeFigures')) throw forbidden();
      const d = await buildDigest(db, { userId, week: req.query.week });
      if (!d) {
        throw invalid([
          fieldProblem(['querystring', 'week'], 'invalid_format', { zh: '如 2026-W47', en: 'e.g. 2026-W47' }),
        ]);
      }
      if (req.query.format === 'md') {
        return reply.header('content-type', 'text/markdown; charset=utf-8').send(digestMarkdown(d, req.query.lang));
      }
      return { ...d, markdown: digestMarkdown(d, req.query.lang) };
    },
  );

  r.get(
    '/api/v1/invest/dashboard',
    {
      schema: {
        tags,
        summary:
          'Results: funnel by stage; signings and investment by event, officer, park, chain, origin region; conversion',
        querystring: z.object({
          eventId: idParam().optional(),
          parkId: idParam().optional(),
          chainCode: z.string().max(16).optional(),
        }),
        response: { 200: ZResults, 422: ZProblem },
      },
    },
    async (req) => dashboard(db, req.query, ctxOf(req)),
  );

  r.get(
    '/api/v1/invest/people',
    {
      schema: {
        tags,
        summary: 'Users who can own or work on projects (for owner and team pickers)',
        response: { 200: z.object({ items: z.array(ZPerson) }), 403: ZProblem },
      },
    },
    async (req) => {
      if (req.actor && !may(req.actor, 'projects')) throw forbidden();
      const rows = await db.query(
        `select id, display_name, role from users where not disabled
          and role in ('city_admin', 'investment_officer', 'district_user') order by role, display_name`,
      );
      return { items: rows.map((x) => present<PersonRow>(x)) };
    },
  );

  r.get(
    '/api/v1/invest/events',
    {
      schema: {
        tags,
        summary: 'Events with their followed results: signed, intentions, started, producing, signed investment',
        querystring: z.object({
          kind: z.enum(EVENT_KINDS).optional(),
          q: z.string().max(100).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: ZEventList, 422: ZProblem },
      },
    },
    async (req) => listEvents(db, req.query),
  );
  r.get(
    '/api/v1/invest/events/:id',
    {
      schema: {
        tags,
        summary: 'An event: organisers, participants, people, itinerary, outcomes and results',
        params: ZId,
        response: { 200: ZEventDetail, 404: ZProblem },
      },
    },
    async (req) => eventDetail(db, req.params.id, ctxOf(req)),
  );
  r.put(
    '/api/v1/invest/events/:id/details',
    {
      config: { right: rightWhen(mayEditEvents) },
      schema: {
        tags,
        summary: 'Replace an event’s organisers, participants, people and itinerary (versioned)',
        params: ZId,
        body: ZEventDetails,
        response: { 200: ZEventDetail, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem },
      },
    },
    async (req) => updateEventDetails(db, { id: req.params.id, body: req.body }, ctxOf(req)),
  );
  r.post(
    '/api/v1/invest/events/:id/outcomes',
    {
      config: { right: changes('projects') },
      schema: {
        tags,
        summary: 'Link a signing or intention at the event to a project',
        params: ZId,
        body: ZOutcomeInput,
        response: { 201: ZEventDetail, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await addOutcome(db, { eventId: req.params.id, input: req.body }, ctxOf(req))),
  );
  r.delete(
    '/api/v1/invest/events/:id/outcomes/:outcomeId',
    {
      config: { right: changes('projects') },
      schema: {
        tags,
        summary: 'Unlink an outcome',
        params: ZId.extend({ outcomeId: idParam() }),
        response: { 200: ZEventDetail, 403: ZProblem, 404: ZProblem },
      },
    },
    async (req) => removeOutcome(db, { eventId: req.params.id, outcomeId: req.params.outcomeId }, ctxOf(req)),
  );

  // The chain shortlist (0005) predates this module: its rows are shown as leads to convert with one click.
  r.get(
    '/api/v1/invest/shortlist',
    {
      schema: {
        tags,
        summary: 'Gap-filling candidates kept on the chain shortlist and not yet turned into projects',
        response: { 200: z.object({ items: z.array(ZShortlistLead) }), 403: ZProblem },
      },
    },
    async (req) => {
      if (req.actor && !mayCreateProjects(req.actor) && !may(req.actor, 'seeFigures')) throw forbidden();
      const rows = await db.query(
        `select s.*, e.name as enterprise_name, e.region_code as enterprise_region from chain_shortlist s
           join enterprises e on e.id = s.enterprise_id
          where not exists (select 1 from projects p where p.shortlist_id = s.id)
          order by s.created_at desc limit 500`,
      );
      const items = rows.map((x) => present<ShortlistLeadRow>(x));
      return { items: req.actor && !may(req.actor, 'seeFigures') ? redactFigures(items) : items };
    },
  );
  r.post(
    '/api/v1/invest/shortlist/:id/convert',
    {
      config: { right: changes('projects') },
      schema: {
        tags,
        summary: 'Turn a shortlisted candidate into a lead (409 with projectId when already open)',
        params: ZId,
        response: {
          201: z.object({ id: z.number() }),
          403: ZProblem,
          404: ZProblem,
          409: ZProblem.extend({ projectId: z.number() }),
          422: ZProblem,
        },
      },
    },
    async (req, reply) => {
      const [s] = await db.query<{
        chain_code: string;
        node_id: string;
        enterprise_id: number;
        scope: string;
        reasons: unknown[];
        score: number | null;
      }>('select * from chain_shortlist where id = $1', [req.params.id]);
      if (!s) throw notFound();
      const p = await projectFromCandidate(
        db,
        {
          shortlistId: req.params.id,
          candidate: {
            chainCode: s.chain_code,
            nodeId: s.node_id,
            enterpriseId: s.enterprise_id,
            scope: s.scope,
            reasons: s.reasons,
            score: s.score,
          },
        },
        ctxOf(req),
      );
      return reply.status(201).send({ id: p.id });
    },
  );
}
