/**
 * Investment projects (modules/invest), as conditions on invest/repository.ts's PROJECT_SELECT
 * aliased t:
 *
 *   city_admin          reads and changes every project; issues supervision orders
 *   city_analyst        reads every project
 *   investment_officer  reads its own, its team's and shared projects; changes its own and its team's
 *   district_user       reads and changes projects landing in its zone's parks
 *   park_operator       reads projects landing in its parks
 *   others              no projects
 * The investor (name, enterprise, real project name) shows to city-wide roles, the owner and the
 * team; everyone else sees the code name only. Amounts are not confidential: whoever reads a project
 * reads its amounts (docs/ARCHITECTURE.md, Policies and redaction, says why).
 */
import { PROJECT_CONFIDENTIAL_FIELDS } from '../../../contracts/invest.js';
import type { Actor } from '../../modules/auth/actor.js';
import { GRANTS, holds } from './features.js';
import type { ResourcePolicy } from './registry.js';
import { parkScope } from './zones.js';

const CREATORS: readonly Actor['role'][] = ['city_admin', 'investment_officer', 'district_user'];

/** Whether the actor reads any project at all (the 招商项目 board, leads and the results dashboard). */
export const readsProjects = (a: Actor) => holds(a, GRANTS.projects);

export const projectPolicy: ResourcePolicy = {
  read(a, q) {
    if (!readsProjects(a)) return 'false';
    switch (a.role) {
      case 'city_admin':
      case 'city_analyst':
        return null;
      case 'investment_officer': {
        const me = q.p(a.userId);
        return `(t.owner_id = ${me} or t.shared or ${me} = any(t.team_ids))`;
      }
      case 'district_user':
      case 'park_operator':
        return `t.park_id in ${parkScope(a, q)}`;
      default:
        return 'false';
    }
  },
  write(a, q) {
    if (a.readOnly) return false;
    switch (a.role) {
      case 'city_admin':
        return null;
      case 'investment_officer': {
        const me = q.p(a.userId);
        return `(t.owner_id = ${me} or ${me} = any(t.team_ids))`;
      }
      case 'district_user':
        return `t.park_id in ${parkScope(a, q)}`;
      default:
        return false;
    }
  },
  create: (a) => (!a.readOnly && CREATORS.includes(a.role) ? 'scoped' : false),
  confidential: PROJECT_CONFIDENTIAL_FIELDS,
  seesConfidential: (a, row) =>
    a.role === 'city_admin' ||
    a.role === 'city_analyst' ||
    row.ownerId === a.userId ||
    ((row.teamIds as number[] | undefined) ?? []).includes(a.userId),
};
