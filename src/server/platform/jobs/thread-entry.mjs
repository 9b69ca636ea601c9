// Runs one exported function of a module in a worker thread and posts its result back. Plain .mjs so
// the thread can start without a TypeScript loader; it registers tsx itself for .ts modules.
import { parentPort, workerData } from 'node:worker_threads';

const { moduleUrl, exportName, args } = workerData;
try {
  if (moduleUrl.endsWith('.ts')) {
    const { register } = await import('tsx/esm/api');
    register();
  }
  const mod = await import(moduleUrl);
  const value = await mod[exportName](...args);
  parentPort.postMessage({ ok: true, value });
} catch (err) {
  parentPort.postMessage({ ok: false, message: err instanceof Error ? err.stack || err.message : String(err) });
}
