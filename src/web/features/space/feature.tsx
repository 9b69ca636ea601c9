import { AimOutlined, AppstoreOutlined, BuildOutlined, ProfileOutlined, RiseOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { WebFeature } from '../../app/feature';

const VacancyPage = lazy(() => import('./VacancyPage'));
const SearchPage = lazy(() => import('./SearchPage'));
const PlannerPage = lazy(() => import('./PlannerPage'));
const ProgrammePage = lazy(() => import('./ProgrammePage'));
const RulesPage = lazy(() => import('./RulesPage'));
const TargetsPage = lazy(() => import('./TargetsPage'));

/** Space for 工业上楼: vacancy, site search, the floor planner and the programme's progress. */
export const spaceFeature: WebFeature = {
  name: 'space',
  order: 110,
  routes: [
    { path: 'space', element: <VacancyPage /> },
    { path: 'space/search', element: <SearchPage /> },
    { path: 'space/planner', element: <PlannerPage /> },
    { path: 'space/programme', element: <ProgrammePage /> },
    { path: 'space/rules', element: <RulesPage /> },
    { path: 'space/targets', element: <TargetsPage /> },
  ],
  nav: [
    {
      key: '/space',
      to: '/space',
      icon: <AppstoreOutlined />,
      label: 'space.navVacancy',
      order: 25,
      testId: 'nav-space',
    },
    { key: '/space/search', to: '/space/search', icon: <AimOutlined />, label: 'space.navSearch', order: 26 },
    {
      key: '/space/planner',
      to: '/space/planner',
      icon: <BuildOutlined />,
      label: 'space.navPlanner',
      order: 27,
      visible: (p) => p.may('space.plan'),
    },
    {
      key: '/space/programme',
      to: '/space/programme',
      icon: <RiseOutlined />,
      label: 'space.navProgramme',
      order: 28,
      visible: (p) => p.may('space.programme'),
    },
    {
      key: '/space/rules',
      to: '/space/rules',
      icon: <ProfileOutlined />,
      label: 'space.navRules',
      order: 29,
      testId: 'nav-space-rules',
    },
  ],
};
