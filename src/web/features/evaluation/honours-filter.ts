/**
 * The tier tab's list of expiring honours as the URL asks for it (`?tab=tiers&honours=due&within=180`), so an
 * officer's digest notice links to just the honours it counts: `due` the re-reviews due (neither renewed nor
 * lapsed), `lapsed` the lapsed ones, `all` both (renewed grants are done with and never listed).
 */
export const HONOURS_SHOWN = ['all', 'due', 'lapsed'] as const;
export type HonoursShown = (typeof HONOURS_SHOWN)[number];

/** The list's filter and window from the URL's query; anything else falls back to all, 180 days. */
export function honoursQuery(sp: URLSearchParams): { show: HonoursShown; within: number } {
  const s = sp.get('honours');
  const show = (HONOURS_SHOWN as readonly string[]).includes(s ?? '') ? (s as HonoursShown) : 'all';
  const n = Number(sp.get('within'));
  const within = Number.isInteger(n) && n >= 1 && n <= 730 ? n : 180;
  return { show, within };
}

/** The honours listed for `show`: due ones first, then the lapsed. */
export function honoursShown<H extends { renewed: boolean; lapsed: boolean }>(items: H[], show: HonoursShown): H[] {
  return items
    .filter((x) => !x.renewed && (show === 'all' || (show === 'lapsed') === x.lapsed))
    .sort((a, b) => Number(a.lapsed) - Number(b.lapsed));
}
