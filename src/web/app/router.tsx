import { lazy, Suspense } from 'react';
import { createBrowserRouter, Outlet } from 'react-router-dom';
import { PageSpinner } from '../components/PageSpinner';
import { RequireAdmin, RequireFeature } from '../features/admin/RequireAdmin';
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
// Industry-chain atlas (issue 5): views, and template / mapping maintenance.
const ChainAtlasPage = lazy(() => import('../features/chains/ChainAtlasPage'));
const ChainPage = lazy(() => import('../features/chains/ChainPage'));
const ChainMatrixPage = lazy(() => import('../features/chains/ChainMatrixPage'));
const ChainComparePage = lazy(() => import('../features/chains/ChainComparePage'));
const TemplatesPage = lazy(() => import('../features/chain-admin/TemplatesPage'));
const TemplateEditPage = lazy(() => import('../features/chain-admin/TemplateEditPage'));
const MappingReviewPage = lazy(() => import('../features/chain-admin/MappingReviewPage'));
// Investment promotion (issue 6): projects, events, results; matchmaking at conferences.
const ProjectsPage = lazy(() => import('../features/projects/ProjectsPage'));
const ProjectPage = lazy(() => import('../features/projects/ProjectPage'));
const EventsPage = lazy(() => import('../features/projects/EventsPage'));
const EventPage = lazy(() => import('../features/projects/EventPage'));
const InvestDashboardPage = lazy(() => import('../features/projects/InvestDashboardPage'));
const MatchmakingPage = lazy(() => import('../features/conferences/MatchmakingPage'));
const AgendaPrintPage = lazy(() => import('../features/conferences/AgendaPrintPage'));
const ChainReportPrintPage = lazy(() => import('../features/chains/ChainReportPrintPage'));

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
    children: [
      { path: 'chains/:code', element: <ChainReportPrintPage /> },
      { path: 'events/:id/agendas', element: <AgendaPrintPage /> },
    ],
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
      { path: 'chains', element: <ChainAtlasPage /> },
      { path: 'chains/matrix', element: <ChainMatrixPage /> },
      { path: 'chains/compare', element: <ChainComparePage /> },
      { path: 'chains/:code', element: <ChainPage /> },
      {
        path: 'chain-admin/templates',
        element: (
          <RequireFeature feature="chainMaintain">
            <TemplatesPage />
          </RequireFeature>
        ),
      },
      {
        path: 'chain-admin/templates/:code',
        element: (
          <RequireFeature feature="chainMaintain">
            <TemplateEditPage />
          </RequireFeature>
        ),
      },
      {
        path: 'chain-admin/mappings',
        element: (
          <RequireFeature feature="chainMaintain">
            <MappingReviewPage />
          </RequireFeature>
        ),
      },
      {
        path: 'projects',
        element: (
          <RequireFeature feature="projects">
            <ProjectsPage />
          </RequireFeature>
        ),
      },
      {
        path: 'projects/:id',
        element: (
          <RequireFeature feature="projects">
            <ProjectPage />
          </RequireFeature>
        ),
      },
      { path: 'events', element: <EventsPage /> },
      { path: 'events/:id', element: <EventPage /> },
      { path: 'events/:id/matchmaking', element: <MatchmakingPage /> },
      {
        path: 'invest/dashboard',
        element: (
          <RequireFeature feature="projects">
            <InvestDashboardPage />
          </RequireFeature>
        ),
      },
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
