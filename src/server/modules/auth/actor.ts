/**
 * The actor of a request: who is asking, with which role, and over which slice of the registry —
 * the districts of its organisation and its own enterprise. Its parks (with sub-parks) are read in
 * SQL by lib/policy.ts when a query needs them, so a sub-park created a moment ago counts.
 */
import type { Role } from '../../../contracts/auth.js';
import type { Db } from '../../../db/connect.js';

export interface Actor {
  userId: number;
  username: string;
  role: Role;
  organisationId: number;
  /** Districts in scope (district role). */
  regionCodes: string[];
  /** The user's own enterprise (enterprise role). */
  enterpriseId: number | null;
  /** A read-only API token cannot change anything, whatever its user's role. */
  readOnly: boolean;
}

/** The user and organisation columns an actor is made of, for a query that joins `users u` and `organisations o`. */
export const ACTOR_COLUMNS = 'u.username, u.role, u.organisation_id, o.region_codes, o.enterprise_id, u.disabled';

export type ActorRow = {
  user_id: number;
  username: string;
  role: Role;
  organisation_id: number;
  region_codes: string[];
  enterprise_id: number | null;
  disabled: boolean;
};

/** The actor of a row with ACTOR_COLUMNS (and user_id); null for a disabled user. */
export function actorOf(u: ActorRow, readOnly: boolean): Actor | null {
  if (u.disabled) return null;
  return {
    userId: u.user_id,
    username: u.username,
    role: u.role,
    organisationId: u.organisation_id,
    regionCodes: u.region_codes,
    enterpriseId: u.enterprise_id,
    readOnly,
  };
}

export async function loadActor(db: Db, userId: number, readOnly = false): Promise<Actor | null> {
  const [u] = await db.query<ActorRow>(
    `select u.id as user_id, ${ACTOR_COLUMNS} from users u join organisations o on o.id = u.organisation_id where u.id = $1`,
    [userId],
  );
  return u ? actorOf(u, readOnly) : null;
}

/** The name a watermark carries for a user: "display name (username)"; ParkLink for the system. */
export async function watermarkName(db: Db, userId: number | null | undefined): Promise<string> {
  if (userId == null) return 'ParkLink';
  const [u] = await db.query<{ display_name: string; username: string }>(
    'select display_name, username from users where id = $1',
    [userId],
  );
  return u ? `${u.display_name} (${u.username})` : 'ParkLink';
}

/**
 * Who a queued document (report, letter) is made for: the actor as they are now (rights are checked
 * again when the job runs) and the watermark's name; no actor for a system job (userId null).
 */
export async function documentRequester(
  db: Db,
  userId: number | null,
): Promise<{ actor: Actor | undefined; name: string }> {
  const actor = userId === null ? undefined : ((await loadActor(db, userId)) ?? undefined);
  if (userId !== null && !actor) throw new Error('the user who asked for the document is gone');
  return { actor, name: await watermarkName(db, userId) };
}
