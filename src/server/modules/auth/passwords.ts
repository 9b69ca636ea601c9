/**
 * Password hashing with argon2id (OWASP parameters: 19 MiB, 2 passes, 1 lane), PHC-encoded.
 *
 * One hash takes ~0.35 s of CPU, so it runs in a small pool of worker threads (piscina,
 * password-worker.mjs): a sign-in waits for its own hash, never the event loop for someone else's.
 * Idle workers are unreferenced, so a CLI command still exits when its work is done.
 */
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';

type Task = { op: 'hash'; password: string } | { op: 'verify'; password: string; hash: string };

/** Leave one core to the event loop; hashing more than 4 at once only queues memory (19 MiB each). */
export const HASH_THREADS = Math.max(1, Math.min(4, availableParallelism() - 1));

let pool: Piscina<Task, string | boolean> | undefined;

function workers(): Piscina<Task, string | boolean> {
  pool ??= new Piscina({
    filename: new URL('./password-worker.mjs', import.meta.url).href,
    minThreads: 0,
    maxThreads: HASH_THREADS,
    // Keep a warm worker for a burst of sign-ins; the first hash after a quiet minute pays the start.
    idleTimeout: 60_000,
  });
  return pool;
}

export async function hashPassword(password: string): Promise<string> {
  return (await workers().run({ op: 'hash', password })) as string;
}

/** False for a wrong password and for a malformed stored hash. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  return (await workers().run({ op: 'verify', password, hash })) === true;
}

/** Ends the worker threads (they start again on the next hash). */
export async function closePasswordWorkers(): Promise<void> {
  const p = pool;
  pool = undefined;
  await p?.destroy();
}

/** A readable random password for first start and admin resets. */
export function randomPassword(): string {
  return randomBytes(12).toString('base64url');
}
