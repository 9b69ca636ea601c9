/** Data hooks of the investment feature (TanStack Query over the typed client). */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { OriginRegion, ProjectStage, TProject, ZStageMove } from '../../../contracts/invest';
import type { Results as DomainResults, Group } from '../../../domain/invest/results';
import { api, type QueryParams } from '../../client/client';

export type { TProject };

type Row = Record<string, unknown>;

export interface TimelineEntry {
  id: number;
  at: string;
  actor: string | null;
  kind: string;
  fromStage: string | null;
  toStage: string | null;
  changes: Record<string, unknown> | null;
  note: string | null;
}
export interface FollowUp {
  id: number;
  onDate: string;
  kind: string;
  note: string;
  nextOn: string | null;
  byName: string | null;
  synthetic: boolean;
}
export interface Order {
  id: number;
  projectId: number;
  codeName: string;
  instruction: string;
  dueOn: string;
  status: 'open' | 'responded' | 'closed';
  response: string | null;
  issuedByName: string | null;
  assigneeId: number | null;
  assigneeName: string | null;
  overdue: boolean;
  version: number;
  synthetic: boolean;
}
export interface ProjectDetail {
  project: TProject;
  team: { id: number; displayName: string; role: string }[];
  contacts: {
    id: number;
    name: string;
    title: string | null;
    phone: string | null;
    email: string | null;
    note: string | null;
  }[];
  documents: {
    id: number;
    name: string;
    url: string | null;
    note: string | null;
    addedBy: string | null;
    /** Set when the document holds an uploaded file (download at …/documents/:id/file). */
    fileName: string | null;
    contentType: string | null;
    sizeBytes: number | null;
  }[];
  followUps: FollowUp[];
  timeline: TimelineEntry[];
  outcomes: {
    id: number;
    eventId: number;
    eventName: string;
    eventKind: string;
    kind: string;
    onDate: string | null;
    synthetic: boolean;
  }[];
  orders: Order[];
  contactsHidden: boolean;
}
export interface Person {
  id: number;
  displayName: string;
  role: string;
}
/** The dashboard's figures: the domain's Results, with origin regions typed. */
export type Results = Omit<DomainResults, 'byRegion'> & { byRegion: (Group & { key: OriginRegion })[] };
export type { Group };
export interface EventRow {
  id: number;
  name: string;
  kind: string;
  city: string | null;
  startedOn: string | null;
  endedOn: string | null;
  signings: number | null;
  intentions: number | null;
  participants: number | null;
  sourceId: string;
  synthetic: boolean;
  signedProjects: number;
  intentionProjects: number;
  startedProjects: number;
  producingProjects: number;
  signedInvestmentWan: number;
}
export interface EventDetail {
  event: EventRow & {
    description: string | null;
    sourceTitle: string | null;
    asOf: string | null;
    version: number;
    organisers: { name: string }[];
    participantOrgs: { name: string; kind?: string | null }[];
    people: { name: string; title?: string | null; organisation?: string | null }[];
  };
  itinerary: {
    id: number;
    onDate: string | null;
    kind: string;
    place: string;
    parkId: number | null;
    parkName: string | null;
    enterpriseId: number | null;
    enterpriseName: string | null;
    note: string | null;
  }[];
  outcomes: {
    id: number;
    projectId: number;
    codeName: string;
    stage: ProjectStage;
    kind: string;
    onDate: string | null;
    investmentWan: number | null;
    readable: boolean;
    synthetic: boolean;
    projectSynthetic: boolean;
  }[];
  canEdit: boolean;
}
export interface Digest {
  week: string;
  from: string;
  to: string;
  officer: { id: number; displayName: string };
  projects: number;
  moves: { projectId: number; codeName: string; fromStage: string | null; toStage: string | null; at: string }[];
  followUps: { projectId: number; codeName: string; onDate: string; kind: string; note: string }[];
  overdue: { projectId: number; codeName: string; nextFollowUpOn: string; daysOverdue: number }[];
  orders: {
    id: number;
    projectId: number;
    codeName: string;
    instruction: string;
    dueOn: string;
    status: string;
    overdue: boolean;
  }[];
  markdown: string;
}

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
