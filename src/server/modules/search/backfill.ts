/**
 * Fills search_keys where it is null: rows from before migration 0002, rows written by plain SQL,
 * and rows whose searched fields changed without new keys (a trigger clears those). Idempotent and
 * safe to run at every start; keys are derived data, so version and updated_at stay as they are.
 */
import type { Db } from '../../../db/connect.js';
import { keysOf, SEARCH_TABLES, SEARCH_TYPES, type SearchFields } from './sources.js';

/** Whether any searchable row lacks keys (one index probe per table). */
export async function searchKeysPending(db: Db): Promise<boolean> {
  const sql = SEARCH_TYPES.map((t) => `exists (select 1 from ${SEARCH_TABLES[t].table} where search_keys is null)`);
  const [row] = await db.query<{ pending: boolean }>(`select ${sql.join(' or ')} as pending`);
  return row?.pending ?? false;
}

/** Computes the missing keys in batches; returns how many rows were keyed. */
export async function backfillSearchKeys(db: Db, { batchSize = 1000 } = {}): Promise<number> {
  let total = 0;
  for (const type of SEARCH_TYPES) {
    const { table, fields } = SEARCH_TABLES[type];
    for (;;) {
      const rows = await db.query<SearchFields & { id: number }>(
        `select t.id, ${fields} from ${table} t where t.search_keys is null order by t.id limit $1`,
        [batchSize],
      );
      if (rows.length === 0) break;
      await db.query(
        `update ${table} t set search_keys = v.k from unnest($1::int[], $2::text[]) as v(id, k)
          where t.id = v.id and t.search_keys is null`,
        [rows.map((r) => r.id), rows.map((r) => keysOf(type, r))],
      );
      total += rows.length;
      if (rows.length < batchSize) break;
    }
  }
  return total;
}

const running = new WeakMap<Db, Promise<number>>();

/** Backfills if any row lacks keys; concurrent callers share one run. */
export async function ensureSearchKeys(db: Db): Promise<number> {
  const inFlight = running.get(db);
  if (inFlight) return inFlight;
  if (!(await searchKeysPending(db))) return 0;
  const run = backfillSearchKeys(db).finally(() => running.delete(db));
  running.set(db, run);
  return run;
}
