/**
 * What a backup reads and a restore writes, taken from the PostgreSQL catalog rather than a hand list,
 * so a table added by a later migration is backed up without touching this code. Values travel as
 * PostgreSQL's own text form (bytea as base64) under fixed session settings, which makes a dump the
 * same on PGlite and on a PostgreSQL server and lets either restore it.
 */
import type { Db } from '../connect.js';

/** The file format version (not the schema version): bump it when the line layout changes. */
export const FORMAT = 'parklink-backup';
export const FORMAT_VERSION = 1;

/** Why a table is left out of a backup, and who said so. */
export interface NotData {
  /** 'platform', or the module whose manifest declared it */
  owner: string;
  /** one line: what fills the table and why its rows are no data */
  reason: string;
  /**
   * Kept by triggers from data tables: the restore's own inserts write its rows again, so a restored
   * database holds the same rows (the restore test compares them). Otherwise the table is the state of a
   * running server (sign-ins, change logs for caches) and a restore starts it empty or anew.
   */
  rebuilt: boolean;
}

/**
 * Tables that are not data, by name. The platform's own are listed here; a module's come from its manifest
 * (`derivedTables`, `runtimeTables`) through registerNotData, which installModules calls — src/db imports
 * nothing of src/server, so whoever backs up or restores (the CLI, tests) installs the modules first.
 */
export const NOT_DATA = new Map<string, NotData>([
  [
    'schema_migrations',
    {
      owner: 'platform',
      reason: 'the schema version goes in the header; restore recreates the schema by migrating',
      rebuilt: false,
    },
  ],
  [
    'sessions',
    {
      owner: 'platform',
      // A session is a live credential: a stolen backup holds no usable cookie, and a restored database
      // never carries the old server's sessions. API tokens, being accounts data, are kept.
      reason: 'sign-ins do not survive a restore (everyone signs in again)',
      rebuilt: false,
    },
  ],
  [
    'data_changes',
    {
      owner: 'platform',
      reason:
        'change counters (0008) keying the caches of a running server; the restore’s inserts fire the counting triggers',
      rebuilt: false,
    },
  ],
]);

/** Owners that registered their not-data tables (modules without any register too, with none). */
const registered = new Set<string>();

/**
 * Adds a module's tables that are not data (ModuleManifest.derivedTables / runtimeTables: table → reason).
 * A table is claimed once: two owners of one table throw.
 */
export function registerNotData(
  owner: string,
  tables: { derived?: Readonly<Record<string, string>>; runtime?: Readonly<Record<string, string>> },
): void {
  for (const [rebuilt, list] of [
    [true, tables.derived ?? {}],
    [false, tables.runtime ?? {}],
  ] as const)
    for (const [name, reason] of Object.entries(list)) {
      const had = NOT_DATA.get(name);
      if (had && had.owner !== owner) throw new Error(`table ${name} of ${owner} is already not data for ${had.owner}`);
      if (!reason.trim()) throw new Error(`table ${name} of ${owner}: say in one line why it is not data`);
      NOT_DATA.set(name, { owner, reason, rebuilt });
    }
  registered.add(owner);
}

/**
 * Throws unless the modules handed in their tables: a backup written without them would carry derived
 * tables (restored twice) and change logs. `parklink backup / restore` import the module list first.
 */
export function assertModulesRegistered(): void {
  if (registered.size === 0)
    throw new Error('no module registered its tables with the backup catalog: import src/server/modules first');
}

/**
 * Tables a new database holds before anyone uses it: the schema version, reference data loaded at
 * start (regions, classes, tiers, built-in sources, chain templates), change counters and the modules'
 * own reference tables (added by addSetupTables). A database
 * with rows anywhere else is in use, and restore replaces it only when asked to.
 */
export const SETUP_TABLES = new Set([
  'schema_migrations',
  'data_changes',
  'regions',
  'industry_classes',
  'tiers',
  'sources',
  'chain_templates',
]);

/**
 * Adds a module's reference tables (ModuleManifest.referenceTables) to SETUP_TABLES; installModules
 * calls it, so whatever imports the module list restores with every module's set-up counted.
 */
export function addSetupTables(names: Iterable<string>): void {
  for (const n of names) SETUP_TABLES.add(n);
}

export interface Column {
  name: string;
  /** format_type(), e.g. `integer`, `numeric(18,2)`, `text[]`, `timestamp with time zone` */
  type: string;
  /** GENERATED ALWAYS AS IDENTITY: the insert needs OVERRIDING SYSTEM VALUE to keep the value */
  identity: boolean;
  /** text-like: sorted with COLLATE "C" so the order (and the checksum) is the same on every server */
  collatable: boolean;
}

export interface Table {
  name: string;
  columns: Column[];
  /** primary key columns, in key order; empty when the table has none */
  key: string[];
}

export const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
export const qualified = (table: string) => `public.${ident(table)}`;

/**
 * Session settings under which every value's text form is canonical: UTC timestamps, ISO dates,
 * shortest exact floats, hex bytea inside row texts. Set on the transaction (local), never the session.
 */
export async function canonicalSettings(db: Db): Promise<void> {
  for (const s of [
    "set local timezone = 'UTC'",
    "set local datestyle = 'ISO, YMD'",
    "set local intervalstyle = 'postgres'",
    'set local extra_float_digits = 1',
    "set local bytea_output = 'hex'",
  ])
    await db.query(s);
}

/** Every ordinary table of the public schema, with its stored (non-generated) columns and key. */
export async function listTables(db: Db): Promise<Table[]> {
  const rows = await db.query<{ name: string; columns: Column[]; key: string[] | null }>(
    `select c.relname::text as name,
            (select json_agg(json_build_object('name', a.attname::text, 'type', format_type(a.atttypid, a.atttypmod),
                                               'identity', a.attidentity = 'a', 'collatable', a.attcollation <> 0)
                             order by a.attnum)
               from pg_attribute a
              where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = '') as columns,
            (select json_agg(a.attname::text order by k.ord)
               from pg_index i cross join unnest(i.indkey) with ordinality k(attnum, ord)
               join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
              where i.indrelid = c.oid and i.indisprimary) as key
       from pg_class c
      where c.relnamespace = 'public'::regnamespace and c.relkind = 'r'
        and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype = 'e')
      order by c.relname collate "C"`,
  );
  return rows.map((r) => ({ name: r.name, columns: r.columns ?? [], key: r.key ?? [] }));
}

/** Sequences of the public schema (identity columns' included) with their state, as text. */
export async function readSequences(db: Db): Promise<[string, string, boolean][]> {
  const names = await db.query<{ name: string }>(
    `select c.relname::text as name from pg_class c
      where c.relnamespace = 'public'::regnamespace and c.relkind = 'S'
        and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype = 'e')
      order by c.relname collate "C"`,
  );
  const out: [string, string, boolean][] = [];
  for (const { name } of names) {
    const [s] = await db.query<{ last: string; called: boolean }>(
      `select last_value::text as last, is_called as called from ${qualified(name)}`,
    );
    if (s) out.push([name, s.last, s.called]);
  }
  return out;
}

/** The migrations applied, oldest first; empty when the database has no ParkLink schema yet. */
export async function appliedMigrations(db: Db): Promise<[number, string][]> {
  const [exists] = await db.query<{ t: string | null }>(`select to_regclass('public.schema_migrations')::text as t`);
  if (!exists?.t) return [];
  const rows = await db.query<{ version: number; name: string }>(
    'select version, name from schema_migrations order by version',
  );
  return rows.map((r) => [r.version, r.name]);
}

const isBytea = (c: Column) => c.type === 'bytea';

/** The select list of a dump: each column's text form, bytea as base64 on one line. */
export const dumpExpr = (c: Column) =>
  isBytea(c) ? `translate(encode(${ident(c.name)}, 'base64'), E'\\n', '')` : `${ident(c.name)}::text`;

/** The value expression of a restore for parameter $n: the column's input function on the text form. */
export const loadExpr = (c: Column, n: number) =>
  isBytea(c) ? `decode($${n}::text, 'base64')` : `$${n}::text::${c.type}`;

/** Sort key of one column: the C collation for text, so both engines list rows in the same order. */
export const sortExpr = (c: Column, alias = '') => `${alias}${ident(c.name)}${c.collatable ? ' collate "C"' : ''}`;
