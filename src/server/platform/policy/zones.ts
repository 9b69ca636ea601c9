/**
 * The zone of a district or park role as SQL: its parks and its enterprises. Every scope that
 * speaks of "the actor's parks" (registry, search, chains, projects) is built from parkScope, so a
 * district's parks mean the same thing everywhere: its organisation's parks and the parks of its
 * districts, each with all its sub-parks.
 */

import type { Sql } from '../../lib/sql.js';
import type { Actor } from '../../modules/auth/actor.js';

/** Parks in the actor's zone, as a SQL subquery. */
export function parkScope(a: Actor, q: Sql): string {
  // Computed in SQL, not from a list loaded earlier, so a sub-park created in this request counts.
  const seeds =
    a.role === 'district_user'
      ? `select park_id as id from organisation_parks where organisation_id = ${q.p(a.organisationId)}
         union select id from parks where region_code = any(${q.p(a.regionCodes)}::text[])`
      : `select park_id as id from organisation_parks where organisation_id = ${q.p(a.organisationId)}`;
  return `(with recursive s as (${seeds} union select p.id from parks p join s on p.parent_id = s.id) select id from s)`;
}

/** Enterprises in the actor's zone: tenants of its parks, and for a district those registered there. */
export function enterpriseScope(a: Actor, q: Sql): string {
  const parks = parkScope(a, q);
  const tenants = `select o.enterprise_id from occupancies o join units u on u.id = o.unit_id join floors f on f.id = u.floor_id
    join buildings b on b.id = f.building_id where b.park_id in ${parks}`;
  if (a.role === 'district_user') {
    return `(${tenants} union select id from enterprises where region_code = any(${q.p(a.regionCodes)}::text[]))`;
  }
  return `(${tenants})`;
}
