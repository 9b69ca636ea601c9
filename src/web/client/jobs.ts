/**
 * Background jobs from the browser: a route started with `Prefer: respond-async` answers 202 with a
 * job; awaitJob polls GET /api/v1/jobs/:id, reports its progress, and resolves to the job's result or
 * rejects with the same ApiError the route would have answered with.
 */
import type { TJob } from '../../contracts/jobs';
import { ApiError, api } from './client';

export type { TJob };

const POLL_MS = 400;

/** The server answered with a job instead of a result. */
export const isStarted = (v: unknown): v is { job: TJob } =>
  typeof v === 'object' && v !== null && 'job' in v && typeof (v as { job: unknown }).job === 'object';

export async function awaitJob<T>(job: TJob, onProgress?: (j: TJob) => void, signal?: AbortSignal): Promise<T> {
  let j = job;
  for (;;) {
    onProgress?.(j);
    if (j.state === 'completed') return j.result as T;
    if (j.state === 'failed' || j.state === 'cancelled') {
      const e = j.error ?? { status: 409, code: 'job_state' };
      throw new ApiError(e.status, {
        status: e.status,
        code: j.state === 'cancelled' ? 'job_state' : e.code,
        title: e.message ?? e.code,
        errors: e.errors as never,
      });
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
    if (signal?.aborted) throw new DOMException('Aborted', 'AbortError');
    j = await api.get<TJob>(`/jobs/${j.id}`, undefined, signal);
  }
}

/** Progress as a percentage, or null while the job has not said how much there is. */
export const jobPercent = (j: TJob | null): number | null =>
  j?.progress && j.progress.total > 0 ? Math.min(100, Math.round((100 * j.progress.done) / j.progress.total)) : null;
