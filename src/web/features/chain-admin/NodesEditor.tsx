/** The nodes of a template as an editable table (or a read-only one), with server problems under each field. */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Input, Popover, Select, Switch, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../app/labels';
import { OriginalText } from '../../components/OriginalText';
import { StageTag } from '../../components/tags';
import { IndustryClassPicker } from '../enterprises/IndustryClassPicker';
import type { TChainTemplate } from './api';
import { type ErrorMap, FieldError } from './FieldError';
import { NodeDetails } from './NodeDetails';

type Node = TChainTemplate['nodes'][number];
const STAGES = ['upstream', 'midstream', 'downstream', 'branch'] as const;

function ClassAdder({ onAdd }: { onAdd: (code: string, approximate: boolean) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [approx, setApprox] = useState(false);
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      destroyOnHidden
      content={
        <Flex vertical gap={8} style={{ width: 380 }}>
          <IndustryClassPicker
            classOnly
            onChange={(v) => {
              if (v) onAdd(v, approx);
              setOpen(false);
            }}
          />
          <Tooltip title={t('chainAdmin.approximateTip')}>
            <Checkbox checked={approx} onChange={(e) => setApprox(e.target.checked)}>
              {t('chainAdmin.approximate')}
            </Checkbox>
          </Tooltip>
        </Flex>
      }
    >
      <Button size="small" type="dashed" icon={<PlusOutlined />}>
        {t('chainAdmin.addClass')}
      </Button>
    </Popover>
  );
}

export function NodesEditor({
  template,
  baseIds,
  editable,
  errors,
  onChange,
}: {
  template: TChainTemplate;
  /** Ids of the version being edited: those nodes keep their id (edges and mappings refer to it). */
  baseIds: ReadonlySet<string>;
  editable: boolean;
  errors: ErrorMap;
  onChange: (t: TChainTemplate) => void;
}) {
  const { t } = useTranslation();
  const { label, en } = useLabels();
  const nodes = template.nodes;
  const groups = nodes.filter((n) => n.group);
  const setNode = (i: number, patch: Partial<Node>) =>
    onChange({ ...template, nodes: nodes.map((n, k) => (k === i ? { ...n, ...patch } : n)) });
  const remove = (i: number) => {
    const id = nodes[i]!.id;
    onChange({
      ...template,
      nodes: nodes.filter((_, k) => k !== i).map((n) => (n.parent === id ? { ...n, parent: null } : n)),
      edges: template.edges.filter((e) => e.from !== id && e.to !== id),
    });
  };
  const add = () => {
    let k = nodes.length + 1;
    while (nodes.some((n) => n.id === `${template.code}.node${k}`)) k++;
    const node: Node = {
      id: `${template.code}.node${k}`,
      nameZh: '',
      nameEn: '',
      stage: 'midstream',
      parent: null,
      group: false,
      suppliesExternal: false,
      keywords: [],
      classes: [],
      keyLink: false,
      bottleneck: null,
      sourceTags: [],
    };
    onChange({ ...template, nodes: [...nodes, node] });
  };
  const cell = (i: number, field: string, content: ReactNode) => (
    <>
      {content}
      <FieldError errors={errors} path={`nodes.${i}.${field}`} />
    </>
  );

  /** A required name (Chinese or English) as an input; group names in bold when read-only. */
  const nameColumn = (field: 'nameZh' | 'nameEn', width: number): ColumnsType<Node>[number] => ({
    title: t(`chainAdmin.${field}`),
    dataIndex: field,
    width,
    render: (v: string, n, i) =>
      cell(
        i,
        field,
        editable ? (
          <Input
            size="small"
            value={v}
            status={v ? undefined : 'error'}
            onChange={(e) => setNode(i, { [field]: e.target.value })}
            aria-label={t(`chainAdmin.${field}`)}
          />
        ) : (
          <span style={{ fontWeight: n.group ? 600 : undefined }}>{v}</span>
        ),
      ),
  });

  const columns: ColumnsType<Node> = [
    // Chinese and English names stacked in one column, so the editor fits 1366 px without scrolling
    {
      ...nameColumn('nameZh', 190),
      title: `${t('chainAdmin.nameZh')} / ${t('chainAdmin.nameEn')}`,
      // A node's id is the key edges and mappings use, no text for a reader: typed once for a new node,
      // then kept out of sight (the table shows names).
      render: (_: string, n: Node, i: number) => (
        <Flex vertical gap={4} data-node-id={n.id}>
          {editable &&
            !baseIds.has(n.id) &&
            cell(
              i,
              'id',
              <Input
                size="small"
                value={n.id}
                placeholder={t('chainAdmin.nodeId')}
                onChange={(e) => setNode(i, { id: e.target.value.trim() })}
                aria-label={t('chainAdmin.nodeId')}
              />,
            )}
          {nameColumn('nameZh', 0).render?.(n.nameZh, n, i) as ReactNode}
          {nameColumn('nameEn', 0).render?.(n.nameEn, n, i) as ReactNode}
        </Flex>
      ),
    },
    {
      title: t('chainAdmin.stage'),
      dataIndex: 'stage',
      width: 96,
      render: (v: Node['stage'], _n, i) =>
        cell(
          i,
          'stage',
          editable ? (
            <Select
              size="small"
              value={v}
              style={{ width: 84 }}
              onChange={(s) => setNode(i, { stage: s })}
              options={STAGES.map((s) => ({ value: s, label: label('chainStage', s) }))}
              aria-label={t('chainAdmin.stage')}
            />
          ) : (
            <StageTag stage={v} />
          ),
        ),
    },
    {
      title: t('chainAdmin.parent'),
      dataIndex: 'parent',
      width: 124,
      render: (v: string | null, n, i) =>
        cell(
          i,
          'parent',
          editable ? (
            <Select
              size="small"
              allowClear
              value={v ?? undefined}
              placeholder={t('chainAdmin.none')}
              style={{ width: 112 }}
              onChange={(p) => setNode(i, { parent: p ?? null })}
              options={groups
                .filter((g) => g.id !== n.id)
                .map((g) => ({ value: g.id, label: en ? g.nameEn : g.nameZh }))}
              aria-label={t('chainAdmin.parent')}
            />
          ) : (
            (groups.find((g) => g.id === v)?.[en ? 'nameEn' : 'nameZh'] ?? '—')
          ),
        ),
    },
    {
      title: t('chainAdmin.group'),
      dataIndex: 'group',
      width: 56,
      render: (v: boolean, _n, i) =>
        editable ? (
          <Switch
            size="small"
            checked={v}
            onChange={(c) => setNode(i, { group: c })}
            aria-label={t('chainAdmin.group')}
          />
        ) : v ? (
          '✓'
        ) : (
          ''
        ),
    },
    {
      title: t('chainAdmin.keyLink'),
      dataIndex: 'keyLink',
      width: 64,
      render: (v: boolean, _n, i) =>
        editable ? (
          <Switch
            size="small"
            checked={v}
            onChange={(c) => setNode(i, { keyLink: c })}
            aria-label={t('chainAdmin.keyLink')}
          />
        ) : v ? (
          <Tag color="volcano">★</Tag>
        ) : (
          ''
        ),
    },
    {
      title: <Tooltip title={t('chainAdmin.keywordsHint')}>{t('chainAdmin.keywords')}</Tooltip>,
      dataIndex: 'keywords',
      width: 220,
      render: (v: string[], n, i) =>
        cell(
          i,
          'keywords',
          editable ? (
            <Select
              mode="tags"
              size="small"
              value={v}
              style={{ width: '100%' }}
              tokenSeparators={['、', ';', '；', ',', '，']}
              open={false}
              suffixIcon={null}
              onChange={(k: string[]) => setNode(i, { keywords: [...new Set(k.map((x) => x.trim()).filter(Boolean))] })}
              aria-label={`${t('chainAdmin.keywords')} ${n.id}`}
              data-testid={`keywords-${n.id}`}
            />
          ) : (
            v.join('、')
          ),
        ),
    },
    {
      title: t('chainAdmin.classes'),
      dataIndex: 'classes',
      width: 150,
      render: (v: Node['classes'], _n, i) =>
        cell(
          i,
          'classes',
          <Flex wrap gap={4} align="center">
            {v.map((c, k) => (
              <Tooltip
                key={c.code}
                title={c.approximate ? t('chainAdmin.approximateTip') : c.note && <OriginalText text={c.note} />}
              >
                <Tag
                  closable={editable}
                  color={c.approximate ? 'default' : 'blue'}
                  onClose={(e) => {
                    // the close icon sits inside the tag: do not let the click also toggle ≈
                    e.preventDefault();
                    e.stopPropagation();
                    setNode(i, { classes: v.filter((_, j) => j !== k) });
                  }}
                  style={{ cursor: editable ? 'pointer' : undefined }}
                  onClick={() =>
                    editable &&
                    setNode(i, { classes: v.map((x, j) => (j === k ? { ...x, approximate: !x.approximate } : x)) })
                  }
                >
                  {c.approximate ? '≈' : ''}
                  {c.code}
                </Tag>
              </Tooltip>
            ))}
            {editable && (
              <ClassAdder
                onAdd={(code, approximate) =>
                  !v.some((c) => c.code === code) && setNode(i, { classes: [...v, { code, approximate }] })
                }
              />
            )}
          </Flex>,
        ),
    },
    ...(editable
      ? [
          {
            title: '',
            key: 'remove',
            width: 48,
            render: (_: unknown, n: Node, i: number) => (
              <Tooltip title={t('chainAdmin.removeNode')}>
                <Button
                  size="small"
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  onClick={() => remove(i)}
                  aria-label={`${t('chainAdmin.removeNode')} ${n.id}`}
                />
              </Tooltip>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <FieldError errors={errors} path="nodes" />
      <Table<Node>
        rowKey={(_n, i) => String(i)}
        dataSource={nodes}
        columns={columns}
        pagination={false}
        size="small"
        data-testid="nodes-table"
        rowClassName={(n) => (n.group ? 'chain-group-row' : '')}
        expandable={{
          // examples, the 卡脖子 flag, its remark and sources, external sales, the class remark
          expandedRowRender: (n, i) => (
            <NodeDetails
              node={n}
              index={i}
              sourceTags={template.sources.map((x) => x.tag)}
              sources={template.sources}
              editable={editable}
              errors={errors}
              onChange={(patch) => setNode(i, patch)}
            />
          ),
          rowExpandable: (n) => !n.group,
          columnWidth: 36,
        }}
      />
      {editable && (
        <Button type="dashed" icon={<PlusOutlined />} onClick={add} style={{ marginTop: 8 }} data-testid="add-node">
          {t('chainAdmin.addNode')}
        </Button>
      )}
    </>
  );
}
