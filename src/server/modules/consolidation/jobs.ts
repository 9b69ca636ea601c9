/**
 * Planning a hub as a job ('consolidation.plan'): the planner runs in a worker thread (runInThread,
 * which a cancel terminates); the route checked the operator's rights before queueing.
 */
import type { AuditCtx } from '../../platform/audit.js';
import { defineJob } from '../../platform/jobs/index.js';
import { runPlan } from './planning.js';

export interface PlanJobData {
  hubId: number;
  by: number | null;
  audit?: AuditCtx;
}

export const planJob = defineJob<PlanJobData, { planId: number }>({
  name: 'consolidation.plan',
  expireInSeconds: 10 * 60,
  retryLimit: 1,
  async run({ hubId, by, audit }, job) {
    return { planId: await runPlan(job.db, hubId, by, audit ?? { via: 'job' }, job) };
  },
});
