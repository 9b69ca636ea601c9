/** Visits (一企一访): the shared calendar, planning with the quiet-period warning, joining, notes and flags. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../../contracts/limits.js';
import {
  isoDay,
  ZRetentionRow,
  ZVisit,
  ZVisitConflict,
  ZVisitInput,
  ZVisitPlanned,
  ZVisitRecord,
} from '../../../contracts/services.js';
import type { Db } from '../../../db/connect.js';
import { ZProblem } from '../../lib/resource-routes.js';
import { assertMay } from '../../platform/policy/index.js';
import { ctxOf } from '../auth/plugin.js';
import {
  cancelVisit,
  getVisit,
  joinVisit,
  listVisits,
  othersNear,
  planVisit,
  recordVisit,
  retention,
} from './visits.js';

const tags = ['Services 企业服务'];
const ZId = z.object({ id: idParam() });
const day = isoDay();

export function registerVisitRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/services/visits',
    {
      schema: {
        tags,
        summary: 'The visit calendar (one per firm, shared by all agencies); an enterprise sees its own, without notes',
        querystring: z.object({ enterpriseId: idParam().optional(), from: day.optional(), to: day.optional() }),
        response: { 200: z.object({ items: z.array(ZVisit) }) },
      },
    },
    async (req) => ({ items: await listVisits(db, req.actor, req.query) }),
  );

  r.get(
    '/api/v1/services/visits/conflicts',
    {
      schema: {
        tags,
        summary:
          'Visits by other organisations within the quiet period around a date, to join instead of visiting again',
        querystring: z.object({ enterpriseId: idParam(), plannedOn: day }),
        response: { 200: ZVisitConflict, 403: ZProblem },
      },
    },
    async (req) => {
      const a = assertMay(req, 'services.visit');
      return othersNear(db, req.actor, req.query.enterpriseId, req.query.plannedOn, a?.organisationId ?? null);
    },
  );

  r.get(
    '/api/v1/services/visits/:id',
    { schema: { tags, summary: 'One visit', params: ZId, response: { 200: ZVisit, 404: ZProblem } } },
    async (req) => getVisit(db, req.actor, req.params.id),
  );

  r.post(
    '/api/v1/services/visits',
    {
      config: { right: 'services.visit' },
      schema: {
        tags,
        summary: 'Plan a visit; warns (visit null, conflict listed) of other agencies’ visits in the quiet period',
        description:
          'When another organisation visited or plans to visit the firm within the quiet period, nothing is planned and the answer lists those visits (join one with POST /visits/{id}/join), unless confirmDespiteRecent is true.',
        body: ZVisitInput,
        response: { 200: ZVisitPlanned, 201: ZVisitPlanned, 403: ZProblem, 422: ZProblem },
      },
    },
    async (req, reply) => {
      assertMay(req, 'services.visit');
      const out = await planVisit(db, req.body, ctxOf(req));
      if (out.visit) reply.status(201);
      return out;
    },
  );

  r.post(
    '/api/v1/services/visits/:id/join',
    {
      config: { right: 'services.visit' },
      schema: {
        tags,
        summary: 'Join another organisation’s planned visit instead of visiting the firm separately',
        params: ZId,
        response: { 200: ZVisit, 403: ZProblem, 404: ZProblem, 409: ZProblem },
      },
    },
    async (req) => {
      assertMay(req, 'services.visit');
      return joinVisit(db, req.params.id, ctxOf(req));
    },
  );

  r.post(
    '/api/v1/services/visits/:id/record',
    {
      config: { right: 'services.visit' },
      schema: {
        tags,
        summary: 'Record a held visit: notes and flags; each new flag opens a ticket with the team that owns it',
        params: ZId,
        body: ZVisitRecord,
        response: { 200: ZVisit, 403: ZProblem, 404: ZProblem, 409: ZProblem },
      },
    },
    async (req) => {
      assertMay(req, 'services.visit');
      return recordVisit(db, req.params.id, req.body, ctxOf(req));
    },
  );

  r.post(
    '/api/v1/services/visits/:id/cancel',
    {
      config: { right: 'services.visit' },
      schema: {
        tags,
        summary: 'Cancel a planned visit',
        params: ZId,
        response: { 200: ZVisit, 403: ZProblem, 404: ZProblem, 409: ZProblem },
      },
    },
    async (req) => {
      assertMay(req, 'services.visit');
      return cancelVisit(db, req.params.id, ctxOf(req));
    },
  );

  r.get(
    '/api/v1/services/retention',
    {
      schema: {
        tags,
        summary: 'Business retention: firms flagged at risk of relocating, their open retention tickets and last visit',
        response: { 200: z.object({ items: z.array(ZRetentionRow) }), 403: ZProblem },
      },
    },
    async (req) => {
      assertMay(req, 'services.dashboard');
      return { items: await retention(db, req.actor) };
    },
  );
}
