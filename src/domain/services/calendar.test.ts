import { describe, expect, it } from 'vitest';
import { ChinaCalendar, dueWithPauses, elapsedWithPauses, WorkClock, windowProblems } from './calendar.js';
import { decideEscalation, evaluateSla } from './sla.js';

/** An instant given as Beijing local time. */
const bj = (s: string) => Date.parse(`${s}+08:00`);
const iso = (t: number | null | 'paused') =>
  typeof t === 'number' ? new Date(t + 8 * 3600_000).toISOString().slice(0, 16) : t;

const cal = new ChinaCalendar();
const clock = new WorkClock(cal); // 09:00–12:00, 13:30–17:30: 420 working minutes a day

describe('China calendar from chinese-days', () => {
  it('covers 2026 and says that 2027 is not published in the installed package', () => {
    expect(cal.coveredYears).toContain(2025);
    expect(cal.coveredYears).toContain(2026);
    expect(cal.coveredYears).not.toContain(2027);
    expect(cal.reason('2027-10-01')).toBe('uncovered');
  });

  it('knows 春节 2026, 国庆 2026 and their 调休 Saturdays', () => {
    expect(cal.reason('2026-02-17')).toBe('holiday');
    expect(cal.reason('2026-02-14')).toBe('makeup'); // Saturday, working
    expect(cal.reason('2026-02-28')).toBe('makeup');
    expect(cal.reason('2026-10-05')).toBe('holiday'); // Monday, off
    expect(cal.reason('2026-10-10')).toBe('makeup'); // Saturday, working
    expect(cal.reason('2026-10-11')).toBe('weekend');
    expect(cal.reason('2026-10-12')).toBe('weekday');
  });

  it('lets a local override win over the package', () => {
    const c = new ChinaCalendar([{ day: '2027-02-08', working: false }]);
    expect(c.reason('2027-02-08')).toBe('override');
    expect(c.isWorkingDay(Math.floor(Date.parse('2027-02-08T00:00:00Z') / 86_400_000))).toBe(false);
  });
});

describe('working time', () => {
  it('counts only service hours: a Friday afternoon ticket with 8 working hours is due on the 调休 Saturday before 春节', () => {
    // Fri 16:00–17:30 = 90 min; Sat 14 Feb is a make-up working day: 390 more → 17:00.
    expect(iso(clock.addWorkingMinutes(bj('2026-02-13T16:00'), 480))).toBe('2026-02-14T17:00');
  });

  it('skips the whole 春节 holiday: three working days from Friday afternoon end on 25 February', () => {
    // 90 (Fri) + 420 (Sat 14) + 30 min? no: Sat gives 420, holiday 15–23, Tue 24: 420, Wed 25: 330 → 16:00.
    expect(iso(clock.addWorkingMinutes(bj('2026-02-13T16:00'), 1260))).toBe('2026-02-25T16:00');
  });

  it('skips 国庆: a ticket at 17:00 on 30 September with two hours is due at 10:30 on 8 October', () => {
    expect(iso(clock.addWorkingMinutes(bj('2026-09-30T17:00'), 120))).toBe('2026-10-08T10:30');
  });

  it('counts the 调休 Saturday after 国庆 as a working day', () => {
    expect(iso(clock.addWorkingMinutes(bj('2026-10-09T17:00'), 60))).toBe('2026-10-10T09:30');
    // A weekday-only calendar would have said Monday 12 October.
    expect(clock.workingMinutesBetween(bj('2026-10-10T00:00'), bj('2026-10-11T00:00'))).toBe(420);
    expect(clock.workingMinutesBetween(bj('2026-10-11T00:00'), bj('2026-10-12T00:00'))).toBe(0);
  });

  it('ends a target exactly at the end of a window, not at the start of the next', () => {
    expect(iso(clock.addWorkingMinutes(bj('2026-03-02T09:00'), 180))).toBe('2026-03-02T12:00');
    expect(iso(clock.addWorkingMinutes(bj('2026-03-02T12:10'), 10))).toBe('2026-03-02T13:40');
  });

  it('starts the count at the next service window when a ticket arrives at night', () => {
    expect(iso(clock.addWorkingMinutes(bj('2026-03-02T22:00'), 30))).toBe('2026-03-03T09:30');
    expect(iso(clock.nextWorkingInstant(bj('2026-02-13T23:00')))).toBe('2026-02-14T09:00');
    expect(iso(clock.nextWorkingInstant(bj('2026-02-17T10:00')))).toBe('2026-02-24T09:00');
  });

  it('uses an organisation’s own service hours', () => {
    const late = new WorkClock(cal, [{ start: '10:00', end: '19:00' }]);
    expect(iso(late.addWorkingMinutes(bj('2026-03-02T18:00'), 120))).toBe('2026-03-03T11:00');
  });

  it('refuses service windows that are malformed, empty or overlapping', () => {
    expect(windowProblems([{ start: '9:00', end: '12:00' }]).map((p) => p.code)).toEqual(['invalid_format']);
    expect(windowProblems([{ start: '12:00', end: '09:00' }]).map((p) => p.code)).toEqual(['services.window_order']);
    expect(
      windowProblems([
        { start: '09:00', end: '12:00' },
        { start: '11:00', end: '13:00' },
      ]).map((p) => p.code),
    ).toEqual(['services.window_overlap']);
  });

  it('agrees with a day-by-day walk on random instants and lengths', () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let k = 0; k < 300; k++) {
      const start = bj('2025-12-01T00:00') + Math.floor(rnd() * 400 * 86_400_000);
      const minutes = 1 + Math.floor(rnd() * 3000);
      const due = clock.addWorkingMinutes(start, minutes) as number;
      // Independent check: minute by minute from start, counting minutes inside service hours.
      let t = start;
      let left = minutes;
      while (left > 0) {
        if (clock.isWorkingInstant(t)) left -= 1;
        t += 60_000;
      }
      // The minute loop ends on a whole-minute step; the table is exact to the millisecond.
      expect(Math.abs(due - t)).toBeLessThan(60_000 * 2);
      expect(clock.workingMinutesBetween(start, due)).toBeCloseTo(minutes, 6);
    }
  });
});

describe('clock paused while waiting on the enterprise', () => {
  it('moves the due time by the working time of the pause', () => {
    const start = bj('2026-03-02T09:00');
    const pauses = [{ start: bj('2026-03-02T10:00'), end: bj('2026-03-03T10:00') }]; // 420 working minutes
    expect(iso(dueWithPauses(clock, start, 120, pauses))).toBe('2026-03-03T11:00');
    expect(elapsedWithPauses(clock, start, bj('2026-03-03T10:30'), pauses)).toBe(90);
  });

  it('has no due time while the pause lasts', () => {
    expect(dueWithPauses(clock, bj('2026-03-02T09:00'), 120, [{ start: bj('2026-03-02T09:30'), end: null }])).toBe(
      'paused',
    );
    // A target reached before the pause began is still due then.
    expect(iso(dueWithPauses(clock, bj('2026-03-02T09:00'), 20, [{ start: bj('2026-03-02T09:30'), end: null }]))).toBe(
      '2026-03-02T09:20',
    );
  });
});

describe('service levels and escalation', () => {
  const policy = { firstResponseMinutes: 240, resolutionMinutes: 2 * 420, warnMinutes: 60 };

  it('keeps first response and resolution independent (Zammad #5177)', () => {
    const t = { createdAt: bj('2026-03-02T09:00'), firstResponseAt: null, resolvedAt: null, pauses: [] };
    const ev = evaluateSla(clock, t, policy, bj('2026-03-02T09:10'));
    expect(iso(ev.firstResponse.dueAt)).toBe('2026-03-02T14:30');
    expect(iso(ev.resolution.dueAt)).toBe('2026-03-03T17:30');
  });

  it('does not escalate a first response once a reply met the target (Zammad #3140)', () => {
    const t = {
      createdAt: bj('2026-03-02T09:00'),
      firstResponseAt: bj('2026-03-02T10:00'),
      resolvedAt: null,
      pauses: [],
    };
    const d = decideEscalation(clock, clock, t, policy, new Set(), bj('2026-03-02T16:00'));
    expect(d.escalate).toEqual([]);
    expect(evaluateSla(clock, t, policy, bj('2026-03-02T16:00')).firstResponse.status).toBe('met');
  });

  it('escalates a target that will be missed inside service hours', () => {
    const t = { createdAt: bj('2026-03-02T09:00'), firstResponseAt: null, resolvedAt: null, pauses: [] };
    const d = decideEscalation(clock, clock, t, policy, new Set(), bj('2026-03-02T13:40'));
    expect(d.escalate.map((e) => [e.target, e.reason])).toEqual([['first_response', 'will_miss']]);
  });

  it('never escalates at night: it waits for the next window, the 调休 Saturday before 春节', () => {
    const t = { createdAt: bj('2026-02-12T09:00'), firstResponseAt: null, resolvedAt: null, pauses: [] };
    const d = decideEscalation(clock, clock, t, policy, new Set(), bj('2026-02-13T23:00'));
    expect(d.escalate).toEqual([]);
    expect(iso(d.nextCheckAt)).toBe('2026-02-14T09:00');
  });

  it('never escalates on a holiday: during 春节 it waits for the first working day after it', () => {
    const t = { createdAt: bj('2026-02-14T09:00'), firstResponseAt: null, resolvedAt: null, pauses: [] };
    const d = decideEscalation(clock, clock, t, policy, new Set(), bj('2026-02-18T10:00'));
    expect(d.escalate).toEqual([]);
    expect(iso(d.nextCheckAt)).toBe('2026-02-24T09:00');
    const later = decideEscalation(clock, clock, t, policy, new Set(), bj('2026-02-24T09:00'));
    // First response (240 min) ran out on the Saturday; resolution (840) still has 420 minutes on the 24th.
    expect(later.escalate.map((e) => [e.target, e.reason])).toEqual([['first_response', 'missed']]);
  });

  it('does not escalate while the clock is paused, nor a target escalated before', () => {
    const t = {
      createdAt: bj('2026-03-02T09:00'),
      firstResponseAt: bj('2026-03-02T09:30'),
      resolvedAt: null,
      pauses: [{ start: bj('2026-03-02T10:00'), end: null }],
    };
    expect(decideEscalation(clock, clock, t, policy, new Set(), bj('2026-03-20T10:00'))).toEqual({
      escalate: [],
      nextCheckAt: null,
    });
    const open = { ...t, pauses: [] };
    expect(
      decideEscalation(clock, clock, open, policy, new Set(['resolution']), bj('2026-03-20T10:00')).escalate,
    ).toEqual([]);
  });

  it('schedules the next check at the warning point, inside service hours', () => {
    const t = { createdAt: bj('2026-09-30T16:00'), firstResponseAt: null, resolvedAt: null, pauses: [] };
    const d = decideEscalation(clock, clock, t, policy, new Set(), bj('2026-09-30T16:05'));
    // 180 working minutes from 16:00 on 30 Sept: 90 that day, 90 on 8 Oct → 10:30.
    expect(iso(d.nextCheckAt)).toBe('2026-10-08T10:30');
  });
});
