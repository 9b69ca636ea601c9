/** Data freshness: per park and owner, the stale facts; update requests sent and the owner's tasks. */
import { App, Button, Card, Col, Progress, Row, Select, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UPDATE_REQUEST_STATES } from '../../../contracts/cockpit';
import { useLabels } from '../../app/labels';
import { usePermissions } from '../../app/permissions';
import { useUrlState } from '../../app/useUrlState';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, QueryView } from '../../components/states';
import {
  type TUpdateRequest,
  useAnswer,
  useCloseRequest,
  useFreshness,
  useSendRequest,
  useUpdateRequest,
  useUpdateRequests,
} from './api';
import { k, ScopeLabel, ScopePicker, useScope } from './shared';

function Task({ id }: { id: number }) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const q = useUpdateRequest(id);
  const answer = useAnswer();
  const { message } = App.useApp();
  const [picked, setPicked] = useState<number[]>([]);
  return (
    <QueryView query={q}>
      {(r) => (
        <>
          <Table
            size="small"
            rowKey="id"
            data-testid="task-items"
            pagination={{ pageSize: 10, size: 'small', hideOnSinglePage: true }}
            rowSelection={{
              selectedRowKeys: picked,
              onChange: (keys) => setPicked(keys as number[]),
              getCheckboxProps: (i) => ({ disabled: i.answer !== null }),
            }}
            dataSource={r.items}
            columns={[
              { title: t(k('kind')), dataIndex: 'kind', width: 100, render: (v: string) => t(k(`fact_${v}`)) },
              { title: t(k('target')), dataIndex: 'label' },
              { title: t(k('asOfCol')), dataIndex: 'asOfBefore', width: 110 },
              {
                title: t(k('currentCol')),
                key: 'current',
                render: (_, i) => (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {Object.entries(i.current)
                      .map(
                        ([key, v]) =>
                          `${t(k(`cur_${key}`))}: ${v === null || v === undefined ? '—' : key === 'status' ? label('unitStatus', String(v)) : v}`,
                      )
                      .join(' · ')}
                  </Typography.Text>
                ),
              },
              {
                title: t(k('answered')),
                dataIndex: 'answer',
                width: 100,
                render: (v: string | null) => (v ? t(k(`answer_${v}`)) : ''),
              },
            ]}
          />
          <Button
            type="primary"
            data-testid="confirm-unchanged"
            disabled={picked.length === 0}
            loading={answer.isPending}
            onClick={() =>
              answer.mutate(
                { id: r.id, items: picked.map((itemId) => ({ itemId, answer: 'unchanged' as const })) },
                {
                  onSuccess: () => {
                    setPicked([]);
                    void message.success(t(k('answered')));
                  },
                  onError: (e) => void message.error(e.message),
                },
              )
            }
          >
            {t(k('confirmUnchanged'))}
          </Button>
        </>
      )}
    </QueryView>
  );
}

const STATES = UPDATE_REQUEST_STATES;
const STATE_COLOR: Record<TUpdateRequest['status'], string> = {
  open: 'orange',
  answered: 'blue',
  closed: 'green',
  withdrawn: 'default',
};

function Requests({ box }: { box: 'inbox' | 'outbox' }) {
  const { t } = useTranslation();
  const { get, set } = useUrlState();
  const param = `${box}State`;
  const raw = get(param);
  const state = STATES.find((s) => s === raw);
  const q = useUpdateRequests(box, state);
  const [open, setOpen] = useState<number | null>(null);
  const close = useCloseRequest();
  const { message } = App.useApp();
  const closeAs = (id: number, as: 'closed' | 'cancelled') =>
    close.mutate(
      { id, as },
      {
        onSuccess: () => void message.success(t(k('requestClosed'))),
        onError: (e) => void message.error(e.message),
      },
    );
  return (
    <>
      <Space style={{ marginBottom: 8 }}>
        <Typography.Text>{t(k('state'))}</Typography.Text>
        <Select
          data-testid={`requests-${box}-state`}
          style={{ width: 160 }}
          allowClear
          placeholder={t(k('state_all'))}
          value={state}
          onChange={(v?: string) => set({ [param]: v })}
          options={STATES.map((s) => ({ value: s, label: t(k(`state_${s}`)) }))}
        />
      </Space>
      <QueryView query={q} isEmpty={(d) => d.length === 0} empty={t(k('noRequests'))}>
        {(list) => (
          <Table<TUpdateRequest>
            size="small"
            rowKey="id"
            data-testid={`requests-${box}`}
            dataSource={list}
            pagination={{ pageSize: 10, size: 'small', hideOnSinglePage: true }}
            expandable={
              box === 'inbox'
                ? {
                    expandedRowKeys: open === null ? [] : [open],
                    onExpand: (exp, r) => setOpen(exp ? r.id : null),
                    expandedRowRender: (r) => <Task id={r.id} />,
                  }
                : undefined
            }
            columns={[
              { title: '#', dataIndex: 'id', width: 60 },
              {
                title: box === 'inbox' ? t(k('owner')) : t(k('owner')),
                key: 'org',
                render: (_, r) => (box === 'inbox' ? r.fromOrgName : r.toOrgName),
              },
              { title: t(k('scope')), dataIndex: 'scope', render: (v: string) => <ScopeLabel v={v} /> },
              { title: t(k('dueOn')), dataIndex: 'dueOn', width: 110 },
              {
                title: t(k('state')),
                key: 'status',
                render: (_, r) => (
                  <>
                    <Tag color={STATE_COLOR[r.status]} data-testid={`request-state-${r.id}`}>
                      {r.status === 'open' ? t(k('stateOpenCount'), { count: r.open }) : t(k(`state_${r.status}`))}
                    </Tag>
                    {r.escalated && <Tag color="red">{t(k('escalated'))}</Tag>}
                  </>
                ),
              },
              { title: t(k('reminders')), dataIndex: 'reminders', width: 90, align: 'right' },
              ...(box === 'outbox'
                ? [
                    {
                      title: t(k('action')),
                      key: 'close',
                      width: 150,
                      render: (_: unknown, r: TUpdateRequest) =>
                        r.status === 'closed' || r.status === 'withdrawn' ? null : (
                          <Space size={4}>
                            <Button size="small" data-testid={`close-${r.id}`} onClick={() => closeAs(r.id, 'closed')}>
                              {t(k('closeRequest'))}
                            </Button>
                            <Button size="small" danger onClick={() => closeAs(r.id, 'cancelled')}>
                              {t(k('cancelRequest'))}
                            </Button>
                          </Space>
                        ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </QueryView>
    </>
  );
}

/** Stale facts per table page, and per answer of the server (its page). */
const LIST_PAGE = 10;
const SERVER_PAGE = 500;

function Overview({ scope }: { scope: string }) {
  const { t, i18n } = useTranslation();
  const perms = usePermissions();
  // The stale facts come 500 at a time; the table shows 10 a page and asks for the block its page is in.
  const [page, setPage] = useState(1);
  const block = Math.floor(((page - 1) * LIST_PAGE) / SERVER_PAGE) * SERVER_PAGE;
  const q = useFreshness(scope, block);
  const send = useSendRequest();
  const { message } = App.useApp();
  return (
    <QueryView query={q}>
      {(f) => (
        <>
          <Row gutter={12} style={{ marginBottom: 12 }}>
            <Col span={8}>
              <Card size="small">
                <Statistic title={t(k('score'))} value={f.totals.score ?? '—'} data-testid="freshness-score" />
              </Card>
            </Col>
            <Col span={8}>
              <Card size="small">
                <Statistic title={t(k('facts'))} value={f.totals.facts} />
              </Card>
            </Col>
            <Col span={8}>
              <Card size="small">
                <Statistic title={t(k('stale'))} value={f.totals.stale} />
              </Card>
            </Col>
          </Row>
          <Row gutter={12}>
            <Col xs={24} lg={12}>
              <Card size="small" title={t(k('park'))} style={{ marginBottom: 12 }}>
                <Table
                  size="small"
                  rowKey="parkId"
                  dataSource={f.parks}
                  pagination={{ pageSize: 8, size: 'small', hideOnSinglePage: true }}
                  columns={[
                    { title: t(k('park')), dataIndex: 'name' },
                    { title: t(k('facts')), dataIndex: 'facts', align: 'right' },
                    { title: t(k('stale')), dataIndex: 'stale', align: 'right' },
                    {
                      title: t(k('score')),
                      dataIndex: 'score',
                      width: 140,
                      render: (v: number | null) => (v === null ? '—' : <Progress size="small" percent={v} />),
                    },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t(k('owners'))} style={{ marginBottom: 12 }}>
                <Table
                  size="small"
                  rowKey="organisationId"
                  data-testid="freshness-owners"
                  dataSource={f.owners}
                  pagination={{ pageSize: 8, size: 'small', hideOnSinglePage: true }}
                  columns={[
                    { title: t(k('owner')), dataIndex: 'name' },
                    { title: t(k('stale')), dataIndex: 'stale', align: 'right', width: 70 },
                    {
                      title: '',
                      key: 'ask',
                      width: 110,
                      render: (_, o) =>
                        perms.may('cockpit.request_updates') ? (
                          <Button
                            size="small"
                            loading={send.isPending}
                            onClick={() =>
                              send.mutate(
                                { toOrganisationId: o.organisationId, scope },
                                {
                                  onSuccess: () => void message.success(t(k('requestSent'))),
                                  onError: (e) => void message.error(e.message),
                                },
                              )
                            }
                          >
                            {t(k('sendRequest'))}
                          </Button>
                        ) : null,
                    },
                  ]}
                />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t(k('staleFacts'))}>
            {f.stale.length === 0 ? (
              <EmptyState />
            ) : (
              <Table
                size="small"
                rowKey={(r) => `${r.kind}:${r.recordId}`}
                dataSource={f.stale.slice((page - 1) * LIST_PAGE - f.offset, page * LIST_PAGE - f.offset)}
                loading={q.isPlaceholderData}
                pagination={{
                  pageSize: LIST_PAGE,
                  size: 'small',
                  current: page,
                  total: f.totals.stale,
                  showSizeChanger: false,
                  onChange: setPage,
                }}
                scroll={{ x: 800 }}
                columns={[
                  {
                    title: t(k('kind')),
                    dataIndex: 'kind',
                    width: 110,
                    render: (v: string) => {
                      const r = f.rules.find((x) => x.kind === v);
                      return r ? (i18n.language.startsWith('en') ? r.labelEn : r.label) : v;
                    },
                  },
                  { title: t(k('target')), dataIndex: 'label' },
                  { title: t(k('asOfCol')), dataIndex: 'asOf', width: 110, render: (v: string | null) => v ?? '—' },
                  { title: t(k('dueBy')), dataIndex: 'dueBy', width: 110 },
                  { title: t(k('owner')), dataIndex: 'ownerOrgName', render: (v: string | null) => v ?? '—' },
                ]}
              />
            )}
          </Card>
        </>
      )}
    </QueryView>
  );
}

export default function FreshnessPage() {
  const { t } = useTranslation();
  const [scope, setScope] = useScope();
  const perms = usePermissions();
  return (
    <>
      <PageHeader title={t(k('freshnessTitle'))} extra={<ScopePicker value={scope} onChange={setScope} />} />
      <Tabs
        items={[
          ...(perms.may('cockpit.freshness')
            ? [{ key: 'overview', label: t(k('freshnessTitle')), children: <Overview key={scope} scope={scope} /> }]
            : []),
          { key: 'inbox', label: t(k('inbox')), children: <Requests box="inbox" /> },
          { key: 'outbox', label: t(k('outbox')), children: <Requests box="outbox" /> },
        ]}
      />
    </>
  );
}
