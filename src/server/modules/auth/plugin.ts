/**
 * Authentication on every request: a session cookie (browsers) or a bearer API token (machines)
 * becomes `req.actor`. Every /api/v1 route needs an actor except signing in; a state-changing
 * request authenticated by cookie must carry the session's CSRF token.
 */

import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../../db/connect.js';
import { AppError, unauthorized } from '../../lib/errors.js';
import type { Ctx } from '../../lib/resource.js';
import type { AuditCtx } from '../../platform/audit.js';
import type { Actor } from './actor.js';
import { findApiToken, findSession, SESSION_COOKIE } from './sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
    sessionId?: string;
    csrfToken?: string;
    /** No credentials while sign-in is not required: acts as the system. */
    system?: boolean;
  }
}

/** Routes anyone may call. */
const PUBLIC = new Set(['/api/v1/auth/sign-in', '/api/v1/auth/demo-accounts']);
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export const ctxOf = (req: FastifyRequest): Ctx => ({ actor: req.actor, ip: req.ip, via: 'api' });
/** The requester as plain JSON for the audit rows a job writes (a job's data crosses processes). */
export const auditCtxOf = (req: FastifyRequest): AuditCtx => ({
  actor: req.actor ? { userId: req.actor.userId, username: req.actor.username } : undefined,
  ip: req.ip,
  via: 'api',
});

/**
 * `requireSignIn: false` lets requests without credentials through as the system (full access), for
 * local experiments only (`PARKLINK_REQUIRE_SIGN_IN=0` with `serve`); the default, and every test,
 * requires sign-in. Credentials, when given, are always checked.
 */
export async function registerAuth(app: FastifyInstance, db: Db, requireSignIn = true): Promise<void> {
  await app.register(fastifyCookie);
  app.addHook('onRequest', async (req) => {
    const path = req.url.split('?')[0] ?? '';
    const open = PUBLIC.has(path);
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (bearer) {
      const t = await findApiToken(db, bearer);
      const actor = t?.actor ?? null;
      if (!actor) throw unauthorized();
      req.actor = actor;
    } else {
      const raw = req.cookies[SESSION_COOKIE];
      const s = raw ? await findSession(db, raw) : undefined;
      const actor = s?.actor ?? null;
      if (s && actor) {
        req.actor = actor;
        req.sessionId = s.id;
        req.csrfToken = s.csrf_token;
        if (!open && !SAFE.has(req.method) && req.headers['x-csrf-token'] !== s.csrf_token) {
          throw new AppError(403, 'csrf_failed');
        }
      }
    }
    if (!req.actor && path.startsWith('/api/v1/') && !open) {
      if (requireSignIn) throw unauthorized();
      req.system = true;
    }
  });
}
