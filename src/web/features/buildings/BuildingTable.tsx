import { Table, type TablePaginationConfig } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { fmtNumber } from '../../app/format';
import { useLabels } from '../../app/labels';
import type { TBuilding } from '../../client/types';
import { sortOrderOf } from '../../components/tableSort';
import { ChainTag, SyntheticBadge } from '../../components/tags';

export function BuildingTable({
  data,
  loading,
  pagination,
  showPark = true,
  sort,
  onSort,
  emptyText,
}: {
  data: TBuilding[] | undefined;
  loading?: boolean;
  pagination?: TablePaginationConfig | false;
  showPark?: boolean;
  sort?: string;
  onSort?: (sort: string | undefined) => void;
  emptyText?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const { label, pickName } = useLabels();
  const sortable = !!onSort;
  const columns: ColumnsType<TBuilding> = [
    {
      title: t('building.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: sortable,
      sortOrder: sortable ? sortOrderOf(sort, 'name') : undefined,
      render: (_: string, b) => (
        <span>
          <Link to={`/buildings/${b.id}`} data-testid={`building-link-${b.id}`}>
            {pickName(b.name, b.nameEn)}
          </Link>{' '}
          <SyntheticBadge synthetic={b.synthetic} />
        </span>
      ),
    },
    ...(showPark
      ? [
          {
            title: t('building.park'),
            dataIndex: 'parkName',
            key: 'parkName',
            width: 240,
            render: (v: string, b: TBuilding) => <Link to={`/parks/${b.parkId}`}>{v}</Link>,
          },
        ]
      : []),
    {
      title: t('building.type'),
      dataIndex: 'type',
      key: 'type',
      width: 170,
      render: (v: string) => label('buildingType', v),
    },
    {
      title: t('building.floors'),
      dataIndex: 'floorsAbove',
      key: 'floorsAbove',
      width: 80,
      align: 'right',
      sorter: sortable,
      sortOrder: sortable ? sortOrderOf(sort, 'floorsAbove') : undefined,
      render: (v: number, b) => (b.floorsBelow ? `${v} / B${b.floorsBelow}` : v),
    },
    {
      title: `${t('building.grossFloorArea')} (${t('units.m2')})`,
      dataIndex: 'grossFloorAreaM2',
      key: 'grossFloorAreaM2',
      width: 150,
      align: 'right',
      render: (v: number | null) => fmtNumber(v, 0, i18n.language),
    },
    {
      title: t('building.leadingIndustry'),
      dataIndex: 'leadingIndustry',
      key: 'leadingIndustry',
      width: 170,
      render: (v: string | null) => <ChainTag code={v} />,
    },
    {
      title: t('building.tenantCount'),
      dataIndex: 'tenantCount',
      key: 'tenantCount',
      width: 96,
      align: 'right',
      sorter: sortable,
      sortOrder: sortable ? sortOrderOf(sort, 'tenantCount') : undefined,
    },
    {
      title: t('building.completionYear'),
      dataIndex: 'completionYear',
      key: 'completionYear',
      width: 100,
      render: (v: number | null) => v ?? t('common.none'),
    },
  ];
  return (
    <Table<TBuilding>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={data}
      loading={loading}
      pagination={pagination}
      locale={emptyText ? { emptyText } : undefined}
      onChange={(_p, _f, sorter, extra) => {
        if (onSort && extra.action === 'sort' && !Array.isArray(sorter)) {
          const field = sorter.columnKey ? String(sorter.columnKey) : undefined;
          onSort(field && sorter.order ? (sorter.order === 'descend' ? `-${field}` : field) : undefined);
        }
      }}
      data-testid="building-table"
    />
  );
}
