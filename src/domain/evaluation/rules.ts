/**
 * Checks of a rule-set document beyond its shape: weights that do not sum as declared, bands that leave
 * a gap or overlap, conditions on unknown fields, values in the wrong unit or of the wrong type. Every
 * problem names the rule (its path and label) and the field, in Chinese and English, and all of them are
 * returned at once so an editor can fix everything in one pass.
 */
import type {
  TCondition,
  TPerMuDocument,
  TRenewalDocument,
  TRequirement,
  TRuleSetDocument,
  TTierDocument,
} from '../../contracts/evaluation.js';
import { FIELDS, type FieldDef } from './fields.js';

export type RuleProblemCode =
  | 'evaluation.weights_sum'
  | 'evaluation.band_gap'
  | 'evaluation.band_overlap'
  | 'evaluation.band_bounds'
  | 'evaluation.unknown_field'
  | 'evaluation.unit_mismatch'
  | 'evaluation.value_type'
  | 'evaluation.duplicate_code'
  | 'evaluation.unknown_tier'
  | 'evaluation.empty_rule';

export interface RuleProblem {
  path: (string | number)[];
  code: RuleProblemCode;
  /** The rule named as a reader finds it: "亩均税收 (buckets.above_scale)". */
  rule: string;
  field: string | null;
  message: { zh: string; en: string };
}

/** Fields of a park that renewal rules may name (domain/evaluation/renewal.ts computes them). */
export const PARK_FIELDS: Record<string, FieldDef> = {
  dSharePct: { unit: '%', kind: 'number', zh: 'D类企业占比', en: 'Share of class-D firms', confidential: false },
  landOutputRatio: {
    unit: '倍',
    kind: 'number',
    zh: '亩均产出相当于全区倍数',
    en: 'Output per mu as a multiple of the zone’s',
    confidential: false,
  },
  vacancyPct: { unit: '%', kind: 'number', zh: '空置率', en: 'Vacancy', confidential: false },
  buildingAgeYears: { unit: '年', kind: 'number', zh: '建筑平均年限', en: 'Average building age', confidential: false },
  assessedFirms: { unit: '家', kind: 'number', zh: '参评企业数', en: 'Firms assessed', confidential: false },
};

const EPS = 1e-9;

/** The unit an indicator's numerator / denominator × factor yields. */
export function indicatorUnit(num: FieldDef, den: FieldDef | null, factor: number): string {
  if (!den) return factor === 100 ? '%' : num.unit;
  if (factor === 100 && num.unit === den.unit) return '%';
  return `${num.unit}/${den.unit}`;
}

export function validateRuleSet(doc: TRuleSetDocument, opts: { tiers?: readonly string[] } = {}): RuleProblem[] {
  if (doc.kind === 'per_mu') return validatePerMu(doc);
  if (doc.kind === 'tier') return validateTier(doc, opts.tiers);
  return validateRenewal(doc);
}

function problem(
  path: (string | number)[],
  code: RuleProblemCode,
  rule: string,
  field: string | null,
  zh: string,
  en: string,
): RuleProblem {
  return { path: ['document', ...path], code, rule, field, message: { zh, en } };
}

function checkCondition(
  c: TCondition,
  path: (string | number)[],
  rule: string,
  catalogue: Record<string, FieldDef>,
  out: RuleProblem[],
) {
  const def = Object.hasOwn(catalogue, c.field) ? catalogue[c.field] : undefined;
  if (!def) {
    out.push(
      problem(
        [...path, 'field'],
        'evaluation.unknown_field',
        rule,
        c.field,
        `规则“${rule}”引用了未知字段 ${c.field}`,
        `Rule "${rule}" names an unknown field ${c.field}`,
      ),
    );
    return;
  }
  if (def.kind === 'boolean') {
    if (typeof c.value !== 'boolean' || (c.op !== '=' && c.op !== '!='))
      out.push(
        problem(
          [...path, 'value'],
          'evaluation.value_type',
          rule,
          c.field,
          `规则“${rule}”：${c.field}（${def.zh}）是是/否字段，只能用 = 或 != 与 true/false 比较`,
          `Rule "${rule}": ${c.field} (${def.en}) is yes/no: compare it with = or != to true / false`,
        ),
      );
    return;
  }
  if (typeof c.value !== 'number')
    out.push(
      problem(
        [...path, 'value'],
        'evaluation.value_type',
        rule,
        c.field,
        `规则“${rule}”：${c.field}（${def.zh}）是数值字段，比较值须为数字`,
        `Rule "${rule}": ${c.field} (${def.en}) is a number: the value must be a number`,
      ),
    );
  if (c.unit != null && c.unit !== def.unit)
    out.push(
      problem(
        [...path, 'unit'],
        'evaluation.unit_mismatch',
        rule,
        c.field,
        `规则“${rule}”：${c.field}（${def.zh}）的单位是 ${def.unit}，规则写的是 ${c.unit}`,
        `Rule "${rule}": ${c.field} (${def.en}) is in ${def.unit}, the rule says ${c.unit}`,
      ),
    );
}

/** Bands must cover their range once: sorted by `from`, each `to` is the next `from`. */
function checkBands(
  bands: { from: number; to: number | null; class: string }[],
  by: 'score' | 'share',
  out: RuleProblem[],
) {
  const sorted = bands.map((b, i) => ({ ...b, i })).sort((a, b) => a.from - b.from);
  const seen = new Set<string>();
  for (const b of sorted) {
    const rule = `${b.class} [${b.from}, ${b.to ?? '∞'})`;
    if (seen.has(b.class))
      out.push(
        problem(
          ['bands', 'bands', b.i, 'class'],
          'evaluation.duplicate_code',
          rule,
          'class',
          `等级 ${b.class} 出现了两次`,
          `Class ${b.class} appears twice`,
        ),
      );
    seen.add(b.class);
    if (b.to !== null && b.to <= b.from)
      out.push(
        problem(
          ['bands', 'bands', b.i, 'to'],
          'evaluation.band_bounds',
          rule,
          'to',
          `等级 ${b.class} 的上限 ${b.to} 不大于下限 ${b.from}`,
          `Class ${b.class}: upper end ${b.to} is not above its lower end ${b.from}`,
        ),
      );
  }
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (!first || !last) return;
  if (by === 'share' && first.from !== 0)
    out.push(
      problem(
        ['bands', 'bands', first.i, 'from'],
        'evaluation.band_gap',
        `${first.class}`,
        'from',
        `按比例分档须从 0% 开始，等级 ${first.class} 从 ${first.from}% 开始`,
        `Share bands must start at 0 %; class ${first.class} starts at ${first.from} %`,
      ),
    );
  if (by === 'score' && first.from > 0)
    out.push(
      problem(
        ['bands', 'bands', first.i, 'from'],
        'evaluation.band_gap',
        `${first.class}`,
        'from',
        `得分低于 ${first.from} 的企业不属于任何等级（最低档须从 0 或更低开始）`,
        `Scores below ${first.from} fall in no class (the lowest band must start at 0 or below)`,
      ),
    );
  const end = by === 'share' ? 100 : null;
  if (last.to !== end)
    out.push(
      problem(
        ['bands', 'bands', last.i, 'to'],
        'evaluation.band_gap',
        `${last.class}`,
        'to',
        by === 'share'
          ? `按比例分档须到 100% 结束，等级 ${last.class} 到 ${last.to ?? '∞'} 结束`
          : `最高档（${last.class}）须无上限（to 为 null），否则高于 ${last.to} 的得分不属于任何等级`,
        by === 'share'
          ? `Share bands must end at 100 %; class ${last.class} ends at ${last.to ?? '∞'}`
          : `The top band (${last.class}) must be open (to null), or scores above ${last.to} fall in no class`,
      ),
    );
  for (let k = 0; k + 1 < sorted.length; k++) {
    const a = sorted[k];
    const b = sorted[k + 1];
    if (!a || !b) continue;
    const rule = `${a.class} / ${b.class}`;
    if (a.to === null || a.to > b.from)
      out.push(
        problem(
          ['bands', 'bands', b.i, 'from'],
          'evaluation.band_overlap',
          rule,
          'from',
          `等级 ${a.class}（到 ${a.to ?? '∞'}）与等级 ${b.class}（从 ${b.from}）重叠`,
          `Class ${a.class} (to ${a.to ?? '∞'}) overlaps class ${b.class} (from ${b.from})`,
        ),
      );
    else if (a.to < b.from)
      out.push(
        problem(
          ['bands', 'bands', b.i, 'from'],
          'evaluation.band_gap',
          rule,
          'from',
          `等级 ${a.class}（到 ${a.to}）与等级 ${b.class}（从 ${b.from}）之间有空档`,
          `Gap between class ${a.class} (to ${a.to}) and class ${b.class} (from ${b.from})`,
        ),
      );
  }
}

function validatePerMu(doc: TPerMuDocument): RuleProblem[] {
  const out: RuleProblem[] = [];
  doc.notAssessed.forEach((t, i) => {
    t.when.forEach((c, j) => {
      checkCondition(c, ['notAssessed', i, 'when', j], `${t.label.zh} / ${t.label.en}`, FIELDS, out);
    });
  });
  const bucketCodes = new Set<string>();
  doc.buckets.forEach((bk, bi) => {
    const bucketRule = `${bk.label.zh} / ${bk.label.en}`;
    if (bucketCodes.has(bk.code))
      out.push(
        problem(
          ['buckets', bi, 'code'],
          'evaluation.duplicate_code',
          bucketRule,
          'code',
          `类别代码 ${bk.code} 重复`,
          `Bucket code ${bk.code} is used twice`,
        ),
      );
    bucketCodes.add(bk.code);
    bk.when.forEach((c, j) => {
      checkCondition(c, ['buckets', bi, 'when', j], bucketRule, FIELDS, out);
    });
    const sum = bk.indicators.reduce((s, x) => s + x.weight, 0);
    if (Math.abs(sum - bk.weightTotal) > EPS)
      out.push(
        problem(
          ['buckets', bi, 'weightTotal'],
          'evaluation.weights_sum',
          bucketRule,
          'weight',
          `“${bk.label.zh}”各指标权重之和为 ${round(sum)}，声明为 ${bk.weightTotal}`,
          `"${bk.label.en}": the indicator weights sum to ${round(sum)}, declared ${bk.weightTotal}`,
        ),
      );
    const codes = new Set<string>();
    bk.indicators.forEach((ind, ii) => {
      const rule = `${ind.label.zh} / ${ind.label.en} (${bk.code})`;
      const base = ['buckets', bi, 'indicators', ii];
      if (codes.has(ind.code))
        out.push(
          problem(
            [...base, 'code'],
            'evaluation.duplicate_code',
            rule,
            'code',
            `指标代码 ${ind.code} 重复`,
            `Indicator code ${ind.code} is used twice`,
          ),
        );
      codes.add(ind.code);
      const num = numberField(ind.numerator, [...base, 'numerator'], rule, out);
      const den = ind.denominator ? numberField(ind.denominator, [...base, 'denominator'], rule, out) : null;
      if (num && (den || !ind.denominator)) {
        const unit = indicatorUnit(num, den, ind.factor);
        if (unit !== ind.unit)
          out.push(
            problem(
              [...base, 'unit'],
              'evaluation.unit_mismatch',
              rule,
              ind.denominator ? `${ind.numerator}/${ind.denominator}` : ind.numerator,
              `指标“${ind.label.zh}”由 ${ind.numerator}${ind.denominator ? `/${ind.denominator}` : ''} 计算，单位是 ${unit}，规则写的是 ${ind.unit}`,
              `Indicator "${ind.label.en}" is ${ind.numerator}${ind.denominator ? `/${ind.denominator}` : ''}, in ${unit}; the rule says ${ind.unit}`,
            ),
          );
      }
    });
  });
  checkBands(doc.bands.bands, doc.bands.by, out);
  doc.adjustments.forEach((a, i) => {
    a.when.forEach((c, j) => {
      checkCondition(c, ['adjustments', i, 'when', j], `${a.label.zh} / ${a.label.en}`, FIELDS, out);
    });
  });
  return out;
}

function numberField(name: string, path: (string | number)[], rule: string, out: RuleProblem[]): FieldDef | null {
  const def = Object.hasOwn(FIELDS, name) ? FIELDS[name as keyof typeof FIELDS] : undefined;
  if (def?.kind !== 'number') {
    out.push(
      problem(
        path,
        'evaluation.unknown_field',
        rule,
        name,
        `规则“${rule}”引用了未知的数值字段 ${name}`,
        `Rule "${rule}" names an unknown number field ${name}`,
      ),
    );
    return null;
  }
  return def;
}

function validateRequirement(r: TRequirement, path: (string | number)[], out: RuleProblem[]) {
  const rule = `${r.label.zh} / ${r.label.en}（${r.clause}）`;
  if (r.kind === 'condition') {
    if (!r.condition)
      out.push(
        problem(
          path,
          'evaluation.empty_rule',
          rule,
          null,
          `条件“${rule}”缺少比较`,
          `Condition "${rule}" has no comparison`,
        ),
      );
    else checkCondition(r.condition, [...path, 'condition'], rule, FIELDS, out);
    return;
  }
  if (r.kind === 'score') {
    const groups = r.groups ?? [];
    if (groups.length === 0)
      out.push(
        problem(path, 'evaluation.empty_rule', rule, null, `评分“${rule}”没有分组`, `Score "${rule}" has no groups`),
      );
    let total = 0;
    groups.forEach((g, gi) => {
      g.items.forEach((it, ii) => {
        total += it.max;
        const ipath = [...path, 'groups', gi, 'items', ii];
        const irule = `${it.label.zh} / ${it.label.en}（${it.clause}）`;
        checkCondition(
          { field: it.field, op: '>=', value: 0, unit: it.unit ?? null },
          ipath,
          irule,
          // Booleans score as 1 / 0 in an item: accept them as numbers here.
          Object.fromEntries(Object.entries(FIELDS).map(([k, d]) => [k, { ...d, kind: 'number' as const }])),
          out,
        );
        if (it.altField)
          checkCondition(
            { field: it.altField, op: '>=', value: 0, unit: it.altUnit ?? null },
            [...ipath, 'altField'],
            irule,
            Object.fromEntries(Object.entries(FIELDS).map(([k, d]) => [k, { ...d, kind: 'number' as const }])),
            out,
          );
        for (const [bandsKey, list] of [
          ['bands', it.bands],
          ['altBands', it.altBands],
        ] as const) {
          const bands = [...(list ?? [])].sort((a, b) => (a.min ?? -Infinity) - (b.min ?? -Infinity));
          for (let k = 0; k + 1 < bands.length; k++) {
            const a = bands[k];
            const b = bands[k + 1];
            if (!a || !b) continue;
            const aMax = a.max ?? Infinity;
            const bMin = b.min ?? -Infinity;
            if (aMax > bMin)
              out.push(
                problem(
                  [...ipath, bandsKey],
                  'evaluation.band_overlap',
                  irule,
                  it.field,
                  `“${it.label.zh}”的分档 [${a.min ?? '−∞'}, ${a.max ?? '∞'}) 与 [${b.min ?? '−∞'}, ${b.max ?? '∞'}) 重叠`,
                  `"${it.label.en}": bands [${a.min ?? '−∞'}, ${a.max ?? '∞'}) and [${b.min ?? '−∞'}, ${b.max ?? '∞'}) overlap`,
                ),
              );
            else if (aMax < bMin)
              out.push(
                problem(
                  [...ipath, bandsKey],
                  'evaluation.band_gap',
                  irule,
                  it.field,
                  `“${it.label.zh}”的分档在 ${aMax} 与 ${bMin} 之间有空档`,
                  `"${it.label.en}": the bands leave a gap between ${aMax} and ${bMin}`,
                ),
              );
          }
        }
        if (!it.bands?.length && it.perUnit === undefined)
          out.push(
            problem(
              ipath,
              'evaluation.empty_rule',
              irule,
              it.field,
              `评分项“${it.label.zh}”既无分档也无每单位分值`,
              `Item "${it.label.en}" has neither bands nor points per unit`,
            ),
          );
      });
    });
    if (r.minScore !== undefined && r.minScore > total + EPS)
      out.push(
        problem(
          [...path, 'minScore'],
          'evaluation.weights_sum',
          rule,
          'minScore',
          `“${r.label.zh}”要求 ${r.minScore} 分，各项满分合计只有 ${total}`,
          `"${r.label.en}" requires ${r.minScore} points; the items add up to ${total}`,
        ),
      );
    return;
  }
  const of = r.of ?? [];
  if (of.length === 0)
    out.push(problem(path, 'evaluation.empty_rule', rule, null, `“${rule}”没有子条件`, `"${rule}" has no conditions`));
  of.forEach((c, i) => {
    validateRequirement(c, [...path, 'of', i], out);
  });
}

function validateTier(doc: TTierDocument, tiers?: readonly string[]): RuleProblem[] {
  const out: RuleProblem[] = [];
  doc.tiers.forEach((t, ti) => {
    if (tiers && !tiers.includes(t.tier))
      out.push(
        problem(
          ['tiers', ti, 'tier'],
          'evaluation.unknown_tier',
          `${t.label.zh} / ${t.label.en}`,
          'tier',
          `未知的梯度代码 ${t.tier}`,
          `Unknown tier code ${t.tier}`,
        ),
      );
    t.requirements.forEach((r, ri) => {
      validateRequirement(r, ['tiers', ti, 'requirements', ri], out);
    });
  });
  return out;
}

function validateRenewal(doc: TRenewalDocument): RuleProblem[] {
  const out: RuleProblem[] = [];
  doc.rules.forEach((r, i) => {
    r.when.forEach((c, j) => {
      checkCondition(c, ['rules', i, 'when', j], `${r.label.zh} / ${r.label.en}`, PARK_FIELDS, out);
    });
  });
  const last = doc.rules[doc.rules.length - 1];
  if (last && last.when.length > 0)
    out.push(
      problem(
        ['rules', doc.rules.length - 1, 'when'],
        'evaluation.band_gap',
        `${last.label.zh} / ${last.label.en}`,
        'when',
        '最后一条规则须无条件（兜底），否则有的园区不属于任何类别',
        'The last rule must have no conditions (the default), or some parks fall in no class',
      ),
    );
  return out;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** Compares a value with a condition (booleans with = / !=); a missing value never meets it. */
export function meets(
  value: number | boolean | null | undefined,
  op: TCondition['op'],
  target: number | boolean,
): boolean {
  if (value === null || value === undefined) return false;
  if (typeof target === 'boolean' || typeof value === 'boolean') {
    const v = typeof value === 'boolean' ? value : value !== 0;
    const t = typeof target === 'boolean' ? target : target !== 0;
    return op === '=' ? v === t : op === '!=' ? v !== t : false;
  }
  switch (op) {
    case '>=':
      return value >= target;
    case '>':
      return value > target;
    case '<=':
      return value <= target;
    case '<':
      return value < target;
    case '=':
      return value === target;
    case '!=':
      return value !== target;
  }
}
