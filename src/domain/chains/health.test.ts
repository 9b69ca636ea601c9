import { describe, expect, it } from 'vitest';
import { indexChainData, maskFromIds } from './data-index.js';
import { chainHealth, healthReport } from './health.js';
import { supportingShare } from './score.js';
import { makeEnterprise, makeNode } from './test-factories.js';
import { A, B, C, D, E, enterprises, H, I, J, links, mappings, N, template, Z } from './test-fixture.js';
import type { ChainHealth, NodeHealth } from './types.js';

const health = chainHealth(template, { enterprises, mappings, links });
const node = (h: ChainHealth, id: string): NodeHealth => h.nodes.find((n) => n.nodeId === id)!;
const codes = (n: NodeHealth) => n.reasons.map((r) => r.code);

describe('chainHealth: coverage and classification', () => {
  it('lists the local firms of each node with count, output and tiers', () => {
    const mat = node(health, 'im.mat');
    expect(mat.firms.map((f) => f.name)).toEqual(['A', 'B', 'C']);
    expect([mat.firmCount, mat.outputWan, mat.outputKnown]).toEqual([3, 12_000, 3]);
    expect(node(health, 'im.sys').tiers).toEqual(['high_tech', 'listed']);
  });

  it('calls a node with no local firm missing, even when an outside firm is mapped to it', () => {
    const chip2 = node(health, 'im.chip2');
    expect(chip2.status).toBe('missing');
    expect(chip2.firms).toEqual([]);
    expect(chip2.reasons).toEqual([]);
  });

  it('calls a node strong when it passes every threshold', () => {
    expect(node(health, 'im.mat').status).toBe('strong');
    expect(node(health, 'im.mat').singleSupplier).toBe(false);
  });

  it('gives each weak reason on its own', () => {
    expect(codes(node(health, 'im.chip1'))).toEqual(['below_min_count', 'all_small', 'single_supplier']);
    expect(codes(node(health, 'im.dev'))).toEqual(['below_min_output']);
    expect(node(health, 'im.dev').reasons[0]).toMatchObject({ value: 6000, threshold: 10_000 });
    expect(codes(node(health, 'im.svc'))).toEqual(['all_small']);
    const sys = node(health, 'im.sys');
    expect(codes(sys)).toEqual(['single_supplier']);
    expect(sys.reasons[0]).toMatchObject({ value: 0.9, refs: [H.id] });
    expect(sys.singleSupplier).toBe(true);
  });

  it('skips the output check when no local firm has a known output', () => {
    const x = makeEnterprise({ scale: 'medium' });
    const y = makeEnterprise({ scale: 'medium' });
    const z = makeEnterprise({ scale: 'large' });
    const h = chainHealth(template, {
      enterprises: [x, y, z],
      mappings: [x, y, z].map((e) => ({ enterpriseId: e.id, nodeId: 'im.dev', status: 'confirmed' as const })),
      links: [],
    });
    expect(node(h, 'im.dev')).toMatchObject({ status: 'strong', outputKnown: 0, outputWan: 0 });
  });

  it('aggregates a group over its children and says which children are gaps', () => {
    const group = node(health, 'im.g_chip');
    expect(group.children).toEqual(['im.chip1', 'im.chip2']);
    expect(group.firms.map((f) => f.name)).toEqual(['D']);
    expect(group.status).toBe('weak');
    expect(group.reasons.map((r) => [r.code, r.refs])).toEqual([
      ['child_missing', ['im.chip2']],
      ['child_weak', ['im.chip1']],
    ]);
  });

  it('aggregates nested groups from the inside out', () => {
    const nested = {
      ...template,
      nodes: [
        makeNode('im.g_top', { group: true }),
        ...template.nodes.map((n) => (n.id === 'im.g_chip' ? { ...n, parent: 'im.g_top' } : n)),
      ],
    };
    const h = chainHealth(nested, { enterprises, mappings, links });
    expect(node(h, 'im.g_top').firms.map((f) => f.name)).toEqual(['D']);
    expect(node(h, 'im.g_top').reasons.map((r) => [r.code, r.refs])).toEqual([['child_weak', ['im.g_chip']]]);
  });

  it('summarises segments without counting group nodes', () => {
    expect(health.summary).toEqual({
      segments: 6,
      covered: 5,
      missing: 1,
      weak: 4,
      strong: 1,
      localFirms: 13,
      localOutputWan: 152_000,
    });
  });

  it('counts strong suggestions as members only when the flag says so', () => {
    const p = makeEnterprise({ name: 'P', scale: 'medium', outputWan: 8000 });
    const input = {
      enterprises: [...enterprises, p],
      mappings: [
        ...mappings,
        { enterpriseId: p.id, nodeId: 'im.chip2', status: 'suggested' as const, confidence: 0.8 },
      ],
      links,
    };
    expect(node(chainHealth(template, input), 'im.chip2').status).toBe('missing');
    const withSuggested = node(chainHealth(template, input, { includeSuggested: true }), 'im.chip2');
    expect(withSuggested.firms).toEqual([expect.objectContaining({ name: 'P', via: 'suggested', confidence: 0.8 })]);
    expect(
      node(chainHealth(template, input, { includeSuggested: true, strongSuggestion: 0.9 }), 'im.chip2').status,
    ).toBe('missing');
    const rejected = {
      ...input,
      mappings: [...input.mappings, { enterpriseId: p.id, nodeId: 'im.chip2', status: 'rejected' as const }],
    };
    expect(node(chainHealth(template, rejected, { includeSuggested: true }), 'im.chip2').status).toBe('missing');
  });
});

describe('chainHealth: leaders and supporting rate', () => {
  it('detects leaders by size and links, or by the registry flag, with the reasons', () => {
    expect(health.leaders.map((l) => l.name)).toEqual(['H', 'J']);
    const [h, j] = health.leaders;
    expect(h!.detectedBy.map((r) => r.code)).toEqual(['large_scale', 'top_output_share', 'chain_links']);
    expect(h!.outputShare).toBeCloseTo(90_000 / 152_000, 12);
    expect([h!.chainSuppliers, h!.chainCustomers, h!.chainPartners]).toEqual([5, 0, 5]);
    expect(h!.flagged).toBe(false);
    expect(j!.detectedBy.map((r) => r.code)).toEqual(['flag']);
    expect(j!.flagged).toBe(true);
  });

  it('does not take a large firm with too few in-chain links for a leader', () => {
    expect(health.leaders.some((l) => l.enterpriseId === C.id)).toBe(false);
    const fewerLinks = chainHealth(template, { enterprises, mappings, links }, { minLeaderLinks: 2 });
    expect(fewerLinks.leaders.map((l) => l.name)).toEqual(['H', 'J', 'C']);
  });

  it("computes a leader's local supporting rate from known purchase amounts", () => {
    expect(health.leaders[0]!.supporting).toEqual({
      purchaseWan: 6000,
      localWan: 4500,
      rate: 0.75,
      links: 5,
      localLinks: 4,
      unknownAmountLinks: 1,
      unknownAmountLocalLinks: 1, // E → H, amount unknown, E is local
    });
    expect(health.leaders[1]!.supporting.rate).toBe(1);
  });

  it("computes a node's supporting rate over its local firms' purchases", () => {
    expect(node(health, 'im.sys').supporting).toMatchObject({ purchaseWan: 6300, localWan: 4800 });
    expect(node(health, 'im.sys').supporting.rate).toBeCloseTo(4800 / 6300, 12);
    expect(node(health, 'im.mat').supporting).toMatchObject({ purchaseWan: 200, localWan: 200, rate: 1 });
    expect(node(health, 'im.dev').supporting.rate).toBeNull();
  });

  it('lets a scope replace the inScope flags', () => {
    const local = [A, B, C, D, E, H, I, J].map((e) => e.id);
    const h = chainHealth(template, { enterprises, mappings, links, scope: local });
    expect(h.leaders.find((l) => l.name === 'H')!.supporting).toMatchObject({ localWan: 3500, purchaseWan: 6000 });
    expect(node(h, 'im.svc').status).toBe('missing');
    const index = indexChainData({ enterprises, mappings, links });
    expect(chainHealth(template, { index, scope: maskFromIds(index, local) })).toEqual(h);
    expect(healthReport([template, template], { index, scope: local })).toEqual([h, h]);
    expect(chainHealth(template, { index, scope: [...local, N.id, Z.id] }).leaders[0]!.supporting.rate).toBe(1);
  });
});

describe('chainHealth: score', () => {
  it('adds up weighted parts that explain the score', () => {
    const parts = Object.fromEntries(health.score.parts.map((p) => [p.code, p]));
    expect(parts.key_links!.value).toBeCloseTo(2.5 / 3, 12);
    expect(parts.key_links!.detail).toBe('2 / 3 (+0.5)');
    // The same figures as params, so the web can say them in the reader's language.
    expect(parts.key_links!.params).toEqual({ full: 2, of: 3, partial: 0.5 });
    expect(parts.coverage!.params).toEqual({ n: 5, of: 6 });
    expect(parts.strength!.params).toEqual({ n: 1, of: 5 });
    expect(parts.leaders!.params).toMatchObject({ n: expect.any(Number), target: expect.any(Number) });
    expect(parts.coverage!.value).toBeCloseTo(5 / 6, 12);
    expect(parts.strength!.value).toBeCloseTo(1 / 5, 12);
    expect(parts.leaders!.value).toBe(1);
    expect(parts.supporting!.value).toBeCloseTo(0.875, 12);
    // 100 × (0.3 × 5/6 + 0.25 × 5/6 + 0.2 × 0.2 + 0.1 × 1 + 0.15 × 0.875) = 72.958…
    expect(health.score.parts.reduce((s, p) => s + p.points, 0)).toBeCloseTo(72.958_333_333, 6);
    expect(health.score.value).toBe(73);
  });

  it('shares the weight of a part that cannot be measured among the others', () => {
    const noLeaders = chainHealth(
      template,
      { enterprises: enterprises.map((e) => ({ ...e, isChainLeader: false })), mappings, links },
      { minLeaderLinks: 99 },
    );
    const parts = Object.fromEntries(noLeaders.score.parts.map((p) => [p.code, p]));
    expect(parts.leaders!.value).toBe(0);
    expect(parts.supporting).toMatchObject({ value: null, points: 0, detail: 'no leader with supplier links' });
    // 100 × (0.3 × 5/6 + 0.25 × 5/6 + 0.2 × 0.2 + 0.1 × 0) / (0.3 + 0.25 + 0.2 + 0.1) = 58.627…
    expect(noLeaders.score.parts.reduce((s, p) => s + p.points, 0)).toBeCloseTo(58.627_450_98, 6);
    expect(noLeaders.score.value).toBe(58.6);
  });

  it('scores the supporting share on the basis the leaders panel shows: by count when no amount is known', () => {
    const unknown = links.map((l) => ({ ...l, amountWan: null }));
    const h = chainHealth(template, { enterprises, mappings, links: unknown });
    const part = h.score.parts.find((p) => p.code === 'supporting')!;
    const shares = h.leaders.map((l) => supportingShare(l.supporting));
    expect(shares.length).toBeGreaterThan(0);
    expect(shares.every((s) => s.basis === 'count' && s.value !== null)).toBe(true);
    expect(part.value).not.toBeNull();
    expect(part.value).toBeCloseTo(shares.reduce((a, s) => a + s.value!, 0) / shares.length, 12);
    expect(part.detail).toContain(`0 by amount, ${shares.length} by count`);
  });

  it('scores an empty scope 0', () => {
    const h = chainHealth(template, { enterprises: [], mappings: [], links: [] });
    expect(h.score.value).toBe(0);
    expect(h.nodes.every((n) => n.status === 'missing')).toBe(true);
  });
});

it('keeps the node order of the template', () => {
  expect(health.nodes.map((n) => n.nodeId)).toEqual(template.nodes.map((n) => n.id));
  expect(B.inScope && Z.inScope).toBe(true);
});
