import { describe, expect, it } from 'vitest';
import { permissionsOf } from './permissions';

describe('permissionsOf', () => {
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
});
