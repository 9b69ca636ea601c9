/**
 * Compile-time checks that the response schemas of the investment routes (contracts/invest.ts) agree
 * with the rows and results the use cases answer with (types.ts, domain/invest), so the two cannot
 * drift: every value of the type is a valid answer and every key of the type, at any depth, is declared.
 */
import type {
  ZContact,
  ZDigest,
  ZDocument,
  ZEventDetail,
  ZEventList,
  ZFollowUp,
  ZOrder,
  ZPerson,
  ZProjectDetail,
  ZReminders,
  ZResults,
  ZShortlistLead,
} from '../../../contracts/invest.js';
import type { Digest } from '../../../domain/invest/follow-up.js';
import type { Results } from '../../../domain/invest/results.js';
import type { Agrees } from '../chains/schema-check.js';
import type { reminders } from './follow-ups.js';
import type {
  ContactRow,
  DocumentRow,
  EventDetail,
  EventListRow,
  FollowUpRow,
  OrderRow,
  PersonRow,
  ProjectDetail,
  ShortlistLeadRow,
} from './types.js';

/** Each line fails to compile when its schema and type disagree. */
export const orderAgrees: Agrees<typeof ZOrder, OrderRow> = true;
export const contactAgrees: Agrees<typeof ZContact, ContactRow> = true;
export const documentAgrees: Agrees<typeof ZDocument, DocumentRow> = true;
export const followUpAgrees: Agrees<typeof ZFollowUp, FollowUpRow> = true;
export const projectDetailAgrees: Agrees<typeof ZProjectDetail, ProjectDetail> = true;
export const eventListAgrees: Agrees<typeof ZEventList, { total: number; items: EventListRow[] }> = true;
export const eventDetailAgrees: Agrees<typeof ZEventDetail, EventDetail> = true;
export const remindersAgrees: Agrees<typeof ZReminders, Awaited<ReturnType<typeof reminders>>> = true;
export const digestAgrees: Agrees<typeof ZDigest, Digest> = true;
export const resultsAgrees: Agrees<typeof ZResults, Results> = true;
export const personAgrees: Agrees<typeof ZPerson, PersonRow> = true;
export const shortlistLeadAgrees: Agrees<typeof ZShortlistLead, ShortlistLeadRow> = true;
