/** Accounts for tests: users of any role with an API token, so requests carry `authorization`. */
import type { Role } from '../../src/contracts/auth.js';
import type { Db } from '../../src/db/connect.js';
import { createApiToken } from '../../src/server/modules/auth/sessions.js';

let seq = 0;

export interface TestUser {
  userId: number;
  organisationId: number;
  headers: { authorization: string };
}

/** A user with a role and scope, and a read-write API token. */
export async function makeUser(
  db: Db,
  role: Role,
  scope: { parkIds?: number[]; regionCodes?: string[]; enterpriseId?: number | null } = {},
): Promise<TestUser> {
  const n = ++seq;
  const [o] = await db.query<{ id: number }>(
    `insert into organisations (name, kind, region_codes, enterprise_id) values ($1, $2, $3, $4) returning id`,
    [
      `测试机构${n}-${role}`,
      role === 'enterprise_user'
        ? 'enterprise'
        : role === 'park_operator'
          ? 'park_operator'
          : role === 'district_user'
            ? 'district'
            : role === 'hub_operator'
              ? 'logistics_hub'
              : 'city_bureau',
      scope.regionCodes ?? [],
      scope.enterpriseId ?? null,
    ],
  );
  await db.query('insert into organisation_parks (organisation_id, park_id) select $1, unnest($2::int[])', [
    o!.id,
    scope.parkIds ?? [],
  ]);
  // Tests never sign in with this hash: they use the token.
  const [u] = await db.query<{ id: number }>(
    `insert into users (organisation_id, username, display_name, role, password_hash) values ($1, $2, $3, $4, 'x') returning id`,
    [o!.id, `test-${role}-${n}`, `测试用户${n}`, role],
  );
  const { token } = await createApiToken(db, u!.id, 'test', false);
  return { userId: u!.id, organisationId: o!.id, headers: { authorization: `Bearer ${token}` } };
}

/** The app with every injected request signed in as a fresh user of this role (city_admin by default). */
export async function authedApp(db: Db, role: Role = 'city_admin') {
  const { buildApp } = await import('../../src/server/app.js');
  const app = await buildApp({ db });
  const { headers } = await makeUser(db, role);
  const inject = app.inject.bind(app) as (opts: Record<string, unknown>) => ReturnType<typeof app.inject>;
  (app as unknown as { inject: unknown }).inject = (opts: Record<string, unknown>) =>
    inject({ ...opts, headers: { ...headers, ...((opts.headers as Record<string, string>) ?? {}) } });
  return app;
}
