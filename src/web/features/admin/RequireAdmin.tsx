import type { ReactElement } from 'react';
import { usePermissions } from '../../app/permissions';
import { Forbidden } from '../../components/states';

/** Administration pages are for city administrators; others get a 403 page (the API refuses them too). */
export function RequireAdmin({ children }: { children: ReactElement }) {
  const { mayAdminister } = usePermissions();
  return mayAdminister ? children : <Forbidden />;
}
