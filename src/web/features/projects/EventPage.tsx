/** One event: what the source reports, organisers, people, itinerary, and its outcomes followed to landing. */
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  List,
  Row,
  Select,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { OUTCOME_KINDS } from '../../../contracts/invest';
import { fmtNumber, parseIntParam } from '../../app/format';
import { api } from '../../client/client';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/states';
import { SyntheticBadge } from '../../components/tags';
import { type EventDetail, useEventDetail, useInvestMutation, useProjects } from './api';
import { EventDetailsForm } from './EventDetailsForm';
import { eventDates } from './event-dates';
import { errorText, k, ProjectStageTag } from './shared';

function AddOutcome({ eventId }: { eventId: number }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const projects = useProjects({ limit: 1000, mine: 'true' });
  const add = useInvestMutation((v: { projectId: number; kind: string }) =>
    api.post(`/invest/events/${eventId}/outcomes`, v),
  );
  return (
    <Form
      layout="inline"
      onFinish={(v: { projectId: number; kind: string }) =>
        add
          .mutateAsync(v)
          .catch((e: unknown) => void message.error(errorText(e, i18n.language, t('common.networkError'))))
      }
      style={{ marginTop: 8 }}
    >
      <Form.Item name="projectId" rules={[{ required: true, message: t('invest.requiredField') }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 220 }}
          placeholder={t('invest.project')}
          options={(projects.data?.items ?? []).map((p) => ({ value: p.id, label: p.codeName }))}
        />
      </Form.Item>
      <Form.Item name="kind" initialValue="signing">
        <Select
          style={{ width: 120 }}
          options={OUTCOME_KINDS.map((x) => ({ value: x, label: t(`invest.outcome_${x}`) }))}
        />
      </Form.Item>
      <Button htmlType="submit" loading={add.isPending}>
        {t('invest.addOutcome')}
      </Button>
    </Form>
  );
}

function Body({ d }: { d: EventDetail }) {
  const { t, i18n } = useTranslation();
  const e = d.event;
  const n = (v: number | null) => (v == null ? '—' : fmtNumber(v, 0, i18n.language));
  const conference = e.kind === 'matchmaking_conference';
  const [editing, setEditing] = useState(false);
  return (
    <>
      <PageHeader
        crumbs={[{ title: t('invest.eventsTitle'), to: '/events' }, { title: e.name }]}
        title={e.name}
        tags={
          <>
            <Tag>{t(k(`invest.ek_${e.kind}`))}</Tag>
            <SyntheticBadge synthetic={e.synthetic} />
          </>
        }
        extra={
          <>
            {d.canEdit && (
              <Button onClick={() => setEditing(true)} data-testid="edit-event-details" style={{ marginRight: 8 }}>
                {t('invest.editDetails')}
              </Button>
            )}
            {conference && (
              <Link to={`/events/${e.id}/matchmaking`} data-testid="matchmaking-link">
                <Button type="primary">{t('invest.matchmaking')}</Button>
              </Link>
            )}
          </>
        }
      />
      <Row gutter={12}>
        <Col xs={24} lg={14}>
          <Card size="small" style={{ marginBottom: 12 }}>
            <Descriptions size="small" column={1} bordered styles={{ label: { width: 120 } }}>
              <Descriptions.Item label={t('invest.city')}>{e.city ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('invest.dates')}>
                {eventDates(e, (dates) => t('invest.datesEstimated', { dates })) ?? t('invest.datesUnknown')}
              </Descriptions.Item>
              <Descriptions.Item label={t('invest.statedSignings')}>{n(e.signings)}</Descriptions.Item>
              <Descriptions.Item label={t('invest.statedIntentions')}>{n(e.intentions)}</Descriptions.Item>
              <Descriptions.Item label={t('invest.statedParticipants')}>{n(e.participants)}</Descriptions.Item>
              <Descriptions.Item label={t('invest.source')}>
                {e.sourceTitle ?? e.sourceId} {e.asOf && `· ${e.asOf}`}
              </Descriptions.Item>
              <Descriptions.Item label={t('invest.description')}>{e.description}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title={t('invest.itinerary')} style={{ marginBottom: 12 }}>
            <List
              size="small"
              dataSource={d.itinerary}
              locale={{ emptyText: '—' }}
              renderItem={(i) => (
                <List.Item>
                  <span>
                    <Tag>{t(k(`invest.itineraryKind_${i.kind}`))}</Tag>
                    {i.onDate && `${i.onDate} · `}
                    {i.parkId ? (
                      <Link to={`/parks/${i.parkId}`}>{i.parkName}</Link>
                    ) : i.enterpriseId ? (
                      <Link to={`/enterprises/${i.enterpriseId}`}>{i.enterpriseName}</Link>
                    ) : (
                      i.place
                    )}
                    {i.note && <Typography.Text type="secondary"> · {i.note}</Typography.Text>}
                  </span>
                </List.Item>
              )}
            />
          </Card>
          <Row gutter={12}>
            <Col span={8}>
              <Card size="small" title={t('invest.organisers')}>
                {e.organisers.map((o) => (
                  <div key={o.name}>{o.name}</div>
                ))}
                {e.organisers.length === 0 && '—'}
              </Card>
            </Col>
            <Col span={8}>
              <Card size="small" title={t('invest.participants')}>
                {e.participantOrgs.map((o) => (
                  <div key={o.name}>{o.name}</div>
                ))}
                {e.participantOrgs.length === 0 && '—'}
              </Card>
            </Col>
            <Col span={8}>
              <Card size="small" title={t('invest.people')}>
                {e.people.map((p) => (
                  <div key={p.name}>
                    {p.name} {p.organisation && `· ${p.organisation}`} {p.title}
                  </div>
                ))}
                {e.people.length === 0 && '—'}
              </Card>
            </Col>
          </Row>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('invest.followToLanding')} data-testid="event-results">
            <Row gutter={8}>
              <Col span={6}>
                <Statistic title={t('invest.linkedSigned')} value={e.signedProjects} />
              </Col>
              <Col span={6}>
                <Statistic title={t('invest.linkedStarted')} value={e.startedProjects} />
              </Col>
              <Col span={6}>
                <Statistic title={t('invest.linkedProducing')} value={e.producingProjects} />
              </Col>
              <Col span={6}>
                <Statistic title={t('invest.linkedIntentions')} value={e.intentionProjects} />
              </Col>
            </Row>
            <Alert type="info" showIcon style={{ margin: '8px 0' }} title={t('invest.statedVsLinked')} />
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={d.outcomes}
              columns={[
                {
                  title: t('invest.project'),
                  key: 'p',
                  render: (_, o) => (
                    <span>
                      {o.readable ? <Link to={`/projects/${o.projectId}`}>{o.codeName}</Link> : o.codeName}{' '}
                      <SyntheticBadge synthetic={o.projectSynthetic} />
                    </span>
                  ),
                },
                {
                  title: t('invest.outcomeKind'),
                  dataIndex: 'kind',
                  key: 'k',
                  render: (v: string) => t(k(`invest.outcome_${v}`)),
                },
                {
                  title: t('invest.stage'),
                  dataIndex: 'stage',
                  key: 's',
                  render: (s) => <ProjectStageTag stage={s} />,
                },
                {
                  title: t('invest.investmentWan'),
                  dataIndex: 'investmentWan',
                  key: 'i',
                  align: 'right',
                  render: (v: number | null) => n(v),
                },
              ]}
            />
            {d.canEdit && <AddOutcome eventId={e.id} />}
          </Card>
        </Col>
      </Row>
      <EventDetailsForm d={d} open={editing} onClose={() => setEditing(false)} />
    </>
  );
}

export default function EventPage() {
  const id = parseIntParam(useParams().id);
  const q = useEventDetail(id);
  return <QueryView query={q}>{(d) => <Body d={d} />}</QueryView>;
}
