/** TanStack Query hooks of the docking feature, over the typed client. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TBuildingView,
  TDashboard,
  TDealInput,
  TMatch,
  TNodeSuggestion,
  TPosting,
  TPostingInput,
  TSuggestedDemand,
} from '../../../contracts/docking';
import { api, type QueryParams } from '../../client/client';

export type { TBuildingView, TDashboard, TMatch, TNodeSuggestion, TPosting, TPostingInput, TSuggestedDemand };

const B = '/docking';
const KEY = ['docking'] as const;

export const usePostings = (params: QueryParams) =>
  useQuery({
    queryKey: [...KEY, 'postings', params],
    queryFn: ({ signal }) => api.get<{ items: TPosting[]; total: number }>(`${B}/postings`, params, signal),
    placeholderData: keepPreviousData,
  });

export const useMatches = (params: QueryParams, enabled = true) =>
  useQuery({
    queryKey: [...KEY, 'matches', params],
    queryFn: ({ signal }) => api.get<{ items: TMatch[]; total: number }>(`${B}/matches`, params, signal),
    enabled,
  });

export const useSuggestedDemand = () =>
  useQuery({
    queryKey: [...KEY, 'suggested'],
    queryFn: ({ signal }) => api.get<{ items: TSuggestedDemand[] }>(`${B}/suggested-demand`, undefined, signal),
  });

export const useBuildingView = (id: number | null) =>
  useQuery({
    queryKey: [...KEY, 'building', id],
    queryFn: ({ signal }) => api.get<TBuildingView>(`${B}/buildings/${id}`, undefined, signal),
    enabled: id !== null,
  });

export const useDashboard = () =>
  useQuery({
    queryKey: [...KEY, 'dashboard'],
    queryFn: ({ signal }) => api.get<TDashboard>(`${B}/dashboard`, undefined, signal),
  });

export const suggestNodes = (text: string) => api.get<{ items: TNodeSuggestion[] }>(`${B}/node-suggestions`, { text });

function useInvalidating<A, R>(fn: (a: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: KEY }) });
}

export const useCreatePosting = () =>
  useInvalidating((body: TPostingInput) => api.post<{ posting: TPosting; newMatches: number }>(`${B}/postings`, body));
export const useClosePosting = () =>
  useInvalidating((id: number) => api.post<TPosting>(`${B}/postings/${id}/close`, {}));
export const useDecide = () =>
  useInvalidating((a: { id: number; decision: 'interested' | 'not_relevant'; side?: 'demand' | 'supply' }) =>
    api.post<{ match: TMatch; contactOpened: boolean }>(`${B}/matches/${a.id}/decision`, {
      decision: a.decision,
      ...(a.side ? { side: a.side } : {}),
    }),
  );
export const useRecordDeal = () =>
  useInvalidating((a: { id: number; body: TDealInput }) =>
    api.post<{ match: TMatch }>(`${B}/matches/${a.id}/deals`, a.body),
  );
export const useConfirmSuggested = () =>
  useInvalidating((a: { linkId: number; validUntil: string; visibility: 'public' | 'city' | 'park' }) =>
    api.post<{ posting: TPosting }>(`${B}/suggested-demand/${a.linkId}/confirm`, {
      validUntil: a.validUntil,
      visibility: a.visibility,
    }),
  );
