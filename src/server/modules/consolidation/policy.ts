/**
 * Who sees and changes what at a hub. A hub belongs to its operating organisation (kind
 * logistics_hub, consolidation_hubs.organisation_id); the city may also make any user an operator of
 * a hub (consolidation_hub_members):
 *   city_admin        every hub, reads and changes
 *   city_analyst      every hub, reads
 *   hub_operator      the hubs of its organisation: orders, departures, tariffs, plans (a read-only
 *                     token reads); nothing of other hubs, and only the registry's public fields
 *   hub member        the same, for the hubs it was made an operator of
 *   enterprise_user   a shipper: its own orders (and their quotes and charges) at any hub
 *   others            the list of hubs only
 */
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../../db/connect.js';
import { forbidden, notFound, unauthorized } from '../../lib/errors.js';
import type { Sql } from '../../lib/sql.js';
import type { ResourcePolicy } from '../../platform/policy/index.js';
import type { Actor } from '../auth/actor.js';
import * as repo from './repository.js';

const memberOf = (a: Actor, q: Sql) => {
  const own =
    a.role === 'hub_operator'
      ? ` union select h.id from consolidation_hubs h where h.organisation_id = ${q.p(a.organisationId)}`
      : '';
  return `t.hub_id in (select m.hub_id from consolidation_hub_members m where m.user_id = ${q.p(a.userId)}${own})`;
};
const cityWide = (a: Actor) => a.role === 'city_admin' || a.role === 'city_analyst';

/** Orders: a hub's operators and the city see all of a hub's orders, a shipper its own. */
export const ordersPolicy: ResourcePolicy = {
  read: (a, q) => {
    if (cityWide(a)) return null;
    const own = a.role === 'enterprise_user' ? ` or t.shipper_enterprise_id = ${q.p(a.enterpriseId ?? -1)}` : '';
    return `(${memberOf(a, q)}${own})`;
  },
  write: (a, q) => {
    if (a.readOnly) return false;
    if (a.role === 'city_admin') return null;
    if (a.role === 'city_analyst' || a.role === 'viewer') return false;
    return memberOf(a, q);
  },
  create: (a) => (a.readOnly || a.role === 'city_analyst' || a.role === 'viewer' ? false : 'scoped'),
  confidential: ['declaredValueFen'],
  // rows reach here only when readable; the value is the shipper's and the hub's business
  seesConfidential: (a, row) =>
    cityWide(a) || row.viewerMember === true || (a.enterpriseId !== null && row.shipperEnterpriseId === a.enterpriseId),
};

export interface HubAccess {
  hub: repo.HubRow;
  /** reads everything of the hub */
  readAll: boolean;
  /** changes the hub's data and plans */
  operate: boolean;
  /** a shipper: sees its own orders only */
  shipperEnterpriseId: number | null;
  actor: Actor | undefined;
}

/** Loads a hub and the caller's access to it; 404 for an unknown hub, 401 without sign-in. */
export async function hubAccess(db: Db, hubId: number, req: FastifyRequest): Promise<HubAccess> {
  const a = req.actor;
  if (!a && !req.system) throw unauthorized();
  const h = await repo.hub(db, hubId, a?.userId ?? -1);
  if (!h) throw notFound();
  if (!a) return { hub: h, readAll: true, operate: true, shipperEnterpriseId: null, actor: a };
  const readAll = cityWide(a) || h.member;
  const operate = !a.readOnly && (a.role === 'city_admin' || h.member);
  const shipper = a.role === 'enterprise_user' && a.enterpriseId !== null ? a.enterpriseId : null;
  return { hub: h, readAll, operate, shipperEnterpriseId: readAll ? null : shipper, actor: a };
}

export function assertOperate(x: HubAccess): void {
  if (!x.operate) throw forbidden();
}

export function assertSees(x: HubAccess): void {
  if (!x.readAll && x.shipperEnterpriseId === null) throw forbidden();
}
