/**
 * The 工业上楼 rules (item 3): the version in force with its history, any past version, and the draft
 * that editing makes (save, discard, publish) — the platform's versioned-document routes over rulesDoc.
 * Only the city administrator edits (space.editRules); the draft is shown to those who may edit it.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ZRuleDraft, ZRuleSet, ZRuleSetInput } from '../../../contracts/space.js';
import { ZDocVersionSummary } from '../../../contracts/versioned-doc.js';
import type { Db } from '../../../db/connect.js';
import { registerVersionedDocRoutes } from '../../platform/versioned-doc-routes.js';
import { rulesDoc } from './rules.js';
import { tags } from './vacancy-routes.js';

const ZRulesView = ZRuleSet.extend({
  versions: z.array(ZDocVersionSummary),
  draft: ZRuleDraft.nullable().describe('Unpublished edits (shown to those who may edit the rules)'),
});

export function registerRuleRoutes(app: FastifyInstance, db: Db): void {
  registerVersionedDocRoutes(app, db, {
    base: '/api/v1/space/rules',
    tags,
    doc: rulesDoc,
    editRight: 'space.editRules',
    schemas: { view: ZRulesView, version: ZRuleSet, draft: ZRuleDraft, input: ZRuleSetInput },
    summaries: {
      current:
        'The 工业上楼 rules in force (process → floors by load, vibration, equipment, elevator), their versions and the draft',
      version: 'A published version of the 工业上楼 rules (never changes once published)',
      save: 'Save edits of the 工业上楼 rules as the draft (city administrators); refusals name the rule and field',
      discard: 'Discard the draft of the 工业上楼 rules (city administrators)',
      publish: 'Publish the draft as the next version of the 工业上楼 rules, the one in force (city administrators)',
    },
  });
}
