import { BankOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { WebFeature } from '../../app/feature';

const BuildingListPage = lazy(() => import('./BuildingListPage'));
const BuildingPage = lazy(() => import('./BuildingPage'));

export const buildingsFeature: WebFeature = {
  name: 'buildings',
  order: 40,
  routes: [
    { path: 'buildings', element: <BuildingListPage /> },
    { path: 'buildings/:id', element: <BuildingPage /> },
  ],
  nav: [{ key: '/buildings', to: '/buildings', icon: <BankOutlined />, label: 'nav.buildings', order: 20 }],
};
