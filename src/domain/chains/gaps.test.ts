import { describe, expect, it } from 'vitest';
import { loadTiers } from '../../db/reference.js';
import { indexChainData } from './data-index.js';
import { gapTargets } from './gaps.js';
import { chainHealth } from './health.js';
import { makeEnterprise } from './test-factories.js';
import { enterprises, H, I, links, mappings, N, template } from './test-fixture.js';
import { tierRanksFrom } from './thresholds.js';
import type { GapTarget, NodeMapping, SupplyLink } from './types.js';

const tierRanks = tierRanksFrom(loadTiers());
const Q = makeEnterprise({
  name: 'Q',
  inScope: false,
  classCode: '3976',
  scale: 'medium',
  outputWan: 200_000,
  growth: 0.6,
});
const R = makeEnterprise({ name: 'R', inScope: true, classCode: '3976', scale: 'large' });
const S = makeEnterprise({ name: 'S', inScope: false, classCode: '3976', scale: 'large' });
const T = makeEnterprise({ name: 'T', inScope: false, classCode: '3976', scale: 'small' });
const U = makeEnterprise({ name: 'U', inScope: false, classCode: '3921', scale: 'micro', products: ['光传输设备'] });
const all = [...enterprises, Q, R, S, T, U];
const allMappings: NodeMapping[] = [...mappings, { enterpriseId: S.id, nodeId: 'im.chip2', status: 'rejected' }];
const allLinks: SupplyLink[] = [...links, { supplierId: T.id, customerId: I.id, amountWan: 100 }];

const health = chainHealth(template, { enterprises: all, mappings: allMappings, links: allLinks });
const targets = gapTargets(template, health, all, allLinks, allMappings, { tierRanks });
const gap = (id: string): GapTarget => targets.find((t) => t.nodeId === id)!;

describe('gapTargets', () => {
  it('lists every missing or weak segment, not strong ones nor groups', () => {
    expect(targets.map((t) => [t.nodeId, t.status])).toEqual([
      ['im.chip1', 'weak'],
      ['im.chip2', 'missing'],
      ['im.dev', 'weak'],
      ['im.sys', 'weak'],
      ['im.svc', 'weak'],
    ]);
    expect(gap('im.dev').reasons.map((r) => r.code)).toEqual(['below_min_output']);
  });

  it('ranks outside firms by fit, size, tier, growth and supplying a local leader', () => {
    const c = gap('im.chip2').candidates;
    expect(c.map((x) => x.name)).toEqual(['N', 'Q', 'T']);
    // N: 100 × (0.4 × 1 + 0.2 × 1 + 0.15 × 30/50 + 0.1 × 0.15/0.3 + 0.15 × 1)
    expect(c[0]!.score).toBe(89);
    expect(Object.fromEntries(c[0]!.breakdown.map((b) => [b.factor, b.value]))).toEqual({
      fit: 1,
      size: 1,
      tier: 0.6,
      growth: 0.5,
      leaderSupplier: 1,
    });
    // Q: suggested from its class (0.6), medium but ¥2 bn output, growth capped at 1
    expect(c[1]!.score).toBe(54);
    // T: 0.6 fit, small (0.3), supplies a local chain firm that is not a leader (0.5)
    expect(c[2]!.score).toBe(37.5);
  });

  it('explains each candidate with bilingual reasons', () => {
    const [n, , t] = gap('im.chip2').candidates;
    expect(n!.enterpriseId).toBe(N.id);
    expect(n!.reasons.map((r) => r.code)).toEqual([
      'fit_confirmed',
      'large_scale',
      'output',
      'tier',
      'growth',
      'supplies_local_leader',
    ]);
    const leader = n!.reasons.at(-1)!;
    expect(leader).toMatchObject({ value: 1500, refs: [H.id] });
    expect(leader.zh).toContain('以商招商');
    expect(leader.en).toBe('Already supplies local chain leader H (1500 ×10k CNY a year)');
    expect(t!.reasons.map((r) => r.code)).toEqual(['fit_suggested', 'supplies_local_chain']);
    expect(t!.reasons[0]!.en).toBe('Suggested for this segment (confidence 60%: class 3976)');
  });

  it('never offers a local firm or a rejected pair', () => {
    const ids = targets.flatMap((t) => t.candidates.map((c) => c.enterpriseId));
    expect(ids).not.toContain(R.id);
    expect(ids).not.toContain(S.id);
  });

  it('uses keyword and class evidence for other gaps and caps the list', () => {
    expect(gap('im.sys').candidates.map((c) => c.name)).toEqual(['U']);
    expect(gap('im.sys').candidates[0]!.breakdown.find((b) => b.factor === 'fit')!.value).toBeCloseTo(0.72, 12);
    const capped = gapTargets(template, health, all, allLinks, allMappings, { maxCandidatesPerGap: 1 });
    expect(capped.find((t) => t.nodeId === 'im.chip2')!.candidates).toHaveLength(1);
  });

  it('falls back to counting tiers when no ranks are given', () => {
    const plain = gapTargets(template, health, all, allLinks, allMappings);
    const n = plain.find((t) => t.nodeId === 'im.chip2')!.candidates[0]!;
    expect(n.breakdown.find((b) => b.factor === 'tier')!.value).toBeCloseTo(1 / 3, 12);
  });

  it('gives the same answer from a prebuilt index as from the link list', () => {
    const index = indexChainData({ enterprises: all, mappings: allMappings, links: allLinks });
    expect(gapTargets(template, health, all, index, allMappings, { tierRanks })).toEqual(targets);
    expect(gapTargets(template, health, all, index, [...allMappings], { tierRanks })).toEqual(targets);
  });

  it('uses only stored mappings when live matching is off', () => {
    const stored: NodeMapping[] = [
      ...allMappings,
      { enterpriseId: Q.id, nodeId: 'im.chip2', status: 'suggested', confidence: 0.5 },
    ];
    const fast = gapTargets(template, health, all, allLinks, stored, { gapSuggestions: false, tierRanks });
    const chip2 = fast.find((t) => t.nodeId === 'im.chip2')!.candidates;
    expect(chip2.map((c) => c.name)).toEqual(['N', 'Q']);
    expect(chip2[1]!.breakdown[0]).toMatchObject({ factor: 'fit', value: 0.5 });
    expect(chip2[1]!.reasons[0]!.en).toBe('Suggested for this segment (confidence 50%: stored suggestion)');
  });

  it('returns nothing for a chain without gaps', () => {
    const strong = { ...health, nodes: health.nodes.map((n) => ({ ...n, status: 'strong' as const })) };
    expect(gapTargets(template, strong, all, allLinks, allMappings)).toEqual([]);
  });
});
