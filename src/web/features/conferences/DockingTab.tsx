/**
 * 供需对接会 (issue 12 item 5): the chain the conference is held for, suggested meeting requests from
 * docking matches and chain gaps (organisers accept them into requests), and the results by gap.
 */
import { Alert, App, Button, Card, Col, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { TGapNode, TMeetingSuggestion } from '../../../contracts/conference-docking';
import { QueryView } from '../../components/states';
import {
  type TConference,
  useAcceptSuggestions,
  useConferenceChain,
  useConferenceResults,
  useMeetingSuggestions,
  useSetConferenceChain,
} from './api';
import { PriorityTag, useErrorText } from './shared';

const zhLang = (lang: string) => lang.startsWith('zh');

export function GapTag({ gap }: { gap: Pick<TGapNode, 'nameZh' | 'nameEn' | 'keyLink'> & { status: string } }) {
  const { t, i18n } = useTranslation();
  const colour = gap.status === 'missing' ? 'red' : gap.status === 'weak' ? 'orange' : 'green';
  return (
    <Tag color={colour}>
      {gap.keyLink ? '★ ' : ''}
      {zhLang(i18n.language) ? gap.nameZh : gap.nameEn} · {t(`conference.gap_${gap.status}` as 'conference.gap_weak')}
    </Tag>
  );
}

/** Organisers: the chain, then the suggestions with a selection to send as requests. */
export function DockingTab({ conf }: { conf: TConference }) {
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <ChainPicker conf={conf} />
      <Suggestions conf={conf} />
    </Space>
  );
}

function ChainPicker({ conf }: { conf: TConference }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const chain = useConferenceChain(conf.eventId);
  const save = useSetConferenceChain(conf.eventId);
  const zh = zhLang(i18n.language);
  return (
    <Card size="small" title={t('conference.chainTitle')}>
      <QueryView query={chain} rows={1}>
        {(c) => (
          <Space wrap>
            <Select
              allowClear
              style={{ width: 320 }}
              value={c.chain?.code}
              placeholder={t('conference.chainNone')}
              disabled={!conf.mayManage || save.isPending}
              onChange={(v?: string) =>
                save
                  .mutateAsync(v ?? null)
                  .then(() => void message.success(t('conference.chainSaved')))
                  .catch((e: unknown) => void message.error(errorText(e)))
              }
              options={c.options.map((o) => ({ value: o.code, label: zh ? o.nameZh : o.nameEn }))}
              data-testid="conference-chain"
            />
            <Typography.Text type="secondary">{t('conference.chainHelp')}</Typography.Text>
          </Space>
        )}
      </QueryView>
    </Card>
  );
}

function Suggestions({ conf }: { conf: TConference }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const list = useMeetingSuggestions(conf.eventId, conf.mayManage);
  const accept = useAcceptSuggestions(conf.eventId);
  const [keys, setKeys] = useState<string[]>([]);
  const zh = zhLang(i18n.language);
  const send = (status: 'pending' | 'accepted') =>
    accept
      .mutateAsync({ keys, status })
      .then((r) => {
        void message.success(t('conference.suggestionsSent', { count: r.created.length }));
        setKeys([]);
      })
      .catch((e: unknown) => void message.error(errorText(e)));
  return (
    <Card size="small" title={t('conference.suggestionsTitle')}>
      <QueryView query={list} rows={6}>
        {(s) => (
          <>
            {s.unlinked > 0 && (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 8 }}
                title={t('conference.suggestionsUnlinked', { count: s.unlinked })}
              />
            )}
            {s.chain && (
              <div style={{ marginBottom: 8 }} data-testid="chain-gaps">
                <Typography.Text type="secondary">
                  {t('conference.chainGaps', { chain: zh ? s.chain.nameZh : s.chain.nameEn, count: s.gaps.length })}
                </Typography.Text>{' '}
                {s.gaps.slice(0, 12).map((g) => (
                  <GapTag key={g.nodeId} gap={g} />
                ))}
              </div>
            )}
            <Space style={{ marginBottom: 8 }} wrap>
              <Button
                type="primary"
                disabled={keys.length === 0 || !conf.mayManage}
                loading={accept.isPending}
                onClick={() => void send('pending')}
                data-testid="suggestions-send"
              >
                {t('conference.suggestionsSend', { count: keys.length })}
              </Button>
              <Button
                disabled={keys.length === 0 || !conf.mayManage}
                loading={accept.isPending}
                onClick={() => void send('accepted')}
                data-testid="suggestions-record"
              >
                {t('conference.suggestionsRecord')}
              </Button>
            </Space>
            <Table<TMeetingSuggestion>
              rowKey="key"
              size="small"
              dataSource={s.items}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              locale={{ emptyText: t('conference.suggestionsEmpty') }}
              data-testid="suggestions-table"
              rowSelection={{
                selectedRowKeys: keys,
                onChange: (k) => setKeys(k as string[]),
                getCheckboxProps: (r) => ({ disabled: r.existingRequestId !== null }),
              }}
              columns={[
                { title: t('conference.from'), dataIndex: 'fromOrganisation', width: 200 },
                { title: t('conference.to'), dataIndex: 'toOrganisation', width: 200 },
                {
                  title: t('conference.priority'),
                  dataIndex: 'priority',
                  width: 100,
                  render: (v: number) => <PriorityTag priority={v} />,
                },
                {
                  title: t('conference.suggestionSource'),
                  key: 'source',
                  width: 190,
                  render: (_: unknown, r: TMeetingSuggestion) => (
                    <Space size={2} wrap>
                      <Tag color={r.source === 'docking_match' ? 'geekblue' : 'purple'}>
                        {t(`conference.source_${r.source}` as 'conference.source_chain_gap')}
                      </Tag>
                      {r.gap && <GapTag gap={r.gap} />}
                    </Space>
                  ),
                },
                {
                  title: t('conference.suggestionWhy'),
                  key: 'why',
                  render: (_: unknown, r: TMeetingSuggestion) => (
                    <div>
                      {r.reasons.map((x) => (
                        <div key={x.zh} style={{ fontSize: 12 }}>
                          {zh ? x.zh : x.en}
                        </div>
                      ))}
                      {r.matchId !== null && (
                        <Link to={`/docking/matches/${r.matchId}`} style={{ fontSize: 12 }}>
                          {t('conference.openMatch')}
                        </Link>
                      )}
                      {r.existingRequestId !== null && <Tag>{t('conference.alreadyRequested')}</Tag>}
                    </div>
                  ),
                },
              ]}
            />
          </>
        )}
      </QueryView>
    </Card>
  );
}

/** Organisers and analysts: which gaps the event's meetings, signings and deals addressed. */
export function ResultsTab({ conf }: { conf: TConference }) {
  const { t } = useTranslation();
  const results = useConferenceResults(conf.eventId, conf.mayReadAll);
  return (
    <QueryView query={results} rows={6}>
      {(r) => {
        const stats: [string, number][] = [
          ['requests', r.totals.requests],
          ['meetings', r.totals.meetings],
          ['fromDocking', r.totals.fromDocking],
          ['fromGaps', r.totals.fromGaps],
          ['signings', r.totals.signings],
          ['deals', r.totals.deals],
          ['gapsAddressed', r.totals.gapsAddressed],
        ];
        return (
          <Space direction="vertical" style={{ width: '100%' }} size={12} data-testid="conference-results">
            {!r.chain && <Alert type="info" showIcon title={t('conference.resultsNoChain')} />}
            <Row gutter={[12, 12]}>
              {stats.map(([k, v]) => (
                <Col key={k} xs={12} sm={8} md={6} lg={3}>
                  <Card size="small">
                    <Statistic
                      title={t(`conference.result_${k}` as 'conference.result_deals')}
                      value={k === 'gapsAddressed' ? `${v} / ${r.totals.gaps}` : v}
                      data-testid={`result-${k}`}
                    />
                  </Card>
                </Col>
              ))}
            </Row>
            <Table
              rowKey="nodeId"
              size="small"
              dataSource={r.gaps}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              data-testid="results-gaps"
              columns={[
                {
                  title: t('conference.gapNode'),
                  key: 'node',
                  width: 260,
                  render: (_: unknown, g: (typeof r.gaps)[number]) => <GapTag gap={g} />,
                },
                { title: t('conference.result_requests'), dataIndex: 'requests', width: 90 },
                { title: t('conference.result_meetings'), dataIndex: 'meetings', width: 90 },
                { title: t('conference.result_scheduled'), dataIndex: 'scheduled', width: 90 },
                { title: t('conference.result_signings'), dataIndex: 'signings', width: 90 },
                { title: t('conference.result_deals'), dataIndex: 'deals', width: 90 },
                { title: t('conference.result_suggested'), dataIndex: 'suggested', width: 90 },
                {
                  title: t('conference.result_pairs'),
                  key: 'pairs',
                  render: (_: unknown, g: (typeof r.gaps)[number]) =>
                    g.pairs.length === 0
                      ? t('common.none')
                      : g.pairs.map((p) => (
                          <div key={p.requestId} style={{ fontSize: 12 }}>
                            {p.a} × {p.b} · {t(`conference.status_${p.status}` as 'conference.status_pending')}
                          </div>
                        )),
                },
              ]}
            />
          </Space>
        );
      }}
    </QueryView>
  );
}
