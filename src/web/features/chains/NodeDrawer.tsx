/**
 * Drill-down of one chain segment: why it is missing, weak or strong (with the thresholds), its
 * local firms, ranked gap-filling candidates from outside the city with a "turn into a lead"
 * button (same-city relocations apart, flagged, behind a switch that is off by default), and the outside suppliers that already sell to the chain's local firms.
 */
import { App, Button, Descriptions, Drawer, Flex, List, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { DEFAULT_THRESHOLDS } from '../../../domain/chains/thresholds';
import { fmtNumber, listSep } from '../../app/format';
import { useLabels } from '../../app/labels';
import { problemText } from '../../app/problems';
import { useTiers } from '../../client/queries';
import { EmptyState, QueryView } from '../../components/states';
import { CitedText } from '../chain-admin/Cited';
import {
  type ChainHealth,
  type GapTarget,
  type NodeHealth,
  type OutsideSupplier,
  type TChainTemplate,
  useChainTargets,
  useOutsideSuppliers,
  useTurnIntoLead,
} from './api';
import { StatusTag } from './status';

type Firm = NodeHealth['firms'][number];
type Candidate = GapTarget['candidates'][number];

function Why({ n }: { n: NodeHealth }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  const th = DEFAULT_THRESHOLDS;
  return (
    <div data-testid="node-why">
      {n.status === 'missing' && <Typography.Paragraph>{t('chains.whyMissing')}</Typography.Paragraph>}
      {n.status === 'strong' && <Typography.Paragraph>{t('chains.whyStrong')}</Typography.Paragraph>}
      {n.reasons.length > 0 && (
        <ul style={{ paddingInlineStart: 18, margin: '0 0 8px' }}>
          {n.reasons.map((r) => (
            <li key={r.code}>{en ? r.en : r.zh}</li>
          ))}
        </ul>
      )}
      {!n.group && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('chains.thresholds', {
            minFirms: th.minFirms,
            minOutput: fmtNumber(th.minOutputWan, 0, i18n.language),
            share: th.dominantShare * 100,
          })}
        </Typography.Text>
      )}
    </div>
  );
}

function Candidates({
  chain,
  node,
  scope,
  suggested,
  tierOf,
}: {
  chain: string;
  node: string;
  scope: string;
  suggested: boolean;
  tierOf: (code: string) => string;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const en = i18n.language === 'en-US';
  const [relocations, setRelocations] = useState(false);
  const targets = useChainTargets(chain, scope, suggested, true, relocations);
  const lead = useTurnIntoLead();
  const [done, setDone] = useState<Record<number, { projectId: number; existed: boolean }>>({});
  const run = (c: Candidate) =>
    lead.mutate(
      {
        chainCode: chain,
        nodeId: node,
        enterpriseId: c.enterpriseId,
        scope,
        score: c.score,
        reasons: c.reasons.map((r) => ({ code: r.code, zh: r.zh, en: r.en })),
      },
      {
        onSuccess: (out) => {
          setDone((d) => ({ ...d, [c.enterpriseId]: out }));
          void message.success(out.existed ? t('chains.leadExists') : t('chains.leadCreated'));
        },
        onError: (e) =>
          void message.error(
            t('chains.leadFailed', { detail: problemText(e, i18n.language, t('common.networkError')) }),
          ),
      },
    );
  const listOf = (items: Candidate[], testId: string) => (
    <List<Candidate>
      size="small"
      dataSource={items.slice(0, 10)}
      data-testid={testId}
      renderItem={(c, i) => (
        <List.Item
          data-relocation={c.relocation ? 'true' : 'false'}
          actions={[
            done[c.enterpriseId] ? (
              <Link to={`/projects/${done[c.enterpriseId]?.projectId}`} key="done" data-testid="lead-link">
                <Tag color="green">
                  {done[c.enterpriseId]?.existed ? t('chains.leadExists') : t('chains.leadCreated')} →
                </Tag>
              </Link>
            ) : (
              <Button
                key="lead"
                size="small"
                type="primary"
                ghost
                loading={lead.isPending && lead.variables?.enterpriseId === c.enterpriseId}
                onClick={() => run(c)}
                data-testid={`to-lead-${c.enterpriseId}`}
              >
                {t('chains.toLead')}
              </Button>
            ),
          ]}
        >
          <List.Item.Meta
            title={
              <Flex gap={8} align="center" wrap>
                <Typography.Text type="secondary">{i + 1}.</Typography.Text>
                <Link to={`/enterprises/${c.enterpriseId}`}>{c.name}</Link>
                {c.relocation && (
                  <Tag color="orange" data-testid="relocation-tag">
                    {t('chains.relocationTag')}
                  </Tag>
                )}
                {c.regionName && <Typography.Text type="secondary">{c.regionName}</Typography.Text>}
                <Tag>
                  {t('chains.candidateScore')} {fmtNumber(c.score, 1, i18n.language)}
                </Tag>
              </Flex>
            }
            description={
              <ul style={{ paddingInlineStart: 18, margin: 0, fontSize: 12 }}>
                {c.reasons.map((r) => (
                  <li key={r.code}>
                    {r.code === 'tier' && r.refs
                      ? `${t('chains.tiers')}${t('common.colon')}${r.refs.map((x) => tierOf(String(x))).join(en ? ', ' : '、')}`
                      : en
                        ? r.en
                        : r.zh}
                  </li>
                ))}
              </ul>
            }
          />
        </List.Item>
      )}
    />
  );
  return (
    <Flex vertical gap={8}>
      <Flex gap={8} align="center">
        <Switch
          size="small"
          checked={relocations}
          onChange={setRelocations}
          data-testid="include-relocations"
          aria-label={t('chains.includeRelocations')}
        />
        <Typography.Text>{t('chains.includeRelocations')}</Typography.Text>
      </Flex>
      <QueryView query={targets} rows={4}>
        {(list) => {
          const gap = list.find((g) => g.nodeId === node);
          const outside = gap?.candidates ?? [];
          const within = gap?.relocations ?? [];
          return (
            <Flex vertical gap={8}>
              {outside.length === 0 ? (
                <EmptyState description={t('chains.noCandidates')} />
              ) : (
                listOf(outside, 'candidates')
              )}
              {relocations && (
                <section data-testid="relocations">
                  <Typography.Text strong>{t('chains.relocations')}</Typography.Text>
                  {within.length === 0 ? (
                    <EmptyState description={t('chains.noRelocations')} />
                  ) : (
                    listOf(within, 'relocation-candidates')
                  )}
                </section>
              )}
            </Flex>
          );
        }}
      </QueryView>
    </Flex>
  );
}

function Outside({
  chain,
  node,
  scope,
  suggested,
}: {
  chain: string;
  node: string;
  scope: string;
  suggested: boolean;
}) {
  const { t, i18n } = useTranslation();
  const q = useOutsideSuppliers(chain, scope, suggested);
  return (
    <QueryView query={q} rows={3}>
      {(d) => {
        const rows = d.items.filter((s) => s.nodeIds.includes(node));
        if (!rows.length) return <EmptyState description={t('chains.noOutsideSuppliers')} />;
        return (
          <Table<OutsideSupplier>
            size="small"
            rowKey="enterpriseId"
            pagination={false}
            dataSource={rows}
            data-testid="outside-suppliers"
            columns={[
              {
                title: t('chains.enterprise'),
                key: 'n',
                render: (_, s) => <Link to={`/enterprises/${s.enterpriseId}`}>{s.name}</Link>,
              },
              {
                title: t('chains.suppliesTo'),
                key: 'c',
                render: (_, s) =>
                  s.customers.map((c) => (
                    <Tag key={c.enterpriseId} color={c.leader ? 'red' : undefined}>
                      {c.name}
                      {c.leader ? ` · ${t('chains.leaderMark')}` : ''}
                    </Tag>
                  )),
              },
              {
                title: t('chains.amount'),
                dataIndex: 'amountWan',
                align: 'right',
                render: (v: number | null) => (v === null ? t('chains.unknown') : fmtNumber(v, 0, i18n.language)),
              },
            ]}
          />
        );
      }}
    </QueryView>
  );
}

export function NodeDrawer({
  template,
  health,
  nodeId,
  scope,
  suggested,
  onClose,
}: {
  template: TChainTemplate;
  health: ChainHealth;
  nodeId: string | undefined;
  scope: string;
  suggested: boolean;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { label, tierName } = useLabels();
  const tiers = useTiers();
  const en = i18n.language === 'en-US';
  const n = health.nodes.find((x) => x.nodeId === nodeId);
  const def = template.nodes.find((x) => x.id === nodeId);
  const tierOf = (code: string) =>
    tierName(
      tiers.data?.items.find((x) => x.code === code),
      code,
    );
  return (
    <Drawer
      open={!!n}
      onClose={onClose}
      size={720}
      title={n ? `${n.keyLink ? '★ ' : ''}${en ? n.nameEn : n.nameZh}` : ''}
      data-testid="node-drawer"
      extra={n && <StatusTag status={n.status} />}
    >
      {n && (
        <Flex vertical gap={16}>
          <Descriptions
            size="small"
            column={2}
            items={[
              { key: 'stage', label: t('chains.stage'), children: t(`chains.stage_${n.stage}`) },
              { key: 'firms', label: t('chains.localFirms'), children: n.firmCount },
              ...(def?.examples ? [{ key: 'ex', label: t('chains.examples'), children: def.examples, span: 2 }] : []),
              ...(def?.bottleneck
                ? [
                    {
                      key: 'bn',
                      label: t('chains.bottleneck'),
                      span: 2,
                      children: (
                        <span data-testid="node-bottleneck">
                          <Tag color={def.bottleneck === 'localised' ? 'green' : 'red'}>
                            {t(`chains.bottleneck_${def.bottleneck}`)}
                          </Tag>
                          {/* the note and its sources as numbered citations (常识判断 for GK), never the raw keys */}
                          <CitedText
                            text={`${def.note ?? ''}${def.sourceTags
                              .filter((k) => !(def.note ?? '').includes(`[${k}]`))
                              .map((k) => `[${k}]`)
                              .join('')}`}
                            sources={template.sources}
                          />
                        </span>
                      ),
                    },
                  ]
                : []),
              ...(n.group
                ? [
                    {
                      key: 'kids',
                      label: t('chains.group'),
                      span: 2,
                      children: n.children
                        .map((id) => health.nodes.find((x) => x.nodeId === id))
                        .map((k) => k && (en ? k.nameEn : k.nameZh))
                        .join(listSep(i18n.language)),
                    },
                  ]
                : []),
            ]}
          />
          <section>
            <Typography.Title level={5}>{t('chains.why')}</Typography.Title>
            <Why n={n} />
          </section>
          <section>
            <Typography.Title level={5}>{t('chains.firms')}</Typography.Title>
            <Table<Firm>
              size="small"
              rowKey="enterpriseId"
              pagination={false}
              dataSource={n.firms}
              locale={{ emptyText: t('chains.noFirms') }}
              data-testid="node-firms"
              columns={[
                {
                  title: t('chains.enterprise'),
                  key: 'name',
                  render: (_, f) => <Link to={`/enterprises/${f.enterpriseId}`}>{f.name}</Link>,
                },
                {
                  title: t('chains.scale'),
                  dataIndex: 'scale',
                  width: 70,
                  render: (s: string | null) => label('scale', s),
                },
                {
                  title: t('chains.output'),
                  dataIndex: 'outputWan',
                  align: 'right',
                  width: 100,
                  render: (v: number | null) => (v === null ? '—' : fmtNumber(v, 0, i18n.language)),
                },
                {
                  title: t('chains.tiers'),
                  dataIndex: 'tiers',
                  render: (list: string[]) => list.map((c) => <Tag key={c}>{tierOf(c)}</Tag>),
                },
                {
                  title: t('chains.mapping'),
                  key: 'via',
                  width: 100,
                  render: (_, f) =>
                    f.via === 'confirmed' ? (
                      <Tag color="blue">{t('chains.confirmed')}</Tag>
                    ) : (
                      <Tag>{t('chains.suggested', { p: Math.round((f.confidence ?? 0) * 100) })}</Tag>
                    ),
                },
              ]}
            />
          </section>
          {!n.group && n.status !== 'strong' && (
            <section>
              <Typography.Title level={5}>{t('chains.candidates')}</Typography.Title>
              <Candidates
                chain={health.chainCode}
                node={n.nodeId}
                scope={scope}
                suggested={suggested}
                tierOf={tierOf}
              />
            </section>
          )}
          <section>
            <Typography.Title level={5}>{t('chains.outsideSuppliers')}</Typography.Title>
            <Outside chain={health.chainCode} node={n.nodeId} scope={scope} suggested={suggested} />
          </section>
        </Flex>
      )}
    </Drawer>
  );
}
