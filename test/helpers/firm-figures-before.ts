/**
 * The city cockpit's firm figures as they were before migration 0042 (commit 9afd0ed): the firms of a
 * scope counted with one `region … or id in (tenants)` condition, and the tier holders and little giants
 * found by unnesting every firm's `honours` JSON. Frozen here as the reference the cockpit test compares
 * the faster figures with (same answers, every scope) and the "before" bench:cockpit times in the same run.
 * Not used by the app.
 */
import { Sql } from '../../src/server/lib/sql.js';
import { type FigureDef, type FigureScope, newestDay, scopeTenants } from '../../src/server/platform/figures.js';
import { scopeEnterprisesBefore as scopeEnterprises } from './scope-enterprises-before.js';

/** The old `enterprisesIn` of cockpit/scope.ts. */
function enterprisesIn(s: FigureScope, q: Sql): string {
  if (s.kind === 'park') return `e.id in ${scopeTenants(s, q)}`;
  if (s.kind === 'devzone') return scopeEnterprises(s, q);
  const region = s.kind === 'city' ? `e.region_code like '4201%'` : `e.region_code = ${q.p(s.code)}`;
  return `(${region} or e.id in ${scopeTenants(s, q)})`;
}

const TIERS = ['innovative_sme', 'specialized_sme', 'little_giant'];
const VALID = `(h->>'validUntil' is null or (h->>'validUntil')::date >= current_date)`;
type TierRow = { code: string; name_zh: string; name_en: string; n: number; total?: number; d: unknown };
const parts = (rows: TierRow[]) =>
  rows.map((r) => ({ key: r.code, label: { zh: r.name_zh, en: r.name_en }, value: r.n }));

/** Each figure's value, parts and as-of date, as the old queries answered them (links left out). */
export const FIRM_FIGURES_BEFORE: Record<
  string,
  (db: Parameters<FigureDef['compute']>[0], s: FigureScope) => Promise<unknown>
> = {
  async 'cockpit.enterprises'(db, s) {
    const q = new Sql();
    const [r] = await db.query<{ n: number; d: unknown }>(
      `select count(*)::int as n, max(e.as_of) as d from enterprises e where ${enterprisesIn(s, q)}`,
      q.params,
    );
    return { value: Number(r?.n ?? 0), asOf: newestDay(r ? [r] : []) };
  },
  async 'cockpit.little_giants'(db, s) {
    const q = new Sql();
    const rows = await db.query<TierRow>(
      `select t.code, t.name_zh, t.name_en, count(*)::int as n, max(h.as_of) as d
         from (select distinct e.id, e.as_of, x->>'tierCode' as code
                 from enterprises e cross join lateral jsonb_array_elements(e.honours) x
                where e.honours <> '[]'::jsonb and ${enterprisesIn(s, q)}) h
         join tiers t on t.code = h.code
        group by t.code, t.name_zh, t.name_en, t.rank order by t.rank desc`,
      q.params,
    );
    return {
      value: rows.find((r) => r.code === 'little_giant')?.n ?? 0,
      asOf: newestDay(rows),
      parts: parts(rows),
    };
  },
  async 'evaluation.tiers'(db, s) {
    const q = new Sql();
    const tiers = q.p(TIERS);
    const rows = await db.query<TierRow>(
      `with held as (
          select e.id, e.as_of, h->>'tierCode' as code
            from enterprises e cross join lateral jsonb_array_elements(e.honours) h
           where e.honours <> '[]'::jsonb and ${scopeEnterprises(s, q)}
             and h->>'tierCode' = any(${tiers}::text[]) and ${VALID})
        select t.code, t.name_zh, t.name_en, count(distinct held.id)::int as n, max(held.as_of) as d,
               (select count(distinct id)::int from held) as total
          from tiers t left join held on held.code = t.code
         where t.code = any(${tiers}::text[]) group by t.code, t.name_zh, t.name_en, t.rank order by t.rank`,
      q.params,
    );
    return { value: rows[0]?.total ?? 0, asOf: newestDay(rows), parts: parts(rows) };
  },
};
