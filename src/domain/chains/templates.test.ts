import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  SHIPPED_CHAIN_CODES,
  type TChainEdge,
  type TChainNode,
  type TChainTemplate,
  type TNodeStage,
} from '../../contracts/chains.js';
import { loadIndustryClasses } from '../../db/reference.js';
import {
  loadSharedSegments,
  loadTemplates,
  nodeIndex,
  stageOrder,
  validateSharedSegments,
  validateTemplate,
  validateTemplates,
} from './templates.js';

const classCodes = new Set(
  loadIndustryClasses()
    .filter((c) => c.level === 'class')
    .map((c) => c.code),
);
const templates = loadTemplates();
const byCode = new Map(templates.map((t) => [t.code, t]));
const index = nodeIndex(templates);

function chain(code: string): TChainTemplate {
  const t = byCode.get(code as TChainTemplate['code']);
  if (!t) throw new Error(`no template ${code}`);
  return t;
}
function node(id: string): TChainNode {
  const n = index.get(id);
  if (!n) throw new Error(`no node ${id}`);
  return n;
}
function targets(id: string): string[] {
  return chain(id.split('.')[0]!)
    .edges.filter((e) => e.from === id)
    .map((e) => e.to);
}
function hasEdge(from: string, to: string): boolean {
  return targets(from).includes(to);
}

describe('shipped chain templates', () => {
  it('ships the eleven chains of the reference, in its order', () => {
    expect(templates.map((t) => t.code)).toEqual([...SHIPPED_CHAIN_CODES]);
  });

  it('validates every template with no problem against the GB/T 4754-2017 class list', () => {
    expect(validateTemplates(templates, { classCodes })).toEqual([]);
    for (const t of templates) expect(validateTemplate(t, { classCodes }), t.code).toEqual([]);
  });

  it('has between 15 and 60 nodes in each chain, as many as the reference has rows', () => {
    const counts = Object.fromEntries(templates.map((t) => [t.code, t.nodes.length]));
    expect(counts).toEqual({
      oe: 36,
      nev: 33,
      lh: 29,
      he: 31,
      bd: 28,
      sec: 25,
      ei: 28,
      st: 23,
      nm: 34,
      sp: 21,
      ai: 23,
    });
    for (const n of Object.values(counts)) expect(n >= 15 && n <= 60).toBe(true);
  });

  it('says where each structure comes from and lists the sources it cites', () => {
    for (const t of templates) {
      expect(t.basis.length, t.code).toBeGreaterThan(20);
      expect(t.basis, t.code).toMatch(/\[[A-Z]+\d*\]/);
      const gk = t.nodes.some((n) => n.sourceTags.includes('GK'));
      expect(
        t.sources.some((s) => s.tag === 'GK' && s.tier === 'GK'),
        t.code,
      ).toBe(gk);
    }
  });

  it('keeps the cross-chain shared segments pointing at real nodes', () => {
    const shared = loadSharedSegments();
    expect(shared.segments).toHaveLength(11);
    expect(validateSharedSegments(shared, index)).toEqual([]);
    const lasers = shared.segments.find((s) => s.nameZh === '激光器/激光装备');
    expect(lasers?.links).toContainEqual({ from: ['oe.fiberlaser'], to: ['he.laser_src'], relation: 'same' });
  });
});

describe('transcription spot checks', () => {
  it('has the 光电子信息 display branch: targets → panels → modules → terminals', () => {
    expect(node('oe.target')).toMatchObject({ nameZh: '溅射靶材', stage: 'upstream', parent: 'oe.g_dmat' });
    expect(node('oe.g_panel')).toMatchObject({ group: true, stage: 'midstream', keyLink: true });
    for (const panel of ['oe.panel_lcd', 'oe.panel_oled']) {
      expect(hasEdge('oe.target', panel)).toBe(true);
      expect(node(panel).parent).toBe('oe.g_panel');
      expect(hasEdge(panel, 'oe.disp_mod')).toBe(true);
    }
    expect(node('oe.disp_mod')).toMatchObject({ nameZh: '显示模组', stage: 'midstream' });
    expect(targets('oe.disp_mod')).toEqual(['oe.term_ce', 'oe.term_pro', 'st.display']);
    expect(node('oe.term_ce').stage).toBe('downstream');
    expect(node('oe.target').classes).toEqual([
      { code: '3985', approximate: false },
      { code: '3254', approximate: true },
    ]);
  });

  it('has the 光电子信息 optical-communication spine: chips → devices → modules → equipment', () => {
    expect(hasEdge('oe.ld_chip', 'oe.active')).toBe(true);
    expect(hasEdge('oe.active', 'oe.module')).toBe(true);
    expect(hasEdge('oe.module', 'oe.sys_tx')).toBe(true);
    expect(hasEdge('oe.module', 'ai.network')).toBe(true);
    expect(node('oe.sys_tx').stage).toBe('downstream');
  });

  it('has 北斗 chips, modules and antennas → ground augmentation → terminals → application services', () => {
    for (const id of ['bd.soc', 'bd.module', 'bd.antenna']) {
      expect(node(id)).toMatchObject({ stage: 'upstream', parent: 'bd.g_base' });
    }
    expect(node('bd.cors')).toMatchObject({ nameZh: '地基增强系统与CORS站网', stage: 'midstream' });
    expect(hasEdge('bd.antenna', 'bd.cors')).toBe(true);
    expect(hasEdge('bd.board', 'bd.cors')).toBe(true);
    expect(hasEdge('bd.soc', 'bd.board')).toBe(true);
    expect(hasEdge('bd.cors', 'bd.hp_term')).toBe(true);
    expect(node('bd.hp_term')).toMatchObject({ stage: 'midstream', parent: 'bd.g_term' });
    expect(hasEdge('bd.hp_term', 'bd.app_survey')).toBe(true);
    expect(hasEdge('bd.module', 'bd.veh_term')).toBe(true);
    expect(hasEdge('bd.veh_term', 'bd.app_trans')).toBe(true);
    expect(node('bd.app_trans')).toMatchObject({ stage: 'downstream', suppliesExternal: true });
    expect(hasEdge('bd.module', 'nev.pos_map')).toBe(true);
  });

  it('flags approximate classes with ≈ and keeps definite ones plain', () => {
    expect(node('oe.optmat').classes).toEqual([
      { code: '4040', approximate: false },
      { code: '3052', approximate: false },
      { code: '3073', approximate: true },
    ]);
    expect(node('lh.ivd').classes).toContainEqual({ code: '2761', approximate: true, note: 'reagents' });
    // "— (no dedicated class; firms usually register ≈3742/≈7320)": only approximate codes
    expect(node('sp.launch').classes.every((c) => c.approximate)).toBe(true);
    expect(node('he.apps').classes).toEqual([]);
  });

  it('carries the key-link and bottleneck flags with their sources', () => {
    expect(node('oe.module').keyLink).toBe(true);
    expect(node('oe.passive').keyLink).toBe(false);
    expect(node('bd.ops')).toMatchObject({ keyLink: true, sourceTags: ['BD4'] });
    expect(node('oe.ld_chip')).toMatchObject({ bottleneck: 'sourced', sourceTags: ['OE3', 'OE4', 'OE5', 'G2'] });
    expect(node('oe.ddic')).toMatchObject({ bottleneck: 'general_knowledge', sourceTags: ['GK'] });
    expect(node('nev.separator')).toMatchObject({ bottleneck: 'localised', sourceTags: ['G2', 'GK'] });
    expect(node('ei.fab')).toMatchObject({ keyLink: true, bottleneck: 'general_knowledge' });
  });

  it('has exactly one backward edge, the recycling loop nev.recycle → nev.res', () => {
    const loops = templates.flatMap((t) => t.edges.filter((e) => e.kind === 'recycles'));
    expect(loops).toEqual([{ from: 'nev.recycle', to: 'nev.res', kind: 'recycles' }]);
  });

  it('expands app_* of 人工智能 to every application node', () => {
    const apps = chain('ai')
      .nodes.filter((n) => n.id.startsWith('ai.app_'))
      .map((n) => n.id);
    expect(apps).toHaveLength(8);
    for (const from of ['ai.llm', 'ai.industry_model', 'ai.agent_platform']) {
      expect(targets(from)).toEqual(expect.arrayContaining(apps));
    }
  });

  it('keeps pointers in brackets as refs, not edges', () => {
    expect(node('nm.am_metal').refs).toEqual(['he.mat', 'sp.mat', 'nev']);
    expect(targets('nm.am_metal')).toEqual([]);
    expect(targets('nm.am_fiber')).toEqual(['nm.h2_store']);
    expect(node('oe.term_ce').refs).toEqual(['st']);
  });

  it('gives groups of 新能源新材料 the branch stage and their children a real stage', () => {
    expect(node('nm.g_h2')).toMatchObject({ stage: 'branch', group: true });
    expect(node('nm.h2_prod')).toMatchObject({ stage: 'upstream', parent: 'nm.g_h2', keyLink: true });
  });
});

describe('stageOrder and nodeIndex', () => {
  it('orders upstream before midstream before downstream, and leaves branch unordered', () => {
    expect([stageOrder('upstream'), stageOrder('midstream'), stageOrder('downstream')]).toEqual([0, 1, 2]);
    expect(stageOrder('branch')).toBeNull();
  });

  it('indexes every node of every chain by global id', () => {
    expect(index.size).toBe(templates.reduce((s, t) => s + t.nodes.length, 0));
    expect(index.get('bd.platform')?.nameZh).toBe('位置服务平台');
  });
});

// ───────────────── validateTemplate on small hand-made templates ─────────────────

function makeNode(local: string, stage: TNodeStage, overrides: Partial<TChainNode> = {}): TChainNode {
  return {
    id: `oe.${local}`,
    nameZh: local,
    nameEn: local,
    stage,
    parent: null,
    group: false,
    suppliesExternal: false,
    keywords: [local],
    classes: [{ code: '3976', approximate: false }],
    keyLink: false,
    bottleneck: null,
    sourceTags: [],
    ...overrides,
  };
}

/** A sound 15-node template: a group with 4 upstream children, 5 midstream, 5 downstream. */
function makeTemplate(overrides: Partial<TChainTemplate> = {}): TChainTemplate {
  const nodes = [
    makeNode('g_u', 'upstream', { group: true, classes: [] }),
    ...[1, 2, 3, 4].map((i) => makeNode(`u${i}`, 'upstream', { parent: 'oe.g_u' })),
    ...[1, 2, 3, 4, 5].map((i) => makeNode(`m${i}`, 'midstream')),
    ...[1, 2, 3, 4, 5].map((i) => makeNode(`d${i}`, 'downstream')),
  ];
  const edges: TChainEdge[] = [
    { from: 'oe.u1', to: 'oe.m1', kind: 'supplies' },
    { from: 'oe.m1', to: 'oe.d1', kind: 'supplies' },
  ];
  return {
    code: 'oe',
    version: 1,
    nameZh: '测试链',
    nameEn: 'Test chain',
    description: 'u → m → d',
    basis: 'Made up for a test [T1].',
    sources: [{ tag: 'T1', title: 'Test', tier: 'C' }],
    nodes,
    edges,
    ...overrides,
  };
}
const base = makeTemplate();
const withEdges = (...extra: TChainEdge[]) => makeTemplate({ edges: [...base.edges, ...extra] });
const supplies = (from: string, to: string): TChainEdge => ({ from, to, kind: 'supplies' });
const codesOf = (t: TChainTemplate, index?: Map<string, TChainNode>) =>
  validateTemplate(t, { classCodes, index }).map((p) => p.code);

describe('validateTemplate', () => {
  it('finds nothing wrong with a sound template', () => {
    expect(validateTemplate(base, { classCodes })).toEqual([]);
  });

  it('reports an edge to an unknown node', () => {
    const problems = validateTemplate(withEdges(supplies('oe.m2', 'oe.nowhere')), { classCodes });
    expect(problems).toEqual([
      {
        code: 'unknown_edge_target',
        chain: 'oe',
        nodeId: 'oe.m2',
        message: 'edge oe.m2 → oe.nowhere points at an unknown node',
      },
    ]);
  });

  it('checks edges into another chain only when it is given the other chains', () => {
    const t = withEdges(supplies('oe.m2', 'ai.nowhere'), supplies('oe.m3', 'ai.network'));
    expect(codesOf(t)).toEqual([]);
    expect(codesOf(t, index)).toEqual(['unknown_edge_target']);
  });

  it('reports an edge that leaves a node of another chain or a missing node', () => {
    expect(codesOf(withEdges(supplies('oe.ghost', 'oe.m2')))).toEqual(['unknown_edge_source']);
  });

  it('reports an unknown parent and a parent that is not a group', () => {
    const nodes = base.nodes.map((n) =>
      n.id === 'oe.m1' ? { ...n, parent: 'oe.g_missing' } : n.id === 'oe.m2' ? { ...n, parent: 'oe.m3' } : n,
    );
    expect(codesOf(makeTemplate({ nodes }))).toEqual(['unknown_parent', 'parent_not_group']);
  });

  it('reports a duplicate node id and an id without the chain prefix', () => {
    const nodes = [...base.nodes, makeNode('d5', 'downstream'), { ...makeNode('x', 'downstream'), id: 'nev.x' }];
    expect(codesOf(makeTemplate({ nodes }))).toEqual(['duplicate_id', 'invalid_id']);
  });

  it('reports a group node with edges out or in', () => {
    const problems = validateTemplate(withEdges(supplies('oe.g_u', 'oe.m2'), supplies('oe.u2', 'oe.g_u')), {
      classCodes,
    });
    expect(problems.map((p) => [p.code, p.nodeId])).toEqual([
      ['group_with_edges', 'oe.g_u'],
      ['group_with_edges', 'oe.g_u'],
    ]);
  });

  it('reports an edge against the stage order, but not a recycling loop', () => {
    expect(codesOf(withEdges(supplies('oe.d2', 'oe.u2')))).toEqual(['edge_against_stage_order']);
    expect(codesOf(withEdges(supplies('oe.d2', 'oe.m2')))).toEqual(['edge_against_stage_order']);
    expect(codesOf(withEdges({ from: 'oe.d2', to: 'oe.u2', kind: 'recycles' }))).toEqual([]);
    expect(codesOf(withEdges(supplies('oe.u2', 'oe.u3'), supplies('oe.d2', 'oe.d3')))).toEqual([]);
  });

  it('does not apply the stage order across chains', () => {
    // oe.module (midstream) feeds ai.network (upstream of its own chain) in the shipped data
    expect(codesOf(withEdges(supplies('oe.d2', 'ai.network')), index)).toEqual([]);
  });

  it('reports a repeated edge', () => {
    expect(codesOf(withEdges(supplies('oe.u1', 'oe.m1')))).toEqual(['duplicate_edge']);
  });

  it('reports a GB/T class that is not in the given set', () => {
    const nodes = base.nodes.map((n) =>
      n.id === 'oe.m3' ? { ...n, classes: [{ code: '3999', approximate: true }] } : n,
    );
    const problems = validateTemplate(makeTemplate({ nodes }), { classCodes });
    expect(problems).toEqual([
      expect.objectContaining({ code: 'unknown_class', nodeId: 'oe.m3', message: expect.stringContaining('3999') }),
    ]);
  });

  it('reports a ref to an unknown node or chain', () => {
    const nodes = base.nodes.map((n) => (n.id === 'oe.d1' ? { ...n, refs: ['st', 'zz', 'oe.nothing', 'he.apps'] } : n));
    const problems = validateTemplate(makeTemplate({ nodes }), { classCodes, index });
    expect(problems.map((p) => p.message)).toEqual([
      'oe.d1 refers to zz, which is neither a known node nor a chain',
      'oe.d1 refers to oe.nothing, which is neither a known node nor a chain',
    ]);
  });

  it('reports a source tag that the template does not list', () => {
    const nodes = base.nodes.map((n) => (n.id === 'oe.d1' ? { ...n, sourceTags: ['T1', 'T9'] } : n));
    const t = makeTemplate({ nodes, basis: 'From [T1] and [T2].' });
    expect(validateTemplate(t, { classCodes }).map((p) => p.message)).toEqual([
      'oe.d1 cites [T9], which is not in the sources',
      'the basis cites [T2], which is not in the sources',
    ]);
  });

  it('reports a chain with fewer than 15 or more than 60 nodes, with the counts', () => {
    const small = makeTemplate({ nodes: base.nodes.slice(0, 14), edges: [supplies('oe.u1', 'oe.m1')] });
    expect(validateTemplate(small, { classCodes })).toEqual([
      {
        code: 'node_count',
        chain: 'oe',
        message: 'oe has 14 nodes (13 segments, 1 groups); expected 15–60',
      },
    ]);
    const extra = Array.from({ length: 46 }, (_, i) => makeNode(`x${i}`, 'downstream'));
    const large = makeTemplate({ nodes: [...base.nodes, ...extra] });
    expect(validateTemplate(large, { classCodes }).map((p) => p.message)).toEqual([
      'oe has 61 nodes (60 segments, 1 groups); expected 15–60',
    ]);
  });

  it('returns every problem at once, not only the first', () => {
    const nodes = base.nodes.map((n) =>
      n.id === 'oe.m3' ? { ...n, classes: [{ code: '0000', approximate: false }] } : n,
    );
    const t = makeTemplate({ nodes, edges: [...base.edges, supplies('oe.d1', 'oe.u1'), supplies('oe.m2', 'oe.zz')] });
    expect(codesOf(t)).toEqual(['edge_against_stage_order', 'unknown_edge_target', 'unknown_class']);
  });
});

describe('validateTemplates and validateSharedSegments', () => {
  it('reports a chain defined twice', () => {
    expect(validateTemplates([base, base], { classCodes }).map((p) => p.code)).toEqual(['duplicate_chain']);
  });

  it('reports a shared segment naming a node that no template has', () => {
    const shared = {
      source: 'test',
      segments: [
        { nameZh: '测试', links: [{ from: ['oe.module'], to: ['ai.nothing'], relation: 'feeds' as const }], text: '' },
      ],
    };
    expect(validateSharedSegments(shared, index)).toEqual([
      expect.objectContaining({ code: 'unknown_ref', chain: 'ai', nodeId: 'ai.nothing' }),
    ]);
  });
});

describe('loadTemplates', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chains-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('rejects a file that does not match the schema, naming the file and the field', () => {
    writeFileSync(join(dir, 'oe.json'), JSON.stringify({ ...base, nodes: [{ ...base.nodes[0], stage: 'sideways' }] }));
    expect(() => loadTemplates(dir)).toThrow(/data\/chains\/oe\.json .*nodes\.0\.stage/);
  });

  it('reads every template file but the shared segments', () => {
    writeFileSync(join(dir, 'oe.json'), JSON.stringify(base));
    writeFileSync(join(dir, 'shared.json'), JSON.stringify({ source: 'x', segments: [] }));
    expect(loadTemplates(dir).map((t) => t.code)).toEqual(['oe']);
  });
});
