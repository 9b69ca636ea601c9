/** Background jobs as the API shows them (GET /api/v1/jobs/:id): state, progress, result or error. */
import { z } from 'zod';

export const JOB_STATES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;

export const ZJobProgress = z
  .object({
    done: z.number().describe('Units of work done (rows, steps …)'),
    total: z.number().describe('Units of work in all; 0 while unknown'),
    phase: z.string().optional().describe("The current step: 'check', 'write', 'solve' …"),
  })
  .describe('How far the job has got');

export const ZJob = z
  .object({
    id: z.string().describe('Job id (UUID)'),
    kind: z.string().describe("What the job does: 'import.check', 'import.commit', 'conferences.schedule' …"),
    label: z.string().describe('What it works on, for lists'),
    state: z.enum(JOB_STATES),
    ownerUserId: z.number().int().nullable().describe('Who started it (null: the system)'),
    ownerName: z.string().nullable().optional().describe('The username of who started it (in lists; null: the system)'),
    progress: ZJobProgress.nullable(),
    result: z.unknown().describe("The job's result once completed (its shape depends on the kind)"),
    error: z
      .object({
        status: z
          .number()
          .int()
          .describe('HTTP status the same refusal would have had (422, 409 …; 500 for a failure)'),
        code: z.string(),
        errors: z.array(z.unknown()).optional().describe('Field problems with zh / en messages'),
        extra: z.record(z.string(), z.unknown()).optional(),
        message: z.string().optional(),
      })
      .nullable()
      .describe('Why a failed job failed'),
    attempts: z.number().int().describe('Attempts so far (a retry or a dead worker adds one)'),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    completedAt: z.string().nullable(),
  })
  .describe('A background job');
export type TJob = z.infer<typeof ZJob>;
