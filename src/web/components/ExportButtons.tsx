import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fmtNumber } from '../app/format';
import { ApiError, download, type QueryParams } from '../client/client';
import type { ImportKind } from '../client/types';

type Format = 'xlsx' | 'csv';

/** The list parameters that select rows (not the page of them), for an export of the whole view. */
export function exportParams(params: QueryParams): QueryParams {
  const { limit: _limit, offset: _offset, ...rest } = params;
  return rest;
}

/**
 * "Excel | CSV" buttons that export what the list shows — its filters and sort, every page —
 * in the current language's headers, in the same layout the importer reads back.
 */
export function ExportButtons({ kind, params, total }: { kind: ImportKind; params: QueryParams; total?: number }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<Format | null>(null);
  const lang = i18n.language === 'en-US' ? 'en' : 'zh';

  const run = async (format: Format) => {
    setBusy(format);
    try {
      const name = await download(
        `/export/${kind}`,
        { ...exportParams(params), format, lang },
        `parklink-${kind}.${format}`,
      );
      void message.success(t('export.done', { name }));
    } catch (e) {
      const detail =
        e instanceof ApiError && e.status === 0 ? t('common.networkError') : e instanceof Error ? e.message : String(e);
      void message.error(t('export.failed', { detail }));
    } finally {
      setBusy(null);
    }
  };

  const tip =
    total === undefined
      ? t('export.tip')
      : t('export.tipCount', { count: total, n: fmtNumber(total, 0, i18n.language) });
  return (
    <Tooltip title={tip} placement="bottomRight">
      <Space.Compact>
        <Button
          icon={<DownloadOutlined />}
          loading={busy === 'xlsx'}
          disabled={busy !== null || total === 0}
          onClick={() => void run('xlsx')}
          data-testid="export-xlsx"
        >
          {t('export.xlsx')}
        </Button>
        <Button
          loading={busy === 'csv'}
          disabled={busy !== null || total === 0}
          onClick={() => void run('csv')}
          data-testid="export-csv"
        >
          CSV
        </Button>
      </Space.Compact>
    </Tooltip>
  );
}
