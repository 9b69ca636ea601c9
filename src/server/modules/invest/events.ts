/**
 * Events of investment promotion: the registry's events (0001) with organisers, participants,
 * people, itinerary, and outcomes — signings and intentions, each linked to a project, so an
 * event's result is followed to landing (signed → started → producing).
 */
import type { z } from 'zod';
import { fieldProblem } from '../../../contracts/errors.js';
import type { ZEventDetails, ZOutcomeInput } from '../../../contracts/invest.js';
import type { Db } from '../../../db/connect.js';
import { AppError, forbidden, invalid, notFound } from '../../lib/errors.js';
import type { Ctx } from '../../lib/resource.js';
import { likeEscape, present, Sql } from '../../lib/sql.js';
import { writeAudit } from '../../platform/audit.js';
import type { Actor } from '../auth/actor.js';
import { appendTimeline, loadProject, loadWritable, PROJECT_SELECT, projectReadScope } from './repository.js';
import type { EventDetail, EventListRow, EventOutcomeRow, EventRow, ItineraryRow } from './types.js';

export const mayEditEvents = (a: Actor | undefined) =>
  !a || (!a.readOnly && ['city_admin', 'district_user', 'investment_officer'].includes(a.role));

const RESULTS = `(select count(*)::int from event_outcomes o where o.event_id = e.id and o.kind = 'signing') as signed_projects,
  (select count(*)::int from event_outcomes o where o.event_id = e.id and o.kind = 'intention') as intention_projects,
  (select count(*)::int from event_outcomes o join projects p on p.id = o.project_id
     where o.event_id = e.id and o.kind = 'signing' and p.stage in ('started', 'in_production')) as started_projects,
  (select count(*)::int from event_outcomes o join projects p on p.id = o.project_id
     where o.event_id = e.id and o.kind = 'signing' and p.stage = 'in_production') as producing_projects,
  (select coalesce(sum(p.investment_wan), 0) from event_outcomes o join projects p on p.id = o.project_id
     where o.event_id = e.id and o.kind = 'signing') as signed_investment_wan`;

export async function listEvents(
  db: Db,
  f: { kind?: string; q?: string; limit: number; offset: number },
): Promise<{ total: number; items: EventListRow[] }> {
  const q = new Sql();
  const where: string[] = [];
  if (f.kind) where.push(`e.kind = ${q.p(f.kind)}`);
  if (f.q) {
    const like = q.p(`%${likeEscape(f.q)}%`);
    where.push(`(e.name ilike ${like} or e.city ilike ${like})`);
  }
  const rows = await db.query(
    `select e.id, e.name, e.kind, e.city, e.started_on, e.ended_on, e.date_estimated, e.signings, e.intentions, e.participants, e.source_id,
        e.synthetic, e.as_of, ${RESULTS}, count(*) over ()::int as total_count
       from events e ${where.length ? `where ${where.join(' and ')}` : ''}
      order by e.started_on desc nulls last, e.id limit ${q.p(f.limit)} offset ${q.p(f.offset)}`,
    q.params,
  );
  return {
    total: (rows[0]?.total_count as number | undefined) ?? 0,
    items: rows.map(({ total_count: _, ...r }) => present<EventListRow>(r)),
  };
}

export async function eventDetail(db: Db, id: number, ctx: Ctx | undefined): Promise<EventDetail> {
  const [row] = await db.query(
    `select e.*, s.title as source_title, ${RESULTS} from events e left join sources s on s.id = e.source_id where e.id = $1`,
    [id],
  );
  if (!row) throw notFound();
  const itinerary = await db.query(
    `select i.*, pk.name as park_name, en.name as enterprise_name from event_itinerary i
       left join parks pk on pk.id = i.park_id left join enterprises en on en.id = i.enterprise_id
      where i.event_id = $1 order by i.position, i.id`,
    [id],
  );
  const q = new Sql();
  q.p(id);
  const read = projectReadScope(ctx?.actor, q);
  // Every outcome is counted; a project outside the actor's scope shows only its code name and stage.
  const outcomes = await db.query(
    `select o.*, p.code_name, p.stage, p.investment_wan, p.synthetic as project_synthetic,
        (p.id in (select t.id from (${PROJECT_SELECT}) t ${read ? `where ${read}` : ''})) as readable
       from event_outcomes o join projects p on p.id = o.project_id where o.event_id = $1 order by o.kind, p.code_name`,
    q.params,
  );
  return {
    event: present<EventRow>(row),
    itinerary: itinerary.map((r) => present<ItineraryRow>(r)),
    // the planned investment of a project the actor may not open is withheld, as its investor is
    outcomes: outcomes
      .map((r) => present<EventOutcomeRow>(r))
      .map((o) => (o.readable ? o : { ...o, investmentWan: null })),
    canEdit: mayEditEvents(ctx?.actor),
  };
}

export async function updateEventDetails(
  db: Db,
  { id, body }: { id: number; body: z.output<typeof ZEventDetails> },
  ctx: Ctx | undefined,
) {
  if (!mayEditEvents(ctx?.actor)) throw forbidden();
  return db.tx(async (t) => {
    const [cur] = await t.query<{ version: number }>('select version from events where id = $1', [id]);
    if (!cur) throw notFound();
    if (cur.version !== body.version)
      throw new AppError(409, 'stale_version', [], { current: (await eventDetail(t, id, ctx)).event });
    const problems = [];
    for (const [i, it] of body.itinerary.entries()) {
      if (it.parkId && (await t.query('select 1 from parks where id = $1', [it.parkId])).length === 0)
        problems.push(fieldProblem(['itinerary', i, 'parkId'], 'reference_not_found'));
      if (it.enterpriseId && (await t.query('select 1 from enterprises where id = $1', [it.enterpriseId])).length === 0)
        problems.push(fieldProblem(['itinerary', i, 'enterpriseId'], 'reference_not_found'));
    }
    if (problems.length) throw invalid(problems);
    await t.query(
      `update events set organisers = $2::jsonb, participant_orgs = $3::jsonb, people = $4::jsonb,
         version = version + 1, updated_at = now() where id = $1`,
      [id, JSON.stringify(body.organisers), JSON.stringify(body.participantOrgs), JSON.stringify(body.people)],
    );
    await t.query('delete from event_itinerary where event_id = $1', [id]);
    for (const [i, it] of body.itinerary.entries()) {
      await t.query(
        `insert into event_itinerary (event_id, position, on_date, kind, place, park_id, enterprise_id, note)
         values ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [id, i, it.onDate ?? null, it.kind, it.place, it.parkId ?? null, it.enterpriseId ?? null, it.note ?? null],
      );
    }
    await writeAudit(t, ctx, {
      entity: 'events',
      entityId: id,
      action: 'update',
      new: { details: { organisers: body.organisers.length, itinerary: body.itinerary.length } },
    });
    return eventDetail(t, id, ctx);
  });
}

/** Records a signing or intention at an event for a project the actor may change. */
export async function addOutcome(
  db: Db,
  { eventId, input }: { eventId: number; input: z.output<typeof ZOutcomeInput> },
  ctx: Ctx | undefined,
) {
  return db.tx(async (t) => {
    const [ev] = await t.query<{ name: string }>('select name from events where id = $1', [eventId]);
    if (!ev) throw notFound();
    await loadWritable(t, input.projectId, ctx);
    const rows = await t.query(
      `insert into event_outcomes (event_id, project_id, kind, on_date, note) values ($1, $2, $3, $4, $5)
       on conflict (event_id, project_id, kind) do nothing returning id`,
      [eventId, input.projectId, input.kind, input.onDate ?? null, input.note ?? null],
    );
    if (rows.length === 0) throw new AppError(409, 'duplicate', [fieldProblem(['projectId'], 'duplicate')]);
    await appendTimeline(
      t,
      input.projectId,
      ctx,
      { kind: 'outcome', changes: { eventId, event: ev.name, kind: input.kind, onDate: input.onDate ?? null } },
      { entity: 'event_outcomes', entityId: rows[0]!.id as number, action: 'create', new: { eventId, ...input } },
    );
    return eventDetail(t, eventId, ctx);
  });
}

export async function removeOutcome(
  db: Db,
  { eventId, outcomeId }: { eventId: number; outcomeId: number },
  ctx: Ctx | undefined,
) {
  return db.tx(async (t) => {
    const [o] = await t.query<{ project_id: number; kind: string }>(
      'select project_id, kind from event_outcomes where id = $1 and event_id = $2',
      [outcomeId, eventId],
    );
    if (!o) throw notFound();
    await loadWritable(t, o.project_id, ctx);
    await t.query('delete from event_outcomes where id = $1', [outcomeId]);
    await appendTimeline(
      t,
      o.project_id,
      ctx,
      { kind: 'outcome', changes: { eventId, kind: o.kind, removed: true } },
      {
        entity: 'event_outcomes',
        entityId: outcomeId,
        action: 'delete',
        old: { eventId, projectId: o.project_id, kind: o.kind },
      },
    );
    await loadProject(t, o.project_id, ctx);
    return eventDetail(t, eventId, ctx);
  });
}
