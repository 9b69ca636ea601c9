/**
 * The places of every firm in memory (issue 12: a ranking looks up the place of each of its ~2 000
 * candidates), per database like the open book (open-book.ts), so a ranking reads none.
 *
 * Freshness, as the open book's: keyed by the committed change counters (0008) of the tables a place is
 * read from. Buildings, floors, units and parks change rarely: when one of their counters (or the date:
 * "current occupancy" depends on it) moved, every place is read again. Enterprises and occupancies change
 * often: migration 0048 notes the firms a write touched (docking_posting_changes, kind 'place', stamped
 * with the writing transaction's id), and the book re-reads exactly the places of the firms whose
 * transactions its snapshot did not see, laid over the full read as a patch. Read in full again when the
 * change is unknown (a TRUNCATE, a statement of more than 2 000 firms), the patch passes 2 000 firms, or
 * the snapshot is over an hour old (change rows are kept a day). Inside a transaction that changed one of
 * these tables itself the book is not used (null): the caller reads places by SQL, as before.
 */
import type { Db } from '../../../db/connect.js';
import type { Place } from '../../../domain/docking/distance.js';
import { changesSince } from '../../lib/change-log.js';
import { readPlaces } from './book.js';
import { type BookVersions, databaseOf, markOf } from './open-book.js';

/** The lookup a ranking needs. */
export interface Places {
  get(id: number): Place | undefined;
}

const FULL_TABLES = ['units', 'floors', 'buildings', 'parks'] as const;
const PATCHED_TABLES = ['enterprises', 'occupancies'] as const;
const PATCH_MAX = 2000;
const SNAPSHOT_MAX_AGE_MS = 60 * 60 * 1000;

class PlaceBook implements Places {
  constructor(
    readonly fullKey: string,
    readonly patchKey: string,
    readonly base: ReadonlyMap<number, Place>,
    /** Firms whose place was read again since the full read (null: the firm is gone). */
    readonly patch: ReadonlyMap<number, Place | null>,
    readonly snapshot: string,
    readonly xid: string | null,
    readonly snapshotAt: number,
  ) {}
  get(id: number): Place | undefined {
    if (this.patch.size > 0 && this.patch.has(id)) return this.patch.get(id) ?? undefined;
    return this.base.get(id);
  }
}

/** How often every place was read and how often the book was patched (tests count them). */
export const placeBookStats = { builds: 0, refreshes: 0 };

interface Slot {
  book: PlaceBook | null;
  building: { key: string; promise: Promise<PlaceBook> } | null;
}
const byPglite = new WeakMap<object, Slot>();
const byUrl = new Map<string, Slot>();

function slotOf(db: Db): Slot | null {
  const id = databaseOf(db);
  if (id === null) return null;
  const map = typeof id === 'string' ? byUrl : byPglite;
  let s = (map as Map<object | string, Slot>).get(id);
  if (!s) {
    s = { book: null, building: null };
    (map as Map<object | string, Slot>).set(id, s);
  }
  return s;
}

const SNAPSHOT_SQL = 'select pg_current_snapshot()::text as snapshot, pg_current_xact_id_if_assigned()::text as xid';

async function build(db: Db, fullKey: string, patchKey: string): Promise<PlaceBook> {
  placeBookStats.builds++;
  const snapshotAt = Date.now();
  const [snap] = await db.query<{ snapshot: string; xid: string | null }>(SNAPSHOT_SQL);
  const base = await readPlaces(db, 'all');
  return new PlaceBook(fullKey, patchKey, base, new Map(), snap!.snapshot, snap!.xid, snapshotAt);
}

async function refresh(db: Db, old: PlaceBook, patchKey: string): Promise<PlaceBook | null> {
  if (Date.now() - old.snapshotAt > SNAPSHOT_MAX_AGE_MS) return null;
  const c = await changesSince(db, 'docking_posting_changes', 'firm_id', markOf(old), "kind = 'place'");
  const ids = c.ids;
  if (c.unknown || old.patch.size + ids.length > PATCH_MAX) return null;
  // read after the snapshot above: at least as new as it
  const fresh = ids.length > 0 ? await readPlaces(db, ids) : new Map<number, Place>();
  const patch = new Map(old.patch);
  for (const id of ids) patch.set(id, fresh.get(id) ?? null);
  placeBookStats.refreshes++;
  return new PlaceBook(old.fullKey, patchKey, old.base, patch, c.mark.snapshot, c.mark.xid, c.mark.at);
}

/**
 * Every firm's place as this handle sees it (the counters `v` read by the caller), or null when the book
 * cannot be used here (an engine without a stable identity; a transaction that changed a place table).
 */
export async function placeBook(db: Db, v: BookVersions): Promise<Places | null> {
  const slot = slotOf(db);
  if (!slot || [...FULL_TABLES, ...PATCHED_TABLES].some((t) => (v.own.get(t) ?? 0) > 0)) return null;
  const fullKey = `${FULL_TABLES.map((t) => v.committed.get(t) ?? 0).join('|')}|${v.visible.date}`;
  const patchKey = PATCHED_TABLES.map((t) => v.committed.get(t) ?? 0).join('|');
  const key = `${fullKey}/${patchKey}`;
  const have = slot.book;
  if (have && have.fullKey === fullKey && have.patchKey === patchKey) return have;
  if (slot.building?.key !== key) {
    const promise =
      have && have.fullKey === fullKey
        ? refresh(db, have, patchKey).then((b) => b ?? build(db, fullKey, patchKey))
        : build(db, fullKey, patchKey);
    slot.building = { key, promise };
    promise.then(
      (b) => {
        if (slot.building?.promise === promise) slot.building = null;
        slot.book = b;
      },
      () => {
        if (slot.building?.promise === promise) slot.building = null;
      },
    );
  }
  return slot.building!.promise;
}

/** Forgets the place book of a database (tests that rewrite places outside the counters). */
export function forgetPlaceBook(db: Db): void {
  const s = slotOf(db);
  if (s) {
    s.book = null;
    s.building = null;
  }
}
