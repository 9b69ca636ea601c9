/** Pieces shared by the service pages: SLA clocks, status tags, the ticket drawer. */

import { LinkOutlined, PaperClipOutlined } from '@ant-design/icons';
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
  Upload,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_TICKET_FILE_BYTES, TICKET_FILE_TYPES } from '../../../contracts/services';
import { fmtDateTime, fmtNumber } from '../../app/format';
import { problemText } from '../../app/problems';
import { ErrorState, Loading } from '../../components/states';
import { SyntheticBadge } from '../../components/tags';
import { type TTicket, ticketFileUrl, usePostFile, usePostMessage, useTicket, useTicketAction } from './api';
import { workingTime } from './working-time';

const fileSize = (bytes: number, lang: string) =>
  bytes >= 1048576
    ? `${fmtNumber(bytes / 1048576, 1, lang)} MB`
    : `${fmtNumber(Math.max(1, bytes / 1024), 0, lang)} KB`;
const extOf = (name: string) => /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';

type Sla = TTicket['sla']['firstResponse'];
const SLA_COLOR: Record<Sla['status'], string> = {
  running: 'processing',
  paused: 'default',
  met: 'success',
  missed: 'error',
  overdue: 'error',
};

/** One target's clock: status, due time and working minutes left (or over). */
/** `zone`: name Beijing time after the due time (a table names it once, in its header). */
export function SlaClock({ sla, testId, zone = true }: { sla: Sla; testId?: string; zone?: boolean }) {
  const { t, i18n } = useTranslation();
  const m = sla.remainingMinutes;
  return (
    <Space size={4} wrap data-testid={testId}>
      <Tag color={SLA_COLOR[sla.status]}>{t(`services.sla_${sla.status}`)}</Tag>
      {sla.dueAt && (
        <Typography.Text type="secondary" data-testid={testId ? `${testId}-due` : undefined}>
          {fmtDateTime(sla.dueAt, i18n.language)}
          {zone && ` ${t('services.beijingTime')}`}
        </Typography.Text>
      )}
      {m !== null && sla.status === 'running' && (
        <Typography.Text type={m < 60 ? 'warning' : 'secondary'}>
          {workingTime((k, o) => t(k as never, o), 'remaining', m)}
        </Typography.Text>
      )}
      {m !== null && sla.status === 'overdue' && Math.round(-m) > 0 && (
        <Typography.Text type="danger">{workingTime((k, o) => t(k as never, o), 'overdue', -m)}</Typography.Text>
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
  const [file, setFile] = useState<File | null>(null);
  // Links (name + http(s) address) sent with a reply or note; the message carries either links or one file.
  const [links, setLinks] = useState<{ name: string; url: string }[]>([]);
  const [linkName, setLinkName] = useState('');
  const [linkUrl, setLinkUrl] = useState('');
  const [linkOpen, setLinkOpen] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const postFile = usePostFile(id ?? 0, setProgress);
  const sending = post.isPending || postFile.isPending;
  const act = useTicketAction(id ?? 0);
  const [text, setText] = useState('');
  const [wait, setWait] = useState(false);
  const [mergeInto, setMergeInto] = useTicketState();
  const fail = (e: unknown) => void message.error(problemText(e, i18n.language, t('common.networkError')));
  const tk = q.data;
  const closed = tk?.status === 'closed' || tk?.status === 'merged';
  const sent = {
    onSuccess: () => {
      setText('');
      setWait(false);
      setFile(null);
      setLinks([]);
      setLinkOpen(false);
    },
    onError: fail,
    onSettled: () => setProgress(null),
  };
  const send = (kind: 'reply' | 'note') =>
    file
      ? postFile.mutate({ file, kind, body: text, waitOnEnterprise: kind === 'reply' && wait }, sent)
      : post.mutate({ kind, body: text, attachments: links, waitOnEnterprise: kind === 'reply' && wait }, sent);
  const addLink = () => {
    const name = linkName.trim();
    const url = linkUrl.trim();
    if (!name || !/^https?:\/\/\S+$/.test(url)) {
      void message.error(t(name ? 'services.linkBadUrl' : 'services.linkNoName'));
      return;
    }
    setLinks([...links, { name, url }]);
    setLinkName('');
    setLinkUrl('');
    setLinkOpen(false);
  };
  const canSend = Boolean(text.trim() || file);
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
            <SlaClock sla={tk.sla.resolution} testId="drawer-sla-resolution" />
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
                  {m.body && <div style={{ whiteSpace: 'pre-wrap' }}>{m.body}</div>}
                  {m.files.map((f) => (
                    <div key={f.id}>
                      <a
                        href={ticketFileUrl(tk.id, f.id)}
                        target="_blank"
                        rel="noreferrer"
                        data-testid={`ticket-file-${f.id}`}
                      >
                        <PaperClipOutlined /> {f.fileName}
                      </a>{' '}
                      <Typography.Text type="secondary">{fileSize(f.sizeBytes, i18n.language)}</Typography.Text>
                    </div>
                  ))}
                  {/* Links sent through the API (name + http(s) address): opened outside the app, without our referrer. */}
                  {m.attachments
                    .filter((x) => /^https?:\/\//.test(x.url))
                    .map((x) => (
                      <div key={`${x.name} ${x.url}`}>
                        <a
                          href={x.url}
                          target="_blank"
                          rel="noopener noreferrer nofollow"
                          data-testid="ticket-link"
                          title={x.url}
                        >
                          <LinkOutlined /> {x.name}
                        </a>
                      </div>
                    ))}
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
              <Space wrap>
                <Upload
                  showUploadList={false}
                  maxCount={1}
                  disabled={links.length > 0}
                  beforeUpload={(f) => {
                    if (!Object.hasOwn(TICKET_FILE_TYPES, extOf(f.name)))
                      void message.error(t('services.fileType', { name: f.name }));
                    else if (f.size > MAX_TICKET_FILE_BYTES)
                      void message.error(t('services.fileTooBig', { name: f.name }));
                    else setFile(f);
                    return Upload.LIST_IGNORE;
                  }}
                >
                  <Button icon={<PaperClipOutlined />} data-testid="attach-file">
                    {t('services.attachFile')}
                  </Button>
                </Upload>
                <Button
                  icon={<LinkOutlined />}
                  disabled={file !== null || links.length >= 10}
                  onClick={() => setLinkOpen(!linkOpen)}
                  data-testid="add-link"
                >
                  {t('services.addLink')}
                </Button>
                {links.map((l, i) => (
                  <Tag
                    key={`${l.name} ${l.url}`}
                    closable
                    onClose={() => setLinks(links.filter((_, j) => j !== i))}
                    closeIcon={<span title={t('services.removeLink')}>×</span>}
                    title={l.url}
                    data-testid="pending-link"
                  >
                    <LinkOutlined /> {l.name}
                  </Tag>
                ))}
                {file ? (
                  <Tag
                    closable
                    onClose={() => setFile(null)}
                    closeIcon={<span title={t('services.removeFile')}>×</span>}
                  >
                    {file.name} · {fileSize(file.size, i18n.language)}
                  </Tag>
                ) : (
                  links.length === 0 && <Typography.Text type="secondary">{t('services.attachHint')}</Typography.Text>
                )}
              </Space>
              {linkOpen && (
                <Space.Compact style={{ width: '100%' }}>
                  <Input
                    style={{ width: '35%' }}
                    placeholder={t('services.linkName')}
                    value={linkName}
                    maxLength={200}
                    onChange={(e) => setLinkName(e.target.value)}
                    data-testid="link-name"
                  />
                  <Input
                    placeholder="https://…"
                    value={linkUrl}
                    maxLength={2000}
                    onChange={(e) => setLinkUrl(e.target.value)}
                    onPressEnter={addLink}
                    data-testid="link-url"
                  />
                  <Button onClick={addLink} data-testid="link-add">
                    {t('services.linkAdd')}
                  </Button>
                </Space.Compact>
              )}
              {staff && (
                <Checkbox checked={wait} onChange={(e) => setWait(e.target.checked)}>
                  {t('services.waitOnEnterprise')}
                </Checkbox>
              )}
              <Space wrap>
                <Button
                  type="primary"
                  disabled={!canSend}
                  loading={sending}
                  onClick={() => send('reply')}
                  data-testid="send-reply"
                >
                  {progress !== null && progress < 1
                    ? `${Math.round(progress * 100)}%`
                    : staff
                      ? t('services.reply')
                      : t('services.replyAsFirm')}
                </Button>
                {staff && (
                  <Button disabled={!canSend} loading={sending} onClick={() => send('note')} data-testid="send-note">
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
