import { Card, Input, Table, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router-dom';
import { fmtNumber } from '../../app/format';
import { useUrlState } from '../../app/useUrlState';
import { useSources, useStatsOverview } from '../../client/queries';
import type { TSource } from '../../client/types';
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
                  title: t('sources.id'),
                  dataIndex: 'id',
                  key: 'id',
                  width: 200,
                  render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
                },
                {
                  title: t('sources.docTitle'),
                  dataIndex: 'title',
                  key: 'title',
                  render: (v: string, s) =>
                    s.url ? (
                      <a href={s.url} target="_blank" rel="noreferrer noopener">
                        {v}
                      </a>
                    ) : (
                      v
                    ),
                },
                {
                  title: t('sources.publisher'),
                  dataIndex: 'publisher',
                  key: 'publisher',
                  width: 180,
                  render: (v: string | null) => v ?? t('common.none'),
                },
                {
                  title: t('sources.publishedOn'),
                  dataIndex: 'publishedOn',
                  key: 'publishedOn',
                  width: 110,
                  render: (v: string | null) => v ?? t('common.none'),
                },
                {
                  title: t('sources.note'),
                  dataIndex: 'note',
                  key: 'note',
                  render: (v: string | null) => <Typography.Text type="secondary">{v ?? ''}</Typography.Text>,
                },
              ]}
            />
          )}
        </QueryView>
      </Card>
    </>
  );
}
