/** The missing and weak segments as a list beside the graph: readable without the picture, and a keyboard way into the drill-down. */
import { Button, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { listSep } from '../../app/format';
import type { ChainHealth, NodeHealth } from './api';
import { StatusTag } from './status';

export function GapList({ h, onOpen }: { h: ChainHealth; onOpen: (nodeId: string) => void }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  const rows = h.nodes.filter((n) => !n.group && n.status !== 'strong');
  const order = { weak: 0, missing: 1, strong: 2 } as const;
  rows.sort((a, b) => order[a.status] - order[b.status] || Number(b.keyLink) - Number(a.keyLink));
  return (
    <Table<NodeHealth>
      size="small"
      rowKey="nodeId"
      dataSource={rows}
      pagination={rows.length > 12 ? { pageSize: 12, size: 'small' } : false}
      expandable={{ childrenColumnName: 'noTreeRows' }}
      data-testid="gap-list"
      columns={[
        {
          title: t('chains.node'),
          key: 'n',
          render: (_, n) => (
            <Button
              type="link"
              size="small"
              style={{ padding: 0 }}
              onClick={() => onOpen(n.nodeId)}
              data-testid={`gap-${n.nodeId}`}
            >
              {n.keyLink ? '★ ' : ''}
              {en ? n.nameEn : n.nameZh}
            </Button>
          ),
        },
        { title: t('chains.status'), key: 's', width: 80, render: (_, n) => <StatusTag status={n.status} /> },
        {
          title: t('chains.firms'),
          key: 'f',
          render: (_, n) => (
            <Typography.Text style={{ fontSize: 12 }} ellipsis={{ tooltip: true }}>
              {n.firms.map((f) => f.name).join(listSep(i18n.language)) || '—'}
            </Typography.Text>
          ),
        },
        {
          title: t('chains.reasons'),
          key: 'r',
          render: (_, n) => (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {n.status === 'missing'
                ? t('chains.whyMissing')
                : n.reasons.map((r) => (en ? r.en : r.zh)).join(en ? '; ' : '；')}
            </Typography.Text>
          ),
        },
      ]}
    />
  );
}
