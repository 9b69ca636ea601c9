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

// ───────────────────────── answers of the chain analysis (response schemas) ─────────────────────────
//
// These describe what the chain routes answer; the engine's own types are in src/domain/chains/types.ts
// and the route files check at compile time that the two agree (server/modules/chains/schema-check.ts).
// A firm's money figures (CONFIDENTIAL_FIGURE_KEYS of contracts/auth.ts) are null for those who may
// not see them, and an explanation stating one (CONFIDENTIAL_REASON_CODES) comes without its value
// and threshold, with `redacted: true` (platform/policy/redact.ts): the schemas allow both.

export const SCALES = ['large', 'medium', 'small', 'micro'] as const;
export const NODE_STATUSES = ['missing', 'weak', 'strong'] as const;
export const WEAK_REASON_CODES = [
  'below_min_count',
  'below_min_output',
  'all_small',
  'single_supplier',
  'child_missing',
  'child_weak',
] as const;
export const LEADER_REASON_CODES = ['flag', 'confirmed', 'large_scale', 'top_output_share', 'chain_links'] as const;
export const GAP_REASON_CODES = [
  'fit_confirmed',
  'fit_suggested',
  'large_scale',
  'output',
  'tier',
  'growth',
  'supplies_local_leader',
  'supplies_local_chain',
] as const;
export const SCORE_PART_CODES = ['key_links', 'coverage', 'strength', 'leaders', 'supporting'] as const;
export const GAP_FACTORS = ['fit', 'size', 'tier', 'growth', 'leaderSupplier'] as const;
export const EVIDENCE_KINDS = ['class', 'class_approx', 'keyword', 'division_keyword'] as const;
export const SCOPE_KINDS = ['city', 'district', 'park', 'building', 'devzone'] as const;

/** A firm's money figure in 万元: null when confidential to the caller (or, where said, unknown). */
const zWan = (what: string) =>
  z.number().nullable().describe(`${what}, 万元 (10k CNY); null when confidential to the caller`);
const ZScale = z.enum(SCALES).nullable().describe('Enterprise scale, null when unknown');

/** An explanation of the engine in both languages, with the figures it is about. */
export const zReason = <C extends readonly [string, ...string[]]>(codes: C) =>
  z
    .object({
      code: z.enum(codes).describe('What the explanation says'),
      zh: z.string().describe('The sentence in Chinese'),
      en: z.string().describe('The sentence in English'),
      value: z.number().optional().describe('The figure it is about; left out when confidential to the caller'),
      threshold: z.number().optional().describe('The threshold it was compared with; left out when confidential'),
      refs: z
        .array(z.union([z.string(), z.number()]))
        .readonly()
        .optional()
        .describe('Ids (node ids, enterprise ids) it names'),
      redacted: z
        .literal(true)
        .optional()
        .describe('The figure is confidential to the caller: value and threshold left out, sentence without it'),
    })
    .describe('An explanation in both languages');

export const ZSupportingRate = z
  .object({
    purchaseWan: zWan('Sum of purchases with a known amount'),
    localWan: zWan('The part of it bought inside the scope'),
    rate: z.number().nullable().describe('localWan / purchaseWan, null when nothing was bought with a known amount'),
    links: z.number().int().describe('Supplier links with a known amount'),
    localLinks: z.number().int().describe('How many of them are local'),
    unknownAmountLinks: z.number().int().describe('Supplier links left out because their amount is unknown'),
    unknownAmountLocalLinks: z.number().int().describe('How many of those are local'),
  })
  .describe('Local supporting rate (本地配套率): local purchases against all purchases with a known amount');

export const ZNodeFirm = z
  .object({
    enterpriseId: z.number().int(),
    name: z.string(),
    scale: ZScale,
    outputWan: zWan('Output of the latest year (null also when unknown)'),
    tiers: z.array(z.string()).readonly().describe('Tier and honour codes'),
    via: z.enum(['confirmed', 'suggested']).describe('confirmed by a person, or a strong suggestion counted'),
    confidence: z.number().optional().describe('Confidence 0..1 of a counted suggestion'),
  })
  .describe('A local firm of a node');

export const ZNodeHealth = z
  .object({
    nodeId: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    stage: z.enum(NODE_STAGES),
    parent: z.string().nullable().describe('Group node, or null'),
    group: z.boolean(),
    keyLink: z.boolean(),
    children: z.array(z.string()).describe('Child node ids of a group node (empty for a segment)'),
    firms: z.array(ZNodeFirm).describe("Local firms; a group's are the union of its children's and its own"),
    firmCount: z.number().int(),
    outputWan: zWan('Sum of the known outputs of the local firms'),
    outputKnown: z.number().int().describe('How many local firms have a known output'),
    tiers: z.array(z.string()).describe('Distinct tier codes of the local firms, sorted'),
    singleSupplier: z.boolean().describe("The node's local supply rests on one firm"),
    status: z.enum(NODE_STATUSES),
    reasons: z.array(zReason(WEAK_REASON_CODES)).describe('Why the node is weak (empty when strong or missing)'),
    supporting: ZSupportingRate,
  })
  .describe('A node of a chain in a scope');

export const ZChainLeader = z
  .object({
    enterpriseId: z.number().int(),
    name: z.string(),
    nodeIds: z.array(z.string()),
    scale: ZScale,
    outputWan: zWan('Output of the latest year (null also when unknown)'),
    outputShare: z.number().nullable().describe("Output as a share of the chain's local output, or null"),
    chainSuppliers: z.number().int().describe('Distinct suppliers mapped to this chain'),
    chainCustomers: z.number().int().describe('Distinct customers mapped to this chain'),
    chainPartners: z.number().int().describe('Distinct in-chain partners'),
    flagged: z.boolean().describe('The registry flag 链主 is set'),
    confirmed: z.boolean().optional().describe('A person confirmed it as a leader of this chain'),
    detectedBy: z.array(zReason(LEADER_REASON_CODES)).describe('Why it is a leader'),
    supporting: ZSupportingRate,
  })
  .describe('A chain leader (链主) in the scope');

export const ZScorePart = z
  .object({
    code: z.enum(SCORE_PART_CODES),
    zh: z.string(),
    en: z.string(),
    weight: z.number(),
    value: z.number().nullable().describe('0..1, null when it cannot be measured'),
    points: z.number().describe('Points it adds to the score'),
    detail: z.string().describe('How the value was computed, e.g. 5 / 7 (English)'),
    params: z
      .record(z.string(), z.number())
      .describe('The figures of the detail, for a text in any language (e.g. n, of; leaders: n, target)'),
  })
  .describe('One part of the health score');

export const ZChainHealth = z
  .object({
    chainCode: z.string(),
    version: z.number().int().describe('Template version analysed'),
    nameZh: z.string(),
    nameEn: z.string(),
    nodes: z.array(ZNodeHealth),
    leaders: z.array(ZChainLeader),
    summary: z.object({
      segments: z.number().int().describe('Segments (group nodes excluded)'),
      covered: z.number().int(),
      missing: z.number().int(),
      weak: z.number().int(),
      strong: z.number().int(),
      localFirms: z.number().int(),
      localOutputWan: zWan("The chain's local output"),
    }),
    score: z
      .object({ value: z.number().describe('0..100'), parts: z.array(ZScorePart) })
      .describe('Health score with its explained parts'),
  })
  .describe('Health of one chain in a scope');

export const ZGapCandidate = z
  .object({
    enterpriseId: z.number().int(),
    name: z.string(),
    score: z.number().describe('0..100'),
    breakdown: z.array(
      z.object({ factor: z.enum(GAP_FACTORS), weight: z.number(), value: z.number(), points: z.number() }),
    ),
    reasons: z.array(zReason(GAP_REASON_CODES)),
    relocation: z
      .boolean()
      .describe('A firm of the same city outside the scope: taking it would only relocate it within the city'),
    regionCode: z.string().nullable().describe('GB/T 2260 code of its registered region'),
    regionName: z.string().nullable().describe('Province, city and district of regionCode, e.g. 江苏省苏州市虎丘区'),
  })
  .describe('A firm outside the scope that could fill a gap');

export const ZGapTarget = z
  .object({
    nodeId: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    status: z.enum(['missing', 'weak']),
    keyLink: z.boolean(),
    reasons: z.array(zReason(WEAK_REASON_CODES)).describe('Why the node is a gap (empty for a missing node)'),
    candidates: z.array(ZGapCandidate).describe('Firms from outside the city, ranked, best first'),
    relocations: z
      .array(ZGapCandidate)
      .describe('Firms of the same city outside the scope (relocation: true), ranked; empty unless relocations=true'),
  })
  .describe('A missing or weak node with its ranked candidates');

export const ZEvidence = z
  .object({
    kind: z.enum(EVIDENCE_KINDS),
    detail: z.string().describe('What matched, e.g. 3985 or 溅射靶材 (products)'),
    weight: z.number().describe('The probability this piece contributes to the confidence'),
  })
  .describe('A piece of evidence for a suggested mapping');

export const ZMappingSuggestion = z
  .object({
    enterpriseId: z.number().int(),
    nodeId: z.string(),
    confidence: z.number().describe('0..1: 1 − Π(1 − weight) over the evidence'),
    evidence: z.array(ZEvidence),
  })
  .describe('A suggested chain node of an enterprise');

export const ZScopeInfo = z
  .object({
    scope: z.string().describe('city, district:420112, devzone:CODE, park:ID or building:ID'),
    kind: z.enum(SCOPE_KINDS),
    nameZh: z.string(),
    nameEn: z.string().nullable(),
    regionCode: z.string().nullable(),
    parkId: z.number().int().nullable(),
  })
  .describe('An analysis scope and its name');

export const ZMatrix = z.object({
  chains: z.array(z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() })).describe('The columns'),
  by: z.enum(['park', 'district', 'devzone']),
  rows: z.array(
    ZScopeInfo.extend({
      parentId: z.number().int().nullable().describe('Parent park of a sub-park'),
      enterprises: z.number().int().describe('Enterprises local to the scope (any chain or none)'),
      cells: z.array(
        z.object({
          chainCode: z.string(),
          score: z.number(),
          segments: z.number().int(),
          covered: z.number().int(),
          missing: z.number().int(),
          weak: z.number().int(),
          strong: z.number().int(),
          localFirms: z.number().int(),
          localOutputWan: zWan("The chain's local output"),
        }),
      ),
    }),
  ),
});

export const ZChainCompare = z.object({
  a: z.object({ scope: ZScopeInfo, health: ZChainHealth }),
  b: z.object({ scope: ZScopeInfo, health: ZChainHealth }),
});

export const ZPlace = z
  .object({
    at: z.enum(['building', 'park']).nullable().describe('Where the coordinates come from, null when none known'),
    lat: z.number().nullable(),
    lng: z.number().nullable(),
    approximate: z.boolean(),
    parkId: z.number().int().nullable(),
    parkName: z.string().nullable(),
    buildingName: z.string().nullable(),
  })
  .describe("Where a firm is: its current unit's building (or park)");

export const ZLeaderSuppliers = z.object({
  leader: z.object({
    enterpriseId: z.number().int(),
    name: z.string(),
    nameEn: z.string().nullable(),
    regionCode: z.string().nullable(),
    place: ZPlace.nullable(),
  }),
  scope: ZScopeInfo,
  suppliers: z.array(
    z.object({
      linkId: z.number().int(),
      enterpriseId: z.number().int(),
      name: z.string(),
      product: z.string(),
      amountWan: zWan('Annual purchase amount (null also when unknown)'),
      year: z.number().int().nullable(),
      local: z.boolean().describe('Inside the analysed scope'),
      inCity: z.boolean().describe('Inside Wuhan'),
      regionCode: z.string().nullable(),
      regionName: z.string().nullable(),
      place: ZPlace.nullable(),
      nodeIds: z.array(z.string()).describe('Nodes of the chain the supplier is confirmed on'),
      synthetic: z.boolean(),
      sourceId: z.string(),
    }),
  ),
  rate: z
    .object({
      purchaseWan: zWan('Sum of purchases with a known amount'),
      localWan: zWan('The part bought inside the scope'),
      byAmount: z.number().nullable(),
      links: z.number().int(),
      localLinks: z.number().int(),
      byCount: z.number().nullable(),
      unknownAmountLinks: z.number().int(),
    })
    .describe('Local share by amount (links with a known amount) and by count (every link)'),
});

export const ZOutsideSupplier = z
  .object({
    enterpriseId: z.number().int(),
    name: z.string(),
    nodeIds: z.array(z.string()).describe('Nodes of this chain it is confirmed on, or suggested for'),
    customers: z
      .array(z.object({ enterpriseId: z.number().int(), name: z.string(), leader: z.boolean() }))
      .describe("Local firms of the chain it sells to; leader marks the chain's leaders"),
    amountWan: zWan('Sum of its known sales to them (null also when unknown)'),
    products: z.array(z.string()),
  })
  .describe("A firm outside the scope selling to the chain's local firms");

/** A detected chain leader, or one a person decided on, with that decision. */
export const ZLeaderListItem = z.object({
  chainCode: z.string(),
  chainNameZh: z.string(),
  chainNameEn: z.string(),
  enterpriseId: z.number().int(),
  name: z.string(),
  detected: z.boolean().describe('Detected by the engine in the scope (false: only a decision exists)'),
  nodeIds: z.array(z.string()),
  scale: ZScale,
  outputShare: z.number().nullable().describe("Output as a share of the chain's local output, or null"),
  chainSuppliers: z.number().int().nullable().describe('null when not detected'),
  chainCustomers: z.number().int().nullable().describe('null when not detected'),
  chainPartners: z.number().int().nullable().describe('null when not detected'),
  flagged: z.boolean().describe('The registry flag 链主 is set'),
  detectedBy: z.array(zReason(LEADER_REASON_CODES)).describe('Why it was detected'),
  supportingRate: z.number().nullable().describe("The leader's local supporting rate, or null"),
  status: z.enum(['confirmed', 'rejected']).nullable().describe('The decision taken, or null'),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
});

/** A mapping to review: a pending suggestion or a decision already taken. */
export const ZMappingReviewItem = z.object({
  key: z.string().describe('enterpriseId:nodeId'),
  enterpriseId: z.number().int(),
  enterpriseName: z.string(),
  synthetic: z.boolean().describe('The enterprise is invented demo data'),
  classCode: z.string().nullable().describe('GB/T 4754-2017 class of the enterprise'),
  className: z.string().nullable(),
  products: z.array(z.string()),
  description: z.string().nullable(),
  nodeId: z.string(),
  nodeNameZh: z.string(),
  nodeNameEn: z.string(),
  stage: z.enum(NODE_STAGES),
  keyLink: z.boolean(),
  chainCode: z.string(),
  chainNameZh: z.string(),
  chainNameEn: z.string(),
  status: z.enum(['pending', 'confirmed', 'rejected']),
  confidence: z.number().nullable().describe('0..1; null for a decision taken without one'),
  evidence: z
    .array(z.union([ZEvidence, z.record(z.string(), z.unknown())]))
    .describe('What matched (a suggestion), or the evidence kept with the decision (as it was sent)'),
  terms: z.array(z.string()).describe('Words of the keyword evidence, to highlight'),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
});

/** A decision on an enterprise ↔ node mapping (chain_mappings). */
export const ZMappingDecision = z.object({
  enterpriseId: z.number().int(),
  enterpriseName: z.string(),
  nodeId: z.string(),
  status: z.enum(['confirmed', 'rejected']),
  confidence: z.number().nullable(),
  evidence: z.array(z.record(z.string(), z.unknown())).describe('The evidence kept with the decision'),
  decidedBy: z.string().nullable(),
  decidedAt: z.string(),
});

/** A current template as the maintenance list shows it. */
export const ZTemplateListItem = z.object({
  code: z.string(),
  version: z.number().int().describe('Current version'),
  versions: z.number().int().describe('How many versions were published'),
  nameZh: z.string(),
  nameEn: z.string(),
  nodes: z.number().int(),
  segments: z.number().int().describe('Nodes that are not groups'),
  keyLinks: z.number().int(),
  edges: z.number().int(),
  basis: z.string(),
  sources: z.number().int().describe('Number of sources cited'),
  publishedBy: z.string().nullable(),
  publishedAt: z.string().nullable(),
  note: z.string().nullable(),
});

const ZEdgeOut = z.object({ from: z.string(), to: z.string(), kind: z.enum(EDGE_KINDS) });
/** What changed between two versions of a template. */
export const ZTemplateDiff = z.object({
  nodesAdded: z.array(z.string()),
  nodesRemoved: z.array(z.string()),
  nodesChanged: z
    .array(z.object({ id: z.string(), fields: z.array(z.string()) }))
    .describe('Changed nodes with the names of their changed fields'),
  edgesAdded: z.array(ZEdgeOut),
  edgesRemoved: z.array(ZEdgeOut),
  fields: z.array(z.string()).describe('Changed header fields: nameZh, nameEn, description, basis, sources'),
});

export const ZTemplateHistoryItem = z.object({
  version: z.number().int(),
  note: z.string().nullable(),
  publishedBy: z.string().nullable(),
  publishedAt: z.string(),
  nodes: z.number().int(),
  edges: z.number().int(),
  diff: ZTemplateDiff.nullable().describe('Against the version before; null for the first'),
});

export const ZTemplateVersion = z.object({
  version: z.number().int(),
  note: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
