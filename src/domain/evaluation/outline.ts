/**
 * A plot's place as a land register writes it: an outline as WKT (`POLYGON((114.1 30.6, …))`), as GeoJSON
 * (a Polygon, MultiPolygon of one part, or a Feature of one) or as a JSON ring `[[lng, lat], …]`; a point as
 * WKT `POINT(114.1 30.6)`, GeoJSON Point or the text "114.1, 30.6" (longitude first). Pure; every refusal
 * says why in zh and en. Coordinates are WGS-84 degrees; a pair that only fits latitude first is refused
 * with that hint rather than swapped silently.
 */

export type LngLat = [number, number];
export type Place =
  | { kind: 'outline'; ring: LngLat[] }
  | { kind: 'point'; lng: number; lat: number }
  | { kind: 'error'; zh: string; en: string };

/** The most vertices an outline keeps (the contract's limit). */
export const OUTLINE_MAX_POINTS = 500;

const err = (zh: string, en: string): Place => ({ kind: 'error', zh, en });

function checkPair(p: unknown): LngLat | Place {
  if (!Array.isArray(p) || p.length < 2 || typeof p[0] !== 'number' || typeof p[1] !== 'number')
    return err('坐标应为"经度 纬度"数对', 'each vertex must be a "longitude latitude" pair');
  const [lng, lat] = p as [number, number];
  if (!Number.isFinite(lng) || !Number.isFinite(lat)) return err('坐标不是有效数字', 'a coordinate is not a number');
  if (Math.abs(lat) > 90 && Math.abs(lng) <= 90)
    return err('纬度超出范围：坐标应先写经度、后写纬度', 'latitude out of range: write longitude first, then latitude');
  if (Math.abs(lng) > 180 || Math.abs(lat) > 90) return err('坐标超出范围', 'a coordinate is out of range');
  return [lng, lat];
}

/** A ring of pairs, closed, with at least three distinct vertices. */
function ringOf(points: unknown[]): Place {
  const ring: LngLat[] = [];
  for (const p of points) {
    const c = checkPair(p);
    if (!Array.isArray(c)) return c;
    ring.push(c);
  }
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) ring.push([first[0], first[1]]);
  const distinct = new Set(ring.map(([x, y]) => `${x},${y}`));
  if (distinct.size < 3) return err('边界至少需要三个不同的顶点', 'an outline needs at least three distinct vertices');
  if (ring.length > OUTLINE_MAX_POINTS)
    return err(`边界最多 ${OUTLINE_MAX_POINTS} 个顶点`, `an outline has at most ${OUTLINE_MAX_POINTS} vertices`);
  return { kind: 'outline', ring };
}

const pointOf = (p: unknown): Place => {
  const c = checkPair(p);
  return Array.isArray(c) ? { kind: 'point', lng: c[0], lat: c[1] } : c;
};

function fromGeoJson(g: unknown): Place {
  const o = g as { type?: unknown; coordinates?: unknown; geometry?: unknown; features?: unknown };
  if (o?.type === 'Feature') return fromGeoJson(o.geometry);
  if (o?.type === 'FeatureCollection' && Array.isArray(o.features) && o.features.length === 1)
    return fromGeoJson(o.features[0]);
  if (o?.type === 'Point') return pointOf(o.coordinates);
  if (o?.type === 'Polygon' && Array.isArray(o.coordinates) && Array.isArray(o.coordinates[0]))
    return ringOf(o.coordinates[0] as unknown[]);
  if (
    o?.type === 'MultiPolygon' &&
    Array.isArray(o.coordinates) &&
    o.coordinates.length === 1 &&
    Array.isArray(o.coordinates[0]?.[0])
  )
    return ringOf(o.coordinates[0][0] as unknown[]);
  if (o?.type === 'MultiPolygon')
    return err('一个地块只能有一个边界（多部分面请拆成多个地块）', 'one outline per plot: split a multi-part shape');
  return err('无法识别的 GeoJSON：应为 Polygon 或 Point', 'unrecognised GeoJSON: expected a Polygon or a Point');
}

const numbers = (s: string) =>
  s
    .trim()
    .split(/[\s,，]+/)
    .filter(Boolean)
    .map(Number);

function fromWkt(text: string): Place {
  const t = text.trim().replace(/^SRID=\d+;/i, '');
  const point = /^POINT\s*Z?\s*\(\s*([^()]+)\)$/i.exec(t);
  if (point) return pointOf(numbers(point[1] as string).slice(0, 2));
  const poly = /^POLYGON\s*Z?\s*\(\s*\(([^()]+)\)(.*)\)$/i.exec(t);
  const multi = /^MULTIPOLYGON\s*Z?\s*\(\s*\(\s*\(([^()]+)\)(.*)\)\s*\)$/i.exec(t);
  const m = poly ?? multi;
  if (m) {
    if (multi && /\(\s*\(/.test(multi[2] ?? ''))
      return err('一个地块只能有一个边界（多部分面请拆成多个地块）', 'one outline per plot: split a multi-part shape');
    const pairs = (m[1] as string).split(',').map((v) => numbers(v).slice(0, 2));
    return ringOf(pairs);
  }
  return err(
    '无法识别的边界：应为 WKT（POLYGON / POINT）、GeoJSON 或"经度, 纬度"',
    'unrecognised outline: use WKT (POLYGON / POINT), GeoJSON or "longitude, latitude"',
  );
}

/** Reads a place from text; empty text is null (no place given). */
export function parsePlace(text: string): Place | null {
  const t = text.trim();
  if (t === '') return null;
  if (t.startsWith('{') || t.startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(t);
    } catch {
      return err('GeoJSON 格式有误', 'malformed GeoJSON');
    }
    if (Array.isArray(json)) {
      if (json.length === 2 && typeof json[0] === 'number') return pointOf(json);
      return ringOf(json);
    }
    return fromGeoJson(json);
  }
  const pair = /^([-+]?\d+(?:\.\d+)?)\s*[,，\s]\s*([-+]?\d+(?:\.\d+)?)$/.exec(t);
  if (pair) return pointOf([Number(pair[1]), Number(pair[2])]);
  return fromWkt(t);
}

/** An outline as WKT, the form the land register template writes. */
export function toWkt(ring: readonly LngLat[]): string {
  return `POLYGON((${ring.map(([x, y]) => `${x} ${y}`).join(', ')}))`;
}
