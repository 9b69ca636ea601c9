/**
 * The one ECharts wrapper. It registers only the chart types the app uses (keeps the bundle
 * small), follows its container's size, and hands clicks back as plain data.
 */

import type {
  BarSeriesOption,
  CustomSeriesOption,
  LineSeriesOption,
  MapSeriesOption,
  ScatterSeriesOption,
} from 'echarts/charts';
import { BarChart, CustomChart, LineChart, MapChart, ScatterChart } from 'echarts/charts';
import type {
  DataZoomComponentOption,
  GeoComponentOption,
  GridComponentOption,
  LegendComponentOption,
  MarkAreaComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';
import {
  DataZoomComponent,
  GeoComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import * as echarts from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import { type CSSProperties, type ReactNode, useEffect, useRef } from 'react';

echarts.use([
  BarChart,
  LineChart,
  ScatterChart,
  MapChart,
  // polygons drawn on lng/lat axes (GeoScatter's areas: plot outlines)
  CustomChart,
  GridComponent,
  GeoComponent,
  VisualMapContinuousComponent,
  TooltipComponent,
  LegendComponent,
  TitleComponent,
  DataZoomComponent,
  MarkAreaComponent,
  CanvasRenderer,
  SVGRenderer,
]);

/** Registers a GeoJSON map under a name, once (the geo component and map series refer to it). */
export function registerGeoJson(name: string, geoJson: object): void {
  if (!echarts.getMap(name)) echarts.registerMap(name, geoJson as Parameters<typeof echarts.registerMap>[1]);
}
export type EChartsInstance = echarts.ECharts;

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | ScatterSeriesOption
  | MapSeriesOption
  | CustomSeriesOption
  | GeoComponentOption
  | VisualMapComponentOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | TitleComponentOption
  | DataZoomComponentOption
  | MarkAreaComponentOption
>;

export interface ChartClick {
  /** 'series' for data items, 'geo' for a region of a geo component. */
  componentType?: string;
  seriesType?: string;
  seriesId?: string;
  seriesName?: string;
  /** The data item's or region's name. */
  name?: string;
  dataIndex: number;
  /** The `id` (or `name`) of the clicked data item, when the series items carry one. */
  itemId?: string;
}

interface Props {
  option: ChartOption;
  height?: number | string;
  style?: CSSProperties;
  onClick?: (e: ChartClick) => void;
  'data-testid'?: string;
  ariaLabel?: string;
  /** SVG draws text as DOM nodes (crisper, searchable); canvas is faster for many points. */
  renderer?: 'canvas' | 'svg';
  /**
   * Components to replace on update while the rest merges (e.g. ['series'] keeps a roamed map's
   * zoom and centre); by default every update replaces the whole option.
   */
  replaceMerge?: string[];
  /** Called once with the instance, for charts that need events beyond clicks (e.g. map roaming). */
  onReady?: (chart: EChartsInstance) => void;
  children?: ReactNode;
}

export function Chart({
  option,
  height = 320,
  style,
  onClick,
  ariaLabel,
  renderer = 'canvas',
  replaceMerge,
  onReady,
  children,
  ...rest
}: Props) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;
  const readyRef = useRef(onReady);
  readyRef.current = onReady;
  const mergeKey = replaceMerge?.join(',');

  useEffect(() => {
    const node = el.current;
    if (!node) return;
    const c = echarts.init(node, undefined, { renderer });
    chart.current = c;
    c.on('click', (p) => {
      const data = p.data as { id?: string | number; name?: string } | null | undefined;
      const itemId =
        data && typeof data === 'object' && !Array.isArray(data) ? String(data.id ?? data.name ?? '') : undefined;
      clickRef.current?.({
        componentType: p.componentType,
        seriesType: p.seriesType,
        name: p.name,
        seriesId: p.seriesId ?? undefined,
        seriesName: p.seriesName,
        dataIndex: p.dataIndex,
        itemId: itemId || undefined,
      });
    });
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(node);
    readyRef.current?.(c);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [renderer]);

  useEffect(() => {
    chart.current?.setOption(option, mergeKey ? { replaceMerge: mergeKey.split(',') } : { notMerge: true });
  }, [option, mergeKey]);

  const box = (
    <div
      ref={el}
      role="img"
      aria-label={ariaLabel}
      data-testid={rest['data-testid']}
      style={{ width: '100%', height, cursor: onClick ? 'pointer' : undefined, ...style }}
    />
  );
  // Children are overlays positioned over the chart (e.g. focusable stand-ins for map markers).
  return children ? (
    <div style={{ position: 'relative' }}>
      {box}
      {children}
    </div>
  ) : (
    box
  );
}
