/**
 * Import work as jobs: 'import.check' reads and checks an uploaded file (a dry run, nothing written)
 * and 'import.commit' writes it, all-or-nothing or valid rows only. Both run runImport on the stored
 * file and save its report on the imports row; progress is rows checked / written per sheet, and a
 * cancel rolls the import's one transaction back.
 */

import { fieldProblem } from '../../../contracts/errors.js';
import type { Db } from '../../../db/connect.js';
import type { ImportKind } from '../../../domain/import/kinds.js';
import { AppError, invalid, notFound } from '../../lib/errors.js';
import { FileFormatError } from '../../lib/spreadsheet.js';
import { type AuditCtx, writeAudit } from '../../platform/audit.js';
import { defineJob, type JobRun, throwIfCancelled } from '../../platform/jobs/index.js';
import { type ImportMode, type ImportOptions, type ImportReport, runImport } from './run.js';

export type ImportStatus = 'validated' | 'rejected' | 'committed';
export interface ImportResult {
  id: number;
  status: ImportStatus;
  report: ImportReport;
}

/** Runs the importer on a stored upload (dry run: the report only). */
export async function runStored(
  db: Db,
  id: number,
  opts: {
    dryRun: boolean;
    mode?: ImportMode | undefined;
    audit?: AuditCtx | undefined;
    onCommit?: ImportOptions['onCommit'];
  },
  job?: JobRun,
) {
  const [row] = await db.query<{ file: Uint8Array; file_name: string; kind: ImportKind | null; mode: ImportMode }>(
    'select file, file_name, kind, mode from imports where id = $1',
    [id],
  );
  if (!row) throw notFound();
  return runImport(db, new Uint8Array(row.file), {
    fileName: row.file_name,
    kind: row.kind ?? undefined,
    mode: opts.mode ?? row.mode,
    dryRun: opts.dryRun,
    via: `import:${id}`,
    actor: opts.audit?.actor,
    ip: opts.audit?.ip,
    onCommit: opts.onCommit,
    // Throwing here inside the import's transaction rolls it back: a cancelled commit writes nothing.
    onProgress: job
      ? (p) => {
          throwIfCancelled(job.signal);
          job.progress({ done: p.done, total: p.total, phase: p.phase });
        }
      : undefined,
  });
}

async function save(db: Db, id: number, status: ImportStatus, report: ImportReport): Promise<void> {
  await db.query(
    `update imports set status = $2, summary = $3::jsonb, problems = $4::jsonb, encoding = $5,
       committed_at = case when $2 = 'committed' then now() else committed_at end where id = $1`,
    [
      id,
      status,
      JSON.stringify({ ...report, problems: undefined }),
      JSON.stringify(report.problems),
      report.encoding ?? null,
    ],
  );
}

export const importCheckJob = defineJob<{ importId: number; audit?: AuditCtx }, ImportResult>({
  name: 'import.check',
  expireInSeconds: 30 * 60,
  retryLimit: 2,
  async run({ importId, audit }, job) {
    try {
      const { report } = await runStored(job.db, importId, { dryRun: true }, job);
      // The upload becomes an import with its report and its audit row together.
      await job.db.tx(async (t) => {
        await save(t, importId, 'validated', report);
        const [row] = await t.query<{ file_name: string; kind: string | null; mode: string }>(
          'select file_name, kind, mode from imports where id = $1',
          [importId],
        );
        await writeAudit(t, audit, {
          entity: 'imports',
          entityId: importId,
          action: 'create',
          new: {
            file_name: row?.file_name,
            kind: row?.kind,
            mode: row?.mode,
            status: 'validated',
            totals: report.totals,
          },
        });
      });
      return { id: importId, status: 'validated', report };
    } catch (err) {
      if (err instanceof FileFormatError) {
        // A file that cannot be read leaves nothing behind.
        await job.db.query('delete from imports where id = $1', [importId]);
        throw invalid([{ path: ['file'], code: 'invalid_format', message: { zh: err.zh, en: err.en } }]);
      }
      throw err;
    }
  },
});

export const importCommitJob = defineJob<
  { importId: number; mode?: ImportMode | undefined; audit?: AuditCtx },
  ImportResult
>({
  name: 'import.commit',
  expireInSeconds: 60 * 60,
  // Safe to run again: an attempt that died wrote nothing (one transaction), one that committed is refused.
  retryLimit: 2,
  async run({ importId, mode, audit }, job) {
    const [row] = await job.db.query<{ status: string }>('select status from imports where id = $1', [importId]);
    if (!row) throw notFound();
    if (row.status === 'committed')
      throw new AppError(409, 'duplicate', [
        fieldProblem(['id'], 'duplicate', { zh: '该导入已提交', en: 'this import is already committed' }),
      ]);
    // A committed import's status and audit row commit with its rows; a rejected one writes only
    // its status and report (and their audit row).
    const record = async (tx: Db, status: 'committed' | 'rejected', done: ImportReport) => {
      await save(tx, importId, status, done);
      await writeAudit(tx, audit, {
        entity: 'imports',
        entityId: importId,
        action: 'update',
        old: { status: row.status },
        new: { status, totals: done.totals },
      });
    };
    const { report } = await runStored(
      job.db,
      importId,
      { dryRun: false, mode, audit, onCommit: (tx, done) => record(tx, 'committed', done) },
      job,
    );
    const status = report.committed ? ('committed' as const) : ('rejected' as const);
    if (!report.committed) await job.db.tx((tx) => record(tx, status, report));
    return { id: importId, status, report };
  },
});
