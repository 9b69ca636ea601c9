/**
 * The inbox API: a user reads and marks only their own notifications (another user's id is 404, like
 * any record outside the reader's scope). A read-only API token may read but not mark, as it may not
 * change account state (modules/auth routes' requireAccountWriter).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZInboxItem, ZInboxPage, ZInboxQuery } from '../../../contracts/inbox.js';
import { idParam } from '../../../contracts/limits.js';
import type { Db } from '../../../db/connect.js';
import { forbidden, notFound, unauthorized } from '../../lib/errors.js';
import { ZProblem } from '../../lib/resource-routes.js';
import { inboxModules, inboxOf, markAllRead, markRead } from './index.js';

const tags = ['Inbox 站内消息'];

/** The reader: a signed-in user (the system of a sign-in-free set-up has no inbox). */
function reader(req: FastifyRequest): number {
  if (!req.actor) throw unauthorized();
  return req.actor.userId;
}

/** Who may mark: the user, not through a read-only token. */
function marker(req: FastifyRequest): number {
  const id = reader(req);
  if (req.actor?.readOnly) throw forbidden();
  return id;
}

export function registerInboxRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/inbox',
    {
      schema: {
        tags,
        summary: 'My notifications, newest first (?unread=true: only unread), with my unread count',
        // a module that sends no notices is refused, naming the field (the kinds are the manifests')
        querystring: ZInboxQuery.refine((q) => !q.module || inboxModules().includes(q.module), {
          path: ['module'],
          message: 'invalid_value',
        }),
        response: { 200: ZInboxPage, 401: ZProblem, 422: ZProblem },
      },
    },
    async (req) =>
      inboxOf(db, reader(req), {
        unread: req.query.unread === 'true',
        limit: req.query.limit,
        offset: req.query.offset,
        module: req.query.module,
      }),
  );

  r.post(
    '/api/v1/inbox/:id/read',
    {
      config: { right: 'self' },
      schema: {
        tags,
        summary: 'Mark one of my notifications read (a read one keeps the time it was first read)',
        params: z.object({ id: idParam() }),
        response: { 200: ZInboxItem, 401: ZProblem, 403: ZProblem, 404: ZProblem },
      },
    },
    async (req) => {
      const item = await markRead(db, marker(req), req.params.id);
      if (!item) throw notFound();
      return item;
    },
  );

  r.post(
    '/api/v1/inbox/read-all',
    {
      config: { right: 'self' },
      schema: {
        tags,
        summary: 'Mark all my notifications read',
        response: {
          200: z.object({ marked: z.number().int().describe('Notifications marked read now') }),
          401: ZProblem,
          403: ZProblem,
        },
      },
    },
    async (req) => ({ marked: await markAllRead(db, marker(req)) }),
  );
}
