/**
 * The freshness view as it was before the list was worded page by page (commit 1ab3f55,
 * src/server/modules/cockpit/freshness.ts): every fact's label and owner looked up row by row, then
 * sorted and cut to 500. Frozen here as the reference the cockpit test compares the faster view
 * with (same answers) and the "before" that bench:cockpit times in the same run. Not used by the app.
 */
import type { FactKind, TFreshness, TStaleFact } from '../../src/contracts/cockpit.js';
import type { Db } from '../../src/db/connect.js';
import { cutoff, dueYear, freshnessScore } from '../../src/domain/cockpit/staleness.js';
import { Sql } from '../../src/server/lib/sql.js';
import type { Actor } from '../../src/server/modules/auth/actor.js';
import { loadRules, type RuleRow, today } from '../../src/server/modules/cockpit/freshness.js';
import { day, parksIn, scopeKey } from '../../src/server/modules/cockpit/scope.js';
import type { FigureScope } from '../../src/server/platform/figures.js';
import { parkScope } from '../../src/server/platform/policy/index.js';

export interface FactFilter {
  scope: FigureScope;
  /** Only facts owned by this organisation. */
  ownerOrgId?: number | undefined;
  enterpriseId?: number | undefined;
  /** Limit to what the actor's zone holds (undefined: the system or a city-wide role). */
  actor?: Actor | undefined;
  /** For counts only: labels and owners are left out (null), so their look-ups are not made for every fact. */
  countsOnly?: boolean;
  /** Labels left out (null): for counts by owner. */
  noLabels?: boolean;
}

/**
 * The facts as SQL: one row per fact with kind, record, label, as-of date, park, enterprise, owner
 * and whether it is stale today. Parameters go to q.
 */
function factsSql(rules: RuleRow[], f: FactFilter, q: Sql, on: string): string {
  const rule = new Map(rules.map((r) => [r.kind, r]));
  const parks = parksIn(f.scope, q);
  const zone =
    f.actor && (f.actor.role === 'district_user' || f.actor.role === 'park_operator')
      ? ` and b.park_id in ${parkScope(f.actor, q)}`
      : '';
  const own = f.actor?.role === 'enterprise_user' ? ` and e.id = ${q.p(f.actor.enterpriseId ?? -1)}` : '';
  // The operator of a park: an operator organisation of the park or of its parent park.
  const operator = f.countsOnly
    ? 'null::int'
    : `(select min(op.organisation_id) from organisation_parks op join organisations og on og.id = op.organisation_id
      where og.kind = 'park_operator' and (op.park_id = b.park_id or op.park_id = (select parent_id from parks pp where pp.id = b.park_id)))`;
  // A label: written out for lists, left out for counts.
  const lbl = (sql: string) => (f.countsOnly || f.noLabels ? 'null::text' : sql);
  const cut = (k: FactKind) => {
    const r = rule.get(k);
    return r && r.period !== 'yearly_report' ? q.p(cutoff(r, on)) : null;
  };
  const parts: string[] = [];
  const vacancy = own ? null : cut('vacancy');
  if (vacancy) {
    parts.push(`select 'vacancy'::text as kind, 'units'::text as record_table, u.id as record_id,
        ${lbl(`bb.name || ' ' || u.code`)} as label, u.as_of, b.park_id, null::int as enterprise_id, ${operator} as owner_org_id,
        (u.as_of is null or u.as_of < ${vacancy}::date) as stale, ${vacancy}::date as due_by, null::int as due_year
      from units u join floors fl on fl.id = u.floor_id join buildings bb on bb.id = fl.building_id
      join lateral (select bb.park_id) b on true
      where b.park_id in ${parks}${zone}`);
  }
  const occupancy = cut('occupancy');
  const current = `(o.ended_on is null or o.ended_on >= ${q.p(on)}::date)`;
  if (occupancy) {
    parts.push(`select 'occupancy', 'occupancies', o.id, ${lbl(`e.name || ' · ' || bb.name || ' ' || u.code`)}, o.as_of, b.park_id, e.id,
        ${operator}, (o.as_of is null or o.as_of < ${occupancy}::date), ${occupancy}::date, null::int
      from occupancies o join enterprises e on e.id = o.enterprise_id join units u on u.id = o.unit_id
      join floors fl on fl.id = u.floor_id join buildings bb on bb.id = fl.building_id
      join lateral (select bb.park_id) b on true
      where ${current} and b.park_id in ${parks}${zone}${own}`);
  }
  // Tenants of the scope's parks (each once, at its first current unit's park).
  const tenants = `(select distinct on (o.enterprise_id) o.enterprise_id, bb.park_id
      from occupancies o join units u on u.id = o.unit_id join floors fl on fl.id = u.floor_id join buildings bb on bb.id = fl.building_id
      where ${current} and bb.park_id in ${parks} order by o.enterprise_id, bb.park_id)`;
  const owner = f.countsOnly ? 'null::int' : `(select min(og.id) from organisations og where og.enterprise_id = e.id)`;
  const contacts = cut('contacts');
  if (contacts) {
    parts.push(`select 'contacts', 'enterprises', e.id, ${lbl('e.name')}, e.as_of, b.park_id, e.id, ${owner},
        (e.as_of is null or e.as_of < ${contacts}::date), ${contacts}::date, null::int
      from ${tenants} b join enterprises e on e.id = b.enterprise_id where true${zone}${own}`);
  }
  const metrics = rule.get('metrics');
  if (metrics && metrics.period === 'yearly_report') {
    const due = dueYear(metrics, on);
    const y = q.p(due.year);
    parts.push(`select 'metrics', 'enterprises', e.id, ${lbl(`e.name || ' · ' || ${y}::int`)}, m.as_of, b.park_id, e.id, ${owner},
        (m.year is null or m.year < ${y}::int), ${q.p(due.dueBy)}::date, ${y}::int
      from ${tenants} b join enterprises e on e.id = b.enterprise_id
      left join lateral (select year, as_of from enterprise_metrics em where em.enterprise_id = e.id order by year desc limit 1) m on true
      where true${zone}${own}`);
  }
  const cols =
    'kind, record_table, record_id, label, as_of, park_id, enterprise_id, owner_org_id, stale, due_by, due_year';
  if (parts.length === 0)
    return `select * from (select null::text, null::text, null::int, null::text, null::date, null::int, null::int, null::int, false, null::date, null::int where false) x(${cols})`;
  const where: string[] = [];
  if (f.ownerOrgId !== undefined) where.push(`x.owner_org_id = ${q.p(f.ownerOrgId)}`);
  if (f.enterpriseId !== undefined) where.push(`x.enterprise_id = ${q.p(f.enterpriseId)}`);
  return `select x.* from (${parts.join('\nunion all\n')}) x(${cols})${where.length ? ` where ${where.join(' and ')}` : ''}`;
}

type FactRow = {
  kind: FactKind;
  record_table: TStaleFact['recordTable'];
  record_id: number;
  label: string;
  as_of: unknown;
  park_id: number | null;
  enterprise_id: number | null;
  owner_org_id: number | null;
  owner_org_name?: string | null;
  due_by: unknown;
  due_year: number | null;
};

const staleFact = (r: FactRow): TStaleFact => ({
  kind: r.kind,
  recordTable: r.record_table,
  recordId: r.record_id,
  label: r.label,
  asOf: day(r.as_of),
  dueBy: day(r.due_by) ?? '',
  dueYear: r.due_year,
  parkId: r.park_id,
  enterpriseId: r.enterprise_id,
  ownerOrgId: r.owner_org_id,
  ownerOrgName: r.owner_org_name ?? null,
});

/** Stale facts matching the filter (for update requests), oldest first. */
export async function staleFactsBefore(db: Db, f: FactFilter, limit: number): Promise<TStaleFact[]> {
  const rules = await loadRules(db);
  const q = new Sql();
  const sql = factsSql(rules, f, q, today());
  const rows = await db.query<FactRow>(
    `select f.*, og.name as owner_org_name from (${sql}) f left join organisations og on og.id = f.owner_org_id
      where f.stale order by f.as_of nulls first, f.kind, f.record_id limit ${q.p(limit)}`,
    q.params,
  );
  return rows.map(staleFact);
}

const LIST_CAP = 500;

/** The staleness view of a scope: totals, per park (with its score), per owner, and the stale facts. */
export async function freshnessViewBefore(db: Db, f: FactFilter): Promise<TFreshness> {
  const rules = await loadRules(db);
  const on = today();
  // Three reads of the same facts, each computing only what it shows: counts need neither labels nor
  // owners, the owners' counts no labels; only the list of stale facts words each one.
  const qc = new Sql();
  const counts = factsSql(rules, { ...f, countsOnly: true }, qc, on);
  const qo = new Sql();
  const byOwner = factsSql(rules, { ...f, noLabels: true }, qo, on);
  const q = new Sql();
  const sql = factsSql(rules, f, q, on);
  const [perPark, owners, list] = await Promise.all([
    db.query<{ park_id: number; name: string; kind: FactKind; facts: number; stale: number }>(
      `select f.park_id, p.name, f.kind, count(*)::int as facts, count(*) filter (where f.stale)::int as stale
         from (${counts}) f join parks p on p.id = f.park_id group by f.park_id, p.name, f.kind order by p.name, f.kind`,
      qc.params,
    ),
    db.query<{ id: number; name: string; kind: string; stale: number }>(
      `select og.id, og.name, og.kind, count(*)::int as stale from (${byOwner}) f join organisations og on og.id = f.owner_org_id
        where f.stale group by og.id, og.name, og.kind order by stale desc, og.name limit 200`,
      qo.params,
    ),
    db.query<FactRow>(
      `select f.*, og.name as owner_org_name from (${sql}) f left join organisations og on og.id = f.owner_org_id
        where f.stale order by f.as_of nulls first, f.kind, f.record_id limit ${LIST_CAP + 1}`,
      q.params,
    ),
  ]);
  const parks = new Map<number, TFreshness['parks'][number]>();
  let facts = 0;
  let stale = 0;
  for (const r of perPark) {
    const p = parks.get(r.park_id) ?? { parkId: r.park_id, name: r.name, facts: 0, stale: 0, score: null, byKind: {} };
    p.facts += r.facts;
    p.stale += r.stale;
    p.byKind[r.kind] = { facts: r.facts, stale: r.stale };
    parks.set(r.park_id, p);
    facts += r.facts;
    stale += r.stale;
  }
  for (const p of parks.values()) p.score = freshnessScore(p.facts, p.stale);
  return {
    scope: scopeKey(f.scope),
    asOf: on,
    rules,
    totals: { facts, stale, score: freshnessScore(facts, stale) },
    parks: [...parks.values()],
    owners: owners.map((o) => ({ organisationId: o.id, name: o.name, kind: o.kind, stale: o.stale })),
    stale: list.slice(0, LIST_CAP).map(staleFact),
    offset: 0,
    truncated: list.length > LIST_CAP,
  };
}
