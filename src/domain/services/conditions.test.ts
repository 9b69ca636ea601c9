import { describe, expect, it } from 'vitest';
import {
  type Condition,
  compilePolicy,
  explain,
  type FirmFacts,
  quickVerdict,
  scan,
  validateConditions,
} from './conditions.js';

const cite = '示例政策第三条';
const rules: Condition[] = [
  { id: 'c1', field: 'tier', op: 'has', value: 'specialized_sme', citation: cite },
  { id: 'c2', field: 'rnd_ratio_pct', op: '>=', value: 3, citation: cite },
  { id: 'c3', field: 'region_code', op: 'in', value: ['420112'], citation: cite },
  { id: 'c4', field: 'age_years', op: '>=', value: 2, citation: cite },
];
const firm = (over: Partial<FirmFacts['values']> = {}, tiers = ['specialized_sme']): FirmFacts => ({
  tiers: new Set(tiers),
  values: { rnd_ratio_pct: 4.2, region_code: '420112', age_years: 5, ...over },
});

describe('condition validation', () => {
  it('refuses an unknown field, naming the condition and the field', () => {
    expect(validateConditions([{ id: 'x', field: 'shoe_size', op: '>=', value: 1, citation: cite }])).toEqual([
      { index: 0, key: 'field', code: 'services.condition_unknown_field', detail: { field: 'shoe_size' } },
    ]);
    // Not fooled by Object.prototype keys.
    expect(validateConditions([{ id: 'x', field: 'constructor', op: '=', value: 1, citation: cite }])[0]?.code).toBe(
      'services.condition_unknown_field',
    );
  });

  it('refuses a value of the wrong type and says which type was expected', () => {
    const p = validateConditions([
      { id: 'a', field: 'revenue_wan', op: '>=', value: '1000', citation: cite },
      { id: 'b', field: 'region_code', op: 'in', value: '420112', citation: cite },
      { id: 'c', field: 'age_years', op: 'between', value: [5, 2], citation: cite },
      { id: 'd', field: 'is_chain_leader', op: '=', value: 1, citation: cite },
    ]);
    expect(p.map((x) => [x.index, x.code, x.detail.expected])).toEqual([
      [0, 'services.condition_value_type', 'number'],
      [1, 'services.condition_value_type', 'string[]'],
      [2, 'services.condition_value_type', '[number, number]'],
      [3, 'services.condition_value_type', 'boolean'],
    ]);
  });

  it('refuses an operator the field does not have, a tier that does not exist and a repeated id', () => {
    const p = validateConditions(
      [
        { id: 'a', field: 'tier', op: '>=', value: 1, citation: cite },
        { id: 'b', field: 'tier', op: 'has', value: 'nobel', citation: cite },
        { id: 'b', field: 'scale', op: '=', value: 'small', citation: cite },
      ],
      new Set(['little_giant']),
    );
    expect(p.map((x) => x.code)).toEqual([
      'services.condition_operator',
      'services.condition_value_type',
      'services.condition_duplicate_id',
    ]);
  });

  it('accepts a well-formed set', () => {
    expect(validateConditions(rules, new Set(['specialized_sme']))).toEqual([]);
  });
});

describe('eligibility', () => {
  const p = compilePolicy(1, rules);

  it('finds a firm eligible when every condition holds', () => {
    expect(quickVerdict(p, firm())).toBe('eligible');
    expect(explain(p, firm()).failing).toEqual([]);
  });

  it('names the one failing condition, the value that failed it and the gap', () => {
    const e = explain(p, firm({ rnd_ratio_pct: 2.4 }));
    expect(e.verdict).toBe('near');
    expect(e.failing).toEqual([
      {
        id: 'c2',
        field: 'rnd_ratio_pct',
        op: '>=',
        expected: 3,
        actual: 2.4,
        outcome: 'fail',
        citation: cite,
        gap: 0.6,
      },
    ]);
    expect(quickVerdict(p, firm({ rnd_ratio_pct: 2.4 }))).toBe('near');
  });

  it('reports a missing tier with the tiers the firm holds', () => {
    const e = explain(p, firm({}, ['innovative_sme']));
    expect(e.failing[0]?.actual).toEqual(['innovative_sme']);
  });

  it('treats missing registry data as unknown, not as a pass', () => {
    const e = explain(p, firm({ rnd_ratio_pct: null }));
    expect(e.verdict).toBe('unknown');
    expect(e.failing[0]?.outcome).toBe('unknown');
  });

  it('is not eligible with two failures, and quick and full verdicts agree', () => {
    const f = firm({ rnd_ratio_pct: 1, region_code: '420102' });
    expect(quickVerdict(p, f)).toBe('not_eligible');
    expect(explain(p, f).verdict).toBe('not_eligible');
    expect(explain(p, f).failing.map((r) => r.id)).toEqual(['c2', 'c3']);
  });

  it('checks boundaries inclusively for >= and between', () => {
    const q = compilePolicy(2, [{ id: 'b', field: 'employees', op: 'between', value: [10, 300], citation: cite }]);
    expect(quickVerdict(q, { tiers: new Set(), values: { employees: 10 } })).toBe('eligible');
    expect(quickVerdict(q, { tiers: new Set(), values: { employees: 301 } })).toBe('near');
    expect(quickVerdict(p, firm({ rnd_ratio_pct: 3 }))).toBe('eligible');
  });
});

describe('scan (batch verdicts)', () => {
  it('agrees with explain: −1 eligible, −2 two misses, else the index of the one miss', () => {
    const p = compilePolicy(1, rules);
    expect(scan(p, firm())).toBe(-1);
    expect(scan(p, firm({ rnd_ratio_pct: 1 }))).toBe(1);
    expect(scan(p, firm({ rnd_ratio_pct: 1, region_code: '420102' }))).toBe(-2);
    expect(scan(p, firm({ age_years: null }))).toBe(3);
  });
});
