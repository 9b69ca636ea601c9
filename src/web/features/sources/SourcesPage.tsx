import { Card, Input, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router-dom';
import { fmtNumber } from '../../app/format';
import { useUrlState } from '../../app/useUrlState';
import { useSources, useStatsOverview } from '../../client/queries';
import type { TSource } from '../../client/types';
import { dominantLang, OriginalText } from '../../components/OriginalText';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, QueryView } from '../../components/states';

export default function SourcesPage() {
  const { t, i18n } = useTranslation();
  const sources = useSources();
  const overview = useStatsOverview();
  const { get, set } = useUrlState();
  const { hash } = useLocation();
  const q = (get('q') ?? '').toLowerCase();
  const target = decodeURIComponent(hash.replace(/^#/, ''));

  useEffect(() => {
    if (!target || !sources.data) return;
    document.getElementById(`source-${target}`)?.scrollIntoView({ block: 'center' });
  }, [target, sources.data]);

  const rows = useMemo(
    () =>
      (sources.data?.items ?? []).filter(
        (s) => !q || [s.id, s.title, s.publisher ?? '', s.note ?? ''].some((x) => x.toLowerCase().includes(q)),
      ),
    [sources.data, q],
  );

  return (
    <>
      <PageHeader title={t('sources.title')} subtitle={t('sources.subtitle')} />
      {overview.data && (
        <Typography.Paragraph type="secondary" data-testid="sources-synthetic-share">
          {t('sources.syntheticShare', { share: fmtNumber(overview.data.syntheticShare * 100, 1, i18n.language) })}
        </Typography.Paragraph>
      )}
      <Card size="small">
        <Input.Search
          key={q}
          defaultValue={get('q')}
          allowClear
          placeholder={t('common.search')}
          onSearch={(v) => set({ q: v.trim() || undefined })}
          style={{ width: 280, marginBottom: 12 }}
        />
        <QueryView query={sources} isEmpty={(d) => d.items.length === 0}>
          {() => (
            <Table<TSource>
              rowKey="id"
              size="middle"
              dataSource={rows}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              locale={{ emptyText: <EmptyState description={t('common.emptyFiltered')} /> }}
              onRow={(s) => ({ id: `source-${s.id}`, style: s.id === target ? { background: '#fffbe6' } : undefined })}
              columns={[
                {
                  title: t('sources.citation'),
                  dataIndex: 'title',
                  key: 'title',
                  render: (_v: string, s) => <Citation source={s} />,
                },
                {
                  title: t('sources.statusLabel'),
                  dataIndex: 'status',
                  key: 'status',
                  width: 110,
                  render: (v: TSource['status']) => <SourceStatusBadge status={v} />,
                },
                {
                  title: t('sources.note'),
                  dataIndex: 'note',
                  key: 'note',
                  render: (v: string | null) => (
                    <Typography.Text type="secondary">
                      <OriginalText text={v} />
                    </Typography.Text>
                  ),
                },
              ]}
            />
          )}
        </QueryView>
      </Card>
    </>
  );
}

const STATUS_COLOR = { verified: 'green', unverified: 'gold', synthetic: 'default' } as const;

/** A source's status as a plain badge: 已核实 / 待核实 / 示例数据. */
export function SourceStatusBadge({ status }: { status: TSource['status'] }) {
  const { t } = useTranslation();
  const s = status ?? 'unverified';
  return (
    <Tag color={STATUS_COLOR[s]} data-testid="source-status" style={{ marginInlineEnd: 0 }}>
      {t(`sources.status.${s}`)}
    </Tag>
  );
}

/** A source as a reader cites it: publisher, 《title》, date, link where one exists. */
export function Citation({ source: s }: { source: TSource }) {
  const { t, i18n } = useTranslation();
  const sep = t('sources.citationSep');
  // Publisher and title as the source writes them, marked when in the other language.
  return (
    <span data-testid="source-citation">
      {s.publisher && (
        <>
          <OriginalText text={s.publisher} tag={false} />
          {sep}
        </>
      )}
      {t('sources.quoteOpen')}
      <OriginalText text={s.title} tag={false} />
      {t('sources.quoteClose')}
      {dominantLang(s.title) !== (i18n.language === 'en-US' ? 'en' : 'zh-CN') && (
        <Tag bordered={false} style={{ marginInlineStart: 4, fontSize: 11 }} data-testid="original-text-tag">
          {t('originalText.tag', { lang: t(dominantLang(s.title) === 'en' ? 'originalText.en' : 'originalText.zh') })}
        </Tag>
      )}
      {s.publishedOn && `${sep}${s.publishedOn}`}
      {s.url && (
        <>
          {t('sources.citationSep')}
          <a href={s.url} target="_blank" rel="noreferrer noopener">
            {t('sources.link')}
          </a>
        </>
      )}
    </span>
  );
}
