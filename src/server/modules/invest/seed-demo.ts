/**
 * Loads the investment demo (data/demo/invest.json): details of the seed article's events
 * (organisers, people, itinerary — sourced), and synthetic projects followed from those events to
 * landing, with their stage history, follow-ups and supervision orders. Every project is checked by
 * the API's schema and stage machine; follow-up dates are relative to the day of loading, so the demo
 * always has reminders due and overdue.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_STAGES, type ProjectStage, ZEventDetails, ZProjectInput } from '../../../contracts/invest.js';
import type { Db } from '../../../db/connect.js';
import { readJson } from '../../../db/reference.js';
import { addDays } from '../../../domain/invest/follow-up.js';
import { checkMove } from '../../../domain/invest/stages.js';
import { snake } from '../../lib/sql.js';
import { DEMO_DIR, SeedError } from '../../platform/module.js';

type Rec = Record<string, unknown>;
interface Step {
  stage: ProjectStage;
  on: string;
}
interface DemoProject extends Rec {
  codeName: string;
  stage: ProjectStage;
  eventName?: string;
  referrerName?: string;
  ownerUsername?: string;
  teamUsernames?: string[];
  parkCode?: string;
  nextFollowUpInDays?: number;
  history: Step[];
  outcomes?: { eventName: string; kind: 'signing' | 'intention'; onDate?: string }[];
  lostReason?: string;
}
interface DemoFile {
  sourceId: string;
  events: (Rec & { eventName: string; itinerary: (Rec & { parkCode?: string })[] })[];
  projects: DemoProject[];
  followUps: { codeName: string; daysAgo: number; kind: string; note: string; nextInDays?: number }[];
  orders: {
    codeName: string;
    issuedBy: string;
    assignee: string;
    instruction: string;
    dueInDays: number;
    response?: string;
    status?: 'open' | 'responded' | 'closed';
  }[];
}

const COLUMNS = [
  'codeName',
  'name',
  'investorName',
  'investorRegionCode',
  'investorCountry',
  'investmentWan',
  'annualOutputWan',
  'jobs',
  'areaM2',
  'floorLoadKnM2',
  'landMu',
  'chainCode',
  'nodeId',
  'sourceKind',
  'sourceNote',
  'shared',
  'synthetic',
] as const;

export async function seedInvest(db: Db, today = new Date().toISOString().slice(0, 10)): Promise<number> {
  const path = join(DEMO_DIR, 'invest.json');
  if (!existsSync(path)) return 0;
  const file = readJson<DemoFile>(path);
  const idOf = async (sql: string, key: unknown, where: string, what: string): Promise<number | null> => {
    if (key === undefined || key === null) return null;
    const [row] = await db.query<{ id: number }>(sql, [key]);
    if (!row) throw new SeedError(`invest.json ${where}: unknown ${what} "${String(key)}"`);
    return row.id;
  };
  const event = (name: unknown, where: string) => idOf('select id from events where name = $1', name, where, 'event');
  const park = (code: unknown, where: string) => idOf('select id from parks where code = $1', code, where, 'park');
  const user = (name: unknown, where: string) => idOf('select id from users where username = $1', name, where, 'user');

  for (const [i, e] of file.events.entries()) {
    const where = `events[${i}]`;
    const id = await event(e.eventName, where);
    const itinerary = [];
    for (const it of e.itinerary) {
      const { parkCode, ...rest } = it;
      itinerary.push({ ...rest, parkId: await park(parkCode, where) });
    }
    const d = ZEventDetails.parse({ ...e, version: 1, itinerary });
    await db.query(
      'update events set organisers = $2::jsonb, participant_orgs = $3::jsonb, people = $4::jsonb where id = $1',
      [id, JSON.stringify(d.organisers), JSON.stringify(d.participantOrgs), JSON.stringify(d.people)],
    );
    for (const [k, it] of d.itinerary.entries()) {
      await db.query(
        `insert into event_itinerary (event_id, position, on_date, kind, place, park_id, note) values ($1, $2, $3, $4, $5, $6, $7)`,
        [id, k, it.onDate ?? null, it.kind, it.place, it.parkId ?? null, it.note ?? null],
      );
    }
  }

  const projectIds = new Map<string, number>();
  for (const [i, p] of file.projects.entries()) {
    const where = `projects[${i}] (${p.codeName})`;
    const sourceEventId = await event(p.eventName, where);
    const referrerEnterpriseId = await idOf(
      'select id from enterprises where name = $1',
      p.referrerName,
      where,
      'enterprise',
    );
    const ownerId = await user(p.ownerUsername, where);
    const parkId = await park(p.parkCode, where);
    const parsed = ZProjectInput.safeParse({
      ...p,
      stage: 'lead',
      sourceEventId,
      referrerEnterpriseId,
      ownerId,
      parkId,
      sourceId: 'synthetic',
    });
    if (!parsed.success)
      throw new SeedError(`invest.json ${where}: ${parsed.error.issues.map((x) => x.path.join('.')).join(', ')}`);
    if (!PROJECT_STAGES.includes(p.stage)) throw new SeedError(`invest.json ${where}: unknown stage ${p.stage}`);
    // Walk the stage history through the stage machine: the demo obeys the rules the API enforces.
    let stage: ProjectStage = 'lead';
    for (const s of p.history) {
      const c = checkMove(stage, s.stage, s.stage === 'lost' ? p.lostReason : null);
      if (!c.ok) throw new SeedError(`invest.json ${where}: ${stage} → ${s.stage} refused (${c.problem})`);
      stage = s.stage;
    }
    if (stage !== p.stage) throw new SeedError(`invest.json ${where}: history ends at ${stage}, not ${p.stage}`);
    const v = parsed.data as Rec;
    const dateOf = (s: ProjectStage) => p.history.find((h) => h.stage === s)?.on ?? null;
    const lostFrom = p.stage === 'lost' ? (p.history.at(-2)?.stage ?? 'lead') : null;
    const created = p.history[0]?.on ?? addDays(today, -30);
    const [row] = await db.query<{ id: number }>(
      `insert into projects (${COLUMNS.map(snake).join(', ')}, stage, lost_reason, lost_from_stage, source_event_id,
         referrer_enterprise_id, owner_id, park_id, next_follow_up_on, signed_on, started_on, produced_on, source_id, as_of,
         created_at, stage_changed_at)
       values (${COLUMNS.map((_, k) => `$${k + 1}`).join(', ')}, ${Array.from({ length: 15 }, (_, k) => `$${COLUMNS.length + k + 1}`).join(', ')})
       returning id`,
      [
        ...COLUMNS.map((c) => v[c] ?? null),
        p.stage,
        p.lostReason ?? null,
        lostFrom,
        sourceEventId,
        referrerEnterpriseId,
        ownerId,
        parkId,
        p.nextFollowUpInDays === undefined ? null : addDays(today, p.nextFollowUpInDays),
        dateOf('signed'),
        dateOf('started'),
        dateOf('in_production'),
        'synthetic',
        today,
        `${created}T09:00:00Z`,
        `${p.history.at(-1)?.on ?? created}T09:00:00Z`,
      ],
    );
    const id = row!.id;
    projectIds.set(p.codeName, id);
    for (const u of p.teamUsernames ?? []) {
      await db.query('insert into project_team (project_id, user_id) values ($1, $2)', [id, await user(u, where)]);
    }
    await db.query(
      `insert into project_timeline (project_id, at, actor, kind, to_stage, note) values ($1, $2, 'demo data', 'created', 'lead', $3)`,
      [id, `${created}T08:00:00Z`, '演示数据（合成）'],
    );
    let from: ProjectStage = 'lead';
    for (const s of p.history) {
      await db.query(
        `insert into project_timeline (project_id, at, actor, kind, from_stage, to_stage, note) values ($1, $2, 'demo data', 'stage', $3, $4, $5)`,
        [id, `${s.on}T09:00:00Z`, from, s.stage, s.stage === 'lost' ? (p.lostReason ?? null) : null],
      );
      from = s.stage;
    }
    for (const o of p.outcomes ?? []) {
      await db.query(
        `insert into event_outcomes (event_id, project_id, kind, on_date, note, synthetic) values ($1, $2, $3, $4, $5, true)`,
        [await event(o.eventName, where), id, o.kind, o.onDate ?? null, '演示：签约/意向的具体项目为虚构'],
      );
    }
  }

  const pid = (code: string, where: string) => {
    const id = projectIds.get(code);
    if (!id) throw new SeedError(`invest.json ${where}: unknown project ${code}`);
    return id;
  };
  for (const [i, f] of file.followUps.entries()) {
    const where = `followUps[${i}]`;
    const id = pid(f.codeName, where);
    const [owner] = await db.query<{ owner_id: number | null }>('select owner_id from projects where id = $1', [id]);
    await db.query(
      `insert into project_follow_ups (project_id, on_date, kind, note, next_on, by_user_id, synthetic) values ($1, $2, $3, $4, $5, $6, true)`,
      [
        id,
        addDays(today, -f.daysAgo),
        f.kind,
        f.note,
        f.nextInDays === undefined ? null : addDays(today, f.nextInDays),
        owner?.owner_id ?? null,
      ],
    );
    await db.query(
      `insert into project_timeline (project_id, at, actor, kind, changes, note) values ($1, $2, 'demo data', 'follow_up', $3::jsonb, $4)`,
      [id, `${addDays(today, -f.daysAgo)}T10:00:00Z`, JSON.stringify({ kind: f.kind }), f.note],
    );
  }
  for (const [i, o] of file.orders.entries()) {
    const where = `orders[${i}]`;
    const id = pid(o.codeName, where);
    const status = o.status ?? 'open';
    await db.query(
      `insert into supervision_orders (project_id, issued_by, assignee_id, instruction, due_on, status, response, responded_at, closed_at, synthetic, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, true, $10)`,
      [
        id,
        await user(o.issuedBy, where),
        await user(o.assignee, where),
        o.instruction,
        addDays(today, o.dueInDays),
        status,
        o.response ?? null,
        o.response ? `${addDays(today, o.dueInDays - 1)}T10:00:00Z` : null,
        status === 'closed' ? `${addDays(today, o.dueInDays)}T10:00:00Z` : null,
        `${addDays(today, o.dueInDays - 10)}T09:00:00Z`,
      ],
    );
  }
  return projectIds.size;
}
