/**
 * Cockpit figures (驾驶舱指标): a module declares, in its manifest (`ModuleManifest.figures`), the
 * figures it contributes to the cockpit, the reports and the targets — each a key, zh / en labels,
 * the scope kinds it can be computed for, and compute(db, scope, actor), which answers the value
 * with the as-of date of the data behind it and the web link of the list behind it. A confidential
 * figure names the right (a platform or module feature, asked through the kernel policy `may`) that
 * sees it; for everyone else the value, its parts and its link are withheld here, once, so the
 * cockpit, the PDFs and the targets cannot show what the role may not see.
 */
import type { Db } from '../../db/connect.js';
import { changeKey, type DataVersions, dataVersions } from '../lib/data-changes.js';
import { notFound } from '../lib/errors.js';
import { Sql } from '../lib/sql.js';
import type { Actor } from '../modules/auth/actor.js';
import { type Devzone, devzoneEnterprises, devzoneOf, devzoneParks } from './policy/devzones.js';
import { type Feature, may, readScope } from './policy/index.js';

/** A cockpit scope: the city, a district, a development zone (devzones.json) or a park with its sub-parks. */
export type FigureScope =
  | { kind: 'city' }
  | { kind: 'district'; code: string }
  | { kind: 'devzone'; code: string }
  | { kind: 'park'; id: number };
export type FigureScopeKind = FigureScope['kind'];
export const FIGURE_SCOPE_KINDS = ['city', 'district', 'devzone', 'park'] as const;

export interface FigurePart {
  key: string;
  label: { zh: string; en: string };
  value: number | null;
}

export interface FigureValue {
  /** The figure; null when the data holds nothing to count (or it is withheld). */
  value: number | null;
  /** The as-of date (YYYY-MM-DD) of the newest data behind the value; null when unknown. */
  asOf: string | null;
  /** The web path of the list behind the figure ('/enterprises?regionCode=420111'). */
  link: string | null;
  /** Its breakdown, for a chart (funnel stages, tiers, classes …). */
  parts?: FigurePart[];
}

export interface FigureDef {
  /** Namespaced by the declaring module: 'cockpit.parks', 'docking.local_rate'. */
  key: `${string}.${string}`;
  label: { zh: string; en: string };
  unit: { zh: string; en: string };
  /** The cockpit panel it belongs to ('registry', 'chains', 'invest', 'conferences', 'docking' …). */
  group: string;
  /** Order within the cockpit (lower first). */
  order: number;
  scopes: readonly FigureScopeKind[];
  /**
   * The right that sees the value (e.g. 'seeFigures' for money, 'projects' for the investment
   * pipeline). Omitted: the figure is public.
   */
  sees?: Feature;
  /** Whether progress toward a target may be computed from it (a count or a sum, not a rate). */
  targetable?: boolean;
  compute(db: Db, scope: FigureScope, actor: Actor | undefined): Promise<FigureValue>;
  /**
   * Keep the value per scope under the change counters of the tables it is read from (migration 0008;
   * every one of them must be tracked there, or a change would go unseen) and the date. `view` names what
   * of the viewer the value depends on (omitted: nothing — a figure that applies the viewer's read scope
   * must say so here or not be cached).
   */
  cache?: { tables: readonly string[]; view?: (a: Actor | undefined) => string };
}

export interface FigureAnswer extends FigureValue {
  key: string;
  label: { zh: string; en: string };
  unit: { zh: string; en: string };
  group: string;
  /** The value was withheld from this role. */
  redacted: boolean;
}

const FIGURES = new Map<string, FigureDef>();

/** Registers a module's figures (platform/module.ts `installModules`); a key is taken once. */
export function registerFigures(module: string, defs: readonly FigureDef[]): void {
  for (const d of defs) {
    if (!d.key.startsWith(`${module}.`)) throw new Error(`figure "${d.key}" of module ${module} is not ${module}.*`);
    if (FIGURES.has(d.key)) throw new Error(`figure "${d.key}" is registered twice`);
    FIGURES.set(d.key, d);
  }
}

/** Every registered figure, in cockpit order. */
export const figureDefs = (): FigureDef[] => [...FIGURES.values()].sort((a, b) => a.order - b.order);
export const figureDef = (key: string): FigureDef | undefined => FIGURES.get(key);

/** Whether the actor sees the value of this figure (no actor: the system, which sees all). */
export const seesFigure = (def: FigureDef, a: Actor | undefined): boolean => !a || !def.sees || may(a, def.sees);

/**
 * A scope the actor may look at: the city and any district are public geography (as in the chain
 * views); a park must be one the actor can read (else 404, like every hidden record).
 */
export async function assertFigureScope(db: Db, scope: FigureScope, a: Actor | undefined): Promise<void> {
  if (scope.kind === 'devzone') {
    if (!devzoneOf(scope.code)) throw notFound();
    return;
  }
  if (scope.kind !== 'park') {
    if (scope.kind === 'district') {
      const [r] = await db.query('select 1 from regions where code = $1', [scope.code]);
      if (!r) throw notFound();
    }
    return;
  }
  const q = new Sql();
  const id = q.p(scope.id);
  const read = a ? readScope(a, 'parks', q) : null;
  const [r] = await db.query(`select 1 from parks t where t.id = ${id}${read ? ` and ${read}` : ''}`, q.params);
  if (!r) throw notFound();
}

function zoneOf(code: string): Devzone {
  const z = devzoneOf(code);
  if (!z) throw notFound();
  return z;
}

/** The ids of the parks in a scope (a park with its sub-parks), as a SQL subquery — for modules' figures. */
export function scopeParks(s: FigureScope, q: Sql): string {
  if (s.kind === 'city') return '(select id from parks)';
  if (s.kind === 'district') return `(select id from parks where region_code = ${q.p(s.code)})`;
  if (s.kind === 'devzone') return devzoneParks(zoneOf(s.code), q);
  return `(with recursive s as (select id from parks where id = ${q.p(s.id)} union select c.id from parks c join s on c.parent_id = s.id) select id from s)`;
}

/** Enterprises with a current unit in the scope's parks, as a SQL subquery of ids. */
export function scopeTenants(s: FigureScope, q: Sql): string {
  return `(select o.enterprise_id from occupancies o join units u on u.id = o.unit_id join floors f on f.id = u.floor_id
    join buildings b on b.id = f.building_id where (o.ended_on is null or o.ended_on >= current_date)
    and b.park_id in ${scopeParks(s, q)})`;
}

/**
 * The enterprises of a scope — registered in it (city, district) or holding a current unit in it — as a
 * condition on the enterprise id column `col` ('e.id', 't.enterprise_id'). For a city or district, one
 * correlated EXISTS per part (registered; housed), not `col in (registered) or col in (tenants)`: an OR of
 * two IN sub-queries is never a semi-join in PostgreSQL, so it hashed every registered firm and every tenant
 * per query (~1 M ids at 1 M firms: docking.deals took 2.5 s), or re-scanned them per row once they outgrew
 * work_mem. Each EXISTS is a primary-key or `occupancies (enterprise_id)` probe per row, or a hashed
 * sub-plan when the planner finds that cheaper. Its aliases (se_*) are its own, so `col` may name any
 * outer alias.
 */
export function scopeEnterprises(s: FigureScope, q: Sql, col = 'e.id'): string {
  if (s.kind === 'park') return `${col} in ${scopeTenants(s, q)}`;
  if (s.kind === 'devzone') return `${col} in ${devzoneEnterprises(zoneOf(s.code), q)}`;
  const region = s.kind === 'city' ? `se_e.region_code like '4201%'` : `se_e.region_code = ${q.p(s.code)}`;
  return `(exists (select 1 from enterprises se_e where se_e.id = ${col} and ${region})
    or exists (select 1 from occupancies se_o join units se_u on se_u.id = se_o.unit_id
      join floors se_f on se_f.id = se_u.floor_id join buildings se_b on se_b.id = se_f.building_id
     where se_o.enterprise_id = ${col} and (se_o.ended_on is null or se_o.ended_on >= current_date)
       and se_b.park_id in ${scopeParks(s, q)}))`;
}

/**
 * The same enterprises as `scopeEnterprises`, as disjoint conditions on `e` (the enterprises table) to be
 * answered one query per part and added up (`union all`): for a city or district, the firms registered in
 * it, and the others housed in it. One `… or e.id in (tenants)` condition is a sub-plan PostgreSQL probes
 * per row, and once the tenants no longer fit its hash (work_mem; ~500 k at 1 M firms) it re-scans them for
 * every firm — the city cockpit did not return in 24 min; each part alone is an index or hash (semi-)join.
 */
export function scopeEnterpriseParts(s: FigureScope, q: Sql): string[] {
  if (s.kind === 'park' || s.kind === 'devzone') return [scopeEnterprises(s, q)];
  const region = s.kind === 'city' ? `e.region_code like '4201%'` : `e.region_code = ${q.p(s.code)}`;
  return [region, `not coalesce(${region}, false) and e.id in ${scopeTenants(s, q)}`];
}

/** A date from the database as YYYY-MM-DD (null stays null). */
export const figureDay = (v: unknown): string | null =>
  v === null || v === undefined
    ? null
    : typeof v === 'string'
      ? v.slice(0, 10)
      : (v as Date).toISOString().slice(0, 10);

/** The newest as-of date (YYYY-MM-DD) among rows' `d` columns; null when none is known. */
export function newestDay(rows: readonly { d?: unknown }[]): string | null {
  let m: string | null = null;
  for (const r of rows) {
    const d = figureDay(r.d);
    if (d && (!m || d > m)) m = d;
  }
  return m;
}

/**
 * A figure of a module's rows within a scope: one query answers rows (each with `d`, the newest as-of
 * date behind it), from which `answer` makes the value and its parts; the as-of date is the newest
 * `d` and the link is the list behind it. `read` names the policy resource whose read scope of the
 * viewer (`readScope`, on the alias `t`) the query must apply — given to `sql` as a condition ('true'
 * for the system or a role that reads every row). Every figure of every scope kind unless `scopes`
 * says otherwise; withheld from roles without `sees` by computeFigure, as every figure.
 */
export function scopedFigure<R extends { d?: unknown }>(
  spec: Omit<FigureDef, 'compute' | 'scopes' | 'unit'> & {
    unit?: FigureDef['unit'];
    scopes?: FigureDef['scopes'];
    link: string | ((s: FigureScope) => string);
    read?: string;
    sql: (s: FigureScope, q: Sql, read: string) => string;
    answer: (rows: R[], s: FigureScope) => Pick<FigureValue, 'value' | 'parts'>;
  },
): FigureDef {
  const { link, read, sql, answer, unit, scopes, ...def } = spec;
  return {
    ...def,
    unit: unit ?? { zh: '', en: '' },
    scopes: scopes ?? FIGURE_SCOPE_KINDS,
    async compute(db, s, a) {
      const q = new Sql();
      const cond = (read && a ? readScope(a, read, q) : null) ?? 'true';
      const rows = await db.query<R>(sql(s, q, `(${cond})`), q.params);
      return { ...answer(rows, s), asOf: newestDay(rows), link: typeof link === 'string' ? link : link(s) };
    },
  };
}

/** Computes one figure for the actor, withheld when its role may not see it. */
export async function computeFigure(
  db: Db,
  def: FigureDef,
  scope: FigureScope,
  a: Actor | undefined,
): Promise<FigureAnswer> {
  const head = { key: def.key, label: def.label, unit: def.unit, group: def.group };
  if (!seesFigure(def, a)) return { ...head, value: null, asOf: null, link: null, redacted: true };
  const v = def.cache ? await cachedValue(db, def, scope, a) : await def.compute(db, scope, a);
  return { ...head, ...v, redacted: false };
}

const VALUES = new WeakMap<Db, Map<string, Promise<FigureValue>>>();
const IN_FLIGHT = new WeakMap<Db, Promise<DataVersions>>();

/**
 * The change counters, one read shared by the figures of one cockpit call (they ask at once): a read
 * still in flight is joined, a settled one is not reused, so no figure keys itself on old counters.
 */
function versionsNow(db: Db): Promise<DataVersions> {
  let p = IN_FLIGHT.get(db);
  if (!p) {
    p = dataVersions(db);
    IN_FLIGHT.set(db, p);
    const done = () => IN_FLIGHT.delete(db);
    p.then(done, done);
  }
  return p;
}
const VALUES_MAX = 2000;

/** A cached figure's value: computed once per scope, viewer view and state of its tables (see FigureDef.cache). */
async function cachedValue(db: Db, def: FigureDef, scope: FigureScope, a: Actor | undefined): Promise<FigureValue> {
  const c = def.cache as NonNullable<FigureDef['cache']>;
  // The counters are read before the data, so a value is at worst computed once too often, never kept stale.
  const key = `${def.key}|${JSON.stringify(scope)}|${c.view?.(a) ?? ''}|${changeKey(await versionsNow(db), c.tables, true)}`;
  let m = VALUES.get(db);
  if (!m) {
    m = new Map();
    VALUES.set(db, m);
  }
  const hit = m.get(key);
  if (hit) return hit;
  if (m.size >= VALUES_MAX) m.clear();
  const p = def.compute(db, scope, a);
  m.set(key, p);
  p.catch(() => m.delete(key));
  return p;
}
