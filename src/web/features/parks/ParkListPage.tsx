import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { fmtNumber } from '../../app/format';
import { useLabels } from '../../app/labels';
import { usePermissions } from '../../app/permissions';
import { usePaging, useUrlState } from '../../app/useUrlState';
import { useParks } from '../../client/queries';
import type { TPark } from '../../client/types';
import { ExportButtons } from '../../components/ExportButtons';
import {
  DevzoneFilter,
  DistrictFilter,
  FilterBar,
  FilterSelect,
  SearchBox,
  YesNoFilter,
} from '../../components/filters';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState } from '../../components/states';
import { onSortOnly, sortOrderOf } from '../../components/tableSort';
import { ChainTags, SyntheticBadge } from '../../components/tags';

const FILTER_KEYS = ['q', 'regionCode', 'devzone', 'kind', 'level', 'industry', 'synthetic', 'parentId', 'tag'];

export default function ParkListPage() {
  const { t, i18n } = useTranslation();
  const { label, options, pickName, districtName } = useLabels();
  const { get, set } = useUrlState();
  const paging = usePaging();
  const navigate = useNavigate();
  const perms = usePermissions();
  const params = {
    q: get('q'),
    regionCode: get('regionCode'),
    devzone: get('devzone'),
    kind: get('kind'),
    level: get('level'),
    industry: get('industry'),
    synthetic: get('synthetic'),
    parentId: get('parentId'),
    tag: get('tag'),
    sort: paging.sort,
    limit: paging.limit,
    offset: paging.offset,
  };
  const parks = useParks(params);

  const columns: ColumnsType<TPark> = [
    {
      title: t('park.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: sortOrderOf(paging.sort, 'name'),
      render: (_: string, p) => (
        <div>
          <Link to={`/parks/${p.id}`} data-testid={`park-link-${p.id}`}>
            {pickName(p.name, p.nameEn)}
          </Link>{' '}
          <SyntheticBadge synthetic={p.synthetic} />
          {p.parentName && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {t('park.parent')}: {p.parentName}
            </Typography.Text>
          )}
        </div>
      ),
    },
    { title: t('park.kind'), dataIndex: 'kind', key: 'kind', width: 150, render: (v: string) => label('parkKind', v) },
    {
      title: t('park.level'),
      dataIndex: 'level',
      key: 'level',
      width: 90,
      render: (v: string) => label('parkLevel', v),
    },
    {
      title: t('park.district'),
      dataIndex: 'regionName',
      key: 'regionName',
      width: 100,
      render: (v: string | null, p) => districtName(p.regionCode, v),
    },
    {
      title: t('park.leadingIndustries'),
      dataIndex: 'leadingIndustries',
      key: 'leadingIndustries',
      render: (v: string[]) => <ChainTags codes={v} />,
    },
    {
      title: t('park.buildingCount'),
      dataIndex: 'buildingCount',
      key: 'buildingCount',
      width: 96,
      align: 'right',
      render: (v: number) => fmtNumber(v, 0, i18n.language),
    },
    {
      title: t('park.enterpriseCount'),
      dataIndex: 'enterpriseCount',
      key: 'enterpriseCount',
      width: 96,
      align: 'right',
      sorter: true,
      sortOrder: sortOrderOf(paging.sort, 'enterpriseCount'),
      render: (v: number) => fmtNumber(v, 0, i18n.language),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('park.listTitle')}
        extra={
          <>
            <ExportButtons kind="parks" params={params} total={parks.data?.total} />
            {perms.mayCreate('parks') && (
              <Button icon={<PlusOutlined />} onClick={() => navigate('/parks/new')} data-testid="new-park">
                {t('park.newPark')}
              </Button>
            )}
          </>
        }
      />
      <Card size="small">
        <FilterBar keys={FILTER_KEYS}>
          <SearchBox />
          <DistrictFilter label={t('park.filterDistrict')} />
          <DevzoneFilter label={t('park.filterDevzone')} />
          <FilterSelect urlKey="level" label={t('park.filterLevel')} options={options('parkLevel')} width={150} />
          <FilterSelect urlKey="kind" label={t('park.filterKind')} options={options('parkKind')} width={220} />
          <FilterSelect urlKey="industry" label={t('park.filterIndustry')} options={options('chain')} width={220} />
          <YesNoFilter urlKey="synthetic" label={t('synthetic.filter')} width={160} />
        </FilterBar>
        {parks.isError ? (
          <ErrorState error={parks.error} onRetry={() => void parks.refetch()} />
        ) : (
          <Table<TPark>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={parks.data?.items}
            loading={parks.isFetching}
            locale={{ emptyText: parks.isPending ? ' ' : <EmptyState description={t('common.emptyFiltered')} /> }}
            onChange={onSortOnly<TPark>((sort) => set({ sort }))}
            pagination={{
              current: paging.page,
              pageSize: paging.pageSize,
              total: parks.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (n) => t('common.total', { count: n }),
              onChange: paging.onChange,
            }}
            data-testid="park-table"
          />
        )}
      </Card>
    </>
  );
}
