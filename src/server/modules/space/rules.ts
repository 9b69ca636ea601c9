/** The 工业上楼 rules: the current version (the defaults until one is saved) and saving a new one. */

import { fieldProblem } from '../../../contracts/errors.js';
import type { TRuleSet, TUpstairsRule } from '../../../contracts/space.js';
import type { Db } from '../../../db/connect.js';
import { DEFAULT_RULES, duplicateProcesses } from '../../../domain/space/rules.js';
import { AppError } from '../../lib/errors.js';
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

/** Stores the rules as the next version, in one transaction with its audit row. */
export async function saveRuleSet(
  db: Db,
  input: { rules: TUpstairsRule[]; note: string },
  ctx: Ctx,
): Promise<TRuleSet> {
  const dup = duplicateProcesses(input.rules);
  if (dup.length > 0)
    throw new AppError(
      422,
      'validation_failed',
      dup.map((i) => fieldProblem(['rules', i, 'process'], 'space.duplicate_process')),
    );
  return db.tx(async (tx) => {
    const [row] = await tx.query<{ version: number }>(
      `insert into space_rule_sets (version, rules, note, created_by)
       select coalesce(max(version), 0) + 1, $1::jsonb, $2, $3 from space_rule_sets returning version`,
      [JSON.stringify(input.rules), input.note, ctx.actor?.username ?? 'system'],
    );
    await writeAudit(tx, ctx, {
      entity: 'space_rule_sets',
      entityId: row!.version,
      action: 'create',
      new: { version: row!.version, note: input.note, rules: input.rules.length },
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
