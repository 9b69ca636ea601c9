/**
 * Every tunable number of the chain engine, with its default and why. Callers pass a partial
 * object; `resolveThresholds` fills the rest (weights objects are merged key by key).
 */

export interface SuggestionWeights {
  /** The firm's class is one of the node's plain classes. */
  class: number;
  /** The firm's class is one of the node's ≈ classes (only ever with a keyword hit). */
  classApprox: number;
  /** The firm's class shares the 2-digit division (大类) of a node class, with a keyword hit. */
  division: number;
  /** Each distinct node keyword found in the products. */
  productKeyword: number;
  /** Each distinct node keyword found only in the description (经营范围 copies long lists: weaker). */
  descriptionKeyword: number;
  /** Each product name that is a large part of a node keyword (`靶材` in `溅射靶材`). */
  productPartial: number;
}

export interface ScoreWeights {
  keyLinks: number;
  coverage: number;
  strength: number;
  leaders: number;
  supporting: number;
}

export interface GapWeights {
  fit: number;
  size: number;
  tier: number;
  growth: number;
  leaderSupplier: number;
}

export interface ChainThresholds {
  // suggestions
  suggestionWeights: SuggestionWeights;
  /** Suggestions below this confidence are dropped. */
  minSuggestionConfidence: number;
  /** At most this many suggestions per enterprise, best first. */
  maxSuggestionsPerEnterprise: number;
  /**
   * chains.md §0.2 needs a class to apply its rule. For a firm with no class at all, allow a
   * keyword-only suggestion when at least `minKeywordsWithoutClass` distinct keywords hit.
   */
  keywordOnlyWithoutClass: boolean;
  minKeywordsWithoutClass: number;

  // membership
  /** Count strong suggestions (status `suggested`, confidence ≥ strongSuggestion) as node members. */
  includeSuggested: boolean;
  strongSuggestion: number;

  // weak links (弱链)
  /** A covered node with fewer local firms is weak. */
  minFirms: number;
  /** A covered node whose known local output (万元) is below this is weak (skipped when no output is known). */
  minOutputWan: number;
  /** One firm holding at least this share of a node's known output makes it a single supplier. */
  dominantShare: number;

  // leaders (链主)
  /** A firm with this share of the chain's local output is large enough to lead. */
  leaderOutputShare: number;
  /** Distinct in-chain suppliers + customers a size-qualified firm needs to be detected as a leader. */
  minLeaderLinks: number;

  // score
  scoreWeights: ScoreWeights;
  /** Leaders part of the score: min(1, leaders / leadersTarget). */
  leadersTarget: number;

  // gap targets
  gapWeights: GapWeights;
  /**
   * Match the outside firms against the gap nodes on every call. Off: use only stored mappings
   * (confirmed, and `suggested` with their confidence) — the fast path once suggestions are stored.
   */
  gapSuggestions: boolean;
  /** Candidates whose fit (suggestion confidence) is below this are left out. */
  minCandidateFit: number;
  maxCandidatesPerGap: number;
  /** Output (万元) at which the size factor reaches 1 through output alone. */
  sizeRefOutputWan: number;
  /** Growth at which the growth factor reaches 1. */
  growthRef: number;
  /**
   * Rank of each tier code (data/reference/tiers.json `rank`); the tier factor is the firm's best
   * rank over the best rank here. Empty: the factor is min(1, number of tiers / 3).
   */
  tierRanks: Readonly<Record<string, number>>;
}

export const DEFAULT_THRESHOLDS: ChainThresholds = {
  suggestionWeights: {
    class: 0.6,
    classApprox: 0.35,
    division: 0.2,
    productKeyword: 0.3,
    descriptionKeyword: 0.15,
    productPartial: 0.15,
  },
  minSuggestionConfidence: 0.3,
  maxSuggestionsPerEnterprise: 5,
  keywordOnlyWithoutClass: true,
  minKeywordsWithoutClass: 2,

  includeSuggested: false,
  strongSuggestion: 0.7,

  minFirms: 3,
  minOutputWan: 10_000,
  dominantShare: 0.8,

  leaderOutputShare: 0.2,
  minLeaderLinks: 3,

  scoreWeights: { keyLinks: 0.3, coverage: 0.25, strength: 0.2, leaders: 0.1, supporting: 0.15 },
  leadersTarget: 1,

  gapWeights: { fit: 0.4, size: 0.2, tier: 0.15, growth: 0.1, leaderSupplier: 0.15 },
  gapSuggestions: true,
  minCandidateFit: 0.3,
  maxCandidatesPerGap: 20,
  sizeRefOutputWan: 100_000,
  growthRef: 0.3,
  tierRanks: {},
};

export type ThresholdsInput = Partial<
  Omit<ChainThresholds, 'suggestionWeights' | 'scoreWeights' | 'gapWeights'> & {
    suggestionWeights: Partial<SuggestionWeights>;
    scoreWeights: Partial<ScoreWeights>;
    gapWeights: Partial<GapWeights>;
  }
>;

/** Defaults overlaid with the given values; weight objects are merged key by key. */
export function resolveThresholds(input: ThresholdsInput = {}): ChainThresholds {
  return {
    ...DEFAULT_THRESHOLDS,
    ...input,
    suggestionWeights: { ...DEFAULT_THRESHOLDS.suggestionWeights, ...input.suggestionWeights },
    scoreWeights: { ...DEFAULT_THRESHOLDS.scoreWeights, ...input.scoreWeights },
    gapWeights: { ...DEFAULT_THRESHOLDS.gapWeights, ...input.gapWeights },
  };
}

/** `{ code: rank }` from the items of data/reference/tiers.json, for `tierRanks`. */
export function tierRanksFrom(items: readonly { code: string; rank: number }[]): Record<string, number> {
  return Object.fromEntries(items.map((t) => [t.code, t.rank]));
}
