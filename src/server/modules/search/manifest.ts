import type { ModuleManifest } from '../../platform/module.js';
import { registerSearchRoutes } from './routes.js';

/** One search over parks, buildings, enterprises and institutions (Chinese, pinyin, initials, codes). */
export const searchModule: ModuleManifest = { name: 'search', routes: registerSearchRoutes };
