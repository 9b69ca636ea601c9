import { lazy } from 'react';
import type { WebFeature } from '../../app/feature';

const InboxPage = lazy(() => import('./InboxPage'));

/** The platform inbox (站内消息): the page; its entry is the bell in the app header (InboxBell). */
export const inboxFeature: WebFeature = {
  name: 'inbox',
  order: 158,
  routes: [{ path: 'inbox', element: <InboxPage /> }],
};
