/**
 * The whole book re-matched (issue 12 item 9; the bureau starts it from the dashboard, as a job with
 * progress): every open, unexpired posting is ranked again against today's book and its matches stored
 * through the same storeMatches as a new posting's. Decisions stay (the upsert keeps them; a declined
 * pair drops out in the engine), and a confirmed pair (contact opened, deal) is never stored as a new
 * match: only existing rows of it are refreshed. Chunks of postings, each one transaction with its
 * change_log rows, so a cancel keeps what was finished and PGlite serves requests between chunks.
 */
import { availableParallelism } from 'node:os';
import type { Db } from '../../../db/connect.js';
import type { Scored } from '../../../domain/docking/engine.js';
import { type AuditCtx, writeAudit } from '../../platform/audit.js';
import { type JobRun, runInThread, throwIfCancelled } from '../../platform/jobs/index.js';
import { loadPosting, type PostingRow, rankPosting, storeMatchesOf, today } from './book.js';
import { type BookRanker, bookRanker, type RankerData, rankerData, rankerOf } from './book-ranker.js';
import { bookVersions } from './open-book.js';

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

/** Worker threads the re-match runs in (PostgreSQL; each thread its own connection): the machine's cores, at most 4. */
export const REMATCH_THREADS = Math.max(1, Math.min(4, availableParallelism()));
const SHARD_MODULE = new URL('./rematch-thread.ts', import.meta.url);

export async function rematchBook(
  db: Db,
  ctx: AuditCtx,
  job?: Pick<JobRun, 'progress' | 'signal'>,
  opts: { day?: string; oneByOne?: boolean; threads?: number } = {},
): Promise<RematchResult> {
  const day = opts.day ?? today();
  const ids = (
    await db.query<{ id: number }>(
      `select id from docking_postings where status = 'open' and valid_until >= $1::date order by id`,
      [day],
    )
  ).map((r) => r.id);
  job?.progress({ done: 0, total: ids.length, phase: 'match' });
  const threads = opts.oneByOne ? 0 : (opts.threads ?? REMATCH_THREADS);
  const url = db.native && 'url' in db.native ? db.native.url : null;
  if (threads > 0 && url && (opts.threads !== undefined || ids.length >= 2 * CHUNK)) {
    // Off the event loop: each worker thread reads the book on its own connection, ranks its share of
    // the postings and stores their matches chunk by chunk; it counts its progress in shared memory.
    // What each thread ranks from is read once, here, and handed to every thread (structured clone)
    // rather than read again by each.
    const data = await rankerData(db);
    const shares: number[][] = Array.from({ length: threads }, () => []);
    for (let i = 0; i < ids.length; i += CHUNK) shares[(i / CHUNK) % threads]!.push(...ids.slice(i, i + CHUNK));
    const done = new Int32Array(new SharedArrayBuffer(4 * threads));
    const report = () => job?.progress({ done: done.reduce((a, b) => a + b, 0), total: ids.length, phase: 'match' });
    const timer = setInterval(report, 1000);
    try {
      const parts = await Promise.all(
        shares.map((share, k) =>
          runInThread<RematchResult>(
            SHARD_MODULE,
            'rematchShard',
            [{ url, ctx, day, ids: share, done: done.buffer, slot: k, data }],
            job?.signal,
          ),
        ),
      );
      report();
      return parts.reduce(
        (a, b) => ({
          postings: a.postings,
          newMatches: a.newMatches + b.newMatches,
          refreshed: a.refreshed + b.refreshed,
        }),
        { postings: ids.length, newMatches: 0, refreshed: 0 },
      );
    } finally {
      clearInterval(timer);
    }
  }
  return rematchIds(db, ctx, ids, day, { oneByOne: opts.oneByOne ?? false, signal: job?.signal }, (n) =>
    job?.progress({ done: n, total: ids.length, phase: 'match' }),
  );
}

/**
 * Ranks the given open postings and stores their matches, a chunk at a time (the re-match's core; a
 * worker thread runs it on its share). `progress` gets the postings done so far.
 */
export async function rematchIds(
  db: Db,
  ctx: AuditCtx,
  ids: readonly number[],
  day: string,
  opts: { oneByOne: boolean; signal?: AbortSignal; data?: RankerData | null },
  progress: (done: number) => void,
): Promise<RematchResult> {
  // The open book in memory ranks every posting without a database read (book-ranker.ts); without it
  // (opts.oneByOne, the reference) each posting is ranked through rankPosting as a new one is.
  let ranker: BookRanker | null = opts.oneByOne
    ? null
    : opts.data
      ? await rankerOf(db, opts.data, day)
      : await bookRanker(db, day);
  const out: RematchResult = { postings: ids.length, newMatches: 0, refreshed: 0 };
  for (let i = 0; i < ids.length; i += CHUNK) {
    if (opts.signal) throwIfCancelled(opts.signal);
    const chunk = ids.slice(i, i + CHUNK);
    const ranked: { p: PostingRow; scored: Scored[] }[] = [];
    if (ranker) {
      // the book moved (a posting written, closed or removed meanwhile): rank against the new one
      // (one counter read; the book itself is read again only then)
      const v = await bookVersions(db);
      if (String(v.committed.get('docking_postings') ?? 0) !== ranker.key || (v.own.get('docking_postings') ?? 0) > 0)
        ranker = await bookRanker(db, day);
    }
    if (ranker) {
      // the postings as the ranker's book holds them (unchanged since: the counter says so)
      const r0 = ranker;
      const held = chunk.map((id) => r0.posting(id));
      const rows = held.every((r) => r !== undefined)
        ? (held as PostingRow[])
        : await db.query<PostingRow>(
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
    // Two threads storing pairs met from both sides may deadlock (rows are written in key order, so
    // rarely): the chunk is then stored again.
    for (let attempt = 0; ; attempt++) {
      try {
        const fresh = await db.tx(async (tx) => {
          if (!ranker) {
            ranked.length = 0;
            for (const id of chunk) {
              const p = await loadPosting(tx, id);
              if (!p) continue;
              ranked.push({ p, scored: (await rankPosting(tx, p, { day })).filter((s) => !s.known) });
            }
          }
          const fresh = await storeMatchesOf(tx, ranked);
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
          return fresh;
        });
        out.refreshed += ranked.reduce((n, r) => n + r.scored.length, 0) - fresh.length;
        out.newMatches += fresh.length;
        break;
      } catch (e) {
        if ((e as { code?: string }).code !== '40P01' || attempt >= 4) throw e;
        await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200));
      }
    }
    progress(Math.min(ids.length, i + CHUNK));
  }
  return out;
}
