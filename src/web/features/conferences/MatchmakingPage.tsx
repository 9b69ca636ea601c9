/** /events/:id/matchmaking — one-to-one meetings at a conference: settings, participants, requests, schedule, agendas, check-in. */
import { Alert, Card, Col, Row, Statistic, Tabs, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { parseIntParam } from '../../app/format';
import { useUrlState } from '../../app/useUrlState';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, QueryView } from '../../components/states';
import { SyntheticBadge } from '../../components/tags';
import { AgendasTab } from './AgendasTab';
import { type TConference, useConference } from './api';
import { CheckInTab } from './CheckInTab';
import { DockingTab, ResultsTab } from './DockingTab';
import { ParticipantsTab } from './ParticipantsTab';
import { RequestsTab } from './RequestsTab';
import { ScheduleTab } from './ScheduleTab';
import { SettingsTab } from './SettingsTab';

const TABS = ['schedule', 'participants', 'requests', 'docking', 'results', 'agendas', 'settings', 'checkin'] as const;
type Tab = (typeof TABS)[number];

export default function MatchmakingPage() {
  const id = parseIntParam(useParams().id);
  if (id === undefined) return <ErrorState error={new Error('bad id')} />;
  return <Matchmaking id={id} />;
}

function Matchmaking({ id }: { id: number }) {
  const conf = useConference(id);
  return (
    <QueryView query={conf} rows={10}>
      {(c) => <View conf={c} />}
    </QueryView>
  );
}

function View({ conf }: { conf: TConference }) {
  const { t } = useTranslation();
  const { get, set } = useUrlState();
  // Tabs each role can use: organisers all; analysts read all; enterprise users their requests and agenda; others the directory.
  const visible: Tab[] = conf.mayManage
    ? [...TABS]
    : conf.mayReadAll
      ? ['schedule', 'participants', 'requests', 'results', 'agendas', 'settings']
      : conf.ownParticipantIds.length > 0
        ? ['agendas', 'requests', 'participants', 'settings']
        : ['participants', 'settings'];
  const asked = get('tab') as Tab | undefined;
  const tab: Tab = asked && visible.includes(asked) ? asked : (visible[0] as Tab);
  const c = conf.counts;
  const stats: [string, number][] = [
    ['counts_participants', c.participants],
    ['counts_pending', c.pending],
    ['counts_accepted', c.accepted],
    ['counts_scheduled', c.scheduled],
    ['counts_checkedIn', c.checkedIn],
  ];
  const body: Record<Tab, React.ReactNode> = {
    settings: <SettingsTab conf={conf} />,
    participants: <ParticipantsTab conf={conf} />,
    requests: <RequestsTab conf={conf} />,
    schedule: <ScheduleTab conf={conf} />,
    agendas: <AgendasTab conf={conf} />,
    checkin: <CheckInTab conf={conf} />,
    docking: <DockingTab conf={conf} />,
    results: <ResultsTab conf={conf} />,
  };
  return (
    <div data-testid="matchmaking-page">
      <PageHeader
        title={t('conference.title')}
        subtitle={`${conf.eventName}${conf.city ? ` · ${conf.city}` : ''}`}
        crumbs={[
          { title: t('conference.events'), to: '/events' },
          { title: conf.eventName, to: `/events/${conf.eventId}` },
          { title: t('conference.title') },
        ]}
        tags={
          <>
            <SyntheticBadge synthetic={conf.synthetic} />
            <Tag color={conf.publishedAt ? 'green' : 'default'} data-testid="published-tag">
              {conf.publishedAt ? t('conference.published') : t('conference.unpublished')}
            </Tag>
          </>
        }
      />
      {!conf.configured && conf.mayManage && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('conference.notConfigured')} />
      )}
      {!conf.mayManage && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('conference.readOnly')} />}
      <Row gutter={12} style={{ marginBottom: 12 }}>
        {stats.map(([k, v]) => (
          <Col key={k} xs={12} sm={8} md={4}>
            <Card size="small">
              <Statistic
                title={t(`conference.${k}` as 'conference.counts_pending')}
                value={v}
                data-testid={`count-${k}`}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Tabs
        activeKey={tab}
        onChange={(k) => set({ tab: k }, { replace: true })}
        items={visible.map((k) => ({ key: k, label: t(`conference.tab_${k}`), children: body[k] }))}
      />
    </div>
  );
}
