/** Sections of the project page that write: follow-ups, supervision orders, contacts, documents. */
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  List,
  Popconfirm,
  Select,
  Space,
  Tag,
  Typography,
  Upload,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FOLLOW_UP_KINDS } from '../../../contracts/invest';
import { fmtNumber } from '../../app/format';
import { useCurrentUser } from '../../app/session';
import { API_BASE, api, upload } from '../../client/client';
import { ServerErrorList } from '../../components/formErrors';
import { SyntheticBadge } from '../../components/tags';
import { useServerErrors } from '../../components/useServerErrors';
import { type ProjectDetail, useInvestMutation, usePeople } from './api';
import { errorText, k } from './shared';

type V = Record<string, unknown>;
const iso = (d: unknown) => (d ? (d as dayjs.Dayjs).format('YYYY-MM-DD') : null);

/** A small inline form posting to the API, with server problems under the fields. */
function InlineForm({
  fields,
  post,
  children,
  submitText,
  testId,
}: {
  fields: string[];
  post: (v: V) => Promise<unknown>;
  children: React.ReactNode;
  submitText: string;
  testId: string;
}) {
  const [form] = Form.useForm<V>();
  const server = useServerErrors(fields);
  const m = useInvestMutation(post);
  return (
    <Form
      form={form}
      layout="inline"
      style={{ rowGap: 8, marginTop: 8 }}
      onValuesChange={server.onValuesChange}
      onFinish={(v) => {
        server.clear();
        m.mutateAsync(
          Object.fromEntries(
            Object.entries(v).map(([key, x]) => [key, typeof x === 'string' && x.trim() === '' ? null : x]),
          ),
        ).then(() => form.resetFields(), server.setError);
      }}
      data-testid={testId}
    >
      <ServerErrorList items={server.unmatched} />
      <FieldErrors server={server}>{children}</FieldErrors>
      <Form.Item>
        <Button type="primary" htmlType="submit" loading={m.isPending}>
          {submitText}
        </Button>
      </Form.Item>
    </Form>
  );
}

/** Passes each Form.Item child its server error (by its name). */
function FieldErrors({ server, children }: { server: ReturnType<typeof useServerErrors>; children: React.ReactNode }) {
  const items = Array.isArray(children) ? children : [children];
  return (
    <>
      {items.map((c, i) => {
        const el = c as React.ReactElement<{ name?: string }>;
        const name = el?.props?.name;
        return name ? (
          <Form.Item key={name} {...(el.props as object)} {...server.itemProps([name])} />
        ) : (
          <span key={`x${String(i)}`}>{c}</span>
        );
      })}
    </>
  );
}

export function FollowUpsCard({ d }: { d: ProjectDetail }) {
  const { t } = useTranslation();
  const p = d.project;
  return (
    <Card size="small" title={t('invest.followUps')} style={{ marginBottom: 12 }} data-testid="follow-ups">
      <List
        size="small"
        dataSource={d.followUps}
        locale={{ emptyText: '—' }}
        renderItem={(f) => (
          <List.Item>
            <div>
              <Tag>{t(k(`invest.fu_${f.kind}`))}</Tag>
              {f.onDate} · {f.note} {f.nextOn && <Typography.Text type="secondary">→ {f.nextOn}</Typography.Text>}{' '}
              <Typography.Text type="secondary">{f.byName}</Typography.Text> <SyntheticBadge synthetic={f.synthetic} />
            </div>
          </List.Item>
        )}
      />
      {p.canEdit && (
        <InlineForm
          testId="follow-up-form"
          fields={['onDate', 'kind', 'note', 'nextOn']}
          submitText={t('invest.addFollowUp')}
          post={(v) =>
            api.post(`/projects/${p.id}/follow-ups`, {
              ...v,
              onDate: iso(v.onDate) ?? undefined,
              nextOn: iso(v.nextOn),
            })
          }
        >
          <Form.Item
            name="onDate"
            label={t('invest.followUpDate')}
            initialValue={dayjs()}
            rules={[{ required: true, message: t('invest.requiredField') }]}
          >
            <DatePicker />
          </Form.Item>
          <Form.Item name="kind" label={t('invest.followUpKind')} initialValue="visit">
            <Select
              style={{ width: 160 }}
              options={FOLLOW_UP_KINDS.map((x) => ({ value: x, label: t(`invest.fu_${x}`) }))}
            />
          </Form.Item>
          <Form.Item name="note" label={t('invest.note')}>
            <Input.TextArea
              autoSize={{ minRows: 1, maxRows: 4 }}
              style={{ width: 320 }}
              maxLength={2000}
              data-testid="follow-up-note"
            />
          </Form.Item>
          <Form.Item name="nextOn" label={t('invest.nextOn')}>
            <DatePicker />
          </Form.Item>
        </InlineForm>
      )}
    </Card>
  );
}

export function OrdersCard({ d }: { d: ProjectDetail }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const people = usePeople();
  const p = d.project;
  const [answer, setAnswer] = useState<Record<number, string>>({});
  const act = useInvestMutation((b: { url: string; body: V }) => api.post(b.url, b.body));
  const run = (url: string, body: V) =>
    act
      .mutateAsync({ url, body })
      .catch((e: unknown) => void message.error(errorText(e, i18n.language, t('common.networkError'))));
  const leader = user?.role === 'city_admin';
  if (d.orders.length === 0 && !leader) return null;
  return (
    <Card size="small" title={t('invest.orders')} style={{ marginBottom: 12 }} data-testid="orders">
      <List
        size="small"
        dataSource={d.orders}
        locale={{ emptyText: '—' }}
        renderItem={(o) => (
          <List.Item>
            <div style={{ width: '100%' }}>
              <Space wrap>
                <Tag color={o.status === 'closed' ? 'default' : o.overdue ? 'red' : 'orange'}>
                  {t(k(`invest.orderStatus_${o.status}`))}
                </Tag>
                <span>{o.instruction}</span>
                <Typography.Text type={o.overdue ? 'danger' : 'secondary'}>
                  {t('invest.dueOn')} {o.dueOn}
                  {o.overdue ? ` · ${t('invest.overdue')}` : ''}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {o.issuedByName} → {o.assigneeName}
                </Typography.Text>
                <SyntheticBadge synthetic={o.synthetic} />
              </Space>
              {o.response && <div>↳ {o.response}</div>}
              {o.status === 'open' && user && (user.id === o.assigneeId || leader) && (
                <Space.Compact style={{ width: '100%', marginTop: 4 }}>
                  <Input
                    placeholder={t('invest.response')}
                    value={answer[o.id] ?? ''}
                    onChange={(e) => setAnswer({ ...answer, [o.id]: e.target.value })}
                    data-testid={`order-response-${o.id}`}
                  />
                  <Button
                    onClick={() =>
                      void run(`/invest/orders/${o.id}/respond`, { response: answer[o.id] ?? '', version: o.version })
                    }
                  >
                    {t('invest.respond')}
                  </Button>
                </Space.Compact>
              )}
              {o.status === 'responded' && leader && (
                <Button
                  size="small"
                  style={{ marginTop: 4 }}
                  onClick={() => void run(`/invest/orders/${o.id}/close`, { version: o.version })}
                >
                  {t('invest.closeOrder')}
                </Button>
              )}
            </div>
          </List.Item>
        )}
      />
      {leader && (
        <InlineForm
          testId="order-form"
          fields={['instruction', 'dueOn', 'assigneeId']}
          submitText={t('invest.issueOrder')}
          post={(v) =>
            api.post(`/projects/${p.id}/orders`, {
              ...v,
              dueOn: iso(v.dueOn) ?? undefined,
              assigneeId: v.assigneeId ?? null,
            })
          }
        >
          <Form.Item name="instruction" label={t('invest.instruction')}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} style={{ width: 360 }} maxLength={1000} />
          </Form.Item>
          <Form.Item name="dueOn" label={t('invest.dueOn')}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="assigneeId" label={t('invest.assignee')}>
            <Select
              allowClear
              style={{ width: 240 }}
              placeholder={p.ownerName ?? ''}
              options={(people.data?.items ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
            />
          </Form.Item>
        </InlineForm>
      )}
    </Card>
  );
}

function ChildList({
  d,
  title,
  path,
  items,
  render,
  form,
}: {
  d: ProjectDetail;
  title: string;
  path: 'contacts' | 'documents';
  items: { id: number }[];
  render: (x: never) => React.ReactNode;
  form: React.ReactNode;
}) {
  const { t } = useTranslation();
  const p = d.project;
  const remove = useInvestMutation((id: number) => api.delete(`/projects/${p.id}/${path}/${id}`));
  return (
    <Card size="small" title={title} style={{ marginBottom: 12 }}>
      {d.contactsHidden ? (
        <Typography.Text type="secondary">{t('invest.hiddenForCodeName')}</Typography.Text>
      ) : (
        <>
          <List
            size="small"
            dataSource={items}
            locale={{ emptyText: '—' }}
            renderItem={(x) => (
              <List.Item
                actions={
                  p.canEdit
                    ? [
                        <Popconfirm key="rm" title={t('invest.remove')} onConfirm={() => remove.mutate(x.id)}>
                          <Button size="small" type="link" danger>
                            {t('invest.remove')}
                          </Button>
                        </Popconfirm>,
                      ]
                    : []
                }
              >
                {render(x as never)}
              </List.Item>
            )}
          />
          {p.canEdit && form}
        </>
      )}
    </Card>
  );
}

export function ContactsCard({ d }: { d: ProjectDetail }) {
  const { t } = useTranslation();
  return (
    <ChildList
      d={d}
      title={t('invest.contacts')}
      path="contacts"
      items={d.contacts}
      render={(c: ProjectDetail['contacts'][number]) => (
        <span>
          {c.name} {c.title && `· ${c.title}`} {c.phone && `· ${c.phone}`} {c.email && `· ${c.email}`}
        </span>
      )}
      form={
        <InlineForm
          testId="contact-form"
          fields={['name', 'title', 'phone', 'email']}
          submitText={t('invest.addContact')}
          post={(v) => api.post(`/projects/${d.project.id}/contacts`, v)}
        >
          <Form.Item name="name" label={t('invest.contactName')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="title" label={t('invest.contactTitle')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="phone" label={t('invest.phone')}>
            <Input maxLength={40} />
          </Form.Item>
        </InlineForm>
      }
    />
  );
}

/** Largest file a document may hold (the server's MAX_DOCUMENT_BYTES). */
const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

const fileSize = (bytes: number, lang: string) =>
  bytes >= 1048576
    ? `${fmtNumber(bytes / 1048576, 1, lang)} MB`
    : `${fmtNumber(Math.max(1, bytes / 1024), 0, lang)} KB`;

/** Attaches a file as a new document, with progress; refuses a too-large file before sending it. */
function DocumentUpload({ projectId }: { projectId: number }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [progress, setProgress] = useState<number | null>(null);
  const send = useInvestMutation((file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return upload(`/projects/${projectId}/documents/upload`, form, setProgress);
  });
  return (
    <Upload
      showUploadList={false}
      beforeUpload={(file) => {
        if (file.size > MAX_DOCUMENT_BYTES) {
          void message.error(t('invest.fileTooLarge', { name: file.name, max: '20 MB' }));
          return Upload.LIST_IGNORE;
        }
        setProgress(0);
        send.mutate(file, {
          onSuccess: () => void message.success(t('invest.fileUploaded', { name: file.name })),
          onError: (e) => void message.error(errorText(e, i18n.language, t('common.networkError'))),
          onSettled: () => setProgress(null),
        });
        return false;
      }}
    >
      <Button icon={<UploadOutlined />} loading={progress !== null} data-testid="document-upload">
        {progress !== null ? `${Math.round(progress * 100)}%` : t('invest.uploadFile')}
      </Button>
    </Upload>
  );
}

export function DocumentsCard({ d }: { d: ProjectDetail }) {
  const { t, i18n } = useTranslation();
  return (
    <ChildList
      d={d}
      title={t('invest.documents')}
      path="documents"
      items={d.documents}
      render={(x: ProjectDetail['documents'][number]) => (
        <span data-testid={`document-${x.id}`}>
          {x.fileName ? (
            <a href={`${API_BASE}/projects/${d.project.id}/documents/${x.id}/file`} target="_blank" rel="noreferrer">
              <PaperClipOutlined /> {x.name}
            </a>
          ) : x.url ? (
            <a href={x.url} target="_blank" rel="noreferrer noopener">
              {x.name}
            </a>
          ) : (
            x.name
          )}
          {x.sizeBytes !== null && (
            <Typography.Text type="secondary"> · {fileSize(x.sizeBytes, i18n.language)}</Typography.Text>
          )}
          {x.note && <Typography.Text type="secondary"> · {x.note}</Typography.Text>}
        </span>
      )}
      form={
        <>
          <div style={{ margin: '8px 0' }}>
            <DocumentUpload projectId={d.project.id} />
            <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
              {t('invest.uploadHint')}
            </Typography.Text>
          </div>
          <InlineForm
            testId="document-form"
            fields={['name', 'url', 'note']}
            submitText={t('invest.addDocument')}
            post={(v) => api.post(`/projects/${d.project.id}/documents`, v)}
          >
            <Form.Item name="name" label={t('invest.docName')}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="url" label={t('invest.docUrl')}>
              <Input maxLength={1000} placeholder={t('invest.docUrlPlaceholder')} />
            </Form.Item>
          </InlineForm>
        </>
      }
    />
  );
}
