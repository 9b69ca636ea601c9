import { describe, expect, it } from 'vitest';
import { type ConditionWords, conditionText, conditionValueText, unitText } from './conditionText';

const FIELDS: Record<string, { zh: string; en: string; unit: string | null }> = {
  rnd_ratio_pct: { zh: '研发投入占营业收入比重', en: 'R&D / revenue', unit: '%' },
  tier: { zh: '梯度培育/荣誉称号', en: 'Tier or honour held', unit: null },
  is_chain_leader: { zh: '链主企业', en: 'Chain leader', unit: null },
  age_years: { zh: '成立年限', en: 'Years since founding', unit: 'years' },
  chain_code: { zh: '所属产业链', en: 'Industry chain', unit: null },
};
const words = (en: boolean): ConditionWords => ({
  en,
  field: (f) => (FIELDS[f] ? { name: en ? FIELDS[f].en : FIELDS[f].zh, unit: FIELDS[f].unit } : undefined),
  code: (f, v) => (f === 'tier' && v === 'high_tech' ? (en ? 'High-tech enterprise' : '高新技术企业') : undefined),
  yes: en ? 'Yes' : '是',
  no: en ? 'No' : '否',
});

describe('a policy condition in words', () => {
  it('names the field, the operator and the value in Chinese, never their codes', () => {
    expect(conditionText({ field: 'rnd_ratio_pct', op: '>=', value: 3 }, words(false))).toBe(
      '研发投入占营业收入比重 ≥ 3%',
    );
    expect(conditionText({ field: 'tier', op: 'has', value: 'high_tech' }, words(false))).toBe(
      '梯度培育/荣誉称号持有高新技术企业',
    );
    expect(conditionText({ field: 'is_chain_leader', op: '=', value: true }, words(false))).toBe('链主企业为是');
    expect(conditionText({ field: 'age_years', op: 'between', value: [2, 10] }, words(false))).toBe(
      '成立年限介于2年 – 10年',
    );
  });

  it('reads in English, a list joined, and a field or code it does not know as stored', () => {
    expect(conditionText({ field: 'tier', op: 'not_has', value: 'high_tech' }, words(true))).toBe(
      'Tier or honour held does not hold High-tech enterprise',
    );
    expect(conditionText({ field: 'age_years', op: '>', value: 3 }, words(true))).toBe(
      'Years since founding > 3 years',
    );
    expect(conditionValueText('chain_code', ['oe', 'xx'], words(true))).toBe('oe, xx');
    expect(conditionText({ field: 'new_field', op: 'in', value: [1, 2] }, words(true))).toBe(
      'new_field is one of 1, 2',
    );
  });

  it("words a unit after a field name in the reader's language, never the catalogue's code", () => {
    expect(unitText('years', false)).toBe('年');
    expect(unitText('years', true)).toBe('years');
    expect(unitText('万元', true)).toBe('10k yuan');
    expect(unitText('万元/亩', false)).toBe('万元/亩');
    expect(unitText('kg', true)).toBe('kg');
  });
});
