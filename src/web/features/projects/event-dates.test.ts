import { describe, expect, it } from 'vitest';
import { eventDates } from './event-dates';
import { en, zh } from './messages';

const as = (m: string) => (dates: string) => m.replace('{{dates}}', dates);

describe("an event's dates on the event pages", () => {
  it('marks dates inferred from the source as approximate, in Chinese and in English', () => {
    const e = { startedOn: '2024-06-18', endedOn: '2024-06-18', dateEstimated: true };
    expect(eventDates(e, as(zh.datesEstimated))).toBe('约 2024-06-18（推算）');
    expect(eventDates(e, as(en.datesEstimated))).toBe('c. 2024-06-18 (estimated)');
    expect(eventDates({ ...e, endedOn: '2024-06-20' }, as(en.datesEstimated))).toBe(
      'c. 2024-06-18 – 2024-06-20 (estimated)',
    );
  });

  it('shows stated dates as they are, and none when the source gives none', () => {
    const mark = as(zh.datesEstimated);
    expect(eventDates({ startedOn: '2024-06-18', endedOn: null, dateEstimated: false }, mark)).toBe('2024-06-18');
    expect(eventDates({ startedOn: '2024-06-18', endedOn: '2024-06-19' }, mark)).toBe('2024-06-18 – 2024-06-19');
    expect(eventDates({ startedOn: null, endedOn: null, dateEstimated: true }, mark)).toBeNull();
  });
});
