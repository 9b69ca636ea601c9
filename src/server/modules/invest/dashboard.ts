/** Results dashboard: the projects in the actor's scope, aggregated by the pure results module. */
import type { AgreementKind, OriginRegion, ProjectStage } from '../../../contracts/invest.js';
import type { Db } from '../../../db/connect.js';
import { originRegion } from '../../../domain/invest/regions.js';
import { aggregateResults, type ResultRow } from '../../../domain/invest/results.js';
import type { Ctx } from '../../lib/resource.js';
import { Sql } from '../../lib/sql.js';
import { PROJECT_SELECT, projectReadScope } from './repository.js';

export async function dashboard(
  db: Db,
  f: { eventId?: number; parkId?: number; chainCode?: string },
  ctx: Ctx | undefined,
) {
  const q = new Sql();
  const where: string[] = [];
  const read = projectReadScope(ctx?.actor, q);
  if (read) where.push(read);
  if (f.parkId) where.push(`t.park_id = ${q.p(f.parkId)}`);
  if (f.chainCode) where.push(`t.chain_code = ${q.p(f.chainCode)}`);
  if (f.eventId) {
    const ev = q.p(f.eventId);
    where.push(
      `(t.source_event_id = ${ev} or exists (select 1 from event_outcomes o where o.project_id = t.id and o.event_id = ${ev}))`,
    );
  }
  const rows = await db.query<{
    id: number;
    stage: ProjectStage;
    lost_from_stage: ProjectStage | null;
    investment_wan: number | null;
    owner_id: number | null;
    owner_name: string | null;
    park_id: number | null;
    park_name: string | null;
    chain_code: string | null;
    region: string | null;
    investor_country: string | null;
    events: { id: number; name: string }[] | null;
    intention: boolean;
    agreement_kind: AgreementKind | null;
    contracted_investment_wan: number | null;
    funds_in_place_wan: number | null;
    library_on: string | null;
    stats_on: string | null;
  }>(
    `select t.id, t.stage, t.agreement_kind, t.contracted_investment_wan, t.funds_in_place_wan, t.library_on, t.stats_on, t.lost_from_stage, t.investment_wan, t.owner_id, t.owner_name, t.park_id, t.park_name, t.chain_code,
        coalesce(t.investor_region_code, t.investor_enterprise_region) as region, t.investor_country,
        (select jsonb_agg(distinct jsonb_build_object('id', e.id, 'name', e.name)) from events e
          where e.id in (select o.event_id from event_outcomes o where o.project_id = t.id and o.kind = 'signing')
             or (e.id = t.source_event_id and not exists (select 1 from event_outcomes o2 where o2.project_id = t.id and o2.kind = 'signing')
                 and t.stage in ('signed', 'started', 'in_production'))) as events,
        exists (select 1 from event_outcomes o where o.project_id = t.id and o.kind = 'intention') as intention
       from (${PROJECT_SELECT}) t ${where.length ? `where ${where.join(' and ')}` : ''}`,
    q.params,
  );
  const input: ResultRow[] = rows.map((r) => ({
    id: r.id,
    stage: r.stage,
    lostFromStage: r.lost_from_stage,
    investmentWan: r.investment_wan,
    owner: r.owner_id ? { id: r.owner_id, name: r.owner_name ?? '' } : null,
    park: r.park_id ? { id: r.park_id, name: r.park_name ?? '' } : null,
    chainCode: r.chain_code,
    originRegion: originRegion(r.region, r.investor_country) as OriginRegion,
    events: r.events ?? [],
    intention: r.intention,
    agreementKind: r.agreement_kind,
    contractedInvestmentWan: r.contracted_investment_wan,
    fundsInPlaceWan: r.funds_in_place_wan,
    inLibrary: r.library_on !== null,
    inStats: r.stats_on !== null,
  }));
  return aggregateResults(input);
}
