import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, type ButtonProps } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, download, type QueryParams } from '../client/client';

/** A button that downloads a file from the API, with a busy state and a readable error. */
export function DownloadButton({
  path,
  params,
  fileName,
  children,
  testId,
  ...button
}: {
  path: string;
  params?: QueryParams;
  fileName: string;
  children: ReactNode;
  testId?: string;
} & Omit<ButtonProps, 'onClick' | 'loading' | 'children'>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const name = await download(path, params, fileName);
      void message.success(t('export.done', { name }));
    } catch (e) {
      const detail =
        e instanceof ApiError && e.status === 0 ? t('common.networkError') : e instanceof Error ? e.message : String(e);
      void message.error(t('export.failed', { detail }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} {...button} loading={busy} onClick={() => void run()} data-testid={testId}>
      {children}
    </Button>
  );
}
