/**
 * "History" of one record for administrators: every change to it, who made it, when, from where
 * and what changed (old → new). Hidden from everyone else. Open state lives in the URL (?history=1).
 */
import { HistoryOutlined } from '@ant-design/icons';
import { Button, Drawer, Flex, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { fmtDateTime } from '../../app/format';
import { usePermissions } from '../../app/permissions';
import { useUrlState } from '../../app/useUrlState';
import { useAudit } from '../../client/auth';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { ActionTag, ChangeList, ViaTag } from './audit';

export function HistoryButton({ entity, entityId }: { entity: string; entityId: number }) {
  const { t, i18n } = useTranslation();
  const { isAdmin } = usePermissions();
  const { get, set } = useUrlState();
  const open = isAdmin && get('history') === '1';
  const audit = useAudit({ entity, entityId: String(entityId), limit: 200 }, open);
  if (!isAdmin) return null;
  const items = audit.data?.items ?? [];
  return (
    <>
      <Button
        icon={<HistoryOutlined />}
        onClick={() => set({ history: '1' }, { replace: true })}
        data-testid="history-button"
      >
        {t('audit.history')}
      </Button>
      <Drawer
        open={open}
        onClose={() => set({ history: undefined }, { replace: true })}
        size={600}
        title={t('audit.history')}
        extra={
          <Link to={`/admin/audit?entity=${encodeURIComponent(entity)}&entityId=${entityId}`}>
            {t('audit.openInLog')}
          </Link>
        }
        data-testid="history"
      >
        {audit.isPending ? (
          <Loading rows={6} />
        ) : audit.isError ? (
          <ErrorState error={audit.error} onRetry={() => void audit.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState description={t('audit.noHistory')} />
        ) : (
          <Timeline
            items={items.map((e) => ({
              key: e.id,
              color: e.action === 'create' ? 'green' : e.action === 'delete' ? 'red' : 'blue',
              content: (
                <div data-testid="history-entry">
                  <Flex gap={8} align="center" wrap>
                    <ActionTag action={e.action} />
                    <Typography.Text strong>{e.actor ?? t('audit.system')}</Typography.Text>
                    <ViaTag via={e.via} />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {fmtDateTime(e.at, i18n.language, true)}
                      {e.ip ? ` · ${e.ip}` : ''}
                    </Typography.Text>
                  </Flex>
                  <div style={{ marginTop: 4 }}>
                    <ChangeList entry={e} max={12} />
                  </div>
                </div>
              ),
            }))}
          />
        )}
      </Drawer>
    </>
  );
}
