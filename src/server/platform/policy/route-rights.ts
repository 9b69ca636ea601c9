/**
 * Rights before input, by construction. Every state-changing API route (POST, PUT, PATCH, DELETE under
 * /api/) declares in `config.right` what its caller must hold, and the kernel checks it in `preValidation`,
 * before the body is validated: a caller without the right is answered 401 / 403 and learns nothing of
 * whether its input would pass. A write route without a declaration does not start (the app throws at
 * boot, naming the route), so a new module cannot forget it.
 *
 * The declaration is the role-level gate only; which rows a caller may change (its parks, its firm, its
 * hub) is still decided by the module once the input is read.
 */
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { forbidden, unauthorized } from '../../lib/errors.js';
import { Sql } from '../../lib/sql.js';
import type { Actor } from '../../modules/auth/actor.js';
import { assertMay, type Feature, isFeature } from './features.js';
import { policyOf } from './registry.js';

/**
 * - a right of the table (`assertMay`), or a list of which any one suffices;
 * - a function: the module's own role-level check (throws 401 / 403);
 * - `'self'`: any signed-in caller through a writable session, for its own things (its sessions, password,
 *   tokens, notifications);
 * - `'signedIn'`: any signed-in caller, read-only tokens too (a search sent as POST, readable by all);
 * - `'public'`: anyone (signing in).
 */
export type RouteRight =
  | Feature
  | readonly Feature[]
  | ((req: FastifyRequest) => void | Promise<void>)
  | 'self'
  | 'signedIn'
  | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What a caller of this route must hold, checked before its input (see platform/policy/route-rights). */
    right?: RouteRight;
  }
}

/**
 * The gate of a resource's writes: a caller whose role can neither change nor create any row of it (by the
 * resource's policy) is refused before its input is read; which rows it may change is decided later.
 */
export const changes =
  (resource: string) =>
  (req: FastifyRequest): void => {
    if (req.system) return;
    const a = req.actor;
    if (!a) throw unauthorized();
    const p = policyOf(resource);
    if (a.readOnly || (p.write(a, new Sql()) === false && p.create(a) === false)) throw forbidden();
  };

/** A module's role-level test as a route's gate (401 without a caller, 403 when the test says no). */
export const rightWhen =
  (test: (a: Actor) => boolean) =>
  (req: FastifyRequest): void => {
    if (req.system) return;
    if (!req.actor) throw unauthorized();
    if (!test(req.actor)) throw forbidden();
  };

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The check a declaration stands for. */
export function rightCheck(right: Exclude<RouteRight, 'public'>): (req: FastifyRequest) => Promise<void> {
  if (typeof right === 'function') return async (req) => right(req);
  if (right === 'self')
    return async (req) => {
      if (req.system) return;
      if (!req.actor) throw unauthorized();
      if (req.actor.readOnly) throw forbidden();
    };
  if (right === 'signedIn')
    return async (req) => {
      if (!req.system && !req.actor) throw unauthorized();
    };
  const any = typeof right === 'string' ? [right] : right;
  return async (req) => {
    let last: unknown;
    for (const f of any) {
      try {
        assertMay(req, f);
        return;
      } catch (e) {
        last = e;
      }
    }
    throw last;
  };
}

/**
 * Installs the gate: every route registered after this call that changes state must declare `config.right`.
 * Reads (GET) may declare one too; it is then checked before their query is validated.
 */
export function installRouteRights(app: FastifyInstance, { strict = true }: { strict?: boolean } = {}): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = [route.method].flat().map(String);
    if (!route.url.startsWith('/api/')) return;
    const right = (route.config as { right?: RouteRight } | undefined)?.right;
    if (right === undefined) {
      if (strict && methods.some((m) => WRITES.has(m)))
        throw new Error(
          `${methods.join(',')} ${route.url} changes state but declares no config.right (see platform/policy/route-rights.ts)`,
        );
      return;
    }
    if (right === 'public') return;
    // A misspelt right would fail every call at run time; refuse it at boot instead.
    const named = typeof right === 'string' ? (right === 'self' || right === 'signedIn' ? [] : [right]) : right;
    if (Array.isArray(named))
      for (const f of named)
        if (!isFeature(f)) throw new Error(`${methods.join(',')} ${route.url} declares an unknown right "${f}"`);
    const existing = route.preValidation ? [route.preValidation].flat() : [];
    route.preValidation = [rightCheck(right), ...existing] as RouteOptions['preValidation'];
  });
}
