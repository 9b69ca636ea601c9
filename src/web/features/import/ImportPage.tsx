/**
 * Import from Excel / CSV: choose the kind, get a template, upload; the server checks every row
 * (a dry run, nothing written) and the officer then imports all or nothing, or only the valid rows.
 * The import's id lives in the URL, so a report survives a reload and can be shared.
 */
import { DatabaseOutlined, InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Collapse,
  Flex,
  Progress,
  Row,
  Select,
  Space,
  Steps,
  Table,
  Tabs,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseIntParam } from '../../app/format';
import { usePermissions } from '../../app/permissions';
import { useUrlState } from '../../app/useUrlState';
import { ApiError } from '../../client/client';
import type { TJob } from '../../client/jobs';
import { useImport, useUploadImport } from '../../client/queries';
import type { ImportKind, ProblemFieldError } from '../../client/types';
import { DownloadButton } from '../../components/DownloadButton';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, Forbidden, Loading } from '../../components/states';
import { ImportReview } from './ImportReview';
import { JobProgress } from './JobProgress';
import { IMPORT_KINDS, isKindChoice, KINDS, type KindChoice, kindName } from './kinds';

const MAX_BYTES = 50 * 1024 * 1024;

function ColumnsHelp({ kind }: { kind: ImportKind }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  return (
    <Table
      size="small"
      rowKey="field"
      pagination={false}
      scroll={{ y: 260 }}
      dataSource={KINDS[kind].columns}
      columns={[
        {
          title: t('importer.colHeader'),
          dataIndex: 'zh',
          key: 'zh',
          width: 190,
          render: (v: string, c) => (
            <span style={{ fontWeight: c.required ? 600 : undefined }}>
              {v}
              {c.required && <span style={{ color: '#cf1322' }}> *</span>}
            </span>
          ),
        },
        { title: t('importer.colHeaderEn'), dataIndex: 'en', key: 'en', width: 190 },
        {
          title: t('importer.colNote'),
          dataIndex: 'note',
          key: 'note',
          render: (v: { zh: string; en: string }) => (en ? v.en : v.zh),
        },
      ]}
    />
  );
}

function uploadErrorText(e: unknown, en: boolean, t: (k: 'common.networkError') => string): string {
  if (e instanceof ApiError) {
    if (e.status === 0) return t('common.networkError');
    const fieldErrors: ProblemFieldError[] = e.problem.errors ?? [];
    const texts = fieldErrors.map((fe) =>
      typeof fe.message === 'string' ? fe.message : en ? fe.message.en : fe.message.zh,
    );
    if (texts.length) return texts.join('; ');
    return e.problem.detail ?? e.problem.title ?? e.message;
  }
  return e instanceof Error ? e.message : String(e);
}

function Start({ kind, onKind }: { kind: KindChoice; onKind: (k: KindChoice) => void }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  const { set } = useUrlState();
  const [progress, setProgress] = useState(0);
  const [localError, setLocalError] = useState<string | null>(null);
  const [job, setJob] = useState<TJob | null>(null);
  const uploadMut = useUploadImport(setProgress, setJob);

  const start = (file: File) => {
    setLocalError(null);
    const name = file.name.toLowerCase();
    if (!name.endsWith('.xlsx') && !name.endsWith('.csv')) return setLocalError(t('importer.wrongType'));
    if (file.size > MAX_BYTES) return setLocalError(t('importer.tooLarge'));
    // A CSV holds one table and no sheet name to tell its kind by.
    if (name.endsWith('.csv') && kind === 'all') return setLocalError(t('importer.csvNeedsKind'));
    setProgress(0);
    setJob(null);
    uploadMut.mutate(
      { file, kind: kind === 'all' ? undefined : kind },
      { onSuccess: (rec) => set({ id: rec.id, severity: undefined, sheet: undefined }) },
    );
  };

  const busy = uploadMut.isPending;
  const sheetName = kind === 'all' ? '' : kindName(kind, en);
  return (
    <Card size="small" title={t('importer.step1')} style={{ marginBottom: 16 }}>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 8 }}>
        <Select<KindChoice>
          value={kind}
          onChange={onKind}
          prefix={<span style={{ color: '#6b7280' }}>{t('importer.kind')}</span>}
          style={{ width: 320 }}
          disabled={busy}
          options={[
            { value: 'all', label: t('importer.kindAll') },
            ...IMPORT_KINDS.map((k) => ({ value: k, label: kindName(k, en) })),
          ]}
          data-testid="import-kind"
        />
        <Space.Compact>
          <DownloadButton
            path={`/import/templates/${kind}`}
            params={{ lang: 'zh' }}
            fileName={`parklink-template-${kind}.xlsx`}
            testId="template-zh"
          >
            {t('importer.templateZh')}
          </DownloadButton>
          <DownloadButton
            path={`/import/templates/${kind}`}
            params={{ lang: 'en' }}
            fileName={`parklink-template-${kind}.xlsx`}
            testId="template-en"
          >
            {t('importer.templateEn')}
          </DownloadButton>
        </Space.Compact>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {kind === 'all' ? t('importer.kindHelpAll') : t('importer.kindHelpOne', { sheet: sheetName })}{' '}
        {t('importer.templateHelp')}
      </Typography.Paragraph>
      <Collapse
        size="small"
        style={{ marginBottom: 12 }}
        items={[
          {
            key: 'columns',
            label: kind === 'all' ? t('importer.columns') : t('importer.columnsOf', { sheet: sheetName }),
            children:
              kind === 'all' ? (
                <Tabs
                  size="small"
                  items={IMPORT_KINDS.map((k) => ({
                    key: k,
                    label: kindName(k, en),
                    children: <ColumnsHelp kind={k} />,
                  }))}
                />
              ) : (
                <ColumnsHelp kind={kind} />
              ),
          },
        ]}
      />
      <Upload.Dragger
        accept=".xlsx,.csv"
        multiple={false}
        showUploadList={false}
        disabled={busy}
        beforeUpload={(file) => {
          start(file);
          return Upload.LIST_IGNORE;
        }}
        data-testid="import-upload"
      >
        {busy ? (
          <div style={{ padding: '8px 0' }} data-testid="import-busy">
            {progress < 1 ? (
              <>
                <Progress percent={Math.round(progress * 100)} style={{ maxWidth: 360 }} />
                <div>{t('importer.uploading', { percent: Math.round(progress * 100) })}</div>
              </>
            ) : (
              <JobProgress job={job} fallback={t('importer.validating')} />
            )}
          </div>
        ) : (
          <>
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('importer.dropTitle')}</p>
            <p className="ant-upload-hint">{t('importer.dropHint')}</p>
          </>
        )}
      </Upload.Dragger>
      {(localError || uploadMut.isError) && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          title={t('importer.uploadFailed')}
          description={localError ?? uploadErrorText(uploadMut.error, en, t)}
          data-testid="import-upload-error"
        />
      )}
    </Card>
  );
}

function DatasetCard() {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      title={
        <span>
          <DatabaseOutlined /> {t('importer.datasetTitle')}
        </span>
      }
    >
      <Typography.Paragraph type="secondary">{t('importer.datasetBody')}</Typography.Paragraph>
      <Space wrap>
        <DownloadButton
          path="/export/dataset"
          params={{ lang: 'zh' }}
          fileName="parklink-dataset.xlsx"
          type="primary"
          ghost
          testId="dataset-zh"
        >
          {t('importer.datasetZh')}
        </DownloadButton>
        <DownloadButton
          path="/export/dataset"
          params={{ lang: 'en' }}
          fileName="parklink-dataset.xlsx"
          testId="dataset-en"
        >
          {t('importer.datasetEn')}
        </DownloadButton>
      </Space>
    </Card>
  );
}

export default function ImportPage() {
  const perms = usePermissions();
  if (perms.mayImport) return <ImportView />;
  return perms.mayExportDataset ? <DatasetOnly /> : <Forbidden />;
}

/** Read-everything roles may export the dataset but not import. */
function DatasetOnly() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('importer.title')} subtitle={t('importer.subtitle')} />
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('importer.adminOnly')}
        data-testid="import-admin-only"
      />
      <Row gutter={16}>
        <Col xs={24} xl={10}>
          <DatasetCard />
        </Col>
      </Row>
    </>
  );
}

function ImportView() {
  const { t } = useTranslation();
  const { get, set, clear } = useUrlState();
  const id = parseIntParam(get('id'));
  const kindParam = get('kind');
  const kind: KindChoice = isKindChoice(kindParam) ? kindParam : 'all';
  const rec = useImport(id);
  const reset = () => clear(['kind']);

  const status = id === undefined ? undefined : rec.data?.status;
  const step = id === undefined ? 0 : status && status !== 'validated' ? 2 : 1;
  return (
    <>
      <PageHeader title={t('importer.title')} subtitle={t('importer.subtitle')} />
      <Steps
        size="small"
        current={step}
        status={status === 'committed' ? 'finish' : status === 'rejected' ? 'error' : 'process'}
        style={{ marginBottom: 16, maxWidth: 760 }}
        items={[{ title: t('importer.step2') }, { title: t('importer.step3') }, { title: t('importer.step4') }]}
      />
      {id === undefined ? (
        <Row gutter={16}>
          <Col xs={24} xl={16}>
            <Start kind={kind} onKind={(k) => set({ kind: k === 'all' ? undefined : k })} />
          </Col>
          <Col xs={24} xl={8}>
            <DatasetCard />
          </Col>
        </Row>
      ) : rec.isPending ? (
        <Card size="small">
          <Loading />
        </Card>
      ) : rec.isError ? (
        <Card size="small">
          <ErrorState error={rec.error} onRetry={() => void rec.refetch()} />
          <Flex justify="center">
            <Button onClick={reset}>{t('importer.newImport')}</Button>
          </Flex>
        </Card>
      ) : (
        <ImportReview rec={rec.data} onReset={reset} />
      )}
    </>
  );
}
