/** TanStack Query hooks of the cockpit, over the typed client. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TCockpit,
  TFreshness,
  TReport,
  TReportRequest,
  TTargetProgress,
  TUpdateRequest,
} from '../../../contracts/cockpit';
import { api } from '../../client/client';
import type { TEvent } from '../../client/types';

export type {
  TCockpit,
  TFigure,
  TFreshness,
  TReport,
  TTargetProgress,
  TUpdateRequest,
} from '../../../contracts/cockpit';

export const useCockpit = (scope: string, refreshMs: number) =>
  useQuery({
    queryKey: ['cockpit', scope],
    queryFn: ({ signal }) => api.get<TCockpit>('/cockpit', { scope }, signal),
    refetchInterval: refreshMs,
  });

export const useTargets = (scope: string | undefined) =>
  useQuery({
    queryKey: ['cockpit', 'targets', scope ?? 'all'],
    queryFn: ({ signal }) => api.get<TTargetProgress[]>('/cockpit/targets', { scope }, signal),
  });

/** The freshness view of a scope with one page (500) of its stale facts, from `offset`. */
export const useFreshness = (scope: string, offset = 0) =>
  useQuery({
    queryKey: ['cockpit', 'freshness', scope, offset],
    queryFn: ({ signal }) => api.get<TFreshness>('/cockpit/freshness', { scope, offset }, signal),
    placeholderData: keepPreviousData,
  });

export const useUpdateRequests = (box: 'inbox' | 'outbox', status?: TUpdateRequest['status']) =>
  useQuery({
    queryKey: ['cockpit', 'requests', box, status ?? 'all'],
    queryFn: ({ signal }) => api.get<TUpdateRequest[]>('/cockpit/update-requests', { box, status }, signal),
  });

export const useUpdateRequest = (id: number | null) =>
  useQuery({
    queryKey: ['cockpit', 'request', id],
    queryFn: ({ signal }) => api.get<TUpdateRequest>(`/cockpit/update-requests/${id}`, undefined, signal),
    enabled: id !== null,
  });

function useCockpitMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: ['cockpit'] }) });
}

export const useSendRequest = () =>
  useCockpitMutation((v: { toOrganisationId: number; scope: string }) =>
    api.post<TUpdateRequest>('/cockpit/update-requests', v),
  );

export const useAnswer = () =>
  useCockpitMutation((v: { id: number; items: { itemId: number; answer: 'unchanged' | 'updated' }[] }) =>
    api.post<TUpdateRequest>(`/cockpit/update-requests/${v.id}/answer`, { items: v.items }),
  );

export const useCloseRequest = () =>
  useCockpitMutation((v: { id: number; as: 'closed' | 'cancelled' }) =>
    api.post<TUpdateRequest>(`/cockpit/update-requests/${v.id}/close`, { as: v.as }),
  );

export const useReports = () =>
  useQuery({
    queryKey: ['cockpit', 'reports'],
    queryFn: ({ signal }) => api.get<TReport[]>('/cockpit/reports', undefined, signal),
  });

/** Events (conferences) to report the results of, newest first. */
export const useEventOptions = (enabled: boolean) =>
  useQuery({
    queryKey: ['cockpit', 'events'],
    queryFn: ({ signal }) =>
      api.get<{ items: TEvent[] }>('/events', { limit: 200, sort: '-startedOn' }, signal).then((r) => r.items),
    enabled,
  });

export const useGenerateReport = () =>
  useCockpitMutation((v: Partial<TReportRequest> & { kind: TReportRequest['kind'] }) =>
    api.post<TReport>('/cockpit/reports', v),
  );
