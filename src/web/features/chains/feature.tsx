import { ClusterOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { WebFeature } from '../../app/feature';

const ChainAtlasPage = lazy(() => import('./ChainAtlasPage'));
const ChainPage = lazy(() => import('./ChainPage'));
const ChainMatrixPage = lazy(() => import('./ChainMatrixPage'));
const ChainComparePage = lazy(() => import('./ChainComparePage'));
const ChainReportPrintPage = lazy(() => import('./ChainReportPrintPage'));

/** The industry-chain atlas: views of every chain by scope, and its printable report. */
export const chainsFeature: WebFeature = {
  name: 'chains',
  order: 60,
  routes: [
    { path: 'chains', element: <ChainAtlasPage /> },
    { path: 'chains/matrix', element: <ChainMatrixPage /> },
    { path: 'chains/compare', element: <ChainComparePage /> },
    { path: 'chains/:code', element: <ChainPage /> },
  ],
  printRoutes: [{ path: 'chains/:code', element: <ChainReportPrintPage /> }],
  nav: [{ key: '/chains', to: '/chains', icon: <ClusterOutlined />, label: 'nav.chains', order: 40 }],
};
