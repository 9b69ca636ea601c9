/** Chain atlas routes: versioned templates (read, publish, export) and enterprise ↔ node mappings. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZChainTemplate, ZNodeId, ZTemplateProblem } from '../../../contracts/chains.js';
import { fieldProblem } from '../../../contracts/errors.js';
import type { Db } from '../../../db/connect.js';
import { nodeIndex } from '../../../domain/chains/templates.js';
import { AppError, forbidden, invalid, notFound } from '../../lib/errors.js';
import { assertWritable, getResource } from '../../lib/resource.js';
import { ZProblem } from '../../lib/resource-routes.js';
import { present } from '../../lib/sql.js';
import { ctxOf } from '../auth/plugin.js';
import { enterprises } from '../registry/specs.js';
import { currentTemplates, publishTemplate, templateVersion, templateVersions } from './templates-store.js';

const tags = ['Chains 产业链'];
const ZCode = z.object({ code: z.string().regex(/^[a-z][a-z0-9]*$/) });

export function registerChainRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/chains',
    {
      schema: {
        tags,
        summary: 'Current chain templates (summary)',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                code: z.string(),
                version: z.number(),
                nameZh: z.string(),
                nameEn: z.string(),
                nodes: z.number(),
                keyLinks: z.number(),
                edges: z.number(),
              }),
            ),
          }),
        },
      },
    },
    async () => ({
      items: (await currentTemplates(db)).map((t) => ({
        code: t.code,
        version: t.version,
        nameZh: t.nameZh,
        nameEn: t.nameEn,
        nodes: t.nodes.length,
        keyLinks: t.nodes.filter((n) => n.keyLink).length,
        edges: t.edges.length,
      })),
    }),
  );

  r.get(
    '/api/v1/chains/:code',
    {
      schema: {
        tags,
        summary: 'One chain template: the current version, or ?version=',
        params: ZCode,
        querystring: z.object({ version: z.coerce.number().int().positive().optional() }),
        response: { 200: ZChainTemplate, 404: ZProblem },
      },
    },
    async (req) => {
      const t = req.query.version
        ? await templateVersion(db, req.params.code, req.query.version)
        : (await currentTemplates(db, req.params.code))[0];
      if (!t) throw notFound();
      return t;
    },
  );

  r.get(
    '/api/v1/chains/:code/versions',
    { schema: { tags, summary: 'Versions of a chain template', params: ZCode } },
    async (req) => ({ items: (await templateVersions(db, req.params.code)).map((v) => present(v)) }),
  );

  r.get(
    '/api/v1/chains/:code/export',
    { schema: { tags, summary: 'Download a chain template as JSON (importable with PUT)', params: ZCode } },
    async (req, reply) => {
      const [t] = await currentTemplates(db, req.params.code);
      if (!t) throw notFound();
      return reply
        .header('content-disposition', `attachment; filename="parklink-chain-${t.code}-v${t.version}.json"`)
        .send(t);
    },
  );

  r.put(
    '/api/v1/chains/:code',
    {
      schema: {
        tags,
        summary: 'Publish a new version of a chain template (city administrators)',
        description:
          'The body is a whole template (as exported). It is checked against GB/T 4754-2017 and the other chains; every problem is returned.',
        params: ZCode,
        body: ZChainTemplate.extend({ note: z.string().max(500).optional() }),
        response: {
          201: ZChainTemplate,
          403: ZProblem,
          422: ZProblem.extend({ problems: z.array(ZTemplateProblem).optional() }),
        },
      },
    },
    async (req, reply) => {
      if (!req.system && (req.actor?.role !== 'city_admin' || req.actor.readOnly)) throw forbidden();
      const { note, ...template } = req.body;
      if (template.code !== req.params.code) throw invalid([fieldProblem(['code'], 'invalid_value')]);
      const out = await publishTemplate(db, template, req.actor?.username ?? null, note ?? null);
      if (!out.template) {
        throw new AppError(422, 'validation_failed', [], { problems: out.problems });
      }
      return reply.status(201).send(out.template);
    },
  );

  r.get(
    '/api/v1/chain-mappings',
    {
      schema: {
        tags,
        summary: 'Decisions on enterprise ↔ node mappings',
        querystring: z.object({
          enterpriseId: z.coerce.number().int().positive().optional(),
          nodeId: ZNodeId.optional(),
          chainCode: z.string().max(16).optional(),
          status: z.enum(['confirmed', 'rejected']).optional(),
        }),
      },
    },
    async (req) => {
      const q = req.query;
      const rows = await db.query(
        `select m.*, e.name as enterprise_name from chain_mappings m join enterprises e on e.id = m.enterprise_id
          where ($1::int is null or m.enterprise_id = $1) and ($2::text is null or m.node_id = $2)
            and ($3::text is null or m.node_id like $3 || '.%') and ($4::text is null or m.status = $4)
          order by m.decided_at desc limit 2000`,
        [q.enterpriseId ?? null, q.nodeId ?? null, q.chainCode ?? null, q.status ?? null],
      );
      return { items: rows.map((x) => present(x)) };
    },
  );

  r.post(
    '/api/v1/chain-mappings',
    {
      schema: {
        tags,
        summary: 'Confirm or reject that an enterprise belongs to a chain node; a decision is never asked again',
        body: z.object({
          enterpriseId: z.number().int().positive(),
          nodeId: ZNodeId,
          status: z.enum(['confirmed', 'rejected']),
          confidence: z.number().min(0).max(1).optional(),
          evidence: z.array(z.record(z.string(), z.unknown())).max(20).optional(),
        }),
        response: { 200: z.object({ ok: z.boolean() }), 403: ZProblem, 404: ZProblem, 422: ZProblem },
      },
    },
    async (req) => {
      const b = req.body;
      const ctx = ctxOf(req);
      await getResource(db, enterprises, b.enterpriseId, ctx);
      await assertWritable(db, enterprises, b.enterpriseId, ctx);
      if (!nodeIndex(await currentTemplates(db)).has(b.nodeId))
        throw invalid([fieldProblem(['nodeId'], 'reference_not_found')]);
      await db.query(
        `insert into chain_mappings (enterprise_id, node_id, status, confidence, evidence, decided_by)
         values ($1, $2, $3, $4, $5::jsonb, $6)
         on conflict (enterprise_id, node_id) do update set status = excluded.status, confidence = excluded.confidence,
           evidence = excluded.evidence, decided_by = excluded.decided_by, decided_at = now()`,
        [
          b.enterpriseId,
          b.nodeId,
          b.status,
          b.confidence ?? null,
          JSON.stringify(b.evidence ?? []),
          req.actor?.username ?? null,
        ],
      );
      return { ok: true };
    },
  );
}
