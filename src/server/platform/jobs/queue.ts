/**
 * The job queue: pg-boss on the same database as everything else. On PostgreSQL every app and
 * `parklink worker` process opens the queue and the ones that work claim jobs with SKIP LOCKED, so a job
 * sent through one process is run by whichever is free; a worker that dies stops its heartbeat and
 * pg-boss's supervisor hands the job to another one (retry). On PGlite (one process) pg-boss runs
 * through its PGlite adapter and the app works its own jobs.
 *
 * What users see about a job (owner, progress, result, refusal, cancel request) lives in our `jobs`
 * table (0011); pg-boss keeps the state machine. A job's handler polls its cancel flag, so a cancel
 * reaches the process that runs it whichever it is.
 */
import { EventEmitter } from 'node:events';
import type { PGlite } from '@electric-sql/pglite';
import PgBoss from 'pg-boss';
import type { Db } from '../../../db/connect.js';
import { AppError } from '../../lib/errors.js';
import { JobCancelled, type JobDef, type JobProgress, jobDef, jobDefs } from './define.js';

export type JobState = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';

export interface JobView {
  id: string;
  kind: string;
  label: string;
  state: JobState;
  ownerUserId: number | null;
  progress: JobProgress | null;
  result: unknown;
  /** A refusal (4xx: status, code, field problems) or a failure (message). */
  error: { status: number; code: string; errors?: unknown[]; extra?: Record<string, unknown>; message?: string } | null;
  attempts: number;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
}

export interface QueueOptions {
  /** Claim and run jobs in this process (the app does by default; `serve --no-worker` does not). */
  work: boolean;
  /** Jobs run at once by this process. */
  concurrency?: number;
}

interface MetaRow extends Record<string, unknown> {
  id: string;
  kind: string;
  label: string;
  owner_user_id: number | null;
  progress: JobProgress | null;
  result: unknown;
  error: JobView['error'];
  cancel_requested: boolean;
  created_at: Date | string;
}

const SCHEMA = 'pgboss';
/**
 * PostgreSQL: a claimed job is a lease of this many seconds that the process running it renews every
 * third of it (see #run); a process that dies stops renewing and the supervisor hands the job on. The
 * lease is pg-boss's own expiry (`expire_in`, counted from `started_on`), which #run pushes forward.
 */
const LEASE_SECONDS = Number(process.env.PARKLINK_JOB_LEASE_SECONDS ?? 60);
const SUPERVISE_SECONDS = Number(process.env.PARKLINK_JOB_SUPERVISE_SECONDS ?? 5);
const POLL_SECONDS = Number(process.env.PARKLINK_JOB_POLL_SECONDS ?? 0.5);
const CANCEL_CHECK_MS = 500;

/** Thrown into a job's work when it ran past its kind's expireInSeconds, or lost its lease. */
class AttemptEnded extends Error {}

/**
 * pg-boss's `db` option over the embedded engine. PGlite's query() takes one statement with
 * parameters and exec() several without; pg-boss sends both (migrations and queue creation are
 * BEGIN … COMMIT scripts).
 */
function pgliteAdapter(lite: PGlite): { executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> } {
  return {
    async executeSql(text, values) {
      if (values && values.length > 0) return { rows: (await lite.query(text, values)).rows };
      const results = await lite.exec(text);
      return { rows: results.at(-1)?.rows ?? [] };
    },
  };
}
const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);

export class JobQueue {
  readonly #db: Db;
  readonly #boss: PgBoss;
  readonly #opts: QueueOptions;
  readonly #events = new EventEmitter();
  readonly #running = new Map<string, AbortController>();
  #started: Promise<void> | null = null;
  /** This process's pg-boss workers per queue, woken when this process sends or retries a job. */
  readonly #workers = new Map<string, string[]>();
  /** PostgreSQL: attempts are leases renewed by the process running them (LEASE_SECONDS). */
  readonly #leased: boolean;

  constructor(db: Db, opts: QueueOptions) {
    this.#db = db;
    this.#opts = opts;
    this.#leased = db.kind === 'postgres';
    const native = db.native;
    if (!native) throw new Error('the job queue needs a database from db/connect.ts');
    const common = {
      schema: SCHEMA,
      maintenanceIntervalSeconds: SUPERVISE_SECONDS,
      // Cron is not used (queue statistics are off by default); fewer background statements.
      schedule: false,
    };
    this.#boss =
      'pglite' in native
        ? new PgBoss({ ...common, db: pgliteAdapter(native.pglite) })
        : new PgBoss({ ...common, connectionString: native.url, max: 4 });
    // pg-boss reports background errors (a lost connection while polling) as events; it retries them itself.
    this.#boss.on('error', (err: unknown) => this.#events.emit('error', err));
    this.#events.setMaxListeners(0);
    this.#events.on('error', () => {});
  }

  /** Creates pg-boss's schema and the queues, then starts working when asked to. Idempotent. */
  start(): Promise<void> {
    this.#started ??= (async () => {
      await this.#boss.start();
      for (const def of jobDefs()) {
        // One process on PGlite: nobody else could take a job over, so the attempt simply has the kind's time.
        const expireInSeconds = this.#leased ? LEASE_SECONDS : def.expireInSeconds;
        if (!(await this.#boss.getQueue(def.name)))
          await this.#boss.createQueue(def.name, { name: def.name, expireInSeconds, retryLimit: def.retryLimit });
        // pg-boss 10 runs one job at a time per work() call: `concurrency` calls make that many slots.
        // On PGlite every job is sent by this process, which wakes its workers (send), so they barely poll.
        const pollingIntervalSeconds = this.#leased ? POLL_SECONDS : Math.max(POLL_SECONDS, 5);
        if (this.#opts.work)
          for (let i = 0; i < (this.#opts.concurrency ?? 2); i++) {
            const workerId = await this.#boss.work(def.name, { pollingIntervalSeconds }, async ([job]) =>
              job ? this.#run(def, job.id, job.data) : null,
            );
            this.#workers.set(def.name, [...(this.#workers.get(def.name) ?? []), workerId]);
          }
      }
    })();
    return this.#started;
  }

  async stop(): Promise<void> {
    if (!this.#started) return;
    await this.#started.catch(() => {});
    for (const ac of this.#running.values()) ac.abort(new AttemptEnded('worker stopped'));
    await this.#boss.stop({ graceful: true, timeout: 5000, close: true });
  }

  /** Queues a job and returns its id. */
  async send<D extends object>(
    def: JobDef<D>,
    data: D,
    opts: { ownerUserId: number | null; label?: string },
  ): Promise<string> {
    await this.start();
    const [row] = await this.#db.query<{ id: string }>(
      `insert into jobs (id, kind, owner_user_id, label) values (gen_random_uuid(), $1, $2, $3) returning id`,
      [def.name, opts.ownerUserId, opts.label ?? ''],
    );
    const id = row?.id as string;
    await this.#boss.send(def.name, data, { id });
    this.#wake(def.name);
    return id;
  }

  async get(id: string): Promise<JobView | null> {
    const [meta] = await this.#db.query<MetaRow>('select * from jobs where id = $1', [id]);
    if (!meta) return null;
    await this.start();
    const job = await this.#boss.getJobById<unknown>(meta.kind, id, { includeArchive: true });
    let state: JobState = 'completed';
    if (job) {
      const s = job.state as string;
      state =
        s === 'active'
          ? 'running'
          : s === 'completed' || s === 'failed' || s === 'cancelled'
            ? (s as JobState)
            : 'queued';
    } else if (meta.error) state = 'failed';
    // A refusal (bad input found by the work) ends the attempt normally in pg-boss: retrying it would refuse again.
    if (state === 'completed' && meta.error) state = 'failed';
    return {
      id: meta.id,
      kind: meta.kind,
      label: meta.label,
      state,
      ownerUserId: meta.owner_user_id,
      progress: meta.progress,
      result: state === 'completed' ? (meta.result ?? null) : null,
      error: state === 'failed' ? (meta.error ?? { status: 500, code: 'internal', message: 'failed' }) : null,
      attempts: job ? job.retryCount + (state === 'queued' ? 0 : 1) : 1,
      createdAt: iso(meta.created_at) as string,
      startedAt: iso(job?.startedOn),
      completedAt: iso(job?.completedOn),
    };
  }

  /** Newest first; all jobs, or one user's. */
  async list(ownerUserId: number | null, limit = 20): Promise<JobView[]> {
    const rows = await this.#db.query<{ id: string }>(
      `select id from jobs where ($1::int is null or owner_user_id = $1) order by created_at desc limit $2`,
      [ownerUserId, limit],
    );
    const out: JobView[] = [];
    for (const r of rows) {
      const v = await this.get(r.id);
      if (v) out.push(v);
    }
    return out;
  }

  /** Stops a queued or running job; the process running it sees the flag within a second. */
  async cancel(id: string): Promise<JobView | null> {
    const view = await this.get(id);
    if (!view || (view.state !== 'queued' && view.state !== 'running')) return view;
    await this.#db.query('update jobs set cancel_requested = true, updated_at = now() where id = $1', [id]);
    await this.#boss.cancel(view.kind, id);
    this.#running.get(id)?.abort();
    return this.get(id);
  }

  /** Runs a failed or cancelled job again (same id, same data). */
  async retry(id: string): Promise<JobView | null> {
    const view = await this.get(id);
    if (!view || (view.state !== 'failed' && view.state !== 'cancelled')) return view;
    await this.#db.query(
      'update jobs set cancel_requested = false, error = null, progress = null, updated_at = now() where id = $1',
      [id],
    );
    if (view.state === 'cancelled') await this.#boss.resume(view.kind, id);
    else await this.#boss.retry(view.kind, id);
    this.#wake(view.kind);
    return this.get(id);
  }

  #wake(name: string): void {
    for (const w of this.#workers.get(name) ?? []) this.#boss.notifyWorker(w);
  }

  /** The job once it has ended, or as it is after timeoutMs. */
  async wait(id: string, timeoutMs: number): Promise<JobView | null> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const view = await this.get(id);
      if (!view || view.state === 'completed' || view.state === 'failed' || view.state === 'cancelled') return view;
      const left = until - Date.now();
      if (left <= 0) return view;
      // Woken at once when this process finished it, otherwise by polling (another process runs it).
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(
          () => {
            this.#events.off(`end:${id}`, done);
            resolve();
          },
          Math.min(left, 200),
        );
        this.#events.once(`end:${id}`, done);
      });
    }
  }

  async #run(def: JobDef, id: string, data: unknown): Promise<unknown> {
    const ac = new AbortController();
    this.#running.set(id, ac);
    let last = 0;
    let pending: JobProgress | null = null;
    const flush = async () => {
      if (!pending) return;
      const p = pending;
      pending = null;
      last = Date.now();
      await this.#db.query('update jobs set progress = $2::jsonb, updated_at = now() where id = $1', [
        id,
        JSON.stringify(p),
      ]);
    };
    // The lease is renewed from a timer, so work must yield to the event loop well within a lease
    // (the import loops do every few hundred rows). An attempt whose lease was lost anyway (the
    // supervisor already handed it on) stops at once instead of racing the next attempt.
    let renewed = 0; // renew at the first tick: the queue's initial lease is another process's setting
    const renew = async () => {
      renewed = Date.now();
      const rows = await this.#db.query(
        `update ${SCHEMA}.job set expire_in = (now() - started_on) + make_interval(secs => $3)
          where name = $1 and id = $2 and state = 'active' returning id`,
        [def.name, id, LEASE_SECONDS],
      );
      if (rows.length === 0 && !ac.signal.aborted) ac.abort(new AttemptEnded('lease lost'));
    };
    const poll = setInterval(() => {
      void flush().catch(() => {});
      if (this.#leased && Date.now() - renewed >= (LEASE_SECONDS * 1000) / 3) void renew().catch(() => {});
      this.#db
        .query<{ c: boolean }>('select cancel_requested as c from jobs where id = $1', [id])
        .then(([r]) => {
          if (r?.c) ac.abort();
        })
        .catch(() => {});
    }, CANCEL_CHECK_MS);
    // With leases pg-boss no longer bounds an attempt: the kind's expireInSeconds is enforced here.
    const deadline = this.#leased
      ? setTimeout(() => ac.abort(new AttemptEnded('timed out')), def.expireInSeconds * 1000)
      : null;
    await this.#db.query('update jobs set error = null, result = null, updated_at = now() where id = $1', [id]);
    try {
      const result = await def.run(data, {
        id,
        db: this.#db,
        signal: ac.signal,
        progress: (p) => {
          pending = p;
          if (Date.now() - last > 250) void flush().catch(() => {});
        },
      });
      await flush();
      await this.#db.query('update jobs set result = $2::jsonb, updated_at = now() where id = $1', [
        id,
        JSON.stringify(result ?? null),
      ]);
      return result ?? null;
    } catch (err) {
      await flush().catch(() => {});
      const ended = ac.signal.reason instanceof AttemptEnded ? ac.signal.reason : null;
      if (!ended && (err instanceof JobCancelled || ac.signal.aborted)) return null;
      if (err instanceof AppError && err.status < 500) {
        // Refused by the work's own checks: record why and end the attempt (a retry would refuse again).
        const error = { status: err.status, code: err.code, errors: err.errors, extra: err.extra };
        await this.#db.query('update jobs set error = $2::jsonb, updated_at = now() where id = $1', [
          id,
          JSON.stringify(error),
        ]);
        return { refused: true };
      }
      if (ended?.message === 'lease lost') throw ended; // the job is another attempt's now: record nothing
      const message = ended ? `attempt ended: ${ended.message}` : err instanceof Error ? err.message : String(err);
      await this.#db
        .query('update jobs set error = $2::jsonb, updated_at = now() where id = $1', [
          id,
          JSON.stringify({ status: 500, code: 'internal', message }),
        ])
        .catch(() => {});
      throw ended ?? err;
    } finally {
      clearInterval(poll);
      if (deadline) clearTimeout(deadline);
      this.#running.delete(id);
      // After pg-boss has recorded the outcome: let it settle first.
      setTimeout(() => this.#events.emit(`end:${id}`), 20);
    }
  }
}

export { jobDef };
