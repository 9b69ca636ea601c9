/**
 * Users: create (a generated password shown once), change role, organisation and name, disable or
 * enable, reset a password (shown once). Filters live in the URL.
 */
import { EditOutlined, KeyOutlined, PlusOutlined, StopOutlined, UnlockOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fmtDateTime } from '../../app/format';
import { problemText } from '../../app/problems';
import { useCurrentUser } from '../../app/session';
import { useUrlState } from '../../app/useUrlState';
import {
  type AdminUser,
  type Role,
  useAdminUsers,
  useCreateUser,
  useOrganisations,
  useResetPassword,
  useUpdateUser,
} from '../../client/auth';
import { FilterBar, FilterSelect, SearchBox } from '../../components/filters';
import { ServerErrorList } from '../../components/formErrors';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState } from '../../components/states';
import { useServerErrors } from '../../components/useServerErrors';
import { RoleTag, useRoleOptions } from './labels';

interface UserValues {
  username: string;
  displayName: string;
  role: Role;
  organisationId: number;
  password?: string;
}

const FIELDS = ['username', 'displayName', 'role', 'organisationId', 'password'] as const;

/** A password the server generated: shown once, to hand to its user. */
function OneTimePassword({
  shown,
  onClose,
}: {
  shown: { username: string; password: string } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={shown !== null}
      title={t('admin.passwordTitle', { username: shown?.username ?? '' })}
      onOk={onClose}
      onCancel={onClose}
      okText={t('admin.passwordNoted')}
      cancelButtonProps={{ style: { display: 'none' } }}
      mask={{ closable: false }}
    >
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('admin.passwordOnce')} />
      <Typography.Paragraph copyable={{ text: shown?.password ?? '' }} code data-testid="one-time-password">
        {shown?.password}
      </Typography.Paragraph>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('admin.passwordMustChange')}
      </Typography.Text>
    </Modal>
  );
}

function UserForm({
  open,
  user,
  onClose,
  onCreated,
}: {
  open: boolean;
  user: AdminUser | null;
  onClose: () => void;
  onCreated: (username: string, password: string | undefined) => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<UserValues>();
  const orgs = useOrganisations();
  const roles = useRoleOptions();
  const create = useCreateUser();
  const update = useUpdateUser();
  const server = useServerErrors(FIELDS);
  const editing = user !== null;

  const submit = (v: UserValues) => {
    server.clear();
    if (user) {
      update.mutate(
        {
          id: user.id,
          version: user.version,
          displayName: v.displayName,
          role: v.role,
          organisationId: v.organisationId,
        },
        {
          onSuccess: () => {
            void message.success(t('form.saved'));
            onClose();
          },
          onError: (e) => {
            server.setError(e);
            void message.error(problemText(e, i18n.language, t('common.networkError')));
          },
        },
      );
    } else {
      create.mutate(
        { ...v, password: v.password ? v.password : undefined },
        {
          onSuccess: (r) => {
            onClose();
            onCreated(v.username, r.password);
          },
          onError: server.setError,
        },
      );
    }
  };

  return (
    <Modal
      open={open}
      title={editing ? t('admin.editUser', { username: user.username }) : t('admin.newUser')}
      okText={editing ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
      data-testid="user-form"
    >
      <ServerErrorList items={server.unmatched} />
      <Form<UserValues>
        form={form}
        layout="vertical"
        name="user"
        preserve={false}
        initialValues={
          user
            ? {
                username: user.username,
                displayName: user.displayName,
                role: user.role,
                organisationId: user.organisationId,
              }
            : { role: 'viewer' }
        }
        onFinish={submit}
        onValuesChange={server.onValuesChange}
      >
        <Form.Item
          name="username"
          label={t('admin.username')}
          extra={editing ? undefined : t('admin.usernameHelp')}
          rules={[
            { required: true, message: t('form.required', { field: t('admin.username') }) },
            { pattern: /^[a-z0-9._-]{2,64}$/, message: t('admin.usernameHelp') },
          ]}
          {...server.itemProps(['username'])}
        >
          <Input disabled={editing} autoComplete="off" spellCheck={false} data-testid="user-username" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('admin.displayName')}
          rules={[{ required: true, whitespace: true, message: t('form.required', { field: t('admin.displayName') }) }]}
          {...server.itemProps(['displayName'])}
        >
          <Input maxLength={100} data-testid="user-display-name" />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item
            name="role"
            label={t('admin.role')}
            style={{ flex: 1 }}
            rules={[{ required: true }]}
            {...server.itemProps(['role'])}
          >
            <Select options={roles} data-testid="user-role" />
          </Form.Item>
          <Form.Item
            name="organisationId"
            label={t('admin.organisation')}
            style={{ flex: 1.4 }}
            rules={[{ required: true, message: t('form.required', { field: t('admin.organisation') }) }]}
            {...server.itemProps(['organisationId'])}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={orgs.isPending}
              options={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
              data-testid="user-organisation"
            />
          </Form.Item>
        </Flex>
        {!editing && (
          <Form.Item
            name="password"
            label={t('admin.initialPassword')}
            extra={t('admin.initialPasswordHelp')}
            rules={[{ min: 10, message: t('account.passwordRule', { n: 10 }) }]}
            {...server.itemProps(['password'])}
          >
            <Input.Password autoComplete="new-password" data-testid="user-password" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

export default function UsersPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const lang = i18n.language;
  const me = useCurrentUser();
  const { get } = useUrlState();
  const users = useAdminUsers();
  const update = useUpdateUser();
  const reset = useResetPassword();
  const roles = useRoleOptions();
  const [editing, setEditing] = useState<AdminUser | null>(null);
  const [creating, setCreating] = useState(false);
  const [password, setPassword] = useState<{ username: string; password: string } | null>(null);
  const q = (get('q') ?? '').trim().toLowerCase();
  const role = get('role');

  const rows = useMemo(
    () =>
      (users.data?.items ?? []).filter(
        (u) =>
          (!role || u.role === role) &&
          (!q || [u.username, u.displayName, u.organisationName].some((s) => s.toLowerCase().includes(q))),
      ),
    [users.data, q, role],
  );

  const fail = (e: unknown) => void message.error(problemText(e, lang, t('common.networkError')));

  const columns: ColumnsType<AdminUser> = [
    {
      title: t('admin.username'),
      key: 'username',
      render: (_: unknown, u) => (
        <div>
          <Typography.Text strong>{u.username}</Typography.Text> {u.isDemo && <Tag>{t('admin.demo')}</Tag>}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {u.displayName}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('admin.role'), key: 'role', width: 150, render: (_: unknown, u) => <RoleTag role={u.role} /> },
    { title: t('admin.organisation'), dataIndex: 'organisationName', key: 'org' },
    {
      title: t('admin.status'),
      key: 'status',
      width: 170,
      render: (_: unknown, u) => (
        <Space size={4} wrap>
          {u.disabled ? <Tag color="red">{t('admin.disabled')}</Tag> : <Tag color="green">{t('admin.active')}</Tag>}
          {u.locked && <Tag color="orange">{t('admin.locked')}</Tag>}
          {u.mustChangePassword && <Tag color="blue">{t('admin.mustChange')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('admin.createdAt'),
      key: 'created',
      width: 150,
      render: (_: unknown, u) => fmtDateTime(u.createdAt, lang),
    },
    {
      title: '',
      key: 'actions',
      width: lang === 'en-US' ? 340 : 260,
      render: (_: unknown, u) => {
        const self = me?.id === u.id;
        return (
          <Space size={4} wrap>
            <Button
              size="small"
              icon={<EditOutlined />}
              onClick={() => setEditing(u)}
              data-testid={`edit-user-${u.username}`}
            >
              {t('common.edit')}
            </Button>
            <Popconfirm
              title={t('admin.resetConfirm', { username: u.username })}
              okText={t('admin.resetPassword')}
              cancelText={t('common.cancel')}
              onConfirm={() =>
                reset.mutateAsync(u.id).then((r) => setPassword({ username: u.username, password: r.password }), fail)
              }
            >
              <Button size="small" icon={<KeyOutlined />} data-testid={`reset-${u.username}`}>
                {t('admin.resetPassword')}
              </Button>
            </Popconfirm>
            <Popconfirm
              title={
                u.disabled
                  ? t('admin.enableConfirm', { username: u.username })
                  : t('admin.disableConfirm', { username: u.username })
              }
              okText={u.disabled ? t('admin.enable') : t('admin.disable')}
              okButtonProps={{ danger: !u.disabled }}
              cancelText={t('common.cancel')}
              disabled={self}
              onConfirm={() =>
                update
                  .mutateAsync({ id: u.id, version: u.version, disabled: !u.disabled })
                  .then(() => void message.success(u.disabled ? t('admin.enabled') : t('admin.disabledDone')), fail)
              }
            >
              <Button
                size="small"
                danger={!u.disabled}
                disabled={self}
                icon={u.disabled ? <UnlockOutlined /> : <StopOutlined />}
                data-testid={`toggle-${u.username}`}
              >
                {u.disabled ? t('admin.enable') : t('admin.disable')}
              </Button>
            </Popconfirm>
          </Space>
        );
      },
    },
  ];

  return (
    <>
      <PageHeader
        crumbs={[{ title: t('nav.admin') }, { title: t('admin.users') }]}
        title={t('admin.users')}
        subtitle={t('admin.usersIntro')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-user">
            {t('admin.newUser')}
          </Button>
        }
      />
      <Card size="small">
        <FilterBar keys={['q', 'role']}>
          <SearchBox placeholder={t('admin.userSearch')} />
          <FilterSelect urlKey="role" label={t('admin.role')} options={roles} width={220} />
        </FilterBar>
        {users.isError ? (
          <ErrorState error={users.error} onRetry={() => void users.refetch()} />
        ) : (
          <Table<AdminUser>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={rows}
            loading={users.isPending}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('common.total', { count: n }) }}
            locale={{ emptyText: users.isPending ? ' ' : <EmptyState description={t('common.emptyFiltered')} /> }}
            data-testid="user-table"
          />
        )}
      </Card>
      <UserForm
        open={creating || editing !== null}
        user={editing}
        onClose={() => {
          setCreating(false);
          setEditing(null);
        }}
        onCreated={(username, pw) => {
          void message.success(t('admin.userCreated', { username }));
          if (pw) setPassword({ username, password: pw });
        }}
      />
      <OneTimePassword shown={password} onClose={() => setPassword(null)} />
    </>
  );
}
