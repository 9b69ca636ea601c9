/** Chain leaders of the scope with their local supporting rate (本地配套率) and how it is computed. */
import { EnvironmentOutlined } from '@ant-design/icons';
import { Button, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { supportingShare } from '../../../domain/chains/score';
import { fmtCount, fmtPercent, fmtWan, listSep } from '../../app/format';
import type { ChainHealth, ChainLeader } from './api';

type Rate = ChainLeader['supporting'];

/** The rate by amount when amounts are known, else the count-based share, clearly labelled. */
export function SupportingRateText({ s, testId }: { s: Rate; testId?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const all = s.links + s.unknownAmountLinks;
  const localAll = s.localLinks + s.unknownAmountLocalLinks;
  const share = supportingShare(s);
  if (share.basis === 'amount') {
    return (
      <Flex vertical gap={0} data-testid={testId}>
        <span>
          <b style={{ fontSize: 16 }}>{fmtPercent(share.value, 1, lang)}</b>{' '}
          <Typography.Text type="secondary">{t('chains.byAmount')}</Typography.Text>
        </span>
        {s.purchaseWan !== null && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('chains.amountShare', { local: fmtWan(s.localWan, lang), all: fmtWan(s.purchaseWan, lang) })}
          </Typography.Text>
        )}
        {s.unknownAmountLinks > 0 && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('chains.unknownLinks', { n: fmtCount(s.unknownAmountLinks, lang) })}
          </Typography.Text>
        )}
      </Flex>
    );
  }
  if (share.value === null)
    return (
      <Typography.Text type="secondary" data-testid={testId}>
        {t('chains.noSuppliers')}
      </Typography.Text>
    );
  return (
    <Flex vertical gap={0} data-testid={testId}>
      <span>
        <b style={{ fontSize: 16 }}>{fmtPercent(share.value, 1, lang)}</b>{' '}
        <Tag color="orange" style={{ marginInlineEnd: 0 }}>
          {t('chains.byCount')}
        </Tag>
      </span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('chains.countShare', { local: localAll, all })} · {t('chains.amountUnknown')}
      </Typography.Text>
    </Flex>
  );
}

export function LeadersPanel({ h, onMap }: { h: ChainHealth; onMap: (leader: ChainLeader) => void }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  const nodeName = new Map(h.nodes.map((n) => [n.nodeId, en ? n.nameEn : n.nameZh]));
  return (
    <>
      <Table<ChainLeader>
        size="small"
        rowKey="enterpriseId"
        pagination={false}
        dataSource={h.leaders}
        locale={{ emptyText: t('chains.noLeader') }}
        data-testid="leaders"
        columns={[
          {
            title: t('chains.leaders'),
            key: 'name',
            render: (_, l) => (
              <Flex vertical gap={0} data-testid={`leader-${l.enterpriseId}`}>
                <Link to={`/enterprises/${l.enterpriseId}`}>{l.name}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {l.nodeIds.map((id) => nodeName.get(id) ?? id).join(listSep(i18n.language))}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: t('chains.detectedBy'),
            key: 'by',
            render: (_, l) => (
              <Flex vertical gap={0} style={{ fontSize: 12 }}>
                {l.detectedBy.map((r) => (
                  <span key={r.code}>{en ? r.en : r.zh}</span>
                ))}
              </Flex>
            ),
          },
          { title: t('chains.partners'), dataIndex: 'chainPartners', width: 90, align: 'right' },
          {
            title: t('chains.supportingRate'),
            key: 'rate',
            width: 230,
            render: (_, l) => <SupportingRateText s={l.supporting} testId={`supporting-${l.enterpriseId}`} />,
          },
          {
            key: 'map',
            width: 130,
            render: (_, l) => (
              <Button
                size="small"
                icon={<EnvironmentOutlined />}
                onClick={() => onMap(l)}
                data-testid={`map-${l.enterpriseId}`}
              >
                {t('chains.suppliersMap')}
              </Button>
            ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
        {t('chains.supportingHow')}
      </Typography.Paragraph>
    </>
  );
}
