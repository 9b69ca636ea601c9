import type { ModuleManifest } from '../../platform/module.js';
import { scheduleJob } from './jobs.js';
import { registerConferenceRoutes } from './routes.js';
import { seedConferences } from './seed-demo.js';

/** One-to-one matchmaking at conferences: participants, requests, schedule, agendas, check-in. */
export const conferencesModule: ModuleManifest = {
  name: 'conferences',
  jobs: [scheduleJob],
  routes: registerConferenceRoutes,
  async seedDemo(tx, ctx) {
    ctx.counts.conferenceParticipants = await seedConferences(tx, ctx.enterpriseIds.get('demo-lh-001'));
  },
};
