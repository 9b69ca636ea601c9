/**
 * The seeded demo city as a template, so that integration suites do not each spend a minute seeding it.
 *
 * The first suite of a run that needs the demo seeds it once per engine; every later suite gets a copy:
 * - PostgreSQL: a template database `parklink_demo_<key>`; a copy is `create database … template …`.
 * - PGlite: a gzip'd data-folder archive in the system's temp folder; a copy is a PGlite loaded from it.
 *
 * The key hashes everything seeding reads (the sources outside tests, the data files, the lock file) and
 * today's date (seeds place some dates relative to today), so a change to any of them seeds anew. Creation
 * is race-safe: a copy is built under a private name and renamed into place, and a loser drops its own.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { connect, type Db } from '../../src/db/connect.js';
import { migrate } from '../../src/db/migrate.js';
import { seedDemo, seedReference } from '../../src/server/platform/seed.js';

const ROOT = join(import.meta.dirname, '..', '..');

function files(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files(path, out);
    else if (!/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

let cachedKey: string | undefined;
/** What the seeded demo depends on: 16 hex digits. */
export function demoKey(): string {
  if (cachedKey) return cachedKey;
  const h = createHash('sha256');
  h.update(new Date().toISOString().slice(0, 10));
  for (const f of [
    ...files(join(ROOT, 'src'), []),
    ...files(join(ROOT, 'data'), []),
    join(ROOT, 'package-lock.json'),
  ]) {
    h.update(f.slice(ROOT.length));
    h.update(readFileSync(f));
  }
  cachedKey = h.digest('hex').slice(0, 16);
  return cachedKey;
}

async function seeded(db: Db): Promise<void> {
  await migrate(db);
  await seedReference(db);
  await seedDemo(db);
}

/** A PGlite data-folder archive of the seeded demo, made once per key. */
export async function pgliteDemoArchive(): Promise<Blob> {
  const path = join(tmpdir(), `parklink-demo-${demoKey()}.tar.gz`);
  if (!existsSync(path)) {
    const db = await connect({ dataDir: 'memory://' });
    try {
      await seeded(db);
      const native = db.native as { pglite: { dumpDataDir(c: 'gzip'): Promise<Blob> } };
      const blob = await native.pglite.dumpDataDir('gzip');
      const part = `${path}.${randomBytes(4).toString('hex')}.part`;
      writeFileSync(part, Buffer.from(await blob.arrayBuffer()));
      renameSync(part, path);
    } finally {
      await db.close();
    }
  }
  return new Blob([readFileSync(path)]);
}

async function withAdmin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** The name of the PostgreSQL template database holding the seeded demo, made once per key. */
export async function postgresDemoTemplate(serverUrl: string): Promise<string> {
  const name = `parklink_demo_${demoKey()}`;
  const exists = async () =>
    withAdmin(
      serverUrl,
      async (c) => (await c.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1,
    );
  if (await exists()) return name;
  const building = `${name}_b${randomBytes(4).toString('hex')}`;
  await withAdmin(serverUrl, (c) => c.query(`create database ${building}`));
  const url = new URL(serverUrl);
  url.pathname = `/${building}`;
  const db = await connect({ databaseUrl: url.toString() });
  try {
    await seeded(db);
  } finally {
    await db.close();
  }
  await withAdmin(serverUrl, async (c) => {
    try {
      await c.query(`alter database ${building} rename to ${name}`);
    } catch (e) {
      // Another run finished first (duplicate_database): keep its template, drop ours.
      if ((e as { code?: string }).code !== '42P04') throw e;
      await c.query(`drop database if exists ${building} with (force)`);
    }
  });
  return name;
}
