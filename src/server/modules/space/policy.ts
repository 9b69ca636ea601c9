/**
 * Who may do what with space (issue 13). Rows of the space resources are selected with the park
 * they lie in as `t.park_id`, so the zone scopes are the registry's (platform/policy/zones.ts).
 *
 *   city_admin          everything
 *   city_analyst        reads everything, asking rents and lease rents included; changes nothing
 *   district_user,      read and keep current the listings, specs, leases and floor plans of their
 *   park_operator       zone's parks (asking rents and lease rents of those parks included)
 *   investment_officer  reads every listing with its asking rent and subsidy (it offers sites to
 *                       investors); lease rents of tenants stay hidden; shortlists for its projects
 *   enterprise_user,    vacancy, specs and site search without asking rents, subsidies or lease rents
 *   viewer
 * The 工业上楼 rules and the programme targets are city-wide data: the city administrator edits them.
 */
import type { Sql } from '../../lib/sql.js';
import { parkScope, seesFigures } from '../../platform/policy/index.js';
import type { ResourcePolicy } from '../../platform/policy/registry.js';
import type { Actor } from '../auth/actor.js';

const cityWide = (a: Actor) => a.role === 'city_admin' || a.role === 'city_analyst';
const zone = (a: Actor) => a.role === 'district_user' || a.role === 'park_operator';

/** Confidential fields of a listing (a unit on the market). */
export const LISTING_CONFIDENTIAL = ['askingRentYuanM2Month', 'subsidyPct', 'subsidyNote'] as const;
/** Confidential field of a lease. */
export const LEASE_CONFIDENTIAL = ['rentYuanM2Month'] as const;

const zoneOrAll = (a: Actor, q: Sql) => (zone(a) ? `t.park_id in ${parkScope(a, q)}` : null);
const zoneWrite = (a: Actor, q: Sql) => {
  if (a.readOnly) return false;
  if (a.role === 'city_admin') return null;
  return zone(a) ? `t.park_id in ${parkScope(a, q)}` : false;
};
const zoneCreate = (a: Actor) => (!a.readOnly && (a.role === 'city_admin' || zone(a)) ? ('scoped' as const) : false);

export const listingPolicy: ResourcePolicy = {
  read: zoneOrAll,
  write: zoneWrite,
  create: zoneCreate,
  confidential: LISTING_CONFIDENTIAL,
  // Zone roles read only their own parks' rows, so seeing a row means it is theirs.
  seesConfidential: (a) => cityWide(a) || zone(a) || a.role === 'investment_officer',
};

export const leasePolicy: ResourcePolicy = {
  read: zoneOrAll,
  write: zoneWrite,
  create: zoneCreate,
  confidential: LEASE_CONFIDENTIAL,
  seesConfidential: (a, row) =>
    cityWide(a) ||
    zone(a) ||
    (a.role === 'enterprise_user' && a.enterpriseId !== null && row.enterpriseId === a.enterpriseId),
};

export const planPolicy: ResourcePolicy = {
  read: (a, q) =>
    cityWide(a) || a.role === 'investment_officer' ? null : zone(a) ? `t.park_id in ${parkScope(a, q)}` : 'false',
  write: zoneWrite,
  create: zoneCreate,
  confidential: [],
  seesConfidential: () => true,
};

const cityData: ResourcePolicy = {
  read: () => null,
  write: (a) => (a.role === 'city_admin' && !a.readOnly ? null : false),
  create: (a) => (a.role === 'city_admin' && !a.readOnly ? 'scoped' : false),
  confidential: [],
  seesConfidential: () => true,
};

export const SPACE_POLICIES = {
  'space-listings': listingPolicy,
  'space-leases': leasePolicy,
  'space-plans': planPolicy,
  'space-rules': cityData,
  'space-targets': cityData,
} as const;

export const SPACE_FEATURES = {
  /** Plan tenants onto a building's floors and accept a plan (the building's zone, or the city). */
  'space.plan': (a: Actor) => !a.readOnly && (a.role === 'city_admin' || zone(a)),
  /** Edit the 工业上楼 rules and the programme targets. */
  'space.editRules': (a: Actor) => a.role === 'city_admin' && !a.readOnly,
  /** Keep listings, specs and leases current. */
  'space.keepListings': (a: Actor) => !a.readOnly && (a.role === 'city_admin' || zone(a)),
  /** The programme page: targets and progress (output figures only to those who see figures). */
  'space.programme': (a: Actor) => a.role !== 'enterprise_user',
  /** Put units on an investment project's shortlist. */
  'space.shortlist': (a: Actor) =>
    !a.readOnly && (a.role === 'city_admin' || a.role === 'investment_officer' || a.role === 'district_user'),
} satisfies Record<`space.${string}`, (a: Actor) => boolean>;

/** Whether the caller sees programme output figures (money). */
export const seesOutput = seesFigures;
