/**
 * The server's modules, in the order their demo data is loaded (later ones build on earlier ones).
 * app.ts registers their routes, platform/seed.ts loads their reference and demo data, and the CLI
 * starts their post-listen work — all by looping over this list.
 */
import { installModules, type ModuleManifest } from '../platform/module.js';
import { authModule } from './auth/manifest.js';
import { chainsModule } from './chains/manifest.js';
import { cockpitModule } from './cockpit/manifest.js';
import { conferencesModule } from './conferences/manifest.js';
import { consolidationModule } from './consolidation/manifest.js';
import { dockingModule } from './docking/manifest.js';
import { evaluationModule } from './evaluation/manifest.js';
import { importModule } from './import/manifest.js';
import { investModule } from './invest/manifest.js';
import { registryModule } from './registry/manifest.js';
import { searchModule } from './search/manifest.js';
import { servicesModule } from './services/manifest.js';
import { spaceModule } from './space/manifest.js';

export const MODULES: readonly ModuleManifest[] = [
  registryModule,
  authModule,
  searchModule,
  importModule,
  chainsModule,
  investModule,
  conferencesModule,
  dockingModule,
  spaceModule,
  evaluationModule,
  servicesModule,
  consolidationModule,
  cockpitModule,
];

installModules(MODULES);
