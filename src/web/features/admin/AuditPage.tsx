/**
 * The audit log: every change (who, when, from where, what: old → new) and every sign-in event,
 * newest first. The filters live in the URL, so a view of the log can be shared.
 */
import { Card, Input, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { fmtDateTime } from '../../app/format';
import { usePaging, useUrlState } from '../../app/useUrlState';
import { type AuditEntry, useAudit } from '../../client/auth';
import { FilterBar, FilterSelect, SearchBox } from '../../components/filters';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState } from '../../components/states';
import { ActionTag, AUDIT_ENTITIES, ChangeList, EntityRef, useEntityLabel, ViaTag } from './audit';

const FILTER_KEYS = ['entity', 'entityId', 'actor', 'q'];

export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const entityLabel = useEntityLabel();
  const { get, set } = useUrlState();
  const paging = usePaging(50);
  const params = {
    entity: get('entity'),
    entityId: get('entityId'),
    actor: get('actor'),
    q: get('q'),
    limit: paging.limit,
    offset: paging.offset,
  };
  const audit = useAudit(params);
  const items = audit.data?.items ?? [];
  // The log does not count its rows: offer a next page while a page comes back full.
  const total = paging.offset + items.length + (items.length === paging.limit ? 1 : 0);

  const columns: ColumnsType<AuditEntry> = [
    {
      title: t('audit.when'),
      key: 'at',
      width: 170,
      render: (_: unknown, e) => <span style={{ whiteSpace: 'nowrap' }}>{fmtDateTime(e.at, lang, true)}</span>,
    },
    {
      title: t('audit.who'),
      key: 'actor',
      width: 170,
      render: (_: unknown, e) =>
        e.actor ? (
          <span>
            <Typography.Link onClick={() => set({ actor: e.actor })} data-testid="audit-actor">
              {e.actor}
            </Typography.Link>{' '}
            <ViaTag via={e.via} />
          </span>
        ) : (
          <span>
            <Typography.Text type="secondary">{t('audit.system')}</Typography.Text> <ViaTag via={e.via} />
          </span>
        ),
    },
    {
      title: t('audit.where'),
      key: 'ip',
      width: 130,
      render: (_: unknown, e) => <Typography.Text type="secondary">{e.ip ?? t('common.none')}</Typography.Text>,
    },
    {
      title: t('audit.what'),
      key: 'what',
      width: 200,
      render: (_: unknown, e) => (
        <span>
          <ActionTag action={e.action} /> <EntityRef entry={e} />
        </span>
      ),
    },
    {
      title: t('audit.changes'),
      key: 'changes',
      render: (_: unknown, e) => <ChangeList entry={e} max={4} />,
    },
  ];

  return (
    <>
      <PageHeader
        crumbs={[{ title: t('nav.admin') }, { title: t('audit.title') }]}
        title={t('audit.title')}
        subtitle={t('audit.intro')}
      />
      <Card size="small">
        <FilterBar keys={FILTER_KEYS}>
          <SearchBox placeholder={t('audit.searchPlaceholder')} width={240} />
          <FilterSelect
            urlKey="entity"
            label={t('audit.entityLabel')}
            width={200}
            options={AUDIT_ENTITIES.map((x) => ({ value: x, label: entityLabel(x) }))}
          />
          <Input
            key={`id-${get('entityId') ?? ''}`}
            defaultValue={get('entityId')}
            prefix={<span style={{ color: '#6b7280' }}>{t('audit.entityId')}</span>}
            allowClear
            style={{ width: 150 }}
            onPressEnter={(ev) => set({ entityId: ev.currentTarget.value.trim() || undefined })}
            onBlur={(ev) => {
              const v = ev.currentTarget.value.trim() || undefined;
              if (v !== get('entityId')) set({ entityId: v });
            }}
            data-testid="filter-entityId"
            aria-label={t('audit.entityId')}
          />
          <SearchBox urlKey="actor" placeholder={t('audit.actorPlaceholder')} label={t('audit.who')} width={180} />
        </FilterBar>
        {audit.isError ? (
          <ErrorState error={audit.error} onRetry={() => void audit.refetch()} />
        ) : (
          <Table<AuditEntry>
            rowKey={(e) => `${e.kind}-${e.id}`}
            size="small"
            columns={columns}
            dataSource={items}
            loading={audit.isFetching}
            expandable={{
              rowExpandable: (e) => e.kind === 'change',
              expandedRowRender: (e) => <ChangeList entry={e} />,
            }}
            locale={{ emptyText: audit.isPending ? ' ' : <EmptyState description={t('audit.emptyLog')} /> }}
            pagination={{
              current: paging.page,
              pageSize: paging.pageSize,
              total,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100, 200],
              showTotal: () => t('audit.pageOf', { from: paging.offset + 1, to: paging.offset + items.length }),
              onChange: paging.onChange,
            }}
            data-testid="audit-table"
          />
        )}
      </Card>
    </>
  );
}
