/**
 * Migration 0035 folds the services module's own notices (0015) into the platform inbox: a database that
 * had policy pushes in `service_notices` keeps them, one notification per active enterprise user of the
 * firm, with the once-only key that stops the same policy version being pushed to them again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, type TestDb } from '../../../../test/helpers/db.js';
import { connect, type Db } from '../../../db/connect.js';
import { listMigrations, migrate } from '../../../db/migrate.js';
import { notify } from '../../platform/inbox/index.js';

describe.each(ENGINES)('[$name] migration 0035: service notices into the inbox', (engine) => {
  let t: TestDb;
  let db: Db;
  const ids: Record<string, number> = {};
  const one = async (sql: string, params: unknown[] = []) =>
    ((await db.query<{ id: number }>(sql, params))[0] as { id: number }).id;

  beforeAll(async () => {
    // A fresh database of the engine, emptied and migrated only up to 0034, as before this change.
    t = await engine.create();
    db = t.db;
    if (engine.name === 'pglite') {
      await db.close();
      db = await connect({ dataDir: 'memory://' });
      t.db = db;
    } else {
      await db.exec('drop schema public cascade; create schema public');
    }
    await migrate(
      db,
      listMigrations().filter((m) => m.version < 35),
    );
    await db.query(`insert into sources (id, title) values ('test', '测试来源')`);
    ids.firm = await one(`insert into enterprises (name, source_id) values ('甲公司', 'test') returning id`);
    ids.other = await one(`insert into enterprises (name, source_id) values ('乙公司', 'test') returning id`);
    const org = await one(
      `insert into organisations (name, kind, enterprise_id) values ('甲公司', 'enterprise', $1) returning id`,
      [ids.firm],
    );
    const user = (name: string, disabled = false) =>
      one(
        `insert into users (organisation_id, username, display_name, role, password_hash, disabled)
         values ($1, $2, $2, 'enterprise_user', 'x', $3) returning id`,
        [org, name, disabled],
      );
    ids.u1 = await user('u1');
    ids.u2 = await user('u2');
    ids.gone = await user('gone', true);
    ids.policy = await one(
      `insert into service_policies (code, title, title_en, issuer, auto_grant, current_version)
       values ('P1', '研发补贴', 'R&D grant', '示例局', true, 2) returning id`,
    );
    await db.query(
      `insert into service_notices (enterprise_id, kind, policy_id, policy_version, title, read_at, created_at)
       values ($1, 'policy', $2, 1, '研发补贴', '2026-03-02T02:00:00Z', '2026-03-01T02:00:00Z'),
              ($1, 'policy', $2, 2, '研发补贴', null, '2026-04-01T02:00:00Z'),
              ($3, 'policy', $2, 2, '研发补贴', null, '2026-04-01T02:00:00Z')`,
      [ids.firm, ids.policy, ids.other],
    );
    const applied = await migrate(db);
    expect(applied.map((m) => m.version)).toContain(35);
  }, 120_000);
  afterAll(async () => {
    await t?.drop();
  });

  it('gives each active user of the firm its notices, with their dates, readings and once-only keys', async () => {
    const rows = await db.query<{
      user_id: number;
      kind: string;
      params: Record<string, unknown>;
      link: string;
      dedupe: string;
      created_at: Date;
      read_at: Date | null;
    }>('select user_id, kind, params, link, dedupe, created_at, read_at from inbox_notifications order by user_id, id');
    expect(rows.map((r) => [r.user_id, r.dedupe, r.read_at?.toISOString() ?? null])).toEqual([
      [ids.u1, `services.policy:${ids.policy}:1`, '2026-03-02T02:00:00.000Z'],
      [ids.u1, `services.policy:${ids.policy}:2`, null],
      [ids.u2, `services.policy:${ids.policy}:1`, '2026-03-02T02:00:00.000Z'],
      [ids.u2, `services.policy:${ids.policy}:2`, null],
    ]);
    expect(rows[1]).toMatchObject({
      kind: 'services.policy',
      link: '/services/mine',
      params: { policyId: ids.policy, policyTitle: '研发补贴', policyTitleEn: 'R&D grant', version: 2 },
    });
    expect(rows[1]?.created_at.toISOString()).toBe('2026-04-01T02:00:00.000Z');
  });

  it('drops the old table, and a push of a version already sent notifies no one again', async () => {
    const left = await db.query(`select 1 from information_schema.tables where table_name = 'service_notices'`);
    expect(left).toEqual([]);
    const again = await notify(db, {
      enterpriseId: ids.firm,
      kind: 'services.policy',
      params: { policyId: ids.policy as number, policyTitle: '研发补贴', version: 2 },
      dedupe: `services.policy:${ids.policy}:2`,
    });
    expect(again).toEqual([]);
  });
});
