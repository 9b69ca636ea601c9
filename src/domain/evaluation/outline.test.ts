import { describe, expect, it } from 'vitest';
import { parsePlace, toWkt } from './outline.js';

const SQUARE: [number, number][] = [
  [114.1, 30.6],
  [114.11, 30.6],
  [114.11, 30.61],
  [114.1, 30.61],
  [114.1, 30.6],
];

describe('a plot place read from register text', () => {
  it('reads a WKT polygon and closes an open ring', () => {
    expect(parsePlace('POLYGON((114.1 30.6, 114.11 30.6, 114.11 30.61, 114.1 30.61))')).toEqual({
      kind: 'outline',
      ring: SQUARE,
    });
  });
  it('round-trips its own WKT', () => {
    expect(parsePlace(toWkt(SQUARE))).toEqual({ kind: 'outline', ring: SQUARE });
  });
  it('reads GeoJSON polygons, features and single-part multipolygons', () => {
    const poly = { type: 'Polygon', coordinates: [SQUARE] };
    expect(parsePlace(JSON.stringify(poly))).toEqual({ kind: 'outline', ring: SQUARE });
    expect(parsePlace(JSON.stringify({ type: 'Feature', properties: {}, geometry: poly }))).toEqual({
      kind: 'outline',
      ring: SQUARE,
    });
    expect(parsePlace(JSON.stringify({ type: 'MultiPolygon', coordinates: [[SQUARE]] }))).toEqual({
      kind: 'outline',
      ring: SQUARE,
    });
  });
  it('reads a point as WKT, GeoJSON or "lng, lat" text', () => {
    const p = { kind: 'point', lng: 114.1, lat: 30.6 };
    expect(parsePlace('POINT(114.1 30.6)')).toEqual(p);
    expect(parsePlace('{"type":"Point","coordinates":[114.1,30.6]}')).toEqual(p);
    expect(parsePlace('114.1, 30.6')).toEqual(p);
    expect(parsePlace('114.1，30.6')).toEqual(p);
  });
  it('refuses latitude first, too few vertices, two parts and garbage, in zh and en', () => {
    expect(parsePlace('30.6, 114.1')).toMatchObject({ kind: 'error', en: expect.stringContaining('longitude first') });
    expect(parsePlace('POLYGON((114.1 30.6, 114.11 30.6, 114.1 30.6))')).toMatchObject({
      kind: 'error',
      zh: expect.stringContaining('三个'),
    });
    expect(
      parsePlace('MULTIPOLYGON(((114.1 30.6, 114.11 30.6, 114.11 30.61)), ((114.2 30.6, 114.21 30.6, 114.21 30.61)))'),
    ).toMatchObject({ kind: 'error', en: expect.stringContaining('split') });
    expect(parsePlace('somewhere near the river')).toMatchObject({ kind: 'error' });
    expect(parsePlace('{"type":')).toMatchObject({ kind: 'error', en: 'malformed GeoJSON' });
    expect(parsePlace('  ')).toBeNull();
  });
});
