/**
 * The whole book re-matched (issue 12 item 9; the bureau starts it from the dashboard, as a job with
 * progress): every open, unexpired posting is ranked again against today's book and its matches stored
 * through the same storeMatches as a new posting's. Decisions stay (the upsert keeps them; a declined
 * pair drops out in the engine), and a confirmed pair (contact opened, deal) is never stored as a new
 * match: only existing rows of it are refreshed. Chunks of postings, each one transaction with its
 * change_log rows, so a cancel keeps what was finished and PGlite serves requests between chunks.
 */
import type { Db } from '../../../db/connect.js';
import type { Scored } from '../../../domain/docking/engine.js';
import { type AuditCtx, writeAudit } from '../../platform/audit.js';
import { type JobRun, throwIfCancelled } from '../../platform/jobs/index.js';
import { loadPosting, type PostingRow, rankPosting, storeMatchesOf, today } from './book.js';
import { type BookRanker, bookRanker } from './book-ranker.js';
import { openBook } from './open-book.js';

export interface RematchResult {
  postings: number;
  /** Matches stored for the first time. */
  newMatches: number;
  /** Existing matches whose score and evidence were refreshed (decisions kept). */
  refreshed: number;
}

const CHUNK = 200;
/** Postings ranked between two turns of the event loop (each takes about a millisecond). */
const SLICE = 25;
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function rematchBook(
  db: Db,
  ctx: AuditCtx,
  job?: Pick<JobRun, 'progress' | 'signal'>,
  opts: { day?: string; oneByOne?: boolean } = {},
): Promise<RematchResult> {
  const day = opts.day ?? today();
  // The open book in memory ranks every posting without a database read (book-ranker.ts); without it
  // (opts.oneByOne, the reference) each posting is ranked through rankPosting as a new one is.
  let ranker: BookRanker | null = opts.oneByOne ? null : await bookRanker(db, day);
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
    const chunk = ids.slice(i, i + CHUNK);
    const ranked: { p: PostingRow; scored: Scored[] }[] = [];
    if (ranker) {
      // the book moved (a posting written, closed or removed meanwhile): rank against the new one
      if ((await openBook(db))?.book.key !== ranker.key) ranker = await bookRanker(db, day);
    }
    if (ranker) {
      const rows = await db.query<PostingRow>(
        `select id, kind, enterprise_id, title, spec, node_id, quantity, unit, valid_until, visibility, terms
           from docking_postings where id = any($1::int[]) order by id`,
        [chunk],
      );
      for (let k = 0; k < rows.length; k++) {
        const p = rows[k]!;
        // a confirmed pair keeps its rows; it is never suggested as a new match
        const scored = ranker.has(p.id) ? ranker.rank(p) : await rankPosting(db, p, { day });
        ranked.push({ p, scored: scored.filter((s) => !s.known) });
        if (k % SLICE === SLICE - 1) await tick();
      }
    }
    await db.tx(async (tx) => {
      if (!ranker)
        for (const id of chunk) {
          const p = await loadPosting(tx, id);
          if (!p) continue;
          ranked.push({ p, scored: (await rankPosting(tx, p, { day })).filter((s) => !s.known) });
        }
      const fresh = await storeMatchesOf(tx, ranked);
      out.refreshed += ranked.reduce((n, r) => n + r.scored.length, 0) - fresh.length;
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
