import type { FormListFieldData } from 'antd';
import { Alert, App, Button, Card, Form, Input, Popconfirm, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TDocVersionSummary } from '../../contracts/versioned-doc';
import { fmtDateTime } from '../app/format';
import { ServerErrorList } from './formErrors';
import { OriginalText } from './OriginalText';
import { useServerErrors } from './useServerErrors';

/** What GET {base} of a versioned document answers: the version in force, the versions and the draft. */
export interface DocView {
  version: number;
  versions: TDocVersionSummary[];
  draft: { note: string | null; baseVersion: number; updatedBy: string | null; updatedAt: string } | null;
}

/** A mutation as TanStack Query gives it (method syntax, so any variables and result fit). */
interface DocMutation<V> {
  mutate(vars: V, opts: { onSuccess?(r: unknown): void; onError?(e: unknown): void }): void;
  isPending: boolean;
}

/** The version a publish answers (the version now in force). */
const versionOf = (r: unknown) =>
  typeof r === 'object' && r !== null && 'version' in r ? (r as { version: unknown }).version : undefined;

/** A Form.Item for one cell of the list, with the server's error for that path. */
export type DocItem = (
  name: (string | number)[],
  node: ReactNode,
  opts?: { required?: boolean; whitespace?: boolean; valuePropName?: string },
) => ReactNode;

export interface VersionedDocEditorProps<T> {
  data: DocView;
  /** The list's name: the form field, the body's property and the server's problem path ('rules'). */
  listName: string;
  /** The items in force and, when there is one, in the draft. */
  items: T[];
  draftItems: T[] | undefined;
  /** Prefix of the data-testid of every part ('space-rules' → space-rules-save, …). */
  testId: string;
  editable: boolean;
  blank: T;
  scrollX: number;
  columns(item: DocItem, watched: T[] | undefined): ColumnsType<FormListFieldData>;
  save: DocMutation<Record<string, unknown>>;
  publish: DocMutation<undefined>;
  discard: DocMutation<undefined>;
  labels: {
    inForce: string;
    readOnly: string;
    add: string;
    publishConfirm: string;
    versions: string;
    countTitle: string;
    count?(n: number): ReactNode;
  };
}

/**
 * The editor of a versioned rules document: the draft (or, without one, the version in force) as an
 * editable table; saving makes the draft, publishing makes the saved draft the next version, in force;
 * a refusal shows under the field the server names (zh/en); the published versions below. Those who may
 * not edit read the version in force. The page gives the columns; the frame is the same everywhere.
 */
export function VersionedDocEditor<T>(p: VersionedDocEditorProps<T>) {
  const { data, listName, testId, editable, labels } = p;
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [dirty, setDirty] = useState(false);
  const server = useServerErrors([listName, 'note']);
  const watched = Form.useWatch(listName, form) as T[] | undefined;
  const draft = data.draft;

  useEffect(() => {
    form.setFieldsValue({ [listName]: p.draftItems ?? p.items, note: draft?.note ?? '' });
  }, [form, listName, draft, p.draftItems, p.items]);

  const onSave = async () => {
    await form.validateFields();
    const v = form.getFieldsValue(true) as Record<string, unknown>;
    server.clear();
    p.save.mutate(
      { [listName]: v[listName], note: v.note },
      {
        onSuccess: () => {
          setDirty(false);
          message.success(t('versionedDoc.saved'));
        },
        onError: server.setError,
      },
    );
  };

  const item: DocItem = (name, node, opts = {}) => (
    <Form.Item
      name={name}
      style={{ margin: 0 }}
      // A rule naming `whitespace` is a string rule (async-validator): only text fields carry it.
      rules={
        opts.required
          ? [{ required: true, ...(opts.whitespace ? { whitespace: true } : {}), message: t('versionedDoc.required') }]
          : []
      }
      {...(opts.valuePropName ? { valuePropName: opts.valuePropName } : {})}
      {...server.itemProps([listName, ...name])}
    >
      {node}
    </Form.Item>
  );

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Tag color="green" data-testid={`${testId}-version`}>
          {labels.inForce}
        </Tag>
        {editable &&
          (draft ? (
            <Tag color="orange" data-testid={`${testId}-draft`}>
              {t('versionedDoc.draftOf', {
                version: draft.baseVersion,
                by: draft.updatedBy ?? '—',
                at: fmtDateTime(draft.updatedAt, lang),
              })}
            </Tag>
          ) : (
            <Tag>{t('versionedDoc.noDraft')}</Tag>
          ))}
      </Space>
      {!editable && <Alert type="info" showIcon message={labels.readOnly} />}
      <ServerErrorList items={server.unmatched} />
      <Form
        form={form}
        disabled={!editable}
        onValuesChange={(c) => {
          setDirty(true);
          server.onValuesChange(c);
        }}
      >
        <Card size="small">
          <Form.List name={listName}>
            {(fields, { add, remove }) => (
              <>
                <Table
                  size="small"
                  pagination={false}
                  rowKey="key"
                  scroll={{ x: p.scrollX }}
                  data-testid={`${testId}-table`}
                  dataSource={fields}
                  columns={[
                    ...p.columns(item, watched),
                    ...(editable
                      ? [
                          {
                            title: '',
                            render: (_: unknown, f: { name: number }) => (
                              <Button size="small" danger type="link" onClick={() => remove(f.name)}>
                                {t('versionedDoc.remove')}
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
                    onClick={() => add({ ...p.blank })}
                    data-testid={`${testId}-add`}
                  >
                    {labels.add}
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
              label={t('versionedDoc.note')}
              rules={[{ required: true, whitespace: true, message: t('versionedDoc.required') }]}
              {...server.itemProps(['note'])}
            >
              <Input maxLength={500} data-testid={`${testId}-note`} />
            </Form.Item>
            <Space wrap>
              <Button type="primary" loading={p.save.isPending} onClick={onSave} data-testid={`${testId}-save`}>
                {t('versionedDoc.saveDraft')}
              </Button>
              <Popconfirm
                title={labels.publishConfirm}
                disabled={!draft || dirty}
                onConfirm={() =>
                  p.publish.mutate(undefined, {
                    onSuccess: (r) => message.success(t('versionedDoc.published', { version: versionOf(r) })),
                    onError: server.setError,
                  })
                }
              >
                <Button disabled={!draft || dirty} loading={p.publish.isPending} data-testid={`${testId}-publish`}>
                  {t('versionedDoc.publish')}
                </Button>
              </Popconfirm>
              <Button
                disabled={!draft}
                onClick={() =>
                  p.discard.mutate(undefined, {
                    onSuccess: () => {
                      setDirty(false);
                      message.success(t('versionedDoc.discarded'));
                    },
                    onError: server.setError,
                  })
                }
              >
                {t('versionedDoc.discard')}
              </Button>
              {draft && dirty && <Tag color="gold">{t('versionedDoc.unsaved')}</Tag>}
            </Space>
          </Card>
        )}
      </Form>
      <Card size="small" title={labels.versions}>
        <Table
          size="small"
          rowKey="version"
          pagination={false}
          data-testid={`${testId}-versions`}
          dataSource={data.versions}
          columns={[
            { title: t('versionedDoc.version'), dataIndex: 'version' },
            // A version's note is its publisher's own words, as written.
            {
              title: t('versionedDoc.note'),
              dataIndex: 'note',
              render: (v: string | null) => <OriginalText text={v} tag={false} />,
            },
            {
              title: labels.countTitle,
              dataIndex: 'count',
              render: (n: number) => (labels.count ? labels.count(n) : n),
            },
            {
              title: t('versionedDoc.by'),
              dataIndex: 'createdBy',
              render: (v: string | null) =>
                !v || v === 'system' ? t('versionedDoc.bySystem') : <OriginalText text={v} tag={false} />,
            },
            { title: t('versionedDoc.at'), dataIndex: 'createdAt', render: (v: string) => fmtDateTime(v, lang) },
          ]}
        />
      </Card>
    </Space>
  );
}
