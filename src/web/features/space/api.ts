/** TanStack Query hooks of the space feature over the typed client. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TFloorPlan,
  TPlanTenant,
  TReason,
  TRuleDraft,
  TRuleSet,
  TSiteNeedInput,
  TSiteSearch,
  TSpaceUnit,
  TTargetDraft,
  TTargetInput,
  TTargetSet,
  TTargetSetView,
  TUpstairsRule,
} from '../../../contracts/space';
import type { TDocVersionSummary } from '../../../contracts/versioned-doc';
import { api, type QueryParams } from '../../client/client';

export type { TFloorPlan, TPlanTenant, TReason, TSiteSearch, TSpaceUnit } from '../../../contracts/space';

export interface VacancyRow {
  key: string;
  name: string;
  nameEn?: string | null;
  units: number;
  vacantUnits: number;
  areaM2: number;
  vacantAreaM2: number;
  vacancyRate: number;
  lat: number | null;
  lng: number | null;
}
export interface ExpiringLease {
  occupancyId: number;
  unitCode: string;
  floorNo: number;
  buildingName: string;
  parkName: string;
  enterpriseName: string;
  areaM2: number | null;
  leaseEndsOn: string;
  rentYuanM2Month: number | null;
}
export interface PlanInput {
  buildingId: number;
  buildingName: string;
  leadingIndustry: string | null;
  elevatorT: number | null;
  floors: {
    floorNo: number;
    areaM2: number;
    floorLoadKnM2: number;
    clearHeightM: number;
    powerKva: number | null;
    truckAccess: boolean;
    vibrationUmS: number | null;
  }[];
  tenants: TPlanTenant[];
  links: { from: string; to: string; weight: number }[];
}
export interface TargetProgress {
  id: number;
  code: string;
  metric: string;
  scopeKind: string;
  scopeCode: string | null;
  periodStart: string;
  periodEnd: string;
  value: number;
  label: string;
  labelEn: string | null;
  sourceTitle: string | null;
  sourceNote: string | null;
  synthetic: boolean;
  computable: boolean;
  actual: number | null;
  share: number | null;
  forecast: number | null;
  series: { year: number; value: number }[];
  byScope: { key: string; name: string; nameEn?: string | null; value: number }[];
  method: { zh: string; en: string };
}

export const useVacancy = (groupBy: string) =>
  useQuery({
    queryKey: ['space', 'vacancy', groupBy],
    queryFn: ({ signal }) => api.get<{ items: VacancyRow[] }>('/space/vacancy', { groupBy }, signal),
    placeholderData: keepPreviousData,
  });

export const useUnits = (params: QueryParams) =>
  useQuery({
    queryKey: ['space', 'units', params],
    queryFn: ({ signal }) => api.get<{ items: TSpaceUnit[]; total: number }>('/space/units', params, signal),
    placeholderData: keepPreviousData,
  });

export const useExpiring = (months: number) =>
  useQuery({
    queryKey: ['space', 'leases', months],
    queryFn: ({ signal }) => api.get<{ items: ExpiringLease[] }>('/space/leases/expiring', { months }, signal),
  });

export const useSearch = () =>
  useMutation({ mutationFn: (need: TSiteNeedInput) => api.post<TSiteSearch>('/space/search', need) });

export const useProjectSearch = () =>
  useMutation({
    mutationFn: (projectId: number) =>
      api.post<TSiteSearch & { need: TSiteNeedInput }>(`/space/projects/${projectId}/search`, {}),
  });

export type ShortlistItem = {
  unitId: number;
  unitCode: string;
  buildingName: string;
  parkName: string;
  floorNo: number;
  areaM2: number | null;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
};

/** The units kept on a project's space need (shown on the project page and in the search). */
export const useShortlistOf = (projectId: number | null) =>
  useQuery({
    queryKey: ['space', 'shortlist', projectId],
    enabled: projectId !== null,
    queryFn: ({ signal }) =>
      api.get<{ items: ShortlistItem[] }>(`/space/projects/${projectId}/shortlist`, undefined, signal),
  });

export const useShortlistRemove = (projectId: number) => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (unitId: number) => api.delete<void>(`/space/projects/${projectId}/shortlist/${unitId}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['space', 'shortlist', projectId] }),
  });
};

export const useShortlist = (projectId: number | null) => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (unitIds: number[]) => api.post(`/space/projects/${projectId}/shortlist`, { unitIds }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['space', 'shortlist', projectId] }),
  });
};

export interface RulesView extends TRuleSet {
  versions: TDocVersionSummary[];
  draft: TRuleDraft | null;
}

export const useRules = () =>
  useQuery({
    queryKey: ['space', 'rules'],
    queryFn: ({ signal }) => api.get<RulesView>('/space/rules', undefined, signal),
  });

/** A published version of the rules (they never change, so it is cached for good). */
export const useRuleVersion = (version: number | null) =>
  useQuery({
    queryKey: ['space', 'rules', 'version', version],
    queryFn: ({ signal }) => api.get<TRuleSet>(`/space/rules/versions/${version}`, undefined, signal),
    enabled: version !== null && version > 0,
    staleTime: Number.POSITIVE_INFINITY,
  });

export const useSaveRuleDraft = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { rules: TUpstairsRule[]; note: string }) => api.put<TRuleDraft>('/space/rules/draft', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['space', 'rules'] }),
  });
};

export const usePublishRuleDraft = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<TRuleSet>('/space/rules/draft/publish', {}),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['space', 'rules'] }),
  });
};

export const useDiscardRuleDraft = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete<void>('/space/rules/draft'),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['space', 'rules'] }),
  });
};

export type { TTargetInput, TTargetSetView } from '../../../contracts/space';

export const useTargets = () =>
  useQuery({
    queryKey: ['space', 'targets'],
    queryFn: ({ signal }) => api.get<TTargetSetView>('/space/targets', undefined, signal),
  });

/** Saving, publishing or discarding changes the targets, and publishing the progress that reads them. */
const useTargetMutation = <A, R>(fn: (a: A) => Promise<R>) => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['space', 'targets'] });
      await qc.invalidateQueries({ queryKey: ['space', 'programme'] });
    },
  });
};
export const useSaveTargetDraft = () =>
  useTargetMutation((body: { targets: TTargetInput[]; note: string }) =>
    api.put<TTargetDraft>('/space/targets/draft', body),
  );
export const usePublishTargetDraft = () =>
  useTargetMutation(() => api.post<TTargetSet>('/space/targets/draft/publish', {}));
export const useDiscardTargetDraft = () => useTargetMutation(() => api.delete<void>('/space/targets/draft'));

export const usePlanInput = (buildingId: number | null) =>
  useQuery({
    queryKey: ['space', 'plan-input', buildingId],
    queryFn: ({ signal }) => api.get<PlanInput>(`/space/buildings/${buildingId}/plan-input`, undefined, signal),
    enabled: buildingId !== null,
  });

export const usePlanBuildings = () =>
  useQuery({
    queryKey: ['space', 'plan-buildings'],
    queryFn: ({ signal }) =>
      api.get<{ items: { id: number; name: string; type: string; floorsAbove: number }[] }>(
        '/buildings',
        { limit: 200 },
        signal,
      ),
  });

export const useCreatePlan = (buildingId: number | null) =>
  useMutation({
    mutationFn: (body: {
      tenants: TPlanTenant[];
      links: PlanInput['links'];
      timeLimitS: number;
      method: string;
      maxOtherShare: number;
      upstreamOnTop: boolean;
    }) => api.post<TFloorPlan>(`/space/buildings/${buildingId}/plans`, body),
  });

export const useMovePlan = () =>
  useMutation({
    mutationFn: (a: { id: number; moves: { key: string; floorNo: number | null }[] }) =>
      api.patch<TFloorPlan>(`/space/plans/${a.id}`, { moves: a.moves }),
  });

export const useAcceptPlan = () =>
  useMutation({
    mutationFn: (id: number) =>
      api.post<{ plan: TFloorPlan; occupancies: number; skipped: string[] }>(`/space/plans/${id}/accept`, {}),
  });

export const useProgramme = () =>
  useQuery({
    queryKey: ['space', 'programme'],
    queryFn: ({ signal }) =>
      api.get<{ asOf: string; targets: TargetProgress[] }>('/space/programme', undefined, signal),
  });

/** A reason in the current language. */
export const reasonText = (r: TReason, lang: string) => (lang.startsWith('zh') ? r.zh : r.en);
