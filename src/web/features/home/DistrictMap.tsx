/**
 * Wuhan's districts as a real (offline) map: GeoJSON outlines registered with ECharts, a district
 * choropleth (enterprises, parks or output) and the parks on top, coloured by leading industry and
 * clustered in screen space when they would overlap. Clicking a park opens it, a cluster zooms in,
 * a district lists its parks. Every marker also has a focusable stand-in, so the map works from the
 * keyboard.
 */
import { List, Modal } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { fmtNumber, fmtWan } from '../../app/format';
import { escapeHtml } from '../../app/html';
import { chainColor, OTHER_COLOR, useLabels } from '../../app/labels';
import type { DistrictGeoJson, DistrictStats, TPark } from '../../client/types';
import { Chart, type ChartOption, type EChartsInstance, registerGeoJson } from '../../components/Chart';
import { type Cluster, clusterPoints } from './cluster';

export const METRICS = ['enterprises', 'parks', 'output'] as const;
export type Metric = (typeof METRICS)[number];

const MAP_NAME = 'parklink-wuhan-districts';
/** Markers closer than this (px) merge into a cluster. */
const CLUSTER_RADIUS_PX = 12;
const MAX_ZOOM = 24;
/** Longitude degrees shrink with latitude: at Wuhan (30.6° N) one is 0.86 of a latitude degree. */
const ASPECT = Math.cos((30.6 * Math.PI) / 180);
const SHADES = ['#f1f5f9', '#dbe7f3', '#b6cde6', '#8db0d6', '#6690c2'];
const REPLACE = ['series'];

export interface MapPark {
  id: number;
  name: string;
  lng: number;
  lat: number;
  chain: string;
  detail: string;
  approximate: boolean;
}

export function metricValue(d: DistrictStats, metric: Metric): number {
  return metric === 'parks' ? d.parks : metric === 'enterprises' ? d.enterprises : (d.outputWan ?? 0);
}

/** Output in the units people read: 亿元 in Chinese, billions of yuan in English. */
export function useFormatOutput() {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  return useCallback((wan: number) => fmtWan(wan, lang), [lang]);
}

interface Box {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

function bbox(geo: DistrictGeoJson, regionCode?: string): Box | null {
  let minX = 180;
  let maxX = -180;
  let minY = 90;
  let maxY = -90;
  const walk = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number' && typeof c[1] === 'number') {
      minX = Math.min(minX, c[0]);
      maxX = Math.max(maxX, c[0]);
      minY = Math.min(minY, c[1]);
      maxY = Math.max(maxY, c[1]);
    } else for (const x of c) walk(x);
  };
  for (const f of geo.features)
    if (regionCode === undefined || f.properties.regionCode === regionCode)
      walk((f.geometry as { coordinates?: unknown } | null)?.coordinates);
  return minX <= maxX ? { minX, maxX, minY, maxY } : null;
}

function bboxCenter(geo: DistrictGeoJson): [number, number] {
  const b = bbox(geo);
  return b ? [(b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2] : [114.3, 30.6];
}

/** The smallest box a fitted view frames (degrees, about 20 km): a lone park is shown among its districts. */
const FIT_MIN_DEG = 0.2;
/** Room around the framed box, so edge markers are not cut. */
const FIT_MARGIN = 1.25;

/**
 * The first view that frames a scope: its district's outline (if given) and its parks, zoomed in from
 * the whole city as far as the box allows (at zoom 1 ECharts fits the whole map into the chart, so the
 * zoom that fits a sub-box is the smaller of the two extents' ratios). Nothing to frame: the whole city.
 */
export function fitView(geo: DistrictGeoJson, points: readonly { lng: number; lat: number }[], regionCode?: string) {
  const all = bbox(geo);
  const boxes = points.map((p) => ({ minX: p.lng, maxX: p.lng, minY: p.lat, maxY: p.lat }));
  const region = regionCode ? bbox(geo, regionCode) : null;
  if (region) boxes.push(region);
  if (!all || boxes.length === 0) return { zoom: 1, center: bboxCenter(geo) };
  const b = boxes.reduce((a, x) => ({
    minX: Math.min(a.minX, x.minX),
    maxX: Math.max(a.maxX, x.maxX),
    minY: Math.min(a.minY, x.minY),
    maxY: Math.max(a.maxY, x.maxY),
  }));
  const w = Math.max(FIT_MIN_DEG, b.maxX - b.minX) * FIT_MARGIN;
  const h = Math.max(FIT_MIN_DEG, b.maxY - b.minY) * FIT_MARGIN;
  const zoom = Math.max(1, Math.min(MAX_ZOOM, (all.maxX - all.minX) / w, (all.maxY - all.minY) / h));
  const center: [number, number] = zoom === 1 ? bboxCenter(geo) : [(b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2];
  return { zoom, center };
}

interface View {
  zoom: number;
  center: [number, number];
}
interface Scale {
  lng: number;
  lat: number;
}
interface Marker {
  key: string;
  x: number;
  y: number;
}

export function DistrictMap({
  geo,
  stats,
  parks,
  metric,
  hidden,
  height,
  resetSignal,
  fit,
}: {
  geo: DistrictGeoJson;
  stats: DistrictStats[];
  parks: MapPark[];
  metric: Metric;
  /** Chain codes whose parks are hidden ('' = no leading industry). */
  hidden: ReadonlySet<string>;
  height: number;
  /** Changing this number puts the map back to its initial view. */
  resetSignal: number;
  /** The first view frames these (a scope: its parks and its district's outline) instead of the whole city. */
  fit?: { points: readonly { lng: number; lat: number }[]; regionCode?: string | undefined };
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { districtName } = useLabels();
  const formatOutput = useFormatOutput();
  const lang = i18n.language;

  registerGeoJson(MAP_NAME, geo);
  const fitKey = fit ? `${fit.regionCode ?? ''}|${fit.points.map((p) => `${p.lng},${p.lat}`).join(';')}` : '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: fitKey stands for fit's content
  const home = useMemo<View>(
    () => (fit ? fitView(geo, fit.points, fit.regionCode) : { zoom: 1, center: bboxCenter(geo) }),
    [geo, fitKey],
  );
  const [view, setView] = useState<View>(home);
  // Another scope framed: start from its view.
  useEffect(() => setView(home), [home]);
  const [scale, setScale] = useState<Scale | null>(null);
  const [markers, setMarkers] = useState<Marker[]>([]);
  const [listed, setListed] = useState<MapPark[] | null>(null);
  const chartRef = useRef<EChartsInstance | null>(null);
  const scaleRef = useRef<Scale | null>(null);

  useEffect(() => {
    if (resetSignal > 0) setView(home);
  }, [resetSignal, home]);

  const codeByName = useMemo(
    () => new Map(geo.features.map((f) => [f.properties.name, f.properties.regionCode ?? ''])),
    [geo],
  );
  const statsByName = useMemo(() => new Map(stats.map((d) => [d.name, d])), [stats]);

  const visible = useMemo(() => parks.filter((p) => !hidden.has(p.chain)), [parks, hidden]);
  const clusters = useMemo(
    () => (scale ? clusterPoints(visible, CLUSTER_RADIUS_PX, scale.lng, scale.lat) : []),
    [visible, scale],
  );
  const clusterByKey = useMemo(() => {
    const m = new Map<string, Cluster<MapPark>>();
    for (const c of clusters) if (c.points.length > 1) m.set(`c${c.points[0]?.id}`, c);
    return m;
  }, [clusters]);

  const metricName =
    metric === 'parks'
      ? t('map.metricParks')
      : metric === 'enterprises'
        ? t('map.metricEnterprises')
        : t('map.metricOutput');
  const fmtMetric = useCallback(
    (v: number) => (metric === 'output' ? formatOutput(v) : fmtNumber(v, 0, lang)),
    [metric, formatOutput, lang],
  );

  const option = useMemo<ChartOption>(() => {
    const max = Math.max(1, ...stats.map((d) => metricValue(d, metric)));
    const singles = clusters.filter((c) => c.points.length === 1).flatMap((c) => c.points);
    const groups = clusters.filter((c) => c.points.length > 1);
    return {
      animation: false,
      tooltip: {
        trigger: 'item',
        confine: true,
        formatter: (raw: unknown) => {
          const p = raw as { seriesId?: string; name?: string; data?: Record<string, unknown> };
          if (p.seriesId === 'parks') {
            const d = p.data as { name: string; detail: string; approx: boolean };
            return [
              `<b>${escapeHtml(d.name)}</b>`,
              escapeHtml(d.detail),
              d.approx ? `<i>${escapeHtml(t('location.approximate'))}</i>` : '',
            ]
              .filter(Boolean)
              .join('<br/>');
          }
          if (p.seriesId === 'clusters') {
            const names = (p.data?.names as string[]) ?? [];
            const more = names.length > 8 ? `<br/>… +${names.length - 8}` : '';
            return `<b>${escapeHtml(t('map.cluster', { count: names.length }))}</b><br/>${names
              .slice(0, 8)
              .map(escapeHtml)
              .join('<br/>')}${more}<br/><i>${escapeHtml(t('map.clusterHint'))}</i>`;
          }
          const d = statsByName.get(p.name ?? '');
          const code = codeByName.get(p.name ?? '');
          const title = `<b>${escapeHtml(districtName(code, p.name))}</b>`;
          if (!d) return title;
          return [
            title,
            escapeHtml(
              t('map.districtTip', {
                parks: fmtNumber(d.parks, 0, lang),
                enterprises: fmtNumber(d.enterprises, 0, lang),
                output: d.outputWan === null ? t('confidential.label') : formatOutput(d.outputWan),
              }),
            ),
            escapeHtml(t('map.syntheticTip', { share: fmtNumber(d.syntheticShare * 100, 0, lang) })),
            `<i>${escapeHtml(t('map.clickDistrict'))}</i>`,
          ].join('<br/>');
        },
      },
      geo: {
        map: MAP_NAME,
        roam: true,
        zoom: view.zoom,
        center: view.center,
        scaleLimit: { min: 1, max: MAX_ZOOM },
        aspectScale: ASPECT,
        top: 16,
        bottom: 16,
        triggerEvent: true,
        selectedMode: false,
        // District names are drawn by the 'district-labels' series above the markers, not by the areas
        // (the geo's own labels lie under every series, so clusters hid them).
        label: { show: false },
        itemStyle: { areaColor: SHADES[0], borderColor: '#94a3b8', borderWidth: 0.8 },
        emphasis: {
          itemStyle: { areaColor: '#fde68a' },
          label: { show: false },
        },
      },
      visualMap: {
        type: 'continuous',
        seriesIndex: 0,
        min: 0,
        max,
        left: 8,
        bottom: 8,
        itemWidth: 10,
        itemHeight: 90,
        calculable: false,
        text: [fmtMetric(max), metricName],
        textGap: 6,
        textStyle: { fontSize: 11, color: '#475569' },
        inRange: { color: SHADES },
      },
      series: [
        {
          id: 'districts',
          type: 'map',
          geoIndex: 0,
          name: metricName,
          data: stats.map((d) => ({ name: d.name, value: metricValue(d, metric) })),
        },
        {
          id: 'parks',
          type: 'scatter',
          coordinateSystem: 'geo',
          geoIndex: 0,
          z: 5,
          symbolSize: 11,
          itemStyle: { borderColor: '#fff', borderWidth: 1.2, opacity: 0.95 },
          emphasis: { scale: 1.5 },
          data: singles.map((p) => ({
            id: String(p.id),
            name: p.name,
            value: [p.lng, p.lat],
            detail: p.detail,
            approx: p.approximate,
            itemStyle: { color: p.chain ? chainColor(p.chain) : OTHER_COLOR },
          })),
        },
        {
          id: 'clusters',
          type: 'scatter',
          coordinateSystem: 'geo',
          geoIndex: 0,
          z: 6,
          itemStyle: { color: '#0b2545', opacity: 0.88, borderColor: '#fff', borderWidth: 1.5 },
          emphasis: { scale: 1.15 },
          label: {
            show: true,
            position: 'inside',
            color: '#fff',
            fontSize: 11,
            fontWeight: 'bold',
            formatter: (p: { data?: unknown }) => String((p.data as { count?: number }).count ?? ''),
          },
          data: groups.map((c) => ({
            id: `c${c.points[0]?.id}`,
            name: t('map.cluster', { count: c.points.length }),
            value: [c.lng, c.lat],
            count: c.points.length,
            names: c.points.map((p) => p.name),
            symbolSize: Math.min(36, 14 + 4 * Math.sqrt(c.points.length)),
          })),
        },
        {
          // Above the clusters (z 6) and the parks (z 5): a name stays readable where markers crowd.
          id: 'district-labels',
          type: 'scatter',
          coordinateSystem: 'geo',
          geoIndex: 0,
          z: 8,
          symbolSize: 0,
          cursor: 'pointer',
          tooltip: { show: false },
          label: {
            show: true,
            position: 'inside',
            fontSize: 11,
            fontWeight: 'bold',
            color: '#1e293b',
            textBorderColor: 'rgba(255,255,255,0.95)',
            textBorderWidth: 3,
            formatter: (p: { name?: string }) => districtName(codeByName.get(p.name ?? ''), p.name),
          },
          labelLayout: { hideOverlap: true },
          data: geo.features
            .filter((f) => f.properties.cp)
            .map((f) => ({ name: f.properties.name, value: f.properties.cp })),
        },
      ],
    } as ChartOption;
  }, [
    stats,
    metric,
    clusters,
    view,
    t,
    lang,
    statsByName,
    codeByName,
    districtName,
    formatOutput,
    fmtMetric,
    metricName,
    geo,
  ]);

  // After every render: pixels per degree at the current zoom (for clustering) and where each
  // marker sits (for the keyboard stand-ins). The view is read back too, so a re-render with new
  // clusters keeps a roamed map where the user left it.
  const measure = useCallback(() => {
    const c = chartRef.current;
    if (!c) return;
    let a: number[] | undefined;
    let b: number[] | undefined;
    try {
      a = c.convertToPixel({ geoIndex: 0 }, [114, 30.5]) as number[] | undefined;
      b = c.convertToPixel({ geoIndex: 0 }, [114.1, 30.6]) as number[] | undefined;
    } catch {
      return;
    }
    if (!a || !b) return;
    const next = { lng: Math.abs((b[0] ?? 0) - (a[0] ?? 0)) / 0.1, lat: Math.abs((b[1] ?? 0) - (a[1] ?? 0)) / 0.1 };
    if (!(next.lng > 0)) return;
    // Keep the roamed view, so the next update (new clusters, another metric) does not snap back.
    const g = (c.getOption() as { geo?: { zoom?: number; center?: (number | string)[] }[] }).geo?.[0];
    if (g?.zoom && g.center) {
      const v: View = { zoom: g.zoom, center: [Number(g.center[0]), Number(g.center[1])] };
      setView((cur) =>
        Math.abs(cur.zoom - v.zoom) < 1e-6 &&
        Math.abs(cur.center[0] - v.center[0]) < 1e-7 &&
        Math.abs(cur.center[1] - v.center[1]) < 1e-7
          ? cur
          : v,
      );
    }
    const prev = scaleRef.current;
    if (prev && Math.abs(prev.lng - next.lng) / next.lng < 0.02) return;
    scaleRef.current = next;
    setScale(next);
  }, []);

  const place = useCallback(() => {
    const c = chartRef.current;
    if (!c) return;
    const w = c.getWidth();
    const h = c.getHeight();
    const out: Marker[] = [];
    for (const cl of clustersRef.current) {
      const key = cl.points.length > 1 ? `c${cl.points[0]?.id}` : `p${cl.points[0]?.id}`;
      let px: number[] | undefined;
      try {
        px = c.convertToPixel({ geoIndex: 0 }, [cl.lng, cl.lat]) as number[] | undefined;
      } catch {
        return;
      }
      const x = px?.[0];
      const y = px?.[1];
      if (x === undefined || y === undefined || x < 0 || y < 0 || x > w || y > h) continue;
      out.push({ key, x: Math.round(x), y: Math.round(y) });
    }
    setMarkers((prev) =>
      prev.length === out.length &&
      prev.every((m, i) => m.key === out[i]?.key && m.x === out[i]?.x && m.y === out[i]?.y)
        ? prev
        : out,
    );
  }, []);
  const clustersRef = useRef(clusters);
  clustersRef.current = clusters;

  const onReady = useCallback(
    (c: EChartsInstance) => {
      chartRef.current = c;
      c.on('finished', () => {
        measure();
        place();
      });
    },
    [measure, place],
  );

  const openCluster = (key: string) => {
    const cl = clusterByKey.get(key);
    if (!cl) return;
    const pxSpread = cl.spread * (scale?.lng ?? 1);
    // Zoom until the members would stand apart; if they (nearly) coincide, list them instead.
    const factor = Math.max(2, (CLUSTER_RADIUS_PX * 2.5) / Math.max(pxSpread, 0.01));
    const zoom = Math.min(MAX_ZOOM, view.zoom * factor);
    if (zoom / view.zoom < 1.5 || pxSpread * (zoom / view.zoom) < CLUSTER_RADIUS_PX) setListed(cl.points);
    else setView({ zoom, center: [cl.lng, cl.lat] });
  };

  const onClick = (e: {
    componentType?: string;
    seriesType?: string;
    seriesId?: string;
    name?: string;
    itemId?: string;
  }) => {
    if (e.seriesId === 'parks' && e.itemId) navigate(`/parks/${e.itemId}`);
    else if (e.seriesId === 'clusters' && e.itemId) openCluster(e.itemId);
    else if ((e.componentType === 'geo' || e.seriesType === 'map' || e.seriesId === 'district-labels') && e.name) {
      const code = codeByName.get(e.name);
      if (code) navigate(`/parks?regionCode=${code}`);
    }
  };

  const parkById = useMemo(() => new Map(parks.map((p) => [`p${p.id}`, p])), [parks]);
  const districtNames = geo.features.map((f) => districtName(f.properties.regionCode, f.properties.name));

  return (
    <>
      <Chart
        option={option}
        height={height}
        renderer="svg"
        replaceMerge={REPLACE}
        onReady={onReady}
        onClick={onClick}
        ariaLabel={`${t('map.title')}: ${districtNames.join('、')}`}
        data-testid="district-map"
      >
        <div className="map-markers" data-testid="map-markers" data-zoom={view.zoom.toFixed(2)}>
          {markers.map((m) => {
            const park = parkById.get(m.key);
            const cl = park ? undefined : clusterByKey.get(m.key);
            const name = park ? park.name : t('map.cluster', { count: cl?.points.length ?? 0 });
            return (
              <button
                key={m.key}
                type="button"
                className="map-marker-a11y"
                style={{ left: m.x, top: m.y }}
                aria-label={name}
                title={name}
                data-testid={park ? `map-park-${park.id}` : `map-cluster-${m.key}`}
                data-count={park ? 1 : (cl?.points.length ?? 0)}
                onClick={() => (park ? navigate(`/parks/${park.id}`) : openCluster(m.key))}
              />
            );
          })}
        </div>
      </Chart>
      <Modal
        open={!!listed}
        onCancel={() => setListed(null)}
        footer={null}
        title={t('map.clusterList', { count: listed?.length ?? 0 })}
        width={480}
      >
        <List
          size="small"
          dataSource={listed ?? []}
          renderItem={(p) => (
            <List.Item>
              <List.Item.Meta
                avatar={
                  <span className="legend-dot" style={{ background: p.chain ? chainColor(p.chain) : OTHER_COLOR }} />
                }
                title={<Link to={`/parks/${p.id}`}>{p.name}</Link>}
                description={p.detail}
              />
            </List.Item>
          )}
        />
      </Modal>
    </>
  );
}

/** Parks with coordinates as map markers; the count of those without. */
export function toMapParks(
  parks: TPark[] | undefined,
  fmt: {
    label: (g: 'chain' | 'parkKind', v: string) => string;
    pickName: (zh: string, en: string | null | undefined) => string;
    districtName: (code: string | null | undefined, zh: string | null | undefined) => string;
  },
): { items: MapPark[]; missing: number } {
  const items: MapPark[] = [];
  let missing = 0;
  for (const p of parks ?? []) {
    if (p.lat == null || p.lng == null) {
      missing++;
      continue;
    }
    const chains = p.leadingIndustries.map((c) => fmt.label('chain', c)).join(' / ');
    items.push({
      id: p.id,
      name: fmt.pickName(p.name, p.nameEn),
      lng: p.lng,
      lat: p.lat,
      chain: p.leadingIndustries[0] ?? '',
      detail: [`${fmt.label('parkKind', p.kind)} · ${fmt.districtName(p.regionCode, p.regionName)}`, chains]
        .filter(Boolean)
        .join(' · '),
      approximate: p.locationApproximate,
    });
  }
  // A stable order keeps clusters from jumping between renders.
  items.sort((a, b) => a.lat - b.lat || a.lng - b.lng || a.id - b.id);
  return { items, missing };
}
