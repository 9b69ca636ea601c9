/** Investment events: delegations, inbound visits, matchmaking conferences, promotion meetings, with followed results. */
import { Card, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { EVENT_KINDS } from '../../../contracts/enums';
import { fmtNumber } from '../../app/format';
import { usePaging, useUrlState } from '../../app/useUrlState';
import { FilterBar, FilterSelect, SearchBox } from '../../components/filters';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState } from '../../components/states';
import { SyntheticBadge } from '../../components/tags';
import { type EventRow, useEvents } from './api';
import { eventDates } from './event-dates';
import { NewEventButton } from './NewEventButton';
import { k } from './shared';

export default function EventsPage() {
  const { t, i18n } = useTranslation();
  const { get } = useUrlState();
  const paging = usePaging(20);
  const params = { kind: get('kind'), q: get('q'), limit: paging.limit, offset: paging.offset };
  const events = useEvents(params);
  const n = (v: number | null) => (v == null ? '—' : fmtNumber(v, 0, i18n.language));
  const columns: ColumnsType<EventRow> = [
    {
      title: t('invest.eventsTitle'),
      key: 'name',
      render: (_, e) => (
        <span>
          <Link to={`/events/${e.id}`}>{e.name}</Link> <SyntheticBadge synthetic={e.synthetic} />
        </span>
      ),
    },
    {
      title: t('invest.eventKind'),
      dataIndex: 'kind',
      key: 'kind',
      width: 150,
      render: (v: string) => t(k(`invest.ek_${v}`)),
    },
    { title: t('invest.city'), dataIndex: 'city', key: 'city', width: 80 },
    {
      title: t('invest.dates'),
      key: 'dates',
      width: 120,
      render: (_, e) =>
        eventDates(e, (dates) => t('invest.datesEstimated', { dates })) ?? (
          <Typography.Text type="secondary">{t('invest.datesUnknown')}</Typography.Text>
        ),
    },
    {
      title: t('invest.statedSignings'),
      dataIndex: 'signings',
      key: 'signings',
      width: 100,
      align: 'right',
      render: n,
    },
    { title: t('invest.linkedSigned'), dataIndex: 'signedProjects', key: 'sp', width: 110, align: 'right', render: n },
    { title: t('invest.linkedStarted'), dataIndex: 'startedProjects', key: 'st', width: 90, align: 'right', render: n },
    {
      title: t('invest.linkedProducing'),
      dataIndex: 'producingProjects',
      key: 'pr',
      width: 90,
      align: 'right',
      render: n,
    },
    {
      title: t('invest.signedInvestment'),
      dataIndex: 'signedInvestmentWan',
      key: 'inv',
      width: 140,
      align: 'right',
      render: n,
    },
  ];
  return (
    <>
      <PageHeader title={t('invest.eventsTitle')} subtitle={t('invest.statedVsLinked')} extra={<NewEventButton />} />
      <Card size="small">
        <FilterBar keys={['q', 'kind']}>
          <SearchBox />
          <FilterSelect
            urlKey="kind"
            label={t('invest.eventKind')}
            options={EVENT_KINDS.map((x) => ({ value: x, label: t(`invest.ek_${x}`) }))}
            width={220}
          />
        </FilterBar>
        {events.isError ? (
          <ErrorState error={events.error} onRetry={() => void events.refetch()} />
        ) : (
          <Table<EventRow>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={events.data?.items}
            loading={events.isFetching}
            locale={{ emptyText: events.isPending ? ' ' : <EmptyState /> }}
            pagination={{
              current: paging.page,
              pageSize: paging.pageSize,
              total: events.data?.total ?? 0,
              onChange: paging.onChange,
              showTotal: (c) => t('invest.total', { count: c }),
            }}
            data-testid="event-table"
          />
        )}
      </Card>
    </>
  );
}
