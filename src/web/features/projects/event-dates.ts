/**
 * An event's dates as the pages show them: "start – end" (one day once), marked approximate — 约 …（推算）/
 * c. … (estimated) — when they were inferred from the source rather than stated in it (events.date_estimated,
 * as the cockpit and the event report show them). Null when the source gives no date.
 */
export function eventDates(
  e: { startedOn: string | null; endedOn: string | null; dateEstimated?: boolean | undefined },
  estimated: (dates: string) => string,
): string | null {
  if (!e.startedOn) return null;
  const dates = `${e.startedOn}${e.endedOn && e.endedOn !== e.startedOn ? ` – ${e.endedOn}` : ''}`;
  return e.dateEstimated ? estimated(dates) : dates;
}
