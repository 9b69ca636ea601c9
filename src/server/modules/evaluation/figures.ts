/**
 * Evaluation's cockpit figures (platform/figures.ts): the 亩均效益 class distribution of the latest
 * completed city-wide run, and the firms holding each cultivation tier today — both within the
 * scope, and the class distribution within the viewer's read scope of evaluation results.
 */
import { type FigureDef, scopedFigure, scopeEnterpriseParts, scopeEnterprises } from '../../platform/figures.js';

const CLASSES = [
  { key: 'A', label: { zh: 'A 类', en: 'Class A' } },
  { key: 'B', label: { zh: 'B 类', en: 'Class B' } },
  { key: 'C', label: { zh: 'C 类', en: 'Class C' } },
  { key: 'D', label: { zh: 'D 类', en: 'Class D' } },
  { key: 'T', label: { zh: '暂不评价（T）', en: 'Not assessed (T)' } },
] as const;

const TIERS = ['innovative_sme', 'specialized_sme', 'little_giant'] as const;

/** The latest completed run over the whole city (a district's own run answers only for that district). */
const LATEST_RUN = `(select id, finished_at from evaluation_runs where status = 'completed' and region_code is null
  order by year desc, created_at desc, id desc limit 1)`;

/** A tier held today: the honour's validity has not ended. */
const VALID = `(h.valid_until is null or h.valid_until::date >= current_date)`;

export const EVALUATION_FIGURES: FigureDef[] = [
  scopedFigure<{ class: string; n: number; d: unknown }>({
    key: 'evaluation.classes',
    label: { zh: '亩均效益评价（已评企业）', en: 'Per-mu evaluation (firms assessed)' },
    unit: { zh: '家', en: '' },
    group: 'evaluation',
    order: 600,
    // Class counts of a park can single out a firm: the city and zones only, as the area summaries.
    sees: 'evaluation.aggregates',
    link: '/evaluation?tab=runs',
    read: 'evaluation-results',
    // One row per class of the latest run (none without a run), as of the run's end.
    sql: (s, q, read) =>
      `select c.class, count(t.enterprise_id)::int as n, run.finished_at as d
         from ${LATEST_RUN} run cross join (values ${CLASSES.map((c) => `('${c.key}')`).join(', ')}) c(class)
         left join evaluation_results t on t.run_id = run.id and t.class = c.class
          and ${scopeEnterprises(s, q, 't.enterprise_id')} and ${read}
        group by c.class, run.finished_at`,
    answer: (rows) => {
      if (rows.length === 0) return { value: null };
      const n = new Map(rows.map((r) => [r.class, r.n]));
      return {
        value: rows.filter((r) => r.class !== 'T').reduce((t, r) => t + r.n, 0),
        parts: CLASSES.map((c) => ({ key: c.key, label: c.label, value: n.get(c.key) ?? 0 })),
      };
    },
  }),
  scopedFigure<{ code: string; name_zh: string; name_en: string; n: number; total: number; d: unknown }>({
    key: 'evaluation.tiers',
    label: { zh: '梯度培育企业（有效期内）', en: 'Firms holding a cultivation tier' },
    unit: { zh: '家', en: '' },
    group: 'evaluation',
    order: 610,
    targetable: true,
    link: '/evaluation?tab=tiers',
    // The same for every viewer (no read scope): kept under the firms' and places' change counters.
    cache: { tables: ['enterprises', 'parks', 'buildings', 'floors', 'units', 'occupancies'] },
    // Each tier's holders, and (on every row) the firms holding any of them, counted once: from the grants
    // kept as rows (enterprise_honours, migration 0042), the scope's firms one part at a time.
    sql: (s, q) => {
      const tiers = q.p(TIERS);
      const held = scopeEnterpriseParts(s, q).map(
        (part) => `select e.id, e.as_of, h.tier_code as code
            from enterprise_honours h join enterprises e on e.id = h.enterprise_id
           where h.tier_code = any(${tiers}::text[]) and ${VALID} and ${part}`,
      );
      return `with held as (${held.join(' union all ')})
        select t.code, t.name_zh, t.name_en, count(distinct held.id)::int as n, max(held.as_of) as d,
               (select count(distinct id)::int from held) as total
          from tiers t left join held on held.code = t.code
         where t.code = any(${tiers}::text[]) group by t.code, t.name_zh, t.name_en, t.rank order by t.rank`;
    },
    answer: (rows) => ({
      value: rows[0]?.total ?? 0,
      parts: rows.map((r) => ({ key: r.code, label: { zh: r.name_zh, en: r.name_en }, value: r.n })),
    }),
  }),
];
