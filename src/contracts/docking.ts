/**
 * Supply–demand docking (供需对接, issue 12): postings, explained matches, decisions, contacts after
 * double opt-in, deals, the leader-derived suggested demand (替代外地供应), the building view (楼上楼下)
 * and the bureau's dashboard. Shared by the API (validation, OpenAPI) and the web client.
 */
import { z } from 'zod';
import { int32, MONEY_WAN_MAX } from './limits.js';

export const POSTING_KINDS = ['supply', 'demand'] as const;
/** What is offered or sought: goods, outsourced processing, a service, a technology. */
export const POSTING_CATEGORIES = ['product', 'processing', 'service', 'technology'] as const;
export const VISIBILITIES = ['public', 'city', 'park'] as const;
export const POSTING_STATUSES = ['suggested', 'open', 'closed'] as const;
export const DISTANCE_TIERS = ['building', 'park', 'district', 'city', 'outside'] as const;
export const DECISIONS = ['interested', 'not_relevant'] as const;
export type TPostingKind = (typeof POSTING_KINDS)[number];
export type TPostingCategory = (typeof POSTING_CATEGORIES)[number];
export type TDistanceTier = (typeof DISTANCE_TIERS)[number];
export type TDecision = (typeof DECISIONS)[number];

/**
 * Units a posting may use, by dimension; a category accepts some dimensions only (a service is not
 * sold by the tonne). Factors convert to the dimension's base unit so capacity and need compare.
 */
export const UNITS = {
  t: { dim: 'mass', factor: 1000, zh: '吨', en: 't' },
  kg: { dim: 'mass', factor: 1, zh: '千克', en: 'kg' },
  pcs: { dim: 'count', factor: 1, zh: '件', en: 'pcs' },
  kpcs: { dim: 'count', factor: 1000, zh: '千件', en: 'k pcs' },
  set: { dim: 'count', factor: 1, zh: '台/套', en: 'sets' },
  wafer: { dim: 'count', factor: 1, zh: '片', en: 'wafers' },
  m: { dim: 'length', factor: 1, zh: '米', en: 'm' },
  km: { dim: 'length', factor: 1000, zh: '千米', en: 'km' },
  fkm: { dim: 'length', factor: 1000, zh: '芯公里', en: 'fibre-km' },
  m2: { dim: 'area', factor: 1, zh: '平方米', en: 'm²' },
  l: { dim: 'volume', factor: 1, zh: '升', en: 'L' },
  m3: { dim: 'volume', factor: 1000, zh: '立方米', en: 'm³' },
  hour: { dim: 'time', factor: 1, zh: '工时', en: 'hours' },
  day: { dim: 'time', factor: 8, zh: '人天', en: 'person-days' },
  job: { dim: 'job', factor: 1, zh: '项/次', en: 'jobs' },
} as const satisfies Record<string, { dim: string; factor: number; zh: string; en: string }>;
export type TUnit = keyof typeof UNITS;
export const UNIT_CODES = Object.keys(UNITS) as [TUnit, ...TUnit[]];
export const CATEGORY_DIMENSIONS: Record<TPostingCategory, readonly string[]> = {
  product: ['mass', 'count', 'length', 'area', 'volume'],
  processing: ['mass', 'count', 'length', 'area', 'time', 'job'],
  service: ['time', 'job'],
  technology: ['job', 'time'],
};
export const unitFits = (category: TPostingCategory, unit: TUnit): boolean =>
  CATEGORY_DIMENSIONS[category].includes(UNITS[unit].dim);

/** Larger than any one posting could mean (a billion of anything): refused as absurd. */
export const QUANTITY_MAX = 1_000_000_000;
const isoDate = z.iso.date().describe('ISO date, YYYY-MM-DD');
const text = (max: number) => z.string().trim().min(1).max(max);

export const ZPostingInput = z
  .object({
    kind: z.enum(POSTING_KINDS).describe('supply (capacity, products, processes, services) or demand'),
    category: z.enum(POSTING_CATEGORIES).describe('product, processing (外协加工), service or technology'),
    enterpriseId: int32().positive().describe('The firm posting; enterprise users post for their own only'),
    title: text(200).describe('Product or service, in the poster’s words (segmented for matching)'),
    spec: z.string().trim().max(2000).nullable().optional().describe('Specification, processes, requirements'),
    nodeId: z
      .string()
      .trim()
      .max(60)
      .nullable()
      .optional()
      .describe('Chain node confirmed by the poster (see POST /api/v1/docking/suggest-node)'),
    quantity: z
      .number()
      .positive()
      .max(QUANTITY_MAX)
      .nullable()
      .optional()
      .describe('Capacity (supply) or need (demand) per year, in `unit`; confidential'),
    unit: z.enum(UNIT_CODES).nullable().optional().describe('Unit of the quantity; must fit the category'),
    priceWan: z
      .number()
      .min(0)
      .max(MONEY_WAN_MAX)
      .nullable()
      .optional()
      .describe('Price or budget, 万元; confidential'),
    deliveryRegion: z
      .string()
      .regex(/^\d{6}$/)
      .nullable()
      .optional()
      .describe('GB/T 2260 code of the delivery region'),
    validUntil: isoDate.describe('Last day the posting is matched; must not be in the past'),
    visibility: z.enum(VISIBILITIES).describe('public, city (signed-in users of the city) or park (my parks)'),
    contactName: z.string().trim().max(60).nullable().optional().describe('Shown after both sides accept'),
    contactPhone: z.string().trim().max(40).nullable().optional().describe('Shown after both sides accept'),
  })
  .strict();
export type TPostingInput = z.infer<typeof ZPostingInput>;

export const ZPosting = z.object({
  id: z.number().int(),
  kind: z.enum(POSTING_KINDS),
  category: z.enum(POSTING_CATEGORIES),
  enterpriseId: z.number().int(),
  enterpriseName: z.string(),
  title: z.string(),
  spec: z.string().nullable(),
  nodeId: z.string().nullable(),
  nodeName: z.string().nullable(),
  quantity: z.number().nullable(),
  unit: z.enum(UNIT_CODES).nullable(),
  priceWan: z.number().nullable(),
  deliveryRegion: z.string().nullable(),
  validUntil: z.string(),
  visibility: z.enum(VISIBILITIES),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  status: z.enum(POSTING_STATUSES),
  origin: z.enum(['manual', 'leader_link']),
  expired: z.boolean(),
  synthetic: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  matchCount: z.number().int(),
  redacted: z.array(z.string()).optional().describe('Confidential fields withheld from this caller'),
});
export type TPosting = z.infer<typeof ZPosting>;

export const ZEvidence = z.object({
  terms: z.array(z.string()).describe('Shared terms (after segmentation and synonyms)'),
  synonyms: z.array(z.object({ from: z.string(), to: z.string() })).describe('Synonyms that made terms meet'),
  textScore: z.number().describe('BM25 score of the shared terms'),
  edge: z
    .object({ from: z.string(), to: z.string(), fromName: z.string().nullable(), toName: z.string().nullable() })
    .nullable()
    .describe('The chain edge the pair follows (supplying node → demanding node), or null'),
  sameNode: z.boolean().describe('Both sides sit at the same chain node'),
  capacity: z
    .object({
      fit: z.enum(['covers', 'partial', 'unknown', 'unit_mismatch']),
      ratio: z.number().nullable().describe('Capacity ÷ need in one base unit; confidential'),
    })
    .describe('Capacity against quantity'),
  tier: z.enum(DISTANCE_TIERS),
  floors: z
    .object({ demand: z.number().int(), supply: z.number().int() })
    .nullable()
    .describe('Floors of both sides when they are in one building (楼上楼下)'),
  pastDeal: z.boolean().describe('The pair already has a supplier link or deal'),
});
export type TEvidence = z.infer<typeof ZEvidence>;

export const ZMatchSide = z.object({
  enterpriseId: z.number().int(),
  enterpriseName: z.string(),
  postingId: z.number().int().nullable(),
  title: z.string().nullable(),
  decision: z.enum(DECISIONS).nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  quantity: z.number().nullable(),
  unit: z.enum(UNIT_CODES).nullable(),
  priceWan: z.number().nullable(),
});

export const ZMatch = z.object({
  id: z.number().int(),
  score: z.number(),
  tier: z.enum(DISTANCE_TIERS),
  evidence: ZEvidence,
  demand: ZMatchSide,
  supply: ZMatchSide,
  status: z.enum(['new', 'pending', 'contact', 'deal', 'declined']),
  known: z.boolean().describe('A confirmed pair (contact, deal or supplier link): never suggested as new'),
  mySide: z.enum(['demand', 'supply']).nullable().describe('The side the caller acts for, if any'),
  synthetic: z.boolean(),
  deals: z.array(
    z.object({
      id: z.number().int(),
      product: z.string(),
      amountWan: z.number().nullable(),
      signedOn: z.string(),
      termMonths: z.number().int(),
      supplyLinkId: z.number().int().nullable(),
    }),
  ),
  redacted: z.array(z.string()).optional(),
});
export type TMatch = z.infer<typeof ZMatch>;

export const ZDecisionInput = z
  .object({ decision: z.enum(DECISIONS).describe('interested or not_relevant; remembered, never asked again') })
  .strict();

export const ZDealInput = z
  .object({
    product: text(200).describe('What is supplied'),
    amountWan: z.number().min(0).max(MONEY_WAN_MAX).describe('Annual amount, 万元; confidential'),
    signedOn: isoDate,
    termMonths: int32().min(1).max(600).describe('Term in months'),
  })
  .strict();

export const ZNodeSuggestion = z.object({
  nodeId: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  chainCode: z.string(),
  score: z.number(),
  terms: z.array(z.string()),
});

export const ZSuggestedDemand = z.object({
  linkId: z.number().int(),
  customerId: z.number().int(),
  customerName: z.string(),
  supplierName: z.string(),
  supplierRegion: z.string().nullable(),
  product: z.string(),
  nodeId: z.string().nullable(),
  amountWan: z.number().nullable(),
  postingId: z.number().int().nullable().describe('The demand posted from it, once confirmed'),
  candidates: z
    .array(
      z.object({ enterpriseId: z.number().int(), name: z.string(), score: z.number(), tier: z.enum(DISTANCE_TIERS) }),
    )
    .describe('Local firms that could supply it'),
  redacted: z.array(z.string()).optional(),
});

export const ZBuildingView = z.object({
  buildingId: z.number().int(),
  buildingName: z.string(),
  floors: z.array(
    z.object({
      floorNo: z.number().int(),
      tenants: z.array(
        z.object({
          enterpriseId: z.number().int(),
          name: z.string(),
          nodes: z.array(z.string()),
          synthetic: z.boolean(),
        }),
      ),
    }),
  ),
  pairs: z.array(
    z.object({
      supplierId: z.number().int(),
      supplierName: z.string(),
      supplierFloor: z.number().int(),
      customerId: z.number().int(),
      customerName: z.string(),
      customerFloor: z.number().int(),
      edge: z.object({ from: z.string(), to: z.string(), fromName: z.string(), toName: z.string() }),
      linked: z.boolean().describe('A supplier link already exists between them'),
    }),
  ),
});

export const ZDashboard = z.object({
  totals: z.object({
    postings: z.number().int(),
    openSupply: z.number().int(),
    openDemand: z.number().int(),
    matches: z.number().int(),
    contacts: z.number().int(),
    deals: z.number().int(),
    newLocalSupplyWan: z.number().nullable().describe('Sum of deals’ annual amounts; null for who may not see figures'),
  }),
  byMonth: z.array(
    z.object({
      month: z.string(),
      postings: z.number().int(),
      matches: z.number().int(),
      contacts: z.number().int(),
      deals: z.number().int(),
      amountWan: z.number().nullable(),
    }),
  ),
  byChain: z.array(
    z.object({
      chainCode: z.string(),
      deals: z.number().int(),
      amountWan: z.number().nullable(),
      rateNow: z.number().nullable().describe('本地配套率 of the chain’s leaders, city scope, with the deals'),
      rateBefore: z.number().nullable().describe('The same without the deals’ supplier links'),
    }),
  ),
  rateByMonth: z
    .array(
      z.object({
        chainCode: z.string(),
        scope: z.string().describe("'city', a district's GB/T 2260 code, or 'zone' (the caller's parks or district)"),
        scopeName: z.string().nullable(),
        months: z.array(
          z.object({
            month: z.string().describe('YYYY-MM'),
            rate: z.number().nullable().describe('本地配套率 of the leaders at the month’s end'),
            deals: z.number().int().describe('Deals signed that month on these leaders’ supplier links'),
          }),
        ),
      }),
    )
    .describe('本地配套率 month by month, by chain and scope (deals and dated supplier links)'),
});
export type TNodeSuggestion = z.infer<typeof ZNodeSuggestion>;
export type TSuggestedDemand = z.infer<typeof ZSuggestedDemand>;
export type TBuildingView = z.infer<typeof ZBuildingView>;
export type TDashboard = z.infer<typeof ZDashboard>;
export type TDealInput = z.infer<typeof ZDealInput>;
