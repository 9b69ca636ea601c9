/**
 * The open book in memory (open-book.ts) against the SQL read it replaces: on the demo and on a
 * generated book (closed, expired, city and park postings, many firms and nodes), every posting's top
 * 20 is identical through both — also with a small candidate cap, where the newest-first cut decides —
 * inside a transaction that wrote postings itself, and after writes the index learns of only through
 * the change counter (as another process's would be).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ENGINES, type TestDb } from '../../../../test/helpers/db.js';
import { type DemoApp, demoApp } from '../../../../test/helpers/demo.js';
import { graphOf } from '../../../domain/docking/engine.js';
import { termSet } from '../../../domain/docking/text.js';
import { rng } from '../../../domain/random.js';
import { currentTemplates } from '../chains/templates-store.js';
import { loadPosting, rankPosting } from './book.js';
import { bookRanker } from './book-ranker.js';
import { openBook, openBookStats, pruneBookChanges } from './open-book.js';
import { placeBookStats } from './place-book.js';

describe.each(ENGINES)('[$name] docking open book in memory', (engine) => {
  let t: TestDb;
  let d: DemoApp;
  const day = '2026-12-07';

  const same = async (ids: number[], opts: { cap?: number } = {}, db = t.db) => {
    let compared = 0;
    for (const id of ids) {
      const p = (await loadPosting(db, id))!;
      const sql = await rankPosting(db, p, { day, source: 'sql', reference: true, ...opts });
      const mem = await rankPosting(db, p, { day, source: 'memory', ...opts });
      expect(mem, `posting ${id}`).toEqual(sql);
      compared += sql.length;
    }
    return compared;
  };
  const allIds = async () =>
    (await t.db.query<{ id: number }>('select id from docking_postings order by id')).map((r) => r.id);

  beforeAll(async () => {
    t = await engine.create();
    d = await demoApp(t);
  }, 900_000);
  afterAll(async () => {
    await d?.app.close();
    await t?.drop();
  });

  it('ranks every demo posting identically through the open book and through SQL', async () => {
    const ids = await allIds();
    expect(ids.length).toBeGreaterThan(5);
    expect(await same(ids)).toBeGreaterThan(0);
    expect((await openBook(t.db))?.book.size).toBeGreaterThan(0);
  });

  it('ranks a generated book identically (closed, expired, city and park postings; small candidate caps)', async () => {
    const graph = graphOf(await currentTemplates(t.db));
    const nodes = [...graph.nodes.values()].filter((n) => !n.group && n.keywords.length > 0);
    const firms = (await t.db.query<{ id: number }>('select id from enterprises order by id limit 400')).map(
      (r) => r.id,
    );
    const random = rng(38);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const rows: unknown[][] = [];
    for (let i = 0; i < 1500; i++) {
      const n = pick(nodes);
      const title = `${pick(n.keywords)}${random() < 0.5 ? `、${pick(pick(nodes).keywords)}` : ''}`;
      rows.push([
        random() < 0.5 ? 'supply' : 'demand',
        pick(firms),
        title,
        random() < 0.9 ? n.id : null,
        random() < 0.7 ? 1 + Math.floor(random() * 5000) : null,
        random() < 0.1 ? '2026-01-01' : '2099-12-31',
        pick(['public', 'public', 'city', 'park'] as const),
        random() < 0.1 ? 'closed' : 'open',
        termSet(title),
      ]);
    }
    await t.db.query(
      `insert into docking_postings (kind, category, enterprise_id, title, node_id, quantity, unit, valid_until,
         visibility, status, terms, synthetic)
       select r.kind, 'product', r.firm, r.title, r.node, r.quantity, case when r.quantity is null then null else 'pcs' end,
              r.valid::date, r.visibility, r.status, array(select jsonb_array_elements_text(r.terms)), true
         from jsonb_to_recordset($1::jsonb) as r(kind text, firm int, title text, node text, quantity numeric,
              valid text, visibility text, status text, terms jsonb)`,
      [
        JSON.stringify(
          rows.map(([kind, firm, title, node, quantity, valid, visibility, status, terms]) => ({
            kind,
            firm,
            title,
            node,
            quantity,
            valid,
            visibility,
            status,
            terms,
          })),
        ),
      ],
    );
    const ids = await allIds();
    const sample = ids.filter((_, i) => i % 7 === 0);
    expect(await same(sample)).toBeGreaterThan(sample.length);
    expect(await same(sample.slice(0, 60), { cap: 5 })).toBeGreaterThan(0);
    // the re-match's ranker (everything read once for the book) ranks as rankPosting does
    const ranker = (await bookRanker(t.db, day))!;
    for (const id of sample) {
      const p = (await loadPosting(t.db, id))!;
      const open = (await t.db.query('select 1 from docking_postings where id = $1 and status = $2', [id, 'open']))
        .length;
      expect(ranker.has(id)).toBe(open > 0);
      if (open)
        expect(ranker.rank(p), `posting ${id}`).toEqual(
          await rankPosting(t.db, p, { day, source: 'sql', reference: true }),
        );
    }
    expect(await same(sample.slice(60, 120), { cap: 40 })).toBeGreaterThan(0);
  }, 600_000);

  it('sees a change made outside it through the counter, and a transaction’s own postings', async () => {
    const ids = await allIds();
    const before = (await openBook(t.db))!.book;
    // a write the index is not told about: only the counter says the book moved
    await t.db.query(`update docking_postings set status = 'closed', updated_at = now() where id = any($1::int[])`, [
      ids.filter((_, i) => i % 5 === 1),
    ]);
    const after = (await openBook(t.db))!.book;
    expect(after.key).not.toBe(before.key);
    expect(after.size).toBeLessThan(before.size);
    await same(ids.filter((_, i) => i % 11 === 0));
    // a transaction that posts, then ranks its own rows (as an import does, row after row)
    await t.db
      .tx(async (tx) => {
        const [p] = await tx.query<{ id: number; enterprise_id: number; node_id: string; title: string }>(
          `select id, enterprise_id, node_id, title from docking_postings
            where status = 'open' and kind = 'supply' and node_id is not null order by id desc limit 1`,
        );
        const [ins] = await tx.query<{ id: number }>(
          `insert into docking_postings (kind, category, enterprise_id, title, node_id, valid_until, visibility, terms)
           select 'supply', 'product', e.id, $2, $3, '2099-12-31', 'public', $4
             from enterprises e where e.id <> $1 order by e.id desc limit 1 returning id`,
          [p!.enterprise_id, p!.title, p!.node_id, termSet(p!.title)],
        );
        await tx.query(`update docking_postings set status = 'closed', updated_at = now() where id = $1`, [p!.id]);
        const view = await openBook(tx);
        expect(view?.own?.map((r) => r.id).sort()).toEqual([p!.id, ins!.id].sort());
        const demands = await tx.query<{ id: number }>(
          `select id from docking_postings where kind = 'demand' and status = 'open' and (node_id = $1 or terms && $2)
            order by id limit 20`,
          [p!.node_id, termSet(p!.title)],
        );
        expect(demands.length).toBeGreaterThan(0);
        await same(
          demands.map((r) => r.id),
          {},
          tx,
        );
        let saw = false;
        for (const r of demands) {
          const top = await rankPosting(tx, (await loadPosting(tx, r.id))!, { day, limit: 2000 });
          if (top.some((s) => s.offer.postingId === ins!.id)) saw = true;
          expect(top.some((s) => s.offer.postingId === p!.id)).toBe(false);
        }
        expect(saw).toBe(true);
        throw new Error('rollback');
      })
      .catch((e: Error) => expect(e.message).toBe('rollback'));
    // the rolled-back rows never reach the index
    const last = (await openBook(t.db))!;
    expect(last.own).toBeNull();
    await same(ids.filter((_, i) => i % 13 === 0));
  }, 600_000);

  it('applies a posting created, edited, expired or closed to the book without reading it in full', async () => {
    await openBook(t.db);
    const stats = { ...openBookStats };
    const [d] = await t.db.query<{ id: number; enterprise_id: number; node_id: string; title: string }>(
      `select id, enterprise_id, node_id, title from docking_postings
        where status = 'open' and kind = 'demand' and node_id is not null and valid_until >= $1 order by id limit 1`,
      [day],
    );
    const demand = (await loadPosting(t.db, d!.id))!;
    const top = async () => (await rankPosting(t.db, demand, { day, limit: 2000 })).map((s) => s.offer.postingId);
    // created: a supply written for the demand, by another firm
    const [ins] = await t.db.query<{ id: number }>(
      `insert into docking_postings (kind, category, enterprise_id, title, node_id, valid_until, visibility, terms)
       select 'supply', 'product', e.id, $2, $3, '2099-12-31', 'public', $4
         from enterprises e where e.id <> $1 order by e.id limit 1 returning id`,
      [d!.enterprise_id, d!.title, d!.node_id, termSet(d!.title)],
    );
    expect(await top()).toContain(ins!.id);
    // edited: nothing in common with the demand any more
    await t.db.query(`update docking_postings set title = $2, terms = $3, node_id = null where id = $1`, [
      ins!.id,
      '写字楼保洁',
      termSet('写字楼保洁'),
    ]);
    expect(await top()).not.toContain(ins!.id);
    // edited back, then expired
    await t.db.query(`update docking_postings set title = $2, terms = $3, node_id = $4 where id = $1`, [
      ins!.id,
      d!.title,
      termSet(d!.title),
      d!.node_id,
    ]);
    expect(await top()).toContain(ins!.id);
    await t.db.query(`update docking_postings set valid_until = '2026-01-01' where id = $1`, [ins!.id]);
    expect(await top()).not.toContain(ins!.id);
    // closed: an open posting of the book leaves it
    const before = await top();
    const gone = before.find((id) => id !== null)!;
    await t.db.query(`update docking_postings set status = 'closed' where id = $1`, [gone]);
    expect(await top()).not.toContain(gone);
    // the patched book ranks as the SQL read does, and was never read in full
    const ids = await allIds();
    await same(ids.filter((_, i) => i % 9 === 0));
    expect(openBookStats.builds).toBe(stats.builds);
    expect(openBookStats.refreshes).toBeGreaterThanOrEqual(stats.refreshes + 5);
    // the bureau's re-match ranker sees the patched book too
    const ranker = (await bookRanker(t.db, day))!;
    expect(ranker.has(gone)).toBe(false);
    expect(ranker.rank(demand)).toEqual(await rankPosting(t.db, demand, { day, source: 'sql', reference: true }));
    // an unknown change (a TRUNCATE leaves a change row without a posting) reads the book in full
    await t.db.query('insert into docking_posting_changes (posting_id) values (null)');
    await t.db.query(`update docking_postings set title = title where id = $1`, [ins!.id]);
    await same([d!.id]);
    expect(openBookStats.builds).toBe(stats.builds + 1);
  }, 600_000);
  it('notes each posting of a statement once, and a statement of more than 2 000 postings as unknown (0048)', async () => {
    const changes = async () =>
      (
        await t.db.query<{ posting_id: number | null }>(
          'select posting_id from docking_posting_changes where xid = (select max(xid) from docking_posting_changes)',
        )
      ).map((r) => r.posting_id);
    const ids = (await allIds()).slice(0, 5);
    await openBook(t.db);
    const stats = { ...openBookStats };
    // one update of five postings: five change rows in one statement, patched onto the book
    await t.db.query(`update docking_postings set title = title || ' ' where id = any($1::int[])`, [ids]);
    expect((await changes()).sort((a, b) => a! - b!)).toEqual(ids);
    await same(ids);
    expect(openBookStats.builds).toBe(stats.builds);
    // a statement that changes nothing notes nothing
    const [{ n: before }] = (await t.db.query<{ n: number }>(
      'select count(*)::int as n from docking_posting_changes',
    )) as [{ n: number }];
    await t.db.query(`update docking_postings set title = title where id = -1`);
    expect((await t.db.query<{ n: number }>('select count(*)::int as n from docking_posting_changes'))[0]!.n).toBe(
      before,
    );
    // 2 001 postings in one statement: one row without a posting, and the book is read in full
    const [firm] = await t.db.query<{ id: number }>('select id from enterprises order by id limit 1');
    await t.db.query(
      `insert into docking_postings (kind, category, enterprise_id, title, valid_until, visibility, terms, synthetic)
       select 'supply', 'product', $1, '批量' || g, '2099-12-31', 'public', array['批量'], true
         from generate_series(1, 2001) g`,
      [firm!.id],
    );
    expect(await changes()).toEqual([null]);
    await same(ids.slice(0, 1));
    expect(openBookStats.builds).toBe(stats.builds + 1);
    const bulk = (
      await t.db.query<{ id: number }>(
        `select id from docking_postings where title like '批量%' and enterprise_id = $1 order by id`,
        [firm!.id],
      )
    ).map((r) => r.id);
    expect(bulk).toHaveLength(2001);
    // 2 000 deleted in one statement (the most a patch holds): each noted; then the last one alone
    await t.db.query('delete from docking_postings where id = any($1::int[])', [bulk.slice(1)]);
    expect((await changes()).sort((a, b) => a! - b!)).toEqual(bulk.slice(1));
    await same(ids.slice(1, 2));
    expect(openBookStats.builds).toBe(stats.builds + 1);
    await t.db.query('delete from docking_postings where id = $1', [bulk[0]]);
    expect(await changes()).toEqual([bulk[0]]);
    await same(ids.slice(2, 3));
  }, 600_000);

  it('patches the places of firms held in memory when a firm moves, as the SQL read sees them (0048)', async () => {
    const ids = await allIds();
    const probe = ids.filter((_, i) => i % 11 === 0);
    await same(probe.slice(0, 3));
    const stats = { ...placeBookStats };
    // the firms of some postings: one moves to another district, one leaves its unit, one takes a unit
    const firms = await t.db.query<{ enterprise_id: number }>(
      `select distinct enterprise_id from docking_postings where id = any($1::int[]) order by 1 limit 3`,
      [probe],
    );
    const [a, b, c] = firms.map((f) => f.enterprise_id);
    await t.db.query(
      `update enterprises set region_code = (select code from regions where level = 'district' and code <> coalesce(
         (select region_code from enterprises where id = $1), '') order by code limit 1) where id = $1`,
      [a],
    );
    await t.db.query('update occupancies set ended_on = $2::date - 1 where enterprise_id = $1', [b, day]);
    const [unit] = await t.db.query<{ id: number }>('select id from units order by id limit 1');
    await t.db.query(
      `insert into occupancies (enterprise_id, unit_id, source_id, synthetic)
       select $1, $2, id, true from sources order by id limit 1`,
      [c, unit!.id],
    );
    // a change that touches no place (a firm's name) notes no firm
    const [{ n: notes }] = (await t.db.query<{ n: number }>(
      `select count(*)::int as n from docking_posting_changes where kind = 'place'`,
    )) as [{ n: number }];
    await t.db.query(`update enterprises set name = name || '' where id = $1`, [a]);
    expect(
      (
        await t.db.query<{ n: number }>(`select count(*)::int as n from docking_posting_changes where kind = 'place'`)
      )[0]!.n,
    ).toBe(notes);
    expect(await same(probe)).toBeGreaterThan(0);
    expect(placeBookStats.builds).toBe(stats.builds);
    expect(placeBookStats.refreshes).toBeGreaterThan(stats.refreshes);
    // a building changed: every place read again
    await t.db.query('update buildings set name = name where id = (select min(id) from buildings)');
    await same(probe.slice(0, 2));
    expect(placeBookStats.builds).toBe(stats.builds + 1);
  }, 600_000);

  it('prunes change rows older than a day and reads a book whose snapshot is over an hour old in full', async () => {
    await t.db.query(
      `insert into docking_posting_changes (posting_id, at) values (-7, now() - interval '25 hours'), (-8, now() - interval '23 hours')`,
    );
    expect(await pruneBookChanges(t.db)).toBeGreaterThanOrEqual(1);
    const left = await t.db.query<{ posting_id: number }>(
      'select posting_id from docking_posting_changes where posting_id in (-7, -8)',
    );
    expect(left.map((r) => r.posting_id)).toEqual([-8]);
    await t.db.query('delete from docking_posting_changes where posting_id = -8');
    // An hour later a change is not patched onto the book (it may need rows pruned since): read in full.
    const [id] = await allIds();
    await same([id!]);
    const stats = { ...openBookStats };
    const now = Date.now();
    const clock = vi.spyOn(Date, 'now').mockReturnValue(now + 2 * 60 * 60 * 1000);
    try {
      await t.db.query('update docking_postings set title = title where id = $1', [id]);
      await same([id!]);
    } finally {
      clock.mockRestore();
    }
    expect(openBookStats.builds).toBe(stats.builds + 1);
  }, 600_000);
});
