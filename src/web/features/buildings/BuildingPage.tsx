import { Card, Descriptions, type DescriptionsProps, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { fmtNumber, parseIntParam } from '../../app/format';
import { useLabels } from '../../app/labels';
import { useBuildingDirectory } from '../../client/queries';
import type { TBuildingDirectory } from '../../client/types';
import { OriginalText } from '../../components/OriginalText';
import { PageHeader } from '../../components/PageHeader';
import { Provenance } from '../../components/Provenance';
import { ErrorState, QueryView } from '../../components/states';
import { ChainTag, SyntheticBadge } from '../../components/tags';
import { HistoryButton } from '../admin/HistoryButton';
import { FloorDirectory } from './FloorDirectory';

export default function BuildingPage() {
  const id = parseIntParam(useParams().id);
  const directory = useBuildingDirectory(id);
  if (id === undefined) return <ErrorState error={new Error('bad id')} />;
  return (
    <QueryView query={directory} rows={12}>
      {(d) => <BuildingView directory={d} />}
    </QueryView>
  );
}

function BuildingView({ directory }: { directory: TBuildingDirectory }) {
  const { t, i18n } = useTranslation();
  const { label, pickName } = useLabels();
  const b = directory.building;
  const lang = i18n.language;
  const items: DescriptionsProps['items'] = [
    { key: 'park', label: t('building.park'), children: <Link to={`/parks/${b.parkId}`}>{b.parkName}</Link> },
    { key: 'type', label: t('building.type'), children: label('buildingType', b.type) },
    {
      key: 'floors',
      label: t('building.floors'),
      children: t('building.floorsAboveBelow', { above: b.floorsAbove, below: b.floorsBelow ?? 0 }),
    },
    {
      key: 'gfa',
      label: t('building.grossFloorArea'),
      children:
        b.grossFloorAreaM2 == null ? t('common.none') : `${fmtNumber(b.grossFloorAreaM2, 0, lang)} ${t('units.m2')}`,
    },
    {
      key: 'industry',
      label: t('building.leadingIndustry'),
      children: b.leadingIndustry ? <ChainTag code={b.leadingIndustry} /> : t('common.none'),
    },
    {
      key: 'elevators',
      label: t('building.freightElevators'),
      children:
        b.freightElevators == null
          ? t('common.none')
          : b.freightElevatorCapacityT != null
            ? t('building.freightElevatorsValue', {
                count: b.freightElevators,
                capacity: fmtNumber(b.freightElevatorCapacityT, 1, lang),
              })
            : t('building.freightElevatorsCount', { count: b.freightElevators }),
    },
    { key: 'year', label: t('building.completionYear'), children: b.completionYear ?? t('common.none') },
    { key: 'tenants', label: t('building.tenantCount'), children: b.tenantCount },
    {
      key: 'source',
      label: t('provenance.source'),
      span: 2,
      children: <Provenance sourceId={b.sourceId} asOf={b.asOf} bare />,
    },
  ];
  return (
    <>
      <PageHeader
        crumbs={[
          { title: t('nav.buildings'), to: '/buildings' },
          { title: b.parkName, to: `/parks/${b.parkId}` },
          { title: pickName(b.name, b.nameEn) },
        ]}
        title={pickName(b.name, b.nameEn)}
        subtitle={lang === 'en-US' ? (b.nameEn ? b.name : undefined) : b.nameEn}
        tags={
          <>
            <Tag color="blue">{label('buildingType', b.type)}</Tag>
            <SyntheticBadge synthetic={b.synthetic} />
          </>
        }
        extra={<HistoryButton entity="buildings" entityId={b.id} />}
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={4} items={items} />
        {b.description && (
          <Typography.Paragraph style={{ margin: '8px 0 0' }}>
            <OriginalText text={b.description} />
          </Typography.Paragraph>
        )}
      </Card>
      <Card
        size="small"
        title={
          <span>
            {t('directory.title')}{' '}
            <Typography.Text type="secondary" style={{ fontWeight: 400, fontSize: 13 }}>
              {t('directory.subtitle')}
            </Typography.Text>
          </span>
        }
      >
        <FloorDirectory floors={directory.floors} />
      </Card>
    </>
  );
}
