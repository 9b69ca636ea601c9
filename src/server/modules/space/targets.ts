/**
 * The programme targets as the 工业上楼 rules are kept: the version in force (before any publish, the
 * seeded rows of space_targets, "version 0"), past versions, and the draft. Editing makes a draft (one,
 * city-wide); publishing makes it the next version of space_target_sets and writes its targets to
 * space_targets, which progress reads — one transaction with its audit row (migration 0036).
 */

import { fieldProblem } from '../../../contracts/errors.js';
import type { TTargetDraft, TTargetInput, TTargetSet, TTargetSetView } from '../../../contracts/space.js';
import type { Db } from '../../../db/connect.js';
import { checkTargetSet, type TargetRefs } from '../../../domain/space/targets.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { Ctx } from '../../lib/resource.js';
import { writeAudit } from '../../platform/audit.js';
import type { TargetRow } from './programme.js';

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : String(d));

type SetRow = {
  version: number;
  targets: TTargetInput[];
  note: string | null;
  created_by: string | null;
  created_at: Date | string;
};

const setOf = (r: SetRow): TTargetSet => ({
  version: r.version,
  targets: r.targets,
  note: r.note,
  createdBy: r.created_by,
  createdAt: iso(r.created_at),
});

/** The targets as stored in space_targets (the version in force), in their stored order. */
async function targetRows(db: Db): Promise<TTargetInput[]> {
  const rows = await db.query<Omit<TargetRow, 'id' | 'source_title'>>(
    `select code, metric, scope_kind, scope_code, period_start::text, period_end::text, value::float8, label, label_en,
            source_id, source_note, synthetic
       from space_targets order by id`,
  );
  return rows.map((r) => ({
    code: r.code,
    metric: r.metric,
    scopeKind: r.scope_kind,
    scopeCode: r.scope_code,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    value: r.value,
    label: r.label,
    labelEn: r.label_en,
    sourceId: r.source_id,
    sourceNote: r.source_note,
    synthetic: r.synthetic,
  }));
}

/** The version in force: the latest published, else the seeded rows as version 0. */
export async function currentTargetSet(db: Db): Promise<TTargetSet> {
  const [row] = await db.query<SetRow>(
    'select version, targets, note, created_by, created_at from space_target_sets order by version desc limit 1',
  );
  if (row) return setOf(row);
  return { version: 0, targets: await targetRows(db), note: null, createdBy: null, createdAt: null };
}

/** A published version (404 when there is none). */
export async function targetSetVersion(db: Db, version: number): Promise<TTargetSet> {
  const [row] = await db.query<SetRow>(
    'select version, targets, note, created_by, created_at from space_target_sets where version = $1',
    [version],
  );
  if (!row) throw notFound();
  return setOf(row);
}

export async function targetVersions(db: Db): Promise<TTargetSetView['versions']> {
  const rows = await db.query<Omit<SetRow, 'targets'> & { count: number }>(
    `select version, note, created_by, created_at, jsonb_array_length(targets)::int as count
       from space_target_sets order by version desc`,
  );
  return rows.map((r) => ({
    version: r.version,
    note: r.note,
    createdBy: r.created_by,
    createdAt: iso(r.created_at),
    count: r.count,
  }));
}

/** The draft of the targets, or null when nobody is editing them. */
export async function targetDraft(db: Db): Promise<TTargetDraft | null> {
  const [row] = await db.query<{
    body: TTargetInput[];
    note: string | null;
    base_version: number;
    updated_by: string | null;
    updated_at: Date | string;
  }>(`select body, note, base_version, updated_by, updated_at from space_drafts where kind = 'targets'`);
  if (!row) return null;
  return {
    targets: row.body,
    note: row.note,
    baseVersion: row.base_version,
    updatedBy: row.updated_by,
    updatedAt: iso(row.updated_at),
  };
}

/** What a target may name: districts, parks (also zones) and source documents, with names for the editor. */
export async function targetScopes(db: Db): Promise<Pick<TTargetSetView, 'scopes' | 'sources'>> {
  const districts = await db.query<{ code: string; name: string }>(
    `select code, name from regions where level = 'district' order by code`,
  );
  const parks = await db.query<{ code: string; name: string }>('select code, name from parks order by code');
  const sources = await db.query<{ id: string; title: string }>('select id, title from sources order by id');
  return {
    scopes: [
      ...districts.map((d) => ({ kind: 'district' as const, code: d.code.trim(), name: d.name })),
      ...parks.map((p) => ({ kind: 'park' as const, code: p.code, name: p.name })),
    ],
    sources,
  };
}

async function refsOf(db: Db): Promise<TargetRefs> {
  const districts = await db.query<{ code: string }>('select trim(code) as code from regions');
  const parks = await db.query<{ code: string }>('select code from parks');
  const sources = await db.query<{ id: string }>('select id from sources');
  return {
    districts: new Set(districts.map((r) => r.code)),
    parks: new Set(parks.map((r) => r.code)),
    sources: new Set(sources.map((r) => r.id)),
  };
}

/** Refuses a target set that breaks checkTargetSet, each problem at targets[i].<field> (zh, en). */
async function assertTargets(db: Db, targets: readonly TTargetInput[]): Promise<void> {
  const problems = checkTargetSet(targets, await refsOf(db));
  if (problems.length > 0)
    throw new AppError(
      422,
      'validation_failed',
      problems.map((p) => fieldProblem(['targets', p.index, p.field], p.code, { zh: p.zh, en: p.en })),
    );
}

/** A city target names no scope code; every other keeps its trimmed code. */
const normalise = (targets: readonly TTargetInput[]): TTargetInput[] =>
  targets.map((t) => ({
    ...t,
    scopeCode: t.scopeKind === 'city' ? null : (t.scopeCode?.trim() ?? null),
    sourceId: t.sourceId?.trim() ? t.sourceId.trim() : null,
  }));

/**
 * Saves the targets as the draft (checked as a publish would be). A new draft starts from the version
 * in force; saving over an existing draft keeps the version it started from.
 */
export async function saveTargetDraft(
  db: Db,
  input: { targets: TTargetInput[]; note: string },
  ctx: Ctx,
): Promise<TTargetDraft> {
  const targets = normalise(input.targets);
  return db.tx(async (tx) => {
    await assertTargets(tx, targets);
    const before = await targetDraft(tx);
    const base = before?.baseVersion ?? (await currentTargetSet(tx)).version;
    await tx.query(
      `insert into space_drafts (kind, body, note, base_version, updated_by, updated_at)
       values ('targets', $1::jsonb, $2, $3, $4, now())
       on conflict (kind) do update set body = excluded.body, note = excluded.note, updated_by = excluded.updated_by,
         updated_at = now()`,
      [JSON.stringify(targets), input.note, base, ctx.actor?.username ?? 'system'],
    );
    await writeAudit(tx, ctx, {
      entity: 'space_drafts',
      entityId: 'targets',
      action: before ? 'update' : 'create',
      old: before ? { note: before.note, targets: before.targets.length } : undefined,
      new: { note: input.note, targets: targets.map((t) => t.code), baseVersion: base },
    });
    return (await targetDraft(tx))!;
  });
}

/** Drops the draft of the targets (404 when there is none). */
export async function discardTargetDraft(db: Db, ctx: Ctx): Promise<void> {
  await db.tx(async (tx) => {
    const [row] = await tx.query<{ note: string | null }>(
      `delete from space_drafts where kind = 'targets' returning note`,
    );
    if (!row) throw notFound();
    await writeAudit(tx, ctx, {
      entity: 'space_drafts',
      entityId: 'targets',
      action: 'delete',
      old: { note: row.note },
    });
  });
}

/** Replaces the rows of space_targets (what progress reads) by a target set. */
export async function writeTargetRows(tx: Db, targets: readonly TTargetInput[]): Promise<void> {
  await tx.query('delete from space_targets');
  for (const t of targets)
    await tx.query(
      `insert into space_targets (code, metric, scope_kind, scope_code, period_start, period_end, value, label, label_en,
                                  source_id, source_note, synthetic)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        t.code,
        t.metric,
        t.scopeKind,
        t.scopeKind === 'city' ? null : t.scopeCode,
        t.periodStart,
        t.periodEnd,
        t.value,
        t.label,
        t.labelEn,
        t.sourceId,
        t.sourceNote,
        t.synthetic,
      ],
    );
}

/**
 * Publishes the draft as the next version, writes its targets to space_targets and removes the draft,
 * in one transaction with its audit row. Refused (409) without a draft, or when another version was
 * published after the draft started; checked again (a source or park may have gone meanwhile).
 */
export async function publishTargetDraft(db: Db, ctx: Ctx): Promise<TTargetSet> {
  return db.tx(async (tx) => {
    const [draft] = await tx.query<{ body: TTargetInput[]; note: string | null; base_version: number }>(
      `select body, note, base_version from space_drafts where kind = 'targets' for update`,
    );
    if (!draft) throw new AppError(409, 'space.no_draft');
    const current = await currentTargetSet(tx);
    if (current.version !== draft.base_version)
      throw new AppError(409, 'space.draft_stale', [
        fieldProblem(['baseVersion'], 'space.draft_stale', {
          zh: `草稿基于第 ${draft.base_version} 版，现行为第 ${current.version} 版`,
          en: `the draft started from version ${draft.base_version}; version ${current.version} is now in force`,
        }),
      ]);
    await assertTargets(tx, draft.body);
    const [row] = await tx.query<{ version: number }>(
      `insert into space_target_sets (version, targets, note, created_by)
       select coalesce(max(version), 0) + 1, $1::jsonb, $2, $3 from space_target_sets returning version`,
      [JSON.stringify(draft.body), draft.note, ctx.actor?.username ?? 'system'],
    );
    await writeTargetRows(tx, draft.body);
    await tx.query(`delete from space_drafts where kind = 'targets'`);
    await writeAudit(tx, ctx, {
      entity: 'space_target_sets',
      entityId: row!.version,
      action: 'create',
      old: { version: current.version, targets: current.targets.map((t) => t.code) },
      new: { version: row!.version, note: draft.note, targets: draft.body.map((t) => t.code), from: 'draft' },
    });
    return currentTargetSet(tx);
  });
}

/**
 * Loads the demo targets: the latest published version when there is one (a published version
 * outlives a demo reset), else the demo's own set as version 0.
 */
export async function seedTargets(tx: Db, demo: readonly TTargetInput[], ctx: Ctx): Promise<void> {
  const [row] = await tx.query<SetRow>(
    'select version, targets, note, created_by, created_at from space_target_sets order by version desc limit 1',
  );
  const targets = row ? row.targets : normalise(demo);
  await writeTargetRows(tx, targets);
  await writeAudit(tx, ctx, {
    entity: 'space_targets',
    entityId: row ? `version:${row.version}` : 'version:0',
    action: 'create',
    new: { targets: targets.map((t) => t.code) },
  });
}
