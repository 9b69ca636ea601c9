/**
 * The programme targets (item 5), kept as the 工业上楼 rules are: the version in force with its
 * history, any past version, and the draft that editing makes (save, discard, publish) — the platform's
 * versioned-document routes over targetsDoc. Only the city administrator edits (space.editRules);
 * those who see the programme read the targets.
 */
import type { FastifyInstance } from 'fastify';
import { ZTargetDraft, ZTargetSet, ZTargetSetInput, ZTargetSetView } from '../../../contracts/space.js';
import type { Db } from '../../../db/connect.js';
import { registerVersionedDocRoutes } from '../../platform/versioned-doc-routes.js';
import { targetScopes, targetsDoc } from './targets.js';
import { tags } from './vacancy-routes.js';

export function registerTargetRoutes(app: FastifyInstance, db: Db): void {
  registerVersionedDocRoutes(app, db, {
    base: '/api/v1/space/targets',
    tags,
    doc: targetsDoc,
    editRight: 'space.editRules',
    readRight: 'space.programme',
    schemas: { view: ZTargetSetView, version: ZTargetSet, draft: ZTargetDraft, input: ZTargetSetInput },
    summaries: {
      current: 'The programme targets in force (metric, scope, period, value, source), their versions and the draft',
      version: 'A published version of the programme targets (never changes once published)',
      save: 'Save edits of the programme targets as the draft (city administrators); refusals name the field',
      discard: 'Discard the draft of the programme targets (city administrators)',
      publish: 'Publish the draft as the next version of the programme targets, the one progress reads',
    },
    // The scopes and sources a target may name, for the editor only.
    viewExtra: async (db, editor) => (editor ? targetScopes(db) : { scopes: [], sources: [] }),
  });
}
