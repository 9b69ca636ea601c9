/**
 * Industry-chain templates (issue 5 item 1): loading the shipped templates from data/chains and
 * checking a template for every structural problem, so an edited or imported template can be
 * rejected with all its problems listed at once. Everything except the two loaders is pure.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  SHIPPED_CHAIN_CODES,
  type TChainNode,
  type TChainTemplate,
  TEMPLATE_NODE_LIMITS,
  type TNodeStage,
  type TSharedSegments,
  type TTemplateProblem,
  type TTemplateProblemCode,
  ZChainTemplate,
  ZSharedSegments,
} from '../../contracts/chains.js';
import { CHAIN_CODES } from '../../contracts/enums.js';

export const CHAINS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'data', 'chains');
const SHARED_FILE = 'shared.json';

/**
 * Reads every `data/chains/<code>.json` (all JSON files but shared.json), validates each with the
 * zod schema and returns them in the reference order (oe, nev, … ai; any other chain after them).
 * Throws on the first file that does not parse, naming the file and the zod issues. Structural
 * checks (edges, parents, classes) are `validateTemplate`'s job, not this loader's.
 */
export function loadTemplates(dir: string = CHAINS_DIR): TChainTemplate[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== SHARED_FILE);
  const templates = files.map((file) => {
    const parsed = ZChainTemplate.safeParse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new Error(`data/chains/${file} is not a valid chain template: ${issues}`);
    }
    return parsed.data;
  });
  const rank = (code: string) => {
    const i = (SHIPPED_CHAIN_CODES as readonly string[]).indexOf(code);
    return i < 0 ? SHIPPED_CHAIN_CODES.length : i;
  };
  return templates.sort((a, b) => rank(a.code) - rank(b.code) || a.code.localeCompare(b.code));
}

/** Reads and validates `data/chains/shared.json`: the cross-chain shared segments of chains.md §12. */
export function loadSharedSegments(dir: string = CHAINS_DIR): TSharedSegments {
  return ZSharedSegments.parse(JSON.parse(readFileSync(join(dir, SHARED_FILE), 'utf8')));
}

const STAGE_RANK: Record<TNodeStage, number | null> = {
  upstream: 0,
  midstream: 1,
  downstream: 2,
  branch: null,
};

/**
 * Position of a stage in the flow: upstream 0, midstream 1, downstream 2. A `branch` (a group that
 * spans stages, used by 新能源新材料) has no position and returns null. Within one chain an edge
 * must never go to a lower position, except the documented `recycles` loop.
 */
export function stageOrder(stage: TNodeStage): number | null {
  return STAGE_RANK[stage];
}

/**
 * Index of every node of the given templates by global id (`oe.module` → node). Ids carry their
 * chain prefix, so ids of different chains never collide; within a chain the first node wins
 * (`validateTemplate` reports the duplicate).
 */
export function nodeIndex(templates: readonly TChainTemplate[]): Map<string, TChainNode> {
  const index = new Map<string, TChainNode>();
  for (const t of templates) for (const n of t.nodes) if (!index.has(n.id)) index.set(n.id, n);
  return index;
}

export interface ValidateOptions {
  /** GB/T 4754-2017 class (小类) codes a node may use. */
  classCodes: ReadonlySet<string>;
  /**
   * Nodes of the other chains (see `nodeIndex`). Without it, edges and refs into another chain
   * are not checked, since nothing is known about that chain.
   */
  index?: ReadonlyMap<string, TChainNode>;
}

const chainOf = (id: string) => id.slice(0, id.indexOf('.'));

/**
 * Every problem of one template, in a stable order; an empty list means the template is sound.
 * Checks: node ids carry the chain's prefix and are unique; a parent exists and is a group node;
 * a group node has no edges (in or out); edges leave a node of this chain, reach an existing node
 * and are not repeated; within the chain no edge runs against the stage order (upstream →
 * midstream → downstream) unless its kind is `recycles` (the loop nev.recycle → nev.res); refs
 * point at an existing node or chain; every class is in `classCodes`; every source tag of a node or
 * of the basis is in the template's sources; the chain has 15–60 nodes (group nodes included).
 */
export function validateTemplate(t: TChainTemplate, options: ValidateOptions): TTemplateProblem[] {
  const problems: TTemplateProblem[] = [];
  const report = (code: TTemplateProblemCode, message: string, nodeId?: string) =>
    problems.push({ code, chain: t.code, ...(nodeId ? { nodeId } : {}), message });

  const local = new Map<string, TChainNode>();
  for (const n of t.nodes) {
    if (chainOf(n.id) !== t.code) report('invalid_id', `node id ${n.id} does not start with "${t.code}."`, n.id);
    if (local.has(n.id)) report('duplicate_id', `node id ${n.id} is used more than once`, n.id);
    else local.set(n.id, n);
  }
  const lookup = (id: string): TChainNode | undefined =>
    chainOf(id) === t.code ? local.get(id) : options.index?.get(id);
  const checkable = (id: string) => chainOf(id) === t.code || options.index !== undefined;

  for (const n of t.nodes) {
    if (n.parent === null) continue;
    const parent = local.get(n.parent);
    if (!parent) report('unknown_parent', `${n.id} has parent ${n.parent}, which is not a node of ${t.code}`, n.id);
    else if (!parent.group) report('parent_not_group', `${n.id} has parent ${n.parent}, which is not a group`, n.id);
  }

  const seen = new Set<string>();
  for (const e of t.edges) {
    const label = `${e.from} → ${e.to}`;
    const from = local.get(e.from);
    if (!from) report('unknown_edge_source', `edge ${label} leaves a node that is not in ${t.code}`, e.from);
    const to = lookup(e.to);
    if (!to && checkable(e.to)) report('unknown_edge_target', `edge ${label} points at an unknown node`, e.from);
    if (seen.has(label)) report('duplicate_edge', `edge ${label} appears more than once`, e.from);
    seen.add(label);
    if (from?.group) report('group_with_edges', `group node ${e.from} has an edge of its own (${label})`, e.from);
    if (to?.group) report('group_with_edges', `edge ${label} points at group node ${e.to}`, e.to);
    if (from && to && chainOf(e.to) === t.code && e.kind !== 'recycles') {
      const a = stageOrder(from.stage);
      const b = stageOrder(to.stage);
      if (a !== null && b !== null && b < a) {
        report('edge_against_stage_order', `edge ${label} runs from ${from.stage} back to ${to.stage}`, e.from);
      }
    }
  }

  const chainCodes = new Set<string>(CHAIN_CODES);
  for (const n of t.nodes) {
    for (const ref of n.refs ?? []) {
      const known = ref.includes('.') ? lookup(ref) !== undefined || !checkable(ref) : chainCodes.has(ref);
      if (!known) report('unknown_ref', `${n.id} refers to ${ref}, which is neither a known node nor a chain`, n.id);
    }
    for (const c of n.classes) {
      if (!options.classCodes.has(c.code)) {
        report('unknown_class', `${n.id} uses ${c.code}, which is not a GB/T 4754-2017 class`, n.id);
      }
    }
  }

  const tags = new Set(t.sources.map((s) => s.tag));
  for (const n of t.nodes) {
    for (const tag of n.sourceTags) {
      if (!tags.has(tag)) report('unknown_source_tag', `${n.id} cites [${tag}], which is not in the sources`, n.id);
    }
  }
  for (const m of t.basis.matchAll(/\[([A-Z]+\d*)\]/g)) {
    if (!tags.has(m[1]!)) report('unknown_source_tag', `the basis cites [${m[1]}], which is not in the sources`);
  }

  const { min, max } = TEMPLATE_NODE_LIMITS;
  if (t.nodes.length < min || t.nodes.length > max) {
    const groups = t.nodes.filter((n) => n.group).length;
    report(
      'node_count',
      `${t.code} has ${t.nodes.length} nodes (${t.nodes.length - groups} segments, ${groups} groups); expected ${min}–${max}`,
    );
  }
  return problems;
}

/**
 * Validates a set of templates together, so that edges and refs between chains are checked too,
 * and reports a chain code used by more than one template.
 */
export function validateTemplates(
  templates: readonly TChainTemplate[],
  options: Omit<ValidateOptions, 'index'>,
): TTemplateProblem[] {
  const index = nodeIndex(templates);
  const problems: TTemplateProblem[] = [];
  const codes = new Set<string>();
  for (const t of templates) {
    if (codes.has(t.code)) {
      problems.push({ code: 'duplicate_chain', chain: t.code, message: `chain ${t.code} is defined more than once` });
    }
    codes.add(t.code);
    problems.push(...validateTemplate(t, { ...options, index }));
  }
  return problems;
}

/** Problems of the cross-chain shared segments: every node they name must exist in `index`. */
export function validateSharedSegments(
  shared: TSharedSegments,
  index: ReadonlyMap<string, TChainNode>,
): TTemplateProblem[] {
  const problems: TTemplateProblem[] = [];
  for (const s of shared.segments) {
    for (const link of s.links) {
      for (const id of [...link.from, ...link.to]) {
        if (!index.has(id)) {
          problems.push({
            code: 'unknown_ref',
            chain: chainOf(id),
            nodeId: id,
            message: `shared segment ${s.nameZh} names ${id}, which is not a node of any template`,
          });
        }
      }
    }
  }
  return problems;
}
