/**
 * Sign-in, sign-out, password and API tokens (administration is in admin-routes.ts). A read-only API
 * token may read the account but not change it: no password change, no token management, no ending
 * of sessions.
 */
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZApiToken, ZDemoAccounts, ZPassword, ZSession, ZSignIn, ZTokenInput } from '../../../contracts/auth.js';
import { fieldProblem } from '../../../contracts/errors.js';
import { idParam } from '../../../contracts/limits.js';
import type { Db } from '../../../db/connect.js';
import { AppError, forbidden, invalid, notFound, unauthorized } from '../../lib/errors.js';
import { ZProblem } from '../../lib/resource-routes.js';
import { present } from '../../lib/sql.js';
import type { Actor } from './actor.js';
import { registerAdminRoutes } from './admin-routes.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { authEvent, createApiToken, createSession, SESSION_COOKIE, SESSION_DAYS } from './sessions.js';
import { oneAtATime, throttleDelay, throttleState } from './throttle.js';

const tags = ['Accounts 账号'];
const ZId = z.object({ id: idParam() });

export const meta = (req: FastifyRequest) => ({ ip: req.ip, userAgent: req.headers['user-agent'] });

/** The signed-in actor, refused (403) when it came with a read-only API token: for account changes. */
function requireAccountWriter(req: FastifyRequest): Actor {
  const a = req.actor;
  if (!a) throw unauthorized();
  if (a.readOnly) throw forbidden();
  return a;
}

/** Checked against for unknown names, with the same parameters as real hashes so both take as long. */
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g';

/** A throttled sign-in: 429 with Retry-After; the same for every name, known or not. */
const ZThrottled = ZProblem.extend({
  retryAfter: z.number().int().optional().describe('Seconds to wait before the next attempt from this address'),
});

async function sessionUser(db: Db, userId: number) {
  const [u] = await db.query(
    `select u.id, u.username, u.display_name, u.role, u.organisation_id, o.name as organisation_name, u.must_change_password,
            o.enterprise_id
       from users u join organisations o on o.id = u.organisation_id where u.id = $1`,
    [userId],
  );
  return present<z.infer<typeof ZSession>['user']>(u as Record<string, unknown>);
}

function setCookie(reply: FastifyReply, req: FastifyRequest, raw: string) {
  reply.setCookie(SESSION_COOKIE, raw, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: req.protocol === 'https' || process.env.PARKLINK_SECURE_COOKIES === '1',
    maxAge: SESSION_DAYS * 86400,
  });
}

export async function registerAuthRoutes(app: FastifyInstance, db: Db): Promise<void> {
  await app.register(fastifyRateLimit, { global: false });
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/auth/sign-in',
    {
      config: { right: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Sign in with user name and password; sets the session cookie',
        body: ZSignIn,
        response: { 200: ZSession, 401: ZProblem, 422: ZProblem, 429: ZThrottled },
      },
    },
    async (req, reply) => {
      const { username, password } = req.body;
      const ip = req.ip ?? '';
      const userId = await oneAtATime(`${username}\n${ip}`, async () => {
        const { failures, waitS } = await throttleState(db, username, ip);
        if (waitS > 0) {
          reply.header('retry-after', String(waitS));
          throw new AppError(429, 'rate_limited', [], { retryAfter: waitS });
        }
        const [u] = await db.query<{ id: number; password_hash: string; disabled: boolean }>(
          'select id, password_hash, disabled from users where username = $1',
          [username],
        );
        // Verify even for unknown users, so timing does not tell which names exist.
        const ok = await verifyPassword(password, u?.password_hash ?? DUMMY_HASH);
        if (!u || !ok || u.disabled) {
          await authEvent(db, 'sign_in_failed', { userId: u?.id, username }, meta(req));
          // 'locked': from now on this address waits before its next attempt at this name.
          if (throttleDelay(failures + 1) > 0) await authEvent(db, 'locked', { userId: u?.id, username }, meta(req));
          throw new AppError(401, 'bad_credentials');
        }
        return u.id;
      });
      // A new session on every sign-in (no fixation); the one presented, if any, ends.
      if (req.sessionId) await db.query('delete from sessions where id = $1', [req.sessionId]);
      const s = await createSession(db, userId, req.ip, req.headers['user-agent']);
      await authEvent(db, 'sign_in', { userId, username }, meta(req));
      setCookie(reply, req, s.raw);
      return { user: await sessionUser(db, userId), csrfToken: s.csrfToken };
    },
  );

  r.get(
    '/api/v1/auth/session',
    { schema: { tags, summary: 'The signed-in user and the CSRF token', response: { 200: ZSession, 401: ZProblem } } },
    async (req) => {
      const a = req.actor;
      if (!a) throw unauthorized();
      return { user: await sessionUser(db, a.userId), csrfToken: req.csrfToken ?? '' };
    },
  );

  r.post(
    '/api/v1/auth/sign-out',
    { config: { right: 'public' }, schema: { tags, summary: 'End this session', response: { 204: z.null() } } },
    async (req, reply) => {
      if (req.sessionId) await db.query('delete from sessions where id = $1', [req.sessionId]);
      await authEvent(db, 'sign_out', { userId: req.actor?.userId, username: req.actor?.username }, meta(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/v1/auth/sign-out-everywhere',
    {
      config: { right: 'self' },
      schema: { tags, summary: 'End every session of this user', response: { 204: z.null(), 403: ZProblem } },
    },
    async (req, reply) => {
      const a = requireAccountWriter(req);
      await db.query('delete from sessions where user_id = $1', [a.userId]);
      await authEvent(db, 'sign_out_everywhere', { userId: a.userId, username: a.username }, meta(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/v1/auth/password',
    {
      config: { right: 'self' },
      schema: {
        tags,
        summary: 'Change my password; other sessions end',
        body: z.object({ current: z.string().min(1).max(200), next: ZPassword }),
        response: { 204: z.null(), 403: ZProblem, 422: ZProblem },
      },
    },
    async (req, reply) => {
      const a = requireAccountWriter(req);
      const [u] = await db.query<{ password_hash: string }>('select password_hash from users where id = $1', [
        a.userId,
      ]);
      if (!u || !(await verifyPassword(req.body.current, u.password_hash)))
        throw invalid([fieldProblem(['current'], 'wrong_password')]);
      const hash = await hashPassword(req.body.next);
      await db.tx(async (t) => {
        await t.query(
          'update users set password_hash = $2, must_change_password = false, version = version + 1, updated_at = now() where id = $1',
          [a.userId, hash],
        );
        await t.query('delete from sessions where user_id = $1 and id <> $2', [a.userId, req.sessionId ?? '']);
        await authEvent(t, 'password_changed', { userId: a.userId, username: a.username }, meta(req));
      });
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/auth/demo-accounts',
    {
      schema: {
        tags,
        summary: 'Demo accounts (only when the demo dataset is loaded)',
        response: { 200: ZDemoAccounts },
      },
    },
    async () => {
      const rows = await db.query(
        `select u.username, u.display_name, u.role, o.name as organisation_name from users u join organisations o on o.id = u.organisation_id
        where u.is_demo and not u.disabled order by u.id`,
      );
      return {
        items: rows.map((x) => present<z.infer<typeof ZDemoAccounts>['items'][number]>(x)),
        password: rows.length ? DEMO_PASSWORD : null,
      };
    },
  );

  // ── API tokens (own) ──
  r.get(
    '/api/v1/auth/tokens',
    {
      schema: {
        tags,
        summary: 'My API tokens',
        response: { 200: z.object({ items: z.array(ZApiToken) }), 401: ZProblem },
      },
    },
    async (req) => {
      if (!req.actor) throw unauthorized();
      const rows = await db.query(
        'select id, name, prefix, read_only, created_at, last_used_at, expires_at, revoked_at from api_tokens where user_id = $1 order by id desc',
        [req.actor.userId],
      );
      return { items: rows.map((x) => present<z.infer<typeof ZApiToken>>(x)) };
    },
  );
  r.post(
    '/api/v1/auth/tokens',
    {
      config: { right: 'self' },
      schema: {
        tags,
        summary: 'Create an API token; it is shown once',
        body: ZTokenInput,
        response: { 201: z.object({ id: z.number().int(), token: z.string() }), 403: ZProblem, 422: ZProblem },
      },
    },
    async (req, reply) => {
      const a = requireAccountWriter(req);
      const t = await createApiToken(db, a.userId, req.body.name, req.body.readOnly, req.body.expiresInDays);
      await authEvent(db, 'token_created', { userId: a.userId, username: a.username }, meta(req));
      return reply.status(201).send(t);
    },
  );
  r.delete(
    '/api/v1/auth/tokens/:id',
    {
      config: { right: 'self' },
      schema: {
        tags,
        summary: 'Revoke one of my API tokens',
        params: ZId,
        response: { 204: z.null(), 403: ZProblem, 404: ZProblem },
      },
    },
    async (req, reply) => {
      const a = requireAccountWriter(req);
      const done = await db.query(
        'update api_tokens set revoked_at = now() where id = $1 and user_id = $2 and revoked_at is null returning id',
        [req.params.id, a.userId],
      );
      if (!done.length) throw notFound();
      await authEvent(db, 'token_revoked', { userId: a.userId, username: a.username }, meta(req));
      return reply.status(204).send(null);
    },
  );

  await registerAdminRoutes(app, db);
}

export const DEMO_PASSWORD = 'parklink-demo';
