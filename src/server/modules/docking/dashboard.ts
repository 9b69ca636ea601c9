/**
 * The bureau's docking dashboard (issue 12 item 4): postings, matches, contacts, deals, the new local
 * supply they add (万元 a year) and the change of 本地配套率 by chain, in the caller's scope (the city for
 * the bureau, its zone for a district or park role: records where either firm lies in the zone), by month.
 *
 * 本地配套率 here is that of the chain's leaders (registered as leaders or confirmed in the atlas): their
 * purchases with a known amount bought from local firms (registered in the city or holding a unit in
 * it). "Before" takes the deals' supplier links back out: a link a deal created is not counted, a link
 * a deal updated counts with its amount before the first deal.
 */
import type { Db } from '../../../db/connect.js';
import { Sql } from '../../lib/sql.js';
import { enterpriseScope } from '../../platform/policy/zones.js';
import type { Actor } from '../auth/actor.js';
import { cityWide, isSystem } from './access.js';
import { rateByMonth } from './rate-months.js';

/** Firms of the city: registered in it or holding a unit in one of its parks (SQL set). */
export const LOCAL_FIRMS = `(select id from enterprises where region_code like '4201%'
  union select o.enterprise_id from occupancies o join units u on u.id = o.unit_id join floors f on f.id = u.floor_id
    join buildings b on b.id = f.building_id join parks p on p.id = b.park_id
   where p.region_code like '4201%' and (o.ended_on is null or o.ended_on >= current_date))`;

const round = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);

export async function dashboard(db: Db, a: Actor) {
  const q = new Sql();
  const all = cityWide(a) || isSystem(a);
  const zone = all ? null : enterpriseScope(a, q);
  const pIn = zone ? `p.enterprise_id in ${zone}` : 'true';
  const mIn = zone ? `(m.customer_id in ${zone} or m.supplier_id in ${zone})` : 'true';
  const [tot] = await db.query<Record<string, number | null>>(
    `select (select count(*)::int from docking_postings p where ${pIn}) as postings,
            (select count(*)::int from docking_postings p where ${pIn} and p.kind = 'supply' and p.status = 'open' and p.valid_until >= current_date) as open_supply,
            (select count(*)::int from docking_postings p where ${pIn} and p.kind = 'demand' and p.status = 'open' and p.valid_until >= current_date) as open_demand,
            (select count(*)::int from docking_matches m where ${mIn}) as matches,
            (select count(*)::int from docking_contacts c join docking_matches m on m.id = c.match_id where ${mIn}) as contacts,
            (select count(*)::int from docking_deals d join docking_matches m on m.id = d.match_id where ${mIn}) as deals,
            (select sum(d.amount_wan) from docking_deals d join docking_matches m on m.id = d.match_id
              where ${mIn} and m.supplier_id in ${LOCAL_FIRMS}) as new_local_wan`,
    q.params,
  );
  const months = await db.query<{ month: string; kind: string; n: number; amount: number | null }>(
    `select to_char(p.created_at, 'YYYY-MM') as month, 'postings' as kind, count(*)::int as n, null::numeric as amount
       from docking_postings p where ${pIn} group by 1
     union all select to_char(m.created_at, 'YYYY-MM'), 'matches', count(*)::int, null from docking_matches m where ${mIn} group by 1
     union all select to_char(c.opened_at, 'YYYY-MM'), 'contacts', count(*)::int, null
       from docking_contacts c join docking_matches m on m.id = c.match_id where ${mIn} group by 1
     union all select to_char(d.signed_on, 'YYYY-MM'), 'deals', count(*)::int, sum(d.amount_wan)
       from docking_deals d join docking_matches m on m.id = d.match_id where ${mIn} group by 1`,
    q.params,
  );
  const byMonth = new Map<
    string,
    { month: string; postings: number; matches: number; contacts: number; deals: number; amountWan: number | null }
  >();
  for (const r of months) {
    const e = byMonth.get(r.month) ?? {
      month: r.month,
      postings: 0,
      matches: 0,
      contacts: 0,
      deals: 0,
      amountWan: null,
    };
    e[r.kind as 'postings'] = r.n;
    if (r.kind === 'deals') e.amountWan = round(r.amount);
    byMonth.set(r.month, e);
  }
  const chains = await db.query<{
    chain_code: string;
    deals: number;
    amount: number | null;
    total_now: number | null;
    local_now: number | null;
    total_before: number | null;
    local_before: number | null;
  }>(
    `with leaders as (
        select id as enterprise_id, chain_code from enterprises where is_chain_leader and chain_code is not null
        union select enterprise_id, chain_code from chain_leaders where status = 'confirmed'),
      touched as (select distinct on (supply_link_id) supply_link_id, link_created, previous_amount_wan
                    from docking_deals where supply_link_id is not null order by supply_link_id, id),
      rates as (
        select ld.chain_code,
               sum(l.annual_amount_wan) as total_now,
               sum(l.annual_amount_wan) filter (where l.supplier_id in ${LOCAL_FIRMS}) as local_now,
               sum(case when t.supply_link_id is null then l.annual_amount_wan when t.link_created then null
                        else t.previous_amount_wan end) as total_before,
               sum(case when t.supply_link_id is null then l.annual_amount_wan when t.link_created then null
                        else t.previous_amount_wan end) filter (where l.supplier_id in ${LOCAL_FIRMS}) as local_before
          from supply_links l join leaders ld on ld.enterprise_id = l.customer_id
          left join touched t on t.supply_link_id = l.id group by ld.chain_code),
      dealt as (
        select split_part(dp.node_id, '.', 1) as chain_code, count(*)::int as deals, sum(d.amount_wan) as amount
          from docking_deals d join docking_matches m on m.id = d.match_id join docking_postings dp on dp.id = m.demand_id
         where dp.node_id is not null and ${mIn} group by 1)
     select coalesce(r.chain_code, x.chain_code) as chain_code, coalesce(x.deals, 0) as deals, x.amount,
            r.total_now, r.local_now, r.total_before, r.local_before
       from rates r full join dealt x on x.chain_code = r.chain_code order by 1`,
    q.params,
  );
  const rate = (local: number | null, total: number | null) =>
    total && total > 0 ? Math.round(((local ?? 0) / total) * 10000) / 10000 : null;
  return {
    totals: {
      postings: Number(tot?.postings ?? 0),
      openSupply: Number(tot?.open_supply ?? 0),
      openDemand: Number(tot?.open_demand ?? 0),
      matches: Number(tot?.matches ?? 0),
      contacts: Number(tot?.contacts ?? 0),
      deals: Number(tot?.deals ?? 0),
      newLocalSupplyWan: round(tot?.new_local_wan ?? 0),
    },
    byMonth: [...byMonth.values()].sort((x, y) => x.month.localeCompare(y.month)),
    byChain: chains.map((c) => ({
      chainCode: c.chain_code,
      deals: c.deals,
      amountWan: round(c.amount),
      rateNow: rate(c.local_now, c.total_now),
      rateBefore: rate(c.local_before, c.total_before),
    })),
    rateByMonth: await rateByMonth(db, a, new Date().toISOString().slice(0, 7)),
  };
}
