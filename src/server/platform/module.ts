/**
 * The module manifest: everything a server module contributes to the platform, declared once.
 * `app.ts`, the seeders, the CLI, the job catalog, backup/restore and the redaction test loop over
 * `MODULES` (modules/index.ts), so a new module is its folder, its web feature folder and a migration —
 * plus its line in that list (module.test.ts fails when a folder with a manifest is missing from it).
 */
import type { FastifyInstance } from 'fastify';
import { type Message, type ModuleErrorCode, registerErrorMessages } from '../../contracts/errors.js';
import type { InboxKinds } from '../../contracts/inbox.js';
import { addSetupTables, registerNotData } from '../../db/backup/catalog.js';
import type { Db } from '../../db/connect.js';
import type { Actor } from '../modules/auth/actor.js';
import { type FigureDef, registerFigures } from './figures.js';
import { registerInboxKinds } from './inbox/index.js';
import type { JobDef } from './jobs/define.js';
import { registerFeature } from './policy/features.js';
import { type ResourcePolicy, registerPolicy } from './policy/registry.js';

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
  /**
   * The policies of the module's own resources (read / write scopes, create, confidential fields):
   * `readScope`, `writeScope` and `redact` of platform/policy then serve them like the registry's, and
   * `GET /api/v1/permissions` lists them. A resource name is taken once across all modules.
   */
  policies?: Readonly<Record<string, ResourcePolicy>>;
  /** The module's own rights, namespaced ('docking.post'), asserted with `assertMay` and shown to the web. */
  features?: Readonly<Record<`${string}.${string}`, (a: Actor) => boolean>>;
  /** The module's own error codes, namespaced ('docking.unit_mismatch'), with their zh and en messages. */
  errors?: Readonly<Record<ModuleErrorCode, Message>>;
  /** Its cockpit figures (platform/figures.ts), keys namespaced ('docking.local_rate'): cockpit, reports, targets. */
  figures?: readonly FigureDef[];
  /**
   * Its kinds of background work (defineJob, names `<module>.<verb>`): the app and `parklink worker`
   * open a queue for each, and the job list names them.
   */
  jobs?: readonly JobDef<never, unknown>[];
  /**
   * Its inbox notice kinds (`<module>.<event>` → strict parameters), kept in contracts/<module>-inbox.ts,
   * which also adds them to contracts/inbox.ts InboxKindMap so `notify` stays typed; the web's templates
   * are `<feature>.notice.<event>` in its feature's messages.ts (the words test checks each kind has both).
   */
  inbox?: InboxKinds;
  /**
   * Tables its `seedReference` (or its migration) fills before anyone uses the database: a restore
   * counts them as set-up, not as data in use (db/backup/catalog.ts SETUP_TABLES).
   */
  referenceTables?: readonly string[];
  /**
   * Tables kept by triggers from its data tables (table → one line on what keeps it): a backup leaves them
   * out and a restore's own inserts write them again (db/backup/catalog.ts NOT_DATA; the restore test
   * compares them after the round trip).
   */
  derivedTables?: Readonly<Record<string, string>>;
  /**
   * Tables that are the state of a running server, not data (a change log its caches read; table → one
   * line on why): neither backed up nor compared after a restore.
   */
  runtimeTables?: Readonly<Record<string, string>>;
  /**
   * Its GET routes' `{id}` segments and the table whose ids fill them ('tickets' → 'service_tickets'):
   * the all-routes redaction test calls each as every role.
   */
  idTables?: Readonly<Record<string, string>>;
}

const installed = new Set<string>();

/**
 * Registers what the modules declare with the platform: policies, rights, error codes, figures, job kinds,
 * reference and not-data tables (for backup / restore), inbox kinds. modules/index.ts
 * calls it once for MODULES, so whatever imports the module list sees them; a module installs once.
 */
export function installModules(modules: readonly ModuleManifest[]): void {
  for (const m of modules) {
    if (installed.has(m.name)) continue;
    installed.add(m.name);
    for (const [resource, policy] of Object.entries(m.policies ?? {})) registerPolicy(resource, policy);
    for (const [name, test] of Object.entries(m.features ?? {})) {
      if (!name.startsWith(`${m.name}.`)) throw new Error(`feature "${name}" of module ${m.name} is not ${m.name}.*`);
      registerFeature(name as `${string}.${string}`, test);
    }
    const errors = m.errors ?? {};
    const foreign = Object.keys(errors).filter((c) => !c.startsWith(`${m.name}.`));
    if (foreign.length > 0)
      throw new Error(`error codes ${foreign.join(', ')} of module ${m.name} are not ${m.name}.*`);
    registerErrorMessages(errors);
    registerFigures(m.name, m.figures ?? []);
    const foreignJobs = (m.jobs ?? []).filter((j) => !j.name.startsWith(`${m.name}.`)).map((j) => j.name);
    if (foreignJobs.length > 0)
      throw new Error(`job kinds ${foreignJobs.join(', ')} of module ${m.name} are not ${m.name}.*`);
    addSetupTables(m.referenceTables ?? []);
    registerInboxKinds(m.name, m.inbox ?? {});
    registerNotData(m.name, { derived: m.derivedTables ?? {}, runtime: m.runtimeTables ?? {} });
  }
}

/** The demo dataset's folder (data/demo). */
export { DEMO_DIR } from '../../db/reference.js';

/** A demo record the loader refused, with its file, record and field named. */
export class SeedError extends Error {}
