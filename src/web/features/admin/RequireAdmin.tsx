import type { ReactElement } from 'react';
import { type Feature, usePermissions } from '../../app/permissions';
import { Forbidden, Loading } from '../../components/states';

/** A page for those with a feature (the server's permission matrix); others get a 403 page, as from the API. */
export function RequireFeature({ feature, children }: { feature: Feature; children: ReactElement }) {
  const p = usePermissions();
  if (p.loading) return <Loading />;
  return p.may(feature) ? children : <Forbidden />;
}

/** Administration pages are for city administrators. */
export function RequireAdmin({ children }: { children: ReactElement }) {
  return <RequireFeature feature="administer">{children}</RequireFeature>;
}
