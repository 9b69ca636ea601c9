import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../../contracts/auth.js';
import type { Actor } from '../../modules/auth/actor.js';
import { MODULES } from '../../modules/index.js';
import { installModules } from '../module.js';
import { allFeatures, FEATURES, GRANTS, holds } from './features.js';
import { readsProjects } from './projects.js';

const actor = (role: string, readOnly = false): Actor => ({
  userId: 7,
  username: 'u',
  role: role as Role,
  organisationId: 1,
  regionCodes: ['420111'],
  enterpriseId: role === 'enterprise_user' ? 1 : null,
  readOnly,
});

/**
 * The expected platform rights of every role, written out by hand: what a full session holds,
 * and what a read-only API token of the same role holds. A role added to ROLES fails the first
 * test until someone decides here what it may do; a right added to GRANTS fails until it is
 * written into every role's row.
 */
const EXPECTED: Record<string, { full: string[]; readOnly: string[] }> = {
  city_admin: {
    full: [
      'writer',
      'administer',
      'import',
      'exportDataset',
      'seeFigures',
      'chainPublish',
      'chainMaintain',
      'chainShortlist',
      'projects',
      'issueOrders',
      'organiseConferences',
      'jobs',
      'jobsAll',
      'jobsManage',
    ],
    readOnly: ['exportDataset', 'seeFigures', 'projects', 'jobs', 'jobsAll'],
  },
  city_analyst: {
    full: ['writer', 'exportDataset', 'seeFigures', 'chainShortlist', 'projects', 'jobs', 'jobsManage'],
    readOnly: ['exportDataset', 'seeFigures', 'projects', 'jobs'],
  },
  district_user: {
    full: ['writer', 'chainMaintain', 'chainShortlist', 'projects', 'jobs', 'jobsManage'],
    readOnly: ['projects', 'jobs'],
  },
  park_operator: {
    full: ['writer', 'chainMaintain', 'chainShortlist', 'projects', 'jobs', 'jobsManage'],
    readOnly: ['projects', 'jobs'],
  },
  investment_officer: {
    full: ['writer', 'chainShortlist', 'projects', 'organiseConferences', 'jobs', 'jobsManage'],
    readOnly: ['projects', 'jobs'],
  },
  enterprise_user: { full: ['writer', 'jobs', 'jobsManage'], readOnly: ['jobs'] },
  hub_operator: { full: ['writer', 'jobs', 'jobsManage'], readOnly: ['jobs'] },
  viewer: { full: [], readOnly: [] },
};

describe('platform rights are allow-lists', () => {
  it('has an expected row for exactly the roles of ROLES', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ROLES].sort());
  });

  it('gives every role exactly its expected rights, with a full session and with a read-only token', () => {
    const rights = Object.keys(FEATURES);
    for (const role of ROLES) {
      for (const readOnly of [false, true]) {
        const held = rights.filter((f) => FEATURES[f as keyof typeof FEATURES](actor(role, readOnly)));
        const want = EXPECTED[role]?.[readOnly ? 'readOnly' : 'full'];
        expect(held.sort(), `${role}${readOnly ? ' (read-only token)' : ''}`).toEqual([...(want ?? [])].sort());
      }
    }
  });

  it('names every role in every right, and lets a role it does not know hold nothing', () => {
    for (const [right, row] of Object.entries(GRANTS)) {
      expect(Object.keys(row).sort(), right).toEqual([...ROLES].sort());
      expect(holds(actor('future_role'), row), right).toBe(false);
    }
    expect(holds(actor('__proto__'), GRANTS.jobs)).toBe(false);
  });

  it('reads projects by the same row as the projects right', () => {
    for (const role of ROLES) expect(readsProjects(actor(role)), role).toBe(FEATURES.projects(actor(role)));
  });

  it("keeps modules' rights from granting a role nobody has considered", () => {
    installModules(MODULES);
    // Module rights still written as exclusions ("every role but the viewer"); each belongs to its
    // module's owner to rewrite as an allow-list. The list may only shrink.
    const KNOWN_EXCLUSIONS = ['consolidation.view', 'docking.matches', 'space.programme', 'cockpit.reports'];
    const granted = allFeatures()
      .filter(([, test]) => test(actor('future_role')))
      .map(([f]) => f);
    expect(granted.filter((f) => !KNOWN_EXCLUSIONS.includes(f))).toEqual([]);
  });
});
