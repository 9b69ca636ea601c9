/** Reports as PDF: generate (as a job on the server) and download. */
import { Alert, App, Button, Card, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fmtDateTime } from '../../app/format';
import { download } from '../../client/client';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/states';
import { type TReport, useGenerateReport, useReports } from './api';
import { k, ScopePicker } from './shared';

const KINDS = ['district_monthly', 'park_profile', 'chain_report'] as const;

export default function ReportsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [kind, setKind] = useState<(typeof KINDS)[number]>('district_monthly');
  const [scope, setScope] = useState('city');
  const [lang, setLang] = useState<'zh' | 'en'>(i18n.language.startsWith('en') ? 'en' : 'zh');
  const gen = useGenerateReport();
  const list = useReports();
  const get = (r: TReport) =>
    download(r.url.replace(/^\/api\/v1/, ''), {}, r.filename).catch((e: Error) => message.error(e.message));
  return (
    <>
      <PageHeader title={t(k('reportsTitle'))} />
      <Alert type="info" showIcon message={t(k('reportNote'))} style={{ marginBottom: 12 }} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Select
            data-testid="report-kind"
            style={{ width: 180 }}
            value={kind}
            onChange={setKind}
            options={KINDS.map((x) => ({ value: x, label: t(k(`kind_${x}`)) }))}
          />
          <ScopePicker value={scope} onChange={setScope} parks={kind !== 'district_monthly'} />
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
            disabled={kind === 'park_profile' && !scope.startsWith('park:')}
            onClick={() =>
              gen.mutate(
                { kind, scope, lang },
                { onSuccess: (r) => void get(r), onError: (e) => void message.error(e.message) },
              )
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
              { title: t(k('scope')), dataIndex: 'scope' },
              { title: 'as-of', dataIndex: 'asOf', width: 110 },
              { title: '', dataIndex: 'createdAt', render: (v: string) => fmtDateTime(v, i18n.language) },
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
