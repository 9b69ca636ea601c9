/** The first administrator and the demo accounts. */
import { join } from 'node:path';
import { secret } from '../../../config.js';
import type { Role } from '../../../contracts/auth.js';
import type { Db } from '../../../db/connect.js';
import { DATA_DIR, readJson } from '../../../db/reference.js';
import { hashPassword, randomPassword } from './passwords.js';
import { DEMO_PASSWORD } from './routes.js';

/**
 * On a database without users, creates the platform organisation and a city administrator, and
 * returns its password (from PARKLINK_ADMIN_PASSWORD, or generated) so the caller can print it once.
 */
export async function ensureAdmin(db: Db): Promise<{ username: string; password: string; generated: boolean } | null> {
  const [{ n } = { n: 0 }] = await db.query<{ n: number }>('select count(*)::int as n from users');
  if (n > 0) return null;
  const fromEnv = secret('PARKLINK_ADMIN_PASSWORD');
  const password = fromEnv && fromEnv.length >= 10 ? fromEnv : randomPassword();
  await db.tx(async (t) => {
    const [o] = await t.query<{ id: number }>(
      `insert into organisations (name, kind) values ('ParkLink 平台管理', 'city_bureau')
       on conflict (name) do update set kind = excluded.kind returning id`,
    );
    await t.query(
      `insert into users (organisation_id, username, display_name, role, password_hash, must_change_password)
       values ($1, 'admin', '平台管理员', 'city_admin', $2, $3)`,
      [o!.id, await hashPassword(password), !fromEnv],
    );
  });
  return { username: 'admin', password, generated: !fromEnv };
}

interface DemoAccounts {
  organisations: {
    key: string;
    name: string;
    kind: string;
    regionCodes?: string[];
    parkCodes?: string[];
    enterpriseKey?: string;
  }[];
  users: { username: string; displayName: string; role: Role; organisation: string }[];
}

/** One demo account per role (password DEMO_PASSWORD), scoped to demo parks, a district and a tenant. */
export async function seedDemoAccounts(db: Db, enterpriseIdOf: (key: string) => number | undefined): Promise<number> {
  const data = readJson<DemoAccounts>(join(DATA_DIR, 'demo', 'accounts.json'));
  const hash = await hashPassword(DEMO_PASSWORD);
  const orgIds = new Map<string, number>();
  for (const o of data.organisations) {
    const [row] = await db.query<{ id: number }>(
      `insert into organisations (name, kind, region_codes, enterprise_id) values ($1, $2, $3, $4)
       on conflict (name) do update set kind = excluded.kind, region_codes = excluded.region_codes, enterprise_id = excluded.enterprise_id
       returning id`,
      [o.name, o.kind, o.regionCodes ?? [], o.enterpriseKey ? (enterpriseIdOf(o.enterpriseKey) ?? null) : null],
    );
    orgIds.set(o.key, row!.id);
    await db.query('delete from organisation_parks where organisation_id = $1', [row!.id]);
    await db.query(
      'insert into organisation_parks (organisation_id, park_id) select $1, id from parks where code = any($2::text[])',
      [row!.id, o.parkCodes ?? []],
    );
  }
  for (const u of data.users) {
    await db.query(
      `insert into users (organisation_id, username, display_name, role, password_hash, is_demo) values ($1, $2, $3, $4, $5, true)
       on conflict (username) do update set organisation_id = excluded.organisation_id, role = excluded.role,
         display_name = excluded.display_name, password_hash = excluded.password_hash, is_demo = true`,
      [orgIds.get(u.organisation), u.username, u.displayName, u.role, hash],
    );
  }
  return data.users.length;
}
