/**
 * The time grid of a conference, as pure functions: sessions and breaks cut into slots, the tables,
 * availability windows turned into slot ids, and the checks of settings that zod cannot express.
 *
 * Availability is stored as time windows, not slot ids, so a change of slot length re-cuts the same
 * hours: a slot is available when it lies wholly inside one of the participant's windows.
 */
import type { z } from 'zod';
import type { ZBreak, ZSession, ZWindow } from '../../../contracts/conferences.js';
import { type FieldProblem, fieldProblem } from '../../../contracts/errors.js';

type Session = z.infer<typeof ZSession>;
type Window = z.infer<typeof ZWindow>;
type Break = z.infer<typeof ZBreak>;

export interface Slot {
  id: string;
  session: string;
  date: string;
  start: string;
  end: string;
}

export interface Table {
  id: string;
  no: number;
  capacity: number;
  fixedFor: number | null;
  /** Area or room of the table (from the table areas), or null. */
  location: string | null;
}

export const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
export const toClock = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Slots of every session in time order; a slot overlapping a break is skipped and the next starts after it. */
export function cutSlots(sessions: readonly Session[], slotMinutes: number): Slot[] {
  const out: Slot[] = [];
  const ordered = [...sessions].sort((a, b) => `${a.date} ${a.start}`.localeCompare(`${b.date} ${b.start}`));
  for (const s of ordered) {
    const end = toMinutes(s.end);
    const breaks = (s.breaks ?? []).map((b: Break) => [toMinutes(b.start), toMinutes(b.end)] as const);
    let t = toMinutes(s.start);
    while (t + slotMinutes <= end) {
      const clash = breaks.find(([bs, be]) => t < be && t + slotMinutes > bs);
      if (clash) {
        t = clash[1];
        continue;
      }
      out.push({
        id: `${s.key}-${toClock(t)}`,
        session: s.key,
        date: s.date,
        start: toClock(t),
        end: toClock(t + slotMinutes),
      });
      t += slotMinutes;
    }
  }
  return out;
}

/** The words of the default sessions' keys, for a session without a name and for English. */
const SESSION_WORDS: Record<string, { zh: string; en: string }> = {
  am: { zh: '上午场', en: 'morning session' },
  pm: { zh: '下午场', en: 'afternoon session' },
};

/**
 * A session as a reader names it: its name (上午场) in Chinese; in English the default keys' words
 * (morning session), else its name as the organiser wrote it; else 场次 am / session am.
 */
export function sessionText(s: Pick<Session, 'key' | 'name'>, lang: 'zh' | 'en'): string {
  const name = s.name?.trim();
  const known = SESSION_WORDS[s.key];
  if (lang === 'zh') return name || known?.zh || `场次 ${s.key}`;
  return known?.en || name || `session ${s.key}`;
}

/**
 * A slot as a reader reads it — its session's name and its start (上午场 09:00), with the day first when
 * the sessions span more than one day — never its id (am-09:00).
 */
export function slotText(
  slot: Pick<Slot, 'session' | 'date' | 'start'>,
  sessions: readonly Pick<Session, 'key' | 'name' | 'date'>[],
  lang: 'zh' | 'en',
): string {
  const session = sessions.find((s) => s.key === slot.session) ?? { key: slot.session, name: null };
  const days = new Set(sessions.map((s) => s.date));
  const text = `${sessionText(session, lang)} ${slot.start}`;
  return days.size > 1 ? `${slot.date} ${text}` : text;
}

/** Tables T1…Tn; in fixed mode a participant's table number makes that table its booth. */
export function tablesOf(
  count: number,
  capacity: number,
  mode: 'pooled' | 'fixed',
  booths: readonly { id: number; tableNo: number | null }[],
  areas: readonly { from: number; to: number; location: string }[] = [],
): Table[] {
  const owner = new Map<number, number>();
  if (mode === 'fixed')
    for (const b of booths) if (b.tableNo !== null && b.tableNo <= count) owner.set(b.tableNo, b.id);
  return Array.from({ length: count }, (_, i) => ({
    id: `T${i + 1}`,
    no: i + 1,
    capacity,
    fixedFor: owner.get(i + 1) ?? null,
    location: areas.find((a) => a.from <= i + 1 && i + 1 <= a.to)?.location ?? null,
  }));
}

/** Slot ids inside the windows; null windows = every slot. */
export function availableSlots(slots: readonly Slot[], windows: readonly Window[] | null): string[] {
  if (!windows) return slots.map((s) => s.id);
  return slots
    .filter((s) =>
      windows.some(
        (w) =>
          w.session === s.session && toMinutes(w.start) <= toMinutes(s.start) && toMinutes(s.end) <= toMinutes(w.end),
      ),
    )
    .map((s) => s.id);
}

/** Minutes of availability a participant loses when the grid changes (windows that no longer hold a whole slot). */
export function availableMinutes(slots: readonly Slot[], windows: readonly Window[] | null): number {
  const ids = new Set(availableSlots(slots, windows));
  return slots.filter((s) => ids.has(s.id)).reduce((n, s) => n + toMinutes(s.end) - toMinutes(s.start), 0);
}

/** Every problem of a settings body that its schema cannot see: order of times, breaks, duplicate keys, no slot. */
/** Table areas must lie inside 1…tableCount, run from low to high and not overlap. */
export function tableAreaProblems(areas: readonly { from: number; to: number }[], tableCount: number): FieldProblem[] {
  const out: FieldProblem[] = [];
  areas.forEach((a, i) => {
    if (a.to < a.from)
      out.push(
        fieldProblem(['tableAreas', i, 'to'], 'invalid_value', {
          zh: '区域的末桌号须不小于首桌号',
          en: "an area's last table must not be below its first",
        }),
      );
    else if (a.to > tableCount)
      out.push(
        fieldProblem(['tableAreas', i, 'to'], 'too_big', {
          zh: `共 ${tableCount} 张桌，区域末桌号超出`,
          en: `there are ${tableCount} tables; the area ends past them`,
        }),
      );
    const j = areas.findIndex((b, k) => k < i && b.from <= a.to && a.from <= b.to);
    if (j >= 0)
      out.push(
        fieldProblem(['tableAreas', i, 'from'], 'invalid_value', {
          zh: `与第 ${j + 1} 个区域的桌号重叠`,
          en: `overlaps the table numbers of area ${j + 1}`,
        }),
      );
  });
  return out;
}

export function settingsProblems(input: { sessions: readonly Session[]; slotMinutes: number }): FieldProblem[] {
  const out: FieldProblem[] = [];
  const keys = new Set<string>();
  input.sessions.forEach((s, i) => {
    if (keys.has(s.key))
      out.push(
        fieldProblem(['sessions', i, 'key'], 'duplicate', {
          zh: `场次标识 ${s.key} 重复`,
          en: `session key ${s.key} repeats`,
        }),
      );
    keys.add(s.key);
    const start = toMinutes(s.start);
    const end = toMinutes(s.end);
    if (end <= start) {
      out.push(
        fieldProblem(['sessions', i, 'end'], 'invalid_value', {
          zh: '结束时间须晚于开始时间',
          en: 'end must be after start',
        }),
      );
      return;
    }
    if (end - start < input.slotMinutes) {
      out.push(
        fieldProblem(['sessions', i, 'end'], 'too_small', {
          zh: `场次短于一个时段（${input.slotMinutes} 分钟）`,
          en: `the session is shorter than one slot (${input.slotMinutes} min)`,
        }),
      );
    }
    (s.breaks ?? []).forEach((b, j) => {
      const bs = toMinutes(b.start);
      const be = toMinutes(b.end);
      if (be <= bs)
        out.push(
          fieldProblem(['sessions', i, 'breaks', j, 'end'], 'invalid_value', {
            zh: '休息结束须晚于开始',
            en: 'a break must end after it starts',
          }),
        );
      else if (bs < start || be > end)
        out.push(
          fieldProblem(['sessions', i, 'breaks', j, 'start'], 'invalid_value', {
            zh: '休息须在场次时间内',
            en: 'a break must lie inside its session',
          }),
        );
    });
  });
  if (out.length === 0 && cutSlots(input.sessions, input.slotMinutes).length === 0) {
    out.push(fieldProblem(['sessions'], 'too_small', { zh: '没有可用的会谈时段', en: 'no meeting slot fits' }));
  }
  return out;
}

/** Problems of availability windows against the sessions (unknown session, end before start). */
export function windowProblems(
  windows: readonly Window[] | null | undefined,
  sessions: readonly Session[],
): FieldProblem[] {
  const out: FieldProblem[] = [];
  const keys = new Set(sessions.map((s) => s.key));
  (windows ?? []).forEach((w, i) => {
    if (!keys.has(w.session))
      out.push(
        fieldProblem(['availability', i, 'session'], 'reference_not_found', {
          zh: `没有场次 ${w.session}`,
          en: `no session ${w.session}`,
        }),
      );
    if (toMinutes(w.end) <= toMinutes(w.start))
      out.push(
        fieldProblem(['availability', i, 'end'], 'invalid_value', {
          zh: '结束须晚于开始',
          en: 'end must be after start',
        }),
      );
  });
  return out;
}

/** Slot ids → the fewest windows covering exactly those slots (consecutive slots merge). */
export function windowsOf(slots: readonly Slot[], ids: readonly string[]): Window[] {
  const chosen = new Set(ids);
  const out: Window[] = [];
  for (const s of slots) {
    if (!chosen.has(s.id)) continue;
    const last = out[out.length - 1];
    if (last && last.session === s.session && last.end === s.start) last.end = s.end;
    else out.push({ session: s.session, start: s.start, end: s.end });
  }
  return out;
}
