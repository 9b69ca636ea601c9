import { CrownOutlined } from '@ant-design/icons';
import { Table, type TablePaginationConfig, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { tiersOn } from '../../../domain/evaluation/honour-status';
import { todayInBeijing } from '../../app/format';
import { useLabels } from '../../app/labels';
import { useTiers } from '../../client/queries';
import type { TEnterprise } from '../../client/types';
import { sortOrderOf, toSortParam } from '../../components/tableSort';
import { ChainTag, StageTag, SyntheticBadge } from '../../components/tags';

export function EnterpriseTable({
  data,
  loading,
  pagination,
  sort,
  onSort,
  emptyText,
  showParks = true,
}: {
  data: TEnterprise[] | undefined;
  loading?: boolean;
  pagination?: TablePaginationConfig | false;
  sort?: string;
  onSort?: (sort: string | undefined) => void;
  emptyText?: ReactNode;
  showParks?: boolean;
}) {
  const { t } = useTranslation();
  const today = todayInBeijing();
  const { label, pickName, tierName } = useLabels();
  const tiers = useTiers();
  const tierByCode = new Map((tiers.data?.items ?? []).map((x) => [x.code, x]));
  const sortable = !!onSort;

  const columns: ColumnsType<TEnterprise> = [
    {
      title: t('enterprise.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: sortable,
      sortOrder: sortable ? sortOrderOf(sort, 'name') : undefined,
      render: (_: string, e) => (
        <div>
          <Link to={`/enterprises/${e.id}`} data-testid={`enterprise-link-${e.id}`}>
            {pickName(e.name, e.nameEn)}
          </Link>{' '}
          {e.isChainLeader && (
            <Tooltip title={t('enterprise.chainLeader')}>
              <CrownOutlined style={{ color: '#d48806' }} aria-label={t('enterprise.chainLeader')} />
            </Tooltip>
          )}{' '}
          <SyntheticBadge synthetic={e.synthetic} />
          {e.creditCode && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, fontFamily: 'monospace' }}>
              {e.creditCode}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      title: t('enterprise.industryClass'),
      dataIndex: 'industryClassCode',
      key: 'industryClassCode',
      width: 200,
      render: (v: string | null, e) =>
        v ? (
          <span>
            {e.industryClassName ?? ''} <Typography.Text type="secondary">{v}</Typography.Text>
          </span>
        ) : (
          t('common.none')
        ),
    },
    {
      title: t('enterprise.scale'),
      dataIndex: 'scale',
      key: 'scale',
      width: 76,
      render: (v: string | null) => label('scale', v),
    },
    {
      title: t('enterprise.chain'),
      dataIndex: 'chainCode',
      key: 'chainCode',
      width: 220,
      render: (v: string | null, e) => (
        <span style={{ display: 'inline-flex', flexWrap: 'wrap', rowGap: 4 }}>
          <ChainTag code={v} />
          <StageTag stage={e.chainStage} />
        </span>
      ),
    },
    {
      title: t('enterprise.tier'),
      dataIndex: 'honours',
      key: 'honours',
      width: 200,
      render: (hs: TEnterprise['honours']) => {
        // Held tiers first; a tier whose every grant lapsed shows as lapsed (失效).
        const { held, lapsed } = tiersOn(hs, today);
        const tags = [...held.map((c) => ({ c, lapsed: false })), ...lapsed.map((c) => ({ c, lapsed: true }))];
        return (
          <span style={{ display: 'inline-flex', flexWrap: 'wrap', rowGap: 4 }}>
            {tags.slice(0, 3).map((x) => (
              <Tag key={x.c} color={x.lapsed ? 'default' : 'geekblue'}>
                {tierName(tierByCode.get(x.c), x.c)}
                {x.lapsed && ` · ${t('enterprise.expired')}`}
              </Tag>
            ))}
            {tags.length > 3 && <Tag>+{tags.length - 3}</Tag>}
          </span>
        );
      },
    },
    ...(showParks
      ? [
          {
            title: t('enterprise.parks'),
            dataIndex: 'parkNames',
            key: 'parkNames',
            width: 170,
            render: (v: string[]) => v.join('、') || t('common.none'),
          },
        ]
      : []),
  ];
  return (
    <Table<TEnterprise>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={data}
      loading={loading}
      pagination={pagination}
      locale={emptyText ? { emptyText } : undefined}
      onChange={(_p, _f, sorter, extra) => {
        if (onSort && extra.action === 'sort' && !Array.isArray(sorter)) onSort(toSortParam(sorter));
      }}
      data-testid="enterprise-table"
    />
  );
}
