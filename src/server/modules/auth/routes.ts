/** Sign-in, sign-out, password, API tokens; and for administrators users, organisations and the audit log. */
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ORG_KINDS, ROLES, ZPassword, ZSession, ZSignIn } from '../../../contracts/auth.js';
import { fieldProblem } from '../../../contracts/errors.js';
import type { Db } from '../../../db/connect.js';
import { AppError, forbidden, invalid, notFound, unauthorized } from '../../lib/errors.js';
import { ZProblem } from '../../lib/resource-routes.js';
import { present } from '../../lib/sql.js';
import type { Actor } from './actor.js';
import { hashPassword, randomPassword, verifyPassword } from './passwords.js';
import {
  authEvent,
  createApiToken,
  createSession,
  LOCK_AFTER,
  LOCK_MINUTES,
  SESSION_COOKIE,
  SESSION_DAYS,
} from './sessions.js';

const tags = ['Accounts 账号'];
const admin = ['Administration 管理'];
const ZId = z.object({ id: z.coerce.number().int().positive() });

function requireAdmin(req: FastifyRequest): Actor | undefined {
  if (req.system) return undefined;
  const a = req.actor;
  if (!a) throw unauthorized();
  if (a.role !== 'city_admin' || a.readOnly) throw forbidden();
  return a;
}

const meta = (req: FastifyRequest) => ({ ip: req.ip, userAgent: req.headers['user-agent'] });

/** Administration changes go to the same append-only change_log as registry changes (passwords never). */
async function auditAdmin(
  db: Db,
  req: FastifyRequest,
  entity: 'users' | 'organisations',
  id: number,
  action: 'create' | 'update',
  oldValues: Record<string, unknown> | null,
  newValues: Record<string, unknown>,
) {
  await db.query(
    `insert into change_log (entity, entity_id, action, old_values, new_values, actor_user_id, actor, ip, via)
     values ($1, $2, $3, $4::jsonb, $5::jsonb, $6, $7, $8, 'admin')`,
    [
      entity,
      String(id),
      action,
      oldValues && JSON.stringify(oldValues),
      JSON.stringify(newValues),
      req.actor?.userId ?? null,
      req.actor?.username ?? null,
      req.ip,
    ],
  );
}

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
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Sign in with user name and password; sets the session cookie',
        body: ZSignIn,
        response: { 200: ZSession, 401: ZProblem, 423: ZProblem, 429: ZProblem },
      },
    },
    async (req, reply) => {
      const { username, password } = req.body;
      const [u] = await db.query<{
        id: number;
        password_hash: string;
        locked: boolean;
        disabled: boolean;
        failed_sign_ins: number;
      }>(
        `select id, password_hash, coalesce(locked_until > now(), false) as locked, disabled, failed_sign_ins from users where username = $1`,
        [username],
      );
      if (u?.locked) {
        await authEvent(db, 'sign_in_failed', { userId: u.id, username }, meta(req));
        throw new AppError(423, 'account_locked');
      }
      // Verify even for unknown users, so timing does not tell which names exist.
      const ok = await verifyPassword(
        password,
        u?.password_hash ??
          '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g',
      );
      if (!u || !ok || u.disabled) {
        if (u) {
          const [after] = await db.query<{ failed_sign_ins: number }>(
            `update users set failed_sign_ins = failed_sign_ins + 1,
               locked_until = case when failed_sign_ins + 1 >= $2 then now() + ($3 || ' minutes')::interval else locked_until end
             where id = $1 returning failed_sign_ins`,
            [u.id, LOCK_AFTER, String(LOCK_MINUTES)],
          );
          if ((after?.failed_sign_ins ?? 0) >= LOCK_AFTER)
            await authEvent(db, 'locked', { userId: u.id, username }, meta(req));
        }
        await authEvent(db, 'sign_in_failed', { userId: u?.id, username }, meta(req));
        throw new AppError(401, 'bad_credentials');
      }
      await db.query('update users set failed_sign_ins = 0, locked_until = null where id = $1', [u.id]);
      // A new session on every sign-in (no fixation); the one presented, if any, ends.
      if (req.sessionId) await db.query('delete from sessions where id = $1', [req.sessionId]);
      const s = await createSession(db, u.id, req.ip, req.headers['user-agent']);
      await authEvent(db, 'sign_in', { userId: u.id, username }, meta(req));
      setCookie(reply, req, s.raw);
      return { user: await sessionUser(db, u.id), csrfToken: s.csrfToken };
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

  r.post('/api/v1/auth/sign-out', { schema: { tags, summary: 'End this session' } }, async (req, reply) => {
    if (req.sessionId) await db.query('delete from sessions where id = $1', [req.sessionId]);
    await authEvent(db, 'sign_out', { userId: req.actor?.userId, username: req.actor?.username }, meta(req));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  r.post(
    '/api/v1/auth/sign-out-everywhere',
    { schema: { tags, summary: 'End every session of this user' } },
    async (req, reply) => {
      const a = req.actor;
      if (!a) throw unauthorized();
      await db.query('delete from sessions where user_id = $1', [a.userId]);
      await authEvent(db, 'sign_out_everywhere', { userId: a.userId, username: a.username }, meta(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  r.post(
    '/api/v1/auth/password',
    {
      schema: {
        tags,
        summary: 'Change my password; other sessions end',
        body: z.object({ current: z.string().min(1).max(200), next: ZPassword }),
        response: { 204: z.null(), 422: ZProblem },
      },
    },
    async (req, reply) => {
      const a = req.actor;
      if (!a) throw unauthorized();
      const [u] = await db.query<{ password_hash: string }>('select password_hash from users where id = $1', [
        a.userId,
      ]);
      if (!u || !(await verifyPassword(req.body.current, u.password_hash)))
        throw invalid([fieldProblem(['current'], 'wrong_password')]);
      await db.query(
        'update users set password_hash = $2, must_change_password = false, version = version + 1, updated_at = now() where id = $1',
        [a.userId, await hashPassword(req.body.next)],
      );
      await db.query('delete from sessions where user_id = $1 and id <> $2', [a.userId, req.sessionId ?? '']);
      await authEvent(db, 'password_changed', { userId: a.userId, username: a.username }, meta(req));
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/auth/demo-accounts',
    { schema: { tags, summary: 'Demo accounts (only when the demo dataset is loaded)' } },
    async () => {
      const rows = await db.query(
        `select u.username, u.display_name, u.role, o.name as organisation_name from users u join organisations o on o.id = u.organisation_id
        where u.is_demo and not u.disabled order by u.id`,
      );
      return { items: rows.map((x) => present(x)), password: rows.length ? DEMO_PASSWORD : null };
    },
  );

  // ── API tokens (own) ──
  r.get('/api/v1/auth/tokens', { schema: { tags, summary: 'My API tokens' } }, async (req) => {
    if (!req.actor) throw unauthorized();
    const rows = await db.query(
      'select id, name, prefix, read_only, created_at, last_used_at, expires_at, revoked_at from api_tokens where user_id = $1 order by id desc',
      [req.actor.userId],
    );
    return { items: rows.map((x) => present(x)) };
  });
  r.post(
    '/api/v1/auth/tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token; it is shown once',
        body: z.object({
          name: z.string().trim().min(1).max(100),
          readOnly: z.boolean().default(true),
          expiresInDays: z.number().int().min(1).max(3650).optional(),
        }),
      },
    },
    async (req, reply) => {
      const a = req.actor;
      if (!a) throw unauthorized();
      if (a.readOnly) throw forbidden();
      const t = await createApiToken(db, a.userId, req.body.name, req.body.readOnly, req.body.expiresInDays);
      await authEvent(db, 'token_created', { userId: a.userId, username: a.username }, meta(req));
      return reply.status(201).send(t);
    },
  );
  r.delete(
    '/api/v1/auth/tokens/:id',
    { schema: { tags, summary: 'Revoke one of my API tokens', params: ZId } },
    async (req, reply) => {
      const a = req.actor;
      if (!a) throw unauthorized();
      const done = await db.query(
        'update api_tokens set revoked_at = now() where id = $1 and user_id = $2 and revoked_at is null returning id',
        [req.params.id, a.userId],
      );
      if (!done.length) throw notFound();
      await authEvent(db, 'token_revoked', { userId: a.userId, username: a.username }, meta(req));
      return reply.status(204).send();
    },
  );

  // ── Administration ──
  const ZUserInput = z.object({
    username: z
      .string()
      .trim()
      .min(2)
      .max(64)
      .regex(/^[a-z0-9._-]+$/),
    displayName: z.string().trim().min(1).max(100),
    role: z.enum(ROLES),
    organisationId: z.number().int().positive(),
    password: ZPassword.optional().describe('Omit to generate one (returned once)'),
  });
  r.get('/api/v1/admin/users', { schema: { tags: admin, summary: 'Users' } }, async (req) => {
    requireAdmin(req);
    const rows = await db.query(
      `select u.id, u.username, u.display_name, u.role, u.organisation_id, o.name as organisation_name, u.disabled, u.is_demo,
              u.must_change_password, (u.locked_until > now()) as locked, u.created_at, u.version
         from users u join organisations o on o.id = u.organisation_id order by u.id`,
    );
    return { items: rows.map((x) => present(x)) };
  });
  r.post(
    '/api/v1/admin/users',
    { schema: { tags: admin, summary: 'Create a user', body: ZUserInput } },
    async (req, reply) => {
      requireAdmin(req);
      const password = req.body.password ?? randomPassword();
      const [org] = await db.query('select id from organisations where id = $1', [req.body.organisationId]);
      if (!org) throw invalid([fieldProblem(['organisationId'], 'reference_not_found')]);
      const [u] = await db.query<{ id: number }>(
        `insert into users (organisation_id, username, display_name, role, password_hash, must_change_password)
       values ($1, $2, $3, $4, $5, $6) returning id`,
        [
          req.body.organisationId,
          req.body.username,
          req.body.displayName,
          req.body.role,
          await hashPassword(password),
          !req.body.password,
        ],
      );
      const { password: _secret, ...shown } = req.body;
      await auditAdmin(db, req, 'users', u!.id, 'create', null, shown);
      return reply.status(201).send({ id: u!.id, password: req.body.password ? undefined : password });
    },
  );
  r.patch(
    '/api/v1/admin/users/:id',
    {
      schema: {
        tags: admin,
        summary: 'Change role, organisation or display name; disable or enable',
        params: ZId,
        body: z.object({
          version: z.number().int(),
          displayName: z.string().trim().min(1).max(100).optional(),
          role: z.enum(ROLES).optional(),
          organisationId: z.number().int().positive().optional(),
          disabled: z.boolean().optional(),
        }),
      },
    },
    async (req) => {
      requireAdmin(req);
      const b = req.body;
      const [before] = await db.query<Record<string, unknown>>(
        'select display_name as "displayName", role, organisation_id as "organisationId", disabled from users where id = $1',
        [req.params.id],
      );
      const done = await db.query(
        `update users set display_name = coalesce($3, display_name), role = coalesce($4, role), organisation_id = coalesce($5, organisation_id),
           disabled = coalesce($6, disabled), version = version + 1, updated_at = now() where id = $1 and version = $2 returning id`,
        [req.params.id, b.version, b.displayName ?? null, b.role ?? null, b.organisationId ?? null, b.disabled ?? null],
      );
      if (!done.length) {
        const [cur] = await db.query('select id, version from users where id = $1', [req.params.id]);
        if (!cur) throw notFound();
        throw new AppError(409, 'stale_version', [], { current: present(cur) });
      }
      if (b.disabled) await db.query('delete from sessions where user_id = $1', [req.params.id]);
      const { version: _v, ...changes } = b;
      const changed = Object.keys(changes).filter(
        (k) => JSON.stringify(before?.[k]) !== JSON.stringify(changes[k as keyof typeof changes]),
      );
      await auditAdmin(
        db,
        req,
        'users',
        req.params.id,
        'update',
        Object.fromEntries(changed.map((k) => [k, before?.[k] ?? null])),
        Object.fromEntries(changed.map((k) => [k, changes[k as keyof typeof changes]])),
      );
      return { ok: true };
    },
  );
  r.post(
    '/api/v1/admin/users/:id/reset-password',
    {
      schema: {
        tags: admin,
        summary: 'Reset a password; the new one is returned once and must be changed',
        params: ZId,
      },
    },
    async (req) => {
      requireAdmin(req);
      const password = randomPassword();
      const done = await db.query<{ username: string }>(
        `update users set password_hash = $2, must_change_password = true, failed_sign_ins = 0, locked_until = null where id = $1 returning username`,
        [req.params.id, await hashPassword(password)],
      );
      if (!done.length) throw notFound();
      await db.query('delete from sessions where user_id = $1', [req.params.id]);
      await authEvent(db, 'password_reset', { userId: req.params.id, username: done[0]?.username }, meta(req));
      return { password };
    },
  );

  const ZOrgInput = z.object({
    name: z.string().trim().min(1).max(200),
    kind: z.enum(ORG_KINDS),
    regionCodes: z
      .array(z.string().regex(/^\d{6}$/))
      .max(20)
      .default([]),
    enterpriseId: z.number().int().positive().nullable().optional(),
    parkIds: z.array(z.number().int().positive()).max(500).default([]),
  });
  r.get(
    '/api/v1/admin/organisations',
    { schema: { tags: admin, summary: 'Organisations with their scopes' } },
    async (req) => {
      requireAdmin(req);
      const rows = await db.query(
        `select o.*, coalesce((select array_agg(park_id order by park_id) from organisation_parks where organisation_id = o.id), '{}') as park_ids,
              (select count(*)::int from users where organisation_id = o.id) as user_count
         from organisations o order by o.id`,
      );
      return { items: rows.map((x) => present(x)) };
    },
  );
  r.post(
    '/api/v1/admin/organisations',
    { schema: { tags: admin, summary: 'Create an organisation and its scope', body: ZOrgInput } },
    async (req, reply) => {
      requireAdmin(req);
      const b = req.body;
      const id = await db.tx(async (t) => {
        const [o] = await t.query<{ id: number }>(
          'insert into organisations (name, kind, region_codes, enterprise_id) values ($1, $2, $3, $4) returning id',
          [b.name, b.kind, b.regionCodes, b.enterpriseId ?? null],
        );
        await t.query('insert into organisation_parks (organisation_id, park_id) select $1, unnest($2::int[])', [
          o!.id,
          b.parkIds,
        ]);
        return o!.id;
      });
      await auditAdmin(db, req, 'organisations', id, 'create', null, b);
      return reply.status(201).send({ id });
    },
  );
  r.put(
    '/api/v1/admin/organisations/:id/scope',
    {
      schema: {
        tags: admin,
        summary: "Replace an organisation's parks, districts and enterprise",
        params: ZId,
        body: ZOrgInput.pick({ regionCodes: true, parkIds: true, enterpriseId: true }),
      },
    },
    async (req) => {
      requireAdmin(req);
      const b = req.body;
      const [before] = await db.query<Record<string, unknown>>(
        `select region_codes as "regionCodes", enterprise_id as "enterpriseId",
                coalesce((select array_agg(park_id order by park_id) from organisation_parks where organisation_id = o.id), '{}') as "parkIds"
           from organisations o where id = $1`,
        [req.params.id],
      );
      await db.tx(async (t) => {
        const done = await t.query(
          'update organisations set region_codes = $2, enterprise_id = $3, version = version + 1, updated_at = now() where id = $1 returning id',
          [req.params.id, b.regionCodes, b.enterpriseId ?? null],
        );
        if (!done.length) throw notFound();
        await t.query('delete from organisation_parks where organisation_id = $1', [req.params.id]);
        await t.query('insert into organisation_parks (organisation_id, park_id) select $1, unnest($2::int[])', [
          req.params.id,
          b.parkIds,
        ]);
      });
      const after = { ...b, parkIds: [...b.parkIds].sort((x, y) => x - y) };
      await auditAdmin(db, req, 'organisations', req.params.id, 'update', before ?? null, after);
      return { ok: true };
    },
  );

  r.get(
    '/api/v1/admin/audit',
    {
      schema: {
        tags: admin,
        summary: 'The audit log: every change (who, when, from where, old and new values) and every sign-in',
        querystring: z.object({
          entity: z.string().max(64).optional(),
          entityId: z.string().max(64).optional(),
          actor: z.string().max(64).optional(),
          q: z.string().max(100).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
          offset: z.coerce.number().int().min(0).default(0),
        }),
      },
    },
    async (req) => {
      requireAdmin(req);
      const { entity, entityId, actor, q, limit, offset } = req.query;
      const rows = await db.query(
        `select * from (
           select 'change' as kind, id, at, entity, entity_id, action, old_values, new_values, actor, ip, via from change_log
           union all
           select 'auth', id, at, 'auth', user_id::text, event, null, null, username, ip, null from auth_events) x
          where ($1::text is null or entity = $1) and ($2::text is null or entity_id = $2) and ($3::text is null or actor = $3)
            and ($4::text is null or coalesce(old_values::text, '') || coalesce(new_values::text, '') || coalesce(actor, '') ilike '%' || $4 || '%')
          order by at desc, id desc limit $5 offset $6`,
        [entity ?? null, entityId ?? null, actor ?? null, q ?? null, limit, offset],
      );
      return { items: rows.map((x) => present(x)), limit, offset };
    },
  );
}

export const DEMO_PASSWORD = 'parklink-demo';
