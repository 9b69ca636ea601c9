/** The butler's queue: tickets in the caller's scope with their SLA clocks; filters in the URL. */
import { Button, Checkbox, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SERVICE_SYSTEMS, TICKET_STATUSES } from '../../../contracts/services';
import { fmtDateTime } from '../../app/format';
import { useUrlState } from '../../app/useUrlState';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, Loading } from '../../components/states';
import { SyntheticBadge } from '../../components/tags';
import { type TTicket, useTickets } from './api';
import { SlaClock, StatusTag, TicketDrawer } from './shared';

export default function QueuePage() {
  const { t, i18n } = useTranslation();
  const { get, set: setUrl } = useUrlState();
  const status = get('status') ?? 'open';
  const system = get('system') ?? undefined;
  const mine = get('mine') === 'true';
  const [open, setOpen] = useState<number | null>(null);
  const q = useTickets({
    status: status === 'all' ? undefined : status,
    system,
    mine: mine ? 'true' : undefined,
    limit: 500,
  });
  return (
    <div data-testid="services-queue">
      <PageHeader title={t('services.queue_title')} subtitle={t('services.queue_subtitle')} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 170 }}
          value={status}
          onChange={(v) => setUrl({ status: v })}
          options={[
            { value: 'all', label: t('services.all') },
            ...TICKET_STATUSES.map((s) => ({ value: s, label: t(`services.st_${s}`) })),
          ]}
          data-testid="status-filter"
        />
        <Select
          allowClear
          style={{ width: 150 }}
          placeholder={t('services.system')}
          value={system}
          onChange={(v) => setUrl({ system: v ?? null })}
          options={SERVICE_SYSTEMS.map((s) => ({ value: s, label: t(`services.sys_${s}`) }))}
        />
        <Checkbox checked={mine} onChange={(e) => setUrl({ mine: e.target.checked ? 'true' : null })}>
          {t('services.onlyMine')}
        </Checkbox>
      </Space>
      {q.isLoading && <Loading />}
      {q.error && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
      {q.data && (
        <Table<TTicket>
          rowKey="id"
          size="small"
          dataSource={q.data.items}
          pagination={{ pageSize: 25 }}
          data-testid="queue-table"
          columns={[
            { title: '#', dataIndex: 'id', width: 56 },
            {
              title: t('services.title'),
              dataIndex: 'title',
              render: (v: string, r) => (
                <Space size={4} wrap>
                  <Button
                    type="link"
                    size="small"
                    // long titles wrap inside their column instead of running into the next one
                    style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
                    onClick={() => setOpen(r.id)}
                    data-testid="open-ticket"
                  >
                    {v}
                  </Button>
                  {r.channel === 'visit' && <Tag color="purple">{t('services.fromVisit')}</Tag>}
                  <SyntheticBadge synthetic={r.synthetic} />
                </Space>
              ),
            },
            { title: t('services.enterprise'), dataIndex: 'enterpriseName', width: 150, ellipsis: true },
            {
              title: t('services.system'),
              dataIndex: 'system',
              width: 112,
              render: (s: TTicket['system']) => t(`services.sys_${s}`),
            },
            {
              title: t('services.status'),
              dataIndex: 'status',
              width: 104,
              render: (s: TTicket['status']) => <StatusTag status={s} />,
            },
            {
              title: t('services.level'),
              dataIndex: 'level',
              width: 80,
              render: (l: TTicket['level']) => t(`services.lv_${l}`),
            },
            {
              title: t('services.inBeijingTime', { what: t('services.firstResponse') }),
              width: 170,
              render: (_: unknown, r) => <SlaClock sla={r.sla.firstResponse} testId="sla-first" zone={false} />,
            },
            {
              title: t('services.inBeijingTime', { what: t('services.resolution') }),
              width: 170,
              render: (_: unknown, r) => <SlaClock sla={r.sla.resolution} zone={false} />,
            },
            {
              title: t('services.inBeijingTime', { what: t('services.created') }),
              dataIndex: 'createdAt',
              width: 136,
              render: (v: string) => fmtDateTime(v, i18n.language),
            },
          ]}
        />
      )}
      <TicketDrawer id={open} onClose={() => setOpen(null)} staff />
    </div>
  );
}
