/** Cockpit routes: the cockpit per scope, figures, targets, freshness, update requests, reports (PDF jobs). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  UPDATE_REQUEST_STATES,
  ZCockpit,
  ZFigureCatalogEntry,
  ZFreshness,
  ZFreshnessQuery,
  ZReport,
  ZReportRequest,
  ZScopeParam,
  ZTarget,
  ZTargetInput,
  ZTargetPatch,
  ZTargetProgress,
  ZUpdateAnswer,
  ZUpdateClose,
  ZUpdateRequest,
  ZUpdateRequestInput,
} from '../../../contracts/cockpit.js';
import { fieldProblem } from '../../../contracts/errors.js';
import { ZJob } from '../../../contracts/jobs.js';
import { idParam } from '../../../contracts/limits.js';
import type { Db } from '../../../db/connect.js';
import { invalid, notFound, unauthorized } from '../../lib/errors.js';
import { getResource } from '../../lib/resource.js';
import { ZProblem } from '../../lib/resource-routes.js';
import { assertFigureScope, figureDef, figureDefs } from '../../platform/figures.js';
import { answerJob, jobsOf } from '../../platform/jobs/index.js';
import { fileResponse } from '../../platform/openapi.js';
import { assertMay } from '../../platform/policy/index.js';
import type { Actor } from '../auth/actor.js';
import { auditCtxOf } from '../auth/plugin.js';
import { findEvent } from '../conferences/repository.js';
import { enterprises } from '../registry/specs.js';
import { cockpit } from './cockpit.js';
import { freshnessView, today } from './freshness.js';
import { remindJob, reportJob, reportUrl, snapshotJob } from './jobs.js';
import { parseCockpitScope, scopeKey } from './scope.js';
import { createTarget, deleteTarget, getTarget, listTargets, targetProgress, updateTarget } from './targets.js';
import {
  answerUpdateRequest,
  closeUpdateRequest,
  createUpdateRequest,
  getUpdateRequest,
  listUpdateRequests,
} from './update-requests.js';

const tags = ['Cockpit 驾驶舱'];
const ZId = z.object({ id: idParam() });
const PDF = 'application/pdf';

/** The signed-in actor (the routes below need one: a task, a report and its watermark belong to someone). */
function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthorized();
  return req.actor;
}

export function registerCockpitRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/cockpit',
    {
      schema: {
        tags,
        summary: 'The cockpit (驾驶舱) of a scope: every figure with its as-of date and list link, parks, targets',
        description:
          'Figures your role may not see come back with value null and redacted: true (also in their parts, targets and reports).',
        querystring: z.object({ scope: ZScopeParam.optional() }),
        response: { 200: ZCockpit, 404: ZProblem, 422: ZProblem },
      },
    },
    async (req) => cockpit(db, parseCockpitScope(req.query.scope), req.actor),
  );

  r.get(
    '/api/v1/cockpit/figures',
    {
      schema: {
        tags,
        summary: "Registered cockpit figures (every module's): key, labels, scopes, whether targets may follow it",
        response: { 200: z.array(ZFigureCatalogEntry) },
      },
    },
    async () =>
      figureDefs().map((d) => ({
        key: d.key,
        label: d.label,
        unit: d.unit,
        group: d.group,
        scopes: [...d.scopes],
        targetable: d.targetable ?? false,
        confidential: d.sees !== undefined,
      })),
  );

  // ───────────── targets ─────────────
  r.get(
    '/api/v1/cockpit/targets',
    {
      schema: {
        tags,
        summary: 'Targets with progress, trend and a linear forecast to their deadline',
        querystring: z.object({ scope: ZScopeParam.optional(), metric: z.string().max(64).optional() }),
        response: { 200: z.array(ZTargetProgress), 422: ZProblem },
      },
    },
    async (req) => {
      const scope = req.query.scope === undefined ? undefined : scopeKey(parseCockpitScope(req.query.scope));
      const list = await listTargets(db, { scope, metric: req.query.metric });
      const on = today();
      return Promise.all(list.map((t) => targetProgress(db, t, req.actor, on)));
    },
  );
  r.post(
    '/api/v1/cockpit/targets',
    {
      config: { right: 'cockpit.targets' },
      schema: {
        tags,
        summary: 'Add a target (city administrators; district users for their districts)',
        body: ZTargetInput,
        response: { 201: ZTarget, 403: ZProblem, 422: ZProblem },
      },
    },
    async (req, reply) => {
      assertMay(req, 'cockpit.targets');
      const t = await createTarget(db, req.body, req.actor, auditCtxOf(req));
      return reply.status(201).send(t);
    },
  );
  r.patch(
    '/api/v1/cockpit/targets/:id',
    {
      config: { right: 'cockpit.targets' },
      schema: {
        tags,
        summary: 'Change a target (with the version it was read at: 409 when someone changed it since)',
        params: ZId,
        body: ZTargetPatch,
        response: { 200: ZTarget, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem },
      },
    },
    async (req) => {
      assertMay(req, 'cockpit.targets');
      return updateTarget(db, req.params.id, req.body, req.actor, auditCtxOf(req));
    },
  );
  r.delete(
    '/api/v1/cockpit/targets/:id',
    {
      config: { right: 'cockpit.targets' },
      schema: {
        tags,
        summary: 'Remove a target',
        params: ZId,
        response: { 204: z.null(), 403: ZProblem, 404: ZProblem },
      },
    },
    async (req, reply) => {
      assertMay(req, 'cockpit.targets');
      await deleteTarget(db, req.params.id, req.actor, auditCtxOf(req));
      return reply.status(204).send(null);
    },
  );
  r.get(
    '/api/v1/cockpit/targets/:id',
    { schema: { tags, summary: 'One target with its progress', params: ZId, response: { 200: ZTargetProgress } } },
    async (req) => targetProgress(db, await getTarget(db, req.params.id), req.actor, today()),
  );
  r.post(
    '/api/v1/cockpit/snapshots',
    {
      config: { right: 'cockpit.targets' },
      schema: {
        tags,
        summary: "Record today's value of every figure a target follows (its trend); runs as a job",
        body: z
          .object({
            metric: z.string().max(64).optional().describe('Only this figure (default: every one a target follows)'),
          })
          .default({}),
        response: { 200: z.object({ recorded: z.number().int() }), 202: ZJob, 403: ZProblem },
      },
    },
    async (req, reply) => {
      assertMay(req, 'cockpit.targets');
      const metric = req.body?.metric;
      if (metric !== undefined && !figureDef(metric))
        throw invalid([fieldProblem(['metric'], 'cockpit.unknown_metric', { zh: metric, en: metric })]);
      const id = await jobsOf(db).send(
        snapshotJob,
        { audit: auditCtxOf(req), ...(metric ? { metric } : {}) },
        { ownerUserId: req.actor?.userId ?? null },
      );
      const out = await answerJob(req, reply, db, id, 120_000);
      return out.async ? out.job : (out.result as never);
    },
  );

  // ───────────── freshness ─────────────
  r.get(
    '/api/v1/cockpit/freshness',
    {
      schema: {
        tags,
        summary: 'Staleness of the facts of a scope: per park (with its score), per owner, and the stale facts',
        description: 'Zone roles see the facts of their parks; an enterprise user its own enterprise; city roles all.',
        querystring: ZFreshnessQuery,
        response: { 200: ZFreshness, 403: ZProblem, 404: ZProblem, 422: ZProblem },
      },
    },
    async (req) => {
      assertMay(req, 'cockpit.freshness');
      const a = req.actor;
      const scope = parseCockpitScope(req.query.scope);
      await assertFigureScope(db, scope, a);
      const cityWide = !a || a.role === 'city_admin' || a.role === 'city_analyst';
      return freshnessView(
        db,
        {
          scope,
          ownerOrgId: req.query.organisationId,
          enterpriseId: req.query.enterpriseId,
          actor: cityWide ? undefined : a,
        },
        req.query.offset,
      );
    },
  );

  r.get(
    '/api/v1/cockpit/update-requests',
    {
      schema: {
        tags,
        summary: 'Update requests sent or received by your organisation (inbox: the tasks to answer)',
        querystring: z.object({
          box: z.enum(['inbox', 'outbox']).optional(),
          status: z.enum(UPDATE_REQUEST_STATES).optional().describe('Only requests in this state'),
        }),
        response: { 200: z.array(ZUpdateRequest) },
      },
    },
    async (req) => listUpdateRequests(db, actorOf(req), req.query),
  );
  r.get(
    '/api/v1/cockpit/update-requests/:id',
    {
      schema: {
        tags,
        summary: 'An update request with its stale facts, pre-filled with their current values',
        params: ZId,
        response: { 200: ZUpdateRequest, 404: ZProblem },
      },
    },
    async (req) => getUpdateRequest(db, req.params.id, actorOf(req)),
  );
  r.post(
    '/api/v1/cockpit/update-requests',
    {
      config: { right: 'cockpit.request_updates' },
      schema: {
        tags,
        summary: 'Ask the organisation that owns stale facts in a scope to confirm or update them',
        description:
          'The request holds just the stale facts the organisation owns among those you can see. 422 cockpit.owns_nothing when it owns none there.',
        body: ZUpdateRequestInput,
        response: { 201: ZUpdateRequest, 403: ZProblem, 404: ZProblem, 422: ZProblem },
      },
    },
    async (req, reply) => {
      assertMay(req, 'cockpit.request_updates');
      const out = await createUpdateRequest(db, req.body, actorOf(req), auditCtxOf(req));
      return reply.status(201).send(out);
    },
  );
  r.post(
    '/api/v1/cockpit/update-requests/:id/answer',
    {
      config: { right: 'writer' },
      schema: {
        tags,
        summary: "The owner's answer: facts unchanged (their as-of date moves to today) or updated",
        params: ZId,
        body: ZUpdateAnswer,
        response: { 200: ZUpdateRequest, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem },
      },
    },
    async (req) => answerUpdateRequest(db, req.params.id, req.body, actorOf(req), auditCtxOf(req)),
  );
  r.post(
    '/api/v1/cockpit/update-requests/:id/close',
    {
      config: { right: 'cockpit.request_updates' },
      schema: {
        tags,
        summary: 'The sender closes or cancels its request; its reminders stop',
        description:
          'Only the organisation that sent the request closes it (403 otherwise); 409 cockpit.request_closed when it is closed already. The answer that leaves no fact open closes it too.',
        params: ZId,
        body: ZUpdateClose.optional(),
        response: { 200: ZUpdateRequest, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem },
      },
    },
    async (req) => closeUpdateRequest(db, req.params.id, req.body ?? { as: 'closed' }, actorOf(req), auditCtxOf(req)),
  );
  r.post(
    '/api/v1/cockpit/update-requests/remind',
    {
      config: { right: 'cockpit.request_updates' },
      schema: {
        tags,
        summary: 'Remind the owners of overdue requests now (also runs every few hours); escalates after two',
        body: z.object({ requestId: idParam().optional().describe('Only this request') }).optional(),
        response: {
          200: z.object({ reminded: z.number().int(), escalated: z.number().int() }),
          202: ZJob,
          403: ZProblem,
        },
      },
    },
    async (req, reply) => {
      assertMay(req, 'cockpit.request_updates');
      const requestId = req.body?.requestId;
      // One request: one the caller can read (else 404).
      if (requestId !== undefined) await getUpdateRequest(db, requestId, actorOf(req));
      const id = await jobsOf(db).send(
        remindJob,
        { audit: auditCtxOf(req), ...(requestId ? { requestId } : {}) },
        { ownerUserId: req.actor?.userId ?? null },
      );
      const out = await answerJob(req, reply, db, id, 60_000);
      return out.async ? out.job : (out.result as never);
    },
  );

  // ───────────── reports ─────────────
  r.post(
    '/api/v1/cockpit/reports',
    {
      config: { right: 'signedIn' },
      schema: {
        tags,
        summary:
          'Generate a report as PDF (monthly district report, park profile, chain report, enterprise profile, event results); runs as a job',
        description:
          'The PDF holds only what your role may see, carries the data as-of date, and a watermark with your name and the time of the request. With `Prefer: respond-async` the answer is 202 with the job.',
        body: ZReportRequest,
        response: { 200: ZReport, 202: ZJob, 403: ZProblem, 404: ZProblem, 422: ZProblem },
      },
    },
    async (req, reply) => {
      const a = actorOf(req);
      // Refuse a bad scope at once rather than in the job.
      if (req.body.scope !== undefined) await assertFigureScope(db, parseCockpitScope(req.body.scope), a);
      if (req.body.kind === 'enterprise_profile') {
        if (!req.body.enterpriseId) throw invalid([fieldProblem(['enterpriseId'], 'required')]);
        await getResource(db, enterprises, req.body.enterpriseId, { actor: a });
      }
      if (req.body.kind === 'event_results') {
        if (!req.body.eventId) throw invalid([fieldProblem(['eventId'], 'required')]);
        if (!(await findEvent(db, req.body.eventId))) throw notFound();
      }
      const id = await jobsOf(db).send(
        reportJob,
        { request: req.body, userId: a.userId, requestedAt: new Date().toISOString(), audit: auditCtxOf(req) },
        // No label: a job's label is data, never codes; the job list names the kind and links the report.
        { ownerUserId: a.userId },
      );
      const out = await answerJob(req, reply, db, id, 120_000);
      return out.async ? out.job : (out.result as never);
    },
  );
  r.get(
    '/api/v1/cockpit/reports',
    { schema: { tags, summary: 'Your generated reports, newest first', response: { 200: z.array(ZReport) } } },
    async (req) => {
      const a = actorOf(req);
      const rows = await db.query<{
        id: number;
        kind: string;
        scope: string;
        lang: string;
        as_of: unknown;
        filename: string;
        bytes: number;
        created_at: Date;
      }>(
        `select id, kind, scope, lang, as_of::text as as_of, filename, bytes, created_at from cockpit_reports
          where owner_user_id = $1 order by created_at desc, id desc limit 50`,
        [a.userId],
      );
      return rows.map((x) => ({
        id: x.id,
        kind: x.kind,
        scope: x.scope,
        lang: x.lang,
        asOf: String(x.as_of).slice(0, 10),
        filename: x.filename,
        bytes: x.bytes,
        createdAt: new Date(x.created_at).toISOString(),
        url: reportUrl(x.id),
      }));
    },
  );
  r.get(
    '/api/v1/cockpit/reports/:id/file',
    {
      schema: {
        tags,
        summary: 'Download a generated report (its owner only)',
        params: ZId,
        response: { 200: fileResponse('The report as PDF', PDF), 404: ZProblem },
      },
    },
    async (req, reply) => {
      const a = actorOf(req);
      const [f] = await db.query<{ filename: string; file: Uint8Array }>(
        'select filename, file from cockpit_reports where id = $1 and owner_user_id = $2',
        [req.params.id, a.userId],
      );
      if (!f) throw notFound();
      return reply
        .header('content-type', PDF)
        .header('cache-control', 'private, no-store')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.filename)}`)
        .send(Buffer.from(f.file));
    },
  );
}
