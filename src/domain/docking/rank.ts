/**
 * The top matches of one posting, fast (issue 12 item 9), with exactly the results of the reference
 * `new MatchIndex(graph, offers).match(query, opts)` (engine.ts): same candidates, same scores to the
 * last bit, same order (ties as the reference's stable sort leaves them), same evidence. rank.test.ts
 * compares the two on a seeded book; open-book.int.test.ts through the server's paths.
 *
 * What makes it fast:
 * - term vectors: an offer's term frequencies are computed once per stored terms array (the open
 *   book's rows keep theirs between requests) or once per text (a firm profile), not per ranking;
 * - no inverted index per ranking: only the query's few terms matter, looked up in each vector;
 * - an upper-bound prefilter: the cheap parts (text, chain) are scored for every candidate, and the
 *   candidates are taken best bound first; the expensive parts (capacity, distance, pair history,
 *   declines) are computed only while a candidate's bound — cheap parts plus the most the others can
 *   add — can still reach the `limit`-th score found so far. Floating-point addition and the 4-decimal
 *   rounding are monotone, so the bound is never below the score: nothing that could enter is skipped.
 */
import { distanceTier } from './distance.js';
import {
  B,
  K1,
  MatchIndex,
  type MatchOptions,
  type Offer,
  pairKey,
  relatedOf,
  type Scored,
  shown,
  WEIGHTS,
} from './engine.js';
import type { ChainGraph, Edge } from './graph.js';
import { termsOf } from './text.js';
import { capacityFit } from './units.js';

/**
 * An offer's term frequencies and length (the BM25 document): as a map (evidence) and as parallel arrays
 * of term numbers (one number per distinct term seen, for all offers) and counts, for the scoring loop.
 */
export interface TermVector {
  tf: Map<string, number>;
  len: number;
  ids: Int32Array;
  counts: Int32Array;
}

type Synonyms = { from: string; to: string }[];

/** Term → number, for every term seen in a vector (a few thousand words). */
const termNo = new Map<string, number>();
/** Term number → 1 + its position among the current query's terms (0: not a query term); reset after each ranking. */
let slots = new Int32Array(1024);

const byTerms = new WeakMap<readonly string[], TermVector>();
/** Profiles (no stored terms) by text, per chain graph (its words are in the segmenter). */
const byText = new WeakMap<ChainGraph, Map<string, TermVector & { synonyms: Synonyms }>>();
const TEXT_CACHE_MAX = 200_000;

function numberOf(term: string): number {
  let no = termNo.get(term);
  if (no === undefined) {
    no = termNo.size;
    termNo.set(term, no);
  }
  return no;
}

function vectorFromTerms(terms: readonly string[]): TermVector {
  const tf = new Map<string, number>();
  for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
  const ids = new Int32Array(tf.size);
  const counts = new Int32Array(tf.size);
  let j = 0;
  for (const [t, c] of tf) {
    ids[j] = numberOf(t);
    counts[j++] = c;
  }
  return { tf, len: terms.length, ids, counts };
}

function textVector(graph: ChainGraph, text: string): TermVector & { synonyms: Synonyms } {
  let m = byText.get(graph);
  if (!m) {
    m = new Map();
    byText.set(graph, m);
  }
  let v = m.get(text);
  if (!v) {
    const { terms, synonyms } = termsOf(text);
    v = { ...vectorFromTerms(terms), synonyms };
    if (m.size >= TEXT_CACHE_MAX) m.clear();
    m.set(text, v);
  }
  return v;
}

/** An offer's term vector: kept with its stored terms array (a posting), or with its text (a profile). */
export function vectorOf(graph: ChainGraph, o: Offer): TermVector {
  if (!o.terms) return textVector(graph, o.text);
  let v = byTerms.get(o.terms);
  if (!v) {
    v = vectorFromTerms(o.terms);
    byTerms.set(o.terms, v);
  }
  return v;
}

const MAX_CAPACITY = Math.max(...Object.values(WEIGHTS.capacity));
const MAX_TIER = Math.max(...Object.values(WEIGHTS.tier));
const round4 = (x: number) => Math.round(x * 10000) / 10000;

/** How much of the work the prefilter saved (the bench prints it). */
export const rankStats = { rankings: 0, candidates: 0, evaluated: 0, rounds: 0 };

/** The best `opts.limit` (20) offers for `query`, best first: the reference's results, computed faster. */
export function rankOffers(g: ChainGraph, offers: readonly Offer[], query: Offer, opts: MatchOptions): Scored[] {
  const limit = opts.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1) return new MatchIndex(g, offers).match(query, opts);
  return prepareRanking(g, offers, query, opts).finish(opts) as Scored[];
}

/** Pair history: the MatchOptions sets. */
export type PairHistory = Pick<MatchOptions, 'trading' | 'confirmed' | 'declined'>;

/**
 * A ranking whose cheap parts are done, waiting for the pair history (a database read) of the firms it
 * will look at: `likelyFirms` first, then whatever `finish` says it still needs.
 */
export interface Ranking {
  /** The other side's firms of the candidates that will most likely be scored in full. */
  likelyFirms(): number[];
  /**
   * The results, given the pair history of the firms in `asked` (all firms when omitted); or the firms
   * whose history is still needed, when a candidate of a firm not asked can still enter the top.
   */
  finish(history: PairHistory, asked?: ReadonlySet<number>): Scored[] | { need: number[] };
}

/** The cheap parts of a ranking (limit ≥ 1); see Ranking. */
export function prepareRanking(
  g: ChainGraph,
  offers: readonly Offer[],
  query: Offer,
  opts: Pick<MatchOptions, 'limit' | 'today'>,
): Ranking {
  const limit = opts.limit ?? 20;
  const { terms: _stored, ...plain } = query;
  const qt = termsOf(plain.text); // the query is segmented again: its synonyms are evidence
  const qtf = new Map<string, number>();
  for (const t of qt.terms) qtf.set(t, (qtf.get(t) ?? 0) + 1);
  const qTerms = [...qtf.keys()];
  const T = qTerms.length;
  const qMult = qTerms.map((t) => Math.min(qtf.get(t)!, 2));
  const demandSide = query.kind === 'demand';
  const related = relatedOf(g, query);
  const relIndex = new Map<string, number>();
  for (const n of related.keys()) relIndex.set(n, relIndex.size);

  const n = offers.length;
  const vecs: TermVector[] = new Array(n);
  // The query's terms among each offer's: (query term position, count) pairs, offer by offer.
  const hitStart = new Int32Array(n + 1);
  let hitK = new Int32Array(Math.max(16, n * 2));
  let hitTf = new Int32Array(hitK.length);
  let hits = 0;
  const df = new Int32Array(T);
  let totalLen = 0;
  // Number the query's terms first (an offer's vector made in the loop below may meet them for the first time).
  const qNo = qTerms.map(numberOf);
  if (termNo.size > slots.length) slots = new Int32Array(termNo.size * 2); // all zero: slots are reset after use
  for (let k = 0; k < T; k++) slots[qNo[k]!] = k + 1;
  try {
    for (let i = 0; i < n; i++) {
      const v = vectorOf(g, offers[i]!);
      vecs[i] = v;
      totalLen += v.len;
      hitStart[i] = hits;
      const { ids, counts } = v;
      for (let j = 0; j < ids.length; j++) {
        const no = ids[j]!;
        const k = no < slots.length ? slots[no]! - 1 : -1; // a term numbered after the query's is none of them
        if (k < 0) continue;
        if (hits === hitK.length) {
          const grownK = new Int32Array(hits * 2);
          grownK.set(hitK);
          hitK = grownK;
          const grownTf = new Int32Array(hits * 2);
          grownTf.set(hitTf);
          hitTf = grownTf;
        }
        // kept in query-term order: the reference adds the terms' parts in that order
        let at = hits++;
        while (at > hitStart[i]! && hitK[at - 1]! > k) {
          hitK[at] = hitK[at - 1]!;
          hitTf[at] = hitTf[at - 1]!;
          at--;
        }
        hitK[at] = k;
        hitTf[at] = counts[j]!;
        df[k]!++;
      }
    }
    hitStart[n] = hits;
  } finally {
    for (let k = 0; k < T; k++) slots[qNo[k]!] = 0;
  }
  const avg = n ? totalLen / n : 1;
  const idf = new Float64Array(T);
  for (let k = 0; k < T; k++) idf[k] = Math.log(1 + (n - df[k]! + 0.5) / (df[k]! + 0.5));

  // Cheap parts for every candidate: BM25, chain relation; the bound; the reference's candidate order.
  const cand: number[] = [];
  const bms = new Float64Array(n);
  const chains = new Float64Array(n);
  const bounds = new Float64Array(n);
  const order = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const o = offers[i]!;
    let bm = 0;
    const from = hitStart[i]!;
    const to = hitStart[i + 1]!;
    const firstTerm = to > from ? hitK[from]! : -1;
    const len = vecs[i]!.len;
    for (let h = from; h < to; h++) {
      const k = hitK[h]!;
      const tf = hitTf[h]!;
      const s = (idf[k]! * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * len) / avg));
      bm = bm + s * qMult[k]!;
    }
    let edge = false;
    let sameNode = false;
    let firstNode = -1;
    const nodeIds = o.nodeIds;
    for (let j = 0; j < nodeIds.length; j++) {
      const r = related.get(nodeIds[j]!);
      if (r === undefined) continue;
      const at = relIndex.get(nodeIds[j]!)!;
      if (firstNode < 0 || at < firstNode) firstNode = at;
      if (r === 'same') sameNode = true;
      else edge = true;
    }
    if (firstTerm < 0 && firstNode < 0) continue; // neither a shared term nor a chain relation
    const chain = edge ? WEIGHTS.edge : sameNode ? WEIGHTS.sameNode : 0;
    bms[i] = bm;
    chains[i] = chain;
    bounds[i] = round4(
      WEIGHTS.text * (bm / (bm + WEIGHTS.textHalf)) + chain + MAX_CAPACITY + MAX_TIER + WEIGHTS.history,
    );
    // The reference's Set: first the docs with a shared term (by the first query term, then position),
    // then the docs at a related node (by the first related node, then position).
    order[i] = firstTerm >= 0 ? firstTerm * n + i : (T + firstNode) * n + i;
    cand.push(i);
  }
  cand.sort((a, b) => bounds[b]! - bounds[a]! || a - b);

  const firmOf = (i: number) => offers[i]!.enterpriseId;
  const usable = (i: number) => {
    const o = offers[i]!;
    return o.enterpriseId !== query.enterpriseId && !(o.validUntil !== null && o.validUntil < opts.today);
  };
  const firmsFrom = (start: number, count: number, asked?: ReadonlySet<number>) => {
    const out = new Set<number>();
    for (let p = start; p < cand.length && out.size < count; p++) {
      const i = cand[p]!;
      if (usable(i) && !asked?.has(firmOf(i))) out.add(firmOf(i));
    }
    return [...out];
  };
  let rounds = 0;
  return {
    likelyFirms() {
      // an evaluated candidate's bound reaches the limit-th score, which is at least about the
      // limit-th bound less what the expensive parts may add
      if (cand.length === 0) return [];
      const floor = bounds[cand[Math.min(limit, cand.length) - 1]!]! - (MAX_CAPACITY + MAX_TIER + WEIGHTS.history);
      let end = 0;
      while (end < cand.length && bounds[cand[end]!]! >= floor) end++;
      return firmsFrom(0, end + limit);
    },
    finish(history, asked) {
      rounds++;
      // Expensive parts, best bound first, while a bound can still reach the limit-th score.
      type Partial = { i: number; score: number; bm: number; edge: Edge | null; sameNode: boolean; key: string };
      const scored: Partial[] = [];
      const best: number[] = []; // the `limit` best scores so far, descending
      let evaluated = 0;
      for (let p = 0; p < cand.length; p++) {
        const i = cand[p]!;
        if (best.length >= limit && bounds[i]! < best[limit - 1]!) break;
        evaluated++;
        if (!usable(i)) continue;
        const o = offers[i]!;
        if (asked && !asked.has(o.enterpriseId)) return { need: firmsFrom(p, Math.max(64, 2 * asked.size), asked) };
        const customer = demandSide ? query.enterpriseId : o.enterpriseId;
        const supplier = demandSide ? o.enterpriseId : query.enterpriseId;
        const key = pairKey(customer, supplier);
        if (history.declined?.has(key)) continue;
        let edge: Edge | null = null;
        let sameNode = false;
        for (const nd of o.nodeIds) {
          const r = related.get(nd);
          if (r === 'same') sameNode = true;
          else if (r && !edge) edge = r;
        }
        const bm = bms[i]!;
        const cap = capacityFit(demandSide ? o : query, demandSide ? query : o);
        const dist = distanceTier(demandSide ? query.place : o.place, demandSide ? o.place : query.place);
        const score = round4(
          WEIGHTS.text * (bm / (bm + WEIGHTS.textHalf)) +
            chains[i]! +
            WEIGHTS.capacity[cap.fit] +
            WEIGHTS.tier[dist.tier] +
            (history.trading?.has(key) ? WEIGHTS.history : 0),
        );
        scored.push({ i, score, bm, edge, sameNode, key });
        // keep the `limit` best scores, descending
        let at = best.length;
        while (at > 0 && best[at - 1]! < score) at--;
        if (at < limit) {
          best.splice(at, 0, score);
          if (best.length > limit) best.pop();
        }
      }
      rankStats.rankings++;
      rankStats.candidates += cand.length;
      rankStats.evaluated += evaluated;
      rankStats.rounds += rounds;
      scored.sort(
        (a, b) =>
          b.score - a.score ||
          (offers[a.i]!.postingId ?? 0) - (offers[b.i]!.postingId ?? 0) ||
          order[a.i]! - order[b.i]!,
      );
      const q = { tf: qtf, synonyms: qt.synonyms };
      const mo: MatchOptions = { ...history, today: opts.today };
      const out: Scored[] = [];
      for (const m of scored.slice(0, limit)) {
        const o = offers[m.i]!;
        const synonyms = textVector(g, o.text).synonyms; // the reference segments a shown offer's text again
        out.push(shown(g, query, q, { offer: o, tf: vecs[m.i]!.tf, synonyms }, m, mo));
      }
      return out;
    },
  };
}
