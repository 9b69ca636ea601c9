/**
 * Industry-chain template contracts (DESIGN.md M2, issue 5 item 1): a chain template is versioned,
 * editable data — nodes (segments) with a stage and an optional parent group, supply edges between
 * nodes (possibly into another chain), matching keywords, GB/T 4754-2017 classes and flags.
 * The shipped templates live in data/chains/<code>.json and were transcribed from
 * shared/reference/chains.md (see data/chains/README.md).
 *
 * Edges are a separate list on the template (not a field of each node) because they carry a kind
 * (`recycles` for the one backward loop, `signal` for the BeiDou space segment) and map one-to-one
 * to an edge table and to the links of a graph view.
 */
import { z } from 'zod';
import { CHAIN_CODES } from './enums.js';
import { int32 } from './limits.js';

/** The chains shipped in data/chains, in the order of the reference. */
export const SHIPPED_CHAIN_CODES = ['oe', 'nev', 'lh', 'he', 'bd', 'sec', 'ei', 'st', 'nm', 'sp', 'ai'] as const;

export const NODE_STAGES = ['upstream', 'midstream', 'downstream', 'branch'] as const;
export const BOTTLENECK_KINDS = ['sourced', 'general_knowledge', 'localised'] as const;
export const SOURCE_TIERS = ['A', 'B', 'C', 'GK'] as const;
export const EDGE_KINDS = ['supplies', 'recycles', 'signal'] as const;

/** Smallest and largest number of nodes (group nodes included) a template should have. */
export const TEMPLATE_NODE_LIMITS = { min: 15, max: 60 } as const;

const LOCAL_ID = '[a-z][a-z0-9_]*';
/** A node id is global: `<chain code>.<local id>`, ASCII, stable, safe as a database key. */
export const NODE_ID_PATTERN = new RegExp(`^[a-z][a-z0-9]*\\.${LOCAL_ID}$`);

export const ZChainCode = z.enum(CHAIN_CODES).describe('Chain code, also the prefix of its node ids (e.g. oe)');
export const ZNodeId = z
  .string()
  .regex(NODE_ID_PATTERN, 'expected <chain>.<local id>, e.g. oe.module')
  .describe('Global node id `<chain>.<local id>`, e.g. oe.module');

export const ZChainSource = z
  .object({
    tag: z
      .string()
      .regex(/^[A-Z]+\d*$/)
      .describe('Citation tag used in flags and basis, e.g. G2, OE1; GK stands for general knowledge'),
    title: z.string().min(1).describe('What the source is, as the reference describes it'),
    url: z.url().optional().describe('Where it can be read'),
    otherUrls: z.array(z.url()).optional().describe('Mirrors or further parts of the same source'),
    tier: z
      .enum(SOURCE_TIERS)
      .describe('A official or academic; B industry media or securities research; C report contents or blogs; GK none'),
    note: z.string().optional().describe('What the source supports, caveats such as its date'),
  })
  .describe('A source cited by a chain template');

export const ZClassRef = z
  .object({
    code: z
      .string()
      .regex(/^\d{4}$/)
      .describe('GB/T 4754-2017 class (小类), 4 digits'),
    approximate: z
      .boolean()
      .describe('Best fit that needs checking (≈ in the reference): boost a keyword match, never match alone'),
    note: z.string().optional().describe('What part of the segment this class covers'),
  })
  .describe('A GB/T 4754-2017 class that firms of this segment register under');

export const ZChainNode = z
  .object({
    id: ZNodeId,
    nameZh: z.string().min(1).describe('Segment name in Chinese'),
    nameEn: z.string().min(1).describe('Segment name in English'),
    examples: z.string().optional().describe('Typical products of the segment (the bracket after the Chinese name)'),
    stage: z
      .enum(NODE_STAGES)
      .describe('upstream / midstream / downstream; branch only for a group that spans stages (新能源新材料)'),
    parent: ZNodeId.nullable().describe('Group node (`g_*`) this segment belongs to, or null'),
    group: z.boolean().describe('A group node: no edges of its own, its edges are the union of its children'),
    suppliesExternal: z.boolean().describe('Sells to end users outside the chains ("(外部)" in the reference)'),
    suppliesNote: z
      .string()
      .optional()
      .describe('The reference text of the supplies column when it says more than a list of node ids'),
    refs: z
      .array(z.string())
      .optional()
      .describe('Informal pointers to nodes or chains it feeds (not edges), e.g. `st` or `he.apps`'),
    keywords: z.array(z.string().min(1)).describe('Tokens for substring matching on business scope and products'),
    classes: z.array(ZClassRef).describe('GB/T 4754-2017 classes of the segment'),
    classNote: z.string().optional().describe('Remark on the classes, e.g. that no dedicated class exists'),
    keyLink: z.boolean().describe('Key link (★): core value or strategic node'),
    bottleneck: z
      .enum(BOTTLENECK_KINDS)
      .nullable()
      .describe(
        '卡脖子: sourced (⚠, stated by a cited source), general_knowledge (⚠GK, verify before publishing), localised (✓旧, listed in 2018, since largely localised)',
      ),
    note: z.string().optional().describe('The flag remark of the reference, with its source tags'),
    sourceTags: z.array(z.string()).describe('Tags of the sources behind the flags; GK for general knowledge'),
  })
  .describe('A segment of an industry chain');

export const ZChainEdge = z
  .object({
    from: ZNodeId.describe('Supplying node; always a node of this template'),
    to: ZNodeId.describe('Receiving node; may belong to another chain (e.g. bd.platform)'),
    kind: z
      .enum(EDGE_KINDS)
      .describe(
        'supplies; recycles (the documented backward loop nev.recycle → nev.res); signal (BeiDou space segment)',
      ),
  })
  .describe('A directed edge: `from` sells to or feeds `to`');

export const ZChainTemplate = z
  .object({
    code: ZChainCode,
    version: int32().positive().describe('Template version, raised on every published change'),
    nameZh: z.string().min(1).describe('Chain name in Chinese'),
    nameEn: z.string().min(1).describe('Chain name in English'),
    description: z.string().min(1).describe('The flow of the chain, from raw inputs to end users'),
    basis: z.string().min(1).describe('Where the structure comes from, with source tags'),
    sources: z.array(ZChainSource).min(1).describe('Every source the template cites'),
    nodes: z.array(ZChainNode).min(1).describe('Segments, in display order'),
    edges: z.array(ZChainEdge).describe('Edges out of this chain’s nodes'),
  })
  .describe('A versioned industry-chain template');

export const SHARED_RELATIONS = ['same', 'feeds', 'related'] as const;

export const ZSharedSegment = z
  .object({
    nameZh: z.string().min(1).describe('Shared segment, e.g. 光模块/高速互联'),
    links: z
      .array(
        z.object({
          from: z.array(ZNodeId).min(1),
          to: z.array(ZNodeId).min(1),
          relation: z
            .enum(SHARED_RELATIONS)
            .describe('same (= one segment in two chains), feeds (→), related (↔, two-way or loose)'),
        }),
      )
      .describe('Node groups linked across chains'),
    note: z.string().optional().describe('Remark of the reference on this segment'),
    text: z.string().describe('The reference row verbatim'),
  })
  .describe('A segment that appears in several chains');

export const ZSharedSegments = z
  .object({
    source: z.string().describe('Where the list comes from'),
    segments: z.array(ZSharedSegment),
  })
  .describe('Cross-chain shared nodes');

export const TEMPLATE_PROBLEM_CODES = [
  'invalid_id',
  'duplicate_id',
  'unknown_parent',
  'parent_not_group',
  'group_with_edges',
  'unknown_edge_source',
  'unknown_edge_target',
  'duplicate_edge',
  'edge_against_stage_order',
  'unknown_ref',
  'unknown_class',
  'unknown_source_tag',
  'node_count',
  'duplicate_chain',
] as const;

export const ZTemplateProblem = z
  .object({
    code: z.enum(TEMPLATE_PROBLEM_CODES).describe('Kind of problem'),
    chain: z.string().describe('Chain code of the template'),
    nodeId: z.string().optional().describe('Node the problem is about, if any'),
    message: z.string().describe('What is wrong, in English'),
  })
  .describe('A problem found by validating a chain template');

export type TChainCode = z.infer<typeof ZChainCode>;
export type TNodeStage = (typeof NODE_STAGES)[number];
export type TBottleneck = (typeof BOTTLENECK_KINDS)[number];
export type TChainSource = z.infer<typeof ZChainSource>;
export type TClassRef = z.infer<typeof ZClassRef>;
export type TChainNode = z.infer<typeof ZChainNode>;
export type TChainEdge = z.infer<typeof ZChainEdge>;
export type TChainTemplate = z.infer<typeof ZChainTemplate>;
export type TSharedSegment = z.infer<typeof ZSharedSegment>;
export type TSharedSegments = z.infer<typeof ZSharedSegments>;
export type TTemplateProblemCode = (typeof TEMPLATE_PROBLEM_CODES)[number];
export type TTemplateProblem = z.infer<typeof ZTemplateProblem>;

/** A gap-filling candidate kept as a lead, with the reasons as they were shown when it was kept. */
export const ZShortlistEntry = z.object({
  id: z.number().int(),
  chainCode: z.string(),
  nodeId: z.string(),
  enterpriseId: z.number().int(),
  enterpriseName: z.string(),
  scope: z.string(),
  reasons: z.array(z.record(z.string(), z.unknown())),
  score: z.number().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type TShortlistEntry = z.infer<typeof ZShortlistEntry>;
