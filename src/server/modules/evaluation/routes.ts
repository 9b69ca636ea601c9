/** Evaluation routes: rule sets, runs and results, tiers, honours, renewal, pipeline; Excel of every list. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  EVAL_CLASSES,
  LAND_USE_LABELS,
  realDate,
  ZAreaSummary,
  ZExpiringHonour,
  ZFirmEvaluation,
  ZLetter,
  ZLetterPdf,
  ZLetterPdfRequest,
  ZPipelineView,
  ZRemindInput,
  ZRemindResult,
  ZRenewalProject,
  ZRenewalProjectInput,
  ZRenewalView,
  ZResultPage,
  ZRuleSet,
  ZRuleSetInput,
  ZRuleSetSummary,
  ZRun,
  ZRunInput,
  ZTierCounts,
  ZTierPage,
  ZTransition,
  ZTransitionInput,
} from '../../../contracts/evaluation.js';
import { ZJob } from '../../../contracts/jobs.js';
import { idParam } from '../../../contracts/limits.js';
import type { Db } from '../../../db/connect.js';
import { type Facts, FIELDS } from '../../../domain/evaluation/fields.js';
import { forbidden, notFound, unauthorized } from '../../lib/errors.js';
import { ZProblem } from '../../lib/resource-routes.js';
import { Sql } from '../../lib/sql.js';
import { answerJob, jobsOf } from '../../platform/jobs/index.js';
import { fileResponse, XLSX_TYPE } from '../../platform/openapi.js';
import { PDF_TYPE } from '../../platform/pdf/index.js';
import { assertMay, readScope } from '../../platform/policy/index.js';
import { auditCtxOf } from '../auth/plugin.js';
import { expiringHonours } from './honours.js';
import { evaluationRunJob, letterJob, remindJob } from './jobs.js';
import { buildLetterPdf } from './letter-pdf.js';
import { pipelineView, recordTransition } from './pipeline.js';
import { registerPlotRoutes } from './plot-routes.js';
import { createRenewalProject, renewalView, updateRenewalProject } from './renewal.js';
import * as repo from './repository.js';
import { areaSummary, letter, listResults, whatIfFirm } from './results.js';
import { createRuleSetVersion, publish, updateDraft } from './rule-sets.js';
import { tierCounts, tierStatuses } from './tier-status.js';
import { type Lang, listWorkbook } from './workbook.js';

const tags = ['Evaluation 评价与培育'];
const B = '/api/v1/evaluation';
const ZId = z.object({ id: idParam() });
const ZLang = z.enum(['zh', 'en']).default('zh');
const isoDate = realDate();
const region = z.string().regex(/^\d{6}$/);
const err = { 403: ZProblem, 404: ZProblem, 422: ZProblem };

const ZResultQuery = z.object({
  regionCode: region.optional(),
  parkId: idParam().optional(),
  class: z.enum([...EVAL_CLASSES, 'T']).optional(),
  bucket: z.string().max(64).optional(),
  q: z.string().max(100).optional(),
  sort: z.enum(['score', 'name', 'rank']).default('name'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
const ZTierQuery = z.object({
  ruleSetId: idParam().optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  on: isoDate.optional(),
  tier: z.string().max(64).optional(),
  regionCode: region.optional(),
  chainCode: z.string().max(32).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
const numericFields = Object.entries(FIELDS)
  .filter(([, d]) => d.kind === 'number')
  .map(([k]) => k);
/** What-if query: any number field of the facts, e.g. ?taxWan=320&landMu=12. */
const ZWhatIfQuery = z.object(
  Object.fromEntries(numericFields.map((k) => [k, z.coerce.number().min(-1e12).max(1e12).optional()])),
);

const xlsx = (reply: FastifyReply, name: string, body: Buffer) =>
  reply
    .header('content-type', XLSX_TYPE)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
    .send(body);
const pick = (lang: Lang, m: { zh: string; en: string } | null | undefined) => (m ? m[lang] : '');

export function registerEvaluationRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  registerPlotRoutes(app, db);

  // ---------- rule sets ----------
  r.get(
    `${B}/rule-sets`,
    {
      schema: {
        tags,
        summary: 'Rule sets (per-mu, tier, renewal), every version, newest first within a code',
        querystring: z.object({ kind: z.enum(['per_mu', 'tier', 'renewal']).optional() }),
        response: { 200: z.object({ items: z.array(ZRuleSetSummary) }) },
      },
    },
    async (req) => ({ items: await repo.listRuleSets(db, req.query.kind) }),
  );
  r.get(
    `${B}/rule-sets/:id`,
    {
      schema: {
        tags,
        summary: 'One rule-set version with its document',
        params: ZId,
        response: { 200: ZRuleSet, 404: ZProblem },
      },
    },
    async (req) => {
      const rs = await repo.getRuleSet(db, req.params.id);
      if (!rs) throw notFound();
      return rs;
    },
  );
  r.post(
    `${B}/rule-sets`,
    {
      config: { right: 'evaluation.rules' },
      schema: {
        tags,
        summary: 'A new version of a rule set (a draft, or published at once with publish: true)',
        description:
          'Refused with every problem named (rule and field, zh and en): weights not summing as declared, bands with a gap or overlap, unknown fields, wrong units.',
        body: ZRuleSetInput.extend({ publish: z.boolean().default(false) }),
        response: { 201: ZRuleSet, ...err },
      },
    },
    async (req, reply) => {
      const a = assertMay(req, 'evaluation.rules');
      const { publish: pub, ...input } = req.body;
      const rs = await createRuleSetVersion(db, input, {
        audit: auditCtxOf(req),
        userId: a?.userId ?? null,
        publish: pub,
      });
      return reply.status(201).send(rs);
    },
  );
  r.put(
    `${B}/rule-sets/:id`,
    {
      config: { right: 'evaluation.rules' },
      schema: {
        tags,
        summary: 'Edit a draft; a published version is never edited in place (409): save a new version',
        params: ZId,
        body: ZRuleSetInput,
        response: { 200: ZRuleSet, 409: ZProblem, ...err },
      },
    },
    async (req) => {
      assertMay(req, 'evaluation.rules');
      return updateDraft(db, req.params.id, req.body, { audit: auditCtxOf(req) });
    },
  );
  r.post(
    `${B}/rule-sets/:id/publish`,
    {
      config: { right: 'evaluation.rules' },
      schema: { tags, summary: 'Publish a draft', params: ZId, response: { 200: ZRuleSet, 409: ZProblem, ...err } },
    },
    async (req) => {
      assertMay(req, 'evaluation.rules');
      return publish(db, req.params.id, { audit: auditCtxOf(req) });
    },
  );

  // ---------- runs and results ----------
  r.post(
    `${B}/runs`,
    {
      config: { right: 'evaluation.run' },
      schema: {
        tags,
        summary: 'Evaluate every firm of an area for a year under a published per-mu rule set (a job)',
        description:
          'With `Prefer: respond-async` the answer is 202 with the job to poll (progress: load → evaluate → write).',
        body: ZRunInput,
        response: { 200: ZRun, 202: ZJob, ...err },
      },
    },
    async (req, reply) => {
      const a = assertMay(req, 'evaluation.run');
      const id = await jobsOf(db).send(
        evaluationRunJob,
        { input: req.body, userId: a?.userId ?? null, audit: auditCtxOf(req) },
        { ownerUserId: a?.userId ?? null, label: String(req.body.year) },
      );
      const out = await answerJob(req, reply, db, id, 10 * 60_000);
      return out.async ? out.job : (out.result as never);
    },
  );
  r.get(
    `${B}/runs`,
    {
      schema: { tags, summary: 'Evaluation runs, newest first', response: { 200: z.object({ items: z.array(ZRun) }) } },
    },
    async () => ({ items: await repo.listRuns(db) }),
  );
  r.get(
    `${B}/runs/:id`,
    {
      schema: {
        tags,
        summary: 'One run with its class distribution',
        params: ZId,
        response: { 200: ZRun, 404: ZProblem },
      },
    },
    async (req) => {
      const run = await repo.getRun(db, req.params.id);
      if (!run) throw notFound();
      return run;
    },
  );
  r.get(
    `${B}/runs/:id/results`,
    {
      schema: {
        tags,
        summary: 'Firms of a run: class, score, each indicator’s value, benchmark and contribution',
        description:
          'Rows follow the read scope of enterprise metrics; class, score and indicators are blank (listed in `redacted`) for readers who may not see that firm’s figures. Filtering by class or sorting by score is for the city and zones.',
        params: ZId,
        querystring: ZResultQuery,
        response: { 200: ZResultPage, ...err },
      },
    },
    async (req) => listResults(db, req.params.id, req.query, req.actor),
  );
  r.get(
    `${B}/runs/:id/results.xlsx`,
    {
      schema: {
        tags,
        summary: 'The run’s firms as Excel (the same rows and blanks as the list)',
        params: ZId,
        querystring: ZResultQuery.omit({ limit: true, offset: true }).extend({ lang: ZLang }),
        response: { 200: fileResponse('Results workbook', XLSX_TYPE), ...err },
      },
    },
    async (req, reply) => {
      const lang = req.query.lang as Lang;
      const page = await listResults(db, req.params.id, { ...req.query, limit: 200_000, offset: 0 }, req.actor);
      const cols = [
        {
          zh: '企业',
          en: 'Firm',
          width: 30,
          value: (x: (typeof page.items)[number]) =>
            x.name + (x.synthetic ? (lang === 'zh' ? '（示例）' : ' (synthetic)') : ''),
        },
        { zh: '区', en: 'District', value: (x: (typeof page.items)[number]) => x.regionCode },
        { zh: '类别', en: 'Bucket', value: (x: (typeof page.items)[number]) => x.bucket },
        { zh: '等级', en: 'Class', value: (x: (typeof page.items)[number]) => x.class },
        {
          zh: '得分',
          en: 'Score',
          value: (x: (typeof page.items)[number]) => (x.score === null ? null : Math.round(x.score * 100) / 100),
        },
        { zh: '排名', en: 'Rank', value: (x: (typeof page.items)[number]) => x.rank },
        { zh: '参评数', en: 'Of', value: (x: (typeof page.items)[number]) => x.groupSize },
        { zh: '用地（亩）', en: 'Land (mu)', value: (x: (typeof page.items)[number]) => x.landMu },
        {
          zh: '不参评原因',
          en: 'Not assessed because',
          width: 40,
          value: (x: (typeof page.items)[number]) => pick(lang, x.notAssessedReason),
        },
      ];
      return xlsx(
        reply,
        `parklink-evaluation-${req.params.id}.xlsx`,
        await listWorkbook({ zh: '评价结果', en: 'Results' }, cols, page.items, lang),
      );
    },
  );
  const ZFirmParams = z.object({ id: idParam(), enterpriseId: idParam() });
  r.get(
    `${B}/runs/:id/firms/:enterpriseId`,
    {
      schema: {
        tags,
        summary: 'A firm’s evaluation letter: result, rule set and source, class policies, history',
        params: ZFirmParams,
        response: { 200: ZLetter, ...err },
      },
    },
    async (req) => letter(db, req.params.id, req.params.enterpriseId, req.actor),
  );
  r.post(
    `${B}/runs/:id/firms/:enterpriseId/letter`,
    {
      config: { right: 'jobs' },
      schema: {
        tags,
        summary: 'A firm’s evaluation letter as PDF, rendered on the server; runs as a job',
        description:
          'Only for those who see the firm’s figures (others: 404 outside their scope, 403 inside it). The PDF carries the run’s as-of date and a watermark with your name and the time of the request. With `Prefer: respond-async` the answer is 202 with the job; download the file from `url`.',
        params: ZFirmParams,
        body: ZLetterPdfRequest,
        response: { 200: ZLetterPdf, 202: ZJob, 401: ZProblem, ...err },
      },
    },
    async (req, reply) => {
      if (!req.actor) throw unauthorized();
      const a = req.actor;
      const { id: runId, enterpriseId } = req.params;
      const requestedAt = new Date().toISOString();
      // Refuse at once (404 / 403) rather than in the job; the job checks again.
      await buildLetterPdf(db, runId, enterpriseId, a, req.body.lang, { name: '', at: requestedAt });
      const id = await jobsOf(db).send(
        letterJob,
        { runId, enterpriseId, lang: req.body.lang, userId: a.userId, requestedAt, audit: auditCtxOf(req) },
        { ownerUserId: a.userId, label: `#${runId} · #${enterpriseId}` },
      );
      const out = await answerJob(req, reply, db, id, 120_000);
      return out.async ? out.job : (out.result as never);
    },
  );
  r.get(
    `${B}/letters/:id/file`,
    {
      schema: {
        tags,
        summary: 'Download a generated evaluation letter (its owner only)',
        params: ZId,
        response: { 200: fileResponse('The letter as PDF', PDF_TYPE), 401: ZProblem, 404: ZProblem },
      },
    },
    async (req, reply) => {
      if (!req.actor) throw unauthorized();
      const [f] = await db.query<{ filename: string; file: Uint8Array }>(
        'select filename, file from evaluation_letters where id = $1 and owner_user_id = $2',
        [req.params.id, req.actor.userId],
      );
      if (!f) throw notFound();
      return reply
        .header('content-type', PDF_TYPE)
        .header('cache-control', 'private, no-store')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.filename)}`)
        .send(Buffer.from(f.file));
    },
  );
  r.get(
    `${B}/runs/:id/firms/:enterpriseId/what-if`,
    {
      schema: {
        tags,
        summary: 'What-if: the class the firm would reach with some figures changed (?taxWan=320)',
        params: ZFirmParams,
        querystring: ZWhatIfQuery,
        response: { 200: ZFirmEvaluation, ...err },
      },
    },
    async (req) => {
      const changes: Facts = {};
      for (const [k, v] of Object.entries(req.query))
        if (typeof v === 'number') (changes as Record<string, number>)[k] = v;
      return whatIfFirm(db, req.params.id, req.params.enterpriseId, changes, req.actor);
    },
  );
  const ZAreaQuery = z.object({ by: z.enum(['park', 'district']).default('district') });
  r.get(
    `${B}/runs/:id/areas`,
    {
      schema: {
        tags,
        summary: 'Class distribution, land output and ranking by park or district (city and zones)',
        params: ZId,
        querystring: ZAreaQuery,
        response: { 200: ZAreaSummary, ...err },
      },
    },
    async (req) => areaSummary(db, req.params.id, req.query.by, req.actor),
  );
  r.get(
    `${B}/runs/:id/areas.xlsx`,
    {
      schema: {
        tags,
        summary: 'Area summary as Excel',
        params: ZId,
        querystring: ZAreaQuery.extend({ lang: ZLang }),
        response: { 200: fileResponse('Area workbook', XLSX_TYPE), ...err },
      },
    },
    async (req, reply) => {
      const lang = req.query.lang as Lang;
      const s = await areaSummary(db, req.params.id, req.query.by, req.actor);
      type Row = (typeof s.items)[number];
      const cols = [
        { zh: '排名', en: 'Rank', value: (x: Row) => x.rank },
        { zh: '名称', en: 'Name', width: 30, value: (x: Row) => x.name },
        { zh: '企业数', en: 'Firms', value: (x: Row) => x.firms },
        ...(['A', 'B', 'C', 'D', 'T'] as const).map((c) => ({
          zh: `${c}类`,
          en: c,
          value: (x: Row) => x.distribution[c],
        })),
        { zh: '用地（亩）', en: 'Land (mu)', value: (x: Row) => x.landMu },
        { zh: '亩均产值（万元/亩）', en: 'Output per mu (万元)', value: (x: Row) => x.outputPerMu },
        { zh: '亩均税收（万元/亩）', en: 'Tax per mu (万元)', value: (x: Row) => x.taxPerMu },
      ];
      return xlsx(
        reply,
        `parklink-evaluation-${req.params.id}-${req.query.by}.xlsx`,
        await listWorkbook({ zh: '分布', en: 'Areas' }, cols, s.items, lang),
      );
    },
  );

  // ---------- tiers ----------
  r.get(
    `${B}/tiers`,
    {
      schema: {
        tags,
        summary: 'Tier answers of firms: tier qualified for now, next tier and each failing condition with its clause',
        description:
          'Candidate lists (tier = the next tier) by district and chain, closest first; for the city and zones.',
        querystring: ZTierQuery,
        response: { 200: ZTierPage, ...err },
      },
    },
    async (req) => tierStatuses(db, req.query, req.actor),
  );
  r.get(
    `${B}/tiers.xlsx`,
    {
      schema: {
        tags,
        summary: 'Tier candidates with their gaps as Excel',
        querystring: ZTierQuery.omit({ limit: true, offset: true }).extend({ lang: ZLang }),
        response: { 200: fileResponse('Tier workbook', XLSX_TYPE), ...err },
      },
    },
    async (req, reply) => {
      const lang = req.query.lang as Lang;
      const page = await tierStatuses(db, { ...req.query, limit: 200_000, offset: 0 }, req.actor);
      type Row = (typeof page.items)[number];
      const cols = [
        {
          zh: '企业',
          en: 'Firm',
          width: 30,
          value: (x: Row) => x.name + (x.synthetic ? (lang === 'zh' ? '（示例）' : ' (synthetic)') : ''),
        },
        { zh: '区', en: 'District', value: (x: Row) => x.regionCode },
        { zh: '产业链', en: 'Chain', value: (x: Row) => x.chainCode },
        { zh: '现可达梯度', en: 'Qualifies for', value: (x: Row) => x.qualifies },
        { zh: '下一梯度', en: 'Next tier', value: (x: Row) => x.next },
        {
          zh: '差距（条款）',
          en: 'Gaps (clauses)',
          width: 100,
          value: (x: Row) => (x.failing ?? []).map((f) => f.message[lang]).join('\n'),
        },
      ];
      return xlsx(
        reply,
        'parklink-tiers.xlsx',
        await listWorkbook({ zh: '梯度培育', en: 'Tiers' }, cols, page.items, lang, [
          `${page.ruleSet.name} v${page.ruleSet.version}`,
        ]),
      );
    },
  );
  r.get(
    `${B}/tiers/firms/:enterpriseId`,
    {
      schema: {
        tags,
        summary: 'One firm’s tier answer under every published tier rule set (2022 and 2026 measures)',
        params: z.object({ enterpriseId: idParam() }),
        querystring: z.object({ year: ZTierQuery.shape.year, on: isoDate.optional() }),
        response: { 200: z.object({ items: z.array(ZTierPage) }), ...err },
      },
    },
    async (req) => {
      const sets = (await repo.listRuleSets(db, 'tier')).filter((s) => s.status === 'published');
      const items = [];
      for (const s of sets)
        items.push(
          await tierStatuses(
            db,
            {
              ruleSetId: s.id,
              enterpriseId: req.params.enterpriseId,
              year: req.query.year,
              on: req.query.on,
              limit: 1,
              offset: 0,
            },
            req.actor,
          ),
        );
      return { items };
    },
  );
  r.get(
    `${B}/tiers/counts`,
    {
      schema: {
        tags,
        summary:
          'Firms holding each tier and newly awarded, against targets and published counts (little giants: 309, 103 new)',
        querystring: z.object({ on: isoDate.optional() }),
        response: { 200: ZTierCounts },
      },
    },
    async (req) => tierCounts(db, req.query.on ?? new Date().toISOString().slice(0, 10)),
  );

  // ---------- honours ----------
  const ZExpQuery = z.object({
    withinDays: z.coerce.number().int().min(1).max(730).default(180),
    on: isoDate.optional(),
  });
  const expiring = async (
    req: { actor?: import('../auth/actor.js').Actor | undefined },
    q: z.infer<typeof ZExpQuery>,
  ) => {
    const sql = new Sql();
    const scope = req.actor ? readScope(req.actor, 'enterprises', sql) : null;
    return expiringHonours(db, {
      on: q.on ?? new Date().toISOString().slice(0, 10),
      withinDays: q.withinDays,
      q: sql,
      where: scope ? `e.id in (select t.id from enterprises t where ${scope})` : 'true',
    });
  };
  r.get(
    `${B}/honours/expiring`,
    {
      schema: {
        tags,
        summary:
          'Honours expiring (re-review due), or expired in the last year (renewed or lapsed), and whether a reminder or a lapse notice went out',
        querystring: ZExpQuery,
        response: { 200: z.object({ items: z.array(ZExpiringHonour) }) },
      },
    },
    async (req) => ({ items: await expiring(req, req.query) }),
  );
  r.get(
    `${B}/honours/expiring.xlsx`,
    {
      schema: {
        tags,
        summary: 'Expiring honours as Excel',
        querystring: ZExpQuery.extend({ lang: ZLang }),
        response: { 200: fileResponse('Honours workbook', XLSX_TYPE) },
      },
    },
    async (req, reply) => {
      const lang = req.query.lang as Lang;
      const items = await expiring(req, req.query);
      type Row = (typeof items)[number];
      const cols = [
        { zh: '企业', en: 'Firm', width: 30, value: (x: Row) => x.name },
        { zh: '称号', en: 'Honour', value: (x: Row) => x.tierCode },
        { zh: '获评年份', en: 'Year', value: (x: Row) => x.year },
        { zh: '有效期至', en: 'Valid until', value: (x: Row) => x.validUntil },
        { zh: '剩余天数', en: 'Days left', value: (x: Row) => x.daysLeft },
        { zh: '复核申报截止', en: 'Re-review due', value: (x: Row) => x.dueOn },
        { zh: '已提醒', en: 'Reminded', value: (x: Row) => x.reminded },
        {
          zh: '状态',
          en: 'Status',
          value: (x: Row) =>
            ({
              zh: x.lapsed ? '失效' : x.renewed ? '已续期' : '有效',
              en: x.lapsed ? 'Lapsed' : x.renewed ? 'Renewed' : 'Valid',
            })[lang],
        },
        { zh: '已通知失效', en: 'Lapse told', value: (x: Row) => x.lapseNotified },
      ];
      return xlsx(
        reply,
        'parklink-honours-expiring.xlsx',
        await listWorkbook({ zh: '到期称号', en: 'Expiring' }, cols, items, lang),
      );
    },
  );
  r.post(
    `${B}/honours/reminders`,
    {
      config: { right: 'evaluation.remind' },
      schema: {
        tags,
        summary:
          'Send re-review reminders for honours expiring within N days, and lapse notices for honours expired without renewal (a job; each once per firm, honour and expiry)',
        body: ZRemindInput,
        response: { 200: ZRemindResult, 202: ZJob, ...err },
      },
    },
    async (req, reply) => {
      const a = assertMay(req, 'evaluation.remind');
      const id = await jobsOf(db).send(
        remindJob,
        {
          withinDays: req.body.withinDays,
          on: req.body.on ?? new Date().toISOString().slice(0, 10),
          audit: auditCtxOf(req),
        },
        { ownerUserId: a?.userId ?? null },
      );
      const out = await answerJob(req, reply, db, id, 120_000);
      return out.async ? out.job : (out.result as never);
    },
  );

  // ---------- renewal ----------
  const ZRenewalQuery = z.object({ runId: idParam(), regionCode: region.optional(), ruleSetId: idParam().optional() });
  r.get(
    `${B}/renewal`,
    {
      schema: {
        tags,
        summary:
          'Parks classed 改园换企 / 留园换企 / 留园留企 with the deciding rule, projects and the district’s reported figures',
        querystring: ZRenewalQuery,
        response: { 200: ZRenewalView, ...err },
      },
    },
    async (req) => renewalView(db, req.query, req.actor),
  );
  r.get(
    `${B}/renewal.xlsx`,
    {
      schema: {
        tags,
        summary: 'Renewal classes as Excel',
        querystring: ZRenewalQuery.extend({ lang: ZLang }),
        response: { 200: fileResponse('Renewal workbook', XLSX_TYPE), ...err },
      },
    },
    async (req, reply) => {
      const lang = req.query.lang as Lang;
      const v = await renewalView(db, req.query, req.actor);
      type Row = (typeof v.items)[number];
      const MODE = {
        replace_park: ['改园换企', 'Redevelop'],
        replace_firms: ['留园换企', 'Replace firms'],
        retain: ['留园留企', 'Retain'],
      };
      const cols = [
        { zh: '园区', en: 'Park', width: 30, value: (x: Row) => x.parkName },
        { zh: '分类', en: 'Class', value: (x: Row) => MODE[x.mode][lang === 'zh' ? 0 : 1] },
        { zh: '依据', en: 'Rule', width: 50, value: (x: Row) => x.rule.label[lang] },
        { zh: 'D类占比%', en: 'Class D %', value: (x: Row) => x.facts.dSharePct },
        { zh: '亩均产出/全区', en: 'Output per mu / zone', value: (x: Row) => x.facts.landOutputRatio },
        { zh: '空置率%', en: 'Vacancy %', value: (x: Row) => x.facts.vacancyPct },
        { zh: '建筑年限', en: 'Building age', value: (x: Row) => x.facts.buildingAgeYears },
        { zh: '项目数', en: 'Projects', value: (x: Row) => x.projects },
        { zh: '投资（万元）', en: 'Investment (万元)', value: (x: Row) => x.investmentWan },
      ];
      return xlsx(
        reply,
        'parklink-renewal.xlsx',
        await listWorkbook({ zh: '园区更新', en: 'Renewal' }, cols, v.items, lang),
      );
    },
  );
  r.get(
    `${B}/renewal/plots.xlsx`,
    {
      schema: {
        tags,
        summary: 'Plots (地块) and their renewal classes as Excel',
        querystring: ZRenewalQuery.extend({ lang: ZLang }),
        response: { 200: fileResponse('Plots workbook', XLSX_TYPE), ...err },
      },
    },
    async (req, reply) => {
      const lang = req.query.lang as Lang;
      const v = await renewalView(db, req.query, req.actor);
      type Row = (typeof v.plots)[number];
      const MODE = {
        replace_park: ['改园换企', 'Redevelop'],
        replace_firms: ['留园换企', 'Replace firms'],
        retain: ['留园留企', 'Retain'],
      };
      const i = lang === 'zh' ? 0 : 1;
      const cols = [
        { zh: '园区', en: 'Park', width: 30, value: (x: Row) => x.parkName },
        { zh: '地块编号', en: 'Plot code', value: (x: Row) => x.code },
        { zh: '地块', en: 'Plot', width: 24, value: (x: Row) => x.name },
        { zh: '面积（亩）', en: 'Area (mu)', value: (x: Row) => x.areaMu },
        { zh: '用途', en: 'Land use', value: (x: Row) => LAND_USE_LABELS[x.landUse][lang] },
        { zh: '权利人', en: 'Holder', width: 30, value: (x: Row) => x.ownerName },
        { zh: '分类', en: 'Class', value: (x: Row) => (x.mode ? MODE[x.mode][i] : null) },
        { zh: '依据', en: 'Rule', width: 50, value: (x: Row) => x.rule?.label[lang] ?? null },
        { zh: 'D类占比%', en: 'Class D %', value: (x: Row) => x.facts?.dSharePct ?? null },
        { zh: '亩均产出/全区', en: 'Output per mu / zone', value: (x: Row) => x.facts?.landOutputRatio ?? null },
        { zh: '空置率%', en: 'Vacancy %', value: (x: Row) => x.facts?.vacancyPct ?? null },
        { zh: '建筑年限', en: 'Building age', value: (x: Row) => x.facts?.buildingAgeYears ?? null },
        {
          zh: '示例数据',
          en: 'Synthetic',
          value: (x: Row) => (x.synthetic ? (lang === 'zh' ? '示例' : 'Synthetic') : ''),
        },
      ];
      return xlsx(
        reply,
        'parklink-renewal-plots.xlsx',
        await listWorkbook({ zh: '地块更新', en: 'Plots' }, cols, v.plots, lang),
      );
    },
  );
  r.post(
    `${B}/renewal/projects`,
    {
      config: { right: 'evaluation.renewal' },
      schema: {
        tags,
        summary: 'Record a renewal project',
        body: ZRenewalProjectInput,
        response: { 201: ZRenewalProject, ...err },
      },
    },
    async (req, reply) => {
      assertMay(req, 'evaluation.renewal');
      return reply.status(201).send(await createRenewalProject(db, req.body, req.actor, auditCtxOf(req)));
    },
  );
  r.put(
    `${B}/renewal/projects/:id`,
    {
      config: { right: 'evaluation.renewal' },
      schema: {
        tags,
        summary: 'Change a renewal project (status, investment …) with the version read',
        params: ZId,
        body: ZRenewalProjectInput.extend({ version: z.number().int().min(1).max(2_147_483_647) }),
        response: { 200: ZRenewalProject, 409: ZProblem, ...err },
      },
    },
    async (req) => {
      assertMay(req, 'evaluation.renewal');
      return updateRenewalProject(db, req.params.id, req.body, req.actor, auditCtxOf(req));
    },
  );

  // ---------- pipeline ----------
  const ZPipeQuery = z.object({ regionCode: region.optional() });
  r.get(
    `${B}/pipeline`,
    {
      schema: {
        tags,
        summary: 'The 0→1→10→N pipeline: dated stage transitions and the funnel by institution and zone',
        querystring: ZPipeQuery,
        response: { 200: ZPipelineView },
      },
    },
    async (req) => pipelineView(db, req.query),
  );
  r.get(
    `${B}/pipeline.xlsx`,
    {
      schema: {
        tags,
        summary: 'Pipeline transitions as Excel',
        querystring: ZPipeQuery.extend({ lang: ZLang }),
        response: { 200: fileResponse('Pipeline workbook', XLSX_TYPE) },
      },
    },
    async (req, reply) => {
      const lang = req.query.lang as Lang;
      const v = await pipelineView(db, req.query);
      type Row = (typeof v.transitions)[number];
      const cols = [
        { zh: '企业', en: 'Firm', width: 30, value: (x: Row) => x.enterpriseName },
        { zh: '阶段', en: 'Stage', value: (x: Row) => x.stage },
        { zh: '日期', en: 'Date', value: (x: Row) => x.occurredOn },
        { zh: '机构', en: 'Institution', width: 30, value: (x: Row) => x.institutionName },
        { zh: '园区', en: 'Park', width: 24, value: (x: Row) => x.parkName },
        { zh: '来源', en: 'Source', width: 30, value: (x: Row) => x.sourceTitle },
        { zh: '示例', en: 'Synthetic', value: (x: Row) => x.synthetic },
      ];
      return xlsx(
        reply,
        'parklink-pipeline.xlsx',
        await listWorkbook({ zh: '孵化链条', en: 'Pipeline' }, cols, v.transitions, lang),
      );
    },
  );
  r.post(
    `${B}/pipeline/transitions`,
    {
      config: { right: 'evaluation.pipeline' },
      schema: {
        tags,
        summary: 'Record a firm’s stage (lab, incubator, accelerator, park) with its date and institution',
        body: ZTransitionInput,
        response: { 201: ZTransition, ...err },
      },
    },
    async (req, reply) => {
      assertMay(req, 'evaluation.pipeline');
      if (req.actor?.readOnly) throw forbidden();
      return reply.status(201).send(await recordTransition(db, req.body, req.actor, auditCtxOf(req)));
    },
  );
}
