import { describe, expect, it } from 'vitest';
import { linearForecast, progressOf } from './forecast.js';
import { addMonths, cutoff, dueYear, freshnessScore, isStale } from './staleness.js';

describe('staleness rules', () => {
  it('cuts periodic facts off a period and the grace days before today', () => {
    expect(cutoff({ period: 'monthly', graceDays: 15 }, '2025-03-31')).toBe('2025-02-13');
    expect(cutoff({ period: 'quarterly', graceDays: 0 }, '2025-05-31')).toBe('2025-02-28');
    expect(cutoff({ period: 'yearly', graceDays: 30 }, '2025-06-30')).toBe('2024-05-31');
    expect(isStale({ period: 'monthly', graceDays: 0 }, null, '2025-01-01')).toBe(true);
    expect(isStale({ period: 'monthly', graceDays: 0 }, '2024-12-01', '2025-01-01')).toBe(false);
    expect(isStale({ period: 'monthly', graceDays: 0 }, '2024-11-30', '2025-01-01')).toBe(true);
  });

  it('asks for the last yearly report whose due date after year end has passed', () => {
    const rule = { period: 'yearly_report' as const, graceDays: 181 };
    expect(dueYear(rule, '2025-06-29')).toEqual({ year: 2023, dueBy: '2024-06-29' });
    expect(dueYear(rule, '2025-06-30')).toEqual({ year: 2024, dueBy: '2025-06-30' });
    expect(() => cutoff(rule, '2025-01-01')).toThrow();
  });

  it('clamps month ends and scores freshness', () => {
    expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
    expect(addMonths('2024-01-15', -13)).toBe('2022-12-15');
    expect(freshnessScore(0, 0)).toBeNull();
    expect(freshnessScore(8, 2)).toBe(75);
  });
});

describe('target forecast', () => {
  it('fits a line through the points and reads it at the deadline', () => {
    const pts = [
      { on: '2024-01-01', value: 0 },
      { on: '2024-07-01', value: 50 },
    ];
    // 182 days per 50; the deadline 2025-12-31 is 730 days from the start.
    expect(linearForecast(pts, '2025-12-31')).toBeCloseTo((730 / 182) * 50, 5);
    expect(linearForecast([{ on: '2024-01-01', value: 7 }], '2030-01-01')).toBe(7);
    expect(linearForecast([], '2030-01-01')).toBeNull();
  });

  it('measures progress from the baseline', () => {
    expect(progressOf(60, 200, 20)).toBe(0.222);
    expect(progressOf(100, 200, null)).toBe(0.5);
    expect(progressOf(null, 200, null)).toBeNull();
    expect(progressOf(5, 5, 5)).toBe(1);
  });
});
