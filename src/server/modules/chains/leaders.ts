/**
 * Chain leaders (链主) detected by the health engine from size and links, and a person's decision on
 * each (chain_leaders): confirmed leaders count as leaders of that chain whatever their size, rejected
 * ones never do (see leaderDecisions in src/domain/chains/health.ts). Every decision is audited.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZLeaderListItem } from '../../../contracts/chains.js';
import { fieldProblem } from '../../../contracts/errors.js';
import type { Db } from '../../../db/connect.js';
import { maskFromIds } from '../../../domain/chains/data-index.js';
import { healthReport } from '../../../domain/chains/health.js';
import { invalid, notFound } from '../../lib/errors.js';
import { assertWritable, getResource, listIds } from '../../lib/resource.js';
import { ZProblem } from '../../lib/resource-routes.js';
import { type AuditCtx, writeAudit } from '../../platform/audit.js';
import { seesFigures } from '../../platform/policy/index.js';
import { ctxOf } from '../auth/plugin.js';
import { buildings, enterprises, parks } from '../registry/specs.js';
import { parseScope, scoped } from './analysis.js';
import { currentTemplates } from './templates-store.js';

const tags = ['Chains 产业链'];

export function registerLeaderRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/chain-leaders',
    {
      schema: {
        tags,
        summary: 'Detected chain leaders per chain with the reasons (size, links) and the decision taken on each',
        querystring: z.object({
          chainCode: z.string().max(16).optional(),
          scope: z.string().max(32).optional().describe('city (default), district:420112, park:ID or building:ID'),
        }),
        response: { 200: z.object({ items: z.array(ZLeaderListItem) }), 404: ZProblem, 422: ZProblem },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const scope = parseScope(req.query.scope);
      if (!seesFigures(req)) {
        if (scope.kind === 'park') await getResource(db, parks, scope.id, ctx);
        if (scope.kind === 'building') await getResource(db, buildings, scope.id, ctx);
      }
      const templates = (await currentTemplates(db)).filter(
        (t) => !req.query.chainCode || t.code === req.query.chainCode,
      );
      if (templates.length === 0) throw notFound();
      const { base, local } = await scoped(db, scope);
      const { index } = base;
      const mask = maskFromIds(index, local);
      // detection alone: decisions are shown next to it, not applied to it
      const health = healthReport(templates, { index, scope: mask });
      const visible = !seesFigures(req) ? new Set(await listIds(db, enterprises, {}, ctx)) : null;
      const decisions = await db.query<{
        enterprise_id: number;
        chain_code: string;
        status: 'confirmed' | 'rejected';
        decided_by: string | null;
        decided_at: Date;
        name: string;
      }>(
        `select l.*, e.name from chain_leaders l join enterprises e on e.id = l.enterprise_id
          where ($1::text is null or l.chain_code = $1)`,
        [req.query.chainCode ?? null],
      );
      const decisionOf = new Map(decisions.map((d) => [`${d.chain_code}:${d.enterprise_id}`, d]));
      const items = [];
      for (const [i, t] of templates.entries()) {
        const h = health[i]!;
        const detected = new Set<number>();
        for (const l of h.leaders) {
          detected.add(l.enterpriseId);
          const d = decisionOf.get(`${t.code}:${l.enterpriseId}`);
          items.push({
            chainCode: t.code,
            chainNameZh: t.nameZh,
            chainNameEn: t.nameEn,
            enterpriseId: l.enterpriseId,
            name: l.name,
            detected: true,
            nodeIds: l.nodeIds,
            scale: l.scale,
            outputShare: l.outputShare,
            chainSuppliers: l.chainSuppliers,
            chainCustomers: l.chainCustomers,
            chainPartners: l.chainPartners,
            flagged: l.flagged,
            detectedBy: l.detectedBy,
            supportingRate: l.supporting.rate,
            status: d?.status ?? null,
            decidedBy: d?.decided_by ?? null,
            decidedAt: d ? new Date(d.decided_at).toISOString() : null,
          });
        }
        for (const d of decisions) {
          if (d.chain_code !== t.code || detected.has(d.enterprise_id)) continue;
          items.push({
            chainCode: t.code,
            chainNameZh: t.nameZh,
            chainNameEn: t.nameEn,
            enterpriseId: d.enterprise_id,
            name: d.name,
            detected: false,
            nodeIds: [],
            scale: null,
            outputShare: null,
            chainSuppliers: null,
            chainCustomers: null,
            chainPartners: null,
            flagged: false,
            detectedBy: [],
            supportingRate: null,
            status: d.status,
            decidedBy: d.decided_by,
            decidedAt: new Date(d.decided_at).toISOString(),
          });
        }
      }
      return { items: visible ? items.filter((x) => visible.has(x.enterpriseId)) : items };
    },
  );

  r.post(
    '/api/v1/chain-leaders',
    {
      config: { right: 'chainMaintain' },
      schema: {
        tags,
        summary: 'Confirm or reject an enterprise as the leader (链主) of a chain, or withdraw the decision',
        body: z.object({
          enterpriseId: z.number().int().positive(),
          chainCode: z.string().max(16),
          status: z.enum(['confirmed', 'rejected', 'undecided']).describe('undecided removes the decision'),
        }),
        response: {
          200: z.object({ status: z.enum(['confirmed', 'rejected', 'undecided']) }),
          403: ZProblem,
          404: ZProblem,
          422: ZProblem,
        },
      },
    },
    async (req) => {
      const b = req.body;
      const ctx = ctxOf(req);
      await getResource(db, enterprises, b.enterpriseId, ctx);
      await assertWritable(db, enterprises, b.enterpriseId, ctx);
      if ((await currentTemplates(db, b.chainCode)).length === 0) {
        throw invalid([fieldProblem(['chainCode'], 'reference_not_found', { zh: b.chainCode, en: b.chainCode })]);
      }
      await db.tx((tx) => decideLeader(tx, ctx, b));
      return { status: b.status };
    },
  );
}

/**
 * The leader decision use case: confirm or reject a firm as a chain's leader, or withdraw the decision,
 * with its audit row, on the caller's transaction (the route and the demo loader both go through it).
 */
export async function decideLeader(
  tx: Db,
  ctx: AuditCtx,
  b: { enterpriseId: number; chainCode: string; status: 'confirmed' | 'rejected' | 'undecided' },
): Promise<void> {
  const [old] = await tx.query<Record<string, unknown>>(
    'select status, decided_by from chain_leaders where enterprise_id = $1 and chain_code = $2',
    [b.enterpriseId, b.chainCode],
  );
  const decidedBy = ctx.actor?.username ?? (ctx.via === 'demo' ? 'demo data' : null);
  if (b.status === 'undecided') {
    if (!old) return;
    await tx.query('delete from chain_leaders where enterprise_id = $1 and chain_code = $2', [
      b.enterpriseId,
      b.chainCode,
    ]);
  } else {
    await tx.query(
      `insert into chain_leaders (enterprise_id, chain_code, status, decided_by) values ($1, $2, $3, $4)
       on conflict (enterprise_id, chain_code) do update set status = excluded.status,
         decided_by = excluded.decided_by, decided_at = now()`,
      [b.enterpriseId, b.chainCode, b.status, decidedBy],
    );
  }
  const now = b.status === 'undecided' ? null : { status: b.status, decided_by: decidedBy };
  await writeAudit(tx, ctx, {
    entity: 'chain_leaders',
    entityId: `${b.enterpriseId}:${b.chainCode}`,
    action: !old ? 'create' : now ? 'update' : 'delete',
    old: old ?? null,
    new: now ? { enterprise_id: b.enterpriseId, chain_code: b.chainCode, ...now } : null,
  });
}
