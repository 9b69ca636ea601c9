import { describe, expect, it } from 'vitest';
import {
  englishAmounts,
  fmtArea,
  fmtCount,
  fmtDateTime,
  fmtDay,
  fmtDegrees,
  fmtFixed,
  fmtNumber,
  fmtPercent,
  fmtPoints,
  fmtWan,
  fmtYi,
  todayInBeijing,
} from './format';

describe('the one number formatter', () => {
  it('groups thousands and drops what is missing', () => {
    expect(fmtNumber(4488.2, 0)).toBe('4,488');
    expect(fmtNumber(4488.25, 1)).toBe('4,488.3');
    expect(fmtCount(1_000_000)).toBe('1,000,000');
    expect(fmtCount(2.6)).toBe('3');
    for (const v of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(fmtNumber(v)).toBe('—');
      expect(fmtWan(v)).toBe('—');
      expect(fmtPercent(v)).toBe('—');
    }
  });

  it('writes 万元 below one 亿 and 亿元 from one 亿 up, and the same figure in English', () => {
    expect(fmtWan(4488.2)).toBe('4,488 万元');
    expect(fmtWan(12.34)).toBe('12.3 万元');
    expect(fmtWan(9_999)).toBe('9,999 万元');
    expect(fmtWan(10_000)).toBe('1 亿元');
    expect(fmtWan(176_000)).toBe('17.6 亿元');
    expect(fmtWan(1_234_567)).toBe('123.46 亿元');
    expect(fmtWan(4488.2, 'en-US')).toBe('44.9 M CNY');
    expect(fmtWan(176_000, 'en-US')).toBe('1.76 bn CNY');
    expect(fmtWan(85, 'en-US')).toBe('850 k CNY');
    expect(fmtWan(4488.2, 'zh-CN', { unit: false })).toBe('4,488');
    expect(fmtWan(123_456, 'zh-CN', { unit: false })).toBe('123,456');
    expect(fmtYi(17.6)).toBe('17.6 亿元');
  });

  it('writes shares as percentages and differences as points', () => {
    expect(fmtPercent(0.803)).toBe('80.3%');
    expect(fmtPercent(1)).toBe('100%');
    expect(fmtPercent(1 / 3, 0)).toBe('33%');
    expect(fmtPercent(0.12345, 2)).toBe('12.35%');
    expect(fmtPoints(0.025)).toBe('+2.5 个百分点');
    expect(fmtPoints(-0.025, 1, 'en-US')).toBe('-2.5 pt');
    expect(fmtPoints(0, 1, 'en-US')).toBe('0 pt');
  });

  it('keeps fixed decimals for scores, groups areas and writes hemispheres for coordinates', () => {
    expect(fmtFixed(53.9, 2)).toBe('53.90');
    expect(fmtFixed(1234.5, 1, 'en-US')).toBe('1,234.5');
    expect(fmtArea(160_000)).toBe('160,000 m²');
    expect(fmtDegrees(30.59281, 'lat')).toBe('30.5928°N');
    expect(fmtDegrees(114.3, 'lng')).toBe('114.3000°E');
  });
});

describe('the one date and time formatter: Beijing time whatever the zone the code runs in', () => {
  it('shows an instant in Beijing time', () => {
    // 08:00 UTC is 16:00 in Beijing (no daylight saving)
    expect(fmtDateTime('2026-02-13T08:00:00.000Z', 'zh-CN')).toBe('2026/02/13 16:00');
    expect(fmtDateTime('2026-07-01T16:30:00.000Z', 'en-US')).toBe('2026-07-02 00:30');
    expect(fmtDateTime('2026-07-01T16:30:05.000Z', 'en-US', true)).toBe('2026-07-02 00:30:05');
    expect(fmtDateTime('2026-07-01T16:30:05.000Z', 'zh-CN', true)).toBe('2026/07/02 00:30:05');
  });
  it('dates an instant by the Beijing calendar day, and passes a bare day through', () => {
    // 18:30 UTC on 31 Dec is already 1 Jan in Beijing
    expect(fmtDay('2025-12-31T18:30:00.000Z')).toBe('2026-01-01');
    expect(fmtDay('2026-03-15')).toBe('2026-03-15');
    expect(todayInBeijing(new Date('2026-05-31T17:00:00.000Z'))).toBe('2026-06-01');
  });
  it('shows a dash for no time and an unreadable one as it came', () => {
    expect(fmtDateTime(null)).toBe('—');
    expect(fmtDateTime('soon')).toBe('soon');
    expect(fmtDay(undefined)).toBe('—');
  });
});

describe('English amounts of 万 / 亿 figures', () => {
  it('reads 亿元 as money in the vocabulary of fmtWan', () => {
    expect(englishAmounts([21.76], '亿元', '100m CNY')).toEqual({ texts: ['2.18'], unit: 'bn CNY' });
    expect(englishAmounts([0.5], '亿元', '100m CNY')).toEqual({ texts: ['50'], unit: 'M CNY' });
    // The same figure through fmtYi reads the same.
    expect(fmtYi(21.76, 'en-US')).toBe('2.18 bn CNY');
  });
  it('reads 万m² in square metres, or millions of them', () => {
    expect(englishAmounts([15.35], '万m²', '10k m²')).toEqual({ texts: ['153,500'], unit: 'm²' });
    expect(englishAmounts([200], '万m²', '10k m²')).toEqual({ texts: ['2'], unit: 'million m²' });
  });
  it('puts values shown together on one scale', () => {
    expect(englishAmounts([15.35, 200], '万m²', '10k m²')).toEqual({ texts: ['0.15', '2'], unit: 'million m²' });
  });
  it('leaves other units alone', () => {
    expect(englishAmounts([38.3], '分', 'pts')).toEqual({ texts: ['38.3'], unit: 'pts' });
    expect(englishAmounts([2771], '家', '')).toEqual({ texts: ['2,771'], unit: '' });
  });
});
