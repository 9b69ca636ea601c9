/**
 * The one number and unit formatter of the UI: every page formats counts, amounts, percentages and
 * areas through these helpers so the same figure reads the same everywhere (grouping by the
 * language's convention, 万元 switching to 亿元 from 10 000 万元 up, one decimal for percentages).
 * Missing or non-finite values read "—".
 */

const DASH = '—';
const ok = (n: number | null | undefined): n is number => n !== null && n !== undefined && Number.isFinite(n);
const isEn = (lang: string) => lang.startsWith('en');

/** A number with grouping and at most `digits` decimals ("4,488.2"). */
export function fmtNumber(n: number | null | undefined, digits = 0, lang = 'zh-CN'): string {
  if (!ok(n)) return DASH;
  return n.toLocaleString(lang, { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** A count: whole number with grouping ("12,345"). */
export function fmtCount(n: number | null | undefined, lang = 'zh-CN'): string {
  return fmtNumber(ok(n) ? Math.round(n) : n, 0, lang);
}

/** A share 0..1 as a percentage with `digits` decimals ("80.3%"); trailing zeros are kept off. */
export function fmtPercent(ratio: number | null | undefined, digits = 1, lang = 'zh-CN'): string {
  if (!ok(ratio)) return DASH;
  return `${fmtNumber(ratio * 100, digits, lang)}%`;
}

/** A difference of two shares in percentage points, signed ("+2.5 pt" / "+2.5 个百分点"). */
export function fmtPoints(delta: number | null | undefined, digits = 1, lang = 'zh-CN'): string {
  if (!ok(delta)) return DASH;
  const v = delta * 100;
  const sign = v > 0 ? '+' : '';
  return isEn(lang) ? `${sign}${fmtNumber(v, digits, lang)} pt` : `${sign}${fmtNumber(v, digits, lang)} 个百分点`;
}

/**
 * Money given in 万元 (10k CNY). zh: "4,488.2 万元" below 1 亿, "1.25 亿元" from 1 亿 up.
 * en: "44.9 M CNY", "1.25 bn CNY", "850 k CNY". `unit: false` leaves the unit off when a column
 * header already names 万元 (then no 亿 switching either, so a column stays comparable).
 */
export function fmtWan(wan: number | null | undefined, lang = 'zh-CN', opts: { unit?: boolean } = {}): string {
  if (!ok(wan)) return DASH;
  if (opts.unit === false) return fmtNumber(wan, Math.abs(wan) >= 100 ? 0 : 1, lang);
  const a = Math.abs(wan);
  if (isEn(lang)) {
    const cny = wan * 10_000;
    if (a >= 100_000) return `${fmtNumber(cny / 1e9, 2, lang)} bn CNY`;
    if (a >= 100) return `${fmtNumber(cny / 1e6, 1, lang)} M CNY`;
    return `${fmtNumber(cny / 1e3, 0, lang)} k CNY`;
  }
  if (a >= 10_000) return `${fmtNumber(wan / 10_000, 2, lang)} 亿元`;
  return `${fmtNumber(wan, a >= 100 ? 0 : 1, lang)} 万元`;
}

/** Money given in 亿元 (100 M CNY): "12.5 亿元" / "1.25 bn CNY". */
export function fmtYi(yi: number | null | undefined, lang = 'zh-CN'): string {
  return fmtWan(ok(yi) ? yi * 10_000 : yi, lang);
}

/**
 * Figures stated in 万 (10⁴) or 亿 (10⁸) units, as an English reader counts them: in thousands, millions and
 * billions, with money in the vocabulary of `fmtWan` ("2.18 bn CNY", "50 M CNY") and other units spelt out
 * ("153,500 m²", "2 million m²"). `zhUnit` / `enUnit` are a figure's units ("亿元" / "100m CNY", "万m²" /
 * "10k m²"); other units pass through. Values shown together (a target and its progress) share one scale.
 */
export function englishAmounts(values: number[], zhUnit: string, enUnit: string): { texts: string[]; unit: string } {
  const en = (v: number, digits: number) => v.toLocaleString('en-US', { maximumFractionDigits: digits });
  const scale = MAGNITUDES.find(([p, enPrefix]) => zhUnit.startsWith(p) && enPrefix.test(enUnit));
  if (!scale) return { texts: values.map((v) => en(v, 2)), unit: enUnit };
  const [, enPrefix, factor] = scale;
  const base = enUnit.replace(enPrefix, '');
  const money = base === 'CNY';
  const abs = values.map((v) => v * factor);
  const top = Math.max(0, ...abs.map(Math.abs));
  const [div, word] =
    top >= 1e9 ? [1e9, money ? 'bn' : 'billion'] : top >= 1e6 ? [1e6, money ? 'M' : 'million'] : [1, ''];
  return { texts: abs.map((v) => en(v / div, div === 1 ? 0 : 2)), unit: [word, base].filter(Boolean).join(' ') };
}

const MAGNITUDES: [zhPrefix: string, enPrefix: RegExp, factor: number][] = [
  ['亿', /^100m\s*/, 1e8],
  ['万', /^10k\s*/, 1e4],
];

/** An area in m² with grouping ("160,000 m²"). */
export function fmtArea(m2: number | null | undefined, lang = 'zh-CN'): string {
  if (!ok(m2)) return DASH;
  return `${fmtNumber(m2, 0, lang)} m²`;
}

/** A score or index with a fixed number of decimals ("53.90" with 2) — for values read as figures. */
export function fmtFixed(n: number | null | undefined, digits = 1, lang = 'zh-CN'): string {
  if (!ok(n)) return DASH;
  return n.toLocaleString(lang, { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** A coordinate in degrees, 4 decimals ("30.5928°N"); not grouped. */
export function fmtDegrees(v: number | null | undefined, axis: 'lat' | 'lng', digits = 4): string {
  if (!ok(v)) return DASH;
  const hemi = axis === 'lat' ? (v < 0 ? 'S' : 'N') : v < 0 ? 'W' : 'E';
  return `${Math.abs(v).toFixed(digits)}°${hemi}`;
}

/** "24F" above ground, "B1" below. */
export function floorLabel(floorNo: number): string {
  return floorNo < 0 ? `B${-floorNo}` : `${floorNo}F`;
}

/** Whole months between an ISO date and now (negative never). */
export function ageInDays(isoDate: string, now = new Date()): number {
  const d = new Date(`${isoDate.slice(0, 10)}T00:00:00`);
  if (Number.isNaN(d.getTime())) return 0;
  return Math.max(0, Math.floor((now.getTime() - d.getTime()) / 86_400_000));
}

export type Freshness = 'fresh' | 'aging' | 'stale';
/** Under a year is fresh, under two needs review, older is stale. */
export function freshnessOf(days: number): Freshness {
  if (days <= 366) return 'fresh';
  if (days <= 731) return 'aging';
  return 'stale';
}

export function parseIntParam(v: string | null | undefined): number | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  const n = Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * The app's time zone: every date and time it shows is Beijing time, whatever the browser's zone — the
 * city works, publishes and counts service hours on it, so an officer abroad (or a laptop set to another
 * zone) reads 16:00 where the office means 16:00. China keeps no daylight saving.
 */
export const APP_TIME_ZONE = 'Asia/Shanghai';

/** An instant as Beijing date and time to the minute ("2025/03/15 14:05" in zh-CN), whatever the browser's zone. */
export function fmtDateTime(iso: string | null | undefined, lang = 'zh-CN', seconds = false): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const opts: Intl.DateTimeFormatOptions = {
    timeZone: APP_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
  };
  if (!lang.startsWith('en')) return d.toLocaleString(lang, opts);
  // English: year-month-day as every date of the app reads (2026-07-02), not the US 07/02/2026, which a reader
  // elsewhere takes for 7 February.
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', opts).formatToParts(d).map((x) => [x.type, x.value]),
  ) as Record<string, string>;
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}${seconds ? `:${p.second}` : ''}`;
}

/** The Beijing calendar day of an instant, ISO ("2025-03-15"); a bare day passes through. */
export function fmtDay(iso: string | null | undefined): string {
  if (!iso) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  // en-CA writes days as YYYY-MM-DD.
  return d.toLocaleDateString('en-CA', { timeZone: APP_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
}

/** Today in Beijing, ISO ("2025-03-15"): the day a new record is dated and a list is "as of". */
export function todayInBeijing(now = new Date()): string {
  return fmtDay(now.toISOString());
}

/** The separator of a list of names in running text: 、 in Chinese, a comma in English. */
export function listSep(lang = 'zh-CN'): string {
  return lang === 'en-US' ? ', ' : '、';
}
