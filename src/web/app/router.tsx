import { lazy, Suspense } from 'react';
import { createBrowserRouter, Outlet } from 'react-router-dom';
import { PageSpinner } from '../components/PageSpinner';
import { RequireSession } from '../features/auth/RequireSession';
import { AppLayout } from './AppLayout';
import { FEATURES } from './features';

// Pages load on demand (each feature's pages are lazy), so the first screen does not pay for charts and forms.
const SignInPage = lazy(() => import('../features/auth/SignInPage'));
const NotFoundPage = lazy(() => import('../features/errors/NotFoundPage'));

export const router = createBrowserRouter([
  {
    path: '/sign-in',
    element: (
      <Suspense fallback={<PageSpinner />}>
        <SignInPage />
      </Suspense>
    ),
  },
  // Printable pages: signed in, but without the menu and header.
  {
    path: '/print',
    element: (
      <RequireSession>
        <Suspense fallback={<PageSpinner />}>
          <Outlet />
        </Suspense>
      </RequireSession>
    ),
    children: FEATURES.flatMap((f) => f.printRoutes ?? []),
  },
  {
    path: '/',
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    children: [...FEATURES.flatMap((f) => f.routes ?? []), { path: '*', element: <NotFoundPage /> }],
  },
]);
