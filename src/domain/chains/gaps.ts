/**
 * Gap-filling targets (issue 5 item 4, 补链强链): for every missing or weak segment of a chain in a
 * scope, firms outside the scope that would fill it, ranked by an explained score.
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
import type { ChainIndex } from './data-index.js';
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
 * first (ties by id). See the module comment for the formula. `links` may be the `ChainIndex` of
 * the same data, so that many calls (chains × scopes) do not scan the link list each time.
 */
export function gapTargets(
  template: TChainTemplate,
  health: ChainHealth,
  enterprises: readonly ChainEnterprise[],
  links: readonly SupplyLink[] | ChainIndex,
  mappings: readonly NodeMapping[],
  thresholds: ThresholdsInput | ChainThresholds = {},
): GapTarget[] {
  const th = resolveThresholds(thresholds);
  const gaps = health.nodes.filter((n) => !n.group && n.status !== 'strong');
  if (gaps.length === 0) return [];
  const gapIds = new Set(gaps.map((n) => n.nodeId));
  const pool = enterprises.filter((e) => !e.inScope);
  const byId = new Map(pool.map((e) => [e.id, e]));

  // fit of each (node, firm): confirmed beats everything, a rejection removes the pair
  const fits = new Map<string, Map<EnterpriseId, Fit>>();
  const rejected = new Set<string>();
  const setFit = (nodeId: string, id: EnterpriseId, fit: Fit) => {
    const node = getOrSet(fits, nodeId, () => new Map<EnterpriseId, Fit>());
    const prior = node.get(id);
    const confirmed = (f: Fit) => f.reason === gapReasons.fitConfirmed;
    if (!prior || confirmed(fit) || (!confirmed(prior) && prior.value < fit.value)) node.set(id, fit);
  };
  for (const m of mappings) {
    if (!gapIds.has(m.nodeId) || !byId.has(m.enterpriseId)) continue;
    if (m.status === 'rejected') rejected.add(`${m.enterpriseId}|${m.nodeId}`);
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

  // what each candidate already sells into the scope's chain
  const leaders = new Map(health.leaders.map((l) => [l.enterpriseId, l.name]));
  const localChain = new Set(health.nodes.flatMap((n) => n.firms.map((f) => f.enterpriseId)));
  const candidateIds = new Set<EnterpriseId>();
  for (const node of fits.values()) for (const id of node.keys()) candidateIds.add(id);
  const sells = new Map<EnterpriseId, { leaders: Map<EnterpriseId, number>; chainCustomers: Set<EnterpriseId> }>();
  const sale = (supplierId: EnterpriseId, customerId: EnterpriseId, amountWan: number | null) => {
    const toLeader = leaders.has(customerId);
    if (supplierId === customerId || (!toLeader && !localChain.has(customerId))) return;
    const s = getOrSet(sells, supplierId, () => ({
      leaders: new Map<EnterpriseId, number>(),
      chainCustomers: new Set<EnterpriseId>(),
    }));
    if (toLeader) s.leaders.set(customerId, (s.leaders.get(customerId) ?? 0) + (amountWan ?? 0));
    else s.chainCustomers.add(customerId);
  };
  if ('sellStart' in links) {
    for (const id of candidateIds) {
      const p = links.pos.get(id);
      if (p === undefined) continue;
      for (let i = links.sellStart[p]!, end = links.sellStart[p + 1]!; i < end; i++) {
        const amount = links.sellAmount[i]!;
        sale(id, links.ids[links.sellCustomer[i]!]!, Number.isNaN(amount) ? null : amount);
      }
    }
  } else {
    for (const l of links) if (candidateIds.has(l.supplierId)) sale(l.supplierId, l.customerId, l.amountWan);
  }

  const maxRank = Math.max(0, ...Object.values(th.tierRanks));
  const w = th.gapWeights;
  const bestRank = (tiers: readonly string[]) => {
    let best = 0;
    for (const t of tiers) best = Math.max(best, th.tierRanks[t] ?? 0);
    return best;
  };
  const valuesOf = (e: ChainEnterprise, fit: Fit): Record<GapFactor, number> => {
    const scaleScore = e.scale ? SCALE_SCORE[e.scale] : 0;
    const outputScore = e.outputWan !== null && e.outputWan > 0 ? clamp01(e.outputWan / th.sizeRefOutputWan) : 0;
    const sold = sells.get(e.id);
    return {
      fit: fit.value,
      size: Math.max(scaleScore, outputScore),
      tier: maxRank > 0 ? bestRank(e.tiers) / maxRank : Math.min(1, e.tiers.length / 3),
      growth: e.growth === null ? 0 : clamp01(e.growth / th.growthRef),
      leaderSupplier: sold?.leaders.size ? 1 : sold?.chainCustomers.size ? 0.5 : 0,
    };
  };
  const reasonsOf = (e: ChainEnterprise, fit: Fit): Reason<GapReasonCode>[] => {
    const reasons: Reason<GapReasonCode>[] = [fit.reason()];
    if (e.scale === 'large' || e.scale === 'medium') reasons.push(gapReasons.largeScale(e.scale));
    if (e.outputWan !== null && e.outputWan > 0) reasons.push(gapReasons.output(e.outputWan));
    if (e.tiers.length) reasons.push(gapReasons.tier(e.tiers));
    if (e.growth !== null && e.growth > 0) reasons.push(gapReasons.growth(e.growth));
    const sold = sells.get(e.id);
    if (sold?.leaders.size) {
      const ids = [...sold.leaders.keys()].sort((a, b) => a - b);
      const amount = [...sold.leaders.values()].reduce((a, b) => a + b, 0);
      reasons.push(
        gapReasons.suppliesLocalLeader(
          ids.map((i) => leaders.get(i)!),
          ids,
          amount,
        ),
      );
    } else if (sold?.chainCustomers.size) reasons.push(gapReasons.suppliesLocalChain(sold.chainCustomers.size));
    return reasons;
  };
  return gaps.map((node) => {
    const scored: { e: ChainEnterprise; fit: Fit; values: Record<GapFactor, number>; score: number }[] = [];
    for (const [id, fit] of fits.get(node.nodeId) ?? []) {
      if (rejected.has(`${id}|${node.nodeId}`)) continue;
      const e = byId.get(id)!;
      const values = valuesOf(e, fit);
      let points = 0;
      for (const f of GAP_FACTORS) points += 100 * w[f] * values[f];
      scored.push({ e, fit, values, score: Math.round(points * 10) / 10 });
    }
    scored.sort((a, b) => b.score - a.score || a.e.id - b.e.id);
    const candidates: GapCandidate[] = scored.slice(0, th.maxCandidatesPerGap).map(({ e, fit, values, score }) => ({
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
    }));
    return {
      nodeId: node.nodeId,
      nameZh: node.nameZh,
      nameEn: node.nameEn,
      status: node.status as GapTarget['status'],
      keyLink: node.keyLink,
      reasons: node.reasons,
      candidates,
    };
  });
}
