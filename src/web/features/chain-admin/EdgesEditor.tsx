/** Supply edges of a template: from a node of this chain to any node (another chain's too), with a kind. */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../app/labels';
import type { TChainEdge, TChainTemplate } from './api';
import { type ErrorMap, FieldError } from './FieldError';

const KINDS = ['supplies', 'recycles', 'signal'] as const;

export function EdgesEditor({
  template,
  others,
  editable,
  errors,
  onChange,
}: {
  template: TChainTemplate;
  /** The other chains' templates, for edges that leave this chain. */
  others: readonly TChainTemplate[];
  editable: boolean;
  errors: ErrorMap;
  onChange: (t: TChainTemplate) => void;
}) {
  const { t } = useTranslation();
  const { en } = useLabels();
  const edges = template.edges;
  const name = (id: string) => {
    const n = [template, ...others].flatMap((x) => x.nodes).find((x) => x.id === id);
    return n ? `${en ? n.nameEn : n.nameZh} (${id})` : id;
  };
  const own = template.nodes.filter((n) => !n.group).map((n) => ({ value: n.id, label: name(n.id) }));
  const targets = [
    ...own,
    ...others.flatMap((o) =>
      o.nodes
        .filter((n) => !n.group)
        .map((n) => ({ value: n.id, label: `${en ? o.nameEn : o.nameZh} › ${name(n.id)}` })),
    ),
  ];
  const setEdge = (i: number, patch: Partial<TChainEdge>) =>
    onChange({ ...template, edges: edges.map((e, k) => (k === i ? { ...e, ...patch } : e)) });
  const cell = (i: number, field: string, content: ReactNode) => (
    <>
      {content}
      <FieldError errors={errors} path={`edges.${i}.${field}`} />
    </>
  );
  const select = (i: number, field: 'from' | 'to', value: string, options: { value: string; label: string }[]) =>
    cell(
      i,
      field,
      editable ? (
        <Select
          size="small"
          showSearch={{ optionFilterProp: 'label' }}
          value={value}
          style={{ width: '100%' }}
          onChange={(v: string) => setEdge(i, { [field]: v })}
          options={options.some((o) => o.value === value) ? options : [{ value, label: value }, ...options]}
          aria-label={t(`chainAdmin.${field}`)}
        />
      ) : (
        name(value)
      ),
    );

  const columns: ColumnsType<TChainEdge> = [
    { title: t('chainAdmin.from'), dataIndex: 'from', render: (v: string, _e, i) => select(i, 'from', v, own) },
    { title: t('chainAdmin.to'), dataIndex: 'to', render: (v: string, _e, i) => select(i, 'to', v, targets) },
    {
      title: t('chainAdmin.kind'),
      dataIndex: 'kind',
      width: 120,
      render: (v: TChainEdge['kind'], _e, i) =>
        editable ? (
          <Select
            size="small"
            value={v}
            style={{ width: 100 }}
            onChange={(k) => setEdge(i, { kind: k })}
            options={KINDS.map((k) => ({ value: k, label: t(`chainAdmin.kind_${k}`) }))}
            aria-label={t('chainAdmin.kind')}
          />
        ) : (
          <Typography.Text type={v === 'supplies' ? undefined : 'warning'}>{t(`chainAdmin.kind_${v}`)}</Typography.Text>
        ),
    },
    ...(editable
      ? [
          {
            title: '',
            key: 'remove',
            width: 48,
            render: (_: unknown, _e: TChainEdge, i: number) => (
              <Button
                size="small"
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('chainAdmin.removeEdge')}
                onClick={() => onChange({ ...template, edges: edges.filter((_, k) => k !== i) })}
              />
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <Table<TChainEdge>
        rowKey={(_e, i) => String(i)}
        dataSource={edges}
        columns={columns}
        pagination={{ defaultPageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        size="small"
        data-testid="edges-table"
      />
      {editable && own[0] && (
        <Button
          type="dashed"
          icon={<PlusOutlined />}
          style={{ marginTop: 8 }}
          onClick={() =>
            onChange({ ...template, edges: [...edges, { from: own[0]!.value, to: own[0]!.value, kind: 'supplies' }] })
          }
        >
          {t('chainAdmin.addEdge')}
        </Button>
      )}
    </>
  );
}
