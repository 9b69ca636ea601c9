/**
 * A web feature's manifest: its pages (routes under the app layout or the print layout) and its
 * navigation entries. The router and the side menu loop over FEATURES (features.ts), so a new module's
 * web folder adds its feature.tsx and one line there; its strings stay in its own messages.ts.
 */
import type { ReactNode } from 'react';
import type { Permissions } from './permissions';

export type FeatureRoute = { path: string; element: ReactNode } | { index: true; element: ReactNode };

export interface NavEntry {
  /** The menu key: the first path segment it selects (e.g. '/chains'). */
  key: string;
  to: string;
  icon: ReactNode;
  /** An i18n key of the label. */
  label: string;
  /** Its place in the menu (lower first). */
  order: number;
  /** Shown only when this holds (the server's permission matrix). */
  visible?: (p: Permissions) => boolean;
  /** Under the administration group instead of the top level. */
  group?: 'admin';
  testId?: string;
}

export interface WebFeature {
  name: string;
  routes?: FeatureRoute[];
  /** Printable pages: signed in, without the menu and header (/print/…). */
  printRoutes?: FeatureRoute[];
  nav?: NavEntry[];
}
