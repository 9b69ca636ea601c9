import { describe, expect, it } from 'vitest';
import { checkSchedule, countIdleSlots } from './checker.js';
import type { SchedAssignment, SchedProblem } from './types.js';

const base = (): SchedProblem => ({
  slots: [
    { id: 's1', session: 'am' },
    { id: 's2', session: 'am' },
    { id: 's3', session: 'am' },
    { id: 's4', session: 'pm' },
  ],
  tables: [{ id: 't1' }, { id: 't2', capacity: 2 }, { id: 'booth', fixedFor: 'P' }],
  participants: [{ id: 'A' }, { id: 'B', available: ['s1', 's2'] }, { id: 'C' }, { id: 'P' }],
  meetings: [
    { id: 'ab', a: 'A', b: 'B' },
    { id: 'ac', a: 'A', b: 'C' },
    { id: 'bc', a: 'B', b: 'C' },
    { id: 'ap', a: 'A', b: 'P' },
  ],
});
const kinds = (p: SchedProblem, xs: SchedAssignment[]) => checkSchedule(p, xs).map((v) => v.kind);

describe('checkSchedule', () => {
  it('accepts a valid schedule', () => {
    const xs = [
      { meetingId: 'ab', slot: 's1', table: 't1' },
      { meetingId: 'bc', slot: 's2', table: 't2' },
      { meetingId: 'ac', slot: 's3', table: 't2' },
      { meetingId: 'ap', slot: 's4', table: 'booth' },
    ];
    expect(checkSchedule(base(), xs)).toEqual([]);
  });

  it('reports a participant in two meetings at once', () => {
    const xs = [
      { meetingId: 'ab', slot: 's1', table: 't1' },
      { meetingId: 'ac', slot: 's1', table: 't2' },
    ];
    expect(kinds(base(), xs)).toEqual(['double_booked']);
  });

  it('reports unavailability, unknown ids and duplicates', () => {
    const xs = [
      { meetingId: 'ab', slot: 's3', table: 't1' },
      { meetingId: 'ab', slot: 's1', table: 't1' },
      { meetingId: 'zz', slot: 's1', table: 't1' },
      { meetingId: 'ac', slot: 's9', table: 'nowhere' },
    ];
    expect(kinds(base(), xs).sort()).toEqual(
      ['duplicate_meeting', 'unavailable', 'unknown_meeting', 'unknown_slot', 'unknown_table'].sort(),
    );
  });

  it('reports an over-full table but accepts a table of capacity two holding two meetings', () => {
    const p = base();
    p.participants.push({ id: 'D' }, { id: 'E' });
    p.meetings.push({ id: 'de', a: 'D', b: 'E' });
    const two = [
      { meetingId: 'ab', slot: 's1', table: 't2' },
      { meetingId: 'de', slot: 's1', table: 't2' },
    ];
    expect(checkSchedule(p, two)).toEqual([]);
    const one = [
      { meetingId: 'ab', slot: 's1', table: 't1' },
      { meetingId: 'de', slot: 's1', table: 't1' },
    ];
    expect(kinds(p, one)).toEqual(['table_over_capacity']);
  });

  it('keeps fixed tables for their owner and their owner at them', () => {
    expect(kinds(base(), [{ meetingId: 'ac', slot: 's1', table: 'booth' }])).toEqual(['fixed_table_foreign']);
    expect(kinds(base(), [{ meetingId: 'ap', slot: 's1', table: 't1' }])).toEqual(['fixed_table_missed']);
    const p = base();
    p.tables.push({ id: 'boothA', fixedFor: 'A' });
    // Both have booths: either one will do, a pooled table will not.
    expect(checkSchedule(p, [{ meetingId: 'ap', slot: 's1', table: 'boothA' }])).toEqual([]);
    expect(checkSchedule(p, [{ meetingId: 'ap', slot: 's1', table: 'booth' }])).toEqual([]);
    expect(kinds(p, [{ meetingId: 'ap', slot: 's1', table: 't1' }])).toEqual(['fixed_table_missed']);
  });

  it('applies caps overall and per session, participant values over event defaults', () => {
    const p = { ...base(), maxMeetingsPerParticipant: 2, maxMeetingsPerSession: 1 };
    const xs = [
      { meetingId: 'ab', slot: 's1', table: 't1' },
      { meetingId: 'ac', slot: 's2', table: 't1' },
      { meetingId: 'ap', slot: 's4', table: 'booth' },
    ];
    expect(kinds(p, xs).sort()).toEqual(['cap_exceeded', 'session_cap_exceeded']);
    p.participants[0] = { id: 'A', maxMeetings: 3, maxPerSession: 2 };
    expect(checkSchedule(p, xs)).toEqual([]);
  });

  it('requires locked meetings exactly where locked', () => {
    const p = base();
    p.meetings[0]!.locked = { slot: 's2', table: 't1' };
    expect(kinds(p, [])).toEqual(['locked_moved']);
    expect(kinds(p, [{ meetingId: 'ab', slot: 's2', table: 't2' }])).toEqual(['locked_moved']);
    expect(checkSchedule(p, [{ meetingId: 'ab', slot: 's2', table: 't1' }])).toEqual([]);
  });

  it('counts idle slots within a session only', () => {
    const xs = [
      { meetingId: 'ab', slot: 's1', table: 't1' },
      { meetingId: 'ac', slot: 's3', table: 't1' },
      { meetingId: 'ap', slot: 's4', table: 'booth' },
    ];
    // A: s1, s3 (one idle slot), s4 is another session; B and C have one meeting each in am.
    expect(countIdleSlots(base(), xs)).toBe(1);
  });
});
