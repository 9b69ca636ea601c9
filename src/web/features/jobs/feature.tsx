import { ScheduleOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { WebFeature } from '../../app/feature';

const JobsPage = lazy(() => import('./JobsPage'));

/** The background-job list: one's own jobs (a city administrator: everyone's), with cancel and retry. */
export const jobsFeature: WebFeature = {
  name: 'jobs',
  order: 155,
  routes: [{ path: 'jobs', element: <JobsPage /> }],
  nav: [
    {
      key: '/jobs',
      to: '/jobs',
      icon: <ScheduleOutlined />,
      label: 'jobs.nav',
      order: 95,
      visible: (p) => p.may('jobs'),
      testId: 'nav-jobs',
    },
  ],
};
