import { describe, expect, it } from 'vitest';
import { honourStatus, tiersOn } from './honour-status.js';

describe('honour status on a day', () => {
  const old = { tierCode: 'specialized_sme', year: 2023, validUntil: '2026-06-30' };
  const renewal = { tierCode: 'specialized_sme', year: 2026, validUntil: '2029-06-30' };
  const other = { tierCode: 'innovative_sme', year: 2023, validUntil: '2026-12-31' };

  it('calls a grant past its expiry without a later grant lapsed, and valid up to and on its expiry day', () => {
    expect(honourStatus([old], old, '2026-07-01')).toBe('lapsed');
    expect(honourStatus([old], old, '2026-06-30')).toBe('valid');
    expect(
      honourStatus([{ tierCode: 'high_tech', year: 2024 }], { tierCode: 'high_tech', year: 2024 }, '2030-01-01'),
    ).toBe('valid');
  });

  it('calls a grant with a later grant of the same tier renewed; another tier does not renew it', () => {
    expect(honourStatus([old, renewal], old, '2026-07-01')).toBe('renewed');
    expect(honourStatus([old, renewal], renewal, '2026-07-01')).toBe('valid');
    expect(honourStatus([old, other], old, '2026-07-01')).toBe('lapsed');
  });

  it('lists the tiers held and those lapsed', () => {
    expect(tiersOn([old, other], '2026-07-01')).toEqual({ held: ['innovative_sme'], lapsed: ['specialized_sme'] });
    expect(tiersOn([old, renewal, other], '2027-01-01')).toEqual({
      held: ['specialized_sme'],
      lapsed: ['innovative_sme'],
    });
  });
});
