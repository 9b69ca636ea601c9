/**
 * A web feature's manifest: its pages (routes under the app layout or the print layout) and its
 * navigation entries. The router and the side menu loop over FEATURES (features.ts), which finds every
 * features/<name>/feature.tsx, so a new module's web folder adds its feature.tsx and its messages.ts and
 * edits no shared file.
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
  /** Its place among the features (lower first): the order of its routes. */
  order: number;
  routes?: FeatureRoute[];
  /** Printable pages: signed in, without the menu and header (/print/…). */
  printRoutes?: FeatureRoute[];
  nav?: NavEntry[];
}
