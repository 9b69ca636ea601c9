/**
 * The signed-in session: loaded once from /auth/session, kept in the query cache under SESSION_KEY.
 * Its CSRF token goes to the client, which sends it on every state-changing request; a 401 from
 * any call ends the session in the cache, and the guard then sends the user to the sign-in page
 * with the address they were on, to come back to it.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import { fetchSession, SESSION_KEY, type Session, type TSessionUser } from '../client/auth';
import { ApiError, setCsrfToken, setUnauthorizedHandler } from '../client/client';

/** Requests whose 401 is an answer, not a lost session. */
const AUTH_PATHS = ['/auth/session', '/auth/sign-in', '/auth/password'];

async function loadSession(): Promise<Session | null> {
  try {
    const s = await fetchSession();
    setCsrfToken(s.csrfToken);
    return s;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

export function useSessionQuery() {
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: loadSession,
    staleTime: Number.POSITIVE_INFINITY,
    retry: (count, e) => !(e instanceof ApiError && e.status > 0) && count < 2,
  });
}

/** The signed-in user, or null. */
export function useCurrentUser(): TSessionUser | null {
  return useSessionQuery().data?.user ?? null;
}

const notSession = (key: readonly unknown[]) => !(key[0] === SESSION_KEY[0] && key[1] === SESSION_KEY[1]);

/** Stores a fresh session (after signing in) and forgets everything the previous user loaded. */
export function useStartSession() {
  const qc = useQueryClient();
  return (s: Session) => {
    setCsrfToken(s.csrfToken);
    qc.removeQueries({ predicate: (q) => notSession(q.queryKey) });
    qc.setQueryData(SESSION_KEY, s);
  };
}

/** Forgets the session and every cached answer (another user may sign in next on this browser). */
export function useEndSession() {
  const qc = useQueryClient();
  return () => {
    setCsrfToken(null);
    qc.setQueryData(SESSION_KEY, null);
    qc.removeQueries({ predicate: (q) => notSession(q.queryKey) });
  };
}

/** Turns any 401 into "signed out", so the guard redirects to the sign-in page. */
export function SessionBridge({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  useEffect(() => {
    setUnauthorizedHandler((path) => {
      if (AUTH_PATHS.some((p) => path.startsWith(p))) return;
      setCsrfToken(null);
      qc.setQueryData(SESSION_KEY, null);
    });
    return () => setUnauthorizedHandler(null);
  }, [qc]);
  return <>{children}</>;
}

/** `next` from the sign-in URL, if it is a path inside this app (never another site). */
export function safeNext(next: string | null | undefined): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/sign-in')) return '/';
  return next;
}
