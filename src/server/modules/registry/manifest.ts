import { registerResource } from '../../lib/resource-routes.js';
import type { ModuleManifest } from '../../platform/module.js';
import { registerRegistryViews } from './routes.js';
import { clearRegistryDemo, seedRegistryDemo } from './seed-demo.js';
import { REGISTRY_RESOURCES } from './specs.js';

/** Parks → buildings → floors → units → enterprises, their figures, supplier links, events, key figures. */
export const registryModule: ModuleManifest = {
  name: 'registry',
  idTables: {
    parks: 'parks',
    buildings: 'buildings',
    floors: 'floors',
    units: 'units',
    enterprises: 'enterprises',
    metrics: 'enterprise_metrics',
    occupancies: 'occupancies',
    institutions: 'institutions',
    'supply-links': 'supply_links',
    events: 'events',
    'key-figures': 'key_figures',
  },
  routes(app, db) {
    for (const spec of REGISTRY_RESOURCES) registerResource(app, db, spec);
    registerRegistryViews(app, db);
  },
  seedDemo: seedRegistryDemo,
  clearDemo: clearRegistryDemo,
};
