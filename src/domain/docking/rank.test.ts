/**
 * The fast ranking (rank.ts) against the reference engine (MatchIndex.match) on a seeded book: stored
 * terms and firm profiles, related and unrelated nodes, capacities in several units, places in every
 * distance tier, expired and own offers, declined / trading / confirmed pairs, many equal scores (the
 * tie order), several limits — every result identical, evidence included. Also: the prefilter does
 * skip most candidates, and the lazy pair history gives the same results as the history read up front.
 */
import { describe, expect, it } from 'vitest';
import type { TUnit } from '../../contracts/docking.js';
import { loadTemplates } from '../chains/templates.js';
import { rng } from '../random.js';
import type { Place } from './distance.js';
import { graphOf, MatchIndex, type Offer, pairKey } from './engine.js';
import { prepareRanking, rankOffers, rankStats } from './rank.js';
import { termSet } from './text.js';

const graph = graphOf(loadTemplates());
const TODAY = '2026-06-01';
const random = rng(4711);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
const nodes = [...graph.nodes.values()].filter((n) => !n.group && n.keywords.length > 0);
// A few nodes only, so candidates crowd and share terms (many ties).
const hot = nodes.slice(0, 40);
const units: (TUnit | null)[] = ['pcs', 'kpcs', 't', 'kg', 'm', null];

const placeOf = (): Place => {
  const r = random();
  if (r < 0.15) return { locations: [], district: '440300', inCity: false };
  if (r < 0.4) return { locations: [], district: pick(['420106', '420111', '420115']), inCity: true };
  const park = 1 + Math.floor(random() * 3);
  return {
    locations: [
      {
        buildingId: park * 10 + Math.floor(random() * 3),
        floorNo: 1 + Math.floor(random() * 10),
        parkIds: [park],
        district: pick(['420106', '420111']),
      },
    ],
    district: '420106',
    inCity: true,
  };
};

function book(size: number, firms: number) {
  const places = Array.from({ length: firms }, placeOf);
  const offers: Offer[] = [];
  for (let i = 0; i < size; i++) {
    const n = pick(hot);
    const text = `${pick(n.keywords)}${random() < 0.5 ? `、${pick(pick(hot).keywords)}` : ''}`;
    const firm = 1 + Math.floor(random() * firms);
    const profile = random() < 0.15;
    const unit = pick(units);
    offers.push({
      postingId: profile ? null : 1000 + i,
      enterpriseId: firm,
      kind: random() < 0.5 ? 'supply' : 'demand',
      text,
      nodeIds: random() < 0.85 ? [n.id, ...(random() < 0.2 ? [pick(hot).id] : [])] : [],
      quantity: unit && random() < 0.8 ? 1 + Math.floor(random() * 50) * 100 : null,
      unit,
      validUntil: profile ? null : random() < 0.1 ? '2026-01-01' : '2099-12-31',
      place: places[firm - 1]!,
      ...(profile ? {} : { terms: termsOf(text) }),
    });
  }
  return { offers, places };
}
const termsOf = (text: string) => {
  // stored terms as a posting keeps them: distinct and sorted, as the server stores them
  return termSet(text);
};

describe('fast ranking (rank.ts) equals the reference engine', { timeout: 120_000 }, () => {
  const firms = 60;
  const { offers, places } = book(1500, firms);
  const pairs = () => {
    const s = new Set<string>();
    for (let k = 0; k < 150; k++) s.add(pairKey(1 + Math.floor(random() * firms), 1 + Math.floor(random() * firms)));
    return s;
  };
  const history = { trading: pairs(), confirmed: pairs(), declined: pairs() };

  it('gives identical top lists, evidence included, for every posting and several limits', () => {
    let compared = 0;
    const at20 = { candidates: 0, evaluated: 0 };
    let ties = 0;
    for (const [qi, query] of offers.entries()) {
      if (query.postingId === null) continue;
      const others = offers.filter((o) => o.kind !== query.kind);
      const limit = [1, 5, 20, 20, 20, 200][qi % 6]!;
      const opts = { limit, today: TODAY, ...(qi % 3 === 0 ? {} : history) };
      const expected = new MatchIndex(graph, others).match({ ...query, place: places[query.enterpriseId - 1]! }, opts);
      const before = { ...rankStats };
      const got = rankOffers(graph, others, { ...query, place: places[query.enterpriseId - 1]! }, opts);
      if (limit === 20) {
        at20.candidates += rankStats.candidates - before.candidates;
        at20.evaluated += rankStats.evaluated - before.evaluated;
      }
      expect(got, `query ${query.postingId} limit ${limit}`).toEqual(expected);
      compared += expected.length;
      for (let k = 1; k < expected.length; k++) if (expected[k]!.score === expected[k - 1]!.score) ties++;
    }
    expect(compared).toBeGreaterThan(5000);
    expect(ties).toBeGreaterThan(500); // the tie order is exercised
    expect(at20.evaluated).toBeLessThanOrEqual(at20.candidates);
  });

  it('scores in full only the candidates that can still reach the top', () => {
    const [a, b] = [hot[0]!, hot[1]!];
    const strong = Array.from(
      { length: 30 },
      (_, i): Offer => ({
        postingId: 5000 + i,
        enterpriseId: 1 + (i % firms),
        kind: 'supply',
        text: `${a.keywords[0]} ${a.keywords[1] ?? ''}`,
        nodeIds: [a.id],
        quantity: null,
        unit: null,
        validUntil: '2099-12-31',
        place: places[i % firms]!,
      }),
    );
    const weak = Array.from(
      { length: 600 },
      (_, i): Offer => ({
        ...strong[0]!,
        postingId: 6000 + i,
        enterpriseId: 1 + (i % firms),
        text: `${b.keywords[0]} ${a.keywords[0]}`,
        nodeIds: [],
      }),
    );
    const query: Offer = { ...strong[0]!, postingId: 1, enterpriseId: 999, kind: 'demand' };
    const before = { ...rankStats };
    const got = rankOffers(graph, [...weak, ...strong], query, { today: TODAY });
    expect(got).toEqual(new MatchIndex(graph, [...weak, ...strong]).match(query, { today: TODAY }));
    expect(rankStats.candidates - before.candidates).toBe(630);
    expect(rankStats.evaluated - before.evaluated).toBeLessThan(100);
  });

  it('reads the pair history lazily and still ranks as with the history read up front', () => {
    let rounds = 0;
    for (const query of offers.slice(0, 200)) {
      if (query.postingId === null) continue;
      const others = offers.filter((o) => o.kind !== query.kind);
      const expected = new MatchIndex(graph, others).match(query, { today: TODAY, ...history });
      const ranking = prepareRanking(graph, others, query, { limit: 20, today: TODAY });
      const asked = new Set<number>();
      let want = ranking.likelyFirms().slice(0, 3); // start short: more rounds
      for (;;) {
        for (const f of want) asked.add(f);
        rounds++;
        // only the asked firms' history is known, as when it is read from the database
        const side = query.kind === 'demand' ? 1 : 0;
        const known = (set: Set<string>) => new Set([...set].filter((k) => asked.has(Number(k.split(':')[side]))));
        const r = ranking.finish(
          { trading: known(history.trading), confirmed: known(history.confirmed), declined: known(history.declined) },
          asked,
        );
        if (Array.isArray(r)) {
          expect(r, `query ${query.postingId}`).toEqual(expected);
          break;
        }
        expect(r.need.length).toBeGreaterThan(0);
        want = r.need;
      }
    }
    expect(rounds).toBeGreaterThan(150);
  });
});
