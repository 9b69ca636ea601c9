import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexChainData } from './data-index.js';
import { gapTargets } from './gaps.js';
import { chainHealth } from './health.js';
import { buildCatalog, suggestMappings } from './suggest.js';
import { loadTemplates } from './templates.js';
import { template } from './test-fixture.js';
import type { ChainEnterprise, NodeMapping, Scale, SupplyLink } from './types.js';

const SEGMENTS = template.nodes.filter((n) => !n.group).map((n) => n.id);
const NODES = template.nodes.map((n) => n.id);
const SCALES: (Scale | null)[] = ['large', 'medium', 'small', 'micro', null];

/** A random little world on the fixture template: firms, mappings and links between them. */
const world = fc
  .integer({ min: 1, max: 24 })
  .chain((n) =>
    fc.record({
      firms: fc.array(
        fc.record({
          scale: fc.constantFrom(...SCALES),
          outputWan: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null }),
          inScope: fc.boolean(),
          isChainLeader: fc.integer({ min: 0, max: 4 }).map((x) => x === 0),
          classCode: fc.constantFrom('3985', '3973', '3976', '3979', '3921', '6311', '3989', null),
          growth: fc.option(fc.double({ min: -0.5, max: 2, noNaN: true }), { nil: null }),
        }),
        { minLength: n, maxLength: n },
      ),
      mappings: fc.array(
        fc.record({
          enterpriseId: fc.integer({ min: 1, max: n }),
          nodeId: fc.constantFrom(...NODES),
          status: fc.constantFrom('confirmed', 'confirmed', 'rejected', 'suggested') as fc.Arbitrary<
            NodeMapping['status']
          >,
          confidence: fc.double({ min: 0, max: 1, noNaN: true }),
        }),
        { maxLength: 3 * n },
      ),
      links: fc.array(
        fc.record({
          supplierId: fc.integer({ min: 1, max: n }),
          customerId: fc.integer({ min: 1, max: n }),
          amountWan: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: null }),
        }),
        { maxLength: 4 * n },
      ),
    }),
  )
  .map(({ firms, mappings, links }) => ({
    enterprises: firms.map(
      (f, i): ChainEnterprise => ({
        id: i + 1,
        name: `F${i + 1}`,
        products: [],
        tiers: [],
        revenueWan: null,
        ...f,
      }),
    ),
    mappings: mappings as NodeMapping[],
    links: links as SupplyLink[],
  }));

/** The same world with firm 1 a local, flagged leader of the chain that buys from everyone who sells. */
const worldWithLeader = world.map((w) => ({
  enterprises: w.enterprises.map((e) => (e.id === 1 ? { ...e, isChainLeader: true, inScope: true } : e)),
  mappings: [...w.mappings, { enterpriseId: 1, nodeId: SEGMENTS[0]!, status: 'confirmed' as const }],
  links: [...w.links, ...w.links.map((l) => ({ ...l, customerId: 1 }))],
}));

const runs = { numRuns: 200 };

describe('chain engine properties', () => {
  it('adding a local supplier never lowers a leader’s supporting rate', () => {
    fc.assert(
      fc.property(worldWithLeader, fc.integer({ min: 0, max: 10_000 }), fc.boolean(), (w, amount, inChain) => {
        const before = chainHealth(template, w);
        for (const leader of before.leaders) {
          const id = w.enterprises.length + 1;
          // no output and no scale: the new firm cannot change anyone's output share
          const supplier: ChainEnterprise = {
            ...w.enterprises[0]!,
            id,
            name: 'new',
            inScope: true,
            isChainLeader: false,
            scale: null,
            outputWan: null,
          };
          const after = chainHealth(template, {
            enterprises: [...w.enterprises, supplier],
            // a supplier mapped into the chain can only add to the leader's in-chain links
            mappings: inChain
              ? [...w.mappings, { enterpriseId: id, nodeId: SEGMENTS[0]!, status: 'confirmed' }]
              : w.mappings,
            links: [...w.links, { supplierId: id, customerId: leader.enterpriseId, amountWan: amount }],
          });
          const again = after.leaders.find((l) => l.enterpriseId === leader.enterpriseId);
          expect(again).toBeDefined();
          if (leader.supporting.rate !== null) {
            expect(again!.supporting.rate!).toBeGreaterThanOrEqual(leader.supporting.rate - 1e-12);
          }
        }
      }),
      runs,
    );
  });

  it('moving a firm out of the scope never raises coverage', () => {
    fc.assert(
      fc.property(world, fc.nat(), (w, pick) => {
        const i = pick % w.enterprises.length;
        const before = chainHealth(template, w);
        const moved = w.enterprises.map((e, j) => (j === i ? { ...e, inScope: false } : e));
        const after = chainHealth(template, { ...w, enterprises: moved });
        expect(after.summary.covered).toBeLessThanOrEqual(before.summary.covered);
        const part = (h: typeof before, code: string) => h.score.parts.find((p) => p.code === code)!.value ?? 0;
        expect(part(after, 'key_links')).toBeLessThanOrEqual(part(before, 'key_links'));
        expect(part(after, 'coverage')).toBeLessThanOrEqual(part(before, 'coverage'));
        for (const [k, n] of after.nodes.entries()) expect(n.firmCount).toBeLessThanOrEqual(before.nodes[k]!.firmCount);
      }),
      runs,
    );
  });

  it('keeps the score within 0..100 and the parts’ points summing to it', () => {
    fc.assert(
      fc.property(world, (w) => {
        const h = chainHealth(template, w, { includeSuggested: true });
        const sum = h.score.parts.reduce((s, p) => s + p.points, 0);
        expect(h.score.value).toBeGreaterThanOrEqual(0);
        expect(h.score.value).toBeLessThanOrEqual(100);
        expect(Math.abs(h.score.value - sum)).toBeLessThanOrEqual(0.05 + 1e-9);
      }),
      runs,
    );
  });

  it('never offers an inScope firm as a gap candidate', () => {
    fc.assert(
      fc.property(world, (w) => {
        const h = chainHealth(template, w);
        const local = new Set(w.enterprises.filter((e) => e.inScope).map((e) => e.id));
        for (const gap of gapTargets(template, h, w.enterprises, w.links, w.mappings)) {
          for (const c of gap.candidates) expect(local.has(c.enterpriseId)).toBe(false);
        }
      }),
      runs,
    );
  });

  it('keeps the same top candidates as ranking every candidate, from links or from the index', () => {
    fc.assert(
      fc.property(world, fc.integer({ min: 1, max: 4 }), (w, k) => {
        const h = chainHealth(template, w);
        const all = gapTargets(template, h, w.enterprises, w.links, w.mappings, { maxCandidatesPerGap: 1e9 });
        const top = gapTargets(template, h, w.enterprises, indexChainData(w), w.mappings, { maxCandidatesPerGap: k });
        // the index's own mappings (grouped by node) and a copy of them (scanned) give the same answer
        const copy = gapTargets(template, h, w.enterprises, indexChainData(w), [...w.mappings], {
          maxCandidatesPerGap: k,
        });
        expect(copy).toEqual(top);
        expect(top).toEqual(all.map((g) => ({ ...g, candidates: g.candidates.slice(0, k) })));
      }),
      runs,
    );
  });
});

describe('suggestion properties on the shipped templates', () => {
  const templates = loadTemplates();
  const catalog = buildCatalog(templates);
  const segments = templates.flatMap((t) => t.nodes.filter((n) => !n.group));
  const classes = [...new Set(segments.flatMap((n) => n.classes.map((c) => c.code)))];
  const keywords = [...new Set(segments.flatMap((n) => n.keywords))];
  const firm = fc.record({
    classCode: fc.option(fc.constantFrom(...classes), { nil: null }),
    products: fc.array(fc.constantFrom(...keywords), { maxLength: 4 }),
    description: fc.option(
      fc.array(fc.constantFrom(...keywords), { maxLength: 3 }).map((ks) => `经营范围：${ks.join('、')}`),
      { nil: null },
    ),
  });

  it('never suggests a pair a person confirmed or rejected, and keeps each list ranked and capped', () => {
    fc.assert(
      fc.property(
        fc.array(firm, { minLength: 1, maxLength: 8 }),
        fc.array(
          fc.tuple(
            fc.nat(),
            fc.constantFrom('confirmed', 'rejected', 'suggested') as fc.Arbitrary<NodeMapping['status']>,
          ),
        ),
        (firms, decisions) => {
          const enterprises = firms.map(
            (f, i): ChainEnterprise => ({
              id: i + 1,
              name: `F${i + 1}`,
              scale: null,
              tiers: [],
              outputWan: null,
              revenueWan: null,
              growth: null,
              isChainLeader: false,
              inScope: true,
              ...f,
            }),
          );
          const first = suggestMappings(catalog, enterprises, [], { maxSuggestionsPerEnterprise: 50 });
          // decide on pairs that were suggested, so the exclusion is really exercised
          const existing: NodeMapping[] = first.length
            ? decisions.map(([k, status]) => {
                const s = first[k % first.length]!;
                return { enterpriseId: s.enterpriseId, nodeId: s.nodeId, status };
              })
            : [];
          const decided = new Set(
            existing.filter((m) => m.status !== 'suggested').map((m) => `${m.enterpriseId}|${m.nodeId}`),
          );
          const out = suggestMappings(catalog, enterprises, existing);
          const perFirm = new Map<number, number[]>();
          for (const s of out) {
            expect(decided.has(`${s.enterpriseId}|${s.nodeId}`)).toBe(false);
            expect(s.confidence).toBeGreaterThanOrEqual(0.3);
            expect(s.confidence).toBeLessThanOrEqual(1);
            perFirm.set(s.enterpriseId, [...(perFirm.get(s.enterpriseId) ?? []), s.confidence]);
          }
          for (const list of perFirm.values()) {
            expect(list.length).toBeLessThanOrEqual(5);
            expect([...list].sort((a, b) => b - a)).toEqual(list);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
