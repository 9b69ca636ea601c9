/**
 * Ranking many postings at once (the whole-book re-match): everything `rankPosting` reads per posting
 * is read once — the open book (open-book.ts), the firms mapped to chain nodes, the places of every
 * firm involved, and the pair history (supplier links, contacts and deals, declines) among the book's
 * firms — and each posting is then ranked in memory, with one offer object per posting and firm profile
 * for the whole run. The results are those of `rankPosting` on the same state (open-book.int.test.ts).
 */
import type { Db } from '../../../db/connect.js';
import type { Scored } from '../../../domain/docking/engine.js';
import { rankOffers } from '../../../domain/docking/rank.js';
import {
  assembleOffers,
  CANDIDATE_CAP,
  chainGraph,
  type MappedFirm,
  offerOf,
  type PostingRow,
  pairSets,
  placesOf,
  relatedNodes,
} from './book.js';
import { type BookView, candidateRowsFromBook, mappedAt, openBook, openRowsOf } from './open-book.js';

export interface BookRanker {
  /** The key of the open book it was made from (a re-match makes a new ranker when it moved). */
  readonly key: string;
  /** Whether the posting was open in the book the ranker was made from (its firm's place is known). */
  has(postingId: number): boolean;
  rank(p: PostingRow, limit?: number): Scored[];
}

const MAPPED_FIRMS_MAX = 500;

/** A ranker over the open book as it is now, or null when the book cannot be held here (then rank one by one). */
export async function bookRanker(db: Db, day: string): Promise<BookRanker | null> {
  const view: BookView | null = await openBook(db);
  if (!view || view.own) return null;
  const graph = await chainGraph(db);
  // Ordered as the per-posting read orders them (firm id; each firm's nodes by the database's collation),
  // so a node subset keeps the same order.
  const mapped = await db.query<MappedFirm>(
    `select e.id, e.products, array_agg(m.node_id order by m.node_id) as nodes
       from chain_mappings m join enterprises e on e.id = m.enterprise_id
      where m.status = 'confirmed' group by e.id order by e.id`,
  );
  const supply = { rows: openRowsOf(view.book, 'supply') };
  const demand = { rows: openRowsOf(view.book, 'demand') };
  const customers = [...new Set(demand.rows.map((r) => r.enterprise_id))];
  const suppliers = [...new Set([...supply.rows.map((r) => r.enterprise_id), ...mapped.map((f) => f.id)])];
  const places = await placesOf(db, [...customers, ...suppliers]);
  // A superset of each posting's pairs: the engine only looks up the pairs of its candidates.
  const sets = await pairSets(db, customers, suppliers);
  const cache = new Map<string, ReturnType<typeof offerOf>>();
  const ids = new Set([...supply.rows.map((r) => r.id), ...demand.rows.map((r) => r.id)]);
  return {
    key: view.book.key,
    has: (id) => ids.has(id),
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
