/**
 * Chinese statistics count in 万 (10⁴) and 亿 (10⁸); English readers count in thousands, millions and billions.
 * A figure stated as "21.76 亿元" reads "2.18 billion yuan" in English, "15.35 万m²" reads "153,500 m²" —
 * not "21.76 100m yuan". Several values shown together (a target's progress and its value) share one scale.
 */
const SCALES: [prefix: string, enPrefix: RegExp, factor: number][] = [
  ['亿', /^100m\s*/, 1e8],
  ['万', /^10k\s*/, 1e4],
];

export interface EnglishAmounts {
  /** The values, formatted on one scale ("2.18", "153,500"). */
  texts: string[];
  /** The unit with the scale's word ("billion yuan", "m²"). */
  unit: string;
}

const fmt = (v: number, digits: number) => v.toLocaleString('en-US', { maximumFractionDigits: digits });

/** The values in `zh` units (亿元, 万m² …) as an English reader counts them; other units pass through. */
export function englishAmounts(values: number[], zhUnit: string, enUnit: string): EnglishAmounts {
  const scale = SCALES.find(([p, en]) => zhUnit.startsWith(p) && en.test(enUnit));
  if (!scale) return { texts: values.map((v) => fmt(v, 2)), unit: enUnit };
  const [, enPrefix, factor] = scale;
  const base = enUnit.replace(enPrefix, '');
  const abs = values.map((v) => v * factor);
  const top = Math.max(0, ...abs.map(Math.abs));
  const [div, word] = top >= 1e9 ? [1e9, 'billion'] : top >= 1e6 ? [1e6, 'million'] : [1, ''];
  return {
    texts: abs.map((v) => fmt(v / div, div === 1 ? 0 : 2)),
    unit: [word, base].filter(Boolean).join(' '),
  };
}
