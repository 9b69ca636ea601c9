import { CheckCircleFilled, CrownOutlined, EditOutlined, WarningFilled } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, type DescriptionsProps, Row, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { honourStatus } from '../../../domain/evaluation/honour-status';
import { floorLabel, fmtNumber, parseIntParam, todayInBeijing } from '../../app/format';
import { useLabels } from '../../app/labels';
import { usePermissions } from '../../app/permissions';
import { isRedacted } from '../../app/redaction';
import {
  useCreditCodeCheck,
  useDistricts,
  useEnterprise,
  useEnterpriseLocations,
  useMetrics,
  useSupplyLinks,
  useTiers,
} from '../../client/queries';
import type { EnterpriseLocation, TEnterprise, TSupplyLink } from '../../client/types';
import { Confidential } from '../../components/Confidential';
import { PageHeader } from '../../components/PageHeader';
import { Provenance } from '../../components/Provenance';
import { EmptyState, ErrorState, Loading, QueryView } from '../../components/states';
import { ChainTag, StageTag, SyntheticBadge } from '../../components/tags';
import { HistoryButton } from '../admin/HistoryButton';
import { MetricsPanel } from './MetricsPanel';

export default function EnterprisePage() {
  const id = parseIntParam(useParams().id);
  const enterprise = useEnterprise(id);
  if (id === undefined) return <ErrorState error={new Error('bad id')} />;
  return (
    <QueryView query={enterprise} rows={12}>
      {(e) => <EnterpriseView e={e} />}
    </QueryView>
  );
}

function CreditCode({ e }: { e: TEnterprise }) {
  const { t } = useTranslation();
  const check = useCreditCodeCheck(e.creditCode, e.creditCodeValid === false);
  if (!e.creditCode) return <Typography.Text type="secondary">{t('enterprise.creditNone')}</Typography.Text>;
  return (
    <span data-testid="credit-code">
      <Typography.Text copyable style={{ fontFamily: 'monospace' }}>
        {e.creditCode}
      </Typography.Text>{' '}
      {e.creditCodeValid === true && (
        <Tag color="success" icon={<CheckCircleFilled />} data-testid="credit-valid">
          {t('enterprise.creditValid')}
        </Tag>
      )}
      {isRedacted(e, 'creditCodeValid') && <Confidential label={t('confidential.creditCheck')} />}
      {e.creditCodeValid === false && (
        <Tooltip
          title={
            check.data?.expectedCheck ? t('enterprise.creditExpected', { check: check.data.expectedCheck }) : undefined
          }
        >
          <Tag color="warning" icon={<WarningFilled />} data-testid="credit-warning">
            {e.creditCodeConfirmed ? t('enterprise.creditInvalidConfirmed') : t('enterprise.creditInvalid')}
          </Tag>
        </Tooltip>
      )}
    </span>
  );
}

function LocationPath({ loc }: { loc: EnterpriseLocation }) {
  const floor = floorLabel(loc.floorNo);
  const base = `/buildings/${loc.buildingId}?floor=${loc.floorNo}`;
  const parts = [
    { key: 'park', to: `/parks/${loc.parkId}`, text: loc.parkName },
    { key: 'building', to: `/buildings/${loc.buildingId}`, text: loc.buildingName },
    { key: 'floor', to: base, text: floor },
    { key: 'unit', to: `${base}&unit=${encodeURIComponent(loc.unitCode)}`, text: loc.unitCode },
  ];
  return (
    <nav className="location-path" data-testid="location-path" aria-label={loc.parkName}>
      {parts.map((p, i) => (
        <span key={p.key}>
          {i > 0 && <span className="location-sep">›</span>}
          <Link to={p.to} data-testid={`location-${p.key}`}>
            {p.text}
          </Link>
        </span>
      ))}
    </nav>
  );
}

function EnterpriseView({ e }: { e: TEnterprise }) {
  const { t, i18n } = useTranslation();
  const { label, pickName, tierName, districtName } = useLabels();
  const navigate = useNavigate();
  const perms = usePermissions();
  const lang = i18n.language;
  const locations = useEnterpriseLocations(e.id);
  const metrics = useMetrics(e.id);
  const links = useSupplyLinks({ enterpriseId: e.id, limit: 500 });
  const tiers = useTiers();
  const districts = useDistricts();
  const regionName = districtName(
    e.regionCode,
    districts.data?.items.find((r) => r.code === e.regionCode)?.name ?? e.regionCode,
  );
  const tierByCode = new Map((tiers.data?.items ?? []).map((x) => [x.code, x]));

  const items: DescriptionsProps['items'] = [
    { key: 'credit', label: t('enterprise.creditCode'), span: 2, children: <CreditCode e={e} /> },
    {
      key: 'class',
      label: t('enterprise.industryClass'),
      span: 2,
      children: e.industryClassCode ? (
        <span data-testid="industry-class">
          {e.industryClassName ?? ''}{' '}
          <Link to={`/enterprises?industryClassCode=${e.industryClassCode}`}>
            <Tag>{e.industryClassCode}</Tag>
          </Link>
        </span>
      ) : (
        t('common.none')
      ),
    },
    { key: 'founded', label: t('enterprise.foundedOn'), children: e.foundedOn ?? t('common.none') },
    { key: 'scale', label: t('enterprise.scale'), children: label('scale', e.scale) },
    { key: 'lifecycle', label: t('enterprise.lifecycle'), children: label('lifecycle', e.lifecycleStage) },
    {
      key: 'chain',
      label: t('enterprise.chain'),
      children: e.chainCode ? (
        <span>
          <ChainTag code={e.chainCode} />
          <StageTag stage={e.chainStage} />
        </span>
      ) : (
        t('common.none')
      ),
    },
    { key: 'leader', label: t('enterprise.chainLeader'), children: e.isChainLeader ? t('common.yes') : t('common.no') },
    { key: 'region', label: t('enterprise.region'), children: regionName ?? t('common.none') },
    {
      key: 'products',
      label: t('enterprise.products'),
      span: 2,
      children: e.products.length ? e.products.map((p) => <Tag key={p}>{p}</Tag>) : t('common.none'),
    },
    ...(e.aliases.length
      ? [{ key: 'aliases', label: t('enterprise.aliases'), span: 2, children: e.aliases.join('、') }]
      : []),
    {
      key: 'source',
      label: t('provenance.source'),
      span: 2,
      children: <Provenance sourceId={e.sourceId} asOf={e.asOf} bare />,
    },
  ];

  const linkColumns = (side: 'supplier' | 'customer') => [
    {
      title: t(`enterprise.${side}`),
      key: 'party',
      minWidth: 96,
      render: (_: unknown, l: TSupplyLink) =>
        side === 'supplier' ? (
          <Link to={`/enterprises/${l.supplierId}`}>{l.supplierName}</Link>
        ) : (
          <Link to={`/enterprises/${l.customerId}`}>{l.customerName}</Link>
        ),
    },
    { title: t('enterprise.product'), dataIndex: 'product', key: 'product' },
    {
      title: `${t('enterprise.annualAmount')} (${t('units.wan')})`,
      dataIndex: 'annualAmountWan',
      key: 'amount',
      align: 'right' as const,
      render: (v: number | null, l: TSupplyLink) =>
        isRedacted(l, 'annualAmountWan') ? <Confidential compact /> : fmtNumber(v, 0, lang),
    },
    {
      title: t('enterprise.year'),
      dataIndex: 'year',
      key: 'year',
      width: 64,
      render: (v: number | null) => v ?? t('common.none'),
    },
    {
      title: t('provenance.source'),
      key: 'src',
      render: (_: unknown, l: TSupplyLink) => (
        <span>
          <Provenance sourceId={l.sourceId} asOf={l.asOf} compact /> <SyntheticBadge synthetic={l.synthetic} />
        </span>
      ),
    },
  ];
  const suppliers = (links.data?.items ?? []).filter((l) => l.customerId === e.id);
  const customers = (links.data?.items ?? []).filter((l) => l.supplierId === e.id);

  const today = todayInBeijing();
  return (
    <>
      <PageHeader
        crumbs={[{ title: t('nav.enterprises'), to: '/enterprises' }, { title: pickName(e.name, e.nameEn) }]}
        title={pickName(e.name, e.nameEn)}
        subtitle={
          // The firm's name in the other language: its own name, marked as such (not UI text to translate).
          lang === 'en-US' ? (
            e.nameEn ? (
              <span lang="zh-CN" data-original-lang="zh-CN">
                {e.name}
              </span>
            ) : undefined
          ) : e.nameEn ? (
            <span lang="en" data-original-lang="en">
              {e.nameEn}
            </span>
          ) : undefined
        }
        tags={
          <>
            {e.isChainLeader && (
              <Tag color="gold" icon={<CrownOutlined />}>
                {t('enterprise.chainLeader')}
              </Tag>
            )}
            <SyntheticBadge synthetic={e.synthetic} />
          </>
        }
        extra={
          <>
            <HistoryButton entity="enterprises" entityId={e.id} />
            {perms.mayEdit('enterprises', e) && (
              <Button
                icon={<EditOutlined />}
                onClick={() => navigate(`/enterprises/${e.id}/edit`)}
                data-testid="edit-enterprise"
              >
                {t('common.edit')}
              </Button>
            )}
          </>
        }
      />
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('enterprise.basics')} style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={2} bordered items={items} styles={{ label: { width: 120 } }} />
            {e.description && (
              <Typography.Paragraph style={{ margin: '12px 0 0' }}>{e.description}</Typography.Paragraph>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card
            size="small"
            title={`${t('enterprise.location')} · ${t('enterprise.locationPath')}`}
            style={{ marginBottom: 16 }}
            data-testid="locations"
          >
            {locations.isPending ? (
              <Loading rows={2} />
            ) : locations.isError ? (
              <ErrorState error={locations.error} onRetry={() => void locations.refetch()} />
            ) : locations.data.length === 0 ? (
              <EmptyState description={t('enterprise.noLocation')} />
            ) : (
              <div>
                {locations.data.map((loc) => (
                  <div
                    key={loc.occupancyId}
                    data-testid="location"
                    style={{
                      opacity: loc.endedOn && loc.endedOn < today ? 0.5 : 1,
                      padding: '6px 0',
                      borderBottom: '1px solid #f0f0f0',
                    }}
                  >
                    <LocationPath loc={loc} />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {loc.areaM2 != null &&
                        `${t('enterprise.areaM2')} ${fmtNumber(loc.areaM2, 0, lang)} ${t('units.m2')} · `}
                      {loc.startedOn && `${t('enterprise.since')} ${loc.startedOn} `}
                      {loc.endedOn && `· ${t('enterprise.until')} ${loc.endedOn}`}
                    </Typography.Text>
                    <div>
                      <Provenance sourceId={loc.sourceId} asOf={loc.asOf} compact />{' '}
                      <SyntheticBadge synthetic={loc.synthetic} />
                    </div>
                  </div>
                ))}
              </div>
            )}
          </Card>
          <Card size="small" title={t('enterprise.tiers')} style={{ marginBottom: 16 }} data-testid="honours">
            {e.honours.length === 0 ? (
              <EmptyState description={t('enterprise.noHonours')} />
            ) : (
              <Table
                size="small"
                pagination={false}
                rowKey={(h) => `${h.tierCode}-${h.year}`}
                dataSource={[...e.honours].sort((a, b) => b.year - a.year)}
                columns={[
                  {
                    title: t('enterprise.tier'),
                    key: 'tier',
                    render: (_: unknown, h) => (
                      <Tag color="geekblue">{tierName(tierByCode.get(h.tierCode), h.tierCode)}</Tag>
                    ),
                  },
                  { title: t('enterprise.honourYear'), dataIndex: 'year', key: 'year', width: 80 },
                  {
                    title: t('enterprise.honourLevel'),
                    dataIndex: 'level',
                    key: 'level',
                    width: 80,
                    render: (v: string) => label('honourLevel', v),
                  },
                  {
                    title: t('enterprise.validUntil'),
                    dataIndex: 'validUntil',
                    key: 'validUntil',
                    render: (v: string | null | undefined, h) =>
                      v ? (
                        <span>
                          {v} <HonourStatusTag status={honourStatus(e.honours, h, today)} />
                        </span>
                      ) : (
                        t('common.none')
                      ),
                  },
                ]}
              />
            )}
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('enterprise.metricsChart')} style={{ marginBottom: 16 }}>
        <QueryView query={metrics} isEmpty={(d) => d.items.length === 0} empty={t('enterprise.noMetrics')} rows={5}>
          {(d) => <MetricsPanel metrics={d.items} />}
        </QueryView>
      </Card>
      <Row gutter={16}>
        {(['supplier', 'customer'] as const).map((side) => (
          <Col xs={24} xl={12} key={side}>
            <Card
              size="small"
              title={side === 'supplier' ? t('enterprise.suppliers') : t('enterprise.customers')}
              style={{ marginBottom: 16 }}
              data-testid={`${side}s`}
            >
              {links.isError ? (
                <ErrorState error={links.error} onRetry={() => void links.refetch()} />
              ) : (
                <Table<TSupplyLink>
                  size="small"
                  rowKey="id"
                  loading={links.isPending}
                  pagination={{ pageSize: 8, hideOnSinglePage: true }}
                  dataSource={side === 'supplier' ? suppliers : customers}
                  columns={linkColumns(side)}
                  locale={{
                    emptyText: (
                      <EmptyState
                        description={side === 'supplier' ? t('enterprise.noSuppliers') : t('enterprise.noCustomers')}
                      />
                    ),
                  }}
                />
              )}
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}

/** 失效 (lapsed: expired without a later grant) or 已续期 (a later grant of the same tier exists); nothing while valid. */
function HonourStatusTag({ status }: { status: 'valid' | 'renewed' | 'lapsed' }) {
  const { t } = useTranslation();
  if (status === 'lapsed')
    return (
      <Tag color="red" data-testid="honour-lapsed">
        {t('enterprise.expired')}
      </Tag>
    );
  if (status === 'renewed') return <Tag color="default">{t('enterprise.renewed')}</Tag>;
  return null;
}
