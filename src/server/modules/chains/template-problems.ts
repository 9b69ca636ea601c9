/**
 * Template validation problems (src/domain/chains/templates.ts) in the two shapes the UI needs:
 * field problems with a path into the template (the editor shows them under the field) and
 * import problems with a sheet, row and column (the upload preview lists them like the registry
 * importer). Every message is in Chinese and English.
 */
import type { TChainTemplate, TTemplateProblem, TTemplateProblemCode } from '../../../contracts/chains.js';
import { type FieldProblem, fieldProblem } from '../../../contracts/errors.js';

const MESSAGES: Record<TTemplateProblemCode, { zh: string; en: string }> = {
  invalid_id: { zh: '节点编号须以“链代码.”开头', en: 'A node id must start with "<chain code>."' },
  duplicate_id: { zh: '节点编号重复', en: 'The node id is used more than once' },
  unknown_parent: { zh: '上级环节不是本链的节点', en: 'The parent is not a node of this chain' },
  parent_not_group: { zh: '上级环节不是分组节点', en: 'The parent is not a group node' },
  group_with_edges: { zh: '分组节点不能有自己的供应关系', en: 'A group node cannot have edges of its own' },
  unknown_edge_source: { zh: '供应方不是本链的节点', en: 'The supplying node is not in this chain' },
  unknown_edge_target: { zh: '需求方节点不存在', en: 'The receiving node does not exist' },
  duplicate_edge: { zh: '供应关系重复', en: 'The edge appears more than once' },
  edge_against_stage_order: {
    zh: '供应关系逆着上游→中游→下游的顺序',
    en: 'The edge runs against the upstream → midstream → downstream order',
  },
  unknown_ref: { zh: '关联的节点或产业链不存在', en: 'The referenced node or chain does not exist' },
  unknown_class: {
    zh: '不是 GB/T 4754-2017 的行业小类',
    en: 'Not a GB/T 4754-2017 class',
  },
  unknown_source_tag: { zh: '引用的来源标签不在来源列表中', en: 'The cited source tag is not in the sources' },
  node_count: { zh: '节点数应在 15–60 之间', en: 'A template has 15–60 nodes' },
  duplicate_chain: { zh: '产业链代码重复', en: 'The chain code is defined more than once' },
};

/** The value a problem is about, read from the engine's message: a class, parent, ref, tag or edge. */
export function problemValue(p: TTemplateProblem): string {
  const m =
    /uses (\S+),/.exec(p.message) ??
    /has parent (\S+),/.exec(p.message) ??
    /refers to (\S+),/.exec(p.message) ??
    /cites \[(\S+)\]/.exec(p.message) ??
    /edge (\S+ → \S+)/.exec(p.message);
  return m?.[1] ?? p.nodeId ?? '';
}

/** Chinese and English message of a template problem: the Chinese names the node and value, the English adds the engine's detail. */
export function problemMessage(p: TTemplateProblem): { zh: string; en: string } {
  const m = MESSAGES[p.code];
  const what = [p.nodeId, problemValue(p)].filter((x, i, all) => x && all.indexOf(x) === i).join('：');
  return { zh: what ? `${m.zh}（${what}）` : m.zh, en: `${m.en} (${p.message})` };
}

/** Where a problem sits in a template: a path, e.g. ['nodes', 3, 'classes'] or ['edges', 7]. */
export function problemPath(t: TChainTemplate, p: TTemplateProblem): (string | number)[] {
  const edge = /edge (\S+) → (\S+)/.exec(p.message);
  if (edge) {
    const i = t.edges.findIndex((e) => e.from === edge[1] && e.to === edge[2]);
    if (i >= 0) {
      const field = p.code === 'unknown_edge_target' || (p.code === 'group_with_edges' && p.nodeId === edge[2]);
      return ['edges', i, field ? 'to' : 'from'];
    }
  }
  if (p.code === 'node_count') return ['nodes'];
  if (p.code === 'unknown_source_tag' && !p.nodeId) return ['basis'];
  // duplicate ids: point at the second occurrence
  const all = t.nodes.flatMap((n, i) => (n.id === p.nodeId ? [i] : []));
  const i = p.code === 'duplicate_id' ? (all[1] ?? all[0]) : all[0];
  if (i === undefined) return [];
  const field: Record<string, string> = {
    invalid_id: 'id',
    duplicate_id: 'id',
    unknown_parent: 'parent',
    parent_not_group: 'parent',
    unknown_ref: 'refs',
    unknown_class: 'classes',
    unknown_source_tag: 'sourceTags',
  };
  return ['nodes', i, ...(field[p.code] ? [field[p.code] as string] : [])];
}

/** Field problems for the editor: every template problem at its path. */
export function toFieldProblems(t: TChainTemplate, problems: readonly TTemplateProblem[]): FieldProblem[] {
  return problems.map((p) => {
    const m = problemMessage(p);
    const base = fieldProblem(problemPath(t, p), 'invalid_value');
    return { ...base, message: m };
  });
}
