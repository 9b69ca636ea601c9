/**
 * The policy registry: every resource declares here, once, which rows an actor may read, change
 * and create (as SQL conditions on the resource's select, aliased t) and whose confidential fields
 * it may see. The registry routes, search, imports, chains, projects and the web's permission
 * matrix (permissions.ts) all ask this table. A module declares the policies of its own resources in
 * its manifest (`ModuleManifest.policies`), registered here at start; asking for a resource nobody
 * registered is a programming error and throws (fail closed), never an open scope.
 *
 *   city_admin          reads and changes everything
 *   city_analyst        reads everything, changes nothing
 *   district_user       its districts and zone parks (sub-parks included) and everything in them
 *   park_operator       its parks (sub-parks included), their buildings, units, tenants and their figures
 *   investment_officer  public fields of the registry; writes events; its projects (projects.ts)
 *   enterprise_user     public fields; its own enterprise, figures and supplier links in full
 *   hub_operator        public fields only (its own data is its hub's, modules/consolidation)
 *   viewer              public fields only
 */
import { CONFIDENTIAL_FIELDS, type PolicyResource } from '../../../contracts/auth.js';
import type { Sql } from '../../lib/sql.js';
import type { Actor } from '../../modules/auth/actor.js';
import { projectPolicy } from './projects.js';
import { enterpriseScope, parkScope } from './zones.js';

/** A row condition: SQL on t, null for every row, false for none. */
export type Cond = string | null | false;
type Row = Record<string, unknown>;

export interface ResourcePolicy {
  /** Rows the actor may read (never false: an empty scope is the SQL `false`). */
  read(a: Actor, q: Sql): string | null;
  /** Rows the actor may change: the row before and the row after a change must both meet it. */
  write(a: Actor, q: Sql): Cond;
  /**
   * Whether the actor may create records of this kind at all, and whether a new record may lie
   * outside its write scope ('outside': a park operator registers a tenant before giving it a unit).
   */
  create(a: Actor): 'scoped' | 'outside' | false;
  /** Fields hidden (null, listed in `redacted`) from actors who do not see this row's secrets. */
  confidential: readonly string[];
  /** Whether the actor sees this row's confidential fields (rows it cannot read never reach it). */
  seesConfidential(a: Actor, row: Row): boolean;
}

const cityWide = (a: Actor) => a.role === 'city_admin' || a.role === 'city_analyst';
const zone = (a: Actor) => a.role === 'district_user' || a.role === 'park_operator';
const ownEnterprise = (a: Actor, q: Sql) => q.p(a.enterpriseId ?? -1);

/** Zone roles change what they read; park operators do not write events or key figures. */
function registryPolicy(opts: {
  zoneRead: (a: Actor, q: Sql) => string | null;
  zoneWrite: readonly Actor['role'][];
  own?: { read: (a: Actor, q: Sql) => string; sees: (a: Actor, row: Row) => boolean };
  officerWrites?: boolean;
  parkOperatorCreatesOutside?: boolean;
  confidential?: readonly string[];
}): ResourcePolicy {
  // Whether the actor changes any row of this kind: what creating needs, and what the matrix shows.
  const writes = (a: Actor): boolean => {
    if (a.readOnly) return false;
    if (a.role === 'city_admin') return true;
    if (zone(a)) return opts.zoneWrite.includes(a.role);
    if (a.role === 'enterprise_user') return opts.own !== undefined;
    return a.role === 'investment_officer' && opts.officerWrites === true;
  };
  return {
    read: (a, q) => (zone(a) ? opts.zoneRead(a, q) : null),
    write: (a, q) => {
      if (!writes(a)) return false;
      if (zone(a)) return opts.zoneRead(a, q);
      if (a.role === 'enterprise_user' && opts.own) return opts.own.read(a, q);
      return null;
    },
    create: (a) => {
      if (!writes(a)) return false;
      if (opts.parkOperatorCreatesOutside && a.role === 'park_operator') return 'outside';
      // An enterprise user has its enterprise already; it adds figures and links of its own.
      if (opts.parkOperatorCreatesOutside && a.role === 'enterprise_user') return false;
      return 'scoped';
    },
    confidential: opts.confidential ?? [],
    seesConfidential: (a, row) => cityWide(a) || zone(a) || (opts.own?.sees(a, row) ?? false),
  };
}

const ZONES: Actor['role'][] = ['district_user', 'park_operator'];
const DISTRICT: Actor['role'][] = ['district_user'];
const inParks = (expr: string) => (a: Actor, q: Sql) => `${expr} in ${parkScope(a, q)}`;
const ownIs = (a: Actor, v: unknown) => a.role === 'enterprise_user' && a.enterpriseId !== null && v === a.enterpriseId;

export const POLICIES: Record<PolicyResource, ResourcePolicy> = {
  parks: registryPolicy({ zoneRead: inParks('t.id'), zoneWrite: ZONES }),
  buildings: registryPolicy({ zoneRead: inParks('t.park_id'), zoneWrite: ZONES }),
  floors: registryPolicy({
    zoneRead: (a, q) => `t.building_id in (select id from buildings where park_id in ${parkScope(a, q)})`,
    zoneWrite: ZONES,
  }),
  units: registryPolicy({
    zoneRead: (a, q) =>
      `t.floor_id in (select f.id from floors f join buildings b on b.id = f.building_id where b.park_id in ${parkScope(a, q)})`,
    zoneWrite: ZONES,
  }),
  occupancies: registryPolicy({
    zoneRead: (a, q) => `t.unit_id in (select u.id from units u join floors f on f.id = u.floor_id
        join buildings b on b.id = f.building_id where b.park_id in ${parkScope(a, q)})`,
    zoneWrite: ZONES,
  }),
  enterprises: registryPolicy({
    zoneRead: (a, q) => `t.id in ${enterpriseScope(a, q)}`,
    zoneWrite: ZONES,
    own: { read: (a, q) => `t.id = ${ownEnterprise(a, q)}`, sees: (a, r) => ownIs(a, r.id) },
    parkOperatorCreatesOutside: true,
    confidential: CONFIDENTIAL_FIELDS.enterprises,
  }),
  metrics: registryPolicy({
    zoneRead: (a, q) => `t.enterprise_id in ${enterpriseScope(a, q)}`,
    zoneWrite: ZONES,
    own: { read: (a, q) => `t.enterprise_id = ${ownEnterprise(a, q)}`, sees: (a, r) => ownIs(a, r.enterpriseId) },
    confidential: CONFIDENTIAL_FIELDS.metrics,
  }),
  'supply-links': registryPolicy({
    zoneRead: (a, q) => {
      const e = enterpriseScope(a, q);
      return `(t.supplier_id in ${e} or t.customer_id in ${e})`;
    },
    zoneWrite: ZONES,
    own: {
      read: (a, q) => {
        const own = ownEnterprise(a, q);
        return `(t.supplier_id = ${own} or t.customer_id = ${own})`;
      },
      sees: (a, r) => ownIs(a, r.supplierId) || ownIs(a, r.customerId),
    },
    confidential: CONFIDENTIAL_FIELDS['supply-links'],
  }),
  institutions: registryPolicy({
    zoneRead: (a, q) =>
      a.role === 'district_user'
        ? `(t.park_id in ${parkScope(a, q)} or t.region_code = any(${q.p(a.regionCodes)}::text[]))`
        : `t.park_id in ${parkScope(a, q)}`,
    zoneWrite: ZONES,
  }),
  // Events and key figures are public; districts keep their own, officers organise events city-wide.
  events: registryPolicy({ zoneRead: () => null, zoneWrite: DISTRICT, officerWrites: true }),
  'key-figures': registryPolicy({ zoneRead: () => null, zoneWrite: DISTRICT }),
  projects: projectPolicy,
};

const MODULE_POLICIES = new Map<string, ResourcePolicy>();

/** Registers a module's resource policy (platform/module.ts `installModules`); a name is taken once. */
export function registerPolicy(resource: string, policy: ResourcePolicy): void {
  if (Object.hasOwn(POLICIES, resource) || MODULE_POLICIES.has(resource))
    throw new Error(`policy for "${resource}" is registered twice`);
  MODULE_POLICIES.set(resource, policy);
}

/** Every resource policy: the registry's own, then the modules' in registration order. */
export const allPolicies = (): [string, ResourcePolicy][] => [...Object.entries(POLICIES), ...MODULE_POLICIES];

/** The policy of a resource; an unknown name throws instead of granting an open scope. */
export function policyOf(resource: string): ResourcePolicy {
  const p = Object.hasOwn(POLICIES, resource) ? POLICIES[resource as PolicyResource] : MODULE_POLICIES.get(resource);
  if (!p) throw new Error(`no policy is registered for resource "${resource}"`);
  return p;
}

/** Rows the actor may read: a SQL condition, or null for every row. */
export function readScope(a: Actor, resource: string, q: Sql): string | null {
  return policyOf(resource).read(a, q);
}

/** Rows the actor may change: false when it may change none of this resource, null for any row. */
export function writeScope(a: Actor, resource: string, q: Sql): Cond {
  return policyOf(resource).write(a, q);
}

/** Whether a new record of this kind may lie outside the creator's write scope (checked later). */
export const mayCreateOutsideScope = (a: Actor, resource: string) => policyOf(resource).create(a) === 'outside';

/** Blanks the confidential fields the actor may not see and lists them in `redacted`. */
export function redact<T extends Record<string, unknown>>(a: Actor | undefined, resource: string, row: T): T {
  const p = policyOf(resource);
  if (p.confidential.length === 0 || !a || p.seesConfidential(a, row)) return row;
  const out: Record<string, unknown> = { ...row, redacted: [...p.confidential] };
  for (const f of p.confidential) out[f] = null;
  return out as T;
}
