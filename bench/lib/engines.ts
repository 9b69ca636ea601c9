/**
 * Benchmark databases: a fresh PostgreSQL database (created and dropped) or a PGlite folder in a temp
 * directory (removed), both migrated with the application's migrations and reference data, and bulk
 * loaded with COPY (pg-copy-streams for PostgreSQL, COPY FROM '/dev/blob' for PGlite) with the
 * secondary indexes dropped during the load and rebuilt afterwards.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { connect, type Db } from '../../src/db/connect.js';
import { migrate } from '../../src/db/migrate.js';
import { seedReference } from '../../src/server/platform/seed.js';
import type { Chunked } from './dataset.js';

export const TABLES = ['parks', 'buildings', 'enterprises', 'institutions'];

/** Raw access for loading: run SQL, and COPY text chunks into a table. */
interface Loader {
  exec(sql: string): Promise<void>;
  query<T>(sql: string): Promise<T[]>;
  copy(t: Chunked, onChunk: (rows: number) => void): Promise<void>;
  close(): Promise<void>;
}

export interface BenchEngine {
  name: 'postgres' | 'pglite';
  /** Database URL or folder. */
  where: string;
  /** Migrated, reference data loaded; open for queries. */
  open(): Promise<Db>;
  loader(): Promise<Loader>;
  drop(): Promise<void>;
}

export function postgresEngine(serverUrl: string): BenchEngine {
  const name = `${process.env.PARKLINK_BENCH_DB_PREFIX ?? 'parklink_bench'}_${randomBytes(4).toString('hex')}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  let created = false;
  return {
    name: 'postgres',
    where: url.toString(),
    async open() {
      if (!created) {
        await admin(`create database ${name}`);
        created = true;
        const db = await connect({ databaseUrl: url.toString() });
        await migrate(db);
        await seedReference(db);
        return db;
      }
      return connect({ databaseUrl: url.toString() });
    },
    async loader() {
      const c = new pg.Client({ connectionString: url.toString() });
      await c.connect();
      return {
        exec: async (sql) => void (await c.query(sql)),
        query: async <T>(sql: string) => (await c.query(sql)).rows as T[],
        async copy(t, onChunk) {
          const stream = c.query(copyFrom(`copy ${t.table} (${t.columns.join(', ')}) from stdin`));
          let done = 0;
          const chunks = t.chunks;
          await pipeline(
            Readable.from(
              (function* () {
                for (const ch of chunks) {
                  yield ch;
                  done += 1;
                  onChunk(done);
                }
              })(),
            ),
            stream,
          );
        },
        close: () => c.end(),
      };
    },
    async drop() {
      if (created) await admin(`drop database if exists ${name} with (force)`);
    },
  };
}

export function pgliteEngine(): BenchEngine {
  const dir = mkdtempSync(join(tmpdir(), 'parklink-bench-'));
  let created = false;
  return {
    name: 'pglite',
    where: dir,
    async open() {
      const db = await connect({ dataDir: dir });
      if (!created) {
        created = true;
        await migrate(db);
        await seedReference(db);
      }
      return db;
    },
    async loader() {
      const lite = await PGlite.create({ dataDir: dir, extensions: { pg_trgm } });
      return {
        exec: async (sql) => void (await lite.exec(sql)),
        query: async <T>(sql: string) => (await lite.query<T>(sql)).rows,
        async copy(t, onChunk) {
          let done = 0;
          for (const ch of t.chunks) {
            await lite.query(`copy ${t.table} (${t.columns.join(', ')}) from '/dev/blob'`, [], {
              blob: new Blob([ch]),
            });
            onChunk(++done);
          }
        },
        close: () => lite.close(),
      };
    },
    async drop() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface LoadTimes {
  copyMs: number;
  indexMs: number;
  analyzeMs: number;
}

/**
 * Loads the tables: drops the non-unique secondary indexes of the loaded tables, copies with
 * foreign-key and trigger checks off (the generator writes consistent ids), rebuilds the indexes
 * from their recorded definitions, and vacuums and analyzes (as autovacuum would in steady state).
 */
export async function load(engine: BenchEngine, tables: Chunked[], log: (s: string) => void): Promise<LoadTimes> {
  const l = await engine.loader();
  try {
    const list = TABLES.map((t) => `'${t}'`).join(', ');
    const indexes = await l.query<{ name: string; def: string }>(
      `select indexname as name, indexdef as def from pg_indexes
        where schemaname = 'public' and tablename in (${list}) and indexdef not like 'CREATE UNIQUE%'`,
    );
    for (const ix of indexes) await l.exec(`drop index ${ix.name}`);
    await l.exec(`insert into sources (id, title, note) values ('bench', 'Synthetic benchmark data', 'bench/registry.ts')
      on conflict (id) do nothing`);
    await l.exec('set session_replication_role = replica');
    let t0 = performance.now();
    for (const t of tables) {
      await l.copy(t, (n) => log(`  copy ${t.table}: ${n}/${t.chunks.length} chunks`));
    }
    await l.exec('set session_replication_role = origin');
    const copyMs = performance.now() - t0;
    t0 = performance.now();
    await l.exec(
      engine.name === 'postgres' ? `set maintenance_work_mem = '2GB'` : `set maintenance_work_mem = '256MB'`,
    );
    for (const ix of indexes) {
      const s = performance.now();
      await l.exec(ix.def);
      log(`  index ${ix.name}: ${((performance.now() - s) / 1000).toFixed(1)} s`);
    }
    const indexMs = performance.now() - t0;
    t0 = performance.now();
    await l.exec(`vacuum analyze ${TABLES.join(', ')}`);
    const [check] = await l.query<{ ok: boolean }>(
      `select (select max(id) = count(*) from enterprises) and (select max(id) = count(*) from parks) as ok`,
    );
    if (!check?.ok) throw new Error('ids are not 1…N: load into a fresh database');
    return { copyMs, indexMs, analyzeMs: performance.now() - t0 };
  } finally {
    await l.close();
  }
}
