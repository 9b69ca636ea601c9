/** TanStack Query hooks of enterprise services, over the typed client (web/client/client.ts). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  TCategory,
  TPolicy,
  TTicket,
  TTicketAction,
  TVisit,
  ZCalendar,
  ZCondition,
  ZConditionResult,
  ZDashboard,
  ZEligibility,
  ZRetentionRow,
  ZSlaPolicy,
  ZTestRunResult,
  ZTicketDetail,
  ZTicketMessageInput,
} from '../../../contracts/services';
import { API_BASE, api, type QueryParams, upload } from '../../client/client';

export type { TCategory, TPolicy, TTicket, TVisit };
export type TTicketDetail = z.infer<typeof ZTicketDetail>;
export type TCondition = z.infer<typeof ZCondition>;
export type TConditionResult = z.infer<typeof ZConditionResult>;
export type TEligibility = z.infer<typeof ZEligibility>;
export type TDashboard = z.infer<typeof ZDashboard>;
export type TRetention = z.infer<typeof ZRetentionRow>;
export type TTestRunResult = z.infer<typeof ZTestRunResult>;

const B = '/services';

export const useCategories = () =>
  useQuery({
    queryKey: ['services', 'categories'],
    queryFn: ({ signal }) => api.get<{ items: TCategory[] }>(`${B}/categories`, undefined, signal),
    staleTime: 3600_000,
  });

export const useTickets = (params: QueryParams) =>
  useQuery({
    queryKey: ['services', 'tickets', params],
    queryFn: ({ signal }) => api.get<{ items: TTicket[] }>(`${B}/tickets`, params, signal),
  });

export const useTicket = (id: number | null) =>
  useQuery({
    queryKey: ['services', 'ticket', id],
    queryFn: ({ signal }) => api.get<TTicketDetail>(`${B}/tickets/${id}`, undefined, signal),
    enabled: id !== null,
  });

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['services'] });
}

export function useOpenTicket() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (body: { enterpriseId: number; categoryCode: string; title: string; body?: string }) =>
      api.post<TTicketDetail>(`${B}/tickets`, body),
    onSuccess: done,
  });
}

export function usePostMessage(id: number) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (body: z.input<typeof ZTicketMessageInput>) =>
      api.post<TTicketDetail>(`${B}/tickets/${id}/messages`, body),
    onSuccess: done,
  });
}

/** A reply or note carrying one file (multipart), with upload progress. */
export function usePostFile(id: number, onProgress?: (fraction: number) => void) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (v: { file: File; kind: 'reply' | 'note'; body: string; waitOnEnterprise: boolean }) => {
      const form = new FormData();
      form.append('kind', v.kind);
      if (v.body) form.append('body', v.body);
      form.append('waitOnEnterprise', String(v.waitOnEnterprise));
      form.append('file', v.file, v.file.name);
      return upload<TTicketDetail>(`${B}/tickets/${id}/files`, form, onProgress);
    },
    onSuccess: done,
  });
}

/** Where a ticket's file is downloaded (the session cookie goes with a plain link). */
export const ticketFileUrl = (ticketId: number, fileId: number) =>
  `${API_BASE}${B}/tickets/${ticketId}/files/${fileId}`;

export function useTicketAction(id: number) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (body: TTicketAction | { action: 'reopen'; body: string }) =>
      api.post<TTicketDetail>(`${B}/tickets/${id}/actions`, body),
    onSuccess: done,
  });
}

export const useEligibility = (enterpriseId: number | null) =>
  useQuery({
    queryKey: ['services', 'eligibility', enterpriseId],
    queryFn: ({ signal }) =>
      api.get<{ enterpriseId: number; enterpriseName: string; eligible: TEligibility[]; near: TEligibility[] }>(
        `${B}/eligibility/${enterpriseId}`,
        undefined,
        signal,
      ),
    enabled: enterpriseId !== null,
  });

export const useVisits = (params: QueryParams) =>
  useQuery({
    queryKey: ['services', 'visits', params],
    queryFn: ({ signal }) => api.get<{ items: TVisit[] }>(`${B}/visits`, params, signal),
  });

export const useDashboard = (params: QueryParams) =>
  useQuery({
    queryKey: ['services', 'dashboard', params],
    queryFn: ({ signal }) => api.get<TDashboard>(`${B}/dashboard`, params, signal),
  });

export const useRetention = () =>
  useQuery({
    queryKey: ['services', 'retention'],
    queryFn: ({ signal }) => api.get<{ items: TRetention[] }>(`${B}/retention`, undefined, signal),
  });

export const usePolicies = () =>
  useQuery({
    queryKey: ['services', 'policies'],
    queryFn: ({ signal }) => api.get<{ items: TPolicy[] }>(`${B}/policies`, undefined, signal),
  });

export const usePolicyFields = () =>
  useQuery({
    queryKey: ['services', 'policy-fields'],
    queryFn: ({ signal }) =>
      api.get<{
        fields: { field: string; type: string; zh: string; en: string; unit: string | null }[];
        operators: string[];
      }>(`${B}/policies/fields`, undefined, signal),
    staleTime: 3600_000,
  });

export function useSavePolicy(id: number | null) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      id === null ? api.post<TPolicy>(`${B}/policies`, body) : api.put<TPolicy>(`${B}/policies/${id}`, body),
    onSuccess: done,
  });
}

export const useTestRun = () =>
  useMutation({
    mutationFn: (conditions: TCondition[]) =>
      api.post<TTestRunResult>(`${B}/policies/test-run`, { conditions, limit: 20 }),
  });

export function usePushPolicy() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (id: number) =>
      api.post<{ pushed: number; alreadyNotified: number; withoutUsers: number }>(`${B}/policies/${id}/push`, {}),
    onSuccess: done,
  });
}

export function usePlanVisit() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (body: { enterpriseId: number; plannedOn: string; purpose: string; confirmDespiteRecent: boolean }) =>
      api.post<{ visit: TVisit | null; conflict: { quietPeriodDays: number; others: TVisit[] } | null }>(
        `${B}/visits`,
        body,
      ),
    onSuccess: done,
  });
}

export function useVisitAction() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: ({ id, action, body }: { id: number; action: 'join' | 'record' | 'cancel'; body?: unknown }) =>
      api.post<TVisit>(`${B}/visits/${id}/${action}`, body ?? {}),
    onSuccess: done,
  });
}

export const useEnterpriseOptions = (q: string) =>
  useQuery({
    queryKey: ['services', 'enterprise-options', q],
    queryFn: ({ signal }) =>
      api.get<{ items: { id: number; name: string }[] }>('/enterprises', { q: q || undefined, limit: 20 }, signal),
  });

export type TSlaPolicy = z.infer<typeof ZSlaPolicy>;
export type TCalendar = z.infer<typeof ZCalendar>;
export interface THours {
  organisationId: number;
  name: string;
  kind: string;
  isDefault: boolean;
  windows: { start: string; end: string }[];
}

export const useSlaPolicies = () =>
  useQuery({
    queryKey: ['services', 'sla-policies'],
    queryFn: ({ signal }) => api.get<{ items: TSlaPolicy[] }>(`${B}/sla-policies`, undefined, signal),
  });
export const useHours = () =>
  useQuery({
    queryKey: ['services', 'hours'],
    queryFn: ({ signal }) => api.get<{ items: THours[] }>(`${B}/hours`, undefined, signal),
  });
export const useCalendar = (year: number) =>
  useQuery({
    queryKey: ['services', 'calendar', year],
    queryFn: ({ signal }) => api.get<TCalendar>(`${B}/calendar`, { year }, signal),
  });
export const useServiceSettings = () =>
  useQuery({
    queryKey: ['services', 'settings'],
    queryFn: ({ signal }) => api.get<{ quietPeriodDays: number }>(`${B}/settings`, undefined, signal),
  });

/** The four SLA settings writes: targets, an organisation's hours, a calendar day, the quiet period. */
export function useConfigure() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (
      w:
        | { kind: 'sla'; body: Omit<TSlaPolicy, 'id' | 'synthetic' | 'version'> }
        | { kind: 'hours'; organisationId: number; windows: { start: string; end: string }[] }
        | { kind: 'day'; day: string; working: boolean; note: string }
        | { kind: 'quiet'; quietPeriodDays: number },
    ): Promise<unknown> => {
      if (w.kind === 'sla') return api.post(`${B}/sla-policies`, w.body);
      if (w.kind === 'hours') return api.put(`${B}/hours/${w.organisationId}`, { windows: w.windows });
      if (w.kind === 'day') return api.put(`${B}/calendar/${w.day}`, { working: w.working, note: w.note });
      return api.put(`${B}/settings`, { quietPeriodDays: w.quietPeriodDays });
    },
    onSuccess: done,
  });
}
