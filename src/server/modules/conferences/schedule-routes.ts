/** Conference schedule routes: run, hand moves, locks, publish; agendas, table plan, Excel, check-in. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZAgenda,
  ZCheckInEntry,
  ZPlace,
  ZRequest,
  ZRun,
  ZRunOptions,
  ZSchedule,
  ZSlot,
  ZTable,
} from '../../../contracts/conferences.js';
import { ZJob } from '../../../contracts/jobs.js';
import { idParam } from '../../../contracts/limits.js';
import type { Db } from '../../../db/connect.js';
import { forbidden } from '../../lib/errors.js';
import { ZProblem } from '../../lib/resource-routes.js';
import type { AuditEntry } from '../../platform/audit.js';
import { answerJob, jobsOf } from '../../platform/jobs/index.js';
import { fileResponse, XLSX_TYPE } from '../../platform/openapi.js';
import { auditCtxOf } from '../auth/plugin.js';
import { auditedChange } from './audited.js';
import { loadConference } from './conference.js';
import { scheduleJob } from './jobs.js';
import { agendas, agendasXlsx, checkInList, type Lang, tablePlan, tablePlanXlsx } from './outputs.js';
import { checkInByCode } from './participants.js';
import { assertManage } from './policy.js';
import * as repo from './repository.js';
import { lockMeeting, placeMeeting, unplaceMeeting } from './schedule.js';

const tags = ['Conferences 对接会'];
const BASE = '/api/v1/events/:id/conference';
const ZEventParams = z.object({ id: idParam() });
const ZRequestParams = ZEventParams.extend({ requestId: idParam() });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ZLang = z.enum(['zh', 'en']).default('zh');

const originOf = (req: FastifyRequest) => `${req.protocol}://${req.headers.host ?? 'localhost'}`;
const attachment = (reply: FastifyReply, name: string) =>
  reply
    .header('content-type', XLSX)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);

export function registerScheduleRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const schedule = async (req: FastifyRequest, id: number) => {
    const c = await loadConference(db, id, req);
    if (!c.access.readAll) throw forbidden();
    return {
      slots: c.slots,
      tables: c.tables,
      meetings: await repo.listRequests(db, id, { status: 'accepted' }),
      lastRun: (await repo.listRuns(db, id, 1))[0] ?? null,
      publishedAt: c.settings.publishedAt,
    };
  };

  r.get(
    `${BASE}/schedule`,
    {
      schema: {
        tags,
        summary: 'The schedule: slots, tables, accepted meetings (placed or with the reason they are not), last run',
        params: ZEventParams,
        response: { 200: ZSchedule, 403: ZProblem },
      },
    },
    async (req) => schedule(req, req.params.id),
  );

  r.post(
    `${BASE}/schedule/run`,
    {
      config: { right: 'writer' },
      schema: {
        tags,
        summary: 'Run the scheduler on every accepted request (organisers)',
        description:
          'Locked meetings stay put; with keepPublished, published meetings stay where they are when possible. Returns the run: scheduled, upper bound, gap, method, time and the unscheduled requests with reasons. Runs as a job: with `Prefer: respond-async` the answer is 202 with the job to poll (GET /api/v1/jobs/:id) or cancel.',
        params: ZEventParams,
        body: ZRunOptions,
        response: { 200: ZRun, 202: ZJob, 403: ZProblem, 422: ZProblem },
      },
    },
    async (req, reply) => {
      const c = await loadConference(db, req.params.id, req);
      assertManage(c.access);
      // A job: solved in a worker thread of whichever process is free; the request waits for the run
      // unless it says `Prefer: respond-async` (then it polls the job, and may cancel it).
      const job = await jobsOf(db).send(
        scheduleJob,
        { eventId: c.event.id, options: req.body, by: req.actor?.username ?? null, audit: auditCtxOf(req) },
        { ownerUserId: req.actor?.userId ?? null, label: c.event.name },
      );
      const out = await answerJob(req, reply, db, job, (req.body.timeLimitSeconds + 120) * 1000);
      return out.async ? out.job : (out.result as never);
    },
  );

  r.get(
    `${BASE}/runs`,
    {
      schema: {
        tags,
        summary: 'Scheduler runs, newest first',
        params: ZEventParams,
        response: { 200: z.object({ items: z.array(ZRun) }) },
      },
    },
    async (req) => {
      const c = await loadConference(db, req.params.id, req);
      if (!c.access.readAll) throw forbidden();
      return { items: await repo.listRuns(db, c.event.id) };
    },
  );

  for (const [path, published] of [
    ['publish', true],
    ['unpublish', false],
  ] as const) {
    r.post(
      `${BASE}/schedule/${path}`,
      {
        config: { right: 'writer' },
        schema: {
          tags,
          summary: published
            ? 'Publish the schedule: participants see their agendas; later runs keep these places when possible'
            : 'Withdraw the published schedule',
          params: ZEventParams,
          response: { 200: ZSchedule, 403: ZProblem },
        },
      },
      async (req) => {
        await auditedChange(db, req, req.params.id, async (t, c) => {
          assertManage(c.access);
          await repo.setPublished(t, c.event.id, published);
          const audit = { entity: 'conference_settings', entityId: c.event.id, action: 'update' as const };
          return {
            result: undefined,
            audit: { ...audit, old: { published: !!c.settings.publishedAt }, new: { published } },
          };
        });
        return schedule(req, req.params.id);
      },
    );
  }

  r.post(
    `${BASE}/schedule/clear`,
    {
      config: { right: 'writer' },
      schema: {
        tags,
        summary: 'Take every meeting off the schedule (locks and published places too)',
        params: ZEventParams,
        response: { 200: ZSchedule, 403: ZProblem },
      },
    },
    async (req) => {
      await auditedChange(db, req, req.params.id, async (t, c) => {
        assertManage(c.access);
        const scheduled = await repo.countScheduled(t, c.event.id);
        await repo.clearSchedule(t, c.event.id);
        const audit = { entity: 'conference_requests', entityId: `event:${c.event.id}`, action: 'update' as const };
        return { result: undefined, audit: { ...audit, old: { scheduled }, new: { scheduled: 0 } } };
      });
      return schedule(req, req.params.id);
    },
  );

  r.put(
    `${BASE}/meetings/:requestId/place`,
    {
      config: { right: 'writer' },
      schema: {
        tags,
        summary: 'Schedule or move one meeting by hand (organisers)',
        description:
          'Checked with the independent schedule checker: a move that double-books someone, over-fills a table, breaks availability, a booth or a cap is refused with each conflict named in Chinese and English.',
        params: ZRequestParams,
        body: ZPlace,
        response: { 200: ZRequest, 403: ZProblem, 404: ZProblem, 422: ZProblem },
      },
    },
    async (req) => {
      const id = req.params.requestId;
      await auditedChange(db, req, req.params.id, async (t, c) => {
        const before = await repo.findRequest(t, c.event.id, id);
        await placeMeeting(t, c, id, req.body.slotId, req.body.tableId);
        return { result: undefined, audit: placement(id, before, { ...req.body }) };
      });
      return repo.findRequest(db, req.params.id, id);
    },
  );

  r.delete(
    `${BASE}/meetings/:requestId/place`,
    {
      config: { right: 'writer' },
      schema: {
        tags,
        summary: 'Take one meeting off the schedule (organisers)',
        params: ZRequestParams,
        response: { 200: ZRequest },
      },
    },
    async (req) => {
      const id = req.params.requestId;
      await auditedChange(db, req, req.params.id, async (t, c) => {
        const before = await repo.findRequest(t, c.event.id, id);
        await unplaceMeeting(t, c, id);
        return { result: undefined, audit: placement(id, before, { slotId: null, tableId: null }) };
      });
      return repo.findRequest(db, req.params.id, id);
    },
  );

  r.put(
    `${BASE}/meetings/:requestId/lock`,
    {
      config: { right: 'writer' },
      schema: {
        tags,
        summary: 'Lock or unlock a scheduled meeting: a locked meeting never moves in a re-run',
        params: ZRequestParams,
        body: z.object({ locked: z.boolean() }),
        response: { 200: ZRequest, 403: ZProblem, 422: ZProblem },
      },
    },
    async (req) => {
      const id = req.params.requestId;
      await auditedChange(db, req, req.params.id, async (t, c) => {
        const before = await repo.findRequest(t, c.event.id, id);
        await lockMeeting(t, c, id, req.body.locked);
        const audit = { entity: 'conference_requests', entityId: id, action: 'update' as const };
        return {
          result: undefined,
          audit: { ...audit, old: { locked: before?.locked ?? null }, new: { ...req.body } },
        };
      });
      return repo.findRequest(db, req.params.id, id);
    },
  );

  const agendaQuery = z.object({
    participantId: z.coerce
      .number()
      .int()
      .positive()
      .optional()
      .describe('One participant; all visible ones when absent'),
    lang: ZLang,
  });
  r.get(
    `${BASE}/agendas`,
    {
      schema: {
        tags,
        summary:
          'Per-participant agendas with a check-in QR code (organisers: any; an enterprise user: its own, once published)',
        params: ZEventParams,
        querystring: agendaQuery,
        response: { 200: z.object({ items: z.array(ZAgenda) }), 403: ZProblem, 404: ZProblem },
      },
    },
    async (req) => {
      const c = await loadConference(db, req.params.id, req);
      const ids = req.query.participantId ? [req.query.participantId] : undefined;
      return { items: await agendas(db, c, originOf(req), ids) };
    },
  );

  r.get(
    `${BASE}/agendas.xlsx`,
    {
      schema: {
        tags,
        summary: 'Agendas as Excel, one sheet per participant, Chinese or English headers',
        params: ZEventParams,
        querystring: agendaQuery,
        response: { 200: fileResponse('The agenda workbook', XLSX_TYPE) },
      },
    },
    async (req, reply) => {
      const c = await loadConference(db, req.params.id, req);
      const ids = req.query.participantId ? [req.query.participantId] : undefined;
      const list = await agendas(db, c, originOf(req), ids);
      const lang = req.query.lang as Lang;
      const who = ids && list[0] ? `-${list[0].participant.organisation}` : '';
      return attachment(reply, `parklink-agenda-${c.event.id}${who}.xlsx`).send(
        await agendasXlsx(list, c.event.name, lang),
      );
    },
  );

  const ZPlan = z.object({
    slots: z.array(ZSlot),
    tables: z.array(ZTable),
    cells: z.array(
      z.object({ slotId: z.string(), tableId: z.string(), requestId: z.number().int(), a: z.string(), b: z.string() }),
    ),
  });
  r.get(
    `${BASE}/tables`,
    {
      schema: {
        tags,
        summary: 'The per-table plan: what each table holds in each slot',
        params: ZEventParams,
        response: { 200: ZPlan },
      },
    },
    async (req) => tablePlan(db, await loadConference(db, req.params.id, req)),
  );
  r.get(
    `${BASE}/tables.xlsx`,
    {
      schema: {
        tags,
        summary: 'The per-table plan as Excel (a row per slot, a column per table)',
        params: ZEventParams,
        querystring: z.object({ lang: ZLang }),
        response: { 200: fileResponse('The table plan workbook', XLSX_TYPE) },
      },
    },
    async (req, reply) => {
      const c = await loadConference(db, req.params.id, req);
      const plan = await tablePlan(db, c);
      return attachment(reply, `parklink-tables-${c.event.id}.xlsx`).send(
        await tablePlanXlsx(plan, req.query.lang as Lang),
      );
    },
  );

  r.get(
    `${BASE}/check-in`,
    {
      schema: {
        tags,
        summary: 'The check-in list: a code, a check-in URL and its QR code (SVG data URL) per participant',
        params: ZEventParams,
        response: { 200: z.object({ items: z.array(ZCheckInEntry) }), 403: ZProblem },
      },
    },
    async (req) => ({ items: await checkInList(db, await loadConference(db, req.params.id, req), originOf(req)) }),
  );
  r.post(
    `${BASE}/check-in`,
    {
      config: { right: 'writer' },
      schema: {
        tags,
        summary: 'Mark a participant as arrived by its check-in code (organisers at the door)',
        params: ZEventParams,
        body: z.object({ code: z.string().trim().min(4).max(64) }),
        response: {
          200: z.object({ participantId: z.number().int(), checkedInAt: z.string() }),
          403: ZProblem,
          422: ZProblem,
        },
      },
    },
    async (req) =>
      auditedChange(db, req, req.params.id, async (t, c) => {
        const done = await checkInByCode(t, c, req.body.code);
        const audit = { entity: 'conference_participants', entityId: done.participantId, action: 'update' as const };
        return { result: done, audit: { ...audit, new: { checkedInAt: done.checkedInAt } } };
      }),
  );
}

/** The change_log entry of a meeting placed or taken off by hand: its slot and table before and after. */
function placement(
  id: number,
  before: { slotId?: string | null; tableId?: string | null } | undefined,
  after: { slotId: string | null; tableId: string | null },
): AuditEntry {
  return {
    entity: 'conference_requests',
    entityId: id,
    action: 'update',
    old: { slotId: before?.slotId ?? null, tableId: before?.tableId ?? null },
    new: after,
  };
}
