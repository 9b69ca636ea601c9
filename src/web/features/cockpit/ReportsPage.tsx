/** Reports as PDF: generate (as a job on the server) and download. */
import { Alert, App, Button, Card, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { REPORT_KINDS } from '../../../contracts/cockpit';
import { fmtDateTime } from '../../app/format';
import { download } from '../../client/client';
import { EnterprisePicker } from '../../components/EnterprisePicker';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/states';
import { type TReport, useEventOptions, useGenerateReport, useReports } from './api';
import { k, ScopeLabel, ScopePicker } from './shared';

const KINDS = REPORT_KINDS;

export default function ReportsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [kind, setKind] = useState<(typeof KINDS)[number]>('district_monthly');
  const [scope, setScope] = useState('city');
  const [lang, setLang] = useState<'zh' | 'en'>(i18n.language.startsWith('en') ? 'en' : 'zh');
  const [enterpriseId, setEnterpriseId] = useState<number | null>(null);
  const [eventId, setEventId] = useState<number | null>(null);
  const gen = useGenerateReport();
  const list = useReports();
  const events = useEventOptions(kind === 'event_results');
  const scoped = kind !== 'enterprise_profile' && kind !== 'event_results';
  const ready =
    kind === 'park_profile'
      ? scope.startsWith('park:')
      : kind === 'enterprise_profile'
        ? enterpriseId !== null
        : kind === 'event_results'
          ? eventId !== null
          : true;
  const request = () =>
    kind === 'enterprise_profile'
      ? { kind, enterpriseId: enterpriseId ?? undefined, lang }
      : kind === 'event_results'
        ? { kind, eventId: eventId ?? undefined, lang }
        : { kind, scope, lang };
  const get = (r: TReport) =>
    download(r.url.replace(/^\/api\/v1/, ''), {}, r.filename).catch((e: Error) => message.error(e.message));
  return (
    <>
      <PageHeader title={t(k('reportsTitle'))} />
      <Alert
        type="info"
        showIcon
        message={t(k('reportNote'))}
        description={
          <span data-testid="report-letter-note">
            {t(k('letterNote'))} <Link to="/evaluation?tab=runs">{t(k('letterLink'))}</Link>
          </span>
        }
        style={{ marginBottom: 12 }}
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Select
            data-testid="report-kind"
            style={{ width: 200 }}
            value={kind}
            onChange={setKind}
            options={KINDS.map((x) => ({ value: x, label: t(k(`kind_${x}`)) }))}
          />
          {scoped && <ScopePicker value={scope} onChange={setScope} parks={kind !== 'district_monthly'} />}
          {kind === 'enterprise_profile' && (
            <Space>
              <Typography.Text>{t(k('enterprise'))}</Typography.Text>
              <div style={{ width: 280 }}>
                <EnterprisePicker value={enterpriseId} onChange={setEnterpriseId} testId="report-enterprise" />
              </div>
            </Space>
          )}
          {kind === 'event_results' && (
            <Space>
              <Typography.Text>{t(k('event'))}</Typography.Text>
              <Select<number>
                data-testid="report-event"
                style={{ width: 360 }}
                showSearch
                optionFilterProp="label"
                loading={events.isPending}
                placeholder={t(k('eventPick'))}
                value={eventId ?? undefined}
                onChange={(v) => setEventId(v ?? null)}
                options={(events.data ?? []).map((e) => ({
                  value: e.id,
                  label: `${e.startedOn ? `${e.dateEstimated ? t(k('eventDateApprox'), { date: e.startedOn }) : e.startedOn} ` : ''}${e.name}`,
                }))}
              />
            </Space>
          )}
          <Select
            style={{ width: 100 }}
            value={lang}
            onChange={setLang}
            options={[
              { value: 'zh', label: '中文' },
              { value: 'en', label: 'English' },
            ]}
          />
          <Button
            type="primary"
            data-testid="report-generate"
            loading={gen.isPending}
            disabled={!ready}
            onClick={() =>
              gen.mutate(request(), { onSuccess: (r) => void get(r), onError: (e) => void message.error(e.message) })
            }
          >
            {gen.isPending ? t(k('generating')) : t(k('generate'))}
          </Button>
        </Space>
      </Card>
      <QueryView query={list} isEmpty={(d) => d.length === 0} empty={t(k('noReports'))}>
        {(items) => (
          <Table<TReport>
            size="small"
            rowKey="id"
            data-testid="reports-table"
            dataSource={items}
            pagination={{ pageSize: 10, size: 'small', hideOnSinglePage: true }}
            columns={[
              { title: t(k('kind')), dataIndex: 'kind', render: (v: string) => t(k(`kind_${v}`)) },
              { title: t(k('reportSubject')), dataIndex: 'scope', render: (v: string) => <ScopeLabel v={v} /> },
              { title: t(k('asOfCol')), dataIndex: 'asOf', width: 110 },
              {
                title: t(k('createdAt')),
                dataIndex: 'createdAt',
                render: (v: string) => fmtDateTime(v, i18n.language),
              },
              {
                title: t(k('langCol')),
                dataIndex: 'lang',
                width: 80,
                render: (v: string) => (v === 'en' ? 'English' : '中文'),
              },
              {
                title: '',
                key: 'dl',
                width: 90,
                render: (_, r) => (
                  <Button size="small" onClick={() => void get(r)}>
                    {t(k('download'))}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </QueryView>
    </>
  );
}
