/**
 * Planning a hub as a job ('consolidation.plan'): the planner runs in a worker thread (runInThread,
 * which a cancel terminates); the route checked the operator's rights before queueing.
 */
import type { AuditCtx } from '../../platform/audit.js';
import { defineJob } from '../../platform/jobs/index.js';
import { type PlanRun, runPlan } from './planning.js';

export interface PlanJobData {
  hubId: number;
  by: number | null;
  audit?: AuditCtx;
}

/** Its result: the plan's id and hub, containers, orders placed and not, bound and gap (counts only). */
export const planJob = defineJob<PlanJobData, PlanRun>({
  name: 'consolidation.plan',
  expireInSeconds: 10 * 60,
  retryLimit: 1,
  async run({ hubId, by, audit }, job) {
    return runPlan(job.db, hubId, by, audit ?? { via: 'job' }, job);
  },
});
