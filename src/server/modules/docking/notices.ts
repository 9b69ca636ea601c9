/**
 * What docking tells users in their inbox (platform/inbox), on the transaction of the change:
 * - new matches of a posting: its own firm's users (and whoever posted it) get one summary, and each
 *   matched firm's users (and the poster of their posting) one notification per match;
 * - a contact opened (both sides interested): the side that answered first.
 * The user who made the change is left out (they see the result on their page). Parameters are ids,
 * titles and firm names only: no quantity, price or contact.
 */
import type { Db } from '../../../db/connect.js';
import { notify } from '../../platform/inbox/index.js';
import type { Actor } from '../auth/actor.js';

const firmName = async (tx: Db, id: number) =>
  (await tx.query<{ name: string }>('select name from enterprises where id = $1', [id]))[0]?.name ?? '';

/** After `storeMatches` of a new posting: `fresh` are the ids of the matches created now. */
export async function notifyNewMatches(
  tx: Db,
  a: Actor,
  posting: { id: number; kind: 'supply' | 'demand'; enterprise_id: number; title: string },
  fresh: readonly number[],
): Promise<void> {
  if (fresh.length === 0) return;
  const [own] = await tx.query<{ posted_by: number | null }>('select posted_by from docking_postings where id = $1', [
    posting.id,
  ]);
  const except = [a.userId];
  await notify(tx, {
    enterpriseId: posting.enterprise_id,
    userIds: own?.posted_by ? [own.posted_by] : [],
    exceptUserIds: except,
    kind: 'docking.new_matches',
    params: { postingId: posting.id, postingTitle: posting.title, count: fresh.length },
    link: '/docking',
  });
  const demand = posting.kind === 'demand';
  const others = await tx.query<{ id: number; firm: number; posted_by: number | null }>(
    `select m.id, ${demand ? 'm.supplier_id' : 'm.customer_id'} as firm, op.posted_by
       from docking_matches m left join docking_postings op on op.id = ${demand ? 'm.supply_id' : 'm.demand_id'}
      where m.id = any($1::int[]) order by m.id`,
    [fresh],
  );
  const name = await firmName(tx, posting.enterprise_id);
  for (const m of others)
    await notify(tx, {
      enterpriseId: m.firm,
      userIds: m.posted_by ? [m.posted_by] : [],
      exceptUserIds: except,
      kind: 'docking.matched',
      params: { matchId: m.id, postingTitle: posting.title, otherName: name },
      link: `/docking/matches/${m.id}`,
    });
}

/** After a decision opened the contacts of a match: the other side (which answered first) is told. */
export async function notifyContactOpened(tx: Db, a: Actor, matchId: number, side: 'demand' | 'supply'): Promise<void> {
  const [m] = await tx.query<{
    customer_id: number;
    supplier_id: number;
    demand_by: number | null;
    supply_by: number | null;
  }>(
    `select m.customer_id, m.supplier_id, d.posted_by as demand_by, s.posted_by as supply_by
       from docking_matches m join docking_postings d on d.id = m.demand_id
       left join docking_postings s on s.id = m.supply_id where m.id = $1`,
    [matchId],
  );
  if (!m) return;
  const [them, us, poster] =
    side === 'demand' ? [m.supplier_id, m.customer_id, m.supply_by] : [m.customer_id, m.supplier_id, m.demand_by];
  await notify(tx, {
    enterpriseId: them,
    userIds: poster ? [poster] : [],
    exceptUserIds: [a.userId],
    kind: 'docking.contact_opened',
    params: { matchId, otherName: await firmName(tx, us) },
    link: `/docking/matches/${matchId}`,
  });
}
