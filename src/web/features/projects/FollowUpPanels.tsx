/** Follow-up discipline on the projects page: my reminders, the weekly digest, shortlisted leads to convert. */
import type { UseQueryResult } from '@tanstack/react-query';
import { App, Button, Card, Col, DatePicker, Flex, Input, List, Row, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import isoWeek from 'dayjs/plugin/isoWeek';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { fmtDay, fmtFixed } from '../../app/format';
import { useUrlState } from '../../app/useUrlState';
import { ApiError, api } from '../../client/client';
import { EmptyState, QueryView } from '../../components/states';
import { SyntheticBadge } from '../../components/tags';
import { type Order, useDigest, useInvestMutation, type useReminders, useShortlist } from './api';
import { errorText, k } from './shared';

dayjs.extend(isoWeek);

type Reminders = ReturnType<typeof useReminders>['data'];

export function OrderLine({ o }: { o: Order }) {
  const { t } = useTranslation();
  return (
    <span>
      <Link to={`/projects/${o.projectId}`}>{o.codeName}</Link> · {o.instruction}{' '}
      <Tag color={o.overdue ? 'red' : 'orange'}>
        {t('invest.dueOn')} {o.dueOn}
        {o.overdue ? ` · ${t('invest.overdue')}` : ''}
      </Tag>
      <SyntheticBadge synthetic={o.synthetic} />
    </span>
  );
}

export function RemindersPanel({ query }: { query: UseQueryResult<Reminders> }) {
  const { t } = useTranslation();
  return (
    <QueryView query={query}>
      {(data) => {
        if (!data) return null;
        const bucket = (b: string) => data.followUps.filter((f) => f.bucket === b);
        const col = (title: string, b: string, color: string) => (
          <Col xs={24} md={8}>
            <Card
              size="small"
              title={
                <Typography.Text style={{ color }}>
                  {title} ({bucket(b).length})
                </Typography.Text>
              }
              data-testid={`reminders-${b}`}
            >
              {bucket(b).length === 0 ? (
                <EmptyState description={t('invest.remindersEmpty')} />
              ) : (
                <List
                  size="small"
                  dataSource={bucket(b)}
                  renderItem={(f) => (
                    <List.Item>
                      <Link to={`/projects/${f.projectId}`}>{f.codeName}</Link>
                      <span>
                        {t(k(`invest.stage_${f.stage}`))} · {f.nextFollowUpOn}
                      </span>
                    </List.Item>
                  )}
                />
              )}
            </Card>
          </Col>
        );
        return (
          <>
            <Row gutter={12}>
              {col(t('invest.remindersOverdue'), 'overdue', '#cf1322')}
              {col(t('invest.remindersToday'), 'today', '#d46b08')}
              {col(t('invest.remindersWeek'), 'this_week', '#1677ff')}
            </Row>
            <Card size="small" title={t('invest.myOpenOrders')} style={{ marginTop: 12 }} data-testid="my-orders">
              {data.orders.length === 0 ? (
                <EmptyState />
              ) : (
                <List
                  size="small"
                  dataSource={data.orders}
                  renderItem={(o) => (
                    <List.Item>
                      <OrderLine o={o} />
                    </List.Item>
                  )}
                />
              )}
            </Card>
          </>
        );
      }}
    </QueryView>
  );
}

export function DigestPanel() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { get, set } = useUrlState();
  const week = get('week');
  const digest = useDigest(week, i18n.language);
  const weekValue = week ? dayjs(`${week.slice(0, 4)}-01-04`).isoWeek(Number(week.slice(6))) : dayjs();
  return (
    <Card size="small">
      <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
        <span>{t('invest.week')}</span>
        <DatePicker
          picker="week"
          value={weekValue}
          allowClear={false}
          format={(d) => `${d.isoWeekYear()}-W${String(d.isoWeek()).padStart(2, '0')}`}
          onChange={(d) => d && set({ week: `${d.isoWeekYear()}-W${String(d.isoWeek()).padStart(2, '0')}` })}
          data-testid="digest-week"
        />
      </Flex>
      <QueryView query={digest}>
        {(d) => (
          <Row gutter={12}>
            <Col xs={24} lg={12}>
              <Typography.Title level={5}>
                {d.officer.displayName} · {d.week} ({d.from} – {d.to})
              </Typography.Title>
              {(
                [
                  [
                    'digestMoves',
                    d.moves.map(
                      (m) =>
                        `${fmtDay(m.at)} ${m.codeName}: ${t(k(`invest.stage_${m.fromStage}`))} → ${t(k(`invest.stage_${m.toStage}`))}`,
                    ),
                  ],
                  [
                    'digestFollowUps',
                    d.followUps.map((f) => `${f.onDate} ${f.codeName} (${t(k(`invest.fu_${f.kind}`))}): ${f.note}`),
                  ],
                  [
                    'digestOverdue',
                    d.overdue.map(
                      (o) =>
                        `${o.codeName}: ${o.nextFollowUpOn} · ${t('invest.daysOverdue', { count: o.daysOverdue })}`,
                    ),
                  ],
                  [
                    'digestOrders',
                    d.orders.map(
                      (o) =>
                        `${o.codeName}: ${o.instruction} (${o.dueOn}${o.overdue ? ` · ${t('invest.overdue')}` : ''})`,
                    ),
                  ],
                ] as const
              ).map(([k, lines]) => (
                <div key={k} data-testid={`digest-${k}`}>
                  <Typography.Text strong>
                    {t(`invest.${k}`)} ({lines.length})
                  </Typography.Text>
                  <ul style={{ marginTop: 4 }}>
                    {lines.length === 0 ? <li>—</li> : lines.map((l) => <li key={l}>{l}</li>)}
                  </ul>
                </div>
              ))}
            </Col>
            <Col xs={24} lg={12}>
              <Flex justify="space-between">
                <Typography.Text strong>{t('invest.digestMarkdown')}</Typography.Text>
                <Button
                  size="small"
                  onClick={() =>
                    void navigator.clipboard?.writeText(d.markdown).then(() => message.success(t('invest.copied')))
                  }
                >
                  {t('invest.copy')}
                </Button>
              </Flex>
              <Input.TextArea
                value={d.markdown}
                readOnly
                autoSize={{ minRows: 12, maxRows: 30 }}
                style={{ fontFamily: 'monospace', marginTop: 4 }}
                data-testid="digest-markdown"
              />
            </Col>
          </Row>
        )}
      </QueryView>
    </Card>
  );
}

export function ShortlistPanel() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const list = useShortlist();
  const convert = useInvestMutation((id: number) => api.post<{ id: number }>(`/invest/shortlist/${id}/convert`, {}));
  const run = async (id: number) => {
    try {
      const r = await convert.mutateAsync(id);
      void message.success(t('invest.converted'));
      navigate(`/projects/${r.id}`);
    } catch (e) {
      if (
        e instanceof ApiError &&
        e.status === 409 &&
        typeof (e.problem as { projectId?: unknown }).projectId === 'number'
      ) {
        void message.info(t('invest.alreadyOpen'));
        navigate(`/projects/${String((e.problem as { projectId?: unknown }).projectId)}`);
      } else void message.error(errorText(e, i18n.language, t('common.networkError')));
    }
  };
  return (
    <Card size="small">
      <QueryView query={list} isEmpty={(d) => d.items.length === 0} empty={t('invest.shortlistEmpty')}>
        {(d) => (
          <Table
            rowKey={(r) => String(r.id)}
            size="small"
            pagination={false}
            dataSource={d.items}
            columns={[
              {
                title: t('invest.enterprise'),
                key: 'e',
                render: (_, r) => <Link to={`/enterprises/${String(r.enterpriseId)}`}>{String(r.enterpriseName)}</Link>,
              },
              { title: t('invest.nodeId'), dataIndex: 'nodeId', key: 'n' },
              { title: t('invest.scope'), dataIndex: 'scope', key: 's' },
              {
                title: t('invest.score'),
                dataIndex: 'score',
                key: 'sc',
                render: (v: number | null) => (v == null ? '' : fmtFixed(v, 2)),
              },
              {
                title: '',
                key: 'a',
                render: (_, r) => (
                  <Button
                    size="small"
                    type="primary"
                    loading={convert.isPending}
                    onClick={() => void run(Number(r.id))}
                    data-testid={`convert-${String(r.id)}`}
                  >
                    {t('invest.convert')}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </QueryView>
    </Card>
  );
}
