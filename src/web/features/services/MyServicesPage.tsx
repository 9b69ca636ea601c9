/** The enterprise's service page: my requests (with their clocks), the policies I qualify for, my visits, my inbox. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Badge,
  Button,
  Card,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TInboxItem } from '../../../contracts/inbox';
import { fmtDateTime } from '../../app/format';
import { problemText } from '../../app/problems';
import { useCurrentUser } from '../../app/session';
import { api } from '../../client/client';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, Loading } from '../../components/states';
import { SyntheticBadge } from '../../components/tags';
import { NoticeText } from '../inbox/NoticeText';
import { INBOX_KEY, useInbox } from '../inbox/queries';
import {
  type TEligibility,
  type TTicket,
  useCategories,
  useEligibility,
  useOpenTicket,
  useTickets,
  useVisits,
} from './api';
import { useConditionText } from './conditionText';
import { SlaClock, StatusTag, TicketDrawer } from './shared';

export default function MyServicesPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const firm = user?.enterpriseId ?? null;
  const [open, setOpen] = useState<number | null>(null);
  const [asking, setAsking] = useState(false);
  if (firm === null) return <Empty description={t('services.noEnterprise')} />;
  return (
    <div data-testid="services-mine">
      <PageHeader
        title={t('services.mine_title')}
        subtitle={t('services.mine_subtitle')}
        extra={
          <Button type="primary" onClick={() => setAsking(true)} data-testid="new-request">
            {t('services.newRequest')}
          </Button>
        }
      />
      <Tabs
        items={[
          { key: 'requests', label: t('services.tab_requests'), children: <MyTickets onOpen={setOpen} /> },
          { key: 'policies', label: t('services.tab_policies'), children: <MyPolicies firm={firm} /> },
          { key: 'visits', label: t('services.tab_visits'), children: <MyVisits /> },
          { key: 'inbox', label: t('services.tab_inbox'), children: <MyInbox /> },
        ]}
      />
      <TicketDrawer id={open} onClose={() => setOpen(null)} staff={false} />
      <NewRequest firm={firm} open={asking} onClose={() => setAsking(false)} onCreated={setOpen} />
    </div>
  );
}

function MyTickets({ onOpen }: { onOpen: (id: number) => void }) {
  const { t, i18n } = useTranslation();
  const q = useTickets({ limit: 200 });
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <Table<TTicket>
      rowKey="id"
      size="small"
      dataSource={q.data?.items ?? []}
      pagination={{ pageSize: 20 }}
      scroll={{ x: 900 }}
      data-testid="my-tickets"
      columns={[
        {
          title: t('services.title'),
          dataIndex: 'title',
          render: (v: string, r) => (
            <Space>
              <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onOpen(r.id)}>
                {v}
              </Button>
              <SyntheticBadge synthetic={r.synthetic} />
            </Space>
          ),
        },
        {
          title: t('services.system'),
          dataIndex: 'system',
          width: 100,
          render: (s: string) => t(`services.sys_${s}` as 'services.sys_talent'),
        },
        {
          title: t('services.status'),
          dataIndex: 'status',
          width: 130,
          render: (s: TTicket['status']) => <StatusTag status={s} />,
        },
        {
          title: t('services.inBeijingTime', { what: t('services.firstResponse') }),
          width: 260,
          render: (_: unknown, r) => <SlaClock sla={r.sla.firstResponse} zone={false} />,
        },
        {
          title: t('services.inBeijingTime', { what: t('services.created') }),
          dataIndex: 'createdAt',
          width: 150,
          render: (v: string) => fmtDateTime(v, i18n.language),
        },
      ]}
    />
  );
}

function PolicyItem({ e }: { e: TEligibility }) {
  const { t } = useTranslation();
  const words = useConditionText();
  return (
    <Card size="small" style={{ marginBottom: 8 }} data-testid={`policy-${e.policyCode}`}>
      <Space wrap>
        <Typography.Text strong>{e.title}</Typography.Text>
        <Tag color={e.verdict === 'eligible' ? 'green' : 'orange'}>
          {t(e.verdict === 'eligible' ? 'services.eligible' : 'services.near')}
        </Tag>
        {e.autoGrant && <Tag color="cyan">{t('services.autoGrant')}</Tag>}
        <Typography.Text type="secondary">v{e.version}</Typography.Text>
      </Space>
      {e.failing.length > 0 && (
        <List
          size="small"
          header={t('services.failing')}
          dataSource={e.failing}
          renderItem={(f) => (
            <List.Item data-testid="failing-condition">
              <Space direction="vertical" size={0}>
                <span>
                  {words.condition({ field: f.field, op: f.op, value: f.expected })} — {t('services.actual')}:{' '}
                  {words.value(f.field, f.actual)}
                  {f.gap !== undefined && ` (${f.gap})`}
                </span>
                <Typography.Text type="secondary">
                  {t('services.citation')}: {f.citation}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function MyPolicies({ firm }: { firm: number }) {
  const { t } = useTranslation();
  const q = useEligibility(firm);
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const all = [...(q.data?.eligible ?? []), ...(q.data?.near ?? [])];
  if (all.length === 0) return <Empty description={t('services.noPolicies')} />;
  return (
    <div data-testid="my-policies">
      {all.map((e) => (
        <PolicyItem key={e.policyId} e={e} />
      ))}
    </div>
  );
}

function MyVisits() {
  const { t } = useTranslation();
  const q = useVisits({});
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <Table
      rowKey="id"
      size="small"
      dataSource={q.data?.items ?? []}
      pagination={false}
      data-testid="my-visits"
      locale={{ emptyText: <Empty /> }}
      columns={[
        { title: t('services.visitBy'), dataIndex: 'organisationName' },
        { title: t('services.plannedOn'), dataIndex: 'plannedOn', width: 120 },
        { title: t('services.heldOn'), dataIndex: 'heldOn', width: 120 },
        {
          title: t('services.status'),
          dataIndex: 'status',
          width: 100,
          render: (s: string) =>
            t(
              s === 'held'
                ? 'services.visitHeld'
                : s === 'planned'
                  ? 'services.visitPlanned'
                  : 'services.visitCancelled',
            ),
        },
        { title: t('services.purpose'), dataIndex: 'purpose' },
      ]}
    />
  );
}

/** The firm's service notifications (policy pushes, butler replies): the services part of the platform inbox. */
function MyInbox() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const q = useInbox({ unread: false, page, pageSize: 20, module: 'services' });
  const read = useMutation({
    mutationFn: (id: number) => api.post<TInboxItem>(`/inbox/${id}/read`, {}),
    onSettled: () => void qc.invalidateQueries({ queryKey: INBOX_KEY }),
  });
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const data = q.data;
  return (
    <List<TInboxItem>
      dataSource={data?.items ?? []}
      locale={{ emptyText: t('services.noNotices') }}
      data-testid="services-inbox"
      pagination={
        data && data.total > 20
          ? { current: page, pageSize: 20, total: data.total, onChange: setPage, showSizeChanger: false }
          : false
      }
      renderItem={(n) => (
        <List.Item
          data-testid="services-inbox-item"
          actions={
            n.readAt
              ? []
              : [
                  <Button key="read" type="link" size="small" onClick={() => read.mutate(n.id)}>
                    {t('inbox.markRead')}
                  </Button>,
                ]
          }
        >
          <Space>
            <Badge status={n.readAt ? 'default' : 'processing'} />
            <Typography.Text strong={!n.readAt}>
              <NoticeText item={n} />
            </Typography.Text>
            <Typography.Text type="secondary">{fmtDateTime(n.createdAt, i18n.language)}</Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}

function NewRequest({
  firm,
  open,
  onClose,
  onCreated,
}: {
  firm: number;
  open: boolean;
  onClose: () => void;
  onCreated: (id: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const cats = useCategories();
  const create = useOpenTicket();
  const [form] = Form.useForm<{ categoryCode: string; title: string; body?: string }>();
  const zh = !i18n.language.startsWith('en');
  const submit = (v: { categoryCode: string; title: string; body?: string }) =>
    create.mutate(
      { enterpriseId: firm, ...v },
      {
        onSuccess: (tk) => {
          form.resetFields();
          onClose();
          onCreated(tk.id);
        },
        onError: (e) => void message.error(problemText(e, i18n.language, t('common.networkError'))),
      },
    );
  return (
    <Modal open={open} onCancel={onClose} title={t('services.newRequest')} footer={null} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} data-testid="new-request-form">
        <Form.Item name="categoryCode" label={t('services.category')} rules={[{ required: true }]}>
          <Select
            data-testid="category-select"
            loading={cats.isLoading}
            options={(cats.data?.items ?? []).map((c) => ({
              value: c.code,
              label: `${t(`services.sys_${c.system}` as 'services.sys_talent')} · ${zh ? c.nameZh : c.nameEn}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="title" label={t('services.title')} rules={[{ required: true, max: 200 }]}>
          <Input data-testid="request-title" />
        </Form.Item>
        <Form.Item name="body" label={t('services.body')} rules={[{ max: 5000 }]}>
          <Input.TextArea rows={4} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="submit-request">
            {t('services.submit')}
          </Button>
          <Button onClick={onClose}>{t('services.cancel')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
