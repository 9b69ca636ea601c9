/**
 * The platform inbox (in-app notifications): what a notification of each kind carries. A notification
 * stores its kind and these parameters, never text: the web renders it from i18n templates of the kind
 * (features/inbox/messages.ts), so it reads in the user's language. Parameters are ids, names and titles
 * only — never a confidential figure (quantity, price, amount) or a contact: a notification outlives the
 * rights of whoever reads it, and the redaction presenter does not look into it.
 */
import { z } from 'zod';

const id = () => z.number().int().positive();
const name = () => z.string().max(300);

/** Each kind's parameters (strict: an unknown key is a programming error, refused before insert). */
export const INBOX_PARAMS = {
  /** A posting of the recipient's firm got new matches when it was published. */
  'docking.new_matches': z.strictObject({ postingId: id(), postingTitle: name(), count: z.number().int().min(1) }),
  /** Someone else's new posting matched one of the recipient's firm's postings. */
  'docking.matched': z.strictObject({ matchId: id(), postingTitle: name(), otherName: name() }),
  /** Both sides are interested: the contacts of a match are open (sent to the side that answered first). */
  'docking.contact_opened': z.strictObject({ matchId: id(), otherName: name() }),
  /** The service butler replied on a ticket of the recipient's firm. */
  'services.reply': z.strictObject({ ticketId: id(), ticketTitle: name() }),
  /** A 免申即享 policy the recipient's firm qualifies for (once per policy version). */
  'services.policy': z.strictObject({
    policyId: id(),
    policyTitle: name(),
    policyTitleEn: name().nullable().optional(),
    version: z.number().int().min(1),
  }),
  /** A ticket was escalated to the recipient's team. */
  'services.escalated': z.strictObject({
    ticketId: id(),
    ticketTitle: name(),
    level: z.enum(['district', 'city']),
  }),
  /**
   * An honour of a firm is due for re-review (复核) before it expires: to the firm's users (its officers get
   * 'evaluation.review_due_digest', one per run). Dates are ISO days.
   */
  'evaluation.review_due': z.strictObject({
    enterpriseId: id(),
    enterpriseName: name(),
    tierName: name(),
    tierNameEn: name().nullable().optional(),
    validUntil: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    dueOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
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
    validUntil: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  }),
  /**
   * The officers' digest of a remind run's new re-review reminders (city bureau, district, park operators): one
   * per run and recipient, counting the firms (count) and honours of the recipient's scope that expire by
   * validUntil (the latest expiry among them). The firms themselves get their own 'evaluation.review_due'.
   */
  'evaluation.review_due_digest': z.strictObject({
    count: z.number().int().min(1),
    honours: z.number().int().min(1),
    validUntil: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  }),
  /** The officers' digest of a remind run's new lapses: one per run and recipient (firms, honours, latest expiry). */
  'evaluation.lapsed_digest': z.strictObject({
    count: z.number().int().min(1),
    honours: z.number().int().min(1),
    validUntil: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  }),
} as const;

export type InboxKind = keyof typeof INBOX_PARAMS;
export const INBOX_KINDS = Object.keys(INBOX_PARAMS) as InboxKind[];
/** The modules that notify (the part of a kind before the dot). */
export const INBOX_MODULES = [...new Set(INBOX_KINDS.map((k) => k.split('.')[0] as string))] as [string, ...string[]];
export type InboxParams<K extends InboxKind> = z.infer<(typeof INBOX_PARAMS)[K]>;

export const ZInboxItem = z.object({
  id: z.number().int(),
  kind: z.string().describe(`What happened: ${INBOX_KINDS.join(', ')}`),
  params: z
    .record(z.string(), z.union([z.string(), z.number(), z.null()]))
    .describe('Ids and names the text of the kind is made of (never confidential figures)'),
  link: z.string().nullable().describe('The page the notification is about (a web path)'),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export const ZInboxPage = z.object({
  items: z.array(ZInboxItem),
  total: z.number().int().describe('Notifications matching the filter'),
  unread: z.number().int().describe('Unread notifications of the user, whatever the filter'),
  limit: z.number().int(),
  offset: z.number().int(),
});

export const ZInboxQuery = z.object({
  unread: z.enum(['true', 'false']).default('false').describe('true: only unread ones'),
  module: z
    .enum(INBOX_MODULES)
    .optional()
    .describe('Only notifications of this module (services: a firm’s service page)'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export type TInboxItem = z.infer<typeof ZInboxItem>;
export type TInboxPage = z.infer<typeof ZInboxPage>;
