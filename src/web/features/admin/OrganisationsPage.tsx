/**
 * Organisations and their scope: the districts (a zone committee), the parks (sub-parks count
 * with them) and the enterprise (an enterprise's own users) that their users see and change.
 */
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../app/labels';
import { useUrlState } from '../../app/useUrlState';
import {
  type Organisation,
  type OrganisationInput,
  type OrgKind,
  useCreateOrganisation,
  useOrganisations,
  useSaveScope,
} from '../../client/auth';
import { useAllParks, useDistricts, useEnterprise } from '../../client/queries';
import { EnterprisePicker } from '../../components/EnterprisePicker';
import { FilterBar, FilterSelect, SearchBox } from '../../components/filters';
import { ServerErrorList } from '../../components/formErrors';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState } from '../../components/states';
import { useServerErrors } from '../../components/useServerErrors';
import { ORG_KINDS, OrgKindTag } from './labels';

type ScopeValues = Pick<OrganisationInput, 'regionCodes' | 'parkIds' | 'enterpriseId'>;
interface OrgValues extends ScopeValues {
  name: string;
  kind: OrgKind;
}

function ScopeFields({ kind }: { kind: OrgKind | undefined }) {
  const { t } = useTranslation();
  const { districtName } = useLabels();
  const districts = useDistricts();
  const parks = useAllParks();
  return (
    <>
      <Form.Item
        name="regionCodes"
        label={t('admin.scopeDistricts')}
        extra={kind === 'district' ? t('admin.scopeDistrictsHelp') : t('admin.scopeDistrictsOther')}
      >
        <Select
          mode="multiple"
          allowClear
          loading={districts.isPending}
          showSearch={{ optionFilterProp: 'label' }}
          options={(districts.data?.items ?? []).map((r) => ({ value: r.code, label: districtName(r.code, r.name) }))}
          data-testid="scope-districts"
        />
      </Form.Item>
      <Form.Item name="parkIds" label={t('admin.scopeParks')} extra={t('admin.scopeParksHelp')}>
        <Select
          mode="multiple"
          allowClear
          loading={parks.isPending}
          showSearch={{ optionFilterProp: 'label' }}
          options={(parks.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          data-testid="scope-parks"
        />
      </Form.Item>
      <Form.Item
        name="enterpriseId"
        label={t('admin.scopeEnterprise')}
        extra={kind === 'enterprise' ? t('admin.scopeEnterpriseHelp') : t('admin.scopeEnterpriseOther')}
      >
        <EnterprisePicker testId="scope-enterprise" />
      </Form.Item>
    </>
  );
}

function OrganisationForm({ org, open, onClose }: { org: Organisation | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<OrgValues>();
  const kind = Form.useWatch('kind', form) ?? org?.kind;
  const create = useCreateOrganisation();
  const save = useSaveScope();
  const server = useServerErrors(['name', 'kind', 'regionCodes', 'parkIds', 'enterpriseId']);

  const submit = (v: OrgValues) => {
    server.clear();
    const scope: ScopeValues = {
      regionCodes: v.regionCodes ?? [],
      parkIds: v.parkIds ?? [],
      enterpriseId: v.enterpriseId ?? null,
    };
    const done = {
      onSuccess: () => {
        void message.success(org ? t('form.saved') : t('form.created'));
        onClose();
      },
      onError: server.setError,
    };
    if (org) save.mutate({ id: org.id, ...scope }, done);
    else create.mutate({ name: v.name.trim(), kind: v.kind, ...scope }, done);
  };

  return (
    <Modal
      open={open}
      width={640}
      title={org ? t('admin.editScope', { name: org.name }) : t('admin.newOrganisation')}
      okText={org ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending || save.isPending}
      destroyOnHidden
      data-testid="organisation-form"
    >
      <ServerErrorList items={server.unmatched} />
      <Form<OrgValues>
        form={form}
        layout="vertical"
        name="organisation"
        preserve={false}
        initialValues={
          org
            ? {
                name: org.name,
                kind: org.kind,
                regionCodes: org.regionCodes,
                parkIds: org.parkIds,
                enterpriseId: org.enterpriseId,
              }
            : { kind: 'park_operator', regionCodes: [], parkIds: [], enterpriseId: null }
        }
        onFinish={submit}
        onValuesChange={server.onValuesChange}
      >
        <Form.Item
          name="name"
          label={t('admin.orgName')}
          rules={[{ required: true, whitespace: true, message: t('form.required', { field: t('admin.orgName') }) }]}
          {...server.itemProps(['name'])}
        >
          <Input disabled={!!org} maxLength={200} data-testid="org-name" />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('admin.orgKindLabel')}
          rules={[{ required: true }]}
          {...server.itemProps(['kind'])}
        >
          <Select
            disabled={!!org}
            options={ORG_KINDS.map((k) => ({ value: k, label: t(`admin.orgKind.${k}`) }))}
            data-testid="org-kind"
          />
        </Form.Item>
        <ScopeFields kind={kind} />
      </Form>
    </Modal>
  );
}

function EnterpriseName({ id }: { id: number }) {
  const e = useEnterprise(id);
  return <span>{e.data?.name ?? `#${id}`}</span>;
}

export default function OrganisationsPage() {
  const { t } = useTranslation();
  const { districtName } = useLabels();
  const { get } = useUrlState();
  const orgs = useOrganisations();
  const parks = useAllParks();
  const districts = useDistricts();
  const [editing, setEditing] = useState<Organisation | null>(null);
  const [creating, setCreating] = useState(false);
  const parkName = useMemo(() => new Map((parks.data?.items ?? []).map((p) => [p.id, p.name])), [parks.data]);
  const regionName = (code: string) =>
    districtName(code, districts.data?.items.find((r) => r.code === code)?.name ?? code);
  const q = (get('q') ?? '').trim().toLowerCase();
  const kind = get('kind');
  const rows = (orgs.data?.items ?? []).filter(
    (o) => (!kind || o.kind === kind) && (!q || o.name.toLowerCase().includes(q)),
  );

  const columns: ColumnsType<Organisation> = [
    {
      title: t('admin.orgName'),
      key: 'name',
      render: (_: unknown, o) => <Typography.Text strong>{o.name}</Typography.Text>,
    },
    {
      title: t('admin.orgKindLabel'),
      key: 'kind',
      width: 150,
      render: (_: unknown, o) => <OrgKindTag kind={o.kind} />,
    },
    {
      title: t('admin.scope'),
      key: 'scope',
      render: (_: unknown, o) => {
        const none = o.regionCodes.length === 0 && o.parkIds.length === 0 && !o.enterpriseId;
        return (
          <Space direction="vertical" size={2} data-testid={`scope-${o.id}`}>
            {o.regionCodes.length > 0 && (
              <span>
                <Typography.Text type="secondary">
                  {t('admin.scopeDistricts')}
                  {t('common.colon')}
                </Typography.Text>
                {o.regionCodes.map((c) => (
                  <Tag key={c} color="geekblue">
                    {regionName(c)}
                  </Tag>
                ))}
              </span>
            )}
            {o.parkIds.length > 0 && (
              <span>
                <Typography.Text type="secondary">
                  {t('admin.scopeParks')}
                  {t('common.colon')}
                </Typography.Text>
                {o.parkIds.map((id) => (
                  <Tag key={id} color="cyan">
                    {parkName.get(id) ?? `#${id}`}
                  </Tag>
                ))}
              </span>
            )}
            {o.enterpriseId && (
              <span>
                <Typography.Text type="secondary">
                  {t('admin.scopeEnterprise')}
                  {t('common.colon')}
                </Typography.Text>
                <Tag color="green">
                  <EnterpriseName id={o.enterpriseId} />
                </Tag>
              </span>
            )}
            {none && <Typography.Text type="secondary">{t('admin.scopeNone')}</Typography.Text>}
          </Space>
        );
      },
    },
    { title: t('admin.userCount'), dataIndex: 'userCount', key: 'users', width: 90, align: 'right' },
    {
      title: '',
      key: 'actions',
      width: 120,
      render: (_: unknown, o) => (
        <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(o)} data-testid={`edit-scope-${o.id}`}>
          {t('admin.editScopeShort')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        crumbs={[{ title: t('nav.admin') }, { title: t('admin.organisations') }]}
        title={t('admin.organisations')}
        subtitle={t('admin.organisationsIntro')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="new-organisation"
          >
            {t('admin.newOrganisation')}
          </Button>
        }
      />
      <Card size="small">
        <FilterBar keys={['q', 'kind']}>
          <SearchBox placeholder={t('admin.orgSearch')} />
          <FilterSelect
            urlKey="kind"
            label={t('admin.orgKindLabel')}
            width={220}
            options={ORG_KINDS.map((k) => ({ value: k, label: t(`admin.orgKind.${k}`) }))}
          />
        </FilterBar>
        {orgs.isError ? (
          <ErrorState error={orgs.error} onRetry={() => void orgs.refetch()} />
        ) : (
          <Table<Organisation>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={rows}
            loading={orgs.isPending}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: orgs.isPending ? ' ' : <EmptyState description={t('common.emptyFiltered')} /> }}
            data-testid="organisation-table"
          />
        )}
      </Card>
      <OrganisationForm
        org={editing}
        open={creating || editing !== null}
        onClose={() => {
          setCreating(false);
          setEditing(null);
        }}
      />
    </>
  );
}
