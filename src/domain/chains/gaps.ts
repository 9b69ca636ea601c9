/**
 * Gap-filling targets (issue 5 item 4, 补链强链): for every missing or weak segment of a chain in a
 * scope, firms outside the scope that would fill it, ranked by an explained score. Candidates come
 * from outside the city (issue 11 item 4: the investment team's target pool, not its neighbours);
 * firms of the same city are relocations, ranked apart and only when asked for.
 *
 *   score = 100 × (w.fit × fit + w.size × size + w.tier × tier + w.growth × growth
 *                  + w.leaderSupplier × leaderSupplier)                  (default weights 0.4 / 0.2 / 0.15 / 0.1 / 0.15)
 *   fit             1 for a confirmed mapping to the node, else the suggestion confidence
 *                   (`suggestMappings` unless `gapSuggestions` is off, or a stored suggestion's if higher);
 *                   below `minCandidateFit` the firm is left out
 *   size            max(scale: large 1, medium 0.6, small 0.3, micro 0.1; min(1, output / sizeRefOutputWan))
 *   tier            best rank of its tiers / best rank in `tierRanks` (no ranks given: min(1, tiers / 3))
 *   growth          clamp(growth / growthRef, 0, 1)
 *   leaderSupplier  1 if it already supplies a local leader of the chain (以商招商), 0.5 if it supplies
 *                   another local firm of the chain, else 0
 */
import type { TChainTemplate } from '../../contracts/chains.js';
import { type ChainIndex, mappingsOfNodes } from './data-index.js';
import { gapReasons } from './reasons.js';
import { suggestMappings } from './suggest.js';
import { type ChainThresholds, resolveThresholds, type ThresholdsInput } from './thresholds.js';
import type {
  ChainEnterprise,
  ChainHealth,
  EnterpriseId,
  GapCandidate,
  GapFactor,
  GapReasonCode,
  GapTarget,
  NodeMapping,
  Reason,
  Scale,
  SupplyLink,
} from './types.js';
import { getOrSet } from './util.js';

const GAP_FACTORS: readonly GapFactor[] = ['fit', 'size', 'tier', 'growth', 'leaderSupplier'];
const SCALE_SCORE: Record<Scale, number> = { large: 1, medium: 0.6, small: 0.3, micro: 0.1 };
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

interface Sales {
  /** Local leaders it sells to, with the known amounts summed. */
  leaders: Map<EnterpriseId, number>;
  /** Other local firms of the chain it sells to. */
  chainCustomers: Set<EnterpriseId>;
}

interface Scored {
  e: ChainEnterprise;
  fit: Fit;
  values: Record<GapFactor, number>;
  /** Points of every factor but leaderSupplier. */
  partial: number;
  score: number;
}

interface Fit {
  value: number;
  /** Spelled out only for the candidates that are kept. */
  reason: () => Reason<GapReasonCode>;
}

/**
 * Ranked candidates for each missing or weak segment (group nodes are left out: their children are
 * listed) of `health`, the health of `template` in the scope. Candidates are enterprises with
 * `inScope` false that fit the node: a confirmed mapping, else a suggestion (never a rejected pair).
 * Each has its score breakdown and bilingual reasons; at most `maxCandidatesPerGap` per node, best
 * first (ties by id). Firms of the same city (`inCity`) are not candidates: moving them would only
 * relocate them within the city. With `options.relocations` they are ranked apart, flagged, in
 * `relocations` (at most `maxCandidatesPerGap` too). See the module comment for the formula. `links` may be the `ChainIndex` of
 * the same data, so that many calls (chains × scopes) do not scan the link list each time (nor the
 * mappings, when `mappings` is the index's own list).
 */
export function gapTargets(
  template: TChainTemplate,
  health: ChainHealth,
  enterprises: readonly ChainEnterprise[],
  links: readonly SupplyLink[] | ChainIndex,
  mappings: readonly NodeMapping[],
  thresholds: ThresholdsInput | ChainThresholds = {},
  options: { relocations?: boolean } = {},
): GapTarget[] {
  const th = resolveThresholds(thresholds);
  const gaps = health.nodes.filter((n) => !n.group && n.status !== 'strong');
  if (gaps.length === 0) return [];
  const gapIds = new Set(gaps.map((n) => n.nodeId));
  const pool = enterprises.filter((e) => !e.inScope && (options.relocations || e.inCity !== true));
  const byId = new Map(pool.map((e) => [e.id, e]));

  // fit of each (node, firm): confirmed beats everything, a rejection removes the pair
  const fits = new Map<string, Map<EnterpriseId, Fit>>();
  const rejected = new Map<string, Set<EnterpriseId>>();
  const setFit = (nodeId: string, id: EnterpriseId, fit: Fit) => {
    const node = getOrSet(fits, nodeId, () => new Map<EnterpriseId, Fit>());
    const prior = node.get(id);
    const confirmed = (f: Fit) => f.reason === gapReasons.fitConfirmed;
    if (!prior || confirmed(fit) || (!confirmed(prior) && prior.value < fit.value)) node.set(id, fit);
  };
  // with the index of the same mappings, read only the gap nodes' mappings
  const grouped = 'sellStart' in links && links.mappings === mappings ? mappingsOfNodes(links) : null;
  const relevant = grouped ? gaps.flatMap((n) => grouped.get(n.nodeId) ?? []) : mappings;
  for (const m of relevant) {
    if (!gapIds.has(m.nodeId) || !byId.has(m.enterpriseId)) continue;
    if (m.status === 'rejected') getOrSet(rejected, m.nodeId, () => new Set<EnterpriseId>()).add(m.enterpriseId);
    else if (m.status === 'confirmed') setFit(m.nodeId, m.enterpriseId, { value: 1, reason: gapReasons.fitConfirmed });
    else {
      const c = m.confidence ?? 0;
      if (c >= th.minCandidateFit) {
        setFit(m.nodeId, m.enterpriseId, { value: c, reason: () => gapReasons.fitSuggested(c, []) });
      }
    }
  }
  // only the gap nodes can take candidates, so only they are matched
  const gapTemplate = { ...template, nodes: template.nodes.filter((n) => gapIds.has(n.id)) };
  const suggestions = !th.gapSuggestions
    ? []
    : suggestMappings([gapTemplate], pool, mappings, {
        ...th,
        maxSuggestionsPerEnterprise: Number.POSITIVE_INFINITY,
        minSuggestionConfidence: th.minCandidateFit,
      });
  for (const s of suggestions) {
    const evidence = () => s.evidence.map((x) => `${x.kind} ${x.detail}`);
    setFit(s.nodeId, s.enterpriseId, {
      value: s.confidence,
      reason: () => gapReasons.fitSuggested(s.confidence, evidence()),
    });
  }

  // what a candidate already sells into the scope's chain, looked up only for candidates that can still rank
  const leaders = new Map(health.leaders.map((l) => [l.enterpriseId, l.name]));
  const localChain = new Set(health.nodes.flatMap((n) => n.firms.map((f) => f.enterpriseId)));
  const sells = new Map<EnterpriseId, Sales>();
  const record = (into: Sales, customerId: EnterpriseId, amountWan: number | null) => {
    if (leaders.has(customerId)) into.leaders.set(customerId, (into.leaders.get(customerId) ?? 0) + (amountWan ?? 0));
    else if (localChain.has(customerId)) into.chainCustomers.add(customerId);
  };
  const emptySales = (): Sales => ({ leaders: new Map(), chainCustomers: new Set() });
  let salesOf: (id: EnterpriseId) => Sales;
  if ('sellStart' in links) {
    salesOf = (id) =>
      getOrSet(sells, id, () => {
        const out = emptySales();
        const p = links.pos.get(id);
        if (p === undefined) return out;
        for (let i = links.sellStart[p]!, end = links.sellStart[p + 1]!; i < end; i++) {
          const amount = links.sellAmount[i]!;
          const customer = links.ids[links.sellCustomer[i]!]!;
          if (customer !== id) record(out, customer, Number.isNaN(amount) ? null : amount);
        }
        return out;
      });
  } else {
    const candidates = new Set<EnterpriseId>();
    for (const node of fits.values()) for (const id of node.keys()) candidates.add(id);
    for (const l of links) {
      if (l.supplierId === l.customerId || !candidates.has(l.supplierId)) continue;
      record(getOrSet(sells, l.supplierId, emptySales), l.customerId, l.amountWan);
    }
    salesOf = (id) => sells.get(id) ?? emptySales();
  }

  const maxRank = Math.max(0, ...Object.values(th.tierRanks));
  const w = th.gapWeights;
  const bestRank = (tiers: readonly string[]) => {
    let best = 0;
    for (const t of tiers) best = Math.max(best, th.tierRanks[t] ?? 0);
    return best;
  };
  const reasonsOf = (e: ChainEnterprise, fit: Fit): Reason<GapReasonCode>[] => {
    const reasons: Reason<GapReasonCode>[] = [fit.reason()];
    if (e.scale === 'large' || e.scale === 'medium') reasons.push(gapReasons.largeScale(e.scale));
    if (e.outputWan !== null && e.outputWan > 0) reasons.push(gapReasons.output(e.outputWan));
    if (e.tiers.length) reasons.push(gapReasons.tier(e.tiers));
    if (e.growth !== null && e.growth > 0) reasons.push(gapReasons.growth(e.growth));
    const sold = salesOf(e.id);
    if (sold.leaders.size) {
      const ids = [...sold.leaders.keys()].sort((a, b) => a - b);
      const amount = [...sold.leaders.values()].reduce((a, b) => a + b, 0);
      reasons.push(
        gapReasons.suppliesLocalLeader(
          ids.map((i) => leaders.get(i)!),
          ids,
          amount,
        ),
      );
    } else if (sold.chainCustomers.size) reasons.push(gapReasons.suppliesLocalChain(sold.chainCustomers.size));
    return reasons;
  };
  const round1 = (x: number) => Math.round(x * 10) / 10;
  const bonusMax = 100 * Math.max(0, w.leaderSupplier);
  const K = th.maxCandidatesPerGap;

  /** The best `K` of one node's fits, scored and explained. */
  const rank = (entries: readonly (readonly [EnterpriseId, Fit])[], refused: Set<EnterpriseId> | undefined) => {
    // every factor but the sales one is known without looking at links: rank on it first, then add
    // the sales factor best first, and stop once even full marks for it could not reach the list
    const ranked: Scored[] = [];
    for (const [id, fit] of entries) {
      if (refused?.has(id)) continue;
      const e = byId.get(id)!;
      const scaleScore = e.scale ? SCALE_SCORE[e.scale] : 0;
      const outputScore = e.outputWan !== null && e.outputWan > 0 ? clamp01(e.outputWan / th.sizeRefOutputWan) : 0;
      const values: Record<GapFactor, number> = {
        fit: fit.value,
        size: Math.max(scaleScore, outputScore),
        tier: maxRank > 0 ? bestRank(e.tiers) / maxRank : Math.min(1, e.tiers.length / 3),
        growth: e.growth === null ? 0 : clamp01(e.growth / th.growthRef),
        leaderSupplier: 0,
      };
      const partial =
        100 * (w.fit * values.fit + w.size * values.size + w.tier * values.tier + w.growth * values.growth);
      ranked.push({ e, fit, values, partial, score: 0 });
    }
    ranked.sort((a, b) => b.partial - a.partial || a.e.id - b.e.id);
    const kept: Scored[] = [];
    for (const c of ranked) {
      if (kept.length >= K && round1(c.partial + bonusMax) < kept[K - 1]!.score) break;
      const sold = salesOf(c.e.id);
      c.values.leaderSupplier = sold.leaders.size ? 1 : sold.chainCustomers.size ? 0.5 : 0;
      c.score = round1(c.partial + 100 * w.leaderSupplier * c.values.leaderSupplier);
      let at = kept.length;
      while (
        at > 0 &&
        (kept[at - 1]!.score < c.score || (kept[at - 1]!.score === c.score && kept[at - 1]!.e.id > c.e.id))
      ) {
        at--;
      }
      if (at < K) {
        kept.splice(at, 0, c);
        if (kept.length > K) kept.pop();
      }
    }
    return kept.map(
      ({ e, fit, values, score }): GapCandidate => ({
        enterpriseId: e.id,
        name: e.name,
        score,
        breakdown: GAP_FACTORS.map((factor) => ({
          factor,
          weight: w[factor],
          value: values[factor],
          points: 100 * w[factor] * values[factor],
        })),
        reasons: reasonsOf(e, fit),
        relocation: e.inCity === true,
        regionCode: e.regionCode ?? null,
        regionName: null,
      }),
    );
  };

  return gaps.map((node) => {
    const refused = rejected.get(node.nodeId);
    const outside: [EnterpriseId, Fit][] = [];
    const inCity: [EnterpriseId, Fit][] = [];
    for (const entry of fits.get(node.nodeId) ?? [])
      (byId.get(entry[0])!.inCity === true ? inCity : outside).push(entry);
    const candidates = rank(outside, refused);
    const relocations = options.relocations ? rank(inCity, refused) : [];
    return {
      nodeId: node.nodeId,
      nameZh: node.nameZh,
      nameEn: node.nameEn,
      status: node.status as GapTarget['status'],
      keyLink: node.keyLink,
      reasons: node.reasons,
      candidates,
      relocations,
    };
  });
}
