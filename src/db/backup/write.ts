/**
 * `parklink backup FILE`: the whole database as gzip'd JSON lines, read in one repeatable-read
 * snapshot and streamed table by table in key order (a page of rows in memory at a time).
 *
 *   {"format":"parklink-backup","formatVersion":1,"schema":{…},"migrations":[…],"tables":[…],…}   header
 *   {"table":"parks"}                                                   a table starts
 *   ["1","WHBC-01",…,null,…]                                            one row: text forms, bytea base64
 *   {"end":"parks","rows":42,"sha256":"…"}                              rows and the checksum of its row lines
 *   {"sequences":[["parks_id_seq","42",true],…]}
 *   {"done":true,"tables":{"parks":{"rows":42,"sha256":"…"},…}}         manifest; absent = truncated file
 *
 * The file is written beside its name and renamed when complete, so a failed backup never leaves a
 * partial file under the name asked for.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { createGzip } from 'node:zlib';
import type { Db } from '../connect.js';
import {
  appliedMigrations,
  assertModulesRegistered,
  canonicalSettings,
  dumpExpr,
  FORMAT,
  FORMAT_VERSION,
  ident,
  listTables,
  NOT_DATA,
  qualified,
  readSequences,
  sortExpr,
  type Table,
} from './catalog.js';
import { BackupError } from './errors.js';

/** Rows fetched per query: a page stays small even when rows hold files. */
const PAGE = 500;

export interface TableSummary {
  rows: number;
  sha256: string;
}

export interface BackupSummary {
  schemaVersion: number;
  tables: Record<string, TableSummary>;
  rows: number;
  bytes: number;
}

/** Writes the backup of db to file; returns what it holds. */
export async function backupDatabase(
  db: Db,
  file: string,
  onTable?: (name: string, rows: number) => void,
): Promise<BackupSummary> {
  assertModulesRegistered();
  const partial = `${file}.partial`;
  const gzip = createGzip();
  const out = createWriteStream(partial);
  gzip.pipe(out);
  const done = once(out, 'close');
  const writeLine = async (line: string) => {
    if (!gzip.write(`${line}\n`)) await once(gzip, 'drain');
  };
  const write = (value: unknown) => writeLine(JSON.stringify(value));
  try {
    const summary = await db.tx(async (t) => {
      // one snapshot for every table: a backup taken while the server writes is still consistent
      await t.query('set transaction isolation level repeatable read, read only');
      await canonicalSettings(t);
      const migrations = await appliedMigrations(t);
      const last = migrations.at(-1);
      if (!last)
        throw new BackupError(
          '数据库中没有 ParkLink 的表结构，无可备份',
          'The database holds no ParkLink schema: nothing to back up',
        );
      const tables = (await listTables(t)).filter((x) => !NOT_DATA.has(x.name));
      await write({
        format: FORMAT,
        formatVersion: FORMAT_VERSION,
        createdAt: new Date().toISOString(),
        engine: t.kind,
        schema: { version: last[0], name: last[1] },
        migrations,
        excluded: [...NOT_DATA.keys()],
        tables: tables.map((x) => ({ name: x.name, key: x.key, columns: x.columns.map((c) => [c.name, c.type]) })),
      });
      const manifest: Record<string, TableSummary> = {};
      let rows = 0;
      for (const table of tables) {
        await write({ table: table.name });
        const s = await dumpTable(t, table, writeLine);
        await write({ end: table.name, ...s });
        manifest[table.name] = s;
        rows += s.rows;
        onTable?.(table.name, s.rows);
      }
      await write({ sequences: await readSequences(t) });
      await write({ done: true, tables: manifest });
      return { schemaVersion: last[0], tables: manifest, rows };
    });
    gzip.end();
    await done;
    await rename(partial, file);
    return { ...summary, bytes: (await stat(file)).size };
  } catch (err) {
    gzip.destroy();
    out.destroy();
    await rm(partial, { force: true });
    throw err;
  }
}

/** Streams one table's rows in key order (keyset pages), hashing each row line as written. */
async function dumpTable(db: Db, table: Table, writeLine: (line: string) => Promise<void>): Promise<TableSummary> {
  const hash = createHash('sha256');
  const select = table.columns.map((c) => `${dumpExpr(c)} as ${ident(`c${table.columns.indexOf(c)}`)}`).join(', ');
  const keyCols = table.key.map((k) => {
    const c = table.columns.find((x) => x.name === k);
    if (!c) throw new Error(`key column ${k} of ${table.name} not found`);
    return c;
  });
  const keyAt = keyCols.map((c) => table.columns.indexOf(c));
  const pageable = keyCols.length > 0 && keyCols.every((c) => c.type !== 'bytea');
  const order = pageable
    ? keyCols.map((c) => sortExpr(c)).join(', ')
    : // a table without a key is listed by its whole row text: deterministic, one page per offset
      `(${qualified(table.name)}.*)::text collate "C"`;
  let rows = 0;
  let after: (string | null)[] | null = null;
  for (;;) {
    let sql = `select ${select} from ${qualified(table.name)}`;
    const params: unknown[] = [];
    if (pageable && after) {
      const cur = after;
      params.push(...cur);
      sql += ` where (${keyCols.map((c) => sortExpr(c)).join(', ')}) > (${keyCols
        .map((c, i) => `$${i + 1}::text::${c.type}${c.collatable ? ' collate "C"' : ''}`)
        .join(', ')})`;
    }
    sql += ` order by ${order} limit ${PAGE}${pageable ? '' : ` offset ${rows}`}`;
    const page = await db.query<Record<string, string | null>>(sql, params);
    for (const r of page) {
      const values = table.columns.map((_, i) => r[`c${i}`] ?? null);
      const line = JSON.stringify(values);
      hash.update(line).update('\n');
      await writeLine(line);
      after = keyAt.map((i) => values[i] ?? null);
    }
    rows += page.length;
    if (page.length < PAGE) break;
  }
  return { rows, sha256: hash.digest('hex') };
}
