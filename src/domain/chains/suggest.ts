/**
 * Node suggestions for enterprises (issue 5 item 2), from GB/T 4754 class, products and
 * description, following chains.md §0.2: a node fits when the firm's class is one of the node's
 * plain classes, OR a node keyword hits AND the class is in the same division (大类) as one of
 * the node's classes. A ≈ class only ever boosts a keyword hit. Group nodes (`g_*`) are headers
 * and are never suggested; their children are.
 */
import type { TChainTemplate } from '../../contracts/chains.js';
import { divisionOf, KeywordMatcher, keywordPieces, normalizeText } from './text.js';
import { type ChainThresholds, resolveThresholds, type ThresholdsInput } from './thresholds.js';
import type { ChainEnterprise, Evidence, MappingSuggestion, NodeMapping } from './types.js';
import { push } from './util.js';

interface CatalogNode {
  id: string;
  exact: ReadonlySet<string>;
  approx: ReadonlySet<string>;
  divisions: ReadonlyMap<string, string[]>;
  /** Indexes into the catalog's keyword list. */
  keywords: number[];
}

/** Everything about the templates' segments that matching needs, indexed once. */
export interface SuggestionCatalog {
  nodes: CatalogNode[];
  matcher: KeywordMatcher;
  /** Original spelling of each keyword, for evidence. */
  original: string[];
  /** keyword index → catalog node indexes. */
  keywordNodes: number[][];
  /** exact class → catalog node indexes. */
  classNodes: Map<string, number[]>;
  /** product piece → keyword indexes containing it (see `keywordPieces`). */
  pieces: Map<string, number[]>;
}

/** Indexes the segments of the templates for `suggestMappings` (reuse it across calls). */
export function buildCatalog(templates: readonly TChainTemplate[]): SuggestionCatalog {
  const nodes: CatalogNode[] = [];
  const kwIndex = new Map<string, number>();
  const original: string[] = [];
  const keywordNodes: number[][] = [];
  const classNodes = new Map<string, number[]>();
  for (const t of templates) {
    for (const n of t.nodes) {
      if (n.group) continue;
      const at = nodes.length;
      const divisions = new Map<string, string[]>();
      for (const c of n.classes) push(divisions, divisionOf(c.code), c.code);
      const keywords = new Set<number>();
      for (const raw of n.keywords) {
        const kw = normalizeText(raw);
        if (!kw) continue;
        let k = kwIndex.get(kw);
        if (k === undefined) {
          k = original.length;
          kwIndex.set(kw, k);
          original.push(raw);
          keywordNodes.push([]);
        }
        if (!keywords.has(k)) keywordNodes[k]!.push(at);
        keywords.add(k);
      }
      nodes.push({
        id: n.id,
        exact: new Set(n.classes.filter((c) => !c.approximate).map((c) => c.code)),
        approx: new Set(n.classes.filter((c) => c.approximate).map((c) => c.code)),
        divisions,
        keywords: [...keywords],
      });
      for (const c of n.classes) if (!c.approximate) push(classNodes, c.code, at);
    }
  }
  const matcher = new KeywordMatcher(original);
  const pieces = new Map<string, number[]>();
  matcher.keywords.forEach((kw, k) => {
    for (const piece of new Set(keywordPieces(kw))) push(pieces, piece, k);
  });
  return { nodes, matcher, original, keywordNodes, classNodes, pieces };
}

const decidedKey = (enterpriseId: number, nodeId: string) => `${enterpriseId}\u0000${nodeId}`;

/** 1 − Π(1 − w): independent pieces of evidence, each able to make the case alone. */
export function noisyOr(weights: readonly number[]): number {
  let miss = 1;
  for (const w of weights) miss *= 1 - Math.min(1, Math.max(0, w));
  return 1 - miss;
}

/**
 * Suggested nodes for each enterprise, best first, at most `maxSuggestionsPerEnterprise` each and
 * none below `minSuggestionConfidence`. Evidence: `class` (the firm's class is a plain class of the
 * node), `class_approx` (a ≈ class, only with a keyword hit), `division_keyword` (a keyword hit and
 * the class shares the node's division), `keyword` (one per distinct keyword found in the products
 * or the description; a keyword inside a longer keyword that also hit is not counted again; a short
 * product name that is a large part of a keyword counts at a lower weight). The confidence is the
 * noisy-OR of the evidence weights (`suggestionWeights`). A node that a person confirmed or rejected
 * for the firm (in `existing`) is never suggested again. Output is grouped by enterprise in input
 * order. Pass a `SuggestionCatalog` instead of templates to reuse the index.
 */
export function suggestMappings(
  templates: readonly TChainTemplate[] | SuggestionCatalog,
  enterprises: readonly ChainEnterprise[],
  existing: readonly NodeMapping[] = [],
  thresholds: ThresholdsInput | ChainThresholds = {},
): MappingSuggestion[] {
  const th = resolveThresholds(thresholds);
  const catalog = 'matcher' in templates ? templates : buildCatalog(templates);
  const decided = new Set<string>();
  for (const m of existing) if (m.status !== 'suggested') decided.add(decidedKey(m.enterpriseId, m.nodeId));
  const out: MappingSuggestion[] = [];
  for (const e of enterprises) {
    const ranked = suggestFor(catalog, e, th).filter((s) => !decided.has(decidedKey(e.id, s.nodeId)));
    ranked.sort((a, b) => b.confidence - a.confidence || (a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0));
    out.push(...ranked.slice(0, th.maxSuggestionsPerEnterprise));
  }
  return out;
}

function suggestFor(catalog: SuggestionCatalog, e: ChainEnterprise, th: ChainThresholds): MappingSuggestion[] {
  const w = th.suggestionWeights;
  const products = e.products.map(normalizeText).filter((p) => p.length > 0);
  const productHits = catalog.matcher.find(products.join('\n'));
  const descHits = e.description ? catalog.matcher.find(normalizeText(e.description)) : new Set<number>();
  // product name → keywords it is a large piece of (only when it is not a whole keyword itself)
  const partial = new Map<number, string[]>();
  for (const p of products) for (const k of catalog.pieces.get(p) ?? []) push(partial, k, p);

  const candidates = new Set<number>(e.classCode ? (catalog.classNodes.get(e.classCode) ?? []) : []);
  for (const hits of [productHits, descHits, partial.keys()]) {
    for (const k of hits) for (const n of catalog.keywordNodes[k]!) candidates.add(n);
  }

  const out: MappingSuggestion[] = [];
  for (const at of candidates) {
    const node = catalog.nodes[at]!;
    const whole = node.keywords.filter((k) => productHits.has(k) || descHits.has(k));
    // `光纤` inside a hit `单模光纤` of the same node is the same word, not a second one
    const counted = whole.filter(
      (k) => !whole.some((o) => o !== k && catalog.matcher.keywords[o]!.includes(catalog.matcher.keywords[k]!)),
    );
    const evidence: Evidence[] = counted.map((k) => ({
      kind: 'keyword',
      detail: `${catalog.original[k]} (${productHits.has(k) ? 'products' : 'description'})`,
      weight: productHits.has(k) ? w.productKeyword : w.descriptionKeyword,
    }));
    const seenProducts = new Set<string>();
    for (const k of node.keywords) {
      if (productHits.has(k) || descHits.has(k)) continue;
      for (const p of partial.get(k) ?? []) {
        if (seenProducts.has(p)) continue;
        seenProducts.add(p);
        evidence.push({
          kind: 'keyword',
          detail: `${p} ⊂ ${catalog.original[k]} (products)`,
          weight: w.productPartial,
        });
      }
    }
    const keywordHit = evidence.length > 0;
    const code = e.classCode;
    if (code && node.exact.has(code)) {
      evidence.unshift({ kind: 'class', detail: code, weight: w.class });
    } else if (code && keywordHit && node.approx.has(code)) {
      evidence.unshift({ kind: 'class_approx', detail: `≈${code}`, weight: w.classApprox });
    } else if (code && keywordHit && node.divisions.has(divisionOf(code))) {
      const classes = node.divisions.get(divisionOf(code))!.join(', ');
      evidence.unshift({
        kind: 'division_keyword',
        detail: `${code} in division ${divisionOf(code)} (node classes ${classes})`,
        weight: w.division,
      });
    } else if (!(code === null && th.keywordOnlyWithoutClass && counted.length >= th.minKeywordsWithoutClass)) {
      continue;
    }
    const confidence = noisyOr(evidence.map((x) => x.weight));
    if (confidence < th.minSuggestionConfidence) continue;
    out.push({ enterpriseId: e.id, nodeId: node.id, confidence, evidence });
  }
  return out;
}
