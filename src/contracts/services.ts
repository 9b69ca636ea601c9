/** Enterprise services (DESIGN.md M7, issue 15): tickets, service levels, visits, policies, eligibility. */
import { z } from 'zod';
import { zText } from './auth.js';
import { idParam } from './limits.js';

export const SERVICE_SYSTEMS = ['technology', 'finance', 'market', 'talent', 'information', 'management'] as const;
export type ServiceSystem = (typeof SERVICE_SYSTEMS)[number];

export const TICKET_STATUSES = ['open', 'waiting_enterprise', 'resolved', 'closed', 'merged'] as const;
export const TICKET_LEVELS = ['park', 'district', 'city'] as const;
export const TICKET_CHANNELS = ['enterprise', 'butler', 'visit'] as const;
export const VISIT_STATUSES = ['planned', 'held', 'cancelled'] as const;
/** What a visit note may flag; each is routed as a ticket to the team that owns its category. */
export const VISIT_FLAGS = ['financing_need', 'space_need', 'hiring', 'relocation_risk', 'policy_question'] as const;
export type VisitFlag = (typeof VISIT_FLAGS)[number];
/** The category a flag opens a ticket in (categories: data/services/categories.json). */
export const FLAG_CATEGORY: Record<VisitFlag, string> = {
  financing_need: 'finance.financing',
  space_need: 'management.space',
  hiring: 'talent.recruitment',
  relocation_risk: 'management.retention',
  policy_question: 'information.policy',
};
export const SLA_STATUSES = ['running', 'paused', 'met', 'missed', 'overdue'] as const;
export const VERDICTS = ['eligible', 'near', 'not_eligible', 'unknown'] as const;

/** A calendar day 'YYYY-MM-DD' that exists (not 2026-02-30, which Date.parse accepts). */
export const isoDay = () =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'invalid_format')
    .refine((s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    }, 'invalid_format');
const isoDate = isoDay();
const link = z
  .string()
  .trim()
  .max(500)
  .regex(/^https?:\/\/\S+$/, 'invalid_format');

export const ZCategory = z.object({
  code: z.string(),
  system: z.enum(SERVICE_SYSTEMS),
  nameZh: z.string(),
  nameEn: z.string(),
  ownerLevel: z.enum(['district', 'city']),
});
export type TCategory = z.infer<typeof ZCategory>;

export const ZSlaTarget = z.object({
  target: z.enum(['first_response', 'resolution']),
  minutes: z.number(),
  dueAt: z.string().nullable().describe('When the target falls due, in working time; null while the clock is paused'),
  status: z.enum(SLA_STATUSES),
  remainingMinutes: z.number().nullable().describe('Working minutes left (negative: overdue)'),
});

export const ZAttachment = z.object({ name: zText(1, 200), url: link });

export const ZTicketInput = z.object({
  enterpriseId: idParam().describe('The firm the request is for (an enterprise user: its own only)'),
  categoryCode: z.string().min(1).max(64).describe('A category of one of the six service systems'),
  title: zText(1, 200),
  body: zText(0, 5000).default(''),
  attachments: z.array(ZAttachment).max(10).default([]),
});
export type TTicketInput = z.infer<typeof ZTicketInput>;

export const ZTicketMessageInput = z.object({
  kind: z.enum(['reply', 'note']).describe('reply reaches the enterprise; note stays with the service side'),
  body: zText(1, 5000),
  attachments: z.array(ZAttachment).max(10).default([]),
  waitOnEnterprise: z.boolean().default(false).describe('Stop the clock until the enterprise answers'),
});

/** Largest file a ticket's message may carry. */
export const MAX_TICKET_FILE_BYTES = 10 * 1024 * 1024;
/** Files a ticket takes, by extension, and the type each is stored and sent with (the browser's is not trusted). */
export const TICKET_FILE_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  ofd: 'application/ofd',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  txt: 'text/plain',
  csv: 'text/csv',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  zip: 'application/zip',
};

/** The text fields of a file upload (multipart, sent before the `file` part). */
export const ZTicketFileFields = z.object({
  kind: z
    .enum(['reply', 'note'])
    .default('reply')
    .describe('reply reaches the enterprise; note stays with the service side'),
  body: zText(0, 5000).default('').describe('Optional text sent with the file'),
  waitOnEnterprise: z.enum(['true', 'false']).default('false').describe('Stop the clock until the enterprise answers'),
});

export const ZTicketFile = z.object({
  id: z.number(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number(),
});

export const ZTicketAction = z.discriminatedUnion('action', [
  z.object({ action: z.literal('assign'), assigneeUserId: idParam().nullable() }),
  z.object({ action: z.literal('resolve'), body: zText(0, 2000).default('') }),
  z.object({ action: z.literal('close') }),
  z.object({ action: z.literal('reopen'), body: zText(1, 2000) }),
  z.object({ action: z.literal('merge'), intoTicketId: idParam() }),
  z.object({
    action: z.literal('rate'),
    satisfaction: z.number().int().min(1).max(5),
    comment: zText(0, 1000).default(''),
  }),
]);
export type TTicketAction = z.infer<typeof ZTicketAction>;

export const ZTicketMessage = z.object({
  id: z.number(),
  kind: z.enum(['reply', 'note', 'event']),
  authorName: z.string(),
  fromEnterprise: z.boolean(),
  body: z.string(),
  attachments: z.array(z.object({ name: z.string(), url: z.string() })).describe('Links'),
  files: z.array(ZTicketFile).describe('Uploaded files: GET /api/v1/services/tickets/{id}/files/{fileId}'),
  createdAt: z.string(),
});

export const ZTicket = z.object({
  id: z.number(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  parkId: z.number().nullable(),
  parkName: z.string().nullable(),
  categoryCode: z.string(),
  system: z.enum(SERVICE_SYSTEMS),
  title: z.string(),
  body: z.string(),
  status: z.enum(TICKET_STATUSES),
  level: z.enum(TICKET_LEVELS),
  teamOrganisationId: z.number().nullable(),
  teamName: z.string().nullable(),
  assigneeUserId: z.number().nullable(),
  assigneeName: z.string().nullable(),
  channel: z.enum(TICKET_CHANNELS),
  visitId: z.number().nullable(),
  visitFlag: z.string().nullable(),
  mergedIntoId: z.number().nullable(),
  firstResponseAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  reopenedCount: z.number(),
  satisfaction: z.number().nullable(),
  satisfactionComment: z.string().nullable(),
  escalations: z.number(),
  sla: z.object({ firstResponse: ZSlaTarget, resolution: ZSlaTarget }),
  synthetic: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type TTicket = z.infer<typeof ZTicket>;
export const ZTicketDetail = ZTicket.extend({ messages: z.array(ZTicketMessage) });

export const ZTicketQuery = z.object({
  status: z.enum(TICKET_STATUSES).optional(),
  system: z.enum(SERVICE_SYSTEMS).optional(),
  enterpriseId: idParam().optional(),
  mine: z.enum(['true', 'false']).optional().describe('Tickets assigned to the caller'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const ZWindow = z.object({
  start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'invalid_format'),
  end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'invalid_format'),
});
export const ZServiceHours = z.object({ windows: z.array(ZWindow).min(1).max(6) });

const minutes = () =>
  z
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 90)
    .describe('Working minutes');
export const ZSlaPolicyInput = z.object({
  categoryCode: z.string().min(1).max(64).nullable().describe('null: every category'),
  organisationId: idParam().nullable().describe('null: every organisation'),
  firstResponseMinutes: minutes(),
  resolutionMinutes: minutes(),
  warnMinutes: z
    .number()
    .int()
    .min(0)
    .max(60 * 24 * 90)
    .default(0),
});
export const ZSlaPolicy = ZSlaPolicyInput.extend({ id: z.number(), synthetic: z.boolean(), version: z.number() });

export const ZCalendarDay = z.object({
  day: z.string(),
  working: z.boolean(),
  reason: z.enum(['weekday', 'weekend', 'holiday', 'makeup', 'override', 'uncovered']),
});
export const ZCalendar = z.object({
  coveredYears: z.array(z.number()).describe('Years with a published holiday and 调休 schedule in chinese-days'),
  package: z.string(),
  days: z.array(ZCalendarDay),
});

// ───────────── visits ─────────────
export const ZVisitInput = z.object({
  enterpriseId: idParam(),
  plannedOn: isoDate,
  purpose: zText(0, 500).default(''),
  /** Plan it anyway although others visit within the quiet period (after reading the warning). */
  confirmDespiteRecent: z.boolean().default(false),
});
export const ZVisitRecord = z.object({
  heldOn: isoDate,
  notes: zText(0, 5000).default(''),
  flags: z.array(z.enum(VISIT_FLAGS)).max(VISIT_FLAGS.length).default([]),
});
export const ZVisit = z.object({
  id: z.number(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  organisationId: z.number(),
  organisationName: z.string(),
  joinedOrganisations: z.array(z.object({ id: z.number(), name: z.string() })),
  plannedOn: z.string(),
  heldOn: z.string().nullable(),
  status: z.enum(VISIT_STATUSES),
  purpose: z.string(),
  notes: z.string().nullable().describe('Hidden from the enterprise (the agencies’ notes)'),
  flags: z.array(z.string()),
  ticketIds: z.array(z.number()),
  synthetic: z.boolean(),
  version: z.number(),
});
export type TVisit = z.infer<typeof ZVisit>;
export const ZVisitConflict = z.object({
  quietPeriodDays: z.number(),
  others: z.array(ZVisit),
});
export const ZVisitPlanned = z.object({ visit: ZVisit.nullable(), conflict: ZVisitConflict.nullable() });

export const ZRetentionRow = z.object({
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  regionCode: z.string().nullable(),
  lastVisitOn: z.string().nullable(),
  riskFlags: z.number(),
  openRetentionTickets: z.number(),
  lastFlaggedOn: z.string().nullable(),
});

// ───────────── policies ─────────────
export const ZCondition = z.object({
  id: z.string().trim().min(1).max(40),
  field: z.string().min(1).max(64),
  op: z.string().min(1).max(16),
  value: z.union([
    z.number(),
    z.string().max(64),
    z.boolean(),
    z.array(z.union([z.number(), z.string().max(64)])).max(500),
  ]),
  citation: zText(1, 300),
  label: zText(0, 200).optional(),
});
export const ZPolicyInput = z.object({
  code: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[a-z0-9][a-z0-9._-]*$/, 'invalid_format'),
  title: zText(1, 200),
  titleEn: zText(0, 200).nullable().optional(),
  issuer: zText(1, 200),
  documentNo: zText(0, 100).nullable().optional(),
  documentUrl: link.nullable().optional(),
  validFrom: isoDate.nullable().optional(),
  validUntil: isoDate.nullable().optional(),
  autoGrant: z.boolean().default(false).describe('免申即享: granted to qualifying firms without an application'),
  summary: zText(0, 2000).default(''),
  conditions: z.array(ZCondition).min(1).max(50),
  note: zText(0, 500).default('').describe('What changed in this version'),
});
export type TPolicyInput = z.infer<typeof ZPolicyInput>;
export const ZPolicy = z.object({
  id: z.number(),
  code: z.string(),
  title: z.string(),
  titleEn: z.string().nullable(),
  issuer: z.string(),
  documentNo: z.string().nullable(),
  documentUrl: z.string().nullable(),
  validFrom: z.string().nullable(),
  validUntil: z.string().nullable(),
  autoGrant: z.boolean(),
  summary: z.string(),
  currentVersion: z.number(),
  conditions: z.array(ZCondition),
  synthetic: z.boolean(),
  version: z.number(),
});
export type TPolicy = z.infer<typeof ZPolicy>;

export const ZConditionResult = z.object({
  id: z.string(),
  field: z.string(),
  op: z.string(),
  expected: z.unknown(),
  actual: z.unknown(),
  outcome: z.enum(['pass', 'fail', 'unknown']),
  citation: z.string(),
  gap: z.number().optional(),
});
export const ZEligibility = z.object({
  policyId: z.number(),
  policyCode: z.string(),
  title: z.string(),
  autoGrant: z.boolean(),
  version: z.number(),
  verdict: z.enum(VERDICTS),
  failing: z.array(ZConditionResult),
});
export const ZFirmEligibility = z.object({
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  eligible: z.array(ZEligibility),
  near: z.array(ZEligibility),
});
export const ZWhatIf = z.object({
  values: z
    .record(z.string().max(64), z.union([z.number(), z.string().max(64), z.boolean(), z.null()]))
    .describe('Field → value to assume instead of the registry’s'),
  addTiers: z.array(z.string().max(64)).max(20).default([]),
});
export const ZTestRun = z.object({
  conditions: z.array(ZCondition).min(1).max(50),
  limit: z.number().int().min(1).max(200).default(50),
});
export const ZTestRunResult = z.object({
  firms: z.number(),
  eligible: z.number(),
  near: z.number(),
  byCondition: z.array(z.object({ id: z.string(), fails: z.number(), unknown: z.number() })),
  sample: z.array(
    z.object({
      enterpriseId: z.number(),
      enterpriseName: z.string(),
      verdict: z.enum(VERDICTS),
      failing: z.array(ZConditionResult),
    }),
  ),
});

export const ZDashboard = z.object({
  from: z.string(),
  to: z.string(),
  total: z.number(),
  open: z.number(),
  bySystem: z.array(
    z.object({
      system: z.enum(SERVICE_SYSTEMS),
      tickets: z.number(),
      firstResponseMet: z.number(),
      firstResponseMissed: z.number(),
      resolutionMet: z.number(),
      resolutionMissed: z.number(),
      satisfactionAvg: z.number().nullable(),
      rated: z.number(),
    }),
  ),
  byPark: z.array(
    z.object({
      parkId: z.number().nullable(),
      parkName: z.string().nullable(),
      tickets: z.number(),
      firstResponseMet: z.number(),
      firstResponseMissed: z.number(),
      satisfactionAvg: z.number().nullable(),
    }),
  ),
  visits: z.object({ planned: z.number(), held: z.number(), flagged: z.number() }),
});
