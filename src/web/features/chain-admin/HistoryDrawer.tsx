/** Version history of one template, newest first, each with who published it and what changed. */
import { Drawer, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { fmtDateTime } from '../../app/format';
import { DownloadButton } from '../../components/DownloadButton';
import { ErrorState, Loading } from '../../components/states';
import { useTemplateHistory } from './api';
import { DiffSummary } from './DiffSummary';

export function HistoryDrawer({
  code,
  name,
  onClose,
}: {
  code: string | undefined;
  name: string;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const history = useTemplateHistory(code);
  return (
    <Drawer
      open={Boolean(code)}
      onClose={onClose}
      size="large"
      title={t('chainAdmin.historyTitle', { name })}
      data-testid="history-drawer"
    >
      {history.isPending ? (
        <Loading />
      ) : history.isError ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} />
      ) : (
        <Timeline
          items={history.data.items.map((v) => ({
            key: v.version,
            children: (
              <div data-testid={`version-${v.version}`}>
                <Typography.Text strong>v{v.version}</Typography.Text>{' '}
                <Typography.Text type="secondary">
                  {fmtDateTime(v.publishedAt, i18n.language)} ·{' '}
                  {v.publishedBy === 'system' ? t('chainAdmin.system') : (v.publishedBy ?? '—')} ·{' '}
                  {t('chainAdmin.nodes')} {v.nodes} · {t('chainAdmin.edges')} {v.edges}
                </Typography.Text>{' '}
                <DownloadButton
                  size="small"
                  type="link"
                  path={`/chains/${code}/export.xlsx`}
                  params={{ version: v.version, lang: i18n.language === 'en-US' ? 'en' : 'zh' }}
                  fileName={`parklink-chain-${code}-v${v.version}.xlsx`}
                >
                  {t('chainAdmin.downloadExcel')}
                </DownloadButton>
                {v.note && (
                  <div>
                    <Typography.Text type="secondary">
                      {t('chainAdmin.note')}: {v.note}
                    </Typography.Text>
                  </div>
                )}
                <div style={{ marginTop: 4 }}>
                  <DiffSummary diff={v.diff} code={code} />
                </div>
              </div>
            ),
          }))}
        />
      )}
    </Drawer>
  );
}
