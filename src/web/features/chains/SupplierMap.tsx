/**
 * One leader's suppliers on the map of Wuhan: local (inside the scope) and non-local suppliers in
 * different colours, lines to the leader, and a list of the suppliers that have no place on the map
 * (outside Wuhan, or location unknown).
 */

import { Flex, Table, Tag, Typography } from 'antd';
import { LinesChart } from 'echarts/charts';
import * as echarts from 'echarts/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { fmtNumber } from '../../app/format';
import { tooltipLines } from '../../app/html';
import { useLabels } from '../../app/labels';
import { useDistrictGeo } from '../../client/queries';
import type { DistrictGeoJson } from '../../client/types';
import { Chart, type ChartOption, registerGeoJson } from '../../components/Chart';
import { DownloadButton } from '../../components/DownloadButton';
import { QueryView } from '../../components/states';
import { SyntheticBadge } from '../../components/tags';
import { type LeaderSuppliers, useLeaderSuppliers } from './api';
import { SupportingRateText } from './LeadersPanel';

echarts.use([LinesChart]);

const MAP_NAME = 'parklink-wuhan-districts';
const COLORS = { leader: '#cf1322', local: '#389e0d', city: '#1677ff', outside: '#d48806' };
type Supplier = LeaderSuppliers['suppliers'][number];

function centres(geo: DistrictGeoJson): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  for (const f of geo.features) {
    const p = f.properties as { regionCode?: string | null; cp?: [number, number] };
    if (p.regionCode && p.cp) out.set(p.regionCode, p.cp);
  }
  return out;
}

/** Map position of a firm: its building or park, else the centre of its Wuhan district (approximate). */
function position(
  place: Supplier['place'],
  regionCode: string | null,
  cps: Map<string, [number, number]>,
): { at: [number, number]; approx: boolean } | null {
  if (place?.lat != null && place.lng != null) return { at: [place.lng, place.lat], approx: place.approximate };
  const cp = regionCode ? cps.get(regionCode) : undefined;
  return cp ? { at: cp, approx: true } : null;
}

/** [[west, north], [east, south]] around the points, padded by a fifth and at least `min` degrees wide and high. */
function boundsOf(points: [number, number][], min = 0.15): [[number, number], [number, number]] | null {
  if (points.length === 0) return null;
  const lngs = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  const span = (lo: number, hi: number) => {
    const pad = Math.max((hi - lo) * 0.2, (min - (hi - lo)) / 2, 0);
    return [lo - pad, hi + pad] as const;
  };
  const [west, east] = span(Math.min(...lngs), Math.max(...lngs));
  const [south, north] = span(Math.min(...lats), Math.max(...lats));
  return [
    [west, north],
    [east, south],
  ];
}

function MapView({ s, geo }: { s: LeaderSuppliers; geo: DistrictGeoJson }) {
  const { t, i18n } = useTranslation();
  const { pickName } = useLabels();
  registerGeoJson(MAP_NAME, geo);
  const cps = useMemo(() => centres(geo), [geo]);
  const lang = i18n.language;
  const { option, unplaced } = useMemo(() => {
    const leaderAt = position(s.leader.place, s.leader.regionCode, cps);
    const groups = { local: [] as unknown[], city: [] as unknown[] };
    const lines: unknown[] = [];
    const unplaced: Supplier[] = [];
    for (const x of s.suppliers) {
      const pos = x.inCity || x.local ? position(x.place, x.regionCode, cps) : null;
      if (!pos) {
        unplaced.push(x);
        continue;
      }
      const detail = [x.product, x.amountWan !== null ? `${fmtNumber(x.amountWan, 0, lang)} ${t('chains.amount')}` : '']
        .filter(Boolean)
        .join(' · ');
      const item = { name: x.name, value: pos.at, detail, approx: pos.approx, id: String(x.enterpriseId) };
      (x.local ? groups.local : groups.city).push(item);
      if (leaderAt)
        lines.push({
          coords: [pos.at, leaderAt.at],
          lineStyle: { color: x.local ? COLORS.local : COLORS.city },
        });
    }
    const scatter = (name: string, color: string, data: unknown[], symbol = 'circle', size = 12) => ({
      type: 'scatter',
      coordinateSystem: 'geo',
      name,
      data,
      symbol,
      symbolSize: size,
      itemStyle: { color, borderColor: '#fff', borderWidth: 1 },
      label: { show: true, position: 'right', fontSize: 11, formatter: '{b}', color: '#262626' },
      labelLayout: { hideOverlap: true },
      z: 3,
    });
    // Zoom to the leader and its placed suppliers (padded; at least ~15 km across) rather than the whole city.
    const points = [
      ...(leaderAt ? [leaderAt.at] : []),
      ...[...groups.local, ...groups.city].map((p) => (p as { value: [number, number] }).value),
    ];
    const bounds = boundsOf(points);
    const option = {
      animation: false,
      legend: { top: 4, left: 4 },
      tooltip: {
        trigger: 'item',
        // Names come from the registry: escaped, never read as HTML.
        formatter: (p: { name?: string; data?: { detail?: string; approx?: boolean }; seriesName?: string }) =>
          tooltipLines(p.name ?? '', p.seriesName, p.data?.detail, p.data?.approx && t('chains.approxLocation')),
      },
      geo: {
        map: MAP_NAME,
        roam: true,
        ...(bounds ? { boundingCoords: bounds } : {}),
        itemStyle: { areaColor: '#f5f5f5', borderColor: '#bfbfbf' },
        emphasis: { disabled: true },
        label: { show: true, fontSize: 10, color: '#8c8c8c' },
        top: 36,
        bottom: 8,
      },
      series: [
        {
          type: 'lines',
          coordinateSystem: 'geo',
          data: lines,
          lineStyle: { width: 1.2, opacity: 0.6, curveness: 0.2 },
          z: 2,
        },
        scatter(t('chains.local'), COLORS.local, groups.local),
        scatter(t('chains.nonLocalCity'), COLORS.city, groups.city),
        ...(leaderAt
          ? [
              scatter(
                t('chains.leaderSelf'),
                COLORS.leader,
                [{ name: pickName(s.leader.name, s.leader.nameEn), value: leaderAt.at, approx: leaderAt.approx }],
                'pin',
                26,
              ),
            ]
          : []),
      ],
    } as unknown as ChartOption;
    return { option, unplaced };
  }, [s, cps, t, lang, pickName]);

  return (
    <>
      <Chart option={option} height={420} ariaLabel={t('chains.suppliersMap')} data-testid="supplier-map" />
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {t('chains.noCoordinates')}
      </Typography.Title>
      <Table<Supplier>
        size="small"
        rowKey="linkId"
        pagination={false}
        dataSource={unplaced}
        data-testid="suppliers-unplaced"
        columns={[
          {
            title: t('chains.enterprise'),
            key: 'name',
            render: (_, x) => (
              <Flex gap={4} align="center">
                <Link to={`/enterprises/${x.enterpriseId}`}>{x.name}</Link>
                <SyntheticBadge synthetic={x.synthetic} />
              </Flex>
            ),
          },
          { title: t('chains.product'), dataIndex: 'product', ellipsis: true },
          {
            title: t('chains.region'),
            key: 'region',
            render: (_, x) => (
              <Tag color={x.local ? 'green' : x.inCity ? 'blue' : 'orange'}>
                {x.regionName ?? t('chains.unknown')} ·{' '}
                {x.local ? t('chains.local') : x.inCity ? t('chains.nonLocalCity') : t('chains.outsideCity')}
              </Tag>
            ),
          },
          {
            title: t('chains.amount'),
            dataIndex: 'amountWan',
            align: 'right',
            render: (v: number | null) => (v === null ? t('chains.unknown') : fmtNumber(v, 0, lang)),
          },
        ]}
      />
    </>
  );
}

export function SupplierMap({ leaderId, scope, chain }: { leaderId: number; scope: string; chain: string }) {
  const { t, i18n } = useTranslation();
  const q = useLeaderSuppliers(leaderId, scope, chain);
  const geo = useDistrictGeo();
  const lang = i18n.language === 'en-US' ? 'en' : 'zh';
  return (
    <QueryView query={q}>
      {(s) => (
        <>
          <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
            <Flex gap={16} align="center">
              <Typography.Text strong>{t('chains.supportingRate')}</Typography.Text>
              <SupportingRateText
                testId="map-rate"
                s={{
                  purchaseWan: s.rate.purchaseWan,
                  localWan: s.rate.localWan,
                  rate: s.rate.byAmount,
                  links: s.suppliers.filter((x) => x.amountWan !== null).length,
                  localLinks: s.suppliers.filter((x) => x.amountWan !== null && x.local).length,
                  unknownAmountLinks: s.rate.unknownAmountLinks,
                  unknownAmountLocalLinks: s.suppliers.filter((x) => x.amountWan === null && x.local).length,
                }}
              />
            </Flex>
            <DownloadButton
              path={`/enterprises/${leaderId}/chain-suppliers.xlsx`}
              params={{ scope, chain, lang }}
              fileName="parklink-suppliers.xlsx"
              testId="export-suppliers"
              size="small"
            >
              {t('chains.exportXlsx')}
            </DownloadButton>
          </Flex>
          {s.suppliers.length === 0 ? (
            <Typography.Text type="secondary">{t('chains.noSuppliers')}</Typography.Text>
          ) : (
            <QueryView query={geo}>{(g) => <MapView s={s} geo={g} />}</QueryView>
          )}
        </>
      )}
    </QueryView>
  );
}
