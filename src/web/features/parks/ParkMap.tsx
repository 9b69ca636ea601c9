import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useLabels } from '../../app/labels';
import type { TBuilding, TPark } from '../../client/types';
import { type GeoGroup, type GeoPoint, GeoScatter } from '../../components/GeoScatter';

const hasLoc = <T extends { lat?: number | null; lng?: number | null }>(x: T): x is T & { lat: number; lng: number } =>
  x.lat != null && x.lng != null;

/** This park, its sub-parks and buildings, and other parks faded, on lng/lat axes. */
export function ParkMap({
  park,
  subParks,
  buildings,
  allParks,
}: {
  park: TPark;
  subParks: TPark[];
  buildings: TBuilding[];
  allParks: TPark[];
}) {
  const { t } = useTranslation();
  const { pickName, label } = useLabels();
  const navigate = useNavigate();

  const groups = useMemo<GeoGroup[]>(() => {
    const parkPoint = (p: TPark & { lat: number; lng: number }): GeoPoint => ({
      id: String(p.id),
      name: pickName(p.name, p.nameEn),
      lng: p.lng,
      lat: p.lat,
      approximate: p.locationApproximate,
      detail: [label('parkKind', p.kind)],
    });
    const own = new Set([park.id, ...subParks.map((s) => s.id)]);
    const self = hasLoc(park) ? [parkPoint(park)] : [];
    const subs = subParks.filter(hasLoc).map(parkPoint);
    const blds: GeoPoint[] = buildings.filter(hasLoc).map((b) => ({
      id: String(b.id),
      name: pickName(b.name, b.nameEn),
      lng: b.lng,
      lat: b.lat,
      // Buildings carry no flag of their own; they are as approximate as their park.
      approximate: park.locationApproximate,
      detail: [label('buildingType', b.type)],
    }));
    const others = allParks
      .filter((p) => !own.has(p.id))
      .filter(hasLoc)
      .map(parkPoint);
    // With nothing of its own to show, centre on the city instead of an empty view.
    const hasFocus = self.length + subs.length + blds.length > 0;
    return [
      {
        key: 'others',
        name: t('location.otherParks'),
        color: '#bfbfbf',
        opacity: 0.45,
        size: 8,
        points: others,
        focus: !hasFocus,
        z: 1,
      },
      { key: 'subParks', name: t('location.subParks'), color: '#13a8a8', size: 12, points: subs, label: true, z: 3 },
      {
        key: 'buildings',
        name: t('location.buildings'),
        color: '#722ed1',
        size: 9,
        symbol: 'rect',
        points: blds,
        z: 4,
      },
      {
        key: 'self',
        name: t('location.thisPark'),
        color: '#f5222d',
        size: 20,
        symbol: 'pin',
        points: self,
        label: true,
        z: 5,
      },
    ];
  }, [park, subParks, buildings, allParks, pickName, label, t]);

  return (
    <GeoScatter
      groups={groups}
      height={340}
      aspect={1.35}
      testId="park-map"
      onPointClick={(g, id) => {
        if (g === 'buildings') navigate(`/buildings/${id}`);
        else if (g !== 'self') navigate(`/parks/${id}`);
      }}
    />
  );
}
