import { describe, expect, it } from 'vitest';
import type { Role } from '../../contracts/auth';
import { permissionsOf as serverMatrix } from '../../server/platform/policy/permissions';
import { permissionsFrom } from './permissions';

/** The web's permissions from the matrix the server sends for a user of this role. */
const permissionsOf = (user: { role: Role } | null) =>
  permissionsFrom(
    user &&
      serverMatrix({
        userId: 1,
        username: 'u',
        role: user.role,
        organisationId: 1,
        regionCodes: [],
        enterpriseId: user.role === 'enterprise_user' ? 1 : null,
        readOnly: false,
      }),
  );

describe('permissions from the server matrix', () => {
  it('lets a city administrator change, import and administer everything', () => {
    const p = permissionsOf({ role: 'city_admin' });
    expect(p.mayCreate('parks') && p.mayEdit('enterprises') && p.mayImport && p.mayAdminister).toBe(true);
  });

  it('lets a city analyst export the dataset but change nothing', () => {
    const p = permissionsOf({ role: 'city_analyst' });
    expect([p.mayCreate('parks'), p.mayEdit('parks'), p.mayImport, p.mayAdminister]).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(p.mayExportDataset).toBe(true);
  });

  it('lets a park operator change parks and tenants in its zone but not events or key figures', () => {
    const p = permissionsOf({ role: 'park_operator' });
    expect(p.mayCreate('parks') && p.mayEdit('enterprises', {})).toBe(true);
    expect(p.mayCreate('events') || p.mayCreate('key-figures') || p.mayImport).toBe(false);
  });

  it('lets an enterprise user edit only the enterprise whose confidential fields it is shown', () => {
    const p = permissionsOf({ role: 'enterprise_user' });
    expect(p.mayEdit('enterprises', { id: 1 })).toBe(true);
    expect(p.mayEdit('enterprises', { id: 2, redacted: ['creditCodeValid'] })).toBe(false);
    expect(p.mayCreate('enterprises')).toBe(false);
  });

  it('gives viewers and the signed-out nothing to change', () => {
    for (const user of [{ role: 'viewer' as const }, null]) {
      const p = permissionsOf(user);
      expect(p.mayCreate('parks') || p.mayEdit('parks', {}) || p.mayExportDataset || p.mayAdminister).toBe(false);
    }
  });

  it('shows the project board and chain maintenance only to those the server lets in', () => {
    for (const role of ['viewer', 'enterprise_user'] as const) {
      const p = permissionsOf({ role });
      expect([p.may('projects'), p.may('chainMaintain')], role).toEqual([false, false]);
    }
    expect(permissionsOf({ role: 'investment_officer' }).may('projects')).toBe(true);
    expect(permissionsOf({ role: 'park_operator' }).may('chainMaintain')).toBe(true);
  });

  it('gives a logistics hub operator nothing of the registry to change and no projects, imports or exports', () => {
    const p = permissionsOf({ role: 'hub_operator' });
    for (const kind of ['parks', 'enterprises', 'metrics', 'supply-links', 'events'] as const) {
      expect([p.mayCreate(kind), p.mayEdit(kind, {})], kind).toEqual([false, false]);
    }
    expect([
      p.may('projects'),
      p.may('chainMaintain'),
      p.may('chainShortlist'),
      p.mayImport,
      p.mayExportDataset,
      p.mayAdminister,
    ]).toEqual([false, false, false, false, false, false]);
  });

  it('allows nothing while the matrix has not arrived', () => {
    const p = permissionsFrom(undefined, true);
    expect([p.loading, p.may('projects'), p.mayCreate('parks'), p.mayAdminister]).toEqual([true, false, false, false]);
  });
});
