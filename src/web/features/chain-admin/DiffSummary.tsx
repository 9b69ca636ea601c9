/** A diff between two template versions in a few lines: nodes added / removed / changed, edges, header fields. */
import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TemplateDiff } from './api';

export function DiffSummary({ diff }: { diff: TemplateDiff | null }) {
  const { t } = useTranslation();
  if (!diff) return <Typography.Text type="secondary">{t('chainAdmin.noDiff')}</Typography.Text>;
  const rows: { label: string; color: string; items: string[] }[] = [
    { label: t('chainAdmin.added'), color: 'green', items: diff.nodesAdded },
    { label: t('chainAdmin.removed'), color: 'red', items: diff.nodesRemoved },
    {
      label: t('chainAdmin.changed'),
      color: 'blue',
      items: diff.nodesChanged.map((c) => `${c.id} (${c.fields.join(', ')})`),
    },
    { label: t('chainAdmin.edgesAdded'), color: 'green', items: diff.edgesAdded.map((e) => `${e.from} → ${e.to}`) },
    { label: t('chainAdmin.edgesRemoved'), color: 'red', items: diff.edgesRemoved.map((e) => `${e.from} → ${e.to}`) },
    { label: t('chainAdmin.fieldsChanged'), color: 'default', items: diff.fields },
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
