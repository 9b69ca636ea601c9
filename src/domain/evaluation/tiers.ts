/**
 * Tier eligibility (梯度培育): which tier of a rule set a firm qualifies for now and, for the next
 * tier, every condition it fails with its value, what is required and the clause that requires it —
 * the answer json-rules-engine's users kept asking for. Points follow the 2022 measures: a value on a
 * band's boundary goes to the higher band (bands are [min, max)).
 */
import type { TCondition, TRequirement, TTierDocument } from '../../contracts/evaluation.js';
import { type Facts, FIELDS, type FieldName } from './fields.js';
import { meets } from './rules.js';

/**
 * A failing condition as data: which requirement, its value, what is required and the clause. Worded by
 * `explainFailing` only for the answers a reader is shown (a list of 100 k firms needs only how many fail).
 */
export interface FailingFact {
  requirementId: string;
  clause: string;
  label: { zh: string; en: string };
  field: string | null;
  value: number | boolean | null;
  op: string | null;
  required: number | boolean | null;
  unit: string | null;
  verified: boolean;
  /** One route of several ("… or …"): meeting it would do instead of the conditions above it. */
  alternative?: boolean;
  /** What failed: a condition, a score group's minimum, a score's total, or a whole route failing on several conditions. */
  form: 'condition' | 'group' | 'total' | 'route';
}

/** A failing condition with its sentence in both languages. */
export interface Failing extends Omit<FailingFact, 'form'> {
  message: { zh: string; en: string };
}

interface Outcome {
  met: boolean;
  failing: FailingFact[];
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

function conditionFailing(r: TRequirement, c: TCondition, value: number | boolean | null | undefined): FailingFact {
  const def = FIELDS[c.field as FieldName];
  return {
    requirementId: r.id,
    clause: r.clause,
    label: r.label,
    field: c.field,
    value: value ?? null,
    op: c.op,
    required: c.value,
    unit: (def?.unit ?? c.unit ?? '') || null,
    verified: r.verified !== false,
    form: 'condition',
  };
}

/** The sentence of a failing condition, in both languages, with the clause (and a mark when it is unverified). */
export function explainFailing(x: FailingFact): Failing {
  const { form, ...rest } = x;
  const tagZh = x.verified ? '' : '（条款待核实）';
  const tagEn = x.verified ? '' : ' (clause unverified)';
  let zh: string;
  let en: string;
  if (form === 'route') {
    zh = `${x.label.zh}（未满足）`;
    en = `${x.label.en} (not met)`;
  } else if (form === 'group') {
    zh = `${x.label.zh}得分 ${fmtNum(x.value)} < 要求的 ${fmtNum(x.required)} 分（${x.clause}）${tagZh}`;
    en = `${x.label.en}: ${fmtNum(x.value)} points < ${fmtNum(x.required)} required (${x.clause})${tagEn}`;
  } else if (form === 'total') {
    zh = `${x.label.zh}：${fmtNum(x.value)} 分 < 要求的 ${fmtNum(x.required)} 分（${x.clause}）${tagZh}`;
    en = `${x.label.en}: ${fmtNum(x.value)} points < ${fmtNum(x.required)} required (${x.clause})${tagEn}`;
  } else {
    const unit = x.unit ?? '';
    const op = (x.op ?? '>=') as TCondition['op'];
    const v = fmt(x.value, unit);
    const req = fmt(x.required, unit);
    if (x.value === null) {
      zh = `${x.label.zh}：无数据，要求 ${OP_ZH[op]} ${req.zh}（${x.clause}）${tagZh}`;
      en = `${x.label.en}: no figure; ${op} ${req.en} required (${x.clause})${tagEn}`;
    } else if (typeof x.required === 'boolean') {
      zh = `${x.label.zh}：${v.zh}，要求 ${req.zh}（${x.clause}）${tagZh}`;
      en = `${x.label.en}: ${v.en}; ${req.en} required (${x.clause})${tagEn}`;
    } else {
      zh = `${x.label.zh}：${v.zh} ${NOT_OP[op]} 要求的 ${req.zh}（${x.clause}）${tagZh}`;
      en = `${x.label.en}: ${v.en} ${NOT_OP[op]} ${req.en} required (${x.clause})${tagEn}`;
    }
  }
  return { ...rest, message: x.alternative ? { zh: `或：${zh}`, en: `or: ${en}` } : { zh, en } };
}

const fmtNum = (v: number | boolean | null) => (typeof v === 'number' ? String(round(v)) : String(v));

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
    // Points that came from items not checked against the published text (illustrative ones): an answer
    // resting on them says so.
    let unverifiedTotal = 0;
    const failing: FailingFact[] = [];
    for (const g of r.groups ?? []) {
      let gs = 0;
      let gu = 0;
      for (const it of g.items) {
        const pts = itemPoints(it, f[it.field as FieldName], it.altField ? f[it.altField as FieldName] : null);
        gs += pts;
        if (g.verified === false || it.verified === false) gu += pts;
      }
      total += gs;
      unverifiedTotal += gu;
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
          verified: r.verified !== false && gu === 0,
          form: 'group',
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
        verified: r.verified !== false && unverifiedTotal === 0,
        form: 'total',
      });
    return { met: failing.length === 0, failing, score: round(total) };
  }
  const of = r.of ?? [];
  const kids: Outcome[] = new Array(of.length);
  let score: number | null = null;
  let allMet = true;
  let anyMet = false;
  for (let i = 0; i < of.length; i++) {
    const k = evaluateRequirement(of[i] as TRequirement, f);
    kids[i] = k;
    if (score === null && k.score !== null) score = k.score;
    if (k.met) anyMet = true;
    else allMet = false;
  }
  if (r.kind === 'all') {
    if (allMet) return { met: true, failing: [], score };
    const failing: FailingFact[] = [];
    for (const k of kids) for (const x of k.failing) failing.push(x);
    return { met: false, failing, score };
  }
  // any: met by one. Otherwise the first route (the main one) is reported in full, and each other route
  // as its one failing condition, or as one line naming it when it fails on several: "or …".
  if (anyMet) return { met: true, failing: [], score };
  const failing: FailingFact[] = kids[0] ? kids[0].failing.slice() : [];
  for (let i = 1; i < kids.length; i++) {
    const k = kids[i] as Outcome;
    const alt = of[i];
    if (!alt) continue;
    const one = k.failing.length === 1 ? k.failing[0] : undefined;
    if (one) failing.push({ ...one, alternative: true });
    else
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
        verified: alt.verified !== false && r.verified !== false,
        form: 'route',
      });
  }
  return { met: false, failing, score };
}

export interface TierOutcome {
  /** The highest tier met now, or null. */
  qualifies: string | null;
  /**
   * Whether that qualification stands on verified rules alone (false: it rests on an unverified condition
   * or on points of an illustrative item, and the answer says so). True when nothing qualifies.
   */
  qualifiesVerified: boolean;
  /** The tier above it (the first tier when none is met), or null at the top. */
  next: string | null;
  /** The next tier's failing conditions, as data (`explainFailing` words one). */
  failing: FailingFact[];
  score: number | null;
  /** Every tier: whether met. */
  met: Record<string, boolean>;
}

/**
 * Whether a requirement is met, without building the explanation (the fast path for every tier). `strict`
 * counts only what is verified: an unverified condition or route is unmet and an unverified score item
 * gives no points — whether an answer would stand on the checked rules alone.
 */
export function isMet(r: TRequirement, f: Facts, strict = false): boolean {
  if (strict && r.verified === false) return false;
  if (r.kind === 'condition')
    return r.condition ? meets(f[r.condition.field as FieldName], r.condition.op, r.condition.value) : false;
  if (r.kind === 'score') {
    let total = 0;
    for (const g of r.groups ?? []) {
      let gs = 0;
      for (const it of g.items)
        if (!strict || (g.verified !== false && it.verified !== false))
          gs += itemPoints(it, f[it.field as FieldName], it.altField ? f[it.altField as FieldName] : null);
      if (g.min != null && gs < g.min) return false;
      total += gs;
    }
    return r.minScore === undefined || total >= r.minScore;
  }
  const of = r.of ?? [];
  if (r.kind === 'all') {
    for (const c of of) if (!isMet(c, f, strict)) return false;
    return true;
  }
  for (const c of of) if (isMet(c, f, strict)) return true;
  return false;
}

export function evaluateTiers(doc: TTierDocument, f: Facts): TierOutcome {
  const met: Record<string, boolean> = {};
  let top = -1;
  for (let i = 0; i < doc.tiers.length; i++) {
    const t = doc.tiers[i] as TTierDocument['tiers'][number];
    let ok = true;
    for (const r of t.requirements)
      if (!isMet(r, f)) {
        ok = false;
        break;
      }
    met[t.tier] = ok;
    if (ok) top = i;
  }
  // Only the next tier is explained: each failing condition with its value and clause.
  const nextOne = doc.tiers[top + 1];
  const o = nextOne
    ? evaluateRequirement(
        { kind: 'all', id: nextOne.tier, label: nextOne.label, clause: '', of: nextOne.requirements },
        f,
      )
    : null;
  const topTier = top >= 0 ? doc.tiers[top] : undefined;
  return {
    qualifies: topTier?.tier ?? null,
    qualifiesVerified: topTier ? topTier.requirements.every((r) => isMet(r, f, true)) : true,
    next: nextOne?.tier ?? null,
    failing: o?.failing ?? [],
    score: o?.score ?? null,
    met,
  };
}

const round = (x: number) => Math.round(x * 100) / 100;
