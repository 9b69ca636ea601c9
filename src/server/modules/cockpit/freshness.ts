/**
 * Data freshness: the facts of the scope's parks (units' vacancy, current occupancies, tenants'
 * contacts and yearly reports), each stale or current under its kind's rule (cockpit_staleness_rules),
 * with the organisation that owns it — the park's operator for vacancy and occupancy, the enterprise's
 * own organisation for its contacts and yearly report. Counts are computed in SQL; the list of stale
 * facts is capped.
 */
import type { FactKind, TFreshness, TStaleFact } from '../../../contracts/cockpit.js';
import type { Db } from '../../../db/connect.js';
import { cutoff, dueYear, freshnessScore, type Rule } from '../../../domain/cockpit/staleness.js';
import { changeKey, dataVersions } from '../../lib/data-changes.js';
import { Sql } from '../../lib/sql.js';
import type { FigureScope } from '../../platform/figures.js';
import { parkScope } from '../../platform/policy/index.js';
import type { Actor } from '../auth/actor.js';
import { day, parksIn, scopeKey } from './scope.js';

export interface RuleRow {
  kind: FactKind;
  label: string;
  labelEn: string;
  period: Rule['period'];
  graceDays: number;
  owner: 'enterprise' | 'park_operator';
  note: string | null;
}

export async function loadRules(db: Db): Promise<RuleRow[]> {
  const rows = await db.query<{
    kind: FactKind;
    label: string;
    label_en: string;
    period: Rule['period'];
    grace_days: number;
    owner: RuleRow['owner'];
    note: string | null;
  }>('select kind, label, label_en, period, grace_days, owner, note from cockpit_staleness_rules order by kind');
  return rows.map((r) => ({
    kind: r.kind,
    label: r.label,
    labelEn: r.label_en,
    period: r.period,
    graceDays: r.grace_days,
    owner: r.owner,
    note: r.note,
  }));
}

export const today = (): string => new Date().toISOString().slice(0, 10);

export interface FactFilter {
  scope: FigureScope;
  /** Only facts owned by this organisation. */
  ownerOrgId?: number | undefined;
  enterpriseId?: number | undefined;
  /** Limit to what the actor's zone holds (undefined: the system or a city-wide role). */
  actor?: Actor | undefined;
  /** Owners left out (null) unless the filter needs them: for counts per park. */
  countsOnly?: boolean;
}

/**
 * The owner of each fact, set-based: the park's operator (an operator organisation of the park or of
 * its parent park) for vacancy and occupancy, the enterprise's own organisation for its contacts and
 * yearly report — as joins to two small grouped tables, not a look-up per fact.
 */
const PARK_OWNERS = `(select p.id as park_id, min(op.organisation_id) as org_id from parks p
        join organisation_parks op on op.park_id = p.id or op.park_id = p.parent_id
        join organisations og on og.id = op.organisation_id and og.kind = 'park_operator' group by p.id)`;
const FIRM_OWNERS = `(select enterprise_id, min(id) as org_id from organisations where enterprise_id is not null
        group by enterprise_id)`;
function ownerSql(x: string): { joins: string; owner: string } {
  return {
    joins: `left join ${PARK_OWNERS} po on po.park_id = ${x}.park_id
      left join ${FIRM_OWNERS} eo on eo.enterprise_id = ${x}.enterprise_id`,
    owner: `case when ${x}.kind in ('vacancy', 'occupancy') then po.org_id else eo.org_id end`,
  };
}

/** A fact's label (written out only for the rows a page shows), from its record, as a SQL expression on `g`. */
const LABEL_SQL = `case g.kind
    when 'vacancy' then (select bb.name || ' ' || u.code from units u join floors fl on fl.id = u.floor_id
      join buildings bb on bb.id = fl.building_id where u.id = g.record_id)
    when 'occupancy' then (select e.name || ' · ' || bb.name || ' ' || u.code from occupancies o
      join enterprises e on e.id = o.enterprise_id join units u on u.id = o.unit_id join floors fl on fl.id = u.floor_id
      join buildings bb on bb.id = fl.building_id where o.id = g.record_id)
    when 'contacts' then (select e.name from enterprises e where e.id = g.record_id)
    when 'metrics' then (select e.name || ' · ' || g.due_year from enterprises e where e.id = g.record_id)
  end`;

/**
 * The facts as SQL: one row per fact with kind, record, as-of date, park, enterprise, owner (null for
 * counts) and whether it is stale today — no label (see `stalePage`). Parameters go to q.
 */
export function factsSql(rules: RuleRow[], f: FactFilter, q: Sql, on: string): string {
  return factsUnion(factParts(rules, f, q, on, null), f, q);
}

/**
 * A kind's first `k` stale facts in the page's order (as-of date, nulls first, then record), for the
 * page: `metrics` as `nulls` means only those with no as-of date (all a page can still need of them).
 */
interface Top {
  k: number;
  metrics: 'all' | 'nulls' | 'none';
}

/** The SQL of each kind's facts (in `top` mode: its first stale ones, see Top), each a select of FACT_COLS. */
function factParts(rules: RuleRow[], f: FactFilter, q: Sql, on: string, top: Top | null, firmOwned = false): string[] {
  const rule = new Map(rules.map((r) => [r.kind, r]));
  const parks = parksIn(f.scope, q);
  const zone =
    f.actor && (f.actor.role === 'district_user' || f.actor.role === 'park_operator')
      ? ` and b.park_id in ${parkScope(f.actor, q)}`
      : '';
  const own = f.actor?.role === 'enterprise_user' ? ` and e.id = ${q.p(f.actor.enterpriseId ?? -1)}` : '';
  const cut = (k: FactKind) => {
    const r = rule.get(k);
    return r && r.period !== 'yearly_report' ? q.p(cutoff(r, on)) : null;
  };
  const parts: string[] = [];
  // In top mode the enterprise filter goes into each kind (it must apply before the cut).
  const ent = top && f.enterpriseId !== undefined ? ` and e.id = ${q.p(f.enterpriseId)}` : '';
  // Facts walked in the page's order (indexes of migration 0046) up to the cut.
  const first = (sql: string, order: string) => (top ? `(${sql} order by ${order} limit ${q.p(top.k)})` : sql);
  const vacancy = own || firmOwned || ent ? null : cut('vacancy');
  if (vacancy) {
    const stale = `(u.as_of is null or u.as_of < ${vacancy}::date)`;
    parts.push(
      first(
        `select 'vacancy'::text as kind, 'units'::text as record_table, u.id as record_id,
        u.as_of, b.park_id, null::int as enterprise_id,
        ${stale} as stale, ${vacancy}::date as due_by, null::int as due_year
      from units u join floors fl on fl.id = u.floor_id join buildings bb on bb.id = fl.building_id
      join lateral (select bb.park_id) b on true
      where b.park_id in ${parks}${zone}${top ? ` and ${stale}` : ''}`,
        'u.as_of nulls first, u.id',
      ),
    );
  }
  const occupancy = firmOwned ? null : cut('occupancy');
  const current = `(o.ended_on is null or o.ended_on >= ${q.p(on)}::date)`;
  if (occupancy) {
    const stale = `(o.as_of is null or o.as_of < ${occupancy}::date)`;
    parts.push(
      first(
        `select 'occupancy', 'occupancies', o.id, o.as_of, b.park_id, e.id,
        ${stale}, ${occupancy}::date, null::int
      from occupancies o join enterprises e on e.id = o.enterprise_id join units u on u.id = o.unit_id
      join floors fl on fl.id = u.floor_id join buildings bb on bb.id = fl.building_id
      join lateral (select bb.park_id) b on true
      where ${current} and b.park_id in ${parks}${zone}${own}${ent}${top ? ` and ${stale}` : ''}`,
        'o.as_of nulls first, o.id',
      ),
    );
  }
  // Tenants of the scope's parks (each once, at its first current unit's park); those owned by an
  // organisation of their own only, for the owners' counts.
  const owned = firmOwned ? ' and o.enterprise_id in (select enterprise_id from organisations)' : '';
  const tenants = `(select distinct on (o.enterprise_id) o.enterprise_id, bb.park_id
      from occupancies o join units u on u.id = o.unit_id join floors fl on fl.id = u.floor_id join buildings bb on bb.id = fl.building_id
      where ${current} and bb.park_id in ${parks}${owned} order by o.enterprise_id, bb.park_id)`;
  // In top mode a firm's tenancy is a semi-join and its first park a look-up, so the planner may walk the
  // firms in the page's order (index of migration 0046) and stop at the cut, or find the tenants first.
  const housed = `from occupancies o join units u on u.id = o.unit_id join floors fl on fl.id = u.floor_id
      join buildings bb on bb.id = fl.building_id where o.enterprise_id = e.id and ${current} and bb.park_id in ${parks}`;
  const firstPark = `(select min(bb.park_id) ${housed})`;
  const topFrom = (extra = '') =>
    `from enterprises e${extra} where exists (select 1 ${housed})${
      zone ? ` and ${firstPark} in ${parkScope(f.actor as Actor, q)}` : ''
    }${own}${ent}`;
  const contacts = cut('contacts');
  if (contacts) {
    const stale = `(e.as_of is null or e.as_of < ${contacts}::date)`;
    parts.push(
      top
        ? first(
            `select 'contacts', 'enterprises', e.id, e.as_of, ${firstPark}, e.id, ${stale}, ${contacts}::date, null::int
          ${topFrom()} and ${stale}`,
            'e.as_of nulls first, e.id',
          )
        : `select 'contacts', 'enterprises', e.id, e.as_of, b.park_id, e.id, ${stale}, ${contacts}::date, null::int
      from ${tenants} b join enterprises e on e.id = b.enterprise_id where true${zone}${own}`,
    );
  }
  const metrics = rule.get('metrics');
  if (metrics && metrics.period === 'yearly_report' && top?.metrics !== 'none') {
    const due = dueYear(metrics, on);
    const y = q.p(due.year);
    const latest = `left join lateral (select year, as_of from enterprise_metrics em where em.enterprise_id = e.id order by year desc limit 1) m on true`;
    const stale = `(m.year is null or m.year < ${y}::int)`;
    parts.push(
      top
        ? first(
            `select 'metrics', 'enterprises', e.id, m.as_of, ${firstPark}, e.id, ${stale}, ${q.p(due.dueBy)}::date, ${y}::int
          ${topFrom(` ${latest}`)} and ${stale}${top.metrics === 'nulls' ? ' and m.as_of is null' : ''}`,
            top.metrics === 'nulls' ? 'e.id' : 'm.as_of nulls first, e.id',
          )
        : `select 'metrics', 'enterprises', e.id, m.as_of, b.park_id, e.id, ${stale}, ${q.p(due.dueBy)}::date, ${y}::int
      from ${tenants} b join enterprises e on e.id = b.enterprise_id ${latest}
      where true${zone}${own}`,
    );
  }
  return parts;
}

const FACT_COLS = 'kind, record_table, record_id, as_of, park_id, enterprise_id, stale, due_by, due_year';

function factsUnion(parts: string[], f: FactFilter, q: Sql): string {
  const cols = FACT_COLS;
  const facts = parts.length
    ? `(${parts.join('\nunion all\n')}) x(${cols})`
    : `(select null::text, null::text, null::int, null::date, null::int, null::int, false, null::date, null::int where false) x(${cols})`;
  const where: string[] = [];
  if (f.enterpriseId !== undefined) where.push(`x.enterprise_id = ${q.p(f.enterpriseId)}`);
  const w = where.length ? ` where ${where.join(' and ')}` : '';
  if (f.countsOnly && f.ownerOrgId === undefined) return `select x.*, null::int as owner_org_id from ${facts}${w}`;
  const o = ownerSql('x');
  const sql = `select x.*, ${o.owner} as owner_org_id from ${facts} ${o.joins}${w}`;
  return f.ownerOrgId === undefined ? sql : `select y.* from (${sql}) y where y.owner_org_id = ${q.p(f.ownerOrgId)}`;
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

export const staleFact = (r: FactRow): TStaleFact => ({
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

/**
 * One page of the filter's stale facts, oldest first: the facts are sorted and cut as bare keys (kind,
 * record, as-of date), and only the page's rows get their label, owner and owner's name.
 *
 * For the city or a district without an owner filter only each kind's first `offset + limit` stale facts
 * in the page's order are read (an index walk on the as-of date, migration 0046), not every fact of the
 * scope: the page lies within them. (A park's facts are few enough to sort.) A yearly report's as-of date is its firm's latest report's, which no index orders, so
 * those are read only as far as the page can still reach them — none when the other kinds' cut ends
 * among the undated contacts (they sort first), only the undated ones when it ends among undated facts.
 */
async function stalePage(db: Db, rules: RuleRow[], f: FactFilter, on: string, limit: number, offset = 0) {
  const walk = f.ownerOrgId === undefined && (f.scope.kind === 'city' || f.scope.kind === 'district');
  if (!walk) return pageOf(db, rules, f, on, limit, offset, null);
  // First without the yearly reports: the page's last row is then the other kinds' cut, which tells how far
  // the reports must be read (see above); when it ends among undated contacts, that page is the page.
  const k = limit + offset;
  const rows = await pageOf(db, rules, f, on, limit, offset, { k, metrics: 'none' });
  const last = rows.length === limit ? rows.at(-1) : undefined;
  if (last && last.as_of === null && last.kind === 'contacts') return rows;
  return pageOf(db, rules, f, on, limit, offset, { k, metrics: last && last.as_of === null ? 'nulls' : 'all' });
}

async function pageOf(
  db: Db,
  rules: RuleRow[],
  f: FactFilter,
  on: string,
  limit: number,
  offset: number,
  top: Top | null,
) {
  const q = new Sql();
  // Owners are needed for every fact only to filter by one; otherwise only the page's rows look theirs up.
  const keys = top
    ? factsUnion(factParts(rules, f, q, on, top), { ...f, countsOnly: true }, q)
    : factsSql(rules, { ...f, countsOnly: true }, q, on);
  const o = ownerSql('g');
  return db.query<FactRow>(
    `with g as (select f.* from (${keys}) f where f.stale order by f.as_of nulls first, f.kind, f.record_id
        limit ${q.p(limit)} offset ${q.p(offset)})
     select g.kind, g.record_table, g.record_id, ${LABEL_SQL} as label, g.as_of, g.park_id, g.enterprise_id,
        w.owner_org_id, og.name as owner_org_name, g.due_by, g.due_year
       from g ${o.joins}
       cross join lateral (select coalesce(g.owner_org_id, ${o.owner}) as owner_org_id) w
       left join organisations og on og.id = w.owner_org_id
      order by g.as_of nulls first, g.kind, g.record_id`,
    q.params,
  );
}

/** Stale facts matching the filter (for update requests), oldest first. */
export async function staleFacts(db: Db, f: FactFilter, limit: number): Promise<TStaleFact[]> {
  const rows = await stalePage(db, await loadRules(db), f, today(), limit);
  return rows.map(staleFact);
}

/** How many facts of the filter an organisation owns (stale or not). */
export async function ownedFacts(db: Db, f: FactFilter): Promise<number> {
  const rules = await loadRules(db);
  const q = new Sql();
  const sql = factsSql(rules, { ...f, countsOnly: true }, q, today());
  const [r] = await db.query<{ n: number }>(`select count(*)::int as n from (${sql}) f`, q.params);
  return r?.n ?? 0;
}

/** The stale facts list of the view is paged by this many. */
export const LIST_CAP = 500;

/**
 * The staleness view of a scope: totals, per park (with its score), per owner, and one page of the stale
 * facts (`offset`: the facts before it). Counts are set-based in SQL (the scope's counts for a city-wide
 * reader are the cockpit's cached ones); only the page's facts are worded.
 */
export async function freshnessView(db: Db, f: FactFilter, offset = 0): Promise<TFreshness> {
  const rules = await loadRules(db);
  const on = today();
  const whole = f.actor === undefined && f.ownerOrgId === undefined && f.enterpriseId === undefined;
  const qc = new Sql();
  const qo = new Sql();
  const byOwner = f.ownerOrgId === undefined ? '' : factsSql(rules, f, qo, on);
  // A zone's reader sees the facts of its zone's parks: the scope's per-park counts of those parks.
  const zoned =
    (f.actor?.role === 'district_user' || f.actor?.role === 'park_operator') &&
    f.ownerOrgId === undefined &&
    f.enterpriseId === undefined;
  const [perPark, list] = await Promise.all([
    whole || zoned
      ? freshnessCounts(db, f.scope).then(async (counts) => {
          // The parks' names and their order as the database sorts them (its collation, as the list had).
          const qz = new Sql();
          const ids = qz.p([...new Set(counts.map((c) => c.park_id))]);
          const order = await db.query<{ id: number; name: string }>(
            `select id, name from parks where id = any(${ids}::int[])${
              zoned ? ` and id in ${parkScope(f.actor as Actor, qz)}` : ''
            } order by name`,
            qz.params,
          );
          const at = new Map(order.map((p, i) => [p.id, i]));
          return counts
            .filter((c) => at.has(c.park_id))
            .map((c) => ({ ...c, name: order[at.get(c.park_id) as number]!.name, i: at.get(c.park_id) as number }))
            .sort((a, b) => a.i - b.i || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
        })
      : db.query<{ park_id: number; name: string; kind: FactKind; facts: number; stale: number }>(
          `select f.park_id, p.name, f.kind, count(*)::int as facts, count(*) filter (where f.stale)::int as stale
             from (${factsSql(rules, { ...f, countsOnly: true }, qc, on)}) f join parks p on p.id = f.park_id
            group by f.park_id, p.name, f.kind order by p.name, f.kind`,
          qc.params,
        ),
    stalePage(db, rules, f, on, LIST_CAP + 1, offset),
  ]);
  // Stale facts per owner: a park's operator owns its vacancy and occupancy facts, so theirs are the per-park
  // counts just made; a firm's own organisation its contacts and yearly report, counted for those firms only.
  const owners =
    f.ownerOrgId !== undefined
      ? await db.query<{ id: number; name: string; kind: string; stale: number }>(
          `select og.id, og.name, og.kind, s.stale from (select f.owner_org_id, count(*)::int as stale from (${byOwner}) f
          where f.stale group by f.owner_org_id) s join organisations og on og.id = s.owner_org_id
        order by s.stale desc, og.name limit 200`,
          qo.params,
        )
      : await ownersOf(db, rules, f, on, perPark);
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
    offset,
    truncated: list.length > LIST_CAP,
  };
}

/** The owners' stale counts (see freshnessView), most first, 200 at most; `perPark` the filter's counts. */
async function ownersOf(
  db: Db,
  rules: RuleRow[],
  f: FactFilter,
  on: string,
  perPark: readonly { park_id: number; kind: FactKind; stale: number }[],
) {
  const byPark = new Map<number, number>();
  for (const r of perPark)
    if ((r.kind === 'vacancy' || r.kind === 'occupancy') && r.stale > 0)
      byPark.set(r.park_id, (byPark.get(r.park_id) ?? 0) + r.stale);
  const q = new Sql();
  const firms = factParts(rules, { ...f, countsOnly: true }, q, on, null, true);
  const firmFacts = firms.length
    ? `union all select eo.org_id, count(*)::int from (${firms.join('\nunion all\n')}) x(${FACT_COLS})
        join ${FIRM_OWNERS} eo on eo.enterprise_id = x.enterprise_id
       where x.stale${f.enterpriseId !== undefined ? ` and x.enterprise_id = ${q.p(f.enterpriseId)}` : ''} group by eo.org_id`
    : '';
  return db.query<{ id: number; name: string; kind: string; stale: number }>(
    `select og.id, og.name, og.kind, s.stale from (
        select t.org_id, sum(t.n)::int as stale from (
          select po.org_id, x.n from unnest(${q.p([...byPark.keys()])}::int[], ${q.p([...byPark.values()])}::int[]) x(park_id, n)
            join ${PARK_OWNERS} po on po.park_id = x.park_id
          ${firmFacts}) t group by t.org_id) s
       join organisations og on og.id = s.org_id where s.stale > 0
      order by s.stale desc, og.name limit 200`,
    q.params,
  );
}

type Counts = { park_id: number; kind: FactKind; facts: number; stale: number }[];
const COUNTS = new WeakMap<Db, Map<string, Promise<Counts>>>();
/** The tables the facts are read from (change counters of migration 0008); the date makes facts stale too. */
const FACT_TABLES = [
  'units',
  'floors',
  'buildings',
  'parks',
  'occupancies',
  'enterprises',
  'enterprise_metrics',
] as const;
const COUNTS_MAX = 200;

/**
 * Facts and stale facts of a scope by park and kind, in one query; the cockpit's freshness figure and
 * its map's park scores share it. Kept per database and scope under the change counters of the tables
 * the facts come from, the rules and the date, so a cockpit call pays the count only after a change.
 * The whole scope, as the system sees it: counts only, no record.
 */
export async function freshnessCounts(db: Db, scope: FigureScope): Promise<Counts> {
  const versions = await dataVersions(db);
  const rules = await loadRules(db);
  const on = today();
  const key = `${scopeKey(scope)}|${on}|${changeKey(versions, FACT_TABLES, true)}|${JSON.stringify(rules)}`;
  let m = COUNTS.get(db);
  if (!m) {
    m = new Map();
    COUNTS.set(db, m);
  }
  const hit = m.get(key);
  if (hit) return hit;
  if (m.size >= COUNTS_MAX) m.clear();
  const q = new Sql();
  const p = db.query<Counts[number]>(
    `select park_id, kind, count(*)::int as facts, count(*) filter (where stale)::int as stale
       from (${factsSql(rules, { scope, countsOnly: true }, q, on)}) f group by park_id, kind`,
    q.params,
  );
  m.set(key, p);
  p.catch(() => m.delete(key));
  return p;
}

/** Freshness score per park of a scope (for the cockpit map). */
export async function parkScores(db: Db, scope: FigureScope): Promise<Map<number, number | null>> {
  const per = new Map<number, { facts: number; stale: number }>();
  for (const r of await freshnessCounts(db, scope)) {
    const x = per.get(r.park_id) ?? { facts: 0, stale: 0 };
    x.facts += r.facts;
    x.stale += r.stale;
    per.set(r.park_id, x);
  }
  return new Map([...per].map(([id, x]) => [id, freshnessScore(x.facts, x.stale)]));
}
