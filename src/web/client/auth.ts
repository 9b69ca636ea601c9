/**
 * Accounts: the session, sign-in and sign-out, password, API tokens, and the administration API
 * (users, organisations, audit). Same data layer as queries.ts; the shapes mirror
 * src/server/modules/auth/routes.ts (the server does not publish them as contracts yet).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ORG_KINDS, Role, TSessionUser } from '../../contracts/auth';
import { api, type QueryParams } from './client';
import type { Items } from './types';

export type { Role, TSessionUser };
export type OrgKind = (typeof ORG_KINDS)[number];

export interface Session {
  user: TSessionUser;
  csrfToken: string;
}

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  organisationName: string;
}

export interface ApiToken {
  id: number;
  name: string;
  prefix: string;
  readOnly: boolean;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface AdminUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  organisationId: number;
  organisationName: string;
  disabled: boolean;
  isDemo: boolean;
  mustChangePassword: boolean;
  locked: boolean | null;
  createdAt: string;
  version: number;
}

export interface Organisation {
  id: number;
  name: string;
  kind: OrgKind;
  regionCodes: string[];
  enterpriseId: number | null;
  parkIds: number[];
  userCount: number;
  version: number;
}

export interface OrganisationInput {
  name: string;
  kind: OrgKind;
  regionCodes: string[];
  enterpriseId: number | null;
  parkIds: number[];
}

export interface AuditEntry {
  kind: 'change' | 'auth';
  id: number;
  at: string;
  entity: string;
  entityId: string | null;
  action: string;
  oldValues: Record<string, unknown> | null;
  newValues: Record<string, unknown> | null;
  actor: string | null;
  ip: string | null;
  via: string | null;
}

export const SESSION_KEY = ['auth', 'session'] as const;

// ─── session ───

export const fetchSession = () => api.get<Session>('/auth/session');
export const signIn = (username: string, password: string) =>
  api.post<Session>('/auth/sign-in', { username, password });
export const signOut = (everywhere = false) =>
  api.post<void>(everywhere ? '/auth/sign-out-everywhere' : '/auth/sign-out', {});

export function useDemoAccounts() {
  return useQuery({
    queryKey: ['auth', 'demo-accounts'],
    queryFn: ({ signal }) =>
      api.get<{ items: DemoAccount[]; password: string | null }>('/auth/demo-accounts', undefined, signal),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

export function useChangePassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { current: string; next: string }) => api.post<null>('/auth/password', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: SESSION_KEY }),
  });
}

// ─── API tokens ───

export function useTokens() {
  return useQuery({
    queryKey: ['auth', 'tokens'],
    queryFn: ({ signal }) => api.get<Items<ApiToken>>('/auth/tokens', undefined, signal),
  });
}

export function useCreateToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; readOnly: boolean; expiresInDays?: number }) =>
      api.post<{ id: number; token: string }>('/auth/tokens', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['auth', 'tokens'] }),
  });
}

export function useRevokeToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete<void>(`/auth/tokens/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['auth', 'tokens'] }),
  });
}

// ─── administration ───

export function useAdminUsers() {
  return useQuery({
    queryKey: ['admin', 'users'],
    queryFn: ({ signal }) => api.get<Items<AdminUser>>('/admin/users', undefined, signal),
  });
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: {
      username: string;
      displayName: string;
      role: Role;
      organisationId: number;
      password?: string;
    }) => api.post<{ id: number; password?: string }>('/admin/users', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['admin'] }),
  });
}

export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      ...body
    }: {
      id: number;
      version: number;
      displayName?: string;
      role?: Role;
      organisationId?: number;
      disabled?: boolean;
    }) => api.patch<{ ok: true }>(`/admin/users/${id}`, body),
    onSettled: () => qc.invalidateQueries({ queryKey: ['admin'] }),
  });
}

export function useResetPassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<{ password: string }>(`/admin/users/${id}/reset-password`, {}),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['admin'] }),
  });
}

export function useOrganisations(enabled = true) {
  return useQuery({
    queryKey: ['admin', 'organisations'],
    queryFn: ({ signal }) => api.get<Items<Organisation>>('/admin/organisations', undefined, signal),
    enabled,
  });
}

export function useCreateOrganisation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: OrganisationInput) => api.post<{ id: number }>('/admin/organisations', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['admin'] }),
  });
}

export function useSaveScope() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      ...body
    }: Pick<OrganisationInput, 'regionCodes' | 'parkIds' | 'enterpriseId'> & { id: number }) =>
      api.put<{ ok: true }>(`/admin/organisations/${id}/scope`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['admin'] }),
  });
}

export function useAudit(params: QueryParams, enabled = true) {
  return useQuery({
    queryKey: ['admin', 'audit', params],
    queryFn: ({ signal }) =>
      api.get<{ items: AuditEntry[]; limit: number; offset: number }>('/admin/audit', params, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}
