import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ENGINES, type TestDb } from '../../../test/helpers/db.js';
import { scopeEnterprisesBefore } from '../../../test/helpers/scope-enterprises-before.js';
import type { Role } from '../../contracts/auth.js';
import { Sql } from '../lib/sql.js';
import { type Actor, loadActor } from '../modules/auth/actor.js';
import '../modules/index.js';
import { computeFigure, type FigureScope, figureDefs, scopeEnterprises } from './figures.js';

// The modules' figures call `scopeEnterprises` through this module; a switch lets the test compute every
// figure once with the helper as it was (OR of two IN sub-queries) and once as it is, on the same data.
// (The old helper is handed in at run time: importing it here would import this mocked module again.)
const use = vi.hoisted(() => ({ before: null as null | typeof import('./figures.js').scopeEnterprises }));
vi.mock('./figures.js', async (importOriginal) => {
  const m = await importOriginal<typeof import('./figures.js')>();
  return {
    ...m,
    scopeEnterprises: (...a: Parameters<typeof m.scopeEnterprises>) => (use.before ?? m.scopeEnterprises)(...a),
  };
});

const ROLES: Role[] = ['city_admin', 'city_analyst', 'district_user', 'park_operator', 'enterprise_user', 'viewer'];

describe.each(ENGINES)('[$name] the firms of a scope (scopeEnterprises)', (engine) => {
  let t: TestDb;
  let scopes: FigureScope[];

  beforeAll(async () => {
    t = await engine.create();
    await t.becomeDemo();
    // Firms the scopes tell apart: registered elsewhere and housed in a park now, housed no longer, with no
    // region and housed, registered in a district and housed in another's park.
    const [away] = await t.db.query<{ code: string }>(
      `select code from regions where level = 'district' and code not like '4201%' order by code limit 1`,
    );
    const [unit] = await t.db.query<{ id: number; park_id: number; region: string }>(
      `select u.id, b.park_id, p.region_code as region from units u join floors f on f.id = u.floor_id
         join buildings b on b.id = f.building_id join parks p on p.id = b.park_id order by u.id limit 1`,
    );
    const [other] = await t.db.query<{ code: string }>(
      `select code from regions where code like '4201%' and level = 'district' and code <> $1 order by code limit 1`,
      [unit!.region],
    );
    const firm = async (region: string | null, housed?: 'now' | 'ended') => {
      const [e] = await t.db.query<{ id: number }>(
        `insert into enterprises (name, region_code, source_id, as_of, synthetic)
         values ($1, $2, 'seed-000', '2026-01-01', true) returning id`,
        [`范围比对企业${Math.random().toString(36).slice(2, 8)}（示例）`, region],
      );
      if (housed)
        await t.db.query(
          `insert into occupancies (enterprise_id, unit_id, started_on, ended_on, source_id, as_of, synthetic)
           values ($1, $2, '2020-01-01', $3, 'seed-000', '2026-01-01', true)`,
          [e!.id, unit!.id, housed === 'ended' ? '2021-01-01' : null],
        );
      return e!.id;
    };
    const housedAway = await firm(away!.code, 'now');
    await firm(away!.code, 'ended');
    await firm(null, 'now');
    await firm(other!.code, 'now');
    // A docking match whose customer is housed in the city but registered elsewhere, so the OR of customer
    // and supplier is told apart too.
    await t.db.query(`update docking_matches set customer_id = $1 where id = (select min(id) from docking_matches)`, [
      housedAway,
    ]);
    const [park] = await t.db.query<{ id: number }>(
      `select p.id from parks p where p.parent_id is null and exists (select 1 from parks c where c.parent_id = p.id) order by p.id limit 1`,
    );
    scopes = [
      { kind: 'city' },
      { kind: 'district', code: unit!.region },
      { kind: 'district', code: other!.code },
      { kind: 'district', code: '420112' },
      { kind: 'district', code: away!.code },
      { kind: 'devzone', code: 'donghu' },
      { kind: 'park', id: unit!.park_id },
      ...(park ? [{ kind: 'park', id: park.id } as const] : []),
    ];
  }, 600_000);
  afterAll(async () => {
    use.before = null;
    await t?.drop();
  });

  it('finds the same firms as the OR of two IN sub-queries did, for every id and pair of ids, every scope', async () => {
    let n = 0;
    for (const s of scopes) {
      const ids = async (cond: (q: Sql, col: string) => string) => {
        const q = new Sql();
        // Every firm id, an id of no firm and null; and (x, y) pairs as docking's customer-or-supplier asks.
        const one = await t.db.query<{ id: number | null }>(
          `select v.id from (select id from enterprises union all select -1 union all select null) v(id)
            where ${cond(q, 'v.id')} order by v.id`,
          q.params,
        );
        const q2 = new Sql();
        const two = await t.db.query<{ a: number; b: number }>(
          `select m.customer_id as a, m.supplier_id as b from docking_matches m
            where (${cond(q2, 'm.customer_id')} or ${cond(q2, 'm.supplier_id')}) order by m.id`,
          q2.params,
        );
        return { one: one.map((r) => r.id), two };
      };
      const now = await ids((q, col) => scopeEnterprises(s, q, col));
      expect(now, JSON.stringify(s)).toEqual(await ids((q, col) => scopeEnterprisesBefore(s, q, col)));
      n += now.one.length;
    }
    expect(n).toBeGreaterThan(100);
  });

  it('answers every figure of every scope the same for every role, the other modules’ figures included', async () => {
    const users = await t.db.query<{ id: number; role: Role }>(
      `select id, role from users where username like 'demo-%' order by id`,
    );
    const actors: (Actor | undefined)[] = [undefined];
    for (const r of ROLES) {
      const u = users.find((x) => x.role === r);
      if (u) actors.push((await loadActor(t.db, u.id)) ?? undefined);
    }
    // Figures that find a scope's firms through the helper, uncached (cached ones would not recompute).
    const defs = figureDefs().filter((d) =>
      ['docking.deals', 'docking.local_rate', 'evaluation.classes', 'services.sla'].includes(d.key),
    );
    expect(defs).toHaveLength(4);
    let nonZero = 0;
    for (const s of scopes)
      for (const def of defs.filter((d) => d.scopes.includes(s.kind)))
        for (const a of actors) {
          use.before = scopeEnterprisesBefore;
          const before = await computeFigure(t.db, def, s, a);
          use.before = null;
          const now = await computeFigure(t.db, def, s, a);
          expect(now, `${def.key} ${JSON.stringify(s)} ${a?.role ?? 'system'}`).toEqual(before);
          if (now.value) nonZero++;
        }
    expect(nonZero).toBeGreaterThan(20);
  });
});
