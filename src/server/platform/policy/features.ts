/**
 * Rights that are not rows of a resource: administration, imports, chain maintenance, orders,
 * conferences. Routes assert them with `assertMay`; the permission matrix (permissions.ts) shows
 * the same functions to the web, so a button and its route cannot disagree.
 *
 * Every right is an allow-list: GRANTS names, for every role, whether it holds the right and
 * whether a read-only token of that role keeps it. The table is typed `Record<Role, Grant>`, so a
 * role added to ROLES does not compile until each right has decided about it — no role gets a
 * right by default.
 */
import type { FastifyRequest } from 'fastify';
import { ROLES, type Role } from '../../../contracts/auth.js';
import { forbidden, unauthorized } from '../../lib/errors.js';
import type { Actor } from '../../modules/auth/actor.js';

/**
 * What a role holds of one right: `no`; `write` — only through a full session or a read-write
 * token (a read-only token loses it); `read` — also through a read-only token.
 */
export type Grant = 'no' | 'write' | 'read';

/** Every role but the public viewer, through a writable session (never a read-only token). */
const ANY_WRITER = {
  city_admin: 'write',
  city_analyst: 'write',
  district_user: 'write',
  park_operator: 'write',
  investment_officer: 'write',
  enterprise_user: 'write',
  hub_operator: 'write',
} as const;

/** Rights as allow-lists: every right names every role. */
export const GRANTS = {
  /**
   * Changes anything at all (a route's gate before its input, where the module decides the rows later —
   * a conference names its organisers, a hub its shippers): every role but the public viewer, never
   * through a read-only token.
   */
  writer: only(ANY_WRITER),
  /** Users, organisations, the audit log. */
  administer: only({ city_admin: 'write' }),
  /** Spreadsheet imports write every kind at once, past any zone. */
  import: only({ city_admin: 'write' }),
  /** Every field of every record. */
  exportDataset: only({ city_admin: 'read', city_analyst: 'read' }),
  /** Analyses with money figures (chain health, matrix, suppliers); others get rates only. */
  seeFigures: only({ city_admin: 'read', city_analyst: 'read' }),
  /** Publishing a chain template changes a city-wide reference. */
  chainPublish: only({ city_admin: 'write' }),
  /** 链图维护: review mappings and leaders of the firms one may change (the city, or a zone). */
  chainMaintain: only({ city_admin: 'write', district_user: 'write', park_operator: 'write' }),
  /** Gap-filling leads are for those who attract investment. */
  chainShortlist: only({
    city_admin: 'write',
    city_analyst: 'write',
    district_user: 'write',
    park_operator: 'write',
    investment_officer: 'write',
  }),
  /** The 招商项目 board, leads and the results dashboard (which rows: policy/projects.ts). */
  projects: only({
    city_admin: 'read',
    city_analyst: 'read',
    district_user: 'read',
    park_operator: 'read',
    investment_officer: 'read',
  }),
  issueOrders: only({ city_admin: 'write' }),
  /** Organisers of any conference (others organise the ones that name them). */
  organiseConferences: only({ city_admin: 'write', investment_officer: 'write' }),
  /** The background-job list: one's own jobs (imports, runs, reports …); the public viewer starts none. */
  jobs: only({
    city_admin: 'read',
    city_analyst: 'read',
    district_user: 'read',
    park_operator: 'read',
    investment_officer: 'read',
    enterprise_user: 'read',
    hub_operator: 'read',
  }),
  /** Every user's jobs, not only one's own. */
  jobsAll: only({ city_admin: 'read' }),
  /** Cancel or retry the jobs one sees. */
  jobsManage: only(ANY_WRITER),
} satisfies Record<string, Record<Role, Grant>>;

/**
 * One right's row from the roles it allows; every other role is `no`. Deny by default: a role
 * added to ROLES holds none of these until a row names it (features.test.ts holds the expected
 * table for every role and fails until the new role is written into it).
 */
function only(allowed: Partial<Record<Role, Exclude<Grant, 'no'>>>): Record<Role, Grant> {
  return Object.fromEntries(ROLES.map((r) => [r, allowed[r] ?? 'no'])) as Record<Role, Grant>;
}

/** Whether an actor holds a right of the table. */
export const holds = (a: Actor, g: Record<Role, Grant>): boolean => {
  const grant = Object.hasOwn(g, a.role) ? g[a.role] : 'no';
  return grant === 'read' || (grant === 'write' && !a.readOnly);
};

type PlatformFeature = keyof typeof GRANTS;

export const FEATURES = Object.fromEntries(
  Object.entries(GRANTS).map(([f, g]) => [f, (a: Actor) => holds(a, g)]),
) as Record<PlatformFeature, (a: Actor) => boolean>;
/** A platform right, or a module's own right namespaced by the module ('docking.post'). */
export type Feature = PlatformFeature | `${string}.${string}`;

const MODULE_FEATURES = new Map<string, (a: Actor) => boolean>();

/** Registers a module's rights (platform/module.ts `installModules`); a name is taken once. */
export function registerFeature(name: `${string}.${string}`, test: (a: Actor) => boolean): void {
  if (MODULE_FEATURES.has(name)) throw new Error(`feature "${name}" is registered twice`);
  MODULE_FEATURES.set(name, test);
}

/** Every right with its test: the platform's, then the modules'. */
export const allFeatures = (): [string, (a: Actor) => boolean][] => [...Object.entries(FEATURES), ...MODULE_FEATURES];

/** Whether a right of this name exists (the platform's, or a registered module's). */
export const isFeature = (f: string): boolean => Object.hasOwn(FEATURES, f) || MODULE_FEATURES.has(f);

function featureTest(f: Feature): (a: Actor) => boolean {
  const t = Object.hasOwn(FEATURES, f) ? FEATURES[f as keyof typeof FEATURES] : MODULE_FEATURES.get(f);
  if (!t) throw new Error(`no feature "${f}" is registered`);
  return t;
}

export const may = (a: Actor, f: Feature): boolean => featureTest(f)(a);

/** 403 unless the caller may use this feature; the system (sign-in not required) may use all. */
export function assertMay(req: FastifyRequest, f: Feature): Actor | undefined {
  if (req.system) return undefined;
  const a = req.actor;
  if (!a) throw unauthorized();
  if (!featureTest(f)(a)) throw forbidden();
  return a;
}

/** Whether the caller of a request sees analyses with money figures. */
export const seesFigures = (req: FastifyRequest) => !req.actor || FEATURES.seeFigures(req.actor);
