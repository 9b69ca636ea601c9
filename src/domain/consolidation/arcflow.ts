/**
 * Arc-flow model of one-dimensional bin packing (Valério de Carvalho 1999), solved with HiGHS.
 * Nodes are the loads 0..C a bin can reach; an item arc of size s goes from load a to a + s,
 * only from loads reachable with items not smaller than s (items enter a bin in decreasing
 * order, which removes symmetric paths); one loss arc from every node to C closes a bin. A unit
 * of flow from 0 to C is one bin; the item arcs of size s must carry at least its demand.
 * Its LP relaxation gives a bound as strong as the Gilmore–Gomory one; the integer model is exact.
 */
import highsLoader, { type Highs } from 'highs';
import type { Packing } from './heuristics.js';

let loading: Promise<Highs> | undefined;

/** Loads HiGHS once per process (a failed load is retried on the next call). */
export function loadHighs(): Promise<Highs> {
  if (!loading)
    loading = highsLoader().catch((e: unknown) => {
      loading = undefined;
      throw e;
    });
  return loading;
}

interface Graph {
  /** arc tail, head, item size (0 for a loss arc) */
  tail: number[];
  head: number[];
  size: number[];
  sizes: number[]; // distinct sizes, decreasing
  demand: number[];
}

function buildGraph(items: readonly number[], capacity: number): Graph {
  const count = new Map<number, number>();
  for (const s of items) count.set(s, (count.get(s) ?? 0) + 1);
  const sizes = [...count.keys()].sort((a, b) => b - a);
  const demand = sizes.map((s) => count.get(s)!);
  const tail: number[] = [];
  const head: number[] = [];
  const size: number[] = [];
  // reach[a]: node a is reachable with the sizes handled so far (all larger ones)
  const reach = new Uint8Array(capacity + 1);
  reach[0] = 1;
  for (let k = 0; k < sizes.length; k++) {
    const s = sizes[k]!;
    // up to d copies of s may follow each other, so the nodes reached in this size class grow
    const before = Array.from(reach);
    const level = new Uint8Array(capacity + 1);
    for (let a = 0; a <= capacity; a++) level[a] = before[a]!;
    for (let a = 0; a + s <= capacity; a++) {
      if (!level[a]) continue;
      tail.push(a);
      head.push(a + s);
      size.push(s);
      level[a + s] = 1;
    }
    // copies of s may follow each other (level grows in place); a few more arcs than needed,
    // as the demand rows, not the graph, bound how many.
    for (let a = 0; a <= capacity; a++) if (level[a]) reach[a] = 1;
  }
  for (let a = 1; a < capacity; a++) {
    if (!reach[a]) continue;
    tail.push(a);
    head.push(capacity);
    size.push(0);
  }
  return { tail, head, size, sizes, demand };
}

export interface ArcFlowResult {
  /** ⌈LP optimum⌉ (a lower bound) when the LP solved. */
  lpBound?: number;
  /** An optimal packing when the integer model was solved to optimality in time. */
  packing?: Packing;
  /** The best packing found (may be undefined) and whether it is proven optimal. */
  optimal: boolean;
  /** HiGHS' dual bound on the integer model (a lower bound), rounded up. */
  mipBound?: number;
}

/**
 * Solves the LP relaxation (bound) and, when `integer` is set, the integer model within
 * `timeLimitMs`, with `cutoffBins` (a known packing's size) as an upper limit on the objective.
 */
export async function solveArcFlow(
  items: readonly number[],
  capacity: number,
  opts: { integer: boolean; timeLimitMs: number; upperBound?: number; lowerBound?: number },
): Promise<ArcFlowResult> {
  const highs = await loadHighs();
  const g = buildGraph(items, capacity);
  const nArcs = g.tail.length;
  // columns: arcs, then z (the bins = flow out of 0 = flow into C)
  const nCols = nArcs + 1;
  const zCol = nArcs;
  // rows: conservation at each node 1..C-1 that appears, plus flow out of 0 = z, plus demand per size
  const rowsOf = new Map<number, number[][]>(); // node -> [cols, vals]
  const addEntry = (node: number, col: number, val: number): void => {
    let r = rowsOf.get(node);
    if (!r) {
      r = [[], []];
      rowsOf.set(node, r);
    }
    r[0]!.push(col);
    r[1]!.push(val);
  };
  for (let e = 0; e < nArcs; e++) {
    addEntry(g.tail[e]!, e, -1);
    addEntry(g.head[e]!, e, 1);
  }
  const rowIdx: number[][] = [];
  const rowVal: number[][] = [];
  const lo: number[] = [];
  const up: number[] = [];
  for (const [node, [cols, vals]] of rowsOf) {
    if (node === capacity) continue; // implied
    if (node === 0) {
      rowIdx.push([...cols!, zCol]);
      rowVal.push([...vals!, 1]); // -out + z = 0
    } else {
      rowIdx.push(cols!);
      rowVal.push(vals!);
    }
    lo.push(0);
    up.push(0);
  }
  const bySize = new Map<number, number[]>();
  for (let e = 0; e < nArcs; e++) {
    if (g.size[e] === 0) continue;
    const l = bySize.get(g.size[e]!) ?? [];
    l.push(e);
    bySize.set(g.size[e]!, l);
  }
  g.sizes.forEach((s, k) => {
    const cols = bySize.get(s) ?? [];
    rowIdx.push(cols);
    rowVal.push(cols.map(() => 1));
    lo.push(g.demand[k]!);
    up.push(Number.POSITIVE_INFINITY);
  });
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (let r = 0; r < rowIdx.length; r++) {
    indices.push(...rowIdx[r]!);
    values.push(...rowVal[r]!);
    starts.push(indices.length);
  }
  const colCost = new Array<number>(nCols).fill(0);
  colCost[zCol] = 1;
  const colUpper = new Array<number>(nCols).fill(Number.POSITIVE_INFINITY);
  if (opts.upperBound !== undefined) colUpper[zCol] = opts.upperBound;
  const colLower = new Array<number>(nCols).fill(0);
  if (opts.lowerBound !== undefined) colLower[zCol] = opts.lowerBound;
  const data = {
    numCols: nCols,
    numRows: rowIdx.length,
    colCost,
    colLower,
    colUpper,
    rowLower: lo,
    rowUpper: up,
    matrix: { format: 'csr' as const, numRows: rowIdx.length, numCols: nCols, starts, indices, values },
  };
  const out: ArcFlowResult = { optimal: false };
  const started = Date.now();
  {
    const model = highs.createModel({ ...data, sense: highs.constants.objectiveSense.minimize });
    try {
      model.options.set({ output_flag: false, time_limit: Math.max(0.05, opts.timeLimitMs / 1000) });
      model.run();
      if (model.getModelStatus() === highs.constants.modelStatus.optimal)
        out.lpBound = Math.ceil(model.getObjectiveValue() - 1e-6);
    } catch {
      // no LP bound: the caller keeps its combinatorial bounds
    } finally {
      model.dispose();
    }
  }
  if (!opts.integer) return out;
  const left = opts.timeLimitMs - (Date.now() - started);
  if (left <= 20) return out;
  const integrality = new Int32Array(nCols).fill(highs.constants.variableType.integer);
  const model = highs.createModel({ ...data, integrality, sense: highs.constants.objectiveSense.minimize });
  try {
    model.options.set({ output_flag: false, time_limit: left / 1000, mip_rel_gap: 0, mip_abs_gap: 0.99 });
    model.run();
    const status = model.getModelStatus();
    const ms = highs.constants.modelStatus;
    const dual = Number(model.info.get('mip_dual_bound'));
    if (Number.isFinite(dual)) out.mipBound = Math.ceil(dual - 1e-6);
    if (status === ms.optimal || status === ms.timeLimit) {
      const x = model.getSolution().colValue;
      if (x.length === nCols) {
        const packing = decompose(g, Array.from(x), items, capacity);
        if (packing) {
          out.packing = packing;
          out.optimal = status === ms.optimal;
        }
      }
    }
  } catch {
    // keep whatever bound we have
  } finally {
    model.dispose();
  }
  return out;
}

/** Turns an integer flow into bins of item indices (undefined when the flow is inconsistent). */
function decompose(g: Graph, x: number[], items: readonly number[], capacity: number): Packing | undefined {
  const flow = x.slice(0, g.tail.length).map((v) => Math.round(v));
  const outArcs = new Map<number, number[]>();
  for (let e = 0; e < g.tail.length; e++) {
    if (flow[e]! <= 0) continue;
    const l = outArcs.get(g.tail[e]!) ?? [];
    l.push(e);
    outArcs.set(g.tail[e]!, l);
  }
  const pool = new Map<number, number[]>();
  items.forEach((s, i) => {
    const l = pool.get(s) ?? [];
    l.push(i);
    pool.set(s, l);
  });
  const bins: Packing = [];
  for (;;) {
    const first = (outArcs.get(0) ?? []).find((e) => flow[e]! > 0);
    if (first === undefined) break;
    const bin: number[] = [];
    let node = 0;
    let guard = 0;
    while (node !== capacity) {
      if (++guard > capacity + 2) return undefined;
      const e = (outArcs.get(node) ?? []).find((k) => flow[k]! > 0);
      if (e === undefined) return undefined;
      flow[e]!--;
      const s = g.size[e]!;
      if (s > 0) {
        const l = pool.get(s);
        if (l && l.length > 0) bin.push(l.pop()!);
      }
      node = g.head[e]!;
    }
    bins.push(bin);
  }
  // over-covered demand leaves no item behind; an uncovered item means a bad flow
  for (const l of pool.values()) if (l.length > 0) return undefined;
  return bins.filter((b) => b.length > 0);
}
