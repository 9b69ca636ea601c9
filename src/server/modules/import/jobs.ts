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
import { defineJob, type JobRun, throwIfCancelled } from '../../platform/jobs/index.js';
import { FileFormatError } from './read.js';
import { type ImportMode, type ImportReport, runImport } from './run.js';

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
  opts: { dryRun: boolean; mode?: ImportMode | undefined },
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

export const importCheckJob = defineJob<{ importId: number }, ImportResult>({
  name: 'import.check',
  expireInSeconds: 30 * 60,
  retryLimit: 2,
  async run({ importId }, job) {
    try {
      const { report } = await runStored(job.db, importId, { dryRun: true }, job);
      await save(job.db, importId, 'validated', report);
      return { id: importId, status: 'validated', report };
    } catch (err) {
      if (err instanceof FileFormatError)
        throw invalid([{ path: ['file'], code: 'invalid_format', message: { zh: err.zh, en: err.en } }]);
      throw err;
    }
  },
});

export const importCommitJob = defineJob<{ importId: number; mode?: ImportMode | undefined }, ImportResult>({
  name: 'import.commit',
  expireInSeconds: 60 * 60,
  // Safe to run again: an attempt that died wrote nothing (one transaction), one that committed is refused.
  retryLimit: 2,
  async run({ importId, mode }, job) {
    const [row] = await job.db.query<{ status: string }>('select status from imports where id = $1', [importId]);
    if (!row) throw notFound();
    if (row.status === 'committed')
      throw new AppError(409, 'duplicate', [
        fieldProblem(['id'], 'duplicate', { zh: '该导入已提交', en: 'this import is already committed' }),
      ]);
    const { report } = await runStored(job.db, importId, { dryRun: false, mode }, job);
    const status = report.committed ? ('committed' as const) : ('rejected' as const);
    await save(job.db, importId, status, report);
    return { id: importId, status, report };
  },
});
