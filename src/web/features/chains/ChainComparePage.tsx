/**
 * One chain in two scopes side by side: per segment the status, local firms and output of each,
 * then both scores part by part. Chain and scopes live in the URL (?code=&a=&b=); exports to Excel.
 */
import { Card, Col, Flex, Row, Select, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { fmtNumber, fmtPercent, listSep } from '../../app/format';
import { useLabels } from '../../app/labels';
import { useUrlState } from '../../app/useUrlState';
import { DownloadButton } from '../../components/DownloadButton';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, QueryView } from '../../components/states';
import { type ChainHealth, type NodeHealth, useChainList, useCompare } from './api';
import { ScopePicker, SuggestedSwitch, scopeDisplayName, useChainScope } from './scope';
import { StatusTag, scoreColor } from './status';

const SCOPE_RE = /^(city|district:\d{6}|park:\d+|building:\d+)$/;

function Side({ n }: { n: NodeHealth | undefined }) {
  const { i18n } = useTranslation();
  if (!n) return null;
  return (
    <Flex vertical gap={2}>
      <Flex gap={6} align="center">
        <StatusTag status={n.status} />
        <Typography.Text>{n.firmCount}</Typography.Text>
        {n.outputKnown > 0 && n.outputWan !== null && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {fmtNumber(n.outputWan, 0, i18n.language)}
          </Typography.Text>
        )}
      </Flex>
      {n.firms.length > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: true }}>
          {n.firms.map((f) => f.name).join(listSep(i18n.language))}
        </Typography.Text>
      )}
    </Flex>
  );
}

export default function ChainComparePage() {
  const { t, i18n } = useTranslation();
  const { get, set } = useUrlState();
  const { districtName, en } = useLabels();
  const { suggested, setSuggested } = useChainScope();
  const chains = useChainList();
  const code = get('code') ?? 'oe';
  const a = SCOPE_RE.test(get('a') ?? '') ? (get('a') as string) : 'city';
  const b = SCOPE_RE.test(get('b') ?? '') ? (get('b') as string) : undefined;
  const cmp = useCompare(code, a, b, suggested);
  const lang = en ? 'en' : 'zh';
  const nameOf = (side: { scope: Parameters<typeof scopeDisplayName>[0] }, s: string) =>
    scopeDisplayName(side.scope, s, t('chains.city'), en, districtName);

  return (
    <>
      <PageHeader
        title={t('chains.compareTitle')}
        crumbs={[{ title: t('chains.title'), to: '/chains' }, { title: t('chains.compare') }]}
        extra={
          b && (
            <DownloadButton
              path={`/chains/${code}/compare.xlsx`}
              params={{ a, b, includeSuggested: String(suggested), lang }}
              fileName="parklink-chain-compare.xlsx"
              testId="export-compare"
            >
              {t('chains.exportXlsx')}
            </DownloadButton>
          )
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex vertical gap={12}>
          <Flex gap={16} wrap align="center">
            <Flex gap={6} align="center">
              <Typography.Text type="secondary">{t('chains.chain')}</Typography.Text>
              <Select
                // Until the chains have loaded there is no label for the code: show nothing rather than "oe".
                value={chains.data ? code : undefined}
                loading={chains.isPending}
                style={{ width: 240 }}
                onChange={(v: string) => set({ code: v })}
                options={(chains.data?.items ?? []).map((c) => ({ value: c.code, label: en ? c.nameEn : c.nameZh }))}
                data-testid="compare-chain"
              />
            </Flex>
            <SuggestedSwitch value={suggested} onChange={setSuggested} />
          </Flex>
          <Flex gap={8} align="center" wrap>
            <Tag color="blue">A</Tag>
            <ScopePicker value={a} onChange={(s) => set({ a: s })} testId="scope-a" />
          </Flex>
          <Flex gap={8} align="center" wrap>
            <Tag color="purple">B</Tag>
            <ScopePicker value={b} onChange={(s) => set({ b: s })} testId="scope-b" />
          </Flex>
        </Flex>
      </Card>
      {!b ? (
        <EmptyState description={t('chains.pickB')} />
      ) : (
        <QueryView query={cmp} rows={10}>
          {(d) => {
            const an = nameOf(d.a, a);
            const bn = nameOf(d.b, b);
            const bNode = new Map(d.b.health.nodes.map((n) => [n.nodeId, n]));
            const bPart = new Map(d.b.health.score.parts.map((p) => [p.code, p]));
            return (
              <Flex vertical gap={16}>
                {a === b && <Typography.Text type="warning">{t('chains.sameScope')}</Typography.Text>}
                <Row gutter={16}>
                  {[
                    [an, d.a.health, 'blue'],
                    [bn, d.b.health, 'purple'],
                  ].map(([name, h, color]) => {
                    const hh = h as ChainHealth;
                    return (
                      <Col span={12} key={String(color)}>
                        <Card size="small">
                          <Flex justify="space-between" align="center">
                            <Flex vertical>
                              <Typography.Text strong>
                                <Tag color={String(color)}>{color === 'blue' ? 'A' : 'B'}</Tag>
                                {String(name)}
                              </Typography.Text>
                              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                                {t('chains.covered')} {hh.summary.covered}/{hh.summary.segments} · {t('chains.missing')}{' '}
                                {hh.summary.missing} · {t('chains.weak')} {hh.summary.weak} · {t('chains.localFirms')}{' '}
                                {hh.summary.localFirms}
                              </Typography.Text>
                            </Flex>
                            <span
                              style={{ fontSize: 28, fontWeight: 700, color: scoreColor(hh.score.value) }}
                              data-testid={`compare-score-${color === 'blue' ? 'a' : 'b'}`}
                            >
                              {fmtNumber(hh.score.value, 1, i18n.language)}
                            </span>
                          </Flex>
                        </Card>
                      </Col>
                    );
                  })}
                </Row>
                <Card size="small" title={t('chains.scoreParts')}>
                  <Table
                    size="small"
                    pagination={false}
                    rowKey="code"
                    dataSource={d.a.health.score.parts}
                    columns={[
                      { title: t('chains.part'), key: 'p', render: (_, p) => (en ? p.en : p.zh) },
                      { title: t('chains.weight'), dataIndex: 'weight', width: 70 },
                      {
                        title: `A ${t('chains.value')} / ${t('chains.points')}`,
                        key: 'a',
                        render: (_, p) =>
                          `${p.value === null ? t('chains.notMeasured') : fmtPercent(p.value, 0, i18n.language)} / ${fmtNumber(p.points, 1, i18n.language)}`,
                      },
                      {
                        title: `B ${t('chains.value')} / ${t('chains.points')}`,
                        key: 'b',
                        render: (_, p) => {
                          const q = bPart.get(p.code);
                          if (!q) return null;
                          return `${q.value === null ? t('chains.notMeasured') : fmtPercent(q.value, 0, i18n.language)} / ${fmtNumber(q.points, 1, i18n.language)}`;
                        },
                      },
                    ]}
                  />
                </Card>
                <Table<NodeHealth>
                  size="small"
                  bordered
                  rowKey="nodeId"
                  pagination={false}
                  dataSource={d.a.health.nodes}
                  data-testid="compare-nodes"
                  // NodeHealth has `children` (ids): keep antd from reading it as tree rows
                  expandable={{ childrenColumnName: 'noTreeRows' }}
                  rowClassName={(n) => (n.group ? 'chain-group-row' : '')}
                  columns={[
                    {
                      title: t('chains.node'),
                      key: 'n',
                      width: 260,
                      render: (_, n) => (
                        <span style={{ paddingLeft: n.parent ? 16 : 0, fontWeight: n.group ? 600 : undefined }}>
                          {n.keyLink ? '★ ' : ''}
                          {en ? n.nameEn : n.nameZh}
                        </span>
                      ),
                    },
                    { title: t('chains.stage'), key: 's', width: 80, render: (_, n) => t(`chains.stage_${n.stage}`) },
                    { title: `A · ${an}`, key: 'a', render: (_, n) => <Side n={n} /> },
                    { title: `B · ${bn}`, key: 'b', render: (_, n) => <Side n={bNode.get(n.nodeId)} /> },
                  ]}
                />
              </Flex>
            );
          }}
        </QueryView>
      )}
    </>
  );
}
