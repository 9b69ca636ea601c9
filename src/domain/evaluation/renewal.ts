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
