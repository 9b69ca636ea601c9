/**
 * What a completed job produced, by kind, for the job list: the counts its result holds (rows
 * added and updated, meetings placed, firms assessed …) as a message key and its values. Only
 * counts are read, never a figure of a record: the result is the owner's own (the jobs API shows a
 * job to its owner and the city administrator only), and the page shows no more of it than that.
 * A kind not listed here, or a result of an unexpected shape, gives null (the page says 已完成).
 */
import { z } from 'zod';

const n = z.number().finite();

export interface JobOutcome {
  /** `jobs.outcome_<key>` in the message bundles. */
  key: OutcomeKey;
  values: Record<string, number>;
  /** A download the result names (a report's file), same-origin API paths only. */
  link?: string | undefined;
  /** A page of this app that shows what the job made (a hub's plan), an in-app path. */
  page?: string | undefined;
}

const importResult = z.object({
  status: z.enum(['validated', 'rejected', 'committed']),
  report: z.object({
    totals: z.object({ rows: n, created: n, updated: n, unchanged: n, rejected: n, errors: n, warnings: n }),
  }),
});

const KINDS = {
  'import.check': (r: unknown): JobOutcome | null => {
    const p = importResult.safeParse(r);
    if (!p.success) return null;
    const t = p.data.report.totals;
    return {
      key: p.data.status === 'rejected' ? 'importRejected' : 'importChecked',
      values: { rows: t.rows, created: t.created, updated: t.updated, errors: t.errors, warnings: t.warnings },
    };
  },
  'import.commit': (r: unknown): JobOutcome | null => {
    const p = importResult.safeParse(r);
    if (!p.success) return null;
    const t = p.data.report.totals;
    return {
      key: p.data.status === 'committed' ? 'importCommitted' : 'importRejected',
      values: { rows: t.rows, created: t.created, updated: t.updated, errors: t.errors, warnings: t.warnings },
    };
  },
  'conferences.schedule': (r: unknown): JobOutcome | null => {
    const p = z.object({ scheduled: n, requested: n, unscheduled: z.array(z.unknown()) }).safeParse(r);
    return p.success
      ? {
          key: 'scheduled',
          values: { scheduled: p.data.scheduled, requested: p.data.requested, left: p.data.unscheduled.length },
        }
      : null;
  },
  'evaluation.run': (r: unknown): JobOutcome | null => {
    const p = z.object({ assessed: n, notAssessed: n }).safeParse(r);
    return p.success
      ? { key: 'evaluated', values: { assessed: p.data.assessed, notAssessed: p.data.notAssessed } }
      : null;
  },
  'evaluation.remind': (r: unknown): JobOutcome | null => {
    const p = z.object({ created: n }).safeParse(r);
    return p.success ? { key: 'reminders', values: { count: p.data.created } } : null;
  },
  'services.sla-sweep': (r: unknown): JobOutcome | null => {
    const p = z.object({ checked: n, escalated: n }).safeParse(r);
    return p.success ? { key: 'slaSweep', values: { checked: p.data.checked, escalated: p.data.escalated } } : null;
  },
  'services.sla-recompute': (r: unknown): JobOutcome | null => {
    const p = z.object({ tickets: n }).safeParse(r);
    return p.success ? { key: 'slaRecompute', values: { count: p.data.tickets } } : null;
  },
  'consolidation.plan': (r: unknown): JobOutcome | null => {
    // containers, orders placed and not, the gap to the lower bound; the hub's plan one click away
    const full = z
      .object({ planId: n, hubId: z.number().int().positive(), containers: n, ordersPlaced: n, unplaced: n, gap: n })
      .safeParse(r);
    if (full.success)
      return {
        key: 'planned',
        values: {
          containers: full.data.containers,
          placed: full.data.ordersPlaced,
          unplaced: full.data.unplaced,
          gap: Math.round(full.data.gap * 1000) / 10,
        },
        page: `/consolidation?hub=${full.data.hubId}&tab=plan`,
      };
    // a plan job run before the result carried its counts: only the plan's number
    const p = z.object({ planId: n }).safeParse(r);
    return p.success ? { key: 'planSaved', values: { id: p.data.planId } } : null;
  },
  'cockpit.report': (r: unknown): JobOutcome | null => {
    const p = z.object({ bytes: n, url: z.string().regex(/^\/api\/v1\/[\w/.-]+$/) }).safeParse(r);
    return p.success
      ? { key: 'report', values: { kb: Math.max(1, Math.round(p.data.bytes / 1024)) }, link: p.data.url }
      : null;
  },
  'evaluation.letter': (r: unknown): JobOutcome | null => {
    const p = z.object({ bytes: n, url: z.string().regex(/^\/api\/v1\/[\w/.-]+$/) }).safeParse(r);
    return p.success
      ? { key: 'letter', values: { kb: Math.max(1, Math.round(p.data.bytes / 1024)) }, link: p.data.url }
      : null;
  },
  'docking.rematch': (r: unknown): JobOutcome | null => {
    const p = z.object({ postings: n, newMatches: n, refreshed: n }).safeParse(r);
    return p.success
      ? {
          key: 'rematched',
          values: { postings: p.data.postings, newMatches: p.data.newMatches, refreshed: p.data.refreshed },
          page: '/docking',
        }
      : null;
  },
  'cockpit.remind': (r: unknown): JobOutcome | null => {
    const p = z.object({ reminded: n, escalated: n }).safeParse(r);
    return p.success ? { key: 'remind', values: { reminded: p.data.reminded, escalated: p.data.escalated } } : null;
  },
  'cockpit.snapshot': (r: unknown): JobOutcome | null => {
    const p = z.object({ recorded: n }).safeParse(r);
    return p.success ? { key: 'snapshot', values: { count: p.data.recorded } } : null;
  },
} as const;

export const OUTCOME_KEYS = [
  'importChecked',
  'importCommitted',
  'importRejected',
  'scheduled',
  'evaluated',
  'reminders',
  'slaSweep',
  'slaRecompute',
  'planned',
  'planSaved',
  'report',
  'letter',
  'rematched',
  'remind',
  'snapshot',
] as const;
export type OutcomeKey = (typeof OUTCOME_KEYS)[number];

/** The outcome of a completed job, or null (unknown kind, unexpected result: the page falls back). */
export function outcomeOf(job: { kind: string; state: string; result?: unknown }): JobOutcome | null {
  if (job.state !== 'completed' || !Object.hasOwn(KINDS, job.kind)) return null;
  return KINDS[job.kind as keyof typeof KINDS](job.result);
}

export const outcomeKinds = () => Object.keys(KINDS);
