/**
 * The change counters of migration 0008 and the chain-analysis cache they key, on both databases:
 * committed writes count per table, rolled-back ones do not, folding keeps every sum; and after each
 * kind of edit (a mapping confirmed or rejected, a firm's products, a figure, a supplier link, a
 * leader decision, a tenant moving out, a new template version) the cached analysis — which re-reads only what changed and
 * reuses the rest — equals one built from scratch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, type TestDb } from '../../../../test/helpers/db.js';
import type { TChainTemplate } from '../../../contracts/chains.js';
import type { Db } from '../../../db/connect.js';
import { dataVersions, foldChanges } from '../../lib/data-changes.js';
import { analyse, type Scope } from './analysis.js';
import { currentTemplates, publishTemplate } from './templates-store.js';

describe.each(ENGINES)('[$name] change counters and the chain cache', (engine) => {
  let t: TestDb;
  let templates: TChainTemplate[];
  const count = async (table: string) => (await dataVersions(t.db)).counts.get(table) ?? 0;

  beforeAll(async () => {
    t = await engine.create();
    await t.becomeDemo();
    templates = await currentTemplates(t.db);
  }, 300_000); // the calibrated demo (issue 11) seeds ~1,800 firms
  afterAll(async () => t?.drop());

  it('counts each committed write to a table, not a rolled-back one, and folding keeps the sums', async () => {
    const links = await count('supply_links');
    const firms = await count('enterprises');
    await t.db.query('update enterprises set version = version + 1 where id = (select min(id) from enterprises)');
    expect(await count('enterprises')).toBe(firms + 1);
    expect(await count('supply_links')).toBe(links);

    await expect(
      t.db.tx(async (tx) => {
        await tx.query('update supply_links set version = version + 1');
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await count('supply_links')).toBe(links);

    for (let i = 0; i < 3; i++) await t.db.query('update supply_links set version = version + 1 where false');
    expect(await count('supply_links')).toBe(links + 3);
    const before = await dataVersions(t.db);
    await foldChanges(t.db);
    const after = await dataVersions(t.db);
    expect(after.counts).toEqual(before.counts);
    const [rows] = await t.db.query<{ n: number; tables: number }>(
      'select count(*) as n, count(distinct table_name) as tables from data_changes',
    );
    expect(rows?.n).toBe(rows?.tables);
  });

  it('after every kind of edit the cached analysis equals one built from scratch', async () => {
    const [park] = await t.db.query<{ id: number }>(
      `select b.park_id as id from occupancies o join units u on u.id = o.unit_id join floors f on f.id = u.floor_id
         join buildings b on b.id = f.building_id group by b.park_id order by count(*) desc limit 1`,
    );
    const scopes: Scope[] = [{ kind: 'city' }, { kind: 'district', code: '420112' }, { kind: 'park', id: park!.id }];
    const oe = templates.filter((x) => x.code === 'oe');
    // A new object over the same connection has no cache: the analysis is built from the tables.
    const fresh = (): Db => ({ ...t.db });
    const same = async (what: string) => {
      for (const scope of scopes) {
        const cached = await analyse(t.db, templates, scope, { targets: true });
        const scratch = await analyse(fresh(), templates, scope, { targets: true });
        expect(cached, `${what}, ${JSON.stringify(scope)}`).toEqual(scratch);
      }
    };
    const node = async (nodeId: string, scope: Scope = { kind: 'city' }) => {
      const { health } = await analyse(t.db, oe, scope, {
        targets: false,
        thresholds: { includeSuggested: true },
      });
      return health[0]!.nodes.find((n) => n.nodeId === nodeId)!;
    };
    await same('warm');

    const [firm] = await t.db.query<{ id: number }>(
      `select id from enterprises where region_code like '4201%' and industry_class_code is null order by id limit 1`,
    );
    const id = firm!.id;
    expect((await node('oe.target')).firms.map((f) => f.enterpriseId)).not.toContain(id);
    // products: the firm is matched again and now suggested for the target-material segment
    await t.db.query(
      `update enterprises set products = array['溅射靶材', '一体靶材'], industry_class_code = '3985', version = version + 1 where id = $1`,
      [id],
    );
    expect((await node('oe.target')).firms.map((f) => f.enterpriseId)).toContain(id);
    await same('after a change of products');

    // a rejection removes the suggestion; a confirmation of another segment adds the firm there
    await t.db.query(
      `insert into chain_mappings (enterprise_id, node_id, status) values ($1, 'oe.target', 'rejected')`,
      [id],
    );
    expect((await node('oe.target')).firms.map((f) => f.enterpriseId)).not.toContain(id);
    await t.db.query(
      `insert into chain_mappings (enterprise_id, node_id, status) values ($1, 'oe.panel_lcd', 'confirmed')`,
      [id],
    );
    expect((await node('oe.panel_lcd')).firms.map((f) => f.enterpriseId)).toContain(id);
    await same('after mapping decisions');

    // a figure and a supplier link
    await t.db.query(
      `insert into enterprise_metrics (enterprise_id, year, output_wan, revenue_wan, source_id)
       values ($1, 2099, 123456, 123456, 'user')`,
      [id],
    );
    expect((await node('oe.panel_lcd')).firms.find((f) => f.enterpriseId === id)?.outputWan).toBe(123456);
    const [customer] = await t.db.query<{ id: number }>(
      `select id from enterprises where id <> $1 order by id limit 1`,
      [id],
    );
    await t.db.query(
      `insert into supply_links (supplier_id, customer_id, product, annual_amount_wan, source_id)
       values ($1, $2, '测试靶材', 100, 'user')`,
      [id, customer!.id],
    );
    await same('after a new figure and a new supplier link');

    // a leader decision, and a tenant moving out of the park
    await t.db.query(`insert into chain_leaders (enterprise_id, chain_code, status) values ($1, 'oe', 'confirmed')`, [
      id,
    ]);
    await t.db.query(
      `update occupancies set ended_on = current_date - 1, version = version + 1
        where id = (select o.id from occupancies o join units u on u.id = o.unit_id join floors f on f.id = u.floor_id
                      join buildings b on b.id = f.building_id where b.park_id = $1 order by o.id limit 1)`,
      [park!.id],
    );
    await same('after a leader decision and a tenant leaving');

    // a newly published template: firms are matched against its segments again
    const oeNow = templates.find((x) => x.code === 'oe')!;
    const before = await analyse(
      t.db,
      [oeNow],
      { kind: 'city' },
      { targets: false, thresholds: { includeSuggested: true } },
    );
    const victim = before.health[0]!.nodes.find((n) => !n.group && n.firms.some((f) => f.via === 'suggested'))!;
    expect(victim).toBeDefined();
    const edited = {
      ...oeNow,
      nodes: oeNow.nodes.map((n) =>
        n.id === victim.nodeId
          ? { ...n, keywords: ['一个不会命中的词'], classes: n.classes.map((c) => ({ ...c, approximate: true })) }
          : n,
      ),
    };
    const published = await publishTemplate(t.db, edited, 'test', 'no matches for one segment');
    expect(published.problems).toEqual([]);
    templates = await currentTemplates(t.db);
    const after = await analyse(
      t.db,
      templates.filter((x) => x.code === 'oe'),
      { kind: 'city' },
      {
        targets: false,
        thresholds: { includeSuggested: true },
      },
    );
    const suggestedNow = after.health[0]!.nodes.find((n) => n.nodeId === victim.nodeId)!.firms.filter(
      (f) => f.via === 'suggested',
    );
    expect(suggestedNow).toEqual([]);
    await same('after a new template version');
  }, 120_000);
});
