/**
 * 替代外地供应 (issue 12 item 3): every supplier link of a chain leader (registered or confirmed) to a
 * firm outside the city is a suggested demand; local firms that could supply it are matched, and the
 * leader (or whoever acts for it) confirms before anything is posted.
 */
import type { TDistanceTier, TPostingInput } from '../../../contracts/docking.js';
import type { Db } from '../../../db/connect.js';
import { MatchIndex, suggestNodes } from '../../../domain/docking/engine.js';
import { termSet } from '../../../domain/docking/text.js';
import { notFound } from '../../lib/errors.js';
import { Sql } from '../../lib/sql.js';
import type { AuditCtx } from '../../platform/audit.js';
import type { Actor } from '../auth/actor.js';
import { cityWide, isSystem, ownerCond } from './access.js';
import { candidatesOf, chainGraph, placesOf, today } from './book.js';
import { createPosting } from './postings.js';

const OUTSIDE = `not (coalesce(se.region_code, '') like '4201%') and not exists (
    select 1 from occupancies o join units u on u.id = o.unit_id join floors f on f.id = u.floor_id
      join buildings b on b.id = f.building_id join parks p on p.id = b.park_id
     where o.enterprise_id = se.id and p.region_code like '4201%' and (o.ended_on is null or o.ended_on >= current_date))`;
const LEADER = `(ce.is_chain_leader or exists (select 1 from chain_leaders cl where cl.enterprise_id = ce.id and cl.status = 'confirmed'))
  and not exists (select 1 from chain_leaders cl where cl.enterprise_id = ce.id and cl.status = 'rejected'
                   and cl.chain_code = coalesce(ce.chain_code, cl.chain_code))`;

type LinkRow = {
  id: number;
  customer_id: number;
  customer_name: string;
  chain_code: string | null;
  supplier_name: string;
  supplier_region: string | null;
  product: string;
  annual_amount_wan: number | null;
  posting_id: number | null;
  mine: boolean;
};

async function leaderLinks(db: Db, a: Actor, linkId?: number): Promise<LinkRow[]> {
  const q = new Sql();
  const mine = ownerCond(a, q, 'l.customer_id', null);
  const scope = cityWide(a) || isSystem(a) ? 'true' : mine;
  return db.query<LinkRow>(
    `select l.id, l.customer_id, ce.name as customer_name, ce.chain_code, se.name as supplier_name,
            se.region_code as supplier_region, l.product, l.annual_amount_wan, p.id as posting_id, (${mine}) as mine
       from supply_links l join enterprises ce on ce.id = l.customer_id join enterprises se on se.id = l.supplier_id
       left join docking_postings p on p.origin_link_id = l.id
      where ${LEADER} and ${OUTSIDE} and ${scope} ${linkId ? `and l.id = ${q.p(linkId)}` : ''}
      order by l.customer_id, l.id limit 200`,
    q.params,
  );
}

export interface SuggestedDemand {
  linkId: number;
  customerId: number;
  customerName: string;
  supplierName: string;
  supplierRegion: string | null;
  product: string;
  nodeId: string | null;
  amountWan: number | null;
  postingId: number | null;
  candidates: { enterpriseId: number; name: string; score: number; tier: TDistanceTier }[];
  redacted?: string[];
}

export async function suggestedDemand(db: Db, a: Actor, day = today()): Promise<SuggestedDemand[]> {
  const graph = await chainGraph(db);
  const rows = await leaderLinks(db, a);
  const out: SuggestedDemand[] = [];
  for (const r of rows) {
    const nodes = suggestNodes(graph, r.product, 5);
    const node = (r.chain_code && nodes.find((n) => n.chainCode === r.chain_code)) || nodes[0];
    const offers = await candidatesOf(
      db,
      graph,
      { kind: 'demand', enterpriseId: r.customer_id, terms: termSet(r.product), nodeId: node?.nodeId ?? null },
      day,
    );
    const place = (await placesOf(db, [r.customer_id])).get(r.customer_id) ?? {
      locations: [],
      district: null,
      inCity: true,
    };
    const scored = new MatchIndex(graph, offers)
      .match(
        {
          postingId: null,
          enterpriseId: r.customer_id,
          kind: 'demand',
          text: r.product,
          nodeIds: node ? [node.nodeId] : [],
          quantity: null,
          unit: null,
          validUntil: null,
          place,
        },
        { today: day, limit: 30 },
      )
      .filter((s) => s.tier !== 'outside');
    const seen = new Set<number>();
    const firms = scored.filter((s) => !seen.has(s.offer.enterpriseId) && seen.add(s.offer.enterpriseId)).slice(0, 5);
    const names = new Map(
      (
        await db.query<{ id: number; name: string }>('select id, name from enterprises where id = any($1::int[])', [
          firms.map((f) => f.offer.enterpriseId),
        ])
      ).map((x) => [x.id, x.name]),
    );
    const seesAmount = r.mine || cityWide(a) || isSystem(a);
    out.push({
      linkId: r.id,
      customerId: r.customer_id,
      customerName: r.customer_name,
      supplierName: r.supplier_name,
      supplierRegion: r.supplier_region ? r.supplier_region.trim() : null,
      product: r.product,
      nodeId: node?.nodeId ?? null,
      amountWan: seesAmount ? r.annual_amount_wan : null,
      postingId: r.posting_id,
      candidates: firms.map((f) => ({
        enterpriseId: f.offer.enterpriseId,
        name: names.get(f.offer.enterpriseId) ?? '',
        score: f.score,
        tier: f.tier,
      })),
      ...(seesAmount ? {} : { redacted: ['amountWan'] }),
    });
  }
  return out;
}

export interface ConfirmInput {
  title?: string | undefined;
  nodeId?: string | null | undefined;
  quantity?: number | null | undefined;
  unit?: TPostingInput['unit'];
  validUntil: string;
  visibility: TPostingInput['visibility'];
  contactName?: string | null | undefined;
  contactPhone?: string | null | undefined;
}

/** Posts a suggested demand once the leader's side confirms it (404 for a link it cannot see or not suggested). */
export async function confirmSuggestedDemand(
  db: Db,
  a: Actor,
  linkId: number,
  input: ConfirmInput,
  ctx: AuditCtx,
  opts: { synthetic?: boolean; day?: string } = {},
) {
  const [row] = await leaderLinks(db, a, linkId);
  if (!row) throw notFound();
  const graph = await chainGraph(db);
  const nodes = suggestNodes(graph, row.product, 5);
  const node = (row.chain_code && nodes.find((n) => n.chainCode === row.chain_code)) || nodes[0];
  return createPosting(
    db,
    a,
    {
      kind: 'demand',
      category: 'product',
      enterpriseId: row.customer_id,
      title: input.title ?? row.product,
      spec: '替代外地供应（链主现从市外采购） / replacing a supply bought outside the city',
      nodeId: input.nodeId === undefined ? (node?.nodeId ?? null) : input.nodeId,
      quantity: input.quantity ?? null,
      unit: input.unit ?? null,
      validUntil: input.validUntil,
      visibility: input.visibility,
      contactName: input.contactName ?? null,
      contactPhone: input.contactPhone ?? null,
    },
    ctx,
    { origin: { linkId }, ...opts },
  );
}
