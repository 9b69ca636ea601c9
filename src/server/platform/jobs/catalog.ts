/**
 * Every module's job kinds, imported for their defineJob side effect so that the app and
 * `parklink worker` open the same queues. A module with a new kind of long work adds its jobs file here.
 */
import '../../modules/import/jobs.js';
import '../../modules/conferences/jobs.js';
import '../../modules/evaluation/jobs.js';
import '../../modules/services/sla-jobs.js';
import '../../modules/consolidation/jobs.js';
import '../../modules/cockpit/jobs.js';
