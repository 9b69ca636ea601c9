/** TanStack Query hooks of the consolidation feature, over the typed client. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TDashboard,
  TDeparture,
  TDepartureCancelled,
  TDepartureUpdate,
  THub,
  TOrder,
  TOrderInput,
  TOrderUpdate,
  TPlanView,
  TQuote,
} from '../../../contracts/consolidation';
import { api } from '../../client/client';

export type {
  TDashboard,
  TDeparture,
  THub,
  TOrder,
  TOrderInput,
  TPlanView,
  TQuote,
} from '../../../contracts/consolidation';

const base = (id: number) => `/consolidation/hubs/${id}`;

export const useHubs = () =>
  useQuery({
    queryKey: ['consolidation', 'hubs'],
    queryFn: ({ signal }) => api.get<{ items: THub[] }>('/consolidation/hubs', undefined, signal),
  });

export const useOrders = (hubId: number | undefined) =>
  useQuery({
    queryKey: ['consolidation', hubId, 'orders'],
    enabled: hubId !== undefined,
    queryFn: ({ signal }) => api.get<{ items: TOrder[] }>(`${base(hubId!)}/orders`, undefined, signal),
  });

export const useDepartures = (hubId: number | undefined) =>
  useQuery({
    queryKey: ['consolidation', hubId, 'departures'],
    enabled: hubId !== undefined,
    queryFn: ({ signal }) => api.get<{ items: TDeparture[] }>(`${base(hubId!)}/departures`, undefined, signal),
  });

export const usePlan = (hubId: number | undefined) =>
  useQuery({
    queryKey: ['consolidation', hubId, 'plan'],
    enabled: hubId !== undefined,
    queryFn: ({ signal }) => api.get<TPlanView | null>(`${base(hubId!)}/plan`, undefined, signal),
  });

export const useDashboard = (hubId: number | undefined, month: string, enabled: boolean) =>
  useQuery({
    queryKey: ['consolidation', hubId, 'dashboard', month],
    enabled: hubId !== undefined && enabled,
    queryFn: ({ signal }) => api.get<TDashboard>(`${base(hubId!)}/dashboard`, { month }, signal),
  });

export function useRunPlan(hubId: number | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<TPlanView>(`${base(hubId!)}/plan`, undefined),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['consolidation', hubId] }),
  });
}

export function useBook(hubId: number | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (orderId: number) => api.post<TOrder>(`${base(hubId!)}/orders/${orderId}/book`, undefined),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['consolidation', hubId] }),
  });
}

export const useQuote = (hubId: number | undefined) =>
  useMutation({ mutationFn: (o: TOrderInput) => api.post<TQuote>(`${base(hubId!)}/quote`, o) });

export function useAddOrder(hubId: number | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (o: TOrderInput) => api.post<TOrder>(`${base(hubId!)}/orders`, o),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['consolidation', hubId] }),
  });
}

/** Cancel an order; a booked one with confirmBooked (it gives up its locked place). */
export function useCancelOrder(hubId: number | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: number; version: number; confirmBooked: boolean }) =>
      api.post<TOrder>(`${base(hubId!)}/orders/${v.id}/cancel`, { version: v.version, confirmBooked: v.confirmBooked }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['consolidation', hubId] }),
  });
}

/** Cancel a departure, releasing the booked orders on it to be planned again. */
export function useCancelDeparture(hubId: number | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: number; version: number }) =>
      api.post<TDepartureCancelled>(`${base(hubId!)}/departures/${v.id}/cancel`, {
        version: v.version,
        releaseBooked: true,
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['consolidation', hubId] }),
  });
}

/** Change an order as a whole at the version read (409 when stale; 422 names a booked order's placing fields). */
export function useUpdateOrder(hubId: number | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: number; body: TOrderUpdate }) => api.put<TOrder>(`${base(hubId!)}/orders/${v.id}`, v.body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['consolidation', hubId] }),
  });
}

/** Change a departure as a whole at the version read. */
export function useUpdateDeparture(hubId: number | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: number; body: TDepartureUpdate }) =>
      api.put<TDeparture>(`${base(hubId!)}/departures/${v.id}`, v.body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['consolidation', hubId] }),
  });
}
