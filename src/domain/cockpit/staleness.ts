/**
 * When a fact is stale, from its kind's rule and today's date (pure).
 *
 *   monthly / quarterly / yearly  confirmed (as-of) within the last 1 / 3 / 12 months plus grace days
 *   yearly_report                 the report for year Y is due grace days after 31 December of Y: the
 *                                 latest year due is the last Y whose due date has passed
 */
export type RulePeriod = 'monthly' | 'quarterly' | 'yearly' | 'yearly_report';

export interface Rule {
  period: RulePeriod;
  graceDays: number;
}

const toDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);

export function addDays(day: string, n: number): string {
  const d = toDate(day);
  d.setUTCDate(d.getUTCDate() + n);
  return iso(d);
}

export function addMonths(day: string, n: number): string {
  const d = toDate(day);
  const target = d.getUTCMonth() + n;
  const y = d.getUTCFullYear() + Math.floor(target / 12);
  const m = ((target % 12) + 12) % 12;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return iso(new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), last))));
}

const MONTHS: Record<Exclude<RulePeriod, 'yearly_report'>, number> = { monthly: 1, quarterly: 3, yearly: 12 };

/** A periodic fact is stale when its as-of date is before this cutoff (or unknown). */
export function cutoff(rule: Rule, today: string): string {
  if (rule.period === 'yearly_report') throw new Error('a yearly report has a due year, not a cutoff');
  return addDays(addMonths(today, -MONTHS[rule.period]), -rule.graceDays);
}

/** The latest report year due by today, and the date it was due. */
export function dueYear(rule: Rule, today: string): { year: number; dueBy: string } {
  let year = Number(today.slice(0, 4));
  for (;;) {
    const dueBy = addDays(`${year}-12-31`, rule.graceDays);
    if (dueBy <= today) return { year, dueBy };
    year--;
  }
}

/** Whether a periodic fact with this as-of date is stale today. */
export const isStale = (rule: Rule, asOf: string | null, today: string): boolean =>
  asOf === null || asOf < cutoff(rule, today);

/** Freshness score: the share of facts that are current, 0–100 with one decimal; null without facts. */
export const freshnessScore = (facts: number, stale: number): number | null =>
  facts === 0 ? null : Math.round(((facts - stale) / facts) * 1000) / 10;
