/** The agency dashboard: volumes, SLA attainment and satisfaction by service system and park; business retention. */
import { Card, Col, DatePicker, Row, Statistic, Table } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { fmtPercent } from '../../app/format';
import { useUrlState } from '../../app/useUrlState';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, Loading } from '../../components/states';
import { type TDashboard, type TRetention, useDashboard, useRetention } from './api';

const rate = (met: number, missed: number) => (met + missed === 0 ? '—' : fmtPercent(met / (met + missed), 0));

export default function DashboardPage() {
  const { t } = useTranslation();
  const { get, set: setUrl } = useUrlState();
  const from = get('from') ?? undefined;
  const to = get('to') ?? undefined;
  const q = useDashboard({ from, to });
  const risk = useRetention();
  const d = q.data;
  return (
    <div data-testid="services-dashboard">
      <PageHeader
        title={t('services.dashboard_title')}
        subtitle={t('services.dashboard_subtitle')}
        extra={
          <DatePicker.RangePicker
            value={from && to ? [dayjs(from), dayjs(to)] : null}
            onChange={(v) =>
              setUrl({ from: v?.[0]?.format('YYYY-MM-DD') ?? null, to: v?.[1]?.format('YYYY-MM-DD') ?? null })
            }
          />
        }
      />
      {q.isLoading && <Loading />}
      {q.error && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
      {d && (
        <>
          <Row gutter={12} style={{ marginBottom: 12 }}>
            <Col span={6}>
              <Card size="small">
                <Statistic title={t('services.total')} value={d.total} />
              </Card>
            </Col>
            <Col span={6}>
              <Card size="small">
                <Statistic title={t('services.openCount')} value={d.open} />
              </Card>
            </Col>
            <Col span={6}>
              <Card size="small">
                <Statistic title={t('services.visits')} value={d.visits.held + d.visits.planned} />
              </Card>
            </Col>
            <Col span={6}>
              <Card size="small">
                <Statistic title={t('services.flagged')} value={d.visits.flagged} />
              </Card>
            </Col>
          </Row>
          <Table<TDashboard['bySystem'][number]>
            rowKey="system"
            size="small"
            pagination={false}
            dataSource={d.bySystem}
            data-testid="by-system"
            style={{ marginBottom: 16 }}
            columns={[
              {
                title: t('services.system'),
                dataIndex: 'system',
                render: (s: TDashboard['bySystem'][number]['system']) => t(`services.sys_${s}`),
              },
              { title: t('services.tickets'), dataIndex: 'tickets' },
              {
                title: t('services.frMet'),
                render: (_: unknown, r) => rate(r.firstResponseMet, r.firstResponseMissed),
              },
              { title: t('services.frMissed'), dataIndex: 'firstResponseMissed' },
              { title: t('services.resMet'), render: (_: unknown, r) => rate(r.resolutionMet, r.resolutionMissed) },
              { title: t('services.resMissed'), dataIndex: 'resolutionMissed' },
              {
                title: t('services.satisfaction'),
                dataIndex: 'satisfactionAvg',
                render: (v: number | null) => v ?? '—',
              },
            ]}
          />
          <Table<TDashboard['byPark'][number]>
            rowKey={(r) => String(r.parkId)}
            size="small"
            pagination={false}
            dataSource={d.byPark}
            style={{ marginBottom: 16 }}
            columns={[
              {
                title: t('services.park'),
                dataIndex: 'parkName',
                render: (v: string | null) => v ?? t('services.noPark'),
              },
              { title: t('services.tickets'), dataIndex: 'tickets' },
              {
                title: t('services.frMet'),
                render: (_: unknown, r) => rate(r.firstResponseMet, r.firstResponseMissed),
              },
              {
                title: t('services.satisfaction'),
                dataIndex: 'satisfactionAvg',
                render: (v: number | null) => v ?? '—',
              },
            ]}
          />
        </>
      )}
      <Card size="small" title={t('services.retention')}>
        {risk.isLoading && <Loading rows={3} />}
        {risk.error && <ErrorState error={risk.error} onRetry={() => void risk.refetch()} />}
        {risk.data && (
          <Table<TRetention>
            rowKey="enterpriseId"
            size="small"
            pagination={false}
            dataSource={risk.data.items}
            data-testid="retention"
            columns={[
              { title: t('services.enterprise'), dataIndex: 'enterpriseName' },
              { title: t('services.riskFlags'), dataIndex: 'riskFlags' },
              { title: t('services.openRetention'), dataIndex: 'openRetentionTickets' },
              { title: t('services.lastVisit'), dataIndex: 'lastVisitOn', render: (v: string | null) => v ?? '—' },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
