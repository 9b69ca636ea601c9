/** TanStack Query hooks of the conference feature, over the typed client (web/client/client.ts). */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TConferenceChain, TConferenceResults, TMeetingSuggestions } from '../../../contracts/conference-docking';
import type {
  TAgenda,
  TCheckInEntry,
  TConference,
  TConferenceSettingsInput,
  TParticipant,
  TParticipantInput,
  TRequest,
  TRequestInput,
  TRun,
  TRunOptions,
  TSchedule,
} from '../../../contracts/conferences';
import { api, type QueryParams } from '../../client/client';

export type {
  TAgenda,
  TAgendaItem,
  TCheckInEntry,
  TConference,
  TParticipant,
  TRequest,
  TRun,
  TSchedule,
} from '../../../contracts/conferences';

const base = (id: number) => `/events/${id}/conference`;
const key = (id: number) => ['conference', id] as const;

export const useConference = (id: number) =>
  useQuery({
    queryKey: [...key(id), 'overview'],
    queryFn: ({ signal }) => api.get<TConference>(base(id), undefined, signal),
  });

export interface OrganiserCandidate {
  id: number;
  displayName: string;
  username: string;
  role: string;
  organisation: string | null;
}

/** District and park staff who may be named organisers (organisers only). */
export const useOrganiserCandidates = (id: number, enabled: boolean) =>
  useQuery({
    queryKey: [...key(id), 'organiser-candidates'],
    queryFn: ({ signal }) =>
      api.get<{ items: OrganiserCandidate[] }>(`${base(id)}/organiser-candidates`, undefined, signal),
    enabled,
  });

export const useParticipants = (id: number, params: QueryParams = {}) =>
  useQuery({
    queryKey: [...key(id), 'participants', params],
    queryFn: ({ signal }) => api.get<{ items: TParticipant[] }>(`${base(id)}/participants`, params, signal),
    placeholderData: keepPreviousData,
  });

export const useRequests = (id: number, params: QueryParams, enabled = true) =>
  useQuery({
    queryKey: [...key(id), 'requests', params],
    queryFn: ({ signal }) => api.get<{ items: TRequest[] }>(`${base(id)}/requests`, params, signal),
    placeholderData: keepPreviousData,
    enabled,
  });

export const useSchedule = (id: number, enabled = true) =>
  useQuery({
    queryKey: [...key(id), 'schedule'],
    queryFn: ({ signal }) => api.get<TSchedule>(`${base(id)}/schedule`, undefined, signal),
    enabled,
  });

export const useAgendas = (id: number, participantId: number | 'all' | undefined) =>
  useQuery({
    queryKey: [...key(id), 'agendas', participantId],
    queryFn: ({ signal }) =>
      api.get<{ items: TAgenda[] }>(
        `${base(id)}/agendas`,
        { participantId: participantId === 'all' ? undefined : participantId },
        signal,
      ),
    enabled: participantId !== undefined,
  });

export const useCheckInList = (id: number, enabled = true) =>
  useQuery({
    queryKey: [...key(id), 'check-in'],
    queryFn: ({ signal }) => api.get<{ items: TCheckInEntry[] }>(`${base(id)}/check-in`, undefined, signal),
    enabled,
  });

/** A mutation that refreshes everything of this conference when it succeeds. */
function useConferenceMutation<V, R>(id: number, fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: key(id) }) });
}

export const useSaveSettings = (id: number) =>
  useConferenceMutation(id, (v: TConferenceSettingsInput) => api.put<TConference>(base(id), v));
export const useAddParticipant = (id: number) =>
  useConferenceMutation(id, (v: TParticipantInput) => api.post<TParticipant>(`${base(id)}/participants`, v));
export const useChangeParticipant = (id: number) =>
  useConferenceMutation(id, ({ pid, ...v }: Partial<TParticipantInput> & { pid: number; version: number }) =>
    api.patch<TParticipant>(`${base(id)}/participants/${pid}`, v),
  );
export const useRemoveParticipant = (id: number) =>
  useConferenceMutation(id, (pid: number) => api.delete<void>(`${base(id)}/participants/${pid}`));
export const useSendRequest = (id: number) =>
  useConferenceMutation(id, (v: TRequestInput) => api.post<TRequest>(`${base(id)}/requests`, v));
export const useAnswerRequest = (id: number) =>
  useConferenceMutation(id, ({ rid, action }: { rid: number; action: 'accept' | 'decline' | 'cancel' }) =>
    api.post<TRequest>(`${base(id)}/requests/${rid}/answer`, { action }),
  );
export const useRunScheduler = (id: number) =>
  useConferenceMutation(id, (v: TRunOptions) => api.post<TRun>(`${base(id)}/schedule/run`, v));
export const useScheduleAction = (id: number) =>
  useConferenceMutation(id, (action: 'publish' | 'unpublish' | 'clear') =>
    api.post<TSchedule>(`${base(id)}/schedule/${action}`, {}),
  );
export const usePlaceMeeting = (id: number) =>
  useConferenceMutation(id, ({ rid, slotId, tableId }: { rid: number; slotId: string; tableId: string }) =>
    api.put<TRequest>(`${base(id)}/meetings/${rid}/place`, { slotId, tableId }),
  );
export const useUnplaceMeeting = (id: number) =>
  useConferenceMutation(id, (rid: number) => api.delete<TRequest>(`${base(id)}/meetings/${rid}/place`));
export const useLockMeeting = (id: number) =>
  useConferenceMutation(id, ({ rid, locked }: { rid: number; locked: boolean }) =>
    api.put<TRequest>(`${base(id)}/meetings/${rid}/lock`, { locked }),
  );
export const useCheckIn = (id: number) =>
  useConferenceMutation(id, (code: string) =>
    api.post<{ participantId: number; checkedInAt: string }>(`${base(id)}/check-in`, { code }),
  );

export const useConferenceChain = (id: number) =>
  useQuery({
    queryKey: [...key(id), 'chain'],
    queryFn: ({ signal }) => api.get<TConferenceChain>(`${base(id)}/chain`, undefined, signal),
  });
export const useMeetingSuggestions = (id: number, enabled = true) =>
  useQuery({
    queryKey: [...key(id), 'suggestions'],
    queryFn: ({ signal }) => api.get<TMeetingSuggestions>(`${base(id)}/suggestions`, undefined, signal),
    enabled,
  });
export const useConferenceResults = (id: number, enabled = true) =>
  useQuery({
    queryKey: [...key(id), 'results'],
    queryFn: ({ signal }) => api.get<TConferenceResults>(`${base(id)}/results`, undefined, signal),
    enabled,
  });
export const useSetConferenceChain = (id: number) =>
  useConferenceMutation(id, (chainCode: string | null) =>
    api.put<TConferenceChain>(`${base(id)}/chain`, { chainCode }),
  );
export const useAcceptSuggestions = (id: number) =>
  useConferenceMutation(id, (v: { keys: string[]; status: 'pending' | 'accepted' }) =>
    api.post<{ created: { key: string; requestId: number }[] }>(`${base(id)}/suggestions/accept`, v),
  );

export const conferencePath = base;
