import { EditOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, type DescriptionsProps, Row, Table, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { fmtDegrees, fmtNumber, parseIntParam } from '../../app/format';
import { useLabels } from '../../app/labels';
import { usePermissions } from '../../app/permissions';
import { useUrlState } from '../../app/useUrlState';
import {
  useAllParks,
  useBuildings,
  useEnterprises,
  useInstitutions,
  useKeyFigures,
  usePark,
  useParks,
} from '../../client/queries';
import type { TInstitution, TKeyFigure, TPark } from '../../client/types';
import { PageHeader } from '../../components/PageHeader';
import { Provenance } from '../../components/Provenance';
import { EmptyState, ErrorState, Loading, QueryView } from '../../components/states';
import { ChainTags, SyntheticBadge } from '../../components/tags';
import { HistoryButton } from '../admin/HistoryButton';
import { BuildingTable } from '../buildings/BuildingTable';
import { EnterpriseTable } from '../enterprises/EnterpriseTable';
import { ParkMap } from './ParkMap';

const TABS = ['subParks', 'buildings', 'enterprises', 'institutions', 'keyFigures'] as const;
type Tab = (typeof TABS)[number];
const SMALL_PAGE = { pageSize: 10, hideOnSinglePage: true, showSizeChanger: false } as const;

export default function ParkPage() {
  const id = parseIntParam(useParams().id);
  const park = usePark(id);
  if (id === undefined) return <ErrorState error={new Error('bad id')} />;
  return (
    <QueryView query={park} rows={10}>
      {(p) => <ParkView park={p} />}
    </QueryView>
  );
}

function ParkView({ park }: { park: TPark }) {
  const { t, i18n } = useTranslation();
  const { label, pickName, districtName } = useLabels();
  const navigate = useNavigate();
  const perms = usePermissions();
  const { get, set } = useUrlState();
  const lang = i18n.language;
  const tabParam = get('tab');
  const tab: Tab = TABS.includes(tabParam as Tab) ? (tabParam as Tab) : 'buildings';

  const subParks = useParks({ parentId: park.id, limit: 500, sort: 'name' });
  const buildings = useBuildings({ parkId: park.id, limit: 500, sort: 'name' });
  const enterprises = useEnterprises({ parkId: park.id, limit: 500, sort: 'name' }, tab === 'enterprises');
  const institutions = useInstitutions({ parkId: park.id, limit: 500 });
  const figures = useKeyFigures({ subjectType: 'park', subjectId: park.id, limit: 500 });
  const allParks = useAllParks();

  const num = (v: number | null | undefined, unit: string, digits = 1) =>
    v == null ? t('common.none') : `${fmtNumber(v, digits, lang)} ${unit}`;
  const items: DescriptionsProps['items'] = [
    { key: 'kind', label: t('park.kind'), children: label('parkKind', park.kind) },
    { key: 'level', label: t('park.level'), children: label('parkLevel', park.level) },
    {
      key: 'district',
      label: t('park.district'),
      children: districtName(park.regionCode, park.regionName ?? park.regionCode),
    },
    { key: 'status', label: t('park.status'), children: label('parkStatus', park.status) },
    {
      key: 'parent',
      label: t('park.parent'),
      children: park.parentId ? (
        <Link to={`/parks/${park.parentId}`}>{park.parentName ?? park.parentId}</Link>
      ) : (
        t('common.none')
      ),
    },
    { key: 'operator', label: t('park.operator'), children: park.operator ?? t('common.none') },
    { key: 'planned', label: t('park.plannedArea'), children: num(park.plannedAreaKm2, t('units.km2'), 2) },
    { key: 'built', label: t('park.builtArea'), children: num(park.builtAreaM2, t('units.m2'), 0) },
    { key: 'land', label: t('park.land'), children: num(park.landMu, t('units.mu'), 0) },
    {
      key: 'counts',
      label: `${t('park.buildingCount')} / ${t('park.enterpriseCount')}`,
      children: `${park.buildingCount} / ${park.enterpriseCount}`,
    },
    {
      key: 'industries',
      label: t('park.leadingIndustries'),
      span: 2,
      children: <ChainTags codes={park.leadingIndustries} />,
    },
    {
      key: 'tags',
      label: t('park.tags'),
      span: 2,
      children: park.tags.length ? park.tags.map((x) => <Tag key={x}>{x}</Tag>) : t('common.none'),
    },
    {
      key: 'loc',
      label: t('location.coordinates'),
      span: 2,
      children:
        park.lat != null && park.lng != null ? (
          <span data-testid="park-location">
            <EnvironmentOutlined /> {fmtDegrees(park.lat, 'lat')}, {fmtDegrees(park.lng, 'lng')}{' '}
            {park.locationApproximate ? (
              <Tag color="gold" data-testid="approximate-location">
                {t('location.approximate')}
              </Tag>
            ) : (
              <Tag color="green">{t('location.exact')}</Tag>
            )}
          </span>
        ) : (
          t('location.none')
        ),
    },
    {
      key: 'source',
      label: t('provenance.source'),
      span: 2,
      children: <Provenance sourceId={park.sourceId} asOf={park.asOf} bare />,
    },
  ];

  const subParkColumns = [
    {
      title: t('park.name'),
      key: 'name',
      render: (_: unknown, p: TPark) => (
        <span>
          <Link to={`/parks/${p.id}`}>{pickName(p.name, p.nameEn)}</Link> <SyntheticBadge synthetic={p.synthetic} />
        </span>
      ),
    },
    { title: t('park.kind'), dataIndex: 'kind', key: 'kind', render: (v: string) => label('parkKind', v) },
    {
      title: t('park.leadingIndustries'),
      dataIndex: 'leadingIndustries',
      key: 'li',
      render: (v: string[]) => <ChainTags codes={v} />,
    },
    { title: t('park.buildingCount'), dataIndex: 'buildingCount', key: 'bc', align: 'right' as const, width: 90 },
    { title: t('park.enterpriseCount'), dataIndex: 'enterpriseCount', key: 'ec', align: 'right' as const, width: 90 },
  ];
  const institutionColumns = [
    {
      title: t('common.name'),
      key: 'name',
      render: (_: unknown, x: TInstitution) => (
        <span>
          {pickName(x.name, x.nameEn)} <SyntheticBadge synthetic={x.synthetic} />
          {x.description && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {x.description}
            </Typography.Text>
          )}
        </span>
      ),
    },
    {
      title: t('park.institutionKind'),
      dataIndex: 'kind',
      key: 'kind',
      width: 140,
      render: (v: string) => label('institutionKind', v),
    },
    {
      title: t('provenance.source'),
      key: 'src',
      width: 260,
      render: (_: unknown, x: TInstitution) => <Provenance sourceId={x.sourceId} asOf={x.asOf} compact />,
    },
  ];
  const figureColumns = [
    { title: t('park.figure'), key: 'label', render: (_: unknown, f: TKeyFigure) => pickName(f.label, f.labelEn) },
    {
      title: t('park.value'),
      key: 'value',
      align: 'right' as const,
      render: (_: unknown, f: TKeyFigure) => (
        <span>
          <b>{fmtNumber(f.value, 2, lang)}</b> {f.unit} {f.isTarget && <Tag color="purple">{t('park.isTarget')}</Tag>}
        </span>
      ),
    },
    {
      title: t('provenance.source'),
      key: 'src',
      width: 300,
      render: (_: unknown, f: TKeyFigure) => <Provenance sourceId={f.sourceId} asOf={f.asOf} compact />,
    },
  ];

  const countOf = (q: { data?: { total: number } }) => (q.data ? ` (${q.data.total})` : '');
  const tabItems = [
    {
      key: 'subParks',
      label: `${t('park.subParks')}${countOf(subParks)}`,
      children: subParks.isError ? (
        <ErrorState error={subParks.error} onRetry={() => void subParks.refetch()} />
      ) : (
        <Table<TPark>
          rowKey="id"
          size="small"
          loading={subParks.isPending}
          dataSource={subParks.data?.items}
          columns={subParkColumns}
          pagination={SMALL_PAGE}
          locale={{ emptyText: <EmptyState description={t('park.noSubParks')} /> }}
        />
      ),
    },
    {
      key: 'buildings',
      label: `${t('park.buildings')}${countOf(buildings)}`,
      children: buildings.isError ? (
        <ErrorState error={buildings.error} onRetry={() => void buildings.refetch()} />
      ) : (
        <BuildingTable
          data={buildings.data?.items}
          loading={buildings.isPending}
          showPark={false}
          pagination={SMALL_PAGE}
          emptyText={<EmptyState description={t('park.noBuildings')} />}
        />
      ),
    },
    {
      key: 'enterprises',
      label: `${t('park.enterprises')} (${park.enterpriseCount})`,
      children: enterprises.isError ? (
        <ErrorState error={enterprises.error} onRetry={() => void enterprises.refetch()} />
      ) : (
        <EnterpriseTable
          data={enterprises.data?.items}
          loading={enterprises.isPending}
          showParks={false}
          pagination={SMALL_PAGE}
          emptyText={<EmptyState description={t('park.noEnterprises')} />}
        />
      ),
    },
    {
      key: 'institutions',
      label: `${t('park.institutions')}${countOf(institutions)}`,
      children: institutions.isError ? (
        <ErrorState error={institutions.error} onRetry={() => void institutions.refetch()} />
      ) : (
        <Table<TInstitution>
          rowKey="id"
          size="small"
          loading={institutions.isPending}
          dataSource={institutions.data?.items}
          columns={institutionColumns}
          pagination={SMALL_PAGE}
          locale={{ emptyText: <EmptyState description={t('park.noInstitutions')} /> }}
        />
      ),
    },
    {
      key: 'keyFigures',
      label: `${t('park.keyFigures')}${countOf(figures)}`,
      children: figures.isError ? (
        <ErrorState error={figures.error} onRetry={() => void figures.refetch()} />
      ) : (
        <Table<TKeyFigure>
          rowKey="id"
          size="small"
          loading={figures.isPending}
          dataSource={figures.data?.items}
          columns={figureColumns}
          pagination={SMALL_PAGE}
          locale={{ emptyText: <EmptyState description={t('park.noKeyFigures')} /> }}
        />
      ),
    },
  ];

  const crumbs = [{ title: t('nav.parks'), to: '/parks' }];
  if (park.parentId) crumbs.push({ title: park.parentName ?? String(park.parentId), to: `/parks/${park.parentId}` });
  crumbs.push({ title: pickName(park.name, park.nameEn), to: '' });

  return (
    <>
      <PageHeader
        crumbs={crumbs.map((c) => (c.to ? c : { title: c.title }))}
        title={pickName(park.name, park.nameEn)}
        // The Chinese name under the English one for an English reader; the Chinese UI shows no English name.
        subtitle={lang === 'en-US' ? park.name : undefined}
        tags={
          <>
            <Tag color="blue">{label('parkKind', park.kind)}</Tag>
            <SyntheticBadge synthetic={park.synthetic} />
          </>
        }
        extra={
          <>
            <HistoryButton entity="parks" entityId={park.id} />
            {perms.mayEdit('parks') && (
              <Button
                icon={<EditOutlined />}
                onClick={() => navigate(`/parks/${park.id}/edit`)}
                data-testid="edit-park"
              >
                {t('common.edit')}
              </Button>
            )}
          </>
        }
      />
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('park.overview')} style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={2} bordered items={items} styles={{ label: { width: 128 } }} />
            {park.description && (
              <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }}>{park.description}</Typography.Paragraph>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('location.mapTitle')} style={{ marginBottom: 16 }}>
            {buildings.isPending || subParks.isPending || allParks.isPending ? (
              <Loading rows={7} />
            ) : (
              <ParkMap
                park={park}
                subParks={subParks.data?.items ?? []}
                buildings={buildings.data?.items ?? []}
                allParks={allParks.data?.items ?? []}
              />
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('location.mapNote')} {park.locationApproximate ? t('location.approximateNote') : ''}
            </Typography.Text>
          </Card>
        </Col>
      </Row>
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(k) => set({ tab: k === 'buildings' ? undefined : k }, { replace: true })}
          items={tabItems}
        />
      </Card>
    </>
  );
}
