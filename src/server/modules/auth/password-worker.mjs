// The argon2id work of passwords.ts, run in a worker thread (piscina) so a sign-in never blocks the
// event loop. Plain JavaScript on purpose: worker threads do not inherit the tsx loader that
// bin/parklink.mjs registers, so a .ts worker would not load from the CLI or the Playwright server.
import { randomBytes } from 'node:crypto';
import hashWasm from 'hash-wasm';

/** OWASP parameters: 19 MiB, 2 passes, 1 lane; PHC-encoded. */
const PARAMS = { parallelism: 1, iterations: 2, memorySize: 19456, hashLength: 32, outputType: 'encoded' };

/** @param {{ op: 'hash', password: string } | { op: 'verify', password: string, hash: string }} task */
export default async function run(task) {
  if (task.op === 'hash') return hashWasm.argon2id({ ...PARAMS, password: task.password, salt: randomBytes(16) });
  try {
    return await hashWasm.argon2Verify({ password: task.password, hash: task.hash });
  } catch {
    // A malformed stored hash verifies nothing.
    return false;
  }
}
