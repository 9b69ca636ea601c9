/**
 * The fields of a node that do not fit the nodes table: typical products, the 卡脖子 flag with its
 * remark and source tags, whether it sells outside the chains, and the remark on its classes. Shown as
 * the expanded row of the node; read-only unless `editable`.
 */
import { Col, Input, Row, Select, Switch, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BOTTLENECK_KINDS } from '../../../contracts/chains';
import { OriginalText } from '../../components/OriginalText';
import type { TChainTemplate } from './api';
import { CitedText } from './Cited';
import { type ErrorMap, FieldError } from './FieldError';

type Node = TChainTemplate['nodes'][number];

export function NodeDetails({
  node,
  index,
  sourceTags,
  sources,
  editable,
  errors,
  onChange,
}: {
  node: Node;
  index: number;
  /** Tags of the template's sources, for the flag's source tags. */
  sourceTags: readonly string[];
  /** The template's sources, to cite from the remarks. */
  sources: TChainTemplate['sources'];
  editable: boolean;
  errors: ErrorMap;
  onChange: (patch: Partial<Node>) => void;
}) {
  const { t } = useTranslation();
  const item = (field: string, title: string, content: ReactNode, span = 12) => (
    <Col xs={24} md={span}>
      <Typography.Text strong style={{ fontSize: 12 }}>
        {title}
      </Typography.Text>
      <div>{content}</div>
      <FieldError errors={errors} path={`nodes.${index}.${field}`} />
    </Col>
  );
  const text = (field: 'examples' | 'note' | 'classNote', title: string, area = false) =>
    item(
      field,
      title,
      editable ? (
        area ? (
          <>
            <Input.TextArea
              size="small"
              autoSize={{ minRows: 1, maxRows: 4 }}
              value={node[field] ?? ''}
              onChange={(e) => onChange({ [field]: e.target.value || undefined })}
              aria-label={`${title} ${node.id}`}
              data-testid={`${field}-${node.id}`}
            />
            {node[field] && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <Tooltip title={t('chainAdmin.citeHelp')}>{t('chainAdmin.readerView')}</Tooltip>
                {t('common.colon')}
                <CitedText text={node[field]} sources={sources} />
              </Typography.Text>
            )}
          </>
        ) : (
          <Input
            size="small"
            value={node[field] ?? ''}
            onChange={(e) => onChange({ [field]: e.target.value || undefined })}
            aria-label={`${title} ${node.id}`}
            data-testid={`${field}-${node.id}`}
          />
        )
      ) : node[field] ? (
        field === 'examples' ? (
          <OriginalText text={node[field]} />
        ) : (
          <CitedText text={node[field]} sources={sources} />
        )
      ) : (
        '—'
      ),
      area ? 24 : 12,
    );
  return (
    <Row gutter={[16, 8]} data-testid={`node-details-${node.id}`} style={{ maxWidth: 1100 }}>
      {text('examples', t('chainAdmin.examples'))}
      {item(
        'suppliesExternal',
        t('chainAdmin.suppliesExternal'),
        <Switch
          size="small"
          disabled={!editable}
          checked={node.suppliesExternal}
          onChange={(c) => onChange({ suppliesExternal: c })}
          aria-label={`${t('chainAdmin.suppliesExternal')} ${node.id}`}
        />,
      )}
      {item(
        'bottleneck',
        t('chainAdmin.bottleneck'),
        <Select
          size="small"
          disabled={!editable}
          allowClear
          value={node.bottleneck ?? undefined}
          placeholder={t('chainAdmin.bottleneck_none')}
          style={{ width: '100%', maxWidth: 320 }}
          onChange={(v) => onChange({ bottleneck: v ?? null })}
          options={BOTTLENECK_KINDS.map((k) => ({ value: k, label: t(`chainAdmin.bottleneck_${k}`) }))}
          aria-label={`${t('chainAdmin.bottleneck')} ${node.id}`}
          data-testid={`bottleneck-${node.id}`}
        />,
      )}
      {item(
        'sourceTags',
        t('chainAdmin.sourceTags'),
        <Select
          size="small"
          mode="multiple"
          disabled={!editable}
          value={node.sourceTags}
          style={{ width: '100%', maxWidth: 320 }}
          onChange={(v: string[]) => onChange({ sourceTags: v })}
          options={[...new Set([...sourceTags, ...node.sourceTags])].map((s) => ({ value: s, label: s }))}
          aria-label={`${t('chainAdmin.sourceTags')} ${node.id}`}
        />,
      )}
      {text('note', t('chainAdmin.flagNote'), true)}
      {text('classNote', t('chainAdmin.classNote'), true)}
    </Row>
  );
}
