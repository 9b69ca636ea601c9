/** Import and export routes: templates, upload with preview, commit, rejected rows, list and dataset exports. */
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fieldProblem } from '../../../contracts/errors.js';
import { ZJob } from '../../../contracts/jobs.js';
import { idParam } from '../../../contracts/limits.js';
import type { Db } from '../../../db/connect.js';
import { IMPORT_KINDS, type ImportKind } from '../../../domain/import/kinds.js';
import { AppError, invalid, notFound } from '../../lib/errors.js';
import { listIds, listQueryOf } from '../../lib/resource.js';
import { ZProblem } from '../../lib/resource-routes.js';
import { readUpload } from '../../lib/upload.js';
import { answerJob, jobsOf } from '../../platform/jobs/index.js';
import { CSV_TYPE, fileResponse } from '../../platform/openapi.js';
import { assertMay, redact } from '../../platform/policy/index.js';
import { auditCtxOf, ctxOf } from '../auth/plugin.js';
import * as specs from '../registry/specs.js';
import { exportRows } from './export.js';
import { importCheckJob, importCommitJob, runStored } from './jobs.js';
import { dataCsv, dataXlsx, rejectedXlsx, type TierName, templateXlsx } from './workbook.js';

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ZKind = z.enum(IMPORT_KINDS);
const ZLang = z.enum(['zh', 'en']).default('zh');
const SPEC_OF: Partial<Record<ImportKind, specs.Spec>> = {
  parks: specs.parks,
  buildings: specs.buildings,
  floors: specs.floors,
  units: specs.units,
  enterprises: specs.enterprises,
  occupancies: specs.occupancies,
  metrics: specs.metrics,
  'supply-links': specs.supplyLinks,
};

/** Imports write across the whole registry: city administrators only (for now). */
function mayImport(req: FastifyRequest) {
  assertMay(req, 'import');
}

const ZReport = z
  .object({
    id: z.number().int(),
    status: z.enum(['validated', 'rejected', 'committed']),
    report: z
      .record(z.string(), z.unknown())
      .describe('ImportReport: sheets, totals and every problem with row, column, value and zh/en reason'),
  })
  .describe('An import and its validation report');

const ZStarted = z
  .object({ id: z.number().int().describe('The import'), job: ZJob })
  .describe('With `Prefer: respond-async`: the job checking or writing the import; poll GET /api/v1/jobs/:id');
/** Without `Prefer: respond-async` a request waits this long for its import job before answering 202. */
const JOB_WAIT_MS = 10 * 60 * 1000;

function attachment(reply: FastifyReply, name: string, type: string) {
  return reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
}

function stamp() {
  return new Date().toISOString().slice(0, 10);
}

export async function registerImportRoutes(app: FastifyInstance, db: Db): Promise<void> {
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 10 } });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Import & export 导入导出'];
  const tiers = async () =>
    db.query<TierName & Record<string, unknown>>(
      'select code, name_zh as "nameZh", name_en as "nameEn" from tiers order by rank',
    );

  r.get(
    '/api/v1/import/templates/:kind',
    {
      schema: {
        tags,
        summary: 'Download an import template (.xlsx): Chinese or English headers, a notes row, drop-down lists',
        params: z.object({ kind: z.union([ZKind, z.literal('all')]) }),
        querystring: z.object({ lang: ZLang }),
        response: { 200: fileResponse('The template workbook', XLSX) },
      },
    },
    async (req, reply) => {
      const kinds = req.params.kind === 'all' ? [...IMPORT_KINDS] : [req.params.kind];
      const buf = await templateXlsx(kinds, req.query.lang, await tiers());
      return attachment(reply, `parklink-template-${req.params.kind}.xlsx`, XLSX).send(buf);
    },
  );

  r.post(
    '/api/v1/imports',
    {
      config: { right: 'import' },
      schema: {
        tags,
        summary: 'Upload a .xlsx or .csv (UTF-8 or GB18030) and get its validation report; nothing is written yet',
        description:
          'multipart/form-data with a `file` part; optional fields `kind` (for a single-sheet file) and `mode` (all | valid). The check runs as a job: with `Prefer: respond-async` the answer is 202 with the job to poll; otherwise the request waits for the report.',
        consumes: ['multipart/form-data'],
        response: { 201: ZReport, 202: ZStarted, 413: ZProblem, 422: ZProblem },
      },
    },
    async (req, reply) => {
      mayImport(req);
      const part = await readUpload(req);
      const { bytes, field } = part;
      const kind = field('kind');
      const mode = field('mode') ?? 'all';
      const problems = [];
      if (kind && !ZKind.safeParse(kind).success)
        problems.push(
          fieldProblem(['kind'], 'invalid_value', { zh: IMPORT_KINDS.join('、'), en: IMPORT_KINDS.join(', ') }),
        );
      if (mode !== 'all' && mode !== 'valid')
        problems.push(fieldProblem(['mode'], 'invalid_value', { zh: 'all、valid', en: 'all, valid' }));
      if (problems.length) throw invalid(problems);
      const [row] = await db.query<{ id: number }>(
        `insert into imports (file_name, kind, mode, status, file) values ($1, $2, $3, 'validated', $4) returning id`,
        [part.filename, kind ?? null, mode, bytes],
      );
      const id = row?.id as number;
      const job = await jobsOf(db).send(
        importCheckJob,
        { importId: id, audit: auditCtxOf(req) },
        { ownerUserId: req.actor?.userId ?? null, label: part.filename },
      );
      const out = await answerJob(req, reply, db, job, JOB_WAIT_MS);
      if (out.async) return { id, job: out.job };
      return reply.status(201).send(out.result as never);
    },
  );

  r.get(
    '/api/v1/imports/:id',
    {
      schema: {
        tags,
        summary: 'An import and its last report',
        params: z.object({ id: idParam() }),
        response: { 200: ZReport, 404: ZProblem },
      },
    },
    async (req) => {
      mayImport(req);
      const [row] = await db.query<{
        id: number;
        status: 'validated' | 'rejected' | 'committed';
        summary: Record<string, unknown>;
        problems: unknown[];
      }>('select id, status, summary, problems from imports where id = $1', [req.params.id]);
      if (!row) throw notFound();
      return { id: row.id, status: row.status, report: { ...row.summary, problems: row.problems } };
    },
  );

  r.post(
    '/api/v1/imports/:id/commit',
    {
      config: { right: 'import' },
      schema: {
        tags,
        summary: 'Write an uploaded import: all-or-nothing (default) or only its valid rows',
        description:
          'Runs as a job: with `Prefer: respond-async` the answer is 202 with the job to poll (progress, cancel); otherwise the request waits for the result.',
        params: z.object({ id: idParam() }),
        body: z.object({ mode: z.enum(['all', 'valid']).optional() }).optional(),
        response: { 200: ZReport, 202: ZStarted, 404: ZProblem, 409: ZProblem },
      },
    },
    async (req, reply) => {
      mayImport(req);
      const id = req.params.id;
      const [row] = await db.query<{ status: string; file_name: string }>(
        'select status, file_name from imports where id = $1',
        [id],
      );
      if (!row) throw notFound();
      if (row.status === 'committed')
        throw new AppError(409, 'duplicate', [
          fieldProblem(['id'], 'duplicate', { zh: '该导入已提交', en: 'this import is already committed' }),
        ]);
      const job = await jobsOf(db).send(
        importCommitJob,
        { importId: id, mode: req.body?.mode, audit: auditCtxOf(req) },
        { ownerUserId: req.actor?.userId ?? null, label: row.file_name },
      );
      const out = await answerJob(req, reply, db, job, JOB_WAIT_MS);
      if (out.async) return { id, job: out.job };
      return out.result as never;
    },
  );

  r.get(
    '/api/v1/imports/:id/rejected.xlsx',
    {
      schema: {
        tags,
        summary: 'The rows of an import that fail validation, with a reason column',
        params: z.object({ id: idParam() }),
        response: { 200: fileResponse('The rejected rows as a workbook', XLSX) },
      },
    },
    async (req, reply) => {
      mayImport(req);
      const { rejected } = await runStored(db, req.params.id, { dryRun: true });
      return attachment(reply, `parklink-rejected-${req.params.id}.xlsx`, XLSX).send(await rejectedXlsx(rejected));
    },
  );

  for (const kind of IMPORT_KINDS) {
    const spec = SPEC_OF[kind];
    const format = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx'), lang: ZLang });
    r.get(
      `/api/v1/export/${kind}`,
      {
        schema: {
          tags,
          summary: `Export ${kind}${spec ? ' with the same filters and sort as its list' : ''}, as .xlsx or .csv in import format`,
          querystring: spec ? listQueryOf(spec).omit({ limit: true, offset: true }).extend(format.shape) : format,
          response: { 200: fileResponse(`The ${kind} as a workbook or CSV`, XLSX, CSV_TYPE) },
        },
      },
      async (req, reply) => {
        const { format, lang, ...query } = req.query as Record<string, unknown> & {
          format: 'xlsx' | 'csv';
          lang: 'zh' | 'en';
        };
        const ctx = ctxOf(req);
        const rows = (await exportRows(db, kind, spec ? await listIds(db, spec, query, ctx) : undefined)).map((row) =>
          // Sources are public reference data with no policy; registry kinds are redacted by theirs.
          spec ? redact(ctx.actor, kind, row) : row,
        );
        const name = `parklink-${kind}-${stamp()}.${format}`;
        if (format === 'csv')
          return attachment(reply, name, 'text/csv; charset=utf-8').send(dataCsv(kind, rows, lang, await tiers()));
        return attachment(reply, name, XLSX).send(await dataXlsx([{ kind, rows }], lang, await tiers()));
      },
    );
  }

  r.get(
    '/api/v1/export/dataset',
    {
      schema: {
        tags,
        summary: 'The whole registry as one workbook (one sheet per kind) that imports back losslessly',
        querystring: z.object({ lang: ZLang }),
        response: { 200: fileResponse('The dataset workbook', XLSX) },
      },
    },
    async (req, reply) => {
      assertMay(req, 'exportDataset');
      const sheets = [];
      for (const kind of IMPORT_KINDS) sheets.push({ kind, rows: await exportRows(db, kind) });
      return attachment(reply, `parklink-dataset-${stamp()}.xlsx`, XLSX).send(
        await dataXlsx(sheets, req.query.lang, await tiers()),
      );
    },
  );
}
