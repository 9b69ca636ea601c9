/** The inbox's queries: the bell's unread count (polled every minute) and the page's list. */
import { useQuery } from '@tanstack/react-query';
import type { TInboxPage } from '../../../contracts/inbox';
import { api } from '../../client/client';

export const INBOX_KEY = ['inbox'] as const;

/** The unread count for the header's bell, refreshed every 60 s while the app is open. */
export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: [...INBOX_KEY, 'unread'],
    queryFn: ({ signal }) => api.get<TInboxPage>('/inbox', { unread: 'true', limit: 1 }, signal),
    enabled,
    refetchInterval: 60_000,
    select: (p) => p.unread,
  });
}

/** The user's notifications, a page at a time; `module` keeps one module's kinds (a firm's service page). */
export function useInbox(q: { unread: boolean; page: number; pageSize: number; module?: 'services' }) {
  return useQuery({
    queryKey: [...INBOX_KEY, 'list', q],
    queryFn: ({ signal }) =>
      api.get<TInboxPage>(
        '/inbox',
        {
          unread: q.unread ? 'true' : 'false',
          limit: q.pageSize,
          offset: (q.page - 1) * q.pageSize,
          ...(q.module ? { module: q.module } : {}),
        },
        signal,
      ),
    placeholderData: (prev) => prev,
  });
}
