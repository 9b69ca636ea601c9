/**
 * Upload a spreadsheet of participants or meeting requests (all rows or none: the server names every
 * bad row and column), with the template beside it in the current language.
 */
import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { upload } from '../../client/client';
import { DownloadButton } from '../../components/DownloadButton';
import { conferencePath, type TConference } from './api';
import { useErrorText } from './shared';

export function SheetImport({ conf, what }: { conf: TConference; what: 'participants' | 'requests' }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
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
      void message.error({ content: errorText(e), duration: 10 });
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
    </>
  );
}
