/**
 * Home: parks and enterprises by development zone (东湖高新区, 武汉经开区 …), beside the district
 * ranking (issue 11). Zones overlap districts, so the card says their counts do not add up with them.
 */
import { Card, Skeleton, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { fmtNumber } from '../../app/format';
import { useLabels } from '../../app/labels';
import { useDevzones } from '../../client/queries';
import { EmptyState, ErrorState } from '../../components/states';

export function DevzoneCard() {
  const { t, i18n } = useTranslation();
  const { pickName } = useLabels();
  const zones = useDevzones();
  const lang = i18n.language;
  const items = zones.data?.items ?? [];
  return (
    <Card size="small" title={t('home.devzones')} style={{ marginBottom: 16 }} data-testid="devzone-card">
      {zones.isPending ? (
        <Skeleton active />
      ) : zones.isError ? (
        <ErrorState error={zones.error} onRetry={() => void zones.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState />
      ) : (
        <>
          <Table
            size="small"
            pagination={false}
            rowKey="code"
            dataSource={items}
            columns={[
              {
                title: t('home.devzones'),
                key: 'name',
                render: (_: unknown, z) => (
                  <span>
                    <Tooltip
                      title={
                        z.source
                          ? t('home.devzoneSource', {
                              source: [z.source.publisher, z.source.title, z.source.date].filter(Boolean).join(' · '),
                            })
                          : pickName(z.membership.noteZh, z.membership.noteEn)
                      }
                    >
                      <Link to={`/parks?devzone=${z.code}`} data-testid={`devzone-${z.code}`}>
                        {pickName(z.shortZh, z.shortEn)}
                      </Link>
                    </Tooltip>
                    {z.membership.status === 'unverified' && (
                      <Tag style={{ marginLeft: 6 }}>{t('home.devzoneUnverified')}</Tag>
                    )}
                  </span>
                ),
              },
              {
                title: t('home.parks'),
                dataIndex: 'parks',
                align: 'right',
                render: (v: number) => fmtNumber(v, 0, lang),
              },
              {
                title: t('home.enterprises'),
                dataIndex: 'enterprises',
                align: 'right',
                render: (v: number, z) => <Link to={`/enterprises?devzone=${z.code}`}>{fmtNumber(v, 0, lang)}</Link>,
              },
            ]}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 6 }}>
            {t('home.devzoneNote')}
          </Typography.Text>
        </>
      )}
    </Card>
  );
}
