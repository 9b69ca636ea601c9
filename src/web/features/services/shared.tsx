/** Pieces shared by the service pages: SLA clocks, status tags, the ticket drawer. */
import {
  Alert,
  App,
  Button,
  Checkbox,
  Drawer,
  Flex,
  Input,
  InputNumber,
  Rate,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fmtDateTime } from '../../app/format';
import { problemText } from '../../app/problems';
import { ErrorState, Loading } from '../../components/states';
import { SyntheticBadge } from '../../components/tags';
import { type TTicket, usePostMessage, useTicket, useTicketAction } from './api';

type Sla = TTicket['sla']['firstResponse'];
const SLA_COLOR: Record<Sla['status'], string> = {
  running: 'processing',
  paused: 'default',
  met: 'success',
  missed: 'error',
  overdue: 'error',
};

/** One target's clock: status, due time and working minutes left (or over). */
export function SlaClock({ sla, testId }: { sla: Sla; testId?: string }) {
  const { t, i18n } = useTranslation();
  const m = sla.remainingMinutes;
  return (
    <Space size={4} wrap data-testid={testId}>
      <Tag color={SLA_COLOR[sla.status]}>{t(`services.sla_${sla.status}`)}</Tag>
      {sla.dueAt && <Typography.Text type="secondary">{fmtDateTime(sla.dueAt, i18n.language)}</Typography.Text>}
      {m !== null && sla.status === 'running' && (
        <Typography.Text type={m < 60 ? 'warning' : 'secondary'}>
          {t('services.remaining', { m: Math.round(m) })}
        </Typography.Text>
      )}
      {m !== null && sla.status === 'overdue' && Math.round(-m) > 0 && (
        <Typography.Text type="danger">{t('services.overdueBy', { m: Math.round(-m) })}</Typography.Text>
      )}
    </Space>
  );
}

export function StatusTag({ status }: { status: TTicket['status'] }) {
  const { t } = useTranslation();
  const color =
    status === 'open' ? 'blue' : status === 'waiting_enterprise' ? 'gold' : status === 'merged' ? 'default' : 'green';
  return <Tag color={color}>{t(`services.st_${status}`)}</Tag>;
}

/** A ticket with its messages and what the viewer may do: the firm replies, rates, reopens; staff also note and act. */
export function TicketDrawer({ id, onClose, staff }: { id: number | null; onClose: () => void; staff: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const q = useTicket(id);
  const post = usePostMessage(id ?? 0);
  const act = useTicketAction(id ?? 0);
  const [text, setText] = useState('');
  const [wait, setWait] = useState(false);
  const [mergeInto, setMergeInto] = useTicketState();
  const fail = (e: unknown) => void message.error(problemText(e, i18n.language, t('common.networkError')));
  const tk = q.data;
  const closed = tk?.status === 'closed' || tk?.status === 'merged';
  const send = (kind: 'reply' | 'note') =>
    post.mutate(
      { kind, body: text, waitOnEnterprise: kind === 'reply' && wait },
      {
        onSuccess: () => {
          setText('');
          setWait(false);
        },
        onError: fail,
      },
    );
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      width={620}
      title={tk ? `#${tk.id} ${tk.title}` : ''}
      data-testid="ticket-drawer"
    >
      {q.isLoading && <Loading />}
      {q.error && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
      {tk && (
        <Flex vertical gap={12}>
          <Space wrap>
            <StatusTag status={tk.status} />
            <Tag>{t(`services.sys_${tk.system}`)}</Tag>
            <Tag>{t(`services.lv_${tk.level}`)}</Tag>
            {tk.teamName && <Typography.Text type="secondary">{tk.teamName}</Typography.Text>}
            {tk.channel === 'visit' && <Tag color="purple">{t('services.fromVisit')}</Tag>}
            <SyntheticBadge synthetic={tk.synthetic} />
          </Space>
          <div>
            <Typography.Text strong>{t('services.firstResponse')}：</Typography.Text>
            <SlaClock sla={tk.sla.firstResponse} testId="drawer-sla-first" />
          </div>
          <div>
            <Typography.Text strong>{t('services.resolution')}：</Typography.Text>
            <SlaClock sla={tk.sla.resolution} />
          </div>
          {tk.satisfaction !== null && <Typography.Text>{t('services.rated', { n: tk.satisfaction })}</Typography.Text>}
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('services.messages')}
          </Typography.Title>
          <Timeline
            items={tk.messages.map((m) => ({
              color: m.kind === 'note' ? 'gray' : m.fromEnterprise ? 'green' : 'blue',
              children: (
                <div data-testid={`message-${m.kind}`}>
                  <Typography.Text type="secondary">
                    {m.authorName} · {fmtDateTime(m.createdAt, i18n.language)}
                    {m.kind === 'note' && ` · ${t('services.note')}`}
                  </Typography.Text>
                  <div style={{ whiteSpace: 'pre-wrap' }}>{m.body}</div>
                </div>
              ),
            }))}
          />
          {!closed && (
            <Flex vertical gap={8}>
              <Input.TextArea
                rows={3}
                value={text}
                onChange={(e) => setText(e.target.value)}
                maxLength={5000}
                data-testid="message-text"
              />
              {staff && (
                <Checkbox checked={wait} onChange={(e) => setWait(e.target.checked)}>
                  {t('services.waitOnEnterprise')}
                </Checkbox>
              )}
              <Space wrap>
                <Button
                  type="primary"
                  disabled={!text.trim()}
                  loading={post.isPending}
                  onClick={() => send('reply')}
                  data-testid="send-reply"
                >
                  {staff ? t('services.reply') : t('services.replyAsFirm')}
                </Button>
                {staff && (
                  <Button
                    disabled={!text.trim()}
                    loading={post.isPending}
                    onClick={() => send('note')}
                    data-testid="send-note"
                  >
                    {t('services.note')}
                  </Button>
                )}
              </Space>
            </Flex>
          )}
          <Space wrap>
            {staff && (tk.status === 'open' || tk.status === 'waiting_enterprise') && (
              <Button
                onClick={() => act.mutate({ action: 'resolve', body: '' }, { onError: fail })}
                data-testid="resolve"
              >
                {t('services.resolve')}
              </Button>
            )}
            {!closed && (
              <Button onClick={() => act.mutate({ action: 'close' }, { onError: fail })}>{t('services.close')}</Button>
            )}
            {(tk.status === 'resolved' || tk.status === 'closed') && (
              <Button
                disabled={!text.trim()}
                onClick={() =>
                  act.mutate({ action: 'reopen', body: text }, { onSuccess: () => setText(''), onError: fail })
                }
              >
                {t('services.reopen')}
              </Button>
            )}
            {staff && tk.status !== 'merged' && (
              <Space.Compact>
                <InputNumber
                  min={1}
                  placeholder={t('services.mergeInto')}
                  value={mergeInto}
                  onChange={(v) => setMergeInto(v)}
                />
                <Button
                  disabled={!mergeInto}
                  onClick={() => act.mutate({ action: 'merge', intoTicketId: Number(mergeInto) }, { onError: fail })}
                >
                  {t('services.merge')}
                </Button>
              </Space.Compact>
            )}
          </Space>
          {!staff && (tk.status === 'resolved' || tk.status === 'closed') && tk.satisfaction === null && (
            <Alert
              type="info"
              message={
                <Space>
                  {t('services.rate')}
                  <Rate
                    onChange={(n) => act.mutate({ action: 'rate', satisfaction: n, comment: '' }, { onError: fail })}
                  />
                </Space>
              }
            />
          )}
        </Flex>
      )}
    </Drawer>
  );
}

function useTicketState() {
  return useState<number | null>(null);
}
