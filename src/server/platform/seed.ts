/**
 * Reference and demo data for the whole platform: the shared reference data (src/db/reference.ts),
 * then each module's own, in the order of MODULES. The demo is one transaction: a bad record aborts it
 * with its file, record and field named (SeedError).
 */
import type { Db } from '../../db/connect.js';
import { seedSharedReference } from '../../db/reference.js';
import { MODULES } from '../modules/index.js';
import type { DemoSeedContext } from './module.js';

export { isSeeded } from '../modules/registry/seed-demo.js';
export { SeedError } from './module.js';

/** Loads (idempotently) the shared reference data and every module's. */
export async function seedReference(db: Db): Promise<void> {
  await seedSharedReference(db);
  await db.tx(async (t) => {
    for (const m of MODULES) await m.seedReference?.(t);
  });
}

/** Loads the demo dataset through every module's seeder; returns what was loaded, by kind. */
export async function seedDemo(db: Db): Promise<Record<string, number>> {
  return db.tx(async (t) => {
    const ctx: DemoSeedContext = { enterpriseIds: new Map(), parkIds: new Map(), counts: {} };
    for (const m of MODULES) await m.seedDemo?.(t, ctx);
    return ctx.counts;
  });
}

/** Empties what the demo loaded (accounts other than demo ones survive), for `seed demo --reset`. */
export async function clearDemo(db: Db): Promise<void> {
  await db.tx(async (t) => {
    for (const m of [...MODULES].reverse()) await m.clearDemo?.(t);
  });
}
