/** Tickets: the queue with SLA clocks, opening, replies and notes, and the ticket actions. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fieldProblem } from '../../../contracts/errors.js';
import { idParam } from '../../../contracts/limits.js';
import {
  MAX_TICKET_FILE_BYTES,
  ZCategory,
  ZTicket,
  ZTicketAction,
  ZTicketDetail,
  ZTicketFileFields,
  ZTicketInput,
  ZTicketMessageInput,
  ZTicketQuery,
} from '../../../contracts/services.js';
import type { Db } from '../../../db/connect.js';
import { AppError, invalid, issueToProblem } from '../../lib/errors.js';
import { ZProblem } from '../../lib/resource-routes.js';
import { sendStoredFile } from '../../lib/stored-file.js';
import { readUpload } from '../../lib/upload.js';
import { fileResponse } from '../../platform/openapi.js';
import { assertMay } from '../../platform/policy/index.js';
import { ctxOf } from '../auth/plugin.js';
import {
  actOnTicket,
  assertMayPost,
  checkTicketFile,
  listTickets,
  nowOf,
  openTicket,
  postMessage,
  ticketDetail,
  ticketFile,
} from './tickets.js';

const tags = ['Services 企业服务'];
const ZId = z.object({ id: idParam() });
const ZFileId = z.object({ id: idParam(), fileId: idParam() });

export function registerTicketRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/services/categories',
    {
      schema: {
        tags,
        summary: 'Service categories of the six service systems (技术、金融、市场、人才、信息、经营管理)',
        response: { 200: z.object({ items: z.array(ZCategory) }) },
      },
    },
    async () => ({
      items: (
        await db.query<{ code: string; system: string; name_zh: string; name_en: string; owner_level: string }>(
          'select code, system, name_zh, name_en, owner_level from service_categories order by sort, code',
        )
      ).map((c) => ({
        code: c.code,
        system: c.system as z.infer<typeof ZCategory>['system'],
        nameZh: c.name_zh,
        nameEn: c.name_en,
        ownerLevel: c.owner_level as 'district' | 'city',
      })),
    }),
  );

  r.get(
    '/api/v1/services/tickets',
    {
      schema: {
        tags,
        summary: 'Service tickets in the caller’s scope, with their SLA clocks (an enterprise: its own only)',
        querystring: ZTicketQuery,
        response: { 200: z.object({ items: z.array(ZTicket) }), 401: ZProblem },
      },
    },
    async (req) => ({
      items: await listTickets(
        db,
        req.actor,
        {
          status: req.query.status,
          system: req.query.system,
          enterpriseId: req.query.enterpriseId,
          mine: req.query.mine === 'true',
          limit: req.query.limit,
        },
        Date.now(),
      ),
    }),
  );

  r.post(
    '/api/v1/services/tickets',
    {
      config: { right: 'services.request' },
      schema: {
        tags,
        summary:
          'Open a request: an enterprise for itself, a butler on a firm’s behalf; routed to the park’s butler team',
        description:
          'Routing: the butler team of the park the firm occupies, else the district agency, else the city. A request for a firm the caller does not serve is refused (services.other_firm).',
        body: ZTicketInput,
        response: { 201: ZTicketDetail, 403: ZProblem, 422: ZProblem },
      },
    },
    async (req, reply) => {
      assertMay(req, 'services.request');
      const id = await openTicket(db, req.body, ctxOf(req));
      reply.status(201);
      return ticketDetail(db, req.actor, id, Date.now());
    },
  );

  r.get(
    '/api/v1/services/tickets/:id',
    {
      schema: {
        tags,
        summary: 'A ticket with its messages (internal notes are not shown to the enterprise)',
        params: ZId,
        response: { 200: ZTicketDetail, 404: ZProblem },
      },
    },
    async (req) => ticketDetail(db, req.actor, req.params.id, Date.now()),
  );

  r.post(
    '/api/v1/services/tickets/:id/messages',
    {
      config: { right: ['services.request', 'services.handle'] },
      schema: {
        tags,
        summary: 'Reply (to or from the enterprise) or add an internal note; a reply may wait on the enterprise',
        description:
          'The first reply of the service side meets the first-response target. waitOnEnterprise stops the SLA clock until the enterprise answers.',
        params: ZId,
        body: ZTicketMessageInput,
        response: { 200: ZTicketDetail, 403: ZProblem, 404: ZProblem, 409: ZProblem },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await postMessage(db, req.params.id, req.body, ctx);
      return ticketDetail(db, req.actor, req.params.id, nowOf(ctx));
    },
  );

  r.post(
    '/api/v1/services/tickets/:id/files',
    {
      config: { right: ['services.request', 'services.handle'] },
      schema: {
        tags,
        summary: 'Reply or note with a file (multipart: optional `kind`, `body`, `waitOnEnterprise`, then `file`)',
        description: `Up to ${MAX_TICKET_FILE_BYTES / 1048576} MB; PDF, OFD, images, Office documents, TXT, CSV or ZIP (by the file's extension). The same rules as a message: an enterprise replies only on its own firm's tickets and writes no notes; a note's files are never shown to the enterprise.`,
        consumes: ['multipart/form-data'],
        params: ZId,
        response: { 201: ZTicketDetail, 403: ZProblem, 404: ZProblem, 409: ZProblem, 413: ZProblem, 422: ZProblem },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      // who may write is checked before the bytes are read, so nobody sends 10 MB to learn they may not
      await assertMayPost(db, req.params.id, ctx);
      const up = await readUpload(req, MAX_TICKET_FILE_BYTES).catch((e: unknown) => {
        if (e instanceof AppError && e.status === 413)
          throw new AppError(413, 'services.file_too_big', [fieldProblem(['file'], 'services.file_too_big')]);
        throw e;
      });
      const fields = ZTicketFileFields.safeParse({
        kind: up.field('kind'),
        body: up.field('body'),
        waitOnEnterprise: up.field('waitOnEnterprise'),
      });
      if (!fields.success) throw invalid(fields.error.issues.map((i) => issueToProblem(i)));
      const file = checkTicketFile(up.filename, up.bytes);
      await postMessage(
        db,
        req.params.id,
        {
          kind: fields.data.kind,
          body: fields.data.body,
          attachments: [],
          waitOnEnterprise: fields.data.waitOnEnterprise === 'true',
          file,
        },
        ctx,
      );
      reply.status(201);
      return ticketDetail(db, req.actor, req.params.id, nowOf(ctx));
    },
  );

  r.get(
    '/api/v1/services/tickets/:id/files/:fileId',
    {
      schema: {
        tags,
        summary: 'Download a file of a ticket (an enterprise: its own firm’s, never an internal note’s)',
        params: ZFileId,
        response: {
          200: fileResponse(
            'The stored file: its own type when shown inline, else application/octet-stream',
            'application/octet-stream',
            '*/*',
          ),
          404: ZProblem,
        },
      },
    },
    async (req, reply) => sendStoredFile(reply, await ticketFile(db, req.actor, req.params.id, req.params.fileId)),
  );

  r.post(
    '/api/v1/services/tickets/:id/actions',
    {
      config: { right: ['services.request', 'services.handle'] },
      schema: {
        tags,
        summary:
          'Assign, resolve, close, reopen, merge into another ticket of the same firm, or rate (the enterprise, 1–5)',
        params: ZId,
        body: ZTicketAction,
        response: { 200: ZTicketDetail, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await actOnTicket(db, req.params.id, req.body, ctx);
      return ticketDetail(db, req.actor, req.params.id, nowOf(ctx));
    },
  );
}
