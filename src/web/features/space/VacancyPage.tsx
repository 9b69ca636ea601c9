import { Card, InputNumber, Segmented, Table, Tabs, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { fmtNumber, fmtPercent } from '../../app/format';
import { GeoScatter } from '../../components/GeoScatter';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/states';
import { SyntheticBadge } from '../../components/tags';
import { type TSpaceUnit, useExpiring, useUnits, useVacancy } from './api';

const GROUPS = ['park', 'zone', 'devzone', 'district', 'building'] as const;
const pct = (v: number) => fmtPercent(v, 1);
const num = (v: number | null | undefined) => fmtNumber(v, 2);

/** Vacancy rates, map, vacant units and leases ending soon; the tab and grouping live in the URL. */
export default function VacancyPage() {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  const nameOf = (r: { name: string; nameEn?: string | null }) => (zh ? r.name : (r.nameEn ?? r.name));
  const [sp, setSp] = useSearchParams();
  const groupBy = (GROUPS as readonly string[]).includes(sp.get('groupBy') ?? '')
    ? (sp.get('groupBy') as string)
    : 'park';
  const tab = sp.get('tab') ?? 'rates';
  const months = Number(sp.get('months') ?? 6) || 6;
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(sp);
    next.set(k, v);
    setSp(next, { replace: true });
  };
  const vacancy = useVacancy(groupBy);
  const units = useUnits({ status: 'vacant', pageSize: 200 });
  const leases = useExpiring(months);
  return (
    <>
      <PageHeader title={t('space.vacancyTitle')} subtitle={t('space.vacancySubtitle')} />
      <Tabs
        activeKey={tab}
        onChange={(k) => set('tab', k)}
        items={[
          {
            key: 'rates',
            label: t('space.tabRates'),
            children: (
              <Card size="small">
                <Segmented
                  style={{ marginBottom: 12 }}
                  value={groupBy}
                  onChange={(v) => set('groupBy', String(v))}
                  options={GROUPS.map((g) => ({ value: g, label: t(`space.group_${g}`) }))}
                  data-testid="space-groupby"
                />
                <QueryView query={vacancy} isEmpty={(d) => d.items.length === 0}>
                  {(d) => (
                    <Table
                      size="small"
                      rowKey="key"
                      dataSource={d.items}
                      pagination={{ pageSize: 20 }}
                      scroll={{ x: 800 }}
                      data-testid="space-vacancy"
                      columns={[
                        { title: t('space.name'), dataIndex: 'name', render: (_: string, r) => nameOf(r) },
                        { title: t('space.units'), dataIndex: 'units', align: 'right' },
                        { title: t('space.vacantUnits'), dataIndex: 'vacantUnits', align: 'right' },
                        { title: t('space.area'), dataIndex: 'areaM2', align: 'right', render: num },
                        { title: t('space.vacantArea'), dataIndex: 'vacantAreaM2', align: 'right', render: num },
                        {
                          title: t('space.vacancyRate'),
                          dataIndex: 'vacancyRate',
                          align: 'right',
                          sorter: (a, b) => a.vacancyRate - b.vacancyRate,
                          render: (v: number) => (
                            <Tag color={v > 0.3 ? 'red' : v > 0.1 ? 'orange' : 'green'}>{pct(v)}</Tag>
                          ),
                        },
                      ]}
                    />
                  )}
                </QueryView>
              </Card>
            ),
          },
          {
            key: 'map',
            label: t('space.tabMap'),
            children: (
              <QueryView query={vacancy} isEmpty={(d) => !d.items.some((i) => i.lat !== null)}>
                {(d) => (
                  <GeoScatter
                    testId="space-map"
                    groups={[
                      {
                        key: 'vacancy',
                        name: t('space.vacancyRate'),
                        color: '#d4380d',
                        focus: true,
                        points: d.items
                          .filter((i) => i.lat !== null && i.lng !== null)
                          .map((i) => ({
                            id: i.key,
                            name: nameOf(i),
                            lat: i.lat!,
                            lng: i.lng!,
                            detail: [
                              `${t('space.vacancyRate')} ${pct(i.vacancyRate)}`,
                              `${t('space.vacantArea')} ${num(i.vacantAreaM2)}`,
                            ],
                          })),
                      },
                    ]}
                  />
                )}
              </QueryView>
            ),
          },
          {
            key: 'units',
            label: t('space.tabUnits'),
            children: (
              <QueryView query={units} isEmpty={(d) => d.items.length === 0}>
                {(d) => (
                  <Table<TSpaceUnit>
                    size="small"
                    rowKey="unitId"
                    dataSource={d.items}
                    scroll={{ x: 1000 }}
                    pagination={{ pageSize: 20 }}
                    columns={[
                      { title: t('space.park'), dataIndex: 'parkName', ellipsis: true },
                      { title: t('space.building'), dataIndex: 'buildingName', ellipsis: true },
                      { title: t('space.floor'), dataIndex: 'floorNo', align: 'right' },
                      {
                        title: t('space.unit'),
                        dataIndex: 'unitCode',
                        render: (v: string, u) => (
                          <>
                            {v} <SyntheticBadge synthetic={u.synthetic} />
                          </>
                        ),
                      },
                      { title: t('space.area'), dataIndex: 'areaM2', align: 'right', render: num },
                      { title: t('space.floorLoad'), dataIndex: 'floorLoadKnM2', align: 'right', render: num },
                      { title: t('space.clearHeight'), dataIndex: 'clearHeightM', align: 'right', render: num },
                      { title: t('space.rent'), dataIndex: 'askingRentYuanM2Month', align: 'right', render: num },
                      {
                        title: t('space.availableFrom'),
                        dataIndex: 'availableFrom',
                        render: (v: string | null) => v ?? '—',
                      },
                    ]}
                  />
                )}
              </QueryView>
            ),
          },
          {
            key: 'leases',
            label: t('space.tabLeases'),
            children: (
              <Card size="small">
                <span>{t('space.withinMonths', { count: months })} </span>
                <InputNumber min={1} max={120} value={months} onChange={(v) => set('months', String(v ?? 6))} />
                <QueryView query={leases} isEmpty={(d) => d.items.length === 0}>
                  {(d) => (
                    <Table
                      style={{ marginTop: 12 }}
                      size="small"
                      rowKey="occupancyId"
                      dataSource={d.items}
                      scroll={{ x: 900 }}
                      pagination={{ pageSize: 20 }}
                      columns={[
                        { title: t('space.leaseEnds'), dataIndex: 'leaseEndsOn' },
                        { title: t('space.enterprise'), dataIndex: 'enterpriseName', ellipsis: true },
                        { title: t('space.building'), dataIndex: 'buildingName', ellipsis: true },
                        { title: t('space.floor'), dataIndex: 'floorNo', align: 'right' },
                        { title: t('space.unit'), dataIndex: 'unitCode' },
                        { title: t('space.area'), dataIndex: 'areaM2', align: 'right', render: num },
                        { title: t('space.rent'), dataIndex: 'rentYuanM2Month', align: 'right', render: num },
                      ]}
                    />
                  )}
                </QueryView>
              </Card>
            ),
          },
        ]}
      />
    </>
  );
}
