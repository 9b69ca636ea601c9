/**
 * What the signed-in user may change, derived from its role so the UI can hide buttons it cannot
 * use. This mirrors src/server/lib/policy.ts; the server stays the authority (a 403 it sends
 * anyway is shown as such).
 */
import { useMemo } from 'react';
import type { Role, TSessionUser } from '../client/auth';
import { redactedOf } from './redaction';
import { useCurrentUser } from './session';

export type WritableResource =
  | 'parks'
  | 'buildings'
  | 'floors'
  | 'units'
  | 'occupancies'
  | 'enterprises'
  | 'metrics'
  | 'supply-links'
  | 'institutions'
  | 'events'
  | 'key-figures';

const ZONE = ['parks', 'buildings', 'floors', 'units', 'occupancies', 'enterprises', 'metrics', 'supply-links'];
const WRITES: Record<Role, readonly string[]> = {
  city_admin: ['*'],
  city_analyst: [],
  district_user: [...ZONE, 'institutions', 'events', 'key-figures'],
  park_operator: [...ZONE, 'institutions'],
  investment_officer: ['events'],
  // Its own enterprise, figures and supplier links only.
  enterprise_user: ['enterprises', 'metrics', 'supply-links'],
  viewer: [],
};

export interface Permissions {
  role: Role | null;
  isAdmin: boolean;
  /** May create a record of this kind (zone roles: inside their zone, which the server checks). */
  mayCreate(resource: WritableResource): boolean;
  /**
   * May change this record. Zone roles only ever receive rows in their zone, so a row they see is
   * one they may change; an enterprise user may change only its own enterprise, the one whose
   * confidential fields it is shown.
   */
  mayEdit(resource: WritableResource, row?: object): boolean;
  mayImport: boolean;
  /** Whole-dataset export (every field of every record). */
  mayExportDataset: boolean;
  mayAdminister: boolean;
}

export function permissionsOf(user: Pick<TSessionUser, 'role'> | null): Permissions {
  const role = user?.role ?? null;
  const writes = role ? WRITES[role] : [];
  const may = (r: string) => writes.includes('*') || writes.includes(r);
  const isAdmin = role === 'city_admin';
  return {
    role,
    isAdmin,
    mayCreate: (r) => may(r) && !(role === 'enterprise_user' && r === 'enterprises'),
    mayEdit: (r, row) => may(r) && (role !== 'enterprise_user' || (row !== undefined && redactedOf(row).length === 0)),
    mayImport: isAdmin,
    mayExportDataset: isAdmin || role === 'city_analyst',
    mayAdminister: isAdmin,
  };
}

export function usePermissions(): Permissions {
  const user = useCurrentUser();
  return useMemo(() => permissionsOf(user), [user]);
}
