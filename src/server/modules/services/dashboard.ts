/** Agency dashboard figures: tickets by service system and park in the caller's scope, visits. */
import { SERVICE_SYSTEMS } from '../../../contracts/services.js';
import type { Db } from '../../../db/connect.js';
import { Sql } from '../../lib/sql.js';
import { readScope } from '../../platform/policy/registry.js';
import type { Actor } from '../auth/actor.js';
import { TICKETS } from './ticket-store.js';

export async function dashboard(db: Db, a: Actor | undefined, from?: string, to?: string) {
  const end = to ?? new Date().toISOString().slice(0, 10);
  const start = from ?? new Date(Date.parse(end) - 365 * 86_400_000).toISOString().slice(0, 10);
  const q = new Sql();
  const scope = a ? readScope(a, 'service-tickets', q) : null;
  const where = [`t.status <> 'merged'`, `t.created_at >= ${q.p(start)}::date`, `t.created_at < ${q.p(end)}::date + 1`];
  if (scope) where.push(scope);
  const base = `select t.* from ${TICKETS} t where ${where.join(' and ')}`;
  // Met: answered by the due time; missed: answered late, or still unanswered past it.
  const figures = `count(*)::int as tickets,
      count(*) filter (where first_response_at is not null and (first_response_due is null or first_response_at <= first_response_due))::int as fr_met,
      count(*) filter (where first_response_due is not null and coalesce(first_response_at, now()) > first_response_due)::int as fr_missed,
      count(*) filter (where resolved_at is not null and (resolution_due is null or resolved_at <= resolution_due))::int as res_met,
      count(*) filter (where resolution_due is not null and coalesce(resolved_at, now()) > resolution_due)::int as res_missed,
      avg(satisfaction)::float as sat, count(satisfaction)::int as rated`;
  type Fig = {
    tickets: number;
    fr_met: number;
    fr_missed: number;
    res_met: number;
    res_missed: number;
    sat: number | null;
    rated: number;
  };
  const bySys = await db.query<Fig & { system: string }>(
    `select system, ${figures} from (${base}) x group by system`,
    q.params,
  );
  const byPark = await db.query<Fig & { park_id: number | null; park_name: string | null }>(
    `select park_id, park_name, ${figures} from (${base}) x group by park_id, park_name order by count(*) desc limit 50`,
    q.params,
  );
  const [tot] = await db.query<{ total: number; open: number }>(
    `select count(*)::int as total, count(*) filter (where status in ('open', 'waiting_enterprise'))::int as open from (${base}) x`,
    q.params,
  );
  const vq = new Sql();
  const vscope = a ? readScope(a, 'service-visits', vq) : null;
  const [v] = await db.query<{ planned: number; held: number; flagged: number }>(
    `select count(*) filter (where status = 'planned')::int as planned, count(*) filter (where status = 'held')::int as held,
            count(*) filter (where cardinality(flags) > 0)::int as flagged
       from service_visits t where t.planned_on between ${vq.p(start)}::date and ${vq.p(end)}::date ${vscope ? `and ${vscope}` : ''}`,
    vq.params,
  );
  const round = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);
  const sys = new Map(bySys.map((s) => [s.system, s]));
  return {
    from: start,
    to: end,
    total: tot?.total ?? 0,
    open: tot?.open ?? 0,
    bySystem: SERVICE_SYSTEMS.map((system) => {
      const s = sys.get(system);
      return {
        system,
        tickets: s?.tickets ?? 0,
        firstResponseMet: s?.fr_met ?? 0,
        firstResponseMissed: s?.fr_missed ?? 0,
        resolutionMet: s?.res_met ?? 0,
        resolutionMissed: s?.res_missed ?? 0,
        satisfactionAvg: round(s?.sat ?? null),
        rated: s?.rated ?? 0,
      };
    }),
    byPark: byPark.map((p) => ({
      parkId: p.park_id,
      parkName: p.park_name,
      tickets: p.tickets,
      firstResponseMet: p.fr_met,
      firstResponseMissed: p.fr_missed,
      satisfactionAvg: round(p.sat),
    })),
    visits: { planned: v?.planned ?? 0, held: v?.held ?? 0, flagged: v?.flagged ?? 0 },
  };
}
