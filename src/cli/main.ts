/** The `parklink` command: serve, db migrate, seed demo, import, export, backup, restore. */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import { Command } from 'commander';
import { loadConfig } from '../config.js';
import { BackupError, backupDatabase, restoreDatabase } from '../db/backup/index.js';
import { connect, type Db } from '../db/connect.js';
import { migrate } from '../db/migrate.js';
import { IMPORT_KINDS, type ImportKind } from '../domain/import/kinds.js';
import { FileFormatError } from '../server/lib/spreadsheet.js';
import { ensureAdmin } from '../server/modules/auth/accounts.js';
import { exportRows } from '../server/modules/import/export.js';
import { type ImportReport, runImport } from '../server/modules/import/run.js';
import { dataCsv, dataXlsx, rejectedXlsx, type TierName } from '../server/modules/import/workbook.js';
import { MODULES } from '../server/modules/index.js';
import { backfillSearchKeys } from '../server/modules/search/backfill.js';
import { clearDemo, isSeeded, SeedError, seedDemo, seedReference } from '../server/platform/seed.js';
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
  const admin = await ensureAdmin(db);
  if (admin) {
    console.log(
      admin.generated
        ? `Created the city administrator: sign in as "${admin.username}" with password ${admin.password} (shown once; change it after signing in).`
        : `Created the city administrator "${admin.username}" with the password from PARKLINK_ADMIN_PASSWORD.`,
    );
  }
  const keyed = await backfillSearchKeys(db);
  if (keyed) console.log(`Computed search keys for ${keyed} row(s).`);
  return db;
}

dbOptions(
  program
    .command('serve')
    .description('Migrate, load the demo data on first start, and serve the API and web UI')
    .option('-p, --port <port>', 'port (default: $PORT or 3000)')
    .option('--host <host>', 'interface to listen on (default: $HOST or 0.0.0.0)')
    .option('--no-seed', 'do not load the demo dataset into an empty database')
    .option('--no-worker', 'do not run background jobs in this process (leave them to `parklink worker`)')
    .option('--build-if-missing', 'build the web UI first when dist/web is missing or older than its sources'),
).action(
  async (
    flags: DbFlags & { port?: string; host?: string; seed: boolean; worker: boolean; buildIfMissing?: boolean },
  ) => {
    const cfg = loadConfig();
    if (flags.buildIfMissing) await ensureWebBuild();
    const db = await open(flags);
    if (flags.seed && !(await isSeeded(db))) {
      const n = await seedDemo(db);
      console.log(`Loaded the demo dataset: ${n.parks} parks, ${n.buildings} buildings, ${n.enterprises} enterprises.`);
    }
    const { buildApp } = await import('../server/app.js');
    // Sign-in is required; PARKLINK_REQUIRE_SIGN_IN=0 lets requests without credentials act as the system.
    const requireSignIn = process.env.PARKLINK_REQUIRE_SIGN_IN !== '0';
    if (!flags.worker && db.kind === 'pglite')
      console.warn('PGlite is one process: --no-worker leaves jobs unrun unless this process works them.');
    const app = await buildApp({ db, webDir: WEB_DIR, requireSignIn, worker: flags.worker });
    const port = Number(flags.port ?? cfg.port);
    await app.listen({ port, host: flags.host ?? cfg.host });
    const where = db.kind === 'postgres' ? 'PostgreSQL' : `PGlite at ${flags.dataDir ?? cfg.dataDir}`;
    console.log(
      `ParkLink 园链通 is running at http://localhost:${port}  (API docs: http://localhost:${port}/api/docs; data: ${where})`,
    );
    // Post-listen work of each module (e.g. the chain index), so no request waits for it at start.
    for (const m of MODULES) {
      m.onListen?.(db).catch((e: unknown) =>
        console.warn(`${m.name}: start-up work failed (it will run on first use): ${String(e)}`),
      );
    }
    const stop = async () => {
      await app.close();
      await db.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  },
);

dbOptions(
  program
    .command('worker')
    .description(
      'Run background jobs (imports, scheduler runs …) from the queue on PostgreSQL; start as many as you like',
    )
    .option('-c, --concurrency <n>', 'jobs run at once by this process', '2'),
).action(async (flags: DbFlags & { concurrency: string }) => {
  const db = await open(flags);
  if (db.kind === 'pglite') {
    // PGlite is embedded: only the process that opened it can reach it, and `serve` works its jobs itself.
    console.error('A worker needs PostgreSQL (--database-url or DATABASE_URL); with PGlite `serve` runs the jobs.');
    await db.close();
    process.exitCode = 2;
    return;
  }
  const { closeJobs, openJobs } = await import('../server/platform/jobs/index.js');
  const concurrency = Math.max(1, Math.min(16, Number(flags.concurrency) || 2));
  await openJobs(db, { work: true, concurrency });
  console.log(`ParkLink worker ${process.pid} is running jobs (${concurrency} at once).`);
  const stop = async () => {
    await closeJobs(db);
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
    if (flags.reset) await clearDemo(db);
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

dbOptions(
  program
    .command('import')
    .argument('<file>', '.xlsx or .csv (UTF-8 or GB18030)')
    .description('Import parks, buildings, floors, units, enterprises, occupancy, metrics or supplier links')
    .option(
      '-k, --kind <kind>',
      `what a single-sheet file holds: ${IMPORT_KINDS.join(', ')} (a workbook's sheet names also say it)`,
    )
    .option(
      '--valid-only',
      'write the valid rows and save the rejected ones next to the file (default: all or nothing)',
    )
    .option('--dry-run', 'check only; write nothing'),
).action(async (file: string, flags: DbFlags & { kind?: string; validOnly?: boolean; dryRun?: boolean }) => {
  if (flags.kind && !(IMPORT_KINDS as readonly string[]).includes(flags.kind)) {
    console.error(`Unknown kind "${flags.kind}" / 未知类型; use one of: ${IMPORT_KINDS.join(', ')}`);
    process.exitCode = 2;
    return;
  }
  const db = await open(flags);
  const bar = new SingleBar(
    { format: ' {phase} {sheet} [{bar}] {value}/{total} rows', hideCursor: true },
    Presets.shades_classic,
  );
  let started = false;
  try {
    const { report, rejected } = await runImport(db, new Uint8Array(readFileSync(file)), {
      fileName: basename(file),
      kind: flags.kind as ImportKind | undefined,
      mode: flags.validOnly ? 'valid' : 'all',
      dryRun: flags.dryRun ?? false,
      via: 'cli',
      onProgress: (p) => {
        if (!started) bar.start(p.total, 0, { sheet: p.sheet, phase: p.phase });
        started = true;
        bar.setTotal(p.total);
        bar.update(p.done, { sheet: p.sheet, phase: p.phase === 'check' ? '检查 check' : '写入 write' });
      },
    });
    bar.stop();
    printReport(report);
    if (rejected.length && flags.validOnly) {
      const out = join(dirname(file), `${basename(file).replace(/\.[^.]+$/, '')}.rejected.xlsx`);
      writeFileSync(out, await rejectedXlsx(rejected));
      console.log(`Rejected rows with reasons / 被拒绝的行及原因: ${out}`);
    }
    if (!report.committed && !flags.dryRun) process.exitCode = 1;
  } catch (err) {
    bar.stop();
    if (err instanceof FileFormatError) {
      console.error(`${err.zh} / ${err.en}`);
      process.exitCode = 1;
    } else throw err;
  } finally {
    await db.close();
  }
});

function printReport(report: ImportReport): void {
  for (const p of report.problems.slice(0, 200)) {
    const where = p.row ? `${p.sheet} ${p.column}${p.row}${p.header ? ` ${p.header}` : ''}` : p.sheet;
    console.log(
      `${p.severity === 'error' ? '✗' : '!'} ${where}${p.value ? ` "${p.value}"` : ''}: ${p.message.zh} / ${p.message.en}`,
    );
  }
  if (report.problems.length > 200)
    console.log(`… ${report.problems.length - 200} more / 另有 ${report.problems.length - 200} 条`);
  const t = report.totals;
  const verb = report.committed ? '' : 'would be ';
  console.log(
    `${t.rows} rows: ${t.created} ${verb}created, ${t.updated} ${verb}updated, ${t.unchanged} unchanged, ${t.rejected} rejected; ${t.errors} errors, ${t.warnings} warnings.`,
  );
  console.log(
    report.committed
      ? '已写入 / Written.'
      : report.dryRun
        ? '仅检查，未写入 / Dry run: nothing written.'
        : '有错误，未写入任何数据 / Errors found: nothing was written.',
  );
}

dbOptions(
  program
    .command('export')
    .argument('<file>', 'output .xlsx (whole dataset) or .csv (with --kind)')
    .description('Export the whole registry as a workbook the importer takes back, or one kind as CSV/xlsx')
    .option('-k, --kind <kind>', `only this kind: ${IMPORT_KINDS.join(', ')}`)
    .option('--lang <lang>', 'header language: zh or en', 'zh'),
).action(async (file: string, flags: DbFlags & { kind?: ImportKind; lang: 'zh' | 'en' }) => {
  const db = await open(flags);
  try {
    const tiers = await db.query<TierName & Record<string, unknown>>(
      'select code, name_zh as "nameZh", name_en as "nameEn" from tiers',
    );
    const kinds = flags.kind ? [flags.kind] : [...IMPORT_KINDS];
    const sheets = [];
    for (const kind of kinds) sheets.push({ kind, rows: await exportRows(db, kind) });
    const csv = file.toLowerCase().endsWith('.csv');
    if (csv && sheets.length !== 1)
      throw new Error('CSV holds one kind: add --kind / CSV 只能导出一种类型，请加 --kind');
    writeFileSync(
      file,
      csv
        ? dataCsv(kinds[0] as ImportKind, sheets[0]?.rows ?? [], flags.lang, tiers)
        : await dataXlsx(sheets, flags.lang, tiers),
    );
    console.log(`Wrote ${sheets.map((s) => `${s.rows.length} ${s.kind}`).join(', ')} to ${file}`);
  } finally {
    await db.close();
  }
});

/** The database as it is: no migration, no reference data, no first administrator. */
function openRaw(flags: DbFlags): Promise<Db> {
  const cfg = loadConfig();
  return connect({ databaseUrl: flags.databaseUrl ?? cfg.databaseUrl, dataDir: flags.dataDir ?? cfg.dataDir });
}

/**
 * Runs a backup or restore, printing a refusal in zh / en with exit code 1 instead of a stack. The modules
 * are installed (importing MODULES above), so the catalog knows their derived and runtime tables.
 */
async function withRawDb(flags: DbFlags, fn: (db: Db) => Promise<void>): Promise<void> {
  const db = await openRaw(flags);
  try {
    await fn(db);
  } catch (err) {
    if (!(err instanceof BackupError)) throw err;
    console.error(err.message);
    process.exitCode = 1;
  } finally {
    await db.close();
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const secs = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

dbOptions(
  program
    .command('backup')
    .argument('<file>', 'output file, e.g. parklink-2026-12-06.jsonl.gz')
    .description('Back up the whole database (every table and document file; not sign-in sessions) to one file'),
).action((file: string, flags: DbFlags) =>
  withRawDb(flags, async (db) => {
    const t0 = performance.now();
    const s = await backupDatabase(db, file);
    const n = Object.keys(s.tables).length;
    console.log(
      `Backed up ${n} tables, ${s.rows} rows (schema ${s.schemaVersion}) to ${file}: ${mb(s.bytes)} in ${secs(t0)}`,
    );
  }),
);

dbOptions(
  program
    .command('restore')
    .argument('<file>', 'a file written by parklink backup')
    .description('Replace the whole database with a backup, in one transaction (stop the server first)')
    .option('--replace', 'replace a database that already holds data (default: only an empty one)'),
).action((file: string, flags: DbFlags & { replace?: boolean }) =>
  withRawDb(flags, async (db) => {
    const t0 = performance.now();
    const s = await restoreDatabase(db, file, { replace: flags.replace ?? false });
    console.log(`Restored ${s.tables} tables, ${s.rows} rows (schema ${s.schemaVersion}) in ${secs(t0)}.`);
    if (s.upgraded.length) console.log(`Then applied ${s.upgraded.length} migration(s): ${s.upgraded.join(', ')}`);
    console.log('Everyone signs in again: sessions are not part of a backup / 会话不在备份中，请重新登录。');
  }),
);

program.parseAsync().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
