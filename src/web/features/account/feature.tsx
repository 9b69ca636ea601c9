import { lazy } from 'react';
import type { WebFeature } from '../../app/feature';

const TokensPage = lazy(() => import('./TokensPage'));

/** The signed-in user's own API tokens (reached from the user menu). */
export const accountFeature: WebFeature = {
  name: 'account',
  order: 170,
  routes: [{ path: 'account/tokens', element: <TokensPage /> }],
};
