/** REST routes for a resource spec: GET list, GET one, POST, PATCH (with version), DELETE. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../contracts/limits.js';
import { page } from '../../contracts/registry.js';
import type { Db } from '../../db/connect.js';
import { ctxOf } from '../modules/auth/plugin.js';
import { changes } from '../platform/policy/index.js';
import {
  createResource,
  deleteResource,
  getResource,
  listQueryOf,
  listResource,
  looseDomainProblems,
  patchOf,
  type ResourceSpec,
  updateResource,
} from './resource.js';

const ZIdParams = z.object({ id: idParam() });
export const ZProblem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string().optional(),
    message: z.object({ zh: z.string(), en: z.string() }).optional().describe("The code's message in zh and en"),
    errors: z
      .array(
        z.object({
          path: z.array(z.union([z.string(), z.number()])),
          code: z.string(),
          message: z.object({ zh: z.string(), en: z.string() }),
        }),
      )
      .optional(),
  })
  .passthrough()
  .describe('RFC 9457 problem details; errors lists every invalid field with zh and en messages');

export function registerResource(app: FastifyInstance, db: Db, spec: ResourceSpec): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = `/api/v1/${spec.name}`;
  const tags = [spec.tag];
  const errors = { 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem };
  // Confidential fields the caller may not see come back as null and are named here.
  const output = spec.output.extend({
    redacted: z.array(z.string()).optional().describe('Confidential fields withheld from this caller'),
  });
  r.get(
    base,
    {
      schema: {
        tags,
        summary: `List ${spec.name}`,
        querystring: listQueryOf(spec),
        response: { 200: page(output), 422: ZProblem },
      },
    },
    async (req) => listResource(db, spec, req.query as Record<string, unknown>, ctxOf(req)) as never,
  );
  r.get(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: `Read one of ${spec.name}`,
        params: ZIdParams,
        response: { 200: output, 404: ZProblem },
      },
    },
    async (req) => getResource(db, spec, req.params.id, ctxOf(req)) as never,
  );
  r.post(
    base,
    {
      schema: {
        tags,
        summary: `Create one of ${spec.name}`,
        body: spec.input,
        response: { 201: output, ...errors },
      },
      config: { right: changes(spec.name), domainProblems: (body: unknown) => looseDomainProblems(db, spec, body) },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send((await createResource(db, spec, req.body as Record<string, unknown>, ctxOf(req))) as never),
  );
  r.patch(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: `Update one of ${spec.name}`,
        description:
          'Send only the fields to change and the version you read; a stale version gets 409 with the current record.',
        params: ZIdParams,
        body: patchOf(spec.input),
        response: { 200: output, ...errors },
      },
      config: {
        right: changes(spec.name),
        domainProblems: (body: unknown, params: unknown) =>
          looseDomainProblems(db, spec, body, Number((params as { id?: unknown } | undefined)?.id) || undefined),
      },
    },
    async (req) => updateResource(db, spec, req.params.id, req.body as Record<string, unknown>, ctxOf(req)) as never,
  );
  r.delete(
    `${base}/:id`,
    {
      config: { right: changes(spec.name) },
      schema: {
        tags,
        summary: `Delete one of ${spec.name}`,
        params: ZIdParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await deleteResource(db, spec, req.params.id, ctxOf(req));
      return reply.status(204).send(null);
    },
  );
}
