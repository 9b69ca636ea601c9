/** The `parklink` command: serve, db migrate, seed demo. */
import { Command } from 'commander';
import { loadConfig } from '../config.js';
import { connect, type Db } from '../db/connect.js';
import { migrate } from '../db/migrate.js';
import { seedReference } from '../db/reference.js';
import { clearRegistry, isSeeded, SeedError, seedDemo } from '../db/seed-demo.js';
import { ensureWebBuild, WEB_DIR } from './web-build.js';

const program = new Command();
program.name('parklink').description('ParkLink 园链通 — industrial-park economy platform').version('0.1.0');

interface DbFlags {
  databaseUrl?: string;
  dataDir?: string;
}
const dbOptions = (cmd: Command) =>
  cmd
    .option('--database-url <url>', 'PostgreSQL URL (default: $DATABASE_URL; embedded PGlite when unset)')
    .option('--data-dir <dir>', 'PGlite data folder, or memory:// (default: $PARKLINK_DATA_DIR or ./var/data)');

async function open(flags: DbFlags): Promise<Db> {
  const cfg = loadConfig();
  const databaseUrl = flags.databaseUrl ?? cfg.databaseUrl;
  const db = await connect({ databaseUrl, dataDir: flags.dataDir ?? cfg.dataDir });
  const applied = await migrate(db);
  if (applied.length) console.log(`Applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}`);
  await seedReference(db);
  return db;
}

dbOptions(
  program
    .command('serve')
    .description('Migrate, load the demo data on first start, and serve the API and web UI')
    .option('-p, --port <port>', 'port (default: $PORT or 3000)')
    .option('--host <host>', 'interface to listen on (default: $HOST or 0.0.0.0)')
    .option('--no-seed', 'do not load the demo dataset into an empty database')
    .option('--build-if-missing', 'build the web UI first when dist/web is missing or older than its sources'),
).action(async (flags: DbFlags & { port?: string; host?: string; seed: boolean; buildIfMissing?: boolean }) => {
  const cfg = loadConfig();
  if (flags.buildIfMissing) await ensureWebBuild();
  const db = await open(flags);
  if (flags.seed && !(await isSeeded(db))) {
    const n = await seedDemo(db);
    console.log(`Loaded the demo dataset: ${n.parks} parks, ${n.buildings} buildings, ${n.enterprises} enterprises.`);
  }
  const { buildApp } = await import('../server/app.js');
  const app = await buildApp({ db, webDir: WEB_DIR });
  const port = Number(flags.port ?? cfg.port);
  await app.listen({ port, host: flags.host ?? cfg.host });
  const where = db.kind === 'postgres' ? 'PostgreSQL' : `PGlite at ${flags.dataDir ?? cfg.dataDir}`;
  console.log(
    `ParkLink 园链通 is running at http://localhost:${port}  (API docs: http://localhost:${port}/api/docs; data: ${where})`,
  );
  const stop = async () => {
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
});

const dbCmd = program.command('db').description('Database tasks');
dbOptions(dbCmd.command('migrate').description('Apply pending migrations and load reference data')).action(
  async (flags: DbFlags) => {
    const db = await open(flags);
    console.log('Database is up to date.');
    await db.close();
  },
);

const seedCmd = program.command('seed').description('Load datasets');
dbOptions(
  seedCmd
    .command('demo')
    .description('Load the demo dataset (Wuhan, from the seed articles; synthetic fill is flagged)')
    .option('--reset', 'empty the registry tables first'),
).action(async (flags: DbFlags & { reset?: boolean }) => {
  const db = await open(flags);
  try {
    if (flags.reset) await clearRegistry(db);
    else if (await isSeeded(db)) {
      console.log('The database already holds registry data; use --reset to replace it with the demo dataset.');
      return;
    }
    const n = await seedDemo(db);
    console.log(
      `Loaded: ${Object.entries(n)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')}`,
    );
  } catch (err) {
    if (err instanceof SeedError) {
      console.error(err.message);
      process.exitCode = 1;
    } else throw err;
  } finally {
    await db.close();
  }
});

program.parseAsync().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
