/**
 * The services module's inbox notices: what each kind carries (see contracts/inbox.ts: ids, names, titles and
 * days, never a confidential figure). Listed in its manifest's `inbox`; the templates live in the web
 * feature's messages (`services.notice.<event>`).
 */
import { z } from 'zod';
import { inboxId as id, inboxName as name } from './inbox.js';

export const SERVICES_INBOX = {
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
} as const;

type ServicesInbox = typeof SERVICES_INBOX;
declare module './inbox.js' {
  interface InboxKindMap extends ServicesInbox {}
}
