/** Data hooks of chain maintenance: templates, history, upload, publish, mapping review, leaders. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TChainEdge, TChainTemplate, TTemplateProblem } from '../../../contracts/chains';
import { api, type QueryParams, upload } from '../../client/client';
import type { ImportProblem } from '../../client/types';

export type { TChainEdge, TChainTemplate, TTemplateProblem };

export interface TemplateSummary {
  code: string;
  version: number;
  versions: number;
  nameZh: string;
  nameEn: string;
  nodes: number;
  segments: number;
  keyLinks: number;
  edges: number;
  basis: string;
  sources: number;
  publishedBy: string | null;
  publishedAt: string | null;
  note: string | null;
}

export interface TemplateDiff {
  nodesAdded: string[];
  nodesRemoved: string[];
  nodesChanged: { id: string; fields: string[] }[];
  edgesAdded: TChainEdge[];
  edgesRemoved: TChainEdge[];
  fields: string[];
}

export interface TemplateVersion {
  version: number;
  note: string | null;
  publishedBy: string | null;
  publishedAt: string;
  nodes: number;
  edges: number;
  diff: TemplateDiff | null;
}

export interface UploadReport {
  format: 'json' | 'xlsx';
  fileName: string;
  currentVersion: number;
  problems: ImportProblem[];
  diff: TemplateDiff | null;
  template: TChainTemplate | null;
  published: number | null;
}

export interface Evidence {
  kind: 'class' | 'class_approx' | 'division_keyword' | 'keyword';
  detail: string;
  weight: number;
}

export interface ReviewItem {
  key: string;
  enterpriseId: number;
  enterpriseName: string;
  synthetic: boolean;
  classCode: string | null;
  className: string | null;
  products: string[];
  description: string | null;
  nodeId: string;
  nodeNameZh: string;
  nodeNameEn: string;
  stage: string;
  keyLink: boolean;
  chainCode: string;
  chainNameZh: string;
  chainNameEn: string;
  status: 'pending' | 'confirmed' | 'rejected';
  confidence: number | null;
  evidence: Evidence[];
  terms: string[];
  decidedBy: string | null;
  decidedAt: string | null;
}

export interface Review {
  items: ReviewItem[];
  counts: { pending: number; confirmed: number; rejected: number };
  truncated: boolean;
}

export interface Reason {
  code: string;
  zh: string;
  en: string;
}

export interface LeaderItem {
  chainCode: string;
  chainNameZh: string;
  chainNameEn: string;
  enterpriseId: number;
  name: string;
  detected: boolean;
  nodeIds: string[];
  scale: string | null;
  outputShare: number | null;
  chainSuppliers: number | null;
  chainCustomers: number | null;
  chainPartners: number | null;
  flagged: boolean;
  detectedBy: Reason[];
  supportingRate: number | null;
  status: 'confirmed' | 'rejected' | null;
  decidedBy: string | null;
  decidedAt: string | null;
}

export function useTemplateList() {
  return useQuery({
    queryKey: ['chain-templates'],
    queryFn: ({ signal }) => api.get<{ items: TemplateSummary[] }>('/chain-templates', undefined, signal),
  });
}

export function useTemplate(code: string | undefined) {
  return useQuery({
    queryKey: ['chain-template', code],
    queryFn: ({ signal }) => api.get<TChainTemplate>(`/chains/${code}`, undefined, signal),
    enabled: Boolean(code),
  });
}

/** Every chain's current template (for node names across chains, e.g. edges into another chain). */
export function useAllTemplates(codes: string[]) {
  return useQuery({
    queryKey: ['chain-template', 'all', codes],
    queryFn: ({ signal }) => Promise.all(codes.map((c) => api.get<TChainTemplate>(`/chains/${c}`, undefined, signal))),
    enabled: codes.length > 0,
    staleTime: 60_000,
  });
}

export function useTemplateHistory(code: string | undefined) {
  return useQuery({
    queryKey: ['chain-template', code, 'history'],
    queryFn: ({ signal }) => api.get<{ items: TemplateVersion[] }>(`/chains/${code}/history`, undefined, signal),
    enabled: Boolean(code),
  });
}

function useInvalidateTemplates() {
  const qc = useQueryClient();
  return () => {
    for (const key of ['chain-templates', 'chain-template', 'chains', 'chain-health']) {
      void qc.invalidateQueries({ queryKey: [key] });
    }
  };
}

/** Uploads a template file: a preview (nothing written) or, with `publish`, a new version. */
export function useUploadTemplate(code: string) {
  const invalidate = useInvalidateTemplates();
  return useMutation({
    mutationFn: (v: { file: File; publish?: boolean; baseVersion?: number; note?: string }) => {
      const form = new FormData();
      if (v.publish) form.append('publish', 'true');
      if (v.baseVersion) form.append('baseVersion', String(v.baseVersion));
      if (v.note) form.append('note', v.note);
      form.append('file', v.file, v.file.name);
      return upload<UploadReport>(`/chains/${code}/import`, form);
    },
    onSuccess: (r) => {
      if (r.published) invalidate();
    },
  });
}

export function usePublishTemplate(code: string) {
  const invalidate = useInvalidateTemplates();
  return useMutation({
    mutationFn: (v: { baseVersion: number; note?: string; template: TChainTemplate }) =>
      api.post<TChainTemplate>(`/chains/${code}/versions`, v),
    onSuccess: invalidate,
  });
}

export function useMappingReview(params: QueryParams) {
  return useQuery({
    queryKey: ['chain-mapping-review', params],
    queryFn: ({ signal }) => api.get<Review>('/chain-mapping-review', params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useBulkDecide() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (
      decisions: {
        enterpriseId: number;
        nodeId: string;
        status: 'confirmed' | 'rejected';
        confidence?: number;
        evidence?: Evidence[];
      }[],
    ) => api.post<{ confirmed: number; rejected: number }>('/chain-mappings/bulk', { decisions }),
    onSuccess: () => {
      for (const key of ['chain-mapping-review', 'chain-health', 'chains'])
        void qc.invalidateQueries({ queryKey: [key] });
    },
  });
}

export function useLeaders(params: QueryParams) {
  return useQuery({
    queryKey: ['chain-leaders', params],
    queryFn: ({ signal }) => api.get<{ items: LeaderItem[] }>('/chain-leaders', params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useDecideLeader() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { enterpriseId: number; chainCode: string; status: 'confirmed' | 'rejected' | 'undecided' }) =>
      api.post<{ status: string }>('/chain-leaders', v),
    onSuccess: () => {
      for (const key of ['chain-leaders', 'chain-health', 'chains']) void qc.invalidateQueries({ queryKey: [key] });
    },
  });
}
