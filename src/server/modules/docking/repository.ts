/**
 * Reads of postings and matches in the actor's scope, presented with the confidential values the actor
 * may see (access.ts) and the rest withheld and listed in `redacted`.
 */
import type { TEvidence, TMatch, TPosting } from '../../../contracts/docking.js';
import type { Db } from '../../../db/connect.js';
import { Sql } from '../../lib/sql.js';
import type { Actor } from '../auth/actor.js';
import { matchReadCond, matchSideCond, ownerCond, postingReadCond } from './access.js';

export const POSTING_SECRETS = ['quantity', 'unit', 'priceWan', 'contactName', 'contactPhone'] as const;

const POSTING_SELECT = `select p.*, e.name as enterprise_name,
    (select count(*)::int from docking_matches m where m.demand_id = p.id or m.supply_id = p.id) as match_count
  from docking_postings p join enterprises e on e.id = p.enterprise_id`;

type PostingDbRow = Record<string, unknown> & {
  id: number;
  mine: boolean;
  /** The caller acts for the other side of a match on this posting whose contact is open. */
  counterpart?: boolean;
  node_id: string | null;
  valid_until: string;
  created_at: Date | string;
};

/**
 * SQL on t (a posting): the actor acts for the other side of one of its matches whose contact is open
 * (both sides interested), so it sees the posting's quantity, price and contact as the match shows them.
 */
function counterpartCond(a: Actor, q: Sql): string {
  const supplier = ownerCond(
    a,
    q,
    'm.supplier_id',
    '(select posted_by from docking_postings x where x.id = m.supply_id)',
  );
  const customer = ownerCond(
    a,
    q,
    'm.customer_id',
    '(select posted_by from docking_postings x where x.id = m.demand_id)',
  );
  return `exists (select 1 from docking_matches m join docking_contacts c on c.match_id = m.id
    where (m.demand_id = t.id and ${supplier}) or (m.supply_id = t.id and ${customer}))`;
}

export interface PostingFilter {
  kind?: 'supply' | 'demand' | undefined;
  mine?: boolean | undefined;
  enterpriseId?: number | undefined;
  q?: string | undefined;
  includeExpired?: boolean | undefined;
  limit: number;
  offset: number;
}

function presentPosting(r: PostingDbRow, nodeName: (id: string) => string | null, day: string): TPosting {
  const p: TPosting = {
    id: r.id,
    kind: r.kind as TPosting['kind'],
    category: r.category as TPosting['category'],
    enterpriseId: r.enterprise_id as number,
    enterpriseName: r.enterprise_name as string,
    title: r.title as string,
    spec: (r.spec as string | null) ?? null,
    nodeId: r.node_id,
    nodeName: r.node_id ? nodeName(r.node_id) : null,
    quantity: (r.quantity as number | null) ?? null,
    unit: (r.unit as TPosting['unit']) ?? null,
    priceWan: (r.price_wan as number | null) ?? null,
    deliveryRegion: r.delivery_region ? String(r.delivery_region).trim() : null,
    validUntil: r.valid_until,
    visibility: r.visibility as TPosting['visibility'],
    contactName: (r.contact_name as string | null) ?? null,
    contactPhone: (r.contact_phone as string | null) ?? null,
    status: r.status as TPosting['status'],
    origin: r.origin as TPosting['origin'],
    expired: r.valid_until < day,
    synthetic: r.synthetic as boolean,
    version: r.version as number,
    createdAt: r.created_at instanceof Date ? r.created_at.toISOString() : String(r.created_at),
    matchCount: r.match_count as number,
  };
  if (r.mine || r.counterpart) return p;
  return {
    ...p,
    quantity: null,
    unit: null,
    priceWan: null,
    contactName: null,
    contactPhone: null,
    redacted: [...POSTING_SECRETS],
  };
}

export async function listPostings(
  db: Db,
  a: Actor,
  f: PostingFilter,
  nodeName: (id: string) => string | null,
  day: string,
): Promise<{ items: TPosting[]; total: number }> {
  const q = new Sql();
  const mine = ownerCond(a, q, 't.enterprise_id', 't.posted_by');
  const where = [postingReadCond(a, q)];
  if (f.kind) where.push(`t.kind = ${q.p(f.kind)}`);
  if (f.mine) where.push(mine);
  if (f.enterpriseId) where.push(`t.enterprise_id = ${q.p(f.enterpriseId)}`);
  if (!f.includeExpired) where.push(`t.valid_until >= ${q.p(day)}::date`);
  if (f.q)
    where.push(
      `(t.title ilike ${q.p(`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)} or t.enterprise_name ilike $${q.params.length})`,
    );
  const counterpart = counterpartCond(a, q);
  const sql = `select t.*, (${mine}) as mine, (${counterpart}) as counterpart, count(*) over () as total from (${POSTING_SELECT}) t
    where ${where.join(' and ')} order by t.id desc limit ${q.p(f.limit)} offset ${q.p(f.offset)}`;
  const rows = await db.query<PostingDbRow & { total: number }>(sql, q.params);
  return { items: rows.map((r) => presentPosting(r, nodeName, day)), total: Number(rows[0]?.total ?? 0) };
}

export async function findPosting(
  db: Db,
  a: Actor,
  id: number,
  nodeName: (id: string) => string | null,
  day: string,
): Promise<(TPosting & { mine: boolean }) | undefined> {
  const q = new Sql();
  const mine = ownerCond(a, q, 't.enterprise_id', 't.posted_by');
  const rows = await db.query<PostingDbRow>(
    `select t.*, (${mine}) as mine, (${counterpartCond(a, q)}) as counterpart from (${POSTING_SELECT}) t
      where t.id = ${q.p(id)} and ${postingReadCond(a, q)}`,
    q.params,
  );
  const r = rows[0];
  return r ? { ...presentPosting(r, nodeName, day), mine: r.mine } : undefined;
}

const MATCH_SELECT = `select m.*, (c.match_id is not null) as contact,
    ce.name as customer_name, se.name as supplier_name,
    d.title as demand_title, d.quantity as demand_quantity, d.unit as demand_unit, d.price_wan as demand_price_wan,
    d.contact_name as demand_contact_name, d.contact_phone as demand_contact_phone,
    s.title as supply_title, s.quantity as supply_quantity, s.unit as supply_unit, s.price_wan as supply_price_wan,
    s.contact_name as supply_contact_name, s.contact_phone as supply_contact_phone,
    exists (select 1 from supply_links l where l.customer_id = m.customer_id and l.supplier_id = m.supplier_id)
      or exists (select 1 from docking_matches m2 join docking_contacts c2 on c2.match_id = m2.id
                  where m2.customer_id = m.customer_id and m2.supplier_id = m.supplier_id and m2.id <> m.id) as known,
    coalesce((select json_agg(json_build_object('id', x.id, 'product', x.product, 'amountWan', x.amount_wan,
        'signedOn', x.signed_on, 'termMonths', x.term_months, 'supplyLinkId', x.supply_link_id) order by x.id)
      from docking_deals x where x.match_id = m.id), '[]') as deals
  from docking_matches m
  join enterprises ce on ce.id = m.customer_id join enterprises se on se.id = m.supplier_id
  join docking_postings d on d.id = m.demand_id
  left join docking_postings s on s.id = m.supply_id
  left join docking_contacts c on c.match_id = m.id`;

type MatchDbRow = Record<string, unknown> & {
  id: number;
  demand_mine: boolean;
  supply_mine: boolean;
  contact: boolean;
  known: boolean;
  evidence: TEvidence;
  deals: {
    id: number;
    product: string;
    amountWan: number | null;
    signedOn: string;
    termMonths: number;
    supplyLinkId: number | null;
  }[];
};

function presentMatch(r: MatchDbRow, a: Actor): TMatch {
  const seesDemand = r.demand_mine || (r.supply_mine && r.contact);
  const seesSupply = r.supply_mine || (r.demand_mine && r.contact);
  const redacted: string[] = [];
  const side = (s: 'demand' | 'supply', sees: boolean) => {
    const v = (k: string) => (sees ? ((r[`${s}_${k}`] as never) ?? null) : null);
    if (!sees)
      redacted.push(...['quantity', 'unit', 'priceWan', 'contactName', 'contactPhone'].map((k) => `${s}.${k}`));
    return {
      enterpriseId: (s === 'demand' ? r.customer_id : r.supplier_id) as number,
      enterpriseName: (s === 'demand' ? r.customer_name : r.supplier_name) as string,
      postingId: ((s === 'demand' ? r.demand_id : r.supply_id) as number | null) ?? null,
      title: (r[`${s}_title`] as string | null) ?? null,
      decision: ((s === 'demand' ? r.customer_decision : r.supplier_decision) as TMatch['demand']['decision']) ?? null,
      contactName: v('contact_name'),
      contactPhone: v('contact_phone'),
      quantity: v('quantity'),
      unit: v('unit'),
      priceWan: v('price_wan'),
    };
  };
  const demand = side('demand', seesDemand);
  const supply = side('supply', seesSupply);
  const evidence = { ...r.evidence, capacity: { ...r.evidence.capacity } };
  if (!(seesDemand && seesSupply)) {
    evidence.capacity.ratio = null;
    redacted.push('evidence.capacity.ratio');
  }
  // A deal's amount is its supplier link's: shown as the registry shows link amounts (the firms, their zone).
  const seesDeals = (r.demand_mine || r.supply_mine) && a.role !== 'investment_officer';
  if (!seesDeals && r.deals.length > 0) redacted.push('deals.amountWan');
  const decisions = [r.customer_decision, r.supplier_decision];
  const status: TMatch['status'] =
    r.deals.length > 0
      ? 'deal'
      : r.contact
        ? 'contact'
        : decisions.includes('not_relevant')
          ? 'declined'
          : decisions.includes('interested')
            ? 'pending'
            : 'new';
  return {
    id: r.id,
    score: r.score as number,
    tier: r.tier as TMatch['tier'],
    evidence,
    demand,
    supply,
    status,
    known: r.known,
    mySide: r.demand_mine ? 'demand' : r.supply_mine ? 'supply' : null,
    synthetic: r.synthetic as boolean,
    deals: r.deals.map((d) => ({ ...d, amountWan: seesDeals ? d.amountWan : null })),
    ...(redacted.length > 0 ? { redacted } : {}),
  };
}

export interface MatchFilter {
  postingId?: number | undefined;
  mine?: boolean | undefined;
  limit: number;
  offset: number;
}

export async function listMatches(db: Db, a: Actor, f: MatchFilter): Promise<{ items: TMatch[]; total: number }> {
  const q = new Sql();
  const dm = matchSideCond(a, q, 'demand');
  const sm = matchSideCond(a, q, 'supply');
  const where = [matchReadCond(a, q)];
  if (f.postingId) where.push(`(t.demand_id = ${q.p(f.postingId)} or t.supply_id = $${q.params.length})`);
  if (f.mine) where.push(`(${dm} or ${sm})`);
  const rows = await db.query<MatchDbRow & { total: number }>(
    `select t.*, ${dm} as demand_mine, ${sm} as supply_mine, count(*) over () as total from (${MATCH_SELECT}) t
      where ${where.join(' and ')} order by t.score desc, t.id limit ${q.p(f.limit)} offset ${q.p(f.offset)}`,
    q.params,
  );
  const items = rows.map((r) => presentMatch(r, a));
  return { items, total: Number(rows[0]?.total ?? 0) };
}

export async function findMatch(db: Db, a: Actor, id: number): Promise<TMatch | undefined> {
  const q = new Sql();
  const dm = matchSideCond(a, q, 'demand');
  const sm = matchSideCond(a, q, 'supply');
  const rows = await db.query<MatchDbRow>(
    `select t.*, ${dm} as demand_mine, ${sm} as supply_mine from (${MATCH_SELECT}) t
      where t.id = ${q.p(id)} and ${matchReadCond(a, q)}`,
    q.params,
  );
  return rows[0] ? presentMatch(rows[0], a) : undefined;
}
