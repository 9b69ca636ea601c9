import { Spin } from 'antd';
import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router-dom';
import { RequireAdmin } from '../features/admin/RequireAdmin';
import { RequireSession } from '../features/auth/RequireSession';
import { AppLayout } from './AppLayout';

// Pages load on demand, so the first screen does not pay for charts and forms.
const HomePage = lazy(() => import('../features/home/HomePage'));
const ParkListPage = lazy(() => import('../features/parks/ParkListPage'));
const ParkPage = lazy(() => import('../features/parks/ParkPage'));
const ParkFormPage = lazy(() => import('../features/parks/ParkFormPage'));
const BuildingListPage = lazy(() => import('../features/buildings/BuildingListPage'));
const BuildingPage = lazy(() => import('../features/buildings/BuildingPage'));
const EnterpriseListPage = lazy(() => import('../features/enterprises/EnterpriseListPage'));
const EnterprisePage = lazy(() => import('../features/enterprises/EnterprisePage'));
const EnterpriseFormPage = lazy(() => import('../features/enterprises/EnterpriseFormPage'));
const ImportPage = lazy(() => import('../features/import/ImportPage'));
const SourcesPage = lazy(() => import('../features/sources/SourcesPage'));
const SignInPage = lazy(() => import('../features/auth/SignInPage'));
const TokensPage = lazy(() => import('../features/account/TokensPage'));
const UsersPage = lazy(() => import('../features/admin/UsersPage'));
const OrganisationsPage = lazy(() => import('../features/admin/OrganisationsPage'));
const AuditPage = lazy(() => import('../features/admin/AuditPage'));
const NotFoundPage = lazy(() => import('../features/errors/NotFoundPage'));

export const router = createBrowserRouter([
  {
    path: '/sign-in',
    element: (
      <Suspense fallback={<Spin size="large" style={{ display: 'block', margin: '30vh auto' }} />}>
        <SignInPage />
      </Suspense>
    ),
  },
  {
    path: '/',
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    children: [
      { index: true, element: <HomePage /> },
      { path: 'parks', element: <ParkListPage /> },
      { path: 'parks/new', element: <ParkFormPage /> },
      { path: 'parks/:id', element: <ParkPage /> },
      { path: 'parks/:id/edit', element: <ParkFormPage /> },
      { path: 'buildings', element: <BuildingListPage /> },
      { path: 'buildings/:id', element: <BuildingPage /> },
      { path: 'enterprises', element: <EnterpriseListPage /> },
      { path: 'enterprises/new', element: <EnterpriseFormPage /> },
      { path: 'enterprises/:id', element: <EnterprisePage /> },
      { path: 'enterprises/:id/edit', element: <EnterpriseFormPage /> },
      { path: 'import', element: <ImportPage /> },
      { path: 'sources', element: <SourcesPage /> },
      { path: 'account/tokens', element: <TokensPage /> },
      {
        path: 'admin/users',
        element: (
          <RequireAdmin>
            <UsersPage />
          </RequireAdmin>
        ),
      },
      {
        path: 'admin/organisations',
        element: (
          <RequireAdmin>
            <OrganisationsPage />
          </RequireAdmin>
        ),
      },
      {
        path: 'admin/audit',
        element: (
          <RequireAdmin>
            <AuditPage />
          </RequireAdmin>
        ),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
