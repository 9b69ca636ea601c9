/**
 * What the honour reminders tell, and whom (issue 14): the firm's own users one notice per honour (its
 * re-review is due, or it lapsed), the officers responsible for the firm (`officersOf`) one digest per run —
 * all through the platform inbox, on the transaction that records the reminder or the lapse (honours.ts).
 */
import type { Db } from '../../../db/connect.js';
import { notify } from '../../platform/inbox/index.js';

export interface DueReminder {
  id: number;
  enterpriseId: number;
  tierCode: string;
  validUntil: string;
  dueOn: string;
}

/**
 * The users responsible for each firm's honours, besides the firm's own users: the city bureau's staff
 * (city admin and analyst), the district users whose zone holds the firm (its registered district), and the
 * park operators of the parks the firm occupies on `on` (an operator's parks with their sub-parks, as in
 * platform/policy/zones.ts). Disabled users are left out.
 */
export async function officersOf(tx: Db, firmIds: readonly number[], on: string): Promise<Map<number, number[]>> {
  const rows = await tx.query<{ enterprise_id: number; user_id: number }>(
    `with recursive op as (
       select op.organisation_id, op.park_id from organisation_parks op
       union select op.organisation_id, p.id from parks p join op on p.parent_id = op.park_id)
     select e.id as enterprise_id, u.id as user_id
       from enterprises e cross join users u join organisations o on o.id = u.organisation_id
      where e.id = any($1::int[]) and not u.disabled
        and (u.role in ('city_admin', 'city_analyst')
             or (u.role = 'district_user' and e.region_code is not null and e.region_code = any(o.region_codes)))
     union
     select oc.enterprise_id, u.id
       from occupancies oc join units un on un.id = oc.unit_id join floors f on f.id = un.floor_id
       join buildings b on b.id = f.building_id join op on op.park_id = b.park_id
       join users u on u.organisation_id = op.organisation_id
      where oc.enterprise_id = any($1::int[]) and u.role = 'park_operator' and not u.disabled
        and (oc.started_on is null or oc.started_on <= $2::date) and (oc.ended_on is null or oc.ended_on >= $2::date)
     order by 1, 2`,
    [[...new Set(firmIds)], on],
  );
  const out = new Map<number, number[]>();
  for (const r of rows) out.set(r.enterprise_id, [...(out.get(r.enterprise_id) ?? []), r.user_id]);
  return out;
}

type TierNames = Map<string, { name_zh: string; name_en: string }>;
async function tierNames(tx: Db): Promise<TierNames> {
  const rows = await tx.query<{ code: string; name_zh: string; name_en: string }>(
    'select code, name_zh, name_en from tiers',
  );
  return new Map(rows.map((t) => [t.code, t]));
}
async function firmNames(tx: Db, ids: readonly number[]) {
  const rows = await tx.query<{ id: number; name: string }>(
    'select id, name from enterprises where id = any($1::int[])',
    [[...new Set(ids)]],
  );
  return new Map(rows.map((f) => [f.id, f.name]));
}

/**
 * What a notice about an honour names (the firm, the honour in zh and en, its expiry: nothing confidential)
 * and the officers of `officersOf` to tell, for each row whose firm still exists.
 */
async function honourNotices<R extends { enterpriseId: number; tierCode: string; validUntil: string }>(
  tx: Db,
  rows: R[],
  on: string,
) {
  const ids = rows.map((r) => r.enterpriseId);
  const [names, tiers, officers] = [await firmNames(tx, ids), await tierNames(tx), await officersOf(tx, ids, on)];
  return rows.flatMap((r) => {
    const name = names.get(r.enterpriseId);
    if (name === undefined) return [];
    const tier = tiers.get(r.tierCode);
    const params = {
      enterpriseId: r.enterpriseId,
      enterpriseName: name,
      tierName: tier?.name_zh ?? r.tierCode,
      tierNameEn: tier?.name_en ?? r.tierCode,
      validUntil: r.validUntil,
    };
    return [{ row: r, params, officers: officers.get(r.enterpriseId) ?? [] }];
  });
}

/** The tier tab's list of honours, as a link: `due` (re-reviews due within `withinDays`) or `lapsed` ones. */
export const honoursLink = (show: 'due' | 'lapsed', withinDays?: number) =>
  `/evaluation?tab=tiers&honours=${show}${withinDays ? `&within=${withinDays}` : ''}`;

/**
 * One digest per officer of the firms' notices: each officer of `officersOf` is told how many firms (and
 * honours) of their scope the run added, and the latest expiry among them — not one message per honour
 * (a batch of honours ending on one day would otherwise fill an officer's bell with dozens).
 */
async function notifyOfficersDigest(
  tx: Db,
  kind: 'evaluation.review_due_digest' | 'evaluation.lapsed_digest',
  notices: { row: { enterpriseId: number; validUntil: string }; officers: number[] }[],
  link: string,
): Promise<void> {
  const per = new Map<number, { firms: Set<number>; honours: number; validUntil: string }>();
  for (const { row, officers } of notices)
    for (const u of officers) {
      const d = per.get(u) ?? { firms: new Set<number>(), honours: 0, validUntil: row.validUntil };
      d.firms.add(row.enterpriseId);
      d.honours += 1;
      if (row.validUntil > d.validUntil) d.validUntil = row.validUntil;
      per.set(u, d);
    }
  // Officers with the same digest share one insert.
  const groups = new Map<
    string,
    { userIds: number[]; params: { count: number; honours: number; validUntil: string } }
  >();
  for (const [u, d] of per) {
    const params = { count: d.firms.size, honours: d.honours, validUntil: d.validUntil };
    const key = `${params.count}:${params.honours}:${params.validUntil}`;
    const g = groups.get(key) ?? { userIds: [], params };
    g.userIds.push(u);
    groups.set(key, g);
  }
  for (const { userIds, params } of groups.values()) await notify(tx, { userIds, kind, params, link });
}

/**
 * Tells each new re-review reminder through the platform inbox, on the transaction that records it: the
 * firm's own users, one notice per honour (their honour is due for 复核), and the officers responsible for
 * cultivating it (`officersOf`: city bureau, the firm's district, the operators of its parks) one digest per
 * run, linking to the tier tab's list of re-reviews due. The reminder row's once-only key (firm, tier, window)
 * keeps each honour to one run, so a rerun that adds no reminder tells nobody.
 */
export async function notifyInboxOfReReviewDue(
  tx: Db,
  reminders: DueReminder[],
  on: string,
  withinDays?: number,
): Promise<void> {
  if (reminders.length === 0) return;
  const notices = await honourNotices(tx, reminders, on);
  for (const { row: r, params: p } of notices) {
    const params = { ...p, dueOn: r.dueOn };
    await notify(tx, {
      enterpriseId: r.enterpriseId,
      kind: 'evaluation.review_due',
      params,
      link: '/evaluation?tab=tiers',
    });
  }
  await notifyOfficersDigest(tx, 'evaluation.review_due_digest', notices, honoursLink('due', withinDays));
}

export interface LapsedHonour {
  id: number;
  enterpriseId: number;
  tierCode: string;
  validUntil: string;
}

/**
 * Tells each newly recorded lapse (an honour whose validity ended without a renewal) through the inbox, on
 * the transaction that records it: to the firm's users one notice per honour, to the officers of `officersOf`
 * one digest per run (linking to the tier tab's lapsed honours). The messages name the firm, the honour and
 * the date, or count firms — nothing confidential. The lapse row's key (firm, tier, expiry) keeps it to one
 * per honour and expiry; the dedupe key holds each firm user to one even if a row were re-made.
 */
export async function notifyInboxOfLapse(tx: Db, lapses: LapsedHonour[], on: string): Promise<void> {
  if (lapses.length === 0) return;
  const notices = await honourNotices(tx, lapses, on);
  for (const { row: r, params } of notices) {
    await notify(tx, {
      enterpriseId: r.enterpriseId,
      kind: 'evaluation.lapsed',
      params,
      link: '/evaluation?tab=tiers',
      dedupe: `evaluation.lapsed:${r.enterpriseId}:${r.tierCode}:${r.validUntil}`,
    });
  }
  await notifyOfficersDigest(tx, 'evaluation.lapsed_digest', notices, honoursLink('lapsed'));
}
