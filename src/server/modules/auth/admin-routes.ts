/**
 * Administration: users, organisations and the audit log, for city administrators. Every write runs
 * its change and its change_log row (writeAudit, via 'admin') in one transaction: a write that fails
 * leaves nothing, and one that succeeds is always audited. Passwords are never audited.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  storableText,
  ZAdminOrganisation,
  ZAdminUser,
  ZAuditLogEntry,
  ZOrgInput,
  ZUserInput,
  ZUserPatch,
} from '../../../contracts/auth.js';
import { fieldProblem } from '../../../contracts/errors.js';
import type { Db } from '../../../db/connect.js';
import { AppError, invalid, notFound } from '../../lib/errors.js';
import { ZProblem } from '../../lib/resource-routes.js';
import { present } from '../../lib/sql.js';
import { type AuditCtx, writeAudit } from '../../platform/audit.js';
import { assertMay } from '../../platform/policy/index.js';
import type { Actor } from './actor.js';
import { hashPassword, randomPassword } from './passwords.js';
import { authEvent } from './sessions.js';

const admin = ['Administration 管理'];
const ZId = z.object({ id: z.coerce.number().int().positive().max(2147483647) });
/** A filter of the audit log: any text PostgreSQL can compare (no NUL, no lone surrogate). */
const zFilter = (max: number) => z.string().max(max).refine(storableText, { message: 'invalid_format' });
const errors = { 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem };

const requireAdmin = (req: FastifyRequest): Actor | undefined => assertMay(req, 'administer');

const auditCtx = (req: FastifyRequest): AuditCtx => ({ actor: req.actor, ip: req.ip, via: 'admin' });
const meta = (req: FastifyRequest) => ({ ip: req.ip, userAgent: req.headers['user-agent'] });

/** The keys of `next` whose values differ from `before`, as old and new values for the audit. */
function diff(before: Record<string, unknown>, next: Record<string, unknown>) {
  const changed = Object.keys(next).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(next[k]));
  return {
    old: Object.fromEntries(changed.map((k) => [k, before[k] ?? null])),
    new: Object.fromEntries(changed.map((k) => [k, next[k]])),
  };
}

async function requireOrganisation(t: Db, id: number, field: string) {
  const [org] = await t.query('select id from organisations where id = $1', [id]);
  if (!org) throw invalid([fieldProblem([field], 'reference_not_found')]);
}

export async function registerAdminRoutes(app: FastifyInstance, db: Db): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/admin/users',
    {
      schema: {
        tags: admin,
        summary: 'Users',
        response: { 200: z.object({ items: z.array(ZAdminUser) }), 401: ZProblem, 403: ZProblem },
      },
    },
    async (req) => {
      requireAdmin(req);
      const rows = await db.query(
        `select u.id, u.username, u.display_name, u.role, u.organisation_id, o.name as organisation_name, u.disabled, u.is_demo,
              u.must_change_password, (u.locked_until > now()) as locked, u.created_at, u.version
         from users u join organisations o on o.id = u.organisation_id order by u.id`,
      );
      return { items: rows.map((x) => present<z.infer<typeof ZAdminUser>>(x)) };
    },
  );

  r.post(
    '/api/v1/admin/users',
    {
      config: { right: 'administer' },
      schema: {
        tags: admin,
        summary: 'Create a user',
        body: ZUserInput,
        response: { 201: z.object({ id: z.number().int(), password: z.string().optional() }), ...errors },
      },
    },
    async (req, reply) => {
      requireAdmin(req);
      const { password: given, ...shown } = req.body;
      const password = given ?? randomPassword();
      // Hash before the transaction: it takes a worker ~0.35 s and needs no row held.
      const hash = await hashPassword(password);
      const id = await db.tx(async (t) => {
        await requireOrganisation(t, shown.organisationId, 'organisationId');
        const [u] = await t.query<{ id: number }>(
          `insert into users (organisation_id, username, display_name, role, password_hash, must_change_password)
           values ($1, $2, $3, $4, $5, $6) returning id`,
          [shown.organisationId, shown.username, shown.displayName, shown.role, hash, !given],
        );
        await writeAudit(t, auditCtx(req), { entity: 'users', entityId: u!.id, action: 'create', new: shown });
        return u!.id;
      });
      return reply.status(201).send({ id, password: given ? undefined : password });
    },
  );

  r.patch(
    '/api/v1/admin/users/:id',
    {
      config: { right: 'administer' },
      schema: {
        tags: admin,
        summary: 'Change role, organisation or display name; disable or enable',
        params: ZId,
        body: ZUserPatch,
        response: { 200: z.object({ ok: z.boolean() }), ...errors },
      },
    },
    async (req) => {
      requireAdmin(req);
      const { version, ...changes } = req.body;
      const id = req.params.id;
      await db.tx(async (t) => {
        if (changes.organisationId !== undefined)
          await requireOrganisation(t, changes.organisationId, 'organisationId');
        const [before] = await t.query<Record<string, unknown>>(
          `select display_name as "displayName", role, organisation_id as "organisationId", disabled, version
             from users where id = $1 for update`,
          [id],
        );
        if (!before) throw notFound();
        if (before.version !== version) {
          throw new AppError(409, 'stale_version', [], { current: { id, version: before.version } });
        }
        await t.query(
          `update users set display_name = coalesce($2, display_name), role = coalesce($3, role),
             organisation_id = coalesce($4, organisation_id), disabled = coalesce($5, disabled),
             version = version + 1, updated_at = now() where id = $1`,
          [
            id,
            changes.displayName ?? null,
            changes.role ?? null,
            changes.organisationId ?? null,
            changes.disabled ?? null,
          ],
        );
        if (changes.disabled) await t.query('delete from sessions where user_id = $1', [id]);
        await writeAudit(t, auditCtx(req), {
          entity: 'users',
          entityId: id,
          action: 'update',
          ...diff(before, changes),
        });
      });
      return { ok: true };
    },
  );

  r.post(
    '/api/v1/admin/users/:id/reset-password',
    {
      config: { right: 'administer' },
      schema: {
        tags: admin,
        summary: 'Reset a password; the new one is returned once and must be changed',
        params: ZId,
        response: { 200: z.object({ password: z.string() }), ...errors },
      },
    },
    async (req) => {
      requireAdmin(req);
      const password = randomPassword();
      const hash = await hashPassword(password);
      await db.tx(async (t) => {
        const done = await t.query<{ username: string }>(
          `update users set password_hash = $2, must_change_password = true, failed_sign_ins = 0, locked_until = null
            where id = $1 returning username`,
          [req.params.id, hash],
        );
        if (!done.length) throw notFound();
        await t.query('delete from sessions where user_id = $1', [req.params.id]);
        // Also clears the sign-in throttle of this name at every address (throttle.ts).
        await authEvent(t, 'password_reset', { userId: req.params.id, username: done[0]?.username }, meta(req));
      });
      return { password };
    },
  );

  r.get(
    '/api/v1/admin/organisations',
    {
      schema: {
        tags: admin,
        summary: 'Organisations with their scopes',
        response: { 200: z.object({ items: z.array(ZAdminOrganisation) }), 401: ZProblem, 403: ZProblem },
      },
    },
    async (req) => {
      requireAdmin(req);
      const rows = await db.query(
        `select o.*, coalesce((select array_agg(park_id order by park_id) from organisation_parks where organisation_id = o.id), '{}') as park_ids,
              (select count(*)::int from users where organisation_id = o.id) as user_count
         from organisations o order by o.id`,
      );
      return { items: rows.map((x) => present<z.infer<typeof ZAdminOrganisation>>(x)) };
    },
  );

  r.post(
    '/api/v1/admin/organisations',
    {
      config: { right: 'administer' },
      schema: {
        tags: admin,
        summary: 'Create an organisation and its scope',
        body: ZOrgInput,
        response: { 201: z.object({ id: z.number().int() }), ...errors },
      },
    },
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
        await writeAudit(t, auditCtx(req), { entity: 'organisations', entityId: o!.id, action: 'create', new: b });
        return o!.id;
      });
      return reply.status(201).send({ id });
    },
  );

  r.put(
    '/api/v1/admin/organisations/:id/scope',
    {
      config: { right: 'administer' },
      schema: {
        tags: admin,
        summary: "Replace an organisation's parks, districts and enterprise",
        params: ZId,
        body: ZOrgInput.pick({ regionCodes: true, parkIds: true, enterpriseId: true }),
        response: { 200: z.object({ ok: z.boolean() }), ...errors },
      },
    },
    async (req) => {
      requireAdmin(req);
      const b = req.body;
      const id = req.params.id;
      await db.tx(async (t) => {
        const [before] = await t.query<Record<string, unknown>>(
          `select region_codes as "regionCodes", enterprise_id as "enterpriseId",
                  coalesce((select array_agg(park_id order by park_id) from organisation_parks where organisation_id = o.id), '{}') as "parkIds"
             from organisations o where id = $1 for update`,
          [id],
        );
        if (!before) throw notFound();
        await t.query(
          'update organisations set region_codes = $2, enterprise_id = $3, version = version + 1, updated_at = now() where id = $1',
          [id, b.regionCodes, b.enterpriseId ?? null],
        );
        await t.query('delete from organisation_parks where organisation_id = $1', [id]);
        await t.query('insert into organisation_parks (organisation_id, park_id) select $1, unnest($2::int[])', [
          id,
          b.parkIds,
        ]);
        const after = { ...b, enterpriseId: b.enterpriseId ?? null, parkIds: [...b.parkIds].sort((x, y) => x - y) };
        await writeAudit(t, auditCtx(req), {
          entity: 'organisations',
          entityId: id,
          action: 'update',
          old: before,
          new: after,
        });
      });
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
          entity: zFilter(64).optional(),
          entityId: zFilter(64).optional(),
          actor: zFilter(64).optional(),
          q: zFilter(100).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
          offset: z.coerce.number().int().min(0).max(2147483647).default(0),
        }),
        response: {
          200: z.object({
            items: z.array(ZAuditLogEntry).describe('Newest first'),
            limit: z.number().int(),
            offset: z.number().int(),
          }),
          401: ZProblem,
          403: ZProblem,
          422: ZProblem,
        },
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
      return { items: rows.map((x) => present<z.infer<typeof ZAuditLogEntry>>(x)), limit, offset };
    },
  );
}
