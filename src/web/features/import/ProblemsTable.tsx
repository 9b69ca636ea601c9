/** Every problem of an import report, filterable by severity and sheet, paginated; filters in the URL. */
import { Flex, Segmented, Select, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { usePaging, useUrlState } from '../../app/useUrlState';
import type { ImportProblem } from '../../client/types';
import { EmptyState } from '../../components/states';

type Severity = 'all' | 'error' | 'warning';

export function ProblemsTable({ problems, sheets }: { problems: ImportProblem[]; sheets: string[] }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  const { get, set } = useUrlState();
  const paging = usePaging(10);
  const severityParam = get('severity');
  const severity: Severity = severityParam === 'error' || severityParam === 'warning' ? severityParam : 'all';
  const sheetNames = useMemo(
    () => [...new Set([...sheets, ...problems.map((p) => p.sheet).filter(Boolean)])],
    [sheets, problems],
  );
  const sheet = get('sheet');
  const activeSheet = sheet && sheetNames.includes(sheet) ? sheet : undefined;

  const inSheet = useMemo(
    () => (activeSheet ? problems.filter((p) => p.sheet === activeSheet) : problems),
    [problems, activeSheet],
  );
  const counts = useMemo(() => {
    const errors = inSheet.filter((p) => p.severity === 'error').length;
    return { all: inSheet.length, error: errors, warning: inSheet.length - errors };
  }, [inSheet]);
  const rows = useMemo(
    () =>
      inSheet
        .map((p, i) => ({ ...p, key: i }))
        .filter((p) => severity === 'all' || p.severity === severity)
        // Reading order: sheet as in the file, then row, then column.
        .sort(
          (a, b) =>
            sheetNames.indexOf(a.sheet) - sheetNames.indexOf(b.sheet) ||
            a.row - b.row ||
            a.column.length - b.column.length ||
            a.column.localeCompare(b.column),
        ),
    [inSheet, severity, sheetNames],
  );
  const multiSheet = sheetNames.length > 1;

  const columns: ColumnsType<ImportProblem & { key: number }> = [
    {
      title: t('importer.severity'),
      dataIndex: 'severity',
      key: 'severity',
      width: 76,
      render: (v: ImportProblem['severity']) =>
        v === 'error' ? (
          <Tag color="error" variant="outlined">
            {t('importer.error')}
          </Tag>
        ) : (
          <Tag color="warning" variant="outlined">
            {t('importer.warning')}
          </Tag>
        ),
    },
    ...(multiSheet
      ? [
          {
            title: t('importer.sheet'),
            dataIndex: 'sheet',
            key: 'sheet',
            width: 110,
            ellipsis: true,
            render: (v: string) => v || t('importer.wholeFile'),
          },
        ]
      : []),
    {
      title: t('importer.row'),
      dataIndex: 'row',
      key: 'row',
      width: 64,
      align: 'right',
      render: (v: number) => (v > 0 ? v : <Typography.Text type="secondary">—</Typography.Text>),
    },
    {
      title: t('importer.column'),
      dataIndex: 'column',
      key: 'column',
      width: 84,
      align: 'center',
      render: (v: string) => (v ? <code className="cell-ref">{v}</code> : '—'),
    },
    {
      title: t('importer.header'),
      dataIndex: 'header',
      key: 'header',
      width: 170,
      ellipsis: { showTitle: false },
      render: (v: string) => (
        <Tooltip title={v} placement="topLeft">
          {v || '—'}
        </Tooltip>
      ),
    },
    {
      title: t('importer.value'),
      dataIndex: 'value',
      key: 'value',
      width: 200,
      ellipsis: { showTitle: false },
      render: (v: string) =>
        v ? (
          <Tooltip title={v} placement="topLeft">
            <span className="cell-value">{v}</span>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">{t('importer.empty')}</Typography.Text>
        ),
    },
    {
      title: t('importer.reason'),
      dataIndex: 'message',
      key: 'message',
      render: (m: ImportProblem['message'], p) => (
        <span data-testid={`problem-${p.sheet}-${p.row}-${p.column || 'x'}`}>{en ? m.en : m.zh}</span>
      ),
    },
  ];

  return (
    <>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
        <Segmented<Severity>
          value={severity}
          onChange={(v) => set({ severity: v === 'all' ? undefined : v })}
          options={[
            { value: 'all', label: `${t('importer.severityAll')} ${counts.all}` },
            { value: 'error', label: `${t('importer.error')} ${counts.error}` },
            { value: 'warning', label: `${t('importer.warning')} ${counts.warning}` },
          ]}
          data-testid="problems-severity"
        />
        {multiSheet && (
          <Select<string>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            value={activeSheet}
            placeholder={t('importer.allSheets')}
            prefix={<span style={{ color: '#6b7280' }}>{t('importer.sheet')}</span>}
            onChange={(v) => set({ sheet: v })}
            options={sheetNames.map((s) => ({ value: s, label: s || t('importer.wholeFile') }))}
            style={{ width: 220 }}
            data-testid="problems-sheet"
          />
        )}
      </Flex>
      <Table
        size="small"
        columns={columns}
        dataSource={rows}
        rowClassName={(p) => (p.severity === 'error' ? 'problem-error' : 'problem-warning')}
        locale={{
          emptyText: (
            <EmptyState description={problems.length === 0 ? t('importer.noProblems') : t('importer.noMatching')} />
          ),
        }}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: rows.length,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (n) => t('common.total', { count: n }),
          onChange: paging.onChange,
          hideOnSinglePage: false,
        }}
        scroll={{ x: 860 }}
        data-testid="import-problems"
      />
    </>
  );
}
