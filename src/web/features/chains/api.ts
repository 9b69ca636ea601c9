/** Query hooks of the chain views over /api/v1/chains…, /chain-matrix, /chain-scope and friends. */
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { TChainTemplate } from '../../../contracts/chains';
import type { ChainHealth, GapTarget } from '../../../domain/chains/types';
import type { LeaderSuppliers, OutsideSupplier } from '../../../server/modules/chains/suppliers';
import type { MatrixRow, ScopeInfo } from '../../../server/modules/chains/views';
import { ApiError, api } from '../../client/client';

export type { ChainHealth, GapTarget, LeaderSuppliers, MatrixRow, OutsideSupplier, ScopeInfo, TChainTemplate };
export type NodeHealth = ChainHealth['nodes'][number];
export type ChainLeader = ChainHealth['leaders'][number];

export interface ChainSummary {
  code: string;
  version: number;
  nameZh: string;
  nameEn: string;
  nodes: number;
  keyLinks: number;
  edges: number;
}

export interface Matrix {
  chains: { code: string; nameZh: string; nameEn: string }[];
  by: 'park' | 'district' | 'devzone';
  rows: MatrixRow[];
}

const flag = (suggested: boolean) => (suggested ? 'true' : 'false');

export function useChainList() {
  return useQuery({
    queryKey: ['chains', 'list'],
    queryFn: ({ signal }) => api.get<{ items: ChainSummary[] }>('/chains', undefined, signal),
    staleTime: 5 * 60_000,
  });
}

export function useChainTemplate(code: string | undefined) {
  return useQuery({
    queryKey: ['chains', 'template', code],
    queryFn: ({ signal }) => api.get<TChainTemplate>(`/chains/${code}`, undefined, signal),
    enabled: !!code,
    staleTime: 5 * 60_000,
  });
}

export function useAllHealth(scope: string, suggested: boolean) {
  return useQuery({
    queryKey: ['chains', 'health-all', scope, suggested],
    queryFn: ({ signal }) =>
      api.get<ChainHealth[]>('/chain-health', { scope, includeSuggested: flag(suggested) }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useChainHealth(code: string | undefined, scope: string, suggested: boolean) {
  return useQuery({
    queryKey: ['chains', 'health', code, scope, suggested],
    queryFn: ({ signal }) =>
      api.get<ChainHealth>(`/chains/${code}/health`, { scope, includeSuggested: flag(suggested) }, signal),
    enabled: !!code,
  });
}

export function useChainTargets(
  code: string | undefined,
  scope: string,
  suggested: boolean,
  enabled = true,
  relocations = false,
) {
  return useQuery({
    queryKey: ['chains', 'targets', code, scope, suggested, relocations],
    queryFn: ({ signal }) =>
      api.get<GapTarget[]>(
        `/chains/${code}/targets`,
        { scope, includeSuggested: flag(suggested), relocations: flag(relocations) },
        signal,
      ),
    enabled: !!code && enabled,
  });
}

export function useOutsideSuppliers(code: string | undefined, scope: string, suggested: boolean, enabled = true) {
  return useQuery({
    queryKey: ['chains', 'outside', code, scope, suggested],
    queryFn: ({ signal }) =>
      api.get<{ items: OutsideSupplier[] }>(
        `/chains/${code}/outside-suppliers`,
        { scope, includeSuggested: flag(suggested) },
        signal,
      ),
    enabled: !!code && enabled,
  });
}

export function useScopeInfo(scope: string) {
  return useQuery({
    queryKey: ['chains', 'scope', scope],
    queryFn: ({ signal }) => api.get<ScopeInfo>('/chain-scope', { scope }, signal),
    staleTime: 5 * 60_000,
  });
}

export function useMatrix(
  by: 'park' | 'district' | 'devzone',
  district: string | undefined,
  suggested: boolean,
  devzone?: string,
) {
  return useQuery({
    queryKey: ['chains', 'matrix', by, district, devzone, suggested],
    queryFn: ({ signal }) =>
      api.get<Matrix>('/chain-matrix', { by, district, devzone, includeSuggested: flag(suggested) }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCompare(code: string | undefined, a: string | undefined, b: string | undefined, suggested: boolean) {
  return useQuery({
    queryKey: ['chains', 'compare', code, a, b, suggested],
    queryFn: ({ signal }) =>
      api.get<{ a: { scope: ScopeInfo; health: ChainHealth }; b: { scope: ScopeInfo; health: ChainHealth } }>(
        `/chains/${code}/compare`,
        { a, b, includeSuggested: flag(suggested) },
        signal,
      ),
    enabled: !!code && !!a && !!b,
    placeholderData: keepPreviousData,
  });
}

export function useLeaderSuppliers(id: number | undefined, scope: string, chain: string | undefined) {
  return useQuery({
    queryKey: ['chains', 'suppliers', id, scope, chain],
    queryFn: ({ signal }) => api.get<LeaderSuppliers>(`/enterprises/${id}/chain-suppliers`, { scope, chain }, signal),
    enabled: id !== undefined,
  });
}

export interface LeadRequest {
  chainCode: string;
  nodeId: string;
  enterpriseId: number;
  scope: string;
  score: number;
  reasons: { code: string; zh: string; en: string }[];
}

/**
 * Turns a candidate into an investment lead; while the investment module's endpoint is missing
 * (404), keeps it on the chain shortlist instead. Resolves to which of the two happened.
 */
/**
 * Turns a gap-filling candidate into an investment lead (a project at stage "lead"). When an open
 * project for the firm and segment exists already, the server answers 409 with its id: that is
 * not a failure, the person is taken to it.
 */
export function useTurnIntoLead() {
  return useMutation({
    mutationFn: async (body: LeadRequest): Promise<{ projectId: number; existed: boolean }> => {
      try {
        const created = await api.post<{ id: number }>('/projects/from-candidate', body);
        return { projectId: created.id, existed: false };
      } catch (e) {
        const existing =
          e instanceof ApiError && e.status === 409 ? (e.problem as { projectId?: unknown }).projectId : null;
        if (typeof existing === 'number') return { projectId: existing, existed: true };
        throw e;
      }
    },
  });
}
