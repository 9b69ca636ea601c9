/** Factories with overrides for the chain engine's tests and benchmark (no shared seeded data). */
import type { TChainNode, TChainTemplate } from '../../contracts/chains.js';
import type { ChainEnterprise } from './types.js';

// auto ids start high, away from the small explicit ids of hand-written fixtures
let nextId = 1_000_001;

export function makeEnterprise(overrides: Partial<ChainEnterprise> = {}): ChainEnterprise {
  const id = overrides.id ?? nextId++;
  return {
    id,
    name: `企业${id}`,
    classCode: null,
    products: [],
    description: null,
    scale: null,
    tiers: [],
    outputWan: null,
    revenueWan: null,
    growth: null,
    isChainLeader: false,
    inScope: true,
    ...overrides,
  };
}

/** A segment (or, with `group: true`, a group) with plain classes `classes` and ≈ classes `approx`. */
export function makeNode(
  id: string,
  overrides: Partial<Omit<TChainNode, 'classes'>> & { classes?: string[]; approx?: string[] } = {},
): TChainNode {
  const { classes = [], approx = [], ...rest } = overrides;
  return {
    id,
    nameZh: id,
    nameEn: id,
    stage: 'midstream',
    parent: null,
    group: false,
    suppliesExternal: false,
    keywords: [],
    classes: [
      ...classes.map((code) => ({ code, approximate: false })),
      ...approx.map((code) => ({ code, approximate: true })),
    ],
    keyLink: false,
    bottleneck: null,
    sourceTags: [],
    ...rest,
  };
}

export function makeTemplate(code: TChainTemplate['code'], nodes: TChainNode[]): TChainTemplate {
  return {
    code,
    version: 1,
    nameZh: code,
    nameEn: code,
    description: 'test chain',
    basis: 'test',
    sources: [{ tag: 'GK', title: 'general knowledge', tier: 'GK' }],
    nodes,
    edges: [],
  };
}
