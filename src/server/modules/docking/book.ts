/**
 * The open book in the database, fed to the domain engine: the chain graph of the current templates,
 * places of firms (units, floors, parks, districts), candidates of a posting read through the terms
 * index and the chain nodes, and the matches stored with their evidence (decisions kept).
 */
import type { TChainTemplate } from '../../../contracts/chains.js';
import type { TPostingKind, TUnit } from '../../../contracts/docking.js';
import type { Db } from '../../../db/connect.js';
import type { Place } from '../../../domain/docking/distance.js';
import { graphOf, MatchIndex, type Offer, pairKey, type Scored } from '../../../domain/docking/engine.js';
import type { ChainGraph } from '../../../domain/docking/graph.js';
import { prepareRanking } from '../../../domain/docking/rank.js';
import { changeKey, type DataVersions, dataVersions } from '../../lib/data-changes.js';
import { currentTemplates } from '../chains/templates-store.js';
import {
  type BookVersions,
  bookVersions,
  candidateRowsFromBook,
  mappedAt,
  mappedFirms,
  openBook,
} from './open-book.js';
import { type Places, placeBook } from './place-book.js';

/** Firms mapped to the related nodes a demand meets as profiles, at most. */
export const MAPPED_FIRMS_MAX = 500;

let cached: { key: string; templates: TChainTemplate[]; graph: ChainGraph } | null = null;

/** The chain graph of the current template versions (reloaded when a version is published). */
export async function chainGraph(db: Db, templatesKey?: string): Promise<ChainGraph> {
  let key = templatesKey;
  if (key === undefined) {
    const [v] = await db.query<{ key: string | null }>(
      `select string_agg(code || ':' || version, ',' order by code) as key
         from (select code, max(version) as version from chain_templates group by code) s`,
    );
    key = v?.key ?? '';
  }
  if (!cached || cached.key !== key) {
    const templates = await currentTemplates(db);
    cached = { key, templates, graph: graphOf(templates) };
  }
  return cached.graph;
}

export const today = () => new Date().toISOString().slice(0, 10);

/** Tables a firm's place is read from: a change to any of them (or a new day) empties the cache. */
const PLACE_TABLES = ['enterprises', 'occupancies', 'units', 'floors', 'buildings', 'parks'] as const;
const PLACE_CACHE_MAX = 500_000;
const placeCaches = new WeakMap<Db, { key: string; places: Map<number, Place> }>();

/**
 * Places of firms, cached per database handle under the change counters of the tables they come
 * from (migration 0008) and the date, so a posting's candidates cost a lookup once their firms were
 * seen; a write to any of those tables starts the cache afresh.
 */
export async function placesOf(db: Db, ids: readonly number[], versions?: DataVersions): Promise<Map<number, Place>> {
  const out = new Map<number, Place>();
  if (ids.length === 0) return out;
  const key = changeKey(versions ?? (await dataVersions(db)), PLACE_TABLES, true);
  let cache = placeCaches.get(db);
  if (!cache || cache.key !== key || cache.places.size > PLACE_CACHE_MAX) {
    cache = { key, places: new Map() };
    placeCaches.set(db, cache);
  }
  const missing = [...new Set(ids)].filter((id) => !cache.places.has(id));
  if (missing.length > 0) for (const [id, place] of await readPlaces(db, missing)) cache.places.set(id, place);
  for (const id of ids) {
    const p = cache.places.get(id);
    if (p) out.set(id, p);
  }
  return out;
}

/**
 * Places of the given firms, or of every firm ('all': the place book's full read, place-book.ts); each
 * firm's locations in the order of its occupancies, however the rows were read.
 */
export async function readPlaces(db: Db, ids: readonly number[] | 'all'): Promise<Map<number, Place>> {
  const out = new Map<number, Place>();
  const rows = await db.query<{
    id: number;
    region_code: string | null;
    locs: { b: number; f: number; p: number; pp: number | null; d: string | null }[];
  }>(
    `select e.id, e.region_code,
            coalesce(json_agg(json_build_object('b', b.id, 'f', f.floor_no, 'p', p.id, 'pp', p.parent_id, 'd', p.region_code) order by o.id)
                     filter (where b.id is not null), '[]') as locs
       from enterprises e
       left join occupancies o on o.enterprise_id = e.id and (o.ended_on is null or o.ended_on >= current_date)
       left join units u on u.id = o.unit_id left join floors f on f.id = u.floor_id
       left join buildings b on b.id = f.building_id left join parks p on p.id = b.park_id
      ${ids === 'all' ? '' : 'where e.id = any($1::int[])'} group by e.id`,
    ids === 'all' ? [] : [[...new Set(ids)]],
  );
  for (const r of rows) {
    const locations = r.locs.map((l) => ({
      buildingId: l.b,
      floorNo: l.f,
      parkIds: l.pp ? [l.p, l.pp] : [l.p],
      district: l.d ? l.d.trim() : null,
    }));
    const district = r.region_code ? r.region_code.trim() : null;
    out.set(r.id, {
      locations,
      district,
      inCity: (district?.startsWith('4201') ?? false) || locations.some((l) => l.district?.startsWith('4201')),
    });
  }
  return out;
}

export type PostingRow = {
  id: number;
  kind: TPostingKind;
  enterprise_id: number;
  title: string;
  spec: string | null;
  node_id: string | null;
  quantity: number | null;
  unit: TUnit | null;
  valid_until: string;
  visibility: 'public' | 'city' | 'park';
  terms: string[];
};

const POSTING_COLUMNS = 'id, kind, enterprise_id, title, spec, node_id, quantity, unit, valid_until, visibility, terms';

export const offerOf = (p: PostingRow, place: Place): Offer => ({
  postingId: p.id,
  enterpriseId: p.enterprise_id,
  kind: p.kind,
  text: [p.title, p.spec ?? ''].join(' '),
  nodeIds: p.node_id ? [p.node_id] : [],
  quantity: p.quantity,
  unit: p.unit,
  validUntil: p.valid_until,
  place,
  terms: p.terms,
});

/** How many candidates one posting reads at most from each index (related nodes, shared terms), newest first. */
export const CANDIDATE_CAP = 2000;

export interface Candidates {
  offers: Offer[];
  visibility: Map<number, PostingRow['visibility']>;
}

/** How a posting's candidate postings are read: from the open book in memory (the default), or by SQL. */
export type CandidateSource = 'memory' | 'sql';

/**
 * The candidate postings by SQL: two index-driven reads (the node index, the terms GIN index) rather
 * than one OR, which scans the table. The reference the in-memory open book (open-book.ts) must equal.
 */
async function candidateRowsSql(
  db: Db,
  q: { kind: TPostingKind; enterpriseId: number; terms: string[]; nodes: string[] },
  day: string,
  cap: number,
): Promise<PostingRow[]> {
  const other = q.kind === 'demand' ? 'supply' : 'demand';
  const open = `kind = $1 and status = 'open' and valid_until >= $2::date and enterprise_id <> $4`;
  return db.query<PostingRow>(
    `(select ${POSTING_COLUMNS} from docking_postings where ${open} and node_id = any($3::text[])
       order by id desc limit ${Math.floor(cap)})
     union
     (select ${POSTING_COLUMNS} from docking_postings where ${open} and terms && $5::text[]
       order by id desc limit ${Math.floor(cap)})`,
    [other, day, q.nodes, q.enterpriseId, q.terms],
  );
}

/**
 * Candidates of a query posting: open, unexpired postings of the other kind sharing a term or at a
 * related node; for a demand also the firms mapped (confirmed) to a node that feeds it, as profiles.
 * The postings come from the open book in memory unless `source` is 'sql' (or the book cannot be
 * used in this transaction); both give the same rows.
 */
export async function candidatesOf(
  db: Db,
  graph: ChainGraph,
  query: { kind: TPostingKind; enterpriseId: number; terms: string[]; nodeId: string | null },
  day: string,
  source: CandidateSource = 'memory',
  cap = CANDIDATE_CAP,
  versions?: BookVersions,
): Promise<Offer[]> {
  const nodes = relatedNodes(graph, query.kind, query.nodeId);
  const q = { kind: query.kind, enterpriseId: query.enterpriseId, terms: query.terms, nodes };
  const v = source === 'memory' ? (versions ?? (await bookVersions(db))) : null;
  const view = v ? await openBook(db, v) : null;
  const rows = view ? candidateRowsFromBook(view, q, day, cap) : await candidateRowsSql(db, q, day, cap);
  let firms: MappedFirm[] = [];
  if (query.kind === 'demand' && nodes.length > 0) {
    const all = v ? await mappedFirms(db, v) : null;
    firms = all
      ? mappedAt(all, nodes, query.enterpriseId, MAPPED_FIRMS_MAX)
      : await db.query<MappedFirm>(
          `select e.id, e.products, array_agg(m.node_id order by m.node_id) as nodes
             from chain_mappings m join enterprises e on e.id = m.enterprise_id
            where m.status = 'confirmed' and m.node_id = any($1::text[]) and e.id <> $2
            group by e.id order by e.id limit ${MAPPED_FIRMS_MAX}`,
          [nodes, query.enterpriseId],
        );
  }
  // every firm's place in memory (place-book.ts); by SQL inside a transaction that changed places
  const places =
    (v ? await placeBook(db, v) : null) ??
    (await placesOf(
      db,
      [query.enterpriseId, ...rows.map((r) => r.enterprise_id), ...firms.map((f) => f.id)],
      v?.visible,
    ));
  return assembleOffers(rows, firms, places, query.enterpriseId);
}

/** The nodes a posting's candidates may sit at: its node (a group: its members) and the nodes feeding it or fed by it. */
export function relatedNodes(graph: ChainGraph, kind: TPostingKind, nodeId: string | null): string[] {
  const related = new Set<string>();
  if (nodeId) {
    for (const n of graph.expand(nodeId)) related.add(n);
    const rel = kind === 'demand' ? graph.feeders(nodeId) : graph.fed(nodeId);
    for (const n of rel.keys()) related.add(n);
  }
  return [...related];
}

export type MappedFirm = {
  id: number;
  products: string[];
  nodes: string[];
};

const NO_PLACE: Place = { locations: [], district: null, inCity: false };

/**
 * The engine's offers from candidate rows (visibility checked against the query firm's place) and
 * mapped firms. `cache` (the re-match) keeps one offer object per posting and firm profile, so the
 * engine's per-offer work is done once per job.
 */
export function assembleOffers(
  rows: readonly PostingRow[],
  firms: readonly MappedFirm[],
  places: Places,
  enterpriseId: number,
  cache?: Map<string, Offer>,
): Offer[] {
  const me = places.get(enterpriseId) ?? NO_PLACE;
  const offers: Offer[] = [];
  for (const r of rows) {
    const place = places.get(r.enterprise_id) ?? NO_PLACE;
    // Visibility: city postings meet firms of the city, park postings firms of the same park.
    if (r.visibility === 'city' && !me.inCity) continue;
    if (r.visibility === 'park' && !sharesPark(me, place)) continue;
    let o = cache?.get(`p${r.id}`);
    if (!o) {
      o = offerOf(r, place);
      cache?.set(`p${r.id}`, o);
    }
    offers.push(o);
  }
  for (const f of firms) {
    const key = `f${f.id}:${f.nodes.join(',')}`;
    let o = cache?.get(key);
    if (!o) {
      o = {
        postingId: null,
        enterpriseId: f.id,
        kind: 'supply',
        text: f.products.join(' '),
        nodeIds: f.nodes,
        quantity: null,
        unit: null,
        validUntil: null,
        place: places.get(f.id) ?? NO_PLACE,
      };
      cache?.set(key, o);
    }
    offers.push(o);
  }
  return offers;
}

const sharesPark = (a: Place, b: Place) =>
  a.locations.some((x) => b.locations.some((y) => x.parkIds.some((p) => y.parkIds.includes(p))));

/** Pairs among the candidates already trading (supplier links) and confirmed here (contacts, deals), and declined. */
export async function pairSets(db: Db, customers: number[], suppliers: number[]) {
  const trading = new Set<string>();
  const confirmed = new Set<string>();
  const declined = new Set<string>();
  if (customers.length === 0 || suppliers.length === 0) return { trading, confirmed, declined };
  // One read: supplier links (trading) and this module's pairs (confirmed by a contact, declined).
  const rows = await db.query<{
    customer_id: number;
    supplier_id: number;
    link: boolean;
    confirmed: boolean;
    declined: boolean;
  }>(
    `select customer_id, supplier_id, true as link, false as confirmed, false as declined
       from supply_links where customer_id = any($1::int[]) and supplier_id = any($2::int[])
     union all
     select m.customer_id, m.supplier_id, false,
            bool_or(c.match_id is not null),
            bool_or(m.customer_decision = 'not_relevant' or m.supplier_decision = 'not_relevant')
       from docking_matches m left join docking_contacts c on c.match_id = m.id
      where m.customer_id = any($1::int[]) and m.supplier_id = any($2::int[]) group by 1, 2`,
    [customers, suppliers],
  );
  for (const d of rows) {
    const key = pairKey(d.customer_id, d.supplier_id);
    if (d.link) trading.add(key);
    if (d.confirmed) confirmed.add(key);
    if (d.declined) declined.add(key);
  }
  return { trading, confirmed, declined };
}

/** The top matches of one posting, ranked by the domain engine, without storing them. */
export async function rankPosting(
  db: Db,
  p: PostingRow,
  opts: { limit?: number; day?: string; source?: CandidateSource; cap?: number; reference?: boolean } = {},
): Promise<Scored[]> {
  const day = opts.day ?? today();
  // The open book: one read of the counters (and template versions) says every cache is current.
  const v = opts.source === 'sql' ? undefined : await bookVersions(db);
  const graph = await chainGraph(db, v?.templates);
  const offers = await candidatesOf(
    db,
    graph,
    { kind: p.kind, enterpriseId: p.enterprise_id, terms: p.terms, nodeId: p.node_id },
    day,
    opts.source,
    opts.cap,
    v,
  );
  const place = ((v ? await placeBook(db, v) : null) ?? (await placesOf(db, [p.enterprise_id], v?.visible))).get(
    p.enterprise_id,
  );
  const query = offerOf(p, place ?? { locations: [], district: null, inCity: false });
  const limit = opts.limit ?? 20;
  const historyOf = (others: number[]) =>
    p.kind === 'demand' ? pairSets(db, [p.enterprise_id], others) : pairSets(db, others, [p.enterprise_id]);
  if (opts.reference || !Number.isInteger(limit) || limit < 1) {
    // the reference engine (the bench's "before", the tests' yardstick): every candidate's pair history read
    const sets = await historyOf([...new Set(offers.map((o) => o.enterpriseId))]);
    // A pair declined on an earlier posting is not pushed again: it was asked and answered.
    return new MatchIndex(graph, offers).match(query, { limit, today: day, ...sets });
  }
  // The same results faster (rank.ts): the pair history is read only for the firms of the candidates
  // that can still reach the top — usually one read of a few dozen firms instead of every candidate's.
  const ranking = prepareRanking(graph, offers, query, { limit, today: day });
  const history = { trading: new Set<string>(), confirmed: new Set<string>(), declined: new Set<string>() };
  const asked = new Set<number>();
  let want = ranking.likelyFirms();
  for (;;) {
    const fresh = want.filter((f) => !asked.has(f));
    for (const f of fresh) asked.add(f);
    if (fresh.length > 0) {
      const sets = await historyOf(fresh);
      for (const k of ['trading', 'confirmed', 'declined'] as const) for (const x of sets[k]) history[k].add(x);
    }
    const r = ranking.finish(history, asked);
    if (Array.isArray(r)) return r;
    want = r.need;
  }
}

/** Stores the matches of one posting (new pairs inserted; existing ones keep their decisions). Returns ids of new rows. */
export async function storeMatches(
  tx: Db,
  p: PostingRow,
  scored: readonly Scored[],
  synthetic = false,
): Promise<number[]> {
  return (await storeMatchesOf(tx, [{ p, scored }], synthetic)).map((m) => m.id);
}

const matchKey = (r: { demand_id: number | null; supplier_id: number; supply_id: number | null }) =>
  `${r.demand_id}:${r.supplier_id}:${r.supply_id ?? 0}`;

/**
 * Stores the matches of several postings in one statement (the re-match, a chunk at a time). A pair met
 * from both of its postings is written once with the later ranking, as one posting after another would
 * leave it, and counts as new for the posting that met it first. Returns the new rows and their posting.
 */
export async function storeMatchesOf(
  tx: Db,
  items: readonly { p: PostingRow; scored: readonly Scored[] }[],
  synthetic = false,
): Promise<{ id: number; postingId: number }[]> {
  type MatchRow = {
    demand_id: number | null;
    supply_id: number | null;
    customer_id: number;
    supplier_id: number;
    score: number;
    tier: string;
    evidence: unknown;
  };
  const rows = new Map<string, MatchRow>();
  const firstPosting = new Map<string, number>();
  for (const { p, scored } of items) {
    const demandSide = p.kind === 'demand';
    for (const s of scored) {
      const r: MatchRow = {
        demand_id: demandSide ? p.id : s.offer.postingId,
        supply_id: demandSide ? s.offer.postingId : p.id,
        customer_id: demandSide ? p.enterprise_id : s.offer.enterpriseId,
        supplier_id: demandSide ? s.offer.enterpriseId : p.enterprise_id,
        score: s.score,
        tier: s.tier,
        evidence: s.evidence,
      };
      const key = matchKey(r);
      rows.set(key, r); // the later ranking wins; the row keeps the place (and id) of its first meeting
      if (!firstPosting.has(key)) firstPosting.set(key, p.id);
    }
  }
  if (rows.size === 0) return [];
  const inserted = await tx.query<{
    id: number;
    fresh: boolean;
    demand_id: number;
    supplier_id: number;
    supply_id: number | null;
  }>(
    `insert into docking_matches (demand_id, supply_id, customer_id, supplier_id, score, tier, evidence, synthetic)
     select r.demand_id, r.supply_id, r.customer_id, r.supplier_id, r.score, r.tier, r.evidence, $2
       from jsonb_to_recordset($1::jsonb) as r(demand_id int, supply_id int, customer_id int, supplier_id int,
            score double precision, tier text, evidence jsonb)
     on conflict (demand_id, supplier_id, coalesce(supply_id, 0))
     do update set score = excluded.score, tier = excluded.tier, evidence = excluded.evidence, updated_at = now()
       -- a match ranked as before is not written again (a re-run of the whole book writes only what moved)
       where (docking_matches.score, docking_matches.tier, docking_matches.evidence)
             is distinct from (excluded.score, excluded.tier, excluded.evidence)
     returning id, (xmax = 0) as fresh, demand_id, supplier_id, supply_id`,
    // in key order, so two writers of overlapping pairs (the re-match's threads) lock rows in one order
    [
      JSON.stringify(
        [...rows.values()].sort(
          (a, b) =>
            (a.demand_id ?? 0) - (b.demand_id ?? 0) ||
            a.supplier_id - b.supplier_id ||
            (a.supply_id ?? 0) - (b.supply_id ?? 0),
        ),
      ),
      synthetic,
    ],
  );
  return inserted.filter((r) => r.fresh).map((r) => ({ id: r.id, postingId: firstPosting.get(matchKey(r))! }));
}

export async function loadPosting(db: Db, id: number): Promise<PostingRow | undefined> {
  const [r] = await db.query<PostingRow>(`select ${POSTING_COLUMNS} from docking_postings where id = $1`, [id]);
  return r;
}
