import { NodeIndexOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { WebFeature } from '../../app/feature';
import { RequireFeature } from '../admin/RequireAdmin';

const TemplatesPage = lazy(() => import('./TemplatesPage'));
const TemplateEditPage = lazy(() => import('./TemplateEditPage'));
const MappingReviewPage = lazy(() => import('./MappingReviewPage'));

const guarded = (page: React.ReactElement) => <RequireFeature feature="chainMaintain">{page}</RequireFeature>;

/** 链图维护: chain templates, bulk mapping review, leader confirmation. */
export const chainAdminFeature: WebFeature = {
  name: 'chain-admin',
  order: 70,
  routes: [
    { path: 'chain-admin/templates', element: guarded(<TemplatesPage />) },
    { path: 'chain-admin/templates/:code', element: guarded(<TemplateEditPage />) },
    { path: 'chain-admin/mappings', element: guarded(<MappingReviewPage />) },
  ],
  nav: [
    {
      key: '/chain-admin',
      to: '/chain-admin/templates',
      icon: <NodeIndexOutlined />,
      label: 'nav.chainAdmin',
      order: 50,
      visible: (p) => p.may('chainMaintain'),
    },
  ],
};
