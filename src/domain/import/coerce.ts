/**
 * Turns spreadsheet cells into typed values: numbers with thousands separators or full-width digits,
 * money written in 元 / 万元 / 亿元, dates as Excel dates, serials or Chinese text, 是 / 否, enum codes
 * or their Chinese or English labels, lists separated by 、 ; , or new lines. Pure functions: each
 * returns the value or a reason, never throws.
 */
import { ENUM_LABELS, type EnumGroup } from '../../contracts/labels.js';
import type { Column } from './kinds.js';

export type Coerced = { ok: true; value: unknown; notice?: Reason } | { ok: false; reason: Reason };
export interface Reason {
  code: string;
  zh: string;
  en: string;
}

const fail = (code: string, zh: string, en: string): Coerced => ({ ok: false, reason: { code, zh, en } });
const ok = (value: unknown, notice?: Reason): Coerced => (notice ? { ok: true, value, notice } : { ok: true, value });

/** Full-width digits and punctuation to ASCII, thin spaces removed. */
export function toHalfWidth(s: string): string {
  return s
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim();
}

export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    // exceljs rich text, hyperlinks and formulas
    const o = v as { richText?: { text: string }[]; text?: string; result?: unknown; hyperlink?: string };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if (o.result !== undefined) return cellText(o.result);
    if (typeof o.text === 'string') return o.text;
  }
  return String(v);
}

const MONEY_UNITS: [RegExp, number, string][] = [
  [/亿元?$/, 10000, '亿元'],
  [/万元?$/, 1, '万元'],
  [/元$/, 0.0001, '元'],
];

export function parseNumber(v: unknown, money = false): Coerced {
  if (typeof v === 'number')
    return Number.isFinite(v) ? ok(v) : fail('not_a_number', '不是有效数字', 'not a valid number');
  let s = toHalfWidth(cellText(v)).replace(/[,\s]/g, '');
  if (s === '') return ok(null);
  let factor = 1;
  let notice: Reason | undefined;
  if (money) {
    for (const [re, f, unit] of MONEY_UNITS) {
      if (re.test(s)) {
        s = s.replace(re, '');
        factor = f;
        if (unit !== '万元')
          notice = { code: 'unit_converted', zh: `已从${unit}换算为万元`, en: `converted from ${unit} to 万元` };
        break;
      }
    }
  } else if (/[元亩米吨]$/.test(s)) {
    return fail('unit_in_cell', '单元格中不应带单位，单位见表头', 'no unit in the cell: the header gives it');
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s))
    return fail('not_a_number', '不是有效数字', 'not a valid number');
  const value = Number(s) * factor;
  return ok(Math.round(value * 1e6) / 1e6, notice);
}

export function parseInt_(v: unknown): Coerced {
  const r = parseNumber(v);
  if (!r.ok || r.value === null) return r;
  return Number.isInteger(r.value) ? r : fail('not_an_integer', '应为整数', 'must be a whole number');
}

const pad = (n: number) => String(n).padStart(2, '0');
function validDate(y: number, m: number, d: number): string | null {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

export function parseDate(v: unknown): Coerced {
  if (v instanceof Date) {
    return Number.isNaN(v.getTime())
      ? fail('not_a_date', '不是有效日期', 'not a valid date')
      : ok(v.toISOString().slice(0, 10));
  }
  if (typeof v === 'number') {
    // Excel serial day (1900 system); 25569 is 1970-01-01.
    if (v > 20000 && v < 80000) return ok(new Date(Math.round((v - 25569) * 86400000)).toISOString().slice(0, 10));
    return fail('not_a_date', '不是有效日期', 'not a valid date');
  }
  const s = toHalfWidth(cellText(v));
  if (s === '') return ok(null);
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  const d = m ? validDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
  return d ? ok(d) : fail('not_a_date', '不是有效日期，格式如 2024-06-30', 'not a valid date; use 2024-06-30');
}

const TRUE = new Set(['是', 'y', 'yes', 'true', '1', '√', '✓', 't']);
const FALSE = new Set(['否', 'n', 'no', 'false', '0', '×', '✗', 'f']);
export function parseBool(v: unknown): Coerced {
  if (typeof v === 'boolean') return ok(v);
  const s = toHalfWidth(cellText(v)).toLowerCase();
  if (s === '') return ok(null);
  if (TRUE.has(s)) return ok(true);
  if (FALSE.has(s)) return ok(false);
  return fail('not_a_boolean', '应为"是"或"否"', 'must be yes or no');
}

/** Matches a code, or a Chinese or English label, of an enum group. */
export function matchEnum(group: EnumGroup, raw: string): string | null {
  const s = toHalfWidth(raw).toLowerCase();
  const labels = ENUM_LABELS[group] as Record<string, { zh: string; en: string }>;
  for (const [code, l] of Object.entries(labels)) {
    if (code.toLowerCase() === s || toHalfWidth(l.zh).toLowerCase() === s || l.en.toLowerCase() === s) return code;
  }
  return null;
}

export function splitList(v: unknown): string[] {
  return cellText(v)
    .split(/[、;；,，\n]+/)
    .map((x) => x.replace(/^[\s\u3000]+|[\s\u3000]+$/g, ''))
    .filter(Boolean);
}

export interface Vocab {
  /** Tier catalogue: code with names, for honours cells. */
  tiers: { code: string; nameZh: string; nameEn: string }[];
}

/** Honours cell: items "name:year[:level][:valid-until]", e.g. 专精特新中小企业:2023:省级:2026-12-31. */
function parseHonours(v: unknown, vocab: Vocab): Coerced {
  const out: { tierCode: string; year: number; level?: string; validUntil?: string }[] = [];
  for (const item of splitList(v)) {
    const m = /^(.+?)[:：]\s*(\d{4})(?:[:：]([^:：]+?))?(?:[:：](\d{4}-\d{2}-\d{2}))?$/.exec(item);
    if (!m) return fail('bad_honour', `"${item}" 应写作"名称:年份"`, `"${item}" should read name:year`);
    const name = (m[1] ?? '').trim().toLowerCase();
    const tier = vocab.tiers.find(
      (t) =>
        t.code === name ||
        t.nameZh.toLowerCase() === name ||
        t.nameEn.toLowerCase() === name ||
        t.nameZh.toLowerCase().startsWith(name),
    );
    if (!tier) return fail('unknown_tier', `未知的荣誉资质"${m[1]}"`, `unknown honour "${m[1]}"`);
    const h: { tierCode: string; year: number; level?: string; validUntil?: string } = {
      tierCode: tier.code,
      year: Number(m[2]),
    };
    if (m[3]) {
      const level = matchEnum('honourLevel', m[3]);
      if (!level) return fail('unknown_value', `"${m[3]}"不是有效的级别`, `"${m[3]}" is not a valid level`);
      h.level = level;
    }
    if (m[4]) h.validUntil = m[4];
    out.push(h);
  }
  return ok(out);
}

export function coerceCell(col: Column, v: unknown, vocab: Vocab): Coerced {
  switch (col.type) {
    case 'text': {
      // Names keep their full-width brackets: only surrounding space is trimmed.
      const s = cellText(v).replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
      return ok(s === '' ? null : s);
    }
    case 'number':
      return parseNumber(v, col.money);
    case 'int':
      return parseInt_(v);
    case 'date':
      return parseDate(v);
    case 'bool':
      return parseBool(v);
    case 'enum': {
      const s = cellText(v).trim();
      if (s === '') return ok(null);
      const code = matchEnum(col.enumGroup as EnumGroup, s);
      return code ? ok(code) : fail('unknown_value', `"${s}"不在可选值中`, `"${s}" is not one of the allowed values`);
    }
    case 'enumList': {
      const codes: string[] = [];
      for (const item of splitList(v)) {
        const code = matchEnum(col.enumGroup as EnumGroup, item);
        if (!code) return fail('unknown_value', `"${item}"不在可选值中`, `"${item}" is not one of the allowed values`);
        codes.push(code);
      }
      return ok(codes);
    }
    case 'list':
      return ok(splitList(v));
    case 'honours':
      return parseHonours(v, vocab);
  }
}
