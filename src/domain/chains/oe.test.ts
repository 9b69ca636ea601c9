/** The engine on the shipped 光电子信息 (oe) template, with the 江丰电子 / display-panel example. */
import { describe, expect, it } from 'vitest';
import { gapTargets } from './gaps.js';
import { chainHealth } from './health.js';
import { suggestMappings } from './suggest.js';
import { loadTemplates } from './templates.js';
import { makeEnterprise } from './test-factories.js';
import type { NodeMapping } from './types.js';

const templates = loadTemplates();
const oe = templates.find((t) => t.code === 'oe')!;

const jiangfeng = makeEnterprise({
  name: '江丰电子',
  classCode: '3985',
  products: ['靶材'],
  scale: 'medium',
  outputWan: 30_000,
  tiers: ['little_giant'],
});
const boe = makeEnterprise({
  name: '京东方',
  classCode: '3974',
  products: ['AMOLED', '柔性显示'],
  scale: 'large',
  outputWan: 2_000_000,
  isChainLeader: true,
});
const corningLike = makeEnterprise({
  name: '外地玻璃基板厂',
  classCode: '3042',
  products: ['玻璃基板'],
  inScope: false,
});
const enterprises = [jiangfeng, boe, corningLike];
const mappings: NodeMapping[] = [
  { enterpriseId: jiangfeng.id, nodeId: 'oe.target', status: 'confirmed' },
  { enterpriseId: boe.id, nodeId: 'oe.panel_oled', status: 'confirmed' },
  { enterpriseId: corningLike.id, nodeId: 'oe.glass', status: 'confirmed' },
];
const links = [
  { supplierId: jiangfeng.id, customerId: boe.id, amountWan: 3000 },
  { supplierId: corningLike.id, customerId: boe.id, amountWan: 2000 },
];

describe('光电子信息 chain with 江丰电子 and a display-panel leader', () => {
  const health = chainHealth(oe, { enterprises, mappings, links });
  const node = (id: string) => health.nodes.find((n) => n.nodeId === id)!;

  it('shows 江丰电子 covering the sputtering-target node', () => {
    expect(node('oe.target').status).not.toBe('missing');
    expect(node('oe.target').firms.map((f) => f.name)).toEqual(['江丰电子']);
    expect(node('oe.target').reasons.map((r) => r.code)).toEqual(['below_min_count', 'single_supplier']);
    expect(node('oe.g_dmat').firms.map((f) => f.name)).toEqual(['江丰电子']);
    expect(node('oe.glass').status).toBe('missing');
  });

  it("computes the panel leader's local supporting rate", () => {
    expect(health.leaders.map((l) => l.name)).toEqual(['京东方']);
    const leader = health.leaders[0]!;
    expect(leader.nodeIds).toEqual(['oe.panel_oled']);
    expect(leader.detectedBy.map((r) => r.code)).toEqual(['flag', 'large_scale', 'top_output_share']);
    expect(leader.supporting).toMatchObject({ purchaseWan: 5000, localWan: 3000, rate: 0.6 });
    expect(health.score.parts.find((p) => p.code === 'supporting')!.value).toBe(0.6);
  });

  it('suggests the sputtering-target node first for 江丰电子 from its class and product', () => {
    const [first] = suggestMappings([oe], [{ ...jiangfeng }]);
    expect(first!.nodeId).toBe('oe.target');
    expect(first!.evidence.map((e) => e.detail)).toEqual(['3985', '靶材 (products)']);
    // across all chains the display-target node now beats 电子信息's CMP/target node, which shares the class
    const all = suggestMappings(templates, [{ ...jiangfeng }]);
    expect(all.slice(0, 2).map((s) => s.nodeId)).toEqual(['oe.target', 'ei.cmp_target']);
    expect(all[0]!.confidence).toBeGreaterThan(all[1]!.confidence);
  });

  it('reaches the target node by keyword from the products 江丰电子 registers (not only by class)', () => {
    const real = { ...jiangfeng, products: ['G6钪一体靶材', '高端显示面板用靶材'] };
    const [first] = suggestMappings(templates, [real]);
    expect(first!.nodeId).toBe('oe.target');
    expect(first!.evidence.filter((e) => e.kind === 'keyword').map((e) => e.detail)).toEqual(['一体靶材 (products)']);
    // without the two keywords the node had only the class, tied with five 电子信息 nodes and cut off
    const old = suggestMappings(
      templates.map((t) => ({
        ...t,
        nodes: t.nodes.map((n) => ({ ...n, keywords: n.keywords.filter((k) => k !== '靶材' && k !== '一体靶材') })),
      })),
      [real],
    );
    expect(old.map((s) => s.nodeId)).not.toContain('oe.target');
    expect(old.every((s) => s.evidence.length === 1 && s.evidence[0]!.kind === 'class')).toBe(true);
  });

  it('offers the outside glass maker for the missing display-glass node, as a supplier of the leader', () => {
    const glass = gapTargets(oe, health, enterprises, links, mappings).find((g) => g.nodeId === 'oe.glass')!;
    expect(glass.status).toBe('missing');
    expect(glass.candidates.map((c) => c.name)).toEqual(['外地玻璃基板厂']);
    expect(glass.candidates[0]!.reasons.map((r) => r.code)).toContain('supplies_local_leader');
  });
});
