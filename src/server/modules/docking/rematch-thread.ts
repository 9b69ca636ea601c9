/**
 * A worker thread's share of the whole-book re-match (rematch.ts): its own database connection, its
 * own ranker made from the data the job read once (book-ranker.ts rankerData), the same chunked rank-and-store as in-process. Progress is counted in
 * the shared memory the job polls (slot `slot` of `done`).
 */
import { connect } from '../../../db/connect.js';
import type { AuditCtx } from '../../platform/audit.js';
import type { RankerData } from './book-ranker.js';
import { type RematchResult, rematchIds } from './rematch.js';

export async function rematchShard(a: {
  url: string;
  ctx: AuditCtx;
  day: string;
  ids: number[];
  done: SharedArrayBuffer;
  slot: number;
  /** What the job read once for every thread (null: the book could not be held; each thread reads it). */
  data: RankerData | null;
}): Promise<RematchResult> {
  const db = await connect({ databaseUrl: a.url });
  const done = new Int32Array(a.done);
  try {
    return await rematchIds(db, a.ctx, a.ids, a.day, { oneByOne: false, data: a.data }, (n) =>
      Atomics.store(done, a.slot, n),
    );
  } finally {
    await db.close();
  }
}
