/**
 * Evaluation's long work as jobs: 'evaluation.run' (a per-mu evaluation of an area: load → evaluate in a
 * worker thread → write), 'evaluation.remind' (re-review reminders for honours about to expire; also
 * sent on a schedule, see manifest.ts) and 'evaluation.letter' (a firm's letter as PDF).
 * Routes check rights before queueing; the data is plain JSON.
 */
import type { TLetterPdf } from '../../../contracts/evaluation.js';
import { type AuditCtx, writeAudit } from '../../platform/audit.js';
import { defineJob, throwIfCancelled } from '../../platform/jobs/index.js';
import { renderPdf } from '../../platform/pdf/index.js';
import { documentRequester } from '../auth/actor.js';
import { remindExpiring } from './honours.js';
import { buildLetterPdf } from './letter-pdf.js';
import { type RunInput, runEvaluation } from './run.js';

export interface RunJobData {
  input: RunInput;
  userId: number | null;
  audit?: AuditCtx;
}

export const evaluationRunJob = defineJob<RunJobData, Awaited<ReturnType<typeof runEvaluation>>>({
  name: 'evaluation.run',
  expireInSeconds: 30 * 60,
  retryLimit: 1,
  run: ({ input, userId, audit }, job) =>
    runEvaluation(job.db, input, { audit: audit ?? { via: 'system' }, userId }, { ...job, id: job.id }),
});

export interface RemindJobData {
  withinDays: number;
  on: string;
  audit?: AuditCtx;
}

export const remindJob = defineJob<RemindJobData, Awaited<ReturnType<typeof remindExpiring>>>({
  name: 'evaluation.remind',
  expireInSeconds: 10 * 60,
  retryLimit: 2,
  run: ({ withinDays, on, audit }, job) =>
    remindExpiring(job.db, { withinDays, on, jobId: job.id }, audit ?? { via: 'system' }, job),
});

export interface LetterJobData {
  runId: number;
  enterpriseId: number;
  lang: 'zh' | 'en';
  userId: number | null;
  /** When it was asked for (ISO): the watermark's time. */
  requestedAt: string;
  audit?: AuditCtx;
}

export const letterUrl = (id: number) => `/api/v1/evaluation/letters/${id}/file`;

/** 'evaluation.letter': a firm's evaluation letter rendered to PDF and stored for its requester (cf. cockpit.report). */
export const letterJob = defineJob<LetterJobData, TLetterPdf>({
  name: 'evaluation.letter',
  expireInSeconds: 10 * 60,
  retryLimit: 1,
  async run({ runId, enterpriseId, lang, userId, requestedAt, audit }, job) {
    const { actor, name } = await documentRequester(job.db, userId);
    job.progress({ done: 0, total: 2, phase: 'collect' });
    // Rights are checked again here, as the actor is now (the route checked them when asked).
    const built = await buildLetterPdf(job.db, runId, enterpriseId, actor, lang, { name, at: requestedAt });
    throwIfCancelled(job.signal);
    job.progress({ done: 1, total: 2, phase: 'render' });
    const pdf = await renderPdf(built.doc);
    throwIfCancelled(job.signal);
    const row = await job.db.tx(async (tx) => {
      const [r] = await tx.query<{ id: number; created_at: Date }>(
        `insert into evaluation_letters (run_id, enterprise_id, owner_user_id, lang, as_of, filename, bytes, file)
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning id, created_at`,
        [runId, enterpriseId, userId, lang, built.doc.asOf, built.filename, pdf.length, pdf],
      );
      await writeAudit(tx, audit, {
        entity: 'evaluation_letters',
        entityId: r!.id,
        action: 'create',
        new: { runId, enterpriseId, lang, asOf: built.doc.asOf, bytes: pdf.length },
      });
      return r!;
    });
    job.progress({ done: 2, total: 2, phase: 'done' });
    return {
      id: row.id,
      runId,
      enterpriseId,
      lang,
      asOf: built.doc.asOf,
      filename: built.filename,
      bytes: pdf.length,
      createdAt: new Date(row.created_at).toISOString(),
      url: letterUrl(row.id),
    };
  },
});
