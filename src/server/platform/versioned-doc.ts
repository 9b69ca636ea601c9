/**
 * A versioned rules document: a list of items kept as numbered, never-changing published versions, plus
 * one draft (city-wide) that editing makes. Saving checks the draft as a publish would; publishing makes
 * it the next version and removes the draft in one transaction with its audit row, refused (409) without
 * a draft or when another version was published after the draft started. The 工业上楼 rules and the
 * programme targets are kept this way; a new module that needs "draft → validate → publish → versions"
 * declares a VersionedDocSpec and gets the store here and its routes from versioned-doc-routes.ts.
 *
 * Storage: the versions table has (version int primary key, <key> jsonb, note, created_by, created_at);
 * the drafts table is keyed by kind and has (kind, body jsonb, note, base_version, updated_by, updated_at).
 */
import { type ErrorCode, fieldProblem } from '../../contracts/errors.js';
import type { TDocVersionSummary } from '../../contracts/versioned-doc.js';
import type { Db } from '../../db/connect.js';
import { AppError, notFound } from '../lib/errors.js';
import type { Ctx } from '../lib/resource.js';
import { writeAudit } from './audit.js';

/** One refusal of a document's check: items[index].field, with its code and its zh/en words. */
export interface DocProblem {
  index: number;
  field: string;
  code: ErrorCode;
  zh: string;
  en: string;
}

export interface VersionedDocSpec<K extends string, T> {
  /** The items' name: the versions table's jsonb column, the wire property, the audit key, the problem path. */
  key: K;
  /** The table of published versions (identifiers are the module's constants, never input). */
  versionsTable: string;
  /** The kind-keyed drafts table and this document's kind in it. */
  draftsTable: string;
  kind: string;
  /** The version in force before anything is published ("version 0"). */
  initial(db: Db): Promise<{ items: T[]; note: string | null; createdBy: string | null; createdAt: string | null }>;
  /** Problems of a set of items (empty when it may be published); run on save and again on publish. */
  check(db: Db, items: readonly T[]): Promise<readonly DocProblem[]> | readonly DocProblem[];
  /** Canonical form of input items before they are checked and stored. */
  normalise?(items: readonly T[]): T[];
  /** Runs in the publish transaction after the new version is stored (e.g. rows other reads use). */
  afterPublish?(tx: Db, items: readonly T[]): Promise<void>;
  /** What the audit rows record of a set of items (e.g. its length, or its codes). */
  summary(items: readonly T[]): unknown;
  /** Whether the publish audit row records the version it replaces (old). */
  auditReplaced?: boolean;
  errors: { noDraft: ErrorCode; stale: ErrorCode };
}

export type DocVersion<K extends string, T> = {
  version: number;
  note: string | null;
  createdBy: string | null;
  createdAt: string | null;
} & { [P in K]: T[] };

export type DocDraft<K extends string, T> = {
  note: string | null;
  baseVersion: number;
  updatedBy: string | null;
  updatedAt: string;
} & { [P in K]: T[] };

export type DocVersionSummary = TDocVersionSummary;

export interface VersionedDoc<K extends string, T> {
  readonly spec: VersionedDocSpec<K, T>;
  /** The version in force: the latest published, else the initial one as version 0. */
  current(db: Db): Promise<DocVersion<K, T>>;
  /** A published version (404 when there is none). */
  version(db: Db, version: number): Promise<DocVersion<K, T>>;
  /** The published versions, newest first, with their item counts. */
  versions(db: Db): Promise<DocVersionSummary[]>;
  /** The draft, or null when nobody is editing. */
  draft(db: Db): Promise<DocDraft<K, T> | null>;
  /** Saves items as the draft; a new draft starts from the version in force, a saved one keeps its base. */
  saveDraft(db: Db, input: { items: T[]; note: string }, ctx: Ctx): Promise<DocDraft<K, T>>;
  /** Drops the draft (404 when there is none). */
  discardDraft(db: Db, ctx: Ctx): Promise<void>;
  /** Publishes the draft as the next version (see the file's comment). */
  publishDraft(db: Db, ctx: Ctx): Promise<DocVersion<K, T>>;
}

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : String(d));

type VersionRow<T> = {
  version: number;
  items: T[];
  note: string | null;
  created_by: string | null;
  created_at: Date | string;
};

export function versionedDoc<K extends string, T>(spec: VersionedDocSpec<K, T>): VersionedDoc<K, T> {
  const { key, versionsTable, draftsTable, kind } = spec;
  const normalise = (items: readonly T[]) => (spec.normalise ? spec.normalise(items) : [...items]);
  const versionOf = (r: VersionRow<T>) =>
    ({
      version: r.version,
      [key]: r.items,
      note: r.note,
      createdBy: r.created_by,
      createdAt: iso(r.created_at),
    }) as DocVersion<K, T>;
  const selectVersion = `select version, ${key} as items, note, created_by, created_at from ${versionsTable}`;
  const by = (ctx: Ctx) => ctx.actor?.username ?? 'system';

  async function assertItems(db: Db, items: readonly T[]): Promise<void> {
    const problems = await spec.check(db, items);
    if (problems.length > 0)
      throw new AppError(
        422,
        'validation_failed',
        problems.map((p) => fieldProblem([key, p.index, p.field], p.code, { zh: p.zh, en: p.en })),
      );
  }

  const doc: VersionedDoc<K, T> = {
    spec,
    async current(db) {
      const [row] = await db.query<VersionRow<T>>(`${selectVersion} order by version desc limit 1`);
      if (row) return versionOf(row);
      const v = await spec.initial(db);
      return { version: 0, [key]: v.items, note: v.note, createdBy: v.createdBy, createdAt: v.createdAt } as DocVersion<
        K,
        T
      >;
    },

    async version(db, version) {
      const [row] = await db.query<VersionRow<T>>(`${selectVersion} where version = $1`, [version]);
      if (!row) throw notFound();
      return versionOf(row);
    },

    async versions(db) {
      const rows = await db.query<Omit<VersionRow<T>, 'items'> & { count: number }>(
        `select version, note, created_by, created_at, jsonb_array_length(${key})::int as count
           from ${versionsTable} order by version desc`,
      );
      return rows.map((r) => ({
        version: r.version,
        note: r.note,
        createdBy: r.created_by,
        createdAt: iso(r.created_at),
        count: r.count,
      }));
    },

    async draft(db) {
      const [row] = await db.query<{
        body: T[];
        note: string | null;
        base_version: number;
        updated_by: string | null;
        updated_at: Date | string;
      }>(`select body, note, base_version, updated_by, updated_at from ${draftsTable} where kind = $1`, [kind]);
      if (!row) return null;
      return {
        [key]: row.body,
        note: row.note,
        baseVersion: row.base_version,
        updatedBy: row.updated_by,
        updatedAt: iso(row.updated_at),
      } as DocDraft<K, T>;
    },

    async saveDraft(db, input, ctx) {
      const items = normalise(input.items);
      return db.tx(async (tx) => {
        await assertItems(tx, items);
        const before = await doc.draft(tx);
        const base = before?.baseVersion ?? (await doc.current(tx)).version;
        await tx.query(
          `insert into ${draftsTable} (kind, body, note, base_version, updated_by, updated_at)
           values ($1, $2::jsonb, $3, $4, $5, now())
           on conflict (kind) do update set body = excluded.body, note = excluded.note,
             updated_by = excluded.updated_by, updated_at = now()`,
          [kind, JSON.stringify(items), input.note, base, by(ctx)],
        );
        await writeAudit(tx, ctx, {
          entity: draftsTable,
          entityId: kind,
          action: before ? 'update' : 'create',
          old: before ? { note: before.note, [key]: (before[key] as T[]).length } : undefined,
          new: { note: input.note, [key]: spec.summary(items), baseVersion: base },
        });
        return (await doc.draft(tx))!;
      });
    },

    async discardDraft(db, ctx) {
      await db.tx(async (tx) => {
        const [row] = await tx.query<{ note: string | null }>(
          `delete from ${draftsTable} where kind = $1 returning note`,
          [kind],
        );
        if (!row) throw notFound();
        await writeAudit(tx, ctx, { entity: draftsTable, entityId: kind, action: 'delete', old: { note: row.note } });
      });
    },

    async publishDraft(db, ctx) {
      return db.tx(async (tx) => {
        const [draft] = await tx.query<{ body: T[]; note: string | null; base_version: number }>(
          `select body, note, base_version from ${draftsTable} where kind = $1 for update`,
          [kind],
        );
        if (!draft) throw new AppError(409, spec.errors.noDraft);
        const current = await doc.current(tx);
        if (current.version !== draft.base_version)
          throw new AppError(409, spec.errors.stale, [
            fieldProblem(['baseVersion'], spec.errors.stale, {
              zh: `草稿基于第 ${draft.base_version} 版，现行为第 ${current.version} 版`,
              en: `the draft started from version ${draft.base_version}; version ${current.version} is now in force`,
            }),
          ]);
        await assertItems(tx, draft.body);
        const [row] = await tx.query<{ version: number }>(
          `insert into ${versionsTable} (version, ${key}, note, created_by)
           select coalesce(max(version), 0) + 1, $1::jsonb, $2, $3 from ${versionsTable} returning version`,
          [JSON.stringify(draft.body), draft.note, by(ctx)],
        );
        await spec.afterPublish?.(tx, draft.body);
        await tx.query(`delete from ${draftsTable} where kind = $1`, [kind]);
        await writeAudit(tx, ctx, {
          entity: versionsTable,
          entityId: row!.version,
          action: 'create',
          old: spec.auditReplaced ? { version: current.version, [key]: spec.summary(current[key] as T[]) } : undefined,
          new: { version: row!.version, note: draft.note, [key]: spec.summary(draft.body), from: 'draft' },
        });
        return doc.current(tx);
      });
    },
  };
  return doc;
}
