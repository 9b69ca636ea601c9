import { AimOutlined, DashboardOutlined, FilePdfOutlined, HistoryOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { WebFeature } from '../../app/feature';

const CockpitPage = lazy(() => import('./CockpitPage'));
const TargetsPage = lazy(() => import('./TargetsPage'));
const FreshnessPage = lazy(() => import('./FreshnessPage'));
const ReportsPage = lazy(() => import('./ReportsPage'));

/** The cockpit (驾驶舱): figures per scope (and a wall mode), targets, data freshness, PDF reports. */
export const cockpitFeature: WebFeature = {
  name: 'cockpit',
  order: 20,
  routes: [
    { path: 'cockpit', element: <CockpitPage /> },
    { path: 'cockpit/targets', element: <TargetsPage /> },
    { path: 'cockpit/freshness', element: <FreshnessPage /> },
    { path: 'cockpit/reports', element: <ReportsPage /> },
  ],
  nav: [
    {
      key: '/cockpit',
      to: '/cockpit',
      icon: <DashboardOutlined />,
      label: 'cockpit.nav',
      order: 5,
      testId: 'nav-cockpit',
    },
    { key: '/cockpit/targets', to: '/cockpit/targets', icon: <AimOutlined />, label: 'cockpit.navTargets', order: 6 },
    {
      key: '/cockpit/freshness',
      to: '/cockpit/freshness',
      icon: <HistoryOutlined />,
      label: 'cockpit.navFreshness',
      order: 7,
    },
    {
      key: '/cockpit/reports',
      to: '/cockpit/reports',
      icon: <FilePdfOutlined />,
      label: 'cockpit.navReports',
      order: 8,
    },
  ],
};
