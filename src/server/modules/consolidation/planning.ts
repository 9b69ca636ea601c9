/**
 * Planning a hub: the plan is computed by the pure planner (in a worker thread when it runs as a
 * job), verified by the independent checker, priced (cost split by chargeable weight) and stored
 * with its bound and gap. Also the views of a stored plan, quotes, booking and the dashboard.
 */
import type { TDashboard, TOrderInput, TPlanView, TQuote } from '../../../contracts/consolidation.js';
import { fieldProblem } from '../../../contracts/errors.js';
import type { Db } from '../../../db/connect.js';
import { checkPlan } from '../../../domain/consolidation/check-plan.js';
import { STANDARD_CONTAINERS } from '../../../domain/consolidation/containers.js';
import { type ChargeLine, chargeableKg, containerFill, splitCosts } from '../../../domain/consolidation/cost.js';
import { planConsolidation } from '../../../domain/consolidation/planner.js';
import { quoteOrder } from '../../../domain/consolidation/quote.js';
import type { Plan } from '../../../domain/consolidation/types.js';
import { AppError, invalid, notFound } from '../../lib/errors.js';
import { Sql } from '../../lib/sql.js';
import { type AuditCtx, writeAudit } from '../../platform/audit.js';
import type { JobRun } from '../../platform/jobs/index.js';
import { runInThread } from '../../platform/jobs/threads.js';
import { assertOperate, type HubAccess } from './policy.js';
import * as repo from './repository.js';
import { ORDERS, planInputOf, toDomainOrder } from './service.js';

const TYPES = new Map(STANDARD_CONTAINERS.map((t) => [t.code, t]));
const PLANNER = new URL('../../../domain/consolidation/planner.ts', import.meta.url);

interface Stored {
  plan: Plan;
  lines: ChargeLine[];
}

/** What a plan run made: the job's result (the job list reads its counts and links to the hub's plan). */
export interface PlanRun {
  planId: number;
  hubId: number;
  containers: number;
  /** orders with at least one part in a container */
  ordersPlaced: number;
  unplaced: number;
  lowerBound: number;
  gap: number;
}

/** Plans the hub's open and booked orders and stores the plan (one transaction, audited). */
export async function runPlan(db: Db, hubId: number, by: number | null, ctx: AuditCtx, job?: JobRun): Promise<PlanRun> {
  const { input, tariffs } = await planInputOf(db, hubId);
  job?.progress({ done: 0, total: input.orders.length, phase: 'plan' });
  const plan = job
    ? await runInThread<Plan>(PLANNER, 'planConsolidation', [input, {}], job.signal)
    : planConsolidation(input);
  job?.progress({ done: input.orders.length, total: input.orders.length, phase: 'check' });
  const problems = checkPlan(input, plan);
  const lines = splitCosts(plan, input.departures, tariffs);
  const stored: Stored = { plan, lines };
  return db.tx(async (tx) => {
    const id = await repo.insertPlan(
      tx,
      hubId,
      {
        plan: stored,
        containers: plan.containers.length,
        lower_bound: plan.lowerBound,
        gap: plan.gap,
        cost_fen: plan.costFen,
        waiting_days: plan.waitingDays,
        unplaced: plan.unplaced.length,
        checker_problems: problems.length,
      },
      by,
    );
    await writeAudit(tx, ctx, {
      entity: 'consolidation_plans',
      entityId: id,
      action: 'create',
      new: { hubId, containers: plan.containers.length, lowerBound: plan.lowerBound, unplaced: plan.unplaced.length },
    });
    return {
      planId: id,
      hubId,
      containers: plan.containers.length,
      ordersPlaced: new Set(plan.containers.flatMap((c) => c.parts.map((p) => p.orderId))).size,
      unplaced: plan.unplaced.length,
      lowerBound: plan.lowerBound,
      gap: plan.gap,
    };
  });
}

/** The latest plan as the caller may see it: a shipper sees its own parts and charges only. */
export async function planView(db: Db, x: HubAccess): Promise<TPlanView | null> {
  const row = await repo.latestPlan(db, x.hub.id);
  if (!row) return null;
  const stored = row.plan as Stored;
  const deps = new Map((await repo.departures(db, x.hub.id)).map((d) => [String(d.id), d]));
  const orders = new Map((await repo.orders(db, x.hub.id, new Sql(), null)).map((o) => [String(o.id), o]));
  const charge = new Map(stored.lines.map((l) => [`${l.containerId}|${l.orderId}`, l]));
  const mine = (orderId: string): boolean =>
    x.readAll ||
    (x.shipperEnterpriseId !== null && orders.get(orderId)?.shipper_enterprise_id === x.shipperEnterpriseId);
  const types = TYPES;
  const byDep = new Map<string, TPlanView['departures'][number]>();
  for (const c of stored.plan.containers) {
    const d = deps.get(c.departureId);
    const t = types.get(c.type);
    if (!d || !t) continue;
    let dv = byDep.get(c.departureId);
    if (!dv) {
      dv = { id: d.id, code: d.code, departOn: d.depart_on, cutoffOn: d.cutoff_on, route: d.route, containers: [] };
      byDep.set(c.departureId, dv);
    }
    const fill = containerFill(c.parts, { ...toDep(d) }, t);
    const visible = c.parts.filter((p) => mine(p.orderId));
    if (!x.readAll && visible.length === 0) continue;
    dv.containers.push({
      id: c.id,
      type: c.type,
      volumeFill: round(fill.volume, 4),
      weightFill: round(fill.weight, 4),
      priceFen: x.readAll ? (d.containers.find((k) => k.type === c.type)?.priceFen ?? null) : null,
      otherParts: c.parts.length - visible.length,
      parts: visible.map((p) => {
        const o = orders.get(p.orderId);
        const l = charge.get(`${c.id}|${p.orderId}`);
        return {
          orderId: Number(p.orderId),
          orderCode: o?.code ?? p.orderId,
          shipperName: o?.shipper_name ?? '',
          goods: o?.goods ?? '',
          cargoClass: o?.cargo_class ?? '',
          pieces: p.pieces,
          volumeM3: round(p.volumeM3, 3),
          weightKg: round(p.weightKg, 1),
          chargeableKg: round(l?.chargeableKg ?? 0, 1),
          amountFen: l?.amountFen ?? 0,
        };
      }),
    });
  }
  const departures = [...byDep.values()]
    .filter((d) => d.containers.length > 0)
    .sort((a, b) => a.departOn.localeCompare(b.departOn));
  return {
    id: row.id,
    hubId: x.hub.id,
    createdAt: row.created_at instanceof Date ? row.created_at.toISOString() : String(row.created_at),
    containers: row.containers,
    lowerBound: row.lower_bound,
    gap: round(row.gap, 4),
    costFen: x.readAll ? row.cost_fen : null,
    waitingDays: row.waiting_days,
    checkerProblems: row.checker_problems,
    departures,
    unplaced: stored.plan.unplaced
      .filter((u) => mine(u.orderId))
      .map((u) => ({
        orderId: Number(u.orderId),
        orderCode: orders.get(u.orderId)?.code ?? u.orderId,
        reason: u.reason,
        zh: u.zh,
        en: u.en,
      })),
  };
}

function toDep(d: repo.DepartureRow) {
  return {
    id: String(d.id),
    route: d.route,
    destinations: d.destinations,
    date: d.depart_on,
    cutoff: d.cutoff_on,
    containers: d.containers,
    payloadCapKg: d.payload_cap_kg ?? undefined,
    usableVolumeFactor: d.usable_volume_factor,
  };
}

const round = (v: number, digits: number): number => Math.round(v * 10 ** digits) / 10 ** digits;

/**
 * A quote before booking: the latest plan stays as it is, the new order is planned around it and
 * priced as its share of its container(s) (writes nothing). Shippers quote their own orders.
 */
export async function quote(db: Db, x: HubAccess, input: TOrderInput): Promise<TQuote> {
  if (!x.operate && x.shipperEnterpriseId === null) throw new AppError(403, 'forbidden');
  const { input: planInput, tariffs } = await planInputOf(db, x.hub.id);
  const row = await repo.latestPlan(db, x.hub.id);
  const current: Plan = row
    ? (row.plan as Stored).plan
    : { containers: [], unplaced: [], lowerBound: 0, gap: 0, costFen: 0, waitingDays: 0 };
  const order = { ...toDomainOrder({ ...input, id: 0 }), id: 'QUOTE' };
  const q = quoteOrder(planInput, current, order, tariffs);
  const dep = planInput.departures.find((d) => d.id === q.departureId);
  const tariff = tariffs.find((t) => t.route === dep?.route) ?? { route: '', divisorKgPerM3: 1000, minChargeableM3: 1 };
  const deps = await repo.departures(db, x.hub.id);
  return {
    amountFen: q.unplaced ? null : q.amountFen,
    departureCode: deps.find((d) => String(d.id) === q.departureId)?.code ?? null,
    departOn: dep?.date ?? null,
    containers: q.containers,
    chargeableKg: round(chargeableKg(input.volumeM3, input.weightKg, tariff), 1),
    unplaced: q.unplaced ? { reason: q.unplaced.reason, zh: q.unplaced.zh, en: q.unplaced.en } : null,
  };
}

/** Books an order: it keeps the container the latest plan gave it (locked) from now on. */
export async function book(db: Db, x: HubAccess, orderId: number, ctx: AuditCtx): Promise<void> {
  await db.tx(async (tx) => {
    const o = await repo.order(tx, orderId);
    if (!o || o.hub_id !== x.hub.id) throw notFound();
    const own = x.shipperEnterpriseId !== null && o.shipper_enterprise_id === x.shipperEnterpriseId;
    if (!x.operate && !own) throw new AppError(403, 'forbidden');
    if (o.status !== 'open') throw invalid([fieldProblem(['orderId'], 'consolidation.not_open')]);
    const row = await repo.latestPlan(tx, x.hub.id);
    const c = row
      ? (row.plan as Stored).plan.containers.find((k) => k.parts.some((p) => p.orderId === String(o.id)))
      : undefined;
    if (!c) throw invalid([fieldProblem(['orderId'], 'consolidation.not_planned')]);
    const lock = { departureId: Number(c.departureId), container: c.id, type: c.type };
    await repo.setOrderBooked(tx, o.id, lock);
    await writeAudit(tx, ctx, {
      entity: ORDERS,
      entityId: o.id,
      action: 'update',
      old: { status: o.status, lock: null },
      new: { status: 'booked', lock },
    });
  });
}

/** The hub's month: departures, containers, fill, orders, goods value (operators), destinations. */
export async function dashboard(db: Db, x: HubAccess, month: string): Promise<TDashboard> {
  assertOperateOrRead(x);
  const row = await repo.latestPlan(db, x.hub.id);
  const deps = new Map((await repo.departures(db, x.hub.id)).map((d) => [String(d.id), d]));
  const orders = new Map((await repo.orders(db, x.hub.id, new Sql(), null)).map((o) => [String(o.id), o]));
  const inMonth = (d: repo.DepartureRow | undefined) => d?.depart_on.startsWith(month) === true;
  const containers = row ? (row.plan as Stored).plan.containers.filter((c) => inMonth(deps.get(c.departureId))) : [];
  const fills = containers.map((c) => {
    const d = deps.get(c.departureId)!;
    const t = TYPES.get(c.type) ?? { volumeM3: 1, payloadKg: 1 };
    return containerFill(c.parts, toDep(d), t);
  });
  const orderIds = new Set(containers.flatMap((c) => c.parts.map((p) => p.orderId)));
  const dest = new Map<string, { destination: string; country: string; orders: number; volumeM3: number }>();
  let value = 0;
  for (const id of orderIds) {
    const o = orders.get(id);
    if (!o) continue;
    value += o.declared_value_fen ?? 0;
    const k = o.destination;
    const e = dest.get(k) ?? { destination: o.destination, country: o.destination_country, orders: 0, volumeM3: 0 };
    e.orders++;
    e.volumeM3 = round(e.volumeM3 + o.volume_m3, 2);
    dest.set(k, e);
  }
  const avg = (xs: number[]) => (xs.length ? round(xs.reduce((a, b) => a + b, 0) / xs.length, 4) : null);
  return {
    month,
    departures: [...deps.values()].filter((d) => inMonth(d)).length,
    containers: containers.length,
    avgVolumeFill: avg(fills.map((f) => f.volume)),
    avgWeightFill: avg(fills.map((f) => f.weight)),
    orders: orderIds.size,
    goodsValueFen: x.readAll ? value : null,
    destinations: [...dest.values()].sort((a, b) => b.orders - a.orders),
  };
}

function assertOperateOrRead(x: HubAccess): void {
  if (!x.readAll) assertOperate(x);
}
