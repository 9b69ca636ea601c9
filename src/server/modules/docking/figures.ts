/**
 * Docking's cockpit figures (platform/figures.ts): deals made through docking (with the matches and
 * opened contacts before them) and 本地配套率 — the share of the scope's chain leaders' purchases with a
 * known amount bought from local firms (registered in the city or holding a unit in it), as the docking
 * dashboard counts it, by chain. Both follow the viewer's read scope of matches and supplier links.
 */
import { type FigureDef, scopedFigure, scopeEnterprises } from '../../platform/figures.js';

const LOCAL = `(select id from enterprises where region_code like '4201%'
  union select o.enterprise_id from occupancies o join units u on u.id = o.unit_id join floors f on f.id = u.floor_id
    join buildings b on b.id = f.building_id join parks p on p.id = b.park_id
   where p.region_code like '4201%' and (o.ended_on is null or o.ended_on >= current_date))`;

const rate = (local: number | null, total: number | null) =>
  total && total > 0 ? Math.round(((local ?? 0) / total) * 1000) / 10 : null;

export const DOCKING_FIGURES: FigureDef[] = [
  scopedFigure<{ matches: number; contacts: number; deals: number; d: unknown }>({
    key: 'docking.deals',
    label: { zh: '供需对接成交', en: 'Docking deals' },
    unit: { zh: '笔', en: '' },
    group: 'docking',
    order: 500,
    sees: 'docking.dashboard',
    targetable: true,
    link: '/docking/dashboard',
    read: 'docking-matches',
    sql: (s, q, read) =>
      `with m as (select t.id, t.created_at from docking_matches t
          where (${scopeEnterprises(s, q, 't.customer_id')} or ${scopeEnterprises(s, q, 't.supplier_id')}) and ${read})
       select (select count(*)::int from m) as matches,
              (select count(*)::int from docking_contacts c join m on m.id = c.match_id) as contacts,
              (select count(*)::int from docking_deals d join m on m.id = d.match_id) as deals,
              greatest((select max(m.created_at) from m), (select max(d.created_at) from docking_deals d join m on m.id = d.match_id)) as d`,
    answer: ([r]) => ({
      value: r?.deals ?? 0,
      parts: [
        { key: 'matches', label: { zh: '匹配', en: 'Matches' }, value: r?.matches ?? 0 },
        { key: 'contacts', label: { zh: '互留联系方式', en: 'Contacts opened' }, value: r?.contacts ?? 0 },
        { key: 'deals', label: { zh: '成交', en: 'Deals' }, value: r?.deals ?? 0 },
      ],
    }),
  }),
  scopedFigure<{
    chain_code: string;
    name_zh: string | null;
    name_en: string | null;
    total: number | null;
    local: number | null;
    d: unknown;
  }>({
    key: 'docking.local_rate',
    label: { zh: '本地配套率（链主采购）', en: 'Local supporting rate (leaders’ purchases)' },
    unit: { zh: '%', en: '%' },
    group: 'docking',
    order: 510,
    sees: 'docking.dashboard',
    link: '/docking/dashboard',
    read: 'supply-links',
    sql: (s, q, read) =>
      `with leaders as (
          select id as enterprise_id, chain_code from enterprises where is_chain_leader and chain_code is not null
          union select enterprise_id, chain_code from chain_leaders where status = 'confirmed')
       select ld.chain_code, c.name_zh, c.name_en, sum(t.annual_amount_wan)::float as total,
              (sum(t.annual_amount_wan) filter (where t.supplier_id in ${LOCAL}))::float as local, max(t.as_of) as d
         from supply_links t join leaders ld on ld.enterprise_id = t.customer_id
         left join (select distinct on (code) code, template->>'nameZh' as name_zh, template->>'nameEn' as name_en
                      from chain_templates order by code, version desc) c on c.code = ld.chain_code
        where t.annual_amount_wan is not null and ${scopeEnterprises(s, q, 'ld.enterprise_id')} and ${read}
        group by ld.chain_code, c.name_zh, c.name_en order by ld.chain_code`,
    answer: (rows) => ({
      value: rate(
        rows.reduce((x, r) => x + (r.local ?? 0), 0),
        rows.reduce((x, r) => x + (r.total ?? 0), 0),
      ),
      parts: rows.map((r) => ({
        key: r.chain_code,
        label: { zh: r.name_zh ?? r.chain_code, en: r.name_en ?? r.name_zh ?? r.chain_code },
        value: rate(r.local, r.total),
      })),
    }),
  }),
];
