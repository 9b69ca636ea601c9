/** Matchmaking at conferences (issue 6 item 4): settings, participants, requests. Schedule and outputs: schedule-routes.ts. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  PARTICIPANT_ROLES,
  REQUEST_STATUSES,
  type TRequest,
  ZConference,
  ZConferenceSettingsInput,
  ZParticipant,
  ZParticipantInput,
  ZParticipantPatch,
  ZRequest,
  ZRequestAction,
  ZRequestInput,
} from '../../../contracts/conferences.js';
import { idParam } from '../../../contracts/limits.js';
import type { Db } from '../../../db/connect.js';
import { forbidden } from '../../lib/errors.js';
import { ZProblem } from '../../lib/resource-routes.js';
import { readUpload } from '../../lib/upload.js';
import { fileResponse, XLSX_TYPE } from '../../platform/openapi.js';
import { auditedChange } from './audited.js';
import { type Loaded, loadConference, organiserCandidates, overview, saveConferenceSettings } from './conference.js';
import { registerConferenceDockingRoutes } from './docking-routes.js';
import { addParticipant, changeParticipant, removeParticipant } from './participants.js';
import { importParticipants, participantTemplate } from './participants-import.js';
import { assertManage } from './policy.js';
import * as repo from './repository.js';
import { answerRequest, sendRequest, visibleRequests } from './requests.js';
import { importRequests, requestTemplate } from './requests-import.js';
import { registerScheduleRoutes } from './schedule-routes.js';

const tags = ['Conferences 对接会'];
const ZEventParams = z.object({ id: idParam() });
const ZParticipantParams = ZEventParams.extend({ participantId: idParam() });
const ZRequestParams = ZEventParams.extend({ requestId: idParam() });
const BASE = '/api/v1/events/:id/conference';

export function registerConferenceRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  registerScheduleRoutes(app, db);
  registerConferenceDockingRoutes(app, db);

  r.get(
    BASE,
    {
      schema: {
        tags,
        summary: "A conference's matchmaking settings, slots, tables, counts and last scheduler run",
        params: ZEventParams,
        response: { 200: ZConference, 404: ZProblem },
      },
    },
    async (req) => overview(db, await loadConference(db, req.params.id, req)),
  );

  r.put(
    BASE,
    {
      config: { right: 'writer' },
      schema: {
        tags,
        summary: 'Save matchmaking settings (organisers): sessions, breaks, slot length, tables, caps, request expiry',
        description:
          'Every invalid field is reported at once. The slot grid cannot change while meetings are scheduled (clear the schedule first); availability is stored as time windows and re-cut, with a warning per participant who loses time.',
        params: ZEventParams,
        body: ZConferenceSettingsInput,
        response: { 200: ZConference, 403: ZProblem, 409: ZProblem, 422: ZProblem },
      },
    },
    async (req) => {
      const warnings = await auditedChange(db, req, req.params.id, async (t, c) => ({
        result: await saveConferenceSettings(t, c, req.body),
        audit: {
          entity: 'conference_settings',
          entityId: c.event.id,
          action: c.configured ? 'update' : 'create',
          old: c.configured ? { ...c.settings } : null,
          new: { ...req.body },
        },
      }));
      return overview(db, await loadConference(db, req.params.id, req), warnings);
    },
  );

  r.get(
    `${BASE}/organiser-candidates`,
    {
      schema: {
        tags,
        summary: 'Users who may be named organisers of this conference (district and park staff), for the settings',
        params: ZEventParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.number(),
                displayName: z.string(),
                username: z.string(),
                role: z.string(),
                organisation: z.string().nullable(),
              }),
            ),
          }),
          403: ZProblem,
          404: ZProblem,
        },
      },
    },
    async (req) => {
      assertManage((await loadConference(db, req.params.id, req)).access);
      return {
        items: (await organiserCandidates(db)).map((u) => ({
          id: u.id,
          displayName: u.display_name,
          username: u.username,
          role: u.role,
          organisation: u.organisation,
        })),
      };
    },
  );

  r.get(
    `${BASE}/participants`,
    {
      schema: {
        tags,
        summary:
          'Participants; contact, availability and check-in are shown to organisers and to the participant itself',
        params: ZEventParams,
        querystring: z.object({ q: z.string().max(100).optional(), role: z.enum(PARTICIPANT_ROLES).optional() }),
        response: { 200: z.object({ items: z.array(ZParticipant) }) },
      },
    },
    async (req) => {
      const c = await loadConference(db, req.params.id, req);
      const rows = await repo.listParticipants(db, c.event.id, { q: req.query.q, role: req.query.role });
      return {
        items: rows.map(({ checkinCode: _, ...p }) =>
          c.access.readAll || c.access.own.includes(p.id)
            ? p
            : { ...p, contact: null, availability: null, checkedInAt: null, maxMeetings: null, maxPerSession: null },
        ),
      };
    },
  );

  r.post(
    `${BASE}/participants`,
    {
      config: { right: 'writer' },
      schema: {
        tags,
        summary: 'Add a participant (organisers)',
        params: ZEventParams,
        body: ZParticipantInput,
        response: { 201: ZParticipant, 403: ZProblem, 422: ZProblem },
      },
    },
    async (req, reply) => {
      const id = await auditedChange(db, req, req.params.id, async (t, c) => {
        const id = await addParticipant(t, c, req.body);
        return {
          result: id,
          audit: { entity: 'conference_participants', entityId: id, action: 'create', new: { ...req.body } },
        };
      });
      const { checkinCode: _, ...p } = (await repo.findParticipant(db, req.params.id, id)) as repo.ParticipantRow;
      return reply.status(201).send(p);
    },
  );

  // Spreadsheet imports (organisers): all rows or none, every problem with its row and column.
  for (const x of [
    {
      what: 'participants',
      summary: 'Import participants from .xlsx or CSV (organisers): all rows or none, every problem with its row',
      run: (t: Db, c: Loaded, bytes: Uint8Array, name: string, _by: string | null) =>
        importParticipants(t, c, bytes, name),
      template: participantTemplate,
    },
    {
      what: 'requests',
      summary:
        'Import meeting requests from .xlsx or CSV (organisers): participants by organisation (and person), priority, accepted or pending; all rows or none',
      run: (t: Db, c: Loaded, bytes: Uint8Array, name: string, by: string | null) =>
        importRequests(t, c, bytes, name, by),
      template: requestTemplate,
    },
  ] as const) {
    r.post(
      `${BASE}/${x.what}/import`,
      {
        config: { right: 'writer' },
        schema: {
          tags,
          summary: x.summary,
          description: 'multipart/form-data with a `file` part; headers as in the template (Chinese or English).',
          consumes: ['multipart/form-data'],
          params: ZEventParams,
          response: { 201: z.object({ imported: z.number().int() }), 403: ZProblem, 422: ZProblem },
        },
      },
      async (req, reply) => {
        assertManage((await loadConference(db, req.params.id, req)).access); // before reading the upload
        const part = await readUpload(req);
        // One change_log row per import (the rows have no ids before they are written): what and how many.
        const imported = await auditedChange(db, req, req.params.id, async (t, c) => {
          const n = await x.run(t, c, part.bytes, part.filename, req.actor?.username ?? null);
          return {
            result: n,
            audit: {
              entity: `conference_${x.what}`,
              entityId: `event:${c.event.id}`,
              action: 'create',
              new: { imported: n, file: part.filename },
            },
          };
        });
        return reply.status(201).send({ imported });
      },
    );
    r.get(
      `${BASE}/${x.what}/template.xlsx`,
      {
        schema: {
          tags,
          summary: `Template for the ${x.what} import`,
          params: ZEventParams,
          querystring: z.object({ lang: z.enum(['zh', 'en']).default('zh') }),
          response: { 200: fileResponse('The template workbook', XLSX_TYPE) },
        },
      },
      async (req, reply) =>
        reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${x.what}.xlsx`)}`)
          .send(await x.template(req.query.lang)),
    );
  }

  r.patch(
    `${BASE}/participants/:participantId`,
    {
      config: { right: 'writer' },
      schema: {
        tags,
        summary: 'Change a participant (organisers); carries the version read',
        params: ZParticipantParams,
        body: ZParticipantPatch,
        response: { 200: ZParticipant, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem },
      },
    },
    async (req) => {
      const id = req.params.participantId;
      await auditedChange(db, req, req.params.id, async (t, c) => {
        const before = await repo.findParticipant(t, c.event.id, id);
        await changeParticipant(t, c, id, req.body);
        const { checkinCode: _, ...old } = before ?? {};
        return {
          result: undefined,
          audit: { entity: 'conference_participants', entityId: id, action: 'update', old, new: { ...req.body } },
        };
      });
      const { checkinCode: _, ...p } = (await repo.findParticipant(db, req.params.id, id)) as repo.ParticipantRow;
      return p;
    },
  );

  r.delete(
    `${BASE}/participants/:participantId`,
    {
      config: { right: 'writer' },
      schema: {
        tags,
        summary: 'Remove a participant and its requests (organisers)',
        params: ZParticipantParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const id = req.params.participantId;
      await auditedChange(db, req, req.params.id, async (t, c) => {
        const before = await repo.findParticipant(t, c.event.id, id);
        await removeParticipant(t, c, id);
        const { checkinCode: _, ...old } = before ?? {};
        return { result: undefined, audit: { entity: 'conference_participants', entityId: id, action: 'delete', old } };
      });
      return reply.status(204).send(null);
    },
  );

  r.get(
    `${BASE}/requests`,
    {
      schema: {
        tags,
        summary: 'Meeting requests: all for organisers and analysts, its own for an enterprise user',
        description: 'Pending requests past their expiry are marked expired before answering.',
        params: ZEventParams,
        querystring: z.object({
          status: z.enum(REQUEST_STATUSES).optional(),
          participantId: idParam().optional(),
        }),
        response: { 200: z.object({ items: z.array(ZRequest) }), 403: ZProblem },
      },
    },
    async (req) => {
      const c = await loadConference(db, req.params.id, req);
      return { items: await visibleRequests(db, c, req.query) };
    },
  );

  r.post(
    `${BASE}/requests`,
    {
      config: { right: 'writer' },
      schema: {
        tags,
        summary: 'Ask for a meeting (a participant for itself, or an organiser for anyone)',
        params: ZEventParams,
        body: ZRequestInput,
        response: { 201: ZRequest, 403: ZProblem, 422: ZProblem },
      },
    },
    async (req, reply) => {
      const id = await auditedChange(db, req, req.params.id, async (t, c) => {
        if (!c.access.manage && c.access.own.length === 0) throw forbidden();
        const id = await sendRequest(t, c, req.body, req.actor?.username ?? null);
        return {
          result: id,
          audit: { entity: 'conference_requests', entityId: id, action: 'create', new: { ...req.body } },
        };
      });
      return reply.status(201).send((await repo.findRequest(db, req.params.id, id)) as TRequest);
    },
  );

  r.post(
    `${BASE}/requests/:requestId/answer`,
    {
      config: { right: 'writer' },
      schema: {
        tags,
        summary: 'Accept or decline (the invitee or an organiser), or cancel (either side or an organiser)',
        params: ZRequestParams,
        body: ZRequestAction,
        response: { 200: ZRequest, 403: ZProblem, 404: ZProblem, 422: ZProblem },
      },
    },
    async (req) =>
      auditedChange(db, req, req.params.id, async (t, c) => {
        const id = req.params.requestId;
        const before = await repo.findRequest(t, c.event.id, id);
        const after = await answerRequest(t, c, id, req.body.action);
        return {
          result: after,
          audit: {
            entity: 'conference_requests',
            entityId: id,
            action: 'update',
            old: { status: before?.status ?? null },
            new: { status: after.status, action: req.body.action },
          },
        };
      }),
  );
}
