import { describe, expect, it } from 'vitest';
import { fmtBeijing } from './beijing-time';

describe('fmtBeijing', () => {
  it('shows an instant in Beijing time, not the zone the code runs in', () => {
    // 08:00 UTC is 16:00 in Beijing (no daylight saving)
    expect(fmtBeijing('2026-02-13T08:00:00.000Z', 'zh-CN')).toBe('2026/02/13 16:00');
    expect(fmtBeijing('2026-07-01T16:30:00.000Z', 'en-US')).toBe('07/02/2026, 00:30');
  });
  it('shows a dash for no time and an unreadable one as it came', () => {
    expect(fmtBeijing(null)).toBe('—');
    expect(fmtBeijing('soon')).toBe('soon');
  });
});
