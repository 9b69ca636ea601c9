/**
 * Upload a spreadsheet of orders (all rows or none), with the template beside it in the current
 * language. A refused file opens the import report table: row, column, header, value and reason.
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

export function OrdersImport({ hubId }: { hubId: number }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<{ file: string; report: ImportProblem[] } | null>(null);
  const send = async (file: File) => {
    setBusy(true);
    const form = new FormData();
    form.append('file', file);
    try {
      const r = await upload<{ imported: number }>(`/consolidation/hubs/${hubId}/orders/import`, form);
      void message.success(t('consolidation.imported', { count: r.imported }));
      await qc.invalidateQueries({ queryKey: ['consolidation', hubId] });
    } catch (e) {
      const report = e instanceof ApiError ? (e.problem as { report?: ImportProblem[] }).report : undefined;
      if (report?.length) setRefused({ file: file.name, report });
      else void message.error({ content: e instanceof Error ? e.message : String(e), duration: 10 });
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
        <Button icon={<UploadOutlined />} loading={busy} data-testid="import-orders">
          {t('consolidation.import')}
        </Button>
      </Upload>
      <DownloadButton
        path={`/consolidation/hubs/${hubId}/orders/template.xlsx`}
        params={{ lang: i18n.language === 'en-US' ? 'en' : 'zh' }}
        fileName="orders.xlsx"
        type="link"
      >
        {t('consolidation.template')}
      </DownloadButton>
      <Modal
        open={refused !== null}
        title={t('consolidation.importRefused', { file: refused?.file ?? '' })}
        onCancel={() => setRefused(null)}
        footer={
          <Button type="primary" onClick={() => setRefused(null)}>
            {t('consolidation.close')}
          </Button>
        }
        width={1000}
        destroyOnHidden
      >
        <div data-testid="import-orders-report">
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('consolidation.importRefusedBody', { count: refused?.report.length ?? 0 })}
          />
          {refused && <ProblemsTable problems={refused.report} sheets={[]} inUrl={false} />}
        </div>
      </Modal>
    </>
  );
}
