/**
 * Charts for server-side documents: an ECharts option rendered to SVG without a browser (ECharts'
 * server-side SVG renderer), no animation, so the same option gives the same drawing.
 */
import * as echarts from 'echarts';

export type ChartOption = Record<string, unknown>;

/** The SVG text of an ECharts option at this size (points). */
export function chartSvg(option: ChartOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: 'CJK' }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
