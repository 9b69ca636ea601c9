/**
 * On an investment project's page: one click runs the site search with the project's space need
 * (area, floor load, chain), and the units shortlisted from it come back here.
 */
import { Button, Card, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { fmtNumber } from '../../app/format';
import { useShortlistOf, useShortlistRemove } from './api';

export function ProjectSpacePanel({
  projectId,
  canEdit,
  hasArea,
  landMu,
}: {
  projectId: number;
  canEdit: boolean;
  hasArea: boolean;
  landMu: number | null;
}) {
  const { t, i18n } = useTranslation();
  const list = useShortlistOf(projectId);
  const remove = useShortlistRemove(projectId);
  const items = list.data?.items ?? [];
  return (
    <Card
      size="small"
      title={t('space.projectPanel', { n: items.length })}
      style={{ marginBottom: 12 }}
      data-testid="project-space"
      extra={
        hasArea ? (
          <Link to={`/space/search?project=${projectId}`} data-testid="project-site-search">
            {t('space.runFromProject')}
          </Link>
        ) : (
          <Typography.Text type="secondary">{t('space.projectNoArea')}</Typography.Text>
        )
      }
    >
      {landMu !== null && landMu > 0 && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
          {t('space.projectLand', { mu: landMu })}
        </Typography.Paragraph>
      )}
      <List
        size="small"
        loading={list.isPending}
        locale={{ emptyText: t('space.shortlistEmpty') }}
        dataSource={items}
        renderItem={(s) => (
          <List.Item
            data-testid={`shortlisted-${s.unitId}`}
            actions={
              canEdit
                ? [
                    <Button
                      key="rm"
                      size="small"
                      type="link"
                      loading={remove.isPending && remove.variables === s.unitId}
                      onClick={() => remove.mutate(s.unitId)}
                    >
                      {t('space.shortlistRemove')}
                    </Button>,
                  ]
                : []
            }
          >
            {s.parkName} · {s.buildingName} · F{s.floorNo} · {s.unitCode}
            {s.areaM2 !== null && ` · ${fmtNumber(s.areaM2, 0, i18n.language)} m²`}
          </List.Item>
        )}
      />
    </Card>
  );
}
