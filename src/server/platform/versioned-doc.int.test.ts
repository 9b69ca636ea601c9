import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, type TestDb } from '../../../test/helpers/db.js';
import { AppError } from '../lib/errors.js';
import type { Ctx } from '../lib/resource.js';
import { versionedDoc } from './versioned-doc.js';

interface Item {
  code: string;
  value: number;
}

const ctx: Ctx = { via: 'test' };

describe.each(ENGINES)('[$name] a versioned rules document (platform/versioned-doc)', (engine) => {
  let t: TestDb;
  const published: Item[][] = [];
  const doc = versionedDoc<'items', Item>({
    key: 'items',
    versionsTable: 'vdoc_test_versions',
    draftsTable: 'vdoc_test_drafts',
    kind: 'items',
    initial: async () => ({ items: [{ code: 'seed', value: 1 }], note: null, createdBy: null, createdAt: null }),
    check: (_db, items) =>
      items.flatMap((it, index) =>
        it.value > 0
          ? []
          : [{ index, field: 'value', code: 'too_small' as const, zh: '须为正数', en: 'must be positive' }],
      ),
    normalise: (items) => items.map((it) => ({ ...it, code: it.code.trim() })),
    afterPublish: async (_tx, items) => {
      published.push([...items]);
    },
    summary: (items) => items.map((it) => it.code),
    auditReplaced: true,
    errors: { noDraft: 'bad_request', stale: 'stale_version' },
  });
  const refusal = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      if (e instanceof AppError) return e;
      throw e;
    }
    throw new Error('not refused');
  };

  beforeAll(async () => {
    t = await engine.create();
    await t.db.query(`create table vdoc_test_versions (version int primary key, items jsonb not null, note text,
      created_by text, created_at timestamptz not null default now())`);
    await t.db.query(`create table vdoc_test_drafts (kind text primary key, body jsonb not null, note text,
      base_version int not null, updated_by text, updated_at timestamptz not null default now())`);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('starts at version 0 from its initial items, with no draft and no versions', async () => {
    expect(await doc.current(t.db)).toMatchObject({ version: 0, items: [{ code: 'seed', value: 1 }] });
    expect(await doc.draft(t.db)).toBeNull();
    expect(await doc.versions(t.db)).toEqual([]);
    expect((await refusal(doc.publishDraft(t.db, ctx))).code).toBe('bad_request');
    expect((await refusal(doc.discardDraft(t.db, ctx))).status).toBe(404);
  });

  it('refuses a draft naming items[i].field and saves nothing; saves a good one from the version in force', async () => {
    const bad = await refusal(
      doc.saveDraft(
        t.db,
        {
          items: [
            { code: 'a', value: 1 },
            { code: 'b', value: 0 },
          ],
          note: 'x',
        },
        ctx,
      ),
    );
    expect(bad.status).toBe(422);
    expect(bad.errors.map((e) => e.path)).toEqual([['items', 1, 'value']]);
    expect(await doc.draft(t.db)).toBeNull();

    const d = await doc.saveDraft(t.db, { items: [{ code: ' a ', value: 2 }], note: 'first' }, ctx);
    expect(d).toMatchObject({ items: [{ code: 'a', value: 2 }], note: 'first', baseVersion: 0 });
    expect((await doc.current(t.db)).version).toBe(0);
  });

  it('publishes the draft as version 1 with its audit row, runs afterPublish, and keeps the version', async () => {
    const v = await doc.publishDraft(t.db, ctx);
    expect(v).toMatchObject({ version: 1, items: [{ code: 'a', value: 2 }], note: 'first' });
    expect(published).toEqual([[{ code: 'a', value: 2 }]]);
    expect(await doc.draft(t.db)).toBeNull();
    expect(await doc.versions(t.db)).toMatchObject([{ version: 1, note: 'first', count: 1 }]);
    expect(await doc.version(t.db, 1)).toMatchObject({ version: 1, items: [{ code: 'a', value: 2 }] });
    expect((await refusal(doc.version(t.db, 2))).status).toBe(404);
    const [audit] = await t.db.query<{ old_values: unknown; new_values: unknown }>(
      `select old_values, new_values from change_log where entity = 'vdoc_test_versions' and entity_id = '1'`,
    );
    expect(audit).toMatchObject({
      old_values: { version: 0, items: ['seed'] },
      new_values: { version: 1, note: 'first', items: ['a'], from: 'draft' },
    });
  });

  it('refuses to publish a draft that started before the version in force (409), and discards it', async () => {
    await doc.saveDraft(t.db, { items: [{ code: 'b', value: 3 }], note: 'second' }, ctx);
    await t.db.query(`update vdoc_test_drafts set base_version = 0`);
    const stale = await refusal(doc.publishDraft(t.db, ctx));
    expect([stale.status, stale.code]).toEqual([409, 'stale_version']);
    expect(stale.errors[0]?.path).toEqual(['baseVersion']);
    expect((await doc.current(t.db)).version).toBe(1);
    await doc.discardDraft(t.db, ctx);
    expect(await doc.draft(t.db)).toBeNull();
  });
});
