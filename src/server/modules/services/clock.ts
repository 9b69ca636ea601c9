/**
 * The working clocks of organisations: China's calendar (chinese-days plus the overrides stored in
 * service_calendar_days) and each organisation's service hours. Both are cached by their content, so a
 * changed override or new hours take effect at the next read.
 */
import type { Db } from '../../../db/connect.js';
import {
  type CalendarOverride,
  ChinaCalendar,
  DEFAULT_WINDOWS,
  type ServiceWindow,
  WorkClock,
} from '../../../domain/services/calendar.js';
import type { SlaPolicy } from '../../../domain/services/sla.js';

const CALENDARS = new Map<string, ChinaCalendar>();
const CLOCKS = new WeakMap<ChinaCalendar, Map<string, WorkClock>>();

export async function loadCalendar(db: Db): Promise<ChinaCalendar> {
  const rows = await db.query<{ day: string; working: boolean }>(
    `select to_char(day, 'YYYY-MM-DD') as day, working from service_calendar_days order by day`,
  );
  const key = JSON.stringify(rows);
  let c = CALENDARS.get(key);
  if (!c) {
    c = new ChinaCalendar(rows as CalendarOverride[]);
    if (CALENDARS.size > 8) CALENDARS.clear();
    CALENDARS.set(key, c);
  }
  return c;
}

export function clockOf(cal: ChinaCalendar, windows: readonly ServiceWindow[] | null): WorkClock {
  const w = windows && windows.length > 0 ? windows : DEFAULT_WINDOWS;
  const key = JSON.stringify(w);
  let byHours = CLOCKS.get(cal);
  if (!byHours) {
    byHours = new Map();
    CLOCKS.set(cal, byHours);
  }
  let c = byHours.get(key);
  if (!c) {
    c = new WorkClock(cal, w);
    byHours.set(key, c);
  }
  return c;
}

/** Every organisation's service hours (organisations without a row use the default). */
export async function loadHours(db: Db): Promise<Map<number, ServiceWindow[]>> {
  const rows = await db.query<{ organisation_id: number; windows: ServiceWindow[] }>(
    'select organisation_id, windows from service_hours',
  );
  return new Map(rows.map((r) => [r.organisation_id, r.windows]));
}

export interface Clocks {
  calendar: ChinaCalendar;
  of(organisationId: number | null): WorkClock;
}

export async function loadClocks(db: Db): Promise<Clocks> {
  const calendar = await loadCalendar(db);
  const hours = await loadHours(db);
  return { calendar, of: (id) => clockOf(calendar, id === null ? null : (hours.get(id) ?? null)) };
}

/** The platform's targets when no policy applies (synthetic: a city sets its own). */
export const DEFAULT_SLA: SlaPolicy = { firstResponseMinutes: 240, resolutionMinutes: 5 * 420, warnMinutes: 60 };

interface SlaRow extends Record<string, unknown> {
  category_code: string | null;
  organisation_id: number | null;
  first_response_minutes: number;
  resolution_minutes: number;
  warn_minutes: number;
}

export interface SlaTable {
  /** The most specific policy: category and organisation, organisation, category, default. */
  of(categoryCode: string, organisationId: number | null): SlaPolicy;
}

export async function loadSlaTable(db: Db): Promise<SlaTable> {
  const rows = await db.query<SlaRow>(
    'select category_code, organisation_id, first_response_minutes, resolution_minutes, warn_minutes from service_sla_policies',
  );
  const map = new Map<string, SlaPolicy>();
  for (const r of rows)
    map.set(`${r.category_code ?? ''}|${r.organisation_id ?? 0}`, {
      firstResponseMinutes: r.first_response_minutes,
      resolutionMinutes: r.resolution_minutes,
      warnMinutes: r.warn_minutes,
    });
  return {
    of: (cat, org) =>
      map.get(`${cat}|${org ?? 0}`) ?? map.get(`|${org ?? 0}`) ?? map.get(`${cat}|0`) ?? map.get('|0') ?? DEFAULT_SLA,
  };
}
