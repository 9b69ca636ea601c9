/** A person's decision on a chain leader (chain_leaders) overrides the detection for that chain only. */
import { describe, expect, it } from 'vitest';
import { chainHealth } from './health.js';
import { C, enterprises, H, J, links, mappings, template } from './test-fixture.js';

const decide = (entries: [number, 'confirmed' | 'rejected'][], chain: string = template.code) =>
  new Map([[chain, new Map(entries)]]);

describe('chainHealth: leader decisions', () => {
  it('takes a confirmed firm for a leader even when it is too small or too little linked', () => {
    const h = chainHealth(template, { enterprises, mappings, links, leaderDecisions: decide([[C.id, 'confirmed']]) });
    expect(h.leaders.map((l) => l.name)).toEqual(['H', 'J', 'C']);
    const c = h.leaders.find((l) => l.enterpriseId === C.id)!;
    expect(c.confirmed).toBe(true);
    expect(c.detectedBy[0]!.code).toBe('confirmed');
    expect(h.score.parts.find((p) => p.code === 'leaders')).toBeDefined();
  });

  it('never takes a rejected firm for a leader, even a large, linked or flagged one', () => {
    const h = chainHealth(template, {
      enterprises,
      mappings,
      links,
      leaderDecisions: decide([
        [H.id, 'rejected'],
        [J.id, 'rejected'],
      ]),
    });
    expect(h.leaders).toEqual([]);
  });

  it('ignores decisions taken for another chain', () => {
    const h = chainHealth(template, {
      enterprises,
      mappings,
      links,
      leaderDecisions: decide([[H.id, 'rejected']], 'zz'),
    });
    expect(h.leaders.map((l) => l.name)).toEqual(['H', 'J']);
  });
});
