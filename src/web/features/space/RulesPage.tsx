import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, Popconfirm, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SPACE_LIMITS, type TUpstairsRule } from '../../../contracts/space';
import { fmtDateTime } from '../../app/format';
import { usePermissions } from '../../app/permissions';
import { ServerErrorList } from '../../components/formErrors';
import { OriginalText } from '../../components/OriginalText';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/states';
import { useServerErrors } from '../../components/useServerErrors';
import { type RulesView, useDiscardRuleDraft, usePublishRuleDraft, useRules, useSaveRuleDraft } from './api';

interface FormValues {
  rules: TUpstairsRule[];
  note: string;
}

const BLANK: TUpstairsRule = {
  process: '',
  nameZh: '',
  nameEn: '',
  minFloorLoadKnM2: 5,
  maxFloor: null,
  maxVibrationUmS: null,
  maxEquipmentKn: 0,
  minElevatorT: 0,
  source: '',
  illustrative: true,
};

/**
 * The 工业上楼 rules editor: the draft (or, without one, the version in force) as an editable table.
 * Saving makes the draft; publishing makes the saved draft the next version, in force; a refusal
 * shows under the rule's field that the server names (zh/en). Others read the rules in force.
 */
export default function RulesPage() {
  const { t } = useTranslation();
  const q = useRules();
  return (
    <>
      <PageHeader title={t('space.rulesTitle')} subtitle={t('space.rulesSubtitle')} />
      <QueryView query={q}>
        {(d) => <RulesEditor key={`${d.version}:${d.draft?.updatedAt ?? ''}`} data={d} />}
      </QueryView>
    </>
  );
}

function RulesEditor({ data }: { data: RulesView }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { message } = App.useApp();
  const perms = usePermissions();
  const editable = perms.may('space.editRules');
  const [form] = Form.useForm<FormValues>();
  const [dirty, setDirty] = useState(false);
  const server = useServerErrors(['rules', 'note']);
  const save = useSaveRuleDraft();
  const publish = usePublishRuleDraft();
  const discard = useDiscardRuleDraft();
  const draft = data.draft;

  useEffect(() => {
    form.setFieldsValue({ rules: draft?.rules ?? data.rules, note: draft?.note ?? '' });
  }, [form, draft, data.rules]);

  const onSave = async () => {
    await form.validateFields();
    const v = form.getFieldsValue(true) as FormValues;
    server.clear();
    save.mutate(
      { rules: v.rules, note: v.note },
      {
        onSuccess: () => {
          setDirty(false);
          message.success(t('space.rulesSaved'));
        },
        onError: server.setError,
      },
    );
  };

  const num = (name: (string | number)[], min: number, max: number, nullable: boolean, step = 1) => (
    <Form.Item
      name={name}
      style={{ margin: 0 }}
      rules={nullable ? [] : [{ required: true, message: t('space.rulesRequired') }]}
      {...server.itemProps(['rules', ...name])}
    >
      <InputNumber
        min={min}
        max={max}
        step={step}
        size="small"
        style={{ width: 92 }}
        placeholder={nullable ? t('space.rulesNoLimit') : undefined}
      />
    </Form.Item>
  );
  const text = (name: (string | number)[], width: number, required = true) => (
    <Form.Item
      name={name}
      style={{ margin: 0 }}
      rules={required ? [{ required: true, whitespace: true, message: t('space.rulesRequired') }] : []}
      {...server.itemProps(['rules', ...name])}
    >
      <Input size="small" style={{ width }} />
    </Form.Item>
  );

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Tag color="green" data-testid="space-rules-version">
          {t('space.rulesInForce', { version: data.version })}
        </Tag>
        {editable &&
          (draft ? (
            <Tag color="orange" data-testid="space-rules-draft">
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
      {!editable && <Alert type="info" showIcon message={t('space.rulesReadOnly')} />}
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
          <Form.List name="rules">
            {(fields, { add, remove }) => (
              <>
                <Table
                  size="small"
                  pagination={false}
                  rowKey="key"
                  scroll={{ x: 1500 }}
                  data-testid="space-rules-table"
                  dataSource={fields}
                  columns={[
                    { title: t('space.rulesProcess'), render: (_, f) => text([f.name, 'process'], 150) },
                    { title: t('space.rulesNameZh'), render: (_, f) => text([f.name, 'nameZh'], 170) },
                    { title: t('space.rulesNameEn'), render: (_, f) => text([f.name, 'nameEn'], 170) },
                    {
                      title: t('space.rulesLoad'),
                      render: (_, f) =>
                        num(
                          [f.name, 'minFloorLoadKnM2'],
                          SPACE_LIMITS.floorLoadKnM2.min,
                          SPACE_LIMITS.floorLoadKnM2.max,
                          false,
                          0.5,
                        ),
                    },
                    {
                      title: t('space.rulesMaxFloor'),
                      render: (_, f) => num([f.name, 'maxFloor'], SPACE_LIMITS.floor.min, SPACE_LIMITS.floor.max, true),
                    },
                    {
                      title: t('space.rulesVibration'),
                      render: (_, f) => num([f.name, 'maxVibrationUmS'], 1, 10_000, true),
                    },
                    {
                      title: t('space.rulesEquipment'),
                      render: (_, f) => num([f.name, 'maxEquipmentKn'], 0, 10_000, false),
                    },
                    {
                      title: t('space.rulesElevator'),
                      render: (_, f) =>
                        num(
                          [f.name, 'minElevatorT'],
                          SPACE_LIMITS.elevatorT.min,
                          SPACE_LIMITS.elevatorT.max,
                          false,
                          0.5,
                        ),
                    },
                    { title: t('space.rulesSource'), render: (_, f) => text([f.name, 'source'], 220, false) },
                    {
                      title: t('space.rulesIllustrative'),
                      render: (_, f) => (
                        <Form.Item name={[f.name, 'illustrative']} valuePropName="checked" style={{ margin: 0 }}>
                          <Checkbox />
                        </Form.Item>
                      ),
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
                  <Button size="small" style={{ marginTop: 8 }} onClick={() => add({ ...BLANK })}>
                    {t('space.rulesAdd')}
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
              <Input maxLength={500} data-testid="space-rules-note" />
            </Form.Item>
            <Space wrap>
              <Button type="primary" loading={save.isPending} onClick={onSave} data-testid="space-rules-save">
                {t('space.rulesSaveDraft')}
              </Button>
              <Popconfirm
                title={t('space.rulesPublishConfirm', { version: data.version + 1 })}
                disabled={!draft || dirty}
                onConfirm={() =>
                  publish.mutate(undefined, {
                    onSuccess: (r) => message.success(t('space.rulesPublished', { version: r.version })),
                    onError: server.setError,
                  })
                }
              >
                <Button disabled={!draft || dirty} loading={publish.isPending} data-testid="space-rules-publish">
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
      <Card size="small" title={t('space.rulesVersions')}>
        <Table
          size="small"
          rowKey="version"
          pagination={false}
          data-testid="space-rules-versions"
          dataSource={data.versions}
          columns={[
            { title: t('space.rulesVersion'), dataIndex: 'version' },
            // A version's note is its publisher's own words, as written.
            {
              title: t('space.rulesNote'),
              dataIndex: 'note',
              render: (v: string | null) => <OriginalText text={v} tag={false} />,
            },
            { title: t('space.rulesCount'), dataIndex: 'count' },
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
