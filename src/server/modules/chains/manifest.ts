import type { ModuleManifest } from '../../platform/module.js';
import { CHAIN_TRACKED_TABLES, warmChainCache } from './analysis.js';
import { registerChainRoutes } from './routes.js';
import { seedChainTemplates } from './templates-store.js';

/** The industry-chain atlas: templates, health, gaps, leaders, views, mapping review. */
export const chainsModule: ModuleManifest = {
  name: 'chains',
  routes: registerChainRoutes,
  tracks: CHAIN_TRACKED_TABLES,
  async seedReference(tx) {
    await seedChainTemplates(tx);
  },
  // Read and index the chain inputs once the server listens, so the first report does not wait.
  onListen: warmChainCache,
};
