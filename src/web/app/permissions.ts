/**
 * What the signed-in user may do, as the server's policy registry says (GET /permissions, one
 * request per session), so menus, routes and buttons follow the same rules the API enforces.
 * Nothing is allowed until the matrix has arrived.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { PolicyResource, TPermissions } from '../../contracts/auth';
import type { Role } from '../client/auth';
import { api } from '../client/client';
import { redactedOf } from './redaction';
import { useCurrentUser } from './session';

export type WritableResource = Exclude<PolicyResource, 'projects'>;
export type Feature = keyof TPermissions['features'];

export interface Permissions {
  role: Role | null;
  /** The matrix is still on its way: show a spinner rather than a refusal. */
  loading: boolean;
  isAdmin: boolean;
  /** May create a record of this kind (zone roles: inside their zone, which the server checks). */
  mayCreate(resource: WritableResource): boolean;
  /**
   * May change this record. Zone roles only ever receive rows in their zone, so a row they see is
   * one they may change; an enterprise user may change only its own enterprise, the one whose
   * confidential fields it is shown.
   */
  mayEdit(resource: WritableResource, row?: object): boolean;
  /** A feature beyond records: projects, chain maintenance, imports, administration … */
  may(feature: Feature): boolean;
  mayImport: boolean;
  /** Whole-dataset export (every field of every record). */
  mayExportDataset: boolean;
  mayAdminister: boolean;
}

export function permissionsFrom(m: TPermissions | null | undefined, loading = false): Permissions {
  const may = (f: Feature) => m?.features[f] ?? false;
  return {
    role: m?.role ?? null,
    loading,
    isAdmin: m?.role === 'city_admin',
    mayCreate: (r) => m?.resources[r]?.create ?? false,
    mayEdit: (r, row) => {
      const w = m?.resources[r]?.write ?? 'none';
      if (w === 'own') return row !== undefined && redactedOf(row).length === 0;
      return w !== 'none';
    },
    may,
    mayImport: may('import'),
    mayExportDataset: may('exportDataset'),
    mayAdminister: may('administer'),
  };
}

export const PERMISSIONS_KEY = ['permissions'] as const;

export function usePermissions(): Permissions {
  const user = useCurrentUser();
  const q = useQuery({
    queryKey: [...PERMISSIONS_KEY, user?.id ?? null],
    queryFn: () => api.get<TPermissions>('/permissions'),
    enabled: user !== null,
    staleTime: Number.POSITIVE_INFINITY,
  });
  return useMemo(() => permissionsFrom(q.data, user !== null && q.isPending), [q.data, q.isPending, user]);
}
