/** An uploaded import: its check report, the choice of how to commit it, and the result. */
import { CheckCircleOutlined, CloseCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Flex, Popconfirm, Result, Row, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { fmtNumber } from '../../app/format';
import { ApiError } from '../../client/client';
import type { TJob } from '../../client/jobs';
import { useCommitImport } from '../../client/queries';
import type { ImportKind, ImportRecord, ImportSheetSummary } from '../../client/types';
import { DownloadButton } from '../../components/DownloadButton';
import { JobProgress } from './JobProgress';
import { kindName } from './kinds';
import { ProblemsTable } from './ProblemsTable';

const LIST_OF: Partial<Record<ImportKind, { path: string; key: 'nav.parks' | 'nav.buildings' | 'nav.enterprises' }>> = {
  parks: { path: '/parks', key: 'nav.parks' },
  buildings: { path: '/buildings', key: 'nav.buildings' },
  enterprises: { path: '/enterprises', key: 'nav.enterprises' },
};

function SheetsTable({ sheets }: { sheets: ImportSheetSummary[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const en = lang === 'en-US';
  const n = (v: number) => fmtNumber(v, 0, lang);
  const num = (key: 'rows' | 'created' | 'updated' | 'unchanged' | 'rejected', color?: string) => ({
    title: t(`importer.${key}`),
    dataIndex: key,
    key,
    width: 90,
    align: 'right' as const,
    render: (v: number) => (v > 0 && color ? <span style={{ color, fontWeight: 600 }}>{n(v)}</span> : n(v)),
  });
  const columns: ColumnsType<ImportSheetSummary> = [
    { title: t('importer.sheet'), dataIndex: 'sheet', key: 'sheet', ellipsis: true },
    {
      title: t('importer.sheetKind'),
      dataIndex: 'kind',
      key: 'kind',
      width: 130,
      render: (k: ImportKind) => kindName(k, en),
    },
    num('rows'),
    num('created', '#389e0d'),
    num('updated', '#1677ff'),
    num('unchanged'),
    num('rejected', '#cf1322'),
    {
      title: t('importer.ignoredColumns'),
      dataIndex: 'ignoredColumns',
      key: 'ignoredColumns',
      render: (v: string[]) =>
        v.length ? (
          <Flex wrap gap={4}>
            {v.map((c) => (
              <Tag key={c} style={{ marginInlineEnd: 0 }}>
                {c}
              </Tag>
            ))}
          </Flex>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <Table
      size="small"
      rowKey="sheet"
      columns={columns}
      dataSource={sheets}
      pagination={false}
      scroll={{ x: 820 }}
      data-testid="import-sheets"
    />
  );
}

function CommitPanel({ rec, onDiscard }: { rec: ImportRecord; onDiscard: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [job, setJob] = useState<TJob | null>(null);
  const commit = useCommitImport(rec.id, setJob);
  const lang = i18n.language;
  const n = (v: number) => fmtNumber(v, 0, lang);
  const { totals } = rec.report;
  const writes = totals.created + totals.updated;
  const valid = totals.rows - totals.rejected;
  const validWrites = writes; // the preview counts creates and updates of valid rows only
  const hasErrors = totals.errors > 0;
  const allBlocked = hasErrors || writes === 0;

  const run = (mode: 'all' | 'valid') => {
    setJob(null);
    commit.mutate(mode, {
      onError: (e) => {
        if (e instanceof ApiError && e.status === 409) void message.warning(t('importer.alreadyCommitted'));
        else void message.error(t('importer.commitFailed', { detail: e.message }));
      },
    });
  };

  return (
    <Card size="small" title={t('importer.step4')} style={{ marginBottom: 16 }} data-testid="import-commit">
      {commit.isPending && (
        <div style={{ marginBottom: 12 }}>
          <JobProgress job={job} fallback={t('importer.validating')} />
        </div>
      )}
      <Row gutter={[16, 12]}>
        <Col xs={24} lg={12}>
          <Space orientation="vertical" size={8} style={{ width: '100%' }}>
            <Button
              type="primary"
              icon={<CheckCircleOutlined />}
              disabled={allBlocked || commit.isPending}
              loading={commit.isPending && commit.variables === 'all'}
              onClick={() => run('all')}
              data-testid="commit-all"
            >
              {t('importer.commitAll')}
            </Button>
            {hasErrors ? (
              <Alert
                type="warning"
                showIcon
                title={t('importer.commitAllBlocked', { errors: n(totals.errors) })}
                data-testid="commit-all-blocked"
              />
            ) : writes === 0 ? (
              <Alert type="info" showIcon title={t('importer.commitNothing')} data-testid="commit-nothing" />
            ) : (
              <Typography.Text type="secondary">{t('importer.commitAllHelp', { count: n(writes) })}</Typography.Text>
            )}
          </Space>
        </Col>
        {hasErrors && (
          <Col xs={24} lg={12}>
            <Space orientation="vertical" size={8} style={{ width: '100%' }}>
              <Space wrap>
                <Popconfirm
                  title={t('importer.commitValidConfirm')}
                  description={t('importer.commitValidConfirmBody', { valid: n(valid), rejected: n(totals.rejected) })}
                  onConfirm={() => run('valid')}
                  okText={t('importer.commitValid')}
                  cancelText={t('common.cancel')}
                  disabled={validWrites === 0}
                >
                  <Button
                    icon={<WarningOutlined />}
                    disabled={validWrites === 0 || commit.isPending}
                    loading={commit.isPending && commit.variables === 'valid'}
                    data-testid="commit-valid"
                  >
                    {t('importer.commitValid')}
                  </Button>
                </Popconfirm>
                <DownloadButton
                  path={`/imports/${rec.id}/rejected.xlsx`}
                  fileName={`parklink-rejected-${rec.id}.xlsx`}
                  testId="download-rejected"
                  type="link"
                >
                  {t('importer.downloadRejected')}
                </DownloadButton>
              </Space>
              <Typography.Text type="secondary">
                {validWrites === 0
                  ? t('importer.noValidRows')
                  : t('importer.commitValidHelp', { valid: n(valid), rejected: n(totals.rejected) })}
              </Typography.Text>
            </Space>
          </Col>
        )}
      </Row>
      <div style={{ marginTop: 12, borderTop: '1px solid #f0f0f0', paddingTop: 8 }}>
        <Button type="link" danger style={{ paddingInline: 0 }} onClick={onDiscard} data-testid="import-discard">
          {t('importer.discard')}
        </Button>
      </div>
    </Card>
  );
}

function ResultPanel({ rec, onAgain }: { rec: ImportRecord; onAgain: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const n = (v: number) => fmtNumber(v, 0, lang);
  const { totals, sheets } = rec.report;
  const ok = rec.status === 'committed';
  const partial = ok && totals.rejected > 0;
  const lists = [...new Set(sheets.map((s) => s.kind))].flatMap((k) => {
    const l = LIST_OF[k];
    return l ? [l] : [];
  });
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <Result
        status={!ok ? 'error' : partial ? 'warning' : 'success'}
        icon={!ok ? <CloseCircleOutlined /> : undefined}
        title={
          !ok
            ? t('importer.resultRejected')
            : partial
              ? t('importer.resultPartial', { rejected: n(totals.rejected) })
              : t('importer.resultOk')
        }
        subTitle={
          ok
            ? t('importer.resultOkBody', {
                created: n(totals.created),
                updated: n(totals.updated),
                unchanged: n(totals.unchanged),
              })
            : t('importer.resultRejectedBody', { errors: n(totals.errors) })
        }
        extra={
          <Space wrap style={{ justifyContent: 'center' }}>
            <Button type="primary" onClick={onAgain} data-testid="import-again">
              {t('importer.newImport')}
            </Button>
            {ok &&
              lists.map((l) => (
                <Link key={l.path} to={l.path}>
                  <Button>{t('importer.viewList', { what: t(l.key) })}</Button>
                </Link>
              ))}
            {totals.rejected > 0 && (
              <DownloadButton
                path={`/imports/${rec.id}/rejected.xlsx`}
                fileName={`parklink-rejected-${rec.id}.xlsx`}
                testId="download-rejected"
              >
                {t('importer.downloadRejected')}
              </DownloadButton>
            )}
          </Space>
        }
        data-testid="import-result"
        style={{ padding: '16px 24px' }}
      />
    </Card>
  );
}

export function ImportReview({ rec, onReset }: { rec: ImportRecord; onReset: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const n = (v: number) => fmtNumber(v, 0, lang);
  const { report } = rec;
  const { totals } = report;
  const done = rec.status !== 'validated';
  const clean = totals.errors === 0;

  return (
    <>
      {done && <ResultPanel rec={rec} onAgain={onReset} />}
      <Card
        size="small"
        title={done ? t('importer.details') : t('importer.step3')}
        extra={
          <Typography.Text type="secondary" ellipsis style={{ maxWidth: 520 }}>
            {t('importer.file')}: {report.fileName}
            {report.encoding ? ` · ${t('importer.encoding')}: ${report.encoding}` : ''}
          </Typography.Text>
        }
        style={{ marginBottom: 16 }}
      >
        {!done && (
          <Alert
            type={clean ? (totals.warnings ? 'warning' : 'success') : 'error'}
            showIcon
            style={{ marginBottom: 12 }}
            title={
              clean
                ? t('importer.summaryOk', { rows: n(totals.rows) })
                : t('importer.summaryBad', { rows: n(totals.rows), rejected: n(totals.rejected) })
            }
            description={
              <>
                {t('importer.summaryCounts', {
                  created: n(totals.created),
                  updated: n(totals.updated),
                  unchanged: n(totals.unchanged),
                })}{' '}
                {t('importer.summaryProblems', { errors: n(totals.errors), warnings: n(totals.warnings) })}{' '}
                <b>{t('importer.nothingWritten')}</b>
              </>
            }
            data-testid="import-summary"
          />
        )}
        <SheetsTable sheets={report.sheets} />
      </Card>
      {!done && <CommitPanel rec={rec} onDiscard={onReset} />}
      {(!done || report.problems.length > 0) && (
        <Card
          size="small"
          title={
            <span>
              {t('importer.problems')}{' '}
              <Typography.Text type="secondary" style={{ fontWeight: 400 }}>
                {t('importer.problemsCount', { count: report.problems.length })}
              </Typography.Text>
            </span>
          }
        >
          <ProblemsTable problems={report.problems} sheets={report.sheets.map((s) => s.sheet)} />
        </Card>
      )}
    </>
  );
}
