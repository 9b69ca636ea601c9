/**
 * Databases the integration tests run against: PGlite in memory always, and a real PostgreSQL
 * server when PARKLINK_TEST_PG_URL is set (scripts/test.mjs sets it when 127.0.0.1:5432 answers).
 * Each test file gets a fresh database, dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connect, type Db } from '../../src/db/connect.js';
import { migrate } from '../../src/db/migrate.js';
import { seedReference } from '../../src/server/platform/seed.js';

export interface TestDb {
  db: Db;
  drop(): Promise<void>;
}

export interface Engine {
  name: 'pglite' | 'postgres';
  create(): Promise<TestDb>;
}

const pgUrl = process.env.PARKLINK_TEST_PG_URL;

async function ready(db: Db): Promise<Db> {
  await migrate(db);
  await seedReference(db);
  return db;
}

const pglite: Engine = {
  name: 'pglite',
  async create() {
    const db = await ready(await connect({ dataDir: 'memory://' }));
    return { db, drop: () => db.close() };
  },
};

const postgres: Engine = {
  name: 'postgres',
  async create() {
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    const name = `parklink_test_${randomBytes(6).toString('hex')}`;
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(pgUrl as string);
    url.pathname = `/${name}`;
    const db = await ready(await connect({ databaseUrl: url.toString() }));
    return {
      db,
      async drop() {
        await db.close();
        const a = new pg.Client({ connectionString: pgUrl });
        await a.connect();
        await a.query(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    };
  },
};

/** The engines to run each integration suite on; the names appear in test titles ("[postgres] …"). */
export const ENGINES: Engine[] = pgUrl ? [pglite, postgres] : [pglite];
