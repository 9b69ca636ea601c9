import { describe, expect, it } from 'vitest';
import { ZConferenceSettingsInput } from './conferences.js';
import { ZProjectFields } from './invest.js';
import { hasUnsafeChars, INT32_MAX, MONEY_WAN_MAX, numberBounds } from './limits.js';
import { ZEventInput, ZMetricInput, ZParkInput } from './registry.js';

describe('numberBounds', () => {
  it('advertises the int column bound for 参会人数, so 3,000,000,000 is refused by the form as by the API', () => {
    const b = numberBounds(ZEventInput.shape.participants);
    expect(b).toEqual({ min: 0, max: INT32_MAX, precision: 0 });
    expect(ZEventInput.shape.participants.safeParse(3_000_000_000).success).toBe(false);
    expect(ZEventInput.shape.participants.safeParse(b.max).success).toBe(true);
  });

  it('turns an exclusive lower bound of an integer into the next integer', () => {
    expect(numberBounds(ZConferenceSettingsInput.shape.maxMeetingsPerParticipant)).toEqual({
      min: 1,
      max: 500,
      precision: 0,
    });
  });

  it('reads bounds through nullable, optional and default wrappers, and leaves open ends open', () => {
    expect(numberBounds(ZParkInput.shape.lat)).toEqual({ min: -90, max: 90 });
    expect(numberBounds(ZParkInput.shape.landMu)).toEqual({ min: 0 });
    expect(numberBounds(ZConferenceSettingsInput.shape.slotMinutes)).toEqual({ min: 15, max: 60, precision: 0 });
    expect(numberBounds(ZProjectFields.shape.investmentWan)).toEqual({ min: 0, max: 1e9 });
    expect(numberBounds(ZParkInput.shape.name)).toEqual({});
  });

  it('bounds money to what numeric(18, 2) holds', () => {
    expect(ZMetricInput.shape.outputWan.safeParse(1e308).success).toBe(false);
    expect(ZMetricInput.shape.outputWan.safeParse(MONEY_WAN_MAX).success).toBe(true);
    expect(MONEY_WAN_MAX * 100).toBeLessThan(1e18); // 18 digits with 2 after the point
  });
});

describe('hasUnsafeChars', () => {
  it('finds NUL and unpaired surrogates but not surrogate pairs', () => {
    expect(hasUnsafeChars('a\u0000b')).toBe(true);
    expect(hasUnsafeChars('\ud800')).toBe(true);
    expect(hasUnsafeChars('x\udfffy')).toBe(true);
    expect(hasUnsafeChars('\udc00\ud800')).toBe(true);
    expect(hasUnsafeChars('园区😀')).toBe(false);
    expect(hasUnsafeChars('')).toBe(false);
  });
});
