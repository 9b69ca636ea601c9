import { CloudUploadOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { WebFeature } from '../../app/feature';

const ImportPage = lazy(() => import('./ImportPage'));

export const importFeature: WebFeature = {
  name: 'import',
  order: 150,
  routes: [{ path: 'import', element: <ImportPage /> }],
  nav: [
    {
      key: '/import',
      to: '/import',
      icon: <CloudUploadOutlined />,
      label: 'nav.import',
      order: 90,
      visible: (p) => p.mayImport || p.mayExportDataset,
    },
  ],
};
