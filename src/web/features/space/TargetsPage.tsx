import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { SPACE_METRICS } from '../../../contracts/space';
import { fmtDateTime } from '../../app/format';
import { usePermissions } from '../../app/permissions';
import { ServerErrorList } from '../../components/formErrors';
import { OriginalText } from '../../components/OriginalText';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/states';
import { useServerErrors } from '../../components/useServerErrors';
import {
  type TTargetInput,
  type TTargetSetView,
  useDiscardTargetDraft,
  usePublishTargetDraft,
  useSaveTargetDraft,
  useTargets,
} from './api';

interface FormValues {
  targets: TTargetInput[];
  note: string;
}

const SCOPE_KINDS = ['city', 'district', 'zone', 'park'] as const;

const BLANK: TTargetInput = {
  code: '',
  metric: 'upstairs_area_m2',
  scopeKind: 'city',
  scopeCode: null,
  periodStart: '',
  periodEnd: '',
  value: 0,
  label: '',
  labelEn: null,
  sourceId: null,
  sourceNote: null,
  synthetic: false,
};

/**
 * The programme targets editor: the draft (or, without one, the version in force) as an editable table,
 * kept as the 工业上楼 rules are. Saving makes the draft; publishing makes it the next version, which
 * progress reads; a refusal shows under the target's field the server names (zh/en). Others read.
 */
export default function TargetsPage() {
  const { t } = useTranslation();
  const q = useTargets();
  return (
    <>
      <PageHeader
        title={t('space.targetsTitle')}
        subtitle={t('space.targetsSubtitle')}
        extra={<Link to="/space/programme">{t('space.targetsBack')}</Link>}
      />
      <QueryView query={q}>
        {(d) => <TargetsEditor key={`${d.version}:${d.draft?.updatedAt ?? ''}`} data={d} />}
      </QueryView>
    </>
  );
}

function TargetsEditor({ data }: { data: TTargetSetView }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { message } = App.useApp();
  const perms = usePermissions();
  const editable = perms.may('space.editRules');
  const [form] = Form.useForm<FormValues>();
  const [dirty, setDirty] = useState(false);
  const server = useServerErrors(['targets', 'note']);
  const save = useSaveTargetDraft();
  const publish = usePublishTargetDraft();
  const discard = useDiscardTargetDraft();
  const draft = data.draft;
  const kinds = Form.useWatch('targets', form);

  useEffect(() => {
    form.setFieldsValue({ targets: draft?.targets ?? data.targets, note: draft?.note ?? '' });
  }, [form, draft, data.targets]);

  const sourceOptions = useMemo(
    () =>
      data.sources.map((s) => ({
        value: s.id,
        search: `${s.id} ${s.title}`,
        label: <OriginalText text={s.title} tag={false} />,
      })),
    [data.sources],
  );
  const scopeOptions = (kind: string | undefined) =>
    data.scopes
      .filter((s) => (kind === 'district' ? s.kind === 'district' : s.kind === 'park'))
      .map((s) => ({
        value: s.code,
        search: `${s.code} ${s.name}`,
        label: <OriginalText text={s.name} tag={false} />,
      }));

  const onSave = async () => {
    await form.validateFields();
    const v = form.getFieldsValue(true) as FormValues;
    server.clear();
    save.mutate(
      { targets: v.targets, note: v.note },
      {
        onSuccess: () => {
          setDirty(false);
          message.success(t('space.rulesSaved'));
        },
        onError: server.setError,
      },
    );
  };

  const item = (name: (string | number)[], node: React.ReactNode, required = false, extra = {}) => (
    <Form.Item
      name={name}
      style={{ margin: 0 }}
      rules={required ? [{ required: true, message: t('space.rulesRequired') }] : []}
      {...extra}
      {...server.itemProps(['targets', ...name])}
    >
      {node}
    </Form.Item>
  );
  const filter = (input: string, o?: { search?: string }) =>
    (o?.search ?? '').toLowerCase().includes(input.toLowerCase());

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Tag color="green" data-testid="space-targets-version">
          {data.version > 0 ? t('space.targetsInForce', { version: data.version }) : t('space.targetsSeeded')}
        </Tag>
        {editable &&
          (draft ? (
            <Tag color="orange" data-testid="space-targets-draft">
              {t('space.rulesDraftOf', {
                version: draft.baseVersion,
                by: draft.updatedBy ?? '—',
                at: fmtDateTime(draft.updatedAt, lang),
              })}
            </Tag>
          ) : (
            <Tag>{t('space.rulesNoDraft')}</Tag>
          ))}
      </Space>
      {!editable && <Alert type="info" showIcon message={t('space.targetsReadOnly')} />}
      <ServerErrorList items={server.unmatched} />
      <Form<FormValues>
        form={form}
        disabled={!editable}
        onValuesChange={(c) => {
          setDirty(true);
          server.onValuesChange(c);
        }}
      >
        <Card size="small">
          <Form.List name="targets">
            {(fields, { add, remove }) => (
              <>
                <Table
                  size="small"
                  pagination={false}
                  rowKey="key"
                  scroll={{ x: 2400 }}
                  data-testid="space-targets-table"
                  dataSource={fields}
                  columns={[
                    {
                      title: t('space.targetsCode'),
                      fixed: 'left' as const,
                      width: 190,
                      render: (_, f) => item([f.name, 'code'], <Input size="small" style={{ width: 170 }} />, true),
                    },
                    {
                      title: t('space.targetsMetric'),
                      width: 230,
                      render: (_, f) =>
                        item(
                          [f.name, 'metric'],
                          <Select
                            size="small"
                            style={{ width: 210 }}
                            options={SPACE_METRICS.map((m) => ({ value: m, label: t(`space.metric_${m}`) }))}
                          />,
                          true,
                        ),
                    },
                    {
                      title: t('space.targetsScopeKind'),
                      width: 130,
                      render: (_, f) =>
                        item(
                          [f.name, 'scopeKind'],
                          <Select
                            size="small"
                            style={{ width: 110 }}
                            options={SCOPE_KINDS.map((k) => ({ value: k, label: t(`space.scope_${k}`) }))}
                          />,
                          true,
                        ),
                    },
                    {
                      title: t('space.targetsScopeCode'),
                      width: 240,
                      render: (_, f) => {
                        const kind = kinds?.[f.name]?.scopeKind;
                        return item(
                          [f.name, 'scopeCode'],
                          <Select
                            size="small"
                            style={{ width: 200 }}
                            allowClear
                            showSearch
                            disabled={!editable || kind === 'city' || kind === undefined}
                            filterOption={filter}
                            options={kind === 'city' ? [] : scopeOptions(kind)}
                          />,
                        );
                      },
                    },
                    {
                      title: t('space.targetsStart'),
                      width: 170,
                      render: (_, f) => item([f.name, 'periodStart'], <Input type="date" size="small" />, true),
                    },
                    {
                      title: t('space.targetsEnd'),
                      width: 170,
                      render: (_, f) => item([f.name, 'periodEnd'], <Input type="date" size="small" />, true),
                    },
                    {
                      title: t('space.targetsValue'),
                      width: 260,
                      render: (_, f) =>
                        item([f.name, 'value'], <InputNumber size="small" style={{ width: 130 }} />, true),
                    },
                    {
                      title: t('space.targetsLabel'),
                      render: (_, f) => item([f.name, 'label'], <Input size="small" style={{ width: 240 }} />, true),
                    },
                    {
                      title: t('space.targetsLabelEn'),
                      render: (_, f) => item([f.name, 'labelEn'], <Input size="small" style={{ width: 240 }} />),
                    },
                    {
                      title: t('space.targetsSource'),
                      width: 260,
                      render: (_, f) =>
                        item(
                          [f.name, 'sourceId'],
                          <Select
                            size="small"
                            style={{ width: 240 }}
                            allowClear
                            showSearch
                            filterOption={filter}
                            options={sourceOptions}
                          />,
                        ),
                    },
                    {
                      title: t('space.targetsSourceNote'),
                      render: (_, f) => item([f.name, 'sourceNote'], <Input size="small" style={{ width: 220 }} />),
                    },
                    {
                      title: t('space.targetsIllustrative'),
                      render: (_, f) => item([f.name, 'synthetic'], <Checkbox />, false, { valuePropName: 'checked' }),
                    },
                    ...(editable
                      ? [
                          {
                            title: '',
                            render: (_: unknown, f: { name: number }) => (
                              <Button size="small" danger type="link" onClick={() => remove(f.name)}>
                                {t('space.rulesRemove')}
                              </Button>
                            ),
                          },
                        ]
                      : []),
                  ]}
                />
                {editable && (
                  <Button
                    size="small"
                    style={{ marginTop: 8 }}
                    onClick={() => add({ ...BLANK })}
                    data-testid="space-targets-add"
                  >
                    {t('space.targetsAdd')}
                  </Button>
                )}
              </>
            )}
          </Form.List>
        </Card>
        {editable && (
          <Card size="small" style={{ marginTop: 8 }}>
            <Form.Item
              name="note"
              label={t('space.rulesNote')}
              rules={[{ required: true, whitespace: true, message: t('space.rulesRequired') }]}
              {...server.itemProps(['note'])}
            >
              <Input maxLength={500} data-testid="space-targets-note" />
            </Form.Item>
            <Space wrap>
              <Button type="primary" loading={save.isPending} onClick={onSave} data-testid="space-targets-save">
                {t('space.rulesSaveDraft')}
              </Button>
              <Popconfirm
                title={t('space.targetsPublishConfirm', { version: data.version + 1 })}
                disabled={!draft || dirty}
                onConfirm={() =>
                  publish.mutate(undefined, {
                    onSuccess: (r) => message.success(t('space.rulesPublished', { version: r.version })),
                    onError: server.setError,
                  })
                }
              >
                <Button disabled={!draft || dirty} loading={publish.isPending} data-testid="space-targets-publish">
                  {t('space.rulesPublish')}
                </Button>
              </Popconfirm>
              <Button
                disabled={!draft}
                onClick={() =>
                  discard.mutate(undefined, {
                    onSuccess: () => {
                      setDirty(false);
                      message.success(t('space.rulesDiscarded'));
                    },
                    onError: server.setError,
                  })
                }
              >
                {t('space.rulesDiscard')}
              </Button>
              {draft && dirty && <Tag color="gold">{t('space.rulesUnsaved')}</Tag>}
            </Space>
          </Card>
        )}
      </Form>
      <Card size="small" title={t('space.targetsVersions')}>
        <Table
          size="small"
          rowKey="version"
          pagination={false}
          data-testid="space-targets-versions"
          dataSource={data.versions}
          columns={[
            { title: t('space.rulesVersion'), dataIndex: 'version' },
            {
              title: t('space.rulesNote'),
              dataIndex: 'note',
              render: (v: string | null) => <OriginalText text={v} tag={false} />,
            },
            {
              title: t('space.targetsCountTitle'),
              dataIndex: 'count',
              render: (n: number) => t('space.targetsCount', { count: n }),
            },
            {
              title: t('space.rulesBy'),
              dataIndex: 'createdBy',
              render: (v: string | null) =>
                !v || v === 'system' ? t('space.rulesBySystem') : <OriginalText text={v} tag={false} />,
            },
            { title: t('space.rulesAt'), dataIndex: 'createdAt', render: (v: string) => fmtDateTime(v, lang) },
          ]}
        />
      </Card>
    </Space>
  );
}
