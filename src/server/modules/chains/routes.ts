/** Chain atlas routes: versioned templates (read, publish, export) and enterprise ↔ node mappings. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  type TShortlistEntry,
  ZChainHealth,
  ZChainTemplate,
  ZGapTarget,
  ZMappingDecision,
  ZMappingSuggestion,
  ZNodeId,
  ZShortlistEntry,
  ZTemplateProblem,
  ZTemplateVersion,
} from '../../../contracts/chains.js';
import { fieldProblem } from '../../../contracts/errors.js';
import { idParam } from '../../../contracts/limits.js';
import { items } from '../../../contracts/registry.js';
import type { Db } from '../../../db/connect.js';
import { suggestMappings } from '../../../domain/chains/suggest.js';
import { nodeIndex } from '../../../domain/chains/templates.js';
import { AppError, invalid, notFound } from '../../lib/errors.js';
import { assertWritable, getResource } from '../../lib/resource.js';
import { ZProblem } from '../../lib/resource-routes.js';
import { present } from '../../lib/sql.js';
import { writeAudit } from '../../platform/audit.js';
import { fileResponse } from '../../platform/openapi.js';
import { assertMay, redactFigures, seesFigures } from '../../platform/policy/index.js';
import { ctxOf } from '../auth/plugin.js';
import { buildings, enterprises, parks } from '../registry/specs.js';
import { registerChainAdminRoutes } from './admin-routes.js';
import { analyse, parseScope, scoped } from './analysis.js';
import { recordMappingDecision } from './mapping-review.js';
import { publishChecked } from './template-routes.js';
import { currentTemplates, templateVersion, templateVersions } from './templates-store.js';
import { registerChainViewRoutes } from './view-routes.js';

const tags = ['Chains 产业链'];
const ZCode = z.object({ code: z.string().regex(/^[a-z][a-z0-9]*$/) });
const JSON_TYPE = 'application/json';
const ZScopeProblems = { 404: ZProblem, 422: ZProblem };

export function registerChainRoutes(app: FastifyInstance, db: Db): void {
  registerChainViewRoutes(app, db);
  registerChainAdminRoutes(app, db);
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
        querystring: z.object({ version: idParam().optional() }),
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
    {
      schema: {
        tags,
        summary: 'Versions of a chain template',
        params: ZCode,
        response: { 200: z.object({ items: z.array(ZTemplateVersion).describe('Newest first') }) },
      },
    },
    async (req) => ({
      items: (await templateVersions(db, req.params.code)).map((v) => present<z.infer<typeof ZTemplateVersion>>(v)),
    }),
  );

  r.get(
    '/api/v1/chains/:code/export',
    {
      schema: {
        tags,
        summary: 'Download a chain template as JSON (importable with PUT)',
        params: ZCode,
        response: {
          200: fileResponse('The current template as a JSON file, in the shape of GET /chains/{code}', JSON_TYPE),
          404: ZProblem,
        },
      },
    },
    async (req, reply) => {
      const [t] = await currentTemplates(db, req.params.code);
      if (!t) throw notFound();
      // a file: sent as the text it is (a string is not run through the response schema)
      return reply
        .header('content-type', `${JSON_TYPE}; charset=utf-8`)
        .header('content-disposition', `attachment; filename="parklink-chain-${t.code}-v${t.version}.json"`)
        .send(JSON.stringify(t));
    },
  );

  r.put(
    '/api/v1/chains/:code',
    {
      config: { right: 'chainPublish' },
      schema: {
        tags,
        summary: 'Publish a new version of a chain template (city administrators)',
        description:
          'The body is a whole template (as exported), whose `version` is the version it was edited from: 409 stale_version when someone published since. It is checked against GB/T 4754-2017 and the other chains; every problem is returned.',
        params: ZCode,
        body: ZChainTemplate.extend({ note: z.string().max(500).optional() }),
        response: {
          201: ZChainTemplate,
          403: ZProblem,
          409: ZProblem,
          422: ZProblem.extend({ problems: z.array(ZTemplateProblem).optional() }),
        },
      },
    },
    async (req, reply) => {
      assertMay(req, 'chainPublish');
      const { note, ...template } = req.body;
      if (template.code !== req.params.code) throw invalid([fieldProblem(['code'], 'invalid_value')]);
      const out = await publishChecked(
        db,
        template,
        template.version,
        req.actor?.username ?? null,
        note ?? null,
        ctxOf(req),
      );
      if (!out.template) {
        throw new AppError(422, 'validation_failed', [], { problems: out.problems });
      }
      return reply.status(201).send(out.template);
    },
  );

  const analysisQuery = z.object({
    scope: z
      .string()
      .max(32)
      .optional()
      .describe(
        'city (default), district:420112, park:ID or building:ID. District and park roles may analyse the city and any district (public geography) and the parks and buildings they can read (others answer 404, as everywhere in the API); for them money figures are left out at every scope, since every view mixes firms inside and outside their zone.',
      ),
    includeSuggested: z
      .enum(['true', 'false'])
      .optional()
      .describe('Count strong suggestions as members (default false)'),
  });
  const targetsQuery = analysisQuery.extend({
    relocations: z
      .enum(['true', 'false'])
      .optional()
      .describe(
        "Also list the city's own firms outside the scope, apart and flagged relocation (default false: candidates come from outside the city)",
      ),
  });
  const run = async (req: FastifyRequest, code: string | undefined, targets: boolean) => {
    const q = req.query as z.infer<typeof targetsQuery>;
    const scope = parseScope(q.scope);
    if (!seesFigures(req) && scope.kind !== 'city') {
      // Zone roles analyse the city, any district, and the parks and buildings they can read.
      if (scope.kind === 'park') await getResource(db, parks, scope.id, ctxOf(req));
      if (scope.kind === 'building') await getResource(db, buildings, scope.id, ctxOf(req));
    }
    const all = await currentTemplates(db);
    const chosen = code ? all.filter((t) => t.code === code) : all;
    if (chosen.length === 0) throw notFound();
    const out = await analyse(db, chosen, scope, {
      targets,
      relocations: q.relocations === 'true',
      thresholds: { includeSuggested: q.includeSuggested === 'true' },
    });
    return seesFigures(req) ? out : redactFigures(out);
  };

  r.get(
    '/api/v1/chain-health',
    {
      schema: {
        tags,
        summary: 'Health of every chain in a scope: node status, leaders, supporting rates, explained score',
        querystring: analysisQuery,
        response: { 200: z.array(ZChainHealth).describe('One per current chain'), ...ZScopeProblems },
      },
    },
    async (req) => (await run(req, undefined, false)).health,
  );
  r.get(
    '/api/v1/chains/:code/health',
    {
      schema: {
        tags,
        summary: 'Health of one chain in a scope',
        params: ZCode,
        querystring: analysisQuery,
        response: { 200: ZChainHealth, ...ZScopeProblems },
      },
    },
    async (req) => {
      const [h] = (await run(req, req.params.code, false)).health;
      if (!h) throw notFound();
      return h;
    },
  );
  r.get(
    '/api/v1/chains/:code/targets',
    {
      schema: {
        tags,
        summary:
          'Ranked, explained candidates from outside the city for each missing or weak node; with relocations=true also the city firms outside the scope, apart',
        params: ZCode,
        querystring: targetsQuery,
        response: { 200: z.array(ZGapTarget).describe('One per missing or weak node'), ...ZScopeProblems },
      },
    },
    async (req) => (await run(req, req.params.code, true)).targets?.[0] ?? [],
  );
  r.get(
    '/api/v1/enterprises/:id/chain-suggestions',
    {
      schema: {
        tags,
        summary: 'Suggested chain nodes of an enterprise, with confidence and evidence',
        params: z.object({ id: idParam() }),
        response: { 200: items(ZMappingSuggestion), 404: ZProblem },
      },
    },
    async (req) => {
      await getResource(db, enterprises, req.params.id, ctxOf(req));
      const templates = await currentTemplates(db);
      const { base } = await scoped(db, { kind: 'city' });
      const firm = base.enterprises.find((f) => f.id === req.params.id);
      const decided = base.mappings.filter((m) => m.enterpriseId === req.params.id && m.status !== 'suggested');
      return { items: firm ? suggestMappings(templates, [firm], decided) : [] };
    },
  );

  r.post(
    '/api/v1/chain-shortlist',
    {
      config: { right: 'chainShortlist' },
      schema: {
        tags,
        summary: 'Keep a gap-filling candidate as a lead (the investment module takes the list over)',
        body: z.object({
          chainCode: z.string().max(16),
          nodeId: ZNodeId,
          enterpriseId: z.number().int().positive(),
          scope: z.string().max(32).default('city'),
          score: z.number().optional(),
          reasons: z.array(z.record(z.string(), z.unknown())).max(20).default([]),
        }),
        response: {
          201: z.object({ id: z.number().int().describe('The shortlist entry (kept or updated)') }),
          403: ZProblem,
          422: ZProblem,
        },
      },
    },
    async (req, reply) => {
      assertMay(req, 'chainShortlist');
      parseScope(req.body.scope);
      const b = req.body;
      const rows = await db.tx(async (tx) => {
        const rows = await tx.query<{ id: number }>(
          `insert into chain_shortlist (chain_code, node_id, enterprise_id, scope, reasons, score, created_by)
         values ($1, $2, $3, $4, $5::jsonb, $6, $7)
         on conflict (chain_code, node_id, enterprise_id, scope) do update set reasons = excluded.reasons, score = excluded.score
         returning id`,
          [
            b.chainCode,
            b.nodeId,
            b.enterpriseId,
            b.scope,
            JSON.stringify(b.reasons),
            b.score ?? null,
            req.actor?.username ?? null,
          ],
        );
        await writeAudit(tx, ctxOf(req), {
          entity: 'chain_shortlist',
          entityId: rows[0]?.id as number,
          action: 'create',
          new: {
            chainCode: b.chainCode,
            nodeId: b.nodeId,
            enterpriseId: b.enterpriseId,
            scope: b.scope,
            score: b.score ?? null,
          },
        });
        return rows;
      });
      return reply.status(201).send({ id: rows[0]!.id });
    },
  );
  r.get(
    '/api/v1/chain-shortlist',
    { schema: { tags, summary: 'The shortlist of gap-filling leads', response: { 200: items(ZShortlistEntry) } } },
    async (req) => {
      const rows = (
        await db.query(
          `select s.*, e.name as enterprise_name from chain_shortlist s join enterprises e on e.id = s.enterprise_id order by s.created_at desc limit 1000`,
        )
      ).map((x) => present<TShortlistEntry>(x));
      // the reasons were kept as an administrator saw them: figures go out only to those who see them
      return { items: seesFigures(req) ? rows : redactFigures(rows) };
    },
  );

  r.get(
    '/api/v1/chain-mappings',
    {
      schema: {
        tags,
        summary: 'Decisions on enterprise ↔ node mappings',
        querystring: z.object({
          enterpriseId: idParam().optional(),
          nodeId: ZNodeId.optional(),
          chainCode: z.string().max(16).optional(),
          status: z.enum(['confirmed', 'rejected']).optional(),
        }),
        response: { 200: items(ZMappingDecision).describe('Newest first, at most 2000') },
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
      return { items: rows.map((x) => present<z.infer<typeof ZMappingDecision>>(x)) };
    },
  );

  r.post(
    '/api/v1/chain-mappings',
    {
      config: { right: 'chainMaintain' },
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
      // audited like the bulk review: who, when, from where, old → new
      await db.tx((tx) => recordMappingDecision(tx, ctx, b, 'api'));
      return { ok: true };
    },
  );
}
