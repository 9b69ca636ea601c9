/** Schedule tab: run the scheduler, its summary, the slots × tables grid with locks, hand moves, the unscheduled list. */
import { CloudUploadOutlined, LockOutlined, PlayCircleOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  InputNumber,
  Popconfirm,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fmtDateTime, fmtPercent } from '../../app/format';
import { DownloadButton } from '../../components/DownloadButton';
import { EmptyState, QueryView } from '../../components/states';
import {
  conferencePath,
  type TConference,
  type TRequest,
  type TRun,
  type TSchedule,
  useRunScheduler,
  useSchedule,
  useScheduleAction,
} from './api';
import { MeetingActions } from './MeetingActions';
import { PriorityTag, slotLabel, useErrorText } from './shared';

export function ScheduleTab({ conf }: { conf: TConference }) {
  const schedule = useSchedule(conf.eventId);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      {conf.mayManage && <RunPanel conf={conf} />}
      <QueryView query={schedule}>{(s) => <ScheduleView conf={conf} schedule={s} />}</QueryView>
    </Space>
  );
}

function RunPanel({ conf }: { conf: TConference }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const run = useRunScheduler(conf.eventId);
  const action = useScheduleAction(conf.eventId);
  const [method, setMethod] = useState<'auto' | 'exact' | 'heuristic'>('auto');
  const [limit, setLimit] = useState(10);
  const [keep, setKeep] = useState(true);
  const go = async () => {
    try {
      const r = await run.mutateAsync({ method, timeLimitSeconds: limit, keepPublished: keep });
      void message.success(t('conference.runDone', { scheduled: r.scheduled, requested: r.requested }));
    } catch (e) {
      void message.error(errorText(e));
    }
  };
  const act = (a: 'publish' | 'unpublish' | 'clear') =>
    action.mutateAsync(a).catch((e: unknown) => void message.error(errorText(e)));
  return (
    <Card size="small">
      <Space wrap>
        <span>{t('conference.method')}</span>
        <Select
          value={method}
          onChange={setMethod}
          style={{ width: 150 }}
          options={(['auto', 'exact', 'heuristic'] as const).map((m) => ({
            value: m,
            label: t(`conference.method_${m}`),
          }))}
        />
        <span>{t('conference.timeLimit')}</span>
        <InputNumber min={1} max={120} value={limit} onChange={(v) => setLimit(v ?? 10)} style={{ width: 80 }} />
        <Checkbox checked={keep} onChange={(e) => setKeep(e.target.checked)}>
          {t('conference.keepPublished')}
        </Checkbox>
        <Button
          type="primary"
          icon={<PlayCircleOutlined />}
          loading={run.isPending}
          onClick={() => void go()}
          data-testid="run-scheduler"
        >
          {run.isPending ? t('conference.running') : t('conference.run')}
        </Button>
        {conf.publishedAt ? (
          <Button onClick={() => void act('unpublish')} loading={action.isPending}>
            {t('conference.unpublish')}
          </Button>
        ) : (
          <Button
            icon={<CloudUploadOutlined />}
            onClick={() => void act('publish')}
            loading={action.isPending}
            data-testid="publish"
          >
            {t('conference.publish')}
          </Button>
        )}
        <Popconfirm title={t('conference.clearConfirm')} onConfirm={() => act('clear')}>
          <Button danger>{t('conference.clear')}</Button>
        </Popconfirm>
        <DownloadButton
          path={`${conferencePath(conf.eventId)}/tables.xlsx`}
          params={{ lang: i18n.language === 'en-US' ? 'en' : 'zh' }}
          fileName="tables.xlsx"
        >
          {t('conference.tablesExcel')}
        </DownloadButton>
      </Space>
    </Card>
  );
}

export function RunSummary({ run }: { run: TRun | null }) {
  const { t, i18n } = useTranslation();
  if (!run) return <Alert type="info" showIcon title={t('conference.noRun')} />;
  const pct = (x: number) => fmtPercent(x, 2);
  const items: [string, React.ReactNode][] = [
    ['scheduled', `${run.scheduled} / ${run.requested}`],
    ['weighted', run.weighted],
    ['upperBound', run.upperBound],
    ['gap', pct(run.gap)],
    // The engine records 'milp' or 'heuristic': shown by the same names as the method picker.
    ['usedMethod', t(`conference.method_${run.method === 'milp' ? 'exact' : run.method}` as 'conference.method_auto')],
    ['time', i18n.language === 'en-US' ? `${run.timeMs} ms` : `${run.timeMs} 毫秒`],
    ['idleGaps', run.idleGaps],
    ['moved', run.moved],
  ];
  return (
    <Card
      size="small"
      data-testid="run-summary"
      title={`${t('conference.lastRun')} · ${fmtDateTime(run.createdAt, i18n.language)}`}
      extra={run.optimal ? <Tag color="green">{t('conference.optimal')}</Tag> : null}
    >
      <Row gutter={12}>
        {items.map(([k, v]) => (
          <Col key={k} xs={12} sm={6} md={3}>
            <Statistic
              title={t(`conference.${k}` as 'conference.gap')}
              value={v as string}
              valueStyle={{ fontSize: 18 }}
              data-testid={`run-${k}`}
            />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

/** A meeting whose slot or table differs from what the published agendas say (moved, added or taken out since). */
export const changedSincePublished = (m: TRequest) =>
  (m.slotId ?? null) !== (m.publishedSlotId ?? null) || (m.tableId ?? null) !== (m.publishedTableId ?? null);

/** After publishing, hand moves and re-runs change meetings people already hold on paper: say how many, offer to re-publish. */
function ChangedSincePublished({ conf, changed }: { conf: TConference; changed: TRequest[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const action = useScheduleAction(conf.eventId);
  if (!conf.publishedAt || changed.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="changed-since-published"
      title={t('conference.changedSincePublished', { count: changed.length })}
      description={t('conference.changedSincePublishedDetail')}
      action={
        conf.mayManage ? (
          <Button
            size="small"
            loading={action.isPending}
            data-testid="republish"
            onClick={() =>
              void action
                .mutateAsync('publish')
                .then(() => message.success(t('conference.republished')))
                .catch((e: unknown) => void message.error(errorText(e)))
            }
          >
            {t('conference.republish')}
          </Button>
        ) : undefined
      }
    />
  );
}

function ScheduleView({ conf, schedule }: { conf: TConference; schedule: TSchedule }) {
  const { t } = useTranslation();
  if (schedule.meetings.length === 0 && !schedule.lastRun)
    return <EmptyState description={t('conference.emptySchedule')} />;
  const changed = conf.publishedAt ? schedule.meetings.filter(changedSincePublished) : [];
  const changedIds = new Set(changed.map((m) => m.id));
  const at = new Map<string, TRequest[]>();
  for (const m of schedule.meetings) {
    if (!m.slotId || !m.tableId) continue;
    const k = `${m.slotId}|${m.tableId}`;
    at.set(k, [...(at.get(k) ?? []), m]);
  }
  const unscheduled = schedule.meetings.filter((m) => !m.slotId);
  const columns = [
    {
      title: t('conference.slot'),
      dataIndex: 'id',
      fixed: 'left' as const,
      width: 120,
      render: (id: string) => <Typography.Text strong>{slotLabel(schedule, id)}</Typography.Text>,
    },
    ...schedule.tables.map((tb) => ({
      title: t('conference.tableLabel', { no: tb.no }),
      key: tb.id,
      width: 170,
      render: (_: unknown, slot: { id: string }) =>
        (at.get(`${slot.id}|${tb.id}`) ?? []).map((m) => (
          <MeetingActions key={m.id} conf={conf} schedule={schedule} meeting={m}>
            <div
              className={`meeting-cell${m.locked ? ' locked' : ''}${changedIds.has(m.id) ? ' changed' : ''}`}
              data-testid={`meeting-${m.id}`}
              title={
                changedIds.has(m.id)
                  ? m.publishedSlotId
                    ? t('conference.movedFrom', { slot: slotLabel(schedule, m.publishedSlotId) })
                    : t('conference.addedSincePublished')
                  : undefined
              }
            >
              {m.locked && <LockOutlined aria-label={t('conference.locked')} style={{ marginInlineEnd: 4 }} />}
              <span>{m.fromOrganisation}</span>
              <span style={{ color: '#999' }}> × </span>
              <span>{m.toOrganisation}</span>
            </div>
          </MeetingActions>
        )),
    })),
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <RunSummary run={schedule.lastRun} />
      <ChangedSincePublished conf={conf} changed={changed} />
      <style>{`.meeting-cell{font-size:12px;line-height:1.3;padding:4px 6px;border-radius:4px;background:#e6f4ff;cursor:pointer;max-height:52px;overflow:hidden}
        .meeting-cell.locked{background:#fff7e6;border:1px solid #ffd591}
        .meeting-cell.changed{border:1px dashed #fa541c}`}</style>
      <Table
        rowKey="id"
        size="small"
        bordered
        pagination={false}
        dataSource={schedule.slots}
        columns={columns}
        scroll={{ x: 120 + 170 * schedule.tables.length, y: 560 }}
        data-testid="schedule-grid"
      />
      <Card size="small" title={`${t('conference.unscheduled')} (${unscheduled.length})`} data-testid="unscheduled">
        {unscheduled.length === 0 ? (
          <Typography.Text type="secondary">{t('conference.allScheduled')}</Typography.Text>
        ) : (
          <Table
            rowKey="id"
            size="small"
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            dataSource={unscheduled}
            columns={[
              {
                title: t('conference.from'),
                key: 'f',
                render: (_: unknown, m: TRequest) => `${m.fromOrganisation}（${m.fromName}）`,
              },
              {
                title: t('conference.to'),
                key: 't',
                render: (_: unknown, m: TRequest) => `${m.toOrganisation}（${m.toName}）`,
              },
              {
                title: t('conference.priority'),
                dataIndex: 'priority',
                render: (v: number) => <PriorityTag priority={v} />,
              },
              {
                title: t('conference.reason'),
                dataIndex: 'unscheduledReason',
                render: (v: string | null) =>
                  v
                    ? t(`conference.reason_${v}` as 'conference.reason_no_room', { defaultValue: v })
                    : t('common.none'),
              },
              {
                title: '',
                key: 'a',
                render: (_: unknown, m: TRequest) =>
                  conf.mayManage ? (
                    <MeetingActions conf={conf} schedule={schedule} meeting={m}>
                      <Button size="small">{t('conference.place')}</Button>
                    </MeetingActions>
                  ) : null,
              },
            ]}
          />
        )}
      </Card>
    </Space>
  );
}
