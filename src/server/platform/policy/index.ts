/** The platform policy: one registry of scopes, rights and confidential fields, and its presenter. */

export { CITY_REGION_PREFIX, inCity } from './city.js';
export {
  type Devzone,
  devzoneEnterprises,
  devzoneOf,
  devzoneParks,
  devzones,
  devzoneTenants,
  parseDevzone,
} from './devzones.js';
export { assertMay, FEATURES, type Feature, may, registerFeature, seesFigures } from './features.js';
export { permissionsOf } from './permissions.js';
export { readsProjects } from './projects.js';
export { redactFigures, redactTimelineEntry, WITHHELD } from './redact.js';
export {
  type Cond,
  mayCreateOutsideScope,
  POLICIES,
  policyOf,
  type ResourcePolicy,
  readScope,
  redact,
  registerPolicy,
  writeScope,
} from './registry.js';
export { changes, installRouteRights, type RouteRight, rightCheck, rightWhen } from './route-rights.js';
export { enterpriseScope, parkScope } from './zones.js';
