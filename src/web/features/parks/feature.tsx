import { ApartmentOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { WebFeature } from '../../app/feature';

const ParkListPage = lazy(() => import('./ParkListPage'));
const ParkPage = lazy(() => import('./ParkPage'));
const ParkFormPage = lazy(() => import('./ParkFormPage'));

export const parksFeature: WebFeature = {
  name: 'parks',
  order: 30,
  routes: [
    { path: 'parks', element: <ParkListPage /> },
    { path: 'parks/new', element: <ParkFormPage /> },
    { path: 'parks/:id', element: <ParkPage /> },
    { path: 'parks/:id/edit', element: <ParkFormPage /> },
  ],
  nav: [{ key: '/parks', to: '/parks', icon: <ApartmentOutlined />, label: 'nav.parks', order: 10 }],
};
