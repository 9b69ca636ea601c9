import type { Db } from '../../../db/connect.js';
import type { DemoSeedContext } from '../../platform/module.js';

export async function seedDocking(_tx: Db, _ctx: DemoSeedContext): Promise<void> {}

export async function clearDocking(tx: Db): Promise<void> {
  await tx.query('delete from docking_postings');
  await tx.query(`delete from supply_links where source_id = 'parklink-docking'`);
}
