/**
 * Coordinated visits (一企一访): one visit calendar per firm shared by every agency. Planning a visit
 * warns of visits by other organisations within the quiet period (before and after the date) and
 * offers to join one instead; a held visit's flags open tickets with the team that owns each flag.
 */
import { fieldProblem } from '../../../contracts/errors.js';
import { FLAG_CATEGORY, type TVisit, type VisitFlag } from '../../../contracts/services.js';
import type { Db } from '../../../db/connect.js';
import { AppError, forbidden, notFound } from '../../lib/errors.js';
import type { Ctx } from '../../lib/resource.js';
import { Sql } from '../../lib/sql.js';
import { writeAudit } from '../../platform/audit.js';
import { readScope, redact } from '../../platform/policy/registry.js';
import type { Actor } from '../auth/actor.js';
import { nowOf, openTicket } from './tickets.js';

interface VisitRow extends Record<string, unknown> {
  id: number;
  enterprise_id: number;
  enterprise_name: string;
  organisation_id: number;
  organisation_name: string;
  joined: { id: number; name: string }[] | null;
  planned_on: string;
  held_on: string | null;
  status: TVisit['status'];
  purpose: string;
  notes: string;
  flags: string[];
  ticket_ids: number[] | null;
  synthetic: boolean;
  version: number;
}

const VISITS = `(select v.id, v.enterprise_id, e.name as enterprise_name, v.organisation_id, o.name as organisation_name,
    (select json_agg(json_build_object('id', j.id, 'name', j.name) order by j.id) from organisations j
      where j.id = any(v.joined_organisation_ids)) as joined,
    to_char(v.planned_on, 'YYYY-MM-DD') as planned_on, to_char(v.held_on, 'YYYY-MM-DD') as held_on, v.status,
    v.purpose, v.notes, v.flags,
    (select array_agg(t.id order by t.id) from service_tickets t where t.visit_id = v.id) as ticket_ids,
    v.synthetic, v.version, v.joined_organisation_ids
  from service_visits v join enterprises e on e.id = v.enterprise_id join organisations o on o.id = v.organisation_id)`;

function present(a: Actor | undefined, r: VisitRow): TVisit {
  const v: TVisit = {
    id: r.id,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    joinedOrganisations: r.joined ?? [],
    plannedOn: r.planned_on,
    heldOn: r.held_on,
    status: r.status,
    purpose: r.purpose,
    notes: r.notes,
    flags: r.flags,
    ticketIds: r.ticket_ids ?? [],
    synthetic: r.synthetic,
    version: r.version,
  };
  const out = redact(a, 'service-visits', v as unknown as Record<string, unknown>) as unknown as TVisit & {
    redacted?: string[];
  };
  if (out.redacted) {
    // Redaction blanks to null; the wire keeps flags a list and ticket links out of the firm's view.
    out.flags = [];
    out.ticketIds = [];
    delete out.redacted;
  }
  return out;
}

export async function listVisits(
  db: Db,
  a: Actor | undefined,
  f: { enterpriseId?: number | undefined; from?: string | undefined; to?: string | undefined },
): Promise<TVisit[]> {
  const q = new Sql();
  const where: string[] = [];
  const scope = a ? readScope(a, 'service-visits', q) : null;
  if (scope) where.push(scope);
  if (f.enterpriseId) where.push(`t.enterprise_id = ${q.p(f.enterpriseId)}`);
  if (f.from) where.push(`t.planned_on >= ${q.p(f.from)}`);
  if (f.to) where.push(`t.planned_on <= ${q.p(f.to)}`);
  const rows = await db.query<VisitRow>(
    `select * from ${VISITS} t ${where.length ? `where ${where.join(' and ')}` : ''} order by t.planned_on desc, t.id desc limit 500`,
    q.params,
  );
  return rows.map((r) => present(a, r));
}

async function loadVisit(db: Db, a: Actor | undefined, id: number): Promise<VisitRow> {
  const q = new Sql();
  const where = [`t.id = ${q.p(id)}`];
  const scope = a ? readScope(a, 'service-visits', q) : null;
  if (scope) where.push(scope);
  const [r] = await db.query<VisitRow>(`select * from ${VISITS} t where ${where.join(' and ')}`, q.params);
  if (!r) throw notFound();
  return r;
}

export const getVisit = async (db: Db, a: Actor | undefined, id: number) => present(a, await loadVisit(db, a, id));

export async function quietPeriodDays(db: Db): Promise<number> {
  const [s] = await db.query<{ quiet_period_days: number }>(
    'select quiet_period_days from service_settings where id = 1',
  );
  return s?.quiet_period_days ?? 30;
}

/** Visits to the firm by other organisations within the quiet period around `day` (planned or held). */
export async function othersNear(
  db: Db,
  a: Actor | undefined,
  enterpriseId: number,
  day: string,
  orgId: number | null,
) {
  const days = await quietPeriodDays(db);
  const rows = await db.query<VisitRow>(
    `select * from ${VISITS} t where t.enterprise_id = $1 and t.status <> 'cancelled'
        and coalesce(t.held_on, t.planned_on)::date between $2::date - $3::int and $2::date + $3::int
        and ($4::int is null or not (t.organisation_id = $4 or $4 = any(t.joined_organisation_ids)))
      order by t.planned_on`,
    [enterpriseId, day, days, orgId],
  );
  return { quietPeriodDays: days, others: rows.map((r) => present(a, r)) };
}

/** Plans a visit; refused with the conflicting visits unless confirmed (then planned anyway). */
export async function planVisit(
  db: Db,
  input: {
    enterpriseId: number;
    plannedOn: string;
    purpose: string;
    confirmDespiteRecent: boolean;
    synthetic?: boolean;
    organisationId?: number;
  },
  ctx: Ctx,
) {
  const a = ctx.actor;
  if (a?.readOnly) throw forbidden();
  return db.tx(async (tx) => {
    const [e] = await tx.query('select id from enterprises where id = $1', [input.enterpriseId]);
    if (!e) throw new AppError(422, 'validation_failed', [fieldProblem(['enterpriseId'], 'reference_not_found')]);
    const org = a?.organisationId ?? input.organisationId ?? null;
    if (org === null) throw forbidden();
    const conflict = await othersNear(tx, a, input.enterpriseId, input.plannedOn, org);
    if (conflict.others.length > 0 && !input.confirmDespiteRecent) return { visit: null, conflict };
    const [row] = await tx.query<{ id: number }>(
      `insert into service_visits (enterprise_id, organisation_id, planned_on, purpose, created_by, synthetic, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $7) returning id`,
      [
        input.enterpriseId,
        org,
        input.plannedOn,
        input.purpose,
        a?.userId ?? null,
        input.synthetic ?? false,
        new Date(nowOf(ctx)),
      ],
    );
    const id = row?.id as number;
    await writeAudit(tx, ctx, {
      entity: 'service_visits',
      entityId: id,
      action: 'create',
      new: {
        enterpriseId: input.enterpriseId,
        organisationId: org,
        plannedOn: input.plannedOn,
        purpose: input.purpose,
      },
    });
    return { visit: present(a, await loadVisit(tx, a, id)), conflict: conflict.others.length > 0 ? conflict : null };
  });
}

/** Joins another organisation's visit instead of planning one's own. */
export async function joinVisit(db: Db, id: number, ctx: Ctx): Promise<TVisit> {
  const a = ctx.actor;
  if (a?.readOnly || !a) throw forbidden();
  return db.tx(async (tx) => {
    const v = await loadVisit(tx, a, id);
    if (v.status !== 'planned') throw new AppError(409, 'services.visit_state');
    if (v.organisation_id === a.organisationId) throw new AppError(409, 'services.visit_own');
    await tx.query(
      `update service_visits set joined_organisation_ids = array(select distinct unnest(joined_organisation_ids || $2::int)),
         version = version + 1, updated_at = now() where id = $1`,
      [id, a.organisationId],
    );
    await writeAudit(tx, ctx, {
      entity: 'service_visits',
      entityId: id,
      action: 'update',
      new: { joined: a.organisationId },
    });
    return present(a, await loadVisit(tx, a, id));
  });
}

/** Records a held visit: notes and flags; each new flag opens a ticket with the team that owns it. */
export async function recordVisit(
  db: Db,
  id: number,
  input: { heldOn: string; notes: string; flags: VisitFlag[] },
  ctx: Ctx,
): Promise<TVisit> {
  const a = ctx.actor;
  if (a?.readOnly) throw forbidden();
  return db.tx(async (tx) => {
    const v = await loadVisit(tx, a, id);
    if (a && a.role !== 'city_admin' && v.organisation_id !== a.organisationId) throw forbidden();
    if (v.status === 'cancelled') throw new AppError(409, 'services.visit_state');
    const before = new Set(v.flags);
    const flags = [...new Set(input.flags)];
    await tx.query(
      `update service_visits set held_on = $2, notes = $3, flags = $4, status = 'held', version = version + 1, updated_at = now() where id = $1`,
      [id, input.heldOn, input.notes, flags],
    );
    await writeAudit(tx, ctx, {
      entity: 'service_visits',
      entityId: id,
      action: 'update',
      old: { status: v.status, heldOn: v.held_on, notes: v.notes, flags: v.flags },
      new: { status: 'held', ...input, flags },
    });
    for (const f of flags.filter((x) => !before.has(x))) {
      await openTicket(
        tx,
        {
          enterpriseId: v.enterprise_id,
          categoryCode: FLAG_CATEGORY[f],
          title: `走访发现：${FLAG_TITLE[f]}`,
          body: input.notes.slice(0, 2000),
          attachments: [],
          channel: 'visit',
          visitId: id,
          visitFlag: f,
          synthetic: v.synthetic,
        },
        ctx,
      );
    }
    return present(a, await loadVisit(tx, a, id));
  });
}

export async function cancelVisit(db: Db, id: number, ctx: Ctx): Promise<TVisit> {
  const a = ctx.actor;
  if (a?.readOnly) throw forbidden();
  return db.tx(async (tx) => {
    const v = await loadVisit(tx, a, id);
    if (a && a.role !== 'city_admin' && v.organisation_id !== a.organisationId) throw forbidden();
    if (v.status !== 'planned') throw new AppError(409, 'services.visit_state');
    await tx.query(
      `update service_visits set status = 'cancelled', version = version + 1, updated_at = now() where id = $1`,
      [id],
    );
    await writeAudit(tx, ctx, {
      entity: 'service_visits',
      entityId: id,
      action: 'update',
      old: { status: v.status },
      new: { status: 'cancelled' },
    });
    return present(a, await loadVisit(tx, a, id));
  });
}

const FLAG_TITLE: Record<VisitFlag, string> = {
  financing_need: '融资需求',
  space_need: '用地或空间需求',
  hiring: '招聘用工需求',
  relocation_risk: '外迁风险',
  policy_question: '政策咨询',
};

/** Firms at risk for the bureau: relocation-risk flags and open retention tickets, last visit. */
export async function retention(db: Db, a: Actor | undefined) {
  const q = new Sql();
  const scope = a ? readScope(a, 'service-visits', q) : null;
  const rows = await db.query<{
    enterprise_id: number;
    enterprise_name: string;
    region_code: string | null;
    last_visit_on: string | null;
    risk_flags: number;
    open_retention_tickets: number;
    last_flagged_on: string | null;
  }>(
    `with v as (select * from service_visits t ${scope ? `where ${scope}` : ''}),
      risk as (select enterprise_id, count(*)::int as risk_flags, max(coalesce(held_on, planned_on)) as last_flagged
                 from v where 'relocation_risk' = any(flags) group by enterprise_id),
      open_t as (select enterprise_id, count(*)::int as n from service_tickets
                  where category_code = 'management.retention' and status in ('open', 'waiting_enterprise') group by enterprise_id),
      firms as (select enterprise_id from risk union select enterprise_id from open_t
                 where enterprise_id in (select enterprise_id from v) or ${scope ? 'false' : 'true'})
     select f.enterprise_id, e.name as enterprise_name, e.region_code,
            (select to_char(max(coalesce(held_on, planned_on)), 'YYYY-MM-DD') from v where v.enterprise_id = f.enterprise_id and v.status = 'held') as last_visit_on,
            coalesce(r.risk_flags, 0) as risk_flags, coalesce(o.n, 0) as open_retention_tickets,
            to_char(r.last_flagged, 'YYYY-MM-DD') as last_flagged_on
       from firms f join enterprises e on e.id = f.enterprise_id
       left join risk r on r.enterprise_id = f.enterprise_id left join open_t o on o.enterprise_id = f.enterprise_id
      order by coalesce(o.n, 0) desc, coalesce(r.risk_flags, 0) desc, e.name limit 500`,
    q.params,
  );
  return rows.map((r) => ({
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    regionCode: r.region_code,
    lastVisitOn: r.last_visit_on,
    riskFlags: r.risk_flags,
    openRetentionTickets: r.open_retention_tickets,
    lastFlaggedOn: r.last_flagged_on,
  }));
}
