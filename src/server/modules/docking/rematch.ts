/**
 * The whole book re-matched (issue 12 item 9; the bureau starts it from the dashboard, as a job with
 * progress): every open, unexpired posting is ranked again against today's book and its matches stored
 * through the same storeMatches as a new posting's. Decisions stay (the upsert keeps them; a declined
 * pair drops out in the engine), and a confirmed pair (contact opened, deal) is never stored as a new
 * match: only existing rows of it are refreshed. Chunks of postings, each one transaction with its
 * change_log rows, so a cancel keeps what was finished and PGlite serves requests between chunks.
 */
import type { Db } from '../../../db/connect.js';
import { type AuditCtx, writeAudit } from '../../platform/audit.js';
import { type JobRun, throwIfCancelled } from '../../platform/jobs/index.js';
import { loadPosting, rankPosting, storeMatches, today } from './book.js';

export interface RematchResult {
  postings: number;
  /** Matches stored for the first time. */
  newMatches: number;
  /** Existing matches whose score and evidence were refreshed (decisions kept). */
  refreshed: number;
}

const CHUNK = 100;

export async function rematchBook(
  db: Db,
  ctx: AuditCtx,
  job?: Pick<JobRun, 'progress' | 'signal'>,
  opts: { day?: string } = {},
): Promise<RematchResult> {
  const day = opts.day ?? today();
  const ids = (
    await db.query<{ id: number }>(
      `select id from docking_postings where status = 'open' and valid_until >= $1::date order by id`,
      [day],
    )
  ).map((r) => r.id);
  const out: RematchResult = { postings: ids.length, newMatches: 0, refreshed: 0 };
  job?.progress({ done: 0, total: ids.length, phase: 'match' });
  for (let i = 0; i < ids.length; i += CHUNK) {
    if (job) throwIfCancelled(job.signal);
    await db.tx(async (tx) => {
      const fresh: { id: number; postingId: number }[] = [];
      for (const id of ids.slice(i, i + CHUNK)) {
        const p = await loadPosting(tx, id);
        if (!p) continue;
        const scored = await rankPosting(tx, p, { day });
        // a confirmed pair keeps its rows; it is never suggested as a new match
        const open = scored.filter((s) => !s.known);
        const stored = await storeMatches(tx, p, open);
        out.refreshed += open.length - stored.length;
        for (const m of stored) fresh.push({ id: m, postingId: id });
      }
      out.newMatches += fresh.length;
      if (fresh.length > 0)
        await writeAudit(
          tx,
          ctx,
          fresh.map((m) => ({
            entity: 'docking_matches',
            entityId: m.id,
            action: 'create' as const,
            new: { id: m.id, postingId: m.postingId, via: 'rematch' },
          })),
        );
    });
    job?.progress({ done: Math.min(ids.length, i + CHUNK), total: ids.length, phase: 'match' });
  }
  return out;
}
