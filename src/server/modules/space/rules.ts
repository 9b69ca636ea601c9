/**
 * The 工业上楼 rules: the version in force (the defaults until one is stored), past versions, and the
 * draft. Editing makes a draft (one, city-wide); publishing makes it the next version, in one
 * transaction with its audit row; a published version never changes (migration 0034 refuses it).
 */

import type { TRuleSet, TUpstairsRule } from '../../../contracts/space.js';
import type { Db } from '../../../db/connect.js';
import { checkRuleSet, DEFAULT_RULES } from '../../../domain/space/rules.js';
import { versionedDoc } from '../../platform/versioned-doc.js';

/** The rules as a versioned document: space_rule_sets, and the draft of kind 'rules' in space_drafts. */
export const rulesDoc = versionedDoc<'rules', TUpstairsRule>({
  key: 'rules',
  versionsTable: 'space_rule_sets',
  draftsTable: 'space_drafts',
  kind: 'rules',
  initial: async () => ({
    items: DEFAULT_RULES,
    note: 'defaults',
    createdBy: null,
    createdAt: new Date(0).toISOString(),
  }),
  // Each problem names the rule and its field (zh, en).
  check: (_db, rules) => checkRuleSet(rules),
  summary: (rules) => rules.length,
  errors: { noDraft: 'space.no_draft', stale: 'space.draft_stale' },
});

/** The version in force (the defaults as version 0 until one is stored). */
export const currentRuleSet = (db: Db) => rulesDoc.current(db) as Promise<TRuleSet>;

/** Loads the default rules as version 1 when none is stored (reference data, idempotent). */
export async function seedRules(db: Db): Promise<void> {
  await db.query(
    `insert into space_rule_sets (version, rules, note, created_by)
     select 1, $1::jsonb, $2, 'system' where not exists (select 1 from space_rule_sets)`,
    [JSON.stringify(DEFAULT_RULES), '初始版本：GB 50009-2012 附录 D 与工业厂房常见设计值示意区间 / Initial version'],
  );
}
