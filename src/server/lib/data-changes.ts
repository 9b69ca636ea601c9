/**
 * Change counters per table (migration 0008): every committed statement that writes a tracked table
 * appends a row to `data_changes` in its own transaction, so the sum per table grows exactly when a
 * change becomes visible. A cache built from whole tables keys itself on the sums of the tables it
 * read (`changeKey`) and is rebuilt when one of them moved — a query of a few rows instead of a
 * scan of the tables (a million supplier links). Read the counters before the data: the data is then
 * at least as new as the key, so a cache is at worst rebuilt once too often, never kept stale.
 */
import type { Db } from '../../db/connect.js';

/** The counters of the tracked tables and the database's current date, read together. */
export interface DataVersions {
  readonly counts: ReadonlyMap<string, number>;
  /** current_date on the database: what "current occupancy" means depends on it. */
  readonly date: string;
}

/** Rows folded into one per table when there are more than this many. */
const FOLD_AT = 500;

export async function dataVersions(db: Db): Promise<DataVersions> {
  const rows = await db.query<{ table_name: string | null; n: number; rows: number; today: string }>(
    `select table_name, sum(changes) as n, count(*) as rows, current_date::text as today
       from data_changes group by table_name
     union all select null, 0, 0, current_date::text`,
  );
  const counts = new Map<string, number>();
  let total = 0;
  let date = '';
  for (const r of rows) {
    date = r.today;
    total += r.rows;
    if (r.table_name !== null) counts.set(r.table_name, r.n);
  }
  if (total > FOLD_AT) await foldChanges(db);
  return { counts, date };
}

/**
 * Folds the counter rows into one per table. Every sum stays the same, so no key changes; rows that
 * another transaction appends meanwhile are not touched, and two folds at once each fold only the
 * rows they deleted.
 */
export async function foldChanges(db: Db): Promise<void> {
  await db.query(
    `with d as (delete from data_changes returning table_name, changes)
     insert into data_changes (table_name, changes) select table_name, sum(changes) from d group by table_name`,
  );
}

/** A cache key over some tables' counters (and the date, when the data depends on it). */
export function changeKey(v: DataVersions, tables: readonly string[], withDate = false): string {
  const parts = tables.map((t) => `${t}:${v.counts.get(t) ?? 0}`);
  if (withDate) parts.push(v.date);
  return parts.join('|');
}
