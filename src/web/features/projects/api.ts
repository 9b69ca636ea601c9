/** Data hooks of the investment feature (TanStack Query over the typed client). */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  OriginRegion,
  TProject,
  ZDigestAnswer,
  ZEventDetail,
  ZEventListItem,
  ZFollowUpWithBy,
  ZOrder,
  ZPerson,
  ZProjectDetail,
  ZStageMove,
  ZTimelineEntry,
} from '../../../contracts/invest';
import type { Results as DomainResults, Group } from '../../../domain/invest/results';
import { api, type QueryParams } from '../../client/client';

export type { TProject };

type Row = Record<string, unknown>;

/** The wire types of the investment API, from its contract (src/contracts/invest.ts), never repeated here. */
export type TimelineEntry = z.infer<typeof ZTimelineEntry>;
export type FollowUp = z.infer<typeof ZFollowUpWithBy>;
export type Order = z.infer<typeof ZOrder>;
export type ProjectDetail = z.infer<typeof ZProjectDetail>;
export type Person = z.infer<typeof ZPerson>;
/** The dashboard's figures: the domain's Results, with origin regions typed. */
export type Results = Omit<DomainResults, 'byRegion'> & { byRegion: (Group & { key: OriginRegion })[] };
export type { Group };
export type EventRow = z.infer<typeof ZEventListItem>;
export type EventDetail = z.infer<typeof ZEventDetail>;
export type Digest = z.infer<typeof ZDigestAnswer>;

export const useProjects = (params: QueryParams) =>
  useQuery({
    queryKey: ['projects', 'list', params],
    queryFn: ({ signal }) => api.get<{ items: TProject[]; total: number }>('/projects', params, signal),
    placeholderData: keepPreviousData,
  });

export const useProject = (id: number | undefined) =>
  useQuery({
    queryKey: ['projects', 'one', id],
    queryFn: ({ signal }) => api.get<ProjectDetail>(`/projects/${id}`, undefined, signal),
    enabled: id !== undefined,
  });

export const usePeople = () =>
  useQuery({
    queryKey: ['invest', 'people'],
    queryFn: ({ signal }) => api.get<{ items: Person[] }>('/invest/people', undefined, signal),
    staleTime: 5 * 60_000,
  });

export const useReminders = () =>
  useQuery({
    queryKey: ['projects', 'reminders'],
    queryFn: ({ signal }) =>
      api.get<{
        today: string;
        followUps: { projectId: number; codeName: string; stage: string; nextFollowUpOn: string; bucket: string }[];
        orders: Order[];
      }>('/invest/reminders', undefined, signal),
  });

export const useDigest = (week: string | undefined, lang: string) =>
  useQuery({
    queryKey: ['projects', 'digest', week, lang],
    queryFn: ({ signal }) => api.get<Digest>('/invest/digest', { week, lang: lang === 'en-US' ? 'en' : 'zh' }, signal),
  });

export const useShortlist = () =>
  useQuery({
    queryKey: ['projects', 'shortlist'],
    queryFn: ({ signal }) => api.get<{ items: Row[] }>('/invest/shortlist', undefined, signal),
  });

export const useDashboard = (params: QueryParams) =>
  useQuery({
    queryKey: ['projects', 'dashboard', params],
    queryFn: ({ signal }) => api.get<Results>('/invest/dashboard', params, signal),
    placeholderData: keepPreviousData,
  });

export const useEvents = (params: QueryParams) =>
  useQuery({
    queryKey: ['invest-events', 'list', params],
    queryFn: ({ signal }) => api.get<{ items: EventRow[]; total: number }>('/invest/events', params, signal),
    placeholderData: keepPreviousData,
  });

export const useEventDetail = (id: number | undefined) =>
  useQuery({
    queryKey: ['invest-events', 'one', id],
    queryFn: ({ signal }) => api.get<EventDetail>(`/invest/events/${id}`, undefined, signal),
    enabled: id !== undefined,
  });

/** A write that refreshes every project and event view afterwards. */
export function useInvestMutation<B, R = unknown>(fn: (body: B) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: ['projects'] });
      void qc.invalidateQueries({ queryKey: ['invest-events'] });
    },
  });
}

export const moveProject = (id: number, body: z.input<typeof ZStageMove>) =>
  api.post<TProject>(`/projects/${id}/stage`, body);
