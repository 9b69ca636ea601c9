/**
 * Suppliers in the chain views: where a firm is (its current building or park), one leader's
 * supplier links local to a scope or not, and the outside suppliers of a chain's local firms.
 */
import type { TChainTemplate } from '../../../contracts/chains.js';
import type { Db } from '../../../db/connect.js';
import { resolveThresholds, type ThresholdsInput } from '../../../domain/chains/thresholds.js';
import type { ChainHealth } from '../../../domain/chains/types.js';
import { getOrSet } from '../../../domain/chains/util.js';
import { notFound } from '../../lib/errors.js';
import { type ChainInputs, currentLocalIds, type Scope } from './analysis.js';
import { CURRENT, type ScopeInfo, scopeInfo } from './views.js';

// ───────────────────────── places ─────────────────────────

export interface Place {
  /** Where the coordinates come from: the building of a current unit, its park, or nothing known. */
  at: 'building' | 'park' | null;
  lat: number | null;
  lng: number | null;
  approximate: boolean;
  parkId: number | null;
  parkName: string | null;
  buildingName: string | null;
}

/** Where each enterprise is: its current unit's building (or park) coordinates. */
export async function placesOf(db: Db, ids: readonly number[]): Promise<Map<number, Place>> {
  const rows = await db.query<{
    enterprise_id: number;
    b_lat: number | null;
    b_lng: number | null;
    p_lat: number | null;
    p_lng: number | null;
    approximate: boolean;
    park_id: number;
    park_name: string;
    building_name: string;
  }>(
    `select distinct on (o.enterprise_id) o.enterprise_id, b.lat as b_lat, b.lng as b_lng, p.lat as p_lat, p.lng as p_lng,
            p.location_approximate as approximate, p.id as park_id, p.name as park_name, b.name as building_name
       ${CURRENT} and o.enterprise_id = any($1::int[])
      order by o.enterprise_id, (b.lat is null), o.started_on desc nulls last`,
    [[...ids]],
  );
  const out = new Map<number, Place>();
  for (const r of rows) {
    const onBuilding = r.b_lat !== null && r.b_lng !== null;
    const onPark = !onBuilding && r.p_lat !== null && r.p_lng !== null;
    out.set(r.enterprise_id, {
      at: onBuilding ? 'building' : onPark ? 'park' : null,
      lat: onBuilding ? r.b_lat : onPark ? r.p_lat : null,
      lng: onBuilding ? r.b_lng : onPark ? r.p_lng : null,
      // building coordinates are as good as the park's estimate; park coordinates say so themselves
      approximate: onBuilding ? r.approximate : true,
      parkId: r.park_id,
      parkName: r.park_name,
      buildingName: r.building_name,
    });
  }
  return out;
}

// ───────────────────────── a leader's suppliers ─────────────────────────

export interface SupplierOfLeader {
  linkId: number;
  enterpriseId: number;
  name: string;
  product: string;
  amountWan: number | null;
  year: number | null;
  /** Inside the analysed scope. */
  local: boolean;
  /** Inside Wuhan (registered or located there). */
  inCity: boolean;
  regionCode: string | null;
  regionName: string | null;
  place: Place | null;
  /** Nodes of the chain the supplier is confirmed on. */
  nodeIds: string[];
  synthetic: boolean;
  sourceId: string;
}

export interface LeaderSuppliers {
  leader: { enterpriseId: number; name: string; nameEn: string | null; regionCode: string | null; place: Place | null };
  scope: ScopeInfo;
  suppliers: SupplierOfLeader[];
  /** By amount (links with a known amount) and by count (every link). */
  rate: {
    purchaseWan: number;
    localWan: number;
    byAmount: number | null;
    links: number;
    localLinks: number;
    byCount: number | null;
    unknownAmountLinks: number;
  };
}

/** A firm's supplier links, each supplier local to the scope or not, with where it is. */
export async function leaderSuppliers(
  db: Db,
  enterpriseId: number,
  scope: Scope,
  chainCode: string | null,
): Promise<LeaderSuppliers> {
  const [leader] = await db.query<{ id: number; name: string; name_en: string | null; region_code: string | null }>(
    'select id, name, name_en, region_code from enterprises where id = $1',
    [enterpriseId],
  );
  if (!leader) throw notFound();
  const [info, local, city] = await Promise.all([
    scopeInfo(db, scope),
    currentLocalIds(db, scope),
    scope.kind === 'city' ? Promise.resolve(null) : currentLocalIds(db, { kind: 'city' }),
  ]);
  const inCity = city ?? local;
  const links = await db.query<{
    id: number;
    supplier_id: number;
    product: string;
    annual_amount_wan: number | null;
    year: number | null;
    synthetic: boolean;
    source_id: string;
    name: string;
    region_code: string | null;
    region_name: string | null;
  }>(
    `select l.id, l.supplier_id, l.product, l.annual_amount_wan, l.year, l.synthetic, l.source_id, e.name,
            e.region_code, r.name as region_name
       from supply_links l join enterprises e on e.id = l.supplier_id left join regions r on r.code = e.region_code
      where l.customer_id = $1 and l.supplier_id <> l.customer_id
      order by l.annual_amount_wan desc nulls last, e.name, l.id`,
    [enterpriseId],
  );
  const supplierIds = [...new Set(links.map((l) => l.supplier_id))];
  const places = await placesOf(db, [enterpriseId, ...supplierIds]);
  const nodes = new Map<number, string[]>();
  if (chainCode) {
    for (const m of await db.query<{ enterprise_id: number; node_id: string }>(
      `select enterprise_id, node_id from chain_mappings
        where status = 'confirmed' and enterprise_id = any($1::int[]) and node_id like $2 order by node_id`,
      [supplierIds, `${chainCode}.%`],
    )) {
      getOrSet(nodes, m.enterprise_id, () => [] as string[]).push(m.node_id);
    }
  }
  const suppliers = links.map((l) => ({
    linkId: l.id,
    enterpriseId: l.supplier_id,
    name: l.name,
    product: l.product,
    amountWan: l.annual_amount_wan,
    year: l.year,
    local: local.has(l.supplier_id),
    inCity: inCity.has(l.supplier_id),
    regionCode: l.region_code?.trim() ?? null,
    regionName: l.region_name,
    place: places.get(l.supplier_id) ?? null,
    nodeIds: nodes.get(l.supplier_id) ?? [],
    synthetic: l.synthetic,
    sourceId: l.source_id,
  }));
  const known = suppliers.filter((s) => s.amountWan !== null);
  const purchaseWan = known.reduce((s, x) => s + (x.amountWan ?? 0), 0);
  const localWan = known.filter((s) => s.local).reduce((s, x) => s + (x.amountWan ?? 0), 0);
  const localLinks = suppliers.filter((s) => s.local).length;
  return {
    leader: {
      enterpriseId: leader.id,
      name: leader.name,
      nameEn: leader.name_en,
      regionCode: leader.region_code?.trim() ?? null,
      place: places.get(leader.id) ?? null,
    },
    scope: info,
    suppliers,
    rate: {
      purchaseWan,
      localWan,
      byAmount: purchaseWan > 0 ? localWan / purchaseWan : null,
      links: suppliers.length,
      localLinks,
      byCount: suppliers.length ? localLinks / suppliers.length : null,
      unknownAmountLinks: suppliers.length - known.length,
    },
  };
}

// ───────────────────────── outside suppliers of a chain ─────────────────────────

export interface OutsideSupplier {
  enterpriseId: number;
  name: string;
  /** Nodes of this chain it is confirmed on, or suggested for with at least the candidate fit. */
  nodeIds: string[];
  /** Local firms of the chain it sells to; `leader` marks the chain's leaders. */
  customers: { enterpriseId: number; name: string; leader: boolean }[];
  amountWan: number | null;
  products: string[];
}

/**
 * Firms outside the scope that sell to the chain's local firms (suppliers a 以商招商 campaign would
 * bring closer), with the nodes they belong to; those selling to a leader first.
 */
export function outsideSuppliers(
  template: TChainTemplate,
  health: ChainHealth,
  inputs: ChainInputs,
  products: ReadonlyMap<string, string>,
  thresholds: ThresholdsInput,
): OutsideSupplier[] {
  const th = resolveThresholds(thresholds);
  const localFirms = new Map<number, string>();
  for (const n of health.nodes) for (const f of n.firms) localFirms.set(f.enterpriseId, f.name);
  const leaders = new Set(health.leaders.map((l) => l.enterpriseId));
  const firms = new Map(inputs.enterprises.map((e) => [e.id, e]));
  const bySupplier = new Map<number, OutsideSupplier & { known: boolean; leaderBuyer: boolean }>();
  for (const l of inputs.links) {
    const supplier = firms.get(l.supplierId);
    if (!supplier || supplier.inScope || !localFirms.has(l.customerId)) continue;
    const row = getOrSet(bySupplier, l.supplierId, () => ({
      enterpriseId: supplier.id,
      name: supplier.name,
      nodeIds: [],
      customers: [],
      amountWan: null,
      products: [],
      known: false,
      leaderBuyer: false,
    }));
    if (!row.customers.some((c) => c.enterpriseId === l.customerId)) {
      const leader = leaders.has(l.customerId);
      row.customers.push({ enterpriseId: l.customerId, name: localFirms.get(l.customerId) ?? '', leader });
      row.leaderBuyer ||= leader;
    }
    if (l.amountWan !== null) row.amountWan = (row.amountWan ?? 0) + l.amountWan;
    const product = products.get(`${l.supplierId}:${l.customerId}`);
    if (product && !row.products.includes(product)) row.products.push(product);
  }
  const prefix = `${template.code}.`;
  const decided = new Map<string, string>();
  for (const m of inputs.mappings) {
    if (!bySupplier.has(m.enterpriseId) || !m.nodeId.startsWith(prefix)) continue;
    const key = `${m.enterpriseId}|${m.nodeId}`;
    if (m.status !== 'suggested') decided.set(key, m.status);
    else if (!decided.has(key) && (m.confidence ?? 0) >= th.minCandidateFit) decided.set(key, 'suggested');
  }
  for (const [key, status] of decided) {
    if (status === 'rejected') continue;
    const [id, nodeId] = key.split('|') as [string, string];
    bySupplier.get(Number(id))?.nodeIds.push(nodeId);
  }
  return [...bySupplier.values()]
    .map(({ known: _k, leaderBuyer: _l, ...row }) => ({ ...row, nodeIds: row.nodeIds.sort() }))
    .sort(
      (a, b) =>
        Number(b.customers.some((c) => c.leader)) - Number(a.customers.some((c) => c.leader)) ||
        (b.amountWan ?? -1) - (a.amountWan ?? -1) ||
        a.enterpriseId - b.enterpriseId,
    );
}
