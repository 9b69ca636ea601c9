/**
 * Upload of a template file: the server checks it and answers with every problem (sheet, row,
 * column) and the difference from the current version; only a clean file can be published.
 */
import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Input, Modal, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemCode, problemText } from '../../app/problems';
import { ApiError } from '../../client/client';
import { ProblemsTable } from '../import/ProblemsTable';
import { type UploadReport, useUploadTemplate } from './api';
import { DiffSummary } from './DiffSummary';

export function UploadModal({ code, name, onClose }: { code: string; name: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const upload = useUploadTemplate(code);
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<UploadReport | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);

  const check = async (f: File) => {
    setFile(f);
    setReport(null);
    setError(null);
    try {
      setReport(await upload.mutateAsync({ file: f }));
    } catch (e) {
      setError(e);
    }
  };
  const publish = async () => {
    if (!file || !report) return;
    setError(null);
    try {
      const out = await upload.mutateAsync({ file, publish: true, baseVersion: report.currentVersion, note });
      void message.success(t('chainAdmin.published', { version: out.published }));
      onClose();
    } catch (e) {
      setError(e);
    }
  };
  const stale = problemCode(error) === 'stale_version';
  const staleVersion =
    error instanceof ApiError ? (error.problem as { current?: { version?: number } }).current?.version : undefined;
  const errors = report?.problems.filter((p) => p.severity === 'error').length ?? 0;

  return (
    <Modal
      open
      width={960}
      title={t('chainAdmin.uploadTitle', { name })}
      onCancel={onClose}
      footer={
        <Flex gap={8} justify="flex-end">
          <Input
            style={{ maxWidth: 360 }}
            placeholder={t('chainAdmin.publishNote')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            disabled={!report || errors > 0}
            aria-label={t('chainAdmin.publishNote')}
          />
          <Button
            type="primary"
            disabled={!report || errors > 0 || stale}
            loading={upload.isPending && Boolean(report)}
            onClick={() => void publish()}
            data-testid="upload-publish"
          >
            {t('chainAdmin.publish')}
          </Button>
        </Flex>
      }
      data-testid="upload-modal"
    >
      <Typography.Paragraph type="secondary">{t('chainAdmin.uploadHint')}</Typography.Paragraph>
      <Upload
        accept=".json,.xlsx"
        maxCount={1}
        showUploadList={false}
        beforeUpload={(f) => {
          void check(f);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={upload.isPending && !report} data-testid="upload-choose">
          {file ? file.name : t('chainAdmin.chooseFile')}
        </Button>
      </Upload>
      {error != null && (
        <Alert
          style={{ marginTop: 12 }}
          type="error"
          showIcon
          data-testid="upload-error"
          title={
            stale
              ? t('chainAdmin.stale', { version: staleVersion ?? '?' })
              : problemText(error, i18n.language, t('common.networkError'))
          }
        />
      )}
      {report && (
        <div style={{ marginTop: 12 }}>
          <Alert
            type={errors ? 'error' : 'success'}
            showIcon
            data-testid="upload-result"
            title={
              errors
                ? t('chainAdmin.problemsFound', { count: errors })
                : t('chainAdmin.noProblems', { next: report.currentVersion + 1 })
            }
          />
          {errors > 0 && (
            <div style={{ marginTop: 12 }}>
              <ProblemsTable problems={report.problems} sheets={[...new Set(report.problems.map((p) => p.sheet))]} />
            </div>
          )}
          {report.diff && (
            <div style={{ marginTop: 12 }}>
              <Typography.Title level={5}>{t('chainAdmin.diffTitle')}</Typography.Title>
              <DiffSummary diff={report.diff} code={code} template={report.template} />
            </div>
          )}
        </div>
      )}
    </Modal>
  );
}
