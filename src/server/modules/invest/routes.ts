/** Investment promotion (issue 6): projects, follow-ups, supervision orders, events, results. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZContact,
  ZContactInput,
  ZDocument,
  ZDocumentInput,
  ZFollowUp,
  ZFollowUpInput,
  ZFromCandidate,
  ZOrder,
  ZOrderInput,
  ZProject,
  ZProjectDetail,
  ZProjectInput,
  ZProjectPatch,
  ZStageMove,
} from '../../../contracts/invest.js';
import { idParam } from '../../../contracts/limits.js';
import type { Db } from '../../../db/connect.js';
import { ZProblem } from '../../lib/resource-routes.js';
import { fileResponse, XLSX_TYPE } from '../../platform/openapi.js';
import { changes } from '../../platform/policy/index.js';
import { ctxOf } from '../auth/plugin.js';
import { projectDetail } from './detail.js';
import { projectsWorkbook } from './export.js';
import { addContact, addDocument, addFollowUp, issueOrder, removeChild } from './follow-ups.js';
import { listProjects, ZProjectQuery } from './list.js';
import { createProject, moveStage, projectFromCandidate, updateProject } from './projects.js';
import { registerInvestExtraRoutes } from './routes-extra.js';

const tags = ['Investment 招商'];
const ZId = z.object({ id: idParam() });
const ZChild = z.object({ id: idParam(), childId: idParam() });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function registerInvestRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  registerInvestExtraRoutes(app, db);

  r.get(
    '/api/v1/projects',
    {
      schema: {
        tags,
        summary:
          'Projects in the actor’s scope (board and list), with filters; investors behind code names are redacted',
        querystring: ZProjectQuery,
        response: { 200: z.object({ items: z.array(ZProject), total: z.number() }), 422: ZProblem },
      },
    },
    async (req) => listProjects(db, req.query, ctxOf(req)),
  );

  r.get(
    '/api/v1/projects/export',
    {
      schema: {
        tags,
        summary: 'Excel export of the filtered project list (every page)',
        querystring: ZProjectQuery.extend({ lang: z.enum(['zh', 'en']).default('zh') }),
        response: { 200: fileResponse('The project list workbook', XLSX_TYPE) },
      },
    },
    async (req, reply) => {
      const { items } = await listProjects(db, { ...req.query, limit: 1000, offset: 0 }, ctxOf(req));
      const buf = await projectsWorkbook(items, req.query.lang);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename="parklink-projects.xlsx"`)
        .send(buf);
    },
  );

  r.post(
    '/api/v1/projects',
    {
      config: { right: changes('projects') },
      schema: {
        tags,
        summary: 'Create a project (owner defaults to the creator)',
        body: ZProjectInput,
        response: { 201: ZProject, 403: ZProblem, 422: ZProblem },
      },
    },
    async (req, reply) => reply.status(201).send(await createProject(db, { input: req.body }, ctxOf(req))),
  );

  r.post(
    '/api/v1/projects/from-candidate',
    {
      config: { right: changes('projects') },
      schema: {
        tags,
        summary: 'Turn a chain gap-filling candidate into a lead (source chain_gap); 409 with projectId if one is open',
        body: ZFromCandidate,
        response: {
          201: z.object({ id: z.number() }),
          403: ZProblem,
          409: ZProblem.extend({ projectId: z.number() }),
          422: ZProblem,
        },
      },
    },
    async (req, reply) => {
      const p = await projectFromCandidate(db, { candidate: req.body }, ctxOf(req));
      return reply.status(201).send({ id: p.id });
    },
  );

  r.get(
    '/api/v1/projects/:id',
    {
      schema: {
        tags,
        summary: 'A project with team, contacts, documents, follow-ups, orders, event outcomes and timeline',
        params: ZId,
        response: { 200: ZProjectDetail, 404: ZProblem },
      },
    },
    async (req) => projectDetail(db, req.params.id, ctxOf(req)),
  );

  r.patch(
    '/api/v1/projects/:id',
    {
      config: { right: changes('projects') },
      schema: {
        tags,
        summary: 'Change fields of a project; carries the version it read (409 when stale)',
        params: ZId,
        body: ZProjectPatch,
        response: { 200: ZProject, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem },
      },
    },
    async (req) => updateProject(db, { id: req.params.id, patch: req.body }, ctxOf(req)),
  );

  r.post(
    '/api/v1/projects/:id/stage',
    {
      config: { right: changes('projects') },
      schema: {
        tags,
        summary: 'Move a project to another stage (the stage machine decides; lost needs a reason)',
        params: ZId,
        body: ZStageMove,
        response: { 200: ZProject, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem },
      },
    },
    async (req) => moveStage(db, { id: req.params.id, move: req.body }, ctxOf(req)),
  );

  r.post(
    '/api/v1/projects/:id/follow-ups',
    {
      config: { right: changes('projects') },
      schema: {
        tags,
        summary: 'Record a follow-up (visit, call, meeting) and the next follow-up date',
        params: ZId,
        body: ZFollowUpInput,
        response: { 201: ZFollowUp, 403: ZProblem, 404: ZProblem, 422: ZProblem },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await addFollowUp(db, { projectId: req.params.id, input: req.body }, ctxOf(req))),
  );
  r.post(
    '/api/v1/projects/:id/contacts',
    {
      config: { right: changes('projects') },
      schema: {
        tags,
        summary: 'Add a contact person',
        params: ZId,
        body: ZContactInput,
        response: { 201: ZContact, 403: ZProblem, 404: ZProblem, 422: ZProblem },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await addContact(db, { projectId: req.params.id, input: req.body }, ctxOf(req))),
  );
  r.post(
    '/api/v1/projects/:id/documents',
    {
      config: { right: changes('projects') },
      schema: {
        tags,
        summary: 'Add a document (name, link, notes)',
        params: ZId,
        body: ZDocumentInput,
        response: { 201: ZDocument, 403: ZProblem, 404: ZProblem, 422: ZProblem },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await addDocument(db, { projectId: req.params.id, input: req.body }, ctxOf(req))),
  );
  for (const [path, table, summary] of [
    ['contacts', 'project_contacts', 'Remove a contact person'],
    ['documents', 'project_documents', 'Remove a document (and its file)'],
  ] as const) {
    r.delete(
      `/api/v1/projects/:id/${path}/:childId`,
      {
        config: { right: changes('projects') },
        schema: { tags, summary, params: ZChild, response: { 204: z.null() } },
      },
      async (req, reply) => {
        await removeChild(db, { projectId: req.params.id, table, id: req.params.childId }, ctxOf(req));
        return reply.status(204).send(null);
      },
    );
  }
  r.post(
    '/api/v1/projects/:id/orders',
    {
      config: { right: 'issueOrders' },
      schema: {
        tags,
        summary: 'Issue a supervision order (督办) on a project: instruction, due date, assignee (default the owner)',
        params: ZId,
        body: ZOrderInput,
        response: { 201: ZOrder, 403: ZProblem, 404: ZProblem, 422: ZProblem },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await issueOrder(db, { projectId: req.params.id, input: req.body }, ctxOf(req))),
  );
}
