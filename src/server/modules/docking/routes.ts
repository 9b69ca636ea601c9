/** Supply–demand docking routes (issue 12): thin handlers — validate, authorise, use case, present. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  POSTING_KINDS,
  QUANTITY_MAX,
  UNIT_CODES,
  VISIBILITIES,
  ZBuildingView,
  ZDashboard,
  ZDealInput,
  ZDecisionInput,
  ZMatch,
  ZNodeSuggestion,
  ZPosting,
  ZPostingInput,
  ZSuggestedDemand,
} from '../../../contracts/docking.js';
import { ZJob } from '../../../contracts/jobs.js';
import { idParam } from '../../../contracts/limits.js';
import type { Db } from '../../../db/connect.js';
import { suggestNodes } from '../../../domain/docking/engine.js';
import { forbidden, notFound } from '../../lib/errors.js';
import { ZProblem } from '../../lib/resource-routes.js';
import { readUpload } from '../../lib/upload.js';
import { answerJob, jobsOf } from '../../platform/jobs/index.js';
import { fileResponse, XLSX_TYPE } from '../../platform/openapi.js';
import { assertMay } from '../../platform/policy/index.js';
import { ctxOf } from '../auth/plugin.js';
import { mayDashboard, who } from './access.js';
import { chainGraph, today } from './book.js';
import { buildingView } from './building.js';
import { dashboard } from './dashboard.js';
import { rematchJob } from './jobs.js';
import { confirmSuggestedDemand, suggestedDemand } from './leaders.js';
import { decide, recordDeal } from './matches.js';
import { closePosting, createPosting } from './postings.js';
import { findMatch, findPosting, listMatches, listPostings } from './repository.js';
import { IMPORT_MAX_ROWS, importPostings, postingsWorkbook, postingTemplate } from './sheets.js';

const tags = ['Docking 供需对接'];
const BASE = '/api/v1/docking';
const ZId = z.object({ id: idParam() });
const bool = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();
const paging = {
  page: z.coerce.number().int().min(1).max(100_000).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).optional(),
};
const pageOf = (q: { page?: number | undefined; pageSize?: number | undefined }) => {
  const size = q.pageSize ?? 50;
  return { limit: size, offset: ((q.page ?? 1) - 1) * size };
};
const errors = { 403: ZProblem, 404: ZProblem, 422: ZProblem };
const ZLang = z.enum(['zh', 'en']).default('zh').describe('Language of headers and labels');
/** The filters of the postings list (the export takes the same ones). */
const postingFilters = {
  kind: z.enum(POSTING_KINDS).optional(),
  mine: bool.describe('Only postings the caller acts for'),
  enterpriseId: idParam().optional(),
  q: z.string().trim().max(100).optional(),
  includeExpired: bool,
};
/** The most rows one export holds (the note sheet says when the list was longer). */
const EXPORT_MAX = 10_000;
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

async function nodeNames(db: Db) {
  const graph = await chainGraph(db);
  return (id: string) => graph.nodes.get(id)?.nameZh ?? null;
}

export function registerDockingRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    `${BASE}/node-suggestions`,
    {
      schema: {
        tags,
        summary: 'Chain nodes suggested for a product or service text (the poster confirms one)',
        querystring: z.object({ text: z.string().trim().min(1).max(500) }),
        response: { 200: z.object({ items: z.array(ZNodeSuggestion) }), 422: ZProblem },
      },
    },
    async (req) => ({ items: suggestNodes(await chainGraph(db), req.query.text, 8) }),
  );

  r.get(
    `${BASE}/postings`,
    {
      schema: {
        tags,
        summary:
          'Postings the caller may read (own, and others by visibility); quantities, prices and contacts only to owners',
        querystring: z.object({
          id: idParam().optional().describe('One posting'),
          ...postingFilters,
          ...paging,
        }),
        response: { 200: z.object({ items: z.array(ZPosting), total: z.number().int() }), 422: ZProblem },
      },
    },
    async (req) => {
      const a = who(req);
      const day = today();
      const names = await nodeNames(db);
      if (req.query.id) {
        const p = await findPosting(db, a, req.query.id, names, day);
        if (!p) return { items: [], total: 0 };
        const { mine: _, ...posting } = p;
        return { items: [posting], total: 1 };
      }
      return listPostings(db, a, { ...req.query, ...pageOf(req.query) }, names, day);
    },
  );

  r.post(
    `${BASE}/postings`,
    {
      config: { right: 'docking.post' },
      schema: {
        tags,
        summary: 'Post a supply or a demand; it is matched at once (the new matches are returned as a count)',
        description: `Refused with 422 naming the field (zh + en): an unknown chain node, a quantity ≤ 0 or above ${QUANTITY_MAX}, a validity before today, a unit that does not fit the category (units: ${UNIT_CODES.join(', ')}; visibility: ${VISIBILITIES.join(', ')}).`,
        body: ZPostingInput,
        response: { 201: z.object({ posting: ZPosting, newMatches: z.number().int() }), ...errors },
      },
    },
    async (req, reply) => {
      assertMay(req, 'docking.post');
      const a = who(req);
      const { id, newMatches } = await createPosting(db, a, req.body, ctxOf(req));
      const p = await findPosting(db, a, id, await nodeNames(db), today());
      if (!p) throw notFound();
      const { mine: _, ...posting } = p;
      return reply.status(201).send({ posting, newMatches });
    },
  );

  r.get(
    `${BASE}/postings/export.xlsx`,
    {
      schema: {
        tags,
        summary: 'The postings list as a workbook, with the list’s filters and the caller’s redaction',
        description: `Quantities, units, prices and contacts only of postings the caller owns or is an accepted counterpart of; other cells empty. At most ${EXPORT_MAX} rows.`,
        querystring: z.object({ ...postingFilters, lang: ZLang }),
        response: { 200: fileResponse('The postings workbook', XLSX_TYPE), 422: ZProblem },
      },
    },
    async (req, reply) => {
      const a = who(req);
      const { lang, ...filters } = req.query;
      const list = await listPostings(
        db,
        a,
        { ...filters, limit: EXPORT_MAX, offset: 0 },
        await nodeNames(db),
        today(),
      );
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', attachment(lang === 'zh' ? '供需信息.xlsx' : 'postings.xlsx'))
        .send(await postingsWorkbook(db, list.items, lang, list.total));
    },
  );

  r.get(
    `${BASE}/postings/template.xlsx`,
    {
      schema: {
        tags,
        summary: 'Template of the postings import (drop-down lists of kinds, categories, units, visibility, nodes)',
        querystring: z.object({ lang: ZLang }),
        response: { 200: fileResponse('The template workbook', XLSX_TYPE), 403: ZProblem, 422: ZProblem },
      },
    },
    async (req, reply) => {
      assertMay(req, 'docking.post');
      return reply
        .header('content-type', XLSX_TYPE)
        .header(
          'content-disposition',
          attachment(req.query.lang === 'zh' ? '供需信息导入模板.xlsx' : 'postings-template.xlsx'),
        )
        .send(await postingTemplate(db, req.query.lang));
    },
  );

  r.post(
    `${BASE}/postings/import`,
    {
      config: { right: 'docking.post' },
      schema: {
        tags,
        summary: 'Import postings from a spreadsheet: all rows or none, every bad cell named by sheet, row and column',
        description: `multipart/form-data with a \`file\` part (.xlsx or CSV; headers as in the template, Chinese or English; at most ${IMPORT_MAX_ROWS} rows). Each row is checked as a posting from the form (unknown node, quantity ≤ 0 or above ${QUANTITY_MAX}, validity before today, unit that does not fit the category, unknown firm or one the caller may not post for); a refusal is a 422 whose \`report\` lists sheet, row, column, header, value and reason (zh + en). Written postings are matched at once.`,
        consumes: ['multipart/form-data'],
        response: {
          201: z.object({ imported: z.number().int(), newMatches: z.number().int() }),
          401: ZProblem,
          403: ZProblem,
          413: ZProblem,
          415: ZProblem,
          422: ZProblem,
        },
      },
    },
    async (req, reply) => {
      assertMay(req, 'docking.post'); // before reading the upload
      const part = await readUpload(req);
      const out = await importPostings(db, who(req), part.bytes, part.filename, ctxOf(req));
      return reply.status(201).send(out);
    },
  );

  r.post(
    `${BASE}/postings/:id/close`,
    {
      config: { right: 'docking.post' },
      schema: {
        tags,
        summary: 'Close a posting (its owner): it drops out of matching; its matches and deals stay',
        params: ZId,
        response: { 200: ZPosting, ...errors },
      },
    },
    async (req) => {
      const a = who(req);
      const names = await nodeNames(db);
      if (!(await findPosting(db, a, req.params.id, names, today()))) throw notFound();
      await closePosting(db, a, req.params.id, ctxOf(req));
      const { mine: _, ...posting } = (await findPosting(db, a, req.params.id, names, today()))!;
      return posting;
    },
  );

  r.get(
    `${BASE}/matches`,
    {
      schema: {
        tags,
        summary: 'Matches with their evidence: those of a posting, the caller’s own, or one by id',
        querystring: z.object({
          id: idParam().optional().describe('One match'),
          postingId: idParam().optional(),
          mine: bool,
          ...paging,
        }),
        response: { 200: z.object({ items: z.array(ZMatch), total: z.number().int() }), 403: ZProblem, 422: ZProblem },
      },
    },
    async (req) => {
      const a = who(req);
      if (a.role === 'viewer') throw forbidden();
      if (req.query.id) {
        const m = await findMatch(db, a, req.query.id);
        return m ? { items: [m], total: 1 } : { items: [], total: 0 };
      }
      return listMatches(db, a, { ...req.query, ...pageOf(req.query) });
    },
  );

  r.post(
    `${BASE}/matches/:id/decision`,
    {
      config: { right: 'writer' },
      schema: {
        tags,
        summary: 'Decide on a match for the side the caller acts for: interested or not relevant (asked once)',
        description:
          'When both sides are interested the contact opens: each sees the other’s contact, quantity and price.',
        params: ZId,
        body: ZDecisionInput.extend({
          side: z.enum(['demand', 'supply']).optional().describe('Only when the caller acts for both sides'),
        }).strict(),
        response: { 200: z.object({ match: ZMatch, contactOpened: z.boolean() }), ...errors },
      },
    },
    async (req) => {
      const a = who(req);
      const opts = req.body.side ? { side: req.body.side } : {};
      const { contactOpened } = await decide(db, a, req.params.id, req.body.decision, ctxOf(req), opts);
      return { match: (await findMatch(db, a, req.params.id))!, contactOpened };
    },
  );

  r.post(
    `${BASE}/matches/:id/deals`,
    {
      config: { right: 'writer' },
      schema: {
        tags,
        summary: 'Record a deal on a match whose contact is open; creates or updates the supplier link',
        description:
          'A match the caller cannot see is a 404. The supplier link moves the chain’s local supporting rate.',
        params: ZId,
        body: ZDealInput,
        response: {
          201: z.object({ match: ZMatch, supplyLinkId: z.number().int(), linkCreated: z.boolean() }),
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const a = who(req);
      const d = await recordDeal(db, a, req.params.id, req.body, ctxOf(req));
      return reply.status(201).send({
        match: (await findMatch(db, a, req.params.id))!,
        supplyLinkId: d.supplyLinkId,
        linkCreated: d.linkCreated,
      });
    },
  );

  r.get(
    `${BASE}/suggested-demand`,
    {
      schema: {
        tags,
        summary:
          '替代外地供应: chain leaders’ purchases from outside the city, with local firms that could supply them',
        response: { 200: z.object({ items: z.array(ZSuggestedDemand) }), 403: ZProblem },
      },
    },
    async (req) => {
      assertMay(req, 'docking.suggested');
      return { items: await suggestedDemand(db, who(req)) };
    },
  );

  r.post(
    `${BASE}/suggested-demand/:id/confirm`,
    {
      config: { right: 'docking.post' },
      schema: {
        tags,
        summary: 'Confirm a suggested demand (the leader or whoever acts for it): it is posted and matched',
        params: ZId.describe('The supplier link the demand comes from'),
        body: ZPostingInput.pick({
          title: true,
          nodeId: true,
          quantity: true,
          unit: true,
          validUntil: true,
          visibility: true,
          contactName: true,
          contactPhone: true,
        })
          .partial({ title: true })
          .strict(),
        response: { 201: z.object({ posting: ZPosting, newMatches: z.number().int() }), ...errors },
      },
    },
    async (req, reply) => {
      assertMay(req, 'docking.post');
      const a = who(req);
      const { id, newMatches } = await confirmSuggestedDemand(db, a, req.params.id, req.body, ctxOf(req));
      const { mine: _, ...posting } = (await findPosting(db, a, id, await nodeNames(db), today()))!;
      return reply.status(201).send({ posting, newMatches });
    },
  );

  r.get(
    `${BASE}/buildings/:id`,
    {
      schema: {
        tags,
        summary: '楼上楼下: a building’s tenants floor by floor, and which could supply which along the chains',
        params: ZId,
        response: { 200: ZBuildingView, 404: ZProblem },
      },
    },
    async (req) => {
      who(req);
      return buildingView(db, req.params.id);
    },
  );

  r.post(
    `${BASE}/rematch`,
    {
      schema: {
        tags,
        summary: 'Re-match the whole open book as a job (the bureau); decisions are kept, confirmed pairs never new',
        description:
          'With `Prefer: respond-async` answers 202 with the job (progress in postings; GET /api/v1/jobs/{id}); otherwise waits and answers with the counts.',
        body: z.object({}).strict().optional().describe('No options: an empty object or no body'),
        response: {
          200: z.object({
            postings: z.number().int(),
            newMatches: z.number().int(),
            refreshed: z.number().int(),
          }),
          202: ZJob,
          401: ZProblem,
          403: ZProblem,
          422: ZProblem,
        },
      },
      // the right first: a caller without it learns nothing about the input it sent
      config: { right: 'docking.rematch' },
    },
    async (req, reply) => {
      const id = await jobsOf(db).send(rematchJob, { audit: ctxOf(req) }, { ownerUserId: req.actor?.userId ?? null });
      const out = await answerJob(req, reply, db, id, 30 * 60 * 1000);
      if (out.async) return out.job;
      return out.result as { postings: number; newMatches: number; refreshed: number };
    },
  );

  r.get(
    `${BASE}/dashboard`,
    {
      schema: {
        tags,
        summary:
          'Docking figures in the caller’s scope: postings, matches, contacts, deals, new local supply, 本地配套率 by chain',
        response: { 200: ZDashboard, 403: ZProblem },
      },
    },
    async (req) => {
      const a = who(req);
      if (!mayDashboard(a) && !req.system) throw forbidden();
      return dashboard(db, a);
    },
  );
}
