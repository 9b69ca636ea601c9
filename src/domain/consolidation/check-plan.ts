/**
 * Independent checker of a consolidation plan. Written from the problem statement alone: it
 * imports only type declarations, none of the planner's code (not its rules, not its bounds),
 * so a planner bug cannot hide behind shared logic. Returns every violation found (empty = valid).
 */
import type { Order, Plan, PlanInput } from './types.js';

const TOL = 1e-6;

function sorted3(a: number, b: number, c: number): number[] {
  return [a, b, c].sort((x, y) => x - y);
}

/** Space an order occupies: declared volume, or for non-stackable pieces with dimensions, the floor area times the tallest container's inside height when larger. */
function spaceOf(o: Order, tallest: number): number {
  if (o.stackable !== false || !o.pieceDims) return o.volumeM3;
  const floorArea = o.pieceDims.l * o.pieceDims.w;
  return Math.max(o.volumeM3, floorArea * tallest * o.pieces);
}

function mayShare(a: Order, b: Order, input: PlanInput): boolean {
  const pair = new Set([a.cargoClass, b.cargoClass]);
  const listed = input.compatibility.incompatible.some(([x, y]) =>
    x === y ? a.cargoClass === x && b.cargoClass === x : pair.has(x) && pair.has(y) && pair.size === 2,
  );
  if (listed) return false;
  const ga = a.dgClass ?? '';
  const gb = b.dgClass ?? '';
  if (ga !== '' && gb !== '' && ga !== gb) return false; // different dangerous-goods classes
  if (ga !== '' && b.cargoClass === 'food') return false;
  if (gb !== '' && a.cargoClass === 'food') return false;
  return true;
}

export function checkPlan(input: PlanInput, plan: Plan): string[] {
  const out: string[] = [];
  const orders = new Map(input.orders.map((o) => [o.id, o]));
  const deps = new Map(input.departures.map((d) => [d.id, d]));
  const types = new Map(input.containerTypes.map((t) => [t.code, t]));
  let tallest = 0;
  for (const t of input.containerTypes) if (t.inside.h > tallest) tallest = t.inside.h;

  const containerIds = new Set<string>();
  const countUse = new Map<string, number>();
  const pieces = new Map<string, number>();
  const containersOf = new Map<string, Set<string>>();

  for (const c of plan.containers) {
    if (containerIds.has(c.id)) out.push(`container ${c.id} appears twice`);
    containerIds.add(c.id);
    const dep = deps.get(c.departureId);
    const type = types.get(c.type);
    if (!dep) {
      out.push(`container ${c.id}: unknown departure ${c.departureId}`);
      continue;
    }
    if (!type) {
      out.push(`container ${c.id}: unknown container type ${c.type}`);
      continue;
    }
    const offer = dep.containers.find((x) => x.type === c.type);
    if (!offer) out.push(`container ${c.id}: departure ${dep.id} offers no ${c.type}`);
    const k = `${dep.id}/${c.type}`;
    countUse.set(k, (countUse.get(k) ?? 0) + 1);
    if (c.parts.length === 0) out.push(`container ${c.id} is empty`);

    let vol = 0;
    let kg = 0;
    const inside: Order[] = [];
    for (const p of c.parts) {
      const o = orders.get(p.orderId);
      if (!o) {
        out.push(`container ${c.id}: unknown order ${p.orderId}`);
        continue;
      }
      if (!(p.pieces > 0) || !Number.isInteger(p.pieces))
        out.push(`container ${c.id}: order ${o.id} has ${p.pieces} pieces`);
      const share = p.pieces / o.pieces;
      vol += spaceOf(o, tallest) * share;
      kg += o.weightKg * share;
      inside.push(o);
      pieces.set(o.id, (pieces.get(o.id) ?? 0) + p.pieces);
      const set = containersOf.get(o.id) ?? new Set<string>();
      set.add(c.id);
      containersOf.set(o.id, set);
      // time and place
      if (o.readyDate > dep.cutoff)
        out.push(`order ${o.id} is ready ${o.readyDate}, after cut-off ${dep.cutoff} of ${dep.id}`);
      if (!dep.destinations.includes(o.destination))
        out.push(`order ${o.id} goes to ${o.destination}, not served by ${dep.id}`);
      if (o.pieceDims) {
        const a = sorted3(o.pieceDims.l, o.pieceDims.w, o.pieceDims.h);
        const b = sorted3(type.inside.l, type.inside.w, type.inside.h);
        if (a[0]! > b[0]! + TOL || a[1]! > b[1]! + TOL || a[2]! > b[2]! + TOL)
          out.push(`order ${o.id}: a piece does not fit inside ${c.type}`);
      }
    }
    const usable = type.volumeM3 * dep.usableVolumeFactor;
    const payload = dep.payloadCapKg === undefined ? type.payloadKg : Math.min(type.payloadKg, dep.payloadCapKg);
    if (vol > usable + 1e-4) out.push(`container ${c.id}: ${vol.toFixed(3)} m³ > usable ${usable.toFixed(3)} m³`);
    if (kg > payload + 1e-3) out.push(`container ${c.id}: ${kg.toFixed(1)} kg > payload ${payload} kg`);
    for (let i = 0; i < inside.length; i++)
      for (let j = i + 1; j < inside.length; j++)
        if (!mayShare(inside[i]!, inside[j]!, input))
          out.push(`container ${c.id}: ${inside[i]!.id} and ${inside[j]!.id} may not share`);
  }

  for (const [k, n] of countUse) {
    const [depId, type] = k.split('/') as [string, string];
    const offered = deps.get(depId)?.containers.find((x) => x.type === type)?.count ?? 0;
    if (n > offered) out.push(`departure ${depId}: ${n} × ${type} used, ${offered} offered`);
  }

  const unplaced = new Map<string, number>();
  for (const u of plan.unplaced) {
    unplaced.set(u.orderId, (unplaced.get(u.orderId) ?? 0) + 1);
    if (!orders.has(u.orderId)) out.push(`unplaced ${u.orderId} is not an order`);
    if (!u.zh || !u.en) out.push(`unplaced ${u.orderId} has no reason in both languages`);
  }
  const known = new Set(input.compatibility.classes);
  for (const o of input.orders) {
    const got = pieces.get(o.id) ?? 0;
    const listed = unplaced.get(o.id) ?? 0;
    if (listed > 1) out.push(`order ${o.id} listed unplaceable ${listed} times`);
    if (got > 0 && listed > 0) out.push(`order ${o.id} is both planned and unplaceable`);
    if (got === 0 && listed === 0) out.push(`order ${o.id} is neither planned nor listed unplaceable`);
    if (got > 0 && got !== o.pieces) out.push(`order ${o.id}: ${got} of ${o.pieces} pieces planned`);
    if (got > 0 && !known.has(o.cargoClass)) out.push(`order ${o.id}: unknown cargo class ${o.cargoClass} was planned`);
    const cs = containersOf.get(o.id);
    if (cs && cs.size > 1 && !o.splittable) out.push(`order ${o.id} may not be split but is in ${cs.size} containers`);
    if (o.lock && got > 0) {
      const c = plan.containers.find((x) => x.id === o.lock!.containerId);
      if (!c || c.departureId !== o.lock.departureId || !c.parts.some((p) => p.orderId === o.id) || (cs && cs.size > 1))
        out.push(`locked order ${o.id} is not (only) in ${o.lock.containerId} on ${o.lock.departureId}`);
    }
  }
  if (plan.lowerBound > plan.containers.length)
    out.push(`bound ${plan.lowerBound} exceeds the ${plan.containers.length} containers used`);
  return out;
}
