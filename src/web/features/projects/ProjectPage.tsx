/** A project: fields, stage moves, timeline, follow-ups, supervision orders, contacts, documents, event outcomes. */
import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Dropdown, Flex, Row, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { ProjectStage } from '../../../contracts/invest';
import { fmtDateTime, fmtNumber, parseIntParam } from '../../app/format';
import { useLabels } from '../../app/labels';
import { Confidential } from '../../components/Confidential';
import { PageHeader } from '../../components/PageHeader';
import { useSourceTitle } from '../../components/Provenance';
import { QueryView } from '../../components/states';
import { SyntheticBadge } from '../../components/tags';
import { useChainTemplate } from '../chains/api';
import { ProjectSpacePanel } from '../space/ProjectSpacePanel';
import { type ProjectDetail, useProject } from './api';
import { ProjectForm } from './ProjectForm';
import { ContactsCard, DocumentsCard, FollowUpsCard, OrdersCard } from './ProjectSections';
import { k, movableTo, ProjectStageTag, useStageMove } from './shared';
import { TimelineText } from './TimelineText';

function Body({ d }: { d: ProjectDetail }) {
  const { t, i18n } = useTranslation();
  const { label, actorName } = useLabels();
  const p = d.project;
  const [editing, setEditing] = useState(false);
  const { move, dialog } = useStageMove();
  const lang = i18n.language;
  const num = (v: number | null, unit = '') => (v == null ? '—' : `${fmtNumber(v, 0, lang)}${unit}`);
  const secret = (v: unknown) => (p.redacted ? <Confidential compact /> : ((v as string | null) ?? '—'));
  const template = useChainTemplate(p.chainCode ?? undefined);
  /** A chain link's name in the UI language; undefined while the template loads or when it has no such link. */
  const nodeName = (id: string) => {
    const n = template.data?.nodes.find((x) => x.id === id);
    return n ? (lang === 'en-US' ? n.nameEn : n.nameZh) : undefined;
  };
  const sourceTitle = useSourceTitle(p.sourceId);
  return (
    <>
      <PageHeader
        crumbs={[{ title: t('invest.title'), to: '/projects' }, { title: p.codeName }]}
        title={p.codeName}
        tags={
          <>
            <ProjectStageTag stage={p.stage} />
            <SyntheticBadge synthetic={p.synthetic} />
            {p.overdue && <Tag color="red">{t('invest.overdue')}</Tag>}
          </>
        }
        extra={
          p.canEdit && (
            <Flex gap={8}>
              <Dropdown
                trigger={['click']}
                menu={{
                  items: movableTo(p.stage).map((s) => ({ key: s, label: t(`invest.stage_${s}`) })),
                  onClick: ({ key }) => move(p, key as ProjectStage),
                }}
              >
                <Button data-testid="project-move">{t('invest.moveTo')}</Button>
              </Dropdown>
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="project-edit">
                {t('invest.edit')}
              </Button>
            </Flex>
          )
        }
      />
      {p.redacted && (
        <Alert type="info" showIcon title={t('invest.confidentialInvestor')} style={{ marginBottom: 12 }} />
      )}
      {p.stage === 'lost' && (
        <Alert
          type="error"
          showIcon
          title={`${t('invest.lostReason')}: ${p.lostReason ?? ''}`}
          style={{ marginBottom: 12 }}
        />
      )}
      <Row gutter={12}>
        <Col xs={24} xl={15}>
          <Card size="small" title={t('invest.fields')} style={{ marginBottom: 12 }}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
              <Descriptions.Item label={t('invest.name')}>{secret(p.name)}</Descriptions.Item>
              <Descriptions.Item label={t('invest.investor')}>
                {p.redacted ? (
                  <Confidential compact />
                ) : p.investorEnterpriseId ? (
                  <Link to={`/enterprises/${p.investorEnterpriseId}`}>{p.investorEnterpriseName}</Link>
                ) : (
                  (p.investorName ?? '—')
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('invest.originRegion')}>
                {t(k(`invest.region_${p.originRegion}`))}
              </Descriptions.Item>
              <Descriptions.Item label={t('invest.investmentWan')}>{num(p.investmentWan)}</Descriptions.Item>
              <Descriptions.Item label={t('invest.annualOutputWan')}>{num(p.annualOutputWan)}</Descriptions.Item>
              <Descriptions.Item label={t('invest.jobs')}>{num(p.jobs)}</Descriptions.Item>
              <Descriptions.Item label={t('invest.space')}>
                {[
                  p.areaM2 != null && `${num(p.areaM2)} m²`,
                  p.floorLoadKnM2 != null && `${p.floorLoadKnM2} kN/m²`,
                  p.landMu != null && `${p.landMu} ${lang === 'en-US' ? 'mu' : '亩'}`,
                ]
                  .filter(Boolean)
                  .join(' · ') || '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('invest.nodeId')}>
                {p.chainCode ? (
                  <Link to={`/chains/${p.chainCode}${p.nodeId ? `?node=${encodeURIComponent(p.nodeId)}` : ''}`}>
                    {label('chain', p.chainCode)}
                    {p.nodeId && nodeName(p.nodeId) && ` · ${nodeName(p.nodeId)}`}
                  </Link>
                ) : (
                  '—'
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('invest.sourceKind')}>
                {t(k(`invest.source_${p.sourceKind}`))}
                {p.sourceEventId && (
                  <>
                    {' · '}
                    <Link to={`/events/${p.sourceEventId}`}>{p.sourceEventName}</Link>
                  </>
                )}
                {p.referrerEnterpriseId && (
                  <>
                    {' · '}
                    <Link to={`/enterprises/${p.referrerEnterpriseId}`}>{p.referrerEnterpriseName}</Link>
                  </>
                )}
                {p.sourceNote && <Typography.Text type="secondary"> · {p.sourceNote}</Typography.Text>}
              </Descriptions.Item>
              <Descriptions.Item label={t('invest.park')}>
                {p.parkId ? <Link to={`/parks/${p.parkId}`}>{p.parkName}</Link> : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('invest.owner')}>{p.ownerName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('invest.team')}>
                {d.team.map((u) => u.displayName).join('、') || '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('invest.nextFollowUpOn')}>
                {p.overdue ? (
                  <Typography.Text type="danger">{p.nextFollowUpOn}</Typography.Text>
                ) : (
                  (p.nextFollowUpOn ?? '—')
                )}
              </Descriptions.Item>
              <Descriptions.Item
                label={`${t('invest.signedOn')} / ${t('invest.startedOn')} / ${t('invest.producedOn')}`}
              >
                {[p.signedOn, p.startedOn, p.producedOn].map((x) => x ?? '—').join(' / ')}
              </Descriptions.Item>
              {p.signedOn && (
                <>
                  <Descriptions.Item label={t('invest.agreementKind')}>
                    <span data-testid="project-agreement">
                      {p.agreementKind ? t(k(`invest.agreement_${p.agreementKind}`)) : t('invest.agreementUnknown')}
                    </span>
                  </Descriptions.Item>
                  <Descriptions.Item label={`${t('invest.contractedInvestmentWan')} / ${t('invest.fundsInPlaceWan')}`}>
                    {num(p.contractedInvestmentWan)} / {num(p.fundsInPlaceWan)}
                  </Descriptions.Item>
                  <Descriptions.Item label={`${t('invest.libraryOn')} / ${t('invest.statsOn')}`}>
                    {p.libraryOn ?? '—'} / {p.statsOn ?? '—'}
                  </Descriptions.Item>
                </>
              )}
              <Descriptions.Item label={t('invest.shared')}>{p.shared ? '✓' : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('invest.source')}>
                {sourceTitle} <SyntheticBadge synthetic={p.synthetic} />
              </Descriptions.Item>
              <Descriptions.Item label={t('invest.description')} span={2}>
                {secret(p.description)}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <ProjectSpacePanel projectId={p.id} canEdit={p.canEdit} hasArea={(p.areaM2 ?? 0) > 0} landMu={p.landMu} />
          <FollowUpsCard d={d} />
          <OrdersCard d={d} />
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <ContactsCard d={d} />
            </Col>
            <Col xs={24} md={12}>
              <DocumentsCard d={d} />
            </Col>
          </Row>
        </Col>
        <Col xs={24} xl={9}>
          {d.outcomes.length > 0 && (
            <Card size="small" title={t('invest.outcomes')} style={{ marginBottom: 12 }}>
              {d.outcomes.map((o) => (
                <div key={o.id}>
                  <Tag color={o.kind === 'signing' ? 'green' : 'blue'}>{t(k(`invest.outcome_${o.kind}`))}</Tag>
                  <Link to={`/events/${o.eventId}`}>{o.eventName}</Link> {o.onDate}{' '}
                  <SyntheticBadge synthetic={o.synthetic} />
                </div>
              ))}
            </Card>
          )}
          <Card size="small" title={t('invest.timeline')} data-testid="timeline">
            <Timeline
              items={d.timeline.map((e) => ({
                key: e.id,
                color:
                  e.kind === 'stage'
                    ? e.toStage === 'lost'
                      ? 'red'
                      : 'green'
                    : e.kind === 'order'
                      ? 'orange'
                      : 'blue',
                content: (
                  <div data-testid={`timeline-${e.kind}`}>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {fmtDateTime(e.at, lang)} · {actorName(e.actor)}
                    </Typography.Text>
                    <div>
                      <Tag>{t(k(`invest.tl_${e.kind}`))}</Tag>
                      <TimelineText e={e} nodeName={nodeName} />
                    </div>
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      {dialog}
      <ProjectForm project={p} open={editing} onClose={() => setEditing(false)} />
    </>
  );
}

export default function ProjectPage() {
  const id = parseIntParam(useParams().id);
  const q = useProject(id);
  return <QueryView query={q}>{(d) => <Body d={d} />}</QueryView>;
}
