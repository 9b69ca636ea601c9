/**
 * Upload a spreadsheet of participants or meeting requests (all rows or none), with the template
 * beside it in the current language. A refused file opens the main import's report table: sheet,
 * row, column, header, value and reason of every problem.
 */
import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Modal, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, upload } from '../../client/client';
import type { ImportProblem } from '../../client/types';
import { DownloadButton } from '../../components/DownloadButton';
import { ProblemsTable } from '../import/ProblemsTable';
import { conferencePath, type TConference } from './api';
import { useErrorText } from './shared';

export function SheetImport({ conf, what }: { conf: TConference; what: 'participants' | 'requests' }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<{ file: string; report: ImportProblem[] } | null>(null);
  const send = async (file: File) => {
    setBusy(true);
    const form = new FormData();
    form.append('file', file);
    try {
      const r = await upload<{ imported: number }>(`${conferencePath(conf.eventId)}/${what}/import`, form);
      void message.success(
        t(what === 'requests' ? 'conference.importedRequests' : 'conference.imported', { count: r.imported }),
      );
      await qc.invalidateQueries({ queryKey: ['conference', conf.eventId] });
    } catch (e) {
      const report = e instanceof ApiError ? (e.problem as { report?: ImportProblem[] }).report : undefined;
      if (report?.length) setRefused({ file: file.name, report });
      else void message.error({ content: errorText(e), duration: 10 });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Upload
        accept=".xlsx,.csv"
        showUploadList={false}
        beforeUpload={(file) => {
          void send(file);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={busy} data-testid={`import-${what}`}>
          {t('conference.import')}
        </Button>
      </Upload>
      <DownloadButton
        path={`${conferencePath(conf.eventId)}/${what}/template.xlsx`}
        params={{ lang: i18n.language === 'en-US' ? 'en' : 'zh' }}
        fileName={`${what}.xlsx`}
        type="link"
      >
        {t('conference.template')}
      </DownloadButton>
      <Modal
        open={refused !== null}
        title={t('conference.importRefused', { file: refused?.file ?? '' })}
        onCancel={() => setRefused(null)}
        footer={
          <Button type="primary" onClick={() => setRefused(null)}>
            {t('conference.close')}
          </Button>
        }
        width={1000}
        destroyOnHidden
      >
        <div data-testid={`import-${what}-report`}>
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('conference.importRefusedBody', { count: refused?.report.length ?? 0 })}
          />
          {refused && <ProblemsTable problems={refused.report} sheets={[]} inUrl={false} />}
        </div>
      </Modal>
    </>
  );
}
