/**
 * The chain graph (ECharts graph on hidden pixel axes, so the layout from layout.ts is exact):
 * stages left to right on tinted bands, segments as boxes coloured by health, groups as headers
 * over their sub-segments, key links with a bold border and ★, supply edges as arrows. Clicking a
 * box opens its drill-down; hovering highlights its suppliers and customers.
 */
import { GraphChart } from 'echarts/charts';
import * as echarts from 'echarts/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fmtNumber } from '../../app/format';
import { escapeHtml } from '../../app/html';
import { Chart, type ChartOption, type EChartsInstance } from '../../components/Chart';
import type { ChainHealth, NodeHealth, TChainTemplate } from './api';
import { FONT_PX, layoutChain } from './layout';
import { STAGE_TINT, STATUS_COLORS, STATUS_FILL } from './status';

echarts.use([GraphChart]);

export function ChainGraph({
  template,
  health,
  onNodeClick,
  selected,
  renderer = 'canvas',
  onReady,
  fixedWidth,
}: {
  template: TChainTemplate;
  health: ChainHealth;
  onNodeClick?: (nodeId: string) => void;
  selected?: string;
  renderer?: 'canvas' | 'svg';
  onReady?: (c: EChartsInstance) => void;
  /** Lay out for this width instead of the container's (print). */
  fixedWidth?: number;
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  const box = useRef<HTMLDivElement>(null);
  const [measured, setMeasured] = useState(0);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setMeasured(Math.round(el.clientWidth)));
    ro.observe(el);
    setMeasured(Math.round(el.clientWidth));
    return () => ro.disconnect();
  }, []);
  const width = fixedWidth ?? measured;
  const byId = useMemo(() => new Map(health.nodes.map((n) => [n.nodeId, n])), [health]);
  const layout = useMemo(() => {
    if (width <= 0) return null;
    const labelOf = (id: string) => {
      const n = byId.get(id);
      if (!n) return id;
      const name = `${n.keyLink ? '★ ' : ''}${en ? n.nameEn : n.nameZh}`;
      return n.firmCount > 0 ? `${name} · ${n.firmCount}` : name;
    };
    return layoutChain(template, width, labelOf);
  }, [template, width, byId, en]);

  const option = useMemo<ChartOption | null>(() => {
    if (!layout) return null;
    const index = new Map(layout.boxes.map((b, i) => [b.id, i]));
    const name = (n: { nameZh: string; nameEn: string }) => (en ? n.nameEn : n.nameZh);
    const outside = new Map<string, string[]>();
    for (const e of template.edges) {
      if (!index.has(e.to)) outside.set(e.from, [...(outside.get(e.from) ?? []), e.to]);
    }
    const data = layout.boxes.map((b) => {
      const n = byId.get(b.id) as NodeHealth;
      const status = n?.status ?? 'missing';
      const isSel = b.id === selected;
      return {
        id: b.id,
        name: b.id,
        value: [b.x, b.y],
        symbol: 'rect',
        symbolSize: [b.w, b.h],
        itemStyle: {
          color: b.header ? '#fafafa' : STATUS_FILL[status],
          borderColor: isSel ? '#1677ff' : n.keyLink ? '#434343' : STATUS_COLORS[status],
          borderWidth: isSel ? 3 : n.keyLink || b.header ? 2 : 1,
          borderType: b.header && !n.keyLink ? ('dashed' as const) : ('solid' as const),
        },
        label: {
          show: true,
          position: 'inside',
          fontSize: FONT_PX,
          lineHeight: 15,
          fontWeight: b.header || n.keyLink ? 'bold' : 'normal',
          color: '#1f1f1f',
          formatter: b.lines.join('\n'),
        },
        tooltip: {
          formatter: () => {
            const lines = [
              `<b>${escapeHtml(`${n.keyLink ? '★ ' : ''}${name(n)}`)}</b>${b.header ? ` (${escapeHtml(t('chains.group'))})` : ''}`,
              `${escapeHtml(t('chains.status'))}: ${escapeHtml(t(`chains.${status}`))} · ${escapeHtml(t('chains.localFirms'))}: ${n.firmCount}`,
              ...(n.outputKnown > 0 && n.outputWan !== null
                ? [`${escapeHtml(t('chains.output'))}: ${fmtNumber(n.outputWan, 0, i18n.language)}`]
                : []),
              ...n.reasons.map((r) => `· ${escapeHtml(en ? r.en : r.zh)}`),
              ...(outside.has(b.id)
                ? [escapeHtml(t('chains.otherChains', { list: outside.get(b.id)?.join(', ') }))]
                : []),
            ];
            return lines.join('<br/>');
          },
        },
      };
    });
    const links = template.edges
      .filter((e) => index.has(e.from) && index.has(e.to))
      .map((e) => {
        const a = layout.boxes[index.get(e.from) as number]!;
        const b = layout.boxes[index.get(e.to) as number]!;
        const same = a.column === b.column;
        return {
          source: index.get(e.from) as number,
          target: index.get(e.to) as number,
          lineStyle: {
            type: e.kind === 'supplies' ? ('solid' as const) : ('dashed' as const),
            curveness: same ? 0.6 : b.x < a.x ? 0.3 : 0.12,
          },
        };
      });
    return {
      animation: false,
      tooltip: { trigger: 'item', confine: true },
      grid: { left: 0, right: 0, top: 0, bottom: 0 },
      xAxis: { type: 'value', min: 0, max: layout.width, show: false },
      yAxis: { type: 'value', min: 0, max: layout.height, inverse: true, show: false },
      series: [
        {
          type: 'graph',
          coordinateSystem: 'cartesian2d',
          data,
          links,
          edgeSymbol: ['none', 'arrow'],
          edgeSymbolSize: 6,
          lineStyle: { color: '#8c8c8c', opacity: 0.35, width: 1 },
          emphasis: { focus: 'adjacency', lineStyle: { width: 2, opacity: 1, color: '#1677ff' } },
          z: 2,
        },
      ],
    } as unknown as ChartOption;
  }, [layout, byId, template, selected, en, t, i18n.language]);

  return (
    <div ref={box} style={{ position: 'relative', width: fixedWidth ?? '100%' }} data-testid="chain-graph">
      {layout && (
        <>
          {layout.bands.map((b, i) => (
            <div
              key={b.stage}
              style={{
                position: 'absolute',
                left: b.x0 + 2,
                width: b.x1 - b.x0 - 4,
                top: 0,
                height: layout.height,
                background: STAGE_TINT[i % STAGE_TINT.length],
                borderRadius: 6,
              }}
            >
              <div style={{ textAlign: 'center', fontWeight: 600, lineHeight: '28px', color: '#595959' }}>
                {t(`chains.stage_${b.stage as NodeHealth['stage']}`)}
              </div>
            </div>
          ))}
          {option && (
            <Chart
              option={option}
              height={layout.height}
              renderer={renderer}
              onReady={onReady}
              ariaLabel={t('chains.graph')}
              style={{ position: 'relative' }}
              onClick={
                onNodeClick
                  ? (e) => {
                      if (e.seriesType === 'graph' && e.itemId && byId.has(e.itemId)) onNodeClick(e.itemId);
                    }
                  : undefined
              }
            />
          )}
        </>
      )}
    </div>
  );
}
