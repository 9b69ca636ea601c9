/** Requests tab: filter by status and participant (in the URL), accept / decline / cancel, send a new request. */
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Form, Input, Modal, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { fmtDateTime, parseIntParam } from '../../app/format';
import { useUrlState } from '../../app/useUrlState';
import { ServerErrorList } from '../../components/formErrors';
import { QueryTable } from '../../components/QueryTable';
import { SyntheticBadge } from '../../components/tags';
import { useServerErrors } from '../../components/useServerErrors';
import { type TConference, type TRequest, useAnswerRequest, useParticipants, useRequests, useSendRequest } from './api';
import { SheetImport } from './SheetImport';
import { PriorityTag, REQUEST_STATUSES, StatusTag, useErrorText } from './shared';

export function RequestsTab({ conf }: { conf: TConference }) {
  const { t, i18n } = useTranslation();
  const { get, set } = useUrlState();
  const status = get('status');
  const who = parseIntParam(get('who'));
  const list = useRequests(conf.eventId, { status, participantId: who });
  const people = useParticipants(conf.eventId);
  const answer = useAnswerRequest(conf.eventId);
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [sending, setSending] = useState(false);
  const own = new Set(conf.ownParticipantIds);
  const act = (rid: number, action: 'accept' | 'decline' | 'cancel') =>
    answer.mutateAsync({ rid, action }).catch((e: unknown) => void message.error(errorText(e)));

  const columns = [
    {
      title: t('conference.from'),
      key: 'from',
      render: (_: unknown, r: TRequest) => `${r.fromOrganisation}（${r.fromName}）`,
    },
    { title: t('conference.to'), key: 'to', render: (_: unknown, r: TRequest) => `${r.toOrganisation}（${r.toName}）` },
    {
      title: t('conference.priority'),
      dataIndex: 'priority',
      width: 100,
      render: (v: number) => <PriorityTag priority={v} />,
    },
    {
      title: t('conference.status'),
      dataIndex: 'status',
      width: 150,
      render: (v: TRequest['status'], r: TRequest) => (
        <Space size={4}>
          <StatusTag status={v} />
          <SyntheticBadge synthetic={r.synthetic} />
        </Space>
      ),
    },
    {
      title: t('conference.expiresAt'),
      dataIndex: 'expiresAt',
      width: 150,
      render: (v: string | null, r: TRequest) =>
        r.status === 'pending' && v ? fmtDateTime(v, i18n.language) : t('common.none'),
    },
    {
      title: t('conference.message'),
      dataIndex: 'message',
      ellipsis: true,
      render: (v: string | null, r: TRequest) => (
        <Space size={4} wrap>
          {r.dockingMatchId !== null && (
            <Link to={`/docking/matches/${r.dockingMatchId}`}>
              <Tag color="geekblue">{t('conference.source_docking_match')}</Tag>
            </Link>
          )}
          {r.gapNodeId !== null && <Tag color="purple">{t('conference.source_chain_gap')}</Tag>}
          {v ?? (r.dockingMatchId === null && r.gapNodeId === null ? t('common.none') : null)}
        </Space>
      ),
    },
    {
      title: '',
      key: 'actions',
      width: 170,
      render: (_: unknown, r: TRequest) => {
        const invitee = conf.mayManage || own.has(r.toId);
        const side = conf.mayManage || own.has(r.toId) || own.has(r.fromId);
        return (
          <Space size={4}>
            {r.status === 'pending' && invitee && (
              <>
                <Button
                  size="small"
                  type="primary"
                  onClick={() => void act(r.id, 'accept')}
                  data-testid={`accept-${r.id}`}
                >
                  {t('conference.accept')}
                </Button>
                <Button size="small" onClick={() => void act(r.id, 'decline')} data-testid={`decline-${r.id}`}>
                  {t('conference.decline')}
                </Button>
              </>
            )}
            {side && (r.status === 'accepted' || (r.status === 'pending' && (conf.mayManage || own.has(r.fromId)))) && (
              <Button size="small" danger type="text" onClick={() => void act(r.id, 'cancel')}>
                {t('conference.cancelRequest')}
              </Button>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          value={status}
          placeholder={t('conference.status')}
          style={{ width: 140 }}
          onChange={(v) => set({ status: v })}
          options={REQUEST_STATUSES.map((s) => ({ value: s, label: t(`conference.status_${s}`) }))}
          data-testid="status-filter"
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          value={who}
          placeholder={t('conference.pickParticipant')}
          style={{ width: 280 }}
          onChange={(v) => set({ who: v })}
          options={(people.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.organisation}（${p.person}）` }))}
        />
        {(conf.mayManage || own.size > 0) && (
          <Button icon={<PlusOutlined />} type="primary" onClick={() => setSending(true)} data-testid="new-request">
            {t('conference.newRequest')}
          </Button>
        )}
        {conf.mayManage && <SheetImport conf={conf} what="requests" />}
      </Space>
      <QueryTable
        rowKey="id"
        query={list}
        columns={columns}
        filtered={Boolean(status || who)}
        testId="requests-table"
      />
      {sending && <SendRequest conf={conf} onClose={() => setSending(false)} />}
    </div>
  );
}

function SendRequest({ conf, onClose }: { conf: TConference; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const server = useServerErrors(['fromId', 'toId', 'priority', 'message', 'status']);
  const send = useSendRequest(conf.eventId);
  const people = useParticipants(conf.eventId);
  const all = (people.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.organisation}（${p.person}）` }));
  const fromOptions = conf.mayManage ? all : all.filter((o) => conf.ownParticipantIds.includes(o.value));
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await send.mutateAsync({ ...v, status: v.accepted ? 'accepted' : 'pending', accepted: undefined });
      void message.success(t('conference.sent'));
      onClose();
    } catch (e) {
      server.setError(e);
    }
  };
  return (
    <Modal
      open
      title={t('conference.newRequest')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={send.isPending}
      okButtonProps={{ 'data-testid': 'request-submit' } as never}
      destroyOnHidden
    >
      <ServerErrorList items={server.unmatched} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ priority: 2, fromId: fromOptions.length === 1 ? fromOptions[0]?.value : undefined }}
        onValuesChange={server.onValuesChange}
      >
        <Form.Item name="fromId" label={t('conference.from')} {...server.itemProps(['fromId'])}>
          <Select showSearch optionFilterProp="label" options={fromOptions} data-testid="request-from" />
        </Form.Item>
        <Form.Item name="toId" label={t('conference.to')} {...server.itemProps(['toId'])}>
          <Select showSearch optionFilterProp="label" options={all} data-testid="request-to" />
        </Form.Item>
        <Form.Item name="priority" label={t('conference.priority')} {...server.itemProps(['priority'])}>
          <Select
            options={[3, 2, 1].map((p) => ({
              value: p,
              label: t(`conference.priority_${p}` as 'conference.priority_1'),
            }))}
          />
        </Form.Item>
        <Form.Item name="message" label={t('conference.message')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        {conf.mayManage && (
          <Form.Item name="accepted" valuePropName="checked" {...server.itemProps(['status'])}>
            <Checkbox data-testid="request-accepted">{t('conference.recordAccepted')}</Checkbox>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
