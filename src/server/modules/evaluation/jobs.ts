/**
 * Evaluation's long work as jobs: 'evaluation.run' (a per-mu evaluation of an area: load → evaluate in a
 * worker thread → write) and 'evaluation.remind' (re-review reminders for honours about to expire).
 * Routes check rights before queueing; the data is plain JSON.
 */
import type { AuditCtx } from '../../platform/audit.js';
import { defineJob } from '../../platform/jobs/index.js';
import { remindExpiring } from './honours.js';
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
