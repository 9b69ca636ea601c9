/**
 * Floor plans as use cases: the building and its current tenants as a planning problem, solving a
 * plan (domain/space/plan.ts), hand moves re-checked by the independent checker (a move that breaks
 * a hard limit is refused with the broken rule named, nothing saved), and accepting a plan into the
 * floor directory's occupancies.
 */

import { fieldProblem } from '../../../contracts/errors.js';
import type { TFloorPlan, TPlanInput, TPlanTenant, TUpstairsRule } from '../../../contracts/space.js';
import type { Db } from '../../../db/connect.js';
import { checkPlan } from '../../../domain/space/check-plan.js';
import { explainPlan, type PlanBuilding, type PlanProblem, solvePlan } from '../../../domain/space/plan.js';
import { AppError, forbidden, notFound } from '../../lib/errors.js';
import type { Ctx } from '../../lib/resource.js';
import { Sql } from '../../lib/sql.js';
import { writeAudit } from '../../platform/audit.js';
import { readScope, writeScope } from '../../platform/policy/index.js';
import { currentRuleSet } from './rules.js';
import { todayIso } from './search-sites.js';

const STAGE_RANK: Record<string, number> = { upstream: 0, midstream: 1, downstream: 2 };

/** The building as the planner sees it; 404 unless the caller reads its plans, 403 unless it plans there. */
export async function loadPlanBuilding(db: Db, buildingId: number, ctx: Ctx, needWrite: boolean) {
  const q = new Sql();
  const a = ctx.actor;
  const read = a ? readScope(a, 'space-plans', q) : null;
  const write = a ? writeScope(a, 'space-plans', q) : null;
  const [b] = await db.query<{
    id: number;
    name: string;
    park_id: number;
    leading_industry: string | null;
    elevator_t: number | null;
    truck: number[] | null;
    can: boolean;
  }>(
    `select t.id, t.name, t.park_id, t.leading_industry, coalesce(bs.freight_elevator_t, t.freight_elevator_capacity_t) as elevator_t, bs.truck_access_floors as truck,
            (${write === false ? 'false' : (write ?? 'true')}) as can
       from buildings t left join space_building_specs bs on bs.building_id = t.id
      where t.id = ${q.p(buildingId)}${read ? ` and ${read}` : ''}`,
    q.params,
  );
  if (!b) throw notFound();
  if (needWrite && !b.can) throw forbidden();
  const floors = await db.query<{
    floor_no: number;
    area_m2: number | null;
    unit_area: number | null;
    floor_load_kn_m2: number | null;
    clear_height_m: number | null;
    power_kva: number | null;
    features: string[];
  }>(
    `select f.floor_no, f.area_m2, (select sum(u.area_m2) from units u where u.floor_id = f.id)::float8 as unit_area,
            f.floor_load_kn_m2, f.clear_height_m, f.power_kva, f.features
       from floors f where f.building_id = $1 and f.floor_no > 0 order by f.floor_no`,
    [buildingId],
  );
  const truck = b.truck ?? [1];
  const building: PlanBuilding = {
    elevatorT: b.elevator_t,
    leadingIndustry: b.leading_industry,
    floors: floors.map((f) => ({
      floorNo: f.floor_no,
      // Lettable area: the units' sum where units are recorded, else the floor's area.
      areaM2: f.unit_area ?? f.area_m2 ?? 0,
      floorLoadKnM2: f.floor_load_kn_m2 ?? 0,
      clearHeightM: f.clear_height_m ?? 0,
      powerKva: f.power_kva,
      truckAccess: truck.includes(f.floor_no) || f.features.includes('truck_access'),
      vibrationUmS: null,
    })),
  };
  return { id: b.id, name: b.name, parkId: b.park_id, building };
}

/**
 * The building's current tenants as plan tenants: their occupied area, the load and clear height of
 * the floor they are on (a lower bound of what they need, an assumption), chain rank from their
 * chain stage (upstream 0, midstream 1, downstream 2), supply links among them weighted 1.
 */
export async function currentTenants(db: Db, buildingId: number) {
  const rows = await db.query<{
    enterprise_id: number;
    name: string;
    chain_code: string | null;
    chain_stage: string | null;
    area: number;
    load: number | null;
    height: number | null;
    floor_no: number;
  }>(
    `select e.id as enterprise_id, e.name, e.chain_code, e.chain_stage, sum(coalesce(o.area_m2, u.area_m2, 0))::float8 as area,
            min(f.floor_load_kn_m2) as load, min(f.clear_height_m) as height, min(f.floor_no) as floor_no
       from occupancies o join units u on u.id = o.unit_id join floors f on f.id = u.floor_id
       join enterprises e on e.id = o.enterprise_id
      where f.building_id = $1 and (o.ended_on is null or o.ended_on >= current_date)
      group by e.id order by min(f.floor_no) desc, e.id`,
    [buildingId],
  );
  const tenants: TPlanTenant[] = rows
    .filter((r) => r.area > 0)
    .map((r) => ({
      key: `e${r.enterprise_id}`,
      name: r.name,
      enterpriseId: r.enterprise_id,
      areaM2: r.area,
      floorLoadKnM2: Math.max(0.5, Math.min(r.load ?? 2.5, 2.5)),
      clearHeightM: Math.max(2, Math.min(r.height ?? 3, 3)),
      powerKva: 0,
      elevatorT: 0,
      industry: r.chain_code ?? 'other',
      chainRank: STAGE_RANK[r.chain_stage ?? ''] ?? 1,
    }));
  const ids = rows.map((r) => r.enterprise_id);
  const links = await db.query<{ from: string; to: string }>(
    `select distinct 'e' || supplier_id as "from", 'e' || customer_id as "to" from supply_links
      where supplier_id = any($1::int[]) and customer_id = any($1::int[])`,
    [ids],
  );
  return { tenants, links: links.map((l) => ({ ...l, weight: 1 })) };
}

function problemOf(building: PlanBuilding, input: TPlanInput, rules: readonly TUpstairsRule[]): PlanProblem {
  return {
    building: { ...building, leadingIndustry: input.leadingIndustry ?? building.leadingIndustry },
    tenants: input.tenants.map((t) => ({ ...t, process: t.process })),
    links: input.links,
    rules,
    maxOtherShare: input.maxOtherShare,
    upstreamOnTop: input.upstreamOnTop,
  };
}

function violationsOf(p: PlanProblem, floorOf: Map<string, number | null>) {
  return checkPlan({
    floors: p.building.floors,
    elevatorT: p.building.elevatorT,
    leadingIndustry: p.building.leadingIndustry,
    maxOtherShare: p.maxOtherShare,
    upstreamOnTop: p.upstreamOnTop,
    rules: p.rules,
    tenants: p.tenants,
    links: p.links,
    placements: [...floorOf.entries()],
  });
}

function assertInput(input: TPlanInput, building: PlanBuilding): void {
  const errors = [];
  const seen = new Set<string>();
  for (const [i, t] of input.tenants.entries()) {
    if (seen.has(t.key)) errors.push(fieldProblem(['tenants', i, 'key'], 'duplicate'));
    seen.add(t.key);
  }
  for (const [i, l] of input.links.entries()) {
    if (!seen.has(l.from)) errors.push(fieldProblem(['links', i, 'from'], 'space.unknown_tenant'));
    if (!seen.has(l.to)) errors.push(fieldProblem(['links', i, 'to'], 'space.unknown_tenant'));
  }
  if (building.floors.length === 0) errors.push(fieldProblem(['buildingId'], 'space.no_floors'));
  if (errors.length > 0) throw new AppError(422, 'validation_failed', errors);
}

type StoredPlan = {
  id: number;
  building_id: number;
  status: 'draft' | 'accepted';
  method: string;
  objective: number | null;
  bound: number | null;
  gap: number | null;
  tenants: TPlanTenant[];
  placements: TFloorPlan['placements'];
  input: Omit<TPlanInput, 'tenants'>;
  created_at: Date | string;
  accepted_at: Date | string | null;
};

const iso = (d: Date | string | null) => (d === null ? null : d instanceof Date ? d.toISOString() : String(d));

function present(row: StoredPlan, violations: TFloorPlan['violations'], seconds: number | null): TFloorPlan {
  return {
    id: row.id,
    buildingId: row.building_id,
    status: row.status,
    method: row.method,
    objective: row.objective,
    bound: row.bound,
    gap: row.gap,
    seconds,
    tenants: row.tenants,
    placements: row.placements,
    violations,
    settings: {
      leadingIndustry: row.input.leadingIndustry ?? null,
      maxOtherShare: row.input.maxOtherShare ?? 0.3,
      upstreamOnTop: row.input.upstreamOnTop ?? true,
      links: row.input.links ?? [],
    },
    createdAt: iso(row.created_at)!,
    acceptedAt: iso(row.accepted_at),
  };
}

export async function createPlan(db: Db, buildingId: number, input: TPlanInput, ctx: Ctx): Promise<TFloorPlan> {
  const b = await loadPlanBuilding(db, buildingId, ctx, true);
  assertInput(input, b.building);
  const rules = (await currentRuleSet(db)).rules;
  const p = problemOf(b.building, input, rules);
  const r = await solvePlan(p, { timeLimitS: input.timeLimitS, method: input.method });
  const why = explainPlan(p, r.floorOf);
  const placements = p.tenants.map((t) => ({
    key: t.key,
    floorNo: r.floorOf.get(t.key) ?? null,
    reasons: why.get(t.key) ?? [],
  }));
  const violations = violationsOf(p, r.floorOf);
  const { tenants, ...settings } = input;
  return db.tx(async (tx) => {
    const [row] = await tx.query<StoredPlan>(
      `insert into space_floor_plans (building_id, tenants, placements, method, objective, bound, gap, created_by)
       values ($1, $2::jsonb, $3::jsonb, $4, $5, $6, $7, $8)
       returning *, $9::jsonb as input`,
      [
        buildingId,
        JSON.stringify({ tenants, settings }),
        JSON.stringify(placements),
        r.method,
        r.objective,
        r.bound,
        r.gap,
        ctx.actor?.username ?? 'system',
        JSON.stringify(settings),
      ],
    );
    await writeAudit(tx, ctx, {
      entity: 'space_floor_plans',
      entityId: row!.id,
      action: 'create',
      new: { buildingId, method: r.method, tenants: tenants.length, objective: r.objective, gap: r.gap },
    });
    return present({ ...row!, tenants, input: settings }, violations, r.seconds);
  });
}

/** A stored plan (tenants and settings are kept together in the tenants column). */
async function loadPlan(db: Db, id: number) {
  const [raw] = await db.query<
    Omit<StoredPlan, 'tenants' | 'input'> & {
      tenants: { tenants: TPlanTenant[]; settings: Omit<TPlanInput, 'tenants'> };
    }
  >('select * from space_floor_plans where id = $1', [id]);
  if (!raw) throw notFound();
  return { ...raw, tenants: raw.tenants.tenants, input: raw.tenants.settings } as StoredPlan;
}

/** A building's plans, newest first (50 at most), each re-checked under the current rules. */
export async function plansOf(db: Db, buildingId: number, ctx: Ctx): Promise<TFloorPlan[]> {
  const b = await loadPlanBuilding(db, buildingId, ctx, false);
  const rules = (await currentRuleSet(db)).rules;
  const ids = await db.query<{ id: number }>(
    'select id from space_floor_plans where building_id = $1 order by id desc limit 50',
    [buildingId],
  );
  const out: TFloorPlan[] = [];
  for (const { id } of ids) {
    const row = await loadPlan(db, id);
    const p = problemOf(b.building, { ...row.input, tenants: row.tenants }, rules);
    const floorOf = new Map(row.placements.map((x) => [x.key, x.floorNo]));
    out.push(present(row, violationsOf(p, floorOf), null));
  }
  return out;
}

/** Hand moves: applied, checked, and saved only when every hard limit still holds. */
export async function movePlan(
  db: Db,
  id: number,
  moves: { key: string; floorNo: number | null }[],
  ctx: Ctx,
): Promise<TFloorPlan> {
  return db.tx(async (tx) => {
    const row = await loadPlan(tx, id);
    const b = await loadPlanBuilding(tx, row.building_id, ctx, true);
    if (row.status === 'accepted') throw new AppError(409, 'space.plan_accepted');
    const keys = new Set(row.tenants.map((t) => t.key));
    const bad = moves.flatMap((m, i) =>
      keys.has(m.key) ? [] : [fieldProblem(['moves', i, 'key'], 'space.unknown_tenant')],
    );
    if (bad.length > 0) throw new AppError(422, 'validation_failed', bad);
    const rules = (await currentRuleSet(tx)).rules;
    const p = problemOf(b.building, { ...row.input, tenants: row.tenants }, rules);
    const floorOf = new Map(row.placements.map((x) => [x.key, x.floorNo]));
    for (const m of moves) floorOf.set(m.key, m.floorNo);
    const violations = violationsOf(p, floorOf);
    if (violations.length > 0) {
      const moved = new Map(moves.map((m, i) => [m.key, i]));
      throw new AppError(
        422,
        'space.plan_violation',
        violations.map((v) =>
          fieldProblem(
            v.key !== null && moved.has(v.key) ? ['moves', moved.get(v.key)!, 'floorNo'] : ['moves'],
            'space.plan_violation',
            {
              zh: v.zh,
              en: v.en,
            },
          ),
        ),
      );
    }
    const why = explainPlan(p, floorOf);
    const placements = p.tenants.map((t) => ({
      key: t.key,
      floorNo: floorOf.get(t.key) ?? null,
      reasons: why.get(t.key) ?? [],
    }));
    const objective = scoreOf(p, floorOf);
    await tx.query(
      `update space_floor_plans set placements = $2::jsonb, method = 'manual', objective = $3, bound = null, gap = null where id = $1`,
      [id, JSON.stringify(placements), objective],
    );
    await writeAudit(tx, ctx, {
      entity: 'space_floor_plans',
      entityId: id,
      action: 'update',
      old: { placements: row.placements.map((x) => [x.key, x.floorNo]) },
      new: { moves },
    });
    return present({ ...row, placements, method: 'manual', objective, bound: null, gap: null }, [], null);
  });
}

function scoreOf(p: PlanProblem, floorOf: Map<string, number | null>): number {
  let d = 0;
  for (const l of p.links) {
    const a = floorOf.get(l.from) ?? null;
    const b = floorOf.get(l.to) ?? null;
    if (a !== null && b !== null) d += l.weight * Math.abs(a - b);
  }
  return d;
}

/**
 * Accepting a plan writes the floor directory: each placed tenant that is a registered enterprise
 * gets a unit of its area on its floor (code P<floor>-<n>) and an occupancy from today; its other
 * current occupancies in the building end today. Re-checked first; one transaction.
 */
export async function acceptPlan(
  db: Db,
  id: number,
  ctx: Ctx,
): Promise<{ plan: TFloorPlan; occupancies: number; skipped: string[] }> {
  return db.tx(async (tx) => {
    const row = await loadPlan(tx, id);
    const b = await loadPlanBuilding(tx, row.building_id, ctx, true);
    if (row.status === 'accepted') throw new AppError(409, 'space.plan_accepted');
    const rules = (await currentRuleSet(tx)).rules;
    const p = problemOf(b.building, { ...row.input, tenants: row.tenants }, rules);
    const floorOf = new Map(row.placements.map((x) => [x.key, x.floorNo]));
    const violations = violationsOf(p, floorOf);
    if (violations.length > 0)
      throw new AppError(
        422,
        'space.plan_violation',
        violations.map((v) => fieldProblem(['placements'], 'space.plan_violation', { zh: v.zh, en: v.en })),
      );
    const today = todayIso();
    const skipped: string[] = [];
    let made = 0;
    const audits = [];
    for (const t of row.tenants) {
      const fl = floorOf.get(t.key) ?? null;
      if (fl === null) continue;
      if (!t.enterpriseId) {
        skipped.push(t.key);
        continue;
      }
      const ended = await tx.query<{ id: number }>(
        `update occupancies o set ended_on = $3, version = o.version + 1, updated_at = now()
           from units u join floors f on f.id = u.floor_id
          where o.unit_id = u.id and f.building_id = $1 and o.enterprise_id = $2
            and (o.ended_on is null or o.ended_on >= $3::date) and (o.started_on is null or o.started_on <= $3::date)
          returning o.id`,
        [row.building_id, t.enterpriseId, today],
      );
      for (const o of ended)
        audits.push({ entity: 'occupancies', entityId: o.id, action: 'update' as const, new: { endedOn: today } });
      const [unit] = await tx.query<{ id: number }>(
        `insert into units (floor_id, code, area_m2, status, source_id)
         select f.id, 'P' || f.floor_no || '-' || (select count(*) + 1 from units x where x.floor_id = f.id), $3, 'occupied', 'user'
           from floors f where f.building_id = $1 and f.floor_no = $2 returning id`,
        [row.building_id, fl, t.areaM2],
      );
      const [occ] = await tx.query<{ id: number }>(
        `insert into occupancies (enterprise_id, unit_id, started_on, area_m2, source_id) values ($1, $2, $3, $4, 'user') returning id`,
        [t.enterpriseId, unit!.id, today, t.areaM2],
      );
      audits.push({
        entity: 'units',
        entityId: unit!.id,
        action: 'create' as const,
        new: { floorNo: fl, areaM2: t.areaM2 },
      });
      audits.push({
        entity: 'occupancies',
        entityId: occ!.id,
        action: 'create' as const,
        new: { enterpriseId: t.enterpriseId, unitId: unit!.id },
      });
      made++;
    }
    const [acc] = await tx.query<{ accepted_at: Date | string }>(
      `update space_floor_plans set status = 'accepted', accepted_at = now() where id = $1 returning accepted_at`,
      [id],
    );
    audits.push({
      entity: 'space_floor_plans',
      entityId: id,
      action: 'update' as const,
      old: { status: 'draft' },
      new: { status: 'accepted' },
    });
    await writeAudit(tx, ctx, audits);
    return {
      plan: present({ ...row, status: 'accepted', accepted_at: acc!.accepted_at }, [], null),
      occupancies: made,
      skipped,
    };
  });
}
