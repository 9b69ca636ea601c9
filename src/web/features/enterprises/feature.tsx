import { ShopOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { WebFeature } from '../../app/feature';

const EnterpriseListPage = lazy(() => import('./EnterpriseListPage'));
const EnterprisePage = lazy(() => import('./EnterprisePage'));
const EnterpriseFormPage = lazy(() => import('./EnterpriseFormPage'));

export const enterprisesFeature: WebFeature = {
  name: 'enterprises',
  order: 50,
  routes: [
    { path: 'enterprises', element: <EnterpriseListPage /> },
    { path: 'enterprises/new', element: <EnterpriseFormPage /> },
    { path: 'enterprises/:id', element: <EnterprisePage /> },
    { path: 'enterprises/:id/edit', element: <EnterpriseFormPage /> },
  ],
  nav: [{ key: '/enterprises', to: '/enterprises', icon: <ShopOutlined />, label: 'nav.enterprises', order: 30 }],
};
