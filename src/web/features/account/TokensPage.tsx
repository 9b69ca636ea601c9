/** My API tokens: for scripts and other systems; created read-only unless asked, shown once, revocable. */
import { KeyOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fmtDateTime } from '../../app/format';
import { problemText } from '../../app/problems';
import { type ApiToken, useCreateToken, useRevokeToken, useTokens } from '../../client/auth';
import { ServerErrorList } from '../../components/formErrors';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState } from '../../components/states';
import { useServerErrors } from '../../components/useServerErrors';

interface Values {
  name: string;
  readOnly: boolean;
  expiresInDays?: number | null;
}

function statusOf(tk: ApiToken, now: string): 'revoked' | 'expired' | 'active' {
  if (tk.revokedAt) return 'revoked';
  if (tk.expiresAt && tk.expiresAt < now) return 'expired';
  return 'active';
}

export default function TokensPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const lang = i18n.language;
  const tokens = useTokens();
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const server = useServerErrors(['name', 'readOnly', 'expiresInDays']);
  const now = new Date().toISOString();

  const submit = (v: Values) => {
    server.clear();
    create.mutate(
      { name: v.name.trim(), readOnly: v.readOnly, ...(v.expiresInDays ? { expiresInDays: v.expiresInDays } : {}) },
      {
        onSuccess: (r) => {
          setCreating(false);
          form.resetFields();
          setCreated(r.token);
        },
        onError: server.setError,
      },
    );
  };

  const status = { active: 'green', expired: 'default', revoked: 'red' } as const;
  return (
    <>
      <PageHeader
        crumbs={[{ title: t('account.title') }, { title: t('account.tokens') }]}
        title={t('account.tokens')}
        subtitle={t('account.tokensIntro')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-token">
            {t('account.newToken')}
          </Button>
        }
      />
      <Card size="small">
        {tokens.isError ? (
          <ErrorState error={tokens.error} onRetry={() => void tokens.refetch()} />
        ) : (
          <Table<ApiToken>
            rowKey="id"
            size="middle"
            loading={tokens.isPending}
            dataSource={tokens.data?.items}
            pagination={false}
            data-testid="token-table"
            locale={{ emptyText: tokens.isPending ? ' ' : <EmptyState description={t('account.noTokens')} /> }}
            columns={[
              {
                title: t('account.tokenName'),
                key: 'name',
                render: (_: unknown, tk) => (
                  <span>
                    <KeyOutlined /> {tk.name}{' '}
                    <Typography.Text type="secondary" code>
                      {tk.prefix}…
                    </Typography.Text>
                  </span>
                ),
              },
              {
                title: t('account.tokenAccess'),
                key: 'ro',
                width: 120,
                render: (_: unknown, tk) =>
                  tk.readOnly ? <Tag>{t('account.readOnly')}</Tag> : <Tag color="orange">{t('account.readWrite')}</Tag>,
              },
              {
                title: t('account.createdAt'),
                key: 'created',
                width: 170,
                render: (_: unknown, tk) => fmtDateTime(tk.createdAt, lang),
              },
              {
                title: t('account.lastUsed'),
                key: 'used',
                width: 170,
                render: (_: unknown, tk) => (tk.lastUsedAt ? fmtDateTime(tk.lastUsedAt, lang) : t('account.never')),
              },
              {
                title: t('account.expiresAt'),
                key: 'expires',
                width: 170,
                render: (_: unknown, tk) => (tk.expiresAt ? fmtDateTime(tk.expiresAt, lang) : t('account.noExpiry')),
              },
              {
                title: t('account.status'),
                key: 'status',
                width: 100,
                render: (_: unknown, tk) => {
                  const s = statusOf(tk, now);
                  return <Tag color={status[s]}>{t(`account.tokenStatus.${s}`)}</Tag>;
                },
              },
              {
                title: '',
                key: 'actions',
                width: 100,
                render: (_: unknown, tk) =>
                  statusOf(tk, now) === 'active' && (
                    <Popconfirm
                      title={t('account.revokeConfirm', { name: tk.name })}
                      okText={t('account.revoke')}
                      cancelText={t('common.cancel')}
                      okButtonProps={{ danger: true }}
                      onConfirm={() =>
                        revoke.mutateAsync(tk.id).then(
                          () => void message.success(t('account.revoked')),
                          (e: unknown) => void message.error(problemText(e, lang, t('common.networkError'))),
                        )
                      }
                    >
                      <Button size="small" danger data-testid={`revoke-${tk.id}`}>
                        {t('account.revoke')}
                      </Button>
                    </Popconfirm>
                  ),
              },
            ]}
          />
        )}
      </Card>

      <Modal
        open={creating}
        title={t('account.newToken')}
        okText={t('common.create')}
        cancelText={t('common.cancel')}
        onOk={() => form.submit()}
        onCancel={() => setCreating(false)}
        confirmLoading={create.isPending}
        destroyOnHidden
      >
        <ServerErrorList items={server.unmatched} />
        <Form<Values>
          form={form}
          layout="vertical"
          name="token"
          initialValues={{ readOnly: true }}
          onFinish={submit}
          onValuesChange={server.onValuesChange}
        >
          <Form.Item
            name="name"
            label={t('account.tokenName')}
            rules={[
              { required: true, whitespace: true, message: t('form.required', { field: t('account.tokenName') }) },
            ]}
            extra={t('account.tokenNameHelp')}
            {...server.itemProps(['name'])}
          >
            <Input maxLength={100} data-testid="token-name" />
          </Form.Item>
          <Form.Item
            name="readOnly"
            label={t('account.readOnly')}
            valuePropName="checked"
            extra={t('account.readOnlyHelp')}
          >
            <Switch />
          </Form.Item>
          <Form.Item name="expiresInDays" label={t('account.expiresInDays')} extra={t('account.expiresHelp')}>
            <InputNumber min={1} max={3650} precision={0} style={{ width: 160 }} />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={created !== null}
        title={t('account.tokenCreated')}
        onOk={() => setCreated(null)}
        onCancel={() => setCreated(null)}
        cancelButtonProps={{ style: { display: 'none' } }}
        okText={t('account.tokenSaved')}
        mask={{ closable: false }}
      >
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('account.shownOnce')} />
        <Typography.Paragraph
          copyable={{ text: created ?? '' }}
          code
          data-testid="created-token"
          style={{ wordBreak: 'break-all' }}
        >
          {created}
        </Typography.Paragraph>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('account.tokenUsage')}
        </Typography.Text>
      </Modal>
    </>
  );
}
