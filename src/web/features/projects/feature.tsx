import { CalendarOutlined, FundProjectionScreenOutlined, ProjectOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { WebFeature } from '../../app/feature';
import { RequireFeature } from '../admin/RequireAdmin';

const ProjectsPage = lazy(() => import('./ProjectsPage'));
const ProjectPage = lazy(() => import('./ProjectPage'));
const EventsPage = lazy(() => import('./EventsPage'));
const EventPage = lazy(() => import('./EventPage'));
const InvestDashboardPage = lazy(() => import('./InvestDashboardPage'));

const guarded = (page: React.ReactElement) => <RequireFeature feature="projects">{page}</RequireFeature>;

/** Investment promotion: the project board, events and their outcomes, the results dashboard. */
export const investFeature: WebFeature = {
  name: 'invest',
  order: 80,
  routes: [
    { path: 'projects', element: guarded(<ProjectsPage />) },
    { path: 'projects/:id', element: guarded(<ProjectPage />) },
    { path: 'events', element: <EventsPage /> },
    { path: 'events/:id', element: <EventPage /> },
    { path: 'invest/dashboard', element: guarded(<InvestDashboardPage />) },
  ],
  nav: [
    {
      key: '/projects',
      to: '/projects',
      icon: <ProjectOutlined />,
      label: 'nav.projects',
      order: 60,
      visible: (p) => p.may('projects'),
    },
    { key: '/events', to: '/events', icon: <CalendarOutlined />, label: 'nav.events', order: 70 },
    {
      key: '/invest',
      to: '/invest/dashboard',
      icon: <FundProjectionScreenOutlined />,
      label: 'nav.investDashboard',
      order: 80,
      visible: (p) => p.may('projects'),
    },
  ],
};
