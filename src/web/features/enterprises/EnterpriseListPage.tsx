import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Space, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useLabels } from '../../app/labels';
import { usePermissions } from '../../app/permissions';
import { usePaging, useUrlState } from '../../app/useUrlState';
import { useEnterprises, useTiers } from '../../client/queries';
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
import { EnterpriseTable } from './EnterpriseTable';
import { IndustryClassPicker } from './IndustryClassPicker';

const FILTER_KEYS = [
  'q',
  'regionCode',
  'devzone',
  'industryClassCode',
  'scale',
  'tier',
  'chainCode',
  'isChainLeader',
  'synthetic',
  'parkId',
  'buildingId',
  // absent: the city's own firms (the API's default); 'all' adds the outside-city target pool
  'inCity',
];

export default function EnterpriseListPage() {
  const { t } = useTranslation();
  const { options, tierName } = useLabels();
  const { get, set } = useUrlState();
  const navigate = useNavigate();
  const perms = usePermissions();
  const paging = usePaging();
  const tiers = useTiers();
  const params = Object.fromEntries(FILTER_KEYS.map((k) => [k, get(k)]));
  const enterprises = useEnterprises({ ...params, sort: paging.sort, limit: paging.limit, offset: paging.offset });
  const exportQuery = { ...params, sort: paging.sort };

  return (
    <>
      <PageHeader
        title={t('enterprise.listTitle')}
        extra={
          <>
            <ExportButtons kind="enterprises" params={exportQuery} total={enterprises.data?.total} />
            {perms.mayCreate('enterprises') && (
              <Button icon={<PlusOutlined />} onClick={() => navigate('/enterprises/new')} data-testid="new-enterprise">
                {t('enterprise.newEnterprise')}
              </Button>
            )}
          </>
        }
      />
      <Card size="small">
        <FilterBar keys={FILTER_KEYS}>
          <SearchBox />
          <DistrictFilter label={t('enterprise.filterDistrict')} />
          <DevzoneFilter label={t('enterprise.filterDevzone')} />
          <IndustryClassPicker
            value={get('industryClassCode')}
            onChange={(v) => set({ industryClassCode: v })}
            width={300}
            prefix={<span style={{ color: '#6b7280' }}>{t('enterprise.filterIndustry')}</span>}
            placeholder={t('common.all')}
          />
          <FilterSelect urlKey="scale" label={t('enterprise.filterScale')} options={options('scale')} width={140} />
          <FilterSelect
            urlKey="tier"
            label={t('enterprise.filterTier')}
            width={240}
            loading={tiers.isPending}
            options={(tiers.data?.items ?? []).map((x) => ({ value: x.code, label: tierName(x, x.code) }))}
          />
          <FilterSelect urlKey="chainCode" label={t('enterprise.filterChain')} options={options('chain')} width={220} />
          <YesNoFilter urlKey="isChainLeader" label={t('enterprise.filterLeader')} width={170} />
          <YesNoFilter urlKey="synthetic" label={t('synthetic.filter')} width={160} />
          <Space size={6}>
            <Switch
              size="small"
              id="include-outside-city"
              checked={get('inCity') === 'all'}
              onChange={(on) => set({ inCity: on ? 'all' : undefined })}
              data-testid="include-outside-city"
            />
            <label htmlFor="include-outside-city">{t('enterprise.includeOutsideCity')}</label>
          </Space>
        </FilterBar>
        {enterprises.isError ? (
          <ErrorState error={enterprises.error} onRetry={() => void enterprises.refetch()} />
        ) : (
          <EnterpriseTable
            data={enterprises.data?.items}
            loading={enterprises.isFetching}
            sort={paging.sort}
            onSort={(sort) => set({ sort })}
            emptyText={enterprises.isPending ? ' ' : <EmptyState description={t('common.emptyFiltered')} />}
            pagination={{
              current: paging.page,
              pageSize: paging.pageSize,
              total: enterprises.data?.total ?? 0,
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
