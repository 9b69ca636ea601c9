/**
 * Every change to a conference runs in one transaction that also writes its change_log rows (with the
 * actor and address of the request), so a refused change leaves nothing behind and a stored one is
 * always audited. The conference is loaded on that transaction, so the checks see what is written.
 */
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../../db/connect.js';
import { type AuditEntry, writeAudit } from '../../platform/audit.js';
import { ctxOf } from '../auth/plugin.js';
import { type Loaded, loadConference } from './conference.js';

export async function auditedChange<T>(
  db: Db,
  req: FastifyRequest,
  eventId: number,
  change: (tx: Db, c: Loaded) => Promise<{ result: T; audit: AuditEntry | AuditEntry[] }>,
): Promise<T> {
  return db.tx(async (tx) => {
    const c = await loadConference(tx, eventId, req);
    const { result, audit } = await change(tx, c);
    await writeAudit(tx, ctxOf(req), audit);
    return result;
  });
}
