/**
 * Posting use cases: create (every problem named at once, then one transaction: the posting, its
 * matches and their change_log rows) and close. Matching runs inside the transaction, so a refused
 * posting leaves no matches behind.
 */
import { type TPostingInput, unitFits } from '../../../contracts/docking.js';
import type { FieldProblem } from '../../../contracts/errors.js';
import type { Db } from '../../../db/connect.js';
import { termSet } from '../../../domain/docking/text.js';
import { forbidden, invalid, notFound } from '../../lib/errors.js';
import { Sql } from '../../lib/sql.js';
import { type AuditCtx, writeAudit } from '../../platform/audit.js';
import type { Actor } from '../auth/actor.js';
import { isSystem, mayPost, ownerCond } from './access.js';
import { chainGraph, loadPosting, rankPosting, storeMatches, today } from './book.js';
import { notifyNewMatches } from './notices.js';
import { problem } from './problems.js';

export interface Posted {
  id: number;
  newMatches: number;
}

/** Whether the actor acts for this firm (its own, its zone's; officers and the administrator for any). */
export async function actsFor(db: Db, a: Actor, enterpriseId: number): Promise<boolean> {
  if (isSystem(a) || a.role === 'city_admin' || a.role === 'investment_officer') return true;
  const q = new Sql();
  const cond = ownerCond(a, q, 'e.id', null);
  const rows = await db.query(`select 1 from enterprises e where e.id = ${q.p(enterpriseId)} and ${cond}`, q.params);
  return rows.length > 0;
}

/** Domain checks of a posting, all at once: node, validity, unit, firm, region. */
export async function checkPosting(db: Db, a: Actor, input: TPostingInput, day: string): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  const graph = await chainGraph(db);
  if (input.nodeId && !graph.nodes.has(input.nodeId)) problems.push(problem(['nodeId'], 'docking.unknown_node'));
  if (input.validUntil < day) problems.push(problem(['validUntil'], 'docking.expired'));
  if (input.unit && !unitFits(input.category, input.unit)) problems.push(problem(['unit'], 'docking.unit_mismatch'));
  if (input.quantity != null && !input.unit) problems.push(problem(['unit'], 'docking.unit_required'));
  const [e] = await db.query('select id from enterprises where id = $1', [input.enterpriseId]);
  if (!e) problems.push(problem(['enterpriseId'], 'docking.unknown_enterprise'));
  else if (!(await actsFor(db, a, input.enterpriseId))) problems.push(problem(['enterpriseId'], 'docking.not_yours'));
  if (input.deliveryRegion) {
    const [r] = await db.query('select 1 from regions where code = $1', [input.deliveryRegion]);
    if (!r) problems.push(problem(['deliveryRegion'], 'docking.unknown_region'));
  }
  return problems;
}

export async function createPosting(
  db: Db,
  a: Actor,
  input: TPostingInput,
  ctx: AuditCtx,
  opts: { day?: string; synthetic?: boolean; origin?: { linkId: number } } = {},
): Promise<Posted> {
  if (!mayPost(a)) throw forbidden();
  const day = opts.day ?? today();
  const problems = await checkPosting(db, a, input, day);
  if (problems.length > 0) throw invalid(problems);
  return db.tx(async (tx) => {
    const values = {
      kind: input.kind,
      category: input.category,
      enterprise_id: input.enterpriseId,
      title: input.title,
      spec: input.spec ?? null,
      node_id: input.nodeId ?? null,
      quantity: input.quantity ?? null,
      unit: input.unit ?? null,
      price_wan: input.priceWan ?? null,
      delivery_region: input.deliveryRegion ?? null,
      valid_until: input.validUntil,
      visibility: input.visibility,
      contact_name: input.contactName ?? null,
      contact_phone: input.contactPhone ?? null,
      origin: opts.origin ? 'leader_link' : 'manual',
      origin_link_id: opts.origin?.linkId ?? null,
      terms: termSet(`${input.title} ${input.spec ?? ''}`),
      posted_by: isSystem(a) ? null : a.userId,
      synthetic: opts.synthetic ?? false,
    };
    const [row] = await tx.query<{ id: number }>(
      `insert into docking_postings (kind, category, enterprise_id, title, spec, node_id, quantity, unit, price_wan,
         delivery_region, valid_until, visibility, contact_name, contact_phone, origin, origin_link_id, terms, posted_by, synthetic)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) returning id`,
      Object.values(values),
    );
    const id = row!.id;
    const posting = (await loadPosting(tx, id))!;
    // A confirmed pair (a contact opened or a deal made on an earlier match) is never suggested as new again.
    const scored = (await rankPosting(tx, posting, { day })).filter((s) => !s.known);
    const fresh = await storeMatches(tx, posting, scored, opts.synthetic ?? false);
    await notifyNewMatches(tx, a, posting, fresh);
    await writeAudit(tx, ctx, [
      { entity: 'docking_postings', entityId: id, action: 'create', new: { id, ...values } },
      ...fresh.map((m) => ({
        entity: 'docking_matches',
        entityId: m,
        action: 'create' as const,
        new: { id: m, postingId: id },
      })),
    ]);
    return { id, newMatches: fresh.length };
  });
}

/** Closes a posting (its owner or the administrator): it drops out of matching; its matches stay. */
export async function closePosting(db: Db, a: Actor, id: number, ctx: AuditCtx): Promise<void> {
  await db.tx(async (tx) => {
    const [p] = await tx.query<{ enterprise_id: number; posted_by: number | null; status: string }>(
      'select enterprise_id, posted_by, status from docking_postings where id = $1 for update',
      [id],
    );
    if (!p) throw notFound();
    const q = new Sql();
    const [own] = await tx.query<{ ok: boolean }>(
      `select (${ownerCond(a, q, 't.enterprise_id', 't.posted_by')}) as ok from docking_postings t where t.id = ${q.p(id)}`,
      q.params,
    );
    if (a.readOnly || !(own?.ok || a.role === 'city_admin')) throw forbidden();
    if (p.status === 'closed') return;
    await tx.query(
      `update docking_postings set status = 'closed', version = version + 1, updated_at = now() where id = $1`,
      [id],
    );
    await writeAudit(tx, ctx, {
      entity: 'docking_postings',
      entityId: id,
      action: 'update',
      old: { status: p.status },
      new: { status: 'closed' },
    });
  });
}
