/** Results of investment promotion: funnel, signings and investment by event, officer, park, chain, origin region; conversion. */
import { Card, Col, Flex, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PIPELINE_STAGES } from '../../../contracts/invest';
import { fmtNumber, fmtPercent, fmtWan } from '../../app/format';
import { useLabels } from '../../app/labels';
import { useUrlState } from '../../app/useUrlState';
import { Chart } from '../../components/Chart';
import { FilterBar, FilterSelect } from '../../components/filters';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/states';
import { type Group, type Results, useDashboard, useEvents } from './api';
import { k } from './shared';

function GroupChart({
  title,
  groups,
  labelOf,
  testId,
}: {
  title: string;
  groups: Group[];
  labelOf: (g: Group) => string;
  testId: string;
}) {
  const { t, i18n } = useTranslation();
  const top = groups.slice(0, 12).reverse();
  return (
    <Card size="small" title={title} style={{ marginBottom: 12 }} data-testid={testId}>
      {groups.length === 0 ? (
        <Typography.Text type="secondary">—</Typography.Text>
      ) : (
        <>
          <Chart
            height={Math.max(160, top.length * 28 + 60)}
            ariaLabel={title}
            option={{
              tooltip: { trigger: 'axis' },
              legend: { top: 0 },
              grid: { left: 8, right: 24, top: 28, bottom: 8, containLabel: true },
              xAxis: [
                { type: 'value', name: t('invest.signings'), minInterval: 1 },
                { type: 'value', name: t('invest.investmentWan'), position: 'top', show: false },
              ],
              yAxis: { type: 'category', data: top.map(labelOf), axisLabel: { width: 160, overflow: 'truncate' } },
              series: [
                { type: 'bar', name: t('invest.signings'), data: top.map((g) => g.signings), xAxisIndex: 0 },
                { type: 'bar', name: t('invest.investmentWan'), data: top.map((g) => g.investmentWan), xAxisIndex: 1 },
              ],
            }}
          />
          <Table<Group>
            size="small"
            rowKey="key"
            pagination={{ pageSize: 8, size: 'small', hideOnSinglePage: true }}
            dataSource={groups}
            columns={[
              { title: '', key: 'l', render: (_, g) => labelOf(g) },
              { title: t('invest.totalProjects'), dataIndex: 'projects', key: 'p', align: 'right' },
              { title: t('invest.signings'), dataIndex: 'signings', key: 's', align: 'right' },
              { title: t('invest.started'), dataIndex: 'started', key: 'st', align: 'right' },
              {
                title: t('invest.investmentWan'),
                dataIndex: 'investmentWan',
                key: 'i',
                align: 'right',
                render: (v: number) => fmtNumber(v, 0, i18n.language),
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}

function Body({ r }: { r: Results }) {
  const { t, i18n } = useTranslation();
  const { label } = useLabels();
  const none = (g: Group, l: string) => (g.key === 'none' ? t('invest.none') : l);
  const signed = r.funnel.find((f) => f.stage === 'signed')?.reached ?? 0;
  const invest = r.byOfficer.reduce((s, g) => s + g.investmentWan, 0);
  const pct = (a: number, b: number) => (b === 0 ? '—' : fmtPercent(a / b, 0));
  return (
    <>
      <Row gutter={12} style={{ marginBottom: 12 }}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('invest.totalProjects')} value={r.total} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('invest.signings')} value={signed} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('invest.signedInvestmentKpi')} value={fmtWan(invest, i18n.language)} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('invest.lostProjects')} value={r.lost} />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('invest.signingFacts')} style={{ marginBottom: 12 }} data-testid="signing-facts">
        <Row gutter={12}>
          <Col xs={12} md={6}>
            <Statistic
              title={t('invest.contractedInvestment')}
              value={fmtWan(r.signings.contractedWan, i18n.language)}
            />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title={t('invest.fundsInPlace')}
              value={fmtWan(r.signings.fundsInPlaceWan, i18n.language)}
              suffix={<small>{fmtPercent(r.signings.fundsRate, 0)}</small>}
            />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title={t('invest.inLibrary')}
              value={r.signings.inLibrary}
              suffix={<small>/ {r.signings.count}</small>}
            />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title={t('invest.inStats')}
              value={r.signings.inStats}
              suffix={<small>/ {r.signings.count}</small>}
            />
          </Col>
        </Row>
        <Flex gap={8} wrap style={{ marginTop: 8 }} data-testid="by-agreement">
          {r.signings.byAgreement
            .filter((a) => a.count > 0)
            .map((a) => (
              <Tag key={a.kind} color={a.kind === 'unknown' ? 'default' : 'green'}>
                {a.kind === 'unknown' ? t('invest.agreementUnknown') : t(k(`invest.agreement_${a.kind}`))} {a.count} ·{' '}
                {fmtWan(a.contractedWan, i18n.language)}
              </Tag>
            ))}
        </Flex>
      </Card>
      <Row gutter={12}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('invest.funnel')} style={{ marginBottom: 12 }} data-testid="funnel">
            <Chart
              height={280}
              ariaLabel={t('invest.funnel')}
              option={{
                tooltip: { trigger: 'axis' },
                legend: { top: 0 },
                grid: { left: 8, right: 24, top: 28, bottom: 8, containLabel: true },
                xAxis: { type: 'value', minInterval: 1 },
                yAxis: { type: 'category', inverse: true, data: PIPELINE_STAGES.map((s) => t(`invest.stage_${s}`)) },
                series: [
                  {
                    type: 'bar',
                    name: t('invest.reached'),
                    data: r.funnel.map((f) => f.reached),
                    label: { show: true, position: 'right' },
                  },
                  { type: 'bar', name: t('invest.current'), data: r.funnel.map((f) => f.current) },
                ],
              }}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('invest.conversion')} style={{ marginBottom: 12 }} data-testid="conversion">
            <Row>
              <Col span={8}>
                <Statistic title={t('invest.intentions')} value={r.conversion.intentions} />
              </Col>
              <Col span={8}>
                <Statistic
                  title={t('invest.signings')}
                  value={r.conversion.signed}
                  suffix={<small>{pct(r.conversion.signed, r.conversion.intentions)}</small>}
                />
              </Col>
              <Col span={8}>
                <Statistic
                  title={t('invest.started')}
                  value={r.conversion.started}
                  suffix={<small>{pct(r.conversion.started, r.conversion.intentions)}</small>}
                />
              </Col>
            </Row>
          </Card>
          <GroupChart
            title={t('invest.byRegion')}
            groups={r.byRegion}
            labelOf={(g) => t(k(`invest.region_${g.key}`))}
            testId="by-region"
          />
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('invest.regionRule')}
          </Typography.Paragraph>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} lg={12}>
          <GroupChart title={t('invest.byEvent')} groups={r.byEvent} labelOf={(g) => g.label} testId="by-event" />
          <GroupChart
            title={t('invest.byChain')}
            groups={r.byChain}
            labelOf={(g) => none(g, label('chain', g.key))}
            testId="by-chain"
          />
        </Col>
        <Col xs={24} lg={12}>
          <GroupChart
            title={t('invest.byOfficer')}
            groups={r.byOfficer}
            labelOf={(g) => none(g, g.label)}
            testId="by-officer"
          />
          <GroupChart title={t('invest.byPark')} groups={r.byPark} labelOf={(g) => none(g, g.label)} testId="by-park" />
        </Col>
      </Row>
    </>
  );
}

export default function InvestDashboardPage() {
  const { t } = useTranslation();
  const { options } = useLabels();
  const { get } = useUrlState();
  const events = useEvents({ limit: 200 });
  const q = useDashboard({ eventId: get('eventId'), chainCode: get('chainCode') });
  return (
    <>
      <PageHeader title={t('invest.dashboardTitle')} />
      <FilterBar keys={['eventId', 'chainCode']}>
        <FilterSelect
          urlKey="eventId"
          label={t('invest.sourceEvent')}
          options={(events.data?.items ?? []).map((e) => ({ value: String(e.id), label: e.name }))}
          width={320}
        />
        <FilterSelect urlKey="chainCode" label={t('invest.chainCode')} options={options('chain')} width={200} />
      </FilterBar>
      <div style={{ marginTop: 12 }}>
        <QueryView query={q} isEmpty={(r) => r.total === 0}>
          {(r) => <Body r={r} />}
        </QueryView>
      </div>
    </>
  );
}
