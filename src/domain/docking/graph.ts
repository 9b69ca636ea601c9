/**
 * Chain adjacency from the templates' supply edges: which nodes feed a node. A demand at node B meets
 * supply at B itself and at every node with an edge into B (or into B's group); a group node stands
 * for its children. Pure: built from TChainTemplate values.
 */
import type { TChainTemplate } from '../../contracts/chains.js';

export interface Edge {
  from: string;
  to: string;
}

export interface NodeInfo {
  id: string;
  chainCode: string;
  nameZh: string;
  nameEn: string;
  keywords: readonly string[];
  examples: string;
  group: boolean;
  parent: string | null;
}

export class ChainGraph {
  readonly nodes = new Map<string, NodeInfo>();
  private readonly children = new Map<string, string[]>();
  private readonly into = new Map<string, Edge[]>();

  constructor(templates: readonly TChainTemplate[]) {
    for (const t of templates) {
      for (const n of t.nodes) {
        this.nodes.set(n.id, {
          id: n.id,
          chainCode: t.code,
          nameZh: n.nameZh,
          nameEn: n.nameEn,
          keywords: n.keywords,
          examples: n.examples ?? '',
          group: n.group,
          parent: n.parent,
        });
        if (n.parent) this.children.set(n.parent, [...(this.children.get(n.parent) ?? []), n.id]);
      }
      for (const e of t.edges) {
        if (e.kind !== 'supplies') continue;
        this.into.set(e.to, [...(this.into.get(e.to) ?? []), { from: e.from, to: e.to }]);
      }
    }
  }

  /** The node and, for a group, its children. */
  expand(id: string): string[] {
    return [id, ...(this.children.get(id) ?? [])];
  }

  private ancestors(id: string): string[] {
    const out: string[] = [];
    let p = this.nodes.get(id)?.parent ?? null;
    while (p && !out.includes(p)) {
      out.push(p);
      p = this.nodes.get(p)?.parent ?? null;
    }
    return out;
  }

  /** Supplying node → the edge it follows into `demandNode` (or its group / children). */
  feeders(demandNode: string): Map<string, Edge> {
    const out = new Map<string, Edge>();
    for (const target of [...this.expand(demandNode), ...this.ancestors(demandNode)]) {
      for (const e of this.into.get(target) ?? []) {
        for (const s of this.expand(e.from)) if (!out.has(s)) out.set(s, e);
      }
    }
    return out;
  }

  /** Nodes a supply at `supplyNode` feeds (the reverse of feeders), with the edge. */
  fed(supplyNode: string): Map<string, Edge> {
    const out = new Map<string, Edge>();
    const sources = new Set([...this.expand(supplyNode), ...this.ancestors(supplyNode)]);
    for (const [to, edges] of this.into) {
      for (const e of edges) {
        if (!sources.has(e.from)) continue;
        for (const d of this.expand(to)) if (!out.has(d)) out.set(d, e);
      }
    }
    return out;
  }

  /** Every node keyword and example word, for the segmenter's dictionary. */
  words(): string[] {
    const out: string[] = [];
    for (const n of this.nodes.values()) {
      out.push(n.nameZh, ...n.keywords);
      for (const w of n.examples.split(/[、，,；;（）() /]+/)) if (w) out.push(w);
    }
    return out;
  }
}
