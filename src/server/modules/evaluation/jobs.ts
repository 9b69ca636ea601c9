/**
 * Evaluation's long work as jobs: 'evaluation.run' (a per-mu evaluation of an area: load → evaluate in a
 * worker thread → write), 'evaluation.remind' (re-review reminders for honours about to expire; also
 * sent on a schedule, see manifest.ts) and 'evaluation.letter' (a firm's letter as PDF).
 * Routes check rights before queueing; the data is plain JSON.
 */
import type { TLetterPdf } from '../../../contracts/evaluation.js';
import type { AuditCtx } from '../../platform/audit.js';
import { defineJob } from '../../platform/jobs/index.js';
import { runPdfJob } from '../../platform/pdf/job.js';
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
    const r = await runPdfJob(job, {
      // Rights are checked again here, as the actor is now (the route checked them when asked).
      build: () => buildLetterPdf(job.db, runId, enterpriseId, actor, lang, { name, at: requestedAt }),
      table: 'evaluation_letters',
      columns: () => ({ run_id: runId, enterprise_id: enterpriseId }),
      ownerUserId: userId,
      lang,
      audit,
      auditNew: () => ({ runId, enterpriseId }),
    });
    return {
      id: r.id,
      runId,
      enterpriseId,
      lang,
      asOf: r.asOf,
      filename: r.filename,
      bytes: r.bytes,
      createdAt: r.createdAt,
      url: letterUrl(r.id),
    };
  },
});
