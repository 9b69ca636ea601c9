/**
 * Matchmaking at conferences (issue 6 item 4): settings, participants, meeting requests, scheduler
 * runs, schedule and agendas. Shared by the API (validation, OpenAPI), the web client and the demo loader.
 */
import { z } from 'zod';
import { int32 } from './limits.js';

export const PARTICIPANT_ROLES = ['buyer', 'seller', 'investor', 'park'] as const;
export const REQUEST_STATUSES = ['pending', 'accepted', 'declined', 'expired', 'cancelled'] as const;
export const TABLE_MODES = ['pooled', 'fixed'] as const;
export const RUN_METHODS = ['auto', 'exact', 'heuristic'] as const;
/** 3 must meet, 2 meet, 1 nice to meet. */
export const PRIORITIES = [3, 2, 1] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

const isoDate = z.iso.date().describe('ISO date, YYYY-MM-DD');
export const ZClock = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
  .describe('Time of day, HH:MM (24 h)');
const text = (max: number) => z.string().trim().min(1).max(max);
const cap = int32().positive().max(500).nullable().optional();

export const ZBreak = z.object({ start: ZClock, end: ZClock });
export const ZSession = z.object({
  key: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,15}$/)
    .describe('Short id of the session, e.g. "am"; slot ids are built from it'),
  name: z.string().trim().max(60).nullable().optional().describe('Label, e.g. 上午场'),
  date: isoDate,
  start: ZClock,
  end: ZClock,
  breaks: z.array(ZBreak).max(10).default([]),
});

export const ZTableArea = z.object({
  from: z.number().int().min(1).max(2000).describe('First table number of the area'),
  to: z.number().int().min(1).max(2000).describe('Last table number of the area (inclusive)'),
  location: text(100).describe('Where these tables stand, e.g. 3F 多功能厅 A 区'),
});
export type TTableArea = z.infer<typeof ZTableArea>;

export const ZConferenceSettingsInput = z.object({
  sessions: z.array(ZSession).min(1).max(20),
  venue: z.string().trim().max(200).nullable().optional().describe('Venue of the conference, e.g. a hall and floor'),
  tableAreas: z
    .array(ZTableArea)
    .max(100)
    .default([])
    .describe('Where tables stand, by table-number range; ranges may not overlap or pass the table count'),
  slotMinutes: z.number().int().min(15).max(60).describe('Length of one meeting slot, 15–60 minutes'),
  tableMode: z.enum(TABLE_MODES).describe('pooled: any free table; fixed: participants with a table number keep it'),
  tableCount: z.number().int().min(1).max(2000),
  tableCapacity: z.number().int().min(1).max(20).default(1).describe('Meetings one table holds at once'),
  maxMeetingsPerParticipant: cap.describe('Default cap per participant over the event; null = none'),
  maxMeetingsPerSession: cap.describe('Default cap per participant in one session; null = none'),
  requestExpiryHours: z.number().int().min(1).max(2160).default(72).describe('Pending requests expire after this'),
  organiserUserIds: z.array(int32().positive()).max(50).default([]),
  version: int32().positive().optional().describe('Version read, for an update'),
});
export type TConferenceSettingsInput = z.input<typeof ZConferenceSettingsInput>;

export const ZSlot = z.object({
  id: z.string(),
  session: z.string(),
  date: z.string(),
  start: ZClock,
  end: ZClock,
});
export const ZTable = z.object({
  id: z.string(),
  no: z.number().int(),
  capacity: z.number().int(),
  fixedFor: z.number().int().nullable().describe('Participant holding this table as a booth'),
  location: z.string().nullable().describe('Area or room of the table (from the table areas), or null'),
});

export const ZRun = z.object({
  id: z.number().int(),
  method: z.string(),
  scheduled: z.number().int(),
  requested: z.number().int(),
  weighted: z.number(),
  upperBound: z.number(),
  gap: z.number(),
  optimal: z.boolean(),
  idleGaps: z.number().int(),
  moved: z.number().int(),
  timeMs: z.number().int(),
  unscheduled: z.array(z.object({ requestId: z.number().int(), reason: z.string() })),
  options: z.record(z.string(), z.unknown()),
  runBy: z.string().nullable(),
  createdAt: z.string(),
});
export type TRun = z.infer<typeof ZRun>;

export const ZConference = z.object({
  eventId: z.number().int(),
  eventName: z.string(),
  eventKind: z.string(),
  city: z.string().nullable(),
  configured: z.boolean().describe('False until the organiser saves settings (defaults are shown)'),
  sessions: z.array(ZSession),
  venue: z.string().nullable().describe('Venue of the conference, or null when not set'),
  tableAreas: z.array(ZTableArea),
  slotMinutes: z.number().int(),
  tableMode: z.enum(TABLE_MODES),
  tableCount: z.number().int(),
  tableCapacity: z.number().int(),
  maxMeetingsPerParticipant: z.number().int().nullable(),
  maxMeetingsPerSession: z.number().int().nullable(),
  requestExpiryHours: z.number().int(),
  organiserUserIds: z.array(z.number().int()),
  publishedAt: z.string().nullable(),
  synthetic: z.boolean(),
  version: z.number().int(),
  slots: z.array(ZSlot),
  tables: z.array(ZTable),
  counts: z.object({
    participants: z.number().int(),
    pending: z.number().int(),
    accepted: z.number().int(),
    scheduled: z.number().int(),
    checkedIn: z.number().int(),
  }),
  lastRun: ZRun.nullable(),
  mayManage: z.boolean().describe('The caller may change settings, participants, requests and the schedule'),
  mayReadAll: z.boolean().describe('The caller reads every request, the schedule and every agenda'),
  ownParticipantIds: z.array(z.number().int()).describe("The caller's own participants (enterprise users)"),
  warnings: z.array(z.object({ zh: z.string(), en: z.string() })).default([]),
});
export type TConference = z.infer<typeof ZConference>;

export const ZWindow = z.object({ session: z.string(), start: ZClock, end: ZClock });
export const ZParticipantInput = z.object({
  organisation: text(200),
  enterpriseId: int32().positive().nullable().optional(),
  person: text(100),
  title: z.string().trim().max(100).nullable().optional(),
  contact: z.string().trim().max(200).nullable().optional(),
  role: z.enum(PARTICIPANT_ROLES),
  availability: z
    .array(ZWindow)
    .max(200)
    .nullable()
    .optional()
    .describe('Time windows when the participant can meet; null = the whole event'),
  tableNo: int32().positive().nullable().optional().describe('Own table (booth), used in fixed mode'),
  maxMeetings: cap,
  maxPerSession: cap,
  synthetic: z.boolean().default(false),
});
export type TParticipantInput = z.input<typeof ZParticipantInput>;
export const ZParticipantPatch = ZParticipantInput.partial().extend({ version: int32().positive() });

export const ZParticipant = z.object({
  id: z.number().int(),
  eventId: z.number().int(),
  organisation: z.string(),
  enterpriseId: z.number().int().nullable(),
  enterpriseName: z.string().nullable(),
  person: z.string(),
  title: z.string().nullable(),
  contact: z.string().nullable(),
  role: z.enum(PARTICIPANT_ROLES),
  availability: z.array(ZWindow).nullable(),
  tableNo: z.number().int().nullable(),
  maxMeetings: z.number().int().nullable(),
  maxPerSession: z.number().int().nullable(),
  checkedInAt: z.string().nullable(),
  synthetic: z.boolean(),
  meetings: z.number().int().describe('Scheduled meetings'),
  version: z.number().int(),
});
export type TParticipant = z.infer<typeof ZParticipant>;

export const ZRequestInput = z.object({
  fromId: int32().positive(),
  toId: int32().positive(),
  message: z.string().trim().max(1000).nullable().optional(),
  priority: z.union([z.literal(1), z.literal(2), z.literal(3)]).default(2),
  status: z
    .enum(['pending', 'accepted'])
    .default('pending')
    .describe('Organisers may record an already accepted request'),
  synthetic: z.boolean().default(false),
});
export type TRequestInput = z.input<typeof ZRequestInput>;

export const ZRequest = z.object({
  id: z.number().int(),
  fromId: z.number().int(),
  fromName: z.string(),
  fromOrganisation: z.string(),
  toId: z.number().int(),
  toName: z.string(),
  toOrganisation: z.string(),
  message: z.string().nullable(),
  priority: z.number().int(),
  status: z.enum(REQUEST_STATUSES),
  expiresAt: z.string().nullable(),
  respondedAt: z.string().nullable(),
  slotId: z.string().nullable(),
  tableId: z.string().nullable(),
  locked: z.boolean(),
  publishedSlotId: z.string().nullable(),
  publishedTableId: z.string().nullable(),
  unscheduledReason: z.string().nullable(),
  dockingMatchId: z.number().int().nullable().describe('The docking match the request follows (供需对接会), or null'),
  gapNodeId: z.string().nullable().describe('The chain node (a gap) the meeting would fill, or null'),
  synthetic: z.boolean(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type TRequest = z.infer<typeof ZRequest>;

export const ZRequestAction = z.object({
  action: z.enum(['accept', 'decline', 'cancel']),
});

export const ZRunOptions = z.object({
  keepPublished: z.boolean().default(true).describe('Keep published meetings where they are when possible'),
  method: z.enum(RUN_METHODS).default('auto'),
  timeLimitSeconds: z.number().min(1).max(120).default(10),
});
export type TRunOptions = z.input<typeof ZRunOptions>;

export const ZPlace = z.object({ slotId: z.string().min(1).max(64), tableId: z.string().min(1).max(32) });

export const ZSchedule = z.object({
  slots: z.array(ZSlot),
  tables: z.array(ZTable),
  meetings: z.array(ZRequest).describe('Accepted requests, scheduled or not'),
  lastRun: ZRun.nullable(),
  publishedAt: z.string().nullable(),
});
export type TSchedule = z.infer<typeof ZSchedule>;

export const ZAgendaItem = z.object({
  requestId: z.number().int(),
  slotId: z.string(),
  date: z.string(),
  start: z.string(),
  end: z.string(),
  tableId: z.string(),
  tableNo: z.number().int(),
  tableLocation: z.string().nullable().describe('Area or room of the table, or null when not set'),
  counterpartId: z.number().int(),
  counterpartPerson: z.string(),
  counterpartOrganisation: z.string(),
  counterpartRole: z.enum(PARTICIPANT_ROLES),
  counterpartSynthetic: z.boolean().describe('The counterpart is a demo record, not a real participant'),
  priority: z.number().int(),
  locked: z.boolean(),
  published: z.boolean(),
});
export const ZAgenda = z.object({
  participant: ZParticipant,
  venue: z.string().nullable().describe('Venue of the conference, or null when not set'),
  items: z.array(ZAgendaItem),
  checkInUrl: z.string(),
  qr: z.string().describe('SVG data URL of the check-in QR code'),
});
export type TAgenda = z.infer<typeof ZAgenda>;
export type TAgendaItem = z.infer<typeof ZAgendaItem>;

export const ZCheckInEntry = z.object({
  participantId: z.number().int(),
  organisation: z.string(),
  person: z.string(),
  role: z.enum(PARTICIPANT_ROLES),
  code: z.string(),
  url: z.string(),
  qr: z.string(),
  checkedInAt: z.string().nullable(),
  synthetic: z.boolean(),
});
export type TCheckInEntry = z.infer<typeof ZCheckInEntry>;
