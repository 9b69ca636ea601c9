import { EVALUATION_INBOX } from '../../../contracts/evaluation-inbox.js';
import { jobsOf } from '../../platform/jobs/index.js';
import type { ModuleManifest } from '../../platform/module.js';
import { EVALUATION_FIGURES } from './figures.js';
import { startHonourReminders } from './honours.js';
import { evaluationRunJob, letterJob, remindJob } from './jobs.js';
import { EVALUATION_ERRORS, EVALUATION_FEATURES, EVALUATION_POLICIES } from './policy.js';
import { registerEvaluationRoutes } from './routes.js';
import { clearEvaluationDemo, seedEvaluationDemo, seedEvaluationReference } from './seed.js';

/** Evaluation and cultivation: 亩均效益 classes with reasons, park renewal, tier eligibility, 0→1→10→N. */
export const evaluationModule: ModuleManifest = {
  name: 'evaluation',
  inbox: EVALUATION_INBOX,
  jobs: [evaluationRunJob, remindJob, letterJob],
  referenceTables: ['evaluation_rule_sets'],
  derivedTables: {
    enterprise_honours: 'each firm’s honours as rows (0042), kept by triggers from enterprises.honours',
  },
  idTables: { 'rule-sets': 'evaluation_rule_sets', runs: 'evaluation_runs', plots: 'land_plots' },
  routes: registerEvaluationRoutes,
  policies: EVALUATION_POLICIES,
  features: EVALUATION_FEATURES,
  errors: EVALUATION_ERRORS,
  figures: EVALUATION_FIGURES,
  seedReference: seedEvaluationReference,
  seedDemo: seedEvaluationDemo,
  clearDemo: clearEvaluationDemo,
  async onListen(db) {
    // Re-review reminders of expiring honours through the job queue, now and every few hours.
    startHonourReminders(db, (data) =>
      jobsOf(db).send(remindJob, { ...data, audit: { via: 'system' } }, { ownerUserId: null }),
    );
  },
};
