/**
 * Policy clauses as machine-checkable conditions on registry data, in the manner of OpenFisca /
 * PolicyEngine (each rule with its citation). An eligibility answer names every failing condition
 * and the value that failed it — json-rules-engine's most requested feature (its issues #34, #18,
 * #192): "not eligible" alone helps nobody.
 *
 * A condition is { id, field, op, value, citation, label? }. Fields are a fixed catalogue of what
 * the registry knows of a firm (FIELDS); validation refuses an unknown field, an operator the field's
 * type does not have, and a value of the wrong type, naming the condition. Compiled conditions are
 * closures over a FirmFacts record, so 100 k firms × 200 policies is a few hundred million cheap calls.
 */

export type FieldType = 'number' | 'string' | 'boolean' | 'tier';

export interface FieldDef {
  type: FieldType;
  zh: string;
  en: string;
  unit?: string;
}

/** What a condition may ask about a firm (from the registry: enterprises, honours, metrics, parks). */
export const FIELDS = {
  tier: { type: 'tier', zh: '梯度培育/荣誉称号', en: 'Tier or honour held' },
  region_code: { type: 'string', zh: '所在区（行政区划代码）', en: 'District (GB/T 2260 code)' },
  park_id: { type: 'number', zh: '所在园区', en: 'Park' },
  chain_code: { type: 'string', zh: '所属产业链', en: 'Industry chain' },
  chain_stage: { type: 'string', zh: '产业链环节', en: 'Chain stage' },
  industry_class: { type: 'string', zh: '国民经济行业代码', en: 'Industry class (GB/T 4754)' },
  scale: { type: 'string', zh: '企业规模', en: 'Firm size' },
  is_chain_leader: { type: 'boolean', zh: '链主企业', en: 'Chain leader' },
  age_years: { type: 'number', zh: '成立年限', en: 'Years since founding', unit: 'years' },
  employees: { type: 'number', zh: '从业人数', en: 'Employees' },
  revenue_wan: { type: 'number', zh: '营业收入', en: 'Revenue', unit: '万元' },
  revenue_growth_pct: { type: 'number', zh: '营业收入增长率', en: 'Revenue growth', unit: '%' },
  tax_wan: { type: 'number', zh: '税收', en: 'Tax paid', unit: '万元' },
  rnd_wan: { type: 'number', zh: '研发投入', en: 'R&D spending', unit: '万元' },
  rnd_ratio_pct: { type: 'number', zh: '研发投入占营业收入比重', en: 'R&D / revenue', unit: '%' },
  rnd_staff_pct: { type: 'number', zh: '研发人员占比', en: 'R&D staff share', unit: '%' },
  patents_invention: { type: 'number', zh: '发明专利数', en: 'Invention patents' },
  tax_per_mu_wan: { type: 'number', zh: '亩均税收', en: 'Tax per mu', unit: '万元/亩' },
} as const satisfies Record<string, FieldDef>;
export type Field = keyof typeof FIELDS;
export const FIELD_NAMES = Object.keys(FIELDS) as Field[];

export const OPERATORS = [
  '>=',
  '>',
  '<=',
  '<',
  '=',
  '!=',
  'between',
  'in',
  'not_in',
  'has',
  'not_has',
  'prefix',
] as const;
export type Operator = (typeof OPERATORS)[number];

const OPS_BY_TYPE: Record<FieldType, readonly Operator[]> = {
  number: ['>=', '>', '<=', '<', '=', '!=', 'between', 'in', 'not_in'],
  string: ['=', '!=', 'in', 'not_in', 'prefix'],
  boolean: ['='],
  tier: ['has', 'not_has'],
};

export interface Condition {
  /** The clause's id within the policy, e.g. 'art3-1'. */
  id: string;
  field: string;
  op: string;
  value: unknown;
  /** Where the clause comes from: document and article (第三条第（一）项 …). */
  citation: string;
  label?: string | undefined;
}

export interface ConditionProblem {
  /** Index of the condition and the key at fault. */
  index: number;
  key: 'field' | 'op' | 'value' | 'id';
  code:
    | 'services.condition_unknown_field'
    | 'services.condition_operator'
    | 'services.condition_value_type'
    | 'services.condition_duplicate_id';
  /** For messages: the field, the operator, what type was expected. */
  detail: { field?: string; op?: string; expected?: string };
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function valueFits(type: FieldType, op: Operator, v: unknown, knownTiers: ReadonlySet<string> | null): string | null {
  const scalar =
    type === 'number'
      ? isNum
      : type === 'boolean'
        ? (x: unknown) => typeof x === 'boolean'
        : (x: unknown) => typeof x === 'string' && x.length > 0 && x.length <= 64;
  const scalarName = type === 'number' ? 'number' : type === 'boolean' ? 'boolean' : 'string';
  if (op === 'between') {
    return Array.isArray(v) && v.length === 2 && isNum(v[0]) && isNum(v[1]) && v[0] <= v[1] ? null : '[number, number]';
  }
  if (op === 'in' || op === 'not_in') {
    return Array.isArray(v) && v.length > 0 && v.length <= 500 && v.every(scalar) ? null : `${scalarName}[]`;
  }
  if (type === 'tier') {
    if (typeof v !== 'string' || !v) return 'tier code';
    return knownTiers && !knownTiers.has(v) ? 'tier code' : null;
  }
  return scalar(v) ? null : scalarName;
}

/** Every problem of a list of conditions; empty when all of them can be evaluated. */
export function validateConditions(
  conditions: readonly Condition[],
  knownTiers: ReadonlySet<string> | null = null,
): ConditionProblem[] {
  const out: ConditionProblem[] = [];
  const ids = new Set<string>();
  conditions.forEach((c, index) => {
    if (ids.has(c.id)) out.push({ index, key: 'id', code: 'services.condition_duplicate_id', detail: {} });
    ids.add(c.id);
    const def = (FIELDS as Record<string, FieldDef>)[c.field];
    if (!Object.hasOwn(FIELDS, c.field) || !def) {
      out.push({ index, key: 'field', code: 'services.condition_unknown_field', detail: { field: c.field } });
      return;
    }
    if (!OPS_BY_TYPE[def.type].includes(c.op as Operator)) {
      out.push({ index, key: 'op', code: 'services.condition_operator', detail: { field: c.field, op: c.op } });
      return;
    }
    const expected = valueFits(def.type, c.op as Operator, c.value, knownTiers);
    if (expected)
      out.push({ index, key: 'value', code: 'services.condition_value_type', detail: { field: c.field, expected } });
  });
  return out;
}

/** A firm as conditions see it: numbers, strings, booleans (null when unknown) and the tiers it holds. */
export interface FirmFacts {
  tiers: ReadonlySet<string>;
  values: Partial<Record<Exclude<Field, 'tier'>, number | string | boolean | null>>;
}

export type Outcome = 'pass' | 'fail' | 'unknown';

export interface ConditionResult {
  id: string;
  field: string;
  op: string;
  expected: unknown;
  /** The firm's value (the tiers it holds, for a tier condition); null when the registry lacks it. */
  actual: unknown;
  outcome: Outcome;
  citation: string;
  /** For a failed numeric bound: how far the firm is from it, in the field's unit. */
  gap?: number;
}

type Test = (f: FirmFacts) => Outcome;

function compileOne(c: Condition): Test {
  const op = c.op as Operator;
  const v = c.value;
  if (c.field === 'tier') {
    const code = v as string;
    return op === 'has' ? (f) => (f.tiers.has(code) ? 'pass' : 'fail') : (f) => (f.tiers.has(code) ? 'fail' : 'pass');
  }
  const key = c.field as Exclude<Field, 'tier'>;
  const get = (f: FirmFacts) => f.values[key];
  const ok = (b: boolean): Outcome => (b ? 'pass' : 'fail');
  switch (op) {
    case '>=':
      return (f) => {
        const a = get(f);
        return a === null || a === undefined ? 'unknown' : ok((a as number) >= (v as number));
      };
    case '>':
      return (f) => {
        const a = get(f);
        return a === null || a === undefined ? 'unknown' : ok((a as number) > (v as number));
      };
    case '<=':
      return (f) => {
        const a = get(f);
        return a === null || a === undefined ? 'unknown' : ok((a as number) <= (v as number));
      };
    case '<':
      return (f) => {
        const a = get(f);
        return a === null || a === undefined ? 'unknown' : ok((a as number) < (v as number));
      };
    case '=':
      return (f) => {
        const a = get(f);
        return a === null || a === undefined ? 'unknown' : ok(a === v);
      };
    case '!=':
      return (f) => {
        const a = get(f);
        return a === null || a === undefined ? 'unknown' : ok(a !== v);
      };
    case 'between': {
      const [lo, hi] = v as [number, number];
      return (f) => {
        const a = get(f);
        return a === null || a === undefined ? 'unknown' : ok((a as number) >= lo && (a as number) <= hi);
      };
    }
    case 'in':
    case 'not_in': {
      const set = new Set(v as unknown[]);
      const want = op === 'in';
      return (f) => {
        const a = get(f);
        return a === null || a === undefined ? 'unknown' : ok(set.has(a) === want);
      };
    }
    case 'prefix': {
      const p = v as string;
      return (f) => {
        const a = get(f);
        return a === null || a === undefined ? 'unknown' : ok(String(a).startsWith(p));
      };
    }
    default:
      return () => 'unknown';
  }
}

export interface CompiledPolicy {
  id: number;
  conditions: readonly Condition[];
  tests: readonly Test[];
}

/** Compiles validated conditions (validateConditions first: an invalid one evaluates as unknown). */
export function compilePolicy(id: number, conditions: readonly Condition[]): CompiledPolicy {
  return { id, conditions, tests: conditions.map(compileOne) };
}

export type Verdict = 'eligible' | 'near' | 'not_eligible' | 'unknown';

/**
 * Quick verdict: eligible when every condition passes; near when exactly one fails (or data is
 * missing for one and the rest pass); else not eligible. Stops at the second failure.
 */
export function quickVerdict(p: CompiledPolicy, f: FirmFacts): Verdict {
  let fails = 0;
  let unknowns = 0;
  for (const t of p.tests) {
    const o = t(f);
    if (o === 'fail') {
      if (++fails > 1) return 'not_eligible';
    } else if (o === 'unknown') unknowns++;
  }
  if (fails === 0 && unknowns === 0) return 'eligible';
  if (fails + unknowns === 1) return fails === 1 ? 'near' : 'unknown';
  return 'not_eligible';
}

/**
 * The verdict and, for a near miss, which condition failed — without allocating: −1 eligible, −2 not
 * eligible (two or more misses), otherwise the index of the one condition that failed (or lacks data:
 * see `unknown`). For batch runs (免申即享 lists, 100 k firms); explain() builds the answer a person reads.
 */
export function scan(p: CompiledPolicy, f: FirmFacts): number {
  let miss = -1;
  const tests = p.tests;
  for (let i = 0; i < tests.length; i++) {
    if ((tests[i] as Test)(f) !== 'pass') {
      if (miss >= 0) return -2;
      miss = i;
    }
  }
  return miss;
}

export interface Explanation {
  verdict: Verdict;
  results: ConditionResult[];
  /** The conditions that failed (and those the registry lacks data for), with their values. */
  failing: ConditionResult[];
}

/** Every condition's outcome, the firm's value and the gap of a failed numeric bound. */
export function explain(p: CompiledPolicy, f: FirmFacts): Explanation {
  const results: ConditionResult[] = p.conditions.map((c, i) => {
    const outcome = (p.tests[i] as Test)(f);
    const actual = c.field === 'tier' ? [...f.tiers].sort() : (f.values[c.field as Exclude<Field, 'tier'>] ?? null);
    const r: ConditionResult = {
      id: c.id,
      field: c.field,
      op: c.op,
      expected: c.value,
      actual,
      outcome,
      citation: c.citation,
    };
    if (outcome === 'fail' && typeof actual === 'number' && typeof c.value === 'number') {
      if (c.op === '>=' || c.op === '>') r.gap = round(c.value - actual);
      else if (c.op === '<=' || c.op === '<') r.gap = round(actual - c.value);
    }
    return r;
  });
  const failing = results.filter((r) => r.outcome !== 'pass');
  const fails = failing.filter((r) => r.outcome === 'fail').length;
  const verdict: Verdict =
    failing.length === 0 ? 'eligible' : failing.length === 1 ? (fails === 1 ? 'near' : 'unknown') : 'not_eligible';
  return { verdict, results, failing };
}

const round = (x: number) => Math.round(x * 100) / 100;

/**
 * The naive evaluator, kept as the benchmark's baseline: interprets the JSON conditions for every
 * firm (field lookup by name, operator dispatch by string, a full explanation each time).
 */
export function explainNaive(conditions: readonly Condition[], f: FirmFacts): Verdict {
  return explain(compilePolicy(0, conditions), f).verdict;
}
