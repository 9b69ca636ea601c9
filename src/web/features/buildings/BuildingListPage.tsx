import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../app/labels';
import { usePaging, useUrlState } from '../../app/useUrlState';
import { useAllParks, useBuildings } from '../../client/queries';
import { ExportButtons } from '../../components/ExportButtons';
import { FilterBar, FilterSelect, SearchBox, YesNoFilter } from '../../components/filters';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState } from '../../components/states';
import { BuildingTable } from './BuildingTable';

const FILTER_KEYS = ['q', 'type', 'industry', 'parkId', 'synthetic'];

export default function BuildingListPage() {
  const { t } = useTranslation();
  const { options, pickName } = useLabels();
  const { get, set } = useUrlState();
  const paging = usePaging();
  const parks = useAllParks();
  const params = {
    q: get('q'),
    type: get('type'),
    industry: get('industry'),
    parkId: get('parkId'),
    synthetic: get('synthetic'),
    sort: paging.sort,
    limit: paging.limit,
    offset: paging.offset,
  };
  const buildings = useBuildings(params);

  return (
    <>
      <PageHeader
        title={t('building.listTitle')}
        extra={<ExportButtons kind="buildings" params={params} total={buildings.data?.total} />}
      />
      <Card size="small">
        <FilterBar keys={FILTER_KEYS}>
          <SearchBox />
          <FilterSelect
            urlKey="parkId"
            label={t('building.filterPark')}
            width={260}
            loading={parks.isPending}
            options={(parks.data?.items ?? []).map((p) => ({ value: String(p.id), label: pickName(p.name, p.nameEn) }))}
          />
          <FilterSelect urlKey="type" label={t('building.filterType')} options={options('buildingType')} width={220} />
          <FilterSelect urlKey="industry" label={t('building.filterIndustry')} options={options('chain')} width={220} />
          <YesNoFilter urlKey="synthetic" label={t('synthetic.filter')} width={160} />
        </FilterBar>
        {buildings.isError ? (
          <ErrorState error={buildings.error} onRetry={() => void buildings.refetch()} />
        ) : (
          <BuildingTable
            data={buildings.data?.items}
            loading={buildings.isFetching}
            sort={paging.sort}
            onSort={(sort) => set({ sort })}
            emptyText={buildings.isPending ? ' ' : <EmptyState description={t('common.emptyFiltered')} />}
            pagination={{
              current: paging.page,
              pageSize: paging.pageSize,
              total: buildings.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (n) => t('common.total', { count: n }),
              onChange: paging.onChange,
            }}
          />
        )}
      </Card>
    </>
  );
}
