/**
 * Sessions and API tokens. A session is a random token in an httpOnly, SameSite=Lax cookie; the
 * database keeps only its SHA-256, with a CSRF token the client must echo in `x-csrf-token` on every
 * state-changing request. API tokens are `plk_…` bearer tokens, hashed at rest, revocable, read-only
 * unless created otherwise.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../../db/connect.js';

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

export async function findSession(db: Db, raw: string) {
  // last_seen_at moves at most once a minute: the update is sent only then, not on every request
  // (a statement and a pool turn per request under load; docs/benchmarks.md, bench:load).
  const [s] = await db.query<{ id: string; user_id: number; csrf_token: string; stale: boolean }>(
    `select id, user_id, csrf_token, last_seen_at < now() - interval '1 minute' as stale
       from sessions where id = $1 and expires_at > now()`,
    [sha256(raw)],
  );
  if (!s) return undefined;
  if (s.stale)
    await db.query(
      `update sessions set last_seen_at = now() where id = $1 and last_seen_at < now() - interval '1 minute'`,
      [s.id],
    );
  return { id: s.id, user_id: s.user_id, csrf_token: s.csrf_token };
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

export async function findApiToken(db: Db, raw: string) {
  const [t] = await db.query<{ id: number; user_id: number; read_only: boolean }>(
    `select id, user_id, read_only from api_tokens
      where token_hash = $1 and revoked_at is null and (expires_at is null or expires_at > now())`,
    [sha256(raw)],
  );
  if (t) await db.query('update api_tokens set last_used_at = now() where id = $1', [t.id]);
  return t;
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
