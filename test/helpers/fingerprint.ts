/**
 * A database's content, computed independently of src/db/backup: per table the row count and an md5
 * of every row's text in C order, plus every sequence's state. Two databases with equal fingerprints
 * hold identical rows in every table.
 */
import { NOT_DATA } from '../../src/db/backup/catalog.js';
import type { Db } from '../../src/db/connect.js';
// the modules hand their not-data tables to the catalog when the module list is imported
import '../../src/server/modules/index.js';

/**
 * Tables that are not data and that a restore does not write again (sessions, change logs: the catalog's
 * NOT_DATA, the platform's and the modules' `runtimeTables`), read when called so a test module's count too.
 * Derived tables (a module's `derivedTables`, rebuilt by the restore's inserts) are compared: equal rows
 * after a round trip are what proves them rebuilt.
 */
const skipped = (name: string) => {
  const n = NOT_DATA.get(name);
  return n !== undefined && !n.rebuilt;
};

export async function fingerprint(db: Db): Promise<Record<string, string>> {
  return db.tx(async (t) => {
    await t.query("set local timezone = 'UTC'");
    await t.query("set local bytea_output = 'hex'");
    await t.query('set local extra_float_digits = 1');
    const tables = await t.query<{ name: string }>(
      `select tablename::text as name from pg_tables where schemaname = 'public' order by 1`,
    );
    const out: Record<string, string> = {};
    for (const { name } of tables) {
      if (skipped(name)) continue;
      const [r] = await t.query<{ n: number; h: string }>(
        `select count(*)::int as n, md5(coalesce(string_agg(x::text, E'\\n' order by x::text collate "C"), '')) as h
           from public."${name}" x`,
      );
      out[name] = `${r?.n} ${r?.h}`;
    }
    const seqs = await t.query<{ name: string }>(
      `select sequencename::text as name from pg_sequences where schemaname = 'public' order by 1`,
    );
    for (const { name } of seqs) {
      const [s] = await t.query<{ v: string; c: boolean }>(
        `select last_value::text as v, is_called as c from public."${name}"`,
      );
      out[`sequence ${name}`] = `${s?.v} ${s?.c}`;
    }
    return out;
  });
}
