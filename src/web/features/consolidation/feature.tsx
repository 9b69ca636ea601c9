import { ContainerOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { WebFeature } from '../../app/feature';

const ConsolidationPage = lazy(() => import('./ConsolidationPage'));

/** Rail consolidation at a logistics hub: orders board, plan per departure, shipper's quotes, dashboard. */
export const consolidationFeature: WebFeature = {
  name: 'consolidation',
  order: 140,
  routes: [{ path: 'consolidation', element: <ConsolidationPage /> }],
  nav: [
    {
      key: '/consolidation',
      to: '/consolidation',
      icon: <ContainerOutlined />,
      label: 'consolidation.nav',
      order: 75,
      visible: (p) => p.may('consolidation.view'),
      testId: 'nav-consolidation',
    },
  ],
};
