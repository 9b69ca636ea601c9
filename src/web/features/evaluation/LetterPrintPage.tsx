/**
 * /print/evaluation/runs/:runId/firms/:enterpriseId — a firm's evaluation letter for the browser's print
 * dialog (print or save as PDF): class, score, each indicator with value, benchmark and points, the
 * rule set and its source, the class's differentiated policies, the firm's history.
 */
import { FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Progress, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { fmtFixed, parseIntParam } from '../../app/format';
import { api, download } from '../../client/client';
import { awaitJob, jobPercent, type TJob } from '../../client/jobs';
import { ErrorState, QueryView } from '../../components/states';
import { SyntheticBadge } from '../../components/tags';
import { type TLetterPdf, useLetter } from './api';

/** Asks the server for the letter as PDF (a job), follows its progress and downloads the file. */
function PdfButton({ runId, enterpriseId, lang }: { runId: number; enterpriseId: number; lang: 'zh' | 'en' }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [job, setJob] = useState<TJob | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const job0 = await api.postAsync<TJob>(`/evaluation/runs/${runId}/firms/${enterpriseId}/letter`, { lang });
      const f = await awaitJob<TLetterPdf>(job0, setJob);
      const name = await download(f.url.replace(/^\/api\/v1/, ''), {}, f.filename);
      void message.success(t('export.done', { name }));
    } catch (e) {
      void message.error(t('export.failed', { detail: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
      setJob(null);
    }
  };
  return (
    <Space>
      <Button icon={<FilePdfOutlined />} loading={busy} onClick={() => void run()} data-testid="evaluation-letter-pdf">
        {t('evaluation.letterPdf')}
      </Button>
      {job && <Progress style={{ width: 120 }} percent={jobPercent(job) ?? 0} size="small" />}
    </Space>
  );
}

export default function LetterPrintPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('zh') ? 'zh' : 'en';
  const params = useParams();
  const runId = parseIntParam(params.runId);
  const enterpriseId = parseIntParam(params.enterpriseId);
  const letter = useLetter(runId ?? 0, enterpriseId ?? 0);
  // Units as the reader writes them: tce and MWh in Chinese words (the rule sets keep the symbols).
  const unit = (u: string) => (lang === 'zh' ? u.replace('tce', '吨标准煤').replace('MWh', '兆瓦时') : u);
  if (runId === undefined || enterpriseId === undefined) return <ErrorState error={new Error('bad id')} />;
  return (
    <div style={{ maxWidth: 900, margin: '0 auto', padding: 24 }} data-testid="evaluation-letter">
      <style>{'@media print { .no-print { display: none } }'}</style>
      <Space className="no-print" style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('evaluation.print')}
        </Button>
        {letter.data && !letter.data.result.redacted?.length && letter.data.result.class !== null && (
          <PdfButton runId={runId} enterpriseId={enterpriseId} lang={lang} />
        )}
      </Space>
      <QueryView query={letter}>
        {(l) => {
          const r = l.result;
          return (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Title level={3}>
                {t('evaluation.letter')} · {r.name} <SyntheticBadge synthetic={r.synthetic} />
              </Typography.Title>
              {l.ruleSet.assumption && <Alert type="warning" message={t('evaluation.assumption')} />}
              <Descriptions size="small" column={2} bordered>
                <Descriptions.Item label={t('evaluation.ruleSet')}>
                  {lang === 'zh' ? l.ruleSet.name : (l.ruleSet.nameEn ?? l.ruleSet.name)} v{l.ruleSet.version}
                </Descriptions.Item>
                <Descriptions.Item label={t('evaluation.year')}>{l.run.year}</Descriptions.Item>
                <Descriptions.Item label={t('evaluation.class')}>
                  {r.class === null ? (
                    <Tag>{t('evaluation.withheld')}</Tag>
                  ) : (
                    <Tag data-testid="letter-class">{r.class}</Tag>
                  )}
                </Descriptions.Item>
                <Descriptions.Item label={t('evaluation.score')}>
                  {r.score === null ? '—' : fmtFixed(r.score, 2, i18n.language)}{' '}
                  {r.rank !== null && `(${r.rank}/${r.groupSize})`}
                </Descriptions.Item>
                <Descriptions.Item label={t('evaluation.source')} span={2}>
                  {l.ruleSet.source.title}
                  {l.ruleSet.source.publisher ? ` · ${l.ruleSet.source.publisher}` : ''}
                </Descriptions.Item>
              </Descriptions>
              {r.notAssessedReason && (
                <Alert type="info" message={`${t('evaluation.notAssessed')}: ${r.notAssessedReason[lang]}`} />
              )}
              {r.indicators && (
                <Table
                  size="small"
                  rowKey="code"
                  pagination={false}
                  dataSource={r.indicators}
                  columns={[
                    { title: t('evaluation.indicator'), render: (_, x) => x.label[lang] },
                    {
                      title: t('evaluation.value'),
                      render: (_, x) =>
                        x.value === null
                          ? x.missing === 'average'
                            ? t('evaluation.missingAverage')
                            : t('evaluation.missingZero')
                          : `${fmtFixed(x.value, 2, i18n.language)} ${unit(x.unit)}`,
                    },
                    {
                      title: t('evaluation.benchmark'),
                      render: (_, x) =>
                        x.benchmark === null ? '—' : `${fmtFixed(x.benchmark, 2, i18n.language)} ${unit(x.unit)}`,
                    },
                    { title: t('evaluation.weight'), dataIndex: 'weight' },
                    {
                      title: t('evaluation.contribution'),
                      render: (_, x) => (x.contribution === null ? '—' : fmtFixed(x.contribution, 2, i18n.language)),
                    },
                  ]}
                />
              )}
              {r.adjustments && r.adjustments.length > 0 && (
                <Typography.Paragraph>
                  {t('evaluation.adjustments')}:{' '}
                  {r.adjustments.map((a) => `${a.label[lang]}`).join(lang === 'zh' ? '；' : '; ')}
                </Typography.Paragraph>
              )}
              {l.policies && l.policies.length > 0 && (
                <>
                  <Typography.Title level={5}>{t('evaluation.policies')}</Typography.Title>
                  <ul>
                    {l.policies.map((p) => (
                      <li key={p.zh}>{p[lang]}</li>
                    ))}
                  </ul>
                </>
              )}
              <Typography.Title level={5}>{t('evaluation.history')}</Typography.Title>
              <ul>
                {l.history.map((h) => (
                  <li key={h.runId}>
                    {h.year} · v{h.ruleSetVersion} · {h.class ?? t('evaluation.withheld')}
                    {h.score !== null ? ` · ${fmtFixed(h.score, 1, i18n.language)}` : ''}
                  </li>
                ))}
              </ul>
              {l.ruleSet.notes.map((n) => (
                <Typography.Paragraph key={n.zh} type="secondary" style={{ fontSize: 12 }}>
                  {n[lang]}
                </Typography.Paragraph>
              ))}
            </Space>
          );
        }}
      </QueryView>
    </div>
  );
}
