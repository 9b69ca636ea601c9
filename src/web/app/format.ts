/** Small formatting helpers shared by pages. */

export function fmtNumber(n: number | null | undefined, digits = 0, lang = 'zh-CN'): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return n.toLocaleString(lang, { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** "24F" above ground, "B1" below. */
export function floorLabel(floorNo: number): string {
  return floorNo < 0 ? `B${-floorNo}` : `${floorNo}F`;
}

/** Whole months between an ISO date and now (negative never). */
export function ageInDays(isoDate: string, now = new Date()): number {
  const d = new Date(`${isoDate.slice(0, 10)}T00:00:00`);
  if (Number.isNaN(d.getTime())) return 0;
  return Math.max(0, Math.floor((now.getTime() - d.getTime()) / 86_400_000));
}

export type Freshness = 'fresh' | 'aging' | 'stale';
/** Under a year is fresh, under two needs review, older is stale. */
export function freshnessOf(days: number): Freshness {
  if (days <= 366) return 'fresh';
  if (days <= 731) return 'aging';
  return 'stale';
}

export function parseIntParam(v: string | null | undefined): number | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  const n = Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : undefined;
}

/** A timestamp as local date and time to the minute ("2025/03/15 14:05" in zh-CN). */
export function fmtDateTime(iso: string | null | undefined, lang = 'zh-CN', seconds = false): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' } : {}),
    hour12: false,
  });
}
