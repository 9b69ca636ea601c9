/** The cockpit (驾驶舱): figures per scope, targets with progress, data freshness and update requests, reports. */
import { z } from 'zod';
import { zText } from './auth.js';
import { idParam } from './limits.js';

const isoDate = z.iso.date();
const LabelZ = z.object({ zh: z.string(), en: z.string() });

export const ZScopeParam = z
  .string()
  .max(32)
  .describe(
    'city (default), district:420111, devzone:donghu (data/reference/devzones.json) or park:ID. A park must be one you can read (else 404).',
  );

export const ZFigurePart = z.object({ key: z.string(), label: LabelZ, value: z.number().nullable() });

export const ZFigure = z
  .object({
    key: z.string().describe("The figure's key, namespaced by the module that declares it ('cockpit.parks')"),
    label: LabelZ,
    unit: LabelZ,
    group: z.string().describe('Cockpit panel: registry, chains, invest, conferences, freshness …'),
    value: z.number().nullable().describe('Null when withheld from your role (redacted) or when nothing is known'),
    asOf: z.string().nullable().describe('As-of date of the newest data behind the value'),
    link: z.string().nullable().describe('Web path of the list behind the figure'),
    parts: z.array(ZFigurePart).optional(),
    redacted: z.boolean().describe('Your role may not see this figure'),
  })
  .describe('One cockpit figure in a scope');

export const ZCockpit = z.object({
  scope: z.string(),
  scopeName: LabelZ,
  generatedAt: z.string(),
  figures: z.array(ZFigure),
  parks: z
    .array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        lat: z.number().nullable(),
        lng: z.number().nullable(),
        parentId: z.number().int().nullable().describe('The park a sub-park (分园) belongs to; null for a park'),
        freshness: z.number().nullable(),
      }),
    )
    .describe(
      'Parks and sub-parks of the scope for the map (each sub-park after its park), with their freshness score (0–100)',
    ),
  targets: z.lazy(() => z.array(ZTargetProgress)),
});

export const ZFigureCatalogEntry = z.object({
  key: z.string(),
  label: LabelZ,
  unit: LabelZ,
  group: z.string(),
  scopes: z.array(z.enum(['city', 'district', 'devzone', 'park'])),
  targetable: z.boolean(),
  confidential: z.boolean(),
});

// ───────────── targets ─────────────

export const TARGET_KINDS = ['target', 'reported'] as const;

export const ZTargetInput = z
  .object({
    metric: z.string().min(1).max(64).describe('A targetable figure key (GET /api/v1/cockpit/figures)'),
    scope: ZScopeParam.default('city'),
    kind: z.enum(TARGET_KINDS).default('target').describe('target: a goal; reported: a figure a source states'),
    label: zText(1, 200),
    labelEn: zText(0, 200).nullable().optional(),
    periodStart: isoDate,
    periodEnd: isoDate,
    value: z.number().min(-1e12).max(1e12),
    unit: zText(1, 20),
    baseline: z.number().min(-1e12).max(1e12).nullable().optional(),
    sourceId: z.string().min(1).max(64).describe('A source (GET /api/v1/sources)'),
    note: zText(0, 2000).nullable().optional(),
    synthetic: z.boolean().default(false),
  })
  .describe('A target (or a reported figure) for a figure in a scope, with its source document');

export const ZTargetPatch = ZTargetInput.partial().extend({ version: z.number().int().min(1).max(2_147_483_647) });

export const ZTarget = z.object({
  id: z.number().int(),
  metric: z.string(),
  scope: z.string(),
  kind: z.enum(TARGET_KINDS),
  label: z.string(),
  labelEn: z.string().nullable(),
  periodStart: z.string(),
  periodEnd: z.string(),
  value: z.number(),
  unit: z.string(),
  baseline: z.number().nullable(),
  sourceId: z.string(),
  sourceTitle: z.string().nullable(),
  sourceUrl: z.string().nullable(),
  note: z.string().nullable(),
  synthetic: z.boolean(),
  version: z.number().int(),
});

export const ZTargetProgress = ZTarget.extend({
  figureLabel: LabelZ.nullable(),
  figureUnit: LabelZ.nullable(),
  current: z.number().nullable().describe('The figure now, in this scope (null when withheld or unknown)'),
  currentAsOf: z.string().nullable(),
  progress: z.number().nullable().describe('Share of the target reached, 0–1+ (from the baseline when known)'),
  trend: z.array(z.object({ on: z.string(), value: z.number() })).describe('Snapshots of the figure, oldest first'),
  forecast: z
    .number()
    .nullable()
    .describe('Linear forecast of the figure at the period end (least squares over baseline, snapshots and now)'),
  onTrack: z.boolean().nullable(),
  link: z.string().nullable(),
  redacted: z.boolean(),
});

// ───────────── freshness ─────────────

export const FACT_KINDS = ['metrics', 'occupancy', 'contacts', 'vacancy'] as const;
export type FactKind = (typeof FACT_KINDS)[number];

export const ZStalenessRule = z.object({
  kind: z.enum(FACT_KINDS),
  label: z.string(),
  labelEn: z.string(),
  period: z.enum(['monthly', 'quarterly', 'yearly', 'yearly_report']),
  graceDays: z.number().int(),
  owner: z.enum(['enterprise', 'park_operator']),
  note: z.string().nullable(),
});

export const ZStaleFact = z.object({
  kind: z.enum(FACT_KINDS),
  recordTable: z.enum(['units', 'occupancies', 'enterprises']),
  recordId: z.number().int(),
  label: z.string(),
  asOf: z.string().nullable(),
  dueBy: z.string().describe('The date by which it should have been confirmed'),
  dueYear: z.number().int().nullable().describe('metrics: the report year due'),
  parkId: z.number().int().nullable(),
  enterpriseId: z.number().int().nullable(),
  ownerOrgId: z.number().int().nullable(),
  ownerOrgName: z.string().nullable(),
});

export const ZFreshnessQuery = z.object({
  scope: ZScopeParam.optional(),
  organisationId: idParam().optional().describe('Only facts owned by this organisation (an operator or enterprise)'),
  enterpriseId: idParam().optional().describe("Only one enterprise's facts"),
  offset: z.coerce
    .number()
    .int()
    .min(0)
    .max(10_000_000)
    .default(0)
    .describe('Skip this many stale facts: the list is paged by 500, oldest first'),
});

export const ZFreshness = z.object({
  scope: z.string(),
  asOf: z.string().describe("Today's date, the staleness reference"),
  rules: z.array(ZStalenessRule),
  totals: z.object({ facts: z.number().int(), stale: z.number().int(), score: z.number().nullable() }),
  parks: z.array(
    z.object({
      parkId: z.number().int(),
      name: z.string(),
      facts: z.number().int(),
      stale: z.number().int(),
      score: z.number().nullable().describe('Share of its facts that are current, 0–100'),
      byKind: z.record(z.string(), z.object({ facts: z.number().int(), stale: z.number().int() })),
    }),
  ),
  owners: z.array(
    z.object({
      organisationId: z.number().int(),
      name: z.string(),
      kind: z.string(),
      stale: z.number().int(),
    }),
  ),
  stale: z.array(ZStaleFact).describe('One page of the stale facts (at most 500, oldest first)'),
  offset: z.number().int().describe('How many stale facts come before this page'),
  truncated: z.boolean().describe('More stale facts follow this page'),
});

export const UPDATE_REQUEST_STATES = ['open', 'answered', 'closed', 'withdrawn'] as const;

export const ZUpdateRequestInput = z.object({
  toOrganisationId: idParam().describe('The organisation that owns the facts'),
  scope: ZScopeParam.default('city').describe('Ask for its stale facts in this scope'),
  message: zText(0, 1000).nullable().optional(),
  dueOn: isoDate.optional().describe('Answer by (default: in 14 days)'),
});

export const ZUpdateItem = z.object({
  id: z.number().int(),
  kind: z.enum(FACT_KINDS),
  recordTable: z.string(),
  recordId: z.number().int(),
  label: z.string(),
  asOfBefore: z.string().nullable(),
  dueYear: z.number().int().nullable(),
  answer: z.enum(['unchanged', 'updated']).nullable(),
  asOfAfter: z.string().nullable(),
  answeredAt: z.string().nullable(),
  /** The current values, pre-filled for the owner (what it confirms unchanged). */
  current: z.record(z.string(), z.unknown()),
});

export const ZUpdateRequest = z.object({
  id: z.number().int(),
  fromOrgId: z.number().int(),
  fromOrgName: z.string(),
  toOrgId: z.number().int(),
  toOrgName: z.string(),
  scope: z.string(),
  message: z.string().nullable(),
  status: z
    .enum(UPDATE_REQUEST_STATES)
    .describe('open: facts unanswered; answered: every fact answered; closed / withdrawn: by the sender'),
  dueOn: z.string(),
  reminders: z.number().int(),
  escalated: z.boolean(),
  createdAt: z.string(),
  answeredAt: z.string().nullable(),
  items: z.array(ZUpdateItem),
  open: z.number().int().describe('Items not answered yet'),
});

export const ZUpdateClose = z.object({
  as: z
    .enum(['closed', 'cancelled'])
    .default('closed')
    .describe('closed: the request got what it needed; cancelled: it is withdrawn. Either way reminders stop'),
  note: z.string().trim().max(500).optional(),
});

export const ZUpdateAnswer = z.object({
  items: z
    .array(
      z.object({
        itemId: idParam(),
        answer: z
          .enum(['unchanged', 'updated'])
          .describe(
            'unchanged: the values hold, their as-of date moves to today; updated: they were edited (metrics: the due year is now filed)',
          ),
      }),
    )
    .min(1)
    .max(2000),
});

// ───────────── reports ─────────────

export const REPORT_KINDS = [
  'district_monthly',
  'park_profile',
  'chain_report',
  'enterprise_profile',
  'event_results',
] as const;

export const ZReportRequest = z.object({
  kind: z.enum(REPORT_KINDS),
  scope: ZScopeParam.optional().describe('district_monthly: district:CODE (or city); park_profile: park:ID'),
  chainCode: z.string().max(16).optional().describe('chain_report: the chain'),
  enterpriseId: idParam().optional().describe('enterprise_profile: the enterprise'),
  eventId: idParam().optional().describe('event_results: the event (conference) whose results to report'),
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional()
    .describe('district_monthly: YYYY-MM (default: the last full month)'),
  lang: z.enum(['zh', 'en']).default('zh'),
});

export const ZReport = z.object({
  id: z.number().int(),
  kind: z.string(),
  scope: z.string(),
  lang: z.string(),
  asOf: z.string(),
  filename: z.string(),
  bytes: z.number().int(),
  createdAt: z.string(),
  url: z.string(),
});

export type TFigure = z.infer<typeof ZFigure>;
export type TCockpit = z.infer<typeof ZCockpit>;
export type TTarget = z.infer<typeof ZTarget>;
export type TTargetProgress = z.infer<typeof ZTargetProgress>;
export type TFreshness = z.infer<typeof ZFreshness>;
export type TStaleFact = z.infer<typeof ZStaleFact>;
export type TUpdateRequest = z.infer<typeof ZUpdateRequest>;
export type TReport = z.infer<typeof ZReport>;
export type TReportRequest = z.infer<typeof ZReportRequest>;
