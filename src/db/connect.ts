/**
 * One database interface over two engines of the same dialect: PGlite (PostgreSQL in WASM, embedded,
 * the default) and a PostgreSQL server (when DATABASE_URL is set). Type parsing is made identical on
 * both: numeric and int8 become numbers, dates stay 'YYYY-MM-DD' strings.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';

export type Row = Record<string, unknown>;
export interface Db {
  readonly kind: 'pglite' | 'postgres';
  /** The underlying engine, for the job queue (platform/jobs), which talks to it directly. */
  readonly native?: { pglite: PGlite } | { url: string };
  query<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs fn in one transaction; nested calls join the outer one. */
  tx<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const OID = { int8: 20, numeric: 1700, date: 1082 } as const;
const toNumber = (v: string) => Number(v);
const keepString = (v: string) => v;

export interface ConnectOptions {
  /** postgres:// URL; when absent PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite data folder, or 'memory://' for a throw-away database. */
  dataDir?: string | undefined;
  /** PGlite only: start from this data-folder archive (`dumpDataDir`), e.g. a test's seeded template. */
  loadDataDir?: Blob | undefined;
}

export async function connect(opts: ConnectOptions): Promise<Db> {
  if (opts.databaseUrl) return connectPostgres(opts.databaseUrl);
  return connectPglite(opts.dataDir ?? 'memory://', opts.loadDataDir);
}

async function connectPglite(dataDir: string, loadDataDir?: Blob): Promise<Db> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const lite = await PGlite.create({
    dataDir,
    ...(loadDataDir ? { loadDataDir } : {}),
    extensions: { pg_trgm },
    parsers: { [OID.int8]: toNumber, [OID.numeric]: toNumber, [OID.date]: keepString },
  });
  type Q = Pick<PGlite, 'query' | 'exec'>;
  const wrap = (q: Q, inTx: boolean): Db => ({
    kind: 'pglite',
    native: { pglite: lite },
    async query<T extends Row>(sql: string, params: unknown[] = []) {
      const res = await q.query<T>(sql, params);
      return res.rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
    async tx<T>(fn: (db: Db) => Promise<T>) {
      if (inTx) return fn(wrap(q, true));
      return lite.transaction((t) => fn(wrap(t as unknown as Q, true)));
    },
    async close() {
      if (!inTx) await lite.close();
    },
  });
  return wrap(lite, false);
}

async function connectPostgres(url: string): Promise<Db> {
  const types = {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      if (oid === OID.int8 || oid === OID.numeric) return toNumber;
      if (oid === OID.date) return keepString;
      return pg.types.getTypeParser(oid, format);
    },
  } as pg.CustomTypesConfig;
  // Every request takes several short turns on the pool (auth, then its queries); with too few
  // connections they queue behind each other under load (docs/benchmarks.md, bench:load).
  const max = Number(process.env.PARKLINK_PG_POOL_MAX) || 10;
  const pool = new pg.Pool({ connectionString: url, types, max });
  // An idle client can be cut off by the server (restart, dropped database); the pool replaces it.
  pool.on('error', () => {});
  await pool.query('select 1');
  type C = Pick<pg.PoolClient, 'query'>;
  const wrap = (c: C | pg.Pool, client: pg.PoolClient | null): Db => ({
    kind: 'postgres',
    native: { url },
    async query<T extends Row>(sql: string, params: unknown[] = []) {
      const res = await c.query<T>(sql, params);
      return res.rows;
    },
    async exec(sql: string) {
      await c.query(sql);
    },
    async tx<T>(fn: (db: Db) => Promise<T>) {
      if (client) return fn(wrap(client, client));
      const conn = await pool.connect();
      try {
        await conn.query('begin');
        const out = await fn(wrap(conn, conn));
        await conn.query('commit');
        return out;
      } catch (err) {
        await conn.query('rollback').catch(() => {});
        throw err;
      } finally {
        conn.release();
      }
    },
    async close() {
      if (!client) await pool.end();
    },
  });
  return wrap(pool, null);
}
