/**
 * Progress toward a target and a linear forecast to its deadline (pure): least squares over the
 * points known (the baseline at the period start, snapshots, the value now), by day.
 */
export interface Point {
  on: string;
  value: number;
}

const dayNo = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

/** The least-squares line's value at `at`; one point (or all on one day) gives that value; none gives null. */
export function linearForecast(points: readonly Point[], at: string): number | null {
  if (points.length === 0) return null;
  const xs = points.map((p) => dayNo(p.on));
  const ys = points.map((p) => p.value);
  const n = points.length;
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  const sxx = xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  if (sxx === 0) return my;
  const sxy = xs.reduce((s, x, i) => s + (x - mx) * ((ys[i] as number) - my), 0);
  const slope = sxy / sxx;
  return my + slope * (dayNo(at) - mx);
}

/**
 * Share of the target reached: from the baseline when there is one ((now − baseline) / (target −
 * baseline)), else now / target; null when it cannot be said.
 */
export function progressOf(current: number | null, target: number, baseline: number | null): number | null {
  if (current === null) return null;
  const from = baseline ?? 0;
  if (target === from) return current >= target ? 1 : 0;
  return Math.round(((current - from) / (target - from)) * 1000) / 1000;
}
