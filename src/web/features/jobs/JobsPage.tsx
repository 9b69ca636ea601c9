/**
 * 后台任务: the background jobs the user may see (its own; a city administrator everyone's, or only
 * its own), newest first, polled while any is queued or running; cancel and retry where the API allows
 * and the permission matrix says the user may.
 */
import { ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Popconfirm, Progress, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { TJob } from '../../../contracts/jobs';
import { fmtDateTime, fmtNumber } from '../../app/format';
import { usePermissions } from '../../app/permissions';
import { problemText } from '../../app/problems';
import { ApiError, api } from '../../client/client';
import { jobPercent } from '../../client/jobs';
import { OriginalText } from '../../components/OriginalText';
import { PageHeader } from '../../components/PageHeader';
import { Forbidden, Loading, QueryView } from '../../components/states';
import { jobKindKey } from './kind-key';
import { outcomeOf } from './outcome';

const STATE_COLOURS: Record<TJob['state'], string> = {
  queued: 'default',
  running: 'processing',
  completed: 'success',
  failed: 'error',
  cancelled: 'warning',
};

const live = (j: TJob) => j.state === 'queued' || j.state === 'running';

export default function JobsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const perms = usePermissions();
  const qc = useQueryClient();
  const [mine, setMine] = useState(false);
  const seesAll = perms.may('jobsAll');
  const mayManage = perms.may('jobsManage');
  const key = ['jobs', seesAll && mine ? 'mine' : 'all'] as const;
  const jobs = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      api.get<{ items: TJob[] }>('/jobs', { limit: 100, mine: seesAll && mine ? 'true' : 'false' }, signal),
    enabled: perms.may('jobs'),
    refetchInterval: (q) => (q.state.data?.items.some(live) ? 1500 : false),
  });
  const act = useMutation({
    mutationFn: ({ id, verb }: { id: string; verb: 'cancel' | 'retry' }) => api.post<TJob>(`/jobs/${id}/${verb}`, {}),
    onSuccess: (_j, { verb }) => void message.success(t(verb === 'cancel' ? 'jobs.cancelled' : 'jobs.retried')),
    onError: (e) => void message.error(problemText(e, i18n.language, t('common.networkError'))),
    onSettled: () => void qc.invalidateQueries({ queryKey: ['jobs'] }),
  });

  if (perms.loading) return <Loading />;
  if (!perms.may('jobs')) return <Forbidden />;

  const lang = i18n.language;
  const kindLabel = (kind: string) => t(jobKindKey(kind) as 'jobs.nav', { defaultValue: kind });
  const problem = (j: TJob) => {
    if (!j.error) return t('jobs.state_failed');
    const e = j.error;
    // The field problems say what was wrong (an unreadable file, a missing column); the code only that something was.
    const said = (e.errors ?? [])
      .map((p) => (p as { message?: { zh?: string; en?: string } }).message?.[lang === 'en-US' ? 'en' : 'zh'])
      .filter((m): m is string => typeof m === 'string' && m !== '');
    if (said.length) return said.slice(0, 3).join('; ');
    return problemText(
      new ApiError(e.status, {
        status: e.status,
        code: e.code,
        title: e.message ?? e.code,
        errors: e.errors as never,
      }),
      lang,
      t('common.networkError'),
    );
  };

  const columns: ColumnsType<TJob> = [
    {
      title: t('jobs.kind'),
      dataIndex: 'kind',
      render: (k: string, j) => (
        <Space direction="vertical" size={0}>
          <span data-testid="job-kind">{kindLabel(k)}</span>
          {/* A label is data (a file's name, a year, ids), shown as written. */}
          {j.label && (
            <Typography.Text type="secondary">
              <OriginalText text={j.label} tag={false} />
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('jobs.state'),
      dataIndex: 'state',
      width: 110,
      render: (s: TJob['state'], j) => (
        <Space direction="vertical" size={0}>
          <Tag color={STATE_COLOURS[s]} data-testid="job-state">
            {t(`jobs.state_${s}`)}
          </Tag>
          {j.attempts > 1 && (
            <Typography.Text type="secondary">{t('jobs.attempts', { n: j.attempts })}</Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('jobs.progress'),
      width: 140,
      render: (_: unknown, j) => {
        const pct = j.state === 'completed' ? 100 : jobPercent(j);
        return (
          <div>
            <Progress
              percent={pct ?? 0}
              size="small"
              status={
                j.state === 'failed'
                  ? 'exception'
                  : j.state === 'running'
                    ? 'active'
                    : pct === 100
                      ? 'success'
                      : 'normal'
              }
              aria-label={t('jobs.progress')}
            />
            {live(j) && j.progress?.phase && (
              <Typography.Text type="secondary">{t('jobs.phase', { phase: j.progress.phase })}</Typography.Text>
            )}
          </div>
        );
      },
    },
    {
      title: t('jobs.owner'),
      width: 120,
      render: (_: unknown, j) => (j.ownerUserId === null ? t('jobs.system') : (j.ownerName ?? `#${j.ownerUserId}`)),
    },
    {
      title: t('jobs.createdAt'),
      dataIndex: 'createdAt',
      width: 150,
      render: (v: string) => fmtDateTime(v, lang),
    },
    {
      title: t('jobs.startedAt'),
      dataIndex: 'startedAt',
      width: 150,
      // on a laptop screen the result needs the room more than the start time does
      responsive: ['xxl'],
      render: (v: string | null) => fmtDateTime(v, lang),
    },
    {
      title: t('jobs.completedAt'),
      dataIndex: 'completedAt',
      width: 150,
      render: (v: string | null) => fmtDateTime(v, lang),
    },
    {
      title: t('jobs.outcome'),
      render: (_: unknown, j) =>
        j.state === 'failed' ? (
          <Typography.Text type="danger" data-testid="job-problem">
            {problem(j)}
          </Typography.Text>
        ) : j.state === 'completed' ? (
          <Outcome job={j} />
        ) : j.state === 'cancelled' ? (
          t('jobs.state_cancelled')
        ) : (
          t('common.none')
        ),
    },
    ...(mayManage
      ? [
          {
            title: t('jobs.actions'),
            width: 100,
            render: (_: unknown, j: TJob) =>
              live(j) ? (
                <Popconfirm
                  title={t('jobs.cancelConfirm')}
                  okText={t('jobs.cancel')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => act.mutate({ id: j.id, verb: 'cancel' })}
                >
                  <Button size="small" danger data-testid="job-cancel">
                    {t('jobs.cancel')}
                  </Button>
                </Popconfirm>
              ) : (j.state === 'failed' && !(j.error && j.error.status < 500)) || j.state === 'cancelled' ? (
                <Button
                  size="small"
                  loading={act.isPending && act.variables?.id === j.id}
                  onClick={() => act.mutate({ id: j.id, verb: 'retry' })}
                  data-testid="job-retry"
                >
                  {t('jobs.retry')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <div>
      <PageHeader
        title={t('jobs.title')}
        subtitle={seesAll && !mine ? t('jobs.subtitleAll') : t('jobs.subtitleOwn')}
        extra={
          <Space>
            {seesAll && (
              <Space>
                <Switch checked={mine} onChange={setMine} data-testid="jobs-mine" aria-label={t('jobs.onlyMine')} />
                {t('jobs.onlyMine')}
              </Space>
            )}
            <Button icon={<ReloadOutlined />} onClick={() => void jobs.refetch()} loading={jobs.isFetching}>
              {t('jobs.refresh')}
            </Button>
          </Space>
        }
      />
      <Card>
        <QueryView query={jobs} isEmpty={(d) => d.items.length === 0} empty={t('jobs.empty')}>
          {(d) => (
            <Table<TJob>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={d.items}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              scroll={{ x: 1100 }}
              data-testid="jobs-table"
            />
          )}
        </QueryView>
      </Card>
    </div>
  );
}

/** A completed job's result in words (by kind), or 已完成 for a kind the page does not know. */
function Outcome({ job }: { job: TJob }) {
  const { t, i18n } = useTranslation();
  const o = outcomeOf(job);
  // The key is one of OUTCOME_KEYS (outcome.test.ts checks both bundles hold each); its values are counts.
  // `count` stays a number: i18next picks the plural form from it (1 figure, 2 figures).
  const say = t as unknown as (key: string, values: Record<string, string | number>) => string;
  if (!o) return <span data-testid="job-outcome">{t('jobs.done')}</span>;
  const values = Object.fromEntries(
    Object.entries(o.values).map(([k, v]) => [
      k,
      k === 'count' ? v : k === 'id' ? String(v) : fmtNumber(v, k === 'gap' ? 1 : 0, i18n.language),
    ]),
  );
  return (
    <Space size={4} wrap data-testid="job-outcome">
      <span>{say(`jobs.outcome_${o.key}`, values)}</span>
      {o.link && (
        <Typography.Link href={o.link} download data-testid="job-download">
          {t('jobs.outcome_download')}
        </Typography.Link>
      )}
      {o.page && (
        <Link to={o.page} data-testid="job-open">
          {t('jobs.outcome_open')}
        </Link>
      )}
    </Space>
  );
}
