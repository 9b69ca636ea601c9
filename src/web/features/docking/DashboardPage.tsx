/** The bureau's docking dashboard: totals (each a link to its list), change of 本地配套率 by chain, months. */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Progress, Row, Space, Statistic, Table, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { fmtNumber, fmtPercent, fmtPoints } from '../../app/format';
import { useLabels } from '../../app/labels';
import { usePermissions } from '../../app/permissions';
import { api } from '../../client/client';
import { awaitJob, jobPercent, type TJob } from '../../client/jobs';
import { Confidential } from '../../components/Confidential';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/states';
import { type TDashboard, useDashboard } from './api';
import { k } from './shared';

const pct = (r: number | null) => fmtPercent(r, 1);

type RateSeries = TDashboard['rateByMonth'][number];

/** Months shown at once in the 本地配套率 table. */
const WINDOW = 12;

/** 本地配套率 by chain and scope, one column a month; each figure opens the chain (its suppliers and rate). */
function RateByMonth({ series }: { series: RateSeries[] }) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const all = series[0]?.months.map((m) => m.month) ?? [];
  // Twelve months at a time, so the table fits a 1366 px window; older windows one click away.
  const [back, setBack] = useState(0);
  const end = Math.max(Math.min(all.length, all.length - back), Math.min(all.length, WINDOW));
  const first = Math.max(0, end - WINDOW);
  const months = all.slice(first, end);
  const scopeName = (s: RateSeries) =>
    s.scope === 'city' || s.scope === 'zone' ? t(k(`docking.scope_${s.scope}`)) : (s.scopeName ?? s.scope);
  return (
    <Card size="small" title={t('docking.rateByMonth')} style={{ marginTop: 12 }}>
      <Typography.Paragraph type="secondary">{t('docking.rateByMonthHelp')}</Typography.Paragraph>
      {all.length > WINDOW && (
        <Space style={{ marginBottom: 8 }}>
          <Button size="small" disabled={first === 0} onClick={() => setBack(back + WINDOW)}>
            {t('docking.rateEarlier')}
          </Button>
          <Button size="small" disabled={back === 0} onClick={() => setBack(Math.max(0, back - WINDOW))}>
            {t('docking.rateLater')}
          </Button>
        </Space>
      )}
      <Table<RateSeries>
        size="small"
        rowKey={(s) => `${s.chainCode}|${s.scope}`}
        pagination={{ pageSize: 10, size: 'small', hideOnSinglePage: true }}
        dataSource={series}
        data-testid="docking-rate-by-month"
        columns={[
          {
            title: t('docking.chain'),
            key: 'c',
            width: 130,
            render: (_, s) => label('chain', s.chainCode),
          },
          { title: t('docking.scope'), key: 's', width: 100, render: (_, s) => scopeName(s) },
          ...months.map((month, i) => ({
            // 26-11: the year's last two digits keep twelve columns in the window
            title: month.slice(2),
            key: month,
            width: 68,
            align: 'right' as const,
            render: (_: unknown, s: RateSeries) => {
              const m = s.months[first + i];
              if (!m || m.rate === null) return '—';
              const cell = (
                <Link to={`/chains/${s.chainCode}`} data-testid={`rate-${s.chainCode}-${s.scope}-${month}`}>
                  {pct(m.rate)}
                </Link>
              );
              return m.deals > 0 ? (
                <Tooltip title={t('docking.dealsInMonth', { count: m.deals })}>
                  <strong>{cell}</strong>
                </Tooltip>
              ) : (
                cell
              );
            },
          })),
        ]}
      />
    </Card>
  );
}

/** The bureau re-matches the whole book as a job and sees its progress. */
function Rematch() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [job, setJob] = useState<TJob | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const job0 = await api.postAsync<TJob>('/docking/rematch', {});
      const r = await awaitJob<{ postings: number; newMatches: number; refreshed: number }>(job0, setJob);
      void message.success(
        t('docking.rematchDone', { postings: r.postings, fresh: r.newMatches, refreshed: r.refreshed }),
      );
      await qc.invalidateQueries({ queryKey: ['docking'] });
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
      setJob(null);
    }
  };
  const percent = jobPercent(job);
  return (
    <Alert
      type="info"
      style={{ marginBottom: 12 }}
      message={
        <Space wrap>
          <Button onClick={() => void run()} loading={busy} data-testid="docking-rematch">
            {t('docking.rematch')}
          </Button>
          {job?.progress ? (
            <span data-testid="docking-rematch-progress">
              {t('docking.rematching', { done: job.progress.done, total: job.progress.total })}{' '}
              <Progress percent={percent ?? 0} size="small" style={{ width: 160 }} />
            </span>
          ) : (
            <Typography.Text type="secondary">{t('docking.rematchHelp')}</Typography.Text>
          )}
        </Space>
      }
    />
  );
}

function Body({ d }: { d: TDashboard }) {
  const { t, i18n } = useTranslation();
  const { label } = useLabels();
  const figures: [string, number, string][] = [
    ['postings', d.totals.postings, '/docking?tab=all'],
    ['openSupply', d.totals.openSupply, '/docking?tab=all&kind=supply'],
    ['openDemand', d.totals.openDemand, '/docking?tab=all&kind=demand'],
    ['matches', d.totals.matches, '/docking?tab=all'],
    ['contacts', d.totals.contacts, '/docking?tab=all'],
    ['dealCount', d.totals.deals, '/docking?tab=all'],
  ];
  return (
    <>
      <Row gutter={[12, 12]} data-testid="docking-totals">
        {figures.map(([name, v, to]) => (
          <Col key={name} xs={12} md={8} xl={4}>
            <Link to={to}>
              <Card size="small" hoverable>
                <Statistic title={t(k(`docking.${name}`))} value={v} />
              </Card>
            </Link>
          </Col>
        ))}
        <Col xs={24} md={12}>
          <Card size="small">
            <Statistic
              title={t('docking.newLocalSupply')}
              valueRender={() =>
                d.totals.newLocalSupplyWan === null ? (
                  <Confidential />
                ) : (
                  fmtNumber(d.totals.newLocalSupplyWan, 2, i18n.language)
                )
              }
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('docking.byChain')} style={{ marginTop: 12 }}>
        <Table
          size="small"
          rowKey="chainCode"
          pagination={false}
          dataSource={d.byChain}
          data-testid="docking-by-chain"
          columns={[
            {
              title: t('docking.chain'),
              key: 'c',
              render: (_, c) => <Link to={`/chains/${c.chainCode}`}>{label('chain', c.chainCode)}</Link>,
            },
            { title: t('docking.dealCount'), dataIndex: 'deals', key: 'd', align: 'right' },
            {
              title: t('docking.amountWan'),
              key: 'a',
              align: 'right',
              render: (_, c) => (c.amountWan === null ? '—' : fmtNumber(c.amountWan, 2, i18n.language)),
            },
            { title: t('docking.rateBefore'), key: 'b', align: 'right', render: (_, c) => pct(c.rateBefore) },
            { title: t('docking.rateNow'), key: 'n', align: 'right', render: (_, c) => pct(c.rateNow) },
            {
              title: t('docking.change'),
              key: 'x',
              align: 'right',
              render: (_, c) =>
                c.rateNow === null || c.rateBefore === null
                  ? '—'
                  : fmtPoints(c.rateNow - c.rateBefore, 1, i18n.language),
            },
          ]}
        />
      </Card>
      <RateByMonth series={d.rateByMonth} />
      <Card size="small" title={t('docking.byMonth')} style={{ marginTop: 12 }}>
        <Table
          size="small"
          rowKey="month"
          pagination={false}
          dataSource={d.byMonth}
          columns={[
            { title: t('docking.month'), dataIndex: 'month', key: 'm' },
            { title: t('docking.postings'), dataIndex: 'postings', key: 'p', align: 'right' },
            { title: t('docking.matches'), dataIndex: 'matches', key: 'ma', align: 'right' },
            { title: t('docking.contacts'), dataIndex: 'contacts', key: 'c', align: 'right' },
            { title: t('docking.dealCount'), dataIndex: 'deals', key: 'd', align: 'right' },
            {
              title: t('docking.amountWan'),
              key: 'a',
              align: 'right',
              render: (_, r) => (r.amountWan === null ? '—' : fmtNumber(r.amountWan, 2, i18n.language)),
            },
          ]}
        />
      </Card>
    </>
  );
}

export default function DashboardPage() {
  const { t } = useTranslation();
  const q = useDashboard();
  const perms = usePermissions();
  return (
    <>
      <PageHeader title={t('docking.dashTitle')} subtitle={t('docking.dashSubtitle')} />
      {perms.may('docking.rematch') && <Rematch />}
      <QueryView query={q}>{(d) => <Body d={d} />}</QueryView>
    </>
  );
}
