/**
 * Loads the investment demo (data/demo/invest.json): details of the seed article's events
 * (organisers, people, itinerary — sourced), and synthetic projects followed from those events to
 * landing, with their stage history, follow-ups and supervision orders. Every project is checked by
 * the API's schema and stage machine; follow-up dates are relative to the day of loading, so the demo
 * always has reminders due and overdue.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  type AgreementKind,
  PROJECT_STAGES,
  type ProjectStage,
  ZEventDetails,
  ZFollowUpInput,
  ZProjectInput,
} from '../../../contracts/invest.js';
import type { Db } from '../../../db/connect.js';
import { readJson } from '../../../db/reference.js';
import { addDays } from '../../../domain/invest/follow-up.js';
import { AppError } from '../../lib/errors.js';
import type { Ctx } from '../../lib/resource.js';
import { DEMO_DIR, SeedError } from '../../platform/module.js';
import { loadActor } from '../auth/actor.js';
import { addOutcome } from './events.js';
import { addFollowUp, closeOrder, issueOrder, respondOrder } from './follow-ups.js';
import { createProject, moveStage } from './projects.js';

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
  agreementKind?: AgreementKind;
  contractedInvestmentWan?: number;
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

/** Runs one use case of the demo, naming the demo record when the use case refuses it. */
async function seedStep<T>(where: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AppError) {
      const fields = err.errors.map((p) => `${p.path.join('.')}: ${p.message.zh} / ${p.message.en}`).join('; ');
      throw new SeedError(`invest.json ${where}: refused (${err.code}) ${fields}`);
    }
    throw err;
  }
}

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

  // Projects go through the same use cases as the API (checks, stage machine, timeline, audit); their
  // timestamps are then set back to the demo's history dates, which is all the demo adds by hand.
  const at = (when: string): Ctx => ({ via: 'demo', at: when });
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
    const teamIds: number[] = [];
    for (const u of p.teamUsernames ?? []) teamIds.push((await user(u, where)) as number);
    const parsed = ZProjectInput.safeParse({
      ...p,
      stage: 'lead',
      signedOn: null,
      sourceEventId,
      referrerEnterpriseId,
      ownerId,
      parkId,
      teamIds,
      sourceId: 'synthetic',
      synthetic: true,
    });
    if (!parsed.success)
      throw new SeedError(`invest.json ${where}: ${parsed.error.issues.map((x) => x.path.join('.')).join(', ')}`);
    if (!PROJECT_STAGES.includes(p.stage)) throw new SeedError(`invest.json ${where}: unknown stage ${p.stage}`);
    // A project exists from its first recorded step: a stage move or an intention met at an event.
    const firstDates = [p.history[0]?.on, ...(p.outcomes ?? []).map((o) => o.onDate)].filter((d): d is string => !!d);
    const created = firstDates.sort()[0] ?? addDays(today, -30);
    const project = await seedStep(where, () => createProject(db, { input: parsed.data }, at(`${created}T08:00:00Z`)));
    const id = project.id;
    projectIds.set(p.codeName, id);
    // Walk the stage history through the stage machine (the demo obeys the rules the API enforces),
    // recording each event outcome in its place in that history.
    let version = project.version;
    const outcomes = [...(p.outcomes ?? [])];
    const recordOutcomesUntil = async (until: string | null) => {
      while (outcomes.length && (until === null || (outcomes[0]?.onDate ?? '') <= until)) {
        const o = outcomes.shift() as NonNullable<DemoProject['outcomes']>[number];
        const eventId = (await event(o.eventName, where)) as number;
        await seedStep(where, () =>
          addOutcome(
            db,
            {
              eventId,
              input: { projectId: id, kind: o.kind, onDate: o.onDate ?? null, note: '演示：签约/意向的具体项目为虚构' },
            },
            at(`${o.onDate ?? p.history.at(-1)?.on ?? created}T10:00:00Z`),
          ),
        );
      }
    };
    for (const step of p.history) {
      await recordOutcomesUntil(addDays(step.on, -1));
      const moved = await seedStep(where, () =>
        moveStage(
          db,
          {
            id,
            move: {
              version,
              stage: step.stage,
              reason: step.stage === 'lost' ? (p.lostReason ?? null) : null,
              onDate: step.on,
              ...(step.stage === 'signed'
                ? { agreementKind: p.agreementKind ?? null, contractedInvestmentWan: p.contractedInvestmentWan ?? null }
                : {}),
            },
          },
          at(`${step.on}T09:00:00Z`),
        ),
      );
      version = moved.version;
      await recordOutcomesUntil(step.on);
    }
    await recordOutcomesUntil(null);
    if ((p.history.at(-1)?.stage ?? 'lead') !== p.stage)
      throw new SeedError(`invest.json ${where}: history ends at ${p.history.at(-1)?.stage ?? 'lead'}, not ${p.stage}`);
    await db.query(
      `update projects set created_at = $2, stage_changed_at = $3, as_of = $4, next_follow_up_on = $5 where id = $1`,
      [
        id,
        `${created}T09:00:00Z`,
        `${p.history.at(-1)?.on ?? created}T09:00:00Z`,
        today,
        p.nextFollowUpInDays === undefined ? null : addDays(today, p.nextFollowUpInDays),
      ],
    );
  }
  await db.query('update event_outcomes set synthetic = true where project_id = any($1::int[])', [
    [...projectIds.values()],
  ]);

  const pid = (code: string, where: string) => {
    const id = projectIds.get(code);
    if (!id) throw new SeedError(`invest.json ${where}: unknown project ${code}`);
    return id;
  };
  for (const [i, f] of file.followUps.entries()) {
    const where = `followUps[${i}]`;
    const id = pid(f.codeName, where);
    const onDate = addDays(today, -f.daysAgo);
    const [owner] = await db.query<{ owner_id: number | null }>('select owner_id from projects where id = $1', [id]);
    const input = {
      onDate,
      kind: f.kind,
      note: f.note,
      nextOn: f.nextInDays === undefined ? null : addDays(today, f.nextInDays),
    };
    const row = await seedStep(where, () =>
      addFollowUp(db, { projectId: id, input: ZFollowUpInput.parse(input) }, at(`${onDate}T10:00:00Z`)),
    );
    await db.query('update project_follow_ups set synthetic = true, by_user_id = $2 where id = $1', [
      (row as { id: number }).id,
      owner?.owner_id ?? null,
    ]);
  }
  for (const [i, o] of file.orders.entries()) {
    const where = `orders[${i}]`;
    const id = pid(o.codeName, where);
    const status = o.status ?? 'open';
    const issuerId = (await user(o.issuedBy, where)) as number;
    const issuer = (await loadActor(db, issuerId)) ?? undefined;
    const dueOn = addDays(today, o.dueInDays);
    const assigneeId = await user(o.assignee, where);
    const issuedAt = `${addDays(today, o.dueInDays - 10)}T09:00:00Z`;
    // An order cannot be issued with a past due date: issue it due today, then set the demo's date.
    const order = await seedStep(where, () =>
      issueOrder(
        db,
        {
          projectId: id,
          input: { instruction: o.instruction, dueOn: dueOn < today ? today : dueOn, assigneeId },
        },
        { actor: issuer, via: 'demo', at: issuedAt },
      ),
    );
    let version = order.version as number;
    if (o.response) {
      version = (
        await seedStep(where, () =>
          respondOrder(
            db,
            { id: order.id as number, response: o.response as string, version },
            at(`${addDays(today, o.dueInDays - 1)}T10:00:00Z`),
          ),
        )
      ).version as number;
    }
    if (status === 'closed') {
      await seedStep(where, () => closeOrder(db, { id: order.id as number, version }, at(`${dueOn}T10:00:00Z`)));
    }
    await db.query(
      `update supervision_orders set due_on = $2, synthetic = true, created_at = $3,
         responded_at = case when responded_at is null then null else $4::timestamptz end,
         closed_at = case when closed_at is null then null else $5::timestamptz end where id = $1`,
      [order.id, dueOn, issuedAt, `${addDays(today, o.dueInDays - 1)}T10:00:00Z`, `${dueOn}T10:00:00Z`],
    );
  }
  return projectIds.size;
}
