/** Import and export routes: templates, upload with preview, commit, rejected rows, list and dataset exports. */
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fieldProblem } from '../../../contracts/errors.js';
import { idParam } from '../../../contracts/limits.js';
import type { Db } from '../../../db/connect.js';
import { IMPORT_KINDS, type ImportKind } from '../../../domain/import/kinds.js';
import { AppError, forbidden, invalid, notFound } from '../../lib/errors.js';
import { redact } from '../../lib/policy.js';
import { listIds, listQueryOf } from '../../lib/resource.js';
import { ZProblem } from '../../lib/resource-routes.js';
import { readUpload } from '../../lib/upload.js';
import { ctxOf } from '../auth/plugin.js';
import * as specs from '../registry/specs.js';
import { exportRows } from './export.js';
import { FileFormatError } from './read.js';
import { type ImportMode, type ImportReport, runImport } from './run.js';
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
  if (req.system) return;
  if (req.actor?.role !== 'city_admin' || req.actor.readOnly) throw forbidden();
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
      },
    },
    async (req, reply) => {
      const kinds = req.params.kind === 'all' ? [...IMPORT_KINDS] : [req.params.kind];
      const buf = await templateXlsx(kinds, req.query.lang, await tiers());
      return attachment(reply, `parklink-template-${req.params.kind}.xlsx`, XLSX).send(buf);
    },
  );

  const runStored = async (id: number, opts: { dryRun: boolean; mode?: ImportMode }) => {
    const [row] = await db.query<{ file: Uint8Array; file_name: string; kind: ImportKind | null; mode: ImportMode }>(
      'select file, file_name, kind, mode from imports where id = $1',
      [id],
    );
    if (!row) throw notFound();
    return runImport(db, new Uint8Array(row.file), {
      fileName: row.file_name,
      kind: row.kind ?? undefined,
      mode: opts.mode ?? row.mode,
      dryRun: opts.dryRun,
      via: `import:${id}`,
    });
  };
  const save = async (id: number, status: string, report: ImportReport) => {
    await db.query(
      `update imports set status = $2, summary = $3::jsonb, problems = $4::jsonb, encoding = $5,
         committed_at = case when $2 = 'committed' then now() else committed_at end where id = $1`,
      [
        id,
        status,
        JSON.stringify({ ...report, problems: undefined }),
        JSON.stringify(report.problems),
        report.encoding ?? null,
      ],
    );
  };

  r.post(
    '/api/v1/imports',
    {
      schema: {
        tags,
        summary: 'Upload a .xlsx or .csv (UTF-8 or GB18030) and get its validation report; nothing is written yet',
        description:
          'multipart/form-data with a `file` part; optional fields `kind` (for a single-sheet file) and `mode` (all | valid).',
        consumes: ['multipart/form-data'],
        response: { 201: ZReport, 413: ZProblem, 422: ZProblem },
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
      try {
        const { report } = await runStored(id, { dryRun: true });
        await save(id, 'validated', report);
        return reply.status(201).send({ id, status: 'validated', report: report as never });
      } catch (err) {
        if (err instanceof FileFormatError) {
          throw invalid([{ path: ['file'], code: 'invalid_format', message: { zh: err.zh, en: err.en } }]);
        }
        throw err;
      }
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
      schema: {
        tags,
        summary: 'Write an uploaded import: all-or-nothing (default) or only its valid rows',
        params: z.object({ id: idParam() }),
        body: z.object({ mode: z.enum(['all', 'valid']).optional() }).optional(),
        response: { 200: ZReport, 404: ZProblem, 409: ZProblem },
      },
    },
    async (req) => {
      mayImport(req);
      const id = req.params.id;
      const [row] = await db.query<{ status: string }>('select status from imports where id = $1', [id]);
      if (!row) throw notFound();
      if (row.status === 'committed')
        throw new AppError(409, 'duplicate', [
          fieldProblem(['id'], 'duplicate', { zh: '该导入已提交', en: 'this import is already committed' }),
        ]);
      const { report } = await runStored(id, { dryRun: false, mode: req.body?.mode });
      const status = report.committed ? ('committed' as const) : ('rejected' as const);
      await save(id, status, report);
      return { id, status, report: report as never };
    },
  );

  r.get(
    '/api/v1/imports/:id/rejected.xlsx',
    {
      schema: {
        tags,
        summary: 'The rows of an import that fail validation, with a reason column',
        params: z.object({ id: idParam() }),
      },
    },
    async (req, reply) => {
      mayImport(req);
      const { rejected } = await runStored(req.params.id, { dryRun: true });
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
        },
      },
      async (req, reply) => {
        const { format, lang, ...query } = req.query as Record<string, unknown> & {
          format: 'xlsx' | 'csv';
          lang: 'zh' | 'en';
        };
        const ctx = ctxOf(req);
        const rows = (await exportRows(db, kind, spec ? await listIds(db, spec, query, ctx) : undefined)).map((row) =>
          redact(ctx.actor, kind, row),
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
      },
    },
    async (req, reply) => {
      if (!req.system && req.actor?.role !== 'city_admin' && req.actor?.role !== 'city_analyst') throw forbidden();
      const sheets = [];
      for (const kind of IMPORT_KINDS) sheets.push({ kind, rows: await exportRows(db, kind) });
      return attachment(reply, `parklink-dataset-${stamp()}.xlsx`, XLSX).send(
        await dataXlsx(sheets, req.query.lang, await tiers()),
      );
    },
  );
}
