/**
 * The small spreadsheet imports' one component (orders at a hub, supply and demand postings, a
 * conference's participants and meeting requests): choose a file → commit it (all rows or none) → if refused, the row-level
 * report (sheet, row, column, header, value, reason in the reader's language) with the commit
 * button disabled until another file is chosen. The template in the reader's language sits beside.
 */
import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, upload } from '../client/client';
import type { ImportProblem } from '../client/types';
import { ProblemsTable } from '../features/import/ProblemsTable';
import { DownloadButton } from './DownloadButton';

export interface SpreadsheetImportProps {
  /** POST multipart here; answers { imported, …other counts } or 422 with `report`. */
  uploadPath: string;
  templatePath: string;
  templateFileName: string;
  /** data-testid of the button; the dialog's parts add -commit, -report, -choose-again. */
  testId: string;
  buttonLabel: string;
  templateLabel: string;
  refusedTitle: (file: string) => string;
  refusedBody: (count: number) => string;
  /** The success message; `result` is the whole answer (other counts, e.g. new matches). */
  imported: (count: number, result: Record<string, unknown>) => string;
  /** Reads a failure other than a report (defaults to the error's message). */
  errorText?: (e: unknown) => string;
  onImported?: () => unknown;
}

const ACCEPT = '.xlsx,.csv';

export function SpreadsheetImport(p: SpreadsheetImportProps) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportProblem[] | null>(null);
  const [busy, setBusy] = useState(false);
  const choose = (f: File) => {
    setFile(f);
    setReport(null);
    return false; // never let Upload send it: commit does
  };
  const close = () => {
    setFile(null);
    setReport(null);
  };
  const commit = async () => {
    if (!file) return;
    setBusy(true);
    const form = new FormData();
    form.append('file', file);
    try {
      const r = await upload<{ imported: number } & Record<string, unknown>>(p.uploadPath, form);
      void message.success(p.imported(r.imported, r));
      close();
      await p.onImported?.();
    } catch (e) {
      const rows = e instanceof ApiError ? (e.problem as { report?: ImportProblem[] }).report : undefined;
      if (rows?.length) setReport(rows);
      else
        void message.error({
          content: p.errorText ? p.errorText(e) : e instanceof Error ? e.message : String(e),
          duration: 10,
        });
    } finally {
      setBusy(false);
    }
  };
  const blocked = (report?.length ?? 0) > 0;
  return (
    <>
      <Upload accept={ACCEPT} showUploadList={false} beforeUpload={choose}>
        <Button icon={<UploadOutlined />} data-testid={p.testId}>
          {p.buttonLabel}
        </Button>
      </Upload>
      <DownloadButton
        path={p.templatePath}
        params={{ lang: i18n.language === 'en-US' ? 'en' : 'zh' }}
        fileName={p.templateFileName}
        type="link"
      >
        {p.templateLabel}
      </DownloadButton>
      <Modal
        open={file !== null}
        title={blocked && file ? p.refusedTitle(file.name) : p.buttonLabel}
        onCancel={close}
        width={blocked ? 1000 : 560}
        destroyOnHidden
        footer={
          <Space>
            <Upload accept={ACCEPT} showUploadList={false} beforeUpload={choose}>
              <Button data-testid={`${p.testId}-choose-again`}>{t('importer.sheetChooseAgain')}</Button>
            </Upload>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button
              type="primary"
              loading={busy}
              disabled={blocked}
              onClick={() => void commit()}
              data-testid={`${p.testId}-commit`}
            >
              {t('importer.sheetCommit')}
            </Button>
          </Space>
        }
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>{t('importer.sheetChosen', { file: file?.name ?? '' })}</Typography.Text>
          {blocked ? (
            <div data-testid={`${p.testId}-report`}>
              <Alert
                type="error"
                showIcon
                style={{ marginBottom: 12 }}
                title={p.refusedBody(report?.length ?? 0)}
                description={t('importer.sheetFixFirst')}
              />
              <ProblemsTable problems={report ?? []} sheets={[]} inUrl={false} />
            </div>
          ) : (
            <Typography.Text type="secondary">{t('importer.sheetAllOrNone')}</Typography.Text>
          )}
        </Space>
      </Modal>
    </>
  );
}
