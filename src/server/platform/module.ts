/**
 * The module manifest: everything a server module contributes to the platform, declared once.
 * `app.ts`, the seeders and the CLI loop over `MODULES` (modules/index.ts), so a new module is its
 * folder, its web feature folder and a migration — plus one line in that list.
 */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/connect.js';

/** What the demo seeders of earlier modules hand to later ones (natural key → id). */
export interface DemoSeedContext {
  enterpriseIds: Map<string, number>;
  parkIds: Map<string, number>;
  /** Counts to print, by module and record kind. */
  counts: Record<string, number>;
}

export interface ModuleManifest {
  /** Folder name under src/server/modules. */
  name: string;
  /** Registers the module's HTTP routes (each with its request and response schemas). */
  routes?(app: FastifyInstance, db: Db): void | Promise<void>;
  /**
   * Tables whose change counters (migration 0008 data_changes) the module's caches are keyed on;
   * listed so an operator knows what a bulk load must count (see docs/ARCHITECTURE.md).
   */
  tracks?: readonly string[];
  /** Reference data the module owns, loaded idempotently at every start after the shared reference data. */
  seedReference?(tx: Db): Promise<void>;
  /** Demo records, written through the module's own use cases inside the demo's one transaction. */
  seedDemo?(tx: Db, ctx: DemoSeedContext): Promise<void>;
  /** Empties the module's records for `seed demo --reset` (modules are cleared in reverse order). */
  clearDemo?(tx: Db): Promise<void>;
  /** Work to start once the server listens (e.g. warming a cache); failures are logged, not fatal. */
  onListen?(db: Db): Promise<void>;
}

/** The demo dataset's folder (data/demo). */
export { DEMO_DIR } from '../../db/reference.js';

/** A demo record the loader refused, with its file, record and field named. */
export class SeedError extends Error {}
