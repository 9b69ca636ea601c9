/**
 * The 工业上楼 rules: the version in force (the defaults until one is stored), past versions, and the
 * draft. Editing makes a draft (one, city-wide); publishing makes it the next version, in one
 * transaction with its audit row; a published version never changes (migration 0034 refuses it).
 */

import { fieldProblem } from '../../../contracts/errors.js';
import type { TRuleDraft, TRuleSet, TUpstairsRule } from '../../../contracts/space.js';
import type { Db } from '../../../db/connect.js';
import { checkRuleSet, DEFAULT_RULES } from '../../../domain/space/rules.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { Ctx } from '../../lib/resource.js';
import { writeAudit } from '../../platform/audit.js';
import * as repo from './repository.js';

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : String(d));

export async function currentRuleSet(db: Db): Promise<TRuleSet> {
  const row = await repo.currentRules(db);
  if (!row)
    return {
      version: 0,
      rules: DEFAULT_RULES,
      note: 'defaults',
      createdBy: null,
      createdAt: new Date(0).toISOString(),
    };
  return {
    version: row.version,
    rules: row.rules,
    note: row.note,
    createdBy: row.created_by,
    createdAt: iso(row.created_at),
  };
}

/** Refuses a rule set that breaks checkRuleSet, each problem naming the rule and its field (zh, en). */
function assertRules(rules: readonly TUpstairsRule[]): void {
  const problems = checkRuleSet(rules);
  if (problems.length > 0)
    throw new AppError(
      422,
      'validation_failed',
      problems.map((p) => fieldProblem(['rules', p.index, p.field], p.code, { zh: p.zh, en: p.en })),
    );
}

/** A stored version of the rules (404 when there is none). */
export async function ruleSetVersion(db: Db, version: number): Promise<TRuleSet> {
  const [row] = await db.query<{
    version: number;
    rules: TUpstairsRule[];
    note: string | null;
    created_by: string | null;
    created_at: Date | string;
  }>('select version, rules, note, created_by, created_at from space_rule_sets where version = $1', [version]);
  if (!row) throw notFound();
  return {
    version: row.version,
    rules: row.rules,
    note: row.note,
    createdBy: row.created_by,
    createdAt: iso(row.created_at),
  };
}

/** The draft of the rules, or null when nobody is editing them. */
export async function ruleDraft(db: Db): Promise<TRuleDraft | null> {
  const [row] = await db.query<{
    body: TUpstairsRule[];
    note: string | null;
    base_version: number;
    updated_by: string | null;
    updated_at: Date | string;
  }>(`select body, note, base_version, updated_by, updated_at from space_drafts where kind = 'rules'`);
  if (!row) return null;
  return {
    rules: row.body,
    note: row.note,
    baseVersion: row.base_version,
    updatedBy: row.updated_by,
    updatedAt: iso(row.updated_at),
  };
}

/**
 * Saves the rules as the draft (checked as a publish would be). A new draft starts from the version in
 * force; saving over an existing draft keeps the version it started from.
 */
export async function saveRuleDraft(
  db: Db,
  input: { rules: TUpstairsRule[]; note: string },
  ctx: Ctx,
): Promise<TRuleDraft> {
  assertRules(input.rules);
  return db.tx(async (tx) => {
    const before = await ruleDraft(tx);
    const base = before?.baseVersion ?? (await currentRuleSet(tx)).version;
    await tx.query(
      `insert into space_drafts (kind, body, note, base_version, updated_by, updated_at)
       values ('rules', $1::jsonb, $2, $3, $4, now())
       on conflict (kind) do update set body = excluded.body, note = excluded.note, updated_by = excluded.updated_by,
         updated_at = now()`,
      [JSON.stringify(input.rules), input.note, base, ctx.actor?.username ?? 'system'],
    );
    await writeAudit(tx, ctx, {
      entity: 'space_drafts',
      entityId: 'rules',
      action: before ? 'update' : 'create',
      old: before ? { note: before.note, rules: before.rules.length } : undefined,
      new: { note: input.note, rules: input.rules.length, baseVersion: base },
    });
    return (await ruleDraft(tx))!;
  });
}

/** Drops the draft of the rules (404 when there is none). */
export async function discardRuleDraft(db: Db, ctx: Ctx): Promise<void> {
  await db.tx(async (tx) => {
    const [row] = await tx.query<{ note: string | null }>(
      `delete from space_drafts where kind = 'rules' returning note`,
    );
    if (!row) throw notFound();
    await writeAudit(tx, ctx, { entity: 'space_drafts', entityId: 'rules', action: 'delete', old: { note: row.note } });
  });
}

/**
 * Publishes the draft as the next version and removes the draft, in one transaction with its audit
 * row. Refused (409) without a draft, or when another version was published after the draft started.
 */
export async function publishRuleDraft(db: Db, ctx: Ctx): Promise<TRuleSet> {
  return db.tx(async (tx) => {
    const [draft] = await tx.query<{ body: TUpstairsRule[]; note: string | null; base_version: number }>(
      `select body, note, base_version from space_drafts where kind = 'rules' for update`,
    );
    if (!draft) throw new AppError(409, 'space.no_draft');
    const current = await currentRuleSet(tx);
    if (current.version !== draft.base_version)
      throw new AppError(409, 'space.draft_stale', [
        fieldProblem(['baseVersion'], 'space.draft_stale', {
          zh: `草稿基于第 ${draft.base_version} 版，现行为第 ${current.version} 版`,
          en: `the draft started from version ${draft.base_version}; version ${current.version} is now in force`,
        }),
      ]);
    assertRules(draft.body);
    const [row] = await tx.query<{ version: number }>(
      `insert into space_rule_sets (version, rules, note, created_by)
       select coalesce(max(version), 0) + 1, $1::jsonb, $2, $3 from space_rule_sets returning version`,
      [JSON.stringify(draft.body), draft.note, ctx.actor?.username ?? 'system'],
    );
    await tx.query(`delete from space_drafts where kind = 'rules'`);
    await writeAudit(tx, ctx, {
      entity: 'space_rule_sets',
      entityId: row!.version,
      action: 'create',
      new: { version: row!.version, note: draft.note, rules: draft.body.length, from: 'draft' },
    });
    return currentRuleSet(tx);
  });
}

/** Loads the default rules as version 1 when none is stored (reference data, idempotent). */
export async function seedRules(db: Db): Promise<void> {
  await db.query(
    `insert into space_rule_sets (version, rules, note, created_by)
     select 1, $1::jsonb, $2, 'system' where not exists (select 1 from space_rule_sets)`,
    [JSON.stringify(DEFAULT_RULES), '初始版本：GB 50009-2012 附录 D 与工业厂房常见设计值示意区间 / Initial version'],
  );
}
