/**
 * Screen-space clustering for map markers. ECharts has no built-in clustering, so markers closer
 * than a radius (in pixels at the current zoom) are merged into one, greedily, with a grid hash so
 * it stays linear in the number of points.
 */
export interface Located {
  lng: number;
  lat: number;
}

export interface Cluster<P extends Located> {
  /** Mean position of the members. */
  lng: number;
  lat: number;
  points: P[];
  /** Largest distance of a member from the mean, in degrees (0 when all coincide). */
  spread: number;
}

/**
 * Groups points that would be drawn within `radiusPx` of a cluster's first member.
 * `pxPerLng` / `pxPerLat` are pixels per degree at the current zoom. Deterministic: points are
 * taken in the given order, so pass them in a stable order.
 */
export function clusterPoints<P extends Located>(
  points: readonly P[],
  radiusPx: number,
  pxPerLng: number,
  pxPerLat: number,
): Cluster<P>[] {
  if (!(radiusPx > 0) || !(pxPerLng > 0) || !(pxPerLat > 0)) {
    return points.map((p) => ({ lng: p.lng, lat: p.lat, points: [p], spread: 0 }));
  }
  interface Seed {
    x: number;
    y: number;
    members: P[];
  }
  const cells = new Map<string, Seed[]>();
  const seeds: Seed[] = [];
  const r2 = radiusPx * radiusPx;
  for (const p of points) {
    const x = p.lng * pxPerLng;
    const y = p.lat * pxPerLat;
    const cx = Math.floor(x / radiusPx);
    const cy = Math.floor(y / radiusPx);
    let home: Seed | undefined;
    let best = Number.POSITIVE_INFINITY;
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const s of cells.get(`${cx + dx}:${cy + dy}`) ?? []) {
          const d = (s.x - x) ** 2 + (s.y - y) ** 2;
          if (d <= r2 && d < best) {
            best = d;
            home = s;
          }
        }
      }
    }
    if (home) home.members.push(p);
    else {
      const s: Seed = { x, y, members: [p] };
      seeds.push(s);
      const key = `${cx}:${cy}`;
      const list = cells.get(key);
      if (list) list.push(s);
      else cells.set(key, [s]);
    }
  }
  return seeds.map((s) => {
    const n = s.members.length;
    const lng = s.members.reduce((a, p) => a + p.lng, 0) / n;
    const lat = s.members.reduce((a, p) => a + p.lat, 0) / n;
    const spread = Math.max(...s.members.map((p) => Math.hypot(p.lng - lng, p.lat - lat)));
    return { lng, lat, points: s.members, spread };
  });
}
