import { describe, expect, it } from 'vitest';
import { fmtArea, fmtCount, fmtDegrees, fmtFixed, fmtNumber, fmtPercent, fmtPoints, fmtWan, fmtYi } from './format';

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
