/**
 * The one ECharts wrapper. It registers only the chart types the app uses (keeps the bundle
 * small), follows its container's size, and hands clicks back as plain data.
 */

import type { BarSeriesOption, LineSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import type {
  DataZoomComponentOption,
  GridComponentOption,
  LegendComponentOption,
  MarkAreaComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { type CSSProperties, useEffect, useRef } from 'react';

echarts.use([
  BarChart,
  LineChart,
  ScatterChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  TitleComponent,
  DataZoomComponent,
  MarkAreaComponent,
  CanvasRenderer,
]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | ScatterSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | TitleComponentOption
  | DataZoomComponentOption
  | MarkAreaComponentOption
>;

export interface ChartClick {
  seriesId?: string;
  seriesName?: string;
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
}

export function Chart({ option, height = 320, style, onClick, ariaLabel, ...rest }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    const node = el.current;
    if (!node) return;
    const c = echarts.init(node, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => {
      const data = p.data as { id?: string | number; name?: string } | null | undefined;
      const itemId =
        data && typeof data === 'object' && !Array.isArray(data) ? String(data.id ?? data.name ?? '') : undefined;
      clickRef.current?.({
        seriesId: p.seriesId ?? undefined,
        seriesName: p.seriesName,
        dataIndex: p.dataIndex,
        itemId: itemId || undefined,
      });
    });
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(node);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div
      ref={el}
      role="img"
      aria-label={ariaLabel}
      data-testid={rest['data-testid']}
      style={{ width: '100%', height, cursor: onClick ? 'pointer' : undefined, ...style }}
    />
  );
}
