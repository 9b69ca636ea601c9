/**
 * Who sees and does what in docking (issue 12 item 6), as SQL conditions on the module's selects:
 *
 *   owner of a posting   the posting firm's enterprise users; a district or park role whose zone holds
 *                        the firm (it posts on behalf of its firms); the investment officer who posted
 *                        it (an officer or the city administrator); the administrator may close any posting
 *   postings             read: owners, plus others by visibility — public (every role), city (every
 *                        signed-in role but viewers), park (firms sharing a park with the reader's)
 *   matches              read: owners of either side and the city-wide roles (analysts aggregate)
 *   confidential         quantities, units, prices, contacts and deal amounts: a side's owner, and the
 *                        counterpart's owner once both said "interested" (the contact is open). Never
 *                        the bureau as such: it sees aggregates (dashboard), not a firm's figures.
 */
import type { FastifyRequest } from 'fastify';
import { unauthorized } from '../../lib/errors.js';
import type { Sql } from '../../lib/sql.js';
import { enterpriseScope } from '../../platform/policy/zones.js';
import type { Actor } from '../auth/actor.js';

export const cityWide = (a: Actor) => a.role === 'city_admin' || a.role === 'city_analyst';
export const zoneRole = (a: Actor) => a.role === 'district_user' || a.role === 'park_operator';

/** Requests without sign-in (PARKLINK_REQUIRE_SIGN_IN=0, local experiments) act as the system: every right. */
export const SYSTEM: Actor = {
  userId: 0,
  username: 'system',
  role: 'city_admin',
  organisationId: 0,
  regionCodes: [],
  enterpriseId: null,
  readOnly: false,
};
export const isSystem = (a: Actor) => a === SYSTEM;

/** The actor of a request (the system without sign-in); 401 without one. */
export function who(req: FastifyRequest): Actor {
  if (req.system) return SYSTEM;
  if (!req.actor) throw unauthorized();
  return req.actor;
}

/** SQL: the firm `ent` (and a posting's poster `postedBy`) is the actor's own to act for. */
export function ownerCond(a: Actor, q: Sql, ent: string, postedBy: string | null): string {
  if (isSystem(a)) return 'true';
  if (a.role === 'enterprise_user') return a.enterpriseId === null ? 'false' : `${ent} = ${q.p(a.enterpriseId)}`;
  if (zoneRole(a)) return `${ent} in ${enterpriseScope(a, q)}`;
  if ((a.role === 'investment_officer' || a.role === 'city_admin') && postedBy)
    return `coalesce(${postedBy} = ${q.p(a.userId)}, false)`;
  return 'false';
}

/** Tenants sharing a park (with sub-parks) with a firm, as SQL, for park-only visibility. */
const parkNeighbours = (q: Sql, ent: number) => `(select o2.enterprise_id from occupancies o1
    join units u1 on u1.id = o1.unit_id join floors f1 on f1.id = u1.floor_id join buildings b1 on b1.id = f1.building_id
    join parks p1 on p1.id = b1.park_id
    join parks p2 on p2.id = p1.id or p2.parent_id = coalesce(p1.parent_id, p1.id) or p2.id = p1.parent_id
    join buildings b2 on b2.park_id = p2.id join floors f2 on f2.building_id = b2.id join units u2 on u2.floor_id = f2.id
    join occupancies o2 on o2.unit_id = u2.id
   where o1.enterprise_id = ${q.p(ent)} and (o1.ended_on is null or o1.ended_on >= current_date)
     and (o2.ended_on is null or o2.ended_on >= current_date))`;

/** SQL on t (a posting with enterprise_id, posted_by, visibility): postings the actor may read. */
export function postingReadCond(a: Actor, q: Sql): string {
  if (cityWide(a) || isSystem(a)) return 'true';
  const own = ownerCond(a, q, 't.enterprise_id', 't.posted_by');
  if (a.role === 'viewer') return `t.visibility = 'public'`;
  let park = 'false';
  if (a.role === 'enterprise_user' && a.enterpriseId !== null) {
    park = `(t.visibility = 'park' and t.enterprise_id in ${parkNeighbours(q, a.enterpriseId)})`;
  }
  return `(${own} or t.visibility in ('public', 'city') or ${park})`;
}

/** SQL on t (a match with customer_id, supplier_id, demand_id, supply_id): matches the actor may read. */
export function matchReadCond(a: Actor, q: Sql): string {
  if (cityWide(a) || isSystem(a)) return 'true';
  return `(${matchSideCond(a, q, 'demand')} or ${matchSideCond(a, q, 'supply')})`;
}

/** SQL: the actor acts for this side of the match t. */
export function matchSideCond(a: Actor, q: Sql, side: 'demand' | 'supply'): string {
  const ent = side === 'demand' ? 't.customer_id' : 't.supplier_id';
  const posting = side === 'demand' ? 't.demand_id' : 't.supply_id';
  return `(${ownerCond(a, q, ent, `(select posted_by from docking_postings where id = ${posting})`)})`;
}

/** Whether the actor may post (or confirm a suggested demand) for firms at all. */
export const mayPost = (a: Actor) =>
  !a.readOnly &&
  (a.role === 'city_admin' ||
    zoneRole(a) ||
    a.role === 'investment_officer' ||
    (a.role === 'enterprise_user' && a.enterpriseId !== null));

/** The docking dashboard: the bureau (city-wide) and zone roles over their zone. */
export const mayDashboard = (a: Actor) => cityWide(a) || zoneRole(a);
