/**
 * Feeds the chain-health engine (src/domain/chains) from the registry: enterprises with their latest
 * figures and tiers, which of them are local to a scope (city, district, park with its sub-parks,
 * building), supplier links, confirmed and rejected mappings, and suggestions for the rest.
 */
import type { TChainTemplate } from '../../../contracts/chains.js';
import { fieldProblem } from '../../../contracts/errors.js';
import type { Db } from '../../../db/connect.js';
import { type ChainIndex, indexChainData, maskFromIds } from '../../../domain/chains/data-index.js';
import { gapTargets } from '../../../domain/chains/gaps.js';
import { healthReport } from '../../../domain/chains/health.js';
import { suggestMappings } from '../../../domain/chains/suggest.js';
import type { ThresholdsInput } from '../../../domain/chains/thresholds.js';
import type { ChainEnterprise, NodeMapping, SupplyLink } from '../../../domain/chains/types.js';
import { invalid } from '../../lib/errors.js';

export type Scope =
  | { kind: 'city' }
  | { kind: 'district'; code: string }
  | { kind: 'park'; id: number }
  | { kind: 'building'; id: number };

export function parseScope(s: string | undefined): Scope {
  if (!s || s === 'city') return { kind: 'city' };
  const [kind, v] = s.split(':');
  if (kind === 'district' && /^\d{6}$/.test(v ?? '')) return { kind, code: v as string };
  if ((kind === 'park' || kind === 'building') && /^\d+$/.test(v ?? '')) return { kind, id: Number(v) };
  throw invalid([
    fieldProblem(['scope'], 'invalid_value', {
      zh: 'city、district:420112、park:ID、building:ID',
      en: 'city, district:420112, park:ID, building:ID',
    }),
  ]);
}

/** Ids of the enterprises local to a scope: registered there or holding a current unit there. */
export async function localIds(db: Db, scope: Scope): Promise<Set<number>> {
  const located = `select o.enterprise_id as id from occupancies o join units u on u.id = o.unit_id join floors f on f.id = u.floor_id
    join buildings b on b.id = f.building_id join parks p on p.id = b.park_id where (o.ended_on is null or o.ended_on >= current_date)`;
  let rows: { id: number }[];
  if (scope.kind === 'city') {
    rows = await db.query(`${located} union select id from enterprises where region_code like '4201%'`);
  } else if (scope.kind === 'district') {
    rows = await db.query(`${located} and p.region_code = $1 union select id from enterprises where region_code = $1`, [
      scope.code,
    ]);
  } else if (scope.kind === 'park') {
    rows = await db.query(
      `${located} and p.id in (with recursive s as (select id from parks where id = $1 union select c.id from parks c join s on c.parent_id = s.id) select id from s)`,
      [scope.id],
    );
  } else {
    rows = await db.query(`${located} and b.id = $1`, [scope.id]);
  }
  return new Set(rows.map((r) => r.id));
}

export interface ChainInputs {
  enterprises: ChainEnterprise[];
  links: SupplyLink[];
  mappings: NodeMapping[];
  /** Leaders confirmed or rejected by a person (chain_leaders), by chain code then enterprise. */
  leaderDecisions: Map<string, Map<number, 'confirmed' | 'rejected'>>;
}

/**
 * A fingerprint of what the inputs and the scopes' local firms are read from: row counts, sums of
 * the row versions (every update raises one), the latest decisions and today's date (occupancies
 * end). Equal fingerprints mean equal inputs.
 */
async function dataVersion(db: Db): Promise<string> {
  const [row] = await db.query<{ v: string }>(
    `select concat_ws('|',
       (select count(*) || ':' || coalesce(sum(version), 0) from enterprises),
       (select count(*) || ':' || coalesce(sum(version), 0) from enterprise_metrics),
       (select count(*) || ':' || coalesce(sum(version), 0) from supply_links),
       (select count(*) || ':' || coalesce(max(decided_at)::text, '') || ':' || coalesce(sum(length(status)), 0) from chain_mappings),
       (select count(*) || ':' || coalesce(max(decided_at)::text, '') || ':' || coalesce(sum(length(status)), 0) from chain_leaders),
       (select count(*) || ':' || coalesce(sum(version), 0) from occupancies),
       (select count(*) || ':' || coalesce(sum(version), 0) from units),
       (select count(*) || ':' || coalesce(sum(version), 0) from floors),
       (select count(*) || ':' || coalesce(sum(version), 0) from buildings),
       (select count(*) || ':' || coalesce(sum(version), 0) from parks),
       current_date
     ) as v`,
  );
  return row?.v ?? '';
}

type BaseInputs = Omit<ChainInputs, 'enterprises'> & { enterprises: Omit<ChainEnterprise, 'inScope'>[] };
/**
 * The last scope-free inputs per database, with their index: reading 1 M links, matching every
 * firm to every node and indexing them is the costly part; a scope only adds a mask.
 */
type Base = BaseInputs & { index: ChainIndex };
const baseCache = new WeakMap<Db, { key: string; value: Promise<Base> }>();

function cachedBase(db: Db, templates: readonly TChainTemplate[], version: string): Promise<Base> {
  const key = `${version}#${templates.map((t) => `${t.code}@${t.version}`).join(',')}`;
  let hit = baseCache.get(db);
  if (hit?.key !== key) {
    const value = loadBaseInputs(db, templates).then((b) => ({
      ...b,
      // the index does not read inScope: the scope comes as a mask (maskFromIds)
      index: indexChainData({ ...b, enterprises: b.enterprises.map((e) => ({ ...e, inScope: false })) }),
    }));
    hit = { key, value };
    baseCache.set(db, hit);
    value.catch(() => baseCache.delete(db));
  }
  return hit.value;
}

/** Local firms per scope under the same fingerprint (the city's is a union over every firm). */
const localCache = new WeakMap<Db, { version: string; byScope: Map<string, Promise<Set<number>>> }>();

function cachedLocalIds(db: Db, scope: Scope, version: string): Promise<Set<number>> {
  let hit = localCache.get(db);
  if (hit?.version !== version || hit.byScope.size > 1000) {
    hit = { version, byScope: new Map() };
    localCache.set(db, hit);
  }
  const key = JSON.stringify(scope);
  let ids = hit.byScope.get(key);
  if (!ids) {
    const byScope = hit.byScope;
    ids = localIds(db, scope);
    byScope.set(key, ids);
    ids.catch(() => byScope.delete(key));
  }
  return ids;
}

/** The cached base inputs and the scope's local firms, both for the current data. */
async function scoped(db: Db, templates: readonly TChainTemplate[], scope: Scope) {
  const version = await dataVersion(db);
  const [base, local] = await Promise.all([cachedBase(db, templates, version), cachedLocalIds(db, scope, version)]);
  return { base, local };
}

/** Everything the engine needs for one scope; suggestions stand in for firms nobody has decided on. */
export async function chainInputs(db: Db, templates: readonly TChainTemplate[], scope: Scope): Promise<ChainInputs> {
  const { base, local } = await scoped(db, templates, scope);
  return { ...base, enterprises: base.enterprises.map((e) => ({ ...e, inScope: local.has(e.id) })) };
}

async function loadBaseInputs(db: Db, templates: readonly TChainTemplate[]): Promise<BaseInputs> {
  const rows = await db.query<{
    id: number;
    name: string;
    industry_class_code: string | null;
    products: string[];
    description: string | null;
    scale: ChainEnterprise['scale'];
    honours: { tierCode: string }[];
    is_chain_leader: boolean;
    output_wan: number | null;
    revenue_wan: number | null;
    prev_revenue_wan: number | null;
  }>(
    `select e.id, e.name, e.industry_class_code, e.products, e.description, e.scale, e.honours, e.is_chain_leader,
            m.output_wan, m.revenue_wan, p.revenue_wan as prev_revenue_wan
       from enterprises e
       left join lateral (select * from enterprise_metrics x where x.enterprise_id = e.id order by year desc limit 1) m on true
       left join enterprise_metrics p on p.enterprise_id = e.id and p.year = m.year - 1`,
  );
  const enterprises: BaseInputs['enterprises'] = rows.map((r) => ({
    id: r.id,
    name: r.name,
    classCode: r.industry_class_code,
    products: r.products,
    description: r.description,
    scale: r.scale,
    tiers: (r.honours ?? []).map((h) => h.tierCode),
    outputWan: r.output_wan,
    revenueWan: r.revenue_wan,
    growth: r.revenue_wan != null && r.prev_revenue_wan ? r.revenue_wan / r.prev_revenue_wan - 1 : null,
    isChainLeader: r.is_chain_leader,
  }));
  const links = (
    await db.query<{ supplier_id: number; customer_id: number; annual_amount_wan: number | null }>(
      'select supplier_id, customer_id, annual_amount_wan from supply_links',
    )
  ).map((l) => ({ supplierId: l.supplier_id, customerId: l.customer_id, amountWan: l.annual_amount_wan }));
  const decided = (
    await db.query<{ enterprise_id: number; node_id: string; status: 'confirmed' | 'rejected' }>(
      'select enterprise_id, node_id, status from chain_mappings',
    )
  ).map((m) => ({ enterpriseId: m.enterprise_id, nodeId: m.node_id, status: m.status }));
  // suggestions do not depend on the scope
  const suggested = suggestMappings(
    templates,
    enterprises.map((e) => ({ ...e, inScope: false })),
    decided,
  ).map((s) => ({
    enterpriseId: s.enterpriseId,
    nodeId: s.nodeId,
    status: 'suggested' as const,
    confidence: s.confidence,
  }));
  const leaderDecisions = new Map<string, Map<number, 'confirmed' | 'rejected'>>();
  for (const l of await db.query<{ enterprise_id: number; chain_code: string; status: 'confirmed' | 'rejected' }>(
    'select enterprise_id, chain_code, status from chain_leaders',
  )) {
    const m = leaderDecisions.get(l.chain_code) ?? new Map<number, 'confirmed' | 'rejected'>();
    leaderDecisions.set(l.chain_code, m.set(l.enterprise_id, l.status));
  }
  return { enterprises, links, mappings: [...decided, ...suggested], leaderDecisions };
}

/** Health of the given chains in a scope, and optionally the ranked targets for their gaps. */
export async function analyse(
  db: Db,
  templates: readonly TChainTemplate[],
  scope: Scope,
  opts: { thresholds?: ThresholdsInput; targets?: boolean },
) {
  // One index for every chain, cached with the inputs; the scope is a mask over it. The mappings
  // already hold the suggestions, so gap targets need not match the pool again (gapSuggestions: false).
  const { base, local } = await scoped(db, templates, scope);
  const { index } = base;
  const mask = maskFromIds(index, local);
  const th = opts.thresholds ?? {};
  const health = healthReport(templates, { index, scope: mask, leaderDecisions: base.leaderDecisions }, th);
  const enterprises = opts.targets ? base.enterprises.map((e) => ({ ...e, inScope: local.has(e.id) })) : [];
  const targets = opts.targets
    ? templates.map((t, i) =>
        gapTargets(t, health[i] as (typeof health)[number], enterprises, index, base.mappings, {
          ...th,
          gapSuggestions: false,
        }),
      )
    : undefined;
  return { health, targets };
}

/** Removes money figures from an analysis for callers who may not see confidential figures (rates stay). */
export function withoutFigures<T>(value: T): T {
  const MONEY = new Set(['outputWan', 'revenueWan', 'amountWan', 'purchaseWan', 'localWan']);
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, MONEY.has(k) ? null : walk(x)]),
      );
    }
    return v;
  };
  return walk(value) as T;
}
