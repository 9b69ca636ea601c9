/**
 * Region of origin of an investor, for the results dashboard. Rule, applied in order:
 *  1. a country other than CN (ISO 3166 alpha-2) → 海外 overseas;
 *  2. the GB/T 2260 code's province (first two digits):
 *     11 北京, 12 天津, 13 河北 → 京津冀 (jjj);
 *     31 上海, 32 江苏, 33 浙江, 34 安徽 → 长三角 (yrd, the 2019 Yangtze River Delta plan's three provinces and one city);
 *     44 广东 → 大湾区 (gba) for the nine Pearl River Delta cities (4401 广州, 4403 深圳, 4404 珠海, 4406 佛山,
 *        4407 江门, 4412 肇庆, 4413 惠州, 4419 东莞, 4420 中山) and for a province-only code (most
 *        Guangdong investment comes from them); other Guangdong cities → other_domestic; 81 香港, 82 澳门 → gba;
 *     50 重庆, 51 四川 → 成渝 (chengyu);
 *     42 湖北, 43 湖南, 36 江西 → 长江中游 (middle_yangtze, the middle-reaches city cluster);
 *     any other valid province → other_domestic (71 台湾 included);
 *  3. no code and no country → unknown.
 */
import type { OriginRegion } from '../../contracts/invest.js';

const BY_PROVINCE: Record<string, OriginRegion> = {
  '11': 'jjj',
  '12': 'jjj',
  '13': 'jjj',
  '31': 'yrd',
  '32': 'yrd',
  '33': 'yrd',
  '34': 'yrd',
  '81': 'gba',
  '82': 'gba',
  '50': 'chengyu',
  '51': 'chengyu',
  '42': 'middle_yangtze',
  '43': 'middle_yangtze',
  '36': 'middle_yangtze',
};
const PRD_CITIES = new Set(['4401', '4403', '4404', '4406', '4407', '4412', '4413', '4419', '4420']);

export function originRegion(regionCode: string | null | undefined, country?: string | null): OriginRegion {
  if (country && country.toUpperCase() !== 'CN') return 'overseas';
  if (!regionCode || !/^\d{2,}$/.test(regionCode)) return 'unknown';
  const province = regionCode.slice(0, 2);
  if (province === '44') {
    const city = regionCode.slice(0, 4);
    return regionCode.length < 4 || city === '4400' || PRD_CITIES.has(city) ? 'gba' : 'other_domestic';
  }
  return BY_PROVINCE[province] ?? 'other_domestic';
}
