/** Colours and tags of node health, the same on the graph, the legend, the tables and the print. */
import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export type Status = 'missing' | 'weak' | 'strong';

/** Borders and tags. */
export const STATUS_COLORS: Record<Status, string> = { missing: '#cf1322', weak: '#d48806', strong: '#389e0d' };
/** Box fills: light enough for dark text, distinct enough to read at a glance. */
export const STATUS_FILL: Record<Status, string> = { missing: '#ffccc7', weak: '#ffe58f', strong: '#b7eb8f' };
const TAG: Record<Status, string> = { missing: 'red', weak: 'gold', strong: 'green' };
export const STAGE_TINT = ['#f0f5ff', '#f9f0ff', '#e6fffb', '#fff7e6'];

export function StatusTag({ status }: { status: Status }) {
  const { t } = useTranslation();
  return (
    <Tag color={TAG[status]} data-testid={`status-${status}`}>
      {t(`chains.${status}`)}
    </Tag>
  );
}

/** Score 0..100 → colour from red through amber to green. */
export function scoreColor(score: number): string {
  if (score >= 60) return '#389e0d';
  if (score >= 35) return '#d48806';
  return '#cf1322';
}

export function GraphLegend() {
  const { t } = useTranslation();
  const chip = (s: Status) => (
    <Flex key={s} gap={6} align="center">
      <span
        style={{
          display: 'inline-block',
          width: 22,
          height: 14,
          borderRadius: 3,
          background: STATUS_FILL[s],
          border: `1px solid ${STATUS_COLORS[s]}`,
        }}
      />
      <Typography.Text>{t(`chains.${s}`)}</Typography.Text>
    </Flex>
  );
  return (
    <Flex gap={16} wrap align="center" data-testid="graph-legend" style={{ fontSize: 12 }}>
      {(['strong', 'weak', 'missing'] as const).map(chip)}
      <Typography.Text>{t('chains.legendKey')}</Typography.Text>
      <Typography.Text type="secondary">{t('chains.legendGroup')}</Typography.Text>
      <Typography.Text type="secondary">{t('chains.legendRecycle')}</Typography.Text>
    </Flex>
  );
}
