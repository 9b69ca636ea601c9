/**
 * Ranking many postings at once (the whole-book re-match): everything `rankPosting` reads per posting
 * is read once — the open book (open-book.ts), the firms mapped to chain nodes, the places of every
 * firm involved (place-book.ts), and the pair history (supplier links, contacts and deals, declines) —
 * and each posting is then ranked in memory, with one offer object per posting and firm profile for the
 * whole run. The results are those of `rankPosting` on the same state (open-book.int.test.ts).
 *
 * What is read (`RankerData`) is plain data: the re-match reads it once and hands it to each worker
 * thread (structured clone), which makes its ranker from it (`rankerOf`) instead of reading it again.
 */
import type { Db } from '../../../db/connect.js';
import type { Place } from '../../../domain/docking/distance.js';
import { pairKey, type Scored } from '../../../domain/docking/engine.js';
import { rankOffers } from '../../../domain/docking/rank.js';
import {
  assembleOffers,
  CANDIDATE_CAP,
  chainGraph,
  type MappedFirm,
  offerOf,
  type PostingRow,
  placesOf,
  relatedNodes,
} from './book.js';
import {
  type BookVersions,
  bookOfRows,
  bookVersions,
  candidateRowsFromBook,
  mappedAt,
  mappedFirms,
  type OpenRow,
  openBook,
  openRowsOf,
} from './open-book.js';
import { placeBook } from './place-book.js';

export interface BookRanker {
  /** The key of the open book it was made from (a re-match makes a new ranker when it moved). */
  readonly key: string;
  /** Whether the posting was open in the book the ranker was made from (its firm's place is known). */
  has(postingId: number): boolean;
  /** The posting as the book holds it (open when the book was read), or undefined. */
  posting(postingId: number): PostingRow | undefined;
  rank(p: PostingRow, limit?: number): Scored[];
}

/** Everything a ranker ranks from, as plain data (it crosses to worker threads by structured clone). */
export interface RankerData {
  key: string;
  /** Each kind's open postings, newest first. */
  supply: OpenRow[];
  demand: OpenRow[];
  mapped: MappedFirm[];
  /** The places of every firm of the book and of the mapped firms. */
  places: Map<number, Place>;
  trading: Set<string>;
  confirmed: Set<string>;
  declined: Set<string>;
}

const MAPPED_FIRMS_MAX = 500;

/**
 * The pair history of every pair that has one: supplier links (trading), and pairs of this module with
 * an open contact (confirmed) or declined by a side — a superset of any ranking's pairs (the engine only
 * looks up its candidates' pairs), read without the id lists a per-posting read sends.
 */
async function allPairSets(db: Db) {
  const trading = new Set<string>();
  const confirmed = new Set<string>();
  const declined = new Set<string>();
  const rows = await db.query<{ customer_id: number; supplier_id: number; link: boolean; c: boolean; d: boolean }>(
    `select customer_id, supplier_id, true as link, false as c, false as d from supply_links
     union all
     select m.customer_id, m.supplier_id, false, bool_or(c.match_id is not null),
            bool_or(m.customer_decision = 'not_relevant' or m.supplier_decision = 'not_relevant')
       from docking_matches m left join docking_contacts c on c.match_id = m.id
      where c.match_id is not null or m.customer_decision = 'not_relevant' or m.supplier_decision = 'not_relevant'
      group by 1, 2`,
  );
  for (const r of rows) {
    const key = pairKey(r.customer_id, r.supplier_id);
    if (r.link) trading.add(key);
    if (r.c) confirmed.add(key);
    if (r.d) declined.add(key);
  }
  return { trading, confirmed, declined };
}

/** Reads what a ranker needs, or null when the open book cannot be held here (then rank one by one). */
export async function rankerData(db: Db, versions?: BookVersions): Promise<RankerData | null> {
  const v = versions ?? (await bookVersions(db));
  const view = await openBook(db, v);
  if (!view || view.own) return null;
  // Ordered as the per-posting read orders them (firm id; each firm's nodes by the database's collation),
  // so a node subset keeps the same order.
  const mapped =
    (await mappedFirms(db, v)) ??
    (await db.query<MappedFirm>(
      `select e.id, e.products, array_agg(m.node_id order by m.node_id) as nodes
         from chain_mappings m join enterprises e on e.id = m.enterprise_id
        where m.status = 'confirmed' group by e.id order by e.id`,
    ));
  const supply = openRowsOf(view.book, 'supply');
  const demand = openRowsOf(view.book, 'demand');
  const firms = new Set<number>(mapped.map((f) => f.id));
  for (const r of supply) firms.add(r.enterprise_id);
  for (const r of demand) firms.add(r.enterprise_id);
  const book = await placeBook(db, v);
  let places: Map<number, Place>;
  if (book) {
    places = new Map();
    for (const id of firms) {
      const p = book.get(id);
      if (p) places.set(id, p);
    }
  } else places = await placesOf(db, [...firms]);
  return { key: view.book.key, supply, demand, mapped, places, ...(await allPairSets(db)) };
}

/** A ranker over read data (in a worker thread: data its job read). */
export async function rankerOf(db: Db, data: RankerData, day: string): Promise<BookRanker> {
  const graph = await chainGraph(db);
  const view = { book: bookOfRows(data.key, data.supply, data.demand), own: null };
  const { places, mapped } = data;
  const sets = { trading: data.trading, confirmed: data.confirmed, declined: data.declined };
  const cache = new Map<string, ReturnType<typeof offerOf>>();
  const byId = new Map<number, PostingRow>();
  for (const r of data.supply) byId.set(r.id, r);
  for (const r of data.demand) byId.set(r.id, r);
  return {
    key: data.key,
    has: (id) => byId.has(id),
    posting: (id) => byId.get(id),
    rank(p: PostingRow, limit = 20): Scored[] {
      const nodes = relatedNodes(graph, p.kind, p.node_id);
      const rows = candidateRowsFromBook(
        view,
        { kind: p.kind, enterpriseId: p.enterprise_id, terms: p.terms, nodes },
        day,
        CANDIDATE_CAP,
      );
      const firms =
        p.kind === 'demand' && nodes.length > 0 ? mappedAt(mapped, nodes, p.enterprise_id, MAPPED_FIRMS_MAX) : [];
      const offers = assembleOffers(rows, firms, places, p.enterprise_id, cache);
      const query = offerOf(p, places.get(p.enterprise_id) ?? { locations: [], district: null, inCity: false });
      return rankOffers(graph, offers, query, { limit, today: day, ...sets });
    },
  };
}

/** A ranker over the open book as it is now, or null when the book cannot be held here (then rank one by one). */
export async function bookRanker(db: Db, day: string): Promise<BookRanker | null> {
  const data = await rankerData(db);
  return data ? rankerOf(db, data, day) : null;
}
