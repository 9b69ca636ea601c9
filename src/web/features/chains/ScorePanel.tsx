/** The health score with its parts: value, weight, points and how each part is computed. */
import { Flex, Progress, Table, Tooltip, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { fmtNumber, fmtPercent } from '../../app/format';
import type { ChainHealth } from './api';
import { scoreColor } from './status';

type Part = ChainHealth['score']['parts'][number];

/**
 * How a part was computed, in the reader's language, from the figures the domain gives with each part
 * (`params`): key links count whole links and name the partial credit of key groups apart; the supporting
 * part names its basis (by amount / by count), the leaders panel's definition.
 */
export function partDetail(p: Part, t: TFunction): string {
  const q = p.params;
  if (!q) return p.detail;
  if (p.code === 'key_links') {
    const base = t('chains.keyLinksDetail', { full: q.full ?? 0, of: q.of ?? 0 });
    return (q.partial ?? 0) > 0 ? `${base} · ${t('chains.keyLinksPartial', { partial: q.partial })}` : base;
  }
  if (p.code === 'supporting') {
    if (!q.n) return t('chains.noSupportingLinks');
    return t('chains.supportingDetail', { n: q.n, a: q.byAmount ?? 0, c: q.byCount ?? 0 });
  }
  if (p.code === 'leaders') return t('chains.leadersDetail', { n: q.n ?? 0, target: q.target ?? 0 });
  return p.detail;
}

export function ScoreParts({ h, compact = false }: { h: ChainHealth; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  const lang = i18n.language;
  return (
    <Table<Part>
      size="small"
      pagination={false}
      rowKey="code"
      dataSource={h.score.parts}
      data-testid="score-parts"
      columns={[
        {
          title: t('chains.part'),
          key: 'part',
          render: (_, p) => (
            <Tooltip title={t(`chains.part_${p.code}`)}>
              <span style={{ borderBottom: '1px dotted #bfbfbf' }}>{en ? p.en : p.zh}</span>
            </Tooltip>
          ),
        },
        {
          title: t('chains.value'),
          key: 'value',
          width: 120,
          render: (_, p) =>
            p.value === null ? (
              <Flex vertical gap={0}>
                <Typography.Text type="secondary">{t('chains.notMeasured')}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                  {partDetail(p, t)}
                </Typography.Text>
              </Flex>
            ) : (
              <Flex vertical gap={0}>
                <span>{fmtPercent(p.value, 0, lang)}</span>
                <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                  {partDetail(p, t)}
                </Typography.Text>
              </Flex>
            ),
        },
        { title: t('chains.weight'), dataIndex: 'weight', width: 64, render: (w: number) => fmtNumber(w, 2, lang) },
        {
          title: t('chains.points'),
          dataIndex: 'points',
          width: 64,
          align: 'right',
          render: (x: number) => <b>{fmtNumber(x, 1, lang)}</b>,
        },
        ...(compact
          ? []
          : [
              {
                title: t('chains.computedAs'),
                key: 'how',
                render: (_: unknown, p: Part) => (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t(`chains.part_${p.code}`)}
                  </Typography.Text>
                ),
              },
            ]),
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0} colSpan={3}>
            <b>{t('chains.total')}</b>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={1} align="right">
            <b>{fmtNumber(h.score.value, 1, lang)}</b>
          </Table.Summary.Cell>
          {!compact && <Table.Summary.Cell index={2} />}
        </Table.Summary.Row>
      )}
    />
  );
}

export function ScoreBadge({ value, compactSize = 84 }: { value: number; compactSize?: number }) {
  const { t, i18n } = useTranslation();
  return (
    <Progress
      type="dashboard"
      percent={value}
      size={compactSize}
      strokeColor={scoreColor(value)}
      format={(p) => (
        <Flex vertical align="center">
          <span style={{ fontSize: compactSize > 100 ? 26 : 20, fontWeight: 700 }} data-testid="health-score">
            {fmtNumber(p ?? 0, 1, i18n.language)}
          </span>
          <span style={{ fontSize: 11, color: '#8c8c8c' }}>{t('chains.score')}</span>
        </Flex>
      )}
    />
  );
}
