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
import { getOrSet, push } from './util.js';

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
  /** Divisions of every class of every node: a firm classed outside them can match nothing. */
  divisions: Set<string>;
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
  const divisions = new Set(nodes.flatMap((n) => [...n.divisions.keys()]));
  return { nodes, matcher, original, keywordNodes, classNodes, pieces, divisions };
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
  const decided = new Map<number, Set<string>>();
  for (const m of existing) {
    if (m.status !== 'suggested') getOrSet(decided, m.enterpriseId, () => new Set<string>()).add(m.nodeId);
  }
  const out: MappingSuggestion[] = [];
  for (const e of enterprises) suggestFor(catalog, e, th, decided.get(e.id), out);
  return out;
}

/**
 * The suggestions of one firm, as `suggestMappings` would give them, for callers that keep them per
 * firm and match again only the firms that changed; `decided` holds the nodes a person confirmed or
 * rejected for it. Resolve the thresholds once (`resolveThresholds`) and reuse the catalog.
 */
export function suggestForEnterprise(
  catalog: SuggestionCatalog,
  e: ChainEnterprise,
  decided: ReadonlySet<string> | undefined,
  th: ChainThresholds,
): MappingSuggestion[] {
  const out: MappingSuggestion[] = [];
  suggestFor(catalog, e, th, decided, out);
  return out;
}

/** A candidate node scored without building any text: evidence is spelled out only for the kept ones. */
interface Scored {
  at: number;
  confidence: number;
  classKind: 'class' | 'class_approx' | 'division_keyword' | null;
  counted: number[];
  partials: [number, string][];
}

function suggestFor(
  catalog: SuggestionCatalog,
  e: ChainEnterprise,
  th: ChainThresholds,
  decided: ReadonlySet<string> | undefined,
  out: MappingSuggestion[],
): void {
  const code = e.classCode;
  // every rule but keyword-only (firms without a class) needs the class in a node's division
  if (code && !catalog.divisions.has(divisionOf(code))) return;
  const w = th.suggestionWeights;
  const products = e.products.map(normalizeText).filter((p) => p.length > 0);
  const productHits = catalog.matcher.find(products.join('\n'));
  const descHits = e.description ? catalog.matcher.find(normalizeText(e.description)) : new Set<number>();
  // keyword → product names that are a large piece of it
  const partial = new Map<number, string[]>();
  for (const p of products) for (const k of catalog.pieces.get(p) ?? []) push(partial, k, p);

  const candidates = new Set<number>(e.classCode ? (catalog.classNodes.get(e.classCode) ?? []) : []);
  for (const hits of [productHits, descHits, partial.keys()]) {
    for (const k of hits) for (const n of catalog.keywordNodes[k]!) candidates.add(n);
  }

  const scored: Scored[] = [];
  for (const at of candidates) {
    const node = catalog.nodes[at]!;
    if (decided?.has(node.id)) continue;
    const whole: number[] = [];
    const partials: [number, string][] = [];
    const seenProducts = new Set<string>();
    for (const k of node.keywords) if (productHits.has(k) || descHits.has(k)) whole.push(k);
    // a product that is itself a keyword of the node that hit counts once, not again as a piece of a longer one
    for (const k of whole) seenProducts.add(catalog.matcher.keywords[k]!);
    for (const k of node.keywords) {
      if (!(productHits.has(k) || descHits.has(k))) {
        for (const p of partial.get(k) ?? []) {
          if (seenProducts.has(p)) continue;
          seenProducts.add(p);
          partials.push([k, p]);
        }
      }
    }
    // `光纤` inside a hit `单模光纤` of the same node is the same word, not a second one
    const kw = catalog.matcher.keywords;
    const counted =
      whole.length < 2 ? whole : whole.filter((k) => !whole.some((o) => o !== k && kw[o]!.includes(kw[k]!)));
    const keywordHit = counted.length + partials.length > 0;
    let classKind: Scored['classKind'] = null;
    let miss = 1;
    if (code && node.exact.has(code)) {
      classKind = 'class';
      miss *= 1 - w.class;
    } else if (code && keywordHit && node.approx.has(code)) {
      classKind = 'class_approx';
      miss *= 1 - w.classApprox;
    } else if (code && keywordHit && node.divisions.has(divisionOf(code))) {
      classKind = 'division_keyword';
      miss *= 1 - w.division;
    } else if (!(code === null && th.keywordOnlyWithoutClass && counted.length >= th.minKeywordsWithoutClass)) {
      continue;
    }
    for (const k of counted) miss *= 1 - (productHits.has(k) ? w.productKeyword : w.descriptionKeyword);
    for (let i = 0; i < partials.length; i++) miss *= 1 - w.productPartial;
    const confidence = 1 - miss;
    if (confidence < th.minSuggestionConfidence) continue;
    scored.push({ at, confidence, classKind, counted, partials });
  }
  scored.sort((a, b) => {
    const x = catalog.nodes[a.at]!.id;
    const y = catalog.nodes[b.at]!.id;
    return b.confidence - a.confidence || (x < y ? -1 : x > y ? 1 : 0);
  });
  for (const s of scored.slice(0, th.maxSuggestionsPerEnterprise)) {
    const node = catalog.nodes[s.at]!;
    const evidence: Evidence[] = [];
    if (s.classKind === 'class') evidence.push({ kind: 'class', detail: code!, weight: w.class });
    else if (s.classKind === 'class_approx') {
      evidence.push({ kind: 'class_approx', detail: `≈${code}`, weight: w.classApprox });
    } else if (s.classKind === 'division_keyword') {
      const division = divisionOf(code!);
      evidence.push({
        kind: 'division_keyword',
        detail: `${code} in division ${division} (node classes ${node.divisions.get(division)!.join(', ')})`,
        weight: w.division,
      });
    }
    for (const k of s.counted) {
      const inProducts = productHits.has(k);
      evidence.push({
        kind: 'keyword',
        detail: `${catalog.original[k]} (${inProducts ? 'products' : 'description'})`,
        weight: inProducts ? w.productKeyword : w.descriptionKeyword,
      });
    }
    for (const [k, p] of s.partials) {
      evidence.push({ kind: 'keyword', detail: `${p} ⊂ ${catalog.original[k]} (products)`, weight: w.productPartial });
    }
    out.push({ enterpriseId: e.id, nodeId: node.id, confidence: s.confidence, evidence });
  }
}
