/**
 * Docking's job kinds: 'docking.rematch' re-matches the whole book (rematch.ts) with progress in
 * postings; the route checked the caller's rights (the bureau) before queueing.
 */
import type { AuditCtx } from '../../platform/audit.js';
import { defineJob } from '../../platform/jobs/index.js';
import { type RematchResult, rematchBook } from './rematch.js';

export interface RematchJobData {
  audit?: AuditCtx;
}

export const rematchJob = defineJob<RematchJobData, RematchResult>({
  name: 'docking.rematch',
  expireInSeconds: 30 * 60,
  retryLimit: 1,
  async run({ audit }, job) {
    return rematchBook(job.db, audit ?? { via: 'job' }, job);
  },
});
