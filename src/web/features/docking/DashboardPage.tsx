/** The bureau's docking dashboard: totals (each a link to its list), change of 本地配套率 by chain, months. */
import { Card, Col, Row, Statistic, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { fmtNumber, fmtPercent, fmtPoints } from '../../app/format';
import { useLabels } from '../../app/labels';
import { Confidential } from '../../components/Confidential';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/states';
import { type TDashboard, useDashboard } from './api';
import { k } from './shared';

const pct = (r: number | null) => fmtPercent(r, 1);

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
  return (
    <>
      <PageHeader title={t('docking.dashTitle')} subtitle={t('docking.dashSubtitle')} />
      <QueryView query={q}>{(d) => <Body d={d} />}</QueryView>
    </>
  );
}
