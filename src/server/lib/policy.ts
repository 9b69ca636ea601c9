/**
 * The one authorisation module: which rows of each resource an actor may read and change, as SQL
 * conditions on the resource's select (aliased t), and which confidential fields it may see.
 * Lists are filtered in SQL, never by hiding rows after loading them.
 *
 *   city_admin          reads and changes everything
 *   city_analyst        reads everything, changes nothing
 *   district_user       its districts and zone parks (sub-parks included) and everything in them
 *   park_operator       its parks (sub-parks included), their buildings, units, tenants and their figures
 *   investment_officer  public fields of the registry; writes events; its projects (modules/invest)
 *   enterprise_user     public fields; its own enterprise, figures and supplier links in full
 *   viewer              public fields only
 */
import { CONFIDENTIAL_FIELDS } from '../../contracts/auth.js';
import type { Actor } from '../modules/auth/actor.js';
import type { Sql } from './sql.js';

type Cond = string | null; // null: no restriction

/** Parks in the actor's scope, as a SQL subquery. */
function parkScope(a: Actor, q: Sql): string {
  // Computed in SQL, not from a list loaded earlier, so a sub-park created in this request counts.
  const own = `(with recursive s as (select park_id as id from organisation_parks where organisation_id = ${q.p(a.organisationId)}
      union select p.id from parks p join s on p.parent_id = s.id) select id from s)`;
  if (a.role === 'district_user') {
    return `(select id from parks where id in ${own} or region_code = any(${q.p(a.regionCodes)}::text[]))`;
  }
  return own;
}

function enterpriseScope(a: Actor, q: Sql): string {
  const parks = parkScope(a, q);
  const tenants = `select o.enterprise_id from occupancies o join units u on u.id = o.unit_id join floors f on f.id = u.floor_id
    join buildings b on b.id = f.building_id where b.park_id in ${parks}`;
  if (a.role === 'district_user') {
    return `(${tenants} union select id from enterprises where region_code = any(${q.p(a.regionCodes)}::text[]))`;
  }
  return `(${tenants})`;
}

/** Row condition for a park-bound scope (district and park operator). */
function zoneCondition(a: Actor, resource: string, q: Sql): Cond {
  switch (resource) {
    case 'parks':
      return `t.id in ${parkScope(a, q)}`;
    case 'buildings':
      return `t.park_id in ${parkScope(a, q)}`;
    case 'floors':
      return `t.building_id in (select id from buildings where park_id in ${parkScope(a, q)})`;
    case 'units':
      return `t.floor_id in (select f.id from floors f join buildings b on b.id = f.building_id where b.park_id in ${parkScope(a, q)})`;
    case 'occupancies':
      return `t.unit_id in (select u.id from units u join floors f on f.id = u.floor_id join buildings b on b.id = f.building_id
                where b.park_id in ${parkScope(a, q)})`;
    case 'enterprises':
      return `t.id in ${enterpriseScope(a, q)}`;
    case 'metrics':
      return `t.enterprise_id in ${enterpriseScope(a, q)}`;
    case 'supply-links': {
      const e = enterpriseScope(a, q);
      return `(t.supplier_id in ${e} or t.customer_id in ${e})`;
    }
    case 'institutions':
      return a.role === 'district_user'
        ? `(t.park_id in ${parkScope(a, q)} or t.region_code = any(${q.p(a.regionCodes)}::text[]))`
        : `t.park_id in ${parkScope(a, q)}`;
    default:
      return null; // events, key figures, reference data: public
  }
}

function ownCondition(a: Actor, resource: string, q: Sql): Cond | false {
  const own = q.p(a.enterpriseId ?? -1);
  switch (resource) {
    case 'enterprises':
      return `t.id = ${own}`;
    case 'metrics':
      return `t.enterprise_id = ${own}`;
    case 'supply-links':
      return `(t.supplier_id = ${own} or t.customer_id = ${own})`;
    default:
      return false;
  }
}

/** Rows the actor may read: a SQL condition, or null for every row. */
export function readScope(a: Actor, resource: string, q: Sql): Cond {
  if (a.role === 'district_user' || a.role === 'park_operator') return zoneCondition(a, resource, q);
  return null;
}

const ZONE_WRITES: Record<string, string[]> = {
  district_user: [
    'parks',
    'buildings',
    'floors',
    'units',
    'occupancies',
    'enterprises',
    'metrics',
    'supply-links',
    'institutions',
    'events',
    'key-figures',
  ],
  park_operator: [
    'parks',
    'buildings',
    'floors',
    'units',
    'occupancies',
    'enterprises',
    'metrics',
    'supply-links',
    'institutions',
  ],
};

/**
 * Rows the actor may change: false when it may change none of this resource, null for any row,
 * or a condition both the row before and the row after a change must meet.
 */
export function writeScope(a: Actor, resource: string, q: Sql): Cond | false {
  if (a.readOnly) return false;
  if (a.role === 'city_admin') return null;
  if (a.role === 'district_user' || a.role === 'park_operator') {
    if (!ZONE_WRITES[a.role]?.includes(resource)) return false;
    return zoneCondition(a, resource, q);
  }
  if (a.role === 'enterprise_user') return ownCondition(a, resource, q);
  // Investment officers organise delegations, visits and conferences: events, city-wide.
  if (a.role === 'investment_officer') return resource === 'events' ? null : false;
  return false;
}

/**
 * A park operator registers a new tenant before giving it a unit, so the new enterprise is not in
 * its scope yet when created; its first occupancy must then be in scope.
 */
export const mayCreateOutsideScope = (a: Actor, resource: string) =>
  resource === 'enterprises' && a.role === 'park_operator';

/** Whether the actor sees this row's confidential fields. */
function seesConfidentialOf(a: Actor, resource: string, row: Record<string, unknown>): boolean {
  if (a.role === 'city_admin' || a.role === 'city_analyst') return true;
  // Zone roles only ever receive rows inside their scope.
  if (a.role === 'district_user' || a.role === 'park_operator') return true;
  if (a.role === 'enterprise_user' && a.enterpriseId !== null) {
    const own = a.enterpriseId;
    if (resource === 'enterprises') return row.id === own;
    if (resource === 'metrics') return row.enterpriseId === own;
    if (resource === 'supply-links') return row.supplierId === own || row.customerId === own;
  }
  return false;
}

/** Blanks the confidential fields the actor may not see and lists them in `redacted`. */
export function redact<T extends Record<string, unknown>>(a: Actor | undefined, resource: string, row: T): T {
  const fields = CONFIDENTIAL_FIELDS[resource];
  if (!fields || !a || seesConfidentialOf(a, resource, row)) return row;
  const out: Record<string, unknown> = { ...row, redacted: fields };
  for (const f of fields) out[f] = null;
  return out as T;
}
