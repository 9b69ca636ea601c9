import { describe, expect, it } from 'vitest';
import { indexChainData, maskFromFlags, maskFromIds, membersByNode } from './data-index.js';
import { supportingRate } from './health.js';
import { makeEnterprise } from './test-factories.js';
import type { ChainEnterprise, SupplyLink } from './types.js';

const purchasesOf = (index: ReturnType<typeof indexChainData>, id: number) => {
  const p = index.pos.get(id)!;
  const out: [number, number][] = [];
  for (let i = index.buyStart[p]!; i < index.buyStart[p + 1]!; i++) {
    out.push([index.ids[index.buySupplier[i]!]!, index.buyAmount[i]!]);
  }
  return out.sort((a, b) => a[0] - b[0]);
};

function check(firms: ChainEnterprise[], links: SupplyLink[]) {
  const index = indexChainData({ enterprises: firms, mappings: [], links });
  const [a, b] = firms;
  expect(purchasesOf(index, b!.id)).toEqual(
    [
      [a!.id, 100],
      [777, Number.NaN],
    ].sort((x, y) => x[0]! - y[0]!),
  );
  expect(purchasesOf(index, a!.id)).toEqual([]);
  expect(index.firms[index.pos.get(777)!]).toBeUndefined();
  const rate = supportingRate(index, maskFromFlags(index), [index.pos.get(b!.id)!]);
  expect(rate).toMatchObject({ purchaseWan: 100, localWan: 100, unknownAmountLinks: 1 });
}

describe('indexChainData', () => {
  const links = (a: number, b: number): SupplyLink[] => [
    { supplierId: a, customerId: b, amountWan: 100 },
    { supplierId: 777, customerId: b, amountWan: null },
    { supplierId: b, customerId: b, amountWan: 50 },
  ];

  it('indexes dense ids, ids only seen in links, and leaves self-links out', () => {
    const firms = [makeEnterprise({ id: 1 }), makeEnterprise({ id: 2 })];
    check(firms, links(1, 2));
  });

  it('indexes sparse and very large ids the same way', () => {
    const firms = [makeEnterprise({ id: 10_000_000_001 }), makeEnterprise({ id: 5 })];
    check(firms, links(10_000_000_001, 5));
  });

  it('masks a scope from flags or from ids, ignoring unknown ids', () => {
    const firms = [makeEnterprise({ id: 1, inScope: false }), makeEnterprise({ id: 2 })];
    const index = indexChainData({ enterprises: firms, mappings: [], links: links(1, 2) });
    expect([...maskFromFlags(index)]).toEqual([0, 1, 0]);
    expect([...maskFromIds(index, [1, 777, 9])]).toEqual([1, 0, 0]);
  });

  it('lets a confirmation beat a rejection and a rejection beat a suggestion, whatever the order', () => {
    const firms = [makeEnterprise({ id: 1 }), makeEnterprise({ id: 2 }), makeEnterprise({ id: 3 })];
    const index = indexChainData({
      enterprises: firms,
      links: [],
      mappings: [
        { enterpriseId: 1, nodeId: 'x.a', status: 'confirmed' },
        { enterpriseId: 1, nodeId: 'x.a', status: 'rejected' },
        { enterpriseId: 2, nodeId: 'x.a', status: 'suggested', confidence: 0.9 },
        { enterpriseId: 2, nodeId: 'x.a', status: 'rejected' },
        { enterpriseId: 3, nodeId: 'x.a', status: 'suggested', confidence: 0.5 },
        { enterpriseId: 3, nodeId: 'x.a', status: 'suggested', confidence: 0.8 },
        { enterpriseId: 99, nodeId: 'x.a', status: 'confirmed' },
      ],
    });
    const members = membersByNode(index, { includeSuggested: true, strongSuggestion: 0.7 }).get('x.a')!;
    expect(members.map((m) => [index.ids[m.pos], m.via, m.confidence])).toEqual([
      [1, 'confirmed', undefined],
      [3, 'suggested', 0.8],
    ]);
  });
});
