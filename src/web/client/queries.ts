/**
 * The one data-fetching layer: typed TanStack Query hooks over the REST API. Pages call these,
 * never fetch() directly, so caching, retries and invalidation are decided in one place.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TDevzone } from '../../contracts/registry';
import { api, type QueryParams, RESPOND_ASYNC, upload } from './client';
import { awaitJob, isStarted, type TJob } from './jobs';
import type {
  CreditCodeCheck,
  DistrictGeoJson,
  DistrictStats,
  EnterpriseLocation,
  ImportKind,
  ImportMode,
  ImportRecord,
  IndustryClassDetail,
  Items,
  Page,
  SearchResult,
  StatsOverview,
  TBuilding,
  TBuildingDirectory,
  TEnterprise,
  TEnterpriseInput,
  TIndustryClass,
  TInstitution,
  TKeyFigure,
  TMetric,
  TPark,
  TParkInput,
  TRegion,
  TSource,
  TSupplyLink,
  TTier,
} from './types';

const LONG = 10 * 60_000; // reference data changes rarely

function useList<T>(resource: string, params: QueryParams, enabled = true) {
  return useQuery({
    queryKey: [resource, 'list', params],
    queryFn: ({ signal }) => api.get<Page<T>>(`/${resource}`, params, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

function useOne<T>(resource: string, id: number | string | undefined, suffix = '') {
  return useQuery({
    queryKey: [resource, 'one', String(id), suffix],
    queryFn: ({ signal }) => api.get<T>(`/${resource}/${encodeURIComponent(String(id))}${suffix}`, undefined, signal),
    enabled: id !== undefined && id !== '',
  });
}

// ─── registry ───
export const useParks = (params: QueryParams, enabled = true) => useList<TPark>('parks', params, enabled);
export const usePark = (id: number | undefined) => useOne<TPark>('parks', id);
export const useBuildings = (params: QueryParams, enabled = true) => useList<TBuilding>('buildings', params, enabled);
export const useBuilding = (id: number | undefined) => useOne<TBuilding>('buildings', id);
export const useBuildingDirectory = (id: number | undefined) =>
  useOne<TBuildingDirectory>('buildings', id, '/directory');
export const useEnterprises = (params: QueryParams, enabled = true) =>
  useList<TEnterprise>('enterprises', params, enabled);
export const useEnterprise = (id: number | undefined) => useOne<TEnterprise>('enterprises', id);
export const useEnterpriseLocations = (id: number | undefined) =>
  useOne<EnterpriseLocation[]>('enterprises', id, '/locations');
export const useInstitutions = (params: QueryParams, enabled = true) =>
  useList<TInstitution>('institutions', params, enabled);
export const useKeyFigures = (params: QueryParams, enabled = true) =>
  useList<TKeyFigure>('key-figures', params, enabled);
export const useSupplyLinks = (params: QueryParams, enabled = true) =>
  useList<TSupplyLink>('supply-links', params, enabled);

export function useMetrics(enterpriseId: number | undefined) {
  return useList<TMetric>('metrics', { enterpriseId, limit: 500, sort: 'year' }, enterpriseId !== undefined);
}

export function useStatsOverview() {
  return useQuery({
    queryKey: ['stats', 'overview'],
    queryFn: ({ signal }) => api.get<StatsOverview>('/stats/overview', undefined, signal),
  });
}

/** Every park with coordinates, for maps; one cached request shared by home and park pages. */
export function useAllParks() {
  return useQuery({
    queryKey: ['parks', 'all'],
    queryFn: ({ signal }) => api.get<Page<TPark>>('/parks', { limit: 500, sort: 'name' }, signal),
    staleTime: 60_000,
  });
}

// ─── reference data ───
export function useDistricts() {
  return useQuery({
    queryKey: ['regions', '420100'],
    queryFn: ({ signal }) => api.get<Items<TRegion>>('/regions', { parentCode: '420100' }, signal),
    staleTime: LONG,
  });
}

/** The development zones with their counts (GET /api/v1/devzones), a dimension beside districts. */
export function useDevzones() {
  return useQuery({
    queryKey: ['devzones'],
    queryFn: ({ signal }) => api.get<Items<TDevzone>>('/devzones', undefined, signal),
    staleTime: LONG,
  });
}

export function useTiers() {
  return useQuery({
    queryKey: ['tiers'],
    queryFn: ({ signal }) => api.get<Items<TTier>>('/tiers', undefined, signal),
    staleTime: LONG,
  });
}

export function useSources() {
  return useQuery({
    queryKey: ['sources', 'all'],
    queryFn: ({ signal }) => api.get<Page<TSource> | Items<TSource>>('/sources', { limit: 500 }, signal),
    staleTime: LONG,
  });
}

export function useIndustryClasses(params: QueryParams, enabled = true) {
  return useQuery({
    queryKey: ['industry-classes', params],
    queryFn: ({ signal }) =>
      api.get<Page<TIndustryClass> | Items<TIndustryClass>>('/industry-classes', { limit: 500, ...params }, signal),
    staleTime: LONG,
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useIndustryClass(code: string | undefined) {
  return useQuery({
    queryKey: ['industry-classes', 'one', code],
    queryFn: ({ signal }) =>
      api.get<IndustryClassDetail>(`/industry-classes/${encodeURIComponent(code ?? '')}`, undefined, signal),
    enabled: !!code,
    staleTime: LONG,
  });
}

export function fetchIndustryChildren(parentCode: string) {
  return api.get<Page<TIndustryClass> | Items<TIndustryClass>>('/industry-classes', { parentCode, limit: 500 });
}

export function useCreditCodeCheck(code: string | null | undefined, enabled = true) {
  return useQuery({
    queryKey: ['credit-codes', code],
    queryFn: ({ signal }) =>
      api.get<CreditCodeCheck>(`/credit-codes/${encodeURIComponent(code ?? '')}/check`, undefined, signal),
    enabled: enabled && !!code && code.length >= 18,
    staleTime: LONG,
  });
}

// ─── writes ───
export function useSavePark(id: number | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<TParkInput> & { version?: number }) =>
      id === undefined ? api.post<TPark>('/parks', body) : api.patch<TPark>(`/parks/${id}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['parks'] }),
  });
}

export function useSaveEnterprise(id: number | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<TEnterpriseInput> & { version?: number }) =>
      id === undefined
        ? api.post<TEnterprise>('/enterprises', body)
        : api.patch<TEnterprise>(`/enterprises/${id}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['enterprises'] }),
  });
}

// ─── search ───

/** Type-ahead search; the caller debounces `q`. Earlier answers stay up while the next loads. */
export function useSearch(q: string, limit = 20) {
  const query = q.trim();
  return useQuery({
    queryKey: ['search', query, limit],
    queryFn: ({ signal }) => api.get<SearchResult>('/search', { q: query, limit }, signal),
    enabled: query.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

// ─── map ───

export function useDistrictGeo() {
  return useQuery({
    queryKey: ['geo', 'wuhan-districts'],
    queryFn: ({ signal }) => api.get<DistrictGeoJson>('/geo/wuhan-districts', undefined, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useDistrictStats() {
  return useQuery({
    queryKey: ['stats', 'districts'],
    queryFn: ({ signal }) => api.get<{ items: DistrictStats[] }>('/stats/districts', undefined, signal),
  });
}

// ─── import ───

export function useImport(id: number | undefined) {
  return useQuery({
    queryKey: ['imports', id],
    queryFn: ({ signal }) => api.get<ImportRecord>(`/imports/${id}`, undefined, signal),
    enabled: id !== undefined,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/**
 * Uploads a file for a dry run: the server validates every row (a job; onJob sees its progress) and
 * writes nothing.
 */
export function useUploadImport(onProgress?: (fraction: number) => void, onJob?: (job: TJob) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ file, kind }: { file: File; kind?: ImportKind }) => {
      const form = new FormData();
      // Fields before the file: the server reads them from the file part.
      if (kind) form.append('kind', kind);
      form.append('file', file, file.name);
      const res = await upload<ImportRecord | { job: TJob }>('/imports', form, onProgress, undefined, RESPOND_ASYNC);
      return isStarted(res) ? awaitJob<ImportRecord>(res.job, onJob) : res;
    },
    onSuccess: (rec) => qc.setQueryData(['imports', rec.id], rec),
  });
}

export function useCommitImport(id: number | undefined, onJob?: (job: TJob) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (mode: ImportMode) => {
      const res = await api.postAsync<ImportRecord | { job: TJob }>(`/imports/${id}/commit`, { mode });
      return isStarted(res) ? awaitJob<ImportRecord>(res.job, onJob) : res;
    },
    onSuccess: (rec) => {
      qc.setQueryData(['imports', rec.id], rec);
      if (rec.status === 'committed') {
        // Anything may have changed: lists, counts, the map.
        for (const key of ['parks', 'buildings', 'enterprises', 'metrics', 'supply-links', 'stats', 'search'])
          void qc.invalidateQueries({ queryKey: [key] });
      }
    },
  });
}
