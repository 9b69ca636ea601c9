/**
 * Whether a grant of an honour is valid, renewed or lapsed on a date — the one reading the server's
 * expiring-honours list (modules/evaluation/honours.ts, in SQL) and every page that lists tiers share.
 * A grant is renewed when the firm holds a later grant of the same tier (a later expiry date, or a later
 * year without one); it lapsed (失效) when its expiry date is before the day and it was not renewed.
 */
export interface HonourGrant {
  tierCode: string;
  year: number;
  validUntil?: string | null;
}

export type HonourStatus = 'valid' | 'renewed' | 'lapsed';

export function honourStatus(all: readonly HonourGrant[], h: HonourGrant, today: string): HonourStatus {
  const renewed = all.some(
    (g) =>
      g !== h &&
      g.tierCode === h.tierCode &&
      (g.validUntil ? !!h.validUntil && g.validUntil > h.validUntil : g.year > h.year),
  );
  if (renewed) return 'renewed';
  return h.validUntil && h.validUntil < today ? 'lapsed' : 'valid';
}

/** Tiers a firm holds on the day, and those whose every grant lapsed. */
export function tiersOn(all: readonly HonourGrant[], today: string): { held: string[]; lapsed: string[] } {
  const held = new Set<string>();
  const lapsed = new Set<string>();
  for (const h of all) {
    const s = honourStatus(all, h, today);
    if (s === 'valid') held.add(h.tierCode);
    else if (s === 'lapsed') lapsed.add(h.tierCode);
  }
  for (const c of held) lapsed.delete(c);
  return { held: [...held], lapsed: [...lapsed] };
}
