import { AimOutlined, LockOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Row, Segmented, Skeleton, Statistic, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { fmtNumber } from '../../app/format';
import { chainColor, OTHER_COLOR, useLabels } from '../../app/labels';
import { useUrlState } from '../../app/useUrlState';
import { useAllParks, useDistrictGeo, useDistrictStats, useStatsOverview } from '../../client/queries';
import type { DistrictStats } from '../../client/types';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState } from '../../components/states';
import { useChainList } from '../chains/api';
import { useTargets } from '../cockpit/api';
import { DevzoneCard } from './DevzoneCard';
import {
  DistrictMap,
  type MapPark,
  METRICS,
  type Metric,
  metricValue,
  toMapParks,
  useFormatOutput,
} from './DistrictMap';

const MAP_HEIGHT = 500;

function StatCards() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const stats = useStatsOverview();
  const chains = useChainList();
  // The city's programme targets (not the figures merely reported): only roles that may read them see the card.
  const targets = useTargets('city');
  const programme = (targets.data ?? []).filter((x) => x.kind === 'target' && x.progress !== null && !x.redacted);
  const lang = i18n.language;
  const cards: { key: 'parks' | 'buildings' | 'enterprises' | 'institutions'; to?: string }[] = [
    { key: 'parks', to: '/parks' },
    { key: 'buildings', to: '/buildings' },
    { key: 'enterprises', to: '/enterprises' },
    { key: 'institutions' },
  ];
  if (stats.isError)
    return (
      <Card style={{ marginBottom: 16 }}>
        <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />
      </Card>
    );
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      {cards.map((c) => (
        <Col key={c.key} flex="1 1 160px">
          <Card
            size="small"
            hoverable={!!c.to}
            onClick={c.to ? () => navigate(c.to ?? '/') : undefined}
            data-testid={`stat-${c.key}`}
          >
            <Statistic
              title={t(`home.${c.key}`)}
              value={stats.data?.[c.key] ?? 0}
              loading={stats.isPending}
              formatter={(v) => fmtNumber(Number(v), 0, lang)}
            />
          </Card>
        </Col>
      ))}
      <Col flex="1 1 160px">
        <Card size="small" hoverable onClick={() => navigate('/chains')} data-testid="stat-chains">
          <Statistic
            title={t('home.keyChains')}
            value={chains.data?.items.length ?? 0}
            loading={chains.isPending}
            formatter={(v) => fmtNumber(Number(v), 0, lang)}
          />
        </Card>
      </Col>
      {programme.length > 0 && (
        <Col flex="1 1 200px">
          <Card size="small" hoverable onClick={() => navigate('/cockpit/targets')} data-testid="stat-programme">
            <Statistic
              title={
                <Tooltip
                  title={programme.map((p) => (
                    <div key={p.id}>
                      {lang === 'en-US' ? p.labelEn : p.label}: {fmtNumber(Math.max(0, p.progress ?? 0) * 100, 1, lang)}
                      %
                    </div>
                  ))}
                >
                  {t('home.programmeProgress')}
                </Tooltip>
              }
              // The mean of the programme's targets (工业上楼), each current figure over its target.
              value={(programme.reduce((s, p) => s + Math.max(0, p.progress ?? 0), 0) / programme.length) * 100}
              formatter={(v) => fmtNumber(Number(v), 1, lang)}
              suffix="%"
            />
          </Card>
        </Col>
      )}
    </Row>
  );
}

/** Chips for the industries on the map, with counts; a click hides or shows that industry's parks. */
function IndustryLegend({
  parks,
  hidden,
  onToggle,
}: {
  parks: MapPark[];
  hidden: ReadonlySet<string>;
  onToggle: (chain: string) => void;
}) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const counts = useMemo(() => {
    const m = new Map<string, number>();
    for (const p of parks) m.set(p.chain, (m.get(p.chain) ?? 0) + 1);
    return [...m.entries()].sort((a, b) => b[1] - a[1]);
  }, [parks]);
  return (
    <Flex wrap gap={6} align="center" style={{ marginTop: 8 }} data-testid="map-legend">
      <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineEnd: 4 }}>
        {t('map.legendIndustry')}
      </Typography.Text>
      {counts.map(([chain, n]) => {
        const off = hidden.has(chain);
        return (
          <Tooltip key={chain || 'none'} title={t('map.toggleIndustry')}>
            <button
              type="button"
              className={`legend-chip${off ? ' is-off' : ''}`}
              aria-pressed={!off}
              onClick={() => onToggle(chain)}
            >
              <span className="legend-dot" style={{ background: chain ? chainColor(chain) : OTHER_COLOR }} />
              {chain ? label('chain', chain) : t('home.otherIndustry')}
              <span className="legend-chip-count">{n}</span>
            </button>
          </Tooltip>
        );
      })}
    </Flex>
  );
}

function DistrictRanking({ stats, metric }: { stats: DistrictStats[]; metric: Metric }) {
  const { t, i18n } = useTranslation();
  const { districtName } = useLabels();
  const formatOutput = useFormatOutput();
  const lang = i18n.language;
  const rows = [...stats].sort((a, b) => metricValue(b, metric) - metricValue(a, metric));
  const max = Math.max(1, ...rows.map((d) => metricValue(d, metric)));
  return (
    <ol className="rank-list" data-testid="district-ranking">
      {rows.map((d) => {
        const v = metricValue(d, metric);
        return (
          <li key={d.regionCode}>
            <Link to={`/parks?regionCode=${d.regionCode}`} className="rank-row" title={t('map.clickDistrict')}>
              <span className="rank-name">{districtName(d.regionCode, d.name)}</span>
              <span className="rank-bar">
                <span style={{ width: `${(v / max) * 100}%` }} />
              </span>
              <span className="rank-value">{metric === 'output' ? formatOutput(v) : fmtNumber(v, 0, lang)}</span>
            </Link>
          </li>
        );
      })}
    </ol>
  );
}

export default function HomePage() {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const { get, set } = useUrlState();
  const metricParam = get('metric');
  const geo = useDistrictGeo();
  const districts = useDistrictStats();
  // Output is a confidential figure: the server sends district totals only to those who may see them.
  const outputHidden = (districts.data?.items ?? []).some((d) => d.outputWan === null);
  const metric: Metric =
    (METRICS as readonly string[]).includes(metricParam ?? '') && !(metricParam === 'output' && outputHidden)
      ? (metricParam as Metric)
      : 'enterprises';
  const parks = useAllParks();
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [resetSignal, setResetSignal] = useState(0);
  const mapParks = useMemo(() => toMapParks(parks.data?.items, labels), [parks.data, labels]);
  const stats = districts.data?.items ?? [];
  const lang = i18n.language;

  // The same figure as the 合成数据占比 card (one query, cached), so the note never contradicts it.
  const overview = useStatsOverview();

  const toggle = (chain: string) =>
    setHidden((cur) => {
      const next = new Set(cur);
      if (next.has(chain)) next.delete(chain);
      else next.add(chain);
      return next;
    });

  const pending = geo.isPending || districts.isPending || parks.isPending;
  const failed = geo.isError ? geo : districts.isError ? districts : parks.isError ? parks : null;

  return (
    <>
      <PageHeader title={t('home.title')} subtitle={t('home.subtitle')} />
      <StatCards />
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card
            size="small"
            title={t('map.title')}
            extra={
              <Flex gap={8} align="center">
                <Typography.Text type="secondary" style={{ fontSize: 12 }} className="hide-narrow">
                  {t('map.metric')}
                </Typography.Text>
                <Segmented<Metric>
                  size="small"
                  value={metric}
                  onChange={(v) => set({ metric: v === 'enterprises' ? undefined : v }, { replace: true })}
                  options={[
                    { value: 'enterprises', label: t('map.metricEnterprises') },
                    { value: 'parks', label: t('map.metricParks') },
                    {
                      value: 'output',
                      label: outputHidden ? (
                        <Tooltip title={t('confidential.tip')}>
                          <LockOutlined /> {t('map.metricOutput')}
                        </Tooltip>
                      ) : (
                        t('map.metricOutput')
                      ),
                      disabled: outputHidden,
                    },
                  ]}
                  data-testid="map-metric"
                />
                <Tooltip title={t('map.reset')}>
                  <Button
                    size="small"
                    icon={<AimOutlined />}
                    aria-label={t('map.reset')}
                    onClick={() => setResetSignal((n) => n + 1)}
                    data-testid="map-reset"
                  />
                </Tooltip>
              </Flex>
            }
            style={{ marginBottom: 16 }}
          >
            {pending ? (
              <Skeleton.Node active style={{ width: '100%', height: MAP_HEIGHT }} />
            ) : failed ? (
              <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />
            ) : !geo.data || geo.data.features.length === 0 ? (
              <EmptyState />
            ) : (
              <>
                <DistrictMap
                  geo={geo.data}
                  stats={stats}
                  parks={mapParks.items}
                  metric={metric}
                  hidden={hidden}
                  height={MAP_HEIGHT}
                  resetSignal={resetSignal}
                />
                <IndustryLegend parks={mapParks.items} hidden={hidden} onToggle={toggle} />
                <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 6 }}>
                  {t('map.hint')}
                  {mapParks.missing > 0 && ` ${t('map.noCoordinates', { count: mapParks.missing })}`}
                </Typography.Text>
              </>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card
            size="small"
            title={`${t('map.ranking')} · ${t(`map.metric${metric === 'output' ? 'Output' : metric === 'parks' ? 'Parks' : 'Enterprises'}`)}`}
            style={{ marginBottom: 16 }}
          >
            {districts.isPending ? (
              <Skeleton active />
            ) : districts.isError ? (
              <ErrorState error={districts.error} onRetry={() => void districts.refetch()} />
            ) : stats.length === 0 ? (
              <EmptyState />
            ) : (
              <DistrictRanking stats={stats} metric={metric} />
            )}
          </Card>
          <DevzoneCard />
          <Alert
            type="info"
            showIcon
            title={t('map.provenanceTitle')}
            description={
              <div style={{ fontSize: 12 }} data-testid="map-provenance">
                <p style={{ margin: '0 0 6px' }}>
                  {overview.data &&
                    t('map.provenanceStats', { share: fmtNumber(overview.data.syntheticShare * 100, 1, lang) })}
                </p>
                <p style={{ margin: '0 0 6px' }}>{t('map.provenanceDatum')}</p>
                {geo.data?.provenance?.source && (
                  <p style={{ margin: '0 0 6px', wordBreak: 'break-word' }}>
                    {t('map.provenanceBoundary', {
                      source: (lang === 'en-US' && geo.data.provenance.sourceEn) || geo.data.provenance.source,
                    })}
                    {geo.data.provenance.url && (
                      <>
                        {' '}
                        <a href={geo.data.provenance.url} target="_blank" rel="noreferrer noopener">
                          {t('sources.link')}
                        </a>
                      </>
                    )}
                  </p>
                )}
                <p style={{ margin: 0 }}>{t('home.honestyBody')}</p>
              </div>
            }
            data-testid="honesty-note"
          />
        </Col>
      </Row>
    </>
  );
}
