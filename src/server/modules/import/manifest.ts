import type { ModuleManifest } from '../../platform/module.js';
import { registerImportRoutes } from './routes.js';

/** Spreadsheet import (check → report → commit) and exports of the registry. */
export const importModule: ModuleManifest = { name: 'import', routes: registerImportRoutes };
