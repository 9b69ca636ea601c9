/**
 * The platform inbox (platform/inbox): marking a notification read is not audited. It is the reader's
 * own state on a row only they can see — no shared record changes — and the row keeps when it was read
 * (read_at) itself; a change_log row per click would bury the changes the audit is for. Notifications are
 * written by producers inside their own audited changes.
 */
export const PENDING: Record<string, string> = {
  'POST /api/v1/inbox/{id}/read':
    "not audited: the reader's own reading mark on their own notification (kept as read_at on the row); no shared data changes",
  'POST /api/v1/inbox/read-all':
    "not audited: the reader's own reading marks on their own notifications (kept as read_at); no shared data changes",
};
