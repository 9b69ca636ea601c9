/** Structural: the app's `t`, or a test translator. */
type T = (key: string, options: { count: number }) => string;

/**
 * Working time as a butler reads it: minutes under an hour, else hours to a tenth ("超时 38 小时（工作时间）",
 * "38 working hours overdue"), not "2280 working minutes".
 */
export function workingTime(t: T, which: 'remaining' | 'overdue', minutes: number): string {
  if (minutes < 60) return t(`services.${which}Minutes`, { count: Math.round(minutes) });
  return t(`services.${which}Hours`, { count: Math.round(minutes / 6) / 10 });
}
