/** Chain templates: the list with sources and publishers, history, downloads, upload; and the leaders tab. */
import { AuditOutlined, EditOutlined, EyeOutlined, HistoryOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Space, Table, Tabs, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { fmtDateTime } from '../../app/format';
import { useLabels } from '../../app/labels';
import { usePermissions } from '../../app/permissions';
import { useUrlState } from '../../app/useUrlState';
import { DownloadButton } from '../../components/DownloadButton';
import { OriginalText } from '../../components/OriginalText';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState } from '../../components/states';
import { type TemplateSummary, useTemplateList } from './api';
import { withoutKeys } from './cite';
import { HistoryDrawer } from './HistoryDrawer';
import { LeadersPanel } from './LeadersPanel';
import { UploadModal } from './UploadModal';

export default function TemplatesPage() {
  const { t, i18n } = useTranslation();
  const { en } = useLabels();
  const { get, set } = useUrlState();
  const perms = usePermissions();
  const list = useTemplateList();
  const tab = get('tab') === 'leaders' ? 'leaders' : 'templates';
  const items = list.data?.items ?? [];
  const nameOf = (code: string | undefined) => {
    const x = items.find((i) => i.code === code);
    return x ? (en ? x.nameEn : x.nameZh) : (code ?? '');
  };
  const historyCode = get('history');
  const uploadCode = get('upload');
  const lang = i18n.language === 'en-US' ? 'en' : 'zh';

  const columns: ColumnsType<TemplateSummary> = [
    {
      title: t('chainAdmin.chain'),
      key: 'name',
      width: 170,
      render: (_: unknown, x) => (
        <div>
          <Link to={`/chain-admin/templates/${x.code}`} data-testid={`template-${x.code}`}>
            {en ? x.nameEn : x.nameZh}
          </Link>
        </div>
      ),
    },
    {
      title: t('chainAdmin.nodes'),
      dataIndex: 'nodes',
      width: 110,
      sorter: (a, b) => a.nodes - b.nodes,
      render: (v: number, x) => (
        <div>
          {v}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {t('chainAdmin.segmentsGroups', { segments: x.segments, groups: x.nodes - x.segments })}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('chainAdmin.edges'), dataIndex: 'edges', width: 84, sorter: (a, b) => a.edges - b.edges },
    { title: t('chainAdmin.keyLinks'), dataIndex: 'keyLinks', width: 80 },
    {
      title: t('chainAdmin.version'),
      dataIndex: 'version',
      width: 110,
      render: (v: number, x) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0 }}
          onClick={() => set({ history: x.code })}
          data-testid={`history-${x.code}`}
        >
          v{v} <HistoryOutlined />
          <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 4 }}>
            {t('chainAdmin.versions', { count: x.versions })}
          </Typography.Text>
        </Button>
      ),
    },
    {
      title: t('chainAdmin.publishedBy'),
      key: 'published',
      width: 150,
      render: (_: unknown, x) => (
        <div>
          {x.publishedBy === 'system' ? t('chainAdmin.system') : (x.publishedBy ?? '—')}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {fmtDateTime(x.publishedAt, i18n.language)}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('chainAdmin.basis'),
      dataIndex: 'basis',
      ellipsis: { showTitle: false },
      render: (v: string, x) => (
        <Tooltip
          title={<OriginalText text={withoutKeys(v)} tag={false} />}
          placement="topLeft"
          styles={{ root: { maxWidth: 560 } }}
        >
          <span>
            <OriginalText text={withoutKeys(v)} />
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {t('chainAdmin.sources', { count: x.sources })}
            </Typography.Text>
          </span>
        </Tooltip>
      ),
    },
    {
      title: t('chainAdmin.actions'),
      key: 'actions',
      width: 230,
      render: (_: unknown, x) => (
        <Space size={4} wrap>
          <Link to={`/chain-admin/templates/${x.code}`}>
            <Button
              size="small"
              icon={perms.isAdmin ? <EditOutlined /> : <EyeOutlined />}
              data-testid={`edit-${x.code}`}
            >
              {perms.isAdmin ? t('chainAdmin.edit') : t('chainAdmin.open')}
            </Button>
          </Link>
          <DownloadButton
            size="small"
            path={`/chains/${x.code}/export`}
            fileName={`parklink-chain-${x.code}.json`}
            testId={`json-${x.code}`}
          >
            {t('chainAdmin.downloadJson')}
          </DownloadButton>
          <DownloadButton
            size="small"
            path={`/chains/${x.code}/export.xlsx`}
            params={{ lang }}
            fileName={`parklink-chain-${x.code}.xlsx`}
            testId={`xlsx-${x.code}`}
          >
            {t('chainAdmin.downloadExcel')}
          </DownloadButton>
          {perms.isAdmin && (
            <Button
              size="small"
              icon={<UploadOutlined />}
              onClick={() => set({ upload: x.code })}
              data-testid={`upload-${x.code}`}
            >
              {t('chainAdmin.upload')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div>
      <PageHeader
        title={t('chainAdmin.title')}
        subtitle={t('chainAdmin.subtitle')}
        extra={
          <Link to="/chain-admin/mappings">
            <Button icon={<AuditOutlined />} data-testid="go-review">
              {t('chainAdmin.reviewMappings')}
            </Button>
          </Link>
        }
      />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => set({ tab: k === 'templates' ? undefined : k })}
          items={[
            {
              key: 'templates',
              label: t('chainAdmin.tabTemplates'),
              children: list.isError ? (
                <ErrorState error={list.error} onRetry={() => void list.refetch()} />
              ) : (
                <Table<TemplateSummary>
                  rowKey="code"
                  loading={list.isPending}
                  dataSource={items}
                  columns={columns}
                  pagination={false}
                  size="middle"
                  locale={{ emptyText: list.isPending ? ' ' : <EmptyState description={t('chainAdmin.empty')} /> }}
                  data-testid="templates-table"
                />
              ),
            },
            {
              key: 'leaders',
              label: t('chainAdmin.tabLeaders'),
              children: tab === 'leaders' ? <LeadersPanel templates={items} /> : null,
            },
          ]}
        />
      </Card>
      <HistoryDrawer code={historyCode} name={nameOf(historyCode)} onClose={() => set({ history: undefined })} />
      {uploadCode && perms.isAdmin && (
        <UploadModal code={uploadCode} name={nameOf(uploadCode)} onClose={() => set({ upload: undefined })} />
      )}
    </div>
  );
}
