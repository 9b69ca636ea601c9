/** Evaluation's data hooks over the typed client (one data-fetching layer: TanStack Query). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  TLandPlot,
  TLandPlotPatch,
  TRuleSet,
  ZAreaSummary,
  ZExpiringHonour,
  ZLetter,
  ZLetterPdf,
  ZPipelineView,
  ZRenewalView,
  ZResultPage,
  ZRuleSetSummary,
  ZRun,
  ZTierCounts,
  ZTierPage,
} from '../../../contracts/evaluation';
import { api, type QueryParams } from '../../client/client';

export type TRun = z.infer<typeof ZRun>;
export type TRuleSetSummary = z.infer<typeof ZRuleSetSummary>;
export type TLetter = z.infer<typeof ZLetter>;
export type TLetterPdf = z.infer<typeof ZLetterPdf>;
export type TResultPage = z.infer<typeof ZResultPage>;
export type TAreaSummary = z.infer<typeof ZAreaSummary>;
export type TTierPage = z.infer<typeof ZTierPage>;
export type TTierCounts = z.infer<typeof ZTierCounts>;
export type TRenewalView = z.infer<typeof ZRenewalView>;
export type TPipelineView = z.infer<typeof ZPipelineView>;
export type TExpiringHonour = z.infer<typeof ZExpiringHonour>;

export const B = '/evaluation';

export const useRuleSets = (kind?: string) =>
  useQuery({
    queryKey: ['evaluation', 'rule-sets', kind],
    queryFn: () => api.get<{ items: TRuleSetSummary[] }>(`${B}/rule-sets`, { kind }),
  });
export const useRuleSet = (id: number | undefined) =>
  useQuery({
    queryKey: ['evaluation', 'rule-set', id],
    queryFn: () => api.get<TRuleSet>(`${B}/rule-sets/${id}`),
    enabled: id !== undefined,
  });
export const useRuns = () =>
  useQuery({ queryKey: ['evaluation', 'runs'], queryFn: () => api.get<{ items: TRun[] }>(`${B}/runs`) });
export const useResults = (runId: number | undefined, params: QueryParams) =>
  useQuery({
    queryKey: ['evaluation', 'results', runId, params],
    queryFn: () => api.get<TResultPage>(`${B}/runs/${runId}/results`, params),
    enabled: runId !== undefined,
  });
export const useAreas = (runId: number | undefined, by: 'park' | 'district', enabled: boolean) =>
  useQuery({
    queryKey: ['evaluation', 'areas', runId, by],
    queryFn: () => api.get<TAreaSummary>(`${B}/runs/${runId}/areas`, { by }),
    enabled: enabled && runId !== undefined,
  });
export const useLetter = (runId: number, enterpriseId: number) =>
  useQuery({
    queryKey: ['evaluation', 'letter', runId, enterpriseId],
    queryFn: () => api.get<TLetter>(`${B}/runs/${runId}/firms/${enterpriseId}`),
  });
export const useTiers = (params: QueryParams, enabled: boolean) =>
  useQuery({
    queryKey: ['evaluation', 'tiers', params],
    queryFn: () => api.get<TTierPage>(`${B}/tiers`, params),
    enabled,
  });
export const useTierCounts = () =>
  useQuery({ queryKey: ['evaluation', 'tier-counts'], queryFn: () => api.get<TTierCounts>(`${B}/tiers/counts`) });
export const useRenewal = (runId: number | undefined, enabled: boolean) =>
  useQuery({
    queryKey: ['evaluation', 'renewal', runId],
    queryFn: () => api.get<TRenewalView>(`${B}/renewal`, { runId }),
    enabled: enabled && runId !== undefined,
  });
/** One plot as recorded (its own point, outline, buildings and version), for its edit dialog. */
export const usePlot = (id: number | undefined) =>
  useQuery({
    queryKey: ['evaluation', 'plot', id],
    queryFn: () => api.get<TLandPlot>(`${B}/renewal/plots/${id}`),
    enabled: id !== undefined,
  });
/** Change a plot at the version read (409 when someone changed it first); the renewal view reloads. */
export function useUpdatePlot() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: number; body: TLandPlotPatch }) => api.patch<TLandPlot>(`${B}/renewal/plots/${v.id}`, v.body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['evaluation'] }),
  });
}
/** Remove a plot from the register at the version read. */
export function useDeletePlot() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: number; version: number }) =>
      api.delete<null>(`${B}/renewal/plots/${v.id}?version=${v.version}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['evaluation'] }),
  });
}
export const usePipeline = () =>
  useQuery({ queryKey: ['evaluation', 'pipeline'], queryFn: () => api.get<TPipelineView>(`${B}/pipeline`) });
/** Honours expiring within the window (re-review due), with the due date and whether the reminder was recorded. */
export const useExpiringHonours = (withinDays: number) =>
  useQuery({
    queryKey: ['evaluation', 'honours-expiring', withinDays],
    queryFn: () => api.get<{ items: TExpiringHonour[] }>(`${B}/honours/expiring`, { withinDays }),
  });
