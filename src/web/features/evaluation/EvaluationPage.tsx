/** /evaluation — per-mu runs and results, tier candidates with gaps, park renewal, the pipeline. */

import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  InputNumber,
  Progress,
  Segmented,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { fmtCount, fmtFixed, fmtWan } from '../../app/format';
import { useLabels } from '../../app/labels';
import { usePermissions } from '../../app/permissions';
import { useCurrentUser } from '../../app/session';
import { api } from '../../client/client';
import { awaitJob, jobPercent, type TJob } from '../../client/jobs';
import { useDistricts, useTiers as useTierList } from '../../client/queries';
import { DownloadButton } from '../../components/DownloadButton';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, QueryView } from '../../components/states';
import { SyntheticBadge } from '../../components/tags';
import {
  B,
  type TRenewalView,
  type TRun,
  useAreas,
  useExpiringHonours,
  useLetter,
  usePipeline,
  useRenewal,
  useResults,
  useRuleSet,
  useRuleSets,
  useRuns,
  useTierCounts,
  useTiers,
} from './api';
import { HONOURS_SHOWN, type HonoursShown, honoursQuery, honoursShown } from './honours-filter';
import { ruleSetName } from './labels';
import { PlotsSection } from './PlotsSection';
import { RenewalMap } from './RenewalMap';
import { RuleSetsTab } from './RuleSetEditor';

const CLASS_COLOR: Record<string, string> = { A: 'green', B: 'blue', C: 'orange', D: 'red', T: 'default' };

/**
 * An enterprise user's own result in the run on show, above the list (where its class is among 2 000 rows,
 * the others' withheld): class, score, rank and its letter.
 */
function OwnResult({ runId, enterpriseId }: { runId: number; enterpriseId: number }) {
  const { t } = useTranslation();
  const letter = useLetter(runId, enterpriseId);
  if (!letter.data) return null;
  const { result: r, run } = letter.data;
  return (
    <Alert
      type="info"
      data-testid="evaluation-own"
      message={t('evaluation.ownTitle', { name: r.name, year: run.year })}
      description={
        <Space wrap size="large">
          <span>
            {t('evaluation.class')}: <strong>{r.class ?? '—'}</strong>
          </span>
          <span>
            {t('evaluation.score')}: {r.score === null ? '—' : fmtFixed(r.score, 1)}
          </span>
          <span>
            {t('evaluation.rank')}: {r.rank ?? '—'}
          </span>
          <a href={`/print/evaluation/runs/${runId}/firms/${enterpriseId}`} target="_blank" rel="noreferrer">
            {t('evaluation.ownLetter')}
          </a>
        </Space>
      }
    />
  );
}

function ClassTag({ c }: { c: string | null }) {
  const { t } = useTranslation();
  if (c === null) return <Tag>{t('evaluation.withheld')}</Tag>;
  return <Tag color={CLASS_COLOR[c]}>{c}</Tag>;
}

/** Tier names in the current language (the registry's tiers), the code itself only for a tier it lacks. */
function useTierLabel() {
  const { tierName } = useLabels();
  const tiers = useTierList();
  const byCode = new Map((tiers.data?.items ?? []).map((x) => [x.code, x]));
  return (code: string | null | undefined) => (code ? tierName(byCode.get(code), code) : '—');
}

function RunsTab() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('zh') ? 'zh' : 'en';
  const p = usePermissions();
  const user = useCurrentUser();
  const qc = useQueryClient();
  const sets = useRuleSets('per_mu');
  const runs = useRuns();
  const [ruleSetId, setRuleSetId] = useState<number | undefined>();
  const [year, setYear] = useState(2025);
  const [job, setJob] = useState<TJob | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [picked, setPicked] = useState<number | undefined>();
  const [page, setPage] = useState(1);
  const runId = picked ?? runs.data?.items[0]?.id;
  const aggregates = p.may('evaluation.aggregates');
  const results = useResults(runId, { limit: 20, offset: (page - 1) * 20, sort: aggregates ? 'score' : 'name' });
  const { districtName } = useLabels();
  const districts = useDistricts();
  const districtZh = new Map((districts.data?.items ?? []).map((r) => [r.code, r.name]));
  const run = runs.data?.items.find((r) => r.id === runId);
  const runRuleSet = useRuleSet(run?.ruleSetId);
  const bucketLabel = (code: string) => {
    const doc = runRuleSet.data?.document;
    const b = doc?.kind === 'per_mu' ? doc.buckets.find((x) => x.code === code) : undefined;
    return b ? b.label[lang] : '—';
  };
  const setById = new Map((sets.data?.items ?? []).map((s) => [s.id, s]));
  const areas = useAreas(runId, 'district', aggregates);
  const published = (sets.data?.items ?? []).filter((s) => s.status === 'published');
  // Until one is chosen, run again under the rule set of the run on show (not simply the first in the list).
  const chosenSet = ruleSetId ?? published.find((s) => s.id === run?.ruleSetId)?.id ?? published[0]?.id;
  const start = async () => {
    setError(null);
    try {
      // Started as a job (202): poll it for progress, then show its run.
      const job0 = await api.postAsync<TJob>(`${B}/runs`, { ruleSetId: chosenSet, year });
      const run = await awaitJob<TRun>(job0, setJob);
      setPicked(run.id);
      await qc.invalidateQueries({ queryKey: ['evaluation'] });
    } catch (e) {
      setError(e);
    } finally {
      setJob(null);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      {p.may('evaluation.run') && (
        <Card size="small">
          <Space wrap>
            <span>{t('evaluation.ruleSet')}</span>
            <Select
              style={{ minWidth: 320 }}
              value={chosenSet}
              onChange={setRuleSetId}
              loading={sets.isPending}
              data-testid="evaluation-rule-set"
              options={published.map((s) => ({
                value: s.id,
                label: `${ruleSetName(s, lang)} v${s.version}${s.assumption ? ` · ${t('evaluation.assumption')}` : ''}`,
              }))}
            />
            <span>{t('evaluation.year')}</span>
            <InputNumber min={2000} max={2100} value={year} onChange={(v) => setYear(v ?? 2025)} />
            <Button type="primary" onClick={() => void start()} loading={job !== null} data-testid="evaluation-run">
              {t('evaluation.run')}
            </Button>
            {job && <Progress style={{ width: 200 }} percent={jobPercent(job) ?? 0} size="small" />}
          </Space>
          {error !== null && <ErrorState error={error} />}
        </Card>
      )}
      <QueryView query={runs} isEmpty={(d) => d.items.length === 0} empty={t('evaluation.noRun')}>
        {(d) => (
          <Space wrap>
            <span>{t('evaluation.runs')}</span>
            <Select
              style={{ minWidth: 360 }}
              value={runId}
              onChange={(v) => {
                setPicked(v);
                setPage(1);
              }}
              data-testid="evaluation-run-select"
              options={d.items.map((r) => ({
                value: r.id,
                label: `#${r.id} · ${r.year} · ${ruleSetName(setById.get(r.ruleSetId) ?? { name: r.ruleSetName }, lang)} v${r.ruleSetVersion}`,
              }))}
            />
            {runId !== undefined && (
              <Typography.Text data-testid="evaluation-distribution">
                {t('evaluation.distribution')}:{' '}
                {Object.entries(d.items.find((r) => r.id === runId)?.distribution ?? {})
                  .map(([k, n]) => `${k} ${n}`)
                  .join(' · ')}
              </Typography.Text>
            )}
            {runId !== undefined && (
              <DownloadButton path={`${B}/runs/${runId}/results.xlsx`} params={{ lang }} fileName="evaluation.xlsx">
                {t('evaluation.export')}
              </DownloadButton>
            )}
          </Space>
        )}
      </QueryView>
      {runId !== undefined && user?.role === 'enterprise_user' && user.enterpriseId !== null && (
        <OwnResult runId={runId} enterpriseId={user.enterpriseId} />
      )}
      {runId !== undefined && (
        <QueryView query={results}>
          {(r) => (
            <Table
              size="small"
              rowKey="enterpriseId"
              dataSource={r.items}
              data-testid="evaluation-results"
              pagination={{ current: page, pageSize: 20, total: r.total, onChange: setPage, showSizeChanger: false }}
              columns={[
                {
                  title: t('evaluation.firm'),
                  render: (_, x) => (
                    <Space>
                      <a
                        href={`/print/evaluation/runs/${runId}/firms/${x.enterpriseId}`}
                        target="_blank"
                        rel="noreferrer"
                      >
                        {x.name}
                      </a>
                      <SyntheticBadge synthetic={x.synthetic} />
                    </Space>
                  ),
                },
                {
                  title: t('evaluation.district'),
                  width: 110,
                  render: (_, x) => districtName(x.regionCode, x.regionCode ? districtZh.get(x.regionCode) : null),
                },
                { title: t('evaluation.bucket'), width: 180, render: (_, x) => bucketLabel(x.bucket) },
                { title: t('evaluation.class'), width: 80, render: (_, x) => <ClassTag c={x.class} /> },
                {
                  title: t('evaluation.score'),
                  width: 90,
                  render: (_, x) => (x.score === null ? '—' : fmtFixed(x.score, 1, i18n.language)),
                },
                {
                  title: t('evaluation.rank'),
                  width: 90,
                  render: (_, x) => (x.rank === null ? '—' : `${x.rank}/${x.groupSize}`),
                },
                { title: t('evaluation.notAssessed'), render: (_, x) => x.notAssessedReason?.[lang] ?? '' },
              ]}
            />
          )}
        </QueryView>
      )}
      {aggregates && runId !== undefined && (
        <QueryView query={areas}>
          {(a) => (
            <Table
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={a.items}
              columns={[
                { title: t('evaluation.rank'), dataIndex: 'rank', width: 70 },
                {
                  title: t('evaluation.district'),
                  render: (_: unknown, x: (typeof a.items)[number]) => districtName(x.regionCode ?? x.key, x.name),
                },
                ...(['A', 'B', 'C', 'D', 'T'] as const).map((c) => ({
                  title: c,
                  width: 60,
                  render: (_: unknown, x: (typeof a.items)[number]) => x.distribution[c],
                })),
                { title: t('evaluation.outputPerMu'), dataIndex: 'outputPerMu' },
                { title: t('evaluation.taxPerMu'), dataIndex: 'taxPerMu' },
              ]}
            />
          )}
        </QueryView>
      )}
    </Space>
  );
}

/** Honours whose re-review falls due (the scheduled reminder job records each once), soonest first. */
function ExpiringHonours() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('zh') ? 'zh' : 'en';
  // The filter and window live in the URL: an officer's digest notice links to just the honours it counts.
  const [sp, setSp] = useSearchParams();
  const { show, within } = honoursQuery(sp);
  const setQuery = (patch: { honours?: HonoursShown; within?: number }) =>
    setSp(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (patch.honours) next.set('honours', patch.honours);
        if (patch.within) next.set('within', String(patch.within));
        return next;
      },
      { replace: true },
    );
  const v = useExpiringHonours(within);
  const tierLabel = useTierLabel();
  const { districtName } = useLabels();
  const districts = useDistricts();
  const districtZh = new Map((districts.data?.items ?? []).map((r) => [r.code, r.name]));
  return (
    <Card
      size="small"
      title={t('evaluation.expiringTitle')}
      data-testid="evaluation-expiring"
      extra={
        <Space>
          <Segmented
            size="small"
            value={show}
            onChange={(x) => setQuery({ honours: x as HonoursShown })}
            data-testid="evaluation-expiring-show"
            options={HONOURS_SHOWN.map((x) => ({ value: x, label: t(`evaluation.honoursShown_${x}`) }))}
          />
          <span>{t('evaluation.expiringWithin')}</span>
          <Select
            size="small"
            value={within}
            onChange={(d) => setQuery({ within: d })}
            style={{ width: 110 }}
            options={[...new Set([90, 180, 365, within])]
              .sort((a, b) => a - b)
              .map((d) => ({ value: d, label: t('evaluation.days', { count: d }) }))}
          />
          <DownloadButton
            size="small"
            path={`${B}/honours/expiring.xlsx`}
            params={{ withinDays: within, lang }}
            fileName="honours-expiring.xlsx"
          >
            {t('evaluation.export')}
          </DownloadButton>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('evaluation.expiringNote')}
      </Typography.Paragraph>
      <QueryView query={v}>
        {(d) => (
          <Table
            size="small"
            rowKey={(x) => `${x.enterpriseId}-${x.tierCode}-${x.validUntil}`}
            // Renewed grants are done with; listed are the honours due for re-review, then the lapsed (失效) ones.
            dataSource={honoursShown(d.items, show)}
            pagination={{ pageSize: 8, hideOnSinglePage: true, showSizeChanger: false }}
            locale={{ emptyText: t('evaluation.expiringNone') }}
            columns={[
              {
                title: t('evaluation.firm'),
                render: (_, x) => (
                  <Space>
                    {x.name}
                    <SyntheticBadge synthetic={x.synthetic} />
                  </Space>
                ),
              },
              {
                title: t('evaluation.district'),
                width: 110,
                render: (_, x) => districtName(x.regionCode, x.regionCode ? districtZh.get(x.regionCode) : null),
              },
              { title: t('evaluation.honour'), width: 200, render: (_, x) => tierLabel(x.tierCode) },
              { title: t('evaluation.validUntil'), dataIndex: 'validUntil', width: 110 },
              { title: t('evaluation.dueOn'), dataIndex: 'dueOn', width: 110 },
              {
                title: t('evaluation.reminder'),
                width: 150,
                render: (_, x) =>
                  x.lapsed ? (
                    <Space size={4} data-testid="evaluation-honour-lapsed">
                      <Tag color="red">{t('evaluation.lapsed')}</Tag>
                      {x.lapseNotified ? (
                        <Tag color="green">{t('evaluation.lapseNotified')}</Tag>
                      ) : (
                        <Tag>{t('evaluation.lapseNotNotified')}</Tag>
                      )}
                    </Space>
                  ) : x.reminded ? (
                    <Tag color="green">{t('evaluation.reminded')}</Tag>
                  ) : (
                    <Tag>{t('evaluation.notReminded')}</Tag>
                  ),
              },
            ]}
          />
        )}
      </QueryView>
    </Card>
  );
}

function TiersTab() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('zh') ? 'zh' : 'en';
  const p = usePermissions();
  const sets = useRuleSets('tier');
  const [ruleSetId, setRuleSetId] = useState<number | undefined>();
  const [tier, setTier] = useState<string>('specialized_sme');
  const params = { ruleSetId, tier, limit: 50 };
  const tiers = useTiers(params, p.may('evaluation.aggregates'));
  const counts = useTierCounts();
  const tierLabel = useTierLabel();
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="evaluation-tab-tiers">
      <QueryView query={counts}>
        {(c) => (
          <Card size="small" title={t('evaluation.counts')}>
            <Space wrap size="large">
              {c.registry.map((r) => (
                <span key={r.tierCode}>
                  {tierLabel(r.tierCode)}: {t('evaluation.holders')} {r.holders} · {t('evaluation.newThisYear')}{' '}
                  {r.newThisYear}
                </span>
              ))}
              {c.targets.map((x) => (
                <span key={`${x.tierCode}-${x.year}`} data-testid="evaluation-tier-target">
                  {t('evaluation.reportedTier', {
                    tier: tierLabel(x.tierCode),
                    year: x.year,
                    total: x.reportedTotal,
                    added: x.reportedNew,
                  })}{' '}
                  <Typography.Text type="secondary">({x.sourceTitle})</Typography.Text>
                </span>
              ))}
            </Space>
          </Card>
        )}
      </QueryView>
      <ExpiringHonours />
      {p.may('evaluation.aggregates') ? (
        <>
          <Space wrap>
            <Select
              style={{ minWidth: 300 }}
              placeholder={t('evaluation.ruleSet')}
              value={ruleSetId}
              onChange={setRuleSetId}
              allowClear
              options={(sets.data?.items ?? []).map((s) => ({
                value: s.id,
                label: `${ruleSetName(s, lang)} v${s.version}`,
              }))}
            />
            <Select
              style={{ minWidth: 200 }}
              value={tier}
              onChange={setTier}
              data-testid="evaluation-tier-select"
              options={['innovative_sme', 'specialized_sme', 'little_giant'].map((x) => ({
                value: x,
                label: tierLabel(x),
              }))}
            />
            <DownloadButton path={`${B}/tiers.xlsx`} params={{ ruleSetId, tier, lang }} fileName="tiers.xlsx">
              {t('evaluation.export')}
            </DownloadButton>
          </Space>
          <QueryView query={tiers}>
            {(d) => (
              <Table
                size="small"
                rowKey="enterpriseId"
                dataSource={d.items}
                data-testid="evaluation-tiers"
                columns={[
                  {
                    title: t('evaluation.firm'),
                    width: 240,
                    render: (_, x) => (
                      <Space>
                        {x.name}
                        <SyntheticBadge synthetic={x.synthetic} />
                      </Space>
                    ),
                  },
                  {
                    title: t('evaluation.qualifies'),
                    width: 160,
                    render: (_, x) =>
                      x.qualifies === null && x.failing === null ? (
                        '—'
                      ) : (
                        <span>
                          {tierLabel(x.qualifies)}{' '}
                          {x.qualifies !== null && x.qualifiesVerified === false && (
                            <Tag>{t('evaluation.unverified')}</Tag>
                          )}
                        </span>
                      ),
                  },
                  {
                    title: t('evaluation.gaps'),
                    render: (_, x) => (
                      <ul style={{ margin: 0, paddingLeft: 18 }}>
                        {(x.failing ?? []).map((f) => (
                          <li key={f.requirementId + f.clause}>
                            {f.message[lang]} {!f.verified && <Tag>{t('evaluation.unverified')}</Tag>}
                          </li>
                        ))}
                      </ul>
                    ),
                  },
                ]}
              />
            )}
          </QueryView>
        </>
      ) : null}
    </Space>
  );
}

function RenewalTab() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('zh') ? 'zh' : 'en';
  const runs = useRuns();
  const p = usePermissions();
  const runId = runs.data?.items[0]?.id;
  const v = useRenewal(runId, p.may('evaluation.aggregates'));
  const renewalField = (f: string) =>
    i18n.exists(`evaluation.rf_${f}`) ? t(`evaluation.rf_${f}` as 'evaluation.rf_dSharePct') : f;
  // The deciding rule and the values that decided it, shown beside each park and plot.
  const ruleText = (r: {
    label: { zh: string; en: string };
    because: TRenewalView['items'][number]['rule']['because'];
  }) =>
    `${r.label[lang]}${r.because.length ? ` — ${r.because.map((b) => `${renewalField(b.field)} ${b.actual === null ? '—' : typeof b.actual === 'number' ? fmtFixed(b.actual, 2, i18n.language) : b.actual} ${b.op} ${b.value}`).join(lang === 'zh' ? '；' : '; ')}` : ''}`;
  if (!p.may('evaluation.aggregates')) return null;
  return (
    <QueryView query={v}>
      {(d) => (
        <Space direction="vertical" style={{ width: '100%' }}>
          {d.ruleSet.assumption && <Alert type="info" message={`${d.ruleSet.name} · ${t('evaluation.assumption')}`} />}
          {d.targets.map((x) => (
            <Alert
              key={x.regionCode}
              type="success"
              data-testid="evaluation-renewal-target"
              message={`${t('evaluation.reportedVsRecorded', {
                p: fmtCount(x.reportedProjects, i18n.language),
                i: fmtWan(x.reportedInvestmentWan, i18n.language),
                rp: fmtCount(x.recordedProjects, i18n.language),
                ri: fmtWan(x.recordedInvestmentWan, i18n.language),
              })} (${x.sourceTitle})`}
            />
          ))}
          <Card size="small" title={t('evaluation.renewalMap')}>
            <RenewalMap view={d} />
          </Card>
          <DownloadButton path={`${B}/renewal.xlsx`} params={{ runId, lang }} fileName="renewal.xlsx">
            {t('evaluation.export')}
          </DownloadButton>
          <Table
            size="small"
            rowKey="parkId"
            dataSource={d.items}
            columns={[
              {
                title: t('evaluation.park'),
                render: (_, x) => (
                  <Space>
                    {x.parkName}
                    <SyntheticBadge synthetic={x.synthetic} />
                  </Space>
                ),
              },
              { title: t('evaluation.mode'), width: 200, render: (_, x) => t(`evaluation.mode_${x.mode}`) },
              {
                title: t('evaluation.rule'),
                render: (_, x) => ruleText(x.rule),
              },
              { title: t('evaluation.projects'), dataIndex: 'projects', width: 90 },
              { title: t('evaluation.investment'), dataIndex: 'investmentWan', width: 120 },
            ]}
          />
          {runId !== undefined && <PlotsSection view={d} runId={runId} ruleText={ruleText} />}
        </Space>
      )}
    </QueryView>
  );
}

function PipelineTab() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('zh') ? 'zh' : 'en';
  const v = usePipeline();
  const stages = ['lab', 'incubator', 'accelerator', 'park'] as const;
  return (
    <QueryView query={v} isEmpty={(d) => d.transitions.length === 0}>
      {(d) => (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Title level={5}>{t('evaluation.funnel')}</Typography.Title>
          <Table
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={d.byInstitution}
            data-testid="evaluation-funnel"
            columns={[
              { title: t('evaluation.institution'), render: (_, x) => x.name ?? '—' },
              ...stages.map((s) => ({
                title: t(`evaluation.stage_${s}`),
                width: 130,
                render: (_: unknown, x: (typeof d.byInstitution)[number]) => x.reached[s],
              })),
            ]}
          />
          <Space>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('evaluation.transitions')}
            </Typography.Title>
            <DownloadButton path={`${B}/pipeline.xlsx`} params={{ lang }} fileName="pipeline.xlsx">
              {t('evaluation.export')}
            </DownloadButton>
          </Space>
          <Table
            size="small"
            rowKey="id"
            dataSource={d.transitions}
            columns={[
              {
                title: t('evaluation.firm'),
                render: (_, x) => (
                  <Space>
                    {x.enterpriseName}
                    <SyntheticBadge synthetic={x.synthetic} />
                  </Space>
                ),
              },
              { title: t('evaluation.tier'), width: 150, render: (_, x) => t(`evaluation.stage_${x.stage}`) },
              { title: t('evaluation.date'), dataIndex: 'occurredOn', width: 110 },
              { title: t('evaluation.institution'), render: (_, x) => x.institutionName ?? x.parkName ?? '—' },
              { title: t('evaluation.source'), render: (_, x) => x.sourceTitle },
            ]}
          />
        </Space>
      )}
    </QueryView>
  );
}

export default function EvaluationPage() {
  const { t } = useTranslation();
  const [sp, setSp] = useSearchParams();
  const tab = sp.get('tab') ?? 'runs';
  return (
    <div>
      <PageHeader title={t('evaluation.title')} subtitle={t('evaluation.subtitle')} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setSp({ tab: k })}
        destroyInactiveTabPane
        items={[
          { key: 'runs', label: t('evaluation.tab_runs'), children: <RunsTab /> },
          { key: 'tiers', label: t('evaluation.tab_tiers'), children: <TiersTab /> },
          { key: 'renewal', label: t('evaluation.tab_renewal'), children: <RenewalTab /> },
          { key: 'pipeline', label: t('evaluation.tab_pipeline'), children: <PipelineTab /> },
          { key: 'rules', label: t('evaluation.tab_rules'), children: <RuleSetsTab /> },
        ]}
      />
    </div>
  );
}
