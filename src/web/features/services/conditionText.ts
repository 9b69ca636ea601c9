/**
 * A policy's condition as a reader reads it, in zh or en: 研发投入占营业收入比重 ≥ 3% / R&D / revenue ≥ 3%,
 * 梯度培育/荣誉称号 持有 高新技术企业 — the field by its name in the catalogue (GET …/policies/fields),
 * the operator in words, a code value (a tier, a chain, a stage, a size, a district) by its label, a flag
 * as 是 / 否, a range as a–b, a list joined; never the field's or the value's code. A field or code the
 * web does not know (a newer server) is shown as stored.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { enumLabel, useLabels } from '../../app/labels';
import { useDistricts, useTiers } from '../../client/queries';
import { usePolicyFields } from './api';

export interface ConditionLike {
  field: string;
  op: string;
  value: unknown;
}

export interface ConditionWords {
  en: boolean;
  /** The field's name and unit, by the catalogue. */
  field: (field: string) => { name: string; unit: string | null } | undefined;
  /** The label of a code value of the field (tier, district …), undefined when none. */
  code: (field: string, v: string) => string | undefined;
  yes: string;
  no: string;
}

const OPS: Record<string, { zh: string; en: string }> = {
  '>=': { zh: '≥', en: '≥' },
  '>': { zh: '>', en: '>' },
  '<=': { zh: '≤', en: '≤' },
  '<': { zh: '<', en: '<' },
  '=': { zh: '为', en: 'is' },
  '!=': { zh: '不为', en: 'is not' },
  between: { zh: '介于', en: 'between' },
  in: { zh: '属于', en: 'is one of' },
  not_in: { zh: '不属于', en: 'is none of' },
  has: { zh: '持有', en: 'holds' },
  not_has: { zh: '未持有', en: 'does not hold' },
  prefix: { zh: '开头为', en: 'starts with' },
};

/** An operator in words (the editor's choices, the list's conditions). */
export const opText = (op: string, en: boolean): string => OPS[op]?.[en ? 'en' : 'zh'] ?? op;

/** Units of the catalogue in zh and en (万元 reads as 10k yuan in English). */
const UNITS: Record<string, { zh: string; en: string }> = {
  years: { zh: '年', en: ' years' },
  '%': { zh: '%', en: '%' },
  万元: { zh: '万元', en: ' × 10k yuan' },
  '万元/亩': { zh: '万元/亩', en: ' × 10k yuan per mu' },
};

/** A catalogue unit as a reader of the language writes it after a field's name (年, years, 万元, 10k yuan). */
export const unitText = (unit: string, en: boolean): string =>
  (UNITS[unit]?.[en ? 'en' : 'zh'] ?? unit).replace(/^\s*(?:× )?/, '');

/** One value of a field as read: a flag as 是 / 否, a number with its unit, a code by its label. */
export function conditionValueText(field: string, v: unknown, w: ConditionWords): string {
  const def = w.field(field);
  const unit = def?.unit ? (UNITS[def.unit]?.[w.en ? 'en' : 'zh'] ?? def.unit) : '';
  if (v === null || v === undefined) return '—';
  if (typeof v === 'boolean') return v ? w.yes : w.no;
  if (typeof v === 'number') return `${v.toLocaleString(w.en ? 'en-US' : 'zh-CN')}${unit}`;
  if (typeof v === 'string') return w.code(field, v) ?? v;
  if (Array.isArray(v)) return v.map((x) => conditionValueText(field, x, w)).join(w.en ? ', ' : '、');
  return JSON.stringify(v);
}

export function conditionText(c: ConditionLike, w: ConditionWords): string {
  const def = w.field(c.field);
  const one = (v: unknown) => conditionValueText(c.field, v, w);
  const op = OPS[c.op]?.[w.en ? 'en' : 'zh'] ?? c.op;
  const value =
    c.op === 'between' && Array.isArray(c.value) && c.value.length === 2
      ? `${one(c.value[0])} – ${one(c.value[1])}`
      : one(c.value);
  const name = def?.name ?? c.field;
  return w.en || /^[<>=≥≤]/.test(op) ? `${name} ${op} ${value}` : `${name}${op}${value}`;
}

/** conditionText and conditionValueText bound to the current language, the catalogue, tiers and districts. */
export function useConditionText(): {
  condition: (c: ConditionLike) => string;
  value: (field: string, v: unknown) => string;
} {
  const { t, i18n } = useTranslation();
  const { tierName, districtName } = useLabels();
  const fields = usePolicyFields();
  const tiers = useTiers();
  const districts = useDistricts();
  const en = i18n.language === 'en-US';
  return useMemo(() => {
    const byField = new Map((fields.data?.fields ?? []).map((f) => [f.field, f]));
    const tierBy = new Map((tiers.data?.items ?? []).map((x) => [x.code, x]));
    const districtBy = new Map((districts.data?.items ?? []).map((d) => [d.code, d.name]));
    const words: ConditionWords = {
      en,
      field: (f) => {
        const d = byField.get(f);
        return d ? { name: en ? d.en : d.zh, unit: d.unit } : undefined;
      },
      code: (f, v) => {
        if (f === 'tier') return tierBy.has(v) ? tierName(tierBy.get(v), v) : undefined;
        if (f === 'region_code') return districtBy.has(v) ? districtName(v, districtBy.get(v)) : undefined;
        const group =
          f === 'chain_code' ? 'chain' : f === 'chain_stage' ? 'chainStage' : f === 'scale' ? 'scale' : null;
        if (!group) return undefined;
        const l = enumLabel(group, v, en);
        return l === v ? undefined : l;
      },
      yes: t('common.yes'),
      no: t('common.no'),
    };
    return {
      condition: (c: ConditionLike) => conditionText(c, words),
      value: (field: string, v: unknown) => conditionValueText(field, v, words),
    };
  }, [en, fields.data, tiers.data, districts.data, tierName, districtName, t]);
}
