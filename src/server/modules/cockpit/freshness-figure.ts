/** The cockpit's freshness figure: the share of the scope's park facts that are current. */
import { freshnessScore } from '../../../domain/cockpit/staleness.js';
import { Sql } from '../../lib/sql.js';
import type { FigureDef } from '../../platform/figures.js';
import { factsSql, loadRules, today } from './freshness.js';
import { scopeKey } from './scope.js';

export const freshnessFigure: FigureDef = {
  key: 'cockpit.freshness',
  label: { zh: '数据新鲜度', en: 'Data freshness' },
  unit: { zh: '分', en: 'pts' },
  group: 'freshness',
  order: 400,
  scopes: ['city', 'district', 'park'],
  async compute(db, s) {
    const rules = await loadRules(db);
    const q = new Sql();
    const on = today();
    const rows = await db.query<{ kind: string; facts: number; stale: number }>(
      `select kind, count(*)::int as facts, count(*) filter (where stale)::int as stale from (${factsSql(rules, { scope: s }, q, on)}) f group by kind order by kind`,
      q.params,
    );
    const facts = rows.reduce((t, r) => t + r.facts, 0);
    const stale = rows.reduce((t, r) => t + r.stale, 0);
    const label = new Map(rules.map((r) => [r.kind, { zh: r.label, en: r.labelEn }]));
    return {
      value: freshnessScore(facts, stale),
      asOf: on,
      link: `/cockpit/freshness?scope=${encodeURIComponent(scopeKey(s))}`,
      parts: rows.map((r) => ({
        key: r.kind,
        label: label.get(r.kind as never) ?? { zh: r.kind, en: r.kind },
        value: freshnessScore(r.facts, r.stale),
      })),
    };
  },
};
