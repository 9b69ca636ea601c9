/**
 * An offline "map": no tile server is reachable, so places are drawn as a scatter on
 * longitude/latitude axes, with the axes scaled so distances look right at Wuhan's latitude.
 * A group may also carry areas (outlines as rings of [lng, lat]), drawn as filled polygons in the
 * group's colour under the same legend entry.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { fmtDegrees } from '../app/format';
import { escapeHtml } from '../app/html';
import { Chart, type ChartOption } from './Chart';

export interface GeoPoint {
  id: string;
  name: string;
  lng: number;
  lat: number;
  approximate?: boolean;
  /** Extra lines for the tooltip. */
  detail?: string[];
}

/** An outlined place (a plot): its ring of [lng, lat], drawn filled in its group's colour. */
export interface GeoArea {
  id: string;
  name: string;
  ring: readonly (readonly [number, number])[];
  approximate?: boolean;
  detail?: string[];
}

export interface GeoGroup {
  key: string;
  name: string;
  color: string;
  points: GeoPoint[];
  symbol?: 'circle' | 'rect' | 'diamond' | 'triangle' | 'pin';
  size?: number;
  opacity?: number;
  label?: boolean;
  /** Outlines of this group, drawn as polygons (toggled with the group's legend entry). */
  areas?: GeoArea[];
  /** Groups that set the view; others are drawn only where they fall inside it. */
  focus?: boolean;
  z?: number;
}

interface Props {
  groups: GeoGroup[];
  height?: number;
  /** Width ÷ height of the plotting area, used to keep the map's proportions. */
  aspect?: number;
  onPointClick?: (groupKey: string, id: string) => void;
  testId?: string;
  legend?: boolean;
  /** Zoom with the wheel (both axes alike, so the proportions hold): to see outlines at street scale. */
  zoom?: boolean;
}

function bounds(points: GeoPoint[], aspect: number) {
  if (points.length === 0) return { minX: 113.7, maxX: 115.1, minY: 29.95, maxY: 31.35 };
  let minX = Math.min(...points.map((p) => p.lng));
  let maxX = Math.max(...points.map((p) => p.lng));
  let minY = Math.min(...points.map((p) => p.lat));
  let maxY = Math.max(...points.map((p) => p.lat));
  const midY = (minY + maxY) / 2;
  const k = Math.cos((midY * Math.PI) / 180); // km per degree of longitude shrinks with latitude
  // At least ~6 km across, so a lone park still shows its neighbours.
  let w = Math.max((maxX - minX) * 1.3, 0.07);
  let h = Math.max((maxY - minY) * 1.3, 0.06);
  if ((w * k) / h < aspect) w = (h * aspect) / k;
  else h = (w * k) / aspect;
  const cx = (minX + maxX) / 2;
  minX = cx - w / 2;
  maxX = cx + w / 2;
  minY = midY - h / 2;
  maxY = midY + h / 2;
  return { minX, maxX, minY, maxY };
}

export function GeoScatter({
  groups,
  height = 420,
  aspect = 2,
  onPointClick,
  testId,
  legend = true,
  zoom = false,
}: Props) {
  const { t } = useTranslation();
  const option = useMemo<ChartOption>(() => {
    const focus = groups.filter((g) => g.focus !== false).flatMap((g) => g.points);
    const b = bounds(focus, aspect);
    const approxMark = '≈';
    // zoomed in, the labels need more places than the whole view does
    const digits = zoom ? 4 : b.maxX - b.minX < 0.3 ? 3 : 2;
    return {
      animation: false,
      grid: { left: 56, right: 20, top: legend ? 36 : 12, bottom: 36 },
      legend: legend ? { top: 4, type: 'scroll', itemWidth: 12, itemHeight: 12 } : undefined,
      dataZoom: zoom
        ? [
            { type: 'inside', xAxisIndex: 0, filterMode: 'none' },
            { type: 'inside', yAxisIndex: 0, filterMode: 'none' },
          ]
        : undefined,
      tooltip: {
        trigger: 'item',
        confine: true,
        formatter: (raw: unknown) => {
          const p = raw as { data?: { name?: string; approx?: boolean; detail?: string[] }; seriesName?: string };
          const d = p.data ?? {};
          const lines = [
            `<b>${escapeHtml(d.name ?? '')}</b>`,
            escapeHtml(p.seriesName ?? ''),
            ...(d.detail ?? []).map(escapeHtml),
          ];
          if (d.approx) lines.push(`<i>${escapeHtml(t('location.approximate'))}</i>`);
          return lines.filter(Boolean).join('<br/>');
        },
      },
      xAxis: {
        type: 'value',
        name: t('location.lng'),
        nameLocation: 'middle',
        nameGap: 24,
        min: b.minX,
        max: b.maxX,
        axisLabel: {
          formatter: (v: number) => fmtDegrees(v, 'lng', digits),
          fontSize: 10,
          color: '#9ca3af',
          showMinLabel: false,
          showMaxLabel: false,
        },
        splitLine: { lineStyle: { color: '#eef0f3' } },
      },
      yAxis: {
        type: 'value',
        name: t('location.lat'),
        nameLocation: 'middle',
        nameGap: 44,
        min: b.minY,
        max: b.maxY,
        axisLabel: {
          formatter: (v: number) => fmtDegrees(v, 'lat', digits),
          fontSize: 10,
          color: '#9ca3af',
          showMinLabel: false,
          showMaxLabel: false,
        },
        splitLine: { lineStyle: { color: '#eef0f3' } },
      },
      series: [
        ...groups.map((g) => ({
          id: g.key,
          name: g.name,
          type: 'scatter' as const,
          clip: true,
          z: g.z ?? 2,
          symbol: g.symbol ?? 'circle',
          symbolSize: g.size ?? 12,
          itemStyle: { color: g.color, opacity: g.opacity ?? 0.9, borderColor: '#fff', borderWidth: 1 },
          emphasis: { scale: 1.4, label: { show: true } },
          label: {
            show: !!g.label,
            position: 'right' as const,
            fontSize: 11,
            color: '#1f2937',
            formatter: (raw: unknown) => {
              const d = (raw as { data?: { name?: string; approx?: boolean } }).data ?? {};
              return `${d.approx ? approxMark : ''}${d.name ?? ''}`;
            },
          },
          labelLayout: { hideOverlap: true },
          data: g.points.map((p) => ({
            id: p.id,
            name: p.name,
            value: [p.lng, p.lat],
            approx: !!p.approximate,
            detail: p.detail,
          })),
        })),
        ...groups
          .filter((g) => (g.areas?.length ?? 0) > 0)
          .map((g) => {
            const areas = g.areas ?? [];
            return {
              id: `${g.key}:areas`,
              // the group's name: one legend entry shows and hides its points and outlines together
              name: g.name,
              type: 'custom' as const,
              coordinateSystem: 'cartesian2d',
              clip: true,
              z: 1, // under every group's points: a park's point on its plot stays visible
              renderItem: (params: { dataIndex: number }, api: { coord: (v: number[]) => number[] }) => {
                const a = areas[params.dataIndex];
                if (!a) return null;
                return {
                  type: 'polygon' as const,
                  shape: { points: a.ring.map(([x, y]) => api.coord([x, y])) },
                  // a see-through fill (the park's point and other plots stay visible), a solid edge
                  style: {
                    fill: /^#[0-9a-f]{6}$/i.test(g.color) ? `${g.color}59` : g.color,
                    stroke: g.color,
                    lineWidth: 1.5,
                  },
                  emphasis: { style: { fill: /^#[0-9a-f]{6}$/i.test(g.color) ? `${g.color}99` : g.color } },
                };
              },
              data: areas.map((a) => ({
                id: a.id,
                name: a.name,
                value: [a.ring[0]?.[0] ?? 0, a.ring[0]?.[1] ?? 0],
                approx: !!a.approximate,
                detail: a.detail,
              })),
            };
          }),
      ],
    };
  }, [groups, aspect, legend, zoom, t]);

  return (
    <Chart
      option={option}
      height={height}
      data-testid={testId}
      ariaLabel={t('location.mapTitle')}
      onClick={
        onPointClick
          ? (e) => {
              if (e.seriesId && e.itemId) onPointClick(e.seriesId, e.itemId);
            }
          : undefined
      }
    />
  );
}
