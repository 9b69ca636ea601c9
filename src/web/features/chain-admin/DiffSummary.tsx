/**
 * A diff between two template versions in a few lines: nodes added / removed / changed, edges, header fields.
 * Nodes by their names in the UI language (from the chain's templates: the current one and, for an upload,
 * the uploaded one), fields by their labels in the editor; a node no template names any more (removed) by its id.
 */
import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TChainTemplate } from '../../../contracts/chains';
import { type TemplateDiff, useTemplate } from './api';

/** The editor's label of a node or header field (the diff names fields as the template stores them). */
const FIELD_KEYS: Record<string, string> = {
  nameZh: 'chainAdmin.nameZh',
  nameEn: 'chainAdmin.nameEn',
  description: 'chainAdmin.description',
  basis: 'chainAdmin.basis',
  sources: 'chainAdmin.sourcesTitle',
  examples: 'chainAdmin.examples',
  stage: 'chainAdmin.stage',
  parent: 'chainAdmin.parent',
  group: 'chainAdmin.group',
  suppliesExternal: 'chainAdmin.suppliesExternal',
  suppliesNote: 'chainAdmin.suppliesNote',
  refs: 'chainAdmin.refs',
  keywords: 'chainAdmin.keywords',
  classes: 'chainAdmin.classes',
  classNote: 'chainAdmin.classNote',
  keyLink: 'chainAdmin.keyLink',
  bottleneck: 'chainAdmin.bottleneck',
  note: 'chainAdmin.flagNote',
  sourceTags: 'chainAdmin.sourceTags',
};

export function DiffSummary({
  diff,
  code,
  template,
}: {
  diff: TemplateDiff | null;
  /** The chain, for its nodes' names. */
  code?: string | undefined;
  /** A template not yet stored (an upload's), whose nodes are named first. */
  template?: TChainTemplate | null | undefined;
}) {
  const { t, i18n } = useTranslation();
  const current = useTemplate(code);
  const en = i18n.language === 'en-US';
  const names = new Map<string, string>();
  for (const tpl of [current.data, template])
    for (const n of tpl?.nodes ?? []) names.set(n.id, en ? n.nameEn : n.nameZh);
  const node = (id: string) => names.get(id) ?? id;
  const field = (f: string) => (FIELD_KEYS[f] ? t(FIELD_KEYS[f] as 'chainAdmin.nameZh') : f);
  const sep = en ? ', ' : '、';
  if (!diff) return <Typography.Text type="secondary">{t('chainAdmin.noDiff')}</Typography.Text>;
  const rows: { label: string; color: string; items: string[] }[] = [
    { label: t('chainAdmin.added'), color: 'green', items: diff.nodesAdded.map(node) },
    { label: t('chainAdmin.removed'), color: 'red', items: diff.nodesRemoved.map(node) },
    {
      label: t('chainAdmin.changed'),
      color: 'blue',
      items: diff.nodesChanged.map((c) =>
        en ? `${node(c.id)} (${c.fields.map(field).join(sep)})` : `${node(c.id)}（${c.fields.map(field).join(sep)}）`,
      ),
    },
    {
      label: t('chainAdmin.edgesAdded'),
      color: 'green',
      items: diff.edgesAdded.map((e) => `${node(e.from)} → ${node(e.to)}`),
    },
    {
      label: t('chainAdmin.edgesRemoved'),
      color: 'red',
      items: diff.edgesRemoved.map((e) => `${node(e.from)} → ${node(e.to)}`),
    },
    { label: t('chainAdmin.fieldsChanged'), color: 'default', items: diff.fields.map(field) },
  ].filter((r) => r.items.length > 0);
  if (rows.length === 0) return <Typography.Text type="secondary">{t('chainAdmin.noChange')}</Typography.Text>;
  return (
    <Flex vertical gap={4} data-testid="diff-summary">
      {rows.map((r) => (
        <div key={r.label}>
          <Typography.Text strong>
            {r.label} ({r.items.length}):{' '}
          </Typography.Text>
          {r.items.slice(0, 12).map((x) => (
            <Tag key={x} color={r.color} style={{ marginBottom: 2 }}>
              {x}
            </Tag>
          ))}
          {r.items.length > 12 && <Typography.Text type="secondary">… +{r.items.length - 12}</Typography.Text>}
        </div>
      ))}
    </Flex>
  );
}
