/**
 * Tier eligibility of firms under a published tier rule set: what each qualifies for now and, for the
 * next tier, every condition it fails with its value and clause; candidate lists by tier, district and
 * chain (closest first); counts against targets. Answers carry figures, so they follow the metrics'
 * visibility (policy.ts).
 */
import type { TTierDocument, TTierStatus } from '../../../contracts/evaluation.js';
import type { Db } from '../../../db/connect.js';
import { buildFacts, holds } from '../../../domain/evaluation/fields.js';
import { evaluateTiers, explainFailing, type FailingFact } from '../../../domain/evaluation/tiers.js';
import { AppError, forbidden, notFound } from '../../lib/errors.js';
import { Sql } from '../../lib/sql.js';
import { may, readScope, redact } from '../../platform/policy/index.js';
import type { Actor } from '../auth/actor.js';
import * as repo from './repository.js';

export interface TierQuery {
  ruleSetId?: number | undefined;
  year?: number | undefined;
  on?: string | undefined;
  tier?: string | undefined;
  regionCode?: string | undefined;
  chainCode?: string | undefined;
  enterpriseId?: number | undefined;
  limit: number;
  offset: number;
}

const today = () => new Date().toISOString().slice(0, 10);

export async function tierRuleSet(db: Db, ruleSetId: number | undefined, on: string) {
  const rs = ruleSetId ? await repo.getRuleSet(db, ruleSetId) : await repo.currentRuleSet(db, 'tier', on);
  if (!rs) throw notFound();
  if (rs.document.kind !== 'tier')
    throw new AppError(422, 'validation_failed', [
      {
        path: ['ruleSetId'],
        code: 'evaluation.wrong_kind',
        message: { zh: '须为梯度培育规则集', en: 'Must be a tier rule set' },
      },
    ]);
  return rs;
}

function statusOf(
  firm: repo.FirmRow,
  doc: TTierDocument,
  rs: { code: string; version: number },
  year: number,
  on: string,
): Omit<TTierStatus, 'failing'> & { failing: FailingFact[] } {
  const o = evaluateTiers(doc, buildFacts(firm, year, on));
  const held = ['innovative_sme', 'specialized_sme', 'little_giant', 'high_tech'].filter((t) =>
    holds(firm.honours, t, on),
  );
  return {
    enterpriseId: firm.id,
    name: firm.name,
    synthetic: firm.synthetic,
    regionCode: firm.regionCode,
    chainCode: firm.chainCode,
    ruleSetCode: rs.code,
    ruleSetVersion: rs.version,
    qualifies: o.qualifies,
    qualifiesVerified: o.qualifiesVerified,
    next: o.next,
    failing: o.failing,
    score: o.score,
    holds: held,
  };
}

/**
 * Firms' tier answers. A list by candidate tier is for the city and zones (it would reveal who
 * qualifies); one firm's answer is for whoever reads the firm, blanked unless they see its figures.
 */
export async function tierStatuses(db: Db, query: TierQuery, actor: Actor | undefined) {
  if (actor && query.enterpriseId === undefined && !may(actor, 'evaluation.aggregates')) throw forbidden();
  const on = query.on ?? today();
  const year = query.year ?? Number(on.slice(0, 4)) - 1;
  const rs = await tierRuleSet(db, query.ruleSetId, on);
  const q = new Sql();
  const where = [repo.areaCond(q, query.regionCode)];
  if (query.chainCode) where.push(`e.chain_code = ${q.p(query.chainCode)}`);
  // One firm is answered as asked; lists are of the city's own firms (not the outside-city target pool).
  if (query.enterpriseId !== undefined) where.push(`e.id = ${q.p(query.enterpriseId)}`);
  else where.push(repo.inCity());
  if (actor) {
    const scope = readScope(actor, 'evaluation-tiers', q);
    if (scope)
      where.push(
        `e.id in (select t.enterprise_id from (select id as enterprise_id from enterprises) t where ${scope})`,
      );
  }
  const firms = await repo.loadFirms(db, q, where.join(' and '), year - 2, year);
  if (query.enterpriseId !== undefined && firms.length === 0) throw notFound();
  const doc = rs.document as TTierDocument;
  let list = firms.map((f) => statusOf(f, doc, rs, year, on));
  if (query.tier) list = list.filter((s) => s.next === query.tier);
  // Closest candidates first: fewest failing conditions, then name.
  list.sort((a, b) => (a.failing?.length ?? 0) - (b.failing?.length ?? 0) || a.name.localeCompare(b.name, 'zh'));
  // Only the rows answered are worded (a city's list is sorted on how many conditions fail, not on sentences).
  const page = list
    .slice(query.offset, query.offset + query.limit)
    .map((s): TTierStatus => ({ ...s, failing: s.failing.map(explainFailing) }));
  return {
    ruleSet: { id: rs.id, code: rs.code, version: rs.version, name: rs.name, nameEn: rs.nameEn ?? null },
    year,
    on,
    total: list.length,
    items: page.map(
      (s) => redact(actor, 'evaluation-tiers', s as unknown as Record<string, unknown>) as unknown as TTierStatus,
    ),
  };
}

/** Counts of firms holding each tier on a date and newly awarded in a year, beside the targets and reported counts. */
export async function tierCounts(db: Db, on: string) {
  const year = Number(on.slice(0, 4));
  const held = await db.query<{
    tier_code: string;
    region_code: string | null;
    holders: number;
    new_this_year: number;
    new_last_year: number;
  }>(
    `select h->>'tierCode' as tier_code, count(distinct e.id) filter (where (h->>'year')::int <= $2
              and (h->>'validUntil' is null or (h->>'validUntil')::date >= $1::date))::int as holders,
            count(distinct e.id) filter (where (h->>'year')::int = $2)::int as new_this_year,
            count(distinct e.id) filter (where (h->>'year')::int = $2 - 1)::int as new_last_year,
            null::text as region_code
       from enterprises e cross join lateral jsonb_array_elements(e.honours) h
      where h->>'tierCode' in ('innovative_sme', 'specialized_sme', 'little_giant') and ${repo.inCity()}
      group by h->>'tierCode'`,
    [on, year],
  );
  const targets = await db.query<Record<string, unknown>>(
    `select t.tier_code, t.region_code, t.year, t.target_total, t.target_new, t.reported_total, t.reported_new, t.source_id,
            s.title as source_title, t.synthetic
       from tier_targets t join sources s on s.id = t.source_id order by t.year desc, t.tier_code`,
  );
  return {
    on,
    registry: held.map((h) => ({
      tierCode: h.tier_code,
      holders: h.holders,
      newThisYear: h.new_this_year,
      newLastYear: h.new_last_year,
    })),
    targets: targets.map((t) => ({
      tierCode: t.tier_code as string,
      regionCode: (t.region_code as string | null) ?? null,
      year: t.year as number,
      targetTotal: (t.target_total as number | null) ?? null,
      targetNew: (t.target_new as number | null) ?? null,
      reportedTotal: (t.reported_total as number | null) ?? null,
      reportedNew: (t.reported_new as number | null) ?? null,
      sourceId: t.source_id as string,
      sourceTitle: t.source_title as string,
      synthetic: t.synthetic as boolean,
    })),
  };
}
