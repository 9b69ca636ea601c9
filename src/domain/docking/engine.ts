/**
 * The matching engine (issue 12 item 2): for one posting, ranks the offers of the other kind and says
 * why. Pure; the server feeds it candidates read from the database, the benchmark feeds it a book.
 *
 * Score (0…1.15), every part shown in the evidence:
 *   text      0.45 × s/(s+3) with s the BM25 score (k1 1.2, b 0.75) of the shared canonical terms
 *   chain     0.25 when the supply sits at a node feeding the demand's node (a template supply edge),
 *             0.20 at the same node
 *   capacity  0.10 covers the need, 0.05 partial or unknown, 0 in another dimension (t against pcs)
 *   distance  0.15 same building, 0.11 park, 0.07 district, 0.04 city, 0 outside
 *   history   0.05 when the pair already trades (a supplier link or a deal)
 * An offer is a candidate only with a shared term or a chain relation; expired offers, the poster's
 * own firm and pairs a side called "not relevant" drop out; a confirmed pair is flagged `known`.
 */
import type { TChainTemplate } from '../../contracts/chains.js';
import type { TDistanceTier, TEvidence, TPostingKind, TUnit } from '../../contracts/docking.js';
import { distanceTier, type Place } from './distance.js';
import { ChainGraph, type Edge } from './graph.js';
import { addWords, termsOf } from './text.js';
import { capacityFit } from './units.js';

export interface Offer {
  /** Posting id, or null for a firm that has not posted (its products and mapped nodes). */
  postingId: number | null;
  enterpriseId: number;
  kind: TPostingKind;
  text: string;
  nodeIds: readonly string[];
  quantity: number | null;
  unit: TUnit | null;
  /** ISO date; null for a firm profile. */
  validUntil: string | null;
  place: Place;
  /** The text's canonical terms when already known (stored with a posting); segmented from `text` otherwise. */
  terms?: readonly string[];
}

export interface Scored {
  offer: Offer;
  score: number;
  tier: TDistanceTier;
  evidence: TEvidence;
  known: boolean;
}

export const WEIGHTS = {
  text: 0.45,
  textHalf: 3,
  edge: 0.25,
  sameNode: 0.2,
  capacity: { covers: 0.1, partial: 0.05, unknown: 0.05, unit_mismatch: 0 },
  tier: { building: 0.15, park: 0.11, district: 0.07, city: 0.04, outside: 0 },
  history: 0.05,
} as const;

/** BM25 parameters. */
export const K1 = 1.2;
export const B = 0.75;

/** `customer:supplier`: the pair a decision, a contact or a deal is about. */
export const pairKey = (customerId: number, supplierId: number) => `${customerId}:${supplierId}`;

export interface MatchOptions {
  limit?: number;
  today: string;
  /** Pairs (pairKey) already trading: supplier links and deals. */
  trading?: ReadonlySet<string>;
  /** Pairs confirmed (contact opened or deal): flagged known, never new. */
  confirmed?: ReadonlySet<string>;
  /** Pairs a side called not relevant: dropped. */
  declined?: ReadonlySet<string>;
}

export interface Doc {
  offer: Offer;
  tf: Map<string, number>;
  len: number;
  /** Null when the terms came stored: segmented again only for a match that is shown. */
  synonyms: { from: string; to: string }[] | null;
}

const graphs = new WeakMap<readonly TChainTemplate[], ChainGraph>();
/** The chain graph of a template list (built once per list; its words join the segmenter). */
export function graphOf(templates: readonly TChainTemplate[]): ChainGraph {
  let g = graphs.get(templates);
  if (!g) {
    g = new ChainGraph(templates);
    addWords(g.words());
    graphs.set(templates, g);
  }
  return g;
}

/** Chain relations of a query's nodes: node of a candidate → the edge (or the same node), in a fixed order. */
export function relatedOf(graph: ChainGraph, query: Offer): Map<string, Edge | 'same'> {
  const demandSide = query.kind === 'demand';
  const related = new Map<string, Edge | 'same'>();
  for (const n of query.nodeIds) {
    const rel = demandSide ? graph.feeders(n) : graph.fed(n);
    for (const [node, e] of rel) if (!related.has(node)) related.set(node, e);
    for (const same of graph.expand(n)) related.set(same, 'same');
  }
  return related;
}

/** Docs of offers seen before: an offer object reused across queries (the re-match) is taken apart once. */
const docs = new WeakMap<Offer, Doc>();

function docOf(offer: Offer): Doc {
  let d = docs.get(offer);
  if (!d) {
    d = makeDoc(offer);
    docs.set(offer, d);
  }
  return d;
}

export function makeDoc(offer: Offer): Doc {
  if (offer.terms) {
    const tf = new Map<string, number>();
    for (const t of offer.terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    return { offer, tf, len: offer.terms.length, synonyms: null };
  }
  const { terms, synonyms } = termsOf(offer.text);
  const tf = new Map<string, number>();
  for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
  return { offer, tf, len: terms.length, synonyms };
}

/** Offers of one kind, indexed by term and by node, to match postings of the other kind against. */
export class MatchIndex {
  private readonly docs: Doc[] = [];
  private readonly byTerm = new Map<string, number[]>();
  private readonly byNode = new Map<string, number[]>();
  private totalLen = 0;

  constructor(
    readonly graph: ChainGraph,
    offers: Iterable<Offer>,
  ) {
    for (const o of offers) this.add(o);
  }

  get size(): number {
    return this.docs.length;
  }

  add(offer: Offer): void {
    const d = docOf(offer);
    const i = this.docs.length;
    this.docs.push(d);
    this.totalLen += d.len;
    for (const t of d.tf.keys()) {
      const l = this.byTerm.get(t);
      if (l) l.push(i);
      else this.byTerm.set(t, [i]);
    }
    for (const n of offer.nodeIds) {
      const l = this.byNode.get(n);
      if (l) l.push(i);
      else this.byNode.set(n, [i]);
    }
  }

  private idf(term: string): number {
    const n = this.docs.length;
    const df = this.byTerm.get(term)?.length ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** The best offers for `query` (a posting of the other kind), best first. */
  match(query: Offer, opts: MatchOptions): Scored[] {
    const { terms: _stored, ...plain } = query;
    const q = makeDoc(plain); // the query is segmented again: its synonyms are evidence
    const demandSide = query.kind === 'demand';
    // Chain relations of the query's nodes: node of a candidate → the edge (or same node).
    const related = relatedOf(this.graph, query);
    const textScore = new Map<number, number>();
    const avg = this.docs.length ? this.totalLen / this.docs.length : 1;
    for (const [term, qtf] of q.tf) {
      const list = this.byTerm.get(term);
      if (!list) continue;
      const idf = this.idf(term);
      for (const i of list) {
        const d = this.docs[i]!;
        const tf = d.tf.get(term)!;
        const s = (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * d.len) / avg));
        textScore.set(i, (textScore.get(i) ?? 0) + s * Math.min(qtf, 2));
      }
    }
    const candidates = new Set(textScore.keys());
    for (const node of related.keys()) for (const i of this.byNode.get(node) ?? []) candidates.add(i);

    type Partial = { i: number; score: number; bm: number; edge: Edge | null; sameNode: boolean; key: string };
    const scored: Partial[] = [];
    for (const i of candidates) {
      const d = this.docs[i]!;
      const o = d.offer;
      if (o.enterpriseId === query.enterpriseId) continue;
      if (o.validUntil !== null && o.validUntil < opts.today) continue;
      const customer = demandSide ? query.enterpriseId : o.enterpriseId;
      const supplier = demandSide ? o.enterpriseId : query.enterpriseId;
      const key = pairKey(customer, supplier);
      if (opts.declined?.has(key)) continue;
      let edge: Edge | null = null;
      let sameNode = false;
      for (const n of o.nodeIds) {
        const r = related.get(n);
        if (r === 'same') sameNode = true;
        else if (r && !edge) edge = r;
      }
      const bm = textScore.get(i) ?? 0;
      const cap = capacityFit(demandSide ? o : query, demandSide ? query : o);
      const dist = distanceTier(demandSide ? query.place : o.place, demandSide ? o.place : query.place);
      const score =
        WEIGHTS.text * (bm / (bm + WEIGHTS.textHalf)) +
        (edge ? WEIGHTS.edge : sameNode ? WEIGHTS.sameNode : 0) +
        WEIGHTS.capacity[cap.fit] +
        WEIGHTS.tier[dist.tier] +
        (opts.trading?.has(key) ? WEIGHTS.history : 0);
      scored.push({ i, score: Math.round(score * 10000) / 10000, bm, edge, sameNode, key });
    }
    scored.sort(
      (a, b) => b.score - a.score || (this.docs[a.i]!.offer.postingId ?? 0) - (this.docs[b.i]!.offer.postingId ?? 0),
    );
    // Evidence for the shown matches only.
    const out: Scored[] = [];
    for (const { i, score, bm, edge, sameNode, key } of scored.slice(0, opts.limit ?? 20)) {
      const d = this.docs[i]!;
      d.synonyms ??= termsOf(d.offer.text).synonyms;
      out.push(shown(this.graph, query, q, d, { score, bm, edge, sameNode, key }, opts));
    }
    return out;
  }
}

/** A shown match with its evidence (the reference above and the fast path in rank.ts build it alike). */
export function shown(
  graph: ChainGraph,
  query: Offer,
  q: { tf: ReadonlyMap<string, number>; synonyms: readonly { from: string; to: string }[] | null },
  d: { offer: Offer; tf: ReadonlyMap<string, number>; synonyms: readonly { from: string; to: string }[] | null },
  m: { score: number; bm: number; edge: Edge | null; sameNode: boolean; key: string },
  opts: MatchOptions,
): Scored {
  const o = d.offer;
  const demandSide = query.kind === 'demand';
  const supplyQ = demandSide ? o : query;
  const demandQ = demandSide ? query : o;
  const cap = capacityFit(supplyQ, demandQ);
  const dist = distanceTier(demandQ.place, supplyQ.place);
  const pastDeal = opts.trading?.has(m.key) ?? false;
  const shared = [...q.tf.keys()].filter((t) => d.tf.has(t)).sort();
  const syn = [...(q.synonyms ?? []), ...(d.synonyms ?? [])].filter((s) => shared.includes(s.to));
  const { edge } = m;
  return {
    offer: o,
    score: m.score,
    tier: dist.tier,
    known: opts.confirmed?.has(m.key) ?? false,
    evidence: {
      terms: shared,
      synonyms: dedupe(syn),
      textScore: Math.round(m.bm * 1000) / 1000,
      edge: edge
        ? {
            ...edge,
            fromName: graph.nodes.get(edge.from)?.nameZh ?? null,
            toName: graph.nodes.get(edge.to)?.nameZh ?? null,
          }
        : null,
      sameNode: m.sameNode,
      capacity: cap,
      tier: dist.tier,
      floors: dist.floors ? { demand: dist.floors.a, supply: dist.floors.b } : null,
      pastDeal,
    },
  };
}

function dedupe(list: { from: string; to: string }[]) {
  const seen = new Set<string>();
  return list.filter((s) => {
    const k = `${s.from}→${s.to}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Node suggestions for a posting's text: nodes whose name, keywords or examples share its terms. */
export function suggestNodes(
  graph: ChainGraph,
  text: string,
  limit = 5,
): { nodeId: string; nameZh: string; nameEn: string; chainCode: string; score: number; terms: string[] }[] {
  const q = new Set(termsOf(text).terms);
  let cache = nodeTermCache.get(graph);
  if (!cache) {
    cache = new Map();
    for (const n of graph.nodes.values()) {
      cache.set(n.id, new Set(termsOf([n.nameZh, ...n.keywords, n.examples].join(' ')).terms));
    }
    nodeTermCache.set(graph, cache);
  }
  const out = [];
  for (const n of graph.nodes.values()) {
    if (n.group) continue;
    const nodeTerms = cache.get(n.id)!;
    const shared = [...q].filter((t) => nodeTerms.has(t));
    if (shared.length === 0) continue;
    const keyHit = n.keywords.some((k) => normalizeIncludes(text, k)) ? 1 : 0;
    out.push({
      nodeId: n.id,
      nameZh: n.nameZh,
      nameEn: n.nameEn,
      chainCode: n.chainCode,
      score: Math.round((shared.length / Math.sqrt(nodeTerms.size) + keyHit) * 1000) / 1000,
      terms: shared.sort(),
    });
  }
  out.sort((a, b) => b.score - a.score || a.nodeId.localeCompare(b.nodeId));
  return out.slice(0, limit);
}

const nodeTermCache = new WeakMap<ChainGraph, Map<string, Set<string>>>();
const normalizeIncludes = (text: string, k: string) => text.toLowerCase().includes(k.toLowerCase());
