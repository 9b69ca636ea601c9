/** The cockpit's freshness figure: the share of the scope's park facts that are current. */
import { freshnessScore } from '../../../domain/cockpit/staleness.js';
import { FIGURE_SCOPE_KINDS, type FigureDef } from '../../platform/figures.js';
import { freshnessCounts, loadRules, today } from './freshness.js';
import { scopeKey } from './scope.js';

export const freshnessFigure: FigureDef = {
  key: 'cockpit.freshness',
  label: { zh: '数据新鲜度', en: 'Data freshness' },
  unit: { zh: '分', en: 'pts' },
  group: 'freshness',
  order: 400,
  scopes: FIGURE_SCOPE_KINDS,
  async compute(db, s) {
    const rules = await loadRules(db);
    const on = today();
    const byKind = new Map<string, { facts: number; stale: number }>();
    for (const r of await freshnessCounts(db, s)) {
      const x = byKind.get(r.kind) ?? { facts: 0, stale: 0 };
      x.facts += r.facts;
      x.stale += r.stale;
      byKind.set(r.kind, x);
    }
    const rows = [...byKind].sort(([a], [b]) => a.localeCompare(b)).map(([kind, x]) => ({ kind, ...x }));
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
