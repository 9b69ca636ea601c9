import type { ModuleManifest } from '../../platform/module.js';
import { registerConferenceRoutes } from './routes.js';
import { seedConferences } from './seed-demo.js';

/** One-to-one matchmaking at conferences: participants, requests, schedule, agendas, check-in. */
export const conferencesModule: ModuleManifest = {
  name: 'conferences',
  routes: registerConferenceRoutes,
  async seedDemo(tx, ctx) {
    ctx.counts.conferenceParticipants = await seedConferences(tx, ctx.enterpriseIds.get('demo-lh-001'));
  },
};
