/**
 * Places of the consolidation pages as a reader reads them: a destination station's code (DUISBURG) by
 * the station's name in the UI language, a country and a route by their words in the UI language. The
 * stations and countries of the China–Europe trains from 吴家山 are named here; a code or a name entered
 * by a user that is not among them is shown as entered, marked as data in its own language (OriginalText).
 */
import type { ReactNode } from 'react';
import { OriginalText } from '../../components/OriginalText';

type Named = { zh: string; en: string };

/** Destination stations of the trains from 吴家山 (the demo's and the generator's), by their code. */
export const STATIONS: Record<string, Named> = {
  DUISBURG: { zh: '杜伊斯堡', en: 'Duisburg' },
  HAMBURG: { zh: '汉堡', en: 'Hamburg' },
  LODZ: { zh: '罗兹', en: 'Łódź' },
  MALASZEWICZE: { zh: '马拉舍维奇', en: 'Małaszewicze' },
  MOSCOW: { zh: '莫斯科', en: 'Moscow' },
  BUDAPEST: { zh: '布达佩斯', en: 'Budapest' },
  WUJIASHAN: { zh: '吴家山', en: 'Wujiashan' },
};

/** Countries those trains reach, by their name in either language. */
const COUNTRIES: Named[] = [
  { zh: '德国', en: 'Germany' },
  { zh: '波兰', en: 'Poland' },
  { zh: '匈牙利', en: 'Hungary' },
  { zh: '俄罗斯', en: 'Russia' },
  { zh: '白俄罗斯', en: 'Belarus' },
  { zh: '哈萨克斯坦', en: 'Kazakhstan' },
];

const pick = (n: Named, lang: string) => (lang === 'en-US' ? n.en : n.zh);

/** A station's name in the UI language, or undefined for a code not named here. */
export function stationName(code: string, lang: string): string | undefined {
  const n = STATIONS[code.trim().toUpperCase()];
  return n ? pick(n, lang) : undefined;
}

/** A country's name in the UI language, or undefined for a name not listed here. */
export function countryName(name: string, lang: string): string | undefined {
  const k = name.trim().toLowerCase();
  const n = COUNTRIES.find((c) => c.zh === name.trim() || c.en.toLowerCase() === k);
  return n ? pick(n, lang) : undefined;
}

/**
 * A route's words in the UI language: a route stored in both ('吴家山—杜伊斯堡 Wujiashan–Duisburg') by its
 * part in that language; a route of station codes ('WUJIASHAN-DUISBURG') by the stations' names; else
 * undefined.
 */
export function routeName(route: string, lang: string): string | undefined {
  const both = /^([^A-Za-z]*[\u3400-\u9fff][^A-Za-z]*?)\s+([A-Za-z].*)$/.exec(route.trim());
  if (both && !/[\u3400-\u9fff]/.test(both[2] ?? '')) return lang === 'en-US' ? both[2] : both[1];
  const codes = route.trim().split(/\s*[-–—]\s*/);
  if (codes.length >= 2 && codes.every((c) => STATIONS[c.toUpperCase()]))
    return codes.map((c) => stationName(c, lang)).join('—');
  return undefined;
}

/** Shown: the name in the UI language, or the stored text marked as data in its own language. */
export function Place({ named, stored }: { named: string | undefined; stored: string }): ReactNode {
  return named !== undefined ? named : <OriginalText text={stored} tag={false} />;
}
