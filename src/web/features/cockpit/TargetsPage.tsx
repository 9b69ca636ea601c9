/** Targets with progress, trend and forecast, each with its source document. */
import { Progress, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/states';
import { SyntheticBadge } from '../../components/tags';
import { type TTargetProgress, useTargets } from './api';
import { k, ScopePicker, targetAmounts, targetCurrent, useScope } from './shared';

export default function TargetsPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const [scope, setScope] = useScope();
  const q = useTargets(scope);
  return (
    <>
      <PageHeader title={t(k('navTargets'))} extra={<ScopePicker value={scope} onChange={setScope} />} />
      <QueryView query={q} isEmpty={(d) => d.length === 0} empty={t(k('noTargets'))}>
        {(list) => (
          <Table<TTargetProgress>
            size="small"
            rowKey="id"
            data-testid="targets-table"
            pagination={false}
            dataSource={list}
            scroll={{ x: 1100 }}
            columns={[
              {
                title: t(k('target')),
                key: 'label',
                render: (_, r) => (
                  <>
                    {en ? (r.labelEn ?? r.label) : r.label} {r.kind === 'reported' && <Tag>{t(k('reported'))}</Tag>}
                    <SyntheticBadge synthetic={r.synthetic} />
                    {r.note && (
                      <Typography.Paragraph
                        type="secondary"
                        style={{ fontSize: 12, margin: 0 }}
                        ellipsis={{ rows: 2, expandable: true }}
                      >
                        {r.note}
                      </Typography.Paragraph>
                    )}
                  </>
                ),
              },
              {
                title: t(k('deadline')),
                key: 'end',
                width: 110,
                render: (_, r) => `${r.periodStart} – ${r.periodEnd}`,
              },
              {
                title: t(k('value')),
                key: 'value',
                width: 100,
                align: 'right',
                render: (_, r) => targetAmounts(r, en, false),
              },
              {
                title: t(k('current')),
                key: 'current',
                width: 120,
                align: 'right',
                render: (_, r) =>
                  r.redacted ? (
                    <Tag>{t(k('withheld'))}</Tag>
                  ) : r.link ? (
                    <Link to={r.link}>{targetCurrent(r, en)}</Link>
                  ) : (
                    targetCurrent(r, en)
                  ),
              },
              {
                title: t(k('progress')),
                key: 'progress',
                width: 160,
                render: (_, r) =>
                  r.progress === null ? (
                    '—'
                  ) : (
                    <Progress size="small" percent={Math.round(Math.max(0, r.progress) * 100)} />
                  ),
              },
              {
                title: t(k('forecast')),
                key: 'forecast',
                width: 140,
                render: (_, r) =>
                  r.forecast === null ? (
                    '—'
                  ) : (
                    <>
                      {r.forecast}{' '}
                      <Tag color={r.onTrack ? 'green' : 'red'}>{r.onTrack ? t(k('onTrack')) : t(k('offTrack'))}</Tag>
                    </>
                  ),
              },
              {
                title: t(k('source')),
                key: 'source',
                width: 220,
                render: (_, r) =>
                  r.sourceUrl ? <a href={r.sourceUrl}>{r.sourceTitle}</a> : (r.sourceTitle ?? r.sourceId),
              },
            ]}
          />
        )}
      </QueryView>
    </>
  );
}
