import {
  AuditOutlined,
  CalendarOutlined,
  CustomerServiceOutlined,
  DashboardOutlined,
  SettingOutlined,
  SolutionOutlined,
} from '@ant-design/icons';
import { lazy } from 'react';
import type { WebFeature } from '../../app/feature';

const MyServicesPage = lazy(() => import('./MyServicesPage'));
const QueuePage = lazy(() => import('./QueuePage'));
const DashboardPage = lazy(() => import('./DashboardPage'));
const PoliciesPage = lazy(() => import('./PoliciesPage'));
const VisitsPage = lazy(() => import('./VisitsPage'));
const SettingsPage = lazy(() => import('./SettingsPage'));

/** Enterprise services: the firm's service page, the butler queue, the agency dashboard, the policy library. */
export const servicesFeature: WebFeature = {
  name: 'services',
  order: 130,
  routes: [
    { path: 'services/mine', element: <MyServicesPage /> },
    { path: 'services/queue', element: <QueuePage /> },
    { path: 'services/dashboard', element: <DashboardPage /> },
    { path: 'services/policies', element: <PoliciesPage /> },
    { path: 'services/visits', element: <VisitsPage /> },
    { path: 'services/settings', element: <SettingsPage /> },
  ],
  nav: [
    {
      key: '/services/mine',
      to: '/services/mine',
      icon: <CustomerServiceOutlined />,
      label: 'services.nav_mine',
      order: 90,
      visible: (p) => p.role === 'enterprise_user',
      testId: 'nav-services-mine',
    },
    {
      key: '/services/queue',
      to: '/services/queue',
      icon: <SolutionOutlined />,
      label: 'services.nav_queue',
      order: 91,
      visible: (p) => p.may('services.queue'),
      testId: 'nav-services-queue',
    },
    {
      key: '/services/visits',
      to: '/services/visits',
      icon: <CalendarOutlined />,
      label: 'services.nav_visits',
      order: 92,
      visible: (p) => p.may('services.visit'),
      testId: 'nav-services-visits',
    },
    {
      key: '/services/dashboard',
      to: '/services/dashboard',
      icon: <DashboardOutlined />,
      label: 'services.nav_dashboard',
      order: 92,
      visible: (p) => p.may('services.dashboard'),
    },
    {
      key: '/services/policies',
      to: '/services/policies',
      icon: <AuditOutlined />,
      label: 'services.nav_policies',
      order: 93,
      testId: 'nav-services-policies',
    },
    {
      key: '/services/settings',
      to: '/services/settings',
      icon: <SettingOutlined />,
      label: 'services.nav_settings',
      order: 94,
      visible: (p) => p.may('services.configure'),
      testId: 'nav-services-settings',
    },
  ],
};
