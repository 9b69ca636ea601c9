import { describe, expect, it } from 'vitest';
import { loadTemplates } from '../chains/templates.js';
import type { Place } from './distance.js';
import { distanceTier } from './distance.js';
import { graphOf, MatchIndex, type Offer, pairKey, suggestNodes } from './engine.js';
import { termsOf } from './text.js';
import { capacityFit } from './units.js';

const templates = loadTemplates();
const graph = graphOf(templates);
const TODAY = '2026-06-01';

const place = (building: number | null, floor = 1, park = 1, district = '420112', inCity = true): Place => ({
  locations: building === null ? [] : [{ buildingId: building, floorNo: floor, parkIds: [park], district }],
  district,
  inCity,
});
let nextId = 1;
const offer = (o: Partial<Offer> & Pick<Offer, 'kind' | 'text' | 'enterpriseId'>): Offer => ({
  postingId: nextId++,
  nodeIds: [],
  quantity: null,
  unit: null,
  validUntil: '2026-12-31',
  place: place(null, 1, 1, '420112'),
  ...o,
});

describe('text', () => {
  it('folds synonyms onto one term and says which', () => {
    const a = termsOf('100G光收发模块');
    expect(a.terms).toContain('光模块');
    expect(a.synonyms).toContainEqual({ from: '光收发模块', to: '光模块' });
    const pcb = termsOf('印制电路板 PCB');
    expect(pcb.terms).toContain('印制电路板');
    expect(pcb.synonyms).toContainEqual({ from: 'pcb', to: '印制电路板' });
  });
  it('drops stop words and single characters', () => {
    expect(termsOf('提供各类的产品').terms).toEqual([]);
  });
  it('does not match on the synthetic mark every demo posting carries', () => {
    expect(termsOf('钼靶溅射靶材（示例）').terms).not.toContain('示例');
    expect(termsOf('sputtering targets (synthetic)').terms).not.toContain('synthetic');
  });
});

describe('units and capacity', () => {
  it('compares in one base unit', () => {
    expect(capacityFit({ quantity: 2, unit: 't' }, { quantity: 1500, unit: 'kg' })).toEqual({
      fit: 'covers',
      ratio: 1.333,
    });
    expect(capacityFit({ quantity: 500, unit: 'kg' }, { quantity: 1, unit: 't' }).fit).toBe('partial');
    expect(capacityFit({ quantity: 5, unit: 't' }, { quantity: 5, unit: 'pcs' }).fit).toBe('unit_mismatch');
    expect(capacityFit({ quantity: null, unit: null }, { quantity: 5, unit: 'pcs' }).fit).toBe('unknown');
  });
});

describe('distance tiers', () => {
  it('orders building, park, district, city, outside and reports floors in one building', () => {
    expect(distanceTier(place(7, 3), place(7, 12))).toEqual({ tier: 'building', floors: { a: 3, b: 12 } });
    expect(distanceTier(place(7, 3, 1), place(8, 3, 1)).tier).toBe('park');
    expect(distanceTier(place(7, 3, 1), place(9, 3, 2)).tier).toBe('district');
    expect(distanceTier(place(7, 3, 1, '420112'), place(9, 3, 2, '420111')).tier).toBe('city');
    expect(distanceTier(place(7), place(null, 1, 1, '440300', false)).tier).toBe('outside');
  });
  it('counts a sub-park as part of its parent park', () => {
    const a: Place = {
      locations: [{ buildingId: 1, floorNo: 1, parkIds: [5, 2], district: 'x' }],
      district: 'x',
      inCity: true,
    };
    const b: Place = {
      locations: [{ buildingId: 9, floorNo: 1, parkIds: [2], district: 'x' }],
      district: 'x',
      inCity: true,
    };
    expect(distanceTier(a, b).tier).toBe('park');
  });
});

describe('chain graph', () => {
  it('knows the nodes that feed a node', () => {
    const f = graph.feeders('oe.module');
    expect(f.has('oe.ld_chip')).toBe(true);
    expect(f.get('oe.ld_chip')).toEqual({ from: 'oe.ld_chip', to: 'oe.module' });
    expect(graph.fed('oe.ld_chip').has('oe.module')).toBe(true);
  });
});

describe('matching', () => {
  const demand = offer({
    kind: 'demand',
    enterpriseId: 100,
    text: '采购100G光收发模块用DFB激光芯片',
    nodeIds: ['oe.module'],
    quantity: 20,
    unit: 'kpcs',
    place: place(7, 3),
  });
  const nearSame = offer({
    kind: 'supply',
    enterpriseId: 201,
    text: 'DFB激光器芯片 25G',
    nodeIds: ['oe.ld_chip'],
    quantity: 50000,
    unit: 'pcs',
    place: place(7, 9),
  });
  const farSame = offer({
    kind: 'supply',
    enterpriseId: 202,
    text: 'DFB激光器芯片 25G',
    nodeIds: ['oe.ld_chip'],
    quantity: 50000,
    unit: 'pcs',
    place: place(null, 1, 1, '440300', false),
  });
  const unrelated = offer({ kind: 'supply', enterpriseId: 203, text: '写字楼保洁服务', place: place(7, 5) });
  const expired = offer({ ...nearSame, enterpriseId: 204, validUntil: '2026-01-01' });
  const own = offer({ ...nearSame, enterpriseId: 100 });
  const index = new MatchIndex(graph, [farSame, unrelated, nearSame, expired, own]);

  it('prefers the same building and explains the match', () => {
    const r = index.match(demand, { today: TODAY });
    expect(r.map((x) => x.offer.enterpriseId)).toEqual([201, 202]);
    const top = r[0]!;
    expect(top.tier).toBe('building');
    expect(top.evidence.floors).toEqual({ demand: 3, supply: 9 });
    expect(top.evidence.edge).toMatchObject({ from: 'oe.ld_chip', to: 'oe.module' });
    expect(top.evidence.terms).toEqual(expect.arrayContaining(['dfb', '激光器芯片']));
    expect(top.evidence.synonyms).toContainEqual({ from: '激光芯片', to: '激光器芯片' });
    expect(top.evidence.capacity).toEqual({ fit: 'covers', ratio: 2.5 });
    expect(r[1]!.tier).toBe('outside');
    expect(top.score).toBeGreaterThan(r[1]!.score);
  });

  it('drops declined pairs and flags confirmed ones as known', () => {
    const r = index.match(demand, {
      today: TODAY,
      declined: new Set([pairKey(100, 202)]),
      confirmed: new Set([pairKey(100, 201)]),
    });
    expect(r.map((x) => x.offer.enterpriseId)).toEqual([201]);
    expect(r[0]!.known).toBe(true);
  });

  it('matches a supply posting against demands the other way round', () => {
    const demands = new MatchIndex(graph, [demand]);
    const r = demands.match(nearSame, { today: TODAY });
    expect(r).toHaveLength(1);
    expect(r[0]!.evidence.edge).toMatchObject({ from: 'oe.ld_chip', to: 'oe.module' });
    expect(r[0]!.evidence.floors).toEqual({ demand: 3, supply: 9 });
  });

  it('weights rare shared terms above common ones (BM25)', () => {
    const common = Array.from({ length: 20 }, (_, i) =>
      offer({ kind: 'supply', enterpriseId: 300 + i, text: `精密零件 ${i}` }),
    );
    const rare = offer({ kind: 'supply', enterpriseId: 400, text: '钪一体靶材' });
    const both = offer({ kind: 'supply', enterpriseId: 401, text: '精密零件' });
    const idx = new MatchIndex(graph, [...common, rare, both]);
    const r = idx.match(offer({ kind: 'demand', enterpriseId: 1, text: '精密零件 钪一体靶材' }), { today: TODAY });
    expect(r[0]!.offer.enterpriseId).toBe(400);
  });
});

describe('node suggestion', () => {
  it('suggests the target node for a sputtering target text', () => {
    // Both the display chain's and the IC chain's target nodes fit; nothing else should come first.
    const s = suggestNodes(graph, '高端显示面板用溅射靶材');
    expect(s.slice(0, 2).map((x) => x.nodeId)).toContain('oe.target');
    expect(s[0]!.terms).toContain('靶材');
  });
});
