/**
 * The web features, one per folder under features/ that has pages: the router and the side menu
 * loop over this list (a new module adds its feature.tsx and one line here).
 */
import { accountFeature } from '../features/account/feature';
import { adminFeature } from '../features/admin/feature';
import { buildingsFeature } from '../features/buildings/feature';
import { chainAdminFeature } from '../features/chain-admin/feature';
import { chainsFeature } from '../features/chains/feature';
import { cockpitFeature } from '../features/cockpit/feature';
import { conferencesFeature } from '../features/conferences/feature';
import { consolidationFeature } from '../features/consolidation/feature';
import { dockingFeature } from '../features/docking/feature';
import { enterprisesFeature } from '../features/enterprises/feature';
import { evaluationFeature } from '../features/evaluation/feature';
import { homeFeature } from '../features/home/feature';
import { importFeature } from '../features/import/feature';
import { parksFeature } from '../features/parks/feature';
import { investFeature } from '../features/projects/feature';
import { servicesFeature } from '../features/services/feature';
import { sourcesFeature } from '../features/sources/feature';
import { spaceFeature } from '../features/space/feature';
import type { WebFeature } from './feature';

export const FEATURES: readonly WebFeature[] = [
  homeFeature,
  cockpitFeature,
  parksFeature,
  buildingsFeature,
  enterprisesFeature,
  chainsFeature,
  chainAdminFeature,
  investFeature,
  conferencesFeature,
  dockingFeature,
  spaceFeature,
  evaluationFeature,
  servicesFeature,
  consolidationFeature,
  importFeature,
  sourcesFeature,
  accountFeature,
  adminFeature,
];
