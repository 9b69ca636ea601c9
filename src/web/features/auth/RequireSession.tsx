import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useSessionQuery } from '../../app/session';
import { PageSpinner } from '../../components/PageSpinner';
import { ErrorState } from '../../components/states';
import { ChangePasswordDialog } from './ChangePasswordDialog';

/**
 * Everything but the sign-in page needs a session: without one the user goes to /sign-in with
 * the address they wanted, and an account that must change its password does that first.
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSessionQuery();
  const loc = useLocation();
  if (session.isPending) return <PageSpinner />;
  if (session.isError)
    return (
      <div style={{ padding: 48 }}>
        <ErrorState error={session.error} onRetry={() => void session.refetch()} />
      </div>
    );
  if (!session.data) {
    const here = `${loc.pathname}${loc.search}${loc.hash}`;
    const to = here === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(here)}`;
    return <Navigate to={to} replace />;
  }
  return (
    <>
      {children}
      <ChangePasswordDialog open={session.data.user.mustChangePassword} forced />
    </>
  );
}
