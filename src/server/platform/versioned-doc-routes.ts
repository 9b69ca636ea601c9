/**
 * The routes of a versioned rules document (see versioned-doc.ts), under one base path:
 *   GET    {base}                    the version in force, the versions, and the draft (to editors)
 *   GET    {base}/versions/:version  a published version
 *   PUT    {base}/draft              save the draft (editRight); refusals name the item and field
 *   DELETE {base}/draft              discard the draft (editRight)
 *   POST   {base}/draft/publish      publish the draft as the next version (editRight)
 * Reads may ask for a right of their own (readRight); the view may add fields for editors (viewExtra).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type ZodTypeAny, z } from 'zod';
import { idParam } from '../../contracts/limits.js';
import type { Db } from '../../db/connect.js';
import { ZProblem } from '../lib/resource-routes.js';
import { ctxOf } from '../modules/auth/plugin.js';
import { assertMay, type Feature, may } from './policy/index.js';
import type { VersionedDoc } from './versioned-doc.js';

export interface VersionedDocRoutes<K extends string, T> {
  base: string;
  tags: string[];
  doc: VersionedDoc<K, T>;
  /** Who edits (declared on the three draft routes) and sees the draft. */
  editRight: Feature;
  /** Who reads the version in force and past versions (unset: whoever reaches the route). */
  readRight?: Feature;
  schemas: { view: ZodTypeAny; version: ZodTypeAny; draft: ZodTypeAny; input: ZodTypeAny };
  summaries: { current: string; version: string; save: string; discard: string; publish: string };
  /** More fields of the view, given whether the reader may edit. */
  viewExtra?: (db: Db, editor: boolean) => Promise<Record<string, unknown>>;
}

export function registerVersionedDocRoutes<K extends string, T>(
  app: FastifyInstance,
  db: Db,
  o: VersionedDocRoutes<K, T>,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { doc, tags, summaries: s, schemas } = o;
  const key = doc.spec.key;
  const readRefusal = o.readRight ? { 403: ZProblem } : {};
  const assertRead = (req: FastifyRequest) => {
    if (o.readRight) assertMay(req, o.readRight);
  };

  r.get(
    o.base,
    { schema: { tags, summary: s.current, response: { 200: schemas.view, ...readRefusal } } },
    async (req) => {
      assertRead(req);
      const editor = Boolean(req.system || (req.actor && may(req.actor, o.editRight)));
      return {
        ...(await doc.current(db)),
        versions: await doc.versions(db),
        draft: editor ? await doc.draft(db) : null,
        ...(o.viewExtra ? await o.viewExtra(db, editor) : {}),
      };
    },
  );

  r.get(
    `${o.base}/versions/:version`,
    {
      schema: {
        tags,
        summary: s.version,
        params: z.object({ version: idParam() }),
        response: { 200: schemas.version, ...readRefusal, 404: ZProblem },
      },
    },
    async (req) => {
      assertRead(req);
      return doc.version(db, req.params.version);
    },
  );

  r.put(
    `${o.base}/draft`,
    {
      config: { right: o.editRight },
      schema: {
        tags,
        summary: s.save,
        body: schemas.input,
        response: { 200: schemas.draft, 403: ZProblem, 422: ZProblem },
      },
    },
    async (req) => {
      const body = req.body as { note: string } & Record<K, T[]>;
      return doc.saveDraft(db, { items: body[key], note: body.note }, ctxOf(req));
    },
  );

  r.delete(
    `${o.base}/draft`,
    {
      config: { right: o.editRight },
      schema: {
        tags,
        summary: s.discard,
        response: { 204: z.null().describe('Discarded'), 403: ZProblem, 404: ZProblem },
      },
    },
    async (req, reply) => {
      await doc.discardDraft(db, ctxOf(req));
      return reply.code(204).send(null);
    },
  );

  r.post(
    `${o.base}/draft/publish`,
    {
      config: { right: o.editRight },
      schema: {
        tags,
        summary: s.publish,
        response: { 200: schemas.version, 403: ZProblem, 409: ZProblem, 422: ZProblem },
      },
    },
    async (req) => doc.publishDraft(db, ctxOf(req)),
  );
}
