/**
 * Change logs by transaction id (docking's open book, migration 0040; space's search index, migration 0049):
 * a table of (xid, id, at) rows written by triggers in the writing transaction, so a cache read under
 * snapshot S can learn exactly which rows changed since — those whose transaction S did not see, committed
 * since in any order — plus the rows its own reading transaction wrote after it read. A row with a null id
 * means "unknown" (a TRUNCATE, a large batch): read the cache in full then.
 */
import type { Db } from '../../db/connect.js';

/** Where a cache's read stands: the snapshot it is at least as new as, and the transaction it was read in. */
export interface LogMark {
  readonly snapshot: string;
  readonly xid: string | null;
  /** When the snapshot was taken (this process's clock). */
  readonly at: number;
}

/** The current snapshot, taken before a cache reads its rows (so they are at least this new). */
export async function logMark(db: Db): Promise<LogMark> {
  const at = Date.now();
  const [m] = await db.query<{ snapshot: string; xid: string | null }>(
    'select pg_current_snapshot()::text as snapshot, pg_current_xact_id_if_assigned()::text as xid',
  );
  return { snapshot: m!.snapshot, xid: m!.xid, at };
}

export interface LoggedChanges {
  /** The mark to keep after applying these changes (taken before they were read). */
  mark: LogMark;
  /** True when a change of unknown rows was logged: read in full. */
  unknown: boolean;
  /** The ids changed since `from`, distinct. */
  ids: number[];
}

/**
 * The ids logged in `table` (its `column`) since `from`, with a new mark. Read the changed rows after this
 * call: they are then at least as new as the new mark (a change in between is applied again next time).
 * Identifiers and `filter` (a condition on the log's rows, e.g. `kind = 'place'` when one table logs several
 * kinds) are the caller's constants, never input.
 */
export async function changesSince(
  db: Db,
  table: string,
  column: string,
  from: LogMark,
  filter = 'true',
): Promise<LoggedChanges> {
  const at = Date.now();
  const [c] = await db.query<{ snapshot: string; xid: string | null; unknown: boolean; ids: number[] | null }>(
    `with ch as (select distinct ${column} as id from ${table}
                  where (${filter})
                    and ((xid >= pg_snapshot_xmin($1::pg_snapshot) and not pg_visible_in_snapshot(xid, $1::pg_snapshot))
                         or xid = $2::xid8))
     select pg_current_snapshot()::text as snapshot, pg_current_xact_id_if_assigned()::text as xid,
            exists (select 1 from ch where id is null) as unknown,
            (select array_agg(id) from ch where id is not null) as ids`,
    [from.snapshot, from.xid],
  );
  return { mark: { snapshot: c!.snapshot, xid: c!.xid, at }, unknown: c!.unknown, ids: c!.ids ?? [] };
}

/** Deletes the log rows older than `keep` (an interval constant, e.g. '24 hours'); the count deleted. */
export async function pruneChangeLog(db: Db, table: string, keep: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `with d as (delete from ${table} where at < now() - interval '${keep}' returning 1) select count(*)::int as n from d`,
  );
  return rows[0]?.n ?? 0;
}
