/**
 * China's working calendar and working-time arithmetic for service levels.
 *
 * A day is a working day when the State Council's schedule says so: public holidays are off and
 * 调休 make-up days (a Saturday or Sunday) are working days. The schedule comes from the
 * `chinese-days` package (published years only); a year it does not cover falls back to Monday–Friday
 * and is reported as not covered, and local overrides (service_calendar_days) win over both.
 * Service hours are windows of local time (Asia/Shanghai, UTC+8, no daylight saving) on working days.
 *
 * All instants are epoch milliseconds. A WorkClock precomputes the working milliseconds before each
 * day, so "working time between two instants" and "the instant N working minutes after t" are a
 * table lookup and a binary search instead of a walk over days.
 */
import chineseDays from 'chinese-days';

export const TZ_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
const MIN_MS = 60_000;
/** The span a clock tabulates: every year chinese-days publishes, and years ahead for long targets. */
export const FIRST_YEAR = 2004;
export const LAST_YEAR = 2045;

export interface ServiceWindow {
  /** Local time 'HH:MM' (Asia/Shanghai). */
  start: string;
  end: string;
}

/** The platform's default service hours when an organisation has set none (a common civil-service day). */
export const DEFAULT_WINDOWS: readonly ServiceWindow[] = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '17:30' },
];

export type DayReason = 'weekday' | 'weekend' | 'holiday' | 'makeup' | 'override' | 'uncovered';

export interface CalendarOverride {
  day: string;
  working: boolean;
}

/** 'YYYY-MM-DD' of an epoch day number (days since 1970-01-01). */
export function dayString(epochDay: number): string {
  return new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
}
export function epochDayOf(day: string): number {
  return Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
}
/** The local (UTC+8) calendar day of an instant, as an epoch day number. */
export const localEpochDay = (t: number): number => Math.floor((t + TZ_OFFSET_MS) / DAY_MS);

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
export function parseHhmm(s: string): number | null {
  const m = HHMM.exec(s);
  if (!m) return null;
  if (s === '24:00') return 24 * 60;
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Problems of a list of service windows (bad time, empty or overlapping window), by index. */
export function windowProblems(
  windows: readonly ServiceWindow[],
): { index: number; key: 'start' | 'end'; code: string }[] {
  const out: { index: number; key: 'start' | 'end'; code: string }[] = [];
  let prevEnd = -1;
  windows.forEach((w, index) => {
    const s = parseHhmm(w.start);
    const e = parseHhmm(w.end);
    if (s === null) out.push({ index, key: 'start', code: 'invalid_format' });
    if (e === null) out.push({ index, key: 'end', code: 'invalid_format' });
    if (s === null || e === null) return;
    if (e <= s) out.push({ index, key: 'end', code: 'services.window_order' });
    else if (s < prevEnd) out.push({ index, key: 'start', code: 'services.window_overlap' });
    prevEnd = Math.max(prevEnd, e);
  });
  return out;
}

/** Working days of China: the published schedule, its coverage, and local overrides. */
export class ChinaCalendar {
  readonly #working: Uint8Array;
  readonly #reason: DayReason[];
  readonly first = epochDayOf(`${FIRST_YEAR}-01-01`);
  readonly last = epochDayOf(`${LAST_YEAR}-12-31`);
  /** Years for which chinese-days publishes the holiday and 调休 schedule. */
  readonly coveredYears: number[];

  constructor(overrides: readonly CalendarOverride[] = []) {
    const n = this.last - this.first + 1;
    this.#working = new Uint8Array(n);
    this.#reason = new Array<DayReason>(n);
    this.coveredYears = coveredYears();
    const covered = new Set(this.coveredYears);
    const holidays = new Set<string>();
    const makeup = new Set<string>();
    for (const y of this.coveredYears) {
      for (const d of chineseDays.getHolidaysInRange(`${y}-01-01`, `${y}-12-31`, false)) holidays.add(d);
      for (const d of chineseDays.getWorkdaysInRange(`${y}-01-01`, `${y}-12-31`, true)) {
        const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
        if (wd === 0 || wd === 6) makeup.add(d);
      }
    }
    for (let i = 0; i < n; i++) {
      const day = dayString(this.first + i);
      const wd = new Date((this.first + i) * DAY_MS).getUTCDay();
      const weekend = wd === 0 || wd === 6;
      let reason: DayReason;
      if (!covered.has(Number(day.slice(0, 4)))) reason = weekend ? 'weekend' : 'uncovered';
      else if (holidays.has(day)) reason = 'holiday';
      else if (makeup.has(day)) reason = 'makeup';
      else reason = weekend ? 'weekend' : 'weekday';
      this.#reason[i] = reason;
      this.#working[i] = reason === 'weekday' || reason === 'makeup' || reason === 'uncovered' ? 1 : 0;
    }
    for (const o of overrides) {
      const i = epochDayOf(o.day) - this.first;
      if (i < 0 || i >= n) continue;
      this.#working[i] = o.working ? 1 : 0;
      this.#reason[i] = 'override';
    }
  }

  /** Whether an epoch day is a working day (days outside the table: Monday–Friday). */
  isWorkingDay(epochDay: number): boolean {
    const i = epochDay - this.first;
    if (i < 0 || i >= this.#working.length) {
      const wd = new Date(epochDay * DAY_MS).getUTCDay();
      return wd !== 0 && wd !== 6;
    }
    return this.#working[i] === 1;
  }

  /** Why a day is or is not a working day. */
  reason(day: string): DayReason {
    const i = epochDayOf(day) - this.first;
    return this.#reason[i] ?? 'uncovered';
  }
}

let COVERED: number[] | null = null;
/** Years with a published schedule: those in which chinese-days lists a holiday on a weekday. */
export function coveredYears(): number[] {
  if (COVERED) return COVERED;
  const out: number[] = [];
  for (let y = FIRST_YEAR; y <= LAST_YEAR; y++)
    if (chineseDays.getHolidaysInRange(`${y}-01-01`, `${y}-12-31`, false).length > 0) out.push(y);
  COVERED = out;
  return out;
}

/**
 * Working time of one organisation: the calendar and its service windows. cum[d] is the working
 * milliseconds from the table's first day up to the start of day d.
 */
export class WorkClock {
  readonly calendar: ChinaCalendar;
  /** Window bounds in ms after local midnight: [s0, e0, s1, e1, …]. */
  readonly #win: number[];
  readonly #perDay: number;
  readonly #cum: Float64Array;

  constructor(calendar: ChinaCalendar, windows: readonly ServiceWindow[] = DEFAULT_WINDOWS) {
    this.calendar = calendar;
    const w: number[] = [];
    for (const x of windows) {
      const s = parseHhmm(x.start);
      const e = parseHhmm(x.end);
      if (s === null || e === null || e <= s) throw new RangeError(`bad service window ${x.start}–${x.end}`);
      w.push(s * MIN_MS, e * MIN_MS);
    }
    if (w.length === 0) throw new RangeError('no service window');
    this.#win = w;
    let per = 0;
    for (let i = 0; i < w.length; i += 2) per += (w[i + 1] as number) - (w[i] as number);
    this.#perDay = per;
    const n = calendar.last - calendar.first + 1;
    this.#cum = new Float64Array(n + 1);
    for (let i = 0; i < n; i++)
      this.#cum[i + 1] = (this.#cum[i] as number) + (calendar.isWorkingDay(calendar.first + i) ? per : 0);
  }

  /** Working milliseconds in one working day. */
  get dayMs(): number {
    return this.#perDay;
  }

  #index(t: number): { i: number; tod: number } {
    const local = t + TZ_OFFSET_MS;
    const day = Math.floor(local / DAY_MS);
    return { i: day - this.calendar.first, tod: local - day * DAY_MS };
  }

  #inDay(tod: number): number {
    let ms = 0;
    const w = this.#win;
    for (let k = 0; k < w.length; k += 2) {
      const s = w[k] as number;
      const e = w[k + 1] as number;
      if (tod <= s) break;
      ms += Math.min(tod, e) - s;
    }
    return ms;
  }

  /** Working milliseconds from the table's start to t (clamped to the table). */
  cumAt(t: number): number {
    const { i, tod } = this.#index(t);
    const n = this.#cum.length - 1;
    if (i < 0) return 0;
    if (i >= n) return this.#cum[n] as number;
    const base = this.#cum[i] as number;
    return this.calendar.isWorkingDay(this.calendar.first + i) ? base + this.#inDay(tod) : base;
  }

  /** Working minutes between a and b (0 when b ≤ a). */
  workingMinutesBetween(a: number, b: number): number {
    return b <= a ? 0 : (this.cumAt(b) - this.cumAt(a)) / MIN_MS;
  }

  /** The instant at which `cum` working ms have passed since the table's start (null beyond it). */
  #instantAtCum(target: number): number | null {
    const cum = this.#cum;
    const n = cum.length - 1;
    if (target > (cum[n] as number)) return null;
    // First day d with cum[d + 1] >= target.
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cum[mid + 1] as number) >= target) hi = mid;
      else lo = mid + 1;
    }
    let rem = target - (cum[lo] as number);
    const dayStart = (this.calendar.first + lo) * DAY_MS - TZ_OFFSET_MS;
    const w = this.#win;
    for (let k = 0; k < w.length; k += 2) {
      const len = (w[k + 1] as number) - (w[k] as number);
      if (rem <= len) return dayStart + (w[k] as number) + rem;
      rem -= len;
    }
    return dayStart + (w[w.length - 1] as number);
  }

  /** The instant `minutes` working minutes after t (t itself for 0); null beyond the table. */
  addWorkingMinutes(t: number, minutes: number): number | null {
    if (minutes <= 0) return t;
    return this.#instantAtCum(this.cumAt(t) + minutes * MIN_MS);
  }

  /** Whether t lies inside service hours on a working day. */
  isWorkingInstant(t: number): boolean {
    const { i, tod } = this.#index(t);
    if (!this.calendar.isWorkingDay(this.calendar.first + i)) return false;
    const w = this.#win;
    for (let k = 0; k < w.length; k += 2) if (tod >= (w[k] as number) && tod < (w[k + 1] as number)) return true;
    return false;
  }

  /** t when it is inside service hours, else the start of the next service window on a working day. */
  nextWorkingInstant(t: number): number | null {
    if (this.isWorkingInstant(t)) return t;
    const c = this.cumAt(t);
    // The first working millisecond after t starts at the instant where cum passes c.
    const at = this.#instantAtCum(c + 1);
    return at === null ? null : at - 1;
  }
}

export interface Pause {
  start: number;
  /** null: still paused. */
  end: number | null;
}

/**
 * When `minutes` of working time have passed since `start`, not counting the pauses (waiting on
 * the enterprise). 'paused' when the target is not reached before a pause that has not ended.
 */
export function dueWithPauses(
  clock: WorkClock,
  start: number,
  minutes: number,
  pauses: readonly Pause[],
): number | 'paused' | null {
  let cursor = start;
  let remaining = minutes;
  const sorted = pauses.length > 1 ? [...pauses].sort((a, b) => a.start - b.start) : pauses;
  for (const p of sorted) {
    const end = p.end;
    if (end !== null && end <= cursor) continue;
    if (p.start > cursor) {
      const avail = clock.workingMinutesBetween(cursor, p.start);
      if (remaining <= avail) return clock.addWorkingMinutes(cursor, remaining);
      remaining -= avail;
    }
    if (end === null) return 'paused';
    cursor = Math.max(cursor, end);
  }
  return clock.addWorkingMinutes(cursor, remaining);
}

/** Working minutes from start to t, not counting pauses. */
export function elapsedWithPauses(clock: WorkClock, start: number, t: number, pauses: readonly Pause[]): number {
  let total = clock.workingMinutesBetween(start, t);
  for (const p of pauses) {
    const s = Math.max(p.start, start);
    const e = Math.min(p.end ?? t, t);
    if (e > s) total -= clock.workingMinutesBetween(s, e);
  }
  return total;
}
