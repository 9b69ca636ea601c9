/**
 * 本地配套率 month by month (issue 12 item 4), by chain and scope: the leaders' purchases with a known
 * amount, the local share at the end of each month. A supplier link counts from its `as_of` date (links
 * without one are counted throughout); a link a docking deal created counts from the deal's month, and
 * a link deals updated counts with the amount it had in that month (each deal keeps the amount before
 * it), so the series moves exactly where deals were signed.
 *
 * Scopes: the bureau sees the city and each district holding leaders (by the leader's registered
 * district); a district or park role sees its zone (leaders in it). Months: the last twelve, and back
 * to the first deal when that is earlier (at most 36).
 */
import type { Db } from '../../../db/connect.js';
import { Sql } from '../../lib/sql.js';
import { enterpriseScope } from '../../platform/policy/zones.js';
import type { Actor } from '../auth/actor.js';
import { cityWide, isSystem } from './access.js';
import { LOCAL_FIRMS } from './dashboard.js';

export interface RateMonth {
  month: string;
  /** Local share of the leaders' purchases at the month's end; null without any amount. */
  rate: number | null;
  /** Deals signed in the month on these leaders' links, and their annual amounts (万元). */
  deals: number;
}
export interface RateSeries {
  chainCode: string;
  /** 'city', a district's GB/T 2260 code, or 'zone' (the caller's parks or district). */
  scope: string;
  scopeName: string | null;
  months: RateMonth[];
}

/** YYYY-MM months from `from` to `to`, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

const shift = (month: string, by: number) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + by;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
};

type Link = {
  id: number;
  chain_code: string;
  district: string | null;
  amount: number | null;
  as_of: string | null;
  local: boolean;
};
type Deal = { link_id: number; month: string; link_created: boolean; previous: number | null };

/** A link's amount at the end of `month` (undefined: not there yet). */
export function amountAt(link: Pick<Link, 'amount' | 'as_of'>, deals: readonly Deal[], month: string) {
  if (deals.length === 0) return link.as_of && link.as_of.slice(0, 7) > month ? undefined : link.amount;
  const next = deals.find((d) => d.month > month);
  if (!next) return link.amount;
  if (next === deals[0] && next.link_created) return undefined;
  return next.previous;
}

export async function rateByMonth(db: Db, a: Actor, thisMonth: string): Promise<RateSeries[]> {
  const q = new Sql();
  const all = cityWide(a) || isSystem(a);
  const zone = all ? null : enterpriseScope(a, q);
  const links = await db.query<Link>(
    `with leaders as (
        select id as enterprise_id, chain_code from enterprises where is_chain_leader and chain_code is not null
        union select enterprise_id, chain_code from chain_leaders where status = 'confirmed')
     select l.id, ld.chain_code, trim(e.region_code) as district, l.annual_amount_wan as amount,
            to_char(l.as_of, 'YYYY-MM-DD') as as_of, (l.supplier_id in ${LOCAL_FIRMS}) as local
       from supply_links l join leaders ld on ld.enterprise_id = l.customer_id join enterprises e on e.id = l.customer_id
      where ${zone ? `l.customer_id in ${zone}` : 'true'}`,
    q.params,
  );
  const ids = links.map((l) => l.id);
  const deals =
    ids.length === 0
      ? []
      : await db.query<Deal>(
          `select supply_link_id as link_id, to_char(signed_on, 'YYYY-MM') as month, link_created,
                  previous_amount_wan as previous
             from docking_deals where supply_link_id = any($1::int[]) order by supply_link_id, signed_on, id`,
          [ids],
        );
  const byLink = new Map<number, Deal[]>();
  for (const d of deals) byLink.set(d.link_id, [...(byLink.get(d.link_id) ?? []), d]);
  const first = deals.reduce((m, d) => (d.month < m ? d.month : m), shift(thisMonth, -11));
  const months = monthsBetween(first < shift(thisMonth, -35) ? shift(thisMonth, -35) : first, thisMonth);
  const names = new Map(
    (await db.query<{ code: string; name: string }>(`select trim(code) as code, name from regions`)).map((r) => [
      r.code,
      r.name,
    ]),
  );
  const groups = new Map<string, { chainCode: string; scope: string; links: Link[] }>();
  const add = (chainCode: string, scope: string, l: Link) => {
    const key = `${chainCode}|${scope}`;
    const g = groups.get(key) ?? { chainCode, scope, links: [] };
    g.links.push(l);
    groups.set(key, g);
  };
  for (const l of links) {
    add(l.chain_code, all ? 'city' : 'zone', l);
    if (all && l.district?.startsWith('4201') && l.district !== '420100') add(l.chain_code, l.district, l);
  }
  const out: RateSeries[] = [];
  for (const g of groups.values()) {
    const series: RateMonth[] = months.map((month) => {
      let total = 0;
      let local = 0;
      let dealt = 0;
      for (const l of g.links) {
        const ds = byLink.get(l.id) ?? [];
        dealt += ds.filter((d) => d.month === month).length;
        const v = amountAt(l, ds, month);
        if (v === undefined || v === null) continue;
        total += Number(v);
        if (l.local) local += Number(v);
      }
      return { month, rate: total > 0 ? Math.round((local / total) * 10000) / 10000 : null, deals: dealt };
    });
    out.push({
      chainCode: g.chainCode,
      scope: g.scope,
      scopeName: g.scope === 'city' || g.scope === 'zone' ? null : (names.get(g.scope) ?? null),
      months: series,
    });
  }
  return out.sort(
    (x, y) =>
      x.chainCode.localeCompare(y.chainCode) ||
      (x.scope === 'city' ? -1 : y.scope === 'city' ? 1 : x.scope.localeCompare(y.scope)),
  );
}
