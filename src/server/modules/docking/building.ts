/**
 * 楼上楼下 (issue 12 item 3): for one building, its tenants floor by floor with their chain nodes
 * (confirmed mappings and the nodes of their open postings), and every pair of tenants where one sits
 * at a node that feeds the other's — who could supply whom without leaving the building.
 */
import type { Db } from '../../../db/connect.js';
import { notFound } from '../../lib/errors.js';
import { chainGraph } from './book.js';

export async function buildingView(db: Db, buildingId: number) {
  const [b] = await db.query<{ id: number; name: string }>('select id, name from buildings where id = $1', [
    buildingId,
  ]);
  if (!b) throw notFound();
  const graph = await chainGraph(db);
  const tenants = await db.query<{ id: number; name: string; floor_no: number; synthetic: boolean; nodes: string[] }>(
    `select e.id, e.name, min(f.floor_no) as floor_no, e.synthetic,
            array(select m.node_id from chain_mappings m where m.enterprise_id = e.id and m.status = 'confirmed'
                  union select p.node_id from docking_postings p where p.enterprise_id = e.id and p.status = 'open'
                     and p.node_id is not null order by 1) as nodes
       from occupancies o join units u on u.id = o.unit_id join floors f on f.id = u.floor_id join enterprises e on e.id = o.enterprise_id
      where f.building_id = $1 and (o.ended_on is null or o.ended_on >= current_date)
      group by e.id order by min(f.floor_no), e.name`,
    [buildingId],
  );
  const floors = new Map<number, { enterpriseId: number; name: string; nodes: string[]; synthetic: boolean }[]>();
  for (const t of tenants) {
    const list = floors.get(t.floor_no) ?? [];
    list.push({ enterpriseId: t.id, name: t.name, nodes: t.nodes, synthetic: t.synthetic });
    floors.set(t.floor_no, list);
  }
  const links = new Set(
    (
      await db.query<{ k: string }>(
        `select supplier_id || ':' || customer_id as k from supply_links
          where supplier_id = any($1::int[]) and customer_id = any($1::int[])`,
        [tenants.map((t) => t.id)],
      )
    ).map((r) => r.k),
  );
  const pairs = [];
  for (const c of tenants) {
    const feeders = new Map<string, { from: string; to: string }>();
    for (const n of c.nodes) for (const [s, e] of graph.feeders(n)) if (!feeders.has(s)) feeders.set(s, e);
    for (const s of tenants) {
      if (s.id === c.id) continue;
      const node = s.nodes.find((n) => feeders.has(n));
      if (!node) continue;
      const e = feeders.get(node)!;
      pairs.push({
        supplierId: s.id,
        supplierName: s.name,
        supplierFloor: s.floor_no,
        customerId: c.id,
        customerName: c.name,
        customerFloor: c.floor_no,
        edge: {
          from: e.from,
          to: e.to,
          fromName: graph.nodes.get(e.from)?.nameZh ?? e.from,
          toName: graph.nodes.get(e.to)?.nameZh ?? e.to,
        },
        linked: links.has(`${s.id}:${c.id}`),
      });
    }
  }
  return {
    buildingId: b.id,
    buildingName: b.name,
    floors: [...floors].sort((x, y) => y[0] - x[0]).map(([floorNo, list]) => ({ floorNo, tenants: list })),
    pairs,
  };
}
