import type { Db } from '../../../db/connect.js';
import type { DemoSeedContext } from '../../platform/module.js';

export async function seedServicesDemo(_tx: Db, _ctx: DemoSeedContext): Promise<void> {}

export async function clearServicesDemo(tx: Db): Promise<void> {
  await tx.query('delete from service_notices');
  await tx.query('delete from service_tickets');
  await tx.query('delete from service_visits');
  await tx.query('delete from service_policies');
}
