/**
 * The evaluation module's inbox notices: what each kind carries (see contracts/inbox.ts: ids, names, titles and
 * days, never a confidential figure). Listed in its manifest's `inbox`; the templates live in the web
 * feature's messages (`evaluation.notice.<event>`).
 */
import { z } from 'zod';
import { inboxId as id, inboxDay, inboxName as name } from './inbox.js';

export const EVALUATION_INBOX = {
  /**
   * An honour of a firm is due for re-review (复核) before it expires: to the firm's users (its officers get
   * 'evaluation.review_due_digest', one per run). Dates are ISO days.
   */
  'evaluation.review_due': z.strictObject({
    enterpriseId: id(),
    enterpriseName: name(),
    tierName: name(),
    tierNameEn: name().nullable().optional(),
    validUntil: inboxDay(),
    dueOn: inboxDay(),
  }),
  /**
   * An honour of a firm lapsed (失效): its validity ended on validUntil without a renewal. To the firm's
   * users (its officers get 'evaluation.lapsed_digest', one per run); once per honour and expiry.
   */
  'evaluation.lapsed': z.strictObject({
    enterpriseId: id(),
    enterpriseName: name(),
    tierName: name(),
    tierNameEn: name().nullable().optional(),
    validUntil: inboxDay(),
  }),
  /**
   * The officers' digest of a remind run's new re-review reminders (city bureau, district, park operators): one
   * per run and recipient, counting the firms (count) and honours of the recipient's scope that expire by
   * validUntil (the latest expiry among them). The firms themselves get their own 'evaluation.review_due'.
   */
  'evaluation.review_due_digest': z.strictObject({
    count: z.number().int().min(1),
    honours: z.number().int().min(1),
    validUntil: inboxDay(),
  }),
  /** The officers' digest of a remind run's new lapses: one per run and recipient (firms, honours, latest expiry). */
  'evaluation.lapsed_digest': z.strictObject({
    count: z.number().int().min(1),
    honours: z.number().int().min(1),
    validUntil: inboxDay(),
  }),
} as const;

type EvaluationInbox = typeof EVALUATION_INBOX;
declare module './inbox.js' {
  interface InboxKindMap extends EvaluationInbox {}
}
