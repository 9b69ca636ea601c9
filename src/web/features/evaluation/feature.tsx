import { TrophyOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { WebFeature } from '../../app/feature';

const EvaluationPage = lazy(() => import('./EvaluationPage'));
const LetterPrintPage = lazy(() => import('./LetterPrintPage'));

/** 亩均效益 evaluation, park renewal, tier cultivation and the incubation pipeline; printable letters. */
export const evaluationFeature: WebFeature = {
  name: 'evaluation',
  order: 120,
  routes: [{ path: 'evaluation', element: <EvaluationPage /> }],
  printRoutes: [{ path: 'evaluation/runs/:runId/firms/:enterpriseId', element: <LetterPrintPage /> }],
  nav: [
    {
      key: '/evaluation',
      to: '/evaluation',
      icon: <TrophyOutlined />,
      label: 'evaluation.nav',
      order: 75,
      testId: 'nav-evaluation',
    },
  ],
};
