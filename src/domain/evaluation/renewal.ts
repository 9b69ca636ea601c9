/**
 * Park renewal (改园换企 / 留园换企 / 留园留企): a park's figures from its firms' evaluation results,
 * its units and buildings, and its class by the first rule of the renewal rule set that holds. The rule
 * that decided travels with the result, so the page shows why beside each park.
 */
import type { TRenewalDocument } from '../../contracts/evaluation.js';
import { meets } from './rules.js';

export interface ParkFacts {
  dSharePct: number | null;
  landOutputRatio: number | null;
  vacancyPct: number | null;
  buildingAgeYears: number | null;
  assessedFirms: number;
}

export interface ParkInput {
  id: number;
  /** Classes of the park's assessed firms (T excluded). */
  classes: readonly string[];
  outputWan: number;
  landMu: number;
  vacantM2: number;
  unitM2: number;
  /** Completion years of its buildings. */
  buildingYears: readonly number[];
}

/** A park's facts; landOutputRatio compares its output per mu with the zone's (zoneOutputPerMu). */
export function parkFacts(p: ParkInput, zoneOutputPerMu: number | null, year: number): ParkFacts {
  const n = p.classes.length;
  const d = p.classes.filter((c) => c === 'D').length;
  const perMu = p.landMu > 0 ? p.outputWan / p.landMu : null;
  return {
    dSharePct: n > 0 ? (d / n) * 100 : null,
    landOutputRatio: perMu !== null && zoneOutputPerMu ? perMu / zoneOutputPerMu : null,
    vacancyPct: p.unitM2 > 0 ? (p.vacantM2 / p.unitM2) * 100 : null,
    buildingAgeYears:
      p.buildingYears.length > 0 ? p.buildingYears.reduce((s, y) => s + (year - y), 0) / p.buildingYears.length : null,
    assessedFirms: n,
  };
}

export interface RenewalClass {
  mode: TRenewalDocument['rules'][number]['mode'];
  ruleIndex: number;
  label: { zh: string; en: string };
  clause: string;
  /** The conditions of the deciding rule, each with the park's value. */
  because: { field: string; op: string; value: number | boolean; actual: number | boolean | null }[];
}

export function classifyPark(doc: TRenewalDocument, f: ParkFacts): RenewalClass {
  const facts = f as unknown as Record<string, number | null>;
  const i = doc.rules.findIndex((r) => r.when.every((c) => meets(facts[c.field], c.op, c.value)));
  const at = i >= 0 ? i : doc.rules.length - 1;
  const r = doc.rules[at] as TRenewalDocument['rules'][number];
  return {
    mode: r.mode,
    ruleIndex: at,
    label: r.label,
    clause: r.clause,
    because: r.when.map((c) => ({ field: c.field, op: c.op, value: c.value, actual: facts[c.field] ?? null })),
  };
}

/** A plot (地块) for renewal: the firms on it (its land-use right holder and its buildings' tenants) and its place. */
export interface PlotInput {
  id: number;
  areaMu: number;
  /** Firms on the plot: the holder of its land-use right and the current tenants of its buildings. */
  firmIds: readonly number[];
  vacantM2: number;
  unitM2: number;
  buildingYears: readonly number[];
}

/**
 * Plots as renewal inputs, so a plot is classed by the same rules and facts as a park: its land is its own
 * area in mu; its output is that of the assessed firms on it, each firm's output shared among the plots it is
 * on in proportion to their areas (a firm on two plots of 30 and 10 mu puts 3/4 of its output on the first).
 * `classes` holds the assessed firms the reader sees (T included; it is left out of the D share, as for parks).
 */
export function plotInputs(
  plots: readonly PlotInput[],
  classes: ReadonlyMap<number, string>,
  outputWan: ReadonlyMap<number, number>,
): ParkInput[] {
  const areaOf = new Map<number, number>();
  for (const p of plots)
    for (const id of new Set(p.firmIds)) if (classes.has(id)) areaOf.set(id, (areaOf.get(id) ?? 0) + p.areaMu);
  return plots.map((p) => {
    const ids = [...new Set(p.firmIds)].filter((id) => classes.has(id));
    let output = 0;
    for (const id of ids) output += ((outputWan.get(id) ?? 0) * p.areaMu) / (areaOf.get(id) as number);
    return {
      id: p.id,
      classes: ids.map((id) => classes.get(id) as string).filter((c) => c !== 'T'),
      outputWan: output,
      landMu: p.areaMu,
      vacantM2: p.vacantM2,
      unitM2: p.unitM2,
      buildingYears: p.buildingYears,
    };
  });
}

/**
 * The point a plot is drawn at: the area centroid of its outline (a ring of [lng, lat] pairs, closed or
 * not), the mean of its corners when the ring has no area, null without an outline.
 */
export function outlineCentroid(
  ring: readonly (readonly [number, number])[] | null,
): { lng: number; lat: number } | null {
  if (!ring || ring.length === 0) return null;
  const pts =
    ring.length > 1 && ring[0]?.[0] === ring.at(-1)?.[0] && ring[0]?.[1] === ring.at(-1)?.[1]
      ? ring.slice(0, -1)
      : ring;
  // Relative to the first corner: degrees near (114, 30) would lose the area to cancellation.
  const [ox, oy] = pts[0] as [number, number];
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < pts.length; i++) {
    const [x0, y0] = pts[i] as [number, number];
    const [x1, y1] = pts[(i + 1) % pts.length] as [number, number];
    const k = (x0 - ox) * (y1 - oy) - (x1 - ox) * (y0 - oy);
    a += k;
    cx += (x0 - ox + x1 - ox) * k;
    cy += (y0 - oy + y1 - oy) * k;
  }
  if (Math.abs(a) < 1e-14) {
    return {
      lng: pts.reduce((s, p) => s + p[0], 0) / pts.length,
      lat: pts.reduce((s, p) => s + p[1], 0) / pts.length,
    };
  }
  return { lng: ox + cx / (3 * a), lat: oy + cy / (3 * a) };
}
