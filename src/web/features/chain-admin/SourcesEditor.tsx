/**
 * The sources a template cites (tag, what it is, link, tier, note), editable by whoever may publish.
 * Tags are what node flags and the basis cite; removing a source that is still cited is reported by
 * the server's check on publish, under the field.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Select, Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SOURCE_TIERS } from '../../../contracts/chains';
import type { TChainTemplate } from './api';
import { ChainSourceCitation } from './Cited';
import { type ErrorMap, FieldError } from './FieldError';

type Source = TChainTemplate['sources'][number];

export function SourcesEditor({
  template,
  editable,
  errors,
  onChange,
}: {
  template: TChainTemplate;
  editable: boolean;
  errors: ErrorMap;
  onChange: (sources: Source[]) => void;
}) {
  const { t } = useTranslation();
  const sources = template.sources;
  if (!editable) {
    return (
      <ol style={{ paddingInlineStart: 24, margin: 0 }} data-testid="sources-list">
        {sources.map((s) => (
          <li key={s.tag} style={{ marginBottom: 4 }}>
            <ChainSourceCitation source={s} sources={sources} />
          </li>
        ))}
      </ol>
    );
  }
  const set = (i: number, patch: Partial<Source>) =>
    onChange(sources.map((s, k) => (k === i ? { ...s, ...patch } : s)));
  const cell = (i: number, field: string, content: ReactNode) => (
    <>
      {content}
      <FieldError errors={errors} path={`sources.${i}.${field}`} />
    </>
  );
  const text =
    (field: 'tag' | 'title' | 'url' | 'note', label: string) => (v: string | undefined, _s: Source, i: number) =>
      cell(
        i,
        field,
        <Input
          size="small"
          value={v ?? ''}
          status={field === 'tag' || field === 'title' ? (v ? undefined : 'error') : undefined}
          onChange={(e) => {
            const x = field === 'tag' ? e.target.value.trim().toUpperCase() : e.target.value;
            set(i, { [field]: x || (field === 'url' || field === 'note' ? undefined : '') });
          }}
          aria-label={`${label} ${i + 1}`}
        />,
      );
  return (
    <>
      <FieldError errors={errors} path="sources" />
      <Table<Source>
        rowKey={(_s, i) => String(i)}
        size="small"
        pagination={false}
        dataSource={sources}
        data-testid="sources-table"
        expandable={{
          expandedRowRender: (s) => (
            <Flex gap={8}>
              <Typography.Text type="secondary">{t('chainAdmin.readerView')}</Typography.Text>
              <ChainSourceCitation source={s} sources={sources} />
            </Flex>
          ),
          rowExpandable: (s) => Boolean(s.title),
          columnWidth: 36,
        }}
        columns={[
          {
            title: t('chainAdmin.sourceTag'),
            dataIndex: 'tag',
            width: 90,
            render: text('tag', t('chainAdmin.sourceTag')),
          },
          {
            title: t('chainAdmin.sourceTitle'),
            dataIndex: 'title',
            render: text('title', t('chainAdmin.sourceTitle')),
          },
          {
            title: t('chainAdmin.sourceUrl'),
            dataIndex: 'url',
            width: 260,
            render: text('url', t('chainAdmin.sourceUrl')),
          },
          {
            title: t('chainAdmin.sourceTier'),
            dataIndex: 'tier',
            width: 160,
            render: (v: Source['tier'], _s, i) =>
              cell(
                i,
                'tier',
                <Select
                  size="small"
                  value={v}
                  style={{ width: 150 }}
                  popupMatchSelectWidth={false}
                  onChange={(x) => set(i, { tier: x })}
                  options={SOURCE_TIERS.map((x) => ({ value: x, label: t(`chainAdmin.tier_${x}`) }))}
                  aria-label={`${t('chainAdmin.sourceTier')} ${i + 1}`}
                />,
              ),
          },
          {
            title: t('chainAdmin.sourceNote'),
            dataIndex: 'note',
            width: 220,
            render: text('note', t('chainAdmin.sourceNote')),
          },
          {
            title: '',
            key: 'rm',
            width: 44,
            render: (_: unknown, _s: Source, i: number) => (
              <Button
                size="small"
                type="text"
                danger
                icon={<DeleteOutlined />}
                onClick={() => onChange(sources.filter((_x, k) => k !== i))}
                aria-label={`${t('chainAdmin.removeSource')} ${i + 1}`}
              />
            ),
          },
        ]}
      />
      <Button
        type="dashed"
        size="small"
        icon={<PlusOutlined />}
        style={{ marginTop: 8 }}
        onClick={() => onChange([...sources, { tag: '', title: '', tier: 'C' }])}
        data-testid="add-source"
      >
        {t('chainAdmin.addSource')}
      </Button>
    </>
  );
}
