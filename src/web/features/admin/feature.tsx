import { AuditOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { WebFeature } from '../../app/feature';
import { RequireAdmin } from './RequireAdmin';

const UsersPage = lazy(() => import('./UsersPage'));
const OrganisationsPage = lazy(() => import('./OrganisationsPage'));
const AuditPage = lazy(() => import('./AuditPage'));

const guarded = (page: React.ReactElement) => <RequireAdmin>{page}</RequireAdmin>;
const admins = (p: { mayAdminister: boolean }) => p.mayAdminister;

/** 系统管理: users, organisations, the audit log. */
export const adminFeature: WebFeature = {
  name: 'admin',
  order: 180,
  routes: [
    { path: 'admin/users', element: guarded(<UsersPage />) },
    { path: 'admin/organisations', element: guarded(<OrganisationsPage />) },
    { path: 'admin/audit', element: guarded(<AuditPage />) },
  ],
  nav: [
    {
      key: '/admin/users',
      to: '/admin/users',
      icon: <UserOutlined />,
      label: 'admin.users',
      order: 1,
      group: 'admin',
      visible: admins,
    },
    {
      key: '/admin/organisations',
      to: '/admin/organisations',
      icon: <TeamOutlined />,
      label: 'admin.organisations',
      order: 2,
      group: 'admin',
      visible: admins,
    },
    {
      key: '/admin/audit',
      to: '/admin/audit',
      icon: <AuditOutlined />,
      label: 'audit.title',
      order: 3,
      group: 'admin',
      visible: admins,
    },
  ],
};
