/**
 * Chain view routes (issue 5 item 5): the name of a scope, the chains × parks (or districts) matrix,
 * a two-scope comparison, a leader's suppliers with where they are, the outside suppliers of a
 * chain's local firms, and an Excel file of each view (?lang=zh|en). Zone roles see rates but not
 * money figures, as on the health endpoints.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  SCOPE_KINDS,
  type TChainTemplate,
  ZChainCompare,
  ZLeaderSuppliers,
  ZMatrix,
  ZOutsideSupplier,
} from '../../../contracts/chains.js';
import { idParam } from '../../../contracts/limits.js';
import type { Db } from '../../../db/connect.js';
import { maskFromIds } from '../../../domain/chains/data-index.js';
import { chainHealth } from '../../../domain/chains/health.js';
import { notFound } from '../../lib/errors.js';
import { getResource, listIds } from '../../lib/resource.js';
import { ZProblem } from '../../lib/resource-routes.js';
import { fileResponse, XLSX_TYPE } from '../../platform/openapi.js';
import { parseDevzone, redactFigures, seesFigures } from '../../platform/policy/index.js';
import { ctxOf } from '../auth/plugin.js';
import { buildings, enterprises, parks } from '../registry/specs.js';
import { analyse, parseScope, type Scope, scoped } from './analysis.js';
import { leaderSuppliers, outsideSuppliers } from './suppliers.js';
import { currentTemplates } from './templates-store.js';
import { atlasXlsx, chainXlsx, compareXlsx, matrixXlsx, suppliersXlsx } from './view-workbook.js';
import { chainMatrix, scopeInfo } from './views.js';

const tags = ['Chains 产业链'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ZCode = z.object({ code: z.string().regex(/^[a-z][a-z0-9]*$/) });
const ZScope = z
  .string()
  .max(32)
  .describe('city (default), district:420112, devzone:CODE (GET /api/v1/devzones), park:ID or building:ID');
const ZSuggested = z.enum(['true', 'false']).optional().describe('Count strong suggestions as members (default false)');
const ZLang = z.enum(['zh', 'en']).default('zh').describe('Language of the headers');

function attachment(reply: FastifyReply, name: string) {
  return reply
    .header('content-type', XLSX)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
}

const stamp = () => new Date().toISOString().slice(0, 10);

export function registerChainViewRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const limited = (req: FastifyRequest) => !seesFigures(req);
  const figures = <T>(req: FastifyRequest, v: T): T => (limited(req) ? redactFigures(v) : v);

  /** Parses a scope and makes sure a zone role may look at that park or building. */
  const scopeOf = async (req: FastifyRequest, s: string | undefined, field = 'scope'): Promise<Scope> => {
    const scope = parseScope(s, field);
    if (limited(req)) {
      if (scope.kind === 'park') await getResource(db, parks, scope.id, ctxOf(req));
      if (scope.kind === 'building') await getResource(db, buildings, scope.id, ctxOf(req));
    }
    return scope;
  };
  const chainOf = async (code: string): Promise<TChainTemplate> => {
    const [t] = await currentTemplates(db, code);
    if (!t) throw notFound();
    return t;
  };
  const th = (includeSuggested: string | undefined) => ({ includeSuggested: includeSuggested === 'true' });

  r.get(
    '/api/v1/chain-scope',
    {
      schema: {
        tags,
        summary: 'The name and district of an analysis scope',
        querystring: z.object({ scope: ZScope.optional() }),
        response: {
          200: z.object({
            scope: z.string(),
            kind: z.enum(SCOPE_KINDS),
            nameZh: z.string(),
            nameEn: z.string().nullable(),
            regionCode: z.string().nullable(),
            parkId: z.number().nullable(),
          }),
          404: ZProblem,
          422: ZProblem,
        },
      },
    },
    async (req) => scopeInfo(db, await scopeOf(req, req.query.scope)),
  );

  // ─── matrix ───
  const matrixQuery = z.object({
    by: z
      .enum(['park', 'district', 'devzone'])
      .default('park')
      .describe('Rows: parks (with their sub-parks), districts or development zones'),
    district: z
      .string()
      .regex(/^\d{6}$/)
      .optional()
      .describe('Only the parks of this district'),
    devzone: z.string().max(32).optional().describe('Only the parks of this development zone (GET /api/v1/devzones)'),
    includeSuggested: ZSuggested,
  });
  const matrixOf = async (req: FastifyRequest, q: z.infer<typeof matrixQuery>) => {
    const templates = await currentTemplates(db);
    const visible = limited(req) ? new Set(await listIds(db, parks, {}, ctxOf(req))) : null;
    const m = await chainMatrix(db, templates, {
      by: q.by,
      district: q.district,
      devzone: q.devzone === undefined ? undefined : parseDevzone(q.devzone),
      parkIds: visible,
      thresholds: th(q.includeSuggested),
    });
    return {
      chains: templates.map((t) => ({ code: t.code, nameZh: t.nameZh, nameEn: t.nameEn })),
      ...figures(req, m),
    };
  };
  r.get(
    '/api/v1/chain-matrix',
    {
      schema: {
        tags,
        summary: 'Chains × parks (or districts): health score, coverage and gaps of every chain in every scope',
        querystring: matrixQuery,
        response: { 200: ZMatrix, 422: ZProblem },
      },
    },
    async (req) => matrixOf(req, req.query),
  );
  r.get(
    '/api/v1/chain-matrix.xlsx',
    {
      schema: {
        tags,
        summary: 'The chains × parks (or districts) matrix as an Excel file',
        querystring: matrixQuery.extend({ lang: ZLang }),
        response: { 200: fileResponse('The matrix workbook', XLSX_TYPE) },
      },
    },
    async (req, reply) => {
      const m = await matrixOf(req, req.query);
      return attachment(reply, `parklink-chain-matrix-${m.by}-${stamp()}.xlsx`).send(
        await matrixXlsx(m, m.chains, req.query.lang),
      );
    },
  );

  // ─── atlas and one chain as Excel ───
  const healthQuery = z.object({ scope: ZScope.optional(), includeSuggested: ZSuggested, lang: ZLang });
  r.get(
    '/api/v1/chain-health.xlsx',
    {
      schema: {
        tags,
        summary: 'Health of every chain in a scope, with score parts, as an Excel file',
        querystring: healthQuery,
        response: { 200: fileResponse('The health workbook', XLSX_TYPE) },
      },
    },
    async (req, reply) => {
      const scope = await scopeOf(req, req.query.scope);
      const out = await analyse(db, await currentTemplates(db), scope, { thresholds: th(req.query.includeSuggested) });
      const info = await scopeInfo(db, scope);
      return attachment(reply, `parklink-chains-${info.scope.replace(':', '-')}-${stamp()}.xlsx`).send(
        await atlasXlsx(figures(req, out.health), info, req.query.lang),
      );
    },
  );
  r.get(
    '/api/v1/chains/:code/health.xlsx',
    {
      schema: {
        tags,
        summary: 'One chain in a scope as an Excel file: segments, local firms, leaders, score parts, gap targets',
        params: ZCode,
        querystring: healthQuery.extend({
          relocations: z
            .enum(['true', 'false'])
            .optional()
            .describe("Also list the city's own firms outside the scope as gap targets, flagged (default false)"),
        }),
        response: { 200: fileResponse('The chain workbook', XLSX_TYPE) },
      },
    },
    async (req, reply) => {
      const scope = await scopeOf(req, req.query.scope);
      const t = await chainOf(req.params.code);
      const out = figures(
        req,
        await analyse(db, [t], scope, {
          targets: true,
          relocations: req.query.relocations === 'true',
          thresholds: th(req.query.includeSuggested),
        }),
      );
      const info = await scopeInfo(db, scope);
      const h = out.health[0];
      if (!h) throw notFound();
      return attachment(reply, `parklink-chain-${t.code}-${info.scope.replace(':', '-')}-${stamp()}.xlsx`).send(
        await chainXlsx(h, out.targets?.[0] ?? [], info, req.query.lang),
      );
    },
  );

  // ─── comparison ───
  const compareQuery = z.object({
    a: ZScope.describe('First scope'),
    b: ZScope.describe('Second scope'),
    includeSuggested: ZSuggested,
  });
  const compareOf = async (req: FastifyRequest, code: string, q: z.infer<typeof compareQuery>) => {
    const [sa, sb] = [await scopeOf(req, q.a, 'a'), await scopeOf(req, q.b, 'b')];
    const t = await chainOf(code);
    const [ia, ib, ha, hb] = await Promise.all([
      scopeInfo(db, sa),
      scopeInfo(db, sb),
      analyse(db, [t], sa, { thresholds: th(q.includeSuggested) }),
      analyse(db, [t], sb, { thresholds: th(q.includeSuggested) }),
    ]);
    return figures(req, {
      a: { scope: ia, health: ha.health[0]! },
      b: { scope: ib, health: hb.health[0]! },
    });
  };
  r.get(
    '/api/v1/chains/:code/compare',
    {
      schema: {
        tags,
        summary: 'One chain in two scopes side by side (health of each, same thresholds)',
        params: ZCode,
        querystring: compareQuery,
        response: { 200: ZChainCompare, 404: ZProblem, 422: ZProblem },
      },
    },
    async (req) => compareOf(req, req.params.code, req.query),
  );
  r.get(
    '/api/v1/chains/:code/compare.xlsx',
    {
      schema: {
        tags,
        summary: 'The two-scope comparison as an Excel file',
        params: ZCode,
        querystring: compareQuery.extend({ lang: ZLang }),
        response: { 200: fileResponse('The comparison workbook', XLSX_TYPE) },
      },
    },
    async (req, reply) => {
      const c = await compareOf(req, req.params.code, req.query);
      return attachment(reply, `parklink-chain-${req.params.code}-compare-${stamp()}.xlsx`).send(
        await compareXlsx(c.a, c.b, req.query.lang),
      );
    },
  );

  // ─── a leader's suppliers ───
  const suppliersQuery = z.object({
    scope: ZScope.optional(),
    chain: z
      .string()
      .regex(/^[a-z][a-z0-9]*$/)
      .optional()
      .describe('Chain whose confirmed segments to show for each supplier'),
  });
  const suppliersOf = async (req: FastifyRequest, id: number, q: z.infer<typeof suppliersQuery>) => {
    await getResource(db, enterprises, id, ctxOf(req));
    const scope = await scopeOf(req, q.scope);
    return figures(req, await leaderSuppliers(db, id, scope, q.chain ?? null));
  };
  const idParams = z.object({ id: idParam() });
  r.get(
    '/api/v1/enterprises/:id/chain-suppliers',
    {
      schema: {
        tags,
        summary: "A firm's suppliers, local to the scope or not, with where they are (for the leader map)",
        description:
          'Coordinates come from the building (or park) of the supplier’s current unit; suppliers with none are listed without them. rate.byAmount uses links with a known amount; rate.byCount counts every link.',
        params: idParams,
        querystring: suppliersQuery,
        response: { 200: ZLeaderSuppliers, 404: ZProblem, 422: ZProblem },
      },
    },
    async (req) => suppliersOf(req, req.params.id, req.query),
  );
  r.get(
    '/api/v1/enterprises/:id/chain-suppliers.xlsx',
    {
      schema: {
        tags,
        summary: "A firm's suppliers as an Excel file",
        params: idParams,
        querystring: suppliersQuery.extend({ lang: ZLang }),
        response: { 200: fileResponse('The suppliers workbook', XLSX_TYPE) },
      },
    },
    async (req, reply) => {
      const s = await suppliersOf(req, req.params.id, req.query);
      return attachment(reply, `parklink-suppliers-${req.params.id}-${stamp()}.xlsx`).send(
        await suppliersXlsx(s, req.query.lang),
      );
    },
  );

  // ─── outside suppliers of a chain's local firms ───
  r.get(
    '/api/v1/chains/:code/outside-suppliers',
    {
      schema: {
        tags,
        summary:
          "Firms outside the scope that sell to the chain's local firms, with their segments; leaders' suppliers first",
        params: ZCode,
        querystring: z.object({ scope: ZScope.optional(), includeSuggested: ZSuggested }),
        response: {
          200: z.object({ items: z.array(ZOutsideSupplier).describe("Leaders' suppliers first, then by amount") }),
          404: ZProblem,
          422: ZProblem,
        },
      },
    },
    async (req) => {
      const scope = await scopeOf(req, req.query.scope);
      const t = await chainOf(req.params.code);
      const thresholds = th(req.query.includeSuggested);
      const { base, local } = await scoped(db, scope);
      const inputs = { ...base, enterprises: base.enterprises.map((e) => ({ ...e, inScope: local.has(e.id) })) };
      const health = chainHealth(t, { index: base.index, scope: maskFromIds(base.index, local) }, thresholds);
      // products of the links into the chain's local firms only (not the whole link table)
      const customers = [...new Set(health.nodes.flatMap((n) => n.firms.map((f) => f.enterpriseId)))];
      const products = new Map(
        (
          await db.query<{ s: number; c: number; product: string }>(
            'select supplier_id as s, customer_id as c, product from supply_links where customer_id = any($1::int[])',
            [customers],
          )
        ).map((x) => [`${x.s}:${x.c}`, x.product]),
      );
      return figures(req, { items: outsideSuppliers(t, health, inputs, products, thresholds) });
    },
  );
}
