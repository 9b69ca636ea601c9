/** Detected chain leaders of one chain with the detection reasons, and confirm / reject / undo. */
import { Alert, App, Button, Flex, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { fmtPercent } from '../../app/format';
import { useLabels } from '../../app/labels';
import { usePermissions } from '../../app/permissions';
import { problemText } from '../../app/problems';
import { useUrlState } from '../../app/useUrlState';
import { useDistricts } from '../../client/queries';
import { EmptyState, ErrorState } from '../../components/states';
import { type LeaderItem, type TemplateSummary, useDecideLeader, useLeaders } from './api';

const pct = (v: number | null) => fmtPercent(v, 1);

export function LeadersPanel({ templates }: { templates: TemplateSummary[] }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { en, districtName } = useLabels();
  const { get, set } = useUrlState();
  const perms = usePermissions();
  const chain = get('chain') ?? 'oe';
  const scope = get('scope') ?? 'city';
  const districts = useDistricts();
  const leaders = useLeaders({ chainCode: chain, scope });
  const decide = useDecideLeader();
  const mayDecide = perms.mayCreate('enterprises');

  const act = async (l: LeaderItem, status: 'confirmed' | 'rejected' | 'undecided') => {
    try {
      await decide.mutateAsync({ enterpriseId: l.enterpriseId, chainCode: l.chainCode, status });
    } catch (e) {
      void message.error(problemText(e, i18n.language, t('common.networkError')));
    }
  };

  const columns: ColumnsType<LeaderItem> = [
    {
      title: t('chainAdmin.enterprise'),
      dataIndex: 'name',
      render: (v: string, l) => (
        <Link to={`/enterprises/${l.enterpriseId}`} data-testid={`leader-${l.enterpriseId}`}>
          {v}
        </Link>
      ),
    },
    {
      title: t('chainAdmin.leaderReasons'),
      dataIndex: 'detectedBy',
      render: (_: unknown, l) =>
        l.detected ? (
          <Flex wrap gap={4}>
            {l.detectedBy.map((r) => (
              <Tag key={r.code} color={r.code === 'chain_links' ? 'blue' : r.code === 'flag' ? 'gold' : 'purple'}>
                {en ? r.en : r.zh}
              </Tag>
            ))}
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('chainAdmin.notDetected')}</Typography.Text>
        ),
    },
    {
      title: t('chainAdmin.partners'),
      key: 'partners',
      width: 170,
      render: (_: unknown, l) =>
        l.chainPartners === null ? '—' : t('chainAdmin.partnersValue', { s: l.chainSuppliers, c: l.chainCustomers }),
    },
    { title: t('chainAdmin.outputShare'), dataIndex: 'outputShare', width: 100, render: pct },
    { title: t('chainAdmin.supportingRate'), dataIndex: 'supportingRate', width: 120, render: pct },
    {
      title: t('chainAdmin.decision'),
      dataIndex: 'status',
      width: 110,
      render: (s: LeaderItem['status']) =>
        s ? (
          <Tag color={s === 'confirmed' ? 'green' : 'red'}>{t(`chainAdmin.status_${s}`)}</Tag>
        ) : (
          <Typography.Text type="secondary">{t('chainAdmin.undecided')}</Typography.Text>
        ),
    },
    ...(mayDecide
      ? [
          {
            title: t('chainAdmin.actions'),
            key: 'actions',
            width: 190,
            render: (_: unknown, l: LeaderItem) => (
              <Space size={4}>
                {l.status !== 'confirmed' && (
                  <Button
                    size="small"
                    type="primary"
                    ghost
                    onClick={() => void act(l, 'confirmed')}
                    data-testid={`leader-confirm-${l.enterpriseId}`}
                  >
                    {t('chainAdmin.confirm')}
                  </Button>
                )}
                {l.status !== 'rejected' && (
                  <Button
                    size="small"
                    danger
                    onClick={() => void act(l, 'rejected')}
                    data-testid={`leader-reject-${l.enterpriseId}`}
                  >
                    {t('chainAdmin.reject')}
                  </Button>
                )}
                {l.status && (
                  <Button size="small" type="link" onClick={() => void act(l, 'undecided')}>
                    {t('chainAdmin.undo')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <div>
      <Alert type="info" showIcon title={t('chainAdmin.leadersHint')} style={{ marginBottom: 12 }} />
      <Flex gap={8} style={{ marginBottom: 12 }}>
        <Select
          value={chain}
          onChange={(v) => set({ chain: v })}
          style={{ width: 240 }}
          prefix={<span style={{ color: '#6b7280' }}>{t('chainAdmin.chain')}</span>}
          options={templates.map((x) => ({ value: x.code, label: en ? x.nameEn : x.nameZh }))}
          data-testid="leaders-chain"
          aria-label={t('chainAdmin.chain')}
        />
        <Select
          value={scope}
          onChange={(v) => set({ scope: v === 'city' ? undefined : v })}
          style={{ width: 220 }}
          prefix={<span style={{ color: '#6b7280' }}>{t('chainAdmin.scope')}</span>}
          loading={districts.isPending}
          options={[
            { value: 'city', label: t('chainAdmin.city') },
            ...(districts.data?.items ?? []).map((d) => ({
              value: `district:${d.code}`,
              label: districtName(d.code, d.name),
            })),
          ]}
          data-testid="leaders-scope"
          aria-label={t('chainAdmin.scope')}
        />
      </Flex>
      {leaders.isError ? (
        <ErrorState error={leaders.error} onRetry={() => void leaders.refetch()} />
      ) : (
        <Table<LeaderItem>
          rowKey={(l) => `${l.chainCode}:${l.enterpriseId}`}
          loading={leaders.isFetching}
          dataSource={leaders.data?.items ?? []}
          columns={columns}
          pagination={false}
          size="middle"
          locale={{ emptyText: leaders.isPending ? ' ' : <EmptyState description={t('chainAdmin.noLeaders')} /> }}
          data-testid="leaders-table"
        />
      )}
    </div>
  );
}
