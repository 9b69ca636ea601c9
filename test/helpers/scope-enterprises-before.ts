/**
 * `scopeEnterprises` of platform/figures.ts as it was before it was answered as one EXISTS per part
 * (commit 4c77854): a city's or district's firms as `col in (registered) or col in (tenants)`, which
 * PostgreSQL cannot turn into a semi-join — a hashed sub-plan over every registered firm and every
 * tenant, built per query (docking.deals took 2.5 s at 1 M firms). Frozen here as the reference the
 * figures test compares the new helper with, and what the "before" of the old firm figures used.
 * Not used by the app.
 */
import type { Sql } from '../../src/server/lib/sql.js';
import { type FigureScope, scopeTenants } from '../../src/server/platform/figures.js';
import { devzoneEnterprises, devzoneOf } from '../../src/server/platform/policy/devzones.js';

export function scopeEnterprisesBefore(s: FigureScope, q: Sql, col = 'e.id'): string {
  if (s.kind === 'park') return `${col} in ${scopeTenants(s, q)}`;
  if (s.kind === 'devzone') {
    const z = devzoneOf(s.code);
    if (!z) throw new Error(`unknown devzone ${s.code}`);
    return `${col} in ${devzoneEnterprises(z, q)}`;
  }
  const region =
    s.kind === 'city'
      ? `(select id from enterprises where region_code like '4201%')`
      : `(select id from enterprises where region_code = ${q.p(s.code)})`;
  return `(${col} in ${region} or ${col} in ${scopeTenants(s, q)})`;
}
