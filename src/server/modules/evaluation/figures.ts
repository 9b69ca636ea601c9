/**
 * Evaluation's cockpit figures (platform/figures.ts): the 亩均效益 class distribution of the latest
 * completed city-wide run, and the firms holding each cultivation tier today — both within the
 * scope, and the class distribution within the viewer's read scope of evaluation results.
 */
import type { Db } from '../../../db/connect.js';
import { Sql } from '../../lib/sql.js';
import { FIGURE_SCOPE_KINDS, type FigureDef, figureDay, scopeEnterprises } from '../../platform/figures.js';
import { readScope } from '../../platform/policy/index.js';

const CLASSES = [
  { key: 'A', label: { zh: 'A 类', en: 'Class A' } },
  { key: 'B', label: { zh: 'B 类', en: 'Class B' } },
  { key: 'C', label: { zh: 'C 类', en: 'Class C' } },
  { key: 'D', label: { zh: 'D 类', en: 'Class D' } },
  { key: 'T', label: { zh: '暂不评价（T）', en: 'Not assessed (T)' } },
] as const;

const TIERS = ['innovative_sme', 'specialized_sme', 'little_giant'] as const;

/** The latest completed run over the whole city (a district's own run answers only for that district). */
async function latestRun(db: Db): Promise<{ id: number; finished_at: unknown } | undefined> {
  const [r] = await db.query<{ id: number; finished_at: unknown }>(
    `select id, finished_at from evaluation_runs where status = 'completed' and region_code is null
      order by year desc, created_at desc, id desc limit 1`,
  );
  return r;
}

export const EVALUATION_FIGURES: FigureDef[] = [
  {
    key: 'evaluation.classes',
    label: { zh: '亩均效益评价（已评企业）', en: 'Per-mu evaluation (firms assessed)' },
    unit: { zh: '家', en: '' },
    group: 'evaluation',
    order: 600,
    scopes: FIGURE_SCOPE_KINDS,
    // Class counts of a park can single out a firm: the city and zones only, as the area summaries.
    sees: 'evaluation.aggregates',
    async compute(db, s, a) {
      const run = await latestRun(db);
      if (!run) return { value: null, asOf: null, link: '/evaluation?tab=runs' };
      const q = new Sql();
      const where = [`t.run_id = ${q.p(run.id)}`, scopeEnterprises(s, q, 't.enterprise_id')];
      const read = a ? readScope(a, 'evaluation-results', q) : null;
      if (read) where.push(`(${read})`);
      const rows = await db.query<{ class: string; n: number }>(
        `select t.class, count(*)::int as n from evaluation_results t where ${where.join(' and ')} group by t.class`,
        q.params,
      );
      const n = new Map(rows.map((r) => [r.class, r.n]));
      return {
        value: rows.filter((r) => r.class !== 'T').reduce((t, r) => t + r.n, 0),
        asOf: figureDay(run.finished_at),
        link: '/evaluation?tab=runs',
        parts: CLASSES.map((c) => ({ key: c.key, label: c.label, value: n.get(c.key) ?? 0 })),
      };
    },
  },
  {
    key: 'evaluation.tiers',
    label: { zh: '梯度培育企业（有效期内）', en: 'Firms holding a cultivation tier' },
    unit: { zh: '家', en: '' },
    group: 'evaluation',
    order: 610,
    scopes: FIGURE_SCOPE_KINDS,
    targetable: true,
    async compute(db, s) {
      const q = new Sql();
      const tiers = q.p(TIERS);
      const rows = await db.query<{ code: string; name_zh: string; name_en: string; n: number; d: unknown }>(
        `select t.code, t.name_zh, t.name_en, count(distinct e.id)::int as n, max(e.as_of) as d
           from tiers t left join (enterprises e cross join lateral jsonb_array_elements(e.honours) h)
             on h->>'tierCode' = t.code and (h->>'validUntil' is null or (h->>'validUntil')::date >= current_date)
            and ${scopeEnterprises(s, q)}
          where t.code = any(${tiers}::text[]) group by t.code, t.name_zh, t.name_en, t.rank order by t.rank`,
        q.params,
      );
      const q2 = new Sql();
      const [all] = await db.query<{ n: number }>(
        `select count(*)::int as n from enterprises e where ${scopeEnterprises(s, q2)} and exists (
           select 1 from jsonb_array_elements(e.honours) h where h->>'tierCode' = any(${q2.p(TIERS)}::text[])
             and (h->>'validUntil' is null or (h->>'validUntil')::date >= current_date))`,
        q2.params,
      );
      const asOf = rows.reduce<string | null>((m, r) => {
        const d = figureDay(r.d);
        return d && (!m || d > m) ? d : m;
      }, null);
      return {
        value: all?.n ?? 0,
        asOf,
        link: '/evaluation?tab=tiers',
        parts: rows.map((r) => ({ key: r.code, label: { zh: r.name_zh, en: r.name_en }, value: r.n })),
      };
    },
  },
];
