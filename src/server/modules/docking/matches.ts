/**
 * Match use cases: a side's decision (remembered; asked once), the contact opened when both sides are
 * interested (double opt-in), and the deal, which creates or updates the supplier link
 * (supply_links) so the chain atlas's local supporting rate moves. One transaction each, audited.
 */
import type { TDecision } from '../../../contracts/docking.js';
import type { Db } from '../../../db/connect.js';
import { forbidden, invalid, notFound } from '../../lib/errors.js';
import { Sql } from '../../lib/sql.js';
import { type AuditCtx, type AuditEntry, writeAudit } from '../../platform/audit.js';
import type { Actor } from '../auth/actor.js';
import { matchReadCond, matchSideCond } from './access.js';
import { notifyContactOpened } from './notices.js';
import { problem } from './problems.js';

/** Source of supplier links recorded from docking deals (seeded as reference data). */
export const DOCKING_SOURCE = 'parklink-docking';

type Loaded = {
  id: number;
  customer_id: number;
  supplier_id: number;
  customer_decision: TDecision | null;
  supplier_decision: TDecision | null;
  demand_mine: boolean;
  supply_mine: boolean;
  contact: boolean;
};

/** The match as the actor sees it, locked for the change; 404 when it cannot see it. */
async function loadForChange(tx: Db, a: Actor, id: number): Promise<Loaded> {
  const q = new Sql();
  const rows = await tx.query<Loaded>(
    `select t.id, t.customer_id, t.supplier_id, t.customer_decision, t.supplier_decision,
            ${matchSideCond(a, q, 'demand')} as demand_mine, ${matchSideCond(a, q, 'supply')} as supply_mine,
            exists (select 1 from docking_contacts c where c.match_id = t.id) as contact
       from docking_matches t where t.id = ${q.p(id)} and ${matchReadCond(a, q)} for update`,
    q.params,
  );
  const m = rows[0];
  if (!m) throw notFound();
  return m;
}

export async function decide(
  db: Db,
  a: Actor,
  id: number,
  decision: TDecision,
  ctx: AuditCtx,
  opts: { side?: 'demand' | 'supply' } = {},
): Promise<{ contactOpened: boolean }> {
  return db.tx(async (tx) => {
    const m = await loadForChange(tx, a, id);
    if (a.readOnly) throw forbidden();
    // The side the actor acts for; an actor holding both (an operator of both firms) names one.
    const side =
      opts.side ?? (m.demand_mine && !m.supply_mine ? 'demand' : m.supply_mine && !m.demand_mine ? 'supply' : null);
    if (!side || (side === 'demand' ? !m.demand_mine : !m.supply_mine)) {
      throw invalid([problem(['side'], 'docking.not_a_side')]);
    }
    const col = side === 'demand' ? 'customer' : 'supplier';
    const before = side === 'demand' ? m.customer_decision : m.supplier_decision;
    if (before !== null) throw invalid([problem(['decision'], 'docking.already_decided')]);
    await tx.query(
      `update docking_matches set ${col}_decision = $2, ${col}_decided_at = now(), updated_at = now() where id = $1`,
      [id, decision],
    );
    const other = side === 'demand' ? m.supplier_decision : m.customer_decision;
    const audit: AuditEntry[] = [
      {
        entity: 'docking_matches',
        entityId: id,
        action: 'update',
        old: { [`${col}Decision`]: null },
        new: { [`${col}Decision`]: decision },
      },
    ];
    let contactOpened = false;
    if (decision === 'interested' && other === 'interested' && !m.contact) {
      await tx.query('insert into docking_contacts (match_id) values ($1)', [id]);
      audit.push({ entity: 'docking_contacts', entityId: id, action: 'create', new: { matchId: id } });
      contactOpened = true;
      await notifyContactOpened(tx, a, id, side);
    }
    await writeAudit(tx, ctx, audit);
    return { contactOpened };
  });
}

export interface DealInput {
  product: string;
  amountWan: number;
  signedOn: string;
  termMonths: number;
}

/**
 * Records a deal on a match whose contact is open, by either side. The supplier link of the pair for
 * the same product is updated (amount, year, as-of), or a new one is created with the docking source.
 */
export async function recordDeal(
  db: Db,
  a: Actor,
  id: number,
  input: DealInput,
  ctx: AuditCtx,
  opts: { synthetic?: boolean } = {},
): Promise<{ dealId: number; supplyLinkId: number; linkCreated: boolean }> {
  return db.tx(async (tx) => {
    const m = await loadForChange(tx, a, id);
    if (a.readOnly) throw forbidden();
    if (!m.demand_mine && !m.supply_mine) throw invalid([problem(['side'], 'docking.not_a_side')]);
    if (!m.contact) throw invalid([problem(['matchId'], 'docking.contact_first')]);
    const year = Number(input.signedOn.slice(0, 4));
    const [link] = await tx.query<{
      id: number;
      annual_amount_wan: number | null;
      year: number | null;
      as_of: string | null;
      version: number;
    }>(
      `select id, annual_amount_wan, year, as_of, version from supply_links
        where supplier_id = $1 and customer_id = $2 and product = $3 order by id limit 1 for update`,
      [m.supplier_id, m.customer_id, input.product],
    );
    const audit: AuditEntry[] = [];
    let linkId: number;
    if (link) {
      linkId = link.id;
      await tx.query(
        `update supply_links set annual_amount_wan = $2, year = $3, as_of = $4, version = version + 1, updated_at = now() where id = $1`,
        [link.id, input.amountWan, year, input.signedOn],
      );
      audit.push({
        entity: 'supply_links',
        entityId: link.id,
        action: 'update',
        old: { annualAmountWan: link.annual_amount_wan, year: link.year, asOf: link.as_of },
        new: { annualAmountWan: input.amountWan, year, asOf: input.signedOn },
      });
    } else {
      const values = {
        supplier_id: m.supplier_id,
        customer_id: m.customer_id,
        product: input.product,
        annual_amount_wan: input.amountWan,
        year,
        source_id: DOCKING_SOURCE,
        as_of: input.signedOn,
        synthetic: opts.synthetic ?? false,
      };
      const [r] = await tx.query<{ id: number }>(
        `insert into supply_links (supplier_id, customer_id, product, annual_amount_wan, year, source_id, as_of, synthetic)
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
        Object.values(values),
      );
      linkId = r!.id;
      audit.push({ entity: 'supply_links', entityId: linkId, action: 'create', new: { id: linkId, ...values } });
    }
    const deal = {
      match_id: id,
      product: input.product,
      amount_wan: input.amountWan,
      signed_on: input.signedOn,
      term_months: input.termMonths,
      supply_link_id: linkId,
      link_created: !link,
      previous_amount_wan: link?.annual_amount_wan ?? null,
      created_by: a.userId > 0 ? a.userId : null,
      synthetic: opts.synthetic ?? false,
    };
    const [d] = await tx.query<{ id: number }>(
      `insert into docking_deals (match_id, product, amount_wan, signed_on, term_months, supply_link_id, link_created,
         previous_amount_wan, created_by, synthetic) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
      Object.values(deal),
    );
    audit.push({ entity: 'docking_deals', entityId: d!.id, action: 'create', new: { id: d!.id, ...deal } });
    await writeAudit(tx, ctx, audit);
    return { dealId: d!.id, supplyLinkId: linkId, linkCreated: !link };
  });
}
