/**
 * The jobs platform: one queue per database handle (openJobs by the app or `parklink worker`, jobsOf
 * by routes), and answerJob, which lets a route that starts a job answer the way HTTP clients expect:
 * with `Prefer: respond-async` at once (202 and the job, to poll at GET /api/v1/jobs/:id); otherwise
 * it waits for the job (the work itself runs in a worker, another process or a thread, so waiting costs
 * the server nothing) and answers with the job's result or its refusal — the same answer as before
 * the work became a job.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorCode, FieldProblem } from '../../../contracts/errors.js';
import type { TJob } from '../../../contracts/jobs.js';
import type { Db } from '../../../db/connect.js';
import { AppError } from '../../lib/errors.js';
import { JobQueue, type JobView, type QueueOptions } from './queue.js';

export { defineJob, type JobDef, type JobRun, throwIfCancelled } from './define.js';
export { JobQueue, type JobView } from './queue.js';
export { runInThread } from './threads.js';

const QUEUES = new WeakMap<Db, JobQueue>();

/** Opens (once per database handle) and starts the queue; `work` makes this process run jobs. */
export async function openJobs(db: Db, opts: QueueOptions): Promise<JobQueue> {
  let q = QUEUES.get(db);
  if (!q) {
    q = new JobQueue(db, opts);
    QUEUES.set(db, q);
  }
  await q.start();
  return q;
}

export async function closeJobs(db: Db): Promise<void> {
  const q = QUEUES.get(db);
  QUEUES.delete(db);
  await q?.stop();
}

export function jobsOf(db: Db): JobQueue {
  const q = QUEUES.get(db);
  if (!q) throw new Error('the job queue is not open on this database (openJobs)');
  return q;
}

/** The client asked for a job instead of a result (RFC 7240). */
export const wantsAsync = (req: FastifyRequest) => /\brespond-async\b/i.test(String(req.headers.prefer ?? ''));

export const toWire = (v: JobView): TJob => v as TJob;

/**
 * Answers a request that started job `id`: 202 with the job when the client prefers it (or when the
 * job is still running after waitMs); otherwise the job's result, or its refusal as the same
 * problem+json the synchronous route gave.
 */
export async function answerJob(
  req: FastifyRequest,
  reply: FastifyReply,
  db: Db,
  id: string,
  waitMs: number,
): Promise<{ async: true; job: TJob } | { async: false; result: unknown }> {
  const q = jobsOf(db);
  const view = wantsAsync(req) ? await q.get(id) : await q.wait(id, waitMs);
  if (!view) throw new AppError(404, 'not_found');
  if (view.state === 'completed') return { async: false, result: view.result };
  if (view.state === 'failed' && view.error) {
    const e = view.error;
    throw new AppError(e.status, e.code as ErrorCode, (e.errors ?? []) as FieldProblem[], e.extra ?? {});
  }
  reply.status(202).header('location', `/api/v1/jobs/${id}`);
  return { async: true, job: toWire(view) };
}
