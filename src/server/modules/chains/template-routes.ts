/**
 * Template maintenance (issue 5 item 1): the list with who published what, version history with
 * a diff summary, Excel export, upload of JSON or Excel with a preview (every problem with sheet,
 * row and column; nothing written on error) and publishing an edited template with an optimistic
 * version check (409 when someone published in between).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  type TChainTemplate,
  type TTemplateProblem,
  ZChainTemplate,
  ZTemplateHistoryItem,
  ZTemplateListItem,
} from '../../../contracts/chains.js';
import { fieldProblem } from '../../../contracts/errors.js';
import type { RowProblem } from '../../../contracts/imports.js';
import { idParam } from '../../../contracts/limits.js';
import type { Db } from '../../../db/connect.js';
import { nodeIndex, validateTemplate } from '../../../domain/chains/templates.js';
import { AppError, invalid, notFound } from '../../lib/errors.js';
import { ZProblem } from '../../lib/resource-routes.js';
import { FileFormatError } from '../../lib/spreadsheet.js';
import { readUpload } from '../../lib/upload.js';
import type { AuditCtx } from '../../platform/audit.js';
import { fileResponse, XLSX_TYPE } from '../../platform/openapi.js';
import { assertMay } from '../../platform/policy/index.js';
import { ctxOf } from '../auth/plugin.js';
import { MAX_IMPORT_BYTES } from '../import/routes.js';
import { type TemplateDiff, templateDiff } from './template-diff.js';
import { problemMessage, problemPath, problemValue, toFieldProblems } from './template-problems.js';
import { parseTemplateFile, SHEET_NAMES, templateWorkbook } from './template-workbook.js';
import { currentTemplates, publishTemplate, templateVersion } from './templates-store.js';

const tags = ['Chains 产业链'];
const ZCode = z.object({ code: z.string().regex(/^[a-z][a-z0-9]*$/) });
const ZImportReport = z
  .record(z.string(), z.unknown())
  .describe(
    'format, fileName, currentVersion, problems (sheet, row, column, field, zh/en message), diff against the current version, template (preview) and published (the new version or null)',
  );
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Publishing changes a city-wide reference: city administrators only, as the PUT route. */
export function mayPublish(req: FastifyRequest): void {
  assertMay(req, 'chainPublish');
}

/** Structural problems of a template against the GB/T classes and the other current chains. */
export async function checkTemplate(db: Db, t: TChainTemplate): Promise<TTemplateProblem[]> {
  const classCodes = new Set(
    (await db.query<{ code: string }>(`select code from industry_classes where level = 'class'`)).map((r) => r.code),
  );
  const others = (await currentTemplates(db)).filter((x) => x.code !== t.code);
  return validateTemplate(t, { classCodes, index: nodeIndex([...others, t]) });
}

async function currentVersion(db: Db, code: string): Promise<number | null> {
  const [r] = await db.query<{ v: number | null }>('select max(version) as v from chain_templates where code = $1', [
    code,
  ]);
  return r?.v ?? null;
}

const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === '23505';

/** Publishes after checking that nobody published since `baseVersion`; 409 otherwise. */
export async function publishChecked(
  db: Db,
  t: TChainTemplate,
  baseVersion: number,
  who: string | null,
  note: string | null,
  audit?: AuditCtx,
): Promise<{ template?: TChainTemplate; problems: TTemplateProblem[] }> {
  const stale = async () =>
    new AppError(409, 'stale_version', [], {
      current: { version: await currentVersion(db, t.code) },
    });
  if ((await currentVersion(db, t.code)) !== baseVersion) throw await stale();
  try {
    return await publishTemplate(db, t, who, note, audit);
  } catch (e) {
    // two publishers on the same base: the second insert of version base+1 collides
    if (isUniqueViolation(e)) throw await stale();
    throw e;
  }
}

export function registerTemplateAdminRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/chain-templates',
    {
      schema: {
        tags,
        summary: 'Current templates with their size, source basis and who published them when',
        response: { 200: z.object({ items: z.array(ZTemplateListItem) }) },
      },
    },
    async () => {
      const meta = await db.query<{
        code: string;
        version: number;
        created_by: string | null;
        created_at: Date;
        note: string | null;
        n: number;
      }>(
        `select distinct on (code) code, version, created_by, created_at, note,
                (select count(*)::int from chain_templates c where c.code = t.code) as n
           from chain_templates t order by code, version desc`,
      );
      const byCode = new Map(meta.map((m) => [m.code, m]));
      return {
        items: (await currentTemplates(db)).map((t) => {
          const m = byCode.get(t.code);
          return {
            code: t.code,
            version: t.version,
            versions: m?.n ?? 1,
            nameZh: t.nameZh,
            nameEn: t.nameEn,
            nodes: t.nodes.length,
            segments: t.nodes.filter((n) => !n.group).length,
            keyLinks: t.nodes.filter((n) => n.keyLink).length,
            edges: t.edges.length,
            basis: t.basis,
            sources: t.sources.length,
            publishedBy: m?.created_by ?? null,
            publishedAt: m ? new Date(m.created_at).toISOString() : null,
            note: m?.note ?? null,
          };
        }),
      };
    },
  );

  r.get(
    '/api/v1/chains/:code/history',
    {
      schema: {
        tags,
        summary: 'Every version of a template with who published it and what changed from the version before',
        params: ZCode,
        response: { 200: z.object({ items: z.array(ZTemplateHistoryItem).describe('Newest first') }), 404: ZProblem },
      },
    },
    async (req) => {
      const rows = await db.query<{
        version: number;
        template: TChainTemplate;
        note: string | null;
        created_by: string | null;
        created_at: Date;
      }>(
        'select version, template, note, created_by, created_at from chain_templates where code = $1 order by version',
        [req.params.code],
      );
      if (rows.length === 0) throw notFound();
      const items = rows.map((row, i) => {
        const prev = rows[i - 1];
        const diff: TemplateDiff | null = prev ? templateDiff(prev.template, row.template) : null;
        return {
          version: row.version,
          note: row.note,
          publishedBy: row.created_by,
          publishedAt: new Date(row.created_at).toISOString(),
          nodes: row.template.nodes.length,
          edges: row.template.edges.length,
          diff,
        };
      });
      return { items: items.reverse() };
    },
  );

  r.get(
    '/api/v1/chains/:code/export.xlsx',
    {
      schema: {
        tags,
        summary: 'Download a template as Excel (说明 / 节点 / 供应关系 sheets; importable)',
        params: ZCode,
        querystring: z.object({
          version: idParam().optional(),
          lang: z.enum(['zh', 'en']).default('zh'),
        }),
        response: { 200: fileResponse('The template workbook', XLSX_TYPE) },
      },
    },
    async (req, reply) => {
      const t = req.query.version
        ? await templateVersion(db, req.params.code, req.query.version)
        : (await currentTemplates(db, req.params.code))[0];
      if (!t) throw notFound();
      const name = `parklink-chain-${t.code}-v${t.version}.xlsx`;
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(await templateWorkbook(t, req.query.lang));
    },
  );

  r.post(
    '/api/v1/chains/:code/import',
    {
      config: { right: 'chainPublish' },
      schema: {
        tags,
        summary: 'Upload a template as .json or .xlsx: preview its problems, or publish it as a new version',
        description:
          'multipart/form-data: fields `publish` (true to publish; otherwise a preview), `baseVersion` (the version the file was made from; required to publish) and `note`, then the `file` part. Nothing is written when there is any problem.',
        consumes: ['multipart/form-data'],
        params: ZCode,
        response: {
          200: ZImportReport,
          201: ZImportReport,
          403: ZProblem,
          409: ZProblem,
          413: ZProblem,
          422: ZProblem,
        },
      },
    },
    async (req, reply) => {
      mayPublish(req);
      const code = req.params.code;
      const current = (await currentTemplates(db, code))[0];
      if (!current) throw notFound();
      const part = await readUpload(req, MAX_IMPORT_BYTES);
      const { bytes, field } = part;
      let parsed: Awaited<ReturnType<typeof parseTemplateFile>>;
      try {
        parsed = await parseTemplateFile(new Uint8Array(bytes), part.filename);
      } catch (e) {
        if (e instanceof FileFormatError) {
          throw invalid([{ path: ['file'], code: 'invalid_format', message: { zh: e.zh, en: e.en } }]);
        }
        throw e;
      }
      const problems: RowProblem[] = [...parsed.problems];
      const t = parsed.template;
      if (t && t.code !== code) {
        problems.push({
          ...parsed.locate(['code']),
          field: 'code',
          value: t.code,
          code: 'invalid_value',
          message: {
            zh: `文件中的产业链代码为 ${t.code}，应为 ${code}`,
            en: `The file holds chain ${t.code}, expected ${code}`,
          },
          severity: 'error',
        });
      }
      if (t && problems.length === 0) {
        for (const p of await checkTemplate(db, t)) {
          const path = problemPath(t, p);
          problems.push({
            ...parsed.locate(path),
            field: path.join('.'),
            value: problemValue(p),
            code: p.code,
            message: problemMessage(p),
            severity: 'error',
          });
        }
      }
      // reading order: sheet as in the workbook, then row, then column
      const rank = (sheet: string) =>
        (['info', 'nodes', 'edges'] as const).findIndex((k) => Object.values(SHEET_NAMES[k]).includes(sheet as never));
      problems.sort(
        (a, b) =>
          rank(a.sheet) - rank(b.sheet) ||
          a.row - b.row ||
          a.column.length - b.column.length ||
          a.column.localeCompare(b.column),
      );
      const diff = t ? templateDiff(current, t) : null;
      const report = {
        format: parsed.format,
        fileName: part.filename,
        currentVersion: current.version,
        problems,
        diff,
      };
      if (field('publish') !== 'true') return { ...report, template: t ?? null, published: null };
      if (!t || problems.length) throw new AppError(422, 'validation_failed', [], { ...report, published: null });
      const base = Number(field('baseVersion'));
      if (!Number.isInteger(base)) throw invalid([fieldProblem(['baseVersion'], 'version_required')]);
      const out = await publishChecked(db, t, base, req.actor?.username ?? null, field('note') || null, ctxOf(req));
      return reply.status(201).send({ ...report, template: out.template, published: out.template?.version ?? null });
    },
  );

  r.post(
    '/api/v1/chains/:code/versions',
    {
      config: { right: 'chainPublish' },
      schema: {
        tags,
        summary: 'Publish an edited template as a new version (optimistic check on the version it was based on)',
        description:
          'Answers 409 stale_version with the current version when someone published since `baseVersion`, and 422 with every problem at its field (path under `template`).',
        params: ZCode,
        body: z.object({
          baseVersion: z.number().int().positive().describe('The version the edit started from'),
          note: z.string().max(500).optional().describe('What changed, shown in the history'),
          template: ZChainTemplate,
        }),
        response: { 201: ZChainTemplate, 403: ZProblem, 409: ZProblem, 422: ZProblem },
      },
    },
    async (req, reply) => {
      mayPublish(req);
      const { template, baseVersion, note } = req.body;
      if (template.code !== req.params.code) throw invalid([fieldProblem(['template', 'code'], 'invalid_value')]);
      if ((await currentVersion(db, template.code)) === null) throw notFound();
      const problems = await checkTemplate(db, template);
      if (problems.length) {
        throw invalid(toFieldProblems(template, problems).map((p) => ({ ...p, path: ['template', ...p.path] })));
      }
      const out = await publishChecked(
        db,
        template,
        baseVersion,
        req.actor?.username ?? null,
        note ?? null,
        ctxOf(req),
      );
      if (!out.template) throw invalid(toFieldProblems(template, out.problems));
      return reply.status(201).send(out.template);
    },
  );
}
