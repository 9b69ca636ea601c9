/**
 * Inputs and outputs of the chain engine (issue 5 items 2–4): plain data, no I/O. The engine maps
 * enterprises to template nodes (`suggestMappings`), judges a chain for one scope (`chainHealth`)
 * and ranks outside firms for its gaps (`gapTargets`). Money is in 万元 (10k CNY), as in the
 * registry; growth is a fraction (0.25 = +25 %).
 */
import type { TChainNode, TChainTemplate } from '../../contracts/chains.js';

export type EnterpriseId = number;
export type Scale = 'large' | 'medium' | 'small' | 'micro';

/** One enterprise as the engine sees it; `inScope` says whether it is local to the analysed scope. */
export interface ChainEnterprise {
  id: EnterpriseId;
  name: string;
  /** GB/T 4754-2017 class (小类), 4 digits, or null when unknown. */
  classCode: string | null;
  products: readonly string[];
  description?: string | null;
  scale: Scale | null;
  /** Tier and honour codes (data/reference/tiers.json). */
  tiers: readonly string[];
  /** Industrial output of the latest year, 万元. */
  outputWan: number | null;
  revenueWan: number | null;
  /** Revenue growth of the last year, as a fraction. */
  growth: number | null;
  /** The registry's chain-leader flag (链主), set or confirmed by a person. */
  isChainLeader: boolean;
  /** Local to the scope being analysed (city, district, park or building). */
  inScope: boolean;
  /**
   * Inside the city (registered in it, holding a unit in it, or of unknown region in the city's
   * registry). A gap candidate inside the city but outside the scope is a relocation within the city,
   * listed apart (`GapTarget.relocations`); absent counts as outside the city.
   */
  inCity?: boolean;
  /** GB/T 2260 code of the registered region, when known. */
  regionCode?: string | null;
}

export type MappingStatus = 'confirmed' | 'rejected' | 'suggested';

/** A decision (or a pending suggestion) that an enterprise belongs to a node. */
export interface NodeMapping {
  enterpriseId: EnterpriseId;
  nodeId: string;
  status: MappingStatus;
  /** Confidence 0..1 of a suggestion; ignored for confirmed and rejected mappings. */
  confidence?: number;
}

/** A supplier–customer link; `amountWan` is the annual purchase amount, null when unknown. */
export interface SupplyLink {
  supplierId: EnterpriseId;
  customerId: EnterpriseId;
  amountWan: number | null;
}

/** A short explanation in both languages, with the figures it is about. */
export interface Reason<C extends string = string> {
  code: C;
  zh: string;
  en: string;
  value?: number;
  threshold?: number;
  /** Ids (node ids, enterprise ids) the reason names. */
  refs?: readonly (string | number)[];
}

// ───────────────────────── suggestions ─────────────────────────

export type EvidenceKind = 'class' | 'class_approx' | 'keyword' | 'division_keyword';

export interface Evidence {
  kind: EvidenceKind;
  /** What matched, e.g. `3985`, `溅射靶材 (products)`, `division 39 (3985)`. */
  detail: string;
  /** The probability this piece contributes to the noisy-OR confidence. */
  weight: number;
}

export interface MappingSuggestion {
  enterpriseId: EnterpriseId;
  nodeId: string;
  /** 0..1: 1 − Π(1 − weight) over the evidence. */
  confidence: number;
  evidence: Evidence[];
}

// ───────────────────────── health ─────────────────────────

export type NodeStatus = 'missing' | 'weak' | 'strong';
export type WeakReasonCode =
  | 'below_min_count'
  | 'below_min_output'
  | 'all_small'
  | 'single_supplier'
  | 'child_missing'
  | 'child_weak';
export type LeaderReasonCode = 'flag' | 'confirmed' | 'large_scale' | 'top_output_share' | 'chain_links';

/** Local purchases against all purchases with a known amount (本地配套率). */
export interface SupportingRate {
  /** Sum of purchases with a known amount, 万元. */
  purchaseWan: number;
  /** The part of it bought from suppliers inside the scope, 万元. */
  localWan: number;
  /** localWan / purchaseWan, or null when nothing was bought with a known amount. */
  rate: number | null;
  /** Supplier links counted (known amount), and how many of them are local. */
  links: number;
  localLinks: number;
  /** Supplier links left out because their amount is unknown. */
  unknownAmountLinks: number;
  /** How many of those are local (for a count-based share, shown apart when amounts are unknown). */
  unknownAmountLocalLinks: number;
}

export interface NodeFirm {
  enterpriseId: EnterpriseId;
  name: string;
  scale: Scale | null;
  outputWan: number | null;
  tiers: readonly string[];
  /** confirmed: a person said so; suggested: a strong suggestion counted because the flag allows it. */
  via: 'confirmed' | 'suggested';
  confidence?: number;
}

export interface NodeHealth {
  nodeId: string;
  nameZh: string;
  nameEn: string;
  stage: TChainNode['stage'];
  parent: string | null;
  group: boolean;
  keyLink: boolean;
  /** Child node ids of a group node (empty for a segment). */
  children: string[];
  /** Local firms of the node; a group's are the union of its children's and its own. */
  firms: NodeFirm[];
  firmCount: number;
  /** Sum of the known outputs, 万元, and how many firms have one. */
  outputWan: number;
  outputKnown: number;
  /** Distinct tier codes of the local firms, sorted. */
  tiers: string[];
  /** The node's local supply rests on one firm (the only one, or one holding the dominant share of output). */
  singleSupplier: boolean;
  status: NodeStatus;
  /** Why a node is weak (empty when strong or missing). */
  reasons: Reason<WeakReasonCode>[];
  /** Share of the local firms' purchases bought inside the scope. */
  supporting: SupportingRate;
}

export interface ChainLeader {
  enterpriseId: EnterpriseId;
  name: string;
  nodeIds: string[];
  scale: Scale | null;
  outputWan: number | null;
  /** Output as a share of the chain's local output (known values), or null. */
  outputShare: number | null;
  /** Distinct suppliers and customers that are mapped to this chain (in or out of the scope). */
  chainSuppliers: number;
  chainCustomers: number;
  /** Distinct in-chain partners (a firm that both sells to it and buys from it counts once). */
  chainPartners: number;
  /** The registry flag is set: a person has confirmed it. */
  flagged: boolean;
  /** A person confirmed it as a leader of this chain (chain_leaders). */
  confirmed?: boolean;
  detectedBy: Reason<LeaderReasonCode>[];
  supporting: SupportingRate;
}

export type ScorePartCode = 'key_links' | 'coverage' | 'strength' | 'leaders' | 'supporting';

/** One part of the health score: value 0..1 (null when it cannot be measured), weight and points. */
export interface ScorePart {
  code: ScorePartCode;
  zh: string;
  en: string;
  weight: number;
  value: number | null;
  /** 100 × weight × value / (sum of the weights of the parts with a value); 0 when value is null. */
  points: number;
  /** How the value was computed, e.g. `5 / 7` (English); `params` holds its figures for a translated text. */
  detail: string;
  params: Record<string, number>;
}

export interface ChainScore {
  /** 0..100, the sum of the parts' points, rounded to one decimal. */
  value: number;
  parts: ScorePart[];
}

export interface ChainHealth {
  chainCode: string;
  version: number;
  nameZh: string;
  nameEn: string;
  nodes: NodeHealth[];
  leaders: ChainLeader[];
  summary: {
    /** Segments (group nodes excluded). */
    segments: number;
    covered: number;
    missing: number;
    weak: number;
    strong: number;
    localFirms: number;
    localOutputWan: number;
  };
  score: ChainScore;
}

// ───────────────────────── gap targets ─────────────────────────

export type GapReasonCode =
  | 'fit_confirmed'
  | 'fit_suggested'
  | 'large_scale'
  | 'output'
  | 'tier'
  | 'growth'
  | 'supplies_local_leader'
  | 'supplies_local_chain';

export type GapFactor = 'fit' | 'size' | 'tier' | 'growth' | 'leaderSupplier';

export interface GapScorePart {
  factor: GapFactor;
  weight: number;
  value: number;
  points: number;
}

export interface GapCandidate {
  enterpriseId: EnterpriseId;
  name: string;
  /** 0..100: Σ 100 × weight × value over the factors. */
  score: number;
  breakdown: GapScorePart[];
  reasons: Reason<GapReasonCode>[];
  /** A firm of the same city outside the scope: moving it would only relocate it within the city. */
  relocation: boolean;
  regionCode: string | null;
  /** Province and city (and district) of `regionCode`, filled in by the server; null in the engine. */
  regionName: string | null;
}

export interface GapTarget {
  nodeId: string;
  nameZh: string;
  nameEn: string;
  status: Exclude<NodeStatus, 'strong'>;
  keyLink: boolean;
  /** Why the node is a gap (the node's weak reasons; empty for a missing node). */
  reasons: Reason<WeakReasonCode>[];
  /** Firms from outside the city (the investment team's target pool), best first. */
  candidates: GapCandidate[];
  /** Firms of the same city outside the scope, best first; empty unless asked for (`relocations`). */
  relocations: GapCandidate[];
}

export type { TChainTemplate };
