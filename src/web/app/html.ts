/**
 * ECharts tooltips take HTML strings, so any text in them that came from data (a firm's or park's
 * name, a reason, a label) must be escaped first: every chart formatter builds its HTML through
 * these helpers and nothing else (html.test.ts checks the sources for it).
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** Tooltip HTML: the first line bold, then the others; every line escaped, empty ones dropped. */
export function tooltipLines(title: string, ...lines: (string | null | undefined | false)[]): string {
  return [`<b>${escapeHtml(title)}</b>`, ...lines.filter((l): l is string => !!l).map(escapeHtml)].join('<br/>');
}
