/**
 * Evaluation and cultivation (DESIGN.md M6): the rule-set documents (per-mu evaluation, tier
 * eligibility, park renewal) and the API's inputs and outputs. Rules are data: every scheme is a
 * versioned document with its source; the engines in domain/evaluation read them, never constants.
 */
import { z } from 'zod';
import { idParam, int32, moneyWan } from './limits.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const bi = z.object({ zh: text(400), en: text(400) }).describe('A label in Chinese and English');
const note = z.object({ zh: text(4000), en: text(4000) }).describe('A note in Chinese and English');
const code = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_.-]*$/, 'lower-case letters, digits, _ . -');
const finite = z.number().min(-1e12).max(1e12);
/** A calendar date that exists (2026-02-30 is refused here, not by the database). */
export const realDate = () =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .refine((v) => {
      const d = new Date(`${v}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
    }, 'invalid_value');

export const EVAL_CLASSES = ['A', 'B', 'C', 'D'] as const;
export type EvalClass = (typeof EVAL_CLASSES)[number] | 'T';
export const RENEWAL_MODES = ['replace_park', 'replace_firms', 'retain'] as const;
export const LIFECYCLE = ['lab', 'incubator', 'accelerator', 'park'] as const;

export const ZSource = z.object({
  title: text(400),
  publisher: text(200).nullable().optional(),
  url: z.string().trim().url().max(1000).nullable().optional(),
  clause: text(200).nullable().optional().describe('Article / clause of the source the rule set follows'),
});

/** A comparison of one field of the facts with a value: `rndSharePct >= 3`. */
export const ZCondition = z.object({
  field: text(64).describe('A field of domain/evaluation/fields.ts'),
  op: z.enum(['>=', '>', '<=', '<', '=', '!=']),
  value: z.union([finite, z.boolean()]),
  unit: text(20).nullable().optional().describe('The unit of value; must equal the field’s unit'),
});
export type TCondition = z.infer<typeof ZCondition>;

// ---------- per-mu evaluation (亩均效益评价) ----------
export const ZIndicator = z.object({
  code: code,
  label: bi,
  numerator: text(64),
  denominator: text(64).nullable().optional(),
  /** Multiplies the ratio: 100 turns a share into per cent. */
  factor: z.number().positive().max(1e6).default(1),
  unit: text(20).describe('Unit of the indicator value, checked against the fields’ units (万元/亩, %)'),
  weight: z.number().min(0).max(1000),
  benchmark: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('fixed'), value: z.number().positive().max(1e12) }),
    z.object({
      kind: z.literal('multiple_of_last_year_average'),
      multiple: z.number().positive().max(100),
      /** ratio_of_sums: Σ numerator / Σ denominator of the group last year; mean: mean of firms' values. */
      average: z.enum(['ratio_of_sums', 'mean']).default('ratio_of_sums'),
    }),
  ]),
  /** Contribution = weight × min(value / benchmark, cap); negative values count as 0. */
  cap: z.number().positive().max(100).nullable().default(null),
  /** A firm without this figure: 0 points, the average contribution of its bucket, or not assessed (T). */
  missing: z.enum(['zero', 'average', 'not_assessed']).default('zero'),
});
export type TIndicator = z.infer<typeof ZIndicator>;

export const ZBucket = z.object({
  code: code,
  label: bi,
  /** All must hold for a firm to fall in this bucket; buckets are tried in order. */
  when: z.array(ZCondition).max(20),
  indicators: z.array(ZIndicator).min(1).max(30),
  /** What the weights must sum to (100 for a 100-point scheme). */
  weightTotal: z.number().positive().max(1000),
});

export const ZBand = z.object({
  class: z.enum(EVAL_CLASSES),
  /** by score: [from, to) points, to null = no upper end; by share: (from, to] per cent of the ranked group. */
  from: z.number().min(-1000).max(1000),
  to: z.number().min(-1000).max(1000).nullable(),
});

export const ZAdjustment = z.object({
  code: code,
  label: bi,
  when: z.array(ZCondition).min(1).max(10),
  points: z.number().min(-100).max(100).describe('Positive: bonus (加分); negative: penalty (减分)'),
  /** Forces a class regardless of score (e.g. a major safety accident → D). */
  forceClass: z.enum(EVAL_CLASSES).nullable().optional(),
});

export const ZPerMuDocument = z.object({
  kind: z.literal('per_mu'),
  /** Firms matching any of these are class T (not assessed), with the condition as the reason. */
  notAssessed: z.array(z.object({ code: code, label: bi, when: z.array(ZCondition).min(1).max(10) })).max(20),
  buckets: z.array(ZBucket).min(1).max(10),
  bands: z.object({ by: z.enum(['score', 'share']), bands: z.array(ZBand).min(1).max(10) }),
  /** Shares and averages are taken within each district, or across all firms of the run. */
  groupBy: z.enum(['district', 'all']).default('district'),
  adjustments: z.array(ZAdjustment).max(30).default([]),
  policies: z.partialRecord(z.enum(EVAL_CLASSES), z.array(bi).max(20)).default({}),
  notes: z.array(note).max(20).default([]),
});
export type TPerMuDocument = z.infer<typeof ZPerMuDocument>;

// ---------- tier eligibility (梯度培育) ----------
const ZPointBand = z.object({
  min: finite.nullable().optional(),
  /** Exclusive upper end: a value on a boundary goes to the higher band (2022 measures). */
  max: finite.nullable().optional(),
  points: z.number().min(0).max(100),
  /** Which end is inclusive: 'min' ([min, max), the default) or 'max' ((min, max], for "≤ 55 %"). */
  inclusive: z.enum(['min', 'max']).optional(),
});
export const ZScoreItem = z.object({
  id: code,
  label: bi,
  clause: text(200),
  field: text(64),
  unit: text(20).nullable().optional(),
  /** Points from bands of the value, or per unit of the value (points × value, capped at max). */
  bands: z.array(ZPointBand).max(20).optional(),
  perUnit: z.number().min(0).max(100).optional(),
  /** "≥ ¥5 M or ≥ 10 %": a second field with its own bands; the item takes the better of the two. */
  altField: text(64).optional(),
  altUnit: text(20).nullable().optional(),
  altBands: z.array(ZPointBand).max(20).optional(),
  max: z.number().min(0).max(100),
  /** false: not checked against the published text (an illustrative item); answers resting on its points say so. */
  verified: z.boolean().optional(),
});
export const ZScoreGroup = z.object({
  id: code,
  label: bi,
  min: z.number().min(0).max(100).nullable().optional(),
  /** false: every item of the group is unverified (e.g. a province's indicators not yet confirmed). */
  verified: z.boolean().optional(),
  items: z.array(ZScoreItem).min(1).max(20),
});

export interface TRequirement {
  kind: 'condition' | 'score' | 'any' | 'all';
  id: string;
  label: { zh: string; en: string };
  clause: string;
  verified?: boolean | undefined;
  condition?: TCondition | undefined;
  groups?: z.infer<typeof ZScoreGroup>[] | undefined;
  minScore?: number | undefined;
  of?: TRequirement[] | undefined;
}
export const ZRequirement: z.ZodType<TRequirement> = z.lazy(() =>
  z.object({
    kind: z.enum(['condition', 'score', 'any', 'all']),
    id: code,
    label: bi,
    clause: text(200),
    verified: z.boolean().optional(),
    condition: ZCondition.optional(),
    groups: z.array(ZScoreGroup).max(10).optional(),
    minScore: z.number().min(0).max(1000).optional(),
    of: z.array(ZRequirement).max(30).optional(),
  }),
);

export const ZTierDocument = z.object({
  kind: z.literal('tier'),
  /** Lowest first: innovative_sme → specialized_sme → little_giant. */
  tiers: z
    .array(
      z.object({
        tier: code.describe('A tier code of the reference list (tiers table)'),
        label: bi,
        requirements: z.array(ZRequirement).min(1).max(30),
      }),
    )
    .min(1)
    .max(6),
  notes: z.array(note).max(20).default([]),
});
export type TTierDocument = z.infer<typeof ZTierDocument>;

// ---------- park renewal (改园换企 / 留园换企 / 留园留企) ----------
export const ZRenewalDocument = z.object({
  kind: z.literal('renewal'),
  /** Tried in order; the first whose conditions all hold classifies the park; the last is the default. */
  rules: z
    .array(z.object({ mode: z.enum(RENEWAL_MODES), label: bi, when: z.array(ZCondition).max(10), clause: text(200) }))
    .min(1)
    .max(10),
  notes: z.array(note).max(20).default([]),
});
export type TRenewalDocument = z.infer<typeof ZRenewalDocument>;

export const ZRuleSetDocument = z.discriminatedUnion('kind', [ZPerMuDocument, ZTierDocument, ZRenewalDocument]);
export type TRuleSetDocument = z.infer<typeof ZRuleSetDocument>;

export const ZRuleSetInput = z.object({
  code: code,
  name: text(200),
  nameEn: text(200).nullable().optional(),
  regionCode: z
    .string()
    .regex(/^\d{6}$/)
    .nullable()
    .optional(),
  effectiveFrom: realDate(),
  verified: z.boolean().default(false),
  assumption: z.boolean().default(false),
  source: ZSource,
  document: ZRuleSetDocument,
});
export type TRuleSetInput = z.infer<typeof ZRuleSetInput>;

export const ZRuleSet = ZRuleSetInput.extend({
  id: z.number().int(),
  version: z.number().int(),
  status: z.enum(['draft', 'published', 'retired']),
  synthetic: z.boolean(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
});
export type TRuleSet = z.infer<typeof ZRuleSet>;
export const ZRuleSetSummary = ZRuleSet.omit({ document: true }).extend({
  kind: z.enum(['per_mu', 'tier', 'renewal']),
});

// ---------- results ----------
export const ZIndicatorResult = z.object({
  code: z.string(),
  label: bi,
  unit: z.string(),
  value: z.number().nullable(),
  benchmark: z.number().nullable(),
  weight: z.number(),
  contribution: z.number().nullable(),
  missing: z.enum(['zero', 'average', 'not_assessed']).nullable(),
});
export const ZFirmEvaluation = z.object({
  enterpriseId: z.number().int(),
  name: z.string(),
  synthetic: z.boolean(),
  regionCode: z.string().nullable(),
  bucket: z.string(),
  class: z.enum(['A', 'B', 'C', 'D', 'T']).nullable(),
  score: z.number().nullable(),
  rank: z.number().int().nullable(),
  groupSize: z.number().int().nullable(),
  landMu: z.number().nullable(),
  indicators: z.array(ZIndicatorResult).nullable(),
  adjustments: z.array(z.object({ code: z.string(), label: bi, points: z.number() })).nullable(),
  notAssessedReason: bi.nullable(),
  redacted: z.array(z.string()).optional(),
});
export type TFirmEvaluation = z.infer<typeof ZFirmEvaluation>;

export const ZRun = z.object({
  id: z.number().int(),
  ruleSetId: z.number().int(),
  ruleSetCode: z.string(),
  ruleSetVersion: z.number().int(),
  ruleSetName: z.string(),
  year: z.number().int(),
  regionCode: z.string().nullable(),
  status: z.enum(['running', 'completed', 'failed']),
  assessed: z.number().int(),
  notAssessed: z.number().int(),
  distribution: z.record(z.string(), z.number()),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export const ZRunInput = z.object({
  ruleSetId: idParam().describe('A published per-mu rule set'),
  year: z.number().int().min(2000).max(2100),
  regionCode: z
    .string()
    .regex(/^\d{6}$/)
    .nullable()
    .optional(),
});

export const ZWhatIfInput = z.object({
  changes: z
    .record(z.string().max(64), finite)
    .describe('Field → new value (e.g. taxWan: 320): the firm is scored again against the same run'),
});

export const ZFailing = z.object({
  requirementId: z.string(),
  clause: z.string(),
  label: bi,
  field: z.string().nullable(),
  value: z.union([z.number(), z.boolean()]).nullable(),
  op: z.string().nullable(),
  required: z.union([z.number(), z.boolean()]).nullable(),
  unit: z.string().nullable(),
  message: bi,
  verified: z.boolean(),
  alternative: z.boolean().optional(),
});
export const ZTierStatus = z.object({
  enterpriseId: z.number().int(),
  name: z.string(),
  synthetic: z.boolean(),
  regionCode: z.string().nullable(),
  chainCode: z.string().nullable(),
  ruleSetCode: z.string(),
  ruleSetVersion: z.number().int(),
  qualifies: z.string().nullable().describe('Highest tier of the rule set the firm qualifies for now'),
  qualifiesVerified: z
    .boolean()
    .nullable()
    .optional()
    .describe('false: the qualification rests on an unverified condition or an illustrative item (shown as such)'),
  next: z.string().nullable(),
  failing: z.array(ZFailing).nullable(),
  score: z.number().nullable().describe('The next tier’s points, when it has a score'),
  holds: z.array(z.string()),
  redacted: z.array(z.string()).optional(),
});
export type TTierStatus = z.infer<typeof ZTierStatus>;

export const ZRenewalProjectInput = z.object({
  parkId: idParam(),
  name: text(200),
  mode: z.enum(RENEWAL_MODES),
  investmentWan: moneyWan().min(0).nullable().optional(),
  status: z.enum(['planned', 'under_way', 'completed']).default('planned'),
  startedOn: realDate().nullable().optional(),
  sourceId: text(64).default('user'),
  synthetic: z.boolean().default(false),
});
export const ZRenewalProject = ZRenewalProjectInput.extend({
  id: z.number().int(),
  parkName: z.string(),
  regionCode: z.string(),
  version: z.number().int(),
});

export const LAND_USES = ['industrial', 'rd', 'warehouse', 'commercial', 'mixed', 'other'] as const;
/** A land use as a register and the exports write it. */
export const LAND_USE_LABELS: Record<(typeof LAND_USES)[number], { zh: string; en: string }> = {
  industrial: { zh: '工业', en: 'Industrial' },
  rd: { zh: '科研', en: 'R&D' },
  warehouse: { zh: '仓储', en: 'Warehousing' },
  commercial: { zh: '商业', en: 'Commercial' },
  mixed: { zh: '混合', en: 'Mixed' },
  other: { zh: '其他', en: 'Other' },
};
const ZLngLat = z
  .tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)])
  .describe('[longitude, latitude] in degrees (WGS-84)');
/** A plot's fields (地块) as recorded: an outline or a point, its area in mu, its land use and its holder. */
const ZLandPlotFields = z.object({
  parkId: idParam(),
  code: text(64).describe('Parcel number (宗地号) or the park’s own plot code, unique in the park'),
  name: text(200),
  nameEn: text(200).nullable().optional(),
  areaMu: z.number().gt(0).lt(100_000).describe('Area in mu (亩)'),
  landUse: z.enum(LAND_USES),
  ownerEnterpriseId: idParam().nullable().optional().describe('The registered firm holding the land-use right'),
  ownerName: text(200).nullable().optional().describe('The holder when it is not a registered firm'),
  outline: z.array(ZLngLat).min(3).max(500).nullable().optional().describe('Outline as a ring of [lng, lat]'),
  lat: z.number().min(-90).max(90).nullable().optional(),
  lng: z.number().min(-180).max(180).nullable().optional(),
  locationApproximate: z.boolean().default(true),
  buildingIds: z.array(idParam()).max(500).default([]).describe('Buildings of the same park standing on the plot'),
  sourceId: text(64).default('user'),
  synthetic: z.boolean().default(false),
});
/**
 * Both coordinates or neither (a point is a pair); in a change, when both are sent. Checked even when other
 * fields fail (`when`), so a form hears of every field at once.
 */
function bothCoordinates<T extends z.ZodType>(schema: T, partial: boolean): T {
  const coord = (v: unknown, k: 'lat' | 'lng') => (v as Record<string, unknown>)[k];
  const lacks = (v: unknown, k: 'lat' | 'lng', other: 'lat' | 'lng') =>
    !(partial && (coord(v, k) === undefined || coord(v, other) === undefined)) &&
    coord(v, k) == null &&
    typeof coord(v, other) === 'number';
  const when = (p: { value: unknown }) => typeof p.value === 'object' && p.value !== null;
  return schema
    .refine((v) => !lacks(v, 'lat', 'lng'), { path: ['lat'], message: 'evaluation.coordinate_pair', when })
    .refine((v) => !lacks(v, 'lng', 'lat'), { path: ['lng'], message: 'evaluation.coordinate_pair', when }) as never;
}
/** A plot (地块) of a park: an outline or a point, its area in mu, its land use and its holder. */
export const ZLandPlotInput = bothCoordinates(ZLandPlotFields, false);
export type TLandPlotInput = z.infer<typeof ZLandPlotInput>;
/**
 * A change to a plot: only the fields to change and the version read (a stale version is 409 with the
 * plot as it is now). A plot stays in its park; its source and synthetic flag stay as recorded.
 */
export const ZLandPlotPatch = bothCoordinates(
  ZLandPlotFields.omit({
    parkId: true,
    buildingIds: true,
    locationApproximate: true,
    sourceId: true,
    synthetic: true,
  })
    .partial()
    .extend({
      locationApproximate: z.boolean().optional(),
      buildingIds: z.array(idParam()).max(500).optional().describe('Buildings of the plot’s park standing on it'),
      version: int32().positive().describe('Version the change is based on'),
    }),
  true,
);
export type TLandPlotPatch = z.infer<typeof ZLandPlotPatch>;
/** A land register (土地台账) imported from a spreadsheet: all rows or none. */
export const ZPlotImportResult = z.object({
  imported: z.number().int().describe('Plots recorded'),
  updated: z.number().int().describe('Plots of the same park and code changed'),
});
export const ZLandPlot = z.object({
  id: z.number().int(),
  parkId: z.number().int(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  areaMu: z.number(),
  landUse: z.enum(LAND_USES),
  ownerEnterpriseId: z.number().int().nullable(),
  ownerName: z.string().nullable(),
  outline: z.array(z.tuple([z.number(), z.number()])).nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  locationApproximate: z.boolean(),
  synthetic: z.boolean(),
  buildingIds: z.array(z.number().int()),
  version: z.number().int().describe('Send it back with a change'),
});
export type TLandPlot = z.infer<typeof ZLandPlot>;

export const ZTransitionInput = z.object({
  enterpriseId: idParam(),
  stage: z.enum(LIFECYCLE),
  occurredOn: realDate(),
  institutionId: idParam().nullable().optional(),
  parkId: idParam().nullable().optional(),
  note: text(400).nullable().optional(),
  sourceId: text(64).default('user'),
  synthetic: z.boolean().default(false),
});

export const ZCount = int32();

// ---------- views ----------
const dist = z.object({
  A: z.number().int(),
  B: z.number().int(),
  C: z.number().int(),
  D: z.number().int(),
  T: z.number().int(),
});

export const ZResultPage = z.object({ total: z.number().int(), items: z.array(ZFirmEvaluation) });

export const ZLetter = z.object({
  run: ZRun,
  ruleSet: z.object({
    id: z.number().int(),
    code: z.string(),
    version: z.number().int(),
    name: z.string(),
    nameEn: z.string().nullable(),
    assumption: z.boolean(),
    verified: z.boolean(),
    source: ZSource,
    notes: z.array(note),
    bands: ZPerMuDocument.shape.bands,
  }),
  result: ZFirmEvaluation,
  policies: z
    .array(bi)
    .nullable()
    .describe('The differentiated policies of the firm’s class; null when its class is withheld'),
  history: z.array(
    z.object({
      runId: z.number().int(),
      year: z.number().int(),
      ruleSetVersion: z.number().int(),
      class: z.enum(['A', 'B', 'C', 'D', 'T']).nullable(),
      score: z.number().nullable(),
    }),
  ),
});

/** Ask for a firm's evaluation letter as PDF (a job: POST …/letter). */
export const ZLetterPdfRequest = z.object({ lang: z.enum(['zh', 'en']).default('zh') });
/** A generated letter PDF: download it from `url` (its owner only). */
export const ZLetterPdf = z.object({
  id: z.number().int(),
  runId: z.number().int(),
  enterpriseId: z.number().int(),
  lang: z.enum(['zh', 'en']),
  asOf: z.string(),
  filename: z.string(),
  bytes: z.number().int(),
  createdAt: z.string(),
  url: z.string(),
});
export type TLetterPdf = z.infer<typeof ZLetterPdf>;

export const ZAreaSummary = z.object({
  run: ZRun,
  by: z.enum(['park', 'district']),
  items: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      regionCode: z.string().nullable(),
      synthetic: z.boolean(),
      firms: z.number().int(),
      distribution: dist,
      landMu: z.number(),
      outputPerMu: z.number().nullable().describe('万元/亩 over the assessed firms with land'),
      taxPerMu: z.number().nullable().describe('万元/亩'),
      rank: z.number().int().nullable().describe('Rank by tax per mu'),
    }),
  ),
});

export const ZTierPage = z.object({
  ruleSet: z.object({
    id: z.number().int(),
    code: z.string(),
    version: z.number().int(),
    name: z.string(),
    nameEn: z.string().nullable(),
  }),
  year: z.number().int(),
  on: z.string(),
  total: z.number().int(),
  items: z.array(ZTierStatus),
});

export const ZTierCounts = z.object({
  on: z.string(),
  registry: z.array(
    z.object({
      tierCode: z.string(),
      holders: z.number().int(),
      newThisYear: z.number().int(),
      newLastYear: z.number().int(),
    }),
  ),
  targets: z.array(
    z.object({
      tierCode: z.string(),
      regionCode: z.string().nullable(),
      year: z.number().int(),
      targetTotal: z.number().int().nullable(),
      targetNew: z.number().int().nullable(),
      reportedTotal: z.number().int().nullable(),
      reportedNew: z.number().int().nullable(),
      sourceId: z.string(),
      sourceTitle: z.string(),
      synthetic: z.boolean(),
    }),
  ),
});

export const ZExpiringHonour = z.object({
  enterpriseId: z.number().int(),
  name: z.string(),
  synthetic: z.boolean(),
  regionCode: z.string().nullable(),
  tierCode: z.string(),
  year: z.number().int(),
  validUntil: z.string(),
  daysLeft: z.number().int(),
  dueOn: z.string(),
  reminded: z.boolean(),
  renewed: z.boolean().describe('A later grant of the same honour exists'),
  lapsed: z.boolean().describe('Expired before the date asked without a renewal (失效)'),
  lapseNotified: z.boolean().describe('The lapse was told to the firm and its officers'),
});
export const ZRemindInput = z.object({
  withinDays: z.number().int().min(1).max(730).default(180),
  on: realDate().optional(),
});
export const ZRemindResult = z.object({
  created: z.number().int(),
  reminders: z.array(
    z.object({
      id: z.number().int(),
      enterpriseId: z.number().int(),
      tierCode: z.string(),
      validUntil: z.string(),
      dueOn: z.string(),
    }),
  ),
  lapsed: z.number().int().describe('Lapse notices written now'),
  lapsesSince: z
    .string()
    .describe(
      'Lapses told are those of honours expiring on or after this day: since the previous run, at least 30 days',
    ),
  lapses: z.array(
    z.object({
      id: z.number().int(),
      enterpriseId: z.number().int(),
      tierCode: z.string(),
      validUntil: z.string(),
    }),
  ),
});

const ZParkFacts = z.object({
  dSharePct: z.number().nullable(),
  landOutputRatio: z.number().nullable(),
  vacancyPct: z.number().nullable(),
  buildingAgeYears: z.number().nullable(),
  assessedFirms: z.number().int(),
});
export const ZRenewalView = z.object({
  run: ZRun,
  ruleSet: z.object({
    id: z.number().int(),
    code: z.string(),
    version: z.number().int(),
    name: z.string(),
    assumption: z.boolean(),
    rules: ZRenewalDocument.shape.rules,
    notes: z.array(note),
  }),
  items: z.array(
    z.object({
      parkId: z.number().int(),
      parkName: z.string(),
      parkNameEn: z.string().nullable(),
      /** The park's place for the renewal map (null: not located). */
      lat: z.number().nullable(),
      lng: z.number().nullable(),
      locationApproximate: z.boolean(),
      regionCode: z.string(),
      synthetic: z.boolean(),
      facts: ZParkFacts,
      mode: z.enum(RENEWAL_MODES),
      rule: z.object({
        index: z.number().int(),
        label: bi,
        clause: z.string(),
        because: z.array(
          z.object({
            field: z.string(),
            op: z.string(),
            value: z.union([z.number(), z.boolean()]),
            actual: z.union([z.number(), z.boolean()]).nullable(),
          }),
        ),
      }),
      projects: z.number().int(),
      investmentWan: z.number(),
    }),
  ),
  plots: z
    .array(
      // The plot as recorded (lat / lng: its own point, else its outline's centroid; null: not located), with
      // its park and class.
      ZLandPlot.omit({ id: true, buildingIds: true }).extend({
        plotId: z.number().int(),
        parkName: z.string(),
        parkNameEn: z.string().nullable(),
        regionCode: z.string(),
        buildings: z.number().int(),
        facts: ZParkFacts.nullable(),
        mode: z.enum(RENEWAL_MODES).nullable(),
        rule: z
          .object({
            index: z.number().int(),
            label: bi,
            clause: z.string(),
            because: z.array(
              z.object({
                field: z.string(),
                op: z.string(),
                value: z.union([z.number(), z.boolean()]),
                actual: z.union([z.number(), z.boolean()]).nullable(),
              }),
            ),
          })
          .nullable(),
        redacted: z.array(z.string()).optional(),
      }),
    )
    .describe('Plots (地块) of the parks in view, classed by the same rules as parks'),
  projects: z.array(ZRenewalProject),
  targets: z.array(
    z.object({
      regionCode: z.string(),
      since: z.string(),
      reportedProjects: z.number().int().nullable(),
      reportedInvestmentWan: z.number().nullable(),
      recordedProjects: z.number().int(),
      recordedInvestmentWan: z.number(),
      sourceId: z.string(),
      sourceTitle: z.string(),
    }),
  ),
});
export type TRenewalView = z.infer<typeof ZRenewalView>;

export const ZTransition = z.object({
  id: z.number().int(),
  enterpriseId: z.number().int(),
  enterpriseName: z.string(),
  enterpriseSynthetic: z.boolean(),
  regionCode: z.string().nullable(),
  stage: z.enum(LIFECYCLE),
  occurredOn: z.string(),
  institutionId: z.number().int().nullable(),
  institutionName: z.string().nullable(),
  parkId: z.number().int().nullable(),
  parkName: z.string().nullable(),
  note: z.string().nullable(),
  sourceId: z.string(),
  sourceTitle: z.string(),
  synthetic: z.boolean(),
});
const ZFunnelRow = z.object({
  key: z.string(),
  name: z.string().nullable(),
  reached: z.object({
    lab: z.number().int(),
    incubator: z.number().int(),
    accelerator: z.number().int(),
    park: z.number().int(),
  }),
  medianDays: z.object({
    lab: z.number().nullable().optional(),
    incubator: z.number().nullable().optional(),
    accelerator: z.number().nullable().optional(),
  }),
});
export const ZPipelineView = z.object({
  transitions: z.array(ZTransition),
  byInstitution: z.array(ZFunnelRow.extend({ institutionId: z.number().int().nullable() })),
  byZone: z.array(ZFunnelRow.extend({ regionCode: z.string().nullable() })),
});
