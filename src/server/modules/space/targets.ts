/**
 * The programme targets as the 工业上楼 rules are kept: the version in force (before any publish, the
 * seeded rows of space_targets, "version 0"), past versions, and the draft. Editing makes a draft (one,
 * city-wide); publishing makes it the next version of space_target_sets and writes its targets to
 * space_targets, which progress reads — one transaction with its audit row (migration 0036).
 */

import type { TTargetInput, TTargetSetView } from '../../../contracts/space.js';
import type { Db } from '../../../db/connect.js';
import { checkTargetSet, type TargetRefs } from '../../../domain/space/targets.js';
import type { Ctx } from '../../lib/resource.js';
import { writeAudit } from '../../platform/audit.js';
import { versionedDoc } from '../../platform/versioned-doc.js';
import type { TargetRow } from './programme.js';

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

/** A city target names no scope code; every other keeps its trimmed code. */
const normalise = (targets: readonly TTargetInput[]): TTargetInput[] =>
  targets.map((t) => ({
    ...t,
    scopeCode: t.scopeKind === 'city' ? null : (t.scopeCode?.trim() ?? null),
    sourceId: t.sourceId?.trim() ? t.sourceId.trim() : null,
  }));

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
 * The targets as a versioned document: space_target_sets, and the draft of kind 'targets' in
 * space_drafts. Publishing also writes the targets to space_targets (what progress reads); the check
 * runs again on publish (a source or park may have gone meanwhile).
 */
export const targetsDoc = versionedDoc<'targets', TTargetInput>({
  key: 'targets',
  versionsTable: 'space_target_sets',
  draftsTable: 'space_drafts',
  kind: 'targets',
  // Before any publish: the seeded rows of space_targets, "version 0".
  initial: async (db) => ({ items: await targetRows(db), note: null, createdBy: null, createdAt: null }),
  // Each problem at targets[i].<field> (zh, en).
  check: async (db, targets) => checkTargetSet(targets, await refsOf(db)),
  normalise,
  afterPublish: writeTargetRows,
  summary: (targets) => targets.map((t) => t.code),
  auditReplaced: true,
  errors: { noDraft: 'space.no_draft', stale: 'space.draft_stale' },
});

/**
 * Loads the demo targets: the latest published version when there is one (a published version
 * outlives a demo reset), else the demo's own set as version 0.
 */
export async function seedTargets(tx: Db, demo: readonly TTargetInput[], ctx: Ctx): Promise<void> {
  const [row] = await tx.query<{ version: number; targets: TTargetInput[] }>(
    'select version, targets from space_target_sets order by version desc limit 1',
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
