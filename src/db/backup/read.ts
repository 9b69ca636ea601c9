/**
 * `parklink restore FILE`: replaces the whole database with a backup, in ONE transaction — a refused,
 * corrupt or truncated file, or any failure part-way, leaves the database exactly as it was.
 *
 * Inside the transaction: every ParkLink object of the public schema is dropped; the schema is
 * recreated by the migrations up to the backup's version; foreign keys are dropped, the rows loaded
 * in any order (identity values kept) with each table's row count and checksum checked, the foreign
 * keys added back (which checks every reference), sequences set to their backed-up state, and the
 * migrations after the backup's version applied — so an older backup restores into a newer ParkLink.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import type { Db } from '../connect.js';
import { listMigrations, type Migration, migrate } from '../migrate.js';
import {
  appliedMigrations,
  assertModulesRegistered,
  canonicalSettings,
  ident,
  listTables,
  loadExpr,
  NOT_DATA,
  qualified,
  SETUP_TABLES,
  type Table,
} from './catalog.js';
import { BackupError } from './errors.js';
import { type Header, parseHeader } from './header.js';
import type { TableSummary } from './write.js';

/** Parameters per insert statement (PostgreSQL allows 65 535) and text per statement. */
const MAX_PARAMS = 20_000;
const MAX_BATCH_CHARS = 8 * 1024 * 1024;

export interface RestoreOptions {
  /** replace a database that is in use (rows beyond the reference data); refused otherwise */
  replace?: boolean;
  onTable?: (name: string, rows: number) => void;
  /** the migrations this ParkLink knows (tests pass a shorter list to play an older version) */
  migrations?: Migration[];
}

export interface RestoreSummary {
  schemaVersion: number;
  tables: number;
  rows: number;
  /** migrations applied after the backup's version */
  upgraded: string[];
}

/**
 * Lines of a gzip'd file, streamed; a truncated or corrupt file throws from the iteration. Only each
 * new chunk is searched for a line end, so a line holding a large file stays linear to read.
 */
async function* lines(file: string): AsyncGenerator<string> {
  const src = createReadStream(file);
  const gunzip = createGunzip();
  src.on('error', (e) => gunzip.destroy(e));
  src.pipe(gunzip);
  const dec = new StringDecoder('utf8');
  let pieces: string[] = [];
  try {
    for await (const chunk of gunzip) {
      const text = dec.write(chunk as Buffer);
      let start = 0;
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
        pieces.push(text.slice(start, i));
        yield pieces.join('');
        pieces = [];
        start = i + 1;
      }
      if (start < text.length) pieces.push(text.slice(start));
    }
  } finally {
    src.destroy();
  }
  const last = pieces.join('') + dec.end();
  if (last) yield last;
}

const corrupt = (where: string) =>
  new BackupError(`备份文件已损坏或不完整（${where}）`, `The backup file is damaged or incomplete (${where})`);

export async function restoreDatabase(db: Db, file: string, opts: RestoreOptions = {}): Promise<RestoreSummary> {
  assertModulesRegistered();
  const known = opts.migrations ?? listMigrations();
  const input = lines(file);
  try {
    const first = await input.next().catch((e: unknown) => {
      throw corrupt(e instanceof Error ? e.message : String(e));
    });
    if (first.done) throw corrupt('empty file');
    const header = parseHeader(first.value, known);
    return await db.tx(async (t) => {
      await refuseInUse(t, opts.replace ?? false);
      await dropEverything(t);
      await migrate(
        t,
        known.filter((m) => m.version <= header.schema.version),
      );
      await canonicalSettings(t);
      const { load: tables, skip } = await matchTables(t, header);
      const fks = await t.query<{ tbl: string; name: string; def: string }>(
        `select cl.relname::text as tbl, co.conname::text as name, pg_get_constraintdef(co.oid) as def
           from pg_constraint co join pg_class cl on cl.oid = co.conrelid
          where co.contype = 'f' and cl.relnamespace = 'public'::regnamespace`,
      );
      // references are checked once, when the keys come back: rows may then arrive in any order
      // (self-references such as a park's parent included)
      for (const fk of fks) await t.query(`alter table ${qualified(fk.tbl)} drop constraint ${ident(fk.name)}`);
      // Rows a migration itself wrote (a module's default settings) come back from the backup instead.
      if (tables.size > 0) await t.query(`truncate ${[...tables.keys()].map(qualified).join(', ')}`);
      const rows = await load(t, input, header, tables, skip, opts.onTable);
      for (const fk of fks)
        await t.query(`alter table ${qualified(fk.tbl)} add constraint ${ident(fk.name)} ${fk.def}`).catch((e) => {
          throw corrupt(`${fk.tbl}: ${e instanceof Error ? e.message : String(e)}`);
        });
      const upgraded = await migrate(t, known);
      return {
        schemaVersion: header.schema.version,
        tables: tables.size,
        rows,
        upgraded: upgraded.map((m) => `${String(m.version).padStart(4, '0')}_${m.name}`),
      };
    });
  } finally {
    await input.return(undefined);
  }
}

/** Refuses to replace a database in use unless asked: rows anywhere beyond the set-up tables. */
async function refuseInUse(db: Db, replace: boolean): Promise<void> {
  if (replace || !(await appliedMigrations(db)).length) return;
  const used: string[] = [];
  for (const t of await listTables(db)) {
    if (SETUP_TABLES.has(t.name)) continue;
    const [r] = await db.query<{ any: boolean }>(`select exists (select from ${qualified(t.name)}) as any`);
    if (r?.any) used.push(t.name);
  }
  if (used.length)
    throw new BackupError(
      `目标数据库已有数据（${used.slice(0, 5).join('、')}${used.length > 5 ? ' 等' : ''}）；加 --replace 用备份替换全部数据`,
      `The target database holds data (${used.slice(0, 5).join(', ')}${used.length > 5 ? ', …' : ''}); add --replace to replace all of it with the backup`,
    );
}

/** Drops every object of the public schema that no extension owns; the schema and extensions stay. */
async function dropEverything(db: Db): Promise<void> {
  const notExt = `not exists (select 1 from pg_depend d where d.objid = o.oid and d.deptype = 'e')`;
  const kind = `case o.relkind when 'v' then 'view' when 'm' then 'materialized view' when 'S' then 'sequence'
                               when 'f' then 'foreign table' else 'table' end`;
  // relations before sequences (an identity sequence goes with its table), then routines and types;
  // each pass reads the catalog again, after the cascades of the one before
  const passes = [
    `select format('drop %s if exists public.%I cascade', ${kind}, o.relname) as sql from pg_class o
      where o.relnamespace = 'public'::regnamespace and o.relkind in ('r', 'p', 'v', 'm', 'f') and ${notExt}`,
    `select format('drop sequence if exists public.%I cascade', o.relname) as sql from pg_class o
      where o.relnamespace = 'public'::regnamespace and o.relkind = 'S' and ${notExt}`,
    `select format('drop routine if exists %s cascade', o.oid::regprocedure) as sql from pg_proc o
      where o.pronamespace = 'public'::regnamespace and o.prokind in ('f', 'p') and ${notExt}`,
    `select format('drop type if exists public.%I cascade', o.typname) as sql from pg_type o
      where o.typnamespace = 'public'::regnamespace and o.typtype in ('e', 'd', 'r', 'm') and ${notExt}`,
  ];
  for (const pass of passes) for (const d of await db.query<{ sql: string }>(pass)) await db.query(d.sql);
}

/**
 * The tables of the recreated schema must be exactly the backup's, column for column. A table the backup
 * carries that is no longer data here (declared derived since: the restore's inserts write it again) is
 * read, checked and left out.
 */
async function matchTables(db: Db, header: Header): Promise<{ load: Map<string, Table>; skip: Map<string, Table> }> {
  const here = new Map((await listTables(db)).filter((t) => !NOT_DATA.has(t.name)).map((t) => [t.name, t]));
  const skip = new Map<string, Table>();
  const problems: string[] = [];
  for (const t of header.tables) {
    const mine = here.get(t.name);
    if (!mine && NOT_DATA.has(t.name)) {
      const columns = t.columns.map(([name, type]) => ({ name, type, identity: false, collatable: false }));
      skip.set(t.name, { name: t.name, columns, key: t.key });
    } else if (!mine) problems.push(`${t.name}: not in schema ${header.schema.version}`);
    else {
      const cols = (cs: [string, string][]) => cs.map(([n, ty]) => `${n} ${ty}`).join(', ');
      const theirs = cols(t.columns);
      const ours = cols(mine.columns.map((c) => [c.name, c.type]));
      if (theirs !== ours) problems.push(`${t.name}: columns (${theirs}) ≠ (${ours})`);
    }
  }
  for (const name of here.keys())
    if (!header.tables.some((t) => t.name === name)) problems.push(`${name}: missing from the backup`);
  if (problems.length)
    throw new BackupError(
      `备份与其表结构版本不符：${problems.join('；')}`,
      `The backup does not match its schema version: ${problems.join('; ')}`,
    );
  return { load: here, skip };
}

/** Reads the body: each table's rows in batches, checked against its end line and the manifest. */
async function load(
  db: Db,
  input: AsyncGenerator<string>,
  header: Header,
  tables: Map<string, Table>,
  skip: Map<string, Table>,
  onTable?: (name: string, rows: number) => void,
): Promise<number> {
  const seen = new Map<string, TableSummary>();
  let table: Table | null = null;
  let hash = createHash('sha256');
  let count = 0;
  let batch: (string | null)[][] = [];
  let chars = 0;
  let total = 0;
  let sequencesDone = false;
  let lineNo = 1;
  const flush = async () => {
    if (table && batch.length && !skip.has(table.name)) await insertRows(db, table, batch);
    batch = [];
    chars = 0;
  };
  try {
    for await (const line of input) {
      lineNo++;
      if (line.startsWith('[')) {
        if (!table) throw corrupt(`line ${lineNo}: a row outside a table`);
        const values = JSON.parse(line) as unknown;
        if (
          !Array.isArray(values) ||
          values.length !== table.columns.length ||
          !values.every((v) => v === null || typeof v === 'string')
        )
          throw corrupt(`line ${lineNo}: not a row of ${table.name}`);
        hash.update(line).update('\n');
        count++;
        batch.push(values as (string | null)[]);
        chars += line.length;
        if (batch.length * table.columns.length >= MAX_PARAMS || chars >= MAX_BATCH_CHARS) await flush();
        continue;
      }
      const ctl = JSON.parse(line) as Record<string, unknown>;
      if (typeof ctl.table === 'string') {
        const next = tables.get(ctl.table) ?? skip.get(ctl.table);
        if (table || !next || seen.has(ctl.table)) throw corrupt(`line ${lineNo}: unexpected table ${ctl.table}`);
        table = next;
        hash = createHash('sha256');
        count = 0;
      } else if (typeof ctl.end === 'string') {
        if (!table || ctl.end !== table.name) throw corrupt(`line ${lineNo}: unexpected end of ${ctl.end}`);
        await flush();
        const sha256 = hash.digest('hex');
        if (ctl.rows !== count || ctl.sha256 !== sha256) throw corrupt(`${table.name}: rows or checksum differ`);
        seen.set(table.name, { rows: count, sha256 });
        if (!skip.has(table.name)) {
          total += count;
          onTable?.(table.name, count);
        }
        table = null;
      } else if (Array.isArray(ctl.sequences)) {
        if (table) throw corrupt(`line ${lineNo}: sequences inside ${table.name}`);
        for (const s of ctl.sequences as [string, string, boolean][])
          await db.query(`select setval(format('public.%I', $1::text)::regclass, $2::text::bigint, $3::boolean)`, s);
        sequencesDone = true;
      } else if (ctl.done === true) {
        const manifest = (ctl.tables ?? {}) as Record<string, TableSummary>;
        for (const t of header.tables) {
          const s = seen.get(t.name);
          const m = manifest[t.name];
          if (!s || !m || s.rows !== m.rows || s.sha256 !== m.sha256)
            throw corrupt(`${t.name}: not as in the manifest`);
        }
        if (!sequencesDone) throw corrupt('no sequences');
        return total;
      } else throw corrupt(`line ${lineNo}: unknown line`);
    }
  } catch (err) {
    if (err instanceof BackupError) throw err;
    if (err instanceof SyntaxError) throw corrupt(`line ${lineNo}: ${err.message}`);
    // gzip errors (a cut or altered file) surface here; database errors name the table being loaded
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('Z_')) throw corrupt((err as Error).message);
    throw err;
  }
  throw corrupt('the file ends before its manifest');
}

const sqlCache = new Map<string, string>();

/** One multi-row insert with every value given as text and read by the column's own input function. */
async function insertRows(db: Db, table: Table, rows: (string | null)[][]): Promise<void> {
  const width = table.columns.length;
  const key = `${table.name}:${rows.length}:${table.columns.map((c) => c.type).join()}`;
  let sql = sqlCache.get(key);
  if (!sql) {
    const tuples = rows.map((_, r) => `(${table.columns.map((c, i) => loadExpr(c, r * width + i + 1)).join(', ')})`);
    const overriding = table.columns.some((c) => c.identity) ? ' overriding system value' : '';
    sql = `insert into ${qualified(table.name)} (${table.columns.map((c) => ident(c.name)).join(', ')})${overriding} values ${tuples.join(', ')}`;
    if (sqlCache.size > 200) sqlCache.clear();
    sqlCache.set(key, sql);
  }
  await db.query(sql, rows.flat()).catch((e: unknown) => {
    throw new BackupError(
      `无法载入表 ${table.name}：${e instanceof Error ? e.message : String(e)}`,
      `Could not load table ${table.name}: ${e instanceof Error ? e.message : String(e)}`,
    );
  });
}
