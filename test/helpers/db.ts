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
import { pgliteDemoArchive, postgresDemoTemplate } from './demo-template.js';

export interface TestDb {
  db: Db;
  drop(): Promise<void>;
  /**
   * Replaces `db` with a fresh copy of the seeded demo city (see demo-template.ts): what `demoApp` uses
   * instead of seeding the demo again in every suite. Call it before holding on to `db`.
   */
  becomeDemo(): Promise<void>;
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
    const t: TestDb = {
      db: await ready(await connect({ dataDir: 'memory://' })),
      drop: () => t.db.close(),
      async becomeDemo() {
        const loadDataDir = await pgliteDemoArchive();
        await t.db.close();
        t.db = await connect({ dataDir: 'memory://', loadDataDir });
      },
    };
    return t;
  },
};

const postgres: Engine = {
  name: 'postgres',
  async create() {
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    let name = `parklink_test_${randomBytes(6).toString('hex')}`;
    await admin.query(`create database ${name}`);
    await admin.end();
    const urlOf = (db: string) => {
      const url = new URL(pgUrl as string);
      url.pathname = `/${db}`;
      return url.toString();
    };
    const dropDatabase = async (db: string) => {
      const a = new pg.Client({ connectionString: pgUrl });
      await a.connect();
      await a.query(`drop database if exists ${db} with (force)`);
      await a.end();
    };
    const t: TestDb = {
      db: await ready(await connect({ databaseUrl: urlOf(name) })),
      async drop() {
        await t.db.close();
        await dropDatabase(name);
      },
      async becomeDemo() {
        const template = await postgresDemoTemplate(pgUrl as string);
        await t.db.close();
        await dropDatabase(name);
        name = `parklink_test_${randomBytes(6).toString('hex')}`;
        const a = new pg.Client({ connectionString: pgUrl });
        await a.connect();
        await a.query(`create database ${name} template ${template}`);
        await a.end();
        t.db = await connect({ databaseUrl: urlOf(name) });
      },
    };
    return t;
  },
};

/** The engines to run each integration suite on; the names appear in test titles ("[postgres] …"). */
export const ENGINES: Engine[] = pgUrl ? [pglite, postgres] : [pglite];
