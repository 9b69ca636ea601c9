/**
 * The docking module's inbox notices: what each kind carries (see contracts/inbox.ts: ids, names, titles and
 * days, never a confidential figure). Listed in its manifest's `inbox`; the templates live in the web
 * feature's messages (`docking.notice.<event>`).
 */
import { z } from 'zod';
import { inboxId as id, inboxName as name } from './inbox.js';

export const DOCKING_INBOX = {
  /** A posting of the recipient's firm got new matches when it was published. */
  'docking.new_matches': z.strictObject({ postingId: id(), postingTitle: name(), count: z.number().int().min(1) }),
  /** Someone else's new posting matched one of the recipient's firm's postings. */
  'docking.matched': z.strictObject({ matchId: id(), postingTitle: name(), otherName: name() }),
  /** Both sides are interested: the contacts of a match are open (sent to the side that answered first). */
  'docking.contact_opened': z.strictObject({ matchId: id(), otherName: name() }),
} as const;

type DockingInbox = typeof DOCKING_INBOX;
declare module './inbox.js' {
  interface InboxKindMap extends DockingInbox {}
}
