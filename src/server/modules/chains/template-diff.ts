/** What changed between two versions of a chain template: nodes added, removed or changed, edges, header fields. */
import type { TChainEdge, TChainNode, TChainTemplate } from '../../../contracts/chains.js';

export interface TemplateDiff {
  nodesAdded: string[];
  nodesRemoved: string[];
  /** Changed nodes with the names of their changed fields. */
  nodesChanged: { id: string; fields: string[] }[];
  edgesAdded: TChainEdge[];
  edgesRemoved: TChainEdge[];
  /** Changed header fields: nameZh, nameEn, description, basis, sources. */
  fields: string[];
}

/** JSON with object keys sorted, so the same value read from Excel or JSON compares equal. */
const canonical = (v: unknown): string =>
  JSON.stringify(v ?? null, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(
          Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : x,
  );
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);
const edgeKey = (e: TChainEdge) => `${e.from}→${e.to}:${e.kind}`;

/** The difference from `before` to `after` (both versions of one chain). */
export function templateDiff(before: TChainTemplate, after: TChainTemplate): TemplateDiff {
  const old = new Map(before.nodes.map((n) => [n.id, n]));
  const now = new Map(after.nodes.map((n) => [n.id, n]));
  const nodesChanged: TemplateDiff['nodesChanged'] = [];
  for (const [id, n] of now) {
    const o = old.get(id);
    if (!o) continue;
    const keys = new Set([...Object.keys(o), ...Object.keys(n)]) as Set<keyof TChainNode>;
    const fields = [...keys].filter((k) => !same(o[k], n[k])).sort();
    if (fields.length) nodesChanged.push({ id, fields });
  }
  const oldEdges = new Set(before.edges.map(edgeKey));
  const newEdges = new Set(after.edges.map(edgeKey));
  return {
    nodesAdded: after.nodes.filter((n) => !old.has(n.id)).map((n) => n.id),
    nodesRemoved: before.nodes.filter((n) => !now.has(n.id)).map((n) => n.id),
    nodesChanged,
    edgesAdded: after.edges.filter((e) => !oldEdges.has(edgeKey(e))),
    edgesRemoved: before.edges.filter((e) => !newEdges.has(edgeKey(e))),
    fields: (['nameZh', 'nameEn', 'description', 'basis', 'sources'] as const).filter(
      (k) => !same(before[k], after[k]),
    ),
  };
}
