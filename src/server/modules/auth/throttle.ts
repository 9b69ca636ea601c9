/**
 * The sign-in throttle, per (user name, address) instead of per account: failures from one address
 * slow down only that address, so a stranger cannot lock the owner out of their account, and the
 * same rule applies to names that do not exist (the answer does not tell which names do).
 *
 * State is read from auth_events (append-only), so every app process on one database shares it and a
 * restart does not forget it. The failures counted are those of the last day for this name from this
 * address, since its last successful sign-in from there or the account's last password reset.
 */
import type { Db } from '../../../db/connect.js';

/** Failures allowed before any delay (typos, a forgotten caps lock). */
export const FREE_FAILURES = 5;
export const FIRST_DELAY_S = 15;
export const MAX_DELAY_S = 15 * 60;

/** Seconds an address must wait after its `failures`-th failure: 0, then 15 s doubling to 15 min. */
export function throttleDelay(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_S, FIRST_DELAY_S * 2 ** (failures - FREE_FAILURES));
}

export interface ThrottleState {
  /** Counted failures of this name from this address. */
  failures: number;
  /** Whole seconds left before the next attempt is heard (0: now). */
  waitS: number;
}

export async function throttleState(db: Db, username: string, ip: string): Promise<ThrottleState> {
  const [row] = await db.query<{ failures: number; since_s: number | null }>(
    `with reset as (
       select coalesce(max(at), '-infinity'::timestamptz) as at from auth_events
        where username = $1 and ((event = 'sign_in' and ip = $2) or event = 'password_reset'))
     select count(*)::int as failures, extract(epoch from now() - max(f.at))::float8 as since_s
       from auth_events f, reset
      where f.username = $1 and f.ip = $2 and f.event = 'sign_in_failed'
        and f.at > reset.at and f.at > now() - interval '1 day'`,
    [username, ip],
  );
  const failures = row?.failures ?? 0;
  const since = row?.since_s ?? 0;
  return { failures, waitS: Math.max(0, Math.ceil(throttleDelay(failures) - since)) };
}

const inFlight = new Map<string, Promise<unknown>>();

/**
 * Runs attempts on one (name, address) one after the other in this process, so a burst of parallel
 * guesses cannot all read the failure count before any of them is recorded.
 */
export async function oneAtATime<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const before = inFlight.get(key) ?? Promise.resolve();
  const run = before.then(fn, fn);
  const settled = run.catch(() => undefined);
  inFlight.set(key, settled);
  try {
    return await run;
  } finally {
    if (inFlight.get(key) === settled) inFlight.delete(key);
  }
}
