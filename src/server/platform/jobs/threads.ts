/**
 * CPU-heavy pure code (solvers, engines) runs in a worker thread, so the event loop that answers
 * requests never waits on someone's computation. One thread per call: the solvers run for seconds, so
 * the ~100 ms start of a thread is noise, and a cancelled call is stopped by terminating its thread.
 * Arguments and results cross by structured clone: plain data only.
 */
import { Worker } from 'node:worker_threads';
import { JobCancelled } from './define.js';

const ENTRY = new URL('./thread-entry.mjs', import.meta.url);

/** Calls `exportName(...args)` of the module at moduleUrl in a new worker thread. */
export function runInThread<T>(moduleUrl: URL, exportName: string, args: unknown[], signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) return reject(new JobCancelled());
    const worker = new Worker(ENTRY, { workerData: { moduleUrl: moduleUrl.href, exportName, args } });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
      void worker.terminate();
    };
    const onAbort = () => finish(() => reject(new JobCancelled()));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (msg: { ok: true; value: T } | { ok: false; message: string }) =>
      finish(() => (msg.ok ? resolve(msg.value) : reject(new Error(msg.message)))),
    );
    worker.once('error', (err) => finish(() => reject(err)));
    worker.once('exit', (code) => finish(() => reject(new Error(`worker thread exited with code ${code}`))));
  });
}
