/** Investment promotion (DESIGN M3): projects, follow-ups, supervision orders, events, results. */
import { z } from 'zod';
import { int32 } from './limits.js';

export const PROJECT_STAGES = [
  'lead',
  'contact',
  'site_visit',
  'negotiation',
  'signed',
  'started',
  'in_production',
  'lost',
] as const;
export type ProjectStage = (typeof PROJECT_STAGES)[number];
/** The stages of the pipeline, in order (lost is not one of them). */
export const PIPELINE_STAGES = PROJECT_STAGES.filter((s) => s !== 'lost') as Exclude<ProjectStage, 'lost'>[];

/** 意向 / 框架协议 / 投资协议 / 正式合同: the kinds of agreement a signing records. */
export const AGREEMENT_KINDS = ['intent', 'framework', 'investment', 'contract'] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

export const SOURCE_KINDS = ['event', 'referral', 'fund', 'agent', 'inbound', 'chain_gap', 'other'] as const;
export const FOLLOW_UP_KINDS = ['visit', 'call', 'meeting', 'other'] as const;
export const ORDER_STATUSES = ['open', 'responded', 'closed'] as const;
export const OUTCOME_KINDS = ['signing', 'intention'] as const;
export const ITINERARY_KINDS = ['park', 'enterprise', 'meeting', 'other'] as const;
export const ORIGIN_REGIONS = [
  'jjj',
  'yrd',
  'gba',
  'chengyu',
  'middle_yangtze',
  'other_domestic',
  'overseas',
  'unknown',
] as const;
export type OriginRegion = (typeof ORIGIN_REGIONS)[number];

/**
 * Fields hidden behind a project's code name from those without the right (only city-wide roles,
 * the owner and the team see them): returned as null and listed in `redacted`.
 */
export const PROJECT_CONFIDENTIAL_FIELDS = [
  'name',
  'investorName',
  'investorEnterpriseId',
  'investorEnterpriseName',
  'description',
] as const;

const money = z.number().min(0).max(1e9);
const date = z.iso.date();
const text = (max: number) => z.string().trim().max(max);

export const ZProjectFields = z.object({
  codeName: text(60).min(1).describe('Confidential code name (项目代号), shown to everyone who sees the project'),
  name: text(200).nullish().describe('Real project name (confidential)'),
  investorEnterpriseId: int32().positive().nullish().describe('Investor in the registry (may be non-local)'),
  investorName: text(200).nullish().describe('Free-text investor when it is not in the registry'),
  investorRegionCode: z
    .string()
    .regex(/^\d{2}(\d{2}){0,2}$/)
    .nullish()
    .describe('GB/T 2260 code of the investor origin: province (2), city (4) or county (6 digits)'),
  investorCountry: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .nullish()
    .describe('ISO 3166 alpha-2 country of an overseas investor (null or CN: domestic)'),
  investmentWan: money.nullish().describe('Planned investment, 万元'),
  annualOutputWan: money.nullish().describe('Expected annual output, 万元'),
  jobs: z.number().int().min(0).max(1e6).nullish(),
  areaM2: z.number().min(0).max(1e8).nullish().describe('Space need: floor area, m²'),
  floorLoadKnM2: z.number().min(0).max(1000).nullish().describe('Space need: floor load, kN/m²'),
  landMu: z.number().min(0).max(1e6).nullish().describe('Space need: land, 亩'),
  chainCode: z.string().max(16).nullish(),
  nodeId: z.string().max(80).nullish().describe('Chain template node id, e.g. oe.laser'),
  sourceKind: z.enum(SOURCE_KINDS).default('inbound'),
  sourceEventId: int32().positive().nullish(),
  referrerEnterpriseId: int32().positive().nullish().describe('以商招商: the referring local enterprise'),
  sourceNote: text(500).nullish(),
  ownerId: int32().positive().nullish().describe('Owner (user); defaults to the creator'),
  teamIds: z.array(int32().positive()).max(20).optional().describe('Team members (users)'),
  shared: z.boolean().default(false).describe('Visible to every investment officer'),
  parkId: int32().positive().nullish().describe('Landing park'),
  nextFollowUpOn: date.nullish(),
  description: text(2000).nullish(),
  agreementKind: z
    .enum(AGREEMENT_KINDS)
    .nullish()
    .describe('The signed agreement: intent 意向, framework 框架协议, investment 投资协议, contract 正式合同'),
  contractedInvestmentWan: money.nullish().describe('签约投资额: the investment the signing contracts, 万元'),
  fundsInPlaceWan: money.nullish().describe('到位资金: investment arrived to date, 万元'),
  libraryOn: date.nullish().describe('入库: the day the project entered the project library (null: not yet)'),
  statsOn: date.nullish().describe('纳统: the day the project entered the statistics (null: not yet)'),
});
/** The fields a person edits on a project (form fields; all but teamIds are columns of projects). */
export const PROJECT_FIELDS = ZProjectFields.keyof().options;

export const ZProjectInput = ZProjectFields.extend({
  stage: z.enum(PIPELINE_STAGES).default('lead').describe('Initial stage (use the stage move to lose a project)'),
  signedOn: date.nullish(),
  synthetic: z.boolean().default(false),
  sourceId: z.string().max(64).default('user'),
  asOf: date.nullish(),
});
export type TProjectInput = z.input<typeof ZProjectInput>;

export const ZProjectPatch = ZProjectFields.partial().extend({
  // without their create defaults: a change that leaves them out keeps them as they are
  sourceKind: z.enum(SOURCE_KINDS).optional(),
  shared: z.boolean().optional().describe('Visible to every investment officer'),
  version: int32().positive().describe('The version the change is based on'),
});

export const ZStageMove = z.object({
  version: int32().positive(),
  stage: z.enum(PROJECT_STAGES),
  reason: text(500).nullish().describe('Required to lose a project and to step back after signing'),
  onDate: date
    .nullish()
    .describe('Date of the signing / start / production: required for a forward move into one of them'),
  agreementKind: z.enum(AGREEMENT_KINDS).nullish().describe('Required for a signing: the kind of agreement'),
  contractedInvestmentWan: money.nullish().describe('Required for a signing: the contracted investment, 万元'),
});

export const ZFollowUpInput = z.object({
  onDate: date,
  kind: z.enum(FOLLOW_UP_KINDS),
  note: text(2000).min(1),
  nextOn: date.nullish().describe('Next follow-up date; becomes the project’s'),
});

export const ZContactInput = z.object({
  name: text(100).min(1),
  title: text(100).nullish(),
  phone: text(40).nullish(),
  email: text(200).nullish(),
  note: text(500).nullish(),
});
export const ZDocumentInput = z.object({
  name: text(200).min(1),
  url: z.url().max(1000).nullish(),
  note: text(1000).nullish(),
});

export const ZOrderInput = z.object({
  instruction: text(1000).min(1),
  dueOn: date,
  assigneeId: int32().positive().nullish().describe('Default: the project owner'),
});
export const ZOrderResponse = z.object({ response: text(2000).min(1), version: int32().positive() });

export const ZFromCandidate = z.object({
  chainCode: z.string().max(16),
  nodeId: z.string().max(80),
  enterpriseId: int32().positive(),
  scope: z.string().max(32).default('city'),
  reasons: z.array(z.unknown()).max(20).optional(),
  score: z.number().nullish(),
});

export const ZEventDetails = z.object({
  version: int32().positive(),
  organisers: z.array(z.object({ name: text(200).min(1) })).max(50),
  participantOrgs: z.array(z.object({ name: text(200).min(1), kind: text(40).nullish() })).max(500),
  people: z
    .array(z.object({ name: text(100).min(1), title: text(100).nullish(), organisation: text(200).nullish() }))
    .max(500),
  itinerary: z
    .array(
      z.object({
        onDate: date.nullish(),
        kind: z.enum(ITINERARY_KINDS),
        place: text(200).min(1),
        parkId: int32().positive().nullish(),
        enterpriseId: int32().positive().nullish(),
        note: text(500).nullish(),
      }),
    )
    .max(100),
});
export const ZOutcomeInput = z.object({
  projectId: int32().positive(),
  kind: z.enum(OUTCOME_KINDS),
  onDate: date.nullish(),
  note: text(500).nullish(),
});

export const ZProject = z.object({
  id: z.number().int(),
  codeName: z.string(),
  name: z.string().nullable(),
  investorEnterpriseId: z.number().nullable(),
  investorEnterpriseName: z.string().nullable(),
  investorName: z.string().nullable(),
  investorRegionCode: z.string().nullable(),
  investorCountry: z.string().nullable(),
  originRegion: z.enum(ORIGIN_REGIONS),
  stage: z.enum(PROJECT_STAGES),
  lostReason: z.string().nullable(),
  lostFromStage: z.string().nullable(),
  investmentWan: z.number().nullable(),
  annualOutputWan: z.number().nullable(),
  jobs: z.number().nullable(),
  areaM2: z.number().nullable(),
  floorLoadKnM2: z.number().nullable(),
  landMu: z.number().nullable(),
  chainCode: z.string().nullable(),
  nodeId: z.string().nullable(),
  sourceKind: z.enum(SOURCE_KINDS),
  sourceEventId: z.number().nullable(),
  sourceEventName: z.string().nullable(),
  referrerEnterpriseId: z.number().nullable(),
  referrerEnterpriseName: z.string().nullable(),
  sourceNote: z.string().nullable(),
  shortlistId: z.number().nullable(),
  ownerId: z.number().nullable(),
  ownerName: z.string().nullable(),
  teamIds: z.array(z.number()),
  shared: z.boolean(),
  parkId: z.number().nullable(),
  parkName: z.string().nullable(),
  nextFollowUpOn: z.string().nullable(),
  overdue: z.boolean().describe('The next follow-up date has passed (open projects only)'),
  openOrders: z.number(),
  signedOn: z.string().nullable(),
  startedOn: z.string().nullable(),
  producedOn: z.string().nullable(),
  agreementKind: z.enum(AGREEMENT_KINDS).nullable(),
  contractedInvestmentWan: z.number().nullable(),
  fundsInPlaceWan: z.number().nullable(),
  libraryOn: z.string().nullable(),
  statsOn: z.string().nullable(),
  description: z.string().nullable(),
  sourceId: z.string(),
  asOf: z.string().nullable(),
  synthetic: z.boolean(),
  version: z.number(),
  stageChangedAt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  canEdit: z.boolean(),
  redacted: z.array(z.string()).optional(),
});
export type TProject = z.infer<typeof ZProject>;

// ───────────────────────── answers of the invest routes (response schemas) ─────────────────────────
//
// What the investment routes answer. The module's own row types are in server/modules/invest/types.ts;
// schema-check.ts there checks at compile time that the two agree. Fields confidential behind a code
// name (PROJECT_CONFIDENTIAL_FIELDS) are null for those who may not see them, and so are notes that
// may name the investor; the schemas allow both.

const iso = z.string().describe('ISO 8601 timestamp');
const day = z.string().describe('ISO 8601 date (YYYY-MM-DD)');

/** A supervision order (督办) with its project's code name and the names of issuer and assignee. */
export const ZOrder = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  issuedBy: z.number().int().nullable(),
  assigneeId: z.number().int().nullable(),
  instruction: z.string(),
  dueOn: day,
  status: z.enum(ORDER_STATUSES),
  response: z.string().nullable(),
  respondedAt: iso.nullable(),
  closedAt: iso.nullable(),
  synthetic: z.boolean(),
  version: z.number().int(),
  createdAt: iso,
  codeName: z.string(),
  issuedByName: z.string().nullable(),
  assigneeName: z.string().nullable(),
  overdue: z.boolean().describe('Open and past its due date'),
});
export type TOrder = z.infer<typeof ZOrder>;

export const ZContact = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  name: z.string(),
  title: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: iso,
});

export const ZDocument = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  name: z.string(),
  url: z.string().nullable(),
  note: z.string().nullable(),
  addedBy: z.string().nullable(),
  createdAt: iso,
});
/** A document as the project page lists it, with its stored file (null without one). */
export const ZDocumentWithFile = ZDocument.extend({
  fileName: z.string().nullable(),
  contentType: z.string().nullable(),
  sizeBytes: z.number().int().nullable(),
});

export const ZFollowUp = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  onDate: day,
  kind: z.enum(FOLLOW_UP_KINDS),
  note: z.string().nullable().describe('Null behind a code name (notes often name the investor)'),
  nextOn: day.nullable(),
  byUserId: z.number().int().nullable(),
  synthetic: z.boolean(),
  createdAt: iso,
});
export const ZFollowUpWithBy = ZFollowUp.extend({ byName: z.string().nullable() });

export const TIMELINE_KINDS = [
  'created',
  'stage',
  'fields',
  'follow_up',
  'order',
  'contact',
  'document',
  'outcome',
] as const;
export const ZTimelineEntry = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  at: iso,
  actor: z.string().nullable(),
  kind: z.enum(TIMELINE_KINDS),
  fromStage: z.string().nullable(),
  toStage: z.string().nullable(),
  changes: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe(
      'fields: {field: [before, after]} (confidential fields withheld as "…" behind a code name); other kinds: details',
    ),
  note: z.string().nullable(),
});

/** A project's signing or intention at an event. */
export const ZProjectOutcome = z.object({
  id: z.number().int(),
  eventId: z.number().int(),
  projectId: z.number().int(),
  kind: z.enum(OUTCOME_KINDS),
  onDate: day.nullable(),
  note: z.string().nullable(),
  synthetic: z.boolean(),
  createdAt: iso,
  eventName: z.string(),
  eventKind: z.string(),
});

export const ZTeamMember = z.object({ id: z.number().int(), displayName: z.string(), role: z.string() });

export const ZProjectDetail = z.object({
  project: ZProject,
  team: z.array(ZTeamMember),
  contacts: z.array(ZContact).describe('Empty behind a code name'),
  documents: z.array(ZDocumentWithFile).describe('Empty behind a code name'),
  followUps: z.array(ZFollowUpWithBy),
  timeline: z.array(ZTimelineEntry),
  outcomes: z.array(ZProjectOutcome),
  orders: z.array(ZOrder),
  contactsHidden: z.boolean().describe('The project shows behind its code name: contacts and documents withheld'),
});

/** An event's followed results: projects signed there, intentions, started, producing, signed investment. */
const eventResults = {
  signedProjects: z.number().int(),
  intentionProjects: z.number().int(),
  startedProjects: z.number().int(),
  producingProjects: z.number().int(),
  signedInvestmentWan: z.number().describe('Sum of the planned investment of the projects signed there, 万元'),
};

export const ZEventListItem = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.string(),
  city: z.string().nullable(),
  startedOn: day.nullable(),
  endedOn: day.nullable(),
  dateEstimated: z
    .boolean()
    .describe('The dates are inferred from the source (shown as approximate), not stated in it'),
  signings: z.number().int().nullable(),
  intentions: z.number().int().nullable(),
  participants: z.number().int().nullable(),
  sourceId: z.string(),
  synthetic: z.boolean(),
  asOf: day.nullable(),
  ...eventResults,
});
export const ZEventList = z.object({ total: z.number().int(), items: z.array(ZEventListItem) });

export const ZEventFull = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.string(),
  city: z.string().nullable(),
  startedOn: day.nullable(),
  endedOn: day.nullable(),
  dateEstimated: z
    .boolean()
    .describe('The dates are inferred from the source (shown as approximate), not stated in it'),
  signings: z.number().int().nullable(),
  intentions: z.number().int().nullable(),
  participants: z.number().int().nullable(),
  description: z.string().nullable(),
  sourceId: z.string(),
  asOf: day.nullable(),
  synthetic: z.boolean(),
  version: z.number().int(),
  createdAt: iso,
  updatedAt: iso,
  organisers: z.array(z.object({ name: z.string() })),
  participantOrgs: z.array(z.object({ name: z.string(), kind: z.string().nullish() })),
  people: z.array(z.object({ name: z.string(), title: z.string().nullish(), organisation: z.string().nullish() })),
  sourceTitle: z.string().nullable(),
  ...eventResults,
});

export const ZItineraryStop = z.object({
  id: z.number().int(),
  eventId: z.number().int(),
  position: z.number().int(),
  onDate: day.nullable(),
  kind: z.enum(ITINERARY_KINDS),
  place: z.string(),
  parkId: z.number().int().nullable(),
  enterpriseId: z.number().int().nullable(),
  note: z.string().nullable(),
  parkName: z.string().nullable(),
  enterpriseName: z.string().nullable(),
});

/** An event's outcome; a project the caller may not read shows only its code name and stage. */
export const ZEventOutcome = z.object({
  id: z.number().int(),
  eventId: z.number().int(),
  projectId: z.number().int(),
  kind: z.enum(OUTCOME_KINDS),
  onDate: day.nullable(),
  note: z.string().nullable(),
  synthetic: z.boolean(),
  createdAt: iso,
  codeName: z.string(),
  stage: z.enum(PROJECT_STAGES),
  investmentWan: z
    .number()
    .nullable()
    .describe('Planned investment, 万元; null when the caller may not open the project'),
  projectSynthetic: z.boolean(),
  readable: z.boolean().describe('The caller may open the project'),
});

export const ZEventDetail = z.object({
  event: ZEventFull,
  itinerary: z.array(ZItineraryStop),
  outcomes: z.array(ZEventOutcome),
  canEdit: z.boolean(),
});

export const REMINDER_BUCKETS = ['overdue', 'today', 'this_week', 'later'] as const;
export const ZReminders = z.object({
  today: day,
  followUps: z.array(
    z.object({
      projectId: z.number().int(),
      codeName: z.string(),
      stage: z.enum(PROJECT_STAGES),
      nextFollowUpOn: day,
      bucket: z.enum(REMINDER_BUCKETS),
    }),
  ),
  orders: z.array(ZOrder).describe('Open orders assigned to the caller'),
});

export const ZDigest = z.object({
  week: z.string().describe('ISO week, e.g. 2026-W47'),
  from: day,
  to: day,
  officer: z.object({ id: z.number().int(), displayName: z.string() }),
  projects: z.number().int(),
  moves: z.array(
    z.object({
      projectId: z.number().int(),
      codeName: z.string(),
      fromStage: z.string().nullable(),
      toStage: z.string().nullable(),
      at: iso,
    }),
  ),
  followUps: z.array(
    z.object({
      projectId: z.number().int(),
      codeName: z.string(),
      onDate: day,
      kind: z.string(),
      note: z.string(),
    }),
  ),
  overdue: z.array(
    z.object({
      projectId: z.number().int(),
      codeName: z.string(),
      nextFollowUpOn: day,
      daysOverdue: z.number().int(),
    }),
  ),
  orders: z.array(
    z.object({
      id: z.number().int(),
      projectId: z.number().int(),
      codeName: z.string(),
      instruction: z.string(),
      dueOn: day,
      status: z.string(),
      overdue: z.boolean(),
    }),
  ),
});
export const ZDigestAnswer = ZDigest.extend({ markdown: z.string().describe('The digest as the body of an e-mail') });

const ZResultGroup = z.object({
  key: z.string(),
  label: z.string(),
  projects: z.number().int(),
  signings: z.number().int(),
  investmentWan: z.number(),
  contractedWan: z.number().describe('签约投资额 of its signings, 万元'),
  fundsInPlaceWan: z.number().describe('到位资金 of its signings, 万元'),
  started: z.number().int(),
});
export const ZResults = z.object({
  total: z.number().int(),
  funnel: z.array(z.object({ stage: z.enum(PROJECT_STAGES), current: z.number().int(), reached: z.number().int() })),
  lost: z.number().int(),
  byEvent: z.array(ZResultGroup),
  byOfficer: z.array(ZResultGroup),
  byPark: z.array(ZResultGroup),
  byChain: z.array(ZResultGroup),
  byRegion: z.array(ZResultGroup),
  conversion: z.object({ intentions: z.number().int(), signed: z.number().int(), started: z.number().int() }),
  signings: z.object({
    count: z.number().int(),
    byAgreement: z.array(
      z.object({
        kind: z.enum([...AGREEMENT_KINDS, 'unknown']),
        count: z.number().int(),
        contractedWan: z.number(),
      }),
    ),
    contractedWan: z.number(),
    fundsInPlaceWan: z.number(),
    fundsRate: z.number().nullable().describe('Funds in place over contracted investment (null without any)'),
    inLibrary: z.number().int(),
    inStats: z.number().int(),
  }),
});

export const ZPerson = z.object({ id: z.number().int(), displayName: z.string(), role: z.string() });

/** A gap-filling candidate on the chain shortlist, not yet a project (figures redacted as in chains). */
export const ZShortlistLead = z.object({
  id: z.number().int(),
  chainCode: z.string(),
  nodeId: z.string(),
  enterpriseId: z.number().int(),
  scope: z.string(),
  reasons: z.array(z.record(z.string(), z.unknown())),
  score: z.number().nullable(),
  createdBy: z.string().nullable(),
  createdAt: iso,
  enterpriseName: z.string(),
  enterpriseRegion: z.string().nullable(),
});
