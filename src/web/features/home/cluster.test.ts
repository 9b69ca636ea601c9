import { describe, expect, it } from 'vitest';
import { clusterPoints } from './cluster';

const pt = (id: number, lng: number, lat: number) => ({ id, lng, lat });

describe('clusterPoints', () => {
  it('keeps points apart when they are farther than the radius', () => {
    const out = clusterPoints([pt(1, 114, 30.5), pt(2, 114.1, 30.5)], 20, 1000, 1000);
    expect(out).toHaveLength(2);
    expect(out.every((c) => c.points.length === 1 && c.spread === 0)).toBe(true);
  });

  it('merges points within the radius and centres the cluster on their mean', () => {
    const out = clusterPoints([pt(1, 114, 30.5), pt(2, 114.01, 30.5), pt(3, 114.5, 30.5)], 20, 1000, 1000);
    expect(out.map((c) => c.points.map((p) => p.id))).toEqual([[1, 2], [3]]);
    expect(out[0]?.lng).toBeCloseTo(114.005, 6);
    expect(out[0]?.spread).toBeCloseTo(0.005, 6);
  });

  it('separates the same points when zoomed in (more pixels per degree)', () => {
    const pts = [pt(1, 114, 30.5), pt(2, 114.01, 30.5)];
    expect(clusterPoints(pts, 20, 1000, 1000)).toHaveLength(1);
    expect(clusterPoints(pts, 20, 4000, 4000)).toHaveLength(2);
  });

  it('puts every point in exactly one cluster, also across grid cell borders', () => {
    const pts = Array.from({ length: 500 }, (_, i) =>
      pt(i, 114 + ((i * 37) % 101) / 1000, 30.5 + ((i * 53) % 97) / 1000),
    );
    const out = clusterPoints(pts, 25, 3000, 3000);
    const ids = out.flatMap((c) => c.points.map((p) => p.id)).sort((a, b) => a - b);
    expect(ids).toEqual(pts.map((p) => p.id));
    // No two cluster seeds are within the radius of each other's first member.
    for (const c of out) {
      const first = c.points[0];
      if (!first) continue;
      for (const p of c.points)
        expect(Math.hypot((p.lng - first.lng) * 3000, (p.lat - first.lat) * 3000)).toBeLessThanOrEqual(25);
    }
  });

  it('returns one cluster per point when the scale is unknown', () => {
    expect(clusterPoints([pt(1, 114, 30.5), pt(2, 114, 30.5)], 20, 0, 0)).toHaveLength(2);
  });
});
