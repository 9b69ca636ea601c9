/**
 * The consolidation planner: orders into containers on departures, two resources at once
 * (usable volume and payload), heuristically, with a lower bound on the containers so the gap is
 * always known.
 *   1. Screening: each order's eligible departures (ready by the cut-off, destination served)
 *      and container types (weight, volume, piece dimensions); an order nothing can take is
 *      listed as unplaceable with its reason, the rest are planned.
 *   2. Locked orders go to their container first and never move.
 *   3. Construction, largest first (by its larger share of a container's volume or payload), into
 *      the earliest eligible departure: best-fit into open compatible containers, else a new
 *      container of the largest type left; splittable orders fill gaps piece by piece.
 *   4. Improvement: empty the least-filled containers by moving their orders into room left in
 *      other containers (same departure first, then later/earlier eligible ones) — fewer
 *      containers first, waiting days second.
 *   5. Each container then takes the cheapest type still available that holds it (cost).
 */
import { boundL2 } from './bounds.js';
import { unplacedReason } from './reasons.js';
import { compatibleOrders, effectiveVolume, fitsDims } from './rules.js';
import type {
  ContainerType,
  Departure,
  Order,
  Plan,
  PlanInput,
  PlannedContainer,
  PlannedPart,
  Unplaced,
} from './types.js';

const EPS = 1e-6;

interface Box {
  id: string;
  dep: Departure;
  type: ContainerType;
  parts: PlannedPart[];
  orders: Order[];
  vol: number;
  wt: number;
  /** holds locked orders: it stays, keeps its type, and may still take new orders */
  locked: boolean;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export interface PlanOptions {
  improveRounds?: number;
  /** construction variants tried (best plan kept): 1–6, default 6 */
  variants?: number;
}

/**
 * Plans the orders of `input`; never throws on a bad order (it is listed as unplaceable). Runs
 * several construction variants (order of the orders, choice of container) and keeps the plan
 * with the fewest containers, then the lowest cost, then the fewest waiting days.
 */
export function planConsolidation(input: PlanInput, opts: PlanOptions = {}): Plan {
  const n = Math.max(1, Math.min(6, opts.variants ?? 6));
  let best: Plan | undefined;
  for (let v = 0; v < n; v++) {
    const p = planVariant(input, v, opts.improveRounds ?? 3);
    if (
      !best ||
      p.unplaced.length < best.unplaced.length ||
      (p.unplaced.length === best.unplaced.length &&
        (p.containers.length < best.containers.length ||
          (p.containers.length === best.containers.length &&
            (p.costFen < best.costFen || (p.costFen === best.costFen && p.waitingDays < best.waitingDays)))))
    )
      best = p;
  }
  return best!;
}

function planVariant(input: PlanInput, variant: number, rounds: number): Plan {
  const types = new Map(input.containerTypes.map((t) => [t.code, t]));
  const deps = [...input.departures].sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  const maxHeight = Math.max(0, ...input.containerTypes.map((t) => t.inside.h));
  const eff = (o: Order): number => effectiveVolume(o, maxHeight);
  const capV = (d: Departure, t: ContainerType): number => t.volumeM3 * d.usableVolumeFactor;
  const capW = (d: Departure, t: ContainerType): number =>
    Math.min(t.payloadKg, d.payloadCapKg ?? Number.POSITIVE_INFINITY);
  const classes = new Set(input.compatibility.classes);

  const unplaced: Unplaced[] = [];
  const eligible = new Map<string, Departure[]>();
  const typesFor = (o: Order, d: Departure): ContainerType[] =>
    d.containers
      .map((c) => types.get(c.type))
      .filter((t): t is ContainerType => t !== undefined)
      .filter((t) => {
        if (o.pieceDims && !fitsDims(o.pieceDims, t.inside)) return false;
        const pv = eff(o) / o.pieces;
        const pw = o.weightKg / o.pieces;
        if (o.splittable) return pv <= capV(d, t) + EPS && pw <= capW(d, t) + EPS;
        return eff(o) <= capV(d, t) + EPS && o.weightKg <= capW(d, t) + EPS;
      });

  // 1. screening
  const free: Order[] = [];
  const lockedOrders: Order[] = [];
  for (const o of input.orders) {
    const bad = (reason: Unplaced['reason']): void => {
      unplaced.push({ orderId: o.id, reason, ...unplacedReason(reason) });
    };
    if (!(o.pieces >= 1) || !(o.volumeM3 > 0) || !(o.weightKg > 0) || !Number.isInteger(o.pieces)) {
      bad('invalid_order');
      continue;
    }
    if (!classes.has(o.cargoClass)) {
      bad('unknown_class');
      continue;
    }
    if (o.lock) {
      lockedOrders.push(o);
      continue;
    }
    const byDate = deps.filter((d) => o.readyDate <= d.cutoff);
    if (byDate.length === 0) {
      bad('ready_after_cutoff');
      continue;
    }
    const byDest = byDate.filter((d) => d.destinations.includes(o.destination));
    if (byDest.length === 0) {
      bad('no_destination');
      continue;
    }
    const ok = byDest.filter((d) => typesFor(o, d).length > 0);
    if (ok.length === 0) {
      const anyDims = byDest.some((d) =>
        d.containers.some((c) => {
          const t = types.get(c.type);
          return t !== undefined && (!o.pieceDims || fitsDims(o.pieceDims, t.inside));
        }),
      );
      if (!anyDims) bad('dimension');
      else {
        const heavy = byDest.every((d) =>
          d.containers.every((c) => {
            const t = types.get(c.type);
            const w = o.splittable ? o.weightKg / o.pieces : o.weightKg;
            return !t || w > capW(d, t) + EPS;
          }),
        );
        bad(heavy ? 'too_heavy' : 'too_large');
      }
      continue;
    }
    eligible.set(o.id, ok);
    free.push(o);
  }

  // containers in use per departure and type
  const used = new Map<string, number>();
  const key = (d: Departure, t: string): string => `${d.id}|${t}`;
  const available = (d: Departure, t: string): number =>
    (d.containers.find((c) => c.type === t)?.count ?? 0) - (used.get(key(d, t)) ?? 0);
  const boxes: Box[] = [];
  let serial = 0;
  const openBox = (d: Departure, t: ContainerType, id?: string, locked = false): Box => {
    const b: Box = {
      id: id ?? `${d.id}-${t.code}-${++serial}`,
      dep: d,
      type: t,
      parts: [],
      orders: [],
      vol: 0,
      wt: 0,
      locked,
    };
    used.set(key(d, t.code), (used.get(key(d, t.code)) ?? 0) + 1);
    boxes.push(b);
    return b;
  };
  const put = (b: Box, o: Order, pieces: number): void => {
    const v = (eff(o) * pieces) / o.pieces;
    const w = (o.weightKg * pieces) / o.pieces;
    const existing = b.parts.find((p) => p.orderId === o.id);
    if (existing) {
      existing.pieces += pieces;
      existing.volumeM3 += v;
      existing.weightKg += w;
    } else {
      b.parts.push({ orderId: o.id, pieces, volumeM3: v, weightKg: w });
      b.orders.push(o);
    }
    b.vol += v;
    b.wt += w;
  };
  const piecesFit = (b: Box, o: Order): number => {
    if (o.pieceDims && !fitsDims(o.pieceDims, b.type.inside)) return 0;
    if (!b.orders.every((x) => x.id === o.id || compatibleOrders(x, o, input.compatibility))) return 0;
    const pv = eff(o) / o.pieces;
    const pw = o.weightKg / o.pieces;
    const byV = Math.floor((capV(b.dep, b.type) - b.vol + EPS) / pv);
    const byW = Math.floor((capW(b.dep, b.type) - b.wt + EPS) / pw);
    return Math.max(0, Math.min(byV, byW));
  };
  const fill = (b: Box): number => Math.max(b.vol / capV(b.dep, b.type), b.wt / capW(b.dep, b.type));
  /**
   * Where an order goes among open containers that take it: the one whose room it matches best
   * (the dot product of its shares with the room left, the vector-packing rule of Panigrahy et
   * al. 2011), so dense goods pair with light ones and both resources fill.
   */
  const affinity = (b: Box, o: Order, pieces: number): number => {
    const cv = capV(b.dep, b.type);
    const cw = capW(b.dep, b.type);
    const iv = (eff(o) * pieces) / o.pieces / cv;
    const iw = (o.weightKg * pieces) / o.pieces / cw;
    return iv * (1 - b.vol / cv) + iw * (1 - b.wt / cw);
  };

  // 2. locked orders stay where they were put (the checker verifies them like the rest)
  for (const o of lockedOrders) {
    const lock = o.lock!;
    const d = deps.find((x) => x.id === lock.departureId);
    const t = types.get(lock.type);
    if (!d || !t) {
      unplaced.push({ orderId: o.id, reason: 'no_capacity', ...unplacedReason('no_capacity') });
      continue;
    }
    const b = boxes.find((x) => x.id === lock.containerId) ?? openBox(d, t, lock.containerId, true);
    put(b, o, o.pieces);
  }

  // 3. construction, largest first
  const size = (o: Order): number => {
    const ds = eligible.get(o.id)!;
    let s = 0;
    for (const d of ds)
      for (const c of d.containers) {
        const t = types.get(c.type);
        if (t) s = Math.max(s, Math.min(1, Math.max(eff(o) / capV(d, t), o.weightKg / capW(d, t))));
      }
    return s;
  };
  // variants: sort key (larger share / sum of shares / volume / weight) × container rule
  const vMaxAll = Math.max(...input.containerTypes.map((t) => t.volumeM3));
  const wMaxAll = Math.max(...input.containerTypes.map((t) => t.payloadKg));
  const sortKey = (o: Order): number => {
    switch (variant % 3) {
      case 0:
        return size(o);
      case 1:
        return eff(o) / vMaxAll + o.weightKg / wMaxAll;
      default:
        return Math.min(eff(o) / vMaxAll, o.weightKg / wMaxAll) + size(o) / 4;
    }
  };
  const useAffinity = variant >= 3;
  const keys = new Map(free.map((o) => [o.id, sortKey(o)]));
  const order = [...free].sort(
    (a, b) => keys.get(b.id)! - keys.get(a.id)! || eligible.get(a.id)!.length - eligible.get(b.id)!.length,
  );
  const better = (b: Box, best: Box | undefined, o: Order, pieces: number): boolean =>
    !best || (useAffinity ? affinity(b, o, pieces) > affinity(best, o, pieces) : fill(b) > fill(best));

  const placeOrder = (o: Order, candidates: Departure[]): boolean => {
    let left = o.pieces;
    for (const d of candidates) {
      // whole into the best-fitting open container
      const open = boxes.filter((b) => b.dep === d);
      let best: Box | undefined;
      for (const b of open) if (piecesFit(b, o) >= left && better(b, best, o, left)) best = b;
      if (best) {
        put(best, o, left);
        return true;
      }
      if (o.splittable) {
        // fill gaps first, fullest container first
        for (const b of [...open].sort((x, y) => fill(y) - fill(x))) {
          const n = Math.min(left, piecesFit(b, o));
          if (n > 0) {
            put(b, o, n);
            left -= n;
          }
          if (left === 0) return true;
        }
      }
      // new containers, largest type left that takes it
      const ts = typesFor(o, d).sort((a, b) => capV(d, b) - capV(d, a));
      while (left > 0) {
        const t = ts.find((x) => available(d, x.code) > 0);
        if (!t) break;
        const b = openBox(d, t);
        const n = Math.min(left, piecesFit(b, o));
        if (n === 0) break;
        if (!o.splittable && n < left) break; // cannot happen after screening; guards the invariant
        put(b, o, n);
        left -= n;
      }
      if (left === 0) return true;
    }
    return left === 0;
  };
  for (const o of order) {
    if (!placeOrder(o, eligible.get(o.id)!)) {
      removeOrder(boxes, o.id, used, key);
      unplaced.push({ orderId: o.id, reason: 'no_capacity', ...unplacedReason('no_capacity') });
      eligible.delete(o.id);
    }
  }

  // 4. improvement: empty the least-filled containers into room elsewhere
  for (let r = 0; r < rounds; r++) {
    let changed = false;
    const candidates = boxes.filter((b) => !b.locked).sort((a, b) => fill(a) - fill(b));
    for (const victim of candidates) {
      if (!boxes.includes(victim)) continue;
      const snapshot = boxes.map((b) => ({
        b,
        parts: b.parts.map((p) => ({ ...p })),
        orders: [...b.orders],
        vol: b.vol,
        wt: b.wt,
      }));
      const usedSnap = new Map(used);
      const movers = victim.orders.slice().sort((a, b) => size(b) - size(a));
      boxes.splice(boxes.indexOf(victim), 1);
      used.set(key(victim.dep, victim.type.code), (used.get(key(victim.dep, victim.type.code)) ?? 1) - 1);
      let ok = true;
      for (const o of movers) {
        const part = victim.parts.find((p) => p.orderId === o.id)!;
        if (!moveInto(o, part.pieces, victim.dep)) {
          ok = false;
          break;
        }
      }
      if (ok) changed = true;
      else {
        // restore
        boxes.length = 0;
        for (const s of snapshot) {
          s.b.parts = s.parts;
          s.b.orders = s.orders;
          s.b.vol = s.vol;
          s.b.wt = s.wt;
          boxes.push(s.b);
        }
        used.clear();
        for (const [k, v] of usedSnap) used.set(k, v);
      }
    }
    if (!changed) break;
  }

  function moveInto(o: Order, pieces: number, from: Departure): boolean {
    // departures already holding the rest of a split order must be the same one
    const elsewhere = boxes.find((b) => b.orders.some((x) => x.id === o.id));
    const allowed = elsewhere ? [elsewhere.dep] : eligible.get(o.id)!;
    const sorted = [...allowed].sort(
      (a, b) =>
        Number(b === from) - Number(a === from) ||
        Math.abs(daysBetween(from.date, a.date)) - Math.abs(daysBetween(from.date, b.date)),
    );
    let left = pieces;
    for (const d of sorted) {
      const open = boxes.filter((b) => b.dep === d);
      let best: Box | undefined;
      for (const b of open) if (piecesFit(b, o) >= left && better(b, best, o, left)) best = b;
      if (best) {
        put(best, o, left);
        return true;
      }
      if (o.splittable) {
        for (const b of [...open].sort((x, y) => fill(y) - fill(x))) {
          const n = Math.min(left, piecesFit(b, o));
          if (n > 0) {
            put(b, o, n);
            left -= n;
          }
          if (left === 0) return true;
        }
      }
      if (elsewhere) break;
    }
    return false;
  }

  // 5. cheapest type that still holds each container
  for (const b of boxes) {
    if (b.locked) continue;
    const d = b.dep;
    const options = d.containers
      .map((c) => ({ c, t: types.get(c.type) }))
      .filter((x): x is { c: (typeof d.containers)[number]; t: ContainerType } => x.t !== undefined)
      .filter(
        (x) =>
          b.vol <= capV(d, x.t) + EPS &&
          b.wt <= capW(d, x.t) + EPS &&
          b.orders.every((o) => !o.pieceDims || fitsDims(o.pieceDims, x.t.inside)) &&
          (x.t.code === b.type.code || available(d, x.t.code) > 0),
      )
      .sort((x, y) => x.c.priceFen - y.c.priceFen);
    const pick = options[0];
    if (pick && pick.t.code !== b.type.code) {
      used.set(key(d, b.type.code), (used.get(key(d, b.type.code)) ?? 1) - 1);
      used.set(key(d, pick.t.code), (used.get(key(d, pick.t.code)) ?? 0) + 1);
      b.type = pick.t;
    }
  }

  const containers: PlannedContainer[] = boxes
    .filter((b) => b.parts.length > 0)
    .map((b, i) => ({
      id: b.locked ? b.id : `${b.dep.id}-${b.type.code}-${i + 1}`,
      departureId: b.dep.id,
      type: b.type.code,
      parts: b.parts.map((p) => ({ ...p })),
    }));
  const placedIds = new Set(containers.flatMap((c) => c.parts.map((p) => p.orderId)));
  const placed = input.orders.filter((o) => placedIds.has(o.id));
  const lowerBound = containerLowerBound(input, placed, maxHeight);
  let costFen = 0;
  for (const b of boxes) costFen += b.dep.containers.find((c) => c.type === b.type.code)?.priceFen ?? 0;
  let waitingDays = 0;
  for (const o of placed) {
    let latest = 0;
    for (const b of boxes)
      if (b.orders.some((x) => x.id === o.id)) latest = Math.max(latest, daysBetween(o.readyDate, b.dep.date));
    waitingDays += latest;
  }
  return {
    containers,
    unplaced,
    lowerBound,
    gap: lowerBound > 0 ? (containers.length - lowerBound) / lowerBound : 0,
    costFen,
    waitingDays,
  };
}

function removeOrder(
  boxes: Box[],
  id: string,
  used: Map<string, number>,
  key: (d: Departure, t: string) => string,
): void {
  for (let i = boxes.length - 1; i >= 0; i--) {
    const b = boxes[i]!;
    const k = b.parts.findIndex((p) => p.orderId === id);
    if (k < 0) continue;
    b.vol -= b.parts[k]!.volumeM3;
    b.wt -= b.parts[k]!.weightKg;
    b.parts.splice(k, 1);
    b.orders = b.orders.filter((o) => o.id !== id);
    if (b.parts.length === 0 && !b.locked) {
      boxes.splice(i, 1);
      used.set(key(b.dep, b.type.code), (used.get(key(b.dep, b.type.code)) ?? 1) - 1);
    }
  }
}

/**
 * Lower bound on the containers for `orders`: Martello–Toth L2 on volume and on weight
 * (sizes scaled down, capacity = the largest usable volume / payload of any container offered,
 * so the bound stays valid), the larger of the two; and the same summed over a set of cargo
 * keys that may pairwise never share a container, when that is larger; then the same summed over
 * groups of departures no order links (and over orders forced onto one departure), since a
 * container rides one departure. Splittable orders enter piece by piece.
 */
export function containerLowerBound(input: PlanInput, orders: Order[], maxHeight: number): number {
  if (orders.length === 0) return 0;
  const types = new Map(input.containerTypes.map((t) => [t.code, t]));
  let vMax = 0;
  let wMax = 0;
  for (const d of input.departures)
    for (const c of d.containers) {
      const t = types.get(c.type);
      if (!t || c.count <= 0) continue;
      vMax = Math.max(vMax, t.volumeM3 * d.usableVolumeFactor);
      wMax = Math.max(wMax, Math.min(t.payloadKg, d.payloadCapKg ?? Number.POSITIVE_INFINITY));
    }
  for (const o of orders)
    if (o.lock) {
      const t = types.get(o.lock.type);
      if (t) {
        vMax = Math.max(vMax, t.volumeM3);
        wMax = Math.max(wMax, t.payloadKg);
      }
    }
  if (vMax <= 0 || wMax <= 0) return 0;
  const U = 10_000;
  const bound = (os: Order[]): number => {
    const vs: number[] = [];
    const ws: number[] = [];
    let vSum = 0;
    let wSum = 0;
    for (const o of os) {
      const n = o.splittable ? o.pieces : 1;
      const v = effectiveVolume(o, maxHeight) / n;
      const w = o.weightKg / n;
      vSum += v * n;
      wSum += w * n;
      // L2 sees at most 2 000 pieces of an order (rounded down: smaller items keep it valid);
      // the volume bound below counts them all
      for (let k = 0; k < Math.min(n, 2000); k++) {
        vs.push(Math.min(U, Math.floor((v / vMax) * U)));
        ws.push(Math.min(U, Math.floor((w / wMax) * U)));
      }
    }
    return Math.max(
      boundL2(
        vs.filter((s) => s > 0),
        U,
      ),
      boundL2(
        ws.filter((s) => s > 0),
        U,
      ),
      Math.ceil(vSum / vMax - 1e-9),
      Math.ceil(wSum / wMax - 1e-9),
    );
  };
  const classBound = (os: Order[]): number => {
    let best = bound(os);
    // groups by cargo key
    const keyOf = (o: Order): string => `${o.cargoClass}|${o.dgClass ?? ''}`;
    const groups = new Map<string, Order[]>();
    for (const o of os) {
      const l = groups.get(keyOf(o)) ?? [];
      l.push(o);
      groups.set(keyOf(o), l);
    }
    const keys = [...groups.keys()];
    if (keys.length > 1 && keys.length <= 12) {
      const rep = keys.map((k) => groups.get(k)![0]!);
      const single = keys.map((k) => bound(groups.get(k)!));
      for (let mask = 1; mask < 1 << keys.length; mask++) {
        const idx: number[] = [];
        for (let i = 0; i < keys.length; i++) if (mask & (1 << i)) idx.push(i);
        if (idx.length < 2) continue;
        let clique = true;
        for (let a = 0; a < idx.length && clique; a++)
          for (let b = a + 1; b < idx.length && clique; b++)
            if (compatibleOrders(rep[idx[a]!]!, rep[idx[b]!]!, input.compatibility)) clique = false;
        if (clique)
          best = Math.max(
            best,
            idx.reduce((t, i) => t + single[i]!, 0),
          );
      }
    }
    return best;
  };

  // Containers belong to one departure: orders that can only use disjoint sets of departures need
  // disjoint containers. Departures linked by an order that may take either form one component;
  // the bound summed over components (and over orders forced onto one departure) is valid too.
  const eligible = (o: Order): string[] =>
    o.lock
      ? [o.lock.departureId]
      : input.departures
          .filter((d) => o.readyDate <= d.cutoff && d.destinations.includes(o.destination))
          .map((d) => d.id);
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const elig = orders.map(eligible);
  for (const ds of elig) for (const d of ds) if (!parent.has(d)) parent.set(d, d);
  for (const ds of elig) for (let k = 1; k < ds.length; k++) parent.set(find(ds[k]!), find(ds[0]!));
  const byComp = new Map<string, Order[]>();
  const forced = new Map<string, Order[]>();
  orders.forEach((o, i) => {
    const ds = elig[i]!;
    if (ds.length === 0) return;
    const c = find(ds[0]!);
    byComp.set(c, [...(byComp.get(c) ?? []), o]);
    if (ds.length === 1) forced.set(ds[0]!, [...(forced.get(ds[0]!) ?? []), o]);
  });
  let best = classBound(orders);
  const sum = (m: Map<string, Order[]>) => [...m.values()].reduce((t, os) => t + classBound(os), 0);
  if (byComp.size > 1) best = Math.max(best, sum(byComp));
  if (forced.size > 1) best = Math.max(best, sum(forced));
  return best;
}
