import { Alert, Card, Col, Row, Skeleton, Statistic, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { fmtNumber } from '../../app/format';
import { chainColor, OTHER_COLOR, useLabels } from '../../app/labels';
import { useAllParks, useStatsOverview } from '../../client/queries';
import type { TPark } from '../../client/types';
import { type GeoGroup, GeoScatter } from '../../components/GeoScatter';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState } from '../../components/states';

function useParkGroups(parks: TPark[] | undefined): { groups: GeoGroup[]; missing: number } {
  const { t } = useTranslation();
  const { label, pickName } = useLabels();
  return useMemo(() => {
    const byChain = new Map<string, GeoGroup>();
    let missing = 0;
    for (const p of parks ?? []) {
      if (p.lat == null || p.lng == null) {
        missing++;
        continue;
      }
      const chain = p.leadingIndustries[0] ?? '';
      let g = byChain.get(chain);
      if (!g) {
        g = {
          key: chain || 'other',
          name: chain ? label('chain', chain) : t('home.otherIndustry'),
          color: chain ? chainColor(chain) : OTHER_COLOR,
          points: [],
          size: 13,
        };
        byChain.set(chain, g);
      }
      g.points.push({
        id: String(p.id),
        name: pickName(p.name, p.nameEn),
        lng: p.lng,
        lat: p.lat,
        approximate: p.locationApproximate,
        detail: [
          `${label('parkKind', p.kind)} · ${p.regionName ?? ''}`,
          p.leadingIndustries.map((c) => label('chain', c)).join(' / '),
        ],
      });
    }
    const groups = [...byChain.values()].sort((a, b) => b.points.length - a.points.length);
    return { groups, missing };
  }, [parks, label, pickName, t]);
}

export default function HomePage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const stats = useStatsOverview();
  const parks = useAllParks();
  const { groups, missing } = useParkGroups(parks.data?.items);
  const lang = i18n.language;

  const cards: { key: 'parks' | 'buildings' | 'enterprises' | 'institutions'; to?: string }[] = [
    { key: 'parks', to: '/parks' },
    { key: 'buildings', to: '/buildings' },
    { key: 'enterprises', to: '/enterprises' },
    { key: 'institutions' },
  ];

  return (
    <>
      <PageHeader title={t('home.title')} subtitle={t('home.subtitle')} />
      {stats.isError ? (
        <Card style={{ marginBottom: 16 }}>
          <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />
        </Card>
      ) : (
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
            <Card size="small" data-testid="stat-synthetic">
              <Statistic
                title={t('home.syntheticShare')}
                value={(stats.data?.syntheticShare ?? 0) * 100}
                precision={1}
                suffix="%"
                loading={stats.isPending}
                styles={{ content: { color: '#d46b08' } }}
              />
            </Card>
          </Col>
        </Row>
      )}
      <Row gutter={16}>
        <Col xs={24} xl={17}>
          <Card
            size="small"
            title={t('home.mapTitle')}
            extra={<Typography.Text type="secondary">{t('home.mapHint')}</Typography.Text>}
            style={{ marginBottom: 16 }}
          >
            {parks.isPending ? (
              <Skeleton.Node active style={{ width: '100%', height: 440 }} />
            ) : parks.isError ? (
              <ErrorState error={parks.error} onRetry={() => void parks.refetch()} />
            ) : groups.length === 0 ? (
              <EmptyState />
            ) : (
              <>
                <GeoScatter
                  groups={groups}
                  height={440}
                  aspect={1.6}
                  testId="home-map"
                  onPointClick={(_g, id) => navigate(`/parks/${id}`)}
                />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('location.mapNote')} {t('location.approximateNote')}
                  {missing > 0 && ` ${t('home.noLocation', { count: missing })}`}
                </Typography.Text>
              </>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={7}>
          <Alert
            type="info"
            showIcon
            title={t('home.honestyTitle')}
            description={t('home.honestyBody')}
            data-testid="honesty-note"
          />
        </Col>
      </Row>
    </>
  );
}
