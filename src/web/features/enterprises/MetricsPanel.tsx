import { LockOutlined } from '@ant-design/icons';
import { Alert, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { fmtNumber } from '../../app/format';
import { redactedOf } from '../../app/redaction';
import type { TMetric } from '../../client/types';
import { Chart, type ChartOption } from '../../components/Chart';
import { Confidential } from '../../components/Confidential';
import { Provenance } from '../../components/Provenance';

const MONEY = ['revenueWan', 'outputWan', 'valueAddedWan', 'taxWan', 'rndWan'] as const;
const MONEY_COLORS = ['#1677ff', '#13a8a8', '#91caff', '#fa8c16', '#722ed1'];
const TABLE_ROWS = [
  ...MONEY,
  'exportsWan',
  'employees',
  'rndStaff',
  'energyTce',
  'landMu',
  'patentsInvention',
  'patentsUtility',
  'patentsDesign',
  'softwareCopyrights',
] as const;
type MetricKey = (typeof TABLE_ROWS)[number];

/**
 * Yearly figures: money as bars, employees as a line on its own axis, then the full table. Figures
 * the server withheld (confidential to this user) read "保密" with a lock, never a dash or a zero.
 */
export function MetricsPanel({ metrics }: { metrics: TMetric[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const rows = useMemo(() => [...metrics].sort((a, b) => a.year - b.year), [metrics]);
  const years = rows.map((m) => String(m.year));
  const hidden = useMemo(() => new Set(rows.flatMap((m) => redactedOf(m))), [rows]);
  const hiddenIn = (m: TMetric, k: MetricKey) => redactedOf(m).includes(k);
  const unit = (k: MetricKey) =>
    k.endsWith('Wan')
      ? t('units.wan')
      : k === 'employees' || k === 'rndStaff'
        ? t('units.people')
        : k === 'energyTce'
          ? t('units.tce')
          : k === 'landMu'
            ? t('units.mu')
            : '';

  const option = useMemo<ChartOption>(() => {
    const money = MONEY.filter((k) => rows.some((m) => m[k] != null));
    const hasEmployees = rows.some((m) => m.employees != null);
    return {
      animation: false,
      grid: { left: 64, right: hasEmployees ? 56 : 16, top: 40, bottom: 28 },
      legend: { top: 0, type: 'scroll' },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: years },
      // Without money figures (none reported, or all confidential) the money axis would stand empty.
      yAxis: [
        {
          type: 'value',
          name: money.length ? t('units.wan') : '',
          nameTextStyle: { align: 'right' },
          show: money.length > 0,
          axisLabel: { formatter: (v: number) => fmtNumber(v, 0, lang) },
        },
        ...(hasEmployees
          ? [{ type: 'value' as const, name: t('units.people'), splitLine: { show: money.length === 0 } }]
          : []),
      ],
      series: [
        ...money.map((k) => ({
          type: 'bar' as const,
          name: t(`enterprise.metric.${k}`),
          data: rows.map((m) => m[k] ?? null),
          itemStyle: { color: MONEY_COLORS[MONEY.indexOf(k)] },
          barMaxWidth: 22,
        })),
        ...(hasEmployees
          ? [
              {
                type: 'line' as const,
                name: t('enterprise.metric.employees'),
                yAxisIndex: 1,
                data: rows.map((m) => m.employees ?? null),
                itemStyle: { color: '#eb2f96' },
                symbolSize: 7,
              },
            ]
          : []),
      ],
    };
  }, [rows, years, t, lang]);

  const tableRows = TABLE_ROWS.filter((k) => hidden.has(k) || rows.some((m) => m[k] != null));
  const charted = MONEY.some((k) => rows.some((m) => m[k] != null)) || rows.some((m) => m.employees != null);
  const last = rows.at(-1);
  return (
    <div data-testid="metrics">
      {hidden.size > 0 && (
        <Alert
          type="warning"
          showIcon
          icon={<LockOutlined />}
          style={{ marginBottom: 8 }}
          title={t('confidential.metricsNote')}
          data-testid="metrics-confidential"
        />
      )}
      {charted && (
        <Chart option={option} height={300} ariaLabel={t('enterprise.metricsChart')} data-testid="metrics-chart" />
      )}
      <Table<{ key: MetricKey }>
        size="small"
        data-testid="metrics-table"
        style={{ marginTop: 8 }}
        pagination={false}
        scroll={{ x: true }}
        dataSource={tableRows.map((k) => ({ key: k }))}
        columns={[
          {
            title: '',
            key: 'label',
            fixed: 'left',
            render: (_: unknown, r) => (
              <span>
                {t(`enterprise.metric.${r.key}`)}{' '}
                <Typography.Text type="secondary">{unit(r.key) && `(${unit(r.key)})`}</Typography.Text>
              </span>
            ),
          },
          ...rows.map((m) => ({
            title: (
              <span>
                {m.year}
                {m.synthetic ? '*' : ''}
              </span>
            ),
            key: String(m.year),
            align: 'right' as const,
            render: (_: unknown, r: { key: MetricKey }) =>
              hiddenIn(m, r.key) ? (
                <Confidential compact />
              ) : (
                fmtNumber(m[r.key], r.key === 'landMu' || r.key === 'energyTce' ? 1 : 0, lang)
              ),
          })),
        ]}
      />
      {last && (
        <div style={{ marginTop: 8 }}>
          <Provenance sourceId={last.sourceId} asOf={last.asOf} />
          {rows.some((m) => m.synthetic) && (
            <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
              * {t('synthetic.badge')}
            </Typography.Text>
          )}
        </div>
      )}
    </div>
  );
}
