/**
 * Rule-set versions: a new version of a code is a draft until published; a published version is
 * never edited in place (a change is a new version — the table's trigger refuses it too). Every
 * document is checked (domain/evaluation/rules.ts) and refused with each problem named, zh and en.
 */

import type { ErrorCode, FieldProblem } from '../../../contracts/errors.js';
import type { TRuleSetInput } from '../../../contracts/evaluation.js';
import type { Db } from '../../../db/connect.js';
import { validateRuleSet } from '../../../domain/evaluation/rules.js';
import { AppError, notFound } from '../../lib/errors.js';
import { type AuditCtx, writeAudit } from '../../platform/audit.js';
import * as repo from './repository.js';

async function tierCodes(db: Db): Promise<string[]> {
  return (await db.query<{ code: string }>('select code from tiers')).map((r) => r.code);
}

/** Refuses a document with every problem, each naming its rule and field (422). */
export async function assertValid(db: Db, input: TRuleSetInput): Promise<void> {
  const problems = validateRuleSet(input.document, { tiers: await tierCodes(db) });
  if (problems.length === 0) return;
  const errors: FieldProblem[] = problems.map((p) => ({
    path: p.path,
    code: p.code as ErrorCode,
    message: p.message,
  }));
  throw new AppError(422, 'validation_failed', errors);
}

export async function createRuleSetVersion(
  db: Db,
  input: TRuleSetInput,
  ctx: { audit: AuditCtx; userId: number | null; publish?: boolean },
) {
  await assertValid(db, input);
  return db.tx(async (tx) => {
    const rs = await repo.insertRuleSet(tx, input, {
      status: ctx.publish ? 'published' : 'draft',
      createdBy: ctx.userId,
    });
    await writeAudit(tx, ctx.audit, {
      entity: 'evaluation_rule_sets',
      entityId: rs.id,
      action: 'create',
      new: { code: rs.code, version: rs.version, kind: rs.kind, status: rs.status },
    });
    return rs;
  });
}

/** Replaces a draft's document; a published version is refused (409) — save a new version instead. */
export async function updateDraft(db: Db, id: number, input: TRuleSetInput, ctx: { audit: AuditCtx }) {
  const current = await repo.getRuleSet(db, id);
  if (!current) throw notFound();
  if (current.status !== 'draft') throw new AppError(409, 'evaluation.published_immutable');
  if (current.code !== input.code || current.document.kind !== input.document.kind)
    throw new AppError(422, 'validation_failed', [
      {
        path: ['code'],
        code: 'evaluation.wrong_kind',
        message: {
          zh: '草稿的代码和类型不能修改，请新建规则集',
          en: 'A draft keeps its code and kind: create another rule set instead',
        },
      },
    ]);
  await assertValid(db, input);
  return db.tx(async (tx) => {
    const [row] = await tx.query<{ id: number }>(
      `update evaluation_rule_sets set name = $2, name_en = $3, region_code = $4, effective_from = $5, verified = $6,
         assumption = $7, source_title = $8, source_publisher = $9, source_url = $10, source_clause = $11, document = $12
       where id = $1 and status = 'draft' returning id`,
      [
        id,
        input.name,
        input.nameEn ?? null,
        input.regionCode ?? null,
        input.effectiveFrom,
        input.verified,
        input.assumption,
        input.source.title,
        input.source.publisher ?? null,
        input.source.url ?? null,
        input.source.clause ?? null,
        JSON.stringify(input.document),
      ],
    );
    if (!row) throw new AppError(409, 'evaluation.published_immutable');
    await writeAudit(tx, ctx.audit, {
      entity: 'evaluation_rule_sets',
      entityId: id,
      action: 'update',
      old: { name: current.name, document: current.document },
      new: { name: input.name, document: input.document },
    });
    return (await repo.getRuleSet(tx, id)) as NonNullable<Awaited<ReturnType<typeof repo.getRuleSet>>>;
  });
}

export async function publish(db: Db, id: number, ctx: { audit: AuditCtx }) {
  const current = await repo.getRuleSet(db, id);
  if (!current) throw notFound();
  if (current.status !== 'draft') throw new AppError(409, 'evaluation.published_immutable');
  return db.tx(async (tx) => {
    const rs = await repo.publishRuleSet(tx, id);
    if (!rs) throw new AppError(409, 'evaluation.published_immutable');
    await writeAudit(tx, ctx.audit, {
      entity: 'evaluation_rule_sets',
      entityId: id,
      action: 'update',
      old: { status: 'draft' },
      new: { status: 'published' },
    });
    return rs;
  });
}
