/**
 * Who sees and does what in enterprise services.
 *
 *   city_admin          everything; configures service levels, hours, the calendar and the quiet period
 *   city_analyst        reads everything, changes nothing
 *   district_user       butler work for the firms and parks of its zone, and the tickets routed to it;
 *                       edits policies; plans visits
 *   park_operator       the park's butler team: the firms of its parks and the tickets routed to it; plans visits
 *   investment_officer  plans and records visits (an agency that visits firms); the tickets routed to it
 *   enterprise_user     its own firm only: its tickets (never internal notes), its visits (never the
 *                       agencies' notes), its eligibility; opens, replies to, closes, reopens and rates
 *   viewer              the policy library only
 */
import type { Sql } from '../../lib/sql.js';
import type { ResourcePolicy } from '../../platform/policy/registry.js';
import { enterpriseScope, parkScope } from '../../platform/policy/zones.js';
import type { Actor } from '../auth/actor.js';

const cityWide = (a: Actor) => a.role === 'city_admin' || a.role === 'city_analyst';
const zone = (a: Actor) => a.role === 'district_user' || a.role === 'park_operator';
const writable = (a: Actor) => !a.readOnly;
const ownFirm = (a: Actor) => a.role === 'enterprise_user' && a.enterpriseId !== null;

/** Service-side staff who answer tickets (butlers and agencies). */
export const isStaff = (a: Actor) => a.role === 'city_admin' || zone(a) || a.role === 'investment_officer';

/** Firms (enterprise ids) an actor serves, as SQL; null = every firm; 'false' = none. */
export function firmScope(a: Actor, q: Sql): string | null {
  if (cityWide(a) || a.role === 'investment_officer') return null;
  if (zone(a)) return enterpriseScope(a, q);
  if (ownFirm(a)) return `(${q.p(a.enterpriseId)}::int)`;
  return '(select null::int where false)';
}

/** Tickets (alias t) the actor reads. */
function ticketRead(a: Actor, q: Sql): string | null {
  if (cityWide(a)) return null;
  if (zone(a))
    return `(t.enterprise_id in ${enterpriseScope(a, q)} or t.park_id in ${parkScope(a, q)} or t.team_organisation_id = ${q.p(a.organisationId)})`;
  if (a.role === 'investment_officer') return `t.team_organisation_id = ${q.p(a.organisationId)}`;
  if (ownFirm(a)) return `t.enterprise_id = ${q.p(a.enterpriseId)}`;
  return 'false';
}

export const ticketPolicy: ResourcePolicy = {
  read: ticketRead,
  write: (a, q) => (!writable(a) || a.role === 'city_analyst' || a.role === 'viewer' ? false : ticketRead(a, q)),
  create: (a) => (writable(a) && (ownFirm(a) || a.role === 'city_admin' || zone(a)) ? 'scoped' : false),
  confidential: [],
  seesConfidential: () => true,
};

/** Visits (alias t): one calendar per firm, shared by every agency that serves the firm. */
function visitRead(a: Actor, q: Sql): string | null {
  if (cityWide(a) || a.role === 'investment_officer') return null;
  if (zone(a)) return `(t.enterprise_id in ${enterpriseScope(a, q)} or t.organisation_id = ${q.p(a.organisationId)})`;
  if (ownFirm(a)) return `t.enterprise_id = ${q.p(a.enterpriseId)}`;
  return 'false';
}

export const visitPolicy: ResourcePolicy = {
  read: visitRead,
  write: (a, q) =>
    !writable(a) || !(a.role === 'city_admin' || zone(a) || a.role === 'investment_officer')
      ? false
      : a.role === 'city_admin'
        ? null
        : `t.organisation_id = ${q.p(a.organisationId)}`,
  create: (a) =>
    writable(a) && (a.role === 'city_admin' || zone(a) || a.role === 'investment_officer') ? 'scoped' : false,
  // The agencies' notes are theirs: the firm sees that a visit happened, not what was noted.
  confidential: ['notes', 'flags'],
  seesConfidential: (a) => a.role !== 'enterprise_user' && a.role !== 'viewer',
};

/** The policy library is public; changing it is for the city and the districts. */
export const policyLibraryPolicy: ResourcePolicy = {
  read: () => null,
  write: (a) => (writable(a) && (a.role === 'city_admin' || a.role === 'district_user') ? null : false),
  create: (a) => (writable(a) && (a.role === 'city_admin' || a.role === 'district_user') ? 'scoped' : false),
  confidential: [],
  seesConfidential: () => true,
};

export const FEATURES = {
  /** Opens a request: a firm for itself, a butler on a firm's behalf. */
  'services.request': (a: Actor) => writable(a) && (ownFirm(a) || a.role === 'city_admin' || zone(a)),
  /** Butler and agency work on tickets: notes, assignment, merge, waiting on the firm. */
  'services.handle': (a: Actor) => writable(a) && isStaff(a),
  /** The butler queue and the SLA clocks. */
  'services.queue': (a: Actor) => cityWide(a) || isStaff(a),
  /** Plans, joins and records visits. */
  'services.visit': (a: Actor) => writable(a) && isStaff(a),
  /** Writes policies, runs them against the registry, exports 免申即享 lists and pushes them. */
  'services.policies': (a: Actor) => writable(a) && (a.role === 'city_admin' || a.role === 'district_user'),
  /** A firm's eligibility and its what-if: the firm itself and those who serve firms (which firm: assertServes). */
  'services.eligibility': (a: Actor) =>
    (
      [
        'city_admin',
        'city_analyst',
        'district_user',
        'park_operator',
        'investment_officer',
        'enterprise_user',
      ] as readonly string[]
    ).includes(a.role),
  /** The agency dashboard and the business-retention view. */
  'services.dashboard': (a: Actor) => cityWide(a) || zone(a),
  /** Service levels, service hours, calendar overrides and the quiet period. */
  'services.configure': (a: Actor) => writable(a) && a.role === 'city_admin',
} as const;
export type ServicesFeature = keyof typeof FEATURES;

/** Whether an actor (or the system, without one) has this right. */
export const mayRight = (a: Actor | undefined, f: ServicesFeature) => (a ? FEATURES[f](a) : true);
