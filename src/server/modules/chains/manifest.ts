import type { ModuleManifest } from '../../platform/module.js';
import { CHAIN_TRACKED_TABLES, warmChainCache } from './analysis.js';
import { registerChainRoutes } from './routes.js';
import { seedChainDemo } from './seed-chain-demo.js';
import { seedTargetPool } from './seed-target-pool.js';
import { seedChainTemplates } from './templates-store.js';

/** The industry-chain atlas: templates, health, gaps, leaders, views, mapping review. */
export const chainsModule: ModuleManifest = {
  name: 'chains',
  routes: registerChainRoutes,
  tracks: CHAIN_TRACKED_TABLES,
  async seedReference(tx) {
    await seedChainTemplates(tx);
  },
  // The outside-city target pool of gap candidates (data/demo/target-pool.json), then the demo city's
  // leaders, segment populations and supplier links (data/demo/chain-demo.json).
  async seedDemo(t, ctx) {
    await seedTargetPool(t, ctx);
    await seedChainDemo(t, ctx);
  },
  // Read and index the chain inputs once the server listens, so the first report does not wait.
  onListen: warmChainCache,
};
