/**
 * The cockpit's jobs: 'cockpit.report' renders a report to PDF and stores it for download;
 * 'cockpit.remind' reminds owners of overdue update requests and escalates; 'cockpit.snapshot'
 * records the figures that targets follow (their trend). Imported by the cockpit's manifest, so the
 * app and `parklink worker` (both load MODULES) know these kinds.
 */
import type { TReport, TReportRequest } from '../../../contracts/cockpit.js';
import type { AuditCtx } from '../../platform/audit.js';
import { writeAudit } from '../../platform/audit.js';
import { defineJob, throwIfCancelled } from '../../platform/jobs/index.js';
import { renderPdf } from '../../platform/pdf/index.js';
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
    job.progress({ done: 0, total: 2, phase: 'collect' });
    const built = await buildReport(job.db, request, actor, { name, at: requestedAt });
    throwIfCancelled(job.signal);
    job.progress({ done: 1, total: 2, phase: 'render' });
    const pdf = await renderPdf(built.doc);
    throwIfCancelled(job.signal);
    const row = await job.db.tx(async (tx) => {
      const [r] = await tx.query<{ id: number; created_at: Date }>(
        `insert into cockpit_reports (kind, scope, owner_user_id, lang, as_of, filename, bytes, file)
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning id, created_at`,
        [request.kind, built.scope, userId, request.lang, built.doc.asOf, built.filename, pdf.length, pdf],
      );
      await writeAudit(tx, audit, {
        entity: 'cockpit_reports',
        entityId: r!.id,
        action: 'create',
        new: { kind: request.kind, scope: built.scope, lang: request.lang, asOf: built.doc.asOf, bytes: pdf.length },
      });
      return r!;
    });
    job.progress({ done: 2, total: 2, phase: 'done' });
    return {
      id: row.id,
      kind: request.kind,
      scope: built.scope,
      lang: request.lang,
      asOf: built.doc.asOf,
      filename: built.filename,
      bytes: pdf.length,
      createdAt: new Date(row.created_at).toISOString(),
      url: reportUrl(row.id),
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
