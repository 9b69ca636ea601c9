/**
 * The scheduler run as a job ('conferences.schedule'): loads the conference, solves in a worker thread
 * (schedule.ts) and stores the placements and the run. The route checked the organiser's rights before
 * queueing; the job re-checks that the event still exists. Progress: meetings scheduled / accepted.
 */
import type { z } from 'zod';
import type { TRun, ZRunOptions } from '../../../contracts/conferences.js';
import type { AuditCtx } from '../../platform/audit.js';
import { defineJob } from '../../platform/jobs/index.js';
import { loadConference } from './conference.js';
import { runScheduler } from './schedule.js';

export interface ScheduleJobData {
  eventId: number;
  options: z.output<typeof ZRunOptions>;
  by: string | null;
  /** Who asked, for the run's change_log row (plain JSON: user id, name, address). */
  audit?: AuditCtx;
}

export const scheduleJob = defineJob<ScheduleJobData, TRun>({
  name: 'conferences.schedule',
  // The options cap the time limit; this leaves room for loading and saving a large conference.
  expireInSeconds: 15 * 60,
  retryLimit: 1,
  async run({ eventId, options, by, audit }, job) {
    const c = await loadConference(job.db, eventId, null);
    return runScheduler(job.db, c, options, by, job, audit);
  },
});
