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
    expect(first!.evidence.map((e) => e.detail)).toEqual(['3985', '靶材 ⊂ 溅射靶材 (products)']);
    // across all chains it ties with 电子信息's CMP/target node, which shares the keyword and class
    const all = suggestMappings(templates, [{ ...jiangfeng }]);
    expect(all.slice(0, 2).map((s) => s.nodeId)).toEqual(['ei.cmp_target', 'oe.target']);
    expect(all[1]!.confidence).toBeCloseTo(all[0]!.confidence, 12);
  });

  it('offers the outside glass maker for the missing display-glass node, as a supplier of the leader', () => {
    const glass = gapTargets(oe, health, enterprises, links, mappings).find((g) => g.nodeId === 'oe.glass')!;
    expect(glass.status).toBe('missing');
    expect(glass.candidates.map((c) => c.name)).toEqual(['外地玻璃基板厂']);
    expect(glass.candidates[0]!.reasons.map((r) => r.code)).toContain('supplies_local_leader');
  });
});
