/**
 * The cockpit's jobs: 'cockpit.report' renders a report to PDF and stores it for download;
 * 'cockpit.remind' reminds owners of overdue update requests and escalates; 'cockpit.snapshot'
 * records the figures that targets follow (their trend). Imported by the cockpit's manifest, so the
 * app and `parklink worker` (both load MODULES) know these kinds.
 */
import type { TReport, TReportRequest } from '../../../contracts/cockpit.js';
import type { AuditCtx } from '../../platform/audit.js';
import { defineJob } from '../../platform/jobs/index.js';
import { runPdfJob } from '../../platform/pdf/job.js';
import { documentRequester } from '../auth/actor.js';
import { today } from './freshness.js';
import { buildReport } from './reports.js';
import { snapshotTargets } from './targets.js';
import { remindOverdue } from './update-requests.js';

export interface ReportJobData {
  request: TReportRequest;
  userId: number | null;
  /** When it was asked for (ISO): the watermark's time. */
  requestedAt: string;
  audit?: AuditCtx;
}

export const reportUrl = (id: number) => `/api/v1/cockpit/reports/${id}/file`;

export const reportJob = defineJob<ReportJobData, TReport>({
  name: 'cockpit.report',
  expireInSeconds: 10 * 60,
  retryLimit: 1,
  async run({ request, userId, requestedAt, audit }, job) {
    const { actor, name } = await documentRequester(job.db, userId);
    const r = await runPdfJob(job, {
      build: () => buildReport(job.db, request, actor, { name, at: requestedAt }),
      table: 'cockpit_reports',
      columns: (built) => ({ kind: request.kind, scope: built.scope }),
      ownerUserId: userId,
      lang: request.lang,
      audit,
      auditNew: (built) => ({ kind: request.kind, scope: built.scope }),
    });
    return {
      id: r.id,
      kind: request.kind,
      scope: r.built.scope,
      lang: request.lang,
      asOf: r.asOf,
      filename: r.filename,
      bytes: r.bytes,
      createdAt: r.createdAt,
      url: reportUrl(r.id),
    };
  },
});

export const remindJob = defineJob<{ audit?: AuditCtx; requestId?: number }, { reminded: number; escalated: number }>({
  name: 'cockpit.remind',
  expireInSeconds: 5 * 60,
  retryLimit: 2,
  run: ({ audit, requestId }, job) => remindOverdue(job.db, today(), audit ?? { via: 'system' }, requestId),
});

export const snapshotJob = defineJob<{ audit?: AuditCtx; metric?: string }, { recorded: number }>({
  name: 'cockpit.snapshot',
  expireInSeconds: 10 * 60,
  retryLimit: 1,
  async run({ audit, metric }, job) {
    return { recorded: await snapshotTargets(job.db, today(), audit ?? { via: 'system' }, metric) };
  },
});
