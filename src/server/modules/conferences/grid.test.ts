import { describe, expect, it } from 'vitest';
import {
  availableMinutes,
  availableSlots,
  cutSlots,
  sessionText,
  settingsProblems,
  slotText,
  tablesOf,
  windowsOf,
} from './grid.js';

const AM = { key: 'am', date: '2024-06-06', start: '09:00', end: '10:40', breaks: [{ start: '09:40', end: '10:00' }] };

describe('conference time grid', () => {
  it('cuts sessions into slots and skips breaks', () => {
    expect(cutSlots([AM], 20).map((s) => s.id)).toEqual(['am-09:00', 'am-09:20', 'am-10:00', 'am-10:20']);
    // A 30-minute slot cannot fit before the 09:40 break, so the second starts after it.
    expect(cutSlots([AM], 30).map((s) => `${s.start}-${s.end}`)).toEqual(['09:00-09:30', '10:00-10:30']);
  });

  it('names a slot by its session and time (上午场 09:00), never by its id, in zh and en', () => {
    const [slot] = cutSlots([AM], 20);
    const named = [{ ...AM, name: '上午场' }];
    expect(slotText(slot!, named, 'zh')).toBe('上午场 09:00');
    expect(slotText(slot!, named, 'en')).toBe('morning session 09:00');
    // a session without a name reads by its default key's words; an organiser's own name stays as written
    expect(slotText(slot!, [AM], 'zh')).toBe('上午场 09:00');
    expect(sessionText({ key: 'd2', name: '开幕式' }, 'zh')).toBe('开幕式');
    expect(sessionText({ key: 'd2', name: '开幕式' }, 'en')).toBe('开幕式');
    expect(sessionText({ key: 'd2', name: null }, 'en')).toBe('session d2');
    // over two days the day comes first
    const two = [AM, { ...AM, key: 'pm', date: '2024-06-07', start: '14:00', end: '15:00' }];
    const pm = cutSlots(two, 20).find((s) => s.session === 'pm');
    expect(slotText(pm!, two, 'zh')).toBe('2024-06-07 下午场 14:00');
    expect(slotText(pm!, two, 'en')).toBe('2024-06-07 afternoon session 14:00');
  });

  it('keeps availability as time, so a new slot length re-cuts the same hours', () => {
    const windows = [{ session: 'am', start: '09:00', end: '09:40' }];
    expect(availableSlots(cutSlots([AM], 20), windows)).toEqual(['am-09:00', 'am-09:20']);
    expect(availableSlots(cutSlots([AM], 15), windows)).toEqual(['am-09:00', 'am-09:15']);
    // 09:00–09:40 holds one 30-minute slot: ten minutes are lost, which the settings warning reports.
    expect(availableMinutes(cutSlots([AM], 30), windows)).toBe(30);
    expect(availableMinutes(cutSlots([AM], 20), windows)).toBe(40);
    expect(availableSlots(cutSlots([AM], 20), null)).toHaveLength(4);
  });

  it('merges consecutive chosen slots into windows and keeps breaks apart', () => {
    const slots = cutSlots([AM], 20);
    expect(windowsOf(slots, ['am-09:00', 'am-09:20', 'am-10:00'])).toEqual([
      { session: 'am', start: '09:00', end: '09:40' },
      { session: 'am', start: '10:00', end: '10:20' },
    ]);
  });

  it('reports every cross-field problem of settings with its path', () => {
    const problems = settingsProblems({
      slotMinutes: 20,
      sessions: [
        { ...AM, end: '08:00' },
        { ...AM, key: 'am', breaks: [{ start: '08:00', end: '08:30' }] },
      ],
    });
    expect(problems.map((p) => p.path.join('.'))).toEqual([
      'sessions.0.end',
      'sessions.1.key',
      'sessions.1.breaks.0.start',
    ]);
    expect(settingsProblems({ slotMinutes: 20, sessions: [AM] })).toEqual([]);
  });

  it('gives fixed tables to their participants only in fixed mode', () => {
    const booths = [{ id: 7, tableNo: 2 }];
    expect(tablesOf(3, 1, 'fixed', booths).map((t) => t.fixedFor)).toEqual([null, 7, null]);
    expect(tablesOf(3, 1, 'pooled', booths).every((t) => t.fixedFor === null)).toBe(true);
  });
});
