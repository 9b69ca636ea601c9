/**
 * Feeds the chain-health engine (src/domain/chains) from the registry: enterprises with their latest
 * figures and tiers, which of them are local to a scope (city, district, development zone, park with its sub-parks,
 * building), supplier links, confirmed and rejected mappings, and suggestions for the rest.
 */
import type { TChainTemplate } from '../../../contracts/chains.js';
import { fieldProblem } from '../../../contracts/errors.js';
import type { Db } from '../../../db/connect.js';
import { type ChainIndex, indexChainData, maskFromIds } from '../../../domain/chains/data-index.js';
import { gapTargets } from '../../../domain/chains/gaps.js';
import { healthReport } from '../../../domain/chains/health.js';
import { gapReasons } from '../../../domain/chains/reasons.js';
import { buildCatalog, type SuggestionCatalog, suggestForEnterprise } from '../../../domain/chains/suggest.js';
import { type ChainThresholds, resolveThresholds, type ThresholdsInput } from '../../../domain/chains/thresholds.js';
import type { ChainEnterprise, NodeMapping, SupplyLink } from '../../../domain/chains/types.js';
import { getOrSet } from '../../../domain/chains/util.js';
import { changeKey, type DataVersions, dataVersions } from '../../lib/data-changes.js';
import { invalid } from '../../lib/errors.js';
import { Sql } from '../../lib/sql.js';
import { devzoneEnterprises, parseDevzone } from '../../platform/policy/devzones.js';
import { currentTemplates } from './templates-store.js';

export type Scope =
  | { kind: 'city' }
  | { kind: 'district'; code: string }
  | { kind: 'devzone'; code: string }
  | { kind: 'park'; id: number }
  | { kind: 'building'; id: number };

export function parseScope(s: string | undefined, field = 'scope'): Scope {
  if (!s || s === 'city') return { kind: 'city' };
  const [kind, v] = s.split(':');
  if (kind === 'district' && /^\d{6}$/.test(v ?? '')) return { kind, code: v as string };
  if (kind === 'devzone') return { kind, code: parseDevzone(v, [field]).code };
  if ((kind === 'park' || kind === 'building') && /^\d+$/.test(v ?? '')) return { kind, id: Number(v) };
  throw invalid([
    fieldProblem([field], 'invalid_value', {
      zh: 'city、district:420112、devzone:donghu、park:ID、building:ID',
      en: 'city, district:420112, devzone:donghu, park:ID, building:ID',
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
  } else if (scope.kind === 'devzone') {
    const q = new Sql();
    rows = await db.query(
      `select enterprise_id as id from ${devzoneEnterprises(parseDevzone(scope.code), q)} z`,
      q.params,
    );
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

/** The tables each cached input is read from (their change counters key it; migration 0008). */
const FIRM_TABLES = ['enterprises', 'enterprise_metrics'];
const LINK_TABLES = ['supply_links'];
const MAPPING_TABLES = ['chain_mappings'];
const LEADER_TABLES = ['chain_leaders'];
/** The published templates: suggestions match firms against every chain's segments. */
const TEMPLATE_TABLES = ['chain_templates'];
/** Which firms are local: registration (enterprises) and current units, on today's date. */
const LOCAL_TABLES = ['enterprises', 'occupancies', 'units', 'floors', 'buildings', 'parks'];
/** Every table the chain caches are keyed on (the module manifest lists them). */
export const CHAIN_TRACKED_TABLES = [
  ...new Set([
    ...FIRM_TABLES,
    ...LINK_TABLES,
    ...MAPPING_TABLES,
    ...LEADER_TABLES,
    ...TEMPLATE_TABLES,
    ...LOCAL_TABLES,
  ]),
];

/** The scope-free inputs with their index: a scope only adds a mask (`maskFromIds`). */
interface Base extends ChainInputs {
  index: ChainIndex;
}

interface Memo<T> {
  key: string;
  value: Promise<T>;
}

/**
 * What one database's chain analysis keeps between requests. Each input is read again only when a
 * table it comes from changed, so an edit costs what it touched: a mapping decision re-reads the
 * mappings and reuses the firms, links and index arrays; suggestions are matched again only for
 * firms whose class, products, description or decided nodes changed.
 */
interface DbCache {
  firms?: Memo<ChainEnterprise[]>;
  links?: Memo<SupplyLink[]>;
  decided?: Memo<NodeMapping[]>;
  leaders?: Memo<ChainInputs['leaderDecisions']>;
  templates?: Memo<TChainTemplate[]>;
  base?: Memo<Base>;
  /** The last base built, for reuse by the next one. */
  last?: Base;
  suggestions?: SuggestionState;
  local?: { key: string; byScope: Map<string, Promise<Set<number>>> };
}
const caches = new WeakMap<Db, DbCache>();

function cacheOf(db: Db): DbCache {
  return getOrSet(caches, db, () => ({}));
}

/** Returns the memo's value when its key still holds, else starts `load` (and forgets it if it fails). */
function memo<T>(
  c: DbCache,
  slot: 'firms' | 'links' | 'decided' | 'leaders' | 'templates' | 'base',
  key: string,
  load: () => Promise<T>,
) {
  const hit = c[slot] as Memo<T> | undefined;
  if (hit?.key === key) return hit.value;
  const value = load();
  const entry: Memo<T> = { key, value };
  (c as Record<string, unknown>)[slot] = entry;
  value.catch(() => {
    if (c[slot] === (entry as unknown)) delete c[slot];
  });
  return value;
}

/**
 * The scope-free inputs for every published chain. One base serves every request, whichever chains
 * it reports on: suggestions are matched against all chains' segments (so a firm's best segments are
 * the same on the atlas and on one chain's page), and nothing is rebuilt when requests alternate
 * between one chain and all of them.
 */
function cachedBase(db: Db, v: DataVersions): Promise<Base> {
  const c = cacheOf(db);
  const kFirms = changeKey(v, FIRM_TABLES);
  const kLinks = changeKey(v, LINK_TABLES);
  const kDecided = changeKey(v, MAPPING_TABLES);
  const kLeaders = changeKey(v, LEADER_TABLES);
  const kTemplates = changeKey(v, TEMPLATE_TABLES);
  const key = [kFirms, kLinks, kDecided, kLeaders, kTemplates].join('#');
  return memo(c, 'base', key, async () => {
    const [firms, links, decided, leaderDecisions, templates] = await Promise.all([
      memo(c, 'firms', kFirms, () => loadFirms(db)),
      memo(c, 'links', kLinks, () => loadLinks(db)),
      memo(c, 'decided', kDecided, () => loadDecided(db)),
      memo(c, 'leaders', kLeaders, () => loadLeaderDecisions(db)),
      memo(c, 'templates', kTemplates, () => currentTemplates(db)),
    ]);
    const suggested = suggestionsFor(
      c,
      templates.map((t) => `${t.code}@${t.version}`).join(','),
      templates,
      firms,
      decided,
    );
    const mappings = [...decided, ...suggested];
    const index = reuseIndex(c.last, firms, links, mappings) ?? indexChainData({ enterprises: firms, links, mappings });
    const base: Base = { enterprises: firms, links, mappings, leaderDecisions, index };
    c.last = base;
    return base;
  });
}

/**
 * The previous index with new firm records and mappings, when the links are the same arrays and the
 * firms the same ids in the same order (so every position holds): only the memo of memberships goes.
 */
function reuseIndex(
  last: Base | undefined,
  firms: readonly ChainEnterprise[],
  links: readonly SupplyLink[],
  mappings: readonly NodeMapping[],
): ChainIndex | null {
  if (!last || last.links !== links || last.enterprises.length !== firms.length) return null;
  const { index } = last;
  for (let i = 0; i < firms.length; i++) if (index.ids[i] !== firms[i]!.id) return null;
  const sameFirms = last.enterprises === firms;
  return {
    ...index,
    firms: sameFirms ? index.firms : [...firms, ...index.firms.slice(firms.length)],
    mappings,
    memo: new Map(),
  };
}

interface SuggestionState {
  templatesKey: string;
  catalog: SuggestionCatalog;
  thresholds: ChainThresholds;
  /** Per firm: the record and decided nodes its suggestions were computed from, and them. */
  byFirm: Map<number, { firm: ChainEnterprise; decided: string; list: NodeMapping[] }>;
}

/** What matching reads of a firm (`suggestForEnterprise`): its class, products and description. */
function sameMatchInputs(a: ChainEnterprise, b: ChainEnterprise): boolean {
  if (a.classCode !== b.classCode || a.description !== b.description) return false;
  if (a.products.length !== b.products.length) return false;
  for (let i = 0; i < a.products.length; i++) if (a.products[i] !== b.products[i]) return false;
  return true;
}

/** Suggestions stand in for every firm and node nobody decided on; matched again only where an input changed. */
function suggestionsFor(
  c: DbCache,
  templatesKey: string,
  templates: readonly TChainTemplate[],
  firms: readonly ChainEnterprise[],
  decided: readonly NodeMapping[],
): NodeMapping[] {
  let st = c.suggestions;
  if (st?.templatesKey !== templatesKey) {
    st = { templatesKey, catalog: buildCatalog(templates), thresholds: resolveThresholds({}), byFirm: new Map() };
    c.suggestions = st;
  }
  const decidedBy = new Map<number, Set<string>>();
  for (const m of decided) {
    getOrSet(decidedBy, m.enterpriseId, () => new Set<string>()).add(m.nodeId);
  }
  const next: SuggestionState['byFirm'] = new Map();
  const out: NodeMapping[] = [];
  for (const e of firms) {
    const d = decidedBy.get(e.id);
    const decidedKey = d ? [...d].sort().join(',') : '';
    let hit = st.byFirm.get(e.id);
    if (!hit || hit.decided !== decidedKey || (hit.firm !== e && !sameMatchInputs(hit.firm, e))) {
      const list = suggestForEnterprise(st.catalog, e, d, st.thresholds).map((s) => ({
        enterpriseId: s.enterpriseId,
        nodeId: s.nodeId,
        status: 'suggested' as const,
        confidence: s.confidence,
      }));
      hit = { firm: e, decided: decidedKey, list };
    } else if (hit.firm !== e) hit = { ...hit, firm: e };
    next.set(e.id, hit);
    for (const m of hit.list) out.push(m);
  }
  st.byFirm = next;
  return out;
}

/** Local firms per scope, kept while no table they come from changed and the date is the same. */
function cachedLocalIds(db: Db, scope: Scope, v: DataVersions): Promise<Set<number>> {
  const c = cacheOf(db);
  const key = changeKey(v, LOCAL_TABLES, true);
  if (c.local?.key !== key || c.local.byScope.size > 1000) c.local = { key, byScope: new Map() };
  const { byScope } = c.local;
  const scopeKey = JSON.stringify(scope);
  let ids = byScope.get(scopeKey);
  if (!ids) {
    ids = localIds(db, scope);
    byScope.set(scopeKey, ids);
    ids.catch(() => byScope.delete(scopeKey));
  }
  return ids;
}

/** The firms local to a scope for the current data (cached like the chain inputs). */
export async function currentLocalIds(db: Db, scope: Scope): Promise<Set<number>> {
  return cachedLocalIds(db, scope, await dataVersions(db));
}

/**
 * The cached base inputs (with their index, over every published chain) and the scope's local firms,
 * both for the current data. A scope is applied as a mask: `maskFromIds(base.index, local)`.
 */
export async function scoped(db: Db, scope: Scope) {
  const v = await dataVersions(db);
  const [base, local] = await Promise.all([cachedBase(db, v), cachedLocalIds(db, scope, v)]);
  return { base, local };
}

/**
 * Reads and indexes the chain inputs ahead of the first request (the server calls it at start), so
 * nobody waits for a million links to be read. Failures are left to the request that needs the data.
 */
export async function warmChainCache(db: Db): Promise<void> {
  await scoped(db, { kind: 'city' });
}

/** Every firm with its latest figures and the year before's revenue (for growth), by id. */
export async function loadFirms(db: Db): Promise<ChainEnterprise[]> {
  const rows = await db.query<{
    id: number;
    name: string;
    industry_class_code: string | null;
    products: string[];
    description: string | null;
    scale: ChainEnterprise['scale'];
    honours: { tierCode: string }[];
    is_chain_leader: boolean;
    region_code: string | null;
    output_wan: number | null;
    revenue_wan: number | null;
    prev_revenue_wan: number | null;
  }>(
    `select e.id, e.name, e.industry_class_code, e.products, e.description, e.scale, e.honours, e.is_chain_leader,
            e.region_code, m.output_wan, m.revenue_wan, p.revenue_wan as prev_revenue_wan
       from enterprises e
       left join (select distinct on (enterprise_id) enterprise_id, year, output_wan, revenue_wan
                    from enterprise_metrics order by enterprise_id, year desc) m on m.enterprise_id = e.id
       left join enterprise_metrics p on p.enterprise_id = e.id and p.year = m.year - 1
      order by e.id`,
  );
  return rows.map((r) => ({
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
    regionCode: r.region_code,
    // the index does not read inScope: a scope comes as a mask (maskFromIds)
    inScope: false,
  }));
}

export async function loadLinks(db: Db): Promise<SupplyLink[]> {
  const rows = await db.query<{ supplier_id: number; customer_id: number; annual_amount_wan: number | null }>(
    'select supplier_id, customer_id, annual_amount_wan from supply_links',
  );
  return rows.map((l) => ({ supplierId: l.supplier_id, customerId: l.customer_id, amountWan: l.annual_amount_wan }));
}

/** The mappings a person confirmed or rejected. */
export async function loadDecided(db: Db): Promise<NodeMapping[]> {
  const rows = await db.query<{ enterprise_id: number; node_id: string; status: 'confirmed' | 'rejected' }>(
    'select enterprise_id, node_id, status from chain_mappings order by enterprise_id, node_id',
  );
  return rows.map((m) => ({ enterpriseId: m.enterprise_id, nodeId: m.node_id, status: m.status }));
}

async function loadLeaderDecisions(db: Db): Promise<ChainInputs['leaderDecisions']> {
  const leaderDecisions = new Map<string, Map<number, 'confirmed' | 'rejected'>>();
  for (const l of await db.query<{ enterprise_id: number; chain_code: string; status: 'confirmed' | 'rejected' }>(
    'select enterprise_id, chain_code, status from chain_leaders',
  )) {
    const m = leaderDecisions.get(l.chain_code) ?? new Map<number, 'confirmed' | 'rejected'>();
    leaderDecisions.set(l.chain_code, m.set(l.enterprise_id, l.status));
  }
  return leaderDecisions;
}

/** Health of the given chains in a scope, and optionally the ranked targets for their gaps. */
export async function analyse(
  db: Db,
  templates: readonly TChainTemplate[],
  scope: Scope,
  opts: { thresholds?: ThresholdsInput; targets?: boolean; relocations?: boolean },
) {
  // One index for every chain, cached with the inputs; the scope is a mask over it. The mappings
  // already hold the suggestions, so gap targets need not match the pool again (gapSuggestions: false).
  const { base, local } = await scoped(db, scope);
  const { index } = base;
  const mask = maskFromIds(index, local);
  const th = opts.thresholds ?? {};
  const health = healthReport(templates, { index, scope: mask, leaderDecisions: base.leaderDecisions }, th);
  // Gap candidates come from outside the city; the city's own firms outside the scope are relocations
  // (issue 11 item 4). A firm of unknown region is in the city's registry, so counts as the city's.
  const city = !opts.targets ? null : scope.kind === 'city' ? local : await currentLocalIds(db, { kind: 'city' });
  const enterprises = city
    ? base.enterprises.map((e) => ({ ...e, inScope: local.has(e.id), inCity: city.has(e.id) || !e.regionCode }))
    : [];
  const targets = opts.targets
    ? templates.map((t, i) =>
        gapTargets(
          t,
          health[i] as (typeof health)[number],
          enterprises,
          index,
          base.mappings,
          { ...th, gapSuggestions: false },
          { relocations: opts.relocations === true },
        ),
      )
    : undefined;
  if (targets) await nameTiers(db, targets);
  if (targets) await nameRegions(db, targets);
  return { health, targets };
}

/**
 * The engine names tiers by code (it has no reference data); every reader of the targets — the
 * drawer, the Excel export, the print page — should see their names, so they are put in here.
 */
async function nameTiers(db: Db, targets: ReturnType<typeof gapTargets>[]): Promise<void> {
  const names = new Map(
    (
      await db.query<{ code: string; name_zh: string; name_en: string }>('select code, name_zh, name_en from tiers')
    ).map((t) => [t.code, t]),
  );
  for (const group of targets.flat()) {
    for (const c of [...group.candidates, ...group.relocations]) {
      c.reasons = c.reasons.map((r) => {
        if (r.code !== 'tier' || !r.refs) return r;
        const refs = r.refs.map(String);
        const tier = gapReasons.tier(refs.map((code) => names.get(code)?.name_zh ?? code));
        const en = gapReasons.tier(refs.map((code) => names.get(code)?.name_en ?? code));
        return { ...r, zh: tier.zh, en: en.en };
      });
    }
  }
}

/** Puts the province, city and district name of each candidate's region in (江苏省苏州市虎丘区). */
async function nameRegions(db: Db, targets: ReturnType<typeof gapTargets>[]): Promise<void> {
  const all = targets.flat().flatMap((g) => [...g.candidates, ...g.relocations]);
  const codes = [...new Set(all.flatMap((c) => (c.regionCode ? [c.regionCode] : [])))];
  if (codes.length === 0) return;
  const rows = await db.query<{ code: string; name: string }>(
    `select r.code, concat(gp.name, p.name, r.name) as name from regions r
       left join regions p on p.code = r.parent_code left join regions gp on gp.code = p.parent_code
      where r.code = any($1::text[])`,
    [codes],
  );
  const names = new Map(rows.map((r) => [r.code.trim(), r.name]));
  for (const c of all) c.regionName = c.regionCode ? (names.get(c.regionCode) ?? null) : null;
}
