/**
 * Service times are Beijing time: service hours, SLA deadlines and the working calendar are China's, so a
 * butler abroad or a browser set to another zone must still read 16:00 where the team works until 16:00.
 */
export const SERVICE_TIME_ZONE = 'Asia/Shanghai';

/** An instant as Beijing date and time to the minute ("2026/02/13 16:00" in zh-CN), whatever the browser's zone. */
export function fmtBeijing(iso: string | null | undefined, lang = 'zh-CN'): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang, {
    timeZone: SERVICE_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
}
