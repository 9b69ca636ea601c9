/**
 * Job kinds. A module declares each kind of long work once with defineJob (a name, how long one
 * attempt may take, how many retries, and run(data, job)) and lists it in its manifest's `jobs`, so
 * that the app and `parklink worker` (both import MODULES) know the same kinds. run() receives plain JSON data and
 * returns plain JSON; it reports progress and stops when job.signal aborts (cancel).
 */
import type { Db } from '../../../db/connect.js';

export interface JobProgress {
  done: number;
  total: number;
  /** A short machine-readable step name ('check', 'write', 'solve' …). */
  phase?: string | undefined;
}

export interface JobRun {
  id: string;
  db: Db;
  /** Aborted when someone cancels the job (or the worker stops): stop work, roll back, throw. */
  signal: AbortSignal;
  /** Records progress; cheap to call often (writes at most every ~250 ms). */
  progress(p: JobProgress): void;
}

export interface JobDef<D = unknown, R = unknown> {
  /** Queue name, `<module>.<verb>`: 'import.check', 'conferences.schedule'. */
  name: string;
  /** One attempt longer than this is failed (and retried while retries remain). */
  expireInSeconds: number;
  /** Attempts after the first when the work throws or its worker dies. */
  retryLimit: number;
  run(data: D, job: JobRun): Promise<R>;
}

const DEFS = new Map<string, JobDef>();

export function defineJob<D, R>(def: JobDef<D, R>): JobDef<D, R> {
  if (DEFS.has(def.name) && DEFS.get(def.name) !== def) throw new Error(`job kind ${def.name} defined twice`);
  DEFS.set(def.name, def as unknown as JobDef);
  return def;
}

export const jobDefs = (): JobDef[] => [...DEFS.values()];
export const jobDef = (name: string): JobDef | undefined => DEFS.get(name);

/** Thrown inside run() when job.signal aborted. */
export class JobCancelled extends Error {
  constructor() {
    super('job cancelled');
  }
}

export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new JobCancelled();
}
