import type { ModuleManifest } from '../../platform/module.js';
import { seedDemoAccounts } from './accounts.js';
import { registerAuthRoutes } from './routes.js';

/** Sign-in, sessions, API tokens, users and organisations, the audit view. */
export const authModule: ModuleManifest = {
  name: 'auth',
  routes: registerAuthRoutes,
  async seedDemo(tx, ctx) {
    ctx.counts.demoAccounts = await seedDemoAccounts(tx, (key) => ctx.enterpriseIds.get(key));
  },
  async clearDemo(tx) {
    await tx.query('delete from users where is_demo');
  },
};
