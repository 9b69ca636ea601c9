import { BookOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { WebFeature } from '../../app/feature';

const SourcesPage = lazy(() => import('./SourcesPage'));

export const sourcesFeature: WebFeature = {
  name: 'sources',
  order: 160,
  routes: [{ path: 'sources', element: <SourcesPage /> }],
  nav: [{ key: '/sources', to: '/sources', icon: <BookOutlined />, label: 'nav.sources', order: 100 }],
};
