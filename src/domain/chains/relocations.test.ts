/**
 * Issue 11 item 4: gap candidates come from outside the city; the city's own firms outside the scope
 * are relocations, left out by default and ranked apart, flagged, when asked for.
 */
import { describe, expect, it } from 'vitest';
import { gapTargets } from './gaps.js';
import { chainHealth } from './health.js';
import { makeEnterprise } from './test-factories.js';
import { enterprises, links, mappings, template } from './test-fixture.js';
import type { ChainEnterprise } from './types.js';

// Outside the scope: Q and S from another city, T and U from another district of the same city.
const Q = makeEnterprise({
  name: 'Q',
  inScope: false,
  inCity: false,
  classCode: '3976',
  scale: 'medium',
  regionCode: '320505',
});
const S = makeEnterprise({
  name: 'S',
  inScope: false,
  inCity: false,
  classCode: '3976',
  scale: 'large',
  regionCode: '440305',
});
const T = makeEnterprise({
  name: 'T',
  inScope: false,
  inCity: true,
  classCode: '3976',
  scale: 'large',
  regionCode: '420111',
});
const U = makeEnterprise({
  name: 'U',
  inScope: false,
  inCity: true,
  classCode: '3976',
  scale: 'small',
  regionCode: '420106',
});
// the fixture's own outside firms (N …) are in the city too
const local = enterprises.map((e): ChainEnterprise => (e.inScope ? e : { ...e, inCity: true }));
const all = [...local, Q, S, T, U];
const health = chainHealth(template, { enterprises: all, mappings, links });
const byDefault = gapTargets(template, health, all, links, mappings);
const withMoves = gapTargets(template, health, all, links, mappings, {}, { relocations: true });
const names = (list: { name: string }[]) => list.map((c) => c.name);

describe('gapTargets: outside the city by default, relocations apart', () => {
  it('lists only firms outside the city as candidates, and no relocation unless asked', () => {
    const chip = byDefault.find((g) => g.nodeId === 'im.chip2')!;
    expect(names(chip.candidates)).toEqual(['S', 'Q']);
    for (const g of byDefault) {
      expect(g.relocations).toEqual([]);
      for (const c of g.candidates) {
        expect(c.relocation).toBe(false);
        expect(['Q', 'S']).toContain(c.name);
      }
    }
    expect(chip.candidates.map((c) => c.regionCode)).toEqual(['440305', '320505']);
    expect(chip.candidates.every((c) => c.regionName === null)).toBe(true);
  });

  it('with relocations, the same candidates and the city firms ranked apart, flagged', () => {
    expect(withMoves.map((g) => g.candidates)).toEqual(byDefault.map((g) => g.candidates));
    const chip = withMoves.find((g) => g.nodeId === 'im.chip2')!;
    // N is the fixture's confirmed, leader-supplying firm of the node; T large, U small
    expect(names(chip.relocations)).toEqual(['N', 'T', 'U']);
    expect(chip.relocations.every((c) => c.relocation)).toBe(true);
    for (const g of withMoves) for (const c of g.relocations) expect(['Q', 'S']).not.toContain(c.name);
  });

  it('counts a firm of unknown city as outside it (the engine is told who is in the city)', () => {
    const unknown = all.map((e) => (e.name === 'T' ? { ...e, inCity: undefined } : e));
    const h = chainHealth(template, { enterprises: unknown, mappings, links });
    const chip = gapTargets(template, h, unknown, links, mappings).find((g) => g.nodeId === 'im.chip2')!;
    expect(names(chip.candidates)).toEqual(['S', 'T', 'Q']);
    expect(chip.candidates.find((c) => c.name === 'T')?.relocation).toBe(false);
  });

  it('caps each list at maxCandidatesPerGap on its own', () => {
    const one = gapTargets(template, health, all, links, mappings, { maxCandidatesPerGap: 1 }, { relocations: true });
    const chip = one.find((g) => g.nodeId === 'im.chip2')!;
    expect(names(chip.candidates)).toEqual(['S']);
    expect(names(chip.relocations)).toEqual(['N']);
  });
});
