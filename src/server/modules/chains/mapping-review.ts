/**
 * Bulk review of enterprise ↔ node mappings (issue 5 item 2): the suggestions nobody has decided on
 * and the decisions already taken, across the registry or one chain / park / district, with
 * confidence and evidence; many decided in one transaction, each audited in change_log. A decided
 * pair is never suggested again (suggestMappings skips it). Zone users see and decide only the
 * enterprises in their scope.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZMappingReviewItem, ZNodeId } from '../../../contracts/chains.js';
import { type FieldProblem, fieldProblem } from '../../../contracts/errors.js';
import { idParam } from '../../../contracts/limits.js';
import type { Db } from '../../../db/connect.js';
import { suggestMappings } from '../../../domain/chains/suggest.js';
import { nodeIndex } from '../../../domain/chains/templates.js';
import type { ChainEnterprise, Evidence } from '../../../domain/chains/types.js';
import { forbidden, invalid } from '../../lib/errors.js';
import { listIds } from '../../lib/resource.js';
import { ZProblem } from '../../lib/resource-routes.js';
import { Sql } from '../../lib/sql.js';
import { writeAudit } from '../../platform/audit.js';
import { writeScope } from '../../platform/policy/index.js';
import { ctxOf } from '../auth/plugin.js';
import { enterprises } from '../registry/specs.js';
import { currentTemplates } from './templates-store.js';

const tags = ['Chains 产业链'];
const MAX_ITEMS = 2000;

/** The words an evidence item found in the firm's text, to highlight them (`靶材 ⊂ 溅射靶材 (products)` → 靶材). */
export function evidenceTerms(evidence: readonly Evidence[]): string[] {
  const terms = new Set<string>();
  for (const e of evidence) {
    if (e.kind !== 'keyword') continue;
    const text = e.detail.replace(/ \((products|description)\)$/, '');
    terms.add(text.split(' ⊂ ')[0]!.trim());
  }
  return [...terms].filter(Boolean);
}

const ZReviewQuery = z.object({
  chainCode: z.string().max(16).optional().describe('Only nodes of this chain'),
  parkId: idParam().optional().describe('Only enterprises with a current unit in this park'),
  regionCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional()
    .describe('Only enterprises registered in this district'),
  q: z.string().max(100).optional().describe('Enterprise name or credit code'),
  status: z.enum(['pending', 'confirmed', 'rejected']).default('pending').describe('pending = suggestions'),
  minConfidence: z.coerce.number().min(0).max(1).optional(),
});

const ZDecision = z.object({
  enterpriseId: z.number().int().positive(),
  nodeId: ZNodeId,
  status: z.enum(['confirmed', 'rejected']),
  confidence: z.number().min(0).max(1).optional(),
  evidence: z.array(z.record(z.string(), z.unknown())).max(20).optional(),
});

export function registerMappingReviewRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/chain-mapping-review',
    {
      schema: {
        tags,
        summary: 'Suggested and decided enterprise ↔ node mappings with confidence, evidence and counts',
        description:
          'Counts (pending, confirmed, rejected) cover every status under the same filters; items are those of `status`, best confidence first, at most 2000.',
        querystring: ZReviewQuery,
        response: {
          200: z.object({
            items: z.array(ZMappingReviewItem).describe('Best confidence first, at most 2000'),
            counts: z
              .object({ pending: z.number().int(), confirmed: z.number().int(), rejected: z.number().int() })
              .describe('Every status under the same filters'),
            truncated: z.boolean().describe('More than 2000 items matched'),
          }),
          422: ZProblem,
        },
      },
    },
    async (req) => {
      const q = req.query;
      const ctx = ctxOf(req);
      const templates = (await currentTemplates(db)).filter((t) => !q.chainCode || t.code === q.chainCode);
      const nodes = nodeIndex(templates);
      const chainOf = new Map(templates.flatMap((t) => t.nodes.map((n) => [n.id, t])));
      const ids = await listIds(db, enterprises, { parkId: q.parkId, regionCode: q.regionCode, q: q.q }, ctx);
      if (ids.length === 0 || templates.length === 0) {
        return { items: [], counts: { pending: 0, confirmed: 0, rejected: 0 }, truncated: false };
      }
      const rows = await db.query<{
        id: number;
        name: string;
        industry_class_code: string | null;
        industry_class_name: string | null;
        products: string[];
        description: string | null;
        scale: ChainEnterprise['scale'];
        synthetic: boolean;
      }>(
        `select e.id, e.name, e.industry_class_code, ic.name as industry_class_name, e.products, e.description, e.scale, e.synthetic
           from enterprises e left join industry_classes ic on ic.code = e.industry_class_code
          where e.id = any($1::int[])`,
        [ids],
      );
      const decided = await db.query<{
        enterprise_id: number;
        node_id: string;
        status: 'confirmed' | 'rejected';
        confidence: number | null;
        evidence: Evidence[];
        decided_by: string | null;
        decided_at: Date;
      }>('select * from chain_mappings where enterprise_id = any($1::int[])', [ids]);
      const firms: ChainEnterprise[] = rows.map((x) => ({
        id: x.id,
        name: x.name,
        classCode: x.industry_class_code,
        products: x.products ?? [],
        description: x.description,
        scale: x.scale,
        tiers: [],
        outputWan: null,
        revenueWan: null,
        growth: null,
        isChainLeader: false,
        inScope: true,
      }));
      const suggestions = suggestMappings(
        templates,
        firms,
        decided.map((d) => ({ enterpriseId: d.enterprise_id, nodeId: d.node_id, status: d.status })),
      ).filter((s) => q.minConfidence === undefined || s.confidence >= q.minConfidence);
      const inChains = decided.filter((d) => nodes.has(d.node_id));
      const counts = {
        pending: suggestions.length,
        confirmed: inChains.filter((d) => d.status === 'confirmed').length,
        rejected: inChains.filter((d) => d.status === 'rejected').length,
      };
      const firmOf = new Map(rows.map((x) => [x.id, x]));
      const base = (enterpriseId: number, nodeId: string) => {
        const f = firmOf.get(enterpriseId)!;
        const n = nodes.get(nodeId)!;
        const t = chainOf.get(nodeId)!;
        return {
          key: `${enterpriseId}:${nodeId}`,
          enterpriseId,
          enterpriseName: f.name,
          synthetic: f.synthetic,
          classCode: f.industry_class_code,
          className: f.industry_class_name,
          products: f.products ?? [],
          description: f.description,
          nodeId,
          nodeNameZh: n.nameZh,
          nodeNameEn: n.nameEn,
          stage: n.stage,
          keyLink: n.keyLink,
          chainCode: t.code,
          chainNameZh: t.nameZh,
          chainNameEn: t.nameEn,
        };
      };
      const items =
        q.status === 'pending'
          ? suggestions.map((s) => ({
              ...base(s.enterpriseId, s.nodeId),
              status: 'pending' as const,
              confidence: s.confidence,
              evidence: s.evidence,
              terms: evidenceTerms(s.evidence),
              decidedBy: null,
              decidedAt: null,
            }))
          : inChains
              .filter((d) => d.status === q.status)
              .map((d) => ({
                ...base(d.enterprise_id, d.node_id),
                status: d.status,
                confidence: d.confidence,
                evidence: d.evidence ?? [],
                terms: evidenceTerms(d.evidence ?? []),
                decidedBy: d.decided_by,
                decidedAt: new Date(d.decided_at).toISOString(),
              }));
      items.sort((a, b) => (b.confidence ?? -1) - (a.confidence ?? -1) || a.key.localeCompare(b.key));
      return { items: items.slice(0, MAX_ITEMS), counts, truncated: items.length > MAX_ITEMS };
    },
  );

  r.post(
    '/api/v1/chain-mappings/bulk',
    {
      config: { right: 'chainMaintain' },
      schema: {
        tags,
        summary: 'Confirm or reject many enterprise ↔ node mappings at once (all or nothing, audited)',
        description:
          'Every enterprise must be one the caller may change and every node must exist, or nothing is written (403 / 422 listing every bad decision).',
        body: z.object({ decisions: z.array(ZDecision).min(1).max(500) }),
        response: {
          200: z.object({ confirmed: z.number().int(), rejected: z.number().int() }),
          403: ZProblem,
          422: ZProblem,
        },
      },
    },
    async (req) => {
      const { decisions } = req.body;
      const ctx = ctxOf(req);
      const index = nodeIndex(await currentTemplates(db));
      const problems: FieldProblem[] = [];
      const seen = new Set<string>();
      decisions.forEach((d, i) => {
        if (!index.has(d.nodeId) || index.get(d.nodeId)?.group) {
          problems.push(
            fieldProblem(['decisions', i, 'nodeId'], 'reference_not_found', { zh: d.nodeId, en: d.nodeId }),
          );
        }
        const key = `${d.enterpriseId}:${d.nodeId}`;
        if (seen.has(key)) problems.push(fieldProblem(['decisions', i], 'duplicate', { zh: key, en: key }));
        seen.add(key);
      });
      const ids = [...new Set(decisions.map((d) => d.enterpriseId))];
      const existing = new Set(
        (await db.query<{ id: number }>('select id from enterprises where id = any($1::int[])', [ids])).map(
          (x) => x.id,
        ),
      );
      decisions.forEach((d, i) => {
        if (!existing.has(d.enterpriseId)) {
          problems.push(
            fieldProblem(['decisions', i, 'enterpriseId'], 'reference_not_found', {
              zh: String(d.enterpriseId),
              en: String(d.enterpriseId),
            }),
          );
        }
      });
      if (problems.length) throw invalid(problems);
      if (ctx.actor) {
        const sql = new Sql();
        const cond = writeScope(ctx.actor, 'enterprises', sql);
        if (cond === false) throw forbidden();
        if (cond !== null) {
          const ok = await db.query<{ id: number }>(
            `select t.id from (${enterprises.select}) t where t.id = any(${sql.p(ids)}::int[]) and ${cond}`,
            sql.params,
          );
          if (ok.length !== ids.length) throw forbidden();
        }
      }
      await db.tx(async (tx) => {
        for (const d of decisions) await recordMappingDecision(tx, ctx, d, 'api:bulk');
      });
      return {
        confirmed: decisions.filter((d) => d.status === 'confirmed').length,
        rejected: decisions.filter((d) => d.status === 'rejected').length,
      };
    },
  );
}

/** A person's decision on an enterprise and a segment, as the API takes it. */
export interface MappingDecision {
  enterpriseId: number;
  nodeId: string;
  status: 'confirmed' | 'rejected';
  confidence?: number | undefined;
  evidence?: unknown[] | undefined;
}

/**
 * Writes one mapping decision (a decided pair is never suggested again) and its change_log entry —
 * who, when, from where, old → new. Call it inside the caller's transaction.
 */
export async function recordMappingDecision(
  tx: Db,
  ctx: ReturnType<typeof ctxOf>,
  d: MappingDecision,
  via: 'api' | 'api:bulk',
): Promise<void> {
  const [old] = await tx.query<Record<string, unknown>>(
    'select status, confidence, evidence, decided_by from chain_mappings where enterprise_id = $1 and node_id = $2',
    [d.enterpriseId, d.nodeId],
  );
  const now = {
    status: d.status,
    confidence: d.confidence ?? null,
    evidence: d.evidence ?? [],
    decided_by: ctx.actor?.username ?? null,
  };
  await tx.query(
    `insert into chain_mappings (enterprise_id, node_id, status, confidence, evidence, decided_by)
     values ($1, $2, $3, $4, $5::jsonb, $6)
     on conflict (enterprise_id, node_id) do update set status = excluded.status, confidence = excluded.confidence,
       evidence = excluded.evidence, decided_by = excluded.decided_by, decided_at = now()`,
    [d.enterpriseId, d.nodeId, d.status, now.confidence, JSON.stringify(now.evidence), now.decided_by],
  );
  await writeAudit(
    tx,
    { ...ctx, via },
    {
      entity: 'chain_mappings',
      entityId: `${d.enterpriseId}:${d.nodeId}`,
      action: old ? 'update' : 'create',
      old: old ?? null,
      new: { enterprise_id: d.enterpriseId, node_id: d.nodeId, ...now },
    },
  );
}
