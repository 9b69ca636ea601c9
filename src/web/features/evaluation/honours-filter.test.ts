import { describe, expect, it } from 'vitest';
import { honoursQuery, honoursShown } from './honours-filter';

const h = (id: number, lapsed: boolean, renewed = false) => ({ id, lapsed, renewed });

describe('the tier tab’s list of expiring honours', () => {
  const items = [h(1, true), h(2, false), h(3, false, true), h(4, true, false), h(5, false)];
  it('shows the re-reviews due, the lapsed ones, or both (never the renewed)', () => {
    expect(honoursShown(items, 'due').map((x) => x.id)).toEqual([2, 5]);
    expect(honoursShown(items, 'lapsed').map((x) => x.id)).toEqual([1, 4]);
    expect(honoursShown(items, 'all').map((x) => x.id)).toEqual([2, 5, 1, 4]);
  });

  it('reads the filter and window from the URL a digest links to, falling back on bad values', () => {
    expect(honoursQuery(new URLSearchParams('tab=tiers&honours=due&within=60'))).toEqual({ show: 'due', within: 60 });
    expect(honoursQuery(new URLSearchParams('honours=lapsed'))).toEqual({ show: 'lapsed', within: 180 });
    expect(honoursQuery(new URLSearchParams('honours=x&within=9999'))).toEqual({ show: 'all', within: 180 });
    expect(honoursQuery(new URLSearchParams('within=1.5'))).toEqual({ show: 'all', within: 180 });
  });
});
