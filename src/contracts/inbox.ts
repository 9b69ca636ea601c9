/**
 * The platform inbox (in-app notifications): what a notification of each kind carries. A notification
 * stores its kind and these parameters, never text: the web renders it from the kind's i18n templates in
 * the sending module's feature (`<feature>.notice.<event>`), so it reads in the user's language. Parameters are ids, names and titles
 * only — never a confidential figure (quantity, price, amount) or a contact: a notification outlives the
 * rights of whoever reads it, and the redaction presenter does not look into it.
 */
import { z } from 'zod';

/** A notice's id parameter. */
export const inboxId = () => z.number().int().positive();
/** A notice's name or title parameter (data, shown as written). */
export const inboxName = () => z.string().max(300);
/** A notice's day parameter (ISO). */
export const inboxDay = () => z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * Every kind's parameters schema, by kind ('<module>.<event>'). Empty here: each notifying module keeps its
 * kinds next to it, in contracts/<module>-inbox.ts (strict objects: an unknown key is a programming error,
 * refused before insert), adds them to this interface with a module augmentation —
 * `declare module './inbox.js' { interface InboxKindMap extends typeof KINDS {} }` through a type alias — and
 * lists them in its manifest's `inbox`, which installModules registers with the platform inbox. So a new
 * module's kinds edit no shared file and stay typed in `notify`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by each module's contracts/<module>-inbox.ts
export interface InboxKindMap {}

export type InboxKind = keyof InboxKindMap & string;
export type InboxParams<K extends InboxKind> = InboxKindMap[K] extends z.ZodType ? z.infer<InboxKindMap[K]> : never;
/** A module's kinds as its contracts file declares them. */
export type InboxKinds = Readonly<Record<`${string}.${string}`, z.ZodType<Record<string, unknown>>>>;

export const ZInboxItem = z.object({
  id: z.number().int(),
  kind: z.string().describe("What happened: '<module>.<event>' (each notifying module's contracts/<module>-inbox.ts)"),
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
    .string()
    .max(40)
    .regex(/^[a-z][a-z-]*$/)
    .optional()
    .describe('Only notifications of this module (services: a firm’s service page); one that sends none is refused'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export type TInboxItem = z.infer<typeof ZInboxItem>;
export type TInboxPage = z.infer<typeof ZInboxPage>;
