import type { ModuleManifest } from '../../platform/module.js';
import { registerInvestRoutes } from './routes.js';
import { seedInvest } from './seed-demo.js';

/** Investment promotion: projects, follow-ups, 督办 orders, events and their outcomes, the dashboard. */
export const investModule: ModuleManifest = {
  name: 'invest',
  idTables: { projects: 'projects' },
  routes: registerInvestRoutes,
  async seedDemo(tx, ctx) {
    ctx.counts.projects = await seedInvest(tx);
  },
  async clearDemo(tx) {
    await tx.query('delete from projects');
  },
};
