/**
 * Tier eligibility (梯度培育): which tier of a rule set a firm qualifies for now and, for the next
 * tier, every condition it fails with its value, what is required and the clause that requires it —
 * the answer json-rules-engine's users kept asking for. Points follow the 2022 measures: a value on a
 * band's boundary goes to the higher band (bands are [min, max)).
 */
import type { TCondition, TRequirement, TTierDocument } from '../../contracts/evaluation.js';
import { type Facts, FIELDS, type FieldName } from './fields.js';
import { meets } from './rules.js';

export interface Failing {
  requirementId: string;
  clause: string;
  label: { zh: string; en: string };
  field: string | null;
  value: number | boolean | null;
  op: string | null;
  required: number | boolean | null;
  unit: string | null;
  message: { zh: string; en: string };
  verified: boolean;
  /** One route of several ("… or …"): meeting it would do instead of the conditions above it. */
  alternative?: boolean;
}

interface Outcome {
  met: boolean;
  failing: Failing[];
  score: number | null;
}

const OP_ZH: Record<TCondition['op'], string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '=', '!=': '≠' };
const NOT_OP: Record<TCondition['op'], string> = { '>=': '<', '>': '≤', '<=': '>', '<': '≥', '=': '≠', '!=': '=' };

export function fmt(v: number | boolean | null | undefined, unit = ''): { zh: string; en: string } {
  if (v === null || v === undefined) return { zh: '无数据', en: 'no figure' };
  if (typeof v === 'boolean') return v ? { zh: '是', en: 'yes' } : { zh: '否', en: 'no' };
  // Two decimals below 10, one above (3.14 %, 12.3 %), without trailing zeros.
  const s = Number.isInteger(v)
    ? String(v)
    : String(Math.abs(v) < 10 ? Math.round(v * 100) / 100 : Math.round(v * 10) / 10);
  const text = unit ? `${s} ${unit}` : s;
  return { zh: text, en: text };
}

function conditionFailing(r: TRequirement, c: TCondition, value: number | boolean | null | undefined): Failing {
  const def = FIELDS[c.field as FieldName];
  const unit = def?.unit ?? c.unit ?? '';
  const v = fmt(value, unit);
  const req = fmt(c.value, unit);
  const verified = r.verified !== false;
  const tagZh = verified ? '' : '（条款待核实）';
  const tagEn = verified ? '' : ' (clause unverified)';
  const message =
    value === null || value === undefined
      ? {
          zh: `${r.label.zh}：无数据，要求 ${OP_ZH[c.op]} ${req.zh}（${r.clause}）${tagZh}`,
          en: `${r.label.en}: no figure; ${c.op} ${req.en} required (${r.clause})${tagEn}`,
        }
      : typeof c.value === 'boolean'
        ? {
            zh: `${r.label.zh}：${v.zh}，要求 ${req.zh}（${r.clause}）${tagZh}`,
            en: `${r.label.en}: ${v.en}; ${req.en} required (${r.clause})${tagEn}`,
          }
        : {
            zh: `${r.label.zh}：${v.zh} ${NOT_OP[c.op]} 要求的 ${req.zh}（${r.clause}）${tagZh}`,
            en: `${r.label.en}: ${v.en} ${NOT_OP[c.op]} ${req.en} required (${r.clause})${tagEn}`,
          };
  return {
    requirementId: r.id,
    clause: r.clause,
    label: r.label,
    field: c.field,
    value: value ?? null,
    op: c.op,
    required: c.value,
    unit: unit || null,
    message,
    verified,
  };
}

/** Points of one score item for a value. */
export function itemPoints(
  item: NonNullable<TRequirement['groups']>[number]['items'][number],
  value: number | boolean | null | undefined,
  altValue?: number | boolean | null,
): number {
  const main = bandPoints(item.bands ?? [], value, item.perUnit, item.max);
  if (!item.altField) return main;
  return Math.max(main, bandPoints(item.altBands ?? [], altValue, undefined, item.max));
}

type PointBand = NonNullable<NonNullable<TRequirement['groups']>[number]['items'][number]['bands']>[number];

/** Whether a value lies in a band: [min, max) by default, (min, max] when the band says inclusive 'max'. */
export function inBand(b: PointBand, v: number): boolean {
  if (b.inclusive === 'max') return (b.min == null || v > b.min) && (b.max == null || v <= b.max);
  return (b.min == null || v >= b.min) && (b.max == null || v < b.max);
}

function bandPoints(
  bands: readonly PointBand[],
  value: number | boolean | null | undefined,
  perUnit: number | undefined,
  max: number,
): number {
  if (value === null || value === undefined) return 0;
  const v = typeof value === 'boolean' ? (value ? 1 : 0) : value;
  if (perUnit !== undefined) return Math.min(max, Math.max(0, perUnit * v));
  for (const b of bands) if (inBand(b, v)) return Math.min(b.points, max);
  return 0;
}

export function evaluateRequirement(r: TRequirement, f: Facts): Outcome {
  if (r.kind === 'condition') {
    const c = r.condition;
    if (!c) return { met: false, failing: [], score: null };
    const value = f[c.field as FieldName];
    const met = meets(value, c.op, c.value);
    return { met, failing: met ? [] : [conditionFailing(r, c, value)], score: null };
  }
  if (r.kind === 'score') {
    let total = 0;
    const failing: Failing[] = [];
    for (const g of r.groups ?? []) {
      let gs = 0;
      for (const it of g.items)
        gs += itemPoints(it, f[it.field as FieldName], it.altField ? f[it.altField as FieldName] : null);
      total += gs;
      if (g.min != null && gs < g.min)
        failing.push({
          requirementId: `${r.id}.${g.id}`,
          clause: r.clause,
          label: g.label,
          field: null,
          value: gs,
          op: '>=',
          required: g.min,
          unit: '分',
          message: {
            zh: `${g.label.zh}得分 ${round(gs)} < 要求的 ${g.min} 分（${r.clause}）`,
            en: `${g.label.en}: ${round(gs)} points < ${g.min} required (${r.clause})`,
          },
          verified: r.verified !== false,
        });
    }
    if (r.minScore !== undefined && total < r.minScore)
      failing.unshift({
        requirementId: r.id,
        clause: r.clause,
        label: r.label,
        field: null,
        value: round(total),
        op: '>=',
        required: r.minScore,
        unit: '分',
        message: {
          zh: `${r.label.zh}：${round(total)} 分 < 要求的 ${r.minScore} 分（${r.clause}）`,
          en: `${r.label.en}: ${round(total)} points < ${r.minScore} required (${r.clause})`,
        },
        verified: r.verified !== false,
      });
    return { met: failing.length === 0, failing, score: round(total) };
  }
  const kids = (r.of ?? []).map((c) => evaluateRequirement(c, f));
  const score = kids.find((k) => k.score !== null)?.score ?? null;
  if (r.kind === 'all') {
    return { met: kids.every((k) => k.met), failing: kids.flatMap((k) => k.failing), score };
  }
  // any: met by one. Otherwise the first route (the main one) is reported in full, and each other route
  // as its one failing condition, or as one line naming it when it fails on several: "or …".
  if (kids.some((k) => k.met)) return { met: true, failing: [], score };
  const [first, ...others] = kids;
  const failing = [...(first?.failing ?? [])];
  others.forEach((k, i) => {
    const alt = (r.of ?? [])[i + 1];
    if (!alt) return;
    if (k.failing.length === 1 && k.failing[0]) {
      const one = k.failing[0];
      failing.push({
        ...one,
        alternative: true,
        message: { zh: `或：${one.message.zh}`, en: `or: ${one.message.en}` },
      });
    } else
      failing.push({
        requirementId: alt.id,
        clause: alt.clause,
        label: alt.label,
        field: null,
        value: null,
        op: null,
        required: null,
        unit: null,
        alternative: true,
        message: { zh: `或：${alt.label.zh}（未满足）`, en: `or: ${alt.label.en} (not met)` },
        verified: alt.verified !== false && r.verified !== false,
      });
  });
  return { met: false, failing, score };
}

export interface TierOutcome {
  /** The highest tier met now, or null. */
  qualifies: string | null;
  /** The tier above it (the first tier when none is met), or null at the top. */
  next: string | null;
  failing: Failing[];
  score: number | null;
  /** Every tier: whether met. */
  met: Record<string, boolean>;
}

/** Whether a requirement is met, without building the explanation (the fast path for every tier). */
export function isMet(r: TRequirement, f: Facts): boolean {
  if (r.kind === 'condition')
    return r.condition ? meets(f[r.condition.field as FieldName], r.condition.op, r.condition.value) : false;
  if (r.kind === 'score') {
    let total = 0;
    for (const g of r.groups ?? []) {
      let gs = 0;
      for (const it of g.items)
        gs += itemPoints(it, f[it.field as FieldName], it.altField ? f[it.altField as FieldName] : null);
      if (g.min != null && gs < g.min) return false;
      total += gs;
    }
    return r.minScore === undefined || total >= r.minScore;
  }
  const of = r.of ?? [];
  return r.kind === 'all' ? of.every((c) => isMet(c, f)) : of.some((c) => isMet(c, f));
}

export function evaluateTiers(doc: TTierDocument, f: Facts): TierOutcome {
  const met: Record<string, boolean> = {};
  let top = -1;
  doc.tiers.forEach((t, i) => {
    met[t.tier] = t.requirements.every((r) => isMet(r, f));
    if (met[t.tier]) top = i;
  });
  // Only the next tier is explained: each failing condition with its value and clause.
  const nextOne = doc.tiers[top + 1];
  const o = nextOne
    ? evaluateRequirement(
        { kind: 'all', id: nextOne.tier, label: nextOne.label, clause: '', of: nextOne.requirements },
        f,
      )
    : null;
  return {
    qualifies: top >= 0 ? (doc.tiers[top]?.tier ?? null) : null,
    next: nextOne?.tier ?? null,
    failing: o?.failing ?? [],
    score: o?.score ?? null,
    met,
  };
}

const round = (x: number) => Math.round(x * 100) / 100;
