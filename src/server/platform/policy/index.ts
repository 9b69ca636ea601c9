/** The platform policy: one registry of scopes, rights and confidential fields, and its presenter. */
export { assertMay, FEATURES, type Feature, may, seesFigures } from './features.js';
export { permissionsOf } from './permissions.js';
export { readsProjects } from './projects.js';
export { redactFigures, redactTimelineEntry, WITHHELD } from './redact.js';
export { mayCreateOutsideScope, POLICIES, readScope, redact, writeScope } from './registry.js';
export { enterpriseScope, parkScope } from './zones.js';
