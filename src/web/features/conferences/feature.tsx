import { lazy } from 'react';
import type { WebFeature } from '../../app/feature';

const MatchmakingPage = lazy(() => import('./MatchmakingPage'));
const AgendaPrintPage = lazy(() => import('./AgendaPrintPage'));

/** One-to-one matchmaking at a conference (reached from its event), and printable agendas. */
export const conferencesFeature: WebFeature = {
  name: 'conferences',
  order: 90,
  routes: [{ path: 'events/:id/matchmaking', element: <MatchmakingPage /> }],
  printRoutes: [{ path: 'events/:id/agendas', element: <AgendaPrintPage /> }],
};
