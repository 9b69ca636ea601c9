import type { ModuleManifest } from '../../platform/module.js';
import { importCheckJob, importCommitJob } from './jobs.js';
import { registerImportRoutes } from './routes.js';

/** Spreadsheet import (check → report → commit) and exports of the registry. */
export const importModule: ModuleManifest = {
  name: 'import',
  jobs: [importCheckJob, importCommitJob],
  idTables: { imports: 'imports' },
  routes: registerImportRoutes,
};
