import { registerResource } from '../../lib/resource-routes.js';
import type { ModuleManifest } from '../../platform/module.js';
import { registerRegistryViews } from './routes.js';
import { clearRegistryDemo, seedRegistryDemo } from './seed-demo.js';
import { REGISTRY_RESOURCES } from './specs.js';

/** Parks → buildings → floors → units → enterprises, their figures, supplier links, events, key figures. */
export const registryModule: ModuleManifest = {
  name: 'registry',
  routes(app, db) {
    for (const spec of REGISTRY_RESOURCES) registerResource(app, db, spec);
    registerRegistryViews(app, db);
  },
  seedDemo: seedRegistryDemo,
  clearDemo: clearRegistryDemo,
};
