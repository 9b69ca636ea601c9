import { HomeOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { WebFeature } from '../../app/feature';

const HomePage = lazy(() => import('./HomePage'));

export const homeFeature: WebFeature = {
  name: 'home',
  order: 10,
  routes: [{ index: true, element: <HomePage /> }],
  nav: [{ key: '/', to: '/', icon: <HomeOutlined />, label: 'nav.home', order: 0 }],
};
