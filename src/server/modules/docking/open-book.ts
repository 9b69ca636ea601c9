/**
 * The open book in memory (issue 12 item 9): every open posting of each kind, with inverted lists by
 * term and by chain node, so a posting's candidates are found without a database read. It returns
 * exactly the rows the SQL read of book.ts returns (`candidateRowsSql`: the newest CANDIDATE_CAP open,
 * unexpired postings of the other kind at a related node, and the same by a shared term, another
 * firm's), so the engine ranks the same candidates and the matches are identical (open-book.int.test.ts).
 *
 * Freshness: one index per database (the PGlite instance or the PostgreSQL URL, so every transaction
 * handle shares it), keyed by the committed change counter of docking_postings (migration 0038). The
 * counter is read on every call — a few rows — so a posting written by any process is seen by the next
 * request of every other; when it moved, the index is rebuilt (reading the counter before the rows, as
 * data-changes.ts says, so it is at worst rebuilt once too often). The rebuild yields to the event loop
 * every few thousand rows, so requests keep being answered while it runs; concurrent callers share one
 * rebuild.
 *
 * A transaction that wrote postings itself (a new posting, a spreadsheet import) sees rows the index
 * cannot hold: they are read by their updated_at (= the transaction's now(), indexed) and laid over
 * the index. When the index is behind the committed counter inside such a transaction, it is not
 * rebuilt there (it would hold uncommitted rows): the caller falls back to the SQL read.
 */
import type { Db } from '../../../db/connect.js';
import { changesSince, type LogMark } from '../../lib/change-log.js';
import { type DataVersions, foldChanges } from '../../lib/data-changes.js';
import type { MappedFirm, PostingRow } from './book.js';

export type OpenRow = PostingRow;

const COLUMNS = 'id, kind, enterprise_id, title, spec, node_id, quantity, unit, valid_until, visibility, terms';

/** Open postings of one kind, newest first, with positions (into rows) by term and by node, ascending. */
class KindIndex {
  rows: OpenRow[] = [];
  byTerm = new Map<string, number[]>();
  byNode = new Map<string, number[]>();
  add(r: OpenRow): void {
    const i = this.rows.length;
    this.rows.push(r);
    for (const t of new Set(r.terms)) {
      const l = this.byTerm.get(t);
      if (l) l.push(i);
      else this.byTerm.set(t, [i]);
    }
    if (r.node_id) {
      const l = this.byNode.get(r.node_id);
      if (l) l.push(i);
      else this.byNode.set(r.node_id, [i]);
    }
  }
}

/** A posting as it is now, open or not (a row of the patch, or a transaction's own row). */
export type CurrentRow = OpenRow & { status: string };

export interface OpenBook {
  readonly key: string;
  readonly size: number;
  readonly builtMs: number;
  /** The indexes as built (read in full). */
  readonly supply: KindIndex;
  readonly demand: KindIndex;
  /**
   * Postings changed since the indexes were built, by id: the row as it is now (open or not), or null
   * (deleted). They replace the indexes' rows of the same id (as a transaction's own rows do).
   */
  readonly patch: ReadonlyMap<number, CurrentRow | null>;
  /** The snapshot (pg_current_snapshot) the book is at least as new as, and the transaction it was read in. */
  readonly snapshot: string;
  readonly xid: string | null;
  /** When that snapshot was taken (this process's clock): an older one than SNAPSHOT_MAX_AGE_MS is not patched. */
  readonly snapshotAt: number;
}

/** How often the book was read in full and how often patched (tests count them; the bench prints them). */
export const openBookStats = { builds: 0, refreshes: 0 };

/**
 * More changed postings than this since the last full read: read the book in full again. Migration 0048 notes
 * a statement that writes more postings than this as one unknown change (keep the two equal).
 */
const PATCH_MAX = 2000;

/**
 * Change rows are kept this long, then pruned; a book whose snapshot is older than SNAPSHOT_MAX_AGE_MS is read
 * in full, never patched, so it cannot miss a pruned row (a posting write would have to stay uncommitted for
 * the difference, 23 hours).
 */
const KEEP_CHANGES = '24 hours';
const SNAPSHOT_MAX_AGE_MS = 60 * 60 * 1000;
/** Deletes the change rows older than the kept window; the count deleted. */
export async function pruneBookChanges(db: Db): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `with d as (delete from docking_posting_changes where at < now() - interval '${KEEP_CHANGES}' returning 1)
     select count(*)::int as n from d`,
  );
  return rows[0]?.n ?? 0;
}

const PRUNE_EVERY_MS = 10 * 60 * 1000;
const pruning = new WeakMap<Db, NodeJS.Timeout>();

/** Prunes the change rows every ten minutes while the server listens (the docking manifest's onListen). */
export function startPruningBookChanges(db: Db): void {
  if (pruning.has(db)) return;
  const t = setInterval(() => void pruneBookChanges(db).catch(() => {}), PRUNE_EVERY_MS);
  t.unref();
  pruning.set(db, t);
}

interface Slot {
  book: OpenBook | null;
  building: { key: string; promise: Promise<OpenBook> } | null;
  mapped?: { key: string; firms: MappedFirm[] };
}

const byPglite = new WeakMap<object, Slot>();
const byUrl = new Map<string, Slot>();

/** What identifies the database behind a handle (the PGlite instance, the PostgreSQL URL), or null. */
export function databaseOf(db: Db): object | string | null {
  const n = db.native;
  if (!n) return null;
  return 'pglite' in n ? n.pglite : n.url;
}

function slotOf(db: Db): Slot | null {
  const n = db.native;
  if (!n) return null;
  if ('pglite' in n) {
    const s = byPglite.get(n.pglite) ?? { book: null, building: null };
    byPglite.set(n.pglite, s);
    return s;
  }
  const s = byUrl.get(n.url) ?? { book: null, building: null };
  byUrl.set(n.url, s);
  return s;
}

/** The change counters (migration 0008) as committed and as added by this transaction, and the template versions. */
export interface BookVersions {
  /** What this transaction sees (committed + its own), for caches keyed like data-changes.ts. */
  readonly visible: DataVersions;
  readonly committed: ReadonlyMap<string, number>;
  readonly own: ReadonlyMap<string, number>;
  /** The current version of each chain template ("code:version,…"), the chain graph's key. */
  readonly templates: string;
}

/** One query for everything a ranking needs to know is current (counters, date, template versions). */
export async function bookVersions(db: Db): Promise<BookVersions> {
  const rows = await db.query<{
    table_name: string | null;
    committed: number | null;
    own: number | null;
    rows: number;
    today: string;
    templates: string | null;
  }>(
    `with mine as (select pg_current_xact_id_if_assigned()::text::numeric % 4294967296 as xid)
     select table_name, sum(changes) filter (where not own) as committed, sum(changes) filter (where own) as own,
            count(*) as rows, current_date::text as today, null as templates
       from (select table_name, changes, coalesce(xmin::text = (select xid::text from mine), false) as own
               from data_changes) s group by table_name
     union all
     select null, 0, 0, 0, current_date::text,
            (select string_agg(code || ':' || version, ',' order by code)
               from (select code, max(version) as version from chain_templates group by code) t)`,
  );
  const counts = new Map<string, number>();
  const committed = new Map<string, number>();
  const own = new Map<string, number>();
  let total = 0;
  let date = '';
  let templates = '';
  for (const r of rows) {
    date = r.today;
    total += r.rows;
    if (r.table_name === null) templates = r.templates ?? '';
    else {
      committed.set(r.table_name, r.committed ?? 0);
      own.set(r.table_name, r.own ?? 0);
      counts.set(r.table_name, (r.committed ?? 0) + (r.own ?? 0));
    }
  }
  if (total > FOLD_AT) await foldChanges(db);
  return { visible: { counts, date }, committed, own, templates };
}

const FOLD_AT = 500;

const YIELD_EVERY = 5000;
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

async function build(db: Db, key: string): Promise<OpenBook> {
  const t0 = performance.now();
  openBookStats.builds++;
  // The snapshot first: the pages below are read under later ones, so the book is at least this new.
  const snapshotAt = Date.now();
  const [snap] = await db.query<{ snapshot: string; xid: string | null }>(
    'select pg_current_snapshot()::text as snapshot, pg_current_xact_id_if_assigned()::text as xid',
  );
  const supply = new KindIndex();
  const demand = new KindIndex();
  // Newest first, in pages by id, so no single read holds the whole table and the loop yields between.
  let before = 2 ** 31 - 1;
  for (;;) {
    const rows = await db.query<OpenRow>(
      `select ${COLUMNS} from docking_postings where status = 'open' and id < $1 order by id desc limit 20000`,
      [before],
    );
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      (r.kind === 'supply' ? supply : demand).add(r);
      if (i % YIELD_EVERY === YIELD_EVERY - 1) await tick();
    }
    if (rows.length < 20000) break;
    before = rows[rows.length - 1]!.id;
    await tick();
  }
  return {
    key,
    size: supply.rows.length + demand.rows.length,
    builtMs: performance.now() - t0,
    supply,
    demand,
    patch: new Map(),
    snapshot: snap!.snapshot,
    xid: snap!.xid,
    snapshotAt,
  };
}

/**
 * The book brought up to date from `old` by the postings changed since its snapshot (migration 0040):
 * the change rows whose transaction the snapshot did not see (committed since, in any order), and those
 * of the transaction it was read in (which may have written postings after). Null when that is not
 * known (a TRUNCATE) or too much changed: read the book in full then.
 */
async function refresh(db: Db, old: OpenBook, key: string): Promise<OpenBook | null> {
  const t0 = performance.now();
  // Change rows older than a day are pruned: a book this old is read again rather than patched.
  if (Date.now() - old.snapshotAt > SNAPSHOT_MAX_AGE_MS) return null;
  const c = await changesSince(db, 'docking_posting_changes', 'posting_id', markOf(old), "kind = 'posting'");
  const ids = c.ids;
  if (c.unknown || old.patch.size + ids.length > PATCH_MAX) return null;
  // Read after the snapshot above: at least as new as it (a change in between is applied again next time).
  const rows =
    ids.length > 0
      ? await db.query<CurrentRow>(`select ${COLUMNS}, status from docking_postings where id = any($1::int[])`, [ids])
      : [];
  const patch = new Map(old.patch);
  for (const id of ids) patch.set(id, null);
  for (const r of rows) patch.set(r.id, r);
  openBookStats.refreshes++;
  return {
    key,
    size: countOpen(old.supply, 'supply', patch) + countOpen(old.demand, 'demand', patch),
    builtMs: performance.now() - t0,
    supply: old.supply,
    demand: old.demand,
    patch,
    snapshot: c.mark.snapshot,
    xid: c.mark.xid,
    snapshotAt: c.mark.at,
  };
}

const baseIds = new WeakMap<KindIndex, Set<number>>();
const idsOf = (index: KindIndex) => {
  let ids = baseIds.get(index);
  if (!ids) {
    ids = new Set(index.rows.map((r) => r.id));
    baseIds.set(index, ids);
  }
  return ids;
};

function countOpen(index: KindIndex, kind: PostingRow['kind'], patch: ReadonlyMap<number, CurrentRow | null>) {
  let n = index.rows.length;
  const ids = idsOf(index);
  for (const [id, r] of patch) {
    if (ids.has(id)) n--;
    if (r && r.status === 'open' && r.kind === kind) n++;
  }
  return n;
}

/**
 * A book made from rows read elsewhere (the re-match's worker threads get the rows their job read once
 * instead of reading the book each): each kind's open postings, newest first.
 */
export function bookOfRows(key: string, supplyRows: readonly OpenRow[], demandRows: readonly OpenRow[]): OpenBook {
  const supply = new KindIndex();
  const demand = new KindIndex();
  for (const r of supplyRows) supply.add(r);
  for (const r of demandRows) demand.add(r);
  return {
    key,
    size: supply.rows.length + demand.rows.length,
    builtMs: 0,
    supply,
    demand,
    patch: new Map(),
    snapshot: '',
    xid: null,
    snapshotAt: 0,
  };
}

/** The open postings of one kind in a book, newest first (the indexes' rows with the patch laid over). */
export function openRowsOf(book: OpenBook, kind: PostingRow['kind']): OpenRow[] {
  const index = kind === 'supply' ? book.supply : book.demand;
  if (book.patch.size === 0) return index.rows;
  const fresh = [...book.patch.values()].filter((r): r is CurrentRow => r?.status === 'open' && r.kind === kind);
  return [...index.rows.filter((r) => !book.patch.has(r.id)), ...fresh].sort((a, b) => b.id - a.id);
}

export interface BookView {
  book: OpenBook;
  /** Rows this transaction wrote (open or not): they replace the index's rows of the same id. */
  own: OpenRow[] | null;
}

/**
 * The open book as this handle sees it, or null when it cannot be used here (an engine without a
 * stable identity, or a transaction that wrote postings while the index is behind): read by SQL then.
 */
export async function openBook(db: Db, versions?: BookVersions): Promise<BookView | null> {
  const slot = slotOf(db);
  if (!slot) return null;
  const v = versions ?? (await bookVersions(db));
  const c = { committed: v.committed.get('docking_postings') ?? 0, own: v.own.get('docking_postings') ?? 0 };
  const key = String(c.committed);
  let book = slot.book?.key === key ? slot.book : null;
  if (!book) {
    if (c.own > 0) return null;
    if (slot.building?.key !== key) {
      // the postings that changed since the book held are applied to it; read in full only when unknown
      const from = slot.book;
      const promise = from ? refresh(db, from, key).then((b) => b ?? build(db, key)) : build(db, key);
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
    book = await slot.building!.promise;
  }
  const own =
    c.own > 0
      ? await db.query<OpenRow & { status: string }>(
          `select ${COLUMNS}, status from docking_postings where updated_at = now()`,
        )
      : null;
  return { book, own };
}

/** The newest `cap` rows (by id) among positions of several lists that pass `keep`, newest first. */
function newest(
  index: KindIndex,
  lists: (readonly number[] | undefined)[],
  cap: number,
  keep: (r: OpenRow) => boolean,
) {
  let total = 0;
  for (const l of lists) total += l?.length ?? 0;
  const all = new Int32Array(total);
  let k = 0;
  for (const l of lists) if (l) for (const p of l) all[k++] = p;
  all.sort();
  const out: OpenRow[] = [];
  let last = -1;
  for (let i = 0; i < all.length && out.length < cap; i++) {
    const p = all[i]!;
    if (p === last) continue;
    last = p;
    const r = index.rows[p]!;
    if (keep(r)) out.push(r);
  }
  return out;
}

/**
 * The candidate rows of a query posting from the open book: the same rows as the SQL read (the union of
 * the newest `cap` by related node and the newest `cap` by shared term), in id order, newest first.
 */
export function candidateRowsFromBook(
  view: BookView,
  q: { kind: PostingRow['kind']; enterpriseId: number; terms: readonly string[]; nodes: readonly string[] },
  day: string,
  cap: number,
): OpenRow[] {
  const other = q.kind === 'demand' ? 'supply' : 'demand';
  const index = other === 'supply' ? view.book.supply : view.book.demand;
  // Rows laid over the index: the book's patch, then this transaction's own rows.
  let over: ReadonlyMap<number, CurrentRow | null> | null = null;
  if (view.own) {
    const m = new Map(view.book.patch);
    for (const r of view.own) m.set(r.id, r as CurrentRow);
    over = m;
  } else if (view.book.patch.size > 0) over = view.book.patch;
  const usable = (r: OpenRow) => r.valid_until >= day && r.enterprise_id !== q.enterpriseId;
  const keep = over ? (r: OpenRow) => !over.has(r.id) && usable(r) : usable;
  const nodeSet = new Set(q.nodes);
  const termSet = new Set(q.terms);
  const byNode = newest(
    index,
    q.nodes.map((n) => index.byNode.get(n)),
    cap,
    keep,
  );
  const byTerm = newest(
    index,
    [...termSet].map((t) => index.byTerm.get(t)),
    cap,
    keep,
  );
  if (over) {
    const mine: OpenRow[] = [];
    for (const r of over.values()) if (r && r.status === 'open' && r.kind === other && usable(r)) mine.push(r);
    const merge = (list: OpenRow[], extra: OpenRow[]) =>
      extra.length === 0 ? list : [...list, ...extra].sort((a, b) => b.id - a.id).slice(0, cap);
    const nodeExtra = mine.filter((r) => r.node_id !== null && nodeSet.has(r.node_id));
    const termExtra = mine.filter((r) => r.terms.some((t) => termSet.has(t)));
    return union(merge(byNode, nodeExtra), merge(byTerm, termExtra));
  }
  return union(byNode, byTerm);
}

function union(a: OpenRow[], b: OpenRow[]): OpenRow[] {
  const seen = new Set<number>();
  const out: OpenRow[] = [];
  for (const r of [...a, ...b]) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    out.push(r);
  }
  return out;
}

/** Forgets the index of a database (tests that rewrite the book outside the counters). */
export function forgetOpenBook(db: Db): void {
  const s = slotOf(db);
  if (s) {
    s.book = null;
    s.building = null;
  }
}

const MAPPED_TABLES = ['chain_mappings', 'enterprises'] as const;

/**
 * Every firm with a confirmed chain mapping (its products, its nodes in the database's order), held per
 * database under the committed counters of chain_mappings and enterprises; null inside a transaction
 * that changed either (read by SQL then).
 */
export async function mappedFirms(db: Db, v: BookVersions): Promise<MappedFirm[] | null> {
  const slot = slotOf(db);
  if (!slot || MAPPED_TABLES.some((t) => (v.own.get(t) ?? 0) > 0)) return null;
  const key = MAPPED_TABLES.map((t) => v.committed.get(t) ?? 0).join('|');
  if (slot.mapped?.key === key) return slot.mapped.firms;
  const firms = await db.query<MappedFirm>(
    `select e.id, e.products, array_agg(m.node_id order by m.node_id) as nodes
       from chain_mappings m join enterprises e on e.id = m.enterprise_id
      where m.status = 'confirmed' group by e.id order by e.id`,
  );
  slot.mapped = { key, firms };
  return firms;
}

/** The mapped firms at some of `nodes` (their nodes narrowed to those), by id, at most `max`; not `except`. */
export function mappedAt(
  all: readonly MappedFirm[],
  nodes: readonly string[],
  except: number,
  max: number,
): MappedFirm[] {
  const wanted = new Set(nodes);
  const out: MappedFirm[] = [];
  for (const f of all) {
    if (f.id === except) continue;
    const at = f.nodes.filter((n) => wanted.has(n));
    if (at.length === 0) continue;
    out.push(at.length === f.nodes.length ? f : { ...f, nodes: at });
    if (out.length >= max) break;
  }
  return out;
}

/** Where a book's read stands, as the change log takes it. */
export const markOf = (b: { snapshot: string; xid: string | null; snapshotAt: number }): LogMark => ({
  snapshot: b.snapshot,
  xid: b.xid,
  at: b.snapshotAt,
});
