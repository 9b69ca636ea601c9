/**
 * Sessions and API tokens. A session is a random token in an httpOnly, SameSite=Lax cookie; the
 * database keeps only its SHA-256, with a CSRF token the client must echo in `x-csrf-token` on every
 * state-changing request. API tokens are `plk_…` bearer tokens, hashed at rest, revocable, read-only
 * unless created otherwise.
 */

import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../../db/connect.js';
import { ACTOR_COLUMNS, type ActorRow, actorOf } from './actor.js';

export const SESSION_COOKIE = 'parklink_session';
export const SESSION_DAYS = 7;

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const token = (bytes = 32) => randomBytes(bytes).toString('base64url');

export async function createSession(db: Db, userId: number, ip: string | undefined, userAgent: string | undefined) {
  const raw = token();
  const csrfToken = token(24);
  await db.query(
    `insert into sessions (id, user_id, csrf_token, expires_at, ip, user_agent)
     values ($1, $2, $3, now() + ($4 || ' days')::interval, $5, $6)`,
    [sha256(raw), userId, csrfToken, String(SESSION_DAYS), ip ?? null, userAgent?.slice(0, 300) ?? null],
  );
  return { raw, csrfToken };
}

/**
 * The session of a cookie with its actor, in one statement (authentication is on every request's
 * path: one pool turn, not two). last_seen_at moves at most once a minute: the update is sent only
 * then, not on every request (docs/benchmarks.md, bench:load).
 */
export async function findSession(db: Db, raw: string) {
  const [s] = await db.query<ActorRow & { id: string; csrf_token: string; stale: boolean }>(
    `select s.id, s.user_id, s.csrf_token, s.last_seen_at < now() - interval '1 minute' as stale, ${ACTOR_COLUMNS}
       from sessions s join users u on u.id = s.user_id join organisations o on o.id = u.organisation_id
      where s.id = $1 and s.expires_at > now()`,
    [sha256(raw)],
  );
  if (!s) return undefined;
  if (s.stale)
    await db.query(
      `update sessions set last_seen_at = now() where id = $1 and last_seen_at < now() - interval '1 minute'`,
      [s.id],
    );
  return { id: s.id, user_id: s.user_id, csrf_token: s.csrf_token, actor: actorOf(s, false) };
}

export async function createApiToken(db: Db, userId: number, name: string, readOnly: boolean, expiresInDays?: number) {
  const raw = `plk_${token()}`;
  const [row] = await db.query<{ id: number }>(
    `insert into api_tokens (user_id, name, token_hash, prefix, read_only, expires_at)
     values ($1, $2, $3, $4, $5, case when $6::int is null then null else now() + ($6::int || ' days')::interval end) returning id`,
    [userId, name, sha256(raw), raw.slice(0, 10), readOnly, expiresInDays ?? null],
  );
  return { id: row!.id, token: raw };
}

/** An API token with its actor, in one statement; its last use is recorded at most once a minute. */
export async function findApiToken(db: Db, raw: string) {
  const [t] = await db.query<ActorRow & { id: number; read_only: boolean; stale: boolean }>(
    `select t.id, t.user_id, t.read_only,
            t.last_used_at is null or t.last_used_at < now() - interval '1 minute' as stale, ${ACTOR_COLUMNS}
       from api_tokens t join users u on u.id = t.user_id join organisations o on o.id = u.organisation_id
      where t.token_hash = $1 and t.revoked_at is null and (t.expires_at is null or t.expires_at > now())`,
    [sha256(raw)],
  );
  if (!t) return undefined;
  if (t.stale) await db.query('update api_tokens set last_used_at = now() where id = $1', [t.id]);
  return { id: t.id, user_id: t.user_id, read_only: t.read_only, actor: actorOf(t, t.read_only) };
}

export async function authEvent(
  db: Db,
  event: string,
  who: { userId?: number | null; username?: string | null },
  req: { ip?: string | undefined; userAgent?: string | undefined },
) {
  await db.query('insert into auth_events (user_id, username, event, ip, user_agent) values ($1, $2, $3, $4, $5)', [
    who.userId ?? null,
    who.username ?? null,
    event,
    req.ip ?? null,
    req.userAgent?.slice(0, 300) ?? null,
  ]);
}
