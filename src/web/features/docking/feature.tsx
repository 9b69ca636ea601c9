import { DashboardOutlined, SwapOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { WebFeature } from '../../app/feature';
import { RequireFeature } from '../admin/RequireAdmin';

const DockingPage = lazy(() => import('./DockingPage'));
const MatchPage = lazy(() => import('./MatchPage'));
const DashboardPage = lazy(() => import('./DashboardPage'));

/** Supply–demand docking (供需对接): postings and matches, 替代外地供应, 楼上楼下, the bureau's dashboard. */
export const dockingFeature: WebFeature = {
  name: 'docking',
  order: 100,
  routes: [
    { path: 'docking', element: <DockingPage /> },
    { path: 'docking/matches/:id', element: <MatchPage /> },
    {
      path: 'docking/dashboard',
      element: (
        <RequireFeature feature="docking.dashboard">
          <DashboardPage />
        </RequireFeature>
      ),
    },
  ],
  nav: [
    { key: '/docking', to: '/docking', icon: <SwapOutlined />, label: 'docking.nav', order: 75, testId: 'nav-docking' },
    {
      key: '/docking-dashboard',
      to: '/docking/dashboard',
      icon: <DashboardOutlined />,
      label: 'docking.navDashboard',
      order: 76,
      visible: (p) => p.may('docking.dashboard'),
    },
  ],
};
