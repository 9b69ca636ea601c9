import { Button, Card, Progress, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { fmtCount } from '../../app/format';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/states';
import { SyntheticBadge } from '../../components/tags';
import { type TargetProgress, useProgramme } from './api';

const fmt = (v: number | null) => fmtCount(v);

/** The 工业上楼 programme: each target, its source, progress from the registry and a forecast. */
export default function ProgrammePage() {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  const q = useProgramme();
  return (
    <>
      <PageHeader
        title={t('space.programmeTitle')}
        subtitle={t('space.programmeSubtitle')}
        extra={
          <Link to="/space/targets" data-testid="space-programme-targets">
            <Button>{t('space.programmeEditTargets')}</Button>
          </Link>
        }
      />
      <QueryView query={q} isEmpty={(d) => d.targets.length === 0}>
        {(d) => (
          <Card size="small">
            <Table<TargetProgress>
              rowKey="id"
              size="small"
              pagination={false}
              scroll={{ x: 1000 }}
              data-testid="space-programme"
              dataSource={d.targets}
              expandable={{
                expandedRowRender: (r) => (
                  <>
                    <Typography.Paragraph type="secondary">{zh ? r.method.zh : r.method.en}</Typography.Paragraph>
                    {r.series.length > 0 && (
                      <div>
                        {r.series.map((s) => (
                          <Tag key={s.year}>
                            {s.year}: {fmt(s.value)}
                          </Tag>
                        ))}
                      </div>
                    )}
                    {r.byScope
                      .filter((s) => s.key.startsWith('devzone:'))
                      .map((s) => (
                        <Tag key={s.key} color="purple" data-testid="space-programme-devzone">
                          {zh ? s.name : (s.nameEn ?? s.name)}: {fmt(s.value)}
                        </Tag>
                      ))}
                    {r.byScope
                      .filter((s) => !s.key.startsWith('devzone:'))
                      .slice(0, 20)
                      .map((s) => (
                        <Tag key={s.key} color="blue">
                          {s.name}: {fmt(s.value)}
                        </Tag>
                      ))}
                  </>
                ),
              }}
              columns={[
                {
                  title: t('space.target'),
                  render: (_, r) => (
                    <>
                      {zh ? r.label : (r.labelEn ?? r.label)} <SyntheticBadge synthetic={r.synthetic} />
                    </>
                  ),
                },
                { title: t('space.period'), width: 190, render: (_, r) => `${r.periodStart} – ${r.periodEnd}` },
                { title: t('space.value'), width: 110, align: 'right', render: (_, r) => fmt(r.value) },
                {
                  title: t('space.actual'),
                  width: 200,
                  render: (_, r) =>
                    !r.computable ? (
                      <Tag>{t('space.notComputable')}</Tag>
                    ) : r.actual === null ? (
                      <Tag>{t('space.withheld')}</Tag>
                    ) : (
                      <>
                        {fmt(r.actual)}
                        <Progress percent={Math.min(100, Math.round((r.share ?? 0) * 1000) / 10)} size="small" />
                      </>
                    ),
                },
                { title: t('space.forecast'), width: 120, align: 'right', render: (_, r) => fmt(r.forecast) },
                {
                  title: t('space.source'),
                  width: 220,
                  render: (_, r) => (
                    <Tooltip title={r.sourceNote}>
                      <Typography.Text ellipsis style={{ maxWidth: 200 }}>
                        {r.sourceTitle ?? '—'}
                      </Typography.Text>
                    </Tooltip>
                  ),
                },
              ]}
            />
          </Card>
        )}
      </QueryView>
    </>
  );
}
