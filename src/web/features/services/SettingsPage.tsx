/** SLA settings (city administrators): targets per category and organisation, service hours, calendar days, quiet period. */
import { App, Button, Card, Input, InputNumber, Select, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemText } from '../../app/problems';
import { ApiError } from '../../client/client';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, Loading } from '../../components/states';
import { SyntheticBadge } from '../../components/tags';
import {
  type THours,
  type TSlaPolicy,
  useCalendar,
  useCategories,
  useConfigure,
  useHours,
  useServiceSettings,
  useSlaPolicies,
} from './api';

/** The fields of the settings forms, by the name the API gives them in a refusal. */
const FIELD_LABELS = {
  firstResponseMinutes: 'services.firstResponseMin',
  resolutionMinutes: 'services.resolutionMin',
  warnMinutes: 'services.warnMin',
  organisationId: 'services.organisation',
  windows: 'services.windowsBeijing',
  start: 'services.windowsBeijing',
  end: 'services.windowsBeijing',
  day: 'services.day',
  note: 'services.calendarNote',
} as const satisfies Record<string, string>;

/** Every field problem of a refused write, "field: message" in the current language. */
function useProblems() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [errors, setErrors] = useState<string[]>([]);
  const en = i18n.language === 'en-US';
  const onError = (e: unknown) => {
    if (e instanceof ApiError && e.problem.errors?.length)
      setErrors(
        e.problem.errors.map((x) => {
          const m = x.message;
          const field = x.path.at(-1);
          const key = typeof field === 'string' ? FIELD_LABELS[field as keyof typeof FIELD_LABELS] : undefined;
          const label = key ? t(key) : x.path.join('.');
          return `${label}: ${typeof m === 'string' ? m : m ? m[en ? 'en' : 'zh'] : x.code}`;
        }),
      );
    else {
      setErrors([]);
      void message.error(problemText(e, i18n.language, t('common.networkError')));
    }
  };
  const onSuccess = () => {
    setErrors([]);
    void message.success(t('services.cfgSaved'));
  };
  const view = errors.length > 0 && (
    <div role="alert" data-testid="settings-errors">
      {errors.map((e) => (
        <Typography.Text key={e} type="danger" style={{ display: 'block' }}>
          {e}
        </Typography.Text>
      ))}
    </div>
  );
  return { onError, onSuccess, view };
}

function Targets() {
  const { t, i18n } = useTranslation();
  const q = useSlaPolicies();
  const cats = useCategories();
  const hours = useHours();
  const save = useConfigure();
  const p = useProblems();
  const [v, setV] = useState({
    categoryCode: null as string | null,
    organisationId: null as number | null,
    firstResponseMinutes: 240 as number | null,
    resolutionMinutes: 2100 as number | null,
    warnMinutes: 60 as number | null,
  });
  const en = i18n.language === 'en-US';
  const catName = (c: string | null) => {
    const x = cats.data?.items.find((k) => k.code === c);
    return c === null ? t('services.allCategories') : x ? (en ? x.nameEn : x.nameZh) : c;
  };
  const orgName = (o: number | null) =>
    o === null
      ? t('services.allOrganisations')
      : (hours.data?.items.find((h) => h.organisationId === o)?.name ?? `#${o}`);
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('services.targetsHint')}</Typography.Text>
      <Space wrap align="end">
        <Select
          style={{ width: 200 }}
          value={v.categoryCode ?? ''}
          onChange={(c) => setV({ ...v, categoryCode: c || null })}
          options={[
            { value: '', label: t('services.allCategories') },
            ...(cats.data?.items ?? []).map((c) => ({ value: c.code, label: en ? c.nameEn : c.nameZh })),
          ]}
          data-testid="sla-category"
        />
        <Select
          style={{ width: 220 }}
          value={v.organisationId ?? 0}
          onChange={(o) => setV({ ...v, organisationId: o || null })}
          options={[
            { value: 0, label: t('services.allOrganisations') },
            ...(hours.data?.items ?? []).map((h) => ({ value: h.organisationId, label: h.name })),
          ]}
          data-testid="sla-organisation"
        />
        <InputNumber
          addonBefore={t('services.firstResponse')}
          value={v.firstResponseMinutes}
          onChange={(n) => setV({ ...v, firstResponseMinutes: n })}
          data-testid="sla-first"
        />
        <InputNumber
          addonBefore={t('services.resolution')}
          value={v.resolutionMinutes}
          onChange={(n) => setV({ ...v, resolutionMinutes: n })}
          data-testid="sla-resolution"
        />
        <InputNumber
          addonBefore={t('services.warnAhead')}
          value={v.warnMinutes}
          onChange={(n) => setV({ ...v, warnMinutes: n })}
          data-testid="sla-warn"
        />
        <Button
          type="primary"
          loading={save.isPending}
          data-testid="sla-save"
          onClick={() =>
            save.mutate(
              {
                kind: 'sla',
                body: {
                  categoryCode: v.categoryCode,
                  organisationId: v.organisationId,
                  firstResponseMinutes: v.firstResponseMinutes as number,
                  resolutionMinutes: v.resolutionMinutes as number,
                  warnMinutes: v.warnMinutes ?? 0,
                },
              },
              p,
            )
          }
        >
          {t('services.cfgSave')}
        </Button>
      </Space>
      {p.view}
      {q.isLoading ? (
        <Loading />
      ) : (
        <Table<TSlaPolicy>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={q.data?.items ?? []}
          data-testid="sla-table"
          columns={[
            {
              title: t('services.category'),
              render: (_: unknown, r) => (
                <Space>
                  {catName(r.categoryCode)}
                  <SyntheticBadge synthetic={r.synthetic} />
                </Space>
              ),
            },
            { title: t('services.organisation'), render: (_: unknown, r) => orgName(r.organisationId) },
            { title: t('services.firstResponseMin'), dataIndex: 'firstResponseMinutes' },
            { title: t('services.resolutionMin'), dataIndex: 'resolutionMinutes' },
            { title: t('services.warnMin'), dataIndex: 'warnMinutes' },
          ]}
        />
      )}
    </Space>
  );
}

function HoursEditor({ h }: { h: THours }) {
  const { t } = useTranslation();
  const save = useConfigure();
  const p = useProblems();
  const [text, setText] = useState(h.windows.map((w) => `${w.start}-${w.end}`).join(', '));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space.Compact style={{ width: '100%' }}>
        <Input value={text} onChange={(e) => setText(e.target.value)} data-testid={`hours-${h.organisationId}`} />
        <Button
          loading={save.isPending}
          onClick={() =>
            save.mutate(
              {
                kind: 'hours',
                organisationId: h.organisationId,
                windows: text
                  .split(/[,，;；\s]+/)
                  .filter(Boolean)
                  .map((w) => {
                    const [start = '', end = ''] = w.split(/[-–~]/);
                    return { start: start.trim(), end: end.trim() };
                  }),
              },
              p,
            )
          }
        >
          {t('services.cfgSave')}
        </Button>
      </Space.Compact>
      {p.view}
    </Space>
  );
}

function Hours() {
  const { t } = useTranslation();
  const q = useHours();
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('services.hoursHint')}</Typography.Text>
      <Table<THours>
        rowKey="organisationId"
        size="small"
        pagination={{ pageSize: 8 }}
        dataSource={q.data?.items ?? []}
        columns={[
          {
            title: t('services.organisation'),
            width: 320,
            render: (_: unknown, r) => (
              <Space>
                {r.name}
                {r.isDefault && <Tag>{t('services.defaultHours')}</Tag>}
              </Space>
            ),
          },
          { title: t('services.windowsBeijing'), render: (_: unknown, r) => <HoursEditor h={r} /> },
        ]}
      />
    </Space>
  );
}

function Calendar() {
  const { t } = useTranslation();
  const [year, setYear] = useState(new Date().getFullYear() + 1);
  const q = useCalendar(year);
  const save = useConfigure();
  const p = useProblems();
  const [day, setDay] = useState('');
  const [working, setWorking] = useState(false);
  const [note, setNote] = useState('');
  const covered = q.data?.coveredYears.includes(year);
  const overrides = (q.data?.days ?? []).filter((d) => d.reason === 'override');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <InputNumber min={2004} max={2045} value={year} onChange={(y) => y && setYear(y)} data-testid="calendar-year" />
        {q.data &&
          (covered ? (
            <Tag color="green">{t('services.calendarCovered', { year })}</Tag>
          ) : (
            <Tag color="orange" data-testid="calendar-uncovered">
              {t('services.calendarUncovered', { year })}
            </Tag>
          ))}
      </Space>
      <Space wrap align="center">
        <Input
          style={{ width: 140 }}
          placeholder="2027-02-08"
          value={day}
          onChange={(e) => setDay(e.target.value.trim())}
          data-testid="calendar-day"
        />
        <Switch
          checked={working}
          onChange={setWorking}
          checkedChildren={t('services.workingDay')}
          unCheckedChildren={t('services.dayOff')}
        />
        <Input
          style={{ width: 260 }}
          placeholder={t('services.calendarNote')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={200}
          data-testid="calendar-note"
        />
        <Button
          type="primary"
          loading={save.isPending}
          data-testid="calendar-save"
          onClick={() => save.mutate({ kind: 'day', day, working, note }, p)}
        >
          {t('services.cfgSave')}
        </Button>
      </Space>
      {p.view}
      {q.isLoading && <Loading />}
      {q.error && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
      <Table
        rowKey="day"
        size="small"
        pagination={false}
        dataSource={overrides}
        data-testid="calendar-overrides"
        locale={{ emptyText: t('services.noOverrides') }}
        columns={[
          { title: t('services.day'), dataIndex: 'day' },
          {
            title: t('services.workingDay'),
            dataIndex: 'working',
            render: (w: boolean) => (w ? t('services.workingDay') : t('services.dayOff')),
          },
        ]}
      />
    </Space>
  );
}

function Quiet() {
  const { t } = useTranslation();
  const q = useServiceSettings();
  const save = useConfigure();
  const p = useProblems();
  const [days, setDays] = useState<number | null>(null);
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const value = days ?? q.data?.quietPeriodDays ?? 0;
  return (
    <Space direction="vertical">
      <Typography.Text type="secondary">{t('services.quietHint')}</Typography.Text>
      <Space>
        <InputNumber
          addonAfter={t('services.days')}
          value={value}
          onChange={(n) => setDays(n)}
          data-testid="quiet-days"
        />
        <Button
          type="primary"
          loading={save.isPending}
          data-testid="quiet-save"
          onClick={() => save.mutate({ kind: 'quiet', quietPeriodDays: value }, p)}
        >
          {t('services.cfgSave')}
        </Button>
      </Space>
      {p.view}
    </Space>
  );
}

export default function SettingsPage() {
  const { t } = useTranslation();
  return (
    <div data-testid="services-settings">
      <PageHeader title={t('services.settings_title')} subtitle={t('services.settings_subtitle')} />
      <Card size="small">
        <Tabs
          items={[
            { key: 'targets', label: t('services.tab_targets'), children: <Targets /> },
            { key: 'hours', label: t('services.tab_hours'), children: <Hours /> },
            { key: 'calendar', label: t('services.tab_calendar'), children: <Calendar /> },
            { key: 'quiet', label: t('services.tab_quiet'), children: <Quiet /> },
          ]}
        />
      </Card>
    </div>
  );
}
